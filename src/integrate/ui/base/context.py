"""What the screens talk to: the open vault, repositories and change notifications.

Screens never open files or keyrings themselves; they call these small services
and listen to `changed` to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog, QWidget

from integrate.core.timeutil import now_local
from integrate.paths import VaultPaths
from integrate.services.usecases import UseCases
from integrate.ui.base.exclusive import ExclusiveJobs
from integrate.vault.keystore import Keystore
from integrate.vault.vault import Vault

if TYPE_CHECKING:
    from integrate.core.exercises import Exercise
    from integrate.core.what_helps import TopPick


class CopingActions(Protocol):
    """What other features may ask of coping; the shell provides it (shell/coping_actions)."""

    def top_pick(self) -> TopPick | None: ...

    def open_player(self, exercise: Exercise, parent: QWidget | None) -> QDialog: ...

    def safety_plan_editor(self) -> tuple[QWidget, Callable[[], None]]:
        """The editor and its flush (writes what is typed now)."""
        ...


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
    help_now_requested = Signal()  # "Need help now" from a follow-up card, as F1 does

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
        # Filled in by the shell: exercises and the safety plan for other features.
        self.coping_actions: CopingActions | None = None
        # Set by the shell when an automatic backup fails; Settings shows it gently.
        self.last_backup_error = ""
        # Backup, restore, import, export and key rotation: one at a time, off the GUI
        # thread, never inside the screens' transactions (ui/base/exclusive.py).
        self.jobs = ExclusiveJobs(vault, self)
        # What "now" is for Today and reminders (tests drive both with one fake clock).
        self.clock: Callable[[], datetime] = now_local

    def notify(self, area: str) -> None:
        self.changed.emit(area)
