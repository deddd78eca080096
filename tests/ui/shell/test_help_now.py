""" "Need help now": the country's lines with a visible "check locally", and no guessed
numbers for a country the list does not cover."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel

from integrate.core.crisis import OTHER_COUNTRY, load_crisis_lines
from integrate.ui.shell.help_now import HelpNowDialog
from integrate.ui.shell.onboarding import Onboarding
from integrate.ui.widgets.crisis_view import shown_items


def test_lines_for_the_chosen_country_say_check_locally(qtbot) -> None:
    dialog = HelpNowDialog("GB")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.country.currentData() == "GB"
    text = dialog.lines.text()
    assert "Samaritans - Call 116 123" in text and "Emergency - Call 999 - Call 112" in text
    assert not load_crisis_lines().verified  # nobody has checked the numbers yet ...
    assert dialog.check_note.isVisible()  # ... so the screen says to check them locally
    assert dialog.check_note.text().startswith("Check locally")
    dialog.close()


def test_another_country_shows_no_numbers_at_all(qtbot) -> None:
    chosen: list[str] = []
    dialog = HelpNowDialog("US", on_country_changed=chosen.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "988" in dialog.lines.text()
    dialog.country.setCurrentIndex(dialog.country.findData(OTHER_COUNTRY))
    assert chosen == [OTHER_COUNTRY]
    text = dialog.lines.text()
    assert "no numbers for your country" in text and "safety plan" in text
    assert "findahelpline.com" in text and "local emergency number" in text
    assert not re.search(r"\d", text)  # never a guessed number
    assert not dialog.check_note.isVisible()  # nothing listed, nothing to check
    dialog.close()


def test_an_unlisted_stored_country_is_not_shown_someone_elses_numbers(qtbot) -> None:
    # Before, an unknown code fell back to the first country in the list (Australia).
    dialog = HelpNowDialog("FR")
    qtbot.addWidget(dialog)
    assert dialog.country.currentData() == OTHER_COUNTRY
    assert "000" not in dialog.lines.text() and "Lifeline" not in dialog.lines.text()
    dialog.close()


def test_the_country_picker_is_labelled(qtbot) -> None:
    dialog = HelpNowDialog("US")
    qtbot.addWidget(dialog)
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.country]
    assert [w.text() for w in labels] == ["Crisis lines for"]
    assert dialog.country.accessibleName() == "Country for crisis lines"
    dialog.close()


def test_onboarding_offers_another_country(qtbot) -> None:
    screen = Onboarding(
        keystore_name=None,
        countries=load_crisis_lines().country_choices(),
        default_country="US",
    )
    qtbot.addWidget(screen)
    box = screen.country
    assert box.itemData(box.count() - 1) == OTHER_COUNTRY
    assert box.currentData() == "US"
    emitted: list[str] = []
    screen.country_chosen.connect(emitted.append)
    box.setCurrentIndex(box.count() - 1)
    screen.country_next.click()
    assert emitted == [OTHER_COUNTRY]


def test_one_screen_with_own_exercise_lines_contacts_and_not_monitored(demo_app) -> None:
    from integrate.core.what_helps import summarise_runs, top_picks
    from integrate.ui.coping.exercises import all_exercises
    from integrate.ui.coping.help_now_personal import ExerciseSection
    from integrate.vault.exercise_runs import ExerciseRunRepository

    demo_app.controller.set_country("GB")  # the demo journal's plan was made for the UK
    demo_app.controller.show_help()
    demo_app.settle()
    dialog = demo_app.window.findChild(HelpNowDialog, "helpNowDialog")
    assert dialog is not None and dialog.isVisible()
    texts = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "Nobody monitors this app" in texts
    # The patient's own most helpful exercise, from the stored runs, comes first.
    runs = ExerciseRunRepository(demo_app.services.vault.conn).list_runs()
    best = top_picks(summarise_runs(runs), list(all_exercises()), n=1)[0]
    section = dialog.findChild(ExerciseSection)
    assert section is not None and section.pick.exercise.id == best.exercise.id
    assert "Something that has helped you before" in texts and best.exercise.title in texts
    # Crisis lines of the chosen country and the people from the safety plan.
    assert "Emergency - Call" in dialog.lines.text()
    assert "Jo (partner)" in texts and "555-0100" in texts
    dialog.close()


def test_measure_crisis_screen_guesses_no_number_for_another_country(running_app) -> None:
    from integrate.core.safety import PlanContact, SafetyPlan
    from integrate.ui.measures.measure_crisis import CrisisScreen
    from integrate.vault.safety_plan import SafetyPlanRepository

    conn = running_app.services.vault.conn
    listed = CrisisScreen("GB", conn)
    assert "116 123" in listed.lines.text()
    assert listed.check_note is not None and listed.check_note.text().startswith("Check locally")
    listed.close()

    # Before, an unlisted country was shown the United States' numbers.
    other = CrisisScreen(OTHER_COUNTRY, conn)
    assert "findahelpline.com" in other.lines.text()
    assert not re.search(r"\d", other.lines.text() + other.emergency.text())
    assert "local emergency number" in other.emergency.text()
    assert other.check_note is None
    other.close()

    # The patient's own number is shown; a prefilled line of a listed country is not.
    plan = SafetyPlan(
        crisis_lines=[PlanContact("Samaritans", "116 123"), PlanContact("Nearby line", "555 0142")]
    )
    SafetyPlanRepository(conn).save(plan)
    own = CrisisScreen(OTHER_COUNTRY, conn)
    shown = "\n".join(item.text() for item in shown_items(own))
    assert "Nearby line - Call 555 0142" in shown
    assert "116 123" not in shown
    own.close()


def test_no_country_chosen_says_so_and_gives_the_international_route(qtbot) -> None:
    chosen: list[str] = []
    dialog = HelpNowDialog("", on_country_changed=chosen.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.country.currentText() == "No country chosen"
    text = dialog.lines.text()
    assert "No country is set" in text and "findahelpline.com" in text
    assert not re.search(r"\d", text) and not dialog.check_note.isVisible()
    dialog.country.setCurrentIndex(dialog.country.findData("IE"))
    assert chosen == ["IE"] and "50808" in dialog.lines.text()
    assert dialog.check_note.isVisible()
    dialog.close()
