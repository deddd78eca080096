"""The read-only recovery screen shown when a journal fails its integrity checks.

Nothing here writes to the journal: it explains, lists what was found, lets the
patient read what is intact, and points to backups.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QWidget

from integrate.paths import VaultPaths
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.vault.db import IntegrityReport


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


class RecoveryScreen(QWidget):
    read_intact_requested = Signal()
    # The patient ticked "I understand" and chose to open an older journal as it is.
    open_anyway_requested = Signal()

    def __init__(
        self,
        paths: VaultPaths,
        message: str,
        report: IntegrityReport | None,
        *,
        details: list[str] | None = None,
        offer_open_anyway: bool = False,
    ) -> None:
        super().__init__()
        self.paths = paths
        layout = page_layout(self)
        layout.addWidget(page_title(_tr("Your journal needs attention")))
        layout.addWidget(plain_label(message, object_name="notice"))
        layout.addWidget(
            plain_label(
                _tr(
                    "Integrate has not changed, deleted or replaced anything. If you have a backup, you "
                    "can restore it. The file is here:\n{path}"
                ).format(path=str(paths.db))
            )
        )
        problems = (report.cipher_problems + report.sqlite_problems) if report else []
        problems += details or []
        if problems:
            found = QPlainTextEdit("\n".join(problems[:50]))
            found.setReadOnly(True)
            found.setAccessibleName(_tr("Problems found"))
            found.setMaximumHeight(120)
            layout.addWidget(found)
        row = flow_row()
        backups = button(_tr("Show the backups folder"))
        backups.clicked.connect(self._open_backups)
        row.addWidget(backups)
        self.read_button = button(_tr("Read what is intact"), primary=True)
        self.read_button.clicked.connect(self.read_intact_requested.emit)
        row.addWidget(self.read_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.understood = QCheckBox(_tr("I understand that recent changes may be missing"))
        self.open_anyway = button(_tr("Open it as it is"))
        self.open_anyway.setEnabled(False)
        self.understood.toggled.connect(self.open_anyway.setEnabled)
        self.open_anyway.clicked.connect(self.open_anyway_requested.emit)
        if offer_open_anyway:
            layout.addWidget(
                plain_label(
                    _tr(
                        "You can open the journal as it is now: changes saved after the last "
                        "recorded state stay missing, and this state becomes the one Integrate "
                        "checks against from then on. To go back to a backup instead, open it "
                        "as it is, then choose Settings, Data, Restore from a backup (a copy "
                        "of the journal as it is now is saved first)."
                    )
                )
            )
            layout.addWidget(self.understood)
            open_row = flow_row()
            open_row.addWidget(self.open_anyway)
            open_row.addStretch(1)
            layout.addLayout(open_row)
        else:
            self.understood.setVisible(False)
            self.open_anyway.setVisible(False)
        self.reader = QPlainTextEdit()
        self.reader.setReadOnly(True)
        self.reader.setAccessibleName(_tr("Readable entries"))
        self.reader.setVisible(False)
        layout.addWidget(self.reader, 1)
        layout.addStretch(0)

    def show_readable(self, text: str) -> None:
        self.reader.setPlainText(text)
        self.reader.setVisible(True)

    def _open_backups(self) -> None:
        folder = self.paths.backups if self.paths.backups.is_dir() else self.paths.root
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
