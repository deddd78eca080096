"""Today asks about a planned session whose time has passed, and one click logs it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from integrate.core.model import Phase, Route, Session, SessionStatus
from integrate.core.timeutil import local_zone_name
from integrate.ui.sessions.sessions import SessionsPage
from integrate.vault.checkins import sync
from tests.ui.helpers_sessions import local_now, no_quiet_hours


def _buttons(page: QWidget) -> dict[str, QPushButton]:
    card = page.findChild(QWidget, "pastPlanned")
    assert card is not None, "no card for the planned session that passed"
    return {b.text(): b for b in card.findChildren(QPushButton)}


def test_a_passed_planned_session_is_offered_and_logged_in_one_click(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    at = (local_now() - timedelta(hours=3)).replace(second=0, microsecond=0)
    planned = services.sessions.add(
        Session(at=at, tz=local_zone_name(), status=SessionStatus.PLANNED, route=Route.IV)
    )
    sync(services.vault)
    services.notify("sessions")
    today = running_app.area("today")
    today.refresh()
    assert today.due_keys == []  # nothing scheduled after a session still "planned"
    texts = " ".join(label.text() for label in today.findChildren(QLabel))
    assert "Your session planned for" in texts and "Did it happen?" in texts

    _buttons(today)["Yes, log it"].click()
    running_app.settle()
    page = running_app.window.shell.page("sessions")
    assert isinstance(page, SessionsPage)
    form = page.session_form
    assert page.stack.currentWidget() is form and form.editing is not None
    assert form.status.currentData() == SessionStatus.DONE.value
    assert form.route.currentData() == Route.IV.value
    form.save_button.click()
    running_app.settle()
    stored = services.sessions.get(planned.id or 0)
    assert stored is not None and stored.status is SessionStatus.DONE and stored.at == at
    today = running_app.area("today")
    assert today.due_keys == [f"{planned.uid}:{Phase.SAME_DAY}"]
    assert today.findChild(QWidget, "pastPlanned") is None


def test_change_or_remove_selects_the_session(running_app) -> None:
    services = running_app.services
    planned = services.sessions.add(
        Session(
            at=local_now() - timedelta(days=2),
            tz=local_zone_name(),
            status=SessionStatus.PLANNED,
            route=Route.IM,
        )
    )
    services.notify("sessions")
    today = running_app.area("today")
    today.refresh()
    _buttons(today)["Change or remove"].click()
    running_app.settle()
    page = running_app.window.shell.page("sessions")
    assert page.stack.currentWidget() is page.overview
    assert page.tree.currentItem().data(0, 0x0100) == ("session", planned.id)
