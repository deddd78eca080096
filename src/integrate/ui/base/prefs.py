"""Preferences kept outside the vault (QSettings, nothing sensitive) that several parts read.

Only values that more than one part of the UI reads live here; each part keeps its own
private keys where it uses them.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

PREF_AUTOLOCK_MINUTES = "security/autolock_minutes"
DEFAULT_AUTOLOCK_MINUTES = 5
AUTOLOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60, 0)  # minutes; 0 = never


def autolock_minutes(prefs: QSettings) -> int:
    """Minutes of no activity before the journal locks (0: never)."""
    try:
        value = int(prefs.value(PREF_AUTOLOCK_MINUTES, DEFAULT_AUTOLOCK_MINUTES))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_AUTOLOCK_MINUTES
    return value if value >= 0 else DEFAULT_AUTOLOCK_MINUTES


def set_autolock_minutes(prefs: QSettings, minutes: int) -> None:
    prefs.setValue(PREF_AUTOLOCK_MINUTES, int(minutes))
    prefs.sync()
