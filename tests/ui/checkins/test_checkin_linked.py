"""Every journal entry linked to a check-in is shown on it, exactly once.

Answers sit in their prompt boxes; anything else linked to the check-in (written in the
journal with the link, answers to prompts no longer shown, imported copies) is listed
under "Also written for this check-in" and opens in the journal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from integrate.core.model import CheckInState, Entry, EntryRole, Phase
from integrate.core.prompts import load_prompts
from integrate.ui.checkins.checkin import CheckinView
from tests.ui.helpers_sessions import add_session, checkin_after, no_quiet_hours


def open_checkin(app, uid: str) -> CheckinView:  # noqa: ANN001
    page = app.area("today")
    page.open_item(uid)
    assert page.checkin_view is not None
    return page.checkin_view


def shown_words(view: CheckinView) -> list[str]:
    """Every piece of the patient's text the screen shows: box contents and list previews."""
    words = [a.text() for a in view.answers if a.text()]
    words += [
        label.text()
        for label in view.findChildren(QLabel, "alsoPreview")
        if label.isVisibleTo(view)
    ]
    return words


def type_at_end(qtbot, editor, text: str) -> None:  # noqa: ANN001
    """Type like a patient adding to what is there: cursor to the end first."""
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)


def done_checkin_with_links(app) -> tuple[str, CheckinView, dict[str, Entry]]:  # noqa: ANN001
    """A done Day 1 check-in with one answer, plus three entries linked from elsewhere."""
    services = app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(app, uid)
    shown = [p.id for p in view.prompts]
    view.answers[0].editor.setPlainText("answer in its box")
    view.done_button.click()
    checkin = services.checkins.get(uid)
    assert checkin is not None and checkin.state is CheckInState.DONE
    other = next(p for p in load_prompts().for_phase(Phase.DAY_1) if p.id not in shown)
    link = {"checkin_id": checkin.id, "session_id": session.id}
    added = {
        "journal": services.entries.add(
            Entry(title="A walk by the river", body="written in the journal", **link)
        ),
        "old prompt": services.entries.add(
            Entry(
                title=other.short,
                body="an answer to a prompt shown before",
                prompt_id=other.id,
                **link,
            )
        ),
        "copy": services.entries.add(
            Entry(title="Imported", body="an imported second answer", prompt_id=shown[0], **link)
        ),
    }
    return uid, open_checkin(app, uid), added


def test_reopened_checkin_shows_every_linked_entry_once(running_app) -> None:
    _, view, added = done_checkin_with_links(running_app)
    words = shown_words(view)
    expected = [
        "answer in its box",
        "written in the journal",
        "an answer to a prompt shown before",
        "an imported second answer",
    ]
    assert sorted(words) == sorted(expected)
    assert view.answers[0].text() == "answer in its box"
    assert [e.id for e in view.also_entries] == [e.id for e in added.values()]
    labels = [label.text() for label in view.also_frame.findChildren(QLabel)]
    assert "Also written for this check-in" in labels
    assert "A walk by the river" in labels and "Imported" in labels
    for label in view.also_frame.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    view.leave()


def test_listed_entry_opens_in_the_journal_and_comes_back_updated(running_app, qtbot) -> None:
    uid, view, added = done_checkin_with_links(running_app)
    services = running_app.services
    journal_entry = added["journal"]
    openers = view.also_frame.findChildren(type(view.done_button), "openLinked")
    assert len(openers) == 3
    assert openers[0].accessibleName() == "Open “A walk by the river” in the journal"
    # As large a target as the screen's own buttons (the theme gives them all 34 px).
    assert openers[0].isVisibleTo(view)
    assert openers[0].sizeHint().height() >= view.done_button.sizeHint().height()
    openers[0].click()
    running_app.settle()
    journal = running_app.window.shell.stack.currentWidget()
    assert journal is running_app.window.shell.page("journal")
    assert journal.editor.entry_id == journal_entry.id
    assert journal.editor.body.toPlainText() == "written in the journal"
    type_at_end(qtbot, journal.editor.body, " and more")
    journal.editor.flush()
    running_app.area("today")  # back to the check-in, still open on Today
    running_app.settle()
    page = running_app.area("today")
    assert page.checkin_view is view and view.isVisible()
    assert "written in the journal and more" in shown_words(view)
    assert sorted(shown_words(view)) == sorted(
        [
            "answer in its box",
            "written in the journal and more",
            "an answer to a prompt shown before",
            "an imported second answer",
        ]
    )
    assert len(services.checkins.entries_for(view.checkin.id)) == 4
    view.leave()


def test_autosave_on_a_reopened_checkin_creates_nothing_twice(running_app, qtbot) -> None:
    uid, view, added = done_checkin_with_links(running_app)
    services = running_app.services
    checkin_id = view.checkin.id
    before = {e.id for e in services.checkins.entries_for(checkin_id)}
    box = view.answers[0]
    held = box.entry_id
    type_at_end(qtbot, box.editor, ", and a little more")
    qtbot.waitUntil(lambda: not view._unsaved(box), timeout=2500)  # saved while typing
    assert box.entry_id == held
    assert services.entries.get(held).body == "answer in its box, and a little more"
    free = view.answers[-1]
    assert free.prompt is None and free.text() == ""  # the journal entry is not in here
    qtbot.keyClicks(free.editor, "free words")
    qtbot.waitUntil(lambda: free.entry_id is not None, timeout=2500)
    view.leave()
    view.leave()  # leaving twice (and the hide flush) writes nothing new
    after = services.checkins.entries_for(checkin_id)
    assert {e.id for e in after} == before | {free.entry_id}
    again = open_checkin(running_app, uid)
    assert again.answers[-1].text() == "free words"  # the free writing is in its box
    assert again.answers[-1].entry_id == free.entry_id
    assert "free words" not in [e.body for e in again.also_entries]
    assert sorted(shown_words(again)) == sorted(e.body for e in after)
    again.leave()


def test_renamed_answer_keeps_its_title_when_added_to(running_app, qtbot) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(running_app, uid)
    view.answers[0].editor.setPlainText("first words")
    view.leave()
    [entry] = services.checkins.entries_for(view.checkin.id)
    services.entries.save_text(entry.id, "My own title", entry.body)  # as the journal does
    again = open_checkin(running_app, uid)
    assert again.answers[0].entry_id == entry.id
    type_at_end(qtbot, again.answers[0].editor, " and more")
    again.leave()
    saved = services.entries.get(entry.id)
    assert (saved.title, saved.body) == ("My own title", "first words and more")


def test_entry_deleted_in_the_journal_while_the_checkin_is_open(running_app, qtbot) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=30)
    view = open_checkin(running_app, f"{session.uid}:day_1")
    first, second = view.answers[0], view.answers[1]
    first.editor.setPlainText("words to delete")
    second.editor.setPlainText("words to keep writing")
    view.flush()
    # Away in the journal, the first answer is deleted; back here its box is empty.
    journal = running_app.area("journal")
    running_app.settle()
    journal.delete_entry(first.entry_id)
    services.entries.save_text(second.entry_id, "", "words to keep writing")  # title cleared
    running_app.area("today")
    running_app.settle()
    assert first.text() == "" and first.entry_id is None
    assert second.text() == "words to keep writing"
    # Changed in the journal meanwhile: the box shows the journal's words, not stale ones.
    services.entries.save_text(second.entry_id, "", "words to keep")
    running_app.area("journal")
    running_app.area("today")
    running_app.settle()
    assert second.text() == "words to keep"
    services.entries.save_text(second.entry_id, "", "words to keep writing")
    running_app.area("journal")
    running_app.area("today")
    running_app.settle()
    # Deleted while the box is on screen (no coming back): typing there keeps the words.
    services.entries.delete(second.entry_id)
    type_at_end(qtbot, second.editor, ", still here")
    view.flush()
    assert second.entry_id is not None
    kept = services.entries.get(second.entry_id)
    assert kept.body == "words to keep writing, still here"
    assert kept.title == ""  # the journal's (empty) title, not the prompt put back
    assert kept.checkin_id == view.checkin.id
    assert [e.body for e in services.checkins.entries_for(view.checkin.id)] == [kept.body]
    view.leave()


def test_same_day_checkin_lists_entries_it_has_no_box_for(running_app) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 3, "same_day")
    view = open_checkin(running_app, uid)
    assert not view.also_frame.isVisibleTo(view)  # nothing to list: no empty card
    view.leave()
    checkin = services.checkins.get(uid)
    services.entries.add(
        Entry(
            title="",
            body="a longer note\n\nwritten later in the journal",
            checkin_id=checkin.id,
            session_id=session.id,
        )
    )
    again = open_checkin(running_app, uid)
    assert again.also_frame.isVisibleTo(again)
    assert shown_words(again) == ["a longer note written later in the journal"]
    labels = [label.text() for label in again.also_frame.findChildren(QLabel)]
    assert "Untitled entry" in labels
    again.leave()


def test_tab_reaches_the_listed_entries_in_reading_order(running_app) -> None:
    from tests.ui.test_accessibility import _tab_order_problems

    _, view, _ = done_checkin_with_links(running_app)
    running_app.settle(1)
    assert _tab_order_problems(running_app, view) == []
    view.leave()


def test_done_checkin_without_prompts_gets_none_picked_later(running_app) -> None:
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    checkin = services.checkins.get(uid)
    assert checkin is not None and checkin.prompt_ids == ()
    services.checkins.complete(uid, {})
    services.entries.add(Entry(title="Later", body="written in the journal", checkin_id=checkin.id))
    view = open_checkin(running_app, uid)
    # No prompts are chosen for it now (the series' prompt history stays as it was),
    # and what was written for it is still shown.
    assert view.prompts == []
    assert services.checkins.get(uid).prompt_ids == ()  # type: ignore[union-attr]
    assert "written in the journal" in shown_words(view)


def test_free_writing_is_found_by_its_stored_role_not_its_translated_title(
    running_app, qtbot
) -> None:
    """Changing the language renames the check-in; its free writing stays in its box.

    The box used to find its entry by comparing the title with the check-in's (translated)
    name, so a new language orphaned every earlier answer into the "also" list."""
    services = running_app.services
    session, uid = checkin_after(services, 30, "day_1")
    view = open_checkin(running_app, uid)
    free = view.answers[-1]
    assert free.prompt is None
    qtbot.keyClicks(free.editor, "words before the language changed")
    qtbot.waitUntil(lambda: free.entry_id is not None, timeout=2500)
    view.leave()
    stored = services.entries.get(free.entry_id)
    assert stored is not None and stored.role is EntryRole.CHECKIN_FREE
    # As if written in another language: the title no longer matches today's wording.
    services.entries.save_text(stored.id, "Tag 1: Check-in", stored.body)
    again = open_checkin(running_app, uid)
    assert again.answers[-1].text() == "words before the language changed"
    assert "words before the language changed" not in [e.body for e in again.also_entries]
    again.leave()
