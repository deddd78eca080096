"""What the questionnaire and the sleep trends both draw with: the theme's chart colours
and the sessions marked on the time axis; and what a trends view offers the sleep chart."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QLabel, QTableWidget, QWidget

from integrate.core.model import SessionKind, SessionStatus
from integrate.share.charts import ChartColors
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices

# PCL-5 cluster lines on a dark background (the paper ones are too dark there).
DARK_SUBSCALES = ("#d9b26f", "#a9cf7c", "#dc9cbd", "#93b8de")


def screen_chart_colors(p: theme.Palette) -> ChartColors:
    """Chart colours from the theme: text in the text colour, lines in the accent."""

    def faded(color: str, alpha: int) -> QColor:
        c = QColor(color)
        c.setAlpha(alpha)
        return c

    paper = ChartColors()
    return ChartColors(
        text=QColor(p.text),
        total=QColor(p.accent),
        subscales=tuple(QColor(c) for c in DARK_SUBSCALES) if p.name == "dark" else paper.subscales,
        marker=faded(p.text, 120),
        band_fills=(faded(p.accent, 0), faded(p.accent, 16)),
        band_line=faded(p.accent, 110),
        band_label=QColor(p.muted),
        grid=faded(p.text, 30),
        axis_line=faded(p.text, 110),
        series_fill=faded(p.accent, 24),
        series_label=QColor(p.muted),
    )


def session_markers(services: AppServices) -> list[datetime]:
    """Ketamine sessions that took place (planned ones are not drawn)."""
    return [
        s.at
        for s in services.sessions.list(kind=SessionKind.KETAMINE)
        if s.status is SessionStatus.DONE
    ]


class TrendsHost(Protocol):
    """The parts of the Trends view another chart (sleep) draws into."""

    chart_view: QWidget | None  # replaced by the chart drawn
    _drawn_in: theme.Palette | None  # the palette it was drawn in

    @property
    def services(self) -> AppServices: ...

    @property
    def clusters(self) -> QCheckBox: ...

    @property
    def chart_layout(self) -> QBoxLayout: ...

    @property
    def table(self) -> QTableWidget: ...

    @property
    def caption(self) -> QLabel: ...
