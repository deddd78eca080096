"""WCAG 2.x contrast of every text/background pair the two palettes and the stylesheet use."""

from __future__ import annotations

import re

import pytest

from integrate.ui.base import theme


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_every_pair_meets_wcag_aa(palette: theme.Palette) -> None:
    failures = []
    for fg, bg, minimum in theme.TEXT_PAIRS + theme.UI_PAIRS:
        ratio = contrast(getattr(palette, fg), getattr(palette, bg))
        if ratio < minimum:
            failures.append(f"{fg} on {bg}: {ratio:.2f} < {minimum}")
    assert not failures, f"{palette.name}: " + "; ".join(failures)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_stylesheet_uses_only_palette_colours(palette: theme.Palette) -> None:
    """A colour typed into the stylesheet would escape the contrast check above."""
    sheet = theme.stylesheet(palette)
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", sheet))
    assert used <= set(palette.colors().values())
    # Each text colour the stylesheet sets on a background is a checked pair.
    checked = {(fg, bg) for fg, bg, _ in theme.TEXT_PAIRS}
    names: dict[str, set[str]] = {}
    for key, value in palette.colors().items():
        names.setdefault(value, set()).add(key)
    for rule in re.findall(r"\{([^{}]*)\}", sheet):
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{6})", rule)
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule)
        if bg and fg:
            pairs = {(f, b) for f in names[fg.group(1)] for b in names[bg.group(1)]}
            assert pairs & checked, f"unchecked pair {pairs} in {rule.strip()}"


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_qt_palette_roles_meet_aa(qapp, palette: theme.Palette) -> None:
    """The QPalette Fusion paints with (placeholders, selection, tooltips) passes too."""
    from PySide6.QtGui import QPalette

    pal = theme.qpalette(palette)
    role = QPalette.ColorRole
    pairs = [
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
        (role.ToolTipText, role.ToolTipBase),
        (role.Link, role.Base),
    ]
    for fg, bg in pairs:
        ratio = contrast(pal.color(fg).name(), pal.color(bg).name())
        assert ratio >= 4.5, f"{palette.name}: {fg.name} on {bg.name} = {ratio:.2f}"


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_check_marks_are_drawn_in_the_accent_text_colour(palette: theme.Palette) -> None:
    """The indicator SVGs carry a fixed colour: it must stay the checked accent_text."""
    from integrate.resources import resource_path

    for kind in ("check", "dot"):
        svg = resource_path("icons", f"indicator-{kind}-{palette.name}.svg").read_text()
        assert palette.accent_text in svg, kind
        assert f"indicator-{kind}-{palette.name}.svg" in theme.stylesheet(palette)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_check_boxes_in_lists_are_visible(qtbot, palette: theme.Palette) -> None:
    """An unticked box in a list (share wizard, entry pickers) has a 3:1 edge (WCAG 1.4.11),
    like a QCheckBox; Fusion's own item indicator was a faint grey, near invisible in dark."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem

    app = QApplication.instance()
    theme.apply_theme(app, palette)
    try:
        view = QListWidget()
        qtbot.addWidget(view)
        item = QListWidgetItem("")  # only the box is drawn
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        view.addItem(item)
        view.resize(300, 120)
        view.show()
        qtbot.waitExposed(view)
        rect = view.visualItemRect(item)
        image = view.viewport().grab(rect).toImage()
        best = max(
            contrast(image.pixelColor(x, y).name(), palette.base)
            for x in range(image.width())
            for y in range(image.height())
        )
        assert best >= 3.0, f"{palette.name}: unticked box edge only {best:.2f}:1"
    finally:
        theme.apply_theme(app, theme.LIGHT)


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_trend_chart_colours_on_screen_meet_aa(palette: theme.Palette) -> None:
    """Chart text 4.5:1 and its lines 3:1 against the theme's backgrounds (the paper
    colours, dark grey text, were about 1.6:1 on the dark theme)."""
    from integrate.ui.measures.measure_trends import screen_chart_colors

    colors = screen_chart_colors(palette)
    for bg in (palette.base, palette.window):
        assert contrast(colors.text.name(), bg) >= 4.5
        assert contrast(colors.band_label.name(), bg) >= 4.5
        assert contrast(colors.series_label.name(), bg) >= 4.5
        for line in (colors.total, *colors.subscales):
            assert contrast(line.name(), bg) >= 3.0, (line.name(), bg)


def test_trend_chart_follows_the_theme(demo_app) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    page = demo_app.area("measures")
    page.tabs.setCurrentWidget(page.trends)
    try:
        for palette in (theme.DARK, theme.LIGHT):
            theme.apply_theme(app, palette)
            demo_app.settle(1)
            chart = page.trends.chart_view.chart()
            for axis in chart.axes(Qt.Orientation.Horizontal) + chart.axes(Qt.Orientation.Vertical):
                assert axis.labelsColor().name() == palette.text, palette.name
            assert chart.legend().labelColor().name() == palette.text
            assert chart.total_series.pen().color().name() == palette.accent
    finally:
        theme.apply_theme(app, theme.LIGHT)
