"""Moves the window between first run, unlock, the main shell, lock and recovery.

All vault work that can block (keyring over D-Bus, scrypt, integrity checks)
runs in the background; screens only emit what the patient chose.

Start-up speed: only what an unlock with Today needs is imported up front; first-run,
recovery, reminders and dialogs import their modules when they are first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QScrollArea, QWidget

from integrate.paths import VaultPaths
from integrate.ui.first_paint import after_first_paint
from integrate.ui.main_window import MainWindow, Shell
from integrate.ui.services import AppServices
from integrate.ui.unlock import UnlockScreen
from integrate.ui.worker import run_in_background
from integrate.vault.db import DatabaseError, IntegrityReport
from integrate.vault.keys import KeySlots
from integrate.vault.keystore import Keystore, KeystoreOutcome
from integrate.vault.vault import (
    CreatedVault,
    UnlockOutcome,
    UnlockResult,
    Vault,
    VaultError,
    create_vault,
    load_slots,
    open_with_key,
    outcome_message,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

if TYPE_CHECKING:
    from integrate.ui.onboarding import Onboarding
    from integrate.ui.recovery import RecoveryScreen
    from integrate.ui.reminders import ReminderDriver

DEFAULT_COUNTRY = "US"
PREF_GEOMETRY = "window/geometry"  # size and position only
PREF_LAST_AREA = "ui/last_area"  # an area key such as "journal", never an item


def _tr(text: str) -> str:
    return QCoreApplication.translate("Controller", text)


class AppController(QObject):
    unlocked = Signal()
    locked = Signal()

    def __init__(
        self, window: MainWindow, paths: VaultPaths, keystore: Keystore, prefs: QSettings
    ) -> None:
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.keystore = keystore
        self.prefs = prefs
        self.services: AppServices | None = None
        self.reminders: ReminderDriver | None = None
        self.reminder_clock: Callable[[], datetime] | None = None  # tests inject a fake clock
        self._recovery_key_slots: tuple[KeySlots, object] | None = None
        window.help_requested.connect(self.show_help)
        window.lock_requested.connect(self.lock)
        window.guide_requested.connect(self.show_guide)
        self._restore_geometry()
        from integrate.ui.autolock import install_hygiene  # auto-lock, screen lock, area

        self.hygiene = install_hygiene(self)

    # -- preferences kept outside the vault (nothing sensitive)

    @property
    def country(self) -> str:
        return str(self.prefs.value("crisis/country", DEFAULT_COUNTRY))

    def set_country(self, code: str) -> None:
        self.prefs.setValue("crisis/country", code)
        self.prefs.sync()
        if self.services is not None and self.services.vault.writable:  # the CLI reads it
            self.services.vault.set_setting("crisis_country", code)

    # -- start

    def start(self) -> None:
        if not self.paths.exists():
            self.show_onboarding()
        else:
            self.show_unlock(auto_keyring=True)

    def show_onboarding(self) -> None:
        from integrate.core.crisis import load_crisis_lines
        from integrate.ui.onboarding import Onboarding

        keystore_name = self.keystore.describe()
        screen = Onboarding(
            keystore_name=None if keystore_name == "none" else keystore_name,
            countries=load_crisis_lines().country_choices(),
            default_country=self.country,
        )
        screen.country_chosen.connect(self.set_country)
        screen.create_requested.connect(lambda pw, ask: self._create(screen, pw, ask))
        screen.save_code_requested.connect(self._save_code_pdf)
        screen.finished.connect(self._onboarding_done)
        self.window.show_screen(screen)
        self._pending_vault: Vault | None = None

    def _create(self, screen: Onboarding, passphrase: str, ask_every_time: bool) -> None:
        keystore = None if ask_every_time else self.keystore

        def work() -> CreatedVault:
            return create_vault(self.paths, keystore=keystore, passphrase=passphrase or None)

        def done(created: CreatedVault) -> None:
            self._pending_vault = created.vault
            screen.show_recovery_code(created.recovery_code)

        def failed(exc: BaseException) -> None:
            message = (
                str(exc)
                if isinstance(exc, VaultError)
                else _tr("The journal could not be created: {error}").format(
                    error=type(exc).__name__
                )
            )
            screen.creation_failed(message)

        run_in_background(work, done, failed)

    def _onboarding_done(self) -> None:
        if self._pending_vault is not None:
            vault, self._pending_vault = self._pending_vault, None
            self._enter(vault)

    def _save_code_pdf(self, code: str, path: str) -> None:
        from pathlib import Path

        from integrate.share.recovery_pdf import write_recovery_code_pdf

        try:
            write_recovery_code_pdf(Path(path), code)
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                _tr("Not saved"),
                _tr("The file could not be saved ({error}). Write the code down instead.").format(
                    error=exc.strerror or type(exc).__name__
                ),
            )

    # -- unlock

    def show_unlock(self, *, auto_keyring: bool, message: str = "") -> None:
        slots = load_slots(self.paths)
        if isinstance(slots, UnlockResult):
            self._show_failure(slots)
            return
        early: UnlockResult | None = None
        if slots.keyring is not None and auto_keyring and self.keystore.prefetched(slots.vault_id):
            # The key was read while Qt loaded (integrate.startup) and opening takes a few ms
            # (the integrity check runs after Today paints): no unlock screen in between.
            early = unlock_with_keyring(
                self.paths, self.keystore, full_check=False, cipher_check=False
            )
            if early.ok and early.vault is not None:
                self._enter(early.vault)
                return
        screen = UnlockScreen(
            has_passphrase=slots.passphrase is not None, keyring_slot=slots.keyring is not None
        )
        screen.passphrase_entered.connect(
            lambda pw: self._unlock(
                screen,
                lambda: unlock_with_passphrase(
                    self.paths, pw, full_check=False, cipher_check=False
                ),
            )
        )
        screen.recovery_entered.connect(
            lambda code: self._unlock(
                screen,
                lambda: unlock_with_recovery(
                    self.paths, code, full_check=False, cipher_check=False
                ),
                via_recovery=True,
            )
        )
        screen.retry_keyring.connect(
            lambda: self._unlock(
                screen,
                lambda: unlock_with_keyring(
                    self.paths, self.keystore, full_check=False, cipher_check=False
                ),
            )
        )
        self.window.show_screen(screen)
        if message:
            screen.show_message(message)
        if early is not None:
            self._unlock_finished(screen, early, via_recovery=False)
        elif slots.keyring is not None and auto_keyring:
            self._unlock(
                screen,
                lambda: unlock_with_keyring(
                    self.paths, self.keystore, full_check=False, cipher_check=False
                ),
            )
        elif slots.keyring is not None:
            screen.retry_button.setFocus()  # after a lock: "Unlock" is the one action (Enter)

    def _unlock(self, screen: UnlockScreen, work: object, via_recovery: bool = False) -> None:
        screen.set_busy(True, _tr("Opening your journal…"))

        def done(result: UnlockResult) -> None:
            self._unlock_finished(screen, result, via_recovery)

        def failed(exc: BaseException) -> None:
            screen.set_busy(False)
            screen.show_message(
                _tr(
                    "Something went wrong while opening the journal ({error}). Nothing was changed."
                ).format(error=type(exc).__name__)
            )

        run_in_background(work, done, failed)  # type: ignore[arg-type]

    def _unlock_finished(
        self, screen: UnlockScreen, result: UnlockResult, via_recovery: bool
    ) -> None:
        if result.ok and result.vault is not None:
            screen.recovery.clear()
            self._enter(result.vault, via_recovery=via_recovery)
            return
        if result.outcome in {
            UnlockOutcome.DAMAGED,
            UnlockOutcome.SLOTS_DAMAGED,
            UnlockOutcome.TOO_NEW,
        }:
            self._show_failure(result)
            return
        screen.set_busy(False)
        screen.show_message(result.message)
        screen.show_other_ways()  # the keyring did not open it: the passphrase or code can

    def _show_failure(self, result: UnlockResult) -> None:
        from integrate.ui.recovery import RecoveryScreen

        screen = RecoveryScreen(self.paths, result.message, result.integrity)
        screen.read_button.setVisible(result.outcome is UnlockOutcome.DAMAGED)
        screen.read_intact_requested.connect(lambda: self._read_intact(screen))
        self.window.show_screen(screen)

    def _read_intact(self, screen: RecoveryScreen) -> None:
        """Open read-only with the keyring key and show whatever entries still read."""
        slots = load_slots(self.paths)
        if isinstance(slots, UnlockResult):
            return
        fetched = self.keystore.fetch(slots.vault_id)
        if fetched.outcome is not KeystoreOutcome.OK or not fetched.secret:
            screen.show_readable(
                _tr(
                    "The key could not be read from the keyring, so the "
                    "intact parts cannot be shown here."
                )
            )
            return
        from integrate.vault.entries import EntryRepository
        from integrate.vault.keys import VaultKey

        opened = open_with_key(self.paths, slots, VaultKey.from_hex(fetched.secret), read_only=True)
        if opened.vault is None:
            screen.show_readable(_tr("Nothing could be read."))
            return
        lines: list[str] = []
        with opened.vault as vault:
            repo = EntryRepository(vault.conn)
            offset = 0
            while True:
                try:
                    batch = repo.list_recent(limit=100, offset=offset)
                except Exception:  # noqa: BLE001 - a damaged page ends what can be read
                    lines.append(_tr("[The rest could not be read.]"))
                    break
                if not batch:
                    break
                for entry in batch:
                    stamp = entry.created_at.strftime("%Y-%m-%d %H:%M") if entry.created_at else ""
                    lines.append(f"{stamp}  {entry.title}\n{entry.body}\n")
                offset += len(batch)
        screen.show_readable("\n".join(lines) or _tr("No entries could be read."))

    # -- unlocked

    def _enter(self, vault: Vault, *, via_recovery: bool = False) -> None:
        self.services = AppServices(vault, self.paths, self.keystore, self.prefs, parent=self)
        try:
            shell = Shell(self.services)
        except DatabaseError as exc:
            # The unlock defers the HMAC check, so a damaged page can first show up here.
            self.services.deleteLater()
            self.services = None
            vault.close()  # unverified: closes without writing
            self._show_failure(
                UnlockResult(
                    UnlockOutcome.DAMAGED,
                    message=outcome_message(UnlockOutcome.DAMAGED),
                    integrity=IntegrityReport(cipher_problems=[f"reading failed: {exc}"]),
                )
            )
            return
        self.window.show_screen(shell)
        self._restore_area(shell)
        self.unlocked.emit()
        # The integrity checks (SQLCipher's HMAC of every page unless the open ran it,
        # SQLite's quick_check) run once Today has painted, off the GUI thread, on a
        # second read-only connection. Until they pass, the vault is query_only: nothing
        # is written (docs/decisions.md); a failure closes the journal for recovery.
        services = self.services
        after_first_paint(
            shell.stack.currentWidget() or shell,
            lambda: run_in_background(
                vault.verify_structure,
                lambda report: self._vault_checked(services, report, via_recovery),
                lambda exc: self._vault_checked(
                    services,
                    IntegrityReport(cipher_problems=[f"the check failed: {type(exc).__name__}"]),
                    via_recovery,
                ),
            ),
        )

    def _vault_checked(
        self, services: AppServices, report: IntegrityReport, via_recovery: bool = False
    ) -> None:
        if self.services is not services:  # locked (or relocked) meanwhile
            return
        if not report.ok:
            self._structure_checked(report)
            return
        vault = services.vault
        vault.mark_verified()
        if vault.writable:  # one country for the app and the command line
            vault.set_setting("crisis_country", self.country)
        from integrate.ui.reminders import ReminderDriver

        self.reminders = ReminderDriver(services, self.window, clock=self.reminder_clock)
        self.reminders.start()
        services.ready.emit()
        if via_recovery and vault.slots.keyring is not None:
            self._offer_keyring_repair(vault)

    def _structure_checked(self, report: IntegrityReport) -> None:
        if report.ok or self.services is None:
            return
        services, self.services = self.services, None
        self._stop_reminders()
        services.vault.close()
        self._show_failure(
            UnlockResult(
                UnlockOutcome.DAMAGED,
                message=outcome_message(UnlockOutcome.DAMAGED),
                integrity=report,
            )
        )
        services.deleteLater()

    def _offer_keyring_repair(self, vault: Vault) -> None:
        """After a recovery-code unlock, the keyring may have lost the key: offer to put it
        back (never done silently, because a different key there might matter)."""
        fetched = self.keystore.fetch(vault.id)
        if fetched.outcome is not KeystoreOutcome.MISSING:
            return
        answer = QMessageBox.question(
            self.window,
            _tr("Keyring"),
            _tr(
                "This computer's keyring no longer holds your journal's key. Store it there again, "
                "so the journal opens without the recovery code next time?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            vault.store_key_in_keyring(self.keystore)

    def lock(self) -> None:
        """Close the database, drop the key and every screen that showed journal data."""
        if self.services is None:
            return
        services, self.services = self.services, None
        self._stop_reminders()
        services.about_to_lock.emit()  # editors save what is typed while they still can
        services.vault.close()
        self.show_unlock(auto_keyring=False, message=_tr("Your journal is locked."))
        services.deleteLater()
        self.locked.emit()

    def _stop_reminders(self) -> None:
        if self.reminders is not None:
            self.reminders.stop()
            self.reminders = None

    def shutdown(self) -> None:
        self.save_geometry()
        self._stop_reminders()
        if self.services is not None:
            self.services.about_to_lock.emit()
            self.services.vault.close()
            self.services = None
        pending = getattr(self, "_pending_vault", None)
        if pending is not None:
            pending.close()

    # -- remembered between runs (preferences, nothing sensitive)

    def _restore_geometry(self) -> None:
        value = self.prefs.value(PREF_GEOMETRY)
        if isinstance(value, QByteArray | bytes) and value:
            self.window.restoreGeometry(QByteArray(value))

    def save_geometry(self) -> None:
        self.prefs.setValue(PREF_GEOMETRY, self.window.saveGeometry())
        self.prefs.sync()

    def _restore_area(self, shell: Shell) -> None:
        last = str(self.prefs.value(PREF_LAST_AREA, "") or "")
        if last and last != shell.current_key() and any(a.key == last for a in shell.areas):
            shell.show_area(last)
        shell.nav.currentRowChanged.connect(lambda _row: self._remember_area(shell))

    def _remember_area(self, shell: Shell) -> None:
        self.prefs.setValue(PREF_LAST_AREA, shell.current_key())

    # -- help

    def show_guide(self) -> None:
        """The in-app Help (how it works, what is stored, about); works locked too."""
        from integrate.ui.help import HelpDialog

        existing = self.window.findChild(HelpDialog, "helpDialog")
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        dialog = HelpDialog(self.paths.root, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_help(self) -> None:
        """Need help now, in front; one copy however often F1 or the button asks for it."""
        from integrate.ui.help_now import HelpNowDialog

        for existing in self.window.findChildren(HelpNowDialog):
            if existing.isVisible():
                # Opened already, perhaps under an exercise started from it: back to it
                # rather than a second copy over the first.
                close_dialogs_over(existing)
                existing.raise_()
                existing.activateWindow()
                return
        dialog = HelpNowDialog(
            self.country, self.services, self.window, on_country_changed=self.set_country
        )
        dialog.setObjectName("helpNowDialog")
        name_scroll_areas(dialog, _tr("Need help now"))
        dialog.open()


def close_dialogs_over(dialog: QWidget) -> None:
    """Close the modal dialogs opened from `dialog` (nested ones first) as Esc would.

    Stops at a dialog that was not opened from `dialog`, or that will not close: it
    stays open, since only what `dialog` started is its to close.
    """
    for _ in range(16):  # bounded: a dialog that refuses to close must not hang the key
        top = QApplication.activeModalWidget()
        if top is None or top is dialog or not _opened_from(top, dialog):
            return
        if isinstance(top, QDialog):
            top.reject()  # the player keeps a started run (stopped), as closing it does
        else:
            top.close()
        if top.isVisible():
            return


def _opened_from(widget: QWidget, ancestor: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False


def name_scroll_areas(root: QWidget, name: str) -> None:
    """Scroll areas take focus (keyboard scrolling); give unnamed ones a name to announce."""
    for scroller in root.findChildren(QScrollArea):
        if not scroller.accessibleName():
            scroller.setAccessibleName(name)


def current_shell(window: MainWindow) -> Shell | None:
    return window.shell
