"""The sleep diary against sessions: one chart for the screen (Trends) and for print.

Hours slept on the left axis (0-12), quality and nightmares on the right (0-10), the
ketamine sessions as the same dotted lines the questionnaire charts use. Built on
share/charts.py's colours, its shared pieces (axes, session lines, legend, screen view)
and `render_chart`, so the screen and the therapist PDF show the same drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QPen

from integrate.share.charts import (
    ChartColors,
    add_session_lines,
    chart_view,
    date_axis,
    finish_legend,
    main_line,
    prepare_chart,
    style_value_axis,
)
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
    small = prepare_chart(chart, font_size, base_font)
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

    x_axis = date_axis(lo, hi, small, c)
    hours_axis = QValueAxis()
    hours_axis.setRange(0, MAX_HOURS_AXIS)
    hours_axis.setTickCount(5)
    hours_axis.setLabelFormat("%d")
    style_value_axis(hours_axis, _tr("Hours slept"), small, c)
    scale_axis = QValueAxis()
    scale_axis.setRange(0, 10)
    scale_axis.setTickCount(6)
    scale_axis.setLabelFormat("%d")
    style_value_axis(scale_axis, _tr("Quality, nightmares (0-10)"), small, c, grid=False)

    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(hours_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(scale_axis, Qt.AlignmentFlag.AlignRight)

    def attach(series: QLineSeries | QScatterSeries, right: bool = False) -> None:
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(scale_axis if right else hours_axis)

    hidden = add_session_lines(attach, markers, (lo, hi), MAX_HOURS_AXIS, c.marker, _tr("Session"))

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

    hours = main_line(
        _tr("Hours slept"),
        ((_ms(p.day), p.hours) for p in ordered if p.hours is not None),
        c.total,
    )
    attach(hours)
    chart.hours_series = hours  # type: ignore[attr-defined]
    chart.quality_series = quality  # type: ignore[attr-defined]
    chart.nightmare_series = nightmares  # type: ignore[attr-defined]
    chart._keep += [quality, nightmares, hours]  # type: ignore[attr-defined]

    finish_legend(chart, small, c, hidden)
    return chart


def make_sleep_chart_view(
    points: Sequence[SleepPoint],
    markers: Sequence[datetime] = (),
    *,
    font_size: float = 10.0,
    colors: ChartColors | None = None,
) -> QChartView:
    chart = build_sleep_chart(points, markers, font_size=font_size, colors=colors)
    return chart_view(chart, _tr("Session"))


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
