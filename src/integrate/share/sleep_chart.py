"""The sleep diary against sessions: one chart for the screen (Trends) and for print.

Hours slept on the left axis (0-12), quality and nightmares on the right (0-10), the
ketamine sessions as the same dotted lines the questionnaire charts use. Built on
share/charts.py's colours and `render_chart`, so the screen and the therapist PDF show
the same drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDateTime, QMargins, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPen

from integrate.share.charts import ChartColors
from integrate.share.tracking_content import SleepPoint

__all__ = ["SleepPoint", "build_sleep_chart", "make_sleep_chart_view", "sleep_summary"]

MAX_HOURS_AXIS = 12


def _tr(text: str) -> str:
    return QCoreApplication.translate("SleepChart", text)


def _ms(day: date | datetime) -> float:
    if isinstance(day, datetime):
        return day.timestamp() * 1000.0
    # A night is plotted at the morning it ended (07:00 local).
    return datetime.combine(day, time(7, 0)).astimezone().timestamp() * 1000.0


def build_sleep_chart(
    points: Sequence[SleepPoint],
    markers: Sequence[datetime] = (),
    *,
    font_size: float = 8.0,
    base_font: QFont | None = None,
    colors: ChartColors | None = None,
) -> QChart:
    """Hours, quality and nightmares over time with session markers."""
    c = colors if colors is not None else ChartColors()
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPointSizeF(font_size)
    small = QFont(font)
    small.setPointSizeF(font_size - 1.0)
    chart._keep = []  # type: ignore[attr-defined]  # series must outlive this function

    days = sorted(p.day for p in points)
    times = [_ms(d) for d in days] + [_ms(m) for m in markers]
    if times:
        lo, hi = min(times), max(times)
    else:
        now = datetime.now().astimezone()
        lo, hi = _ms(now - timedelta(days=14)), _ms(now)
    pad = max((hi - lo) * 0.03, 24 * 3600 * 1000.0)
    lo, hi = lo - pad, hi + pad

    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM")
    x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi)))
    x_axis.setTickCount(6)
    x_axis.setLabelsFont(small)
    x_axis.setLabelsColor(c.text)
    x_axis.setGridLineVisible(False)
    x_axis.setLinePenColor(c.axis_line)

    hours_axis = QValueAxis()
    hours_axis.setRange(0, MAX_HOURS_AXIS)
    hours_axis.setTickCount(5)
    hours_axis.setLabelFormat("%d")
    hours_axis.setTitleText(_tr("Hours slept"))
    for axis in (hours_axis,):
        axis.setLabelsFont(small)
        axis.setLabelsColor(c.text)
        axis.setGridLineColor(c.grid)
        axis.setLinePenColor(c.axis_line)
        axis.setTitleFont(small)
        axis.setTitleBrush(QBrush(c.text))
    scale_axis = QValueAxis()
    scale_axis.setRange(0, 10)
    scale_axis.setTickCount(6)
    scale_axis.setLabelFormat("%d")
    scale_axis.setTitleText(_tr("Quality, nightmares (0-10)"))
    scale_axis.setLabelsFont(small)
    scale_axis.setLabelsColor(c.text)
    scale_axis.setGridLineVisible(False)
    scale_axis.setLinePenColor(c.axis_line)
    scale_axis.setTitleFont(small)
    scale_axis.setTitleBrush(QBrush(c.text))

    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(hours_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(scale_axis, Qt.AlignmentFlag.AlignRight)

    def attach(series: QLineSeries | QScatterSeries, right: bool = False) -> None:
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(scale_axis if right else hours_axis)

    hidden = []
    first = True
    for when in markers:
        if not lo <= _ms(when) <= hi:
            continue
        line = QLineSeries()
        line.append(_ms(when), 0)
        line.append(_ms(when), MAX_HOURS_AXIS)
        pen = QPen(c.marker)
        pen.setWidthF(1.0)
        pen.setStyle(Qt.PenStyle.DotLine)
        line.setPen(pen)
        line.setName(_tr("Session"))
        attach(line)
        if not first:
            hidden.append(line)
        first = False

    ordered = sorted(points, key=lambda p: p.day)
    quality = QLineSeries()
    quality.setName(_tr("Sleep quality"))
    for p in ordered:
        if p.quality is not None:
            quality.append(_ms(p.day), p.quality)
    pen = QPen(c.subscales[0])
    pen.setWidthF(1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    quality.setPen(pen)
    attach(quality, right=True)

    nightmares = QScatterSeries()
    nightmares.setName(_tr("Nightmares (count)"))
    nightmares.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
    nightmares.setMarkerSize(9.0)
    nightmares.setColor(c.subscales[2])
    nightmares.setBorderColor(c.subscales[2])
    for p in ordered:
        if p.nightmares:
            nightmares.append(_ms(p.day), min(10, p.nightmares))
    attach(nightmares, right=True)

    hours = QLineSeries()
    hours.setName(_tr("Hours slept"))
    for p in ordered:
        if p.hours is not None:
            hours.append(_ms(p.day), p.hours)
    pen = QPen(c.total)
    pen.setWidthF(2.2)
    hours.setPen(pen)
    hours.setPointsVisible(True)
    hours.setMarkerSize(5.0)
    attach(hours)
    chart.hours_series = hours  # type: ignore[attr-defined]
    chart.quality_series = quality  # type: ignore[attr-defined]
    chart.nightmare_series = nightmares  # type: ignore[attr-defined]
    chart._keep += [quality, nightmares, hours]  # type: ignore[attr-defined]

    legend = chart.legend()
    legend.setFont(small)
    legend.setLabelColor(c.text)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    for series in hidden:
        for marker in legend.markers(series):
            marker.setVisible(False)
    return chart


def make_sleep_chart_view(
    points: Sequence[SleepPoint],
    markers: Sequence[datetime] = (),
    *,
    font_size: float = 10.0,
    colors: ChartColors | None = None,
) -> QChartView:
    chart = build_sleep_chart(points, markers, font_size=font_size, colors=colors)
    # As on the questionnaire charts: the caption under the chart explains the dotted
    # session lines on screen, so their legend entry is left out.
    for series in chart.series():
        if series.name() == _tr("Session"):
            for marker in chart.legend().markers(series):
                marker.setVisible(False)
    view = QChartView(chart)
    chart._scene_ref = view.scene()  # type: ignore[attr-defined]  # see charts.render_chart
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(360, 220)
    return view


def sleep_summary(points: Sequence[SleepPoint]) -> str:
    """A sentence for screen readers and captions: nights, average hours, nightmares."""
    if not points:
        return ""
    hours = [p.hours for p in points if p.hours is not None]
    with_nightmares = sum(1 for p in points if p.nightmares)
    ordered = sorted(p.day for p in points)
    avg = f"{sum(hours) / len(hours):.1f}" if hours else "-"
    return _tr(
        "{n} nights from {a:%d %b} to {b:%d %b}; on average {h} hours slept; "
        "nightmares on {m} of them."
    ).format(n=len(points), a=ordered[0], b=ordered[-1], h=avg, m=with_nightmares)
