"""Settings → Locking and Your data, driven with the file and password dialogs patched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from integrate.ui.data_settings import DataSection, LockingSection
from integrate.ui.onboarding import Onboarding
from integrate.vault.backup import inspect_backup

BACKUP_PASS = "backup pass 1"


@pytest.fixture
def quiet_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    return shown


def _section(app, kind: type):  # noqa: ANN001, ANN202
    page = app.area("settings")
    found = page.findChildren(kind)
    assert found, kind
    return found[0]


def test_backup_now_restore_and_autolock_choice(
    demo_app, tmp_path: Path, quiet_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = demo_app
    section = _section(app, DataSection)
    target = tmp_path / "mine.ibackup"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (BACKUP_PASS, True))
    section.backup_button.click()
    app.settle()
    assert inspect_backup(target, BACKUP_PASS).counts["entries"] > 0
    assert "Last backup" in section.status.text()
    entries_before = app.services.vault.counts()["entries"]
    app.services.vault.conn.execute("DELETE FROM entries")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    section.restore_button.click()
    app.settle()
    assert app.services.vault.counts()["entries"] == entries_before
    assert list(app.services.paths.backups.glob("before-restore-*.db"))

    locking = _section(app, LockingSection)
    locking.timeout.setCurrentIndex(locking.timeout.findData(0))
    assert not app.controller.hygiene.inactivity.active
    assert int(app.services.prefs.value("security/autolock_minutes")) == 0


def test_delete_everything_needs_the_word(
    running_app, quiet_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = running_app
    paths = app.paths
    section = _section(app, DataSection)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("delete", True))
    section.delete_button.click()
    assert paths.exists() and app.controller.services is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("DELETE", True))
    section.delete_button.click()
    app.settle()
    assert not paths.exists() and not paths.db.exists()
    assert isinstance(app.window.screens.currentWidget(), Onboarding)
