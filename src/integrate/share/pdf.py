"""The therapist summary as a PDF, rendered in memory.

Layout: one QTextDocument holds the flowing body (built with QTextCursor, user text
only ever inserted as plain text: never HTML, so `<img src=...>` prints literally).
Its page size is the body area, so Qt's layout never splits a line across pages; we
then paint page by page into a QPdfWriter (on a QBuffer: nothing touches disk),
adding a header and "page X of Y" footer with QPainter and drawing the measure charts
as vectors into blocks reserved for them. Headings (and entry meta lines) are kept with
what follows by pushing them to the next page when they would be stranded.

Missing glyphs: Qt falls back through fontconfig to any installed font that covers a
character (Noto CJK for Chinese/Japanese/Korean, DejaVu for Arabic/Hebrew/Greek/
Cyrillic). Where no installed font has a glyph (e.g. Khmer on a machine without a Khmer
font), Qt 6.12 prints a box and leaves the character out of the text layer; colour emoji
(Noto Color Emoji is a bitmap font) become small images, also without text. Both are
written back into the text layer as invisible text at their place (`share.text_layer`),
and `share.fonts.missing_glyphs` names the unprintable ones before saving (wizard and
CLI), so nothing is lost silently. Emoji images are the only way images enter the
document; user text never creates images or links.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QLineF,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from integrate.core.i18n import tr_noop
from integrate.core.outcomes import Reached, Verdict, Window
from integrate.share.charts import build_chart, render_chart
from integrate.share.content import (
    EntryRow,
    Item9Row,
    MeasurePoint,
    MeasureTrend,
    RatingsCourse,
    SeriesSpan,
    SessionRow,
    ShareDocument,
)
from integrate.share.pdf_security import (
    NEUTRAL_CREATOR,
    NEUTRAL_TITLE,
    neutralise_metadata,
)
from integrate.share.qtapp import ensure_qt_app

RESOLUTION = 1200  # QPdfWriter's default; layout happens in these device pixels
FONT_FAMILIES = [
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Noto Sans Arabic",
    "Noto Color Emoji",
]
INK = QColor("#222222")
MUTED = QColor("#5f6b70")
ACCENT = QColor("#1f5f7a")
RULE = QColor("#b9c6cc")
TABLE_HEAD_BG = QColor("#eef3f5")
NOTE_BG = QColor("#f4f6f7")
ITEM9_BG = QColor("#fbf3e4")
ITEM9_HIGH_BG = QColor("#f6d7a8")  # an item 9 answer above 0: stands out from the zeros
WORSE = QColor("#9c1c1c")  # deterioration: at least as prominent as improvement
IMPROVED = QColor("#1d5e3a")
FLAG_BG = QColor("#fff4cc")
RATINGS_ID = "checkin_ratings"  # the MeasureTrend carrying the check-in course


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _bp(r: SessionRow) -> str | None:
    if not (r.bp_before or r.bp_after):
        return None
    dash = "\u2013"
    return f"{r.bp_before or dash} \u2192 {r.bp_after or dash}"


def _before(r: SessionRow) -> str | None:
    parts = []
    if r.distress_before is not None:
        parts.append(f"{r.distress_before}")
    else:
        parts.append("\u2013")
    parts.append(f"{r.mood_before}" if r.mood_before is not None else "\u2013")
    return None if r.distress_before is None and r.mood_before is None else " / ".join(parts)


@dataclass(frozen=True)
class SessionColumn:
    """One column of the session table; shown only when some row has a value
    (`always` columns are shown regardless)."""

    header: str
    width: float  # relative; the shown columns share 100 %
    value: Callable[[SessionRow], str | None]
    always: bool = False


# The session table's columns, in order. One more recorded field is one more entry.
SESSION_COLUMNS: tuple[SessionColumn, ...] = (
    # One line per date (the year is in the period): a two-line cell could split at a page.
    SessionColumn(
        tr_noop("SharePdf", "Date"), 15, lambda r: f"{fmt_short(r.at)}, {r.at:%H:%M}", always=True
    ),
    SessionColumn(
        tr_noop("SharePdf", "Type"),
        11,
        lambda r: "Ketamine" if r.is_dosing else r.kind,
        always=True,
    ),
    SessionColumn(tr_noop("SharePdf", "Route"), 10, lambda r: r.route),
    SessionColumn(tr_noop("SharePdf", "Dose"), 12, lambda r: r.dose),
    SessionColumn(tr_noop("SharePdf", "Setting"), 9, lambda r: r.setting),
    SessionColumn(tr_noop("SharePdf", "Support person"), 10, lambda r: _yes_no(r.support_person)),
    SessionColumn(tr_noop("SharePdf", "BP before \u2192 after"), 17, _bp),
    SessionColumn(tr_noop("SharePdf", "Distress / mood before (0\u201310)"), 15, _before),
)
# Free text printed on a full-width line under a session's row, when present.
SESSION_LINES: tuple[tuple[str, Callable[[SessionRow], str | None]], ...] = (
    (tr_noop("SharePdf", "Intention"), lambda r: r.intention),
    (tr_noop("SharePdf", "Patient's notes"), lambda r: r.notes),
    (tr_noop("SharePdf", "After-effects (highest, 0\u201310)"), lambda r: r.after_effects),
)

# Block properties used by the pagination pass.
KEEP_WITH_NEXT = QTextFormat.Property.UserProperty + 1
CHART_INDEX = QTextFormat.Property.UserProperty + 2
CHART_WIDTH = QTextFormat.Property.UserProperty + 3
CHART_HEIGHT = QTextFormat.Property.UserProperty + 4
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("SharePdf", text)


def header_text() -> str:
    """The line printed at the top of every page."""
    return _tr("Shared by the patient \u2013 confidential")


def fmt_date(d: date) -> str:
    # Fixed English month names: strftime would follow whatever locale Qt set.
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def fmt_day(dt: datetime) -> str:
    return f"{WEEKDAYS[dt.weekday()]} {fmt_date(dt)}"


def fmt_datetime(dt: datetime) -> str:
    return f"{fmt_day(dt)}, {dt:%H:%M}"


def fmt_short(dt: datetime | date) -> str:
    return f"{dt.day} {MONTHS[dt.month - 1]}"


def _window_text(w: Window) -> str:
    if w.start == w.end:
        return fmt_short(w.start)
    return f"{fmt_short(w.start)}\u2013{fmt_short(w.end)}"


def _pt(points: float) -> float:
    """Points to device pixels of the layout."""
    return points * RESOLUTION / 72.0


def _table_format(
    widths: Sequence[float] | None, header: bool, *, bottom: float
) -> QTextTableFormat:
    """A full-width table with collapsed borders (rules are drawn per cell, see
    `_rule_rows`), `bottom` points of space after it; `widths` in per cent."""
    fmt = QTextTableFormat()
    fmt.setCellPadding(_fl(3))
    fmt.setCellSpacing(0)
    fmt.setBorderCollapse(True)
    fmt.setMargin(0)
    fmt.setTopMargin(_fl(3))
    fmt.setBottomMargin(_fl(bottom))
    fmt.setBorder(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    if widths:
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, w) for w in widths]
        )
    if header:
        fmt.setHeaderRowCount(1)
    return fmt


def _rule_rows(
    table: QTextTable, header: bool, *, head: QColor | None = None, body: QColor | None = None
) -> None:
    """Thin rules between rows only (calmer than a full grid); the header row filled
    with `head`, the others with `body`, where given."""
    for r in range(table.rows()):
        fill = head if header and r == 0 else body
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            cf = cell.format().toTableCellFormat()
            cf.setBottomBorder(_fl(0.5))
            cf.setBottomBorderBrush(QBrush(RULE))
            cf.setBottomBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            if fill is not None:
                cf.setBackground(QBrush(fill))
            cell.setFormat(cf)


def _fl(points: float) -> float:
    """Points to the units of text format lengths (margins, padding, borders).

    QTextDocumentLayout treats those as screen pixels at 96 dpi and scales them to the
    paint device itself, unlike page sizes and positions, which are device pixels.
    """
    return points * 96.0 / 72.0


def _mm(mm: float) -> float:
    return mm * RESOLUTION / 25.4


_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


def clean_text(text: str) -> str:
    """User text made safe to lay out: unified line breaks, no invisible controls.

    Control characters have no printable form (and some upset PDF text extraction);
    lone surrogates cannot be encoded. Everything else is kept as typed.
    """
    for brk in _LINE_BREAKS:
        text = text.replace(brk, "\n")
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class _Page:
    width: float  # full page, device pixels
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def body(self) -> QRectF:
        return QRectF(
            self.left,
            self.top,
            self.width - self.left - self.right,
            self.height - self.top - self.bottom,
        )


class _Styles:
    """Character and block formats for the summary's small type scale."""

    def __init__(self, base: QFont) -> None:
        self.base = base

        def char(
            size: float,
            *,
            weight: QFont.Weight = QFont.Weight.Normal,
            color: QColor = INK,
            italic: bool = False,
        ) -> QTextCharFormat:
            f = QTextCharFormat()
            font = QFont(base)
            font.setPointSizeF(size)
            font.setWeight(weight)
            font.setItalic(italic)
            f.setFont(font)
            f.setForeground(QBrush(color))
            return f

        self.title = char(20, weight=QFont.Weight.DemiBold, color=ACCENT)
        self.subtitle = char(10.5, color=MUTED)
        self.h1 = char(14, weight=QFont.Weight.DemiBold, color=ACCENT)
        self.h2 = char(11, weight=QFont.Weight.DemiBold, color=INK)
        self.h3 = char(10, weight=QFont.Weight.DemiBold, color=INK)
        self.body = char(9.5)
        self.body_bold = char(9.5, weight=QFont.Weight.DemiBold)
        self.italic = char(9.5, italic=True, color=QColor("#333333"))
        self.meta = char(8.5, color=MUTED)
        self.small = char(7.5, color=MUTED)
        self.cell = char(8.5)
        self.cell_head = char(8.5, weight=QFont.Weight.DemiBold, color=QColor("#2c3e45"))
        self.label = char(8.5, weight=QFont.Weight.DemiBold, color=MUTED)
        self.flag = char(8.5, weight=QFont.Weight.Bold, color=WORSE)
        self.flag.setBackground(QBrush(FLAG_BG))

    @staticmethod
    def block(
        *,
        top: float = 0,
        bottom: float = 4,
        left: float = 0,
        line: float = 125,
        keep: bool = False,
        align: Qt.AlignmentFlag | None = None,
    ) -> QTextBlockFormat:
        b = QTextBlockFormat()
        b.setTopMargin(_fl(top))
        b.setBottomMargin(_fl(bottom))
        b.setLeftMargin(_fl(left))
        b.setLineHeight(line, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if keep:
            b.setProperty(KEEP_WITH_NEXT, True)
        if align is not None:
            b.setAlignment(align)
        return b


class _Builder:
    """Writes the summary into a QTextDocument, section by section."""

    def __init__(self, doc: ShareDocument, qdoc: QTextDocument, width: float, base: QFont) -> None:
        self.doc = doc
        self.qdoc = qdoc
        self.width = width
        self.s = _Styles(base)
        self.cursor = QTextCursor(qdoc)
        self.first_block = True
        self.chart_trends: list[MeasureTrend] = []
        # Tables by the position of their first cell, for the keep-with-next pass.
        self.tables: dict[int, QTextTable] = {}
        # Keep-together groups: position of the first (kept) block -> what ends the group
        # (a table, or the position of a last block).
        self.groups: dict[int, QTextTable | int] = {}
        # Table rows that must stay on one page together: (table, first row, last row).
        self.row_groups: list[tuple[QTextTable, int, int]] = []

    # -- primitives -------------------------------------------------------------------

    def last_block_position(self) -> int:
        """Position of the block the cursor is in (e.g. a heading just written)."""
        return self.cursor.block().position()

    def keep_together(self, head: int, end: QTextTable | int) -> None:
        """Keep everything from the kept block at `head` to `end` on one page if it fits."""
        self.groups[head] = end

    def _block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self.first_block:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(fmt, char)

    def text(self, text: str, char: QTextCharFormat, fmt: QTextBlockFormat) -> None:
        """One or more paragraphs of plain text (user text goes through here).

        Each line becomes a paragraph; blank lines become extra space, not empty blocks.
        """
        gap = 0.0
        first = True
        for para in clean_text(text).split("\n"):
            if not para.strip() and not first:
                gap += 5.0
                continue
            block_fmt = QTextBlockFormat(fmt)
            if not first:
                block_fmt.setTopMargin(_fl(gap))
            self._block(block_fmt, char)
            if para:
                self.cursor.insertText(para, char)
            first = False
            gap = 0.0

    def runs(self, parts: list[tuple[str, QTextCharFormat]], fmt: QTextBlockFormat) -> None:
        """A single paragraph made of differently formatted plain-text runs."""
        self._block(fmt, parts[0][1] if parts else self.s.body)
        for text, char in parts:
            self.cursor.insertText(clean_text(text).replace("\n", " "), char)

    def h1(self, text: str, page_break: bool = False) -> None:
        fmt = self.s.block(top=16, bottom=6, keep=True, line=110)
        if page_break:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            fmt.setTopMargin(0)
        self.text(text, self.s.h1, fmt)

    def h2(self, text: str) -> None:
        self.text(text, self.s.h2, self.s.block(top=12, bottom=3, keep=True, line=115))

    def h3(self, text: str) -> None:
        self.text(text, self.s.h3, self.s.block(top=10, bottom=2, keep=True, line=115))

    def para(self, text: str, char: QTextCharFormat | None = None, **kw) -> None:  # type: ignore[no-untyped-def]
        self.text(text, char or self.s.body, self.s.block(**kw))

    def _insert_table(self, rows: int, cols: int, fmt: QTextTableFormat) -> QTextTable:
        self.first_block = False
        return self.cursor.insertTable(rows, cols, fmt)

    def _end_table(self, table: QTextTable) -> None:
        """Note where `table` starts (for the keep-with-next pass) and go on after it."""
        self.tables[table.cellAt(0, 0).firstCursorPosition().block().position()] = table
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def table(
        self,
        header: list[str] | None,
        rows: list[list[str]],
        widths: Sequence[float] | None = None,
        *,
        borders: bool = True,
        background: QColor | None = None,
        first_col: QTextCharFormat | None = None,
    ) -> QTextTable:
        """A small table; all cell text is inserted as plain text."""
        cols = len(header) if header else len(rows[0])
        fmt = _table_format(widths, bool(header), bottom=6)
        n_rows = len(rows) + (1 if header else 0)
        table = self._insert_table(n_rows, cols, fmt)
        cell_block = self.s.block(bottom=0, line=115)
        if borders:
            _rule_rows(table, bool(header), body=background)
        offset = 0
        if header:
            for c, label in enumerate(header):
                cell = table.cellAt(0, c)
                head_fmt = cell.format()
                head_fmt.setBackground(QBrush(TABLE_HEAD_BG))
                cell.setFormat(head_fmt)
                cur = cell.firstCursorPosition()
                cur.setBlockFormat(cell_block)
                cur.insertText(clean_text(label), self.s.cell_head)
            offset = 1
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cur = table.cellAt(r + offset, c).firstCursorPosition()
                cur.setBlockFormat(cell_block)
                char = first_col if (first_col is not None and c == 0) else self.s.cell
                for i, line in enumerate(clean_text(value).split("\n")):
                    if i:
                        cur.insertBlock(cell_block, char)
                    cur.insertText(line, char)
        self._end_table(table)
        return table

    def box(self, text: str, background: QColor) -> None:
        """Plain text in a shaded box (a one-cell table, so it can flow across pages)."""
        fmt = QTextTableFormat()
        fmt.setBorder(0)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(_fl(6))
        fmt.setTopMargin(_fl(3))
        fmt.setBottomMargin(_fl(4))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self._insert_table(1, 1, fmt)
        cell = table.cellAt(0, 0)
        cell_fmt = cell.format()
        cell_fmt.setBackground(QBrush(background))  # a table's own background is not painted
        cell.setFormat(cell_fmt)
        cur = table.cellAt(0, 0).firstCursorPosition()
        para = self.s.block(bottom=2, line=130)
        for i, line in enumerate(clean_text(text).split("\n")):
            if i:
                cur.insertBlock(para, self.s.body)
            else:
                cur.setBlockFormat(para)
            cur.insertText(line, self.s.body)
        self._end_table(table)

    def chart_slot(self, trend: MeasureTrend, height: float) -> None:
        """Reserve a chart-sized inline object; `_ChartObject` paints the chart into it."""
        fmt = self.s.block(top=2, bottom=4, line=100, keep=True)
        self._block(fmt, self.s.body)
        obj = QTextCharFormat()
        obj.setObjectType(CHART_OBJECT)
        obj.setProperty(CHART_INDEX, len(self.chart_trends))
        obj.setProperty(CHART_WIDTH, float(self.width))
        obj.setProperty(CHART_HEIGHT, float(height))
        self.chart_trends.append(trend)
        self.cursor.insertText("\ufffc", obj)

    # -- sections ---------------------------------------------------------------------

    def cover(self) -> None:
        d, s = self.doc, self.s
        self.text(_tr("Integration summary"), s.title, s.block(bottom=2, line=110))
        self.para(
            _tr("Sessions, measures and journal entries chosen and shared by the patient."),
            s.subtitle,
            bottom=8,
        )
        rows: list[list[str]] = []
        if d.patient_name_display:
            rows.append([_tr("Patient"), d.patient_name_display])
        if d.therapist_name:
            rows.append([_tr("Prepared for"), d.therapist_name])
        rows.append([_tr("Period"), f"{fmt_date(d.period_from)} \u2013 {fmt_date(d.period_to)}"])
        rows.append([_tr("Generated"), fmt_datetime(d.generated_at)])
        if d.sessions_included:  # never a "0 sessions" that only means "not shared"
            rows.append([_tr("Sessions"), self._session_count_text()])
        if d.entries:
            rows.append([_tr("Journal entries"), str(len(d.entries))])
        if d.unreadable_note:  # counts only, never the records' content
            rows.append([_tr("Left out"), d.unreadable_note])
        self.table(None, rows, [24, 76], borders=False, first_col=s.label)

        self.glance()
        if d.note.strip():
            self.h2(_tr("Note from the patient"))
            self.box(d.note.strip(), NOTE_BG)
        self.para(
            _tr(
                "Self-reported with the Integrate app between sessions. Scores are information "
                "to discuss together, not a diagnosis. The app is not monitored by anyone."
            ),
            s.small,
            top=6,
        )

    # -- at a glance ------------------------------------------------------------------

    def cell_runs(
        self, table: QTextTable, row: int, col: int, lines: list[list[tuple[str, QTextCharFormat]]]
    ) -> None:
        """Fill one cell with lines made of differently formatted plain-text runs."""
        cur = table.cellAt(row, col).firstCursorPosition()
        block = self.s.block(bottom=1, line=118)
        for i, parts in enumerate(lines):
            if i:
                cur.insertBlock(block, parts[0][1] if parts else self.s.cell)
            else:
                cur.setBlockFormat(block)
            for text, char in parts:
                cur.insertText(clean_text(text).replace("\n", " "), char)

    def grid(self, rows: int, widths: Sequence[float], header: list[str] | None) -> QTextTable:
        """An empty table with the summary's rules, for cells filled with `cell_runs`."""
        fmt = _table_format(widths, bool(header), bottom=5)
        n_rows = rows + (1 if header else 0)
        table = self._insert_table(n_rows, len(widths), fmt)
        _rule_rows(table, bool(header), head=TABLE_HEAD_BG)
        if header:
            for c, label in enumerate(header):
                self.cell_runs(table, 0, c, [[(label, self.s.cell_head)]])
        self._end_table(table)
        return table

    def glance(self) -> None:
        """Per measure: baseline -> latest, the direction word, thresholds, response,
        remission and missing administrations; then PHQ-9 item 9 (shared or not)."""
        d, s = self.doc, self.s
        if not d.measures and not d.include_item9:
            return
        self.h2(_tr("At a glance"))
        if d.measures:
            # One column, one row per measure: the headline (scores, direction word,
            # change) then the thresholds, so text extraction and screen readers read
            # each measure as one unit, in order.
            table = self.grid(len(d.measures), [100], None)
            for i, m in enumerate(d.measures):
                head = self._glance_scores(m)
                verdict = self._glance_verdict(m)
                line1 = head[0] + [("   ", self.s.cell)] + head[1] + [("   ", self.s.cell)]
                line1 += verdict[0] + (
                    [("  ", self.s.cell)] + verdict[1] if len(verdict) > 1 else []
                )
                meta = " \u00b7 ".join(text for part in head[2:] for text, _ in part)
                lines = [line1]
                if meta:
                    lines.append([(meta, self.s.meta)])
                lines += self._glance_outcome(m)
                self.cell_runs(table, i, 0, lines)
            self.para(
                _tr(
                    "Lower totals mean fewer or milder symptoms. Change is latest minus "
                    "baseline; a rise is reported with the same thresholds as a fall."
                ),
                s.small,
                bottom=2,
            )
        self.glance_item9()

    def _glance_scores(self, m: MeasureTrend) -> list[list[tuple[str, QTextCharFormat]]]:
        s = self.s
        first, last = m.baseline(), m.latest()
        lines: list[list[tuple[str, QTextCharFormat]]] = [[(m.name, s.body_bold)]]
        if first is None or last is None:
            return lines + [[(_tr("no answers in this period"), s.meta)]]
        if first is last:
            lines.append([(str(first.total), s.body_bold), (f" ({first.band or ''})", s.meta)])
            lines.append([(fmt_date(first.taken_at), s.meta)])
            return lines
        lines.append([(f"{first.total} \u2192 {last.total}", s.body_bold)])
        lines.append([(f"{fmt_date(first.taken_at)} \u2192 {fmt_date(last.taken_at)}", s.meta)])
        if first.band or last.band:
            lines.append([(f"{first.band or '?'} \u2192 {last.band or '?'}", s.meta)])
        if first.version or last.version:  # mixed PCL-5 versions (past month / past week)
            lines.append([(f"{first.version or '?'} \u2192 {last.version or '?'}", s.meta)])
        return lines

    def _glance_verdict(self, m: MeasureTrend) -> list[list[tuple[str, QTextCharFormat]]]:
        o = m.outcome
        if o is None:
            change = m.change()
            return [[("\u2013" if change is None else f"{change:+d}", self.s.cell)]]
        if o.verdict is Verdict.SINGLE:
            return [[(_tr("one answer only: no change to report"), self.s.meta)]]
        words = {
            Verdict.WORSE: ("\u25b2 " + _tr("Worse"), WORSE),
            Verdict.IMPROVED: ("\u25bc " + _tr("Improved"), IMPROVED),
            Verdict.NO_RELIABLE_CHANGE: (_tr("No reliable change"), INK),
        }
        word, colour = words[o.verdict]
        head = QTextCharFormat(self.s.body_bold)
        head.setForeground(QBrush(colour))
        font = head.font()
        font.setPointSizeF(10.5)
        head.setFont(font)
        points = _tr("{0} points").format(f"{o.change:+d}".replace("-", "\u2212"))
        if o.change == 0:
            points = _tr("no change (0 points)")
        return [[(word, head)], [(points, self.s.body_bold)]]

    def _glance_outcome(self, m: MeasureTrend) -> list[list[tuple[str, QTextCharFormat]]]:
        s, o, rules = self.s, m.outcome, m.rules
        lines: list[list[tuple[str, QTextCharFormat]]] = []
        if o is not None and rules is not None and o.verdict is not Verdict.SINGLE:
            for res in o.thresholds:
                t = res.threshold
                reached = {
                    Reached.YES: _tr("reached"),
                    Reached.WITHIN_RANGE: _tr("within the range"),
                    Reached.NO: _tr("not reached"),
                }[res.reached]
                if res.reached is not Reached.NO:
                    reached += " (" + (_tr("worse") if o.change > 0 else _tr("improved")) + ")"
                lines.append(
                    [
                        (f"{t.label[:1].upper()}{t.label[1:]} \u2265 {t.points_text} ", s.label),
                        (f"({t.source}): ", s.meta),
                        (reached, s.cell),
                    ]
                )
            pct = "" if o.percent_change is None else f" ({o.percent_change:+.0f} %)"
            response = (
                _tr("not applicable (baseline 0)")
                if o.response is None
                else (_tr("yes") if o.response else _tr("no")) + pct.replace("-", "\u2212")
            )
            lines.append(
                [
                    (
                        _tr("Response")
                        + f" (\u2265 {rules.response_drop * 100:.0f} % "
                        + _tr("drop")
                        + "): ",
                        s.label,
                    ),
                    (response, s.cell),
                ]
            )
            remission = (
                _tr("not applicable (baseline already {0})").format(rules.remission_text)
                if o.remission is None
                else (_tr("yes") if o.remission else _tr("no"))
            )
            lines.append(
                [(_tr("Remission") + f" ({rules.remission_text}): ", s.label), (remission, s.cell)]
            )
        missing = self._missing_line(m)
        if o is not None and rules is not None and o.verdict is not Verdict.SINGLE:
            # Response, remission and missing administrations share one line: compact,
            # so the session table starts on page 1.
            remission_runs = lines.pop(-1)
            response_runs = lines.pop(-1)
            sep = [("   \u00b7   ", self.s.meta)]
            lines.append(response_runs + sep + remission_runs + sep + missing)
        else:
            lines.append(missing)
        return lines

    def _missing_line(self, m: MeasureTrend) -> list[tuple[str, QTextCharFormat]]:
        s = self.s
        if not m.rhythm_days:
            return [(_tr("Missing: no expected rhythm set (reminders off)"), s.meta)]
        rhythm = (
            _tr("weekly") if m.rhythm_days == 7 else _tr("every {0} days").format(m.rhythm_days)
        )
        if not m.missing:
            return [(_tr("Missing") + ": ", s.label), (_tr("none ({0})").format(rhythm), s.cell)]
        spans = ", ".join(_window_text(w) for w in m.missing)
        count = len(m.missing)
        return [
            (_tr("Missing") + ": ", s.label),
            (
                _tr("{0} expected ({1}) with no answer: {2}").format(count, rhythm, spans),
                s.body_bold,
            ),
        ]

    def glance_item9(self) -> None:
        """PHQ-9 item 9 on the cover: every answer above 0 with its date, or plainly
        that the patient did not share these answers."""
        d, s = self.doc, self.s
        has_phq9 = any(m.instrument_id == "phq9" for m in d.measures)
        if not d.include_item9:
            if has_phq9:
                self.para(
                    _tr(
                        "PHQ-9 item 9 (thoughts of death or self-harm): not shared. The "
                        "patient chose to leave these answers out of this summary."
                    ),
                    s.body_bold,
                    bottom=3,
                )
            return
        rows = sorted(d.item9_rows, key=lambda r: r.taken_at)
        above = [r for r in rows if r.value > 0]
        lines: list[str] = []
        if not rows:
            lines.append(_tr("PHQ-9 item 9 was shared, but no PHQ-9 was answered in this period."))
        elif above:
            lines.append(
                _tr(
                    "PHQ-9 item 9, shared by the patient: answers above 0 on {0} of {1} dates:"
                ).format(len(above), len(rows))
            )
            lines += [f"\u2022 {fmt_day(r.taken_at)}: {r.value} \u2013 {r.label}" for r in above]
        else:
            lines.append(
                _tr("PHQ-9 item 9, shared by the patient: all {0} answers were 0 ({1}).").format(
                    len(rows), rows[0].label
                )
            )
        lines.append(
            _tr(
                "A 0 does not mean the absence of risk. Integrate is not monitored: nobody saw "
                "these answers when they were given."
            )
        )
        self.box("\n".join(lines), ITEM9_HIGH_BG if above else ITEM9_BG)

    def _session_count_text(self) -> str:
        sessions = self.doc.sessions
        dosing = sum(1 for r in sessions if r.is_dosing)
        other = len(sessions) - dosing
        parts = [
            f"{dosing} " + (_tr("ketamine session") if dosing == 1 else _tr("ketamine sessions"))
        ]
        if other:
            parts.append(
                f"{other} "
                + (_tr("other appointment") if other == 1 else _tr("other appointments"))
            )
        return ", ".join(parts)

    def sessions(self) -> None:
        rows = self.doc.sessions
        if not rows:
            return
        # Starts on page 1, under the glance and the patient's note.
        self.h1(_tr("Session timeline"))
        self.session_table(sorted(rows, key=lambda r: r.at))

    def session_table(self, rows: list[SessionRow]) -> None:
        """One compact table: a row per session, free text on a full-width line under it."""
        s = self.s
        cols = [c for c in SESSION_COLUMNS if c.always or any(c.value(r) for r in rows)]
        total = sum(c.width for c in cols)
        widths = [100.0 * c.width / total for c in cols]
        lines_per_row = [
            [
                (label, text.strip())
                for label, get in SESSION_LINES
                if (text := get(r) or "").strip()
            ]
            for r in rows
        ]
        n_rows = sum(1 + len(extra) for extra in lines_per_row)
        table = self.grid(n_rows, widths, [_tr(c.header) for c in cols])  # i18n: marked
        at = 1
        for r, extra in zip(rows, lines_per_row, strict=True):
            # A session's row and its notes lines never part at a page break.
            self.row_groups.append((table, at, at + len(extra)))
            for c, col in enumerate(cols):
                value = col.value(r) or "\u2013"
                self.cell_runs(table, at, c, [[(part, s.cell)] for part in value.split("\n")])
            at += 1
            for label, text in extra:
                table.mergeCells(at, 0, 1, len(cols))
                cell = table.cellAt(at, 0)
                cf = cell.format().toTableCellFormat()
                cf.setLeftPadding(_fl(12))
                cell.setFormat(cf)
                shown = _tr(label) + ": "  # i18n: marked
                self.cell_runs(table, at, 0, [[(shown, s.label), (text, s.cell)]])
                at += 1
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def ratings(self) -> None:
        """Between-session course: the check-in ratings as one chart, session markers on."""
        course = self.doc.ratings
        if course is None or not course.points:
            return
        self.h1(_tr("Between-session course"))
        head = self.last_block_position()
        self.chart_slot(ratings_trend(course), self.width * 0.30)
        scales = ", ".join(
            f"{label} 0\u2013{course.maxima[rid]}" for rid, label in course.labels.items()
        )
        self.para(
            _tr(
                "Quick check-in ratings by the patient ({0} check-ins; {1}). Not a validated measure."
            ).format(len(course.points), scales),
            self.s.meta,
            bottom=2,
        )
        self.keep_together(head, self.last_block_position())

    def measures(self) -> None:
        d = self.doc
        item9 = d.include_item9 and bool(d.item9_rows)
        if not d.measures and not item9:
            return
        self.h1(_tr("Measures"))
        markers = d.chart_markers()
        placed_item9 = False
        for m in d.measures:
            self._measure(m)
            if m.instrument_id == "phq9":
                if item9:
                    self._item9(d.item9_rows)
                    placed_item9 = True
                else:
                    self.para(
                        _tr("PHQ-9 item 9 answers are not included in this summary."),
                        self.s.meta,
                    )
        if item9 and not placed_item9:
            self._item9(d.item9_rows)
        self._markers_note(bool(markers), bool(d.chart_series()))

    def _markers_note(self, has_markers: bool, has_series: bool) -> None:
        if has_series:
            self.para(
                _tr(
                    "Dotted vertical lines on the charts mark ketamine sessions; shaded "
                    "columns, named above each chart, are treatment series; faint "
                    "horizontal bands show severity ranges."
                ),
                self.s.small,
                top=4,
            )
        elif has_markers:
            self.para(
                _tr(
                    "Dotted vertical lines on the charts mark ketamine sessions; "
                    "shaded bands show severity ranges."
                ),
                self.s.small,
                top=4,
            )

    def _measure(self, m: MeasureTrend) -> None:
        title = f"{m.name} \u2013 {m.title}" if m.title else m.name
        self.h2(title)
        head = self.last_block_position()
        if m.points:
            self.chart_slot(m, self.width * 0.30)
        subs = list(m.subscale_labels.items())
        points = m.sorted_points()
        versions = any(p.version for p in points)
        pattern = any(p.pattern is not None for p in points)
        header = [_tr("Date")]
        widths: list[float] = [24]
        if versions:
            header.append(_tr("Version"))
            widths.append(13)
        header += [_tr("Total"), _tr("Band")]
        difficulty = any(p.difficulty for p in points)
        widths += [8, 17 if (subs or difficulty) else 30]
        if pattern:
            header.append(_tr("DSM-5 pattern"))
            widths.append(12)
        if difficulty:
            header.append(_tr("Difficulty (optional question)"))
            widths.append(26)
        header += [key for key, _ in subs]
        rest = 100.0 - sum(widths)
        widths += [rest / len(subs)] * len(subs) if subs else []
        if not subs:
            widths[-1] += rest
        rows = []
        for p in points:
            row = [fmt_day(p.taken_at)]
            if versions:
                row.append(p.version)
            row += [str(p.total), p.band or ""]
            if pattern:
                row.append(_tr("met") if p.pattern else _tr("not met"))
            if difficulty:
                row.append(p.difficulty or "\u2013")
            row += [str(p.subscales.get(key, "")) for key, _ in subs]
            rows.append(row)
        if rows:
            table = self.table(header, rows, widths)
            # Heading, chart and table on one page when they fit: a table whose last
            # rows sit alone on the next page is hard to read against its chart.
            self.keep_together(head, table)
        else:
            self.para(_tr("No answers in this period."), self.s.meta)
        notes = []
        if subs:
            notes.append("; ".join(f"{key}: {label}" for key, label in subs))
        if m.bands:
            bands = ", ".join(
                f"{b.min}\u2013{b.max} {b.label}" for b in sorted(m.bands, key=lambda b: b.min)
            )
            notes.append(_tr("Bands") + f": {bands}")
        if pattern and m.pattern_note:
            notes.append(m.pattern_note)
        for line in notes:
            self.para(line, self.s.meta, bottom=1)
        if m.note:
            self.para(m.note, self.s.meta, bottom=1)
        if m.instrument_id == "pcl5":
            self._item_table(m)
        if m.attribution:
            self.para(m.attribution, self.s.small, top=2)

    def _item_table(self, m: MeasureTrend) -> None:
        """Item by item, baseline against latest (PCL-5): where the change comes from."""
        points = [p for p in m.sorted_points() if p.answers]
        if len(points) < 1 or not m.item_texts:
            return
        first, last = points[0], points[-1]
        self.h3(
            _tr("{0} item by item: baseline ({1}) and latest ({2})").format(
                m.name, fmt_short(first.taken_at), fmt_short(last.taken_at)
            )
        )
        head = self.last_block_position()
        rows = []
        for n, text in enumerate(m.item_texts):
            a = first.answers[n] if n < len(first.answers) else None
            b = last.answers[n] if n < len(last.answers) else None
            change = "" if a is None or b is None else f"{b - a:+d}".replace("-", "\u2212")
            if change == "+0":
                change = "0"
            rows.append(
                [
                    str(n + 1),
                    text,
                    "\u2013" if a is None else str(a),
                    "\u2013" if b is None else str(b),
                    change,
                ]
            )
        table = self.table(
            [_tr("#"), _tr("Item"), _tr("Baseline"), _tr("Latest"), _tr("Change")],
            rows,
            [5, 65, 10, 10, 10],
        )
        scale = ", ".join(f"{v} {label}" for v, label in sorted(m.option_labels.items()))
        self.para(_tr("Answers") + f": {scale}.", self.s.meta, bottom=1)
        self.keep_together(head, table)

    def _item9(self, rows: list[Item9Row]) -> None:
        self.h3(_tr("PHQ-9 item 9 \u2013 included at the patient's choice"))
        head = self.last_block_position()
        fmt = self.s.block(bottom=3, line=125, keep=True)
        self.text(
            _tr(
                "Item 9 asks about thoughts of being better off dead or of hurting oneself. "
                "The patient chose to share these answers. Integrate is not monitored: nobody "
                "saw these answers when they were given."
            ),
            self.s.body,
            fmt,
        )
        ordered = sorted(rows, key=lambda r: r.taken_at)
        table = self.grid(len(ordered), [34, 66], [_tr("Date"), _tr("Item 9 answer")])
        for i, r in enumerate(ordered, start=1):
            # Answers above 0 stand out (darker tint, bold); zeros stay plain.
            char = self.s.body_bold if r.value > 0 else self.s.cell
            for c, text in enumerate([fmt_day(r.taken_at), f"{r.value} \u2013 {r.label}"]):
                cell = table.cellAt(i, c)
                cf = cell.format().toTableCellFormat()
                cf.setBackground(QBrush(ITEM9_HIGH_BG if r.value > 0 else ITEM9_BG))
                cell.setFormat(cf)
                self.cell_runs(table, i, c, [[(text, char)]])
        self.para(_tr("A 0 does not mean the absence of risk."), self.s.meta, bottom=2)
        self.keep_together(head, table)

    def entries(self) -> None:
        entries = sorted(self.doc.entries, key=lambda e: (not e.flagged, e.created_at))
        if not entries:
            return
        self.h1(_tr("Journal entries"))
        flagged = sum(1 for e in entries if e.flagged)
        intro = _tr("Entries the patient selected, in date order.")
        if flagged:
            intro = _tr(
                "First the {0} entries the patient flagged for you (marked FLAGGED), then the "
                "others they selected; each group in date order."
            ).format(flagged)
        self.para(intro, self.s.meta, bottom=2)
        for e in entries:
            self._entry(e)

    def _entry(self, e: EntryRow) -> None:
        s = self.s
        heading = e.title.strip() or fmt_day(e.created_at)
        self.h2(heading)
        meta = [fmt_datetime(e.created_at)]
        if e.flagged:
            self.runs(
                [(_tr("FLAGGED FOR THERAPIST") + "  ", s.flag), (" \u00b7 ".join(meta), s.meta)],
                s.block(bottom=3, keep=True),
            )
            meta = []
        if e.phase_label:
            meta.append(e.phase_label)
        if e.tags:
            meta.append(_tr("Tags") + ": " + ", ".join(e.tags))
        if meta:
            self.text(" \u00b7 ".join(meta), s.meta, s.block(bottom=3, keep=True))
        if e.prompt:
            self.runs(
                [(_tr("Prompt") + ": ", s.label), (e.prompt, s.italic)],
                s.block(bottom=3, keep=True, left=0),
            )
        if e.ratings:
            parts: list[tuple[str, QTextCharFormat]] = []
            for i, (name, value) in enumerate(e.ratings.items()):
                if i:
                    parts.append(("   ", s.meta))
                parts.append((f"{name}: ", s.label))
                parts.append((str(value), s.cell))
            self.runs(parts, s.block(bottom=4, keep=True))
        if e.body.strip():
            self.text(e.body.strip("\n"), s.body, s.block(bottom=3, line=135))

    def what_helps(self) -> None:
        rows = self.doc.what_helps
        if not rows:
            return
        self.h1(_tr("What helps me"))
        head = self.last_block_position()

        def avg(x: float | None) -> str:
            return "\u2013" if x is None else f"{x:.1f}"

        table_rows = []
        for r in rows:
            change = ""
            if r.distress_before is not None and r.distress_after is not None:
                change = f"{avg(r.distress_before)} \u2192 {avg(r.distress_after)}"
            table_rows.append(
                [r.label, "" if r.times_used is None else str(r.times_used), change, r.note]
            )
        table = self.table(
            [
                _tr("What"),
                _tr("Times"),
                _tr("Distress before \u2192 after (0\u201310, average)"),
                _tr("Note"),
            ],
            table_rows,
            [28, 9, 25, 38],
        )
        self.keep_together(head, table)

    def safety_plan(self) -> None:
        plan = self.doc.safety_plan
        if not plan:
            return
        self.h1(_tr("Safety plan"))
        for section, items in plan.items():
            self.h3(section)
            if not items:
                self.para("\u2013", self.s.meta)
                continue
            head = self.last_block_position()
            list_fmt = QTextListFormat()
            list_fmt.setStyle(QTextListFormat.Style.ListDisc)
            list_fmt.setIndent(1)
            block_fmt = self.s.block(bottom=2, line=125)
            self._block(block_fmt, self.s.body)
            self.cursor.createList(list_fmt)
            for i, item in enumerate(items):
                if i:
                    self.cursor.insertBlock()  # inherits the list membership
                self.cursor.insertText(clean_text(item).replace("\n", " "), self.s.body)
            # A short list stays with its heading rather than leaving a last line alone.
            self.keep_together(head, self.last_block_position())

    def build(self) -> None:
        # One edit block: the layout is told about the changes once at the end, instead
        # of re-laying out a growing table after every cell (quadratic in the rows).
        self.qdoc.setUndoRedoEnabled(False)
        self.cursor.beginEditBlock()
        try:
            self._sections()
        finally:
            self.cursor.endEditBlock()

    def _sections(self) -> None:
        from integrate.share import pdf_tracking  # issue 17's opt-in parts

        self.cover()
        self.sessions()
        self.ratings()
        self.measures()
        pdf_tracking.sections(self)
        self.entries()
        self.what_helps()
        self.safety_plan()


class _ChartObject(QPyTextObject):
    """Draws measure charts (as vectors) where the text layout placed their objects."""

    def __init__(
        self,
        trends: list[MeasureTrend],
        markers: list[datetime],
        spans: list[SeriesSpan],
        base: QFont,
    ) -> None:
        super().__init__()
        self.trends = trends
        self.markers = markers
        self.spans = spans
        self.base = base

    def intrinsicSize(self, doc, pos, fmt):  # type: ignore[no-untyped-def]  # noqa: N802
        return QSizeF(fmt.doubleProperty(CHART_WIDTH), fmt.doubleProperty(CHART_HEIGHT))

    def drawObject(self, painter, rect, doc, pos, fmt):  # type: ignore[no-untyped-def]  # noqa: N802
        trend = self.trends[fmt.intProperty(CHART_INDEX)]
        ratings = trend.instrument_id == RATINGS_ID
        chart = build_chart(
            trend,
            self.markers,
            base_font=self.base,
            series_spans=self.spans,
            show_total=not ratings,
            y_title=_tr("Rating") if ratings else None,
        )
        painter.save()
        render_chart(chart, painter, QRectF(rect))
        painter.restore()
        chart.deleteLater()


def ratings_trend(course: RatingsCourse) -> MeasureTrend:
    """The check-in course as a chart trend: one line per rating, no total (0-10 axis)."""
    labels = {
        rid: (
            label if course.maxima.get(rid, 10) == 10 else f"{label} (0\u2013{course.maxima[rid]})"
        )
        for rid, label in course.labels.items()
    }
    points = [MeasurePoint(taken_at=p.at, total=0, subscales=dict(p.values)) for p in course.points]
    return MeasureTrend(
        instrument_id=RATINGS_ID,
        name=_tr("Check-in ratings"),
        max_total=max([10, *course.maxima.values()]),
        points=points,
        subscale_labels=labels,
    )


def _line_extent(qdoc: QTextDocument, block: QTextBlock, line_index: int) -> tuple[float, float]:
    """Top and bottom (document coordinates) of one line of a block."""
    rect = qdoc.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return rect.top(), rect.bottom()
    line = layout.lineAt(min(line_index, layout.lineCount() - 1))
    top = rect.top() + line.y()
    return top, top + line.height()


def _target_bottom(qdoc: QTextDocument, block: QTextBlock, tables: dict[int, QTextTable]) -> float:
    """Where the content that a kept block must stay with ends."""
    table = tables.get(block.position())
    if table is not None:
        row = min(table.rows() - 1, table.format().headerRowCount())
        bottom = 0.0
        for col in range(table.columns()):
            cell_block = table.cellAt(row, col).firstCursorPosition().block()
            bottom = max(bottom, _line_extent(qdoc, cell_block, 0)[1])
        return bottom
    lines = block.layout().lineCount() if block.layout() is not None else 1
    return _line_extent(qdoc, block, 1 if lines > 1 else 0)[1]


def _group_bottom(qdoc: QTextDocument, end: QTextTable | int) -> float:
    """Where a keep-together group ends (document coordinates)."""
    layout = qdoc.documentLayout()
    if isinstance(end, QTextTable):
        return float(layout.frameBoundingRect(end).bottom())
    return float(layout.blockBoundingRect(qdoc.findBlock(end)).bottom())


def _keep_rows(
    qdoc: QTextDocument, page_h: float, row_groups: list[tuple[QTextTable, int, int]]
) -> None:
    """Start a group of table rows on the next page when it would be split."""
    layout = qdoc.documentLayout()
    eps = 1.0
    for table, first, last in row_groups:
        if first <= table.format().headerRowCount():
            continue
        top = min(
            layout.blockBoundingRect(table.cellAt(first, c).firstCursorPosition().block()).top()
            for c in range(table.columns())
        )
        bottom = max(
            layout.blockBoundingRect(table.cellAt(last, c).lastCursorPosition().block()).bottom()
            for c in range(table.columns())
        )
        if bottom - top > page_h * 0.5:
            continue  # too tall to move usefully
        if int(top // page_h) != int((bottom - eps) // page_h):
            # A break *after* the row above moves the whole row (Qt 6.12); a break
            # before a cell moves only that cell, and one per cell adds a page each.
            cursor = table.cellAt(first - 1, 0).lastCursorPosition()
            fmt = cursor.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
            cursor.setBlockFormat(fmt)


def _keep_with_next(
    qdoc: QTextDocument,
    page_h: float,
    tables: dict[int, QTextTable],
    groups: dict[int, QTextTable | int] | None = None,
) -> None:
    """Push kept blocks (headings, entry meta) to the next page when stranded.

    A kept block that starts a group (`groups`: a measure's heading, chart and table; a
    safety-plan heading and its list) moves with the whole group when the group would
    cross a page boundary but fits on one page.
    """
    eps = 1.0
    groups = groups or {}
    block = qdoc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        nxt = block.next()
        if fmt.boolProperty(KEEP_WITH_NEXT) and nxt.isValid():
            top, _ = _line_extent(qdoc, block, 0)
            bottom = _target_bottom(qdoc, nxt, tables)
            end = groups.get(block.position())
            if end is not None:
                group_bottom = _group_bottom(qdoc, end)
                if group_bottom - top <= page_h * 0.92:
                    bottom = max(bottom, group_bottom)
            if int(top // page_h) != int((bottom - eps) // page_h):
                # Move the whole chain of kept blocks that leads here.
                start = block
                prev = start.previous()
                while prev.isValid() and prev.blockFormat().boolProperty(KEEP_WITH_NEXT):
                    start = prev
                    prev = start.previous()
                start_top = _line_extent(qdoc, start, 0)[0]
                at_page_top = start_top % page_h < _pt(2)
                if not at_page_top:
                    sfmt = start.blockFormat()
                    sfmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(start).setBlockFormat(sfmt)
        block = nxt


def _page_setup(page_size: str) -> tuple[QPageSize, _Page]:
    size_id = QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4
    qsize = QPageSize(size_id)
    full = qsize.sizePixels(RESOLUTION)
    page = _Page(
        width=float(full.width()),
        height=float(full.height()),
        left=_mm(20),
        right=_mm(20),
        top=_mm(22),
        bottom=_mm(20),
    )
    return qsize, page


def _base_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(9.5)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def _draw_furniture(
    painter: QPainter, page: _Page, index: int, count: int, doc: ShareDocument, base: QFont
) -> None:
    """Header and footer of one page."""
    font = QFont(base)
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QPen(MUTED))
    body = page.body
    header_y = page.top - _mm(8)
    header_rect = QRectF(body.left(), header_y - _pt(10), body.width(), _pt(10))
    painter.drawText(
        header_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), header_text()
    )
    painter.drawText(
        header_rect,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
        _tr("Integration summary") + f" \u00b7 {fmt_date(doc.generated_at)}",
    )
    rule = QPen(RULE)
    rule.setWidthF(_pt(0.5))
    painter.setPen(rule)
    painter.drawLine(QLineF(body.left(), header_y + _pt(3), body.right(), header_y + _pt(3)))
    painter.setPen(QPen(MUTED))
    footer_rect = QRectF(body.left(), page.height - page.bottom + _mm(6), body.width(), _pt(10))
    painter.drawText(
        footer_rect,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        _tr("Page {0} of {1}").format(index + 1, count),
    )


def render_pdf(doc: ShareDocument) -> bytes:
    """Render the summary to PDF bytes in memory, with neutral metadata.

    Nothing is written to disk. Encrypt with `pdf_security.encrypt_pdf` and save with
    `pdf_security.write_private_file` (or use `export_pdf`).
    """
    ensure_qt_app()
    qsize, page = _page_setup(doc.page_size)
    buffer = QBuffer()
    buffer.setData(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.ReadWrite)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(qsize, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(NEUTRAL_TITLE)
    writer.setCreator(NEUTRAL_CREATOR)

    base = _base_font()
    body = page.body
    qdoc = QTextDocument()
    qdoc.documentLayout().setPaintDevice(writer)
    qdoc.setDefaultFont(base)
    qdoc.setDocumentMargin(0)
    qdoc.setPageSize(QSizeF(body.width(), body.height()))
    builder = _Builder(doc, qdoc, body.width(), base)
    charts = _ChartObject(builder.chart_trends, doc.chart_markers(), doc.chart_series(), base)
    qdoc.documentLayout().registerHandler(CHART_OBJECT, charts)
    from integrate.share import pdf_tracking

    sleep_chart = pdf_tracking.register(qdoc, doc, base)  # kept alive until painted
    builder.build()
    _keep_rows(qdoc, body.height(), builder.row_groups)
    _keep_with_next(qdoc, body.height(), builder.tables, builder.groups)

    page_h = body.height()
    count = max(1, qdoc.pageCount())
    # Characters no installed font can draw vanish from Qt's print and text layer alike,
    # and colour emoji become images; note where they sit so the text layer gets them
    # back (share/text_layer.py).
    from integrate.share.fonts import document_texts, text_layer_gaps
    from integrate.share.text_layer import add_invisible_text, missing_runs

    hidden = missing_runs(
        qdoc,
        set(text_layer_gaps(document_texts(doc))),
        page_h=page_h,
        left=body.left(),
        top=body.top(),
        page_height_pt=page.height * 72.0 / RESOLUTION,
        resolution=RESOLUTION,
    )

    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        for index in range(count):
            if index:
                writer.newPage()
            _draw_furniture(painter, page, index, count, doc, base)
            painter.save()
            painter.translate(body.left(), body.top() - index * page_h)
            qdoc.drawContents(painter, QRectF(0, index * page_h, body.width(), page_h))
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    del sleep_chart
    raw = neutralise_metadata(bytes(buffer.data().data()))
    raw = add_invisible_text(raw, hidden)
    if doc.attach_data and doc.measures:
        from integrate.share.attachments import attach, build_attachments

        # After neutralising (which drops /Names, where attachments live); encrypting
        # later (save) encrypts the embedded files with the pages.
        raw = attach(raw, build_attachments(doc))
    return raw
