"""The journal list: a lazily paged list model with session group headers, and its delegate.

Ten years of daily entries are thousands of rows; the model loads them a page at a
time (`canFetchMore`/`fetchMore`) and the view paints them with one delegate, so no
per-entry widgets exist. The first page is small (the list opens at once); the next
is 40x what is loaded, because the view lays out every loaded row again after each page:
scrolling to the end of ten years takes two pages (~40 ms for the second) rather than 37. Rows are light (no bodies), read from one covering index. User text is painted as plain text with QTextLayout; search
matches are highlighted with text formats, never by building HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from integrate.core.timeutil import day_text
from integrate.services.journal import JournalService
from integrate.vault.entries import (
    EntryRow,
    JournalFilter,
    SessionInfo,
    SessionWindows,
)

PAGE_SIZE = 100  # the first page; later pages are GROWTH x what is loaded
GROWTH = 40
START_MARK, END_MARK = "\x02", "\x03"  # snippet markers: control chars, never typed text

KindRole = Qt.ItemDataRole.UserRole + 1
EntryRole = Qt.ItemDataRole.UserRole + 2
EntryIdRole = Qt.ItemDataRole.UserRole + 3
SnippetRole = Qt.ItemDataRole.UserRole + 4  # (plain text, [(start, length), ...])

AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Journal", text)


def split_marked(
    text: str, start: str = START_MARK, end: str = END_MARK
) -> tuple[str, list[tuple[int, int]]]:
    """Remove match markers from `text`; return the plain text and the marked ranges."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    pos = 0
    open_at: int | None = None
    for ch in text:
        if ch == start:
            open_at = pos
        elif ch == end:
            if open_at is not None and pos > open_at:
                ranges.append((open_at, pos - open_at))
            open_at = None
        else:
            plain.append(ch)
            pos += 1
    return "".join(plain), ranges


def one_line(text: str) -> str:
    """Body text for a one-paragraph preview: line breaks become spaces."""
    return " ".join(text.split())


def format_day(moment: datetime) -> str:
    return day_text(moment, weekday="short")


def group_label(info: SessionInfo | None) -> str:
    if info is None:
        return _tr("Not linked to a session")
    day = format_day(info.at)
    if info.kind == "therapy":
        return _tr("Therapy appointment · {day}").format(day=day)
    if info.number is not None and info.series_name:
        return _tr("{series} · session {n} · {day}").format(
            series=info.series_name, n=info.number, day=day
        )
    if info.number is not None:
        return _tr("Session {n} · {day}").format(n=info.number, day=day)
    return _tr("Session on {day}").format(day=day)


@dataclass(frozen=True)
class HeaderRow:
    session_id: int | None
    label: str


Row = HeaderRow | EntryRow


class JournalModel(QAbstractListModel):
    """Entries matching a JournalFilter, newest first with group headers (or by relevance)."""

    def __init__(self, journal: JournalService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._filter = JournalFilter()
        self._rows: list[Row] = []
        self._loaded = 0  # entries fetched so far (headers not counted)
        self._total = 0
        self._infos: dict[int, SessionInfo] = {}
        self._windows: SessionWindows | None = None  # sessions by start, per reload

    # -- loading

    @property
    def filter(self) -> JournalFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many entries match the filter in all (loaded or not)."""
        return self._total

    def set_filter(self, flt: JournalFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._loaded = 0
        self._infos = self._journal.session_infos()
        self._windows = self._journal.session_windows()
        self._total = self._journal.count(self._filter)
        self._rows = self._with_headers(self._fetch(PAGE_SIZE))
        self.endResetModel()

    def _fetch(self, limit: int) -> list[EntryRow]:
        searching = self._filter.searching
        rows = self._journal.page(
            self._filter,
            limit=limit,
            offset=self._loaded if searching else 0,
            after=None if searching else self._last_entry(),  # keyset: nothing re-read
            marks=(START_MARK, END_MARK),
            windows=self._windows,
        )
        self._loaded += len(rows)
        if len(rows) < limit:
            self._total = self._loaded  # a write elsewhere may have changed the count
        return rows

    def _with_headers(self, rows: list[EntryRow]) -> list[Row]:
        if self._filter.searching:
            return list(rows)
        out: list[Row] = []
        last = self._last_group()
        for row in rows:
            if row.group_session_id != last:
                out.append(
                    HeaderRow(
                        row.group_session_id,
                        group_label(self._infos.get(row.group_session_id or -1)),
                    )
                )
                last = row.group_session_id
            out.append(row)
        return out

    def _last_entry(self) -> EntryRow | None:
        for row in reversed(self._rows):
            if isinstance(row, EntryRow):
                return row
        return None

    def _last_group(self) -> int | None | str:
        last = self._last_entry()
        return "none yet" if last is None else last.group_session_id

    def is_header(self, row: int) -> bool:
        """Whether `row` is a group header (the delegate sizes rows without data())."""
        return 0 <= row < len(self._rows) and isinstance(self._rows[row], HeaderRow)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._loaded < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._loaded >= self._total:
            return
        new = self._with_headers(self._fetch(max(PAGE_SIZE, GROWTH * self._loaded)))
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    # -- in-place updates after the editor saved (no reload, the scroll position stays)

    def row_of(self, entry_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if isinstance(row, EntryRow) and row.id == entry_id:
                return i
        return None

    def update_entry(self, entry_id: int, **changes: object) -> None:
        """Replace fields of a loaded row (title, preview, flagged, tags)."""
        i = self.row_of(entry_id)
        if i is None:
            return
        row = self._rows[i]
        assert isinstance(row, EntryRow)
        if "preview" in changes:
            changes["preview"] = str(changes["preview"])[:240]
        self._rows[i] = row._replace(**changes)  # type: ignore[arg-type]
        index = self.index(i)
        self.dataChanged.emit(index, index)

    # -- Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], HeaderRow):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KindRole:
            return "header" if isinstance(row, HeaderRow) else "entry"
        if isinstance(row, HeaderRow):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.label
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(row)
        if role == EntryRole:
            return row
        if role == EntryIdRole:
            return row.id
        if role == SnippetRole:
            if row.snippet is not None:
                plain, ranges = split_marked(row.snippet)
                return plain.replace("\n", " "), ranges  # same length: ranges stay valid
            return one_line(row.preview), []
        return None

    def _spoken(self, row: EntryRow) -> str:
        parts = [row.title or _tr("Untitled"), format_day(row.created_at)]
        if row.flagged:
            parts.append(_tr("flagged for my therapist"))
        return ", ".join(parts)


class JournalDelegate(QStyledItemDelegate):
    """Paints header rows and entry rows (title, date, preview/snippet, tags) as plain text.

    Row heights follow the font. In a narrow list (large text, or the list dragged
    narrow) the title gets two lines, as one would cut most titles short."""

    PAD = 12
    NARROW_CHARS = 32  # a list narrower than this many average characters is narrow

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # (header, entry) sizes for the view's font, for a wide and a narrow list.
        self._sizes: dict[bool, tuple[QSize, QSize]] = {}
        self._narrow_below = -1  # pixels, for the view's font (-1: not worked out yet)
        self._narrow = False  # as the rows were last sized (their painting follows it)
        self._laid_narrow: bool | None = None  # as at the last resize of the view
        if parent is not None:
            parent.installEventFilter(self)  # the view: a font change resets the sizes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sizes = {}
            self._narrow_below = -1
        elif event.type() == QEvent.Type.Resize and isinstance(watched, QAbstractItemView):
            narrow = self._is_narrow()
            if narrow != self._laid_narrow:
                # Rows change height: lay them out again once the resize is done.
                self._laid_narrow = narrow
                QTimer.singleShot(0, watched.doItemsLayout)
        return False

    def _is_narrow(self) -> bool:
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return False
        if self._narrow_below < 0:
            self._narrow_below = self.NARROW_CHARS * QFontMetrics(view.font()).averageCharWidth()
        return view.viewport().width() < self._narrow_below

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        # Called for every loaded row at each layout: two sizes, worked out once per font,
        # and the row kind asked of the model directly (data() goes through QVariant).
        narrow = self._narrow = self._is_narrow()
        sizes = self._sizes.get(narrow)
        if sizes is None:
            height = QFontMetrics(option.font).height()  # type: ignore[attr-defined]
            lines = 5 if narrow else 4  # a narrow list gives headers and titles two lines
            header = height * (2 if narrow else 1) + 22
            sizes = (QSize(200, header), QSize(200, height * lines + self.PAD * 2 + 6))
            self._sizes[narrow] = sizes
        model = index.model()
        if isinstance(model, JournalModel):
            header = model.is_header(index.row())
        else:  # a proxy in between
            header = index.data(KindRole) == "header"
        return sizes[0] if header else sizes[1]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        base_font = QFont(option.font)  # type: ignore[attr-defined]
        if index.data(KindRole) == "header":
            self._paint_header(painter, rect, palette, base_font, str(index.data()))
        else:
            row = index.data(EntryRole)
            snippet = index.data(SnippetRole)
            selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
            self._paint_entry(
                painter,
                rect,
                palette,
                base_font,
                row,
                snippet,
                selected,
                bool(option.state & QStyle.StateFlag.State_HasFocus),
            )  # type: ignore[attr-defined]
        painter.restore()

    def _paint_header(
        self, painter: QPainter, rect: QRect, palette: QPalette, font: QFont, label: str
    ) -> None:
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.92)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        text_rect = rect.adjusted(self.PAD, 10, -self.PAD, -2)
        fm = QFontMetrics(font)
        if self._narrow:
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
            lines = QRect(text_rect.left(), text_rect.top(), text_rect.width(), fm.height() * 2)
            lines.moveBottom(text_rect.bottom() - (text_rect.height() - fm.height() * 2) // 2)
            draw_marked(painter, lines, label, [], font, muted, muted)
        else:
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(label, Qt.TextElideMode.ElideRight, text_rect.width()),
            )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(
            rect.left() + self.PAD, rect.bottom(), rect.right() - self.PAD, rect.bottom()
        )

    def _paint_entry(
        self,
        painter: QPainter,
        rect: QRect,
        palette: QPalette,
        font: QFont,
        row: EntryRow,
        snippet: tuple[str, list[tuple[int, int]]],
        selected: bool,
        focused: bool,
    ) -> None:
        card = rect.adjusted(4, 3, -4, -3)
        if selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(40)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(fill)
            painter.setPen(
                palette.color(QPalette.ColorRole.Highlight) if focused else Qt.PenStyle.NoPen
            )
            painter.drawRoundedRect(card, 8, 8)
        inner = card.adjusted(self.PAD, self.PAD - 4, -self.PAD, -self.PAD + 4)
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)

        # Line 1: the title, the full width (check-in answers are titled by their question,
        # which a date beside it would cut short). The date goes on line 4, on the right.
        date_font = QFont(font)
        date_font.setPointSizeF(font.pointSizeF() * 0.9)
        date_text = format_day(row.created_at)
        date_w = QFontMetrics(date_font).horizontalAdvance(date_text) + 8
        title_font = QFont(font)
        title_font.setBold(True)
        fm = QFontMetrics(title_font)
        title = row.title or one_line(row.preview)[:80] or _tr("Untitled")
        painter.setFont(title_font)
        painter.setPen(text_color if row.title else muted)
        line_h = fm.height()
        title_lines = 2 if self._narrow else 1
        title_rect = QRect(inner.left(), inner.top(), inner.width(), line_h * title_lines)
        if title_lines == 1:
            painter.drawText(
                title_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(
                    title.replace("\n", " "), Qt.TextElideMode.ElideRight, title_rect.width()
                ),
            )
        else:
            colour = text_color if row.title else muted
            draw_marked(
                painter, title_rect, title.replace("\n", " "), [], title_font, colour, colour
            )
        # Lines 2-3: the snippet or the start of the body, matches highlighted.
        text, ranges = snippet
        top = inner.top() + line_h * title_lines + 4
        draw_marked(
            painter,
            QRect(inner.left(), top, inner.width(), line_h * 2),
            text,
            ranges,
            font,
            text_color,
            palette.color(QPalette.ColorRole.Highlight),
        )

        # Line 4: flag and tags, and the date on the right.
        y = top + line_h * 2 + 4
        painter.setFont(date_font)
        painter.setPen(muted)
        dfm = QFontMetrics(date_font)
        painter.drawText(
            QRect(inner.right() - date_w, y, date_w, dfm.height()),
            Qt.AlignmentFlag.AlignRight,
            date_text,
        )
        bits: list[str] = []
        if row.flagged:
            bits.append("⚑ " + _tr("For my therapist"))
        if row.tags:
            bits.append("  ".join("#" + t for t in row.tags))
        if bits:
            small = QFont(font)
            small.setPointSizeF(font.pointSizeF() * 0.9)
            painter.setFont(small)
            painter.setPen(muted)
            sfm = QFontMetrics(small)
            room = inner.width() - date_w
            painter.drawText(
                QRect(inner.left(), y, room, sfm.height()),
                Qt.AlignmentFlag.AlignLeft,
                sfm.elidedText("   ".join(bits), Qt.TextElideMode.ElideRight, room),
            )


def draw_marked(
    painter: QPainter,
    rect: QRect,
    text: str,
    ranges: list[tuple[int, int]],
    font: QFont,
    color: QColor,
    accent: QColor,
) -> None:
    """Draw plain `text` wrapped into `rect`, with `ranges` bold and underlined in `accent`."""
    layout = QTextLayout(text, font)
    formats: list[QTextLayout.FormatRange] = []
    for start, length in ranges:
        fr = QTextLayout.FormatRange()
        fr.start, fr.length = start, length
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(accent)
        fmt.setFontUnderline(True)
        fr.format = fmt
        formats.append(fr)
    layout.setFormats(formats)
    fm = QFontMetrics(font)
    layout.beginLayout()
    y = 0.0
    last_line = None
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        if y + fm.height() > rect.height() + 1:
            line.setLineWidth(rect.width())  # Qt needs a width before the layout ends
            line.setPosition(QPointF(0, y))
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, y))
        y += fm.height()
        last_line = line
    truncated = last_line is not None and last_line.textStart() + last_line.textLength() < len(text)
    layout.endLayout()
    painter.setPen(color)
    painter.setClipRect(rect)
    layout.draw(painter, QPointF(rect.left(), rect.top()))
    painter.setClipping(False)
    if truncated and last_line is not None:
        x = rect.left() + int(last_line.naturalTextWidth()) + 2
        if x + fm.horizontalAdvance("…") <= rect.right():
            painter.setFont(font)
            painter.drawText(QPointF(x, rect.top() + last_line.y() + fm.ascent()), "…")
