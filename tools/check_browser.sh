#!/usr/bin/env bash
# Open every notebook in JupyterLab in headless Chromium, run all cells, save screenshots.
# Installs what it needs (Debian chromium, the playwright Python client); not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/python -c "import playwright" 2>/dev/null || .venv/bin/pip install --quiet "playwright>=1.45,<2"
exec .venv/bin/python tools/check_browser.py "$@"
