"""Trends: the sleep diary chart, offered beside the PCL-5 (its item 2 is nightmares).

TrendsView lists "Sleep and nightmares" right after the PCL-5 in its questionnaire
choice; choosing it draws `share.sleep_chart` with the session markers and fills the
table with the same nights as text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from integrate.share.sleep_chart import SleepPoint, make_sleep_chart_view, sleep_summary
from integrate.ui.base import theme
from integrate.ui.measures.trend_parts import TrendsHost, screen_chart_colors, session_markers
from integrate.ui.widgets.common import plain_label
from integrate.ui.widgets.tables import fit_columns

SLEEP_FAMILY = "sleep"  # the choice's data in TrendsView.family


def _tr(text: str) -> str:
    return QCoreApplication.translate("SleepTrends", text)


def choice_name() -> str:
    return _tr("Sleep and nightmares")


def sleep_points(view: TrendsHost) -> list[SleepPoint]:
    nights = view.services.use.tracking.repo.list_sleep()
    return [
        SleepPoint(n.day, n.hours, n.quality, n.nightmares, n.nightmare_distress, n.wakings)
        for n in nights
    ]


def refresh_sleep(view: TrendsHost) -> None:
    """Draw the sleep chart and table into `view` (in place of a questionnaire's)."""
    view.clusters.setVisible(False)
    points = sleep_points(view)
    if view.chart_view is not None:
        view.chart_layout.removeWidget(view.chart_view)
        view.chart_view.deleteLater()
    chart: QWidget
    if points:
        chart = make_sleep_chart_view(
            points,
            session_markers(view.services),
            colors=screen_chart_colors(theme.current_palette()),
        )
        view._drawn_in = theme.current_palette()
        chart.setAccessibleName(_tr("Sleep and nightmares over time"))
        chart.setAccessibleDescription(sleep_summary(points))
    else:
        chart = plain_label(
            _tr(
                "No nights in the sleep diary yet. Add last night's sleep on Today or in a "
                "morning check-in and it will appear here."
            )
        )
    view.chart_view = chart
    view.chart_layout.addWidget(chart)
    headers = [
        _tr("Night to"),
        _tr("Hours"),
        _tr("Quality"),
        _tr("Nightmares"),
        _tr("Nightmare distress"),
        _tr("Woke up"),
    ]
    table = view.table
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(points))

    def cell(value: object) -> str:
        return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))

    for r, p in enumerate(reversed(points)):
        cells = [
            f"{p.day:%a %d %b %Y}",
            cell(p.hours),
            cell(p.quality),
            cell(p.nightmares),
            cell(p.nightmare_distress),
            cell(p.wakings),
        ]
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    fit_columns(table)
    view.caption.setText(
        _tr(
            "Dotted lines are your ketamine sessions. The solid line is hours slept (left "
            "scale); the dashed line is sleep quality and the triangles are nightmares "
            "(right scale, 0-10). The PCL-5's second question is about nightmares, so the "
            "two are worth reading side by side."
        )
    )
