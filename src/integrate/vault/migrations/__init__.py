"""Numbered schema migrations, applied in order, each in one transaction.

A migration is a file `NNNN_name.sql` in this folder. The schema version is
SQLite's `user_version`. Before upgrading an existing vault, the caller takes an
encrypted backup copy (see `integrate.vault.vault`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from integrate.vault.db import Connection

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class SchemaTooNew(Exception):  # noqa: N818
    """The vault was written by a newer Integrate than this one."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def all_migrations() -> list[Migration]:
    found: list[Migration] = []
    # This package's own folder, like integrate.resources: importlib.resources would
    # import its readers (~3 ms) at every start for the same directory listing.
    for item in Path(__file__).resolve().parent.iterdir():
        match = _NAME.match(item.name)
        if match:
            found.append(Migration(int(match.group(1)), item.name, item.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"Migration numbering has a gap before {migration.name}")
    return found


LATEST_VERSION = len(all_migrations())


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(conn: Connection) -> list[Migration]:
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise SchemaTooNew(
            f"This journal was written by a newer version of Integrate (schema {current}); "
            f"this version understands up to {LATEST_VERSION}. Please update Integrate."
        )
    return [m for m in all_migrations() if m.version > current]


def apply(conn: Connection, migrations: list[Migration]) -> None:
    """Apply each migration in its own transaction, bumping user_version with it."""
    for migration in migrations:
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql}\n"
            f"PRAGMA user_version = {migration.version};\n"
            "COMMIT;\n"
        )
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
