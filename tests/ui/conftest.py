"""GUI fixtures: a real window on a real (passphrase-protected) vault, driven offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keyring.backends import fail

from integrate.paths import VaultPaths
from integrate.ui.base.context import AppServices
from integrate.ui.base.worker import wait_for_background
from integrate.ui.shell.controller import AppController
from integrate.ui.shell.main_window import MainWindow
from integrate.vault.keystore import Keystore
from integrate.vault.vault import create_vault

PASSPHRASE = "correct horse battery"


@dataclass
class RunningApp:
    window: MainWindow
    controller: AppController
    paths: VaultPaths
    qtbot: object

    @property
    def services(self) -> AppServices:
        assert self.controller.services is not None, "the journal is not unlocked"
        return self.controller.services

    def settle(self, rounds: int = 5) -> None:
        """Let background jobs finish and their results reach the GUI thread."""
        from PySide6.QtWidgets import QApplication

        for _ in range(rounds):
            wait_for_background(5000)
            QApplication.processEvents()

    def unlock(self, passphrase: str = PASSPHRASE) -> None:
        screen = self.window.screens.currentWidget()
        screen.passphrase.setText(passphrase)  # type: ignore[attr-defined]
        screen.unlock_button.click()  # type: ignore[attr-defined]
        self.qtbot.waitUntil(lambda: self.window.shell is not None, timeout=10_000)  # type: ignore[attr-defined]
        self.settle()

    def area(self, key: str):  # noqa: ANN201 - returns the area's widget
        assert self.window.shell is not None
        return (
            self.window.shell.show_area(key)
            if key in self.window.shell._pages
            else self._build_and_show(key)
        )

    def _build_and_show(self, key: str):  # noqa: ANN202
        assert self.window.shell is not None
        self.window.shell.page(key)
        widget = self.window.shell.show_area(key)
        self.settle()
        return widget


def make_vault(root: Path, *, demo: bool = False) -> VaultPaths:
    paths = VaultPaths(root)
    created = create_vault(paths, keystore=None, passphrase=PASSPHRASE)
    if demo:
        from integrate.demo import populate_demo

        populate_demo(created.vault)
    created.vault.close()
    return paths


def start_app(qtbot, paths: VaultPaths, keystore: Keystore | None = None) -> RunningApp:  # noqa: ANN001
    from integrate.app import build

    window, controller = build(paths, keystore or Keystore(backend=fail.Keyring()))
    qtbot.addWidget(window)
    controller.start()
    window.show()
    app = RunningApp(window, controller, paths, qtbot)
    app.settle()
    return app


@pytest.fixture
def fast_vault_kdf(fast_kdf: None) -> None:
    """Alias so GUI tests read clearly."""


@pytest.fixture
def running_app(qtbot, tmp_path: Path, fast_kdf: None) -> Iterator[RunningApp]:  # noqa: ANN001
    """The app on an empty, unlocked journal."""
    app = start_app(qtbot, make_vault(tmp_path / "vault"))
    app.unlock()
    yield app
    app.controller.shutdown()
    app.settle()


@pytest.fixture
def demo_app(qtbot, tmp_path: Path, fast_kdf: None) -> Iterator[RunningApp]:  # noqa: ANN001
    """The app on an unlocked journal filled with `integrate demo` data."""
    app = start_app(qtbot, make_vault(tmp_path / "vault", demo=True))
    app.unlock()
    yield app
    app.controller.shutdown()
    app.settle()
