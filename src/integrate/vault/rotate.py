"""Rotating the vault key, and deleting everything. Pure Python; the UI confirms first.

Key rotation: an encrypted copy under the OLD key goes to backups/ first; then the new
key goes to the keyring (if the vault uses one), the new slot file is written beside the
old one, the database is re-encrypted with `PRAGMA rekey` (works in WAL mode), and the
new slot file replaces the old. The passphrase slot is re-wrapped with the passphrase
the patient types (checked against the old slot first); the recovery code is new.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from integrate.paths import VaultPaths, fsync_dir
from integrate.vault.keys import KdfParams, KeyringSlot, KeySlots, VaultKey, WrongSecret
from integrate.vault.keystore import Keystore
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
    new = KeySlots(
        vault_id=old.vault_id,
        key_check=new_key.check_value(old.vault_id),
        created_at=old.created_at,
        extra=dict(old.extra),
    )
    if old.passphrase is not None and passphrase:
        new.set_passphrase(new_key, passphrase, kdf)
    code = new.set_recovery(new_key, kdf)
    if old.keyring is not None and keystore is not None:
        stored = keystore.store(old.vault_id, new_key.hex())
        if not stored.ok:
            raise VaultError(f"{stored.detail} The key was not changed.")
        new.keyring = KeyringSlot(service=keystore.service, backend=stored.backend)
    pending = vault.paths.root / "keyslots.next.json"
    new.save(pending)
    try:
        vault.conn.execute(f"PRAGMA rekey = {new_key.sqlcipher_pragma_value()}")
        vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:
        pending.unlink(missing_ok=True)
        if old.keyring is not None and keystore is not None:
            keystore.store(old.vault_id, vault.key.hex())  # put the old key back
        raise
    os.replace(pending, vault.paths.keyslots)
    fsync_dir(vault.paths.root)
    # The Vault object keeps serving the open connection with the new key and slots.
    vault.slots = new
    vault._key = new_key  # noqa: SLF001 - the Vault owns no public setter for this
    return RotationResult(recovery_code=code, safety_copy=safety)


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
        "keyslots.next.json",
        "preferences.ini",
        "vault.lock",
    ):
        with contextlib.suppress(FileNotFoundError):
            (paths.root / name).unlink()
    shutil.rmtree(paths.backups, ignore_errors=True)
    with contextlib.suppress(OSError):
        fsync_dir(paths.root)
