"""Settings: how the journal is protected (keyring, passphrase, recovery code).

Other areas add their own sections (schedule, reminders, backups, appearance)
through `SECTION_FACTORIES`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.ui.base.context import AppServices
from integrate.ui.base.worker import run_in_background
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.vault import VaultError


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


SectionFactory = Callable[[AppServices], QWidget]


# Each feature's settings, imported when the Settings page is built.
def _schedule(services: AppServices) -> QWidget:
    from integrate.ui.sessions.schedule_settings import ScheduleSection

    return ScheduleSection(services)


def _reminders(services: AppServices) -> QWidget:
    from integrate.ui.reminders.reminder_settings import ReminderSection

    return ReminderSection(services)


def _measures(services: AppServices) -> QWidget:
    from integrate.ui.measures.measure_settings import MeasureSection

    return MeasureSection(services)


def _appearance(services: AppServices) -> QWidget:
    from integrate.ui.settings.appearance_settings import AppearanceSection

    return AppearanceSection(services)


def _locking(services: AppServices) -> QWidget:
    from integrate.ui.settings.data_settings import LockingSection

    return LockingSection(services)


def _data(services: AppServices) -> QWidget:
    from integrate.ui.settings.data_settings import DataSection

    return DataSection(services)


def _security(services: AppServices) -> QWidget:
    return SecuritySection(services)


SECTION_FACTORIES: list[SectionFactory] = [
    _security,
    _schedule,
    _reminders,
    _measures,
    _appearance,
    _locking,
    _data,
]


class SecuritySection(QGroupBox):
    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Protection"))
        self.services = services
        layout = QVBoxLayout(self)
        self.status = plain_label("")
        layout.addWidget(self.status)
        self.ask_every_time = WrapCheckBox(
            _tr(
                "Ask for my passphrase every time Integrate opens (removes the key from the keyring)"
            )
        )
        self.ask_every_time.setAccessibleName(_tr("Ask for my passphrase every time"))
        self.ask_every_time.toggled.connect(self._toggle_ask)
        layout.addWidget(self.ask_every_time)
        row = flow_row()
        self.change_pass = button(_tr("Set or change passphrase…"))
        self.change_pass.clicked.connect(self._change_passphrase)
        row.addWidget(self.change_pass)
        self.new_code = button(_tr("Make a new recovery code…"))
        self.new_code.clicked.connect(self._new_recovery_code)
        row.addWidget(self.new_code)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        slots = self.services.vault.slots
        parts = []
        if slots.keyring:
            parts.append(_tr("The key is kept in this computer's keyring."))
        if slots.passphrase:
            parts.append(_tr("A passphrase can open the journal."))
        parts.append(_tr("A recovery code can open the journal."))
        self.status.setText(" ".join(parts))
        self.ask_every_time.blockSignals(True)
        self.ask_every_time.setChecked(slots.keyring is None)
        self.ask_every_time.blockSignals(False)

    def _toggle_ask(self, checked: bool) -> None:
        vault = self.services.vault
        if checked:
            if vault.slots.passphrase is None:
                QMessageBox.information(
                    self,
                    _tr("Passphrase needed"),
                    _tr("Set a passphrase first: it is how the journal will open."),
                )
                self.refresh()
                return
            run_in_background(
                lambda: vault.forget_keyring(self.services.keystore), self._keyring_done
            )
        else:
            run_in_background(
                lambda: vault.store_key_in_keyring(self.services.keystore), self._keyring_done
            )

    def _keyring_done(self, result: object) -> None:
        ok = getattr(result, "ok", False)
        if not ok:
            QMessageBox.warning(
                self,
                _tr("Keyring"),
                getattr(result, "detail", "") or _tr("The system keyring could not be changed."),
            )
        self.refresh()

    def _change_passphrase(self) -> None:
        first, ok = QInputDialog.getText(
            self,
            _tr("New passphrase"),
            _tr("New passphrase (at least 8 characters):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        second, ok = QInputDialog.getText(
            self,
            _tr("New passphrase"),
            _tr("The same passphrase again:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if len(first) < 8 or first != second:
            QMessageBox.warning(
                self,
                _tr("Passphrase not changed"),
                _tr("The passphrases must match and have at least 8 characters. Nothing changed."),
            )
            return
        run_in_background(
            lambda: self.services.vault.set_passphrase(first),
            lambda _r: self._done(_tr("Your new passphrase is set.")),
            self._failed,
        )

    def _new_recovery_code(self) -> None:
        answer = QMessageBox.question(
            self,
            _tr("New recovery code"),
            _tr("Make a new recovery code? The old one will stop working."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_in_background(
            self.services.vault.regenerate_recovery_code, self._show_code, self._failed
        )

    def _show_code(self, code: object) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(_tr("New recovery code"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _tr("Your new recovery code (shown once - write it down):\n\n{code}").format(
                code=str(code)
            )
        )
        box.exec()
        self.refresh()

    def _done(self, message: str) -> None:
        QMessageBox.information(self, _tr("Done"), message)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        text = (
            str(exc)
            if isinstance(exc, VaultError)
            else _tr("That did not work. Nothing was changed.")
        )
        QMessageBox.warning(self, _tr("Not changed"), text)


class SettingsPage(QWidget):
    """The sections of every feature, one under the other."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[QWidget] = []

    def open_item(self, item: str) -> None:
        """Hand an item (e.g. "backup" from Today) to the section that knows it."""
        for section in self.sections:
            opener = getattr(section, "open_item", None)
            if callable(opener) and opener(item):
                return


def settings_page(services: AppServices) -> QWidget:
    page = SettingsPage()
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    inner = QWidget()
    layout = page_layout(inner)
    layout.addWidget(page_title(_tr("Settings")))
    for factory in SECTION_FACTORIES:
        section = factory(services)
        page.sections.append(section)
        layout.addWidget(section)
    layout.addStretch(1)
    scroll.setWidget(inner)
    outer.addWidget(scroll)
    return page
