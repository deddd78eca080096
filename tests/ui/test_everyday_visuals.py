"""Small visual defects from the everyday-use walkthrough (issue 18)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from integrate.ui.base import theme


def test_the_heart_on_need_help_now_is_in_the_buttons_text_colour(running_app) -> None:
    """It was drawn in the window's text colour: dark on dark red."""
    button = running_app.window.help_button
    palette = theme.current_palette()
    image = button.icon().pixmap(32, 32).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked, "the icon draws something"
    wanted = QColor(palette.help_text)
    for colour in inked:
        assert abs(colour.lightness() - wanted.lightness()) < 40
    # And it stands out from the button's own colour.
    assert abs(QColor(palette.help).lightness() - inked[0].lightness()) > 80


def test_one_name_each_for_questionnaires_and_need_help_now(running_app) -> None:
    from integrate.resources import resource_path
    from integrate.ui.shell.pages import areas

    labels = {a.key: a.title for a in areas()}
    assert labels["measures"] == "Questionnaires"  # as its page title says
    for name in ("safety_card.toml", "prompts.toml"):
        text = resource_path("prompts", name).read_text("utf-8")
        assert "safety screen" not in text
        assert "Need help now" in text


def test_an_empty_sessions_page_says_what_to_do_first(running_app) -> None:
    page = running_app.area("sessions")
    page.refresh()
    assert page.empty_note.isVisibleTo(page) and not page.tree.isVisibleTo(page)
    assert "Log a session" in page.empty_note.text()
    assert not page.edit_button.isVisibleTo(page)


def test_a_check_in_has_one_skip_label_and_explains_show_me_again(running_app) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.ui.helpers_sessions import checkin_after

    services = running_app.services
    _session, uid = checkin_after(services, hours_ago=3, phase="same_day")
    page = running_app.area("today")
    page.open_item(uid)
    view = page.checkin_view
    skips = {b.text() for b in view.findChildren(QPushButton, "skipPrompt")}
    assert skips == {"Skip this question"}
    pins = [b for b in view.findChildren(QWidget) if b.accessibleName() == "Pin this prompt"]
    assert pins and all("next check-ins" in p.toolTip() for p in pins)
    view.leave()


def test_mood_and_distress_rows_say_which_end_is_which_above_the_numbers(running_app) -> None:
    from integrate.ui.checkins.checkin import RatingRow
    from tests.ui.helpers_sessions import checkin_after

    services = running_app.services
    _session, uid = checkin_after(services, hours_ago=3, phase="day_1")  # rates mood
    page = running_app.area("today")
    page.open_item(uid)
    rows = {r.rating.id: r for r in page.checkin_view.findChildren(RatingRow)}
    mood, distress = rows["mood"], rows["distress"]
    assert "10 = Very good" in mood.ends.text()
    assert "10 = Worst imaginable" in distress.ends.text()
    for row in (mood, distress):
        assert row.ends.objectName() == "scaleEnd" and row.ends.isVisibleTo(row)
        first_button = row.group.buttons()[0]
        assert row.ends.geometry().bottom() <= first_button.geometry().top()
    page.checkin_view.leave()


def test_a_brand_new_journal_says_why_questionnaires_now(running_app) -> None:
    """Issue 18: suggestions on a brand-new journal said "monthly" and nothing more."""
    page = running_app.area("today")
    page.refresh()
    section = next(w for w in page.findChildren(QWidget) if hasattr(w, "due_buttons"))
    texts = " ".join(b.text() for b in section.due_buttons)
    assert "before your first session" in texts and "monthly" not in texts
    labels = " ".join(w.text() for w in section.findChildren(QLabel))
    assert "baseline" in labels
