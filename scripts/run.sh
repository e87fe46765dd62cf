#!/usr/bin/env bash
# Set up .venv and start the studio on the embedded defaults (no key, no network, no Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.address "${HOST:-127.0.0.1}" --server.port "${PORT:-8501}" "$@"
