"""Locking hygiene: lock after inactivity and when the desktop's screen locks; come back
to the same area after unlocking; journal text copied from the window is marked
sensitive and cleared from the clipboard.

`install_hygiene(controller)` wires it all to an AppController using only what
`HygieneHost` names: its signals (`unlocked`, `locked`), `services`, `window`, `prefs`
and `lock()`. The controller imports this module, never the other way round.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SLOT, QEvent, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication

from integrate.ui.base.clipboard import clear_now, protect
from integrate.ui.base.prefs import DEFAULT_AUTOLOCK_MINUTES, autolock_minutes, set_autolock_minutes

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from integrate.ui.base.context import AppServices
    from integrate.ui.reminders.reminders import LockedReminders
    from integrate.ui.shell.main_window import MainWindow


class HygieneHost(Protocol):
    """What Hygiene needs from the controller that owns it."""

    unlocked: SignalInstance
    locked: SignalInstance
    services: AppServices | None
    window: MainWindow
    prefs: QSettings

    @property
    def locked_reminders(self) -> LockedReminders: ...

    def lock(self) -> None: ...


_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}
SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE also uses this path
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


class InactivityLock(QObject):
    """A single-shot timer that any key or mouse event in the app restarts."""

    timeout = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timeout.emit)
        self._interval_ms = DEFAULT_AUTOLOCK_MINUTES * 60_000
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        """0 means never."""
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, msecs: int) -> None:
        self._interval_ms = msecs
        if self._timer.isActive() or msecs:
            self.start()

    def start(self) -> None:
        if self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start(self._interval_ms)
        return False


LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"


def logind_session_path(session_id: str | None = None) -> str:
    """The D-Bus object path of this login session (logind escapes the id like sd-bus)."""
    sid = session_id if session_id is not None else os.environ.get("XDG_SESSION_ID", "")
    if not sid:
        return ""
    escaped = "".join(
        c if (c.isascii() and c.isalnum() and not (i == 0 and c.isdigit())) else f"_{ord(c):02x}"
        for i, c in enumerate(sid)
    )
    return f"{LOGIND_PATH}/session/{escaped}"


class ScreenLockListener(QObject):
    """Emits `screen_locked` when the desktop reports ActiveChanged(true) on D-Bus, and when
    logind says the computer is about to sleep or this session is being locked."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connected_buses: list[str] = []
        self.logind_buses: list[str] = []

    def listen(self, bus: QDBusConnection) -> bool:
        """Subscribe on `bus` (the session bus in the app, a private bus in tests)."""
        if not bus.isConnected():
            return False
        ok = False
        for path, interface in SCREENSAVERS:
            # PySide6 QtDBus needs the old SLOT("name(types)") string form here.
            slot = SLOT("_active_changed(bool)")
            hooked = bus.connect("", path, interface, "ActiveChanged", self, slot)  # type: ignore[call-overload]
            ok = hooked or ok
        if ok:
            self.connected_buses.append(bus.name())
        return ok

    def listen_logind(self, bus: QDBusConnection, session_path: str | None = None) -> bool:
        """Subscribe to logind on `bus` (the system bus in the app, a private one in tests):
        PrepareForSleep(true) and this session's Lock signal."""
        if not bus.isConnected():
            return False
        # Any sender: on the system bus only logind may own its name, and a private test
        # bus has no logind to own it.
        sleep = SLOT("_prepare_for_sleep(bool)")
        ok = bus.connect("", LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", self, sleep)  # type: ignore[call-overload]
        path = logind_session_path() if session_path is None else session_path
        if path:
            lock = SLOT("_session_lock()")
            hooked = bus.connect("", path, LOGIND_SESSION, "Lock", self, lock)  # type: ignore[call-overload]
            ok = hooked or ok
        if ok:
            self.logind_buses.append(bus.name())
        return bool(ok)

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot(bool)
    def _prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:  # false is sent on waking up
            self.screen_locked.emit()

    @Slot()
    def _session_lock(self) -> None:
        self.screen_locked.emit()


class Hygiene(QObject):
    """Auto-lock, screen-lock and "return to the same area" for one controller."""

    def __init__(self, controller: HygieneHost, parent: QObject) -> None:
        super().__init__(parent)
        self.controller = controller
        self.last_area: str | None = None
        # What was open in that area (an entry or check-in uid). Kept in memory only,
        # never in the preferences file, and used once to reopen it after unlocking.
        self.last_item = ""
        self.inactivity = InactivityLock(self)
        self.inactivity.set_minutes(autolock_minutes(controller.prefs))
        self.inactivity.stop()
        self.inactivity.timeout.connect(self._lock)
        self.screen = ScreenLockListener(self)
        self.screen.screen_locked.connect(self._lock)
        self.screen.listen(QDBusConnection.sessionBus())
        # Sleep and session lock come from logind on the system bus (after start-up).
        QTimer.singleShot(0, self, self._listen_logind)
        controller.unlocked.connect(self._on_unlocked)
        controller.locked.connect(self.inactivity.stop)
        controller.locked.connect(clear_now)  # journal text does not outlive the lock
        controller.locked.connect(self._arm_locked_reminders)
        protect(controller.window)  # every text field: Copy/Cut marked sensitive
        # Automatic backups (off until the patient picks a folder): checked at unlock
        # and hourly while unlocked; run_automatic_backup writes at most one a day.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(60 * 60_000)
        self.backup_timer.timeout.connect(self.run_due_backup)
        controller.locked.connect(self.backup_timer.stop)

    def set_minutes(self, minutes: int) -> None:
        set_autolock_minutes(self.controller.prefs, minutes)
        self.inactivity.set_minutes(minutes)
        if self.controller.services is None:
            self.inactivity.stop()

    def _listen_logind(self) -> None:
        self.screen.listen_logind(QDBusConnection.systemBus())

    def _arm_locked_reminders(self) -> None:
        self.controller.locked_reminders.arm()

    def _lock(self) -> None:
        if self.controller.services is not None:
            self.controller.lock()

    def _on_unlocked(self) -> None:
        services = self.controller.services
        if services is not None:
            services.about_to_lock.connect(self._remember_area)
            services.autolock_changed.connect(self.set_minutes)
            services.auto_backup_changed.connect(self.run_due_backup)
        shell = self.controller.window.shell
        if shell is not None and self.last_area:
            with contextlib.suppress(KeyError, ValueError):  # an area that no longer exists
                shell.show_area(self.last_area)
                if self.last_item and services is not None:
                    # The page's open_item reopens the entry or check-in (autosaved text).
                    services.navigate.emit(self.last_area, self.last_item)
        self.last_item = ""
        self.inactivity.start()
        self.backup_timer.start()
        QTimer.singleShot(5_000, self.run_due_backup)

    def run_due_backup(self) -> None:
        from integrate.ui.base.exclusive import JobKind
        from integrate.vault.backup import BackupError, auto_config, run_automatic_backup

        services = self.controller.services
        # Not before the start-up integrity check passed: a damaged file is never copied
        # over a good backup (the periodic timer tries again).
        if services is None or not services.vault.writable or auto_config(services.vault) is None:
            return

        def failed(exc: BaseException) -> None:
            # Shown gently in Settings; never a popup at random moments.
            services.last_backup_error = (
                str(exc) if isinstance(exc, BackupError) else type(exc).__name__
            )

        def done(_path: object) -> None:
            services.last_backup_error = ""

        # Its own connection, never beside another data task (the periodic timer retries).
        services.jobs.run(JobKind.AUTO_BACKUP, run_automatic_backup, done, failed)

    def _remember_area(self) -> None:
        shell = self.controller.window.shell
        if shell is not None:
            self.last_area = shell.current_key()
            current = getattr(shell.page(self.last_area), "current_item", None)
            self.last_item = str(current()) if callable(current) else ""


def install_hygiene(controller: HygieneHost, parent: QObject) -> Hygiene:
    """Auto-lock, screen lock and return-to-area for `controller` (a child of `parent`)."""
    return Hygiene(controller, parent)
