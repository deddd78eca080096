"""Work the window start can begin before Qt is imported (no Qt here)."""

from __future__ import annotations

import importlib
import json

from integrate.paths import VaultPaths, resolve_data_dir
from integrate.vault.keystore import Keystore


def keystore_reading_key(data_dir: str | None) -> Keystore:
    """A Keystore already fetching this vault's key when the vault keeps it in the keyring.

    The fetch (D-Bus round trips to the keyring daemon) then runs while Qt and the
    screens are imported; the unlock takes its result. Nothing is read when the folder
    holds no vault or the vault asks for its passphrase.
    """
    keystore = Keystore()
    try:
        paths = VaultPaths(resolve_data_dir(data_dir))
        raw = json.loads(paths.keyslots.read_text(encoding="utf-8"))
        vault_id, slot = raw["vault_id"], raw.get("keyring")
    except (OSError, ValueError, KeyError, TypeError):
        return keystore  # the unlock reports whatever is wrong, as before
    if (
        isinstance(vault_id, str)
        and isinstance(slot, dict)
        and slot.get("service", keystore.service) == keystore.service
    ):
        keystore.prefetch(vault_id)
    return keystore


# What the unlocked window with Today needs that does not use Qt.
_PLAIN_MODULES = (
    "integrate.vault.vault",
    "integrate.vault.checkins",
    "integrate.vault.entries",
    "integrate.vault.measures",
    "integrate.vault.sessions",
    "integrate.core.measures",
    "integrate.core.window",
    "integrate.vault.backup",  # Today's data section (ui.data_today)
)


def import_before_qt() -> None:
    """Import the window's non-Qt modules before PySide6: once PySide6 is loaded, its
    import hook reads the source of every module imported after it (inspect.getsource,
    looking for "PySide6"), ~15 ms for these."""
    for name in _PLAIN_MODULES:
        importlib.import_module(name)
