"""Measure trend charts: structure, screen view with tooltips, vector print."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pdfcheck import image_count, norm, pdffonts_rows, pdftotext
from pypdf import PdfReader
from PySide6.QtCharts import QAreaSeries, QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot
from samples import make_document

from integrate.share.charts import build_chart, make_chart_view, render_chart
from integrate.share.content import MeasurePoint, MeasureTrend


def _trends() -> dict[str, MeasureTrend]:
    return {m.instrument_id: m for m in make_document().measures}


def _line_series(chart) -> list[QLineSeries]:  # type: ignore[no-untyped-def]
    return [s for s in chart.series() if type(s) is QLineSeries]


def test_total_series_holds_every_point_in_time_order(qapp) -> None:  # type: ignore[no-untyped-def]
    trend = _trends()["phq9"]
    chart = build_chart(trend)
    total = chart.total_series
    assert total is not None
    ys = [total.at(i).y() for i in range(total.count())]
    assert ys == [p.total for p in trend.sorted_points()]
    xs = [total.at(i).x() for i in range(total.count())]
    assert xs == sorted(xs)
    x_axis = chart.axes(Qt.Orientation.Horizontal)[0]
    y_axis = chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(x_axis, QDateTimeAxis)
    assert isinstance(y_axis, QValueAxis)
    assert (y_axis.min(), y_axis.max()) == (0, 27)
    assert x_axis.min().toMSecsSinceEpoch() < xs[0]
    assert x_axis.max().toMSecsSinceEpoch() > xs[-1]


def test_bands_markers_and_clusters(qapp) -> None:  # type: ignore[no-untyped-def]
    trends = _trends()
    doc = make_document()
    markers = doc.chart_markers()
    pcl = build_chart(trends["pcl5"], markers)
    areas = [s for s in pcl.series() if isinstance(s, QAreaSeries)]
    assert len(areas) == len(trends["pcl5"].bands)
    names = [s.name() for s in _line_series(pcl)]
    assert names.count("Session") == len(markers)
    for label in trends["pcl5"].subscale_labels.values():
        assert label in names
    assert "PCL-5 total" in names
    # Without subscales on request, and never for instruments without them.
    plain = build_chart(trends["pcl5"], show_subscales=False)  # keep a reference: owns series
    assert not set(trends["pcl5"].subscale_labels.values()) & {
        s.name() for s in _line_series(plain)
    }
    gad = build_chart(trends["gad7"])
    gad_names = {s.name() for s in _line_series(gad)}
    assert gad_names == {"GAD-7 total"}


def test_single_point_and_empty_trends_build(qapp) -> None:  # type: ignore[no-untyped-def]
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    single = MeasureTrend("gad7", "GAD-7", 21, [MeasurePoint(when, 9)])
    chart = build_chart(single)
    assert chart.total_series is not None and chart.total_series.count() == 1
    empty = MeasureTrend("gad7", "GAD-7", 21, [])
    assert build_chart(empty).total_series.count() == 0


def test_chart_view_draws_and_shows_value_tooltips(qtbot: QtBot) -> None:
    trend = _trends()["phq9"]
    view = make_chart_view(trend, make_document().chart_markers())
    qtbot.addWidget(view)
    assert isinstance(view, QChartView)
    view.resize(640, 320)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 5  # axes, bands, line: not a blank widget
    series = view.chart().total_series
    first = trend.sorted_points()[0]
    series.hovered.emit(QPointF(series.at(0).x(), first.total), True)
    assert f"PHQ-9: {first.total}" in QToolTip.text()
    assert "Sep 2026" in QToolTip.text()
    series.hovered.emit(QPointF(series.at(0).x(), first.total), False)


def _chart_pdf(chart: QChart, path: Path, height_ratio: float) -> Path:
    """`chart` rendered across an A4 page's width into a one-page PDF at `path`."""
    buffer = QBuffer()
    buffer.setData(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.ReadWrite)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    width = writer.width()
    render_chart(chart, painter, QRectF(0, 0, width, width * height_ratio))
    painter.end()
    path.write_bytes(bytes(buffer.data().data()))
    return path


def test_render_chart_into_pdf_is_vector(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _chart_pdf(build_chart(_trends()["pcl5"]), tmp_path / "chart.pdf", 0.4)
    assert image_count(path) == 0
    assert all(row["emb"] == "yes" for row in pdffonts_rows(path))
    text = pdftotext(path)
    assert "PCL-5 total" in text and "Intrusion" in text


def test_render_chart_into_image_uses_the_same_path(qapp) -> None:  # type: ignore[no-untyped-def]
    image = QImage(600, 260, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    render_chart(build_chart(_trends()["gad7"]), painter, QRectF(0, 0, 600, 260))
    painter.end()
    dark = sum(
        1
        for x in range(0, 600, 3)
        for y in range(0, 260, 3)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 50


def _spans(trend: MeasureTrend) -> list[tuple[datetime, datetime | None, str]]:
    start = trend.sorted_points()[0].taken_at
    return [
        (start, start + timedelta(days=14), "Initial series"),
        (start + timedelta(days=20), None, "Booster"),
        (start - timedelta(days=400), start - timedelta(days=300), "Long ago"),  # off the chart
    ]


def _shown_series_names(chart) -> list[str]:  # type: ignore[no-untyped-def]
    return [lab.text.text() for lab in chart.series_labels if lab.text.isVisible()]


def test_series_spans_are_drawn_as_named_bands_behind_the_data(qapp) -> None:  # type: ignore[no-untyped-def]
    trend = _trends()["phq9"]
    without = build_chart(trend)
    chart = build_chart(trend, series_spans=_spans(trend))
    areas = [s for s in chart.series() if isinstance(s, QAreaSeries)]
    assert len(areas) == len([s for s in without.series() if isinstance(s, QAreaSeries)]) + 2
    # Behind everything, one per series overlapping the chart, named after the series.
    assert [s.name() for s in chart.series()[:2]] == ["Initial series", "Booster"]
    image = QImage(700, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    render_chart(chart, painter, QRectF(0, 0, 700, 300))
    painter.end()
    assert _shown_series_names(chart) == ["Initial series", "Booster"]
    plot = chart.plotArea()
    for lab in chart.series_labels:
        # Named above the plot, where no data point can be covered.
        assert lab.text.mapRectToScene(lab.text.boundingRect()).bottom() <= plot.top()
        assert lab.bracket.path().elementCount() >= 2
    # The booster is ongoing: its bracket has no closing tick.
    assert [lab.closes for lab in chart.series_labels] == [True, False]
    # The names on the chart explain the bands: no legend entry for them.
    legend = chart.legend()
    assert not any(m.isVisible() for s in areas[:2] for m in legend.markers(s))
    assert not without.series_labels


def test_series_names_show_on_screen_too(qtbot: QtBot) -> None:
    trend = _trends()["pcl5"]
    view = make_chart_view(trend, make_document().chart_markers(), series_spans=_spans(trend))
    qtbot.addWidget(view)
    view.resize(720, 360)
    view.show()
    qtbot.waitExposed(view)
    assert _shown_series_names(view.chart()) == ["Initial series", "Booster"]


def test_a_long_series_name_stops_before_the_next_series(qapp) -> None:  # type: ignore[no-untyped-def]
    trend = _trends()["gad7"]
    start = trend.sorted_points()[0].taken_at
    spans = [
        (start, start + timedelta(days=1), "A top-up whose name is far longer than its days"),
        (start + timedelta(days=3), start + timedelta(days=9), "Next"),
    ]
    chart = build_chart(trend, series_spans=spans)
    image = QImage(500, 260, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    render_chart(chart, painter, QRectF(0, 0, 500, 260))
    painter.end()
    first, second = chart.series_labels
    assert first.text.text().endswith("\u2026")
    first_rect = first.text.mapRectToScene(first.text.boundingRect())
    assert first_rect.right() < second.text.mapRectToScene(second.text.boundingRect()).left()


def test_series_names_print_as_text_and_the_chart_stays_vector(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    trend = _trends()["pcl5"]
    chart = build_chart(trend, series_spans=_spans(trend))
    path = _chart_pdf(chart, tmp_path / "chart.pdf", 0.3)
    text = norm(PdfReader(path).pages[0].extract_text())
    assert norm("Initial series") in text and "Booster" in text
    assert norm("Long ago") not in text
    assert image_count(path) == 0


def test_cluster_lines_show_values_on_hover_and_only_markers_are_vertical(qtbot: QtBot) -> None:
    trend = _trends()["pcl5"]
    view = make_chart_view(trend, make_document().chart_markers())
    qtbot.addWidget(view)
    chart = view.chart()
    assert [s.name() for s in chart.subscale_series] == list(trend.subscale_labels.values())
    first = trend.sorted_points()[0]
    key, label = next(iter(trend.subscale_labels.items()))
    cluster = chart.subscale_series[0]
    cluster.hovered.emit(QPointF(cluster.at(0).x(), first.subscales[key]), True)
    assert f"{label}: {first.subscales[key]}" in QToolTip.text()
    cluster.hovered.emit(QPointF(cluster.at(0).x(), first.subscales[key]), False)
    # Vertical grid lines would look like the dotted session markers.
    x_axis = chart.axes(Qt.Orientation.Horizontal)[0]
    assert not x_axis.isGridLineVisible()


def test_screen_legend_leaves_sessions_to_the_caption_print_keeps_them(qtbot: QtBot) -> None:
    trend = _trends()["pcl5"]
    markers = make_document().chart_markers()

    def legend_names(chart) -> set[str]:  # type: ignore[no-untyped-def]
        return {
            m.label() for s in chart.series() for m in chart.legend().markers(s) if m.isVisible()
        }

    view = make_chart_view(trend, markers)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    on_screen = legend_names(view.chart())
    assert "Session" not in on_screen and "PCL-5 total" in on_screen
    printed = build_chart(trend, markers)
    image = QImage(600, 260, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    render_chart(printed, painter, QRectF(0, 0, 600, 260))
    painter.end()
    assert "Session" in legend_names(printed)  # the PDF legend explains the dotted lines


CHART_DELETE_CHILD = """
import gc, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QCoreApplication, QEvent, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication(["t", "-platform", "offscreen"])
from samples import make_document
from integrate.share.charts import build_chart, render_chart
trend = next(t for t in make_document().measures if t.bands)
chart = build_chart(trend, [])
image = QImage(600, 400, QImage.Format.Format_ARGB32)
painter = QPainter(image)
render_chart(chart, painter, QRectF(0, 0, 600, 400))
painter.end()
gc.disable()  # as between two collections in the app
chart.deleteLater()  # what the PDF renderer does after drawing each chart
del chart
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
app.processEvents()
print("ok")
"""


def test_printed_chart_can_be_deleted_later() -> None:
    """A chart painted off-screen and then deleteLater()'d is deleted once. It used to hold
    its private scene, which owned it: the deferred delete freed that scene mid-destruction
    and the scene deleted the chart again (a segfault after the share wizard's preview).
    Runs in a child process so a regression fails this test instead of the whole run."""
    import subprocess
    import sys

    here = str(Path(__file__).resolve().parent)
    result = subprocess.run(
        [sys.executable, "-c", CHART_DELETE_CHILD, here],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", (
        result.returncode,
        result.stderr[-800:],
    )


def test_bands_and_grid_share_their_edges(qapp) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: PHQ-9 grid lines were at 9 and 18 while its bands change at 5/10/15/20;
    the PCL-5 band ran 31-80 though the caption says 31-33; series columns crossed all."""
    from PySide6.QtCharts import QCategoryAxis

    from integrate.core.measures import get_instrument
    from integrate.share.charts import band_edges
    from integrate.share.content import Band, chart_bands

    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    phq_bands = chart_bands(get_instrument("phq9"))
    phq = MeasureTrend("phq9", "PHQ-9", 27, [MeasurePoint(when, 12)], bands=phq_bands)
    chart = build_chart(phq, series_spans=[(when, None, "Initial series")])
    y_axis = chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(y_axis, QCategoryAxis)
    assert [y_axis.endValue(label) for label in y_axis.categoriesLabels()] == [
        0,
        5,
        10,
        15,
        20,
        27,
    ]
    assert band_edges(phq) == [5, 10, 15, 20]
    areas = {s.name(): s for s in chart.series() if isinstance(s, QAreaSeries)}
    mild = areas["mild"]
    assert (mild.lowerSeries().at(0).y(), mild.upperSeries().at(0).y()) == (5, 10)
    # Bands are a background: no outline of their own (the grid marks the edges).
    assert mild.pen().style() == Qt.PenStyle.NoPen
    # The treatment series is a thin strip along the top, not a full-height column.
    series = areas["Initial series"]
    assert series.lowerSeries().at(0).y() > 0.9 * 27
    pcl_bands = chart_bands(get_instrument("pcl5_month"))
    assert [(b.min, b.max) for b in pcl_bands] == [(0, 30), (31, 33), (34, 80)]
    pcl = MeasureTrend("pcl5", "PCL-5", 80, [MeasurePoint(when, 40)], bands=pcl_bands)
    pcl_chart = build_chart(pcl)
    cut = next(
        s for s in pcl_chart.series() if isinstance(s, QAreaSeries) and s.name() == "cut-off range"
    )
    assert (cut.lowerSeries().at(0).y(), cut.upperSeries().at(0).y()) == (31, 34)
    assert isinstance(Band(0, 1, "x"), Band)


def test_chart_text_grows_with_the_font_size(qapp) -> None:  # type: ignore[no-untyped-def]
    trend = _trends()["phq9"]
    small = build_chart(trend, font_size=10.0)
    large = build_chart(trend, font_size=20.0)
    for chart, size in ((small, 9.0), (large, 19.0)):
        y_axis = chart.axes(Qt.Orientation.Vertical)[0]
        assert y_axis.labelsFont().pointSizeF() == size
        assert chart.legend().font().pointSizeF() == size
