"""Issue 17 on screen: after-effects, sleep and substances entered from their check-ins,
edited and removed; the session's after-effects page; Today's sleep card."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from integrate.core.timeutil import now_local
from integrate.core.tracking import MedicationChange
from integrate.ui.checkins.checkin import CheckinView
from integrate.ui.widgets.tracking import EffectsEditor, SleepEditor, SubstancesEditor
from integrate.vault.tracking import TrackingRepository
from tests.ui.helpers_sessions import checkin_after


def open_checkin(app, uid: str) -> CheckinView:  # noqa: ANN001
    page = app.area("today")
    page.open_item(uid)
    assert page.checkin_view is not None
    return page.checkin_view


def cards(view: CheckinView, kind: type) -> list:
    return [c for c in view.tracking_cards if isinstance(c, kind)]


def test_same_day_checkin_asks_effects_and_substances_not_sleep(running_app, qtbot) -> None:  # noqa: ANN001
    services = running_app.services
    session, uid = checkin_after(services, 3, "same_day")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    [subs] = cards(view, SubstancesEditor)
    assert cards(view, SleepEditor) == []
    assert not effects.unreal_yes.isVisible() or not effects.ask_unreal  # a day-1 question
    assert "care team" in subs.findChild(object, "gentleNote").text()
    repo = TrackingRepository(services.vault.conn)

    # Enter: large buttons, clicked as a patient would.
    effects.rows["dissociation"].group.button(7).click()
    effects.rows["nausea"].group.button(2).click()
    qtbot.keyClicks(effects.note, "Floaty, then sleepy")
    effects.save_button.click()
    [stored] = repo.effects_for_session(session.id)
    assert (stored.dissociation, stored.nausea, stored.note) == (7, 2, "Floaty, then sleepy")
    assert stored.unreal_24h is None

    # Edit: the same card keeps editing the same record.
    effects.rows["nausea"].group.button(4).click()
    effects.save_button.click()
    [stored] = repo.effects_for_session(session.id)
    assert stored.nausea == 4

    # Substances: add, edit, remove; medication too.
    subs.kind.setCurrentIndex(subs.kind.findData("alcohol"))
    qtbot.keyClicks(subs.amount, "1 glass of wine")
    subs.add_substance_button.click()
    [use] = repo.list_substances()
    assert (use.name, use.kind, use.amount) == ("Alcohol", "alcohol", "1 glass of wine")
    running_app.settle()  # the new row shows (and the old ones go) once events run
    edit = [b for b in subs.findChildren(QPushButton, "editTracking") if b.isVisibleTo(subs)]
    edit[0].click()
    subs.amount.setText("2 glasses")
    subs.add_substance_button.click()
    [use] = repo.list_substances()
    assert use.amount == "2 glasses"
    qtbot.keyClicks(subs.med_name, "Sertraline")
    subs.change.setCurrentIndex(subs.change.findData("dose"))
    qtbot.keyClicks(subs.dose, "100 mg")
    subs.add_medication_button.click()
    [event] = repo.list_medication()
    assert (event.name, event.change, event.dose) == ("Sertraline", MedicationChange.DOSE, "100 mg")
    running_app.settle()
    removes = [
        b
        for b in subs.findChildren(QPushButton, "removeTracking")
        if b.accessibleName() == "Remove Alcohol"
    ]
    removes[0].click()
    assert repo.list_substances() == []
    assert len(repo.list_medication()) == 1
    running_app.settle()
    edit_med = [
        b
        for b in subs.findChildren(QPushButton, "editTracking")
        if b.accessibleName() == "Edit Sertraline" and b.isVisibleTo(subs)
    ]
    edit_med[0].click()
    assert subs.med_name.text() == "Sertraline"
    subs.change.setCurrentIndex(subs.change.findData("stopped"))
    subs.add_medication_button.click()
    [event] = repo.list_medication()
    assert event.change is MedicationChange.STOPPED and event.name == "Sertraline"
    running_app.settle()
    remove_med = [
        b
        for b in subs.findChildren(QPushButton, "removeTracking")
        if b.accessibleName() == "Remove Sertraline" and b.isVisibleTo(subs)
    ]
    remove_med[0].click()
    assert repo.list_medication() == []
    # An empty medication name is refused with a sentence, and nothing is stored.
    subs.add_medication_button.click()
    assert subs.error.isVisibleTo(subs) and "name" in subs.error.text()
    assert repo.list_medication() == []

    # Remove the after-effects.
    effects.delete_button.click()
    assert repo.effects_for_session(session.id) == []
    view.done_button.click()


def test_day1_checkin_asks_unreal_and_sleep_and_reopens_what_was_saved(running_app, qtbot) -> None:  # noqa: ANN001
    services = running_app.services
    session, uid = checkin_after(services, 26, "day_1")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    [sleep] = cards(view, SleepEditor)
    assert cards(view, SubstancesEditor)
    assert effects.ask_unreal
    effects.unreal_yes.setChecked(True)
    effects.unreal_row.group.button(3).click()
    effects.rows["headache"].group.button(1).click()
    # Sleep: a wrong value names the field and stores nothing.
    sleep.hours.setText("25")
    sleep.save_button.click()
    assert sleep.error.isVisibleTo(sleep) and "24" in sleep.error.text()
    repo = TrackingRepository(services.vault.conn)
    assert repo.list_sleep() == []
    sleep.hours.setText("6.5")
    sleep.quality.group.button(4).click()
    sleep.nightmares.setValue(2)
    sleep.distress.group.button(7).click()
    sleep.wakings.setValue(3)
    # Leaving with "Done" keeps both without pressing their Save buttons.
    view.done_button.click()
    running_app.settle()
    [night] = repo.list_sleep()
    assert (night.hours, night.quality, night.nightmares, night.nightmare_distress) == (
        6.5,
        4,
        2,
        7,
    )
    assert night.wakings == 3 and night.day == view.checkin.due_at.astimezone().date()
    [stored] = repo.effects_for_session(session.id)
    assert (stored.unreal_24h, stored.unreal, stored.headache) == (True, 3, 1)

    # Opened again: the same records are shown, and edited in place.
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    [sleep] = cards(view, SleepEditor)
    assert effects.unreal_yes.isChecked() and effects.rows["headache"].value() == 1
    assert sleep.hours.text() == "6.5"
    sleep.hours.setText("7")
    sleep.save_button.click()
    assert repo.list_sleep()[0].hours == 7.0
    sleep.delete_button.click()
    assert repo.list_sleep() == []
    view.leave()


def test_session_page_shows_and_edits_after_effects(running_app, qtbot) -> None:  # noqa: ANN001
    services = running_app.services
    session, uid = checkin_after(services, 3, "same_day")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    effects.rows["dissociation"].group.button(6).click()
    effects.save_button.click()
    view.leave()
    page = running_app.area("sessions")
    page.refresh()
    page.select_session(session.id)
    assert "After-effects: dissociation 6" in page.detail.text()
    assert page.effects_button.isEnabled()
    page.effects_button.click()
    assert page.stack.currentWidget() is page.effects_page
    panel = page.effects_page.panel
    first, new = panel.editors
    assert first.effects is not None and new.effects is None
    first.rows["dissociation"].group.button(3).click()
    first.save_button.click()
    new.rows["anxiety"].group.button(2).click()
    new.save_button.click()
    repo = TrackingRepository(services.vault.conn)
    assert [(e.dissociation, e.anxiety) for e in repo.effects_for_session(session.id)] == [
        (3, None),
        (None, 2),
    ]
    first.delete_button.click()
    assert len(repo.effects_for_session(session.id)) == 1
    back = [
        b for b in page.effects_page.findChildren(QPushButton) if b.text() == "Back to sessions"
    ]
    back[0].click()
    assert page.stack.currentWidget() is page.overview
    assert "anxiety 2" in page.detail.text()


def test_today_offers_last_nights_sleep(running_app, qtbot) -> None:  # noqa: ANN001
    page = running_app.area("today")
    page.refresh()
    found = page.findChildren(SleepEditor)
    assert found, "Today shows the sleep card"
    sleep = found[-1]
    assert sleep.day == now_local().date()
    assert sleep.hours.accessibleName() == "Hours slept"
    sleep.hours.setFocus()
    qtbot.keyClicks(sleep.hours, "8")
    qtbot.keyClick(sleep.save_button, Qt.Key.Key_Space)  # keyboard reachable
    repo = TrackingRepository(running_app.services.vault.conn)
    assert repo.sleep_on(now_local().date()).hours == 8.0  # type: ignore[union-attr]
    assert now_local().date() - timedelta(days=1) not in {e.day for e in repo.list_sleep()}


def test_trends_offers_the_sleep_chart_next_to_the_pcl5(demo_app) -> None:  # noqa: ANN001
    from PySide6.QtCharts import QChartView

    page = demo_app.area("measures")
    page.tabs.setCurrentWidget(page.trends)
    trends = page.trends
    names = [trends.family.itemData(i) for i in range(trends.family.count())]
    assert names[names.index("pcl5") + 1] == "sleep"
    trends.show_family("sleep")
    demo_app.settle()
    view = trends.chart_view
    assert isinstance(view, QChartView)
    chart = view.chart()
    assert len([s for s in chart.series() if s.name() == "Session"]) == 6
    nights = TrackingRepository(demo_app.services.vault.conn).list_sleep()
    assert chart.hours_series.count() == len([n for n in nights if n.hours is not None])
    assert "nights" in view.accessibleDescription()
    assert trends.table.rowCount() == len(nights)
    assert not trends.clusters.isVisible()
    assert "nightmares" in trends.caption.text()
    trends.show_family("pcl5")
    demo_app.settle()
    assert trends.chart_view.chart().series()[-1].name().startswith("PCL-5")


def test_share_wizard_offers_the_tracking_parts_unticked(demo_app) -> None:  # noqa: ANN001
    page = demo_app.area("share")
    wizard = page.open_wizard()
    wizard.next_button.click()
    step = wizard.content_step
    for box in (step.after_effects, step.sleep, step.substances):
        assert not box.isChecked() and box.accessibleName()
    step.sleep.setChecked(True)
    step.substances.setChecked(True)
    sel = wizard.selection
    assert step.apply(sel) is None
    assert (sel.include_effects, sel.include_sleep, sel.include_substances) == (
        False,
        True,
        True,
    )
    wizard.reject()


def test_journal_search_counts_matching_after_effect_notes(running_app, qtbot) -> None:  # noqa: ANN001
    services = running_app.services
    session, uid = checkin_after(services, 3, "same_day")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    qtbot.keyClicks(effects.note, "Peppermint tea settled the nausea")
    effects.save_button.click()
    view.leave()
    journal = running_app.area("journal")
    journal.search.setText("peppermint")
    journal.apply_filter()
    assert "1 after-effects note (Sessions)" in journal.count_label.text()
    assert journal.empty.text() == "No journal entry matches; the after-effects notes above do."
    # Listed as a link that opens the session's after-effects page, the note in view.
    links = journal.effects_links.findChildren(QPushButton)
    assert journal.effects_links.isVisibleTo(journal) and len(links) == 1
    assert "Peppermint tea" in links[0].text() and links[0].text().startswith("After-effects, ")
    links[0].click()
    running_app.settle()
    sessions = running_app.window.shell.page("sessions")
    assert running_app.window.shell.current_key() == "sessions"
    assert sessions.effects_page is not None
    assert sessions.stack.currentWidget() is sessions.effects_page
    [editor] = [
        e for e in sessions.effects_page.findChildren(EffectsEditor) if e.effects is not None
    ]
    assert editor.note.toPlainText() == "Peppermint tea settled the nausea"
    journal = running_app.area("journal")
    journal.search.setText("heron")
    journal.apply_filter()
    assert "after-effects" not in journal.count_label.text()
    assert not journal.effects_links.isVisibleTo(journal)


def test_every_card_refuses_saves_and_removes_with_the_same_messages(running_app, qtbot) -> None:  # noqa: ANN001
    """The save / remove / status flow the four editors share (one base class): what is
    refused says why and stores nothing, a save says "Saved.", a removal "Removed.", and
    each emits `saved` once."""
    services = running_app.services
    repo = TrackingRepository(services.vault.conn)
    session, uid = checkin_after(services, 26, "day_1")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    [sleep] = cards(view, SleepEditor)
    [subs] = cards(view, SubstancesEditor)
    emitted: list[str] = []
    for name, card in (("effects", effects), ("sleep", sleep), ("subs", subs)):
        card.saved.connect(lambda name=name: emitted.append(name))

    # Refused: the card's own sentence, nothing stored, nothing announced. (The day-1
    # card always has an answer, the yes/no question; the same-day one may have none.)
    same_day = EffectsEditor(services, session.id, ask_unreal=False)
    same_day.saved.connect(lambda: emitted.append("same_day"))
    same_day.save_button.click()
    assert same_day.error.text() == "Nothing to save yet: choose a number or write a line."
    assert sleep.delete_button.isHidden() and effects.delete_button.isHidden()
    sleep.save_button.click()
    assert sleep.error.text() == "Add the hours slept (a guess is fine)."
    subs.add_medication_button.click()
    assert subs.error.text() == "Add the medication's name."
    assert emitted == []
    assert repo.effects_for_session(session.id) == [] and repo.list_sleep() == []

    # Saved: the error clears, the status says so, Remove appears.
    effects.rows["nausea"].group.button(2).click()
    effects.save_button.click()
    assert not effects.error.isVisibleTo(effects) and effects.status.text() == "Saved."
    assert effects.effects is not None and not effects.delete_button.isHidden()
    sleep.hours.setText("7")
    sleep.save_button.click()
    assert not sleep.error.isVisibleTo(sleep) and sleep.status.text() == "Saved."
    assert sleep.entry is not None and not sleep.dirty
    qtbot.keyClicks(subs.med_name, "Sertraline")
    subs.add_medication_button.click()
    assert not subs.error.isVisibleTo(subs) and subs.status.text() == "Saved."
    assert subs.med_name.text() == "" and subs.add_medication_button.text() == (
        "Add medication change"
    )
    subs.kind.setCurrentIndex(subs.kind.findData("alcohol"))
    subs.add_substance_button.click()
    assert subs.status.text() == "Saved."
    assert emitted == ["effects", "sleep", "subs", "subs"]

    # Removed: the record is gone, the card shows a new one, the status says so.
    effects.delete_button.click()
    assert effects.status.text() == "Removed." and effects.effects is None
    assert effects.delete_button.isHidden()
    sleep.delete_button.click()
    assert sleep.status.text() == "Removed." and sleep.entry is None
    running_app.settle()
    for name in ("Alcohol", "Sertraline"):
        [*_, remove] = [  # the newest row (the list rebuilt, old rows deleted later)
            b
            for b in subs.findChildren(QPushButton, "removeTracking")
            if b.accessibleName() == f"Remove {name}" and b.isVisibleTo(subs)
        ]
        remove.click()
        running_app.settle()
        assert subs.status.text() == "Removed."
    assert repo.effects_for_session(session.id) == [] and repo.list_sleep() == []
    assert repo.list_substances() == [] and repo.list_medication() == []
    assert emitted == ["effects", "sleep", "subs", "subs", "effects", "sleep", "subs", "subs"]
    view.leave()


def test_after_effects_note_is_kept_as_it_is_typed(running_app, qtbot) -> None:  # noqa: ANN001
    """A note typed and never saved (the window closed, the power cut) is already kept a
    moment after the last key, once, and the cursor stays where the patient types."""
    from integrate.ui.widgets.tracking import NOTE_IDLE_MS

    services = running_app.services
    session, uid = checkin_after(services, 3, "same_day")
    view = open_checkin(running_app, uid)
    [effects] = cards(view, EffectsEditor)
    repo = TrackingRepository(services.vault.conn)
    effects.note.setFocus()
    qtbot.keyClicks(effects.note, "Shaky hands,")
    effects.note.insertPlainText(" 🙂 then calm")  # pasted (QTest cannot type an emoji)
    assert repo.effects_for_session(session.id) == []  # not on every key
    qtbot.waitUntil(
        lambda: len(repo.effects_for_session(session.id)) == 1, timeout=NOTE_IDLE_MS * 5
    )
    [stored] = repo.effects_for_session(session.id)
    assert stored.note == "Shaky hands, 🙂 then calm"
    assert effects.status.text() == "Saved as you type."
    qtbot.keyClicks(effects.note, ". Slept.")
    assert effects.note.textCursor().atEnd()  # the cursor was not moved by a save
    qtbot.waitUntil(
        lambda: repo.effects_for_session(session.id)[0].note.endswith("Slept."),
        timeout=NOTE_IDLE_MS * 5,
    )
    assert len(repo.effects_for_session(session.id)) == 1  # the same record, updated
    assert effects.note.toPlainText() == "Shaky hands, 🙂 then calm. Slept."
