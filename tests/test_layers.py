"""Issue 20: only vault/ and services/ touch the database connection."""

from __future__ import annotations

import re
from pathlib import Path

import integrate

ROOT = Path(integrate.__file__).parent
# `.conn` of a Vault; the reminders' D-Bus router has its own `.conn`.
ALLOWED = {"vault", "services", "demo"}
NOT_THE_DATABASE = {("ui/reminders/desktop_notify.py", "router.conn")}


def test_no_database_connection_outside_vault_and_services() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.split("/")[0] in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in re.finditer(r"([\w.]*)\.conn\b", line):
                if (rel, match.group(0)) not in NOT_THE_DATABASE:
                    found.append(f"{rel}:{number}: {line.strip()}")
    assert found == []
