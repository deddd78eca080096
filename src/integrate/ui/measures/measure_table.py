"""Every stored questionnaire in a table: change its date, or delete it after confirming.

The crisis screen shown during a questionnaire that was left unsaved has its own row
("answers not saved"), so the patient sees what the journal keeps and can delete it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from integrate.core.timeutil import day_text, now_local
from integrate.ui.base.context import AppServices
from integrate.ui.measures.measure_form import instrument_title
from integrate.ui.widgets.common import button, flow_row, plain_label
from integrate.ui.widgets.tables import fit_columns, keep_columns_fitted
from integrate.vault.measures import Administration, CrisisScreenShown

ID_ROLE = 0x0100  # Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureTable", text)


def _qt(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


def ask_datetime(parent: QWidget, current: datetime) -> datetime | None:
    """A small dialog to pick when a questionnaire was taken (None: cancelled)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Change date"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(plain_label(_tr("When did you fill this in?")))
    edit = QDateTimeEdit(_qt(current))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy HH:mm")
    edit.setMaximumDateTime(_qt(now_local()))
    edit.setAccessibleName(_tr("Date and time taken"))
    layout.addWidget(edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return datetime.fromtimestamp(edit.dateTime().toMSecsSinceEpoch() / 1000).astimezone()


def confirm_delete(parent: QWidget, description: str) -> bool:
    answer = QMessageBox.question(
        parent,
        _tr("Delete this result?"),
        _tr("Delete {what}? This cannot be undone.").format(what=description),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _newest_first(row: Administration | CrisisScreenShown) -> tuple[datetime, bool, int]:
    """Sort key (reversed): time, then a saved result after its support-screen note."""
    if isinstance(row, CrisisScreenShown):
        return row.shown_at, False, row.id or 0
    return row.taken_at, True, row.id or 0


class MeasureTable(QWidget):
    changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[Administration | CrisisScreenShown] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.table = QTableWidget()
        self.table.setAccessibleName(_tr("All questionnaire results"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        keep_columns_fitted(self.table)
        layout.addWidget(self.table, 1)
        row = flow_row()
        self.date_button = button(_tr("Change date..."))
        self.date_button.clicked.connect(self._edit_selected)
        self.delete_button = button(_tr("Delete..."))
        self.delete_button.clicked.connect(self._delete_selected)
        row.addWidget(self.date_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        repo = self.services.measures
        rows: list[Administration | CrisisScreenShown] = [*repo.list(), *repo.crisis_screens()]
        rows.sort(key=_newest_first, reverse=True)
        self.rows = rows
        headers = [_tr("Date"), _tr("Questionnaire"), _tr("Total"), _tr("Range"), _tr("Note")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)  # plain text: never read as markup
                item.setData(ID_ROLE, row.id)
                self.table.setItem(r, c, item)
        fit_columns(self.table)  # wrapped rather than sideways, if the text is large
        self._selection_changed()

    def _cells(self, row: Administration | CrisisScreenShown) -> tuple[str, ...]:
        ins = self.services.measures.instruments.get(row.instrument)
        name = instrument_title(ins) if ins else row.instrument
        if isinstance(row, CrisisScreenShown):
            when = f"{day_text(row.shown_at)} {row.shown_at:%H:%M}"
            return when, name, _tr("Answers not saved"), "", _tr("Support screen shown")
        total = "" if row.total is None or ins is None else f"{row.total} / {ins.score_max}"
        if row.total is None and row.subscales:
            total = ", ".join(f"{k} {v}" for k, v in row.subscales.items())
        note = _tr("Support screen shown") if row.crisis_shown else ""
        return (
            f"{day_text(row.taken_at)} {row.taken_at:%H:%M}",
            name,
            total,
            (row.band or "").lower(),
            note,
        )

    def _selected(self) -> Administration | CrisisScreenShown | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_id(self, measure_id: int) -> None:
        for r, adm in enumerate(self.rows):
            if isinstance(adm, Administration) and adm.id == measure_id:
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        selected = self._selected()
        # When the support screen was shown is a fact, not something to correct.
        self.date_button.setEnabled(isinstance(selected, Administration))
        self.delete_button.setEnabled(selected is not None)

    def _describe(self, row: Administration | CrisisScreenShown) -> str:
        ins = self.services.measures.instruments.get(row.instrument)
        name = instrument_title(ins) if ins else row.instrument
        if isinstance(row, CrisisScreenShown):
            return _tr(
                "the note that the support screen was shown during the {name} of {when}"
            ).format(name=name, when=day_text(row.shown_at))
        return _tr("the {name} of {when}").format(name=name, when=day_text(row.taken_at))

    def _edit_selected(self) -> None:
        adm = self._selected()
        if not isinstance(adm, Administration) or adm.id is None:
            return
        when = ask_datetime(self, adm.taken_at)
        if when is None:
            return
        self.services.measures.set_taken_at(adm.id, when)
        self._after_change()
        self.select_id(adm.id)

    def _delete_selected(self) -> None:
        row = self._selected()
        if row is None or row.id is None:
            return
        if not confirm_delete(self, self._describe(row)):
            return
        if isinstance(row, CrisisScreenShown):
            self.services.measures.delete_crisis_screen(row.id)
        else:
            self.services.measures.delete(row.id)
        self._after_change()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()
        self.services.notify("measures")
