"""Settings > Check-in schedule: the defaults are configurable and the schedule follows."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QPushButton

from integrate.core.model import CheckInState, Phase
from integrate.core.quiet_hours import QuietHours
from integrate.core.schedule import ScheduleConfig
from integrate.core.timeutil import local_zone_name, zone
from integrate.ui.sessions.schedule_settings import ScheduleSection
from integrate.vault.checkins import load_schedule_config
from tests.ui.helpers_sessions import add_session, no_quiet_hours


def _section(app) -> ScheduleSection:  # noqa: ANN001
    page = app.area("settings")
    section = page.findChild(ScheduleSection)
    assert section is not None, "the schedule section is not on the Settings page"
    return section


def test_shows_the_defaults_and_saves_new_times_and_phases(running_app) -> None:
    services = running_app.services
    section = _section(running_app)
    defaults = ScheduleConfig()
    assert section.same_day_hours.value() == defaults.same_day_hours
    assert section.day_time.time() == QTime(10, 0)
    assert section.preparation_time.time() == QTime(19, 0)
    assert section.between_interval.value() == defaults.between_interval_days
    assert all(box.isChecked() for box in section.phases.values())

    no_quiet_hours(services)  # saved elsewhere (Reminders) after the section was built
    session = add_session(services, hours_ago=30)
    services.checkins.complete(f"{session.uid}:same_day", {"distress": 3})
    before = {c.uid: c for c in services.checkins.query(session_id=session.id)}
    assert any(c.phase is Phase.BETWEEN for c in before.values())

    section.day_time.setTime(QTime(18, 30))
    section.same_day_hours.setValue(3.5)
    section.phases[Phase.BETWEEN].setChecked(False)
    section.phases[Phase.SAME_DAY].setChecked(False)
    assert section.save()
    assert "Saved" in section.message.text()

    stored = load_schedule_config(services.vault)
    assert stored.day_time == time(18, 30) and stored.same_day_hours == 3.5
    assert Phase.BETWEEN not in stored.enabled_phases
    assert stored.quiet_hours == QuietHours(time(0, 0), time(0, 0))  # kept, not reset
    after = {c.uid: c for c in services.checkins.query(session_id=session.id)}
    assert not any(c.phase is Phase.BETWEEN for c in after.values())
    # A check-in the patient did stays, even though its phase is now switched off.
    assert after[f"{session.uid}:same_day"].state is CheckInState.DONE
    day1 = after[f"{session.uid}:day_1"].due_at.astimezone(zone(local_zone_name()))
    assert (day1.hour, day1.minute) == (18, 30)
    local_start = session.at.astimezone(zone(local_zone_name()))
    assert day1.date() == local_start.date() + timedelta(days=1)
    today = running_app.area("today")
    today.refresh()
    assert not any(":between:" in uid for uid in today.upcoming_keys + today.due_keys)


def test_defaults_apply_at_once_and_undo_puts_back(running_app) -> None:
    services = running_app.services
    section = _section(running_app)
    section.between_max.setValue(2)
    section.phases[Phase.THERAPY_PREP].setChecked(False)
    section.auto.flush()
    stored = load_schedule_config(services.vault)
    assert stored.between_max == 2 and Phase.THERAPY_PREP not in stored.enabled_phases
    section.defaults_button.click()
    assert section.between_max.value() == ScheduleConfig().between_max
    assert load_schedule_config(services.vault) == ScheduleConfig()
    assert section.undo_button.isVisibleTo(section)
    section.undo_button.click()
    assert section.between_max.value() == 2
    stored = load_schedule_config(services.vault)
    assert stored.between_max == 2 and Phase.THERAPY_PREP not in stored.enabled_phases
    assert not section.undo_button.isVisibleTo(section)


def test_a_change_applies_without_save_and_survives_a_lock(running_app, qtbot) -> None:
    """Issue 18: an unsaved change looked kept and was silently lost on lock."""
    section = _section(running_app)
    assert not [b for b in section.findChildren(QPushButton) if b.text().lower().startswith("save")]
    section.day_time.setTime(QTime(17, 15))  # as typed; then the patient locks at once
    assert section.auto.pending
    running_app.window.lock_button.click()
    running_app.settle()
    running_app.unlock()
    assert load_schedule_config(running_app.services.vault).day_time == time(17, 15)
    # And without a lock, a moment after the change.
    section = _section(running_app)
    assert section.day_time.time() == QTime(17, 15)
    section.between_max.setValue(3)
    qtbot.waitUntil(lambda: load_schedule_config(running_app.services.vault).between_max == 3)
    assert "Saved" in section.message.text() and section.undo_button.isVisibleTo(section)
