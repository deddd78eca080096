"""The crisis path (issue #14) on a real vault and real widgets: one contact model for
every surface, the item-9 screen built around the safety plan, keyboard-only use, and
the gentle distress follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from shiboken6 import isValid

from integrate.core.crisis import load_crisis_lines
from integrate.core.crisis_contacts import build_contacts, render_text
from integrate.core.safety import PlanContact, SafetyPlan
from integrate.ui.coping.player import PlayerDialog
from integrate.ui.measures.measure_crisis import CrisisScreen, SafetyPlanDialog
from integrate.ui.shell.help_now import HelpNowDialog
from integrate.ui.widgets.crisis_view import ContactCard, shown_items
from integrate.ui.widgets.distress_followup import FollowUpCard
from integrate.vault.safety_plan import SafetyPlanRepository
from tests.ui.base.test_theme import large_text  # noqa: F401 - the 22 pt fixture
from tests.ui.helpers_sessions import checkin_after

US_PLAN = SafetyPlan(
    warning_signs=["Not sleeping", "Pulling away from people"],
    coping_steps=["Hold an ice cube", "Walk round the block"],
    reasons_for_living=["My sister", "The dog"],
    people_places=[PlanContact("Jo", "555 0123", "neighbour")],
    professionals=[PlanContact("Dr Rivera", "555 0199", "weekdays")],
    crisis_lines=[
        PlanContact("Samaritans", "116 123"),  # prefilled back when the country was GB
        PlanContact("Local crisis team", "555 0100", "ask for the duty worker"),
    ],
    safer_surroundings=["Give the pills to Jo"],
)


def _us_journal(app, plan: SafetyPlan | None = US_PLAN) -> None:  # noqa: ANN001
    app.controller.set_country("US")
    if plan is not None:
        SafetyPlanRepository(app.services.vault.conn).save(plan)


def _open_item9(app) -> CrisisScreen:  # noqa: ANN001
    page = app.area("measures")
    form = page.start("phq9")
    form.set_answer(9, 1)
    app.settle(1)
    screen = page.crisis_screen
    assert isinstance(screen, CrisisScreen) and screen.isVisible()
    return screen


def test_item9_in_a_us_journal_lists_the_personal_line_with_its_number_and_no_uk_line(
    running_app,
) -> None:  # noqa: ANN001
    _us_journal(running_app)
    screen = _open_item9(running_app)
    shown = [item.text() for item in shown_items(screen)]
    assert "Local crisis team - Call 555 0100 - ask for the duty worker" in shown
    assert not any("116 123" in t or "Samaritans" in t for t in shown)
    # The number is a visible label of its own, with a Copy button beside it.
    card = next(c for c in screen.findChildren(ContactCard) if c.item.name == "Local crisis team")
    assert [label.text() for label in card.value_labels] == ["Call 555 0100"]
    assert card.copy_buttons and card.copy_buttons[0].isVisibleTo(screen)
    labels = " ".join(w.text() for w in screen.findChildren(QLabel))
    assert "Crisis lines in United States" in labels and "988" in screen.lines.text()
    # Stanley-Brown order: warning signs, coping, reasons, people, professionals, lines.
    order = [
        "Not sleeping",
        "Hold an ice cube",
        "My sister",
        "Jo",
        "Dr Rivera",
        "Local crisis team",
        "988 Suicide",
        "Give the pills to Jo",
    ]
    body = "\n".join(
        w.text() if isinstance(w, QLabel) else ""
        for w in screen.scroll_area.widget().findChildren(QLabel)
    )
    positions = [body.index(word) for word in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert "Nobody monitors this app" in screen.not_monitored.text()
    assert screen.plan_button.text() == "Open my safety plan"
    # Nothing on it suggests someone is watching.
    for phrase in ("we will contact", "your therapist has been", "notified", "alerted"):
        assert phrase not in body.lower()
    screen.back_button.click()


def test_every_surface_shows_the_same_items_as_the_model(running_app, tmp_path) -> None:  # noqa: ANN001
    """Need help now, the item-9 screen, the CLI text and the safety-plan PDF agree."""
    from pypdf import PdfReader

    from integrate.ui.coping.safety_plan import SafetyPlanEditor

    _us_journal(running_app)
    model = build_contacts(load_crisis_lines(), "US", US_PLAN)
    expected = {(i.name, i.values) for i in model.contact_items()}
    screen = _open_item9(running_app)
    on_screen = {(i.name, i.values) for i in shown_items(screen)}
    screen.back_button.click()
    running_app.controller.show_help()
    running_app.settle()
    dialog = running_app.window.findChild(HelpNowDialog, "helpNowDialog")
    assert dialog is not None
    in_help = {(i.name, i.values) for i in shown_items(dialog)}
    dialog.close()
    assert on_screen == expected == in_help
    text = render_text(model)
    for name, values in expected:
        assert (name == "Emergency" or name in text) and all(v in text for v in values)
    # The printed plan: the country's lines and the patient's own, never the stale UK one.
    editor = SafetyPlanEditor(running_app.services)
    target = tmp_path / "plan.pdf"
    editor.write_pdf(target)
    pdf = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    pdf = " ".join(pdf.split())
    assert "988" in pdf and "555 0100" in pdf and "116 123" not in pdf
    assert "911" in pdf


def test_keyboard_only_from_item9_to_a_grounding_exercise_and_back(running_app, qtbot) -> None:  # noqa: ANN001
    _us_journal(running_app)
    screen = _open_item9(running_app)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.exercise_button, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    running_app.settle(1)
    player = screen.player
    assert isinstance(player, PlayerDialog) and player.isVisible()
    # Esc in the player leaves it (nothing started, nothing stored) ...
    qtbot.keyClick(QApplication.focusWidget() or player, Qt.Key.Key_Escape)
    running_app.settle(1)
    assert (not isValid(player) or not player.isVisible()) and screen.isVisible()
    # ... and the focus is back on the crisis screen, where Tab reaches "Back".
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.exercise_button, timeout=3000)
    for _ in range(8):
        if QApplication.focusWidget() is screen.back_button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.back_button
    qtbot.keyClick(screen.back_button, Qt.Key.Key_Return)
    running_app.settle(1)
    assert not screen.isVisible()
    page = running_app.area("measures")
    assert page.stack.currentWidget() is page.form  # back at the questionnaire


def test_item9_without_a_plan_offers_to_make_one_now(running_app) -> None:  # noqa: ANN001
    _us_journal(running_app, plan=None)
    screen = _open_item9(running_app)
    assert screen.plan_button.text() == "Make my safety plan now"
    assert "no safety plan yet" in screen.no_plan.text()
    dialog = screen.open_plan()
    assert isinstance(dialog, SafetyPlanDialog) and dialog.isVisible()
    dialog.editor.sections["coping_steps"].set_values(["Breathe out slowly"])
    dialog.editor.save()
    dialog.reject()
    running_app.settle(1)
    # Back on the crisis screen, which now shows what was just written.
    assert screen.isVisible() and screen.plan_button.text() == "Open my safety plan"
    body = " ".join(w.text() for w in screen.scroll_area.widget().findChildren(QLabel))
    assert "Breathe out slowly" in body
    screen.back_button.click()


def test_no_country_item9_gives_the_international_route(running_app) -> None:  # noqa: ANN001
    screen = _open_item9(running_app)
    text = screen.lines.text()
    assert "No country is set" in text and "findahelpline.com" in text
    assert "988" not in text and "911" not in screen.emergency.text()
    screen.back_button.click()


def test_checkin_distress_follow_up_once_at_9_and_not_at_4(running_app) -> None:  # noqa: ANN001
    _session, uid = checkin_after(running_app.services, 30, "day_1")
    page = running_app.area("today")
    page.open_item(uid)
    view = page.checkin_view
    assert view is not None
    distress = view.ratings["distress"]
    distress.group.button(4).click()
    assert view.followup is None and not view.findChildren(FollowUpCard)
    distress.group.button(9).click()
    card = view.followup
    assert isinstance(card, FollowUpCard) and card.isVisibleTo(view)
    texts = [b.text() for b in (card.exercise_button, card.help_button, card.ok_button)]
    assert texts == ["Try a grounding exercise", "Need help now", "I'm OK for now"]
    card.ok_button.click()
    assert not card.isVisibleTo(view)
    distress.group.button(10).click()  # once: not offered again in this check-in
    assert view.findChildren(FollowUpCard) == [card] and not card.isVisibleTo(view)
    # "Need help now" from the card opens the same dialog as F1.
    card.help_button.click()
    running_app.settle()
    dialog = running_app.window.findChild(HelpNowDialog, "helpNowDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_exercise_ending_high_offers_follow_up_once(running_app) -> None:  # noqa: ANN001
    from integrate.ui.coping.exercises import find_exercise
    from integrate.ui.coping.player import open_player

    def run(before: int, after: int) -> PlayerDialog:
        dialog = open_player(running_app.services, find_exercise("orienting"), running_app.window)
        dialog.suds_before.set_value(before)
        dialog.begin()
        if dialog.pages.currentIndex() == dialog.PAGE_CAUTION:
            dialog.acknowledge_caution()
        while dialog.pages.currentIndex() == dialog.PAGE_STEP:
            dialog.next()
        dialog.suds_after.set_value(after)
        dialog.finish()
        return dialog

    high = run(5, 9)
    assert isinstance(high.followup, FollowUpCard) and high.followup.isVisibleTo(high)
    assert high.followup.exercise_button.text() == "Try another exercise"
    high.accept()
    low = run(5, 4)
    assert low.followup is None
    low.accept()
    came_down = run(9, 7)  # still high, but lower than it started: no offer
    assert came_down.followup is None
    came_down.accept()


def test_same_day_safety_card_has_substance_advice_and_the_models_lines(running_app) -> None:  # noqa: ANN001
    from integrate.core.model import Phase

    running_app.controller.set_country("GB")
    _session, uid = checkin_after(running_app.services, 3, Phase.SAME_DAY.value)
    page = running_app.area("today")
    page.open_item(uid)
    view = page.checkin_view
    assert view is not None and view.safety_frame.isVisibleTo(view)
    card = " ".join(w.text() for w in view.safety_frame.findChildren(QLabel))
    assert "alcohol" in card and "cannabis" in card and "benzodiazepines may" in card
    shown = {(i.name, i.values) for i in shown_items(view.safety_frame)}
    model = build_contacts(load_crisis_lines(), "GB")
    assert shown == {(i.name, i.values) for i in model.contact_items()}
    assert "988" not in view.safety_lines.text()


def test_patient_result_screens_use_no_diagnostic_language(running_app) -> None:  # noqa: ANN001
    page = running_app.area("measures")
    form = page.start("pcl5_month")
    for number in range(1, len(form.items) + 1):
        form.set_answer(number, 4)  # meets the provisional rule and the cut-off
    form.submit()
    running_app.settle(1)
    view = page.result_view
    assert view is not None
    shown = " ".join(w.text() for w in view.findChildren(QLabel)).lower()
    for word in ("dsm", "provisional", "cut-off", "diagnostic pattern", "symptom pattern"):
        assert word not in shown, word
    [adm] = running_app.services.measures.list()
    assert "provisional_dsm5_pattern" in adm.flags  # kept for the therapist PDF


def test_no_suggestions_within_a_day_of_a_dose_but_manual_ones_record_the_hours(
    running_app,
) -> None:  # noqa: ANN001
    from integrate.ui.measures.measures_today import due_now
    from tests.ui.helpers_sessions import add_session

    services = running_app.services
    assert due_now(services)  # nothing taken yet: monthly suggestions are due
    add_session(services, hours_ago=3)
    assert due_now(services) == []
    page = running_app.area("measures")
    page.home_tab.refresh()
    assert "Suggestions wait until" in page.home_tab.due_heading.text()
    form = page.start("gad7")  # still possible by hand
    for number in range(1, len(form.items) + 1):
        form.set_answer(number, 1)
    form.submit()
    running_app.settle(1)
    [adm] = services.measures.list()
    assert 2.9 <= adm.result["hours_since_dose"] <= 3.1
    assert page.result_view is not None
    assert "hours after your last session" in page.result_view.text()


def test_crisis_screens_cut_no_text_off_with_a_22pt_font(large_text) -> None:  # noqa: ANN001, F811
    """The item-9 screen with the demo plan (German lines: the longest labels), Need help
    now, and the distress follow-up card, at 22 pt."""
    from tests.ui.base.test_theme import clipped

    app = large_text
    found: dict[str, list[str]] = {}
    for country in ("DE", "US"):  # the longest labels: "not yet confirmed", "Veterans"
        app.controller.set_country(country)
        screen = _open_item9(app)
        found[f"item-9 screen, {country}"] = clipped(screen)
        screen.back_button.click()
        app.area("measures").go_home()
    app.controller.show_help()
    app.settle()
    dialog = app.window.findChild(HelpNowDialog, "helpNowDialog")
    assert dialog is not None
    found["need help now"] = clipped(dialog)
    dialog.close()
    _session, uid = checkin_after(app.services, 30, "day_1")
    page = app.area("today")
    page.open_item(uid)
    view = page.checkin_view
    view.ratings["distress"].group.button(9).click()
    app.settle(1)
    assert view.followup is not None
    found["follow-up card"] = clipped(view.followup)
    assert not any(found.values()), "\n".join(f"{k}: {v}" for k, v in found.items())


def test_item9_controls_are_named_and_the_follow_up_works_by_keyboard(running_app, qtbot) -> None:  # noqa: ANN001
    from tests.ui.test_accessibility import unnamed

    _us_journal(running_app)
    screen = _open_item9(running_app)
    assert unnamed(screen) == []
    copy = screen.findChildren(ContactCard)[0].copy_buttons[0]
    assert copy.accessibleName().startswith("Copy ")
    screen.back_button.click()
    _session, uid = checkin_after(running_app.services, 30, "day_1")
    page = running_app.area("today")
    page.open_item(uid)
    view = page.checkin_view
    nine = view.ratings["distress"].group.button(9)
    nine.setFocus()
    qtbot.keyClick(nine, Qt.Key.Key_Space)  # a rating chosen with the keyboard
    card = view.followup
    assert card is not None and card.isVisibleTo(view) and unnamed(card) == []
    card.ok_button.setFocus()
    qtbot.keyClick(card.ok_button, Qt.Key.Key_Space)
    assert not card.isVisibleTo(view)


def test_call_and_text_buttons_only_where_the_desktop_has_a_handler(qtbot, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtGui import QDesktopServices

    from integrate.ui.widgets import crisis_view

    item = build_contacts(load_crisis_lines(), "GB").lines[0]  # Samaritans
    monkeypatch.setattr(crisis_view, "handler_available", lambda scheme: False)
    without = ContactCard(item)
    qtbot.addWidget(without)
    assert without.open_buttons == [] and len(without.copy_buttons) == 1
    opened: list[str] = []
    monkeypatch.setattr(crisis_view, "handler_available", lambda scheme: scheme == "tel")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    card = ContactCard(item)
    qtbot.addWidget(card)
    [call] = card.open_buttons
    assert call.text() == "Call"
    call.click()
    assert opened == ["tel:116123"]
    card.copy_buttons[0].click()
    assert QApplication.clipboard().text() == "116 123"


def test_phone_link_detection_can_be_turned_off(monkeypatch) -> None:  # noqa: ANN001
    from integrate.ui.widgets.crisis_view import handler_available

    handler_available.cache_clear()
    monkeypatch.setenv("INTEGRATE_NO_PHONE_LINKS", "1")
    try:
        assert handler_available("tel") is False
    finally:
        handler_available.cache_clear()
