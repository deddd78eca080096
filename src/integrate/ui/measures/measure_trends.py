"""Trends: one chart per questionnaire over time, with session markers, and a table twin.

The chart comes from `integrate.share.charts` (the same code draws it into the
therapist PDF). The table shows the same numbers as text for screen readers and for
anyone who prefers reading to charts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.measures import Instrument, summed_families
from integrate.core.timeutil import day_text, in_local_zone, local_zone
from integrate.share.charts import band_edges, make_chart_view
from integrate.share.content import (
    MeasurePoint,
    MeasureTrend,
    SeriesSpan,
    chart_bands,
    series_spans,
    subscale_labels,
)
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.measures.trend_parts import screen_chart_colors, session_markers
from integrate.ui.widgets.common import flow_row, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.ui.widgets.tables import fit_columns, keep_columns_fitted
from integrate.vault.measures import Administration

# The chart's text at the 11 pt design size; it grows with the desktop's text.
CHART_FONT_PT = 10.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureTrends", text)


def family_instrument(instruments: dict[str, Instrument], family: str) -> Instrument:
    """A representative instrument of the family (its range, bands and clusters)."""
    members = sorted(
        (i for i in instruments.values() if i.family == family),
        key=lambda i: (i.variant != "past month", i.id),
    )
    return members[0]


def build_trend(
    instrument: Instrument, rows: list[Administration], *, clusters: bool = False
) -> MeasureTrend:
    """The chart data of one family from stored administrations (scored ones only)."""
    points = [
        MeasurePoint(taken_at=a.taken_at, total=a.total, subscales=a.subscales, band=a.band)
        for a in rows
        if a.total is not None
    ]
    labels = subscale_labels(instrument, with_id=True) if clusters else {}
    return MeasureTrend(
        instrument_id=instrument.family,
        name=instrument.short_name,
        max_total=instrument.score_max,
        points=points,
        # The questionnaire's own severity ranges; a diagnostic cut-off (the PCL-5's) is
        # for the clinician and stays in the therapist PDF (issue #14).
        bands=chart_bands(instrument, lower=False) if instrument.bands else [],
        title=instrument.short_name,
        subscale_labels=labels,
        note=instrument.change.note,
        attribution=instrument.attribution,
    )


class TrendsView(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ready = False  # palette events can arrive while the widgets are being built
        self._drawn_in: theme.Palette | None = None
        self.instruments = services.measures.instruments
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # With large text the choices, chart and caption can need more height than the tab
        # has: they scroll then, instead of being squeezed until the caption is cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)
        outer.addWidget(scroll)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 8, 0, 0)
        row = flow_row()
        self.family = QComboBox()
        self.family.setAccessibleName(_tr("Questionnaire"))
        for fam in summed_families(self.instruments):  # any instrument added as data too
            ins = family_instrument(self.instruments, fam)
            self.family.addItem(ins.short_name, fam)
        # The sleep diary's chart sits right after the PCL-5 (issue 17: item 2 is nightmares).
        from integrate.ui.measures.sleep_trends import SLEEP_FAMILY, choice_name

        pcl = self.family.findData("pcl5")
        self.family.insertItem(
            pcl + 1 if pcl >= 0 else self.family.count(), choice_name(), SLEEP_FAMILY
        )
        self.family.currentIndexChanged.connect(self.refresh)
        row.addWidget(self.family)
        self.clusters = WrapCheckBox(_tr("Show the four symptom clusters"))
        self.clusters.setAccessibleName(_tr("Show the four symptom clusters"))
        self.clusters.toggled.connect(self.refresh)
        row.addWidget(self.clusters)
        row.addStretch(1)
        layout.addLayout(row)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_tr("Chart or table"))
        self.chart_holder = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_holder)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_view: QWidget | None = None
        self.tabs.addTab(self.chart_holder, _tr("Chart"))
        self.table = QTableWidget()
        self.table.setAccessibleName(_tr("Results as a table"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        keep_columns_fitted(self.table)
        self.tabs.addTab(self.table, _tr("Table"))
        layout.addWidget(self.tabs, 1)
        self.caption = plain_label("", object_name="muted")
        layout.addWidget(self.caption)
        scroll.setWidget(body)
        body.setAutoFillBackground(False)  # (setWidget turns it on) the tab's own white shows
        self.ready = True
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A theme switch changes the palette: redraw the chart in the new colours."""
        if (
            event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
            and self.ready
            and theme.current_palette() is not self._drawn_in
            and self.services.vault.is_open
        ):
            self.refresh()
        super().changeEvent(event)

    @property
    def current_family(self) -> str:
        return str(self.family.currentData())

    def show_family(self, family: str) -> None:
        self.family.setCurrentIndex(max(0, self.family.findData(family)))

    def refresh(self) -> None:
        fam = self.current_family
        if fam == "sleep":  # ui.sleep_trends.SLEEP_FAMILY
            from integrate.ui.measures.sleep_trends import refresh_sleep

            refresh_sleep(self)
            return
        instrument = family_instrument(self.instruments, fam)
        self.clusters.setVisible(bool(instrument.subscales))
        rows = self.services.measures.list(family=fam)
        trend = build_trend(
            instrument, rows, clusters=self.clusters.isChecked() and bool(instrument.subscales)
        )
        markers = session_markers(self.services)
        if self.chart_view is not None:
            self.chart_layout.removeWidget(self.chart_view)
            self.chart_view.deleteLater()
        view: QWidget
        if trend.points:
            view = make_chart_view(
                trend,
                markers,
                series_spans=self._series_spans(),
                # The chart's words follow the desktop's text size (20 pt at 22 pt).
                font_size=CHART_FONT_PT * theme.scale(),
                colors=screen_chart_colors(theme.current_palette()),
            )
            view.setMinimumHeight(theme.scaled(220))  # wider would scroll sideways at 22 pt
            self._drawn_in = theme.current_palette()
            view.setAccessibleName(_tr("{name} over time").format(name=instrument.short_name))
            view.setAccessibleDescription(self._summary(trend))
        else:
            view = plain_label(
                _tr(
                    "No {name} results yet. Take one from the first tab and it will appear here."
                ).format(name=instrument.short_name)
            )
        self.chart_view = view
        self.chart_layout.addWidget(view)
        self._fill_table(instrument, rows)
        caption = self._series_caption() + _tr(
            "The brackets along the top are your treatment series; dotted lines are your "
            "ketamine sessions."
        )
        if instrument.bands:
            edges = ", ".join(str(e) for e in band_edges(trend))
            caption += " " + _tr(
                "Faint bands are the questionnaire's ranges, starting at {edges}, for "
                "orientation only."
            ).format(edges=edges)
        self.caption.setText(caption)

    def _summary(self, trend: MeasureTrend) -> str:
        pts = trend.sorted_points()
        first, last = pts[0], pts[-1]
        return _tr("{n} results from {a} to {b}; first {x}, latest {y} of {m}.").format(
            n=len(pts),
            a=day_text(in_local_zone(first.taken_at)),
            b=day_text(in_local_zone(last.taken_at)),
            x=first.total,
            y=last.total,
            m=trend.max_total,
        )

    def _series_spans(self) -> list[SeriesSpan]:
        """Each treatment series as a shaded, named band (the PDF's spans come from the
        same function)."""
        tz = local_zone()  # each date under its own offset, not today's
        return series_spans(self.services.sessions.list_series(), tz)

    def _series_caption(self) -> str:
        parts = []
        today = date.today()
        for series in self.services.sessions.list_series():
            if series.started_on > today:
                # A series entered ahead of time has not begun: "ongoing" would misstate it.
                parts.append(
                    _tr("{name}: planned from {start}").format(
                        name=series.name, start=day_text(series.started_on, year=False)
                    )
                )
                continue
            end = day_text(series.ended_on, year=False) if series.ended_on else _tr("ongoing")
            parts.append(f"{series.name}: {day_text(series.started_on, year=False)} - {end}")
        return (_tr("Series: ") + "; ".join(parts) + ". ") if parts else ""

    def _fill_table(self, instrument: Instrument, rows: list[Administration]) -> None:
        subs = list(instrument.subscales)
        headers = [_tr("Date"), _tr("Version"), _tr("Total"), _tr("Range")]
        headers += [s.id for s in subs]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for col, sub in enumerate(subs, start=4):
            header = self.table.horizontalHeaderItem(col)
            if header is not None:
                header.setToolTip(sub.name)
        scored = [a for a in rows if a.total is not None]
        self.table.setRowCount(len(scored))
        for r, adm in enumerate(reversed(scored)):
            ins = self.instruments.get(adm.instrument)
            cells = [
                f"{adm.taken_at:%d %b %Y}",
                ins.variant if ins and ins.variant else "",
                f"{adm.total} / {instrument.score_max}",
                (adm.band or "").lower(),
            ]
            cells += [str(adm.subscales.get(s.id, "")) for s in subs]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        fit_columns(self.table)  # wrapped rather than sideways, if the text is large
