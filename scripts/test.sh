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
# The whole suite: three workers on this 2-core machine (TEST_WORKERS=N for another count).
# The browser files wait on their studios, models and Chromium a good part of the time; a
# third worker runs other files meanwhile (measured at 203 s against 231-247 s with two,
# under the same load). The browser files come in two groups (tests/conftest.py), so no
# more than two of them run at once: with three at once they starved each other's studios.
# The fast part has nothing to wait on: two workers (a third only adds its collection).
workers=3
if [[ "${1:-}" == "--fast" ]]; then
  shift
  workers=2
  args+=(-m "not model and not browser and not server and not slow")
  # The tests' scratch folders (pytest's tmp_path, the session's data folder: every SQLite
  # ledger and disk cache a test makes) on a RAM file system when there is one and TMPDIR
  # is not set: SQLite and diskcache sync to disk on every commit, and on this VM's disk
  # that was 15-20% of the cache and ledger files' time. pytest keeps its last three
  # sessions' folders there (about 10 MB each); set TMPDIR to use another folder.
  if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then
    export TMPDIR="/dev/shm/optimizer-tests-$(id -u)"
    mkdir -p "$TMPDIR"
  fi
fi
# Whole test files (and the two groups of browser files) go to one worker each, so a
# module's studio or gateway starts once; they are handed out in collection order
# (tests/conftest.py puts the long ones first), not xdist's default of the files with the
# most tests first (which left the one-test browser files to run alone at the end).
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-$workers}" --dist loadfile --no-loadscope-reorder "${args[@]}" "$@"
