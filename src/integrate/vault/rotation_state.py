"""An interrupted key rotation, and how the next open settles it.

`rotate_key` (vault/rotate.py) writes the new slots to `keyslots.next.json` before it
re-encrypts the database. That file also carries a *rotation pair*: the old key
wrapped under the new one and the new key wrapped under the old one (AES-256-GCM, the
vault id and the direction bound as associated data). So whichever key an unlock
produces, from either slot file, yields the other one too.

If the process dies before the rotation finishes, both slot files are on disk and only
one of them matches the database. The next open (holding the instance lock) lets the
database decide, deterministically: the key that decrypts it wins.

- The new key opens it: the re-encryption had committed. The rotation is *finished*:
  the pending slots (pair removed) replace `keyslots.json`. The new recovery code was
  never shown, so the slots are marked `recovery_code_unseen` and the app asks the
  patient to make a new one.
- The old key opens it: the re-encryption never committed (a SQLCipher rekey is one
  transaction). The rotation is *rolled back*: the pending file is removed.

Opens that do not hold the lock (read-only) settle in memory only and touch no file.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from integrate.paths import VaultPaths, fsync_dir
from integrate.vault.db import NotDecryptable, connect
from integrate.vault.keys import KeySlotError, KeySlots, VaultKey
from integrate.vault.slot_file import save_slots
from integrate.vault.state_record import resign

PENDING_NAME = "keyslots.next.json"
ROTATION_FIELD = "rotation"  # in KeySlots.extra of the pending file only
UNSEEN_FIELD = "recovery_code_unseen"  # in KeySlots.extra after a finished-on-open rotation


class SettleAction(StrEnum):
    NONE = "none"  # no rotation was pending
    FINISHED = "finished"
    ROLLED_BACK = "rolled_back"


@dataclass(frozen=True)
class Settled:
    """The slots and key that open the database, and what was done to get there."""

    slots: KeySlots
    key: VaultKey
    action: SettleAction
    # The rotation's other key, when one was settled: vault.state may still be signed
    # with it (a crash between the re-encryption and re-signing the record).
    previous: VaultKey | None = None


def pending_path(paths: VaultPaths) -> Path:
    return paths.root / PENDING_NAME


def load_pending(paths: VaultPaths, vault_id: str) -> KeySlots | None:
    """The pending slots of an interrupted rotation of this vault, or None.

    An unreadable file, or one for another vault, is no rotation of ours: ignored
    (and left alone, for a person to look at).
    """
    path = pending_path(paths)
    if not path.is_file():
        return None
    try:
        pending = KeySlots.load(path)
    except KeySlotError:
        return None
    return pending if pending.vault_id == vault_id else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _aad(vault_id: str, direction: str) -> bytes:
    return f"integrate:{vault_id}:rotation:{direction}".encode()


def _wrap(wrapping: VaultKey, key: VaultKey, vault_id: str, direction: str) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    ct = AESGCM(wrapping.raw).encrypt(nonce, key.raw, _aad(vault_id, direction))
    return {"nonce": _b64(nonce), "ciphertext": _b64(ct)}


def _unwrap(wrapping: VaultKey, raw: object, vault_id: str, direction: str) -> VaultKey | None:
    if not isinstance(raw, dict):
        return None
    try:
        nonce = base64.b64decode(str(raw["nonce"]), validate=True)
        ct = base64.b64decode(str(raw["ciphertext"]), validate=True)
        return VaultKey(AESGCM(wrapping.raw).decrypt(nonce, ct, _aad(vault_id, direction)))
    except (KeyError, ValueError, InvalidTag):
        return None


def add_rotation_pair(pending: KeySlots, old_key: VaultKey, new_key: VaultKey) -> None:
    """Record in `pending` (the new slots) how to get from either key to the other."""
    vid = pending.vault_id
    pending.extra[ROTATION_FIELD] = {
        "old_under_new": _wrap(new_key, old_key, vid, "old"),
        "new_under_old": _wrap(old_key, new_key, vid, "new"),
    }


def without_pair(slots: KeySlots) -> KeySlots:
    """`slots` as they are saved once the rotation is over (no pair inside)."""
    slots.extra.pop(ROTATION_FIELD, None)
    return slots


def pending_verifies(paths: VaultPaths, vault_id: str, key: VaultKey) -> bool:
    """Whether `key` is the new key of an interrupted rotation of this vault."""
    pending = load_pending(paths, vault_id)
    return pending is not None and pending.verifies(key)


def _opens(paths: VaultPaths, key: VaultKey, read_only: bool) -> bool:
    try:
        conn = connect(paths.db, key, read_only=read_only, snapshot=False)
    except NotDecryptable:
        return False
    conn.close()
    return True


def settle_rotation(
    paths: VaultPaths, slots: KeySlots, key: VaultKey, *, write: bool
) -> Settled | None:
    """Which slots and key open the database, finishing or rolling back a pending rotation.

    `key` must verify against `slots` (keyslots.json) or the pending file. With
    `write` (the caller holds the instance lock) the slot files are put right;
    without it nothing on disk changes. None: neither key opens the database (a
    damaged file, or a key from neither slot file).
    """
    pending = load_pending(paths, slots.vault_id)
    if pending is None:
        return Settled(slots, key, SettleAction.NONE) if slots.verifies(key) else None
    pair = pending.extra.get(ROTATION_FIELD)
    pair = pair if isinstance(pair, dict) else {}
    old_key: VaultKey | None = None
    new_key: VaultKey | None = None
    if slots.verifies(key):
        old_key = key
        new_key = _unwrap(key, pair.get("new_under_old"), slots.vault_id, "new")
    elif pending.verifies(key):
        new_key = key
        old_key = _unwrap(key, pair.get("old_under_new"), slots.vault_id, "old")
    else:
        return None
    if new_key is not None and not pending.verifies(new_key):
        new_key = None
    if old_key is not None and not slots.verifies(old_key):
        old_key = None

    read_only = not write
    if new_key is not None and _opens(paths, new_key, read_only):
        finished = without_pair(pending)
        finished.extra[UNSEEN_FIELD] = True
        if write:
            if old_key is not None:
                resign(paths, slots.vault_id, old_key, new_key)
            save_slots(paths, finished)
            _drop_pending(paths)
        return Settled(finished, new_key, SettleAction.FINISHED, previous=old_key)
    if old_key is not None and _opens(paths, old_key, read_only):
        if write:
            if new_key is not None:
                resign(paths, slots.vault_id, new_key, old_key)
            _drop_pending(paths)
        return Settled(slots, old_key, SettleAction.ROLLED_BACK, previous=new_key)
    return None


def _drop_pending(paths: VaultPaths) -> None:
    pending_path(paths).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        fsync_dir(paths.root)
