#!/usr/bin/env bash
# Install Integrate with its test, dev and bundle extras into .venv and run lint, types and tests.
# This is README's test command; .ci/run calls it after installing system packages.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,dev,bundle]"

echo "== ruff"
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
echo "== mypy"
.venv/bin/mypy
echo "== import-linter (layers, docs/decisions.md)"
.venv/bin/lint-imports
echo "== pytest"
# xvfb-run gives the tests that need a real X display one; the rest run offscreen.
# One pytest process for everything (or exactly the arguments given). The GUI tests once
# ran one package per process because unlocks "stalled" some 70 windows into a run: a
# test's stray QApplication.exit() (fired by a leftover timer outside any exec()) had made
# every later Qt event loop return at once. tests/conftest.py now fails the test during
# which that happens and restarts the event loops, so one process is sound again.
status=0
xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m pytest -q -p no:cacheprovider "$@" \
  || status=$?
if [ "$status" -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi
exit "$status"
