"""Builds the QApplication, the window and the controller; one instance per vault."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time

from PySide6.QtCore import QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from integrate import APP_NAME
from integrate.core.identity import APP_ID
from integrate.paths import VaultPaths, ensure_private_dir, resolve_data_dir
from integrate.ui.base.first_paint import DeferredFilterApplication, after_first_paint
from integrate.ui.base.theme import install_theme
from integrate.ui.base.worker import wait_for_background
from integrate.ui.shell.controller import AppController
from integrate.ui.shell.main_window import MainWindow
from integrate.vault.keystore import Keystore


def preferences(paths: VaultPaths) -> QSettings:
    """Non-sensitive preferences (country, window size), beside the vault, 0600."""
    return QSettings(str(paths.root / "preferences.ini"), QSettings.Format.IniFormat)


def install_translator(app: QApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Load resources/translations/integrate_<lang>.qm for the system locale, if built."""
    from integrate.resources import resource_path

    translator = QTranslator(app)
    folder = str(resource_path("translations"))
    if translator.load(locale or QLocale(), "integrate", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def name_application(app: QApplication) -> None:
    """The names desktops match windows by. The desktop file name (without ".desktop") is
    the application id that the menu entry, the .deb, the metainfo and Wayland's app_id
    share, so the running window is grouped with its launcher and icon."""
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)


def build(paths: VaultPaths, keystore: Keystore | None = None) -> tuple[MainWindow, AppController]:
    """The window and controller for `paths` (used by run_gui and the GUI tests)."""
    from integrate.vault.instance_lock import APP, set_holder

    set_holder(APP)  # a command refused by our lock is told the app has the journal
    ensure_private_dir(paths.root)
    window = MainWindow()
    controller = AppController(window, paths, keystore or Keystore(), preferences(paths))
    return window, controller


def _instance_name(paths: VaultPaths) -> str:
    digest = hashlib.sha256(str(paths.root).encode()).hexdigest()[:16]
    return f"integrate-{digest}"


def _hand_over_to_running(name: str) -> bool:
    """If the app already runs for this vault, ask it to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if socket.waitForConnected(300):
        socket.write(b"show\n")
        socket.waitForBytesWritten(300)
        socket.disconnectFromServer()
        return True
    return False


def ms_since_process_start() -> float:
    """Milliseconds since this process was started (Linux /proc; else since import)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED) * 1000


def resident_kib() -> int:
    """VmRSS of this process in KiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


_IMPORTED = time.perf_counter()


def current_page(window: MainWindow) -> QWidget:
    """The area the unlocked window shows (Today at start), else the window itself."""
    shell = window.shell
    return (shell.stack.currentWidget() if shell is not None else None) or window


class _FirstPaint(QObject):
    """--benchmark-startup: once Today is unlocked and painted, print the time; once the
    background integrity check has passed (writes allowed, schedule synced), print that
    time too; then quit.

    It watches the page's own widgets, like benchmarks/bare_window.py watches its central
    widget: an application-wide filter would itself cost start-up time (first_paint.py).
    """

    def __init__(self, app: QApplication, window: MainWindow, controller: AppController) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.controller = controller
        self.done = False
        controller.unlocked.connect(self._unlocked)
        QTimer.singleShot(120_000, self._gave_up)

    def _unlocked(self) -> None:
        after_first_paint(current_page(self.window), self._report, fallback_ms=None)

    def _report(self) -> None:
        self.done = True
        print(f"startup_ms={ms_since_process_start():.1f} rss_kib={resident_kib()}", flush=True)
        services = self.controller.services
        if services is not None and not services.vault.writable:
            services.ready.connect(self._ready)  # Today syncs in its own slot, connected first
        else:
            self._ready()

    def _ready(self) -> None:
        print(f"ready_ms={ms_since_process_start():.1f}", flush=True)
        self.app.exit(0)

    def _gave_up(self) -> None:
        if not self.done:
            print("startup_ms=failed (the journal did not open)", flush=True)
            self.app.exit(1)


def run_gui(args: argparse.Namespace, keystore: Keystore | None = None) -> int:
    """The window; `keystore` may already be fetching the key (integrate.startup)."""
    app = QApplication.instance() or DeferredFilterApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    name_application(app)
    install_translator(app)
    paths = VaultPaths(resolve_data_dir(args.data_dir))
    install_theme(app, preferences(paths))  # the theme choice is readable while locked
    name = _instance_name(paths)
    if _hand_over_to_running(name):
        print("Integrate is already open; brought it to the front.", file=sys.stderr)
        return 0
    QLocalServer.removeServer(name)  # a stale socket from a crash
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    server.listen(name)
    window, controller = build(paths, keystore)

    def bring_forward() -> None:
        while server.hasPendingConnections():
            server.nextPendingConnection().close()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(bring_forward)
    if isinstance(app, DeferredFilterApplication):
        # App-wide event filters (auto-lock activity, F1 over dialogs, the clipboard guard)
        # go in once Today has painted, or after 1.5 s on any other screen.
        controller.unlocked.connect(
            lambda: after_first_paint(current_page(window), app.release_app_filters)
        )
        QTimer.singleShot(1500, app.release_app_filters)
    if getattr(args, "benchmark_startup", False):
        _FirstPaint(app, window, controller)
    # Minimised is the login autostart: the journal stays locked (no keyring unlock with
    # nobody necessarily at the screen); reminders still come while it is locked.
    controller.start(locked=bool(getattr(args, "minimized", False)))
    if getattr(args, "minimized", False):
        window.showMinimized()
    else:
        window.show()
    try:
        return app.exec()
    finally:
        wait_for_background(5000)
        controller.shutdown()
        server.close()
