#!/bin/sh
# Refresh the English template and build every translation (see docs/translating.md).
#   scripts/i18n.sh            -> translations/integrate_en.ts + resources/translations/*.qm
#   scripts/i18n.sh de         -> also create/refresh translations/integrate_de.ts
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x /work/venv/bin/python ] && [ -z "${PYTHON:-}" ] && PY=/work/venv/bin/python
"$PY" scripts/i18n.py update --lang en
for lang in "$@"; do "$PY" scripts/i18n.py update --lang "$lang"; done
"$PY" scripts/i18n.py release
