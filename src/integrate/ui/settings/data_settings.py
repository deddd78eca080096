"""Settings sections: locking, and "Your data" (backups, restore, export/import, key
rotation, delete everything). Logic lives in integrate.vault.backup/export/import/rotate;
this module only asks, confirms and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from integrate.core.timeutil import day_text, now_local
from integrate.paths import VaultPaths
from integrate.services.ownership import export_to_json, export_to_markdown, import_from_json
from integrate.ui.base.context import AppServices
from integrate.ui.base.exclusive import JobKind, job_sentence
from integrate.ui.base.prefs import AUTOLOCK_CHOICES, autolock_minutes, set_autolock_minutes
from integrate.ui.base.worker import run_in_background
from integrate.ui.widgets.common import button, flow_row, plain_label
from integrate.vault.backup import (
    AutoBackupConfig,
    BackupError,
    BackupInfo,
    RestoreResult,
    auto_config,
    backup_now,
    default_backup_name,
    inspect_backup,
    last_backup_at,
    needs_reminder,
    replace_vault_contents,
    restore_to_new_vault,
    set_auto_config,
)
from integrate.vault.export_json import NOT_ENCRYPTED_WARNING
from integrate.vault.import_json import ImportRejected
from integrate.vault.vault import Vault, VaultError

ALL_AREAS = (
    "entries",
    "sessions",
    "checkins",
    "measures",
    "exercises",
    "safety",
    "shares",
    "settings",
)
CONFIRM_WORD = "DELETE"
RESTORE_NEW = "new"
RESTORE_REPLACE = "replace"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataSettings", text)


def backup_summary(info: BackupInfo) -> str:
    """What a backup holds, in one plain paragraph (counts and date range)."""
    first = day_text(info.first, month="long") if info.first else "-"
    last = day_text(info.last, month="long") if info.last else "-"
    text = _tr(
        "This backup holds {entries} journal entries, {sessions} sessions, {checkins} "
        "check-ins, {measures} questionnaires and {exercises} exercises, from {first} to "
        "{last}."
    ).format(
        entries=info.counts.get("entries", 0),
        sessions=info.counts.get("sessions", 0),
        checkins=info.counts.get("checkins", 0),
        measures=info.counts.get("measures", 0),
        exercises=info.counts.get("exercise_runs", 0),
        first=first,
        last=last,
    )
    if info.created_at is not None:
        text += " " + _tr("It was made on {day}.").format(
            day=day_text(info.created_at, month="long")
        )
    return text


def backup_reminder_text(services: AppServices, now: datetime | None = None) -> str | None:
    """A gentle sentence when the last backup is older than a week (for Today), else None."""
    if not needs_reminder(services.vault, now):
        return None
    return _tr(
        "It has been a while since your journal was backed up. You can make a backup "
        "in Settings, under Your data."
    )


class LockingSection(QGroupBox):
    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Locking"))
        self.services = services
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _tr(
                    "Integrate locks itself when you step away, when your screen locks and "
                    "when the computer goes to sleep."
                )
            )
        )
        row = flow_row()
        lock_label = plain_label(_tr("Lock after no activity for:"), wrap=False)
        row.addWidget(lock_label)
        self.timeout = QComboBox()
        lock_label.setBuddy(self.timeout)  # what a screen reader speaks for the box (Linux)
        self.timeout.setAccessibleName(_tr("Lock after no activity for"))
        for minutes in AUTOLOCK_CHOICES:
            label = (
                _tr("Never")
                if minutes == 0
                else (_tr("1 minute") if minutes == 1 else _tr("{n} minutes").format(n=minutes))
            )
            self.timeout.addItem(label, minutes)
        current = autolock_minutes(services.prefs)
        index = self.timeout.findData(current)
        self.timeout.setCurrentIndex(index if index >= 0 else self.timeout.findData(5))
        self.timeout.currentIndexChanged.connect(self._changed)
        row.addWidget(self.timeout)
        row.addStretch(1)
        layout.addLayout(row)

    def _changed(self) -> None:
        minutes = int(self.timeout.currentData())
        set_autolock_minutes(self.services.prefs, minutes)
        self.services.autolock_changed.emit(minutes)


class DataSection(QGroupBox):
    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Your data"))
        self.services = services
        layout = QVBoxLayout(self)
        layout.setSpacing(12)  # room between the three groups of buttons
        self.status = plain_label("", object_name="backupStatus")
        self.last_new_vault: VaultPaths | None = None  # where the last restore made a journal
        layout.addWidget(self.status)

        layout.addWidget(
            plain_label(
                _tr(
                    "Backups are encrypted with a backup password of their own, so they open on any "
                    "computer, even without this one's keyring."
                )
            )
        )
        row = flow_row()
        self.backup_button = button(_tr("Back up now…"), primary=True)
        self.backup_button.clicked.connect(self.backup_now)
        self.auto_button = button(_tr("Automatic backups…"))
        self.auto_button.clicked.connect(self.choose_auto)
        self.restore_button = button(_tr("Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore)
        for b in (self.backup_button, self.auto_button, self.restore_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(
            plain_label(
                _tr(
                    "Export gives you a copy in an open format (JSON, or readable Markdown files). "
                    "Exports are not encrypted."
                )
            )
        )
        row = flow_row()
        self.export_json_button = button(_tr("Export (JSON)…"))
        self.export_json_button.clicked.connect(self.export_json)
        self.export_md_button = button(_tr("Export (Markdown)…"))
        self.export_md_button.clicked.connect(self.export_markdown)
        self.import_button = button(_tr("Import (JSON)…"))
        self.import_button.clicked.connect(self.import_json)
        for b in (self.export_json_button, self.export_md_button, self.import_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

        row = flow_row()
        self.rotate_button = button(_tr("Change the journal's key…"))
        self.rotate_button.clicked.connect(self.rotate)
        self.delete_button = button(_tr("Delete everything…"))
        self.delete_button.clicked.connect(self.delete_everything)
        row.addWidget(self.rotate_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout.addLayout(row)
        services.jobs.busy_changed.connect(self._job_changed)
        self._job_changed(services.jobs.busy)
        self.refresh()

    def _job_changed(self, busy: str) -> None:
        """One data task at a time: its buttons wait while another task runs."""
        for b in (
            self.backup_button,
            self.auto_button,
            self.restore_button,
            self.export_json_button,
            self.export_md_button,
            self.import_button,
            self.rotate_button,
            self.delete_button,
        ):
            b.setEnabled(not busy)

    def _start(
        self, kind: JobKind, work: Callable[[Vault], Any], on_done: Callable[[Any], None]
    ) -> None:
        if not self.services.jobs.run(kind, work, on_done, self._failed):
            self._info(
                _tr("Please wait"),
                _tr("Another task is still running: {task} Try again when it has finished.").format(
                    task=job_sentence(self.services.jobs.busy)
                ),
            )

    # -- status

    def refresh(self) -> None:
        vault = self.services.vault
        if not vault.is_open:
            return
        parts: list[str] = []
        last = last_backup_at(vault)
        if last is None:
            parts.append(_tr("No backup has been made yet."))
        else:
            parts.append(
                _tr("Last backup: {when}.").format(
                    when=f"{day_text(last, month='long')}, {last:%H:%M}"
                )
            )
        config = auto_config(vault)
        parts.append(
            _tr("Automatic daily backups go to {folder}.").format(folder=config.folder)
            if config
            else _tr("Automatic backups are off.")
        )
        error = self.services.last_backup_error
        if error:
            parts.append(_tr("The last automatic backup did not work: {error}").format(error=error))
        reminder = backup_reminder_text(self.services)
        if reminder:
            parts.append(reminder)
        self.status.setText(" ".join(parts))

    # -- helpers

    def _ask_secret(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def _new_backup_password(self) -> str | None:
        first = self._ask_secret(
            _tr("Backup password"),
            _tr(
                "A password for the backup (at least 8 characters). Keep it safe: without it "
                "the backup cannot be opened."
            ),
        )
        if first is None:
            return None
        second = self._ask_secret(_tr("Backup password"), _tr("The same password again:"))
        if second is None:
            return None
        if first != second or len(first) < 8:
            self._info(
                _tr("Not saved"), _tr("The passwords must match and have at least 8 characters.")
            )
            return None
        return first

    def _info(self, title: str, text: str) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, BackupError | VaultError | ImportRejected):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = _tr("The file could not be used: {error}").format(
                error=exc.strerror or type(exc).__name__
            )
        else:
            text = _tr("That did not work ({error}). Nothing was changed.").format(
                error=type(exc).__name__
            )
        self._info(_tr("Not done"), text)
        self.refresh()

    def _warn_not_encrypted(self) -> bool:
        answer = QMessageBox.warning(
            self,
            _tr("Not encrypted"),
            _tr(NOT_ENCRYPTED_WARNING),  # i18n: marked
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Ok

    def open_item(self, item: str) -> bool:
        """ "backup": start "Back up now" (asked from Today's reminder). True if handled."""
        if item != "backup":
            return False
        self.backup_now()
        return True

    # -- backups

    def backup_now(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Save backup"), default_backup_name(), _tr("Integrate backups (*.ibackup)")
        )
        if not path:
            return
        password = self._new_backup_password()
        if password is None:
            return
        self._start(JobKind.BACKUP, lambda v: backup_now(v, Path(path), password), self._backed_up)

    def _backed_up(self, _path: object) -> None:
        self._info(_tr("Backup saved"), _tr("Your backup is saved."))
        self.refresh()

    def choose_auto(self) -> None:
        vault = self.services.vault
        if auto_config(vault) is not None:
            answer = QMessageBox.question(
                self,
                _tr("Automatic backups"),
                _tr("Automatic backups are on. Turn them off? (Backups already saved stay.)"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                set_auto_config(vault, None)
                self.refresh()
            return
        folder = QFileDialog.getExistingDirectory(
            self, _tr("Folder for automatic backups (for example an external drive)")
        )
        if not folder:
            return
        password = self._new_backup_password()
        if password is None:
            return
        # The password is kept inside the encrypted journal, never in a plain file.
        set_auto_config(vault, AutoBackupConfig(Path(folder), password))
        self.services.auto_backup_changed.emit()
        self._info(
            _tr("Automatic backups"),
            _tr(
                "A backup will be saved there once a day while Integrate is open. The last 7 "
                "days and 4 weeks are kept."
            ),
        )
        self.refresh()

    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, _tr("Choose a backup"), "", _tr("Integrate backups (*.ibackup);;All files (*)")
        )
        if not path:
            return
        password = self._ask_secret(_tr("Backup password"), _tr("The backup's password:"))
        if password is None:
            return
        run_in_background(
            lambda: inspect_backup(Path(path), password),
            lambda info: self._confirm_restore(Path(path), password, info),
            self._failed,
        )

    def _confirm_restore(self, path: Path, password: str, info: BackupInfo) -> None:
        choice = self._restore_choice(info)
        if choice == RESTORE_NEW:
            self._restore_into_new(path, password)
        elif choice == RESTORE_REPLACE:
            self._replace_with(path, password)

    def _restore_choice(self, info: BackupInfo) -> str:
        """Show what the backup holds; return RESTORE_NEW, RESTORE_REPLACE or "" (cancel)."""
        box = QMessageBox(self)
        box.setWindowTitle(_tr("Restore"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(backup_summary(info))
        box.setInformativeText(
            _tr(
                "Restore it into a new journal in a folder you choose (this one stays as it "
                "is), or replace what is in this journal now with it (a copy of the journal "
                "as it is now is saved first)."
            )
        )
        new_button = box.addButton(_tr("Into a new journal…"), QMessageBox.ButtonRole.AcceptRole)
        replace_button = box.addButton(
            _tr("Replace this journal"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(new_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is new_button:
            return RESTORE_NEW
        if clicked is replace_button:
            return RESTORE_REPLACE
        return ""

    def _replace_with(self, path: Path, password: str) -> None:
        # Open editors save first (the job asks them), so the safety copy holds their text.
        self._start(
            JobKind.RESTORE,
            lambda v: replace_vault_contents(v, path, password),
            lambda _r: self._restored(),
        )

    def _restore_into_new(self, path: Path, password: str) -> None:
        """Restore into a new journal in an empty folder; the open one is not touched."""
        folder = QFileDialog.getExistingDirectory(
            self, _tr("An empty folder for the restored journal")
        )
        if not folder:
            return
        target = VaultPaths(Path(folder))
        here = self.services.paths.root.resolve()
        if target.root.resolve() == here or target.db.exists() or target.keyslots.exists():
            self._info(
                _tr("Not restored"),
                _tr("That folder already holds a journal. Choose an empty folder."),
            )
            return
        passphrase = self._new_journal_passphrase()
        if passphrase is None:
            return
        keystore = self.services.keystore

        def work() -> RestoreResult:
            result = restore_to_new_vault(
                path, password, target, keystore=keystore, vault_passphrase=passphrase
            )
            if result.created is not None:
                result.created.vault.close()  # it is opened by starting Integrate on it
            return result

        run_in_background(work, lambda r: self._restored_new(target, r), self._failed)

    def _new_journal_passphrase(self) -> str | None:
        first = self._ask_secret(
            _tr("Passphrase for the restored journal"),
            _tr(
                "A passphrase for the restored journal (at least 8 characters; it may be the "
                "backup password):"
            ),
        )
        if first is None:
            return None
        second = self._ask_secret(
            _tr("Passphrase for the restored journal"), _tr("The same passphrase again:")
        )
        if second is None:
            return None
        if first != second or len(first) < 8:
            self._info(
                _tr("Not restored"),
                _tr("The passphrases must match and have at least 8 characters. Nothing changed."),
            )
            return None
        return first

    def _restored_new(self, target: VaultPaths, result: RestoreResult) -> None:
        self.last_new_vault = target
        self._info(
            _tr("Restored"),
            _tr(
                "The backup is restored into a new journal in {folder}.\n\nIts recovery code "
                "(shown once - write it down):\n\n{code}\n\nTo open it, start Integrate "
                'with: integrate --data-dir "{folder}"'
            ).format(folder=target.root, code=result.recovery_code),
        )
        self.refresh()

    def _restored(self) -> None:
        for area in ALL_AREAS:
            self.services.notify(area)
        self._info(_tr("Restored"), _tr("The backup is restored."))
        self.refresh()

    # -- export / import

    def export_json(self) -> None:
        if not self._warn_not_encrypted():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Export"), "integrate-export.json", _tr("JSON (*.json)")
        )
        if not path:
            return
        self._start(
            JobKind.EXPORT,
            lambda v: export_to_json(v, Path(path)),
            lambda _c: self._info(_tr("Exported"), _tr("The export is saved.")),
        )

    def export_markdown(self) -> None:
        if not self._warn_not_encrypted():
            return
        folder = QFileDialog.getExistingDirectory(self, _tr("Folder for the Markdown files"))
        if not folder:
            return
        target = Path(folder) / f"integrate-{now_local():%Y-%m-%d}"
        self._start(
            JobKind.EXPORT,
            lambda v: export_to_markdown(v, target),
            lambda _f: self._info(
                _tr("Exported"), _tr("The files are saved in {folder}.").format(folder=target)
            ),
        )

    def import_json(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Import"), "", _tr("JSON (*.json)"))
        if not path:
            return
        self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        """Import `path` as one all-or-nothing job on a connection of its own."""
        self._start(JobKind.IMPORT, lambda v: import_from_json(v, path), self._imported)

    def _imported(self, summary: object) -> None:
        for area in ALL_AREAS:
            self.services.notify(area)
        sentence = getattr(summary, "sentence", lambda: "")()
        self._info(_tr("Imported"), _tr("Import finished: {summary}").format(summary=sentence))

    # -- key rotation and deleting

    def rotate(self) -> None:
        from integrate.vault.rotate import rotate_key

        vault = self.services.vault
        answer = QMessageBox.question(
            self,
            _tr("Change the key"),
            _tr(
                "Re-encrypt the journal with a new key? A copy is saved first, your passphrase "
                "stays the same, and you get a new recovery code (the old one stops working)."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase = None
        if vault.slots.passphrase is not None:
            passphrase = self._ask_secret(_tr("Passphrase"), _tr("Your passphrase:"))
            if passphrase is None:
                return
        keystore = self.services.keystore
        self._start(
            JobKind.ROTATE,
            lambda v: rotate_key(v, passphrase=passphrase, keystore=keystore),
            lambda r: self._info(
                _tr("New key"),
                _tr("Done. Your new recovery code (shown once - write it down):\n\n{code}").format(
                    code=r.recovery_code
                ),
            ),
        )

    def delete_everything(self) -> None:
        answer = QMessageBox.warning(
            self,
            _tr("Delete everything"),
            _tr(
                "This deletes your whole journal from this computer: entries, sessions, "
                "questionnaires, the key and settings. Backups you saved elsewhere are not "
                "touched. This cannot be undone."
            ),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return
        word, ok = QInputDialog.getText(
            self,
            _tr("Delete everything"),
            _tr("To confirm, type {word}:").format(word=CONFIRM_WORD),
        )
        if not ok or word.strip() != CONFIRM_WORD:
            return
        self.services.erase_requested.emit()  # the shell locks, erases and starts over
