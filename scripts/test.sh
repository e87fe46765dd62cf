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
# Two workers (TEST_WORKERS=N for another count). Three were tried for the whole suite on
# this 2-core machine, twice: the Chromium walks starved each other's studios (a Stats page
# timed out; later a walk read a preview before its rerun), and the run was no faster.
if [[ "${1:-}" == "--fast" ]]; then
  shift
  args+=(-m "not model and not browser and not server and not slow")
fi
# Whole test files go to one worker each, so a module's studio or gateway starts once; they
# are handed out in collection order (tests/conftest.py puts the long ones first), not
# xdist's default of the files with the most tests first (which left the one-test browser
# files to run alone at the end).
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "${args[@]}" "$@"
