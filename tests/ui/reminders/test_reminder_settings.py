"""Settings → Reminders on a real unlocked vault: wording is validated, quiet hours are the
schedule's, the login entry is written only when asked, and the calendar export works."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTime

from integrate.core.quiet_hours import QuietHours
from integrate.core.timeutil import to_iso
from integrate.ui.reminders.reminder_settings import ReminderSection
from integrate.vault.reminder_store import load_reminder_settings
from tests.share.test_calendar import parse
from tests.ui.conftest import RunningApp


@pytest.fixture
def section(
    running_app: RunningApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ReminderSection:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    page = running_app.area("settings")
    found = page.findChild(ReminderSection)
    assert found is not None
    found.home = tmp_path / "home"
    return found


def test_sensitive_wording_is_refused_with_a_clear_message(
    section: ReminderSection, running_app: RunningApp
) -> None:
    section.text_fields["checkin"].setText("Post-ketamine journaling")
    assert not section.save()
    assert "Not saved" in section.message.text() and "ketamin" in section.message.text()
    assert (
        load_reminder_settings(running_app.services.vault).texts.checkin == "Time for your check-in"
    )
    section.text_fields["checkin"].setText("  Time for a pause ")
    section.text_fields["measure"].setText("")  # empty falls back to the default wording
    changed: list[str] = []
    running_app.services.changed.connect(changed.append)
    assert section.save() and section.message.text() == "Saved."
    texts = load_reminder_settings(running_app.services.vault).texts
    assert texts.checkin == "Time for a pause"
    assert texts.measure == "A questionnaire is ready when you are"
    assert "settings" in changed


def test_quiet_hours_and_switch_are_stored_in_the_shared_keys(
    section: ReminderSection, running_app: RunningApp
) -> None:
    vault = running_app.services.vault
    vault.set_setting("schedule", {"day_time": "09:00"})
    section.enabled.setChecked(False)
    section.quiet_on.setChecked(True)
    section.quiet_start.setTime(QTime(21, 30))
    section.quiet_end.setTime(QTime(7, 0))
    assert section.save()
    assert vault.get_setting("schedule") == {"day_time": "09:00", "quiet_hours": "21:30-07:00"}
    got = load_reminder_settings(vault)
    assert not got.enabled and got.quiet_hours == QuietHours(time(21, 30), time(7))
    section.quiet_start.setTime(QTime(7, 0))
    assert not section.save() and "different start and end" in section.message.text()
    section.quiet_on.setChecked(False)
    assert section.save()
    assert vault.get_setting("schedule")["quiet_hours"] == "off"


def test_autostart_is_off_by_default_and_follows_the_toggles(
    section: ReminderSection, tmp_path: Path
) -> None:
    entry = tmp_path / "config" / "autostart" / "integrate.desktop"
    assert not section.autostart.isChecked() and not entry.exists()
    section.autostart.setChecked(True)
    assert entry.exists() and "--minimized" in entry.read_text()
    assert "Name=Integrate" in entry.read_text()
    # The test journal is not in the default folder: the login start must find it.
    root = section.services.paths.root.resolve()
    assert f"--data-dir {root}" in entry.read_text() or f'"{root}"' in entry.read_text()
    section.neutral_name.setChecked(True)
    assert "Name=Journal" in entry.read_text()
    kept = section.services.paths.root / "reminder-times.json"
    kept.write_text("{}")  # as a lock would have written it while autostart was on
    section.autostart.setChecked(False)
    assert not entry.exists() and not kept.exists()


def test_calendar_export_writes_the_open_checkins(
    section: ReminderSection, running_app: RunningApp, tmp_path: Path
) -> None:
    now = datetime.now().astimezone()
    for n, state in enumerate(("due", "done", "due")):
        running_app.services.vault.conn.execute(
            "INSERT INTO checkins(uid, phase, due_at, state, created_at, updated_at) "
            "VALUES (?, 'day_1', ?, ?, ?, ?)",
            (f"s:{n}", to_iso(now + timedelta(days=n)), state, to_iso(now), to_iso(now)),
        )
    out = tmp_path / "cal.ics"
    assert section.export_to(out) == 2
    assert len(parse(out.read_bytes()).sub("VEVENT")) == 2


def test_calendar_export_from_settings_includes_suggested_questionnaires(
    section: ReminderSection, running_app: RunningApp, tmp_path: Path
) -> None:
    from integrate.core.model import Series

    services = running_app.services
    start = datetime.now().astimezone().date() + timedelta(days=9)
    services.sessions.add_series(Series("Next", start))
    out = tmp_path / "cal.ics"
    assert section.export_to(out) == 1  # the baseline questionnaires, one event
    (event,) = parse(out.read_bytes()).sub("VEVENT")
    assert event.value("SUMMARY") == "A questionnaire is ready when you are"


def test_reminder_wording_applies_without_save_survives_a_lock_and_undoes(
    section: ReminderSection, running_app: RunningApp, qtbot
) -> None:
    """Issue 18: Reminders needed Save and a change was silently lost on lock."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    assert not [b for b in section.findChildren(QPushButton) if b.text().startswith("Save")]
    field = section.text_fields["checkin"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "A quiet moment")
    assert section.auto.pending
    running_app.window.lock_button.click()  # before the change was applied
    running_app.settle()
    running_app.unlock()
    vault = running_app.services.vault
    assert load_reminder_settings(vault).texts.checkin == "A quiet moment"
    again = running_app.area("settings").findChild(ReminderSection)
    again.quiet_on.setChecked(False)
    qtbot.waitUntil(lambda: not load_reminder_settings(vault).quiet_hours.enabled)
    assert again.undo_button.isVisibleTo(again)
    again.undo_button.click()
    assert load_reminder_settings(vault).quiet_hours.enabled
    assert again.quiet_on.isChecked() and again.quiet_start.isEnabled()
    assert Qt.FocusPolicy.NoFocus != again.undo_button.focusPolicy()
