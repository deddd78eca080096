"""Opening the encrypted SQLCipher database, its PRAGMAs and integrity checks.

PRAGMA choices (tested in tests/vault/test_vault.py):
- raw 256-bit key (`x'..'`), never a passphrase string: no per-open KDF cost;
- `journal_mode=WAL` + `synchronous=FULL`: an acknowledged commit survives
  power loss and SIGKILL, readers never block the writer;
- `temp_store=MEMORY`: SQLCipher does not encrypt temp files;
- `secure_delete=ON`: deleted text is zeroed inside the (encrypted) pages;
- `foreign_keys=ON`: sessions, check-ins and entries stay consistent;
- `cipher_memory_security` stays OFF (SQLCipher's default since 4.5): see
  docs/decisions.md for the measurement - it wipes every freed allocation,
  costs a large share of query time on big vaults, and protects only against
  an attacker who can already read this process's memory.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlcipher3 import dbapi2

from integrate.paths import FILE_MODE
from integrate.vault.keys import VaultKey

if TYPE_CHECKING:  # sqlcipher3 ships no type hints; its API is the stdlib sqlite3 one
    from sqlite3 import Connection, DatabaseError
else:
    Connection = dbapi2.Connection
    DatabaseError = dbapi2.DatabaseError


class VaultOpenError(Exception):
    """The database could not be opened with the given key."""


class NotDecryptable(VaultOpenError):
    """SQLCipher could not read page 1: wrong key, or the file is damaged."""


@dataclass
class IntegrityReport:
    cipher_problems: list[str] = field(default_factory=list)
    sqlite_problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.sqlite_problems

    def summary(self) -> str:
        if self.ok:
            return "ok"
        lines = self.cipher_problems[:5] + self.sqlite_problems[:5]
        return "; ".join(lines)


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def connect(
    path: Path, key: VaultKey, *, read_only: bool = False, snapshot: bool = True
) -> Connection:
    """Open `path` with `key` and apply the vault PRAGMAs.

    Raises NotDecryptable if the key does not open the file (or page 1 is damaged).
    """
    if not read_only and not path.exists():
        # Create it 0600 ourselves: SQLite would honour the umask, and gives the
        # -wal/-shm files the main file's mode.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, FILE_MODE))
    # Read-only opens are for damaged files: `immutable` makes SQLite create no -wal/-shm
    # files and take no locks, so inspecting a file never changes the folder.
    # `snapshot=False` gives a normal read-only connection beside a live writer (WAL).
    # After a crash the -wal file can hold committed pages the main file lacks; an
    # immutable open would silently hide them, so a present WAL forces a plain "ro".
    if snapshot and _has_wal(path):
        snapshot = False
    mode = ("ro&immutable=1" if snapshot else "ro") if read_only else "rw"
    uri = f"file:{path.as_posix()}?mode={mode}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs to stderr otherwise
        conn.execute(f"PRAGMA key = {key.sqlcipher_pragma_value()}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError as exc:
            raise NotDecryptable("The journal file could not be decrypted.") from exc
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
        return conn
    except BaseException:
        conn.close()
        raise


def check_integrity(
    conn: Connection, *, structure: bool = True, cipher: bool = True
) -> IntegrityReport:
    """Run SQLCipher's HMAC check over every page (unless `cipher` is False) and (unless
    `structure` is False) SQLite's quick_check of the b-tree structure."""
    report = IntegrityReport()
    if cipher:
        try:
            rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            report.cipher_problems = [str(r[0]) for r in rows]
        except DatabaseError as exc:
            report.cipher_problems = [f"cipher_integrity_check failed: {exc}"]
    if not structure:
        return report
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        problems = [str(r[0]) for r in rows if str(r[0]) != "ok"]
        report.sqlite_problems = problems
    except DatabaseError as exc:
        report.sqlite_problems = [f"quick_check failed: {exc}"]
    return report


@contextlib.contextmanager
def transaction(conn: Connection, *, immediate: bool = True) -> Iterator[Connection]:
    """BEGIN ... COMMIT, rolling back on any error (the connection is in autocommit mode).

    Nested use becomes a SAVEPOINT, so repositories can group their own writes
    and callers can still wrap several of them in one all-or-nothing unit.
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
            raise
        else:
            conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def export_encrypted(conn: Connection, target: Path, key_literal: str) -> None:
    """Write a consistent encrypted copy of the open database to `target` (must not exist).

    `key_literal` is a SQL literal for ATTACH ... KEY: either the raw-key form
    `"x'..'"` from VaultKey.sqlcipher_pragma_value(), or a quoted passphrase.
    """
    # Created 0600 by us (O_EXCL also refuses an existing file); SQLite would use the umask.
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, FILE_MODE))
    conn.execute(f"ATTACH DATABASE ? AS backup KEY {key_literal}", (str(target),))
    try:
        conn.execute("SELECT sqlcipher_export('backup')").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA backup.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE backup")
