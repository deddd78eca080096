"""Small visual defects from the everyday-use walkthrough (issue 18)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from integrate.ui import theme


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
