"""Today's quiet notices about the patient's data (listed in ui.shell.today.TODAY_SECTIONS).

- A gentle backup reminder when backups are in use and the last one is more than a
  week old (vault.backup.needs_reminder); "Not now" quiets it for a week.
- After a key change that was interrupted and finished on the next open, the new
  recovery code was never shown: an offer to make one now.

Cheap on purpose (a few settings reads): Today builds its sections at every refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from integrate.ui.base.context import AppServices
from integrate.ui.base.worker import run_in_background
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, button_row, plain_label
from integrate.vault.backup import dismiss_reminder, last_backup_at, needs_reminder
from integrate.vault.unreadable import listing


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataToday", text)


def data_notices_section(services: AppServices) -> QWidget | None:
    """A card with whichever notices apply, or None (the usual case)."""
    vault = services.vault
    if not vault.is_open:
        return None
    key_notice = vault.recovery_code_unseen or vault.recovery_slot_damaged
    backup_notice = needs_reminder(vault)
    left_out = listing(services.use.unreadable())  # records readers could not use (issue 15)
    if not key_notice and not backup_notice and not left_out:
        return None
    frame, layout = card()
    layout.setSpacing(10)
    if key_notice:
        layout.addWidget(RecoveryCodeNotice(services))
    if backup_notice:
        layout.addWidget(BackupReminder(services))
    if left_out:
        notice = plain_label(
            _tr(
                "Some saved records could not be read, so they are left out of what you "
                "see ({records}). Everything else is shown as usual, and the records stay "
                "in your journal and its backups."
            ).format(records=left_out)
        )
        notice.setObjectName("unreadableNotice")
        layout.addWidget(notice)
    return frame


class BackupReminder(QWidget):
    """A calm line about the last backup, with "Back up now" and "Not now"."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.setObjectName("backupReminder")
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        last = last_backup_at(services.vault)
        if last is None:
            text = _tr(
                "No automatic backup has been saved yet. When you have a moment, have a look "
                "at the backup folder in Settings, under Your data."
            )
        else:
            text = _tr(
                "Your last backup is from {day}. When you have a moment, a fresh one keeps "
                "what you have written safe."
            ).format(day=f"{last:%d %B %Y}")
        self.text = plain_label(text)
        self.text.setAccessibleName(_tr("Backup reminder"))
        layout.addWidget(self.text)
        self.backup_button = button(_tr("Back up now…"), primary=True)
        self.backup_button.clicked.connect(self.back_up_now)
        self.later_button = button(_tr("Not now"), accessible=_tr("Not now: remind me in a week"))
        self.later_button.clicked.connect(self.not_now)
        layout.addLayout(button_row(self.backup_button, self.later_button))

    def back_up_now(self) -> None:
        """Open Settings and start the same "Back up now" as there."""
        self.services.navigate.emit("settings", "backup")

    def not_now(self) -> None:
        dismiss_reminder(self.services.vault)
        self.setVisible(False)
        card = self.parentWidget()
        if card is not None:
            notices = [
                *card.findChildren(RecoveryCodeNotice),
                *card.findChildren(BackupReminder),
                *card.findChildren(QLabel, "unreadableNotice"),
            ]
            if not any(w.isVisibleTo(card) for w in notices):
                card.setVisible(False)  # nothing left to say: no empty card


class RecoveryCodeNotice(QWidget):
    """After an interrupted key change was finished: make a new recovery code."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.setObjectName("recoveryNotice")
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if services.vault.recovery_slot_damaged:
            text = _tr(
                "The part of your journal's key file that holds your recovery code is "
                "damaged, so the code you wrote down can no longer open the journal. Your "
                "entries are safe. Please make a new recovery code and keep it safe."
            )
        else:
            text = _tr(
                "A change of your journal's key was interrupted and has now been completed. "
                "Its new recovery code was never shown, so the code you wrote down no longer "
                "opens the journal. Please make a new one and keep it safe."
            )
        self.text = plain_label(text)
        layout.addWidget(self.text)
        self.make_button = button(_tr("Make a new recovery code…"), primary=True)
        self.make_button.clicked.connect(self.make_code)
        layout.addLayout(button_row(self.make_button))

    def make_code(self) -> None:
        vault = self.services.vault
        self.make_button.setEnabled(False)
        run_in_background(vault.regenerate_recovery_code, self._show_code, self._failed)

    def _show_code(self, code: str) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(_tr("New recovery code"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _tr("Your new recovery code (shown once - write it down):\n\n{code}").format(code=code)
        )
        box.exec()
        self.setVisible(False)
        self.services.notify("settings")

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        box = QMessageBox(self)
        box.setWindowTitle(_tr("Not done"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _tr("The recovery code could not be changed ({error}). Nothing was changed.").format(
                error=type(exc).__name__
            )
        )
        box.exec()
