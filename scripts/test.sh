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
# With arguments, one run of exactly those. Without, the GUI tests run one package per
# process: after some 70 windows in one process, unlocking in later tests stalled (a
# test-isolation problem under investigation, see the closing note of 2026-12-07).
run() {
  local status=0
  xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m pytest -q -p no:cacheprovider "$@" \
    || status=$?
  if [ "$status" -eq 5 ]; then echo "pytest collected no tests: $*"; return 1; fi
  return "$status"
}
if [ "$#" -gt 0 ]; then
  run "$@"
  exit $?
fi
failed=0
run tests --ignore=tests/ui || failed=1
for group in tests/ui/*/; do
  run "$group" || failed=1
done
run tests/ui --ignore-glob='tests/ui/*/*' || failed=1
if [ "$failed" -ne 0 ]; then echo "some tests failed (see above)"; fi
exit "$failed"
