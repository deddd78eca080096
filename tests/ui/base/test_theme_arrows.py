"""Combo, date and spin boxes show their arrows in the text colour, in both themes.

Fusion drew its own button edges inside our rounded fields (a stray bracket at the
right end of every combo and spin box); the stylesheet now draws plain arrows instead.
"""

from __future__ import annotations

import pytest

from integrate.resources import resource_path
from integrate.ui.base import theme
from tests.ui.test_contrast import contrast


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_arrow_icons_carry_the_text_colour(palette: theme.Palette) -> None:
    sheet = theme.stylesheet(palette)
    for kind in ("up", "down"):
        name = f"indicator-{kind}-{palette.name}.svg"
        assert palette.text in resource_path("icons", name).read_text()
        assert name in sheet


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_combo_and_spin_box_arrows_are_visible(qtbot, palette: theme.Palette) -> None:
    from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QVBoxLayout, QWidget

    app = QApplication.instance()
    theme.apply_theme(app, palette)
    try:
        holder = QWidget()
        qtbot.addWidget(holder)
        layout = QVBoxLayout(holder)
        combo = QComboBox()
        combo.addItem("x")
        spin = QSpinBox()
        layout.addWidget(combo)
        layout.addWidget(spin)
        holder.resize(240, 120)
        holder.show()
        qtbot.waitExposed(holder)
        for widget in (combo, spin):
            image = widget.grab().toImage()
            right = range(image.width() - 22, image.width() - 4)
            best = max(
                contrast(image.pixelColor(x, y).name(), palette.base)
                for x in right
                for y in range(4, image.height() - 4)
            )
            assert best >= 3.0, f"{palette.name} {type(widget).__name__}: arrow {best:.2f}:1"
    finally:
        theme.apply_theme(app, theme.LIGHT)
