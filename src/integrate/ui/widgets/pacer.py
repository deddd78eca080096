"""The breathing pacer: a soft circle that grows on the in-breath and shrinks on the out-breath.

It draws whatever `PacerState` it is given (the player computes it from its clock
at ~30 fps). With reduce motion on, the circle stays one size and only the phase
label changes, so nothing moves on screen. The phase label and countdown sit under
the circle in the window's text colour.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from integrate.core.pacer import PHASE_LABELS, BreathPhase, PacerState
from integrate.ui.base import theme

MIN_FRACTION = 0.38  # the smallest circle, as a share of the largest


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pacer", text)


def phase_label(phase: BreathPhase) -> str:
    return _tr(PHASE_LABELS[phase])  # i18n: marked


class PacerWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, *, reduce_motion: bool = False) -> None:
        super().__init__(parent)
        self.reduce_motion = reduce_motion
        self.state: PacerState | None = None
        self.paused = False
        self._fit_minimum()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_tr("Breathing guide"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(320, 320)

    def set_state(self, state: PacerState | None, *, paused: bool = False) -> None:
        phase_before = self.state.phase if self.state else None
        self.state = state
        self.paused = paused
        if state is not None and state.phase is not phase_before:
            self.setAccessibleDescription(self.caption())
            if QAccessible.isActive():
                # The pacer never takes focus, and screen readers speak a changed
                # description only for the focused control: say the phase out loud.
                QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, self.caption()))
        self.update()

    def caption(self) -> str:
        if self.state is None:
            return ""
        if self.paused:
            return _tr("Paused")
        if self.state.done:
            return _tr("Breathe normally")
        return phase_label(self.state.phase)

    def circle_fraction(self) -> float:
        """Radius as a share of the largest circle (fixed when motion is reduced)."""
        if self.state is None:
            return MIN_FRACTION
        if self.reduce_motion:
            return 0.75
        return MIN_FRACTION + (1.0 - MIN_FRACTION) * self.state.radius_fraction

    def _fonts(self, points: float | None = None) -> tuple[QFont, QFont]:
        """The phase caption and the smaller countdown under it (`points`: the caption's
        size; by default as large as the widget allows)."""
        font = QFont(self.font())
        if points is None:
            # Never below 14 pt beside 11 pt text, and as much larger as the text is.
            points = max(14.0 * theme.scale(), min(self.width(), self.height()) / 18)
        font.setPointSizeF(points)
        font.setWeight(QFont.Weight.DemiBold)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.6)
        small.setWeight(QFont.Weight.Normal)
        return font, small

    def _words_height(self, points: float) -> float:
        font, small = self._fonts(points)
        return (QFontMetricsF(font).height() + QFontMetricsF(small).height()) * 1.25

    def _fit_minimum(self) -> None:
        """220x270 beside 11 pt text: the circle and, under it, the words. With larger
        text the words take more room (and the circle keeps its own)."""
        more_words = self._words_height(14.0 * theme.scale()) - self._words_height(14.0)
        self.setMinimumSize(theme.scaled(220), 270 + round(more_words))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_minimum()

    def layout_rects(self) -> tuple[QPointF, float, QRectF, QRectF]:
        """Circle centre, largest radius, caption box and countdown box.

        The words sit under the circle, never on it: text over a growing, translucent
        circle loses its contrast at some size in one theme or the other.
        """
        font, small = self._fonts()
        caption_h = QFontMetricsF(font).height() * 1.25
        count_h = QFontMetricsF(small).height() * 1.25
        reserved = caption_h + count_h
        side = max(40.0, min(float(self.width()), self.height() - reserved) - 16)
        top = max(0.0, (self.height() - side - reserved) / 2)
        center = QPointF(self.width() / 2, top + side / 2)
        caption = QRectF(0, top + side + 4, self.width(), caption_h)
        count = QRectF(0, caption.bottom(), self.width(), count_h)
        return center, side / 2, caption, count

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        accent = pal.highlight().color()
        center, max_r, caption_box, count_box = self.layout_rects()
        # A faint guide ring shows how far the breath will go.
        ring = QColor(accent)
        ring.setAlphaF(0.25)
        painter.setPen(QPen(ring, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(center, max_r, max_r)
        r = max_r * self.circle_fraction()
        inner = QColor(accent)
        inner.setAlphaF(0.55 if not self.paused else 0.3)
        outer = QColor(accent)
        outer.setAlphaF(0.85 if not self.paused else 0.4)
        grad = QRadialGradient(center, max(r, 1.0))
        grad.setColorAt(0.0, inner)
        grad.setColorAt(1.0, outer)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(grad)
        painter.drawEllipse(center, r, r)
        caption = self.caption()
        if caption:
            # Window text on the window colour: a pair the contrast test checks.
            font, small = self._fonts()
            painter.setPen(pal.windowText().color())
            painter.setFont(font)
            painter.drawText(caption_box, Qt.AlignmentFlag.AlignCenter, caption)
            if self.state is not None and not self.state.done and not self.paused:
                painter.setFont(small)
                count = max(1, int(self.state.phase_remaining + 0.999))
                painter.drawText(count_box, Qt.AlignmentFlag.AlignHCenter, str(count))
        painter.end()
