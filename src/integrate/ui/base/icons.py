"""Monochrome icons that follow the theme.

The SVGs in resources/icons/ draw with `currentColor`; `icon(name)` returns a QIcon
that recolours them at paint time from the application palette (text colour, the
highlighted-text colour when selected, muted when disabled), so a theme change needs
no reloading.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from integrate.resources import resource_path

_engines: list[QIconEngine] = []  # QIcon does not keep the Python wrapper alive


@cache
def svg_source(name: str) -> str:
    """The SVG text of resources/icons/<name>.svg."""
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def _colour_for(mode: QIcon.Mode) -> str:
    pal = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    if mode == QIcon.Mode.Selected:
        return pal.color(QPalette.ColorRole.HighlightedText).name()
    return pal.color(QPalette.ColorRole.Text).name()


def recoloured(name: str, colour: str) -> bytes:
    """The icon's SVG with `currentColor` replaced by `colour` (#rrggbb)."""
    return svg_source(name).replace("currentColor", colour).encode("utf-8")


class _ThemedEngine(QIconEngine):
    def __init__(self, name: str, colour: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.name = name
        self.colour = colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        enabled = mode != QIcon.Mode.Disabled
        shade = self.colour() if self.colour is not None and enabled else _colour_for(mode)
        renderer = QSvgRenderer(QByteArray(recoloured(self.name, shade)))
        renderer.render(painter, rect)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pix = QPixmap(size)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pix

    def clone(self) -> QIconEngine:
        copy = _ThemedEngine(self.name, self.colour)
        _engines.append(copy)
        return copy


def icon(name: str, colour: Callable[[], str] | None = None) -> QIcon:
    """A theme-following icon from resources/icons/<name>.svg, in the text colour or in
    `colour()` (#rrggbb, asked at each paint) for a button with its own colours."""
    svg_source(name)  # fail early on a missing file
    engine = _ThemedEngine(name, colour)
    _engines.append(engine)
    return QIcon(engine)


def app_icon() -> QIcon:
    """The application icon (in colour; it does not follow the theme)."""
    return QIcon(str(resource_path("icons", "app.svg")))
