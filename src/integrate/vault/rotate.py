"""Rotating the vault key, and deleting everything. Pure Python; the UI confirms first.

Key rotation, in an order where a crash at any point leaves a state the next open
settles on its own (vault/rotation_state.py):

1. an encrypted copy under the OLD key goes to backups/;
2. the new slots, with the rotation pair (each key wrapped under the other), are
   written to `keyslots.next.json`;
3. `Vault.replace_key` re-encrypts the database (`PRAGMA rekey`, one transaction);
4. the new key goes to the keyring (if the vault uses one); if it cannot, the
   database goes back to the old key and nothing has changed;
5. the new slots, without the pair, replace `keyslots.json`.

The passphrase slot is re-wrapped with the passphrase the patient types (checked
against the old slot first); the recovery code is new.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from integrate.paths import VaultPaths, fsync_dir
from integrate.vault.keys import KdfParams, KeyringSlot, KeySlots, VaultKey, WrongSecret
from integrate.vault.keystore import Keystore
from integrate.vault.rotation_state import (
    PENDING_NAME,
    UNSEEN_FIELD,
    add_rotation_pair,
    pending_path,
    without_pair,
)
from integrate.vault.slot_file import BACKUP_NAME, save_slots
from integrate.vault.state_record import STATE_NAME
from integrate.vault.vault import Vault, VaultError


@dataclass(frozen=True)
class RotationResult:
    recovery_code: str  # shown once
    safety_copy: Path


def rotate_key(
    vault: Vault, *, passphrase: str | None, keystore: Keystore | None, kdf: KdfParams | None = None
) -> RotationResult:
    """Re-encrypt the vault under a new random key and re-wrap every slot."""
    old = vault.slots
    old_key = vault.key
    if old.passphrase is not None:
        if not passphrase:
            raise VaultError("Type your passphrase: it is needed to protect the new key.")
        try:
            old.unlock_passphrase(passphrase)
        except WrongSecret as exc:
            raise VaultError("That passphrase is not this journal's. Nothing was changed.") from exc
    if old.keyring is not None and keystore is None:
        raise VaultError("The keyring is needed to store the new key.")
    safety = Path(vault.backup_copy("before-key-rotation"))
    new_key = VaultKey.generate()
    extra = {k: v for k, v in old.extra.items() if k != UNSEEN_FIELD}
    new = KeySlots(
        vault_id=old.vault_id,
        key_check=new_key.check_value(old.vault_id),
        created_at=old.created_at,
        keyring=old.keyring,
        extra=extra,
    )
    if old.passphrase is not None and passphrase:
        new.set_passphrase(new_key, passphrase, kdf)
    code = new.set_recovery(new_key, kdf)
    add_rotation_pair(new, old_key, new_key)
    pending = pending_path(vault.paths)
    new.save(pending)
    try:
        _rekey(vault, new_key, new)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    if old.keyring is not None and keystore is not None:
        stored = keystore.store(old.vault_id, new_key.hex())
        if not stored.ok:
            _rekey(vault, old_key, old)  # back to where we started
            pending.unlink(missing_ok=True)
            raise VaultError(f"{stored.detail} The key was not changed.")
        new.keyring = KeyringSlot(service=keystore.service, backend=stored.backend)
    _finish(vault.paths, new)
    return RotationResult(recovery_code=code, safety_copy=safety)


def _rekey(vault: Vault, key: VaultKey, slots: KeySlots) -> None:
    """Step 3 (a seam the crash tests stop at)."""
    vault.replace_key(key, slots)


def _finish(paths: VaultPaths, new: KeySlots) -> None:
    """Step 5: the new slots become the vault's, and the pending file goes."""
    save_slots(paths, without_pair(new))
    pending_path(paths).unlink(missing_ok=True)
    fsync_dir(paths.root)


def erase_everything(paths: VaultPaths, vault_id: str | None, keystore: Keystore | None) -> None:
    """Delete the vault, its key slots, its keyring entry and the app preferences.

    The vault must be closed. Backups the patient saved elsewhere are not touched.
    """
    if keystore is not None and vault_id:
        keystore.delete(vault_id)
    for name in (
        "vault.db",
        "vault.db-wal",
        "vault.db-shm",
        "keyslots.json",
        PENDING_NAME,
        STATE_NAME,
        BACKUP_NAME,
        "preferences.ini",
        "vault.lock",
    ):
        with contextlib.suppress(FileNotFoundError):
            (paths.root / name).unlink()
    shutil.rmtree(paths.backups, ignore_errors=True)
    with contextlib.suppress(OSError):
        fsync_dir(paths.root)
