"""Today's data notices: the gentle backup reminder and the new-recovery-code offer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from integrate.core.reminders import find_sensitive_terms
from integrate.core.timeutil import now_local
from integrate.ui.settings.data_today import BackupReminder, RecoveryCodeNotice
from integrate.vault.backup import (
    AutoBackupConfig,
    inspect_backup,
    last_backup_at,
    record_backup,
    set_auto_config,
)
from integrate.vault.keys import KeySlots
from integrate.vault.rotation_state import UNSEEN_FIELD

BACKUP_PASS = "backup pass 1"


def reminder(page) -> BackupReminder | None:  # noqa: ANN001
    found = page.findChildren(BackupReminder)
    return found[0] if found else None


def test_no_reminder_for_someone_who_never_chose_backups(running_app) -> None:
    services = running_app.services
    page = running_app.area("today")
    assert reminder(page) is None
    # Even long after: never set up, never backed up, nothing to nag about.
    created = now_local() - timedelta(days=60)
    services.vault.conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'created_at'", (created.isoformat(),)
    )
    page.refresh()
    assert reminder(page) is None


def test_week_old_backup_is_mentioned_calmly_and_not_now_quiets_it(
    running_app, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = running_app.services
    page = running_app.area("today")
    record_backup(services.vault, now_local() - timedelta(days=3))
    page.refresh()
    assert reminder(page) is None  # three days: fine
    old = now_local() - timedelta(days=9)
    record_backup(services.vault, old)
    services.notify("settings")  # Today refreshes on settings changes
    found = reminder(page)
    assert found is not None and found.isVisibleTo(page)
    assert f"{old:%d %B %Y}" in found.text.text()
    assert "When you have a moment" in found.text.text()
    assert find_sensitive_terms(found.text.text()) == []

    found.later_button.click()
    assert not found.isVisibleTo(page)
    card = found.parentWidget()
    assert card is not None and not card.isVisibleTo(page)  # no empty card left behind
    page.refresh()
    assert reminder(page) is None  # quiet for a week, across refreshes


def test_back_up_now_from_today_writes_a_backup(
    running_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = running_app.services
    page = running_app.area("today")
    set_auto_config(
        services.vault,
        AutoBackupConfig(tmp_path / "unplugged", BACKUP_PASS, since=now_local() - timedelta(9)),
    )
    page.refresh()
    found = reminder(page)
    assert found is not None and "No automatic backup has been saved yet" in found.text.text()
    target = tmp_path / "today.ibackup"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (BACKUP_PASS, True))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    found.backup_button.click()
    running_app.settle()
    assert running_app.window.shell is not None
    assert running_app.window.shell.current_key() == "settings"
    assert inspect_backup(target, BACKUP_PASS).schema_version > 0
    assert last_backup_at(services.vault) is not None
    page = running_app.area("today")
    page.refresh()
    assert reminder(page) is None


def test_recovery_code_notice_after_an_interrupted_key_change(
    running_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = running_app.services
    vault = services.vault
    vault.slots.extra[UNSEEN_FIELD] = True  # what settling an interrupted rotation leaves
    vault.slots.save(vault.paths.keyslots)
    page = running_app.area("today")
    page.refresh()
    notices = page.findChildren(RecoveryCodeNotice)
    assert len(notices) == 1
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    notices[0].make_button.click()
    running_app.settle()
    assert len(shown) == 1 and "Your new recovery code" in shown[0]
    code = shown[0].split("\n\n")[1].strip()
    assert not vault.recovery_code_unseen
    on_disk = KeySlots.load(vault.paths.keyslots)
    assert UNSEEN_FIELD not in on_disk.extra
    assert on_disk.unlock_recovery(code) == vault.key  # the code shown opens the journal
    page.refresh()
    assert page.findChildren(RecoveryCodeNotice) == []
