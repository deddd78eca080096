"""The card: a quiet framed block that Today, check-ins and sessions build their content in.

Its look (frame, section titles, rating buttons) is in the theme (ui/base/theme.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout


def card(
    *, margins: tuple[int, int, int, int] = (16, 14, 16, 14), spacing: int = 8
) -> tuple[QFrame, QVBoxLayout]:
    """A framed block and the layout to fill it."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    return frame, layout
