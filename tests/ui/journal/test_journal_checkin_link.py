"""A journal entry written for a check-in opens that check-in, whatever its state."""

from __future__ import annotations

import pytest

from integrate.core.model import CheckInState, Entry
from integrate.ui.journal.journal import JournalPage
from tests.ui.base.test_theme import clipped, large_text  # noqa: F401 - large_text is a fixture
from tests.ui.checkins.test_checkin_linked import done_checkin_with_links, shown_words
from tests.ui.helpers_sessions import add_session, no_quiet_hours


def _journal_on(app, entry_id: int) -> JournalPage:  # noqa: ANN001
    page = app.area("journal")
    assert isinstance(page, JournalPage)
    page.open_entry(entry_id)
    return page


def test_entry_of_a_done_checkin_opens_it_showing_the_entry(running_app) -> None:
    uid, _, added = done_checkin_with_links(running_app)
    page = _journal_on(running_app, added["journal"].id or 0)
    editor = page.editor
    assert editor.open_checkin.isVisible()
    assert editor.open_checkin.text() == "From the “Day 1” check-in"
    assert editor.open_checkin.accessibleName() == "Open the “Day 1” check-in"
    editor.open_checkin.click()
    running_app.settle(2)
    assert running_app.window.shell.current_key() == "today"
    view = running_app.area("today").checkin_view
    assert view is not None and view.checkin.uid == uid
    assert view.checkin.state is CheckInState.DONE
    assert "written in the journal" in shown_words(view)


@pytest.mark.parametrize("state", ["skipped", "missed"])
def test_entry_of_a_skipped_or_missed_checkin_opens_it(running_app, state: str) -> None:
    services = running_app.services
    no_quiet_hours(services)
    # Day 1 of a session 40 days ago is long past: missed, unless let go.
    session = add_session(services, hours_ago=40 * 24)
    uid = f"{session.uid}:day_1"
    if state == "skipped":
        services.checkins.skip(uid)
    checkin = services.checkins.get(uid)
    assert checkin is not None and checkin.state.value == state
    entry = services.entries.add(
        Entry(title="Later", body="thoughts for that day", checkin_id=checkin.id)
    )
    services.notify("entries")
    page = _journal_on(running_app, entry.id or 0)
    assert page.editor.open_checkin.isVisible()
    page.editor.open_checkin.click()
    running_app.settle(2)
    view = running_app.area("today").checkin_view
    assert view is not None and view.checkin.uid == uid
    assert "thoughts for that day" in shown_words(view)


def test_no_button_when_the_checkin_is_gone(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=30)
    checkin = services.checkins.get(f"{session.uid}:day_1")
    assert checkin is not None
    entry = services.entries.add(Entry(title="Kept", body="mine", checkin_id=checkin.id))
    services.notify("entries")
    page = _journal_on(running_app, entry.id or 0)
    assert page.editor.open_checkin.isVisible()
    services.sessions.delete(session.id or 0)  # its check-ins go with it
    services.notify("sessions")
    running_app.settle(2)
    assert page.editor.entry_id == entry.id
    assert not page.editor.open_checkin.isVisible()
    assert "check-in" not in page.editor.links.text()


def test_checkin_line_and_button_fit_with_a_22pt_font(large_text, tmp_path) -> None:  # noqa: ANN001, F811
    """The demo journal at 22 pt: an entry written for a check-in shows the line and its
    button without cutting anything off."""
    app = large_text
    row = app.services.vault.conn.execute(
        "SELECT id FROM entries WHERE checkin_id IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchone()
    assert row is not None
    page = _journal_on(app, int(row[0]))
    app.settle(2)
    assert page.editor.open_checkin.isVisible()
    assert clipped(page) == []
    page.editor.grab().save(str(tmp_path / "editor-22pt.png"))


def test_checkin_button_at_11pt_screenshot(running_app, tmp_path) -> None:  # noqa: ANN001
    uid, _, added = done_checkin_with_links(running_app)
    page = _journal_on(running_app, added["journal"].id or 0)
    running_app.settle(2)
    assert clipped(page) == []
    page.editor.grab().save(str(tmp_path / "editor-11pt.png"))
