"""``python -m analysis.charts PARSED_DIR [--out DIR]``: export every chart of a parsed corpus."""

from __future__ import annotations

from .report import main

if __name__ == "__main__":
    raise SystemExit(main())
