"""The unlock screen: keyring status, passphrase or recovery code, retry."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from integrate.ui.widgets.common import button, button_row, page_layout, page_title, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("Unlock", text)


KEYRING, PASSPHRASE, RECOVERY = 0, 1, 2


def link_button(text: str) -> QPushButton:
    """A secondary way, drawn as a link so the one primary button stands out."""
    btn = button(text)
    btn.setObjectName("link")
    return btn


class UnlockScreen(QWidget):
    """Emits what the patient chose; the controller does the work off the GUI thread.

    A journal whose key sits in the keyring shows one primary action, "Unlock" (also
    Enter); the passphrase and the recovery code sit behind a link. Without a keyring
    slot the passphrase (or, failing that, the recovery code) form comes first."""

    passphrase_entered = Signal(str)
    recovery_entered = Signal(str)
    retry_keyring = Signal()

    def __init__(self, *, has_passphrase: bool, keyring_slot: bool) -> None:
        super().__init__()
        self.has_passphrase = has_passphrase
        self.keyring_slot = keyring_slot
        layout = page_layout(self)
        layout.setContentsMargins(80, 48, 80, 48)
        layout.addWidget(page_title(_tr("Welcome back")))
        self.status = plain_label("", object_name="notice")
        self.status.setAccessibleName(_tr("Status"))
        self.status.setVisible(False)
        layout.addWidget(self.status)

        self.modes = QStackedWidget()
        fallback = PASSPHRASE if has_passphrase else RECOVERY
        # Keyring: the everyday way back in after a lock.
        kr_page = QWidget()
        kr_layout = page_layout(kr_page)
        kr_layout.setContentsMargins(0, 0, 0, 0)
        kr_layout.addWidget(
            plain_label(_tr("Your journal opens with the key kept in this computer's keyring."))
        )
        self.retry_button = button(_tr("Unlock"), primary=True)
        self.retry_button.setDefault(True)  # Enter while it has focus
        self.retry_button.clicked.connect(self.retry_keyring.emit)
        kr_layout.addLayout(button_row(self.retry_button))
        self.other_ways = link_button(
            _tr("Use my passphrase or recovery code instead")
            if has_passphrase
            else _tr("Use my recovery code instead")
        )
        self.other_ways.clicked.connect(lambda: self._mode(fallback))
        kr_layout.addWidget(self.other_ways, 0, Qt.AlignmentFlag.AlignLeft)
        kr_layout.addStretch(1)
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
        self.unlock_button = button(_tr("Unlock"), primary=True)
        self.unlock_button.clicked.connect(self._submit_passphrase)
        pw_layout.addLayout(button_row(self.unlock_button))
        self.use_recovery = link_button(_tr("Use my recovery code instead"))
        self.use_recovery.clicked.connect(lambda: self._mode(RECOVERY))
        pw_layout.addWidget(self.use_recovery, 0, Qt.AlignmentFlag.AlignLeft)
        self._keyring_link(pw_layout)
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
        self.recover_button = button(_tr("Unlock with recovery code"), primary=True)
        self.recover_button.clicked.connect(self._submit_recovery)
        rc_layout.addLayout(button_row(self.recover_button))
        if has_passphrase:
            back = link_button(_tr("Use my passphrase instead"))
            back.clicked.connect(lambda: self._mode(PASSPHRASE))
            rc_layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.use_keyring = self._keyring_link(rc_layout)
        rc_layout.addStretch(1)
        self.modes.addWidget(kr_page)
        self.modes.addWidget(pw_page)
        self.modes.addWidget(rc_page)
        layout.addWidget(self.modes)

        layout.addStretch(1)
        self._mode(KEYRING if keyring_slot else fallback)

    def _keyring_link(self, layout: QVBoxLayout) -> QPushButton:
        """From the passphrase or recovery form, back to the keyring (when there is one)."""
        link = link_button(_tr("Unlock with the keyring instead"))
        link.clicked.connect(lambda: self._mode(KEYRING))
        link.setVisible(self.keyring_slot)
        layout.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
        return link

    def mode(self) -> int:
        """Which form shows: KEYRING, PASSPHRASE or RECOVERY."""
        return self.modes.currentIndex()

    def _mode(self, index: int) -> None:
        self.modes.setCurrentIndex(index)
        focus = {KEYRING: self.retry_button, PASSPHRASE: self.passphrase}.get(index, self.recovery)
        focus.setFocus()

    def show_other_ways(self) -> None:
        """The keyring could not open the journal: offer the passphrase or recovery code."""
        if self.mode() == KEYRING:
            self._mode(PASSPHRASE if self.has_passphrase else RECOVERY)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Enter unlocks from anywhere on the keyring form (not only with the button focused).
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.mode() == KEYRING
            and self.retry_button.isEnabled()
        ):
            self.retry_button.click()
            return
        super().keyPressEvent(event)

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
