"""Builds the QApplication, the window and the controller; one instance per vault."""

from __future__ import annotations

import argparse
import hashlib
import sys

from PySide6.QtCore import QSettings
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from integrate import APP_NAME
from integrate.paths import VaultPaths, ensure_private_dir, resolve_data_dir
from integrate.ui.controller import AppController
from integrate.ui.main_window import MainWindow
from integrate.ui.theme import apply_theme
from integrate.ui.worker import wait_for_background
from integrate.vault.keystore import Keystore


def preferences(paths: VaultPaths) -> QSettings:
    """Non-sensitive preferences (country, window size), beside the vault, 0600."""
    return QSettings(str(paths.root / "preferences.ini"), QSettings.Format.IniFormat)


def build(paths: VaultPaths, keystore: Keystore | None = None) -> tuple[MainWindow, AppController]:
    """The window and controller for `paths` (used by run_gui and the GUI tests)."""
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


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    apply_theme(app)
    paths = VaultPaths(resolve_data_dir(args.data_dir))
    name = _instance_name(paths)
    if _hand_over_to_running(name):
        print("Integrate is already open; brought it to the front.", file=sys.stderr)
        return 0
    QLocalServer.removeServer(name)  # a stale socket from a crash
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    server.listen(name)
    window, controller = build(paths)

    def bring_forward() -> None:
        while server.hasPendingConnections():
            server.nextPendingConnection().close()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(bring_forward)
    controller.start()
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
