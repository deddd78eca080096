"""Creating, unlocking, tampering and the PRAGMAs of a real SQLCipher vault."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlcipher3 import dbapi2

from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.db import NotDecryptable, connect
from integrate.vault.instance_lock import InstanceLock, VaultInUse
from integrate.vault.keys import KeySlots, VaultKey
from integrate.vault.keystore import Keystore
from integrate.vault.vault import (
    UnlockOutcome,
    VaultError,
    create_vault,
    open_with_key,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

PASS = "a long passphrase"


def _digest(paths: VaultPaths) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.root.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


@pytest.fixture
def vault_paths(tmp_path: Path, fast_kdf: None) -> VaultPaths:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    created.vault.conn.execute(
        "INSERT INTO entries(uid, title, body, created_at, updated_at) "
        "VALUES ('u1', 't', 'hello', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    created.vault.close()
    return paths


def test_pragmas_are_as_decided(vault_paths: VaultPaths) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.ok and result.vault
    with result.vault as vault:
        conn = vault.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] == "0"
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
        assert migrations.schema_version(conn) == migrations.LATEST_VERSION


def test_files_are_private(vault_paths: VaultPaths) -> None:
    assert vault_paths.root.stat().st_mode & 0o777 == 0o700
    for path in vault_paths.root.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600, path


def test_stdlib_sqlite_cannot_read_the_vault(vault_paths: VaultPaths) -> None:
    conn = sqlite3.connect(vault_paths.db)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()


def test_passphrase_and_recovery_and_wrong_secret(tmp_path: Path, fast_kdf: None) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    created.vault.close()
    before = _digest(paths)
    wrong = unlock_with_passphrase(paths, "not it")
    assert wrong.outcome is UnlockOutcome.WRONG_SECRET and wrong.vault is None
    assert _digest(paths) == before
    assert unlock_with_recovery(paths, "0000-0000").outcome is UnlockOutcome.WRONG_SECRET
    result = unlock_with_recovery(paths, created.recovery_code)
    assert result.ok and result.vault
    result.vault.close()


def test_no_keyring_and_no_passphrase_refuses(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    with pytest.raises(VaultError, match="passphrase"):
        create_vault(paths, keystore=Keystore(backend=fail.Keyring()), passphrase=None)
    assert not paths.db.exists() and not paths.keyslots.exists()


def test_creating_twice_refuses(vault_paths: VaultPaths) -> None:
    with pytest.raises(VaultError, match="already exists"):
        create_vault(vault_paths, keystore=None, passphrase=PASS)


def test_tampered_page_is_reported_and_nothing_changes(vault_paths: VaultPaths) -> None:
    data = bytearray(vault_paths.db.read_bytes())
    assert len(data) >= 4096 * 4
    data[4096 * 2 + 200] ^= 0x01  # one bit in page 3
    vault_paths.db.write_bytes(bytes(data))
    before = _digest(vault_paths)
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.outcome is UnlockOutcome.DAMAGED and result.vault is None
    assert result.integrity is not None
    assert any("HMAC" in p for p in result.integrity.cipher_problems)
    assert "integrity" in result.message
    assert _digest(vault_paths) == before
    # The read-only path still opens for reading what is intact, and writes nothing.
    slots = KeySlots.load(vault_paths.keyslots)
    key = slots.unlock_passphrase(PASS)
    ro = open_with_key(vault_paths, slots, key, read_only=True)
    assert ro.vault is not None and not ro.integrity.ok  # type: ignore[union-attr]
    ro.vault.close()
    assert _digest(vault_paths) == before


def test_tampered_header_page_is_reported_as_damaged(vault_paths: VaultPaths) -> None:
    data = bytearray(vault_paths.db.read_bytes())
    data[100] ^= 0xFF  # page 1 (not the salt): cannot be decrypted at all
    vault_paths.db.write_bytes(bytes(data))
    result = unlock_with_passphrase(vault_paths, PASS)
    # The key slot proves the key is right, so this is damage, not a wrong key.
    assert result.outcome is UnlockOutcome.DAMAGED


def test_wrong_raw_key_is_refused_at_connect(vault_paths: VaultPaths) -> None:
    with pytest.raises(NotDecryptable):
        connect(vault_paths.db, VaultKey.generate())


def test_single_writer_lock(vault_paths: VaultPaths) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.ok and result.vault
    try:
        second = unlock_with_passphrase(vault_paths, PASS)
        assert second.outcome is UnlockOutcome.IN_USE
        with pytest.raises(VaultInUse):
            InstanceLock(vault_paths.lock).acquire()
        reader = unlock_with_passphrase(vault_paths, PASS, take_lock=False)
        assert reader.ok and reader.vault
        reader.vault.close()
    finally:
        result.vault.close()
    InstanceLock(vault_paths.lock).acquire()


def test_close_drops_key_and_connection(vault_paths: VaultPaths) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    vault = result.vault
    assert vault is not None
    vault.close()
    assert not vault.is_open
    with pytest.raises(VaultError):
        _ = vault.key
    with pytest.raises(VaultError):
        _ = vault.conn


def test_keyring_slot_missing_reports_no_keyring_slot(vault_paths: VaultPaths) -> None:
    result = unlock_with_keyring(vault_paths, Keystore(backend=fail.Keyring()))
    assert result.outcome is UnlockOutcome.NO_KEYRING_SLOT


def test_settings_round_trip(vault_paths: VaultPaths) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.vault
    with result.vault as vault:
        vault.set_setting("x", {"a": [1, "é"]})
        assert vault.get_setting("x") == {"a": [1, "é"]}
        assert vault.get_setting("missing", 5) == 5


def test_regenerated_recovery_code_replaces_old(vault_paths: VaultPaths, tmp_path: Path) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.vault
    with result.vault as vault:
        new_code = vault.regenerate_recovery_code()
    assert unlock_with_recovery(vault_paths, new_code).vault.close() is None  # type: ignore[union-attr]


class _OtherSecureBackend:
    """A working keystore of another kind than the one the key was stored in."""

    def get_password(self, service: str, user: str) -> None:
        return None


_OtherSecureBackend.__module__ = "keyring.backends.kwallet"
_OtherSecureBackend.__qualname__ = "DBusKeyring"


def test_keystore_backend_changed_is_its_own_outcome(vault_paths: VaultPaths) -> None:
    from integrate.vault.keys import KeyringSlot

    slots = KeySlots.load(vault_paths.keyslots)
    slots.keyring = KeyringSlot(
        service="integrate", backend="keyring.backends.SecretService.Keyring"
    )
    slots.save(vault_paths.keyslots)
    result = unlock_with_keyring(vault_paths, Keystore(backend=_OtherSecureBackend()))
    assert result.outcome is UnlockOutcome.BACKEND_CHANGED
    assert "keyring has changed" in result.message


def test_read_only_open_sees_committed_rows_still_in_the_wal(vault_paths: VaultPaths) -> None:
    # After a crash the newest commits may exist only in the -wal file; inspecting the
    # vault read-only must not hide them (an immutable open would).
    writer = unlock_with_passphrase(vault_paths, PASS).vault
    assert writer is not None
    writer.conn.execute("PRAGMA wal_autocheckpoint = 0")
    writer.conn.execute("CREATE TABLE wal_probe(x TEXT)")
    writer.conn.execute("INSERT INTO wal_probe VALUES ('only in the wal')")
    wal = vault_paths.db.with_name(vault_paths.db.name + "-wal")
    assert wal.stat().st_size > 0
    try:
        reader = connect(vault_paths.db, writer.key, read_only=True)
        try:
            rows = reader.execute("SELECT x FROM wal_probe").fetchall()
        finally:
            reader.close()
    finally:
        writer.close()
    assert rows == [("only in the wal",)]


def test_deferred_check_keeps_the_vault_query_only_until_it_passes(
    vault_paths: VaultPaths,
) -> None:
    """The app opens without the HMAC pass (it runs after the window shows): until then
    nothing can be written, and the check it runs later is the full one."""
    result = unlock_with_passphrase(vault_paths, PASS, full_check=False, cipher_check=False)
    assert result.ok and result.vault
    with result.vault as vault:
        assert not vault.verified and not vault.writable
        assert vault.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
        with pytest.raises(dbapi2.OperationalError, match="readonly"):
            vault.set_setting("x", 1)
        report = vault.verify_structure()
        assert report.ok
        vault.mark_verified()
        assert vault.writable
        vault.set_setting("x", 1)
        assert vault.get_setting("x") == 1


def test_deferred_check_finds_a_tampered_page_and_nothing_is_written(
    vault_paths: VaultPaths,
) -> None:
    data = bytearray(vault_paths.db.read_bytes())
    data[4096 * 2 + 200] ^= 0x01  # one bit in page 3
    vault_paths.db.write_bytes(bytes(data))
    before = _digest(vault_paths)
    result = unlock_with_passphrase(vault_paths, PASS, full_check=False, cipher_check=False)
    assert result.ok and result.vault  # page 1 decrypts: the damage is found by the check
    vault = result.vault
    report = vault.verify_structure()
    assert any("HMAC" in p for p in report.cipher_problems)
    with pytest.raises(dbapi2.OperationalError, match="readonly"):
        vault.set_setting("x", 1)
    vault.close()
    assert _digest(vault_paths) == before


def test_a_pending_migration_runs_the_check_first_even_when_deferred(
    vault_paths: VaultPaths,
) -> None:
    result = unlock_with_passphrase(vault_paths, PASS)
    assert result.vault
    with result.vault as vault:
        vault.conn.execute("PRAGMA user_version = 0")  # as if migrations were pending
    data = bytearray(vault_paths.db.read_bytes())
    data[4096 * 2 + 200] ^= 0x01
    vault_paths.db.write_bytes(bytes(data))
    before = _digest(vault_paths)
    result = unlock_with_passphrase(vault_paths, PASS, full_check=False, cipher_check=False)
    assert result.outcome is UnlockOutcome.DAMAGED and result.vault is None
    assert _digest(vault_paths) == before
