"""The unlock screen: keyring status, passphrase or recovery code, retry."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QStackedWidget, QWidget

from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("Unlock", text)


class UnlockScreen(QWidget):
    """Emits what the patient chose; the controller does the work off the GUI thread."""

    passphrase_entered = Signal(str)
    recovery_entered = Signal(str)
    retry_keyring = Signal()

    def __init__(self, *, has_passphrase: bool, keyring_slot: bool) -> None:
        super().__init__()
        self.has_passphrase = has_passphrase
        layout = page_layout(self)
        layout.setContentsMargins(80, 48, 80, 48)
        layout.addWidget(page_title(_tr("Welcome back")))
        self.status = plain_label("", object_name="notice")
        self.status.setAccessibleName(_tr("Status"))
        self.status.setVisible(False)
        layout.addWidget(self.status)

        self.modes = QStackedWidget()
        # Passphrase
        pw_page = QWidget()
        pw_layout = page_layout(pw_page)
        pw_layout.setContentsMargins(0, 0, 0, 0)
        pw_layout.addWidget(plain_label(_tr("Enter your passphrase to open your journal.")))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_tr("Passphrase"))
        self.passphrase.setPlaceholderText(_tr("Passphrase"))
        self.passphrase.returnPressed.connect(self._submit_passphrase)
        pw_layout.addWidget(self.passphrase)
        row = flow_row()
        self.unlock_button = button(_tr("Unlock"), primary=True)
        self.unlock_button.clicked.connect(self._submit_passphrase)
        row.addWidget(self.unlock_button)
        self.use_recovery = button(_tr("Use my recovery code instead"))
        self.use_recovery.clicked.connect(lambda: self._mode(1))
        row.addWidget(self.use_recovery)
        row.addStretch(1)
        pw_layout.addLayout(row)
        pw_layout.addStretch(1)
        # Recovery code
        rc_page = QWidget()
        rc_layout = page_layout(rc_page)
        rc_layout.setContentsMargins(0, 0, 0, 0)
        rc_layout.addWidget(
            plain_label(
                _tr(
                    "Enter the recovery code you saved when you set up Integrate. Spaces, dashes and "
                    "upper or lower case do not matter."
                )
            )
        )
        self.recovery = QLineEdit()
        self.recovery.setAccessibleName(_tr("Recovery code"))
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery.returnPressed.connect(self._submit_recovery)
        rc_layout.addWidget(self.recovery)
        row2 = flow_row()
        self.recover_button = button(_tr("Unlock with recovery code"), primary=True)
        self.recover_button.clicked.connect(self._submit_recovery)
        row2.addWidget(self.recover_button)
        if has_passphrase:
            back = button(_tr("Use my passphrase instead"))
            back.clicked.connect(lambda: self._mode(0))
            row2.addWidget(back)
        row2.addStretch(1)
        rc_layout.addLayout(row2)
        rc_layout.addStretch(1)
        self.modes.addWidget(pw_page)
        self.modes.addWidget(rc_page)
        layout.addWidget(self.modes)

        self.retry_button = button(_tr("Try the system keyring again"))
        self.retry_button.clicked.connect(self.retry_keyring.emit)
        self.retry_button.setVisible(keyring_slot)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._mode(0 if has_passphrase else 1)

    def _mode(self, index: int) -> None:
        self.modes.setCurrentIndex(index)
        (self.passphrase if index == 0 else self.recovery).setFocus()

    def show_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (
            self.unlock_button,
            self.recover_button,
            self.retry_button,
            self.passphrase,
            self.recovery,
        ):
            widget.setEnabled(not busy)
        if text:
            self.show_message(text)

    def _submit_passphrase(self) -> None:
        text = self.passphrase.text()
        if text:
            self.passphrase.clear()
            self.passphrase_entered.emit(text)

    def _submit_recovery(self) -> None:
        text = self.recovery.text()
        if text.strip():
            self.recovery_entered.emit(text)
