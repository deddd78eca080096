"""Layout checks the screenshots showed up: controls line up and keep off the edges."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QWidget


def test_need_help_now_close_button_lines_up_with_the_cards(demo_app) -> None:
    demo_app.controller.show_help()
    demo_app.settle()
    dialog = demo_app.window.findChild(QWidget, "helpNowDialog")
    assert dialog is not None and dialog.isVisible()
    [close] = dialog.findChild(QDialogButtonBox).buttons()
    card = dialog.lines  # the crisis lines, in a full-width bordered box
    card_right = card.mapTo(dialog, QPoint(card.width(), 0)).x()
    bar = dialog.findChild(QScrollArea).verticalScrollBar()
    if bar.isVisible():  # the cards are narrower by the scrollbar beside them
        card_right += bar.width()
    close_right = close.mapTo(dialog, QPoint(close.width(), 0)).x()
    assert abs(card_right - close_right) <= 4, (card_right, close_right, dialog.width())
    dialog.close()
