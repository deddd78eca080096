"""After a lock, a keyring journal comes back with one primary action: "Unlock" (issue 18)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from integrate.paths import VaultPaths
from integrate.ui.shell.unlock import KEYRING, RECOVERY, UnlockScreen
from integrate.vault.keystore import Keystore
from integrate.vault.vault import create_vault
from tests.ui.conftest import start_app


def _keyring_only_vault(root: Path) -> VaultPaths:
    """What onboarding makes when the keyring works: keyring slot and recovery code."""
    paths = VaultPaths(root)
    created = create_vault(paths, keystore=Keystore(), passphrase=None)
    created.vault.close()
    return paths


def test_after_a_lock_unlock_is_the_one_primary_action_and_enter_opens(
    qtbot, tmp_path: Path, fast_kdf, secret_service
) -> None:
    app = start_app(qtbot, _keyring_only_vault(tmp_path / "v"), keystore=Keystore())
    qtbot.waitUntil(lambda: app.window.shell is not None, timeout=10_000)
    app.settle()
    app.window.lock_button.click()  # what Ctrl+L and auto-lock do
    app.settle()
    screen = app.window.screens.currentWidget()
    assert isinstance(screen, UnlockScreen)
    assert screen.mode() == KEYRING
    # One primary button, and it says Unlock; the recovery form is not what shows.
    primaries = [
        b
        for b in screen.findChildren(type(screen.retry_button))
        if b.objectName() == "primary" and b.isVisibleTo(screen)
    ]
    assert [b.text() for b in primaries] == ["Unlock"]
    assert screen.retry_button.isDefault()
    assert not screen.recovery.isVisibleTo(screen)
    assert not screen.passphrase.isVisibleTo(screen)
    # The other ways sit behind a link.
    assert screen.other_ways.objectName() == "link"
    assert screen.other_ways.isVisibleTo(screen)
    # Enter unlocks.
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window.shell is not None, timeout=10_000)
    app.controller.shutdown()
    app.settle()


def test_the_link_leads_to_the_recovery_code_and_back(
    qtbot, tmp_path: Path, fast_kdf, secret_service
) -> None:
    app = start_app(qtbot, _keyring_only_vault(tmp_path / "v"), keystore=Keystore())
    qtbot.waitUntil(lambda: app.window.shell is not None, timeout=10_000)
    app.settle()
    app.window.lock_button.click()
    app.settle()
    screen = app.window.screens.currentWidget()
    assert isinstance(screen, UnlockScreen)
    screen.other_ways.click()
    assert screen.mode() == RECOVERY
    assert screen.recovery.isVisibleTo(screen)
    assert screen.use_keyring.isVisibleTo(screen)
    screen.use_keyring.click()
    assert screen.mode() == KEYRING
    assert screen.retry_button.isVisibleTo(screen)
    app.controller.shutdown()
    app.settle()
