"""Moves the window between first run, unlock, the main shell, lock and recovery.

All vault work that can block (keyring over D-Bus, scrypt, integrity checks)
runs in the background; screens only emit what the patient chose.

Start-up speed: only what an unlock with Today needs is imported up front; first-run,
recovery, reminders and dialogs import their modules when they are first shown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QScrollArea, QWidget

from integrate.paths import VaultPaths
from integrate.ui.base.context import AppServices
from integrate.ui.base.exclusive import BusyBar, job_noun
from integrate.ui.base.first_paint import after_first_paint
from integrate.ui.base.worker import run_in_background
from integrate.ui.shell.main_window import MainWindow, Shell
from integrate.ui.shell.unlock import UnlockScreen
from integrate.vault.db import DatabaseError, IntegrityReport
from integrate.vault.keys import KeySlots, VaultKey
from integrate.vault.keystore import Keystore, KeystoreOutcome, KeystoreResult
from integrate.vault.vault import (
    CreatedVault,
    UnlockOutcome,
    UnlockResult,
    Vault,
    VaultError,
    create_vault,
    keep_keyring_in_step,
    load_slots,
    open_with_key,
    outcome_message,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

if TYPE_CHECKING:
    from integrate.ui.reminders.reminders import LockedReminders, ReminderDriver
    from integrate.ui.shell.onboarding import Onboarding
    from integrate.ui.shell.recovery import RecoveryScreen

DEFAULT_COUNTRY = "US"  # preselected on the first-run country page when the locale has none


def locale_country() -> str:
    """The system locale's country if we list it, for the first-run picker's preselection."""
    from PySide6.QtCore import QLocale

    from integrate.core.crisis import load_crisis_lines

    name = QLocale.system().name()  # e.g. "en_GB"
    code = name.split("_")[1][:2].upper() if "_" in name else ""
    return code if load_crisis_lines().country(code) is not None else DEFAULT_COUNTRY


PREF_GEOMETRY = "window/geometry"  # size and position only
PREF_LAST_AREA = "ui/last_area"  # an area key such as "journal", never an item
STATE_RECORD_MS = 5000  # how often written changes are recorded against rollback


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
        self._locked_reminders: LockedReminders | None = None
        self.reminder_clock: Callable[[], datetime] | None = None  # tests inject a fake clock
        self._busy_bar: BusyBar | None = None
        self._lock_after_job = ""  # a lock asked for while a data task ran: its kind
        # Set when the patient chose to open an older journal as it is (recovery screen):
        # the next unlock accepts the rollback and records the state as the new baseline.
        self._accept_rollback = False
        window.help_requested.connect(self.show_help)
        window.lock_requested.connect(self.lock)
        window.guide_requested.connect(self.show_guide)
        self._restore_geometry()
        from integrate.ui.shell.autolock import install_hygiene  # auto-lock, screen lock, area

        self.hygiene = install_hygiene(self, self)

    # -- preferences kept outside the vault (nothing sensitive)

    @property
    def country(self) -> str:
        """The chosen crisis-line country; "" when none was chosen (never a guess)."""
        from integrate.ui.widgets.crisis_view import country_from_prefs

        return country_from_prefs(self.prefs)

    def set_country(self, code: str) -> None:
        # preferences.ini is the one place: the command line reads and writes it too.
        self.prefs.setValue("crisis/country", code)
        self.prefs.sync()

    # -- start

    def start(self, *, locked: bool = False) -> None:
        """Onboarding, or the unlock; `locked` (the login autostart) never unlocks by
        itself: the keyring is used when the patient presses Unlock."""
        if not self.paths.exists():
            self.show_onboarding()
        elif locked:
            self.show_unlock(auto_keyring=False)
            self.locked_at_start()
        else:
            self.show_unlock(auto_keyring=True)

    def _unlock_with_keyring(self) -> UnlockResult:
        """The keyring unlock both the automatic try and "Try the keyring again" run."""
        return unlock_with_keyring(
            self.paths,
            self.keystore,
            full_check=False,
            cipher_check=False,
            accept_rollback=self._accept_rollback,
        )

    @property
    def locked_reminders(self) -> LockedReminders:
        """Reminders while the journal is locked: one for the window's whole life, handed
        to each unlock's reminder driver (built on first use: reminders load after Today
        paints)."""
        if self._locked_reminders is None:
            from integrate.ui.reminders.reminders import LockedReminders

            self._locked_reminders = LockedReminders(self.window)
        return self._locked_reminders

    def locked_at_start(self) -> None:
        """Started locked: announce the reminder times kept for a locked start."""
        from integrate.core.timeutil import now_local
        from integrate.ui.reminders.reminders import NEUTRAL_NAME_PREF, truthy

        locked = self.locked_reminders
        neutral = truthy(self.prefs.value(NEUTRAL_NAME_PREF, False))
        locked.load_times(self.paths.root, self.reminder_clock or now_local, neutral=neutral)
        locked.arm()

    def show_onboarding(self) -> None:
        """First run. Which keyring exists is asked off the GUI thread (D-Bus can hang);
        the screen follows with the answer."""
        self._pending_vault: Vault | None = None
        run_in_background(
            self.keystore.describe,
            self._show_onboarding_screen,
            lambda _exc: self._show_onboarding_screen("none"),
        )

    def _show_onboarding_screen(self, keystore_name: str) -> None:
        from integrate.core.crisis import load_crisis_lines
        from integrate.ui.shell.onboarding import Onboarding

        screen = Onboarding(
            keystore_name=None if keystore_name == "none" else keystore_name,
            countries=load_crisis_lines().country_choices(),
            default_country=self.country or locale_country(),
        )
        screen.country_chosen.connect(self.set_country)
        screen.create_requested.connect(lambda pw, ask: self._create(screen, pw, ask))
        screen.save_code_requested.connect(self._save_code_pdf)
        screen.finished.connect(self._onboarding_done)
        self.window.show_screen(screen)

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
            # The fetch uses that finished prefetch; a keyring write (after an interrupted
            # key change) goes off the GUI thread.
            early = unlock_with_keyring(
                self.paths,
                self.keystore,
                full_check=False,
                cipher_check=False,
                accept_rollback=self._accept_rollback,
                keep_in_step=False,
            )
            if early.ok and early.vault is not None:
                held = early.keystore.secret if early.keystore is not None else None
                if held and held != early.vault.key.hex():  # rare: after an interrupted key change
                    result, keystore, key = early, self.keystore, VaultKey.from_hex(held)
                    run_in_background(
                        lambda: keep_keyring_in_step(result, keystore, key),
                        lambda _r: None,
                        lambda _e: None,
                    )
                self._enter(early.vault)
                return
        screen = UnlockScreen(
            has_passphrase=slots.passphrase is not None, keyring_slot=slots.keyring is not None
        )
        screen.passphrase_entered.connect(
            lambda pw: self._unlock(
                screen,
                lambda: unlock_with_passphrase(
                    self.paths,
                    pw,
                    full_check=False,
                    cipher_check=False,
                    accept_rollback=self._accept_rollback,
                ),
            )
        )
        screen.recovery_entered.connect(
            lambda code: self._unlock(
                screen,
                lambda: unlock_with_recovery(
                    self.paths,
                    code,
                    full_check=False,
                    cipher_check=False,
                    accept_rollback=self._accept_rollback,
                ),
                via_recovery=True,
            )
        )
        screen.retry_keyring.connect(
            lambda: self._unlock(
                screen,
                self._unlock_with_keyring,
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
                self._unlock_with_keyring,
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
            UnlockOutcome.DB_MISSING,
            UnlockOutcome.ROLLED_BACK,
        }:
            self._show_failure(result)
            return
        screen.set_busy(False)
        screen.show_message(result.message)
        screen.show_other_ways()  # the keyring did not open it: the passphrase or code can

    def _show_failure(self, result: UnlockResult) -> None:
        from integrate.ui.shell.recovery import RecoveryScreen

        rolled_back = result.outcome is UnlockOutcome.ROLLED_BACK
        screen = RecoveryScreen(
            self.paths,
            result.message,
            result.integrity,
            details=[result.state.describe()] if result.state is not None else None,
            offer_open_anyway=rolled_back,
        )
        screen.read_button.setVisible(result.outcome is UnlockOutcome.DAMAGED)
        screen.read_intact_requested.connect(lambda: self._read_intact(screen))
        screen.open_anyway_requested.connect(self._open_accepting_rollback)
        self.window.show_screen(screen)

    def _open_accepting_rollback(self) -> None:
        """The patient acknowledged the older state: unlock again, accepting it."""
        self._accept_rollback = True
        self.show_unlock(
            auto_keyring=True,
            message=_tr("Unlock to open the journal as it is now."),
        )

    def _read_intact(self, screen: RecoveryScreen) -> None:
        """Open read-only with the keyring key and show whatever entries still read."""
        slots = load_slots(self.paths)
        if isinstance(slots, UnlockResult):
            return
        # Keyring calls never on the GUI thread: a hung daemon must not freeze the window.
        run_in_background(
            lambda: self.keystore.fetch(slots.vault_id),
            lambda fetched: self._show_intact(screen, slots, fetched),
            lambda _exc: screen.show_readable(_tr("The keyring did not answer.")),
        )

    def _show_intact(
        self, screen: RecoveryScreen, slots: KeySlots, fetched: KeystoreResult
    ) -> None:
        if fetched.outcome is not KeystoreOutcome.OK or not fetched.secret:
            screen.show_readable(
                _tr(
                    "The key could not be read from the keyring, so the "
                    "intact parts cannot be shown here."
                )
            )
            return
        from integrate.services.journal import JournalService
        from integrate.vault.keys import VaultKey

        opened = open_with_key(self.paths, slots, VaultKey.from_hex(fetched.secret), read_only=True)
        if opened.vault is None:
            screen.show_readable(_tr("Nothing could be read."))
            return
        lines: list[str] = []
        with opened.vault as vault:
            repo = JournalService(vault).entries
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
        self._accept_rollback = False  # one acknowledgement, one open
        self.services = AppServices(vault, self.paths, self.keystore, self.prefs, parent=self)
        if self.reminder_clock is not None:
            self.services.clock = self.reminder_clock
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
        self._busy_bar = BusyBar(self.services.jobs)
        self.window.banner_area.addWidget(self._busy_bar)
        self.services.jobs.busy_changed.connect(self._job_changed)
        self.services.lock_requested.connect(self.lock)
        self.services.help_now_requested.connect(self.show_help)
        from integrate.ui.shell.coping_actions import ShellCopingActions

        self.services.coping_actions = ShellCopingActions(self.services)
        self.services.erase_requested.connect(self.erase_and_restart)
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
        from integrate.ui.reminders.reminders import ReminderDriver

        self._start_state_recorder(services)
        self.reminders = ReminderDriver(
            services, self.window, clock=self.reminder_clock, locked=self.locked_reminders
        )
        self.reminders.start()
        services.ready.emit()
        if via_recovery and vault.slots.keyring is not None:
            self._offer_keyring_repair(vault)

    def _start_state_recorder(self, services: AppServices) -> None:
        """Every few seconds, if anything was written, advance the commit counter and
        record it outside the database (vault/state_record.py). Off the autosave path:
        an idle tick costs one attribute read; close records the last state too."""
        timer = QTimer(services)  # dies with the services when the journal locks
        timer.setInterval(STATE_RECORD_MS)

        def tick() -> None:
            if self.services is not services:
                timer.stop()
                return
            # A full disk or a busy job: the database stays ahead, try again next tick.
            with contextlib.suppress(OSError, DatabaseError):
                services.vault.record_state()

        timer.timeout.connect(tick)
        timer.start()

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
        run_in_background(
            lambda: self.keystore.fetch(vault.id),
            lambda fetched: self._ask_keyring_repair(vault, fetched),
            lambda _exc: None,  # no answer from the keyring: nothing to offer now
        )

    def _ask_keyring_repair(self, vault: Vault, fetched: KeystoreResult) -> None:
        if fetched.outcome is not KeystoreOutcome.MISSING or not vault.is_open:
            return
        answer = QMessageBox.question(
            self.window,
            _tr("Keyring"),
            _tr(
                "This computer's keyring no longer holds your journal's key. Store it there again, "
                "so the journal opens without the recovery code next time?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and vault.is_open:
            keystore = self.keystore
            run_in_background(
                lambda: vault.store_key_in_keyring(keystore), lambda _r: None, lambda _e: None
            )

    def lock(self) -> None:
        """Close the database, drop the key and every screen that showed journal data.

        While a backup, import or key change runs, the lock waits for it (the bar says
        so): closing the journal under it could leave a half-written copy or key.
        """
        if self.services is None:
            return
        if self.services.jobs.busy:
            self._lock_after_job = self.services.jobs.busy
            if self._busy_bar is not None:
                self._busy_bar.note_lock_pending()
            return
        services, self.services = self.services, None
        self._stop_reminders()
        services.about_to_lock.emit()  # editors save what is typed while they still can
        services.vault.close()
        message = _tr("Your journal is locked.")
        if self._lock_after_job:
            message += " " + _tr("It locked once {task} had finished.").format(
                task=job_noun(self._lock_after_job)
            )
            self._lock_after_job = ""
        self._drop_busy_bar()
        self.show_unlock(auto_keyring=False, message=message)
        services.deleteLater()
        self.locked.emit()

    def erase_and_restart(self) -> None:
        """Lock, erase vault + slots + keyring entry + preferences, then show first run."""
        from integrate.vault.rotate import erase_everything

        if self.services is None:
            return
        vault_id = self.services.vault.id
        self.lock()
        if self.services is not None:  # a data task still runs: the lock waits for it
            return
        self.locked_reminders.clear()  # nothing left to remind of
        self.prefs.clear()
        self.prefs.sync()
        paths, keystore = self.paths, self.keystore
        # Off the GUI thread: removing the keyring entry talks to D-Bus, which can hang.
        run_in_background(
            lambda: erase_everything(paths, vault_id, keystore),
            lambda _r: self.show_onboarding(),
            lambda _exc: self.show_onboarding(),
        )

    def _job_changed(self, busy: str) -> None:
        if not busy and self._lock_after_job:
            self.lock()

    def _drop_busy_bar(self) -> None:
        if self._busy_bar is not None:
            self._busy_bar.hide()
            self._busy_bar.deleteLater()
            self._busy_bar = None

    def _stop_reminders(self) -> None:
        if self.reminders is not None:
            self.reminders.stop()
            self.reminders = None

    def shutdown(self) -> None:
        self.save_geometry()
        self._stop_reminders()
        if self.services is not None:
            self.services.jobs.finish_before_quit()  # a backup or key change ends first
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
        from integrate.ui.shell.help import HelpDialog

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
        from integrate.ui.shell.help_now import HelpNowDialog

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
