#!/bin/sh
# Refresh the English template and build every translation (see docs/translating.md).
#   scripts/i18n.sh            -> translations/integrate_en.ts + resources/translations/*.qm
#   scripts/i18n.sh de         -> also create/refresh translations/integrate_de.ts
set -eu
cd "$(dirname "$0")/.."
# The Python that has PySide6: $PYTHON, else the .venv the README installs into, else
# the one that runs this script's tools, else python3.
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then PY="$VIRTUAL_ENV/bin/python"
else PY=python3
fi
"$PY" scripts/i18n.py update --lang en
for lang in "$@"; do "$PY" scripts/i18n.py update --lang "$lang"; done
"$PY" scripts/i18n.py release
