"""Key rotation re-wraps every slot; delete-everything removes vault, slots and keyring entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.keystore import Keystore
from integrate.vault.rotate import erase_everything, rotate_key
from integrate.vault.vault import (
    VaultError,
    create_vault,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

PASS = "vault pass 1"


def test_rotate_with_passphrase_and_recovery(tmp_path: Path, fast_kdf: None) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    vault = created.vault
    EntryRepository(vault.conn).add(Entry(title="kept", body="still here"))
    old_key = vault.key
    with pytest.raises(VaultError):
        rotate_key(vault, passphrase="wrong one!", keystore=None)
    result = rotate_key(vault, passphrase=PASS, keystore=None)
    assert vault.key != old_key and result.safety_copy.is_file()
    EntryRepository(vault.conn).add(Entry(title="after", body="rotation"))
    vault.close()
    assert unlock_with_recovery(paths, created.recovery_code).outcome.value == "wrong_secret"
    opened = unlock_with_recovery(paths, result.recovery_code)
    assert opened.ok and opened.vault is not None
    assert opened.vault.counts()["entries"] == 2
    opened.vault.close()
    opened = unlock_with_passphrase(paths, PASS)
    assert opened.ok and opened.vault is not None
    assert opened.vault.key != old_key
    opened.vault.close()


def test_rotate_updates_keyring_and_erase_removes_it(
    tmp_path: Path, fast_kdf: None, secret_service
) -> None:
    paths = VaultPaths(tmp_path / "v")
    keystore = Keystore()
    created = create_vault(paths, keystore=keystore, passphrase=None)
    vault = created.vault
    assert vault.slots.keyring is not None
    rotate_key(vault, passphrase=None, keystore=keystore)
    new_hex = vault.key.hex()
    vault_id = vault.id
    vault.close()
    assert keystore.fetch(vault_id).secret == new_hex
    opened = unlock_with_keyring(paths, keystore)
    assert opened.ok and opened.vault is not None
    opened.vault.close()
    erase_everything(paths, vault_id, keystore)
    assert not paths.exists() and not paths.db.exists() and not paths.backups.exists()
    assert keystore.fetch(vault_id).secret is None


def test_two_rotations_within_a_second_keep_both_safety_copies(
    tmp_path: Path, fast_kdf: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from integrate.vault import vault as vault_module

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206 - datetime's signature
            return datetime(2026, 6, 1, 12, 0, 0)

    monkeypatch.setattr(vault_module, "datetime", Frozen)
    paths = VaultPaths(tmp_path / "v")
    vault = create_vault(paths, keystore=None, passphrase=PASS).vault
    first = rotate_key(vault, passphrase=PASS, keystore=None)
    second = rotate_key(vault, passphrase=PASS, keystore=None)  # the very same second
    vault.close()
    assert first.safety_copy != second.safety_copy
    assert first.safety_copy.is_file() and second.safety_copy.is_file()
