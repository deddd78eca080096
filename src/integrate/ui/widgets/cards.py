"""The card: a quiet framed block that Today, check-ins and sessions build their content in."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }
QLabel#sectionTitle { font-size: 12pt; font-weight: 600; }
QPushButton#rating { min-width: 34px; padding: 4px 6px; }
QLabel#scaleEnd { font-weight: 600; }
QPushButton#rating:checked { background: palette(highlight); color: palette(highlighted-text); }
QLabel#alsoTitle { font-weight: 600; }
"""


def card() -> tuple[QFrame, QVBoxLayout]:
    """A framed block and the layout to fill it."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    return frame, layout
