"""What the screens talk to: the open vault, repositories and change notifications.

Screens never open files or keyrings themselves; they call these small services
and listen to `changed` to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QSettings, Signal

from integrate.core.timeutil import now_local
from integrate.paths import VaultPaths
from integrate.services.usecases import UseCases
from integrate.ui.base.exclusive import ExclusiveJobs
from integrate.vault.keystore import Keystore
from integrate.vault.vault import Vault


class AppServices(QObject):
    """One per unlocked vault; dropped when the app locks."""

    # Area names: "entries", "sessions", "checkins", "measures", "exercises", "safety",
    # "shares", "settings". Screens refresh when an area they show changes.
    changed = Signal(str)
    # Ask the shell to show an area (and optionally an item in it), e.g. ("journal", uid).
    navigate = Signal(str, str)
    # Emitted just before the vault closes (lock, quit): editors write what is typed.
    about_to_lock = Signal()
    # The vault passed the integrity check the app runs after the window shows: from now
    # on it accepts writes (`vault.writable`); Today brings the schedule up to date.
    ready = Signal()
    # What features ask of the shell (they never reach the controller or other pages):
    lock_requested = Signal()
    erase_requested = Signal()  # after the patient confirmed "Delete everything"
    autolock_changed = Signal(int)  # minutes (0: never), already saved in the preferences
    auto_backup_changed = Signal()  # automatic backups were set up: run one if due

    def __init__(
        self,
        vault: Vault,
        paths: VaultPaths,
        keystore: Keystore,
        prefs: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.paths = paths
        self.keystore = keystore
        self.prefs = prefs
        # The use cases (services/); screens call these, never the raw connection.
        self.use = UseCases(vault)
        self.entries = self.use.journal.entries
        self.sessions = self.use.sessions.repo
        self.checkins = self.use.checkins.repo
        self.measures = self.use.measures.repo
        # Set by the shell when an automatic backup fails; Settings shows it gently.
        self.last_backup_error = ""
        # Backup, restore, import, export and key rotation: one at a time, off the GUI
        # thread, never inside the screens' transactions (ui/base/exclusive.py).
        self.jobs = ExclusiveJobs(vault, self)
        # What "now" is for Today and reminders (tests drive both with one fake clock).
        self.clock: Callable[[], datetime] = now_local

    def notify(self, area: str) -> None:
        self.changed.emit(area)
