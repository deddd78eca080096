"""A small painted chart: average distress before and after, two bars on a 0-10 scale.

Quiet colours, numbers written next to the bars, no red or green: it shows the
patient's own ratings, it is not a verdict.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("SudsBars", text)


class SudsBars(QWidget):
    def __init__(
        self, before: float | None, after: float | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.before = before
        self.after = after
        self.setMinimumSize(240, 56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_tr("Average distress before and after"))
        self.setAccessibleDescription(self.describe())

    def describe(self) -> str:
        if self.before is None or self.after is None:
            return _tr("No before-and-after ratings yet.")
        return _tr("Before {b:.1f}, after {a:.1f}, out of 10.").format(b=self.before, a=self.after)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(320, 56)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.windowText().color()
        accent = pal.highlight().color()
        muted = QColor(text)
        muted.setAlphaF(0.35)
        label_w = 70.0
        value_w = 44.0
        track_w = max(10.0, self.width() - label_w - value_w - 8)
        rows = [(_tr("Before"), self.before, muted), (_tr("After"), self.after, accent)]
        bar_h = 16.0
        for i, (label, value, colour) in enumerate(rows):
            y = 6 + i * (bar_h + 10)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 2, label_w, bar_h + 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            track = QColor(text)
            track.setAlphaF(0.08)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(label_w, y, track_w, bar_h), 4, 4)
            if value is not None:
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(label_w, y, track_w * value / 10.0, bar_h), 4, 4)
            painter.setPen(text)
            painter.drawText(
                QRectF(label_w + track_w + 8, y - 2, value_w, bar_h + 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                "-" if value is None else f"{value:.1f}",
            )
        painter.end()
