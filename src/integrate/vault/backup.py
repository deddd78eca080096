"""Encrypted backups: write, inspect, restore and rotate. Pure Python, no dialogs.

A backup is a SQLCipher 4 database protected by a *backup passphrase* (SQLCipher's own
PBKDF2 key derivation), independent of the vault key and its slots: rotating the vault
key, losing the keyring or moving to a new computer never orphans a backup.

- Writing: `sqlcipher_export` from the open vault into a temp file in the target folder,
  fsync, atomic rename. Never a raw copy of a live database (the WAL holds recent commits).
- The passphrase is passed as a bound parameter (`ATTACH DATABASE ? AS b KEY ?`), checked
  against SQLCipher 4.19: no SQL quoting of the secret at all.
- A backup holds the standard schema (same `user_version`) plus two rows in its `meta`
  table (`backup.created_at`, `backup.app_version`), so `inspect_backup` can show what
  is inside before anything is restored.
- Restoring copies the backup's rows into a vault made by `create_vault` (new key, new
  slots) or, with `replace_vault_contents`, into the current vault after an encrypted
  copy of it has been saved in `backups/`. Both run in one transaction. A backup from an
  older schema is first copied and migrated (`_migrated_copy`); the file is not changed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

from integrate import __version__
from integrate.core.timeutil import from_iso, now_local, to_iso
from integrate.paths import FILE_MODE, VaultPaths, ensure_private_dir, fsync_dir
from integrate.vault import migrations
from integrate.vault.db import Connection, connect, transaction
from integrate.vault.keys import KdfParams, VaultKey
from integrate.vault.keystore import Keystore
from integrate.vault.state_record import META_KEY as STATE_META_KEY
from integrate.vault.vault import COUNTED_TABLES, CreatedVault, Vault, VaultError, create_vault

BACKUP_SUFFIX = ".ibackup"
MIN_PASSPHRASE = 8
# Tables copied on restore, in an order that satisfies foreign keys (they are also
# deferred, so the order is belt and braces). FTS rows are rebuilt by triggers.
DATA_TABLES = [
    "meta",
    "settings",
    "series",
    "sessions",
    "checkins",
    "pinned_prompts",
    "entries",
    "tags",
    "entry_tags",
    "measures",
    "crisis_screens",
    "exercise_runs",
    "safety_plan",
    "cautions_seen",
    "shares",
    "share_items",
    "reminders",
]
# Meta keys that describe one vault, never copied into another. The commit counter stays
# with the vault: a restore must not take it back to the backup's (a false rollback).
_VAULT_META = {"vault_id", "created_at", "created_by", STATE_META_KEY}
_BACKUP_META = {"backup.created_at", "backup.app_version"}
# Settings that only make sense on the computer that wrote them.
AUTO_SETTING = "backup.auto"
LAST_SETTING = "backup.last_at"
DISMISSED_SETTING = "backup.reminder_dismissed_at"
REMIND_AFTER = timedelta(days=7)
KEEP_DAILY = 7
KEEP_WEEKLY = 4


class BackupError(Exception):
    """A backup could not be written, read or restored; str(exc) is a plain sentence."""


class BackupUnreadable(BackupError):  # noqa: N818 - reads better at call sites
    """Wrong backup passphrase, or not a (readable) backup file. Nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    counts: dict[str, int]
    first: datetime | None
    last: datetime | None
    schema_version: int
    created_at: datetime | None = None
    app_version: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    safety_copy: Path | None = None  # the current vault's copy taken before replacing
    recovery_code: str = ""  # for a restore into a new vault (shown once)
    created: CreatedVault | None = field(default=None, repr=False)


# ----- writing ------------------------------------------------------------------------


def check_backup_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"A backup passphrase needs at least {MIN_PASSPHRASE} characters.")


def write_backup(vault: Vault, target: Path, passphrase: str) -> Path:
    """Write an encrypted backup of the open vault to `target` (replaced atomically)."""
    check_backup_passphrase(passphrase)
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} does not exist.")
    conn = vault.conn
    fd, tmp_name = tempfile.mkstemp(prefix=".integrate-", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)
        os.close(fd)
        conn.execute("ATTACH DATABASE ? AS ibackup KEY ?", (str(tmp), passphrase))
        try:
            conn.execute("SELECT sqlcipher_export('ibackup')").fetchall()
            version = migrations.schema_version(conn)
            conn.execute(f"PRAGMA ibackup.user_version = {int(version)}")
            conn.executemany(
                "INSERT OR REPLACE INTO ibackup.meta(key, value) VALUES (?, ?)",
                [("backup.created_at", to_iso(now_local())), ("backup.app_version", __version__)],
            )
        finally:
            conn.execute("DETACH DATABASE ibackup")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        fsync_dir(folder)
    except dbapi2.Error as exc:
        raise BackupError(f"The backup could not be written ({exc}).") from exc
    except OSError as exc:
        raise BackupError(f"The backup could not be written: {exc.strerror or exc}.") from exc
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return target


# ----- reading ------------------------------------------------------------------------


@contextlib.contextmanager
def open_backup(path: Path, passphrase: str) -> Iterator[Connection]:
    """A read-only connection with the backup attached as `ibackup` (raises BackupUnreadable)."""
    path = Path(path)
    if not path.is_file():
        raise BackupUnreadable(f"There is no file at {path}.")
    conn = sqlcipher3.connect(":memory:", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA temp_store = MEMORY")
        uri = "file:" + path.resolve().as_posix() + "?mode=ro"
        try:
            conn.execute("ATTACH DATABASE ? AS ibackup KEY ?", (uri, passphrase))
            conn.execute("SELECT count(*) FROM ibackup.sqlite_master").fetchone()
        except dbapi2.DatabaseError as exc:
            raise BackupUnreadable(
                "This backup could not be opened: the backup passphrase "
                "is wrong, or the file is not an Integrate backup or is "
                "damaged. Nothing was changed."
            ) from exc
        problems = [
            str(r[0]) for r in conn.execute("PRAGMA ibackup.cipher_integrity_check").fetchall()
        ]
        if problems:
            raise BackupUnreadable(
                "This backup file is damaged (it failed its integrity check). Nothing was changed."
            )
        tables = {
            str(r[0])
            for r in conn.execute("SELECT name FROM ibackup.sqlite_master WHERE type = 'table'")
        }
        if not {"meta", "entries", "sessions"} <= tables:
            raise BackupUnreadable("This file is not an Integrate backup. Nothing was changed.")
        yield conn
    finally:
        conn.close()


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return from_iso(value)
    except ValueError:
        return None


def _info(conn: Connection, schema: str) -> BackupInfo:
    counts = {
        t: int(conn.execute(f"SELECT count(*) FROM {schema}.{t}").fetchone()[0])
        for t in COUNTED_TABLES
    }
    stamps: list[datetime] = []
    for table, column in (
        ("entries", "created_at"),
        ("sessions", "at"),
        ("measures", "taken_at"),
        ("exercise_runs", "started_at"),
        ("checkins", "completed_at"),
    ):
        for row in conn.execute(f"SELECT min({column}), max({column}) FROM {schema}.{table}"):
            stamps += [t for t in (_parse_time(row[0]), _parse_time(row[1])) if t is not None]
    meta = dict(conn.execute(f"SELECT key, value FROM {schema}.meta").fetchall())
    version = int(conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0])
    return BackupInfo(
        counts=counts,
        first=min(stamps, key=lambda t: t.timestamp()) if stamps else None,
        last=max(stamps, key=lambda t: t.timestamp()) if stamps else None,
        schema_version=version,
        created_at=_parse_time(meta.get("backup.created_at")),
        app_version=str(meta.get("backup.app_version", "")),
    )


def inspect_backup(path: Path, passphrase: str) -> BackupInfo:
    """What a backup holds (counts, date range, schema version). Reads only."""
    with open_backup(path, passphrase) as conn:
        info = _info(conn, "ibackup")
    if info.schema_version > migrations.LATEST_VERSION:
        raise BackupError(
            "This backup was made by a newer version of Integrate. Please "
            "update Integrate to restore it."
        )
    return info


# ----- restoring ----------------------------------------------------------------------


def _columns(conn: Connection, schema: str, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _copy_rows(conn: Connection) -> None:
    """Replace main's rows with the attached backup's (inside the caller's transaction)."""
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for table in reversed(DATA_TABLES):
        if table == "meta":
            keep = ", ".join(f"'{k}'" for k in sorted(_VAULT_META))
            conn.execute(f"DELETE FROM main.meta WHERE key NOT IN ({keep})")
        else:
            conn.execute(f"DELETE FROM main.{table}")
    for table in DATA_TABLES:
        ours = _columns(conn, "main", table)
        theirs = set(_columns(conn, "ibackup", table))
        shared = [c for c in ours if c in theirs]
        if not shared:
            continue
        cols = ", ".join(shared)
        where = ""
        if table == "meta":
            skip = ", ".join(f"'{k}'" for k in sorted(_VAULT_META | _BACKUP_META))
            where = f" WHERE key NOT IN ({skip})"
        conn.execute(f"INSERT INTO main.{table}({cols}) SELECT {cols} FROM ibackup.{table}{where}")
    for key in (AUTO_SETTING, LAST_SETTING, DISMISSED_SETTING):
        # Another computer's backup folder and schedule do not apply here.
        conn.execute("DELETE FROM main.settings WHERE key = ?", (key,))
    conn.executemany(
        "INSERT OR REPLACE INTO main.meta(key, value) VALUES (?, ?)",
        [("restored_at", to_iso(now_local()))],
    )
    bad = conn.execute("PRAGMA main.foreign_key_check").fetchall()
    if bad:
        raise BackupError(
            "The backup's records do not fit together (broken links), so nothing was restored."
        )


@contextlib.contextmanager
def _migrated_copy(path: Path, passphrase: str, folder: Path) -> Iterator[tuple[Path, VaultKey]]:
    """A copy of an older backup brought to this schema by the migrations, and its key.

    Backups made before an update would otherwise no longer restore. The backup file is
    never changed: its rows are copied into a temporary file in `folder` (the vault's
    private folder), encrypted under a one-off key that is never stored, and deleted
    afterwards.
    """
    key = VaultKey.generate()
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=folder)  # 0600
    os.close(fd)
    tmp = Path(name)
    try:
        with open_backup(path, passphrase) as conn:
            conn.execute(
                f"ATTACH DATABASE ? AS work KEY {key.sqlcipher_pragma_value()}", (str(tmp),)
            )
            try:
                conn.execute("SELECT sqlcipher_export('work', 'ibackup')").fetchall()
                version = int(conn.execute("PRAGMA ibackup.user_version").fetchone()[0])
                conn.execute(f"PRAGMA work.user_version = {version}")
            finally:
                conn.execute("DETACH DATABASE work")
        work = connect(tmp, key)
        try:
            migrations.apply(work, migrations.pending(work))
        finally:
            work.close()
        yield tmp, key
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{s}") for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _restore_into(vault: Vault, path: Path, passphrase: str) -> BackupInfo:
    info = inspect_backup(path, passphrase)
    conn = vault.conn
    with contextlib.ExitStack() as stack:
        if info.schema_version == migrations.schema_version(conn):
            uri = "file:" + Path(path).resolve().as_posix() + "?mode=ro"
            conn.execute("ATTACH DATABASE ? AS ibackup KEY ?", (uri, passphrase))
        else:  # older (a newer one was refused above)
            try:
                copy, key = stack.enter_context(
                    _migrated_copy(Path(path), passphrase, vault.paths.root)
                )
            except dbapi2.Error as exc:
                raise BackupError(
                    "This backup's older journal format could not be brought up to date "
                    f"({exc}). Nothing was changed."
                ) from exc
            conn.execute(
                f"ATTACH DATABASE ? AS ibackup KEY {key.sqlcipher_pragma_value()}", (str(copy),)
            )
        try:
            with transaction(conn):
                _copy_rows(conn)
        except dbapi2.Error as exc:
            raise BackupError(
                f"The backup could not be restored ({exc}). Nothing was changed."
            ) from exc
        finally:
            conn.execute("DETACH DATABASE ibackup")
    return info


def restore_to_new_vault(
    path: Path,
    passphrase: str,
    paths: VaultPaths,
    *,
    keystore: Keystore | None,
    vault_passphrase: str | None,
    kdf: KdfParams | None = None,
) -> RestoreResult:
    """Restore a backup into a new vault at `paths` (new key and slots, like create_vault).

    The backup is checked before anything is created; if copying fails, the half-made
    vault is removed again. The returned `created.vault` is open; the caller closes it.
    """
    inspect_backup(path, passphrase)  # wrong passphrase: fail before creating anything
    if paths.db.exists() or paths.keyslots.exists():
        raise BackupError(
            f"A journal already exists in {paths.root}. Choose an empty folder, "
            "or replace the current journal instead."
        )
    created = create_vault(paths, keystore=keystore, passphrase=vault_passphrase, kdf=kdf)
    try:
        info = _restore_into(created.vault, path, passphrase)
    except BaseException:
        created.vault.close()
        if keystore is not None and created.vault.slots.keyring is not None:
            keystore.delete(created.vault.id)
        for leftover in [*paths.sidecars(), paths.keyslots]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    return RestoreResult(info=info, recovery_code=created.recovery_code, created=created)


def replace_vault_contents(vault: Vault, path: Path, passphrase: str) -> RestoreResult:
    """Replace the open vault's records with a backup's, after saving a copy of it.

    The key and slots stay as they are. The safety copy is encrypted with the vault key
    (in `backups/`), so the current passphrase or recovery code opens it.
    """
    inspect_backup(path, passphrase)
    safety = Path(vault.backup_copy("before-restore"))
    info = _restore_into(vault, path, passphrase)
    return RestoreResult(info=info, safety_copy=safety)


# ----- automatic backups --------------------------------------------------------------


@dataclass(frozen=True)
class AutoBackupConfig:
    folder: Path
    passphrase: str
    since: datetime | None = None  # when they were turned on (None: not recorded)

    def to_setting(self) -> dict[str, str]:
        setting = {"folder": str(self.folder), "passphrase": self.passphrase}
        if self.since is not None:
            setting["since"] = to_iso(self.since)
        return setting


def auto_config(vault: Vault) -> AutoBackupConfig | None:
    """The automatic backup settings, kept inside the encrypted vault (None: off)."""
    raw = vault.get_setting(AUTO_SETTING)
    if not isinstance(raw, dict) or not raw.get("folder") or not raw.get("passphrase"):
        return None
    return AutoBackupConfig(
        Path(str(raw["folder"])), str(raw["passphrase"]), _parse_time(raw.get("since"))
    )


def set_auto_config(vault: Vault, config: AutoBackupConfig | None) -> None:
    if config is None:
        vault.conn.execute("DELETE FROM settings WHERE key = ?", (AUTO_SETTING,))
        return
    check_backup_passphrase(config.passphrase)
    if config.since is None:
        config = AutoBackupConfig(config.folder, config.passphrase, now_local())
    vault.set_setting(AUTO_SETTING, config.to_setting())


def last_backup_at(vault: Vault) -> datetime | None:
    return _parse_time(vault.get_setting(LAST_SETTING))


def record_backup(vault: Vault, when: datetime | None = None) -> None:
    vault.set_setting(LAST_SETTING, to_iso(when or now_local()))


def backups_in_use(vault: Vault) -> bool:
    """The patient has made a backup, or turned automatic backups on."""
    return last_backup_at(vault) is not None or auto_config(vault) is not None


def needs_reminder(vault: Vault, now: datetime | None = None) -> bool:
    """True when backups are in use and the last one is more than a week old.

    Someone who never chose backups is not nagged about them (Settings says "No backup
    has been made yet"). Automatic backups that have not managed one yet count from
    when they were turned on. "Not now" on the reminder quiets it for a week.
    """
    now = now or now_local()
    last = last_backup_at(vault)
    if last is None:
        config = auto_config(vault)
        if config is None:
            return False
        if config.since is not None and now - config.since <= REMIND_AFTER:
            return False
    elif now - last <= REMIND_AFTER:
        return False
    dismissed = _parse_time(vault.get_setting(DISMISSED_SETTING))
    return dismissed is None or now - dismissed > REMIND_AFTER


def dismiss_reminder(vault: Vault, now: datetime | None = None) -> None:
    """Quiet the backup reminder for a week (the reminder's "Not now")."""
    vault.set_setting(DISMISSED_SETTING, to_iso(now or now_local()))


def auto_backup_name(day: date) -> str:
    """Dates only: the name says nothing about what is inside."""
    return f"integrate-{day.isoformat()}{BACKUP_SUFFIX}"


def _dated_backups(folder: Path) -> dict[date, Path]:
    found: dict[date, Path] = {}
    for item in folder.glob(f"integrate-*{BACKUP_SUFFIX}"):
        stem = item.name[len("integrate-") : -len(BACKUP_SUFFIX)]
        try:
            found[date.fromisoformat(stem)] = item
        except ValueError:
            continue
    return found


def backups_to_keep(
    days: Iterable[date], daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY
) -> set[date]:
    """The newest `daily` backups, plus the newest backup of each of the `weekly` most
    recent ISO weeks not already covered by them."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:daily])
    covered = {d.isocalendar()[:2] for d in keep}
    weeks_kept = 0
    for day in ordered[daily:]:
        week = day.isocalendar()[:2]
        if week in covered:
            continue
        if weeks_kept >= weekly:
            break
        keep.add(day)
        covered.add(week)
        weeks_kept += 1
    return keep


def run_automatic_backup(
    vault: Vault, now: datetime | None = None, force: bool = False
) -> Path | None:
    """Write today's automatic backup if it is due, then prune old ones. None: not due/off."""
    config = auto_config(vault)
    if config is None:
        return None
    now = now or now_local()
    if not config.folder.is_dir():
        raise BackupError(
            f"The backup folder {config.folder} is not available (is the drive connected?)."
        )
    existing = _dated_backups(config.folder)
    if now.date() in existing and not force:
        return None
    target = write_backup(vault, config.folder / auto_backup_name(now.date()), config.passphrase)
    record_backup(vault, now)
    existing[now.date()] = target
    keep = backups_to_keep(existing)
    for day, old in existing.items():
        if day not in keep:
            with contextlib.suppress(OSError):
                old.unlink()
    return target


def backup_now(vault: Vault, target: Path, passphrase: str) -> Path:
    """A backup the patient asked for; remembered for the reminder."""
    written = write_backup(vault, target, passphrase)
    record_backup(vault)
    return written


def default_backup_name(now: datetime | None = None) -> str:
    return auto_backup_name((now or now_local()).date())


def ensure_backup_folder(folder: Path) -> Path:
    try:
        return ensure_private_dir(Path(folder))
    except OSError as exc:
        raise BackupError(f"The folder {folder} cannot be used: {exc.strerror or exc}.") from exc


def describe(info: BackupInfo) -> dict[str, Any]:
    """A JSON-friendly summary (CLI --json and logs without content)."""
    return {
        "counts": info.counts,
        "first": to_iso(info.first) if info.first else None,
        "last": to_iso(info.last) if info.last else None,
        "schema_version": info.schema_version,
        "created_at": to_iso(info.created_at) if info.created_at else None,
    }


__all__ = [
    "AutoBackupConfig",
    "BackupError",
    "BackupInfo",
    "BackupUnreadable",
    "RestoreResult",
    "VaultError",
    "auto_config",
    "backup_now",
    "backups_in_use",
    "backups_to_keep",
    "dismiss_reminder",
    "inspect_backup",
    "last_backup_at",
    "needs_reminder",
    "replace_vault_contents",
    "restore_to_new_vault",
    "run_automatic_backup",
    "set_auto_config",
    "write_backup",
]
