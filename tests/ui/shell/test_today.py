"""Today: the window in words, due/missed/next, one-click start, sections hook."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QLabel, QWidget

from integrate.core.model import CheckInState, Route, Session, SessionStatus
from integrate.core.window import WindowKind, current_window
from integrate.ui.checkins.checkin import CheckinView
from integrate.ui.shell import today as today_module
from integrate.ui.shell.today import TodayPage, window_text
from integrate.ui.widgets.common import plain_label
from tests.ui.helpers_sessions import add_session, no_quiet_hours

TZ = ZoneInfo("Europe/Berlin")


def _s(day: int, status: SessionStatus = SessionStatus.DONE, series: int | None = 1) -> Session:
    return Session(
        at=datetime(2024, 5, day, 9, 30, tzinfo=TZ),
        tz="Europe/Berlin",
        route=Route.IV,
        status=status,
        series_id=series,
        uid=f"s{day}",
    )


def test_window_in_words() -> None:
    sessions = [_s(1), _s(4), _s(8), _s(20, SessionStatus.PLANNED)]
    now = datetime(2024, 5, 10, 15, 0, tzinfo=TZ)
    state = current_window(sessions, now)
    assert state.kind is WindowKind.DAYS_AFTER and state.day == 2 and state.session_number == 3
    assert window_text(state, now).startswith("Day 2 after session 3.")
    assert "Monday 20 May" in window_text(state, now)
    same = current_window(sessions, datetime(2024, 5, 8, 18, 0, tzinfo=TZ))
    assert window_text(same, datetime(2024, 5, 8, 18, 0, tzinfo=TZ)).startswith(
        "The day of session 3."
    )
    later = current_window(sessions, datetime(2024, 5, 19, 12, 0, tzinfo=TZ))
    assert later.kind is WindowKind.BETWEEN
    assert window_text(later, datetime(2024, 5, 19, 12, 0, tzinfo=TZ)) == (
        "Between sessions. Your next session is tomorrow at 09:30."
    )
    # With nothing planned after it, Today counts the days instead of saying "between".
    done_only = [_s(1), _s(4), _s(8)]
    at = datetime(2024, 5, 19, 12, 0, tzinfo=TZ)
    assert window_text(current_window(done_only, at), at) == "11 days after session 3."
    first = current_window([_s(20, SessionStatus.PLANNED)], datetime(2024, 5, 10, tzinfo=TZ))
    assert first.kind is WindowKind.BEFORE_FIRST
    assert current_window([], datetime(2024, 5, 10, tzinfo=TZ)).kind is WindowKind.NO_SESSIONS
    # Numbering runs across the whole history, in any series or none (issue 18).
    other = [_s(1), _s(4, series=2), _s(6, series=None)]
    assert current_window(other, datetime(2024, 5, 5, tzinfo=TZ)).session_number == 2
    at = datetime(2024, 5, 6, 18, 0, tzinfo=TZ)
    assert window_text(current_window(other, at), at).startswith("The day of session 3.")


def test_empty_state_explains_the_next_step(running_app) -> None:
    page = running_app.area("today")
    assert isinstance(page, TodayPage)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "When you log a ketamine session" in texts
    assert page.log_button.accessibleName() == "Log a session"
    assert page.due_keys == [] and page.upcoming_keys == []


def test_due_checkin_starts_with_one_click_and_navigate_opens_one(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=3)
    page = running_app.area("today")
    uid = f"{session.uid}:same_day"
    assert page.due_keys == [uid]
    page.start_buttons[uid].click()
    assert isinstance(page.checkin_view, CheckinView)
    assert page.stack.currentWidget() is page.checkin_view
    page.checkin_view.later_button.click()
    running_app.settle()
    assert page.checkin_view is None and page.due_keys == [uid]  # still offered
    services.navigate.emit("today", f"{session.uid}:day_1")
    assert page.checkin_view is not None
    assert page.checkin_view.checkin.uid == f"{session.uid}:day_1"
    page.checkin_view.leave()


def test_missed_checkins_are_offered_kindly_and_can_be_let_go(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=51)  # same day and day 1 overtaken by day 2
    page = running_app.area("today")
    page.refresh()
    missed = [f"{session.uid}:same_day", f"{session.uid}:day_1"]
    states = {c.uid: c.state for c in services.checkins.query()}
    expected = [k for k in missed if states[k] is CheckInState.MISSED]
    assert expected, "at least one check-in is past and overtaken"
    assert sorted(page.missed_keys) == sorted(expected)
    texts = " ".join(label.text() for label in page.findChildren(QLabel)).lower()
    assert "still want to do" in texts and "let it go" in texts
    for word in ("failed", "missed", "overdue"):
        assert word not in texts
    let_go = [
        b
        for b in page.findChildren(QWidget)
        if b.accessibleName().startswith("Let ") and b.isVisibleTo(page)
    ]
    first = page.missed_keys[0]
    let_go[0].click()
    running_app.settle()
    assert services.checkins.get(first).state is CheckInState.SKIPPED
    assert first not in page.missed_keys
    assert len(page.missed_keys) == len(expected) - 1


def extra_section(services) -> QWidget:  # noqa: ANN001 - hook signature
    return plain_label("Extra section from another area", object_name="extraSection")


def test_sections_hook_renders_other_areas(running_app, monkeypatch) -> None:
    monkeypatch.setattr(today_module, "TODAY_SECTIONS", [extra_section])
    page = running_app.area("today")
    page.refresh()
    found = page.findChild(QLabel, "extraSection")
    assert found is not None and found.text() == "Extra section from another area"


def test_today_refreshes_when_a_session_is_added_elsewhere(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    page = running_app.area("today")
    assert page.due_keys == []
    session = add_session(services, hours_ago=3)  # notifies "sessions"
    assert page.due_keys == [f"{session.uid}:same_day"]
    assert page.window_label.text()


def test_start_up_syncs_and_fills_today_once_then_again_on_return(
    qtbot, tmp_path, fast_kdf, monkeypatch
) -> None:
    """Start-up used to sync the schedule and rebuild Today twice (in __init__ and again in
    the first showEvent). Now: built once from what is stored, synced once the vault passed
    its background check, rebuilt only if that changed something; a later return syncs."""
    from tests.ui.conftest import make_vault, start_app

    syncs: list[bool] = []
    real_sync = today_module.sync

    def counting_sync(vault, now=None):  # noqa: ANN001, ANN202
        syncs.append(vault.writable)
        return real_sync(vault, now)

    monkeypatch.setattr(today_module, "sync", counting_sync)
    refreshes: list[int] = []
    real_refresh = TodayPage.refresh
    monkeypatch.setattr(
        TodayPage, "refresh", lambda self: (refreshes.append(1), real_refresh(self))[1]
    )
    app = start_app(qtbot, make_vault(tmp_path / "vault", demo=True))
    app.unlock()
    assert syncs == [True]  # once, after the check allowed writes
    assert len(refreshes) in (1, 2)  # the second only if the sync changed stored check-ins
    page = app.area("today")
    app.area("journal")
    app.area("today")
    assert page is app.area("today") and len(syncs) == 2
    app.controller.shutdown()


def test_today_counts_sessions_across_the_whole_history(running_app) -> None:
    """Issue 18: six sessions in a series, then one logged outside it: "session 7",
    not a new "Session 1"."""
    from integrate.core.model import Series
    from integrate.ui.journal.journal_model import group_label
    from integrate.vault.checkins import sync
    from integrate.vault.entries import session_infos

    services = running_app.services
    series = services.sessions.add_series(Series("First series", date(2024, 1, 1)))
    for day in range(1, 7):
        services.sessions.add(
            Session(
                at=datetime(2024, 1, day * 3, 9, 0, tzinfo=TZ),
                tz="Europe/Berlin",
                route=Route.IV,
                series_id=series.id,
            )
        )
    latest = add_session(services, hours_ago=0)  # just now, in no series
    sync(services.vault)
    page = running_app.area("today")
    page.refresh()
    assert page.window_label.text().startswith("The day of session 7.")
    info = session_infos(services.vault.conn)[latest.id]
    assert info.number == 7 and group_label(info).startswith("Session 7 · ")


def test_today_offers_write_and_breathe_beside_what_is_due(running_app) -> None:
    """Issue 18: Write and Breathe at hand next to what is due."""
    from integrate.ui.coping.player import PlayerDialog
    from integrate.ui.journal.journal import JournalPage

    services = running_app.services
    no_quiet_hours(services)
    add_session(services, hours_ago=3)
    page = running_app.area("today")
    page.refresh()
    assert page.write_button.isVisibleTo(page) and page.breathe_button.isVisibleTo(page)
    before = services.entries.count()
    page.write_button.click()
    running_app.settle()
    assert running_app.window.shell.current_key() == "journal"
    journal = running_app.window.shell.page("journal")
    assert isinstance(journal, JournalPage)
    assert services.entries.count() == before + 1 and journal.editor.entry_id is not None
    running_app.window.shell.show_area("today")
    page.breathe_button.click()
    running_app.settle()
    dialogs = [d for d in running_app.window.findChildren(PlayerDialog) if d.isVisible()]
    assert dialogs and dialogs[0].exercise.id == "extended_exhale"
    dialogs[0].reject()


def test_let_it_go_and_skip_can_be_undone(running_app) -> None:
    """Issue 18: Skip and Let it go were final."""
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=51)
    page = running_app.area("today")
    page.refresh()
    first = page.missed_keys[0]
    let_go = next(
        b
        for b in page.findChildren(QWidget)
        if b.accessibleName().startswith("Let ") and b.isVisibleTo(page)
    )
    let_go.click()
    running_app.settle()
    assert services.checkins.get(first).state is CheckInState.SKIPPED
    assert page.undo_skip_button.isVisibleTo(page)
    page.undo_skip_button.click()
    running_app.settle()
    assert services.checkins.get(first).state is CheckInState.MISSED
    assert first in page.missed_keys
    # Skipped from inside a check-in: Today offers Undo as well.
    target = f"{session.uid}:day_3"
    before = services.checkins.get(target).state
    assert before in (CheckInState.DUE, CheckInState.MISSED)
    page.open_item(target)
    page.checkin_view.skip_button.click()
    running_app.settle()
    assert services.checkins.get(target).state is CheckInState.SKIPPED
    page.undo_skip_button.click()
    running_app.settle()
    assert services.checkins.get(target).state is before
