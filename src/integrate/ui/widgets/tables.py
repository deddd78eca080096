"""Tables whose columns fit the width they are given, their words wrapping, rather than
running off behind a sideways scroll bar (large text, a narrow window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QStyle, QTableView

_WRAPPED = "columnsWrapped"  # a dynamic property: the rows were made taller to wrap


def _longest_word(table: QTableView, column: int) -> int:
    """The widest single word in `column` (header included), with the cell's margins."""
    model = table.model()
    fm = table.fontMetrics()
    texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
    texts += [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
    widest = max((fm.horizontalAdvance(w) for t in texts for w in t.split()), default=0)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return widest + 2 * margin + 2


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents; if together they are wider than the table, each
    gives up room in proportion (never below its longest word) and rows grow to hold the
    wrapped words."""
    table.resizeColumnsToContents()
    model = table.model()
    if model is None or model.columnCount() == 0:
        return
    columns = range(model.columnCount())
    widths = [table.columnWidth(c) for c in columns]
    if sum(widths) <= table.viewport().width():
        if table.property(_WRAPPED):  # back to one line a row
            table.setProperty(_WRAPPED, False)
            for row in range(model.rowCount()):
                table.setRowHeight(row, table.verticalHeader().defaultSectionSize())
        return
    least = table.horizontalHeader().minimumSectionSize()  # no column gets narrower
    floors = [
        min(w, max(least, _longest_word(table, c))) for c, w in zip(columns, widths, strict=True)
    ]
    spare = max(0, table.viewport().width() - sum(floors))
    extra = [w - f for w, f in zip(widths, floors, strict=True)]
    total_extra = sum(extra) or 1
    for c, floor, more in zip(columns, floors, extra, strict=True):
        # Each column gives up room in proportion to how much more than a word it wanted.
        table.setColumnWidth(c, floor + spare * more // total_extra)
    table.setWordWrap(True)
    table.resizeRowsToContents()
    table.setProperty(_WRAPPED, True)


class _Refit(QObject):
    """Fits the columns again when the table's visible width changes."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            fit_columns(self.table)
        return False


def keep_columns_fitted(table: QTableView) -> None:
    """Fit the columns now and whenever the table's visible width changes (its viewport:
    a vertical scroll bar coming or going changes it too)."""
    table.viewport().installEventFilter(_Refit(table))
    fit_columns(table)
