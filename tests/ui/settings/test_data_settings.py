"""Settings → Locking and Your data, driven with the file and password dialogs patched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from integrate.ui.settings.data_settings import DataSection, LockingSection
from integrate.ui.shell.onboarding import Onboarding
from integrate.vault.backup import inspect_backup

BACKUP_PASS = "backup pass 1"


@pytest.fixture
def quiet_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Discard)
    return shown


def press(label: str, shown: list[str]):  # noqa: ANN201 - a QMessageBox.exec stand-in
    """Answer a message box by clicking the button called `label` (if it has one)."""

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        for candidate in box.buttons():
            if candidate.text() == label:
                candidate.click()
        return 0

    return fake_exec


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
    monkeypatch.setattr(QMessageBox, "exec", press("Replace this journal", quiet_dialogs))
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


def test_restore_into_a_new_journal_leaves_this_one_alone(
    demo_app, tmp_path: Path, quiet_dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integrate.paths import VaultPaths
    from integrate.vault.backup import backup_now
    from integrate.vault.vault import unlock_with_passphrase

    app = demo_app
    section = _section(app, DataSection)
    vault = app.services.vault
    target = tmp_path / "mine.ibackup"
    backup_now(vault, target, BACKUP_PASS)
    counts = vault.counts()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (BACKUP_PASS, True))
    monkeypatch.setattr(QMessageBox, "exec", press("Into a new journal…", quiet_dialogs))

    # The folder of the open journal is refused.
    here = str(app.services.paths.root)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: here)
    section.restore_button.click()
    app.settle()
    assert "already holds a journal" in quiet_dialogs[-1]

    folder = tmp_path / "restored"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    quiet_dialogs.clear()
    section.restore_button.click()
    app.settle()
    summary = quiet_dialogs[0]  # shown before anything is chosen: counts and date range
    assert f"{counts['entries']} journal entries" in summary
    assert f"{counts['sessions']} sessions" in summary and " from " in summary
    done = quiet_dialogs[-1]
    assert "restored into a new journal" in done and str(folder) in done
    assert "integrate --data-dir" in done
    code = done.split("\n\n")[2].strip()
    assert section.last_new_vault == VaultPaths(folder)

    # This journal is untouched: same records, no safety copy taken.
    assert vault.counts() == counts
    assert not list(app.services.paths.backups.glob("before-restore-*.db"))
    # The new one opens with its own passphrase and recovery code and holds the backup.
    opened = unlock_with_passphrase(VaultPaths(folder), BACKUP_PASS)
    assert opened.ok and opened.vault is not None
    with opened.vault as restored:
        assert restored.counts() == counts
        assert restored.id != vault.id
        assert restored.slots.unlock_recovery(code) == restored.key
