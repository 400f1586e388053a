"""Dates: temporal expressions found, normalised (TIMEX3) and resolved.

Placeholder until the extractor lands (issue 4): returns no dates.
"""

from __future__ import annotations

from typing import Any


def extract_dates(
    *, doc_id: str, text: str, sentences: list[dict], published: Any = None
) -> list[dict]:
    """Rows of the ``dates`` frame for one document."""
    return []
