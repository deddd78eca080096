"""First run: what Integrate is and is not, crisis-line country, protection, recovery code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from integrate.core.crisis import OTHER_COUNTRY
from integrate.ui.base import theme
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.ui.widgets.flow import WrapCheckBox

MIN_PASSPHRASE = 8


def _tr(text: str) -> str:
    return QCoreApplication.translate("Onboarding", text)


class Onboarding(QWidget):
    """Steps: welcome -> country -> protection -> (create) -> recovery code -> done.

    Emits `create_requested(passphrase or "", ask_every_time)`; the controller creates
    the vault off the GUI thread and calls `show_recovery_code()`.
    """

    create_requested = Signal(str, bool)
    country_chosen = Signal(str)
    finished = Signal()
    save_code_requested = Signal(str, str)  # (code, target path)

    def __init__(
        self, *, keystore_name: str | None, countries: list[tuple[str, str]], default_country: str
    ) -> None:
        super().__init__()
        self.keystore_name = keystore_name
        self.code = ""
        self.steps = QStackedWidget()
        outer = page_layout(self)
        outer.setContentsMargins(80, 40, 80, 40)
        outer.addWidget(self.steps)
        self.steps.addWidget(self._welcome())
        self.steps.addWidget(self._country(countries, default_country))
        self.steps.addWidget(self._protect())
        self.steps.addWidget(self._recovery())

    # -- steps

    def _welcome(self) -> QWidget:
        page = QWidget()
        layout = page_layout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_title(_tr("Welcome to Integrate")))
        layout.addWidget(
            plain_label(
                _tr(
                    "Integrate is a private place for the days after a treatment session: log your "
                    "sessions, answer a few gentle prompts, try grounding exercises, and - only if you "
                    "choose - share a summary with your therapist."
                )
            )
        )
        layout.addWidget(
            plain_label(
                _tr(
                    "What it is not:\n"
                    "• It is not medical advice and does not replace your care team.\n"
                    "• Nobody monitors it. If you are in danger, call your local emergency number or a "
                    'crisis line - the "Need help now" button is on every screen.\n'
                    "• Nothing leaves this computer. There is no account, no internet connection and no "
                    "tracking. Your journal is encrypted on this computer."
                ),
                object_name="notice",
            )
        )
        layout.addStretch(1)
        start = button(_tr("Get started"), primary=True)
        start.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        layout.addWidget(start, 0, Qt.AlignmentFlag.AlignRight)
        self.start_button = start
        return page

    def _country(self, countries: list[tuple[str, str]], default: str) -> QWidget:
        page = QWidget()
        layout = page_layout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_title(_tr("Where are you?")))
        layout.addWidget(
            plain_label(
                _tr(
                    'This chooses the crisis lines shown under "Need help now". You can change it, and '
                    "add your own numbers, later."
                )
            )
        )
        self.country = QComboBox()
        self.country.setAccessibleName(_tr("Country for crisis lines"))
        for code, name in countries:
            self.country.addItem(name, code)
        # Elsewhere: no numbers are guessed; "Need help now" asks to check locally.
        self.country.addItem(_tr("Another country (not listed)"), OTHER_COUNTRY)
        index = self.country.findData(default)
        self.country.setCurrentIndex(max(0, index))
        layout.addWidget(self.country)
        layout.addStretch(1)
        row = flow_row()
        back = button(_tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        nxt = button(_tr("Next"), primary=True)
        nxt.clicked.connect(self._country_next)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(nxt)
        layout.addLayout(row)
        self.country_next = nxt
        return page

    def _country_next(self) -> None:
        self.country_chosen.emit(str(self.country.currentData()))
        self.steps.setCurrentIndex(2)

    def _protect(self) -> QWidget:
        page = QWidget()
        layout = page_layout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_title(_tr("Protecting your journal")))
        if self.keystore_name:
            text = _tr(
                "Your journal is encrypted. Its key will be kept in this computer's "
                "keyring ({store}), so it opens when you are logged in. You can also set a "
                "passphrase - useful if you share this computer."
            ).format(store=self.keystore_name)
        else:
            text = _tr(
                "Your journal is encrypted. This computer has no system keyring Integrate "
                "can use, so please choose a passphrase: you will type it each time you "
                "open Integrate."
            )
        layout.addWidget(plain_label(text))
        self.pass1 = QLineEdit()
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass1.setPlaceholderText(
            _tr("Passphrase (at least {n} characters)").format(n=MIN_PASSPHRASE)
            + ("" if not self.keystore_name else _tr(" - optional"))
        )
        self.pass1.setAccessibleName(_tr("Passphrase"))
        self.pass2 = QLineEdit()
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2.setPlaceholderText(_tr("The same passphrase again"))
        self.pass2.setAccessibleName(_tr("Repeat passphrase"))
        layout.addWidget(self.pass1)
        layout.addWidget(self.pass2)
        self.ask_every_time = WrapCheckBox(
            _tr("Ask for my passphrase every time Integrate opens (for a shared computer)")
        )
        self.ask_every_time.setAccessibleName(_tr("Ask for my passphrase every time"))
        self.ask_every_time.setVisible(bool(self.keystore_name))
        layout.addWidget(self.ask_every_time)
        self.protect_error = plain_label("", object_name="notice")
        self.protect_error.setVisible(False)
        layout.addWidget(self.protect_error)
        layout.addStretch(1)
        row = flow_row()
        back = button(_tr("Back"))
        back.clicked.connect(lambda: self.steps.setCurrentIndex(1))
        self.create_button = button(_tr("Create my journal"), primary=True)
        self.create_button.clicked.connect(self._create)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        return page

    def protect_problem(self) -> str:
        """Why the passphrase fields can't be accepted yet ("" if they can)."""
        p1, p2 = self.pass1.text(), self.pass2.text()
        needed = not self.keystore_name or self.ask_every_time.isChecked()
        if not p1 and not p2:
            return _tr("Please choose a passphrase.") if needed else ""
        if len(p1) < MIN_PASSPHRASE:
            return _tr("The passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE)
        if p1 != p2:
            return _tr("The two passphrases are not the same.")
        return ""

    def _create(self) -> None:
        problem = self.protect_problem()
        self.protect_error.setText(problem)
        self.protect_error.setVisible(bool(problem))
        if problem:
            return
        self.create_button.setEnabled(False)
        self.create_button.setText(_tr("Creating…"))
        passphrase = self.pass1.text()
        self.pass1.clear()
        self.pass2.clear()
        self.create_requested.emit(passphrase, self.ask_every_time.isChecked())

    def creation_failed(self, message: str) -> None:
        self.protect_error.setText(message)
        self.protect_error.setVisible(True)
        self.create_button.setEnabled(True)
        self.create_button.setText(_tr("Create my journal"))

    def _recovery(self) -> QWidget:
        page = QWidget()
        layout = page_layout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_title(_tr("Your recovery code")))
        layout.addWidget(
            plain_label(
                _tr(
                    "If this computer's keyring is ever lost or you forget your passphrase, this code "
                    "opens your journal. It is shown only now. Write it down or save it, and keep it "
                    "somewhere safe and private."
                )
            )
        )
        self.code_label = plain_label("", object_name="notice")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.text_role(self.code_label, "code")
        self.code_label.setAccessibleName(_tr("Recovery code"))
        layout.addWidget(self.code_label)
        save = button(_tr("Save as PDF…"))
        save.clicked.connect(self._save_pdf)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            plain_label(_tr("To confirm you have it, type the last group of four characters:"))
        )
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(_tr("Last four characters of the recovery code"))
        self.confirm.setMaxLength(4)
        self.confirm.textChanged.connect(self._check_confirm)
        layout.addWidget(self.confirm)
        layout.addStretch(1)
        self.done_button = button(_tr("I have saved it - open my journal"), primary=True)
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self._done)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def show_recovery_code(self, code: str) -> None:
        self.code = code
        self.code_label.setText(code)
        self.steps.setCurrentIndex(3)
        self.confirm.setFocus()

    def _check_confirm(self, text: str) -> None:
        last = self.code.rsplit("-", 1)[-1]
        self.done_button.setEnabled(text.strip().upper() == last)

    def _save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Save recovery code"), "recovery-code.pdf", "PDF (*.pdf)"
        )
        if path:
            self.save_code_requested.emit(self.code, path)

    def _done(self) -> None:
        self.code = ""
        self.code_label.clear()
        self.finished.emit()
