#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install the pinned requirements into it. Idempotent:
# a second run only checks that everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="${1:-requirements.txt}"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed (found: $("$python" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
# pip resolves for about 2 s even when there is nothing to do: skip it when every pin is
# already installed at its version (scripts/installed.py; anything it cannot read goes to pip).
if .venv/bin/python scripts/installed.py "$requirements" 2>/dev/null; then
  exit 0
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
