"""The breathing pacer's words stay readable at every circle size, in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication

from integrate.core.pacer import BreathPhase, PacerState
from integrate.ui.base import theme
from integrate.ui.widgets.pacer import PacerWidget, phase_label
from tests.ui.test_contrast import contrast


def _state(radius: float, phase: BreathPhase = BreathPhase.INHALE) -> PacerState:
    return PacerState(
        phase=phase,
        phase_progress=0.5,
        phase_remaining=3.2,
        radius_fraction=radius,
        cycle=0,
        done=False,
    )


def _on_line(pixel: QColor, a: QColor, b: QColor, tolerance: float = 14.0) -> bool:
    """True when `pixel` is `a`, `b` or an antialiased blend of the two."""
    pa = (a.red(), a.green(), a.blue())
    pb = (b.red(), b.green(), b.blue())
    pp = (pixel.red(), pixel.green(), pixel.blue())
    d = [pb[i] - pa[i] for i in range(3)]
    length = sum(x * x for x in d) or 1
    t = min(1.0, max(0.0, sum((pp[i] - pa[i]) * d[i] for i in range(3)) / length))
    nearest = [pa[i] + t * d[i] for i in range(3)]
    return sum((pp[i] - nearest[i]) ** 2 for i in range(3)) ** 0.5 <= tolerance


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
@pytest.mark.parametrize("size", [(220, 270), (760, 380)])
@pytest.mark.parametrize("radius", [0.0, 1.0])
@pytest.mark.parametrize("reduce_motion", [False, True])
def test_caption_sits_under_the_circle_on_the_window_colour(
    qtbot, palette: theme.Palette, size: tuple[int, int], radius: float, reduce_motion: bool
) -> None:
    app = QApplication.instance()
    theme.apply_theme(app, palette)
    try:
        pacer = PacerWidget(reduce_motion=reduce_motion)
        qtbot.addWidget(pacer)
        pacer.resize(*size)
        pacer.setAutoFillBackground(True)
        pacer.set_state(_state(radius))
        pacer.show()
        qtbot.waitExposed(pacer)
        center, max_r, caption, count = pacer.layout_rects()
        # Nothing of the circle (at its largest) reaches the words.
        assert caption.top() >= center.y() + max_r
        assert count.top() >= caption.bottom() - 0.5
        assert count.bottom() <= pacer.height() + 0.5
        font, _small = pacer._fonts()
        widest = max(QFontMetricsF(font).horizontalAdvance(phase_label(p)) for p in BreathPhase)
        assert widest <= caption.width()

        image = pacer.grab().toImage()
        dpr = image.devicePixelRatio()
        window, text = QColor(palette.window), QColor(palette.text)
        assert contrast(palette.text, palette.window) >= 4.5
        glyph = 0
        for box in (caption, count):
            for y in range(int(box.top() * dpr) + 1, int(box.bottom() * dpr) - 1):
                for x in range(0, image.width(), 2):
                    pixel = image.pixelColor(x, y)
                    assert _on_line(pixel, window, text), (
                        f"{palette.name}: {pixel.name()} at {x},{y} is neither text nor window"
                    )
                    glyph += pixel != window
        assert glyph > 20, "the caption was not drawn"
    finally:
        theme.apply_theme(app, theme.LIGHT)
