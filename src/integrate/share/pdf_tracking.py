"""The therapist PDF's issue-17 parts: the sleep diary (chart against the sessions and a
table of nights), substances and medication changes. After-effects are printed in the
session table itself (a line under each session, share/gather.py fills it).

share/pdf.py calls two small hooks: `sections(builder)` after the measures, and
`register(qdoc, doc, base)` next to its own chart handler. Each part is printed only when the patient chose it
(ShareSelection.include_effects / include_sleep / include_substances). All user text goes
through the builder's plain-text primitives (never HTML).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QRectF, QSizeF
from PySide6.QtGui import QFont, QPyTextObject, QTextCharFormat, QTextDocument, QTextFormat

from integrate.share.charts import render_chart
from integrate.share.sleep_chart import build_sleep_chart
from integrate.share.tracking_content import SleepPoint, TrackingSection

if TYPE_CHECKING:
    from integrate.share.content import ShareDocument

# Distinct from share/pdf.py's CHART_OBJECT (UserObject + 1) and its properties (+2..+4).
SLEEP_CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 17
SLEEP_CHART_WIDTH = QTextFormat.Property.UserProperty + 17
SLEEP_CHART_HEIGHT = QTextFormat.Property.UserProperty + 18
DASH = "\u2013"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SharePdf", text)


def _fmt(dt: datetime) -> str:
    return dt.strftime("%a %d %b %Y, %H:%M")


def _tracking(builder: Any) -> TrackingSection | None:
    section = getattr(builder.doc, "tracking", None)
    return section if isinstance(section, TrackingSection) else None


def sections(builder: Any) -> None:
    """The sleep diary and substances/medication parts, each only when chosen."""
    section = _tracking(builder)
    if section is None:
        return
    if section.sleep is not None:
        _sleep(builder, section.sleep)
    if section.substances is not None or section.medication is not None:
        _substances(builder, section)


def _cell(value: object) -> str:
    if value is None:
        return DASH
    return f"{value:g}" if isinstance(value, float) else str(value)


def _sleep(builder: Any, nights: list[SleepPoint]) -> None:
    builder.h1(_tr("Sleep and nightmares"))
    if not nights:
        builder.para(_tr("No nights were recorded in the sleep diary in this period."))
        return
    head = builder.last_block_position()
    # The chart: an inline object painted by SleepChartObject.
    fmt = builder.s.block(top=2, bottom=4, line=100, keep=True)
    builder._block(fmt, builder.s.body)
    obj = QTextCharFormat()
    obj.setObjectType(SLEEP_CHART_OBJECT)
    obj.setProperty(SLEEP_CHART_WIDTH, float(builder.width))
    obj.setProperty(SLEEP_CHART_HEIGHT, float(builder.width * 0.32))
    builder.cursor.insertText("\ufffc", obj)
    builder.keep_together(head, builder.last_block_position())
    builder.para(
        _tr(
            "Hours slept (solid line, left scale), sleep quality (dashed) and the number of "
            "nightmares (triangles), both on the right scale; dotted lines mark ketamine "
            "sessions. Nightmares are also PCL-5 item 2."
        ),
        builder.s.small,
        top=2,
    )
    rows = [
        [
            p.day.strftime("%a %d %b"),
            _cell(p.hours),
            _cell(p.quality),
            _cell(p.nightmares),
            _cell(p.nightmare_distress),
            _cell(p.wakings),
        ]
        for p in sorted(nights, key=lambda n: n.day)
    ]
    builder.table(
        [
            _tr("Night to"),
            _tr("Hours"),
            _tr("Quality (0\u201310)"),
            _tr("Nightmares"),
            _tr("Distress (0\u201310)"),
            _tr("Woke up"),
        ],
        rows,
        [22, 12, 17, 16, 18, 15],
    )


def _substances(builder: Any, section: TrackingSection) -> None:
    builder.h1(_tr("Substances and medication changes"))
    if section.note:
        builder.para(section.note, builder.s.meta)
    uses = section.substances or []
    events = section.medication or []
    builder.h2(_tr("Substances"))
    if uses:
        head = builder.last_block_position()
        table = builder.table(
            [_tr("When"), _tr("What"), _tr("Amount")],
            [[_fmt(u.at), u.name, u.amount or DASH] for u in uses],
            [30, 30, 40],
        )
        builder.keep_together(head, table)
    else:
        builder.para(_tr("None recorded in this period."), builder.s.meta)
    builder.h2(_tr("Medication changes"))
    if events:
        head = builder.last_block_position()
        table = builder.table(
            [_tr("When"), _tr("Medication"), _tr("Change"), _tr("Dose")],
            [[_fmt(e.at), e.name, e.change, e.dose or DASH] for e in events],
            [28, 26, 18, 28],
        )
        builder.keep_together(head, table)
    else:
        builder.para(_tr("None recorded in this period."), builder.s.meta)


class SleepChartObject(QPyTextObject):
    """Paints the sleep chart (vectors) where the layout placed its object."""

    def __init__(self, nights: list[SleepPoint], markers: list[datetime], base: QFont) -> None:
        super().__init__()
        self.nights = nights
        self.markers = markers
        self.base = base

    def intrinsicSize(self, doc, pos, fmt):  # type: ignore[no-untyped-def]  # noqa: N802
        return QSizeF(fmt.doubleProperty(SLEEP_CHART_WIDTH), fmt.doubleProperty(SLEEP_CHART_HEIGHT))

    def drawObject(self, painter, rect, doc, pos, fmt):  # type: ignore[no-untyped-def]  # noqa: N802
        chart = build_sleep_chart(self.nights, self.markers, base_font=self.base)
        painter.save()
        render_chart(chart, painter, QRectF(rect))
        painter.restore()
        chart.deleteLater()


def register(qdoc: QTextDocument, doc: ShareDocument, base: QFont) -> SleepChartObject | None:
    """Register the sleep chart's painter on `qdoc`; keep the result alive while it draws."""
    section = doc.tracking
    if section is None or not section.sleep:
        return None
    handler = SleepChartObject(list(section.sleep), doc.chart_markers(), base)
    qdoc.documentLayout().registerHandler(SLEEP_CHART_OBJECT, handler)
    return handler
