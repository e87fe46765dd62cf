#!/usr/bin/env bash
# Set up .venv with the test tools and run the whole suite (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
