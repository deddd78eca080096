"""The Share area: prepare a summary for the therapist, and the log of what was shared."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.sharing.share_wizard import ShareWizard, fmt_day
from integrate.ui.widgets.common import button, page_layout, page_title, plain_label
from integrate.vault.shares import ShareRecord


def _tr(text: str) -> str:
    return QCoreApplication.translate("Share", text)


def share_row(rec: ShareRecord) -> list[str]:
    """When, period, to whom, file name, password: plain display strings."""
    when = rec.created_at.astimezone()
    period = "\u2013"
    if rec.period_from and rec.period_to:
        period = f"{fmt_day(rec.period_from)} \u2013 {fmt_day(rec.period_to)}"
    return [
        f"{fmt_day(when.date())}, {when:%H:%M}",
        period,
        rec.recipient or "\u2013",
        rec.file_name,
        _tr("Yes") if rec.password else _tr("No"),
    ]


class SharePage(QWidget):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.wizard: ShareWizard | None = None
        layout = page_layout(self)
        layout.addWidget(page_title(_tr("Share with my therapist")))
        layout.addWidget(
            plain_label(
                _tr(
                    "Make a PDF summary of the weeks you choose: sessions, measures and the "
                    "entries you pick. You see every page before it is saved, and you decide "
                    "how it reaches your therapist."
                ),
                object_name="muted",
            )
        )
        self.prepare_button = button(_tr("Prepare a summary for my therapist"), primary=True)
        self.prepare_button.setMinimumHeight(48)
        self.prepare_button.clicked.connect(self.open_wizard)
        layout.addWidget(self.prepare_button, 0, Qt.AlignmentFlag.AlignLeft)
        heading = plain_label(_tr("Shared"))
        theme.text_role(heading, "heading")
        layout.addSpacing(8)
        layout.addWidget(heading)
        self.empty = plain_label(_tr("Nothing shared yet."), object_name="muted")
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_tr("Summaries shared so far"))
        self.table.setHorizontalHeaderLabels(
            [_tr("When"), _tr("Period"), _tr("For"), _tr("File"), _tr("Password")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 10)
        layout.addStretch(1)  # keeps the page together while the table is hidden
        services.changed.connect(self._changed)
        self.refresh()

    def _changed(self, area: str) -> None:
        if area == "shares":
            self.refresh()

    def records(self) -> list[ShareRecord]:
        return self.services.use.sharing.shares.list()

    def refresh(self) -> None:
        if not self.services.vault.is_open:
            return
        records = self.records()
        self.table.setRowCount(len(records))
        for r, rec in enumerate(records):
            for c, text in enumerate(share_row(rec)):
                item = QTableWidgetItem(text)  # plain text, never markup
                self.table.setItem(r, c, item)
        self.empty.setVisible(not records)
        self.table.setVisible(bool(records))

    def open_wizard(self) -> ShareWizard:
        """Open the wizard (window-modal, non-blocking) and return it."""
        self.wizard = ShareWizard(self.services, self)
        self.wizard.setWindowModality(Qt.WindowModality.WindowModal)
        self.wizard.show()
        return self.wizard


def share_page(services: AppServices) -> QWidget:
    return SharePage(services)
