"""Two copies of the key slot file, each checked without any secret (like LUKS2's two
headers): `keyslots.json` and `keyslots.backup.json`.

Every save writes both (each atomically: temp file, fsync, rename). Every load reads
both and verifies each slot's SHA-256 checksum (vault/keys.py). A slot damaged in one
copy is taken from the other; a copy that cannot be read at all is replaced by the
other. The repair is written only by a caller holding the instance lock
(`save_slots`); `check` reports what it found either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from integrate.paths import VaultPaths
from integrate.vault.keys import KeySlotError, KeySlots

BACKUP_NAME = "keyslots.backup.json"

_SLOT_WORDS = {
    "keyring": "keyring slot",
    "passphrase": "passphrase slot",
    "recovery": "recovery-code slot",
}


def backup_path(paths: VaultPaths) -> Path:
    return paths.root / BACKUP_NAME


@dataclass
class SlotFileReport:
    """What reading both copies found (plain sentences, no secrets)."""

    slots: KeySlots
    problems: list[str] = field(default_factory=list)  # damage found in either copy
    needs_repair: bool = False  # the copies differ or one is damaged/missing

    @property
    def unrepairable(self) -> set[str]:
        """Slots damaged in every copy: only replacing them helps."""
        return set(self.slots.damaged)


def _read(path: Path) -> KeySlots | KeySlotError:
    try:
        return KeySlots.load(path)
    except KeySlotError as exc:
        return exc


def _same_key(a: KeySlots, b: KeySlots) -> bool:
    return a.vault_id == b.vault_id and a.key_check == b.key_check


def read_slots(paths: VaultPaths) -> SlotFileReport:
    """Both copies merged: the primary's slots, any damaged one taken from the backup.
    Raises KeySlotError when neither copy can be used."""
    primary = _read(paths.keyslots)
    backup = _read(backup_path(paths))
    primary_missing = not paths.keyslots.exists()
    backup_missing = not backup_path(paths).exists()
    problems: list[str] = []
    if isinstance(primary, KeySlotError) and isinstance(backup, KeySlotError):
        raise primary
    if isinstance(primary, KeySlotError):
        assert isinstance(backup, KeySlots)
        if not primary_missing:
            problems.append(f"keyslots.json cannot be read ({primary}); using the second copy.")
        else:
            problems.append("keyslots.json is missing; using the second copy.")
        merged, other = backup, None
    else:
        merged = primary
        other = backup if isinstance(backup, KeySlots) and _same_key(primary, backup) else None
        if isinstance(backup, KeySlotError) and not backup_missing:
            problems.append(f"{BACKUP_NAME} cannot be read ({backup}).")
    for name in sorted(merged.damaged):
        where = "keyslots.json" if merged is primary else BACKUP_NAME
        if other is not None and name not in other.damaged and getattr(other, name) is not None:
            setattr(merged, name, getattr(other, name))
            merged.damaged.discard(name)
            problems.append(
                f"The {_SLOT_WORDS[name]} in {where} is damaged; the second copy is intact."
            )
        else:
            problems.append(f"The {_SLOT_WORDS[name]} is damaged in every copy.")
    if other is not None:
        for name in sorted(other.damaged - merged.damaged):
            problems.append(f"The {_SLOT_WORDS[name]} in {BACKUP_NAME} is damaged.")
    different = (
        isinstance(primary, KeySlotError)
        or not isinstance(backup, KeySlots)
        or primary.to_json() != backup.to_json()
    )
    return SlotFileReport(merged, problems, needs_repair=different or bool(problems))


def save_slots(paths: VaultPaths, slots: KeySlots) -> None:
    """Write both copies (primary first: its presence means "a journal lives here")."""
    slots.save(paths.keyslots)
    slots.save(backup_path(paths))


def repair_if_needed(paths: VaultPaths, slots: KeySlots) -> bool:
    """Rewrite both copies from `slots` when they differ or one is damaged (the caller
    holds the instance lock). A slot damaged in every copy is left as it is on disk:
    only replacing it (a new recovery code, the passphrase set again) mends it."""
    if slots.damaged:
        return False
    try:
        report = read_slots(paths)
    except KeySlotError:
        return False
    if not report.needs_repair or not _same_key(report.slots, slots):
        return False
    save_slots(paths, slots)
    return True
