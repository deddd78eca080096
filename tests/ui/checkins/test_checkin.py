"""The check-in screen: prompts, autosave into linked entries, ratings, skip, safety card."""

from __future__ import annotations

import time
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from integrate.core.model import CheckInState, Entry, Phase, Session, SessionKind, SessionStatus
from integrate.core.prompts import load_prompts
from integrate.core.timeutil import local_zone_name
from integrate.ui.checkins.checkin import AUTOSAVE_MS, MAX_WAIT_MS, CheckinView
from integrate.vault.checkins import sync
from tests.ui.helpers_sessions import add_session, checkin_after, local_now, no_quiet_hours


def open_checkin(app, uid: str) -> CheckinView:  # noqa: ANN001
    page = app.area("today")
    page.open_item(uid)
    assert page.checkin_view is not None
    return page.checkin_view


def test_complete_day1_with_answers_and_ratings(running_app, qtbot) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(running_app, uid)
    layout = load_prompts().layout(Phase.DAY_1)
    assert 2 <= len(view.prompts) <= 4 and len(view.prompts) == layout.prompt_count
    assert len({p.id for p in view.prompts}) == len(view.prompts)
    first = view.answers[0]
    qtbot.keyClicks(first.editor, "A heron by the river")
    assert AUTOSAVE_MS <= 2000
    # Saved while typing, without leaving the screen: within the 2 s promise.
    qtbot.waitUntil(lambda: first.entry_id is not None, timeout=2500)
    entry = services.entries.get(first.entry_id)
    assert entry.body == "A heron by the river"
    assert entry.prompt_id == view.prompts[0].id
    assert entry.checkin_id == view.checkin.id and entry.session_id == session.id
    # Ratings: click like a patient would; clicking again clears a choice.
    view.ratings["mood"].group.button(6).click()
    view.ratings["distress"].group.button(2).click()
    view.ratings["distress"].group.button(3).click()
    view.ratings["sleep_quality"].group.button(7).click()
    view.ratings["sleep_quality"].group.button(7).click()
    view.answers[1].flag.setChecked(False)
    qtbot.keyClicks(view.answers[1].editor, "second answer")
    view.done_button.click()  # flushes the pending second answer at once
    running_app.settle()
    stored = services.checkins.get(uid)
    assert stored.state is CheckInState.DONE and stored.completed_at is not None
    assert stored.ratings == {"mood": 6, "distress": 3, "sleep_quality": None, "intrusions": None}
    assert stored.prompt_ids == tuple(p.id for p in view.prompts)
    bodies = sorted(e.body for e in services.checkins.entries_for(stored.id))
    assert bodies == ["A heron by the river", "second answer"]
    hits = services.entries.search("heron")
    assert [h.entry_id for h in hits] == [first.entry_id]
    assert running_app.area("today").checkin_view is None


def test_same_day_is_tiny_and_shows_the_safety_card(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=3)
    view = open_checkin(running_app, f"{session.uid}:same_day")
    assert view.safety_frame.isVisibleTo(view)
    card_text = " ".join(label.text() for label in view.safety_frame.findChildren(QLabel))
    assert "Do not drive" in card_text and "night" in card_text
    assert "support person" in card_text
    assert "No one reads or monitors" in card_text
    assert [type(a.editor) for a in view.answers] == [QLineEdit]  # one line, no free writing
    assert list(view.ratings) == ["distress"]
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    view.answers[0].editor.setText("heavy, green, calm")
    view.ratings["distress"].group.button(2).click()
    view.done_button.click()
    stored = services.checkins.get(f"{session.uid}:same_day")
    assert stored.state is CheckInState.DONE and stored.ratings["distress"] == 2
    assert [e.body for e in services.checkins.entries_for(stored.id)] == ["heavy, green, calm"]


def test_skip_prompt_skip_checkin_and_reopen_keeps_prompts(running_app) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(running_app, uid)
    shown = [p.id for p in view.prompts]
    view.answers[0].editor.setPlainText("draft words")
    view.later_button.click()
    again = open_checkin(running_app, uid)
    assert [p.id for p in again.prompts] == shown  # the same prompts when reopened
    assert again.answers[0].text() == "draft words"
    skip_buttons = again.findChildren(type(again.done_button), "skipPrompt")
    skip_buttons[1].click()
    assert again.answers[1].skipped and not again.answers[1].editor.isEnabled()
    again.skip_button.click()
    stored = services.checkins.get(uid)
    assert stored.state is CheckInState.SKIPPED
    assert [e.body for e in services.checkins.entries_for(stored.id)] == ["draft words"]


def test_rotation_pin_and_flag_for_therapist(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=60)
    day1 = open_checkin(running_app, f"{session.uid}:day_1")
    first_ids = [p.id for p in day1.prompts]
    pin_boxes = [
        b
        for b in day1.findChildren(type(day1.answers[0].flag))
        if b.accessibleName() == "Pin this prompt"
    ]
    pin_boxes[0].setChecked(True)
    assert services.checkins.pinned() == [first_ids[0]]
    day1.answers[0].flag.setChecked(True)  # nothing typed yet: no empty flagged entry
    assert services.checkins.entries_for(day1.checkin.id) == []
    day1.answers[0].editor.setPlainText("bring this to therapy")
    day1.answers[0].flag.setChecked(False)
    day1.answers[0].flag.setChecked(True)
    day1.done_button.click()
    [entry] = services.checkins.entries_for(day1.checkin.id)
    assert entry.flagged
    day2 = open_checkin(running_app, f"{session.uid}:day_2")
    second_ids = [p.id for p in day2.prompts]
    # No repeats in the series, except the pinned prompt if it suits this phase.
    library = load_prompts()
    repeats = set(first_ids) & set(second_ids)
    assert repeats <= {first_ids[0]}
    if Phase.DAY_2 in library.get(first_ids[0]).phases:
        assert first_ids[0] in second_ids
    day2.leave()


def test_therapy_prep_lists_flagged_entries(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    now = local_now()
    services.entries.add(
        Entry(
            body="why does that image come back?",
            title="For therapy",
            flagged=True,
            created_at=now - timedelta(days=1),
        )
    )
    services.entries.add(Entry(body="not flagged", created_at=now - timedelta(days=1)))
    appointment = services.sessions.add(
        Session(
            at=now + timedelta(days=1, hours=2),
            tz=local_zone_name(),
            kind=SessionKind.THERAPY,
            status=SessionStatus.PLANNED,
        )
    )
    sync(services.vault)
    view = open_checkin(running_app, f"{appointment.uid}:therapy_prep")
    assert [e.body for e in view.flagged] == ["why does that image come back?"]
    texts = " ".join(label.text() for label in view.findChildren(QLabel))
    assert "For therapy" in texts and "not flagged" not in texts
    view.leave()


def test_lock_while_typing_saves_what_was_typed(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=30)
    view = open_checkin(running_app, f"{session.uid}:day_1")
    checkin_id = view.checkin.id
    view.answers[0].editor.setPlainText("typed just before locking")
    assert view.answers[0].timer.isActive()
    conn = services.vault.conn
    services.about_to_lock.emit()
    body = conn.execute("SELECT body FROM entries WHERE checkin_id = ?", (checkin_id,)).fetchone()
    assert body is not None and body[0] == "typed just before locking"


def test_typing_without_pauses_is_still_saved_within_two_seconds(running_app, qtbot) -> None:
    """A steady typist never pauses long enough for the idle timer: the cap must save."""
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=30)
    view = open_checkin(running_app, f"{session.uid}:day_1")
    editor = view.answers[0].editor
    editor.setFocus()
    assert MAX_WAIT_MS <= 2000
    text = "steady words typed without a pause " * 3
    typed: list[tuple[float, int]] = []
    start = time.monotonic()
    while time.monotonic() - start < 3.2:
        n = len(typed)
        qtbot.keyClicks(editor, text[n])
        typed.append((time.monotonic(), n + 1))
        qtbot.wait(120)  # shorter than AUTOSAVE_MS: the idle timer never fires
    now = time.monotonic()
    row = services.vault.conn.execute(
        "SELECT body FROM entries WHERE checkin_id = ?", (view.checkin.id,)
    ).fetchone()
    must_have = max(n for t, n in typed if t <= now - 2.0)
    assert row is not None, "nothing saved after 3 s of steady typing"
    assert text.startswith(row[0]) and len(row[0]) >= must_have
    view.leave()


def test_ratings_are_kept_when_coming_back_later(running_app) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(running_app, uid)
    view.ratings["mood"].group.button(6).click()
    view.ratings["distress"].group.button(3).click()
    view.ratings["intrusions"].group.button(1).click()
    view.ratings["intrusions"].group.button(1).click()  # cleared again
    view.later_button.click()
    stored = services.checkins.get(uid)
    assert stored.state is not CheckInState.DONE and stored.completed_at is None
    assert stored.ratings == {"mood": 6, "distress": 3, "sleep_quality": None, "intrusions": None}
    again = open_checkin(running_app, uid)
    assert again.rating_values() == {
        "mood": 6,
        "distress": 3,
        "sleep_quality": None,
        "intrusions": None,
    }
    again.ratings["sleep_quality"].group.button(8).click()
    conn = services.vault.conn
    services.about_to_lock.emit()  # locking loses nothing either
    row = conn.execute("SELECT sleep_quality FROM checkins WHERE uid = ?", (uid,)).fetchone()
    assert row[0] == 8
    again.done_button.click()
    assert services.checkins.get(uid).ratings["sleep_quality"] == 8


def test_adding_to_a_done_checkin_keeps_when_it_was_done(running_app) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 60, "day_1")
    view = open_checkin(running_app, uid)
    assert view.skip_button.isVisibleTo(view)
    view.ratings["mood"].group.button(5).click()
    view.done_button.click()
    first = services.checkins.get(uid)
    assert first.state is CheckInState.DONE
    again = open_checkin(running_app, uid)
    assert not again.skip_button.isVisibleTo(again)  # nothing left to skip
    again.ratings["mood"].group.button(7).click()
    again.done_button.click()
    stored = services.checkins.get(uid)
    assert stored.state is CheckInState.DONE and stored.ratings["mood"] == 7
    assert stored.completed_at == first.completed_at
    # A check-in let go earlier can still be done, and is not skipped a second time.
    day2 = f"{session.uid}:day_2"
    services.checkins.skip(day2)
    skipped = services.checkins.get(day2)
    view = open_checkin(running_app, day2)
    assert not view.skip_button.isVisibleTo(view)
    view.skip_checkin()  # e.g. a shortcut: still no second skip
    assert services.checkins.get(day2).completed_at == skipped.completed_at
    view = open_checkin(running_app, day2)
    view.done_button.click()
    assert services.checkins.get(day2).state is CheckInState.DONE


def test_checkin_removed_while_open_keeps_every_word(running_app) -> None:
    """The session is deleted in Sessions while its check-in is open on Today."""
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=30)
    view = open_checkin(running_app, f"{session.uid}:day_1")
    view.answers[0].editor.setPlainText("written before")
    view.flush()
    first_id = view.answers[0].entry_id
    running_app.area("sessions")
    services.sessions.delete(session.id)
    sync(services.vault)
    services.notify("sessions")
    assert services.checkins.get_by_id(view.checkin.id) is None
    # Typed into the (hidden) check-in afterwards, e.g. by an autosave still pending.
    view.answers[1].editor.setPlainText("written after")
    view.flush()
    later = services.entries.get(view.answers[1].entry_id)
    assert later.body == "written after"
    assert later.checkin_id is None and later.session_id is None
    assert services.entries.get(first_id).body == "written before"
    page = running_app.area("today")
    running_app.settle()
    assert page.checkin_view is None  # nothing left to show: back to the overview
    bodies = sorted(e.body for e in services.entries.list_recent())
    assert bodies == ["written after", "written before"]


def test_therapy_prep_does_not_repeat_its_own_flagged_answers(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    now = local_now()
    appointment = services.sessions.add(
        Session(
            at=now + timedelta(hours=12),
            tz=local_zone_name(),
            kind=SessionKind.THERAPY,
            status=SessionStatus.PLANNED,
        )
    )
    sync(services.vault)
    uid = f"{appointment.uid}:therapy_prep"
    view = open_checkin(running_app, uid)
    view.answers[0].editor.setPlainText("ask about the dreams")
    view.answers[0].flag.setChecked(True)
    view.leave()
    again = open_checkin(running_app, uid)
    assert again.flagged == []  # it is in its own box below, not listed again
    texts = [label.text() for label in again.findChildren(QLabel)]
    assert not any("ask about the dreams" in t for t in texts)
    assert again.answers[0].text() == "ask about the dreams"
    again.leave()


def test_superseded_checkin_says_why_and_can_still_be_done(running_app) -> None:
    services = running_app.services
    no_quiet_hours(services)
    older = add_session(services, hours_ago=30)
    add_session(services, hours_ago=1)  # the newer window takes over
    uid = f"{older.uid}:day_3"
    assert services.checkins.get(uid).state is CheckInState.SUPERSEDED
    view = open_checkin(running_app, uid)  # e.g. from a reminder shown before
    texts = " ".join(label.text() for label in view.findChildren(QLabel))
    assert "newer session" in texts
    view.answers[0].editor.setPlainText("still wanted to say this")
    view.done_button.click()
    sync(services.vault)
    stored = services.checkins.get(uid)
    assert stored.state is CheckInState.DONE  # the patient's choice is kept by the schedule
    assert [e.body for e in services.checkins.entries_for(stored.id)] == [
        "still wanted to say this"
    ]
