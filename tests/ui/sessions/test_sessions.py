"""The Sessions screen: log, validate, edit, delete with confirmation, series."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtWidgets import QMessageBox

from integrate.core.model import CheckInState, Entry, Phase, Route, Series, SessionKind
from integrate.core.timeutil import zone
from integrate.ui.sessions.sessions import SessionsPage
from integrate.ui.shell.today import TodayPage
from tests.ui.helpers_sessions import (
    add_session,
    answer_message_boxes,
    fill_when,
    local_now,
    no_quiet_hours,
)


def test_log_a_session_from_today_and_its_checkins_appear_on_today(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    today = running_app.area("today")
    assert isinstance(today, TodayPage)
    today.log_button.click()  # the empty state's one clear next step
    running_app.settle()
    page = running_app.window.shell.page("sessions")
    assert isinstance(page, SessionsPage)
    form = page.session_form
    assert page.stack.currentWidget() is form
    when = local_now() - timedelta(hours=3)
    fill_when(form, when)
    form.route.setCurrentIndex(form.route.findData(Route.IV))
    form.dose.setText("0,5")
    form.unit.setText("mg/kg")
    form.bp_before.setText("120-80")
    form.intention.setPlainText("Stay curious.")
    form.save_button.click()
    # A clear message, nothing stored, nothing typed lost.
    assert form.error.isVisible()
    assert "120/80" in form.error.text()
    assert services.sessions.list() == []
    assert form.intention.toPlainText() == "Stay curious."
    assert form.dose.text() == "0,5"
    form.bp_before.setText("124/80")
    form.save_button.click()
    running_app.settle()
    assert page.stack.currentWidget() is page.overview
    [session] = services.sessions.list()
    assert session.dose == 0.5 and session.bp_before == "124/80"
    assert session.intention == "Stay curious."
    assert session.at.strftime("%Y-%m-%d %H:%M") == when.strftime("%Y-%m-%d %H:%M")
    stored = {c.phase for c in services.checkins.query(session_id=session.id)}
    assert {Phase.SAME_DAY, Phase.DAY_1, Phase.DAY_2, Phase.DAY_3} <= stored
    running_app.area("today")
    today.refresh()
    assert today.due_keys == [f"{session.uid}:same_day"]
    assert today.upcoming_keys[0] == f"{session.uid}:day_1"
    assert (
        "The day of session 1" in today.window_label.text()
        or "Day 1 after session 1" in today.window_label.text()
    )


def test_future_done_session_and_missing_route_are_refused(running_app) -> None:
    page = running_app.area("sessions")
    page.log_button.click()
    form = page.session_form
    fill_when(form, local_now() - timedelta(days=1))
    form.save_button.click()
    assert "route" in form.error.text()
    form.route.setCurrentIndex(form.route.findData(Route.IM))
    fill_when(form, local_now() + timedelta(days=2))
    form.save_button.click()
    assert "future" in form.error.text()
    form.status.setCurrentIndex(1)  # planned
    form.save_button.click()
    [session] = running_app.services.sessions.list()
    assert session.status.value == "planned"
    phases = [c.phase for c in running_app.services.checkins.query()]
    assert phases == [Phase.PREPARATION]


def test_therapy_appointment_hides_medical_fields(running_app) -> None:
    page = running_app.area("sessions")
    page.therapy_button.click()
    form = page.session_form
    assert not form.route.isVisibleTo(form) and not form.bp_row.isVisibleTo(form)
    fill_when(form, local_now() + timedelta(days=3))
    form.save_button.click()
    [session] = running_app.services.sessions.list()
    assert session.kind is SessionKind.THERAPY and session.route is None
    assert [c.phase for c in running_app.services.checkins.query()] == [Phase.THERAPY_PREP]


def test_edit_moves_checkins_and_delete_asks_first(running_app, monkeypatch) -> None:
    services = running_app.services
    no_quiet_hours(services)
    # At 10:00 two days ago: an hour earlier and two hours later stay on the same day, so the
    # same-day check-in (kept within the session's day) moves by exactly the hour at any
    # time the test runs (at 30 hours ago it ran into 23:59 late in the evening).
    morning = (local_now() - timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    session = add_session(services, at=morning)
    page = running_app.area("sessions")
    page.refresh()
    page.select_session(session.id)
    done_uid = f"{session.uid}:same_day"
    services.checkins.complete(done_uid, {"distress": 4})
    entry = services.entries.add(
        Entry(
            body="kept words", session_id=session.id, checkin_id=services.checkins.get(done_uid).id
        )
    )
    page.edit_button.click()
    form = page.session_form
    assert form.intention.toPlainText() == ""
    form.intention.setPlainText("Edited intention")
    same_day_before = services.checkins.get(done_uid).due_at
    day2_before = services.checkins.get(f"{session.uid}:day_2").due_at
    fill_when(form, session.at - timedelta(hours=1))  # it started an hour earlier
    form.save_button.click()
    edited = services.sessions.get(session.id)
    assert edited.intention == "Edited intention"
    assert edited.at == session.at - timedelta(hours=1)
    # Elapsed-hour check-ins move with the start; day-N ones keep their time of day.
    moved = services.checkins.get(done_uid)
    assert moved.due_at == same_day_before - timedelta(hours=1)
    assert moved.state is CheckInState.DONE  # what the patient did stays done
    day2 = services.checkins.get(f"{session.uid}:day_2").due_at.astimezone(zone(session.tz))
    start_day = edited.at.astimezone(zone(session.tz)).date()
    assert (day2.date(), day2.time()) == (start_day + timedelta(days=2), time(10, 0))
    if start_day == session.at.astimezone(zone(session.tz)).date():
        assert day2 == day2_before
    assert len(services.checkins.query(session_id=session.id)) == len(
        {c.uid for c in services.checkins.query(session_id=session.id)}
    )

    asked = answer_message_boxes(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    page.select_session(session.id)
    page.delete_button.click()
    assert len(asked) == 1 and "Delete the session" in asked[0]
    assert services.sessions.get(session.id) is not None  # cancelled: nothing changed

    asked = answer_message_boxes(monkeypatch, QMessageBox.ButtonRole.DestructiveRole)
    page.select_session(session.id)
    page.delete_button.click()
    running_app.settle()
    assert services.sessions.get(session.id) is None
    assert services.checkins.query() == []  # no orphans, open ones gone
    kept = services.entries.get(entry.id)
    assert kept is not None and kept.body == "kept words"
    today = running_app.area("today")
    assert today.due_keys == [] and today.missed_keys == []


def test_series_create_end_and_reflection(running_app) -> None:
    services = running_app.services
    page = running_app.area("sessions")
    page.series_button.click()
    form = page.series_form
    form.save_button.click()
    assert "name" in form.error.text()
    form.name.setText("Initial <b>series</b>")
    form.planned.setValue(6)
    form.save_button.click()
    [series] = services.sessions.list_series()
    assert series.planned_sessions == 6 and series.ended_on is None
    session = add_session(services, hours_ago=200)
    session.series_id = series.id
    services.sessions.update(session)
    page.refresh()
    top = page.tree.topLevelItem(0)
    assert top.text(0) == "Initial <b>series</b>"  # shown literally
    page.tree.setCurrentItem(top)
    page.edit_button.click()
    form.has_ended.setChecked(True)
    form.reflection.setPlainText("Less alarm in my body.")
    form.save_button.click()
    series = services.sessions.get_series(series.id)
    assert series.ended_on is not None and series.end_reflection == "Less alarm in my body."
    review = services.checkins.get(f"{series.uid}:series_review")
    assert review is not None and review.state in (CheckInState.DUE, CheckInState.MISSED)


def test_series_state_says_when_a_future_series_starts(running_app) -> None:
    services = running_app.services
    today = local_now().date()
    services.sessions.add_series(Series("Booster", today + timedelta(days=5)))
    services.sessions.add_series(Series("Initial", today - timedelta(days=20)))
    page = running_app.area("sessions")
    page.refresh()
    states = {
        page.tree.topLevelItem(i).text(0): page.tree.topLevelItem(i).text(2)
        for i in range(page.tree.topLevelItemCount())
    }
    start = (today + timedelta(days=5)).strftime("%d %b")
    assert states == {"Booster": f"Starts {start}", "Initial": "Ongoing"}


def test_default_series_is_one_under_way_for_a_logged_session(running_app) -> None:
    services = running_app.services
    today = local_now().date()
    initial = services.sessions.add_series(Series("Initial", today - timedelta(days=20)))
    booster = services.sessions.add_series(Series("Booster", today + timedelta(days=5)))
    page = running_app.area("sessions")
    page.log_button.click()
    assert page.session_form.series.currentData() == initial.id
    page.plan_button.click()
    assert page.session_form.series.currentData() == booster.id  # planned ahead
    initial.ended_on = today - timedelta(days=2)
    services.sessions.update_series(initial)
    page.log_button.click()
    assert page.session_form.series.currentData() is None  # not the booster that starts later
    page.therapy_button.click()
    assert page.session_form.series.currentData() is None
    # Selecting a session shows its intention; with none, no empty line is left.
    page.show_overview()
    session = add_session(services, hours_ago=5)
    page.refresh()
    page.select_session(session.id)
    assert not page.detail.isVisibleTo(page)
