"""Writing one journal entry: plain text, autosaved into the vault within about a second.

Saving is debounced: a pause of IDLE_MS, or at most MAX_WAIT_MS after the first unsaved
keystroke while typing goes on, writes title and body with one UPDATE. It also saves
when the editor loses focus, when another entry is opened, and before the vault locks
or closes (`flush`). Nothing is ever written anywhere but the encrypted database.

An entry deleted elsewhere (another screen, a check-in) while it is open here is never
written into nothing: what the editor shows is kept as a new entry (`recreated`).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from integrate.core.model import Entry
from integrate.share.phase_labels import journal_label
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.timers import idle_timer
from integrate.ui.journal.journal_model import format_day, group_label
from integrate.ui.widgets.common import button, flow_row, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.entries import normalise_tag

IDLE_MS = 800
# The body never gets fewer lines than this: with large text the editor scrolls instead.
MIN_BODY_LINES = 5
MAX_WAIT_MS = 1000
RETRY_MS = 1500

# A button that reads as a link: it leads somewhere else rather than changing this entry.
# palette(link) follows the light and dark themes; the focus frame stays visible.


def _tr(text: str) -> str:
    return QCoreApplication.translate("EntryEditor", text)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"{format_day(moment)}, {moment.strftime('%H:%M')}"


class _Body(QPlainTextEdit):
    """The entry's text: at least MIN_BODY_LINES lines high, in whatever font it has."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        least = super().minimumSizeHint()
        margin = round(self.document().documentMargin())
        lines = self.fontMetrics().lineSpacing() * MIN_BODY_LINES
        return least.expandedTo(QSize(0, lines + 2 * (margin + self.frameWidth())))


class EntryEditor(QWidget):
    """Title, tags, the therapist flag and the body of one entry."""

    saved = Signal(int, str, str)  # entry id, title, body - after the text was written
    flag_changed = Signal(int, bool)
    tags_changed = Signal(int, list)
    delete_requested = Signal(int)
    # old id, new id: the entry was deleted elsewhere and its words were kept as a new one
    recreated = Signal(int, int)

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.entry: Entry | None = None
        self._dirty = False
        self._loading = False
        self._checkin_uid = ""
        self._kept_note = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self.title = QLineEdit()
        self.title.setObjectName("entryTitle")
        self.title.setPlaceholderText(_tr("Title (optional)"))
        self.title.setAccessibleName(_tr("Entry title"))
        self.title.setMaxLength(200)
        theme.text_role(self.title, "stepTitle")
        self.title.textEdited.connect(self._changed)
        layout.addWidget(self.title)

        self.meta = plain_label("", object_name="muted")
        self.meta.setAccessibleName(_tr("When this entry was written"))
        layout.addWidget(self.meta)
        # The check-in line is itself the link that opens the check-in: a separate button
        # beside it cost two more lines at 22 pt, which the editor does not have.
        self.open_checkin = button("")
        self.open_checkin.setObjectName("openCheckin")
        self.open_checkin.setToolTip(_tr("Open this check-in"))
        self.open_checkin.clicked.connect(self._open_checkin)
        self.checkin_row = flow_row()
        self.checkin_row.addWidget(self.open_checkin)
        self.checkin_row.addStretch(1)
        self.open_checkin.setVisible(False)
        layout.addLayout(self.checkin_row)
        self.links = plain_label("", object_name="muted")
        layout.addWidget(self.links)

        self.body = _Body()
        self.body.setObjectName("entryBody")
        self.body.setAccessibleName(_tr("Entry text"))
        self.body.setPlaceholderText(
            _tr("Write whatever is here for you today. It is saved as you type.")
        )
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self._body_changed)
        layout.addWidget(self.body, 1)

        row = flow_row()  # the flag goes under the tags when there is no room beside them
        row.addWidget(plain_label(_tr("Tags"), object_name="muted", wrap=False))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_tr("Tags, separated by commas"))
        self.tags.setAccessibleName(_tr("Tags"))
        self.tags.editingFinished.connect(self._tags_edited)
        row.addWidget(self.tags)  # (a line edit takes the room left on its line)
        self.flag = WrapCheckBox(_tr("Flag for my therapist"))
        self.flag.setAccessibleName(_tr("Flag for my therapist"))
        self.flag.toggled.connect(self._flag_toggled)
        row.addWidget(self.flag)
        layout.addLayout(row)

        bottom = QHBoxLayout()
        # Wraps: the note about words kept from a deleted entry is longer than "Saved".
        self.status = plain_label("", object_name="muted")
        self.status.setAccessibleName(_tr("Save status"))
        bottom.addWidget(self.status, 1)
        self.delete_button = button(_tr("Delete…"), accessible=_tr("Delete this entry"))
        self.delete_button.clicked.connect(self._ask_delete)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

        # Shown instead of a modal dialog: calmer, and it cannot hide behind the window.
        self.confirm = QWidget()
        self.confirm.setObjectName("confirmBar")
        confirm_row = QHBoxLayout(self.confirm)
        confirm_row.setContentsMargins(10, 6, 10, 6)
        confirm_row.addWidget(
            plain_label(_tr("Delete this entry? You can undo this until you lock the journal.")), 1
        )
        self.confirm_delete = button(_tr("Delete"), accessible=_tr("Yes, delete this entry"))
        self.confirm_delete.clicked.connect(self._confirmed_delete)
        self.keep_button = button(_tr("Keep it"), primary=True, accessible=_tr("Keep this entry"))
        self.keep_button.clicked.connect(lambda: self.confirm.setVisible(False))
        confirm_row.addWidget(self.confirm_delete)
        confirm_row.addWidget(self.keep_button)
        self.confirm.setVisible(False)
        layout.addWidget(self.confirm)

        self._idle = idle_timer(self, IDLE_MS, self.flush)
        self._max_wait = idle_timer(self, MAX_WAIT_MS, self.flush)
        services.jobs.flush_requested.connect(self.flush)
        services.jobs.busy_changed.connect(self._job_changed)
        for field in (self.title, self.body):
            field.installEventFilter(self)
        self.setEnabled(False)

    # -- loading

    @property
    def entry_id(self) -> int | None:
        return None if self.entry is None else self.entry.id

    def load(self, entry_id: int | None) -> None:
        """Save the current entry, then show `entry_id` (None: show nothing)."""
        self._kept_note = ""
        self.flush()
        self.confirm.setVisible(False)
        entry = None if entry_id is None else self.services.entries.get(entry_id)
        self.entry = entry
        self._loading = True
        try:
            self.title.setText(entry.title if entry else "")
            self.title.setCursorPosition(0)  # a long title shows its start, not its end
            self.body.setPlainText(entry.body if entry else "")  # also clears the undo stack
            self.tags.setText(", ".join(entry.tags) if entry else "")
            self.flag.setChecked(bool(entry and entry.flagged))
        finally:
            self._loading = False
        self._dirty = False
        self.setEnabled(entry is not None)
        # Leaving an entry that had been deleted elsewhere: the note that its words were
        # kept must still be read, so it stays until the next save.
        self.status.setText(self._kept_note)
        self._show_meta()

    def _show_meta(self) -> None:
        entry = self.entry
        if entry is None:
            self.meta.setText("")
            self.links.setText("")
            self._checkin_uid = ""
            self.open_checkin.setVisible(False)
            return
        meta = _tr("Written {when}").format(when=_when(entry.created_at))
        if (
            entry.updated_at
            and entry.created_at
            and (entry.updated_at - entry.created_at).total_seconds() >= 60
        ):
            meta += "  ·  " + _tr("edited {when}").format(when=_when(entry.updated_at))
        self.meta.setText(meta)
        links = self.services.use.journal.links(entry)
        lines: list[str] = []
        stored = (
            self.services.checkins.get_by_id(entry.checkin_id)
            if entry.checkin_id is not None and links.checkin_phase
            else None
        )
        self._checkin_uid = stored.uid if stored is not None else ""
        if stored is not None and links.checkin_phase:
            phase = journal_label(links.checkin_phase)
            self.open_checkin.setText(_tr("From the “{phase}” check-in").format(phase=phase))
            self.open_checkin.setAccessibleName(
                _tr("Open the “{phase}” check-in").format(phase=phase)
            )
        self.open_checkin.setVisible(stored is not None)
        if links.session is not None:
            lines.append(_tr("Linked to: {session}").format(session=group_label(links.session)))
        for day in links.shared_on:
            lines.append(_tr("Shared with your therapist on {day}").format(day=format_day(day)))
        self.links.setText("\n".join(lines))
        self.links.setVisible(bool(lines))

    # -- autosave

    def _body_changed(self) -> None:
        if not self._loading:
            self._changed()

    def _changed(self) -> None:
        if self.entry is None:
            return
        self._dirty = True
        self.status.setText(_tr("Saving…"))
        self._idle.start(IDLE_MS)
        if not self._max_wait.isActive():
            self._max_wait.start()

    def _job_changed(self, busy: str) -> None:
        if not busy and self._dirty:
            self.flush()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def flush(self) -> bool:
        """Write unsaved text now. Returns False if it could not be written (kept for retry)."""
        self._idle.stop()
        self._max_wait.stop()
        self._tags_edited()
        if not self._dirty or self.entry is None or self.entry.id is None:
            return True
        if self.services.jobs.busy:
            # A backup, import or key change runs: the words stay here and are saved the
            # moment it ends (`_job_changed`), never inside the job's transaction.
            self.status.setText(_tr("Kept - saved when the current task finishes"))
            return False
        title, body = self.title.text(), self.body.toPlainText()
        try:
            if not self.services.entries.save_text(self.entry.id, title, body):
                self._keep_as_new()  # deleted elsewhere meanwhile
                return True
        except Exception:  # noqa: BLE001 - e.g. the disk is full: keep the text, try again
            self.status.setText(_tr("Not saved yet - trying again…"))
            self._idle.start(RETRY_MS)
            return False
        self._dirty = False
        self.entry.title, self.entry.body = title, body
        self.status.setText(_tr("Saved"))
        self.saved.emit(self.entry.id, title, body)
        return True

    def _gone(self) -> bool:
        """The open entry was deleted elsewhere (another screen, the check-in view)."""
        return self.entry is not None and (
            self.entry.id is None or self.services.entries.get(self.entry.id) is None
        )

    def _keep_as_new(self) -> None:
        """Keep what the editor shows as a new entry: its old one was deleted elsewhere.

        Title, tags, flag, prompt and links (as far as the check-in and session still
        exist) carry over, so nothing the patient wrote or chose is lost.
        """
        old = self.entry
        assert old is not None and old.id is not None
        checkin_id = old.checkin_id
        if checkin_id is not None and self.services.checkins.get_by_id(checkin_id) is None:
            checkin_id = None
        session_id = old.session_id
        if session_id is not None and self.services.sessions.get(session_id) is None:
            session_id = None
        entry = self.services.entries.add(
            Entry(
                title=self.title.text(),
                body=self.body.toPlainText(),
                tags=[t for t in self.tags.text().split(",") if normalise_tag(t)],
                flagged=self.flag.isChecked(),
                prompt_id=old.prompt_id,
                checkin_id=checkin_id,
                session_id=session_id,
            )
        )
        assert entry.id is not None
        self.entry = entry
        self._dirty = False
        self._loading = True
        try:
            self.tags.setText(", ".join(entry.tags))
        finally:
            self._loading = False
        self._kept_note = _tr(
            "This entry had been deleted elsewhere. What you wrote is kept as a new entry."
        )
        self.status.setText(self._kept_note)
        self._show_meta()
        self.recreated.emit(old.id, entry.id)

    def _open_checkin(self) -> None:
        """Open the check-in this entry was written for, as reminders do (Today)."""
        if not self._checkin_uid:
            return
        uid = self._checkin_uid
        self.flush()
        if self.services.checkins.get(uid) is None:  # gone since the entry was shown
            self._show_meta()
            return
        self.services.navigate.emit("today", uid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut and self._dirty:
            self.flush()
        return super().eventFilter(watched, event)

    # -- tags, flag, delete

    def _tags_edited(self) -> None:
        if self.entry is None or self.entry.id is None or self._loading:
            return
        wanted = [t for t in self.tags.text().split(",") if normalise_tag(t)]
        if sorted(normalise_tag(t) for t in wanted) == sorted(self.entry.tags):
            return
        if self._gone():
            self._keep_as_new()  # tagging a deleted entry would fail its foreign key
            return
        clean = self.services.entries.set_tags(self.entry.id, wanted)
        self.tags.setText(", ".join(clean))
        if clean != self.entry.tags:
            self.entry.tags = clean
            self.tags_changed.emit(self.entry.id, clean)

    def _flag_toggled(self, on: bool) -> None:
        if self.entry is None or self.entry.id is None or self._loading:
            return
        if self._gone():
            self._keep_as_new()  # flagging a deleted entry would change nothing
            return
        self.services.entries.set_flagged(self.entry.id, on)
        self.entry.flagged = on
        self.flag_changed.emit(self.entry.id, on)

    def _ask_delete(self) -> None:
        self.confirm.setVisible(True)
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirmed_delete(self) -> None:
        self.confirm.setVisible(False)
        if self.entry is not None and self.entry.id is not None:
            self.flush()
            self.delete_requested.emit(self.entry.id)

    def is_blank(self) -> bool:
        """Nothing written, tagged or flagged: a "new entry" the patient walked away from."""
        return (
            self.entry is not None
            and not self.title.text().strip()
            and not self.body.toPlainText().strip()
            and not self.entry.tags
            and not self.entry.flagged
        )
