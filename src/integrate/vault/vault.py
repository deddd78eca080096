"""Creating, unlocking and closing a vault. Returns results; never shows dialogs.

A vault is a folder holding `vault.db` (SQLCipher 4), `keyslots.json` and
`vault.lock`. Unlocking yields an `UnlockResult` whose `outcome` tells the UI
which screen to show; `message` is a plain sentence it may display as is.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from integrate import __version__
from integrate.core.timeutil import now_local, to_iso
from integrate.paths import VaultPaths, ensure_private_dir
from integrate.vault import migrations
from integrate.vault.db import (
    Connection,
    DatabaseError,
    IntegrityReport,
    NotDecryptable,
    check_integrity,
    connect,
    export_encrypted,
)
from integrate.vault.instance_lock import InstanceLock, VaultInUse
from integrate.vault.keys import (
    KdfParams,
    KeyringSlot,
    KeySlotError,
    KeySlots,
    VaultKey,
    WrongSecret,
)
from integrate.vault.keystore import Keystore, KeystoreOutcome, KeystoreResult
from integrate.vault.rotation_state import UNSEEN_FIELD, pending_verifies, settle_rotation
from integrate.vault.slot_file import (
    backup_path,
    read_slots,
    repair_if_needed,
    save_slots,
)
from integrate.vault.state_record import StateCheck, assess, bump, resign, write_record


class UnlockOutcome(StrEnum):
    OK = "ok"
    NO_VAULT = "no_vault"
    NO_KEYRING_SLOT = "no_keyring_slot"  # this vault asks for its passphrase at every start
    NO_KEYSTORE = "no_keystore"
    INSECURE_KEYSTORE = "insecure_keystore"
    KEYSTORE_LOCKED = "keystore_locked"
    KEYSTORE_TIMEOUT = "keystore_timeout"
    KEYSTORE_ERROR = "keystore_error"
    KEY_MISSING = "key_missing"
    KEY_WRONG = "key_wrong"
    BACKEND_CHANGED = "backend_changed"
    WRONG_SECRET = "wrong_secret"  # noqa: S105 - an outcome name, not a secret
    SLOTS_DAMAGED = "slots_damaged"
    DAMAGED = "damaged"  # the right key, but the database fails its integrity checks
    TOO_NEW = "too_new"
    IN_USE = "in_use"
    # The key slots are here but vault.db is missing, empty or holds no journal: never
    # treated as "no journal yet" (a new one would be created over the loss).
    DB_MISSING = "db_missing"
    # The database is older than the state recorded outside it (vault/state_record.py):
    # committed changes are missing. Opens only with an explicit acknowledgement.
    ROLLED_BACK = "rolled_back"


_MESSAGES: dict[UnlockOutcome, str] = {
    UnlockOutcome.OK: "",
    UnlockOutcome.NO_VAULT: "There is no journal in this folder yet.",
    UnlockOutcome.NO_KEYRING_SLOT: "This journal asks for its passphrase each time it opens.",
    UnlockOutcome.NO_KEYSTORE: "No system keyring is available. Unlock with your passphrase or "
    "recovery code.",
    UnlockOutcome.INSECURE_KEYSTORE: "The only keyring here stores secrets unencrypted, so "
    "Integrate will not use it. Unlock with your passphrase "
    "or recovery code.",
    UnlockOutcome.KEYSTORE_LOCKED: "The system keyring is locked. Unlock it (for example by "
    "logging in to your desktop), then try again - or use your "
    "passphrase or recovery code.",
    UnlockOutcome.KEYSTORE_TIMEOUT: "The system keyring did not answer. Try again, or use your "
    "passphrase or recovery code.",
    UnlockOutcome.KEYSTORE_ERROR: "The system keyring reported an error. Use your passphrase or "
    "recovery code.",
    UnlockOutcome.KEY_MISSING: "The system keyring no longer holds this journal's key. Unlock "
    "with your passphrase or recovery code; nothing is lost.",
    UnlockOutcome.KEY_WRONG: "The key in the system keyring does not open this journal. "
    "Nothing was changed. Unlock with your passphrase or recovery code.",
    UnlockOutcome.BACKEND_CHANGED: "The system keyring has changed since this journal was set "
    "up. Unlock with your passphrase or recovery code.",
    UnlockOutcome.WRONG_SECRET: "That did not unlock the journal. Check it and try again.",
    UnlockOutcome.SLOTS_DAMAGED: "The journal's key file is damaged. Your entries are not "
    "deleted; restore from a backup or contact support.",
    UnlockOutcome.DAMAGED: "The journal file failed its integrity check: it may be damaged or "
    "altered. Nothing was changed. You can read what is intact, and "
    "restore from a backup.",
    UnlockOutcome.TOO_NEW: "This journal was written by a newer version of Integrate. Please "
    "update Integrate.",
    UnlockOutcome.IN_USE: "Integrate already has this journal open.",
    UnlockOutcome.DB_MISSING: "The journal file (vault.db) is missing or empty, although "
    "this folder still holds the journal's key file. Integrate has not created a new "
    "journal over it and has changed nothing. Put vault.db back from a copy, or restore a "
    "backup into a new folder (integrate restore FILE --data-dir NEW-FOLDER).",
    UnlockOutcome.ROLLED_BACK: "This journal is older than the last state Integrate "
    "recorded for it: changes saved since then are missing (for example an older copy of "
    "vault.db was put back, or vault.db-wal was deleted or damaged). Nothing was changed. "
    "Restore your latest backup, or open the journal as it is now if you accept that "
    "recent changes may be gone.",
}


# The record types counted for `integrate check`, restore previews and a backup's summary.
COUNTED_TABLES = (
    "series",
    "sessions",
    "checkins",
    "entries",
    "tags",
    "measures",
    "exercise_runs",
    "shares",
)


def outcome_message(outcome: UnlockOutcome) -> str:
    return _MESSAGES[outcome]


class VaultError(Exception):
    """A vault operation failed; str(exc) is a plain sentence for the patient."""


class Vault:
    """An open, unlocked vault. Holds the connection and the key until `close()`."""

    def __init__(
        self,
        paths: VaultPaths,
        slots: KeySlots,
        key: VaultKey,
        conn: Connection,
        lock: InstanceLock | None,
        read_only: bool = False,
        verified: bool = True,
        state: StateCheck | None = None,
    ) -> None:
        self.paths = paths
        self.slots = slots
        self._key: VaultKey | None = key
        self._conn: Connection | None = conn
        self._lock = lock
        self.read_only = read_only
        # False while the page-by-page HMAC check is still to run (the app runs it in the
        # background after the window shows): the connection is query_only until then.
        self.verified = verified
        # What the open found comparing the database with vault.state (None: not checked).
        self.state = state
        # conn.total_changes when the state was last recorded: record_state() writes only
        # after changes. `_record_due` forces the next one (no record yet, or a state the
        # patient accepted as it is).
        self._changes_recorded = conn.total_changes
        self._record_due = False

    # -- basics

    @property
    def id(self) -> str:
        return self.slots.vault_id

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultError("The journal is locked.")
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def writable(self) -> bool:
        """Open, not read-only, and past its integrity check: writes may happen."""
        return self._conn is not None and not self.read_only and self.verified

    @property
    def key(self) -> VaultKey:
        if self._key is None:
            raise VaultError("The journal is locked.")
        return self._key

    def record_state(self, *, force: bool = False) -> bool:
        """Advance the commit counter and record it in vault.state when anything was
        written since the last record (vault/state_record.py). Only the holder of the
        instance lock records; a transaction in progress (another thread's job) defers it.
        Returns whether a record was written."""
        conn = self._conn
        if conn is None or self._lock is None or not self.writable or conn.in_transaction:
            return False
        if not (force or self._record_due or conn.total_changes != self._changes_recorded):
            return False
        counter = bump(conn)  # committed (durable) before the record names it
        write_record(self.paths, self.key, self.id, counter)
        self._changes_recorded = conn.total_changes
        self._record_due = False
        return True

    def close(self) -> None:
        """Close the database, drop the key and release the instance lock."""
        if self._conn is not None:
            try:
                if self.writable:  # an unchecked (maybe damaged) file is never written
                    # If recording fails the database stays ahead of the record: no
                    # false alarm later, just a state not recorded this time.
                    with contextlib.suppress(OSError, DatabaseError):
                        self.record_state()
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                self._conn.close()
                self._conn = None
        self._key = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self) -> IntegrityReport:
        return check_integrity(self.conn)

    def verify_structure(self) -> IntegrityReport:
        """The checks the open left out, on a separate read-only connection, so the app can
        run them in the background after start-up while the main connection stays in use:
        SQLite's quick_check, and SQLCipher's HMAC check of every page unless the open
        already ran it (`verified`). Call `mark_verified` with a clean report."""
        conn = connect(self.paths.db, self.key, read_only=True, snapshot=False)
        try:
            return check_integrity(conn, cipher=not self.verified)
        finally:
            conn.close()

    def mark_verified(self) -> None:
        """The deferred integrity check passed: allow writes (on the connection's thread)."""
        self.verified = True
        if self._conn is not None and not self.read_only:
            self._conn.execute("PRAGMA query_only = OFF")
            if self._record_due:
                with contextlib.suppress(OSError, DatabaseError):  # retried at the next one
                    self.record_state()

    def schema_version(self) -> int:
        """The schema version of the open journal (its last applied migration)."""
        return migrations.schema_version(self.conn)

    def counts(self) -> dict[str, int]:
        """Number of records per type (for `integrate check` and restore previews)."""
        return {
            t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in COUNTED_TABLES
        }

    # -- in-vault settings (JSON values)

    def get_setting(self, name: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, name: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (name, json.dumps(value)),
        )

    # -- key slots

    def _save_slots(self) -> None:
        save_slots(self.paths, self.slots)

    def set_passphrase(self, passphrase: str, params: KdfParams | None = None) -> None:
        """Add or change the passphrase slot."""
        self.slots.set_passphrase(self.key, passphrase, params)
        self._save_slots()

    def regenerate_recovery_code(self, params: KdfParams | None = None) -> str:
        """Replace the recovery code; the old one stops working. Returns the new code."""
        code = self.slots.set_recovery(self.key, params)
        self.slots.extra.pop(UNSEEN_FIELD, None)  # the patient sees this one
        self._save_slots()
        return code

    @property
    def recovery_slot_damaged(self) -> bool:
        """The recovery-code slot failed its checksum in every copy of the slot file: the
        written-down code can no longer be checked, so a new one is needed."""
        return "recovery" in self.slots.damaged

    @property
    def recovery_code_unseen(self) -> bool:
        """A key rotation was finished after an interruption: its recovery code was never
        shown, so the patient should make a new one."""
        return bool(self.slots.extra.get(UNSEEN_FIELD))

    def replace_key(self, key: VaultKey, slots: KeySlots) -> None:
        """Re-encrypt the open database under `key` (PRAGMA rekey) and adopt `key`, `slots`.

        `slots` must belong to this vault and verify `key`. The rekey is one transaction:
        a crash leaves the file wholly under the old or the new key (see
        vault/rotation_state.py for how the next open tells which). Writing the slot
        files is the caller's job; this only changes the database and the key held here.
        """
        if not self.writable:
            raise VaultError("The journal cannot be changed right now; its key stays as it is.")
        if slots.vault_id != self.id or not slots.verifies(key):
            raise VaultError("These key slots do not belong to this key. Nothing was changed.")
        conn = self.conn
        conn.execute(f"PRAGMA rekey = {key.sqlcipher_pragma_value()}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # readable under it
        # The state record is authenticated with the key: sign it with the new one. A crash
        # before this is put right when the next open settles the rotation.
        resign(self.paths, self.id, self.key, key)
        self._key = key
        self.slots = slots

    def store_key_in_keyring(self, keystore: Keystore) -> KeystoreResult:
        """Put the key in the OS keyring (e.g. after unlocking with the recovery code)."""
        result = keystore.store(self.id, self.key.hex())
        if result.ok:
            self.slots.keyring = KeyringSlot(service=keystore.service, backend=result.backend)
            self._save_slots()
        return result

    def forget_keyring(self, keystore: Keystore) -> KeystoreResult:
        """ "Ask for my passphrase at every start": remove the key from the keyring."""
        if self.slots.passphrase is None:
            raise VaultError("Set a passphrase first: it is how the journal will open.")
        result = keystore.delete(self.id)
        if result.ok:
            self.slots.keyring = None
            self._save_slots()
        return result

    def backup_copy(self, label: str) -> str:
        """An encrypted copy under the same key in backups/ (used before migrations)."""
        ensure_private_dir(self.paths.backups)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.paths.backups / f"{label}-{stamp}.db"
        n = 1
        while target.exists():  # a second copy within the same second keeps the first
            n += 1
            target = self.paths.backups / f"{label}-{stamp}-{n}.db"
        export_encrypted(self.conn, target, self.key.sqlcipher_pragma_value())
        return str(target)

    @contextlib.contextmanager
    def job_view(self) -> Iterator[Vault]:
        """This vault on a connection of its own, for one exclusive background job.

        Backup, export, import and restore run here, never on the connection the screens
        write through: an autosave can then never land inside (and roll back with) a
        job's transaction, and locking the screens cannot close the job's connection.
        The view holds no instance lock: this process already holds it.
        """
        conn = connect(self.paths.db, self.key)
        view = Vault(self.paths, self.slots, self.key, conn, None, self.read_only, self.verified)
        try:
            yield view
        finally:
            view._conn = None
            view._key = None
            conn.close()


@dataclass
class UnlockResult:
    outcome: UnlockOutcome
    vault: Vault | None = None
    message: str = ""
    integrity: IntegrityReport | None = None
    keystore: KeystoreResult | None = None
    state: StateCheck | None = None  # set with ROLLED_BACK

    @property
    def ok(self) -> bool:
        return self.outcome is UnlockOutcome.OK


def _result(outcome: UnlockOutcome, **kw: Any) -> UnlockResult:
    return UnlockResult(outcome, message=outcome_message(outcome), **kw)


@dataclass
class CreatedVault:
    vault: Vault
    recovery_code: str
    keyring: KeystoreResult | None


def create_vault(
    paths: VaultPaths,
    *,
    keystore: Keystore | None,
    passphrase: str | None,
    kdf: KdfParams | None = None,
    take_lock: bool = True,
) -> CreatedVault:
    """Create a new vault. The key goes to the keyring when it works, else a passphrase is
    required. Raises VaultError with a plain sentence when neither is possible."""
    if paths.db.exists() or paths.keyslots.exists() or backup_path(paths).exists():
        raise VaultError(f"A journal already exists in {paths.root}.")
    key = VaultKey.generate()
    slots = KeySlots.new(key)

    keyring_result: KeystoreResult | None = None
    if keystore is not None:
        keyring_result = keystore.store(slots.vault_id, key.hex())
        if keyring_result.ok:
            slots.keyring = KeyringSlot(service=keystore.service, backend=keyring_result.backend)
    if slots.keyring is None and not passphrase:
        reason = keyring_result.detail if keyring_result else "No keyring was requested."
        raise VaultError(f"{reason} Choose a passphrase to protect your journal instead.")
    if passphrase:
        slots.set_passphrase(key, passphrase, kdf)
    recovery_code = slots.set_recovery(key, kdf)

    ensure_private_dir(paths.root)
    lock = InstanceLock(paths.lock) if take_lock else None
    if lock:
        lock.acquire()
    try:
        conn = connect(paths.db, key)
        migrations.apply(conn, migrations.pending(conn))
        now = to_iso(now_local())
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            [("vault_id", slots.vault_id), ("created_at", now), ("created_by", __version__)],
        )
        write_record(paths, key, slots.vault_id, bump(conn))
        save_slots(paths, slots)  # written last: their presence means "a vault lives here"
    except BaseException:
        if lock:
            lock.release()
        raise
    return CreatedVault(Vault(paths, slots, key, conn, lock), recovery_code, keyring_result)


def open_with_key(
    paths: VaultPaths,
    slots: KeySlots,
    key: VaultKey,
    *,
    take_lock: bool = True,
    full_check: bool = True,
    read_only: bool = False,
    cipher_check: bool = True,
    accept_rollback: bool = False,
) -> UnlockResult:
    """Open with a key already known to be this vault's (its check value matched).

    A database older than its recorded state (vault/state_record.py) gives ROLLED_BACK
    unless `accept_rollback`: then it opens, and a writable open records its current
    state as the new baseline. Read-only opens (damaged files) skip that comparison.

    `cipher_check=False` (the app) leaves SQLCipher's HMAC check of every page to the
    caller, who must run `Vault.verify_structure` and `mark_verified`: until then the
    connection is query_only and `Vault.writable` is False. A pending migration writes,
    so it always runs the check first.
    """
    if _database_missing(paths):
        return _result(UnlockOutcome.DB_MISSING)
    lock = InstanceLock(paths.lock) if take_lock and not read_only else None
    if lock:
        try:
            lock.acquire()
        except VaultInUse as exc:  # its message names the holder (app or a command)
            return UnlockResult(UnlockOutcome.IN_USE, message=str(exc))
    try:
        # An interrupted key rotation is settled here, under the lock (never beside a
        # rotation still running in another process); unlocked opens settle in memory.
        settled = settle_rotation(paths, slots, key, write=lock is not None)
        if settled is None:
            if lock:
                lock.release()
            return _result(UnlockOutcome.KEY_WRONG)
        slots, key = settled.slots, settled.key
        if lock:  # one copy of the slot file damaged, missing or older: mend it
            with contextlib.suppress(OSError):
                repair_if_needed(paths, slots)
        state_keys = [key] + ([settled.previous] if settled.previous is not None else [])
        try:
            conn = connect(paths.db, key, read_only=read_only)
        except NotDecryptable:
            if lock:
                lock.release()
            return _result(
                UnlockOutcome.DAMAGED,
                integrity=IntegrityReport(
                    cipher_problems=["page 1 (the file header) cannot be decrypted"]
                ),
            )
        if migrations.schema_version(conn) == 0 and not _has_tables(conn):
            # Decrypts (SQLCipher reads an empty file as a new database) but holds nothing:
            # not this journal. Never migrated into a fresh one.
            conn.close()
            if lock:
                lock.release()
            return _result(UnlockOutcome.DB_MISSING)
        deferred = not cipher_check and not read_only
        if deferred:  # before anything could write; lifted by mark_verified()
            conn.execute("PRAGMA query_only = ON")
        report = check_integrity(conn, structure=full_check, cipher=not deferred)
        vault = Vault(paths, slots, key, conn, lock, read_only=read_only, verified=not deferred)
        if read_only:
            return UnlockResult(UnlockOutcome.OK, vault, integrity=report)
        if not report.ok:
            vault.close()
            return _result(UnlockOutcome.DAMAGED, integrity=report)
        try:
            state = assess(paths, conn, slots.vault_id, state_keys)
        except DatabaseError as exc:
            if not deferred:  # the pages passed their HMAC check: this is unexpected
                vault.close()
                return _result(
                    UnlockOutcome.DAMAGED,
                    integrity=IntegrityReport(sqlite_problems=[f"reading meta failed: {exc}"]),
                )
            # A damaged page under the deferred check: it fails and closes the journal
            # before anything is written. Nothing to compare meanwhile.
            state = None
        vault.state = state
        if state is not None and not state.ok and not accept_rollback:
            _keep_wal_copy(paths)  # SQLite drops a damaged WAL's tail at close
            vault.close()  # records nothing: nothing was written since the open
            return _result(UnlockOutcome.ROLLED_BACK, state=state)
        # No record yet (a vault from before it existed), or a state accepted as it is:
        # record it now (or once the deferred check allows writes).
        vault._record_due = state is not None and (state.recorded is None or not state.ok)
        try:
            todo = migrations.pending(conn)
        except migrations.SchemaTooNew:
            vault.close()
            return _result(UnlockOutcome.TOO_NEW)
        if todo and deferred:
            report = check_integrity(conn, structure=full_check)
            if not report.ok:
                vault.close()
                return _result(UnlockOutcome.DAMAGED, integrity=report)
            vault.mark_verified()
        if todo:
            if migrations.schema_version(conn) > 0:
                vault.backup_copy(f"pre-migration-v{migrations.schema_version(conn)}")
            migrations.apply(conn, todo)
        if vault._record_due:
            # A read-only folder or a full disk must not stop the open: the record is
            # retried at the next chance (close, the app's timer).
            with contextlib.suppress(OSError, DatabaseError):
                vault.record_state()
        return UnlockResult(UnlockOutcome.OK, vault, integrity=report, state=state)
    except BaseException:
        if lock and lock.held:
            lock.release()
        raise


def _database_missing(paths: VaultPaths) -> bool:
    """vault.db is absent, or 0 bytes with no WAL that could hold its pages."""
    try:
        size = paths.db.stat().st_size
    except FileNotFoundError:
        return True
    if size > 0:
        return False
    wal = paths.db.with_name(paths.db.name + "-wal")
    return not wal.is_file() or wal.stat().st_size == 0


def _keep_wal_copy(paths: VaultPaths) -> None:
    """Before a rolled-back journal is closed: a copy of its WAL in backups/, since the
    frames SQLite could not use (after a damaged one) are deleted with it at close and
    might still matter to someone recovering by hand."""
    wal = paths.db.with_name(paths.db.name + "-wal")
    try:
        if wal.stat().st_size == 0:
            return
        ensure_private_dir(paths.backups)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = paths.backups / f"wal-at-rollback-{stamp}.db-wal"
        if not target.exists():
            shutil.copy2(wal, target)
            target.chmod(0o600)
    except OSError:
        pass  # a copy is a bonus; the report does not depend on it


def _has_tables(conn: Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def load_slots(paths: VaultPaths) -> KeySlots | UnlockResult:
    if not paths.exists():
        return _result(UnlockOutcome.NO_VAULT)
    try:
        return read_slots(paths).slots
    except KeySlotError:
        return _result(UnlockOutcome.SLOTS_DAMAGED)


_DAMAGED_SLOT_MESSAGES = {
    "passphrase": "The passphrase slot in the journal's key file is damaged, so no passphrase "
    "can be checked. Unlock with the system keyring or your recovery code, then set your "
    "passphrase again in Settings.",
    "recovery": "The recovery-code slot in the journal's key file is damaged, so no recovery "
    "code can be checked. Unlock with the system keyring or your passphrase, then make a "
    "new recovery code.",
}


_KEYSTORE_TO_UNLOCK = {
    KeystoreOutcome.MISSING: UnlockOutcome.KEY_MISSING,
    KeystoreOutcome.NO_KEYSTORE: UnlockOutcome.NO_KEYSTORE,
    KeystoreOutcome.INSECURE: UnlockOutcome.INSECURE_KEYSTORE,
    KeystoreOutcome.LOCKED: UnlockOutcome.KEYSTORE_LOCKED,
    KeystoreOutcome.TIMEOUT: UnlockOutcome.KEYSTORE_TIMEOUT,
    KeystoreOutcome.ERROR: UnlockOutcome.KEYSTORE_ERROR,
}


def unlock_with_keyring(
    paths: VaultPaths,
    keystore: Keystore,
    *,
    take_lock: bool = True,
    full_check: bool = True,
    cipher_check: bool = True,
    accept_rollback: bool = False,
    keep_in_step: bool = True,
) -> UnlockResult:
    """Unlock with the key kept in the OS keyring. Never changes the file.

    After an interrupted key change the keyring may hold the other key; it is put back in
    step here unless `keep_in_step` is False (the caller then calls keep_keyring_in_step
    itself, e.g. off the GUI thread)."""
    slots = load_slots(paths)
    if isinstance(slots, UnlockResult):
        return slots
    keyring_slot = slots.keyring
    if keyring_slot is None and "keyring" in slots.damaged:
        # The slot only names the service and backend: try the usual one.
        keyring_slot = KeyringSlot(service=keystore.service, backend="")
    if keyring_slot is None:
        return _result(UnlockOutcome.NO_KEYRING_SLOT)
    fetched = keystore.fetch(slots.vault_id)
    if not fetched.ok:
        if (
            fetched.outcome is KeystoreOutcome.MISSING
            and keyring_slot.backend
            and fetched.backend != keyring_slot.backend
        ):
            return _result(UnlockOutcome.BACKEND_CHANGED, keystore=fetched)
        return _result(_KEYSTORE_TO_UNLOCK[fetched.outcome], keystore=fetched)
    try:
        key = VaultKey.from_hex(fetched.secret or "")
    except ValueError:
        return _result(UnlockOutcome.KEY_WRONG, keystore=fetched)
    if not slots.verifies(key) and not pending_verifies(paths, slots.vault_id, key):
        return _result(UnlockOutcome.KEY_WRONG, keystore=fetched)
    result = open_with_key(
        paths,
        slots,
        key,
        take_lock=take_lock,
        full_check=full_check,
        cipher_check=cipher_check,
        accept_rollback=accept_rollback,
    )
    if keep_in_step:
        keep_keyring_in_step(result, keystore, key)
    elif result.ok and result.keystore is None:
        result.keystore = fetched  # what the keyring holds, for the caller's own check
    return result


def keep_keyring_in_step(result: UnlockResult, keystore: Keystore, fetched: VaultKey) -> None:
    """After an interrupted rotation was settled, the keyring may hold the other key:
    store the one that opens the journal, or the next start could not open it."""
    vault = result.vault
    if not result.ok or vault is None or vault.read_only or vault.slots.keyring is None:
        return
    if vault.key != fetched:
        keystore.store(vault.id, vault.key.hex())


def unlock_with_passphrase(
    paths: VaultPaths,
    passphrase: str,
    *,
    take_lock: bool = True,
    full_check: bool = True,
    cipher_check: bool = True,
    accept_rollback: bool = False,
) -> UnlockResult:
    slots = load_slots(paths)
    if isinstance(slots, UnlockResult):
        return slots
    if slots.passphrase is None and "passphrase" in slots.damaged:
        return UnlockResult(
            UnlockOutcome.WRONG_SECRET, message=_DAMAGED_SLOT_MESSAGES["passphrase"]
        )
    if slots.passphrase is None:
        return UnlockResult(
            UnlockOutcome.WRONG_SECRET,
            message="This journal has no passphrase. Use your recovery code.",
        )
    try:
        key = slots.unlock_passphrase(passphrase)
    except WrongSecret:
        return _result(UnlockOutcome.WRONG_SECRET)
    except KeySlotError:
        return _result(UnlockOutcome.SLOTS_DAMAGED)
    return open_with_key(
        paths,
        slots,
        key,
        take_lock=take_lock,
        full_check=full_check,
        cipher_check=cipher_check,
        accept_rollback=accept_rollback,
    )


def unlock_with_recovery(
    paths: VaultPaths,
    code: str,
    *,
    take_lock: bool = True,
    full_check: bool = True,
    cipher_check: bool = True,
    accept_rollback: bool = False,
) -> UnlockResult:
    slots = load_slots(paths)
    if isinstance(slots, UnlockResult):
        return slots
    if slots.recovery is None and "recovery" in slots.damaged:
        return UnlockResult(UnlockOutcome.WRONG_SECRET, message=_DAMAGED_SLOT_MESSAGES["recovery"])
    try:
        key = slots.unlock_recovery(code)
    except WrongSecret:
        return UnlockResult(
            UnlockOutcome.WRONG_SECRET,
            message="That recovery code does not match. Check each group of "
            "four characters and try again.",
        )
    except KeySlotError:
        return _result(UnlockOutcome.SLOTS_DAMAGED)
    return open_with_key(
        paths,
        slots,
        key,
        take_lock=take_lock,
        full_check=full_check,
        cipher_check=cipher_check,
        accept_rollback=accept_rollback,
    )
