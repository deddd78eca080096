"""The whole path a patient takes, in one run of the real window (issue 3's "must show"):
log a session in the form, see its check-ins on Today, start one with one click, answer
with words and ratings, and find the words again through the Journal's search box.
"""

from __future__ import annotations

from datetime import time, timedelta

from integrate.core.model import CheckInState, Phase, Route
from integrate.core.quiet_hours import QuietHours
from integrate.core.schedule import ScheduleConfig
from integrate.ui.journal.journal import JournalPage
from integrate.ui.journal.journal_model import KindRole, SnippetRole
from integrate.ui.sessions.sessions import SessionsPage
from integrate.vault.checkins import save_schedule_config
from tests.ui.helpers_sessions import fill_when, local_now

# Day-N check-ins at midnight and no quiet hours: for a session logged 48 h ago, the
# day 2 check-in is due now whatever the hour the test runs at.
CONFIG = ScheduleConfig(quiet_hours=QuietHours(time(0, 0), time(0, 0)), day_time=time(0, 0))


def test_log_session_then_today_then_checkin_then_search(running_app, qtbot) -> None:
    services = running_app.services
    save_schedule_config(services.vault, CONFIG)

    # 1. Log the session from Today's empty state, through the real form.
    today = running_app.area("today")
    assert today.due_keys == [] and today.upcoming_keys == []
    today.log_button.click()
    running_app.settle()
    sessions_page = running_app.window.shell.page("sessions")
    assert isinstance(sessions_page, SessionsPage)
    form = sessions_page.session_form
    fill_when(form, local_now() - timedelta(hours=48))
    form.route.setCurrentIndex(form.route.findData(Route.IM))
    form.dose.setText("0.75")
    form.unit.setText("mg/kg")
    form.intention.setPlainText("Listen to what my body says.")
    form.save_button.click()
    running_app.settle()
    [session] = services.sessions.list()
    assert session.route is Route.IM and session.intention == "Listen to what my body says."

    # 2. Today shows where the patient is and what is due, with one-click start.
    today = running_app.area("today")
    day2 = f"{session.uid}:{Phase.DAY_2}"
    assert today.due_keys == [day2]
    assert f"{session.uid}:{Phase.DAY_3}" in today.upcoming_keys
    assert today.window_label.text().startswith("Day 2 after session 1.")
    today.start_buttons[day2].click()
    view = today.checkin_view
    assert view is not None and view.checkin.uid == day2
    assert 2 <= len(view.prompts) <= 4

    # 3. Answer with words and quick ratings, then finish.
    words = "A heron stood in the shallows and did not mind me."
    qtbot.keyClicks(view.answers[0].editor, words)
    qtbot.keyClicks(view.answers[-1].editor, "Tired but lighter.")  # free writing
    view.ratings["mood"].group.button(7).click()
    view.ratings["distress"].group.button(2).click()
    view.ratings["sleep_quality"].group.button(6).click()
    view.ratings["intrusions"].group.button(1).click()
    view.done_button.click()
    running_app.settle()
    stored = services.checkins.get(day2)
    assert stored is not None and stored.state is CheckInState.DONE
    assert stored.ratings == {"mood": 7, "distress": 2, "sleep_quality": 6, "intrusions": 1}
    assert today.checkin_view is None and day2 not in today.due_keys

    # 4. Find it again from the Journal's search box, highlighted, and open it.
    journal = running_app.area("journal")
    assert isinstance(journal, JournalPage)
    qtbot.keyClicks(journal.search, "heron")
    qtbot.waitUntil(lambda: journal.model.filter.query == "heron", timeout=2000)
    assert journal.count_label.text() == "1 found"
    index = journal.model.index(0)
    assert index.data(KindRole) == "entry"
    text, ranges = index.data(SnippetRole)
    assert [text[s : s + n] for s, n in ranges] == ["heron"]
    journal.list.setCurrentIndex(index)
    assert journal.editor.body.toPlainText() == words
    assert journal.editor.title.text() == view.prompts[0].short
    # The check-in line is the link that opens it (entry_editor, 44446de).
    assert "Day 2" in journal.editor.open_checkin.text()
    assert not journal.editor.open_checkin.isHidden()
    assert "Linked to: Session 1 · " in journal.editor.links.text()
