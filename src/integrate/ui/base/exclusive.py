"""Exclusive jobs: backup, restore, import, export and key rotation, one at a time.

A job runs off the GUI thread on a connection of its own (`Vault.job_view`), except key
rotation, which re-encrypts the file under the screens' connection and so runs on it
while the screens write nothing. Before a job starts, open editors write what is typed;
while it runs, editors keep new words in memory (and say so), auto-lock waits, a lock
asked for is done when the job ends, conflicting actions are refused, and a calm bar
under the top bar says what is happening. When it ends, editors save what they kept.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QWidget

from integrate.ui.base.worker import run_in_background, wait_for_background
from integrate.vault.vault import Vault


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExclusiveJobs", text)


class JobKind(StrEnum):
    BACKUP = "backup"
    AUTO_BACKUP = "auto-backup"
    RESTORE = "restore"
    IMPORT = "import"
    EXPORT = "export"
    ROTATE = "rotate"


def job_sentence(kind: str) -> str:
    """What the busy bar says while `kind` runs."""
    words = {
        JobKind.BACKUP: _tr("Saving a backup…"),
        JobKind.AUTO_BACKUP: _tr("Saving today's automatic backup…"),
        JobKind.RESTORE: _tr("Restoring the backup…"),
        JobKind.IMPORT: _tr("Importing…"),
        JobKind.EXPORT: _tr("Exporting…"),
        JobKind.ROTATE: _tr("Changing the key…"),
    }
    return words.get(JobKind(kind), _tr("Working…")) if kind else ""


def job_noun(kind: str) -> str:
    """The job as a noun for a sentence ("the import")."""
    words = {
        JobKind.BACKUP: _tr("the backup"),
        JobKind.AUTO_BACKUP: _tr("today's automatic backup"),
        JobKind.RESTORE: _tr("the restore"),
        JobKind.IMPORT: _tr("the import"),
        JobKind.EXPORT: _tr("the export"),
        JobKind.ROTATE: _tr("the key change"),
    }
    return words.get(JobKind(kind), _tr("the task"))


class ExclusiveJobs(QObject):
    """Runs at most one data job at a time and tells the screens when one is running."""

    # The running job's kind, or "" when none runs.
    busy_changed = Signal(str)
    # Emitted before a job starts: editors write what is typed now.
    flush_requested = Signal()

    def __init__(self, vault: Vault, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._busy = ""
        self._quitting = False

    @property
    def busy(self) -> str:
        """The kind of job running now ("" when none)."""
        return self._busy

    def run(
        self,
        kind: JobKind,
        work: Callable[[Vault], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> bool:
        """Start `work` with the vault it should use; False if another job is running.

        `work` gets a view of the vault on its own connection, or for key rotation the
        vault itself. `on_done` / `on_error` run on the GUI thread after the busy state
        has ended, so they may start another job.
        """
        if self._busy:
            return False
        self.flush_requested.emit()
        self._busy = str(kind)
        self.busy_changed.emit(self._busy)
        vault = self._vault
        shared = kind is JobKind.ROTATE  # PRAGMA rekey must run on the screens' connection

        def job() -> Any:
            if shared:
                return work(vault)
            with vault.job_view() as view:
                return work(view)

        def done(value: Any) -> None:
            self._finish()
            # A lock that waited for the job has closed the screens; quitting shows nothing.
            if vault.is_open and not self._quitting:
                on_done(value)

        def failed(exc: BaseException) -> None:
            self._finish()
            if vault.is_open and not self._quitting:
                on_error(exc)

        run_in_background(job, done, failed)
        return True

    def finish_before_quit(self, msecs: int = 120_000) -> None:
        """The app is quitting: wait for a running job and end the busy state quietly."""
        if not self._busy:
            return
        self._quitting = True
        wait_for_background(msecs)
        QCoreApplication.sendPostedEvents()  # delivers the job's end: editors save

    def _finish(self) -> None:
        self._busy = ""
        self.busy_changed.emit("")


class BusyBar(QFrame):
    """A calm bar under the top bar while a job runs: what it does, that typing is kept."""

    def __init__(self, jobs: ExclusiveJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(self.label.textFormat().PlainText)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # how long an import takes is not known in advance
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(_tr("Working"))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        self.lock_pending = False
        self.setVisible(False)
        jobs.busy_changed.connect(self._busy_changed)

    def _busy_changed(self, kind: str) -> None:
        if not kind:
            self.lock_pending = False
            self.setVisible(False)
            return
        self._kind = kind
        self._show()

    def note_lock_pending(self) -> None:
        """The patient asked to lock: it happens when the job ends."""
        self.lock_pending = True
        self._show()

    def _show(self) -> None:
        lines = [job_sentence(self._kind)]
        if self._kind != JobKind.ROTATE:
            lines.append(_tr("You can keep writing: it is saved when this finishes."))
        if self.lock_pending:
            lines.append(_tr("The journal locks when this finishes."))
        self.label.setText(" ".join(lines))
        self.setVisible(True)
