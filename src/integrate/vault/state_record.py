"""Rollback and loss detection: a commit counter inside the database, recorded outside it.

SQLCipher authenticates every page, but it cannot tell an older, intact file from the
current one: copying an older vault.db back, deleting vault.db-wal, or a damaged WAL
(SQLite stops reading it at the first bad frame) silently loses committed changes.

So the vault keeps a counter in its `meta` table (`integrity.counter`) and the last
value it reached in `vault.state` beside it, authenticated with an HMAC under the vault
key. The order is what keeps an honest crash from raising a false alarm:

1. the counter goes up in its own committed transaction (synchronous=FULL: durable
   when COMMIT returns);
2. only then is `vault.state` replaced (temp file, fsync, rename).

A crash between or during the two leaves the database *ahead* of the record, which is
fine. On open the record is read first and the database second (the app may bump both
meanwhile), and a database *behind* the record is reported, never opened as healthy.

The record is written (`Vault.record_state`) only by the process holding the instance
lock, and only when something was written since the last time: at close, and in the
app a few seconds after changes (so an autosave never waits on it). Changes committed
after the last record are not covered: a crash that also loses the WAL can drop those
few seconds unnoticed. docs/decisions.md has the full table of what is and is not
detected.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from integrate.paths import VaultPaths, write_private_atomic
from integrate.vault.db import Connection, transaction
from integrate.vault.keys import VaultKey

STATE_NAME = "vault.state"
META_KEY = "integrity.counter"
_FORMAT = 1


class StateProblem(StrEnum):
    NONE = ""
    BEHIND = "behind"  # the database is older than the recorded state
    RECORD_MISSING = "record_missing"  # the database has a counter, the record is gone
    RECORD_INVALID = "record_invalid"  # unreadable, another vault's, or its MAC fails


@dataclass(frozen=True)
class StateCheck:
    problem: StateProblem
    recorded: int | None = None
    in_database: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is StateProblem.NONE

    def describe(self) -> str:
        """One plain sentence about what was found (empty when all is well)."""
        if self.problem is StateProblem.BEHIND:
            return (
                f"The journal's change counter is at {self.in_database or 0}, but "
                f"Integrate last recorded {self.recorded}: changes saved since are missing "
                "from vault.db (an older copy, a deleted or damaged vault.db-wal)."
            )
        if self.problem is StateProblem.RECORD_MISSING:
            return (
                "The file where Integrate records the journal's last state (vault.state) "
                "is missing, so an older copy of the journal cannot be ruled out."
            )
        if self.problem is StateProblem.RECORD_INVALID:
            return (
                "The file where Integrate records the journal's last state (vault.state) "
                "is damaged or does not belong to this journal."
            )
        return ""


def state_path(paths: VaultPaths) -> Path:
    return paths.root / STATE_NAME


def _mac(key: VaultKey, vault_id: str, counter: int) -> str:
    message = f"integrate-state:{vault_id}:{counter}".encode()
    return hmac.new(key.raw, message, hashlib.sha256).hexdigest()


def database_counter(conn: Connection) -> int | None:
    """The counter stored in the database (None before the vault was first recorded)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        return -1  # a damaged value is behind any record


def bump(conn: Connection) -> int:
    """Advance the database counter in its own transaction; returns the new value."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
            (META_KEY,),
        )
        value = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()[0]
    return int(value)


def write_record(paths: VaultPaths, key: VaultKey, vault_id: str, counter: int) -> None:
    """Replace vault.state (atomically). Call only after `counter` is committed."""
    record = {
        "format": _FORMAT,
        "vault_id": vault_id,
        "counter": counter,
        "mac": _mac(key, vault_id, counter),
    }
    write_private_atomic(state_path(paths), json.dumps(record, indent=2).encode("utf-8"))


def _read_record(paths: VaultPaths) -> dict[str, object] | None | bool:
    """The record as a dict; None when there is none; False when it cannot be parsed."""
    try:
        raw = json.loads(state_path(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return raw if isinstance(raw, dict) else False


def recorded_counter(
    paths: VaultPaths, vault_id: str, keys: Iterable[VaultKey]
) -> int | None | bool:
    """The recorded counter if its MAC verifies under one of `keys`; None if there is no
    record; False if there is one that does not verify."""
    raw = _read_record(paths)
    if raw is None or raw is False:
        return raw
    assert isinstance(raw, dict)
    counter = raw.get("counter")
    mac = raw.get("mac")
    if (
        raw.get("format") != _FORMAT
        or raw.get("vault_id") != vault_id
        or not isinstance(counter, int)
        or isinstance(counter, bool)
        or not isinstance(mac, str)
    ):
        return False
    for key in keys:
        if hmac.compare_digest(_mac(key, vault_id, counter), mac):
            return counter
    return False


def assess(
    paths: VaultPaths, conn: Connection, vault_id: str, keys: Iterable[VaultKey]
) -> StateCheck:
    """Compare the recorded state with the database's counter (record read first)."""
    recorded = recorded_counter(paths, vault_id, keys)
    in_db = database_counter(conn)
    if recorded is False:
        return StateCheck(StateProblem.RECORD_INVALID, None, in_db)
    if recorded is None:
        if in_db is None:  # a vault from before this check: recording starts now
            return StateCheck(StateProblem.NONE, None, None)
        return StateCheck(StateProblem.RECORD_MISSING, None, in_db)
    assert isinstance(recorded, int)
    if in_db is None or in_db < recorded:
        return StateCheck(StateProblem.BEHIND, recorded, in_db)
    return StateCheck(StateProblem.NONE, recorded, in_db)


def resign(paths: VaultPaths, vault_id: str, old: VaultKey, new: VaultKey) -> None:
    """After a key change: the record, if it verifies under `old`, is re-signed under
    `new` (same counter). A record that does not verify is left for the open to report."""
    counter = recorded_counter(paths, vault_id, [old])
    if isinstance(counter, int) and not isinstance(counter, bool):
        write_record(paths, new, vault_id, counter)
