#!/usr/bin/env bash
# Set up .venv with the test tools and run the whole suite (extra arguments go to pytest).
#   bash scripts/test.sh            # everything: model, browser, Redis, PostgreSQL, OIDC
#   bash scripts/test.sh --fast     # the fast part: no model, no browser, no servers
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements-dev.txt
# Compiled modules are kept: every `python -m optimizer` a test starts would otherwise
# compile the package again, and pytest would rewrite every test module's asserts again.
unset PYTHONDONTWRITEBYTECODE
args=()
if [[ "${1:-}" == "--fast" ]]; then
  shift
  args+=(-m "not model and not browser and not server and not slow")
fi
# Whole test files go to one of two workers, so a module's studio or gateway starts once.
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "${args[@]}" "$@"
