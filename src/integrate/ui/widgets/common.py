"""Small building blocks shared by screens: titles, plain-text labels, buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


def plain_label(text: str, *, object_name: str = "", wrap: bool = True) -> QLabel:
    """A label that shows `text` literally: user text is never interpreted as markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    return label


def page_title(text: str) -> QLabel:
    label = plain_label(text, object_name="pageTitle")
    label.setAccessibleName(text)
    return label


def button(text: str, *, primary: bool = False, accessible: str = "") -> QPushButton:
    btn = QPushButton(text)
    if primary:
        btn.setObjectName("primary")
    btn.setAccessibleName(accessible or text.replace("&", ""))
    btn.setCursor(Qt.CursorShape.PointingHandCursor)
    return btn


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(14)
    return layout
