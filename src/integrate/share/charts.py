"""Measure trend charts, one implementation for the screen and for print.

`build_chart` makes a QChart; `make_chart_view` wraps it for the screen (with hover
tooltips) and `render_chart` paints it into any QPainter (the PDF writer's, so it stays
vector). Both go through the same chart object, so what the patient sees is what the
therapist gets. The pieces every chart draws alike (frame, date axis, value-axis style,
session lines, legend, screen view) are here too, for share/sleep_chart.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCharts import (
    QAbstractSeries,
    QAreaSeries,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDateTime, QMargins, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QToolTip,
)

from integrate.share.content import Band, MeasureTrend, SeriesSpan

__all__ = [
    "ChartColors",
    "SeriesSpan",
    "TrendChart",
    "build_chart",
    "make_chart_view",
    "render_chart",
]

TOTAL_COLOR = QColor("#1f5f7a")
SUBSCALE_COLORS = [QColor("#8a6d3b"), QColor("#6b8e23"), QColor("#8b4a6b"), QColor("#4a6b8b")]
MARKER_COLOR = QColor(120, 120, 120, 110)
BAND_FILLS = [QColor(40, 90, 120, 0), QColor(40, 90, 120, 14)]
BAND_LINE = QColor(40, 90, 120, 60)
TEXT_COLOR = QColor("#333333")
GRID_COLOR = QColor(0, 0, 0, 25)
SERIES_FILL = QColor(70, 130, 180, 28)
# Series names and their brackets: darker than the severity labels, as they are read
# first, yet a grey that survives greyscale print without outweighing the data line.
SERIES_LABEL = QColor(72, 92, 106)


@dataclass(frozen=True)
class ChartColors:
    """What a trend chart is painted with. The defaults are for paper; the screen passes
    colours from its theme (dark text on a dark background would vanish)."""

    text: QColor = field(default_factory=lambda: QColor(TEXT_COLOR))
    total: QColor = field(default_factory=lambda: QColor(TOTAL_COLOR))
    subscales: tuple[QColor, ...] = field(default_factory=lambda: tuple(SUBSCALE_COLORS))
    marker: QColor = field(default_factory=lambda: QColor(MARKER_COLOR))
    band_fills: tuple[QColor, QColor] = field(
        default_factory=lambda: (BAND_FILLS[0], BAND_FILLS[1])
    )
    band_line: QColor = field(default_factory=lambda: QColor(BAND_LINE))
    band_label: QColor = field(default_factory=lambda: QColor(40, 90, 120, 150))
    grid: QColor = field(default_factory=lambda: QColor(GRID_COLOR))
    axis_line: QColor = field(default_factory=lambda: QColor(0, 0, 0, 90))
    series_fill: QColor = field(default_factory=lambda: QColor(SERIES_FILL))
    series_label: QColor = field(default_factory=lambda: QColor(SERIES_LABEL))


@dataclass
class _SeriesLabel:
    """The name and bracket drawn above one treatment series' band."""

    left: float  # ms since the epoch, clipped to the x range
    right: float
    name: str
    opens: bool  # the series starts inside the x range: a tick marks its first day
    closes: bool  # it ends inside the x range (an ongoing series stays open)
    text: QGraphicsSimpleTextItem
    bracket: QGraphicsPathItem


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendChart", text)


def _ms(dt: datetime) -> float:
    return dt.timestamp() * 1000.0


# ----- what every chart draws alike (the trend charts and the sleep chart) ---------------


def prepare_chart(chart: QChart, font_size: float, base_font: QFont | None) -> QFont:
    """Make `chart` still, transparent and tight-edged; returns the small font (a point
    below `font_size`) that its axes, labels and legend use."""
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPointSizeF(font_size)
    small = QFont(font)
    small.setPointSizeF(font_size - 1.0)
    return small


def date_axis(lo: float, hi: float, small: QFont, c: ChartColors) -> QDateTimeAxis:
    """The time axis from `lo` to `hi` (ms since the epoch), labelled by day."""
    x_axis = QDateTimeAxis()
    x_axis.setFormat("d MMM")
    x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(lo)), QDateTime.fromMSecsSinceEpoch(int(hi)))
    x_axis.setTickCount(6)
    x_axis.setLabelsFont(small)
    x_axis.setLabelsColor(c.text)
    # No vertical grid: the dotted session markers are the only vertical lines, so they
    # cannot be mistaken for grid lines (on screen or on paper).
    x_axis.setGridLineVisible(False)
    x_axis.setLinePenColor(c.axis_line)
    return x_axis


def style_value_axis(
    axis: QValueAxis, title: str, small: QFont, c: ChartColors, *, grid: bool = True
) -> None:
    """Label, title and colour a value axis; `grid=False` for a second axis whose grid
    lines would only repeat the first one's."""
    axis.setLabelsFont(small)
    axis.setLabelsColor(c.text)
    if grid:
        axis.setGridLineColor(c.grid)
    else:
        axis.setGridLineVisible(False)
    axis.setLinePenColor(c.axis_line)
    axis.setTitleText(title)
    axis.setTitleFont(small)
    axis.setTitleBrush(QBrush(c.text))


def add_session_lines(
    attach: Callable[[QLineSeries], None],
    markers: Sequence[datetime],
    x_range: tuple[float, float],
    top: float,
    color: QColor,
    name: str,
) -> list[QLineSeries]:
    """A dotted vertical line from 0 to `top` at each session inside `x_range` (ms),
    named `name`; returns all but the first, whose legend entries are to be hidden (one
    entry explains them all)."""
    lo, hi = x_range
    lines = []
    for when in markers:
        at = _ms(when)
        if not lo <= at <= hi:
            continue
        line = QLineSeries()
        line.append(at, 0)
        line.append(at, top)
        pen = QPen(color)
        pen.setWidthF(1.0)
        pen.setStyle(Qt.PenStyle.DotLine)
        line.setPen(pen)
        line.setName(name)
        attach(line)
        lines.append(line)
    return lines[1:]


def main_line(name: str, points: Iterable[tuple[float, float]], color: QColor) -> QLineSeries:
    """The chart's main series (a total, the hours slept): a thick line with dots on
    its values, `points` being (ms since the epoch, value)."""
    line = QLineSeries()
    line.setName(name)
    for x, y in points:
        line.append(x, y)
    pen = QPen(color)
    pen.setWidthF(2.2)
    line.setPen(pen)
    line.setPointsVisible(True)
    line.setMarkerSize(5.0)
    return line


def finish_legend(
    chart: QChart, small: QFont, c: ChartColors, hidden: Sequence[QAbstractSeries]
) -> None:
    """The legend under the chart, without entries for the `hidden` series."""
    legend = chart.legend()
    legend.setFont(small)
    legend.setLabelColor(c.text)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    for series in hidden:
        for marker in legend.markers(series):
            marker.setVisible(False)


def chart_view(chart: QChart, session_name: str) -> QChartView:
    """A view showing `chart` on screen. The caption under a chart on screen explains the
    dotted session lines (named `session_name`), so their legend entry is left out and
    the other names fit instead of being cut off."""
    for series in chart.series():
        if series.name() == session_name:
            for marker in chart.legend().markers(series):
                marker.setVisible(False)
    view = QChartView(chart)
    chart._scene_ref = view.scene()  # type: ignore[attr-defined]  # see render_chart
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(360, 220)
    return view


class TrendChart(QChart):
    """A QChart that keeps band labels placed at the right edge of the plot area."""

    def __init__(self, trend: MeasureTrend) -> None:
        super().__init__()
        self.trend = trend
        self.total_series: QLineSeries | None = None
        self.subscale_series: list[QLineSeries] = []  # PCL-5 clusters, when shown
        self._band_labels: list[tuple[float, QGraphicsSimpleTextItem]] = []
        self.series_labels: list[_SeriesLabel] = []
        # QAreaSeries does not own its boundary series: keep them alive here.
        self._keep: list[QLineSeries] = []
        self.plotAreaChanged.connect(self._place_labels)

    def add_band_label(
        self, y_value: float, text: str, font: QFont, color: QColor | None = None
    ) -> None:
        item = QGraphicsSimpleTextItem(text, self)
        item.setFont(font)
        item.setBrush(QBrush(color if color is not None else ChartColors().band_label))
        self._band_labels.append((y_value, item))

    def add_series_label(
        self,
        span: tuple[float, float],
        name: str,
        font: QFont,
        color: QColor,
        *,
        opens: bool,
        closes: bool,
    ) -> None:
        """Name a treatment series above the plot, with a bracket over its days."""
        text = QGraphicsSimpleTextItem(name, self)
        text.setFont(font)
        text.setBrush(QBrush(color))
        bracket = QGraphicsPathItem(self)
        pen = QPen(color)
        pen.setWidthF(1.0)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        bracket.setPen(pen)
        left, right = span
        self.series_labels.append(_SeriesLabel(left, right, name, opens, closes, text, bracket))

    def _place_labels(self, plot: QRectF) -> None:
        series = self.total_series
        if series is None:
            return
        for y_value, item in self._band_labels:
            y = self.mapToPosition(QPointF(self._x_min(), y_value), series).y()
            rect = item.boundingRect()
            item.setPos(plot.right() + 4, y - rect.height() / 2)
            item.setVisible(plot.top() - 1 <= y <= plot.bottom() + 1)
        self._place_series_labels(plot, series)

    def _place_series_labels(self, plot: QRectF, series: QLineSeries) -> None:
        # The bracket runs just above the plot's top edge, its ticks pointing into the
        # band; the name sits on it, in the margin, so it never covers a data point.
        y = plot.top() - 2.0
        tick = 3.0
        lefts = [self.mapToPosition(QPointF(lab.left, 0), series).x() for lab in self.series_labels]
        for i, lab in enumerate(self.series_labels):
            x0 = max(lefts[i], plot.left())
            x1 = min(self.mapToPosition(QPointF(lab.right, 0), series).x(), plot.right())
            path = QPainterPath()
            path.moveTo(x0, y + tick if lab.opens else y)
            path.lineTo(x0, y)
            path.lineTo(x1, y)
            if lab.closes:
                path.lineTo(x1, y + tick)
            lab.bracket.setPath(path)
            # The name may run past a short series, up to where the next one starts.
            room = (lefts[i + 1] if i + 1 < len(lefts) else plot.right()) - x0 - 6
            metrics = QFontMetricsF(lab.text.font())
            shown = metrics.elidedText(lab.name, Qt.TextElideMode.ElideRight, max(room, 0.0))
            lab.text.setText(shown)
            lab.text.setVisible(len(shown) > 1 or shown == lab.name)
            height = lab.text.boundingRect().height()
            lab.text.setPos(x0 + (2 if lab.opens else 0), y - height - 0.5)

    def _x_min(self) -> float:
        axes = self.axes(Qt.Orientation.Horizontal)
        if axes and isinstance(axes[0], QDateTimeAxis):
            return float(axes[0].min().toMSecsSinceEpoch())
        return 0.0

    def relayout(self) -> None:
        """Place band and series labels for the current plot area (after a resize outside
        a view)."""
        self._place_labels(self.plotArea())


def _x_range(trend: MeasureTrend, markers: Sequence[datetime]) -> tuple[datetime, datetime]:
    times = [p.taken_at for p in trend.points] + list(markers)
    if not times:
        now = datetime.now().astimezone()
        return now - timedelta(days=14), now
    lo, hi = min(times), max(times)
    span = hi - lo
    pad = max(span * 0.04, timedelta(days=1))
    if span < timedelta(days=6):
        pad = timedelta(days=3)
    return lo - pad, hi + pad


# The height of a treatment series' strip, as a share of the score range.
SERIES_STRIP = 0.025


def _band_extents(trend: MeasureTrend) -> list[tuple[Band, float, float]]:
    """Each band with the y range it is drawn over: from its first score to where the
    next band starts (the top of the range for the last)."""
    bands = sorted(trend.bands, key=lambda b: b.min)
    out = []
    for i, band in enumerate(bands):
        bottom = max(float(band.min), 0.0) if i else 0.0
        top = float(bands[i + 1].min) if i + 1 < len(bands) else float(trend.max_total)
        out.append((band, bottom, min(top, float(trend.max_total))))
    return out


def band_edges(trend: MeasureTrend) -> list[int]:
    """The scores where a band starts (not 0): where the chart draws its grid lines."""
    return sorted({b.min for b in trend.bands if 0 < b.min < trend.max_total})


def _y_axis(trend: MeasureTrend) -> QValueAxis:
    """Grid lines at the band edges, labelled with their scores (and the maximum), so the
    grid and the bands say the same thing; evenly spaced lines without bands."""
    edges = band_edges(trend)
    if not edges:
        axis = QValueAxis()
        axis.setRange(0, trend.max_total)
        axis.setLabelFormat("%d")
        axis.setTickCount(5 if trend.max_total % 4 == 0 else 4)
        return axis
    category = QCategoryAxis()
    category.setRange(0, trend.max_total)
    # A hair below 0, so that 0 can close a first, empty category and be labelled too.
    category.setStartValue(-0.001)
    marks = set(edges)
    if trend.max_total >= 60:
        # A long scale (the PCL-5's 0-80) also needs a few round values to read a score
        # by; they are grid lines of the same quiet kind.
        marks |= set(range(20, trend.max_total, 20))
    for mark in [0, *sorted(marks), trend.max_total]:
        category.append(str(mark), mark)
    category.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    return category


def build_chart(
    trend: MeasureTrend,
    markers: Sequence[datetime] = (),
    *,
    show_subscales: bool | None = None,
    base_font: QFont | None = None,
    series_spans: Sequence[SeriesSpan] = (),
    font_size: float = 8.0,
    colors: ChartColors | None = None,
    show_total: bool = True,
    y_title: str | None = None,
) -> TrendChart:
    """Build the trend chart of one instrument.

    Totals over time with a date axis, faint severity bands, thin vertical lines for
    sessions and, for instruments with subscales (PCL-5 clusters), one thinner line per
    subscale unless `show_subscales` is False. `series_spans` (start, end or None for
    ongoing, name) are drawn as faint full-height bands behind everything, each named
    above the plot under a thin bracket (the name stays legible in greyscale print where
    a faint fill may not). Print uses the default 8 pt; the screen passes a larger
    `font_size` and its theme's `colors`. `show_total=False` draws only the subscale
    lines (check-in ratings: several scales, no total), titled `y_title`.
    """
    c = colors if colors is not None else ChartColors()
    chart = TrendChart(trend)
    small = prepare_chart(chart, font_size, base_font)

    lo, hi = _x_range(trend, markers)
    x0, x1 = _ms(lo), _ms(hi)
    x_axis = date_axis(x0, x1, small, c)
    y_axis = _y_axis(trend)
    style_value_axis(y_axis, y_title if y_title is not None else _tr("Total"), small, c)

    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

    def attach(series) -> None:  # type: ignore[no-untyped-def]
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    legend_hidden: list[QAbstractSeries] = []

    # Treatment series: a thin strip along the top of the plot under each series' named
    # bracket, drawn first. Full-height columns crossed the severity bands, the session
    # lines and the grid (issue 18); the bracket and name above the plot say enough.
    strip = trend.max_total * SERIES_STRIP
    for start, end, name in sorted(series_spans, key=lambda s: s[0]):
        left = max(_ms(start), x0)
        right = min(_ms(end) if end is not None else x1, x1)
        if right <= left:
            continue
        upper, lower = QLineSeries(), QLineSeries()
        upper.append(left, trend.max_total)
        upper.append(right, trend.max_total)
        lower.append(left, trend.max_total - strip)
        lower.append(right, trend.max_total - strip)
        span = QAreaSeries(upper, lower)
        chart._keep += [upper, lower]
        span.setName(name)
        span.setBrush(QBrush(c.series_fill))
        span.setPen(QPen(Qt.PenStyle.NoPen))
        attach(span)
        legend_hidden.append(span)
        chart.add_series_label(
            (left, right),
            name,
            small,
            c.series_label,
            opens=_ms(start) >= x0,
            closes=end is not None and _ms(end) <= x1,
        )

    # Severity bands: a quiet alternating background whose edges are where each band
    # starts (PHQ-9: 5, 10, 15, 20), the very values of the grid lines, so no second kind
    # of line is needed; a band holds the scores from its first value up to the next
    # band's (the PCL-5's cut-off band covers 31, 32 and 33).
    for i, (band, bottom, top) in enumerate(_band_extents(trend)):
        upper = QLineSeries()
        lower = QLineSeries()
        upper.append(x0, top)
        upper.append(x1, top)
        lower.append(x0, bottom)
        lower.append(x1, bottom)
        area = QAreaSeries(upper, lower)
        chart._keep += [upper, lower]
        area.setName(band.label)
        area.setBrush(QBrush(c.band_fills[i % 2]))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        attach(area)
        legend_hidden.append(area)
        chart.add_band_label((bottom + top) / 2, band.label, small, c.band_label)

    # Session markers.
    legend_hidden += add_session_lines(
        attach, markers, (x0, x1), trend.max_total, c.marker, _tr("Session")
    )

    points = trend.sorted_points()
    if show_subscales is None:
        show_subscales = bool(trend.subscale_labels)
    if show_subscales:
        for i, (key, label) in enumerate(trend.subscale_labels.items()):
            sub = QLineSeries()
            sub.setName(label)
            for p in points:
                if key in p.subscales:
                    sub.append(_ms(p.taken_at), p.subscales[key])
            pen = QPen(c.subscales[i % len(c.subscales)])
            pen.setWidthF(1.2)
            pen.setStyle(Qt.PenStyle.DashLine)
            sub.setPen(pen)
            attach(sub)
            chart.subscale_series.append(sub)

    if not show_total:
        for sub in chart.subscale_series:
            sub.setPointsVisible(True)
            sub.setMarkerSize(4.0)
            pen = sub.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setWidthF(1.6)
            sub.setPen(pen)
        if chart.subscale_series:
            chart.total_series = chart.subscale_series[0]
        return _finish(chart, trend, small, c, legend_hidden)

    total = main_line(
        _tr("{name} total").format(name=trend.name),
        ((_ms(p.taken_at), p.total) for p in points),
        c.total,
    )
    attach(total)
    chart.total_series = total
    if len(points) == 1:
        # A single point draws no line; show it as a dot.
        dot = QScatterSeries()
        dot.append(_ms(points[0].taken_at), points[0].total)
        dot.setMarkerSize(7.0)
        dot.setColor(c.total)
        dot.setBorderColor(c.total)
        attach(dot)
        legend_hidden.append(dot)

    return _finish(chart, trend, small, c, legend_hidden)


def _finish(
    chart: TrendChart,
    trend: MeasureTrend,
    small: QFont,
    c: ChartColors,
    legend_hidden: Sequence[QAbstractSeries],
) -> TrendChart:
    """Margins for the labels around the plot, and the legend."""
    metrics = QFontMetricsF(small)
    # Series names sit above the plot and band names to its right, clear of the data.
    top = int(metrics.height()) + 6 if chart.series_labels else 4
    right = 4
    if trend.bands:
        right = int(max(metrics.horizontalAdvance(b.label) for b in trend.bands)) + 10
    chart.setMargins(QMargins(4, top, right, 4))
    finish_legend(chart, small, c, legend_hidden)
    return chart


def render_chart(
    chart: QChart, painter: QPainter, rect: QRectF, logical_size: QSizeF | None = None
) -> None:
    """Paint `chart` into `rect` of `painter` (vector output on a QPdfWriter).

    A chart shown in a view made by `make_chart_view` is rendered from the view's
    scene (and resized); any other chart is placed in a private scene. The chart is
    laid out at `logical_size` (screen pixels; default: the size `rect`
    would have at 96 dpi given the painter's device resolution) and scaled into `rect`,
    so fonts print at their point size.
    """
    if logical_size is None:
        device = painter.device()
        dpi = device.logicalDpiX() if device is not None else 96
        factor = 96.0 / max(dpi, 1)
        logical_size = QSizeF(rect.width() * factor, rect.height() * factor)
    # The scene is tracked on the chart rather than asked for with chart.scene(), so a
    # chart that is in no scene yet is recognised without a None round trip.
    shown_in: QGraphicsScene | None = getattr(chart, "_scene_ref", None)
    private = shown_in is None
    # Otherwise a scene only for this paint, never stored on the chart: a chart whose own
    # attributes held the scene that owns it was deleted twice (segfault) when its
    # deleteLater() released the last reference to that scene mid-destruction.
    scene = QGraphicsScene() if shown_in is None else shown_in
    if private:
        scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, logical_size.width(), logical_size.height()))
    chart.layout().activate()
    if isinstance(chart, TrendChart):
        chart.relayout()
    source = QRectF(0, 0, logical_size.width(), logical_size.height())
    scene.setSceneRect(source)
    scene.render(painter, rect, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    if private:
        scene.removeItem(chart)  # the chart goes back to its caller; the scene dies here


def _format_point_tooltip(name: str, point: QPointF) -> str:
    when = QDateTime.fromMSecsSinceEpoch(int(point.x())).toString("d MMM yyyy")
    return f"{name}: {int(round(point.y()))} ({when})"


def make_chart_view(
    trend: MeasureTrend,
    markers: Sequence[datetime] = (),
    series_spans: Sequence[SeriesSpan] = (),
    font_size: float = 10.0,
    colors: ChartColors | None = None,
) -> QChartView:
    """A chart view for the screen, with a tooltip on hovering a value (total or cluster)."""
    chart = build_chart(
        trend, markers, series_spans=series_spans, font_size=font_size, colors=colors
    )
    view = chart_view(chart, _tr("Session"))
    hovered: list[tuple[QLineSeries, str]] = []
    if chart.total_series is not None:
        hovered.append((chart.total_series, trend.name))
    hovered += [(s, s.name()) for s in chart.subscale_series]
    slots = []
    for series, name in hovered:

        def on_hover(point: QPointF, state: bool, name: str = name) -> None:
            if state:
                QToolTip.showText(QCursor.pos(), _format_point_tooltip(name, point), view)
            else:
                QToolTip.hideText()

        series.hovered.connect(on_hover)
        slots.append(on_hover)
    view._hover_slots = slots  # type: ignore[attr-defined]
    return view
