"""One check-in: a few prompts for its phase, quick ratings, and gentle ways out.

Every answer is a journal entry linked to the check-in (and its session), saved while
typing (after a 1 s pause, and at most 1 s after the first unsaved keystroke while
typing goes on) and again when leaving. Quick ratings are stored as soon as they are
chosen. Nothing here asks the patient to justify skipping.

Every entry linked to the check-in is shown on it exactly once: answers in their prompt
boxes, anything else (written in the journal with the link, answers to prompts no longer
shown, imported copies) in a list that opens each one in the journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.core.distress_followup import load_rules
from integrate.core.model import CheckInState, Entry, EntryRole, Phase, SessionKind
from integrate.core.prompts import (
    CheckInLayout,
    Prompt,
    PromptLibrary,
    choose_prompts,
    load_prompts,
    load_safety_card,
)
from integrate.core.timeutil import day_text, day_time_text, now_local
from integrate.core.window import session_number
from integrate.share.phase_labels import phase_name
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.ui.widgets.distress_followup import FollowUpCard
from integrate.ui.widgets.flow import SideBySide, WrapCheckBox
from integrate.ui.widgets.ratings import RatingRow
from integrate.vault.checkins import StoredCheckin

AUTOSAVE_MS = 1000  # after the last keystroke; well inside the 2 s promise
# Typing without a pause never lets the idle timer fire, so a second timer caps how long
# a keystroke can wait: the 2 s promise holds however fast or long someone writes.
MAX_WAIT_MS = 1000
PREVIEW_CHARS = 240  # as the therapy-prep card's excerpts
ALSO_TEXT_CHARS = 30  # the least room (average characters) a listed entry's text gets


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckIn", text)


def _written(moment: datetime) -> str:
    """When an entry was written, as the journal's editor says it."""
    return _tr("Written {when}").format(when=day_time_text(moment))


def _preview(body: str) -> str:
    """The start of an entry on one calm paragraph (line breaks folded into spaces)."""
    flat = " ".join(body.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS].rstrip() + "…"


@dataclass
class _Answer:
    """One text box and the journal entry it writes to."""

    prompt: Prompt | None  # None: free writing
    editor: QPlainTextEdit | QLineEdit
    flag: QCheckBox
    timer: QTimer  # restarted by every keystroke (a pause)
    max_wait: QTimer  # started by the first unsaved keystroke, never restarted
    entry_id: int | None = None
    skipped: bool = False
    title: str | None = None  # the loaded entry's title, kept if renamed in the journal

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()


class CheckinView(QWidget):
    """The check-in screen. Emits `closed` when the patient leaves it (any way)."""

    closed = Signal()

    def __init__(
        self, services: AppServices, uid: str, library: PromptLibrary | None = None
    ) -> None:
        super().__init__()
        self.services = services
        self.repo = services.checkins
        found = self.repo.get(uid)
        if found is None:
            raise KeyError(uid)
        self.checkin: StoredCheckin = found
        self.library = library or load_prompts()
        self.layout_spec: CheckInLayout = self.library.layout(found.phase)
        self.answers: list[_Answer] = []
        self.ratings: dict[str, RatingRow] = {}
        self._finished = False
        self._last_answer_control: QWidget | None = None  # Tab goes from it to the list

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName(self._title())  # it takes focus for keyboard scrolling
        body = QWidget()
        layout = page_layout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        layout.addWidget(page_title(self._title()))
        layout.addWidget(plain_label(self._subtitle(), object_name="muted"))
        if self.layout_spec.safety_card:
            layout.addWidget(self._safety_card())
        if found.phase is Phase.THERAPY_PREP:
            layout.addWidget(self._flagged_card())
        self.prompts = self._prompts()
        for prompt in self.prompts:
            layout.addWidget(self._prompt_card(prompt))
        if self.layout_spec.free_writing:
            layout.addWidget(self._free_card())
        self.also_entries: list[Entry] = []
        self.also_frame = self._also_card()
        layout.addWidget(self.also_frame)
        ratings = self.library.ratings_for(found.phase)
        if ratings:
            frame, box = card()
            box.addWidget(plain_label(_tr("Quick ratings"), object_name="sectionTitle"))
            for rating in ratings:
                row = RatingRow(rating)
                row.set_value(found.ratings.get(rating.id))
                row.changed.connect(self._save_ratings)
                self.ratings[rating.id] = row
                box.addWidget(row)
            layout.addWidget(frame)
        # After-effects, sleep, substances (issue 17): cards of their own, by phase.
        from integrate.ui.widgets.tracking import checkin_cards

        self.tracking_cards = checkin_cards(services, found)
        for tracking_card in self.tracking_cards:
            layout.addWidget(tracking_card)
        # A high distress rating gets a gentle offer of support, once (issue #14).
        self.followup: FollowUpCard | None = None
        if "distress" in self.ratings:
            self._followup_at = layout.count()
            self._body = layout
            self.ratings["distress"].changed.connect(self._distress_rated)

        actions = flow_row()  # Skip goes under Done when they do not fit beside each other
        self.done_button = button(_tr("Done"), primary=True, accessible=_tr("Finish check-in"))
        self.done_button.clicked.connect(self.finish)
        self.later_button = button(_tr("Come back later"))
        self.later_button.clicked.connect(self.leave)
        self.skip_button = button(_tr("Skip this check-in"))
        self.skip_button.clicked.connect(self.skip_checkin)
        # Done or let go already: there is nothing left to skip.
        self.skip_button.setVisible(found.state not in (CheckInState.DONE, CheckInState.SKIPPED))
        actions.addWidget(self.done_button)
        actions.addWidget(self.later_button)
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        layout.addLayout(actions)
        layout.addWidget(
            plain_label(
                _tr("What you write is saved as you type. Skipping is always fine."),
                object_name="muted",
            )
        )
        layout.addStretch(1)
        self._load_existing()
        self._shown_before = False  # the first show comes right after loading
        services.about_to_lock.connect(self.flush)
        services.jobs.flush_requested.connect(self.flush)
        services.jobs.busy_changed.connect(self._job_changed)

    # -- building

    def _title(self) -> str:
        c = self.checkin
        if c.session_id is not None and c.phase in (
            Phase.SAME_DAY,
            Phase.DAY_1,
            Phase.DAY_2,
            Phase.DAY_3,
            Phase.BETWEEN,
            Phase.PREPARATION,
        ):
            sessions = self.services.sessions.list(kind=SessionKind.KETAMINE)
            session = next((s for s in sessions if s.id == c.session_id), None)
            if session is not None:
                n = session_number(session, sessions)
                templates = {
                    Phase.PREPARATION: _tr("Getting ready for session {n}"),
                    Phase.SAME_DAY: _tr("The day of session {n}"),
                    Phase.DAY_1: _tr("Day 1 after session {n}"),
                    Phase.DAY_2: _tr("Day 2 after session {n}"),
                    Phase.DAY_3: _tr("Day 3 after session {n}"),
                    Phase.BETWEEN: _tr("Between sessions, after session {n}"),
                }
                return templates[c.phase].format(n=n)
        return phase_name(c.phase)

    def _subtitle(self) -> str:
        due = self.checkin.due_at.astimezone()
        if self.checkin.state is CheckInState.SUPERSEDED:
            # Reached from an older reminder: say why Today no longer offers it.
            return _tr(
                "A newer session's check-ins have taken over from this one. You can still "
                "write here if you want to."
            )
        if self.checkin.phase is Phase.SAME_DAY:
            return _tr("Just a line or two. Rest comes first today.")
        if self.checkin.state is CheckInState.DONE:
            return _tr("You finished this one. You can still add to it.")
        return _tr("From {when}. Take what is useful and leave the rest.").format(
            when=due.strftime("%A %d %B, %H:%M")
        )

    def _safety_card(self) -> QWidget:
        safety = load_safety_card()
        frame, box = card()
        frame.setObjectName("card")
        frame.setAccessibleName(safety.title)
        box.addWidget(plain_label(safety.title, object_name="sectionTitle"))
        box.addWidget(plain_label(safety.intro))
        for item in safety.items:
            label = plain_label("•  " + item.text)
            label.setObjectName(f"safety-{item.id}")
            box.addWidget(label)
        box.addWidget(plain_label(safety.who_to_call, object_name="muted"))
        # The numbers themselves, from the one crisis-contact model (issue #14).
        from integrate.ui.widgets.crisis_view import contacts_for, country_from_prefs, lines_list

        self.safety_lines = lines_list(contacts_for(country_from_prefs(self.services.prefs)))
        box.addWidget(self.safety_lines)
        box.addWidget(plain_label(safety.not_monitored, object_name="muted"))
        self.safety_frame = frame
        return frame

    def _flagged_card(self) -> QWidget:
        frame, box = card()
        box.addWidget(
            plain_label(_tr("What you flagged for your therapist"), object_name="sectionTitle")
        )
        until = self.checkin.due_at + timedelta(days=2)
        since = self._previous_therapy() or self.checkin.due_at - timedelta(days=14)
        # Entries of this check-in itself are shown below (in their boxes or the list),
        # so they are not repeated here.
        self.flagged = [
            e
            for e in self.repo.flagged_entries(since, max(until, now_local()))
            if e.checkin_id != self.checkin.id
        ]
        if not self.flagged:
            box.addWidget(
                plain_label(
                    _tr(
                        "Nothing flagged since the last appointment. You can "
                        "flag an entry in the journal, or write a question "
                        "below."
                    ),
                    object_name="muted",
                )
            )
        for entry in self.flagged:
            when = day_text(entry.created_at, year=False) if entry.created_at else ""
            title = entry.title or _tr("Untitled entry")
            box.addWidget(plain_label(f"{when}  {title}"))
            excerpt = entry.body if len(entry.body) <= 240 else entry.body[:240] + "…"
            box.addWidget(plain_label(excerpt, object_name="muted"))
        return frame

    def _previous_therapy(self) -> datetime | None:
        appointments = self.services.sessions.list(kind=SessionKind.THERAPY)
        this = self.checkin.session_id
        current = next((s for s in appointments if s.id == this), None)
        if current is None:
            return None
        earlier = [s.at for s in appointments if s.at < current.at]
        return max(earlier) if earlier else None

    def _prompts(self) -> list[Prompt]:
        c = self.checkin
        known = []
        for pid in c.prompt_ids:
            try:
                known.append(self.library.get(pid))
            except KeyError:
                continue  # removed from the library in an update
        if known:
            return known
        if c.state in (CheckInState.DONE, CheckInState.SKIPPED):
            # Finished without prompts (e.g. answered in the journal): picking some now
            # would rewrite the series' prompt history after the fact.
            return []
        chosen = choose_prompts(
            self.library,
            c.phase,
            self.repo.prompts_seen_in_series(c),
            self.repo.pinned(),
            self.layout_spec.prompt_count,
            c.uid,
        )
        self.repo.set_prompts(c.uid, [p.id for p in chosen])
        return chosen

    def _prompt_card(self, prompt: Prompt) -> QWidget:
        frame, box = card()
        frame.setAccessibleName(prompt.short)
        box.addWidget(plain_label(prompt.short, object_name="sectionTitle"))
        if not self.layout_spec.one_line:
            box.addWidget(plain_label(prompt.long, object_name="muted"))
        editor: QPlainTextEdit | QLineEdit
        if self.layout_spec.one_line:
            editor = QLineEdit()
            editor.setPlaceholderText(_tr("A word or a line is plenty"))
        else:
            editor = QPlainTextEdit()
            # Lines as many at any text size (heights chosen beside 11 pt text).
            editor.setMinimumHeight(theme.scaled(90))
            editor.setMaximumHeight(theme.scaled(150))
            editor.setTabChangesFocus(True)
        editor.setAccessibleName(prompt.short)
        box.addWidget(editor)
        answer = self._answer(prompt, editor)
        # The check boxes and Skip go on to more lines when large text leaves no room.
        row = flow_row()
        row.addWidget(answer.flag)
        row.addStretch(1)
        pinned = prompt.id in self.repo.pinned()
        pin = WrapCheckBox(_tr("Show me this again"))
        pin.setChecked(pinned)
        pin.setAccessibleName(_tr("Pin this prompt"))
        # What it does, in words (issue 18): the question stays instead of rotating out.
        pin.setToolTip(_tr("Ask me this question again in my next check-ins."))
        pin.setAccessibleDescription(pin.toolTip())
        pin.toggled.connect(lambda on, pid=prompt.id: self._pin(pid, on))
        row.addWidget(pin)
        # One skip label for every question (the prompts' own wordings made four different
        # skip buttons on one check-in, issue 18); the check-in's own is "Skip this check-in".
        skip = button(_tr("Skip this question"), accessible=_tr("Skip this prompt"))
        skip.setObjectName("skipPrompt")

        def skip_prompt() -> None:
            answer.skipped = True
            editor.setEnabled(False)
            skip.setEnabled(False)

        skip.clicked.connect(skip_prompt)
        row.addWidget(skip)
        self._last_answer_control = skip
        box.addLayout(row)
        return frame

    def _free_card(self) -> QWidget:
        frame, box = card()
        box.addWidget(plain_label(_tr("Anything else on your mind?"), object_name="sectionTitle"))
        editor = QPlainTextEdit()
        editor.setMinimumHeight(theme.scaled(70))
        editor.setMaximumHeight(theme.scaled(130))
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(_tr("Free writing"))
        box.addWidget(editor)
        answer = self._answer(None, editor)
        box.addWidget(answer.flag)
        self._last_answer_control = answer.flag
        return frame

    def _answer(self, prompt: Prompt | None, editor: QPlainTextEdit | QLineEdit) -> _Answer:
        flag = WrapCheckBox(_tr("Flag for my therapist"))
        flag.setAccessibleName(_tr("Flag for my therapist"))
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(AUTOSAVE_MS)
        max_wait = QTimer(self)
        max_wait.setSingleShot(True)
        max_wait.setInterval(MAX_WAIT_MS)
        answer = _Answer(prompt, editor, flag, timer, max_wait)
        timer.timeout.connect(lambda: self._save(answer))
        max_wait.timeout.connect(lambda: self._save(answer))

        def changed(*_: object) -> None:
            timer.start()
            if not max_wait.isActive():
                max_wait.start()

        editor.textChanged.connect(changed)
        flag.toggled.connect(lambda on: self._set_flag(answer, on))
        self.answers.append(answer)
        return answer

    def _also_card(self) -> QFrame:
        frame, box = card()
        heading = _tr("Also written for this check-in")
        frame.setAccessibleName(heading)
        box.addWidget(plain_label(heading, object_name="sectionTitle"))
        box.addWidget(
            plain_label(
                _tr("Open one to read it or add to it in the journal."), object_name="muted"
            )
        )
        self._also_rows = QVBoxLayout()
        self._also_rows.setSpacing(18)  # room between entries: each reads as its own
        box.addSpacing(4)
        box.addLayout(self._also_rows)
        frame.setVisible(False)
        return frame

    def _also_row(self, entry: Entry) -> QWidget:
        """One listed entry: title, when it was written, a plain-text preview, Open."""
        row = QWidget()
        text = QVBoxLayout()
        text.setSpacing(2)
        title = entry.title.strip() or _tr("Untitled entry")
        text.addWidget(plain_label(title, object_name="alsoTitle"))
        if entry.created_at is not None:
            text.addWidget(plain_label(_written(entry.created_at), object_name="muted"))
        preview = _preview(entry.body)
        if preview:
            text.addWidget(plain_label(preview, object_name="alsoPreview"))
        else:
            text.addWidget(plain_label(_tr("No words in it yet."), object_name="muted"))
        opener = button(
            _tr("Open in journal"),
            accessible=_tr("Open “{title}” in the journal").format(title=title),
        )
        opener.setObjectName("openLinked")
        opener.clicked.connect(lambda _=False, uid=entry.uid: self._open_entry(uid))
        side = QVBoxLayout()
        side.addWidget(opener)
        side.addStretch(1)  # level with the title
        # Open beside the text, or under it once large text would leave the preview a
        # narrow column of a few words a line (hard to read).
        line = SideBySide(text, side, main_chars=ALSO_TEXT_CHARS)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(12)
        row.setLayout(line)
        return row

    def _open_entry(self, uid: str) -> None:
        """Open a listed entry the way other screens do: the journal, with it selected."""
        self.flush()
        self.services.navigate.emit("journal", uid)

    def _show_also(self, entries: list[Entry]) -> None:
        self.also_entries = entries
        while self._also_rows.count():
            item = self._also_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        # Rows are built after the buttons at the bottom: put their Open buttons back in
        # reading order for Tab, right after the answers above them.
        previous = self._last_answer_control
        for entry in entries:
            row = self._also_row(entry)
            self._also_rows.addWidget(row)
            opener = row.findChild(QPushButton, "openLinked")
            if previous is not None and opener is not None:
                QWidget.setTabOrder(previous, opener)
                previous = opener
        self.also_frame.setVisible(bool(entries))

    def _belongs(self, answer: _Answer, entry: Entry) -> bool:
        """Whether `entry` is the one `answer`'s box shows."""
        if answer.prompt is not None:
            return entry.prompt_id == answer.prompt.id
        # Free writing is stored with its role (never found by its translated title). An
        # entry written in the journal with the link has no role: it is listed (and opens
        # in the journal's full editor) rather than squeezed into this box.
        return entry.prompt_id is None and entry.role is EntryRole.CHECKIN_FREE

    def _unsaved(self, answer: _Answer) -> bool:
        """Typing not written yet (a timer pending, or words without an entry so far)."""
        pending = answer.timer.isActive() or answer.max_wait.isActive()
        return pending or (answer.entry_id is None and bool(answer.text().strip()))

    def _load_existing(self) -> None:
        """Show every entry linked to this check-in once: answers in their boxes, the rest listed.

        Run when built and again whenever the screen comes back, as the journal may have
        changed or deleted an entry meanwhile. A box keeps the entry it holds while that
        still belongs to it; a box with unsaved typing is left alone.
        """
        entries = self.repo.entries_for(self.checkin.id)
        by_id = {e.id: e for e in entries}
        claimed: set[int | None] = set()
        kept: dict[int, Entry] = {}  # answer index -> the entry it already holds
        for i, answer in enumerate(self.answers):
            held = by_id.get(answer.entry_id) if answer.entry_id is not None else None
            if self._unsaved(answer):
                claimed.add(answer.entry_id)
            elif held is not None and self._belongs(answer, held):
                kept[i] = held
                claimed.add(held.id)
        for i, answer in enumerate(self.answers):
            if self._unsaved(answer):
                continue
            match = kept.get(i) or next(
                (e for e in entries if e.id not in claimed and self._belongs(answer, e)), None
            )
            if match is not None:
                claimed.add(match.id)
            self._fill(answer, match)
        self._show_also([e for e in entries if e.id not in claimed])

    def _fill(self, answer: _Answer, entry: Entry | None) -> None:
        """Show `entry` (None: nothing) in `answer`'s box without it counting as typing."""
        answer.entry_id = None if entry is None else entry.id
        answer.title = None if entry is None else entry.title
        body = "" if entry is None else entry.body
        blocked = [answer.editor.blockSignals(True), answer.flag.blockSignals(True)]
        try:
            if answer.text() != body:  # unchanged text keeps the cursor where it is
                if isinstance(answer.editor, QLineEdit):
                    answer.editor.setText(body)
                else:
                    answer.editor.setPlainText(body)
            answer.flag.setChecked(entry is not None and entry.flagged)
        finally:
            answer.editor.blockSignals(blocked[0])
            answer.flag.blockSignals(blocked[1])

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        if self._shown_before and self.services.vault.is_open and not self._finished:
            fresh = self.repo.get_by_id(self.checkin.id)
            if fresh is None:
                # Gone while away (its session was deleted): what was typed is saved and
                # stays in the journal; there is no check-in left to show.
                QTimer.singleShot(0, self._close)
            else:
                self.checkin = fresh
                self._load_existing()
        self._shown_before = True
        super().showEvent(event)  # type: ignore[arg-type]

    # -- saving

    def _save(self, answer: _Answer) -> None:
        answer.timer.stop()
        answer.max_wait.stop()
        if not self.services.vault.is_open:
            return
        if self.services.jobs.busy:
            answer.timer.start()  # still unsaved: saved when the job ends (`_job_changed`)
            return
        text = answer.text()
        title = answer.title  # an empty title set in the journal stays empty
        if title is None:
            title = answer.prompt.short if answer.prompt else phase_name(self.checkin.phase)
        if answer.entry_id is not None and not self.services.entries.save_text(
            answer.entry_id, title, text
        ):
            # Deleted elsewhere (the journal) while this box still showed it: writing
            # into nothing would lose the words, so they become a new entry.
            answer.entry_id = None
        if answer.entry_id is None:
            if not text.strip():
                return
            checkin_id, session_id = self._links()
            entry = self.services.entries.add(
                Entry(
                    body=text,
                    title=title,
                    flagged=answer.flag.isChecked(),
                    prompt_id=answer.prompt.id if answer.prompt else None,
                    role=None if answer.prompt else EntryRole.CHECKIN_FREE,
                    checkin_id=checkin_id,
                    session_id=session_id,
                )
            )
            answer.entry_id = entry.id
            answer.title = title
        self.services.notify("entries")

    def _links(self) -> tuple[int | None, int | None]:
        """The check-in and session ids a new answer links to, as far as they still exist."""
        if self.repo.get_by_id(self.checkin.id) is not None:
            return self.checkin.id, self.checkin.session_id
        # The check-in went away while open (its session deleted): linking to it would
        # fail and lose the words, so keep them unlinked (or linked to the session only).
        session = self.checkin.session_id
        if session is not None and self.services.sessions.get(session) is None:
            session = None
        return None, session

    def _set_flag(self, answer: _Answer, on: bool) -> None:
        if answer.entry_id is None:
            self._save(answer)
        if answer.entry_id is not None:
            self.services.entries.set_flagged(answer.entry_id, on)
            self.services.notify("entries")

    def _pin(self, prompt_id: str, on: bool) -> None:
        if on:
            self.repo.pin(prompt_id)
        else:
            self.repo.unpin(prompt_id)

    def _job_changed(self, busy: str) -> None:
        if not busy:
            self.flush()

    def flush(self) -> None:
        """Write every pending answer now (leaving, locking)."""
        for answer in self.answers:
            if self._unsaved(answer):
                self._save(answer)
        for tracking_card in getattr(self, "tracking_cards", []):
            tracking_card.flush()

    def _save_ratings(self) -> None:
        """Keep chosen ratings at once, so "Come back later" or a lock loses none."""
        if self.services.vault.is_open:
            self.repo.set_ratings(self.checkin.uid, self.rating_values())

    def _distress_rated(self) -> None:
        """Offer another exercise / Need help now / "I'm OK for now" the first time only."""
        rules = load_rules()
        if self.followup is not None or not rules.after_checkin(self.ratings["distress"].value()):
            return
        self.followup = FollowUpCard(rules)
        self.followup.another_exercise.connect(self._followup_exercise)
        self.followup.help_now.connect(self.services.help_now_requested.emit)
        self._body.insertWidget(self._followup_at, self.followup)
        self.followup.show()  # (a layout only shows a new child on the next event loop turn)

    def _followup_exercise(self) -> None:
        actions = self.services.coping_actions
        pick = actions.top_pick() if actions is not None else None
        if actions is not None and pick is not None:
            actions.open_player(pick.exercise, self.window())

    def rating_values(self) -> dict[str, int | None]:
        return {rid: row.value() for rid, row in self.ratings.items()}

    # -- leaving

    def finish(self) -> None:
        self.flush()
        self._drop_empty()
        if self.repo.get(self.checkin.uid) is not None:
            # Adding to a finished check-in keeps the day it was done (shared summaries
            # date its ratings by it).
            done_at = self.checkin.completed_at if self.checkin.state is CheckInState.DONE else None
            self.repo.complete(
                self.checkin.uid, self.rating_values(), [p.id for p in self.prompts], now=done_at
            )
        self._close()

    def skip_checkin(self) -> None:
        self.flush()
        self._drop_empty()
        if self.checkin.state not in (CheckInState.DONE, CheckInState.SKIPPED) and (
            self.repo.get(self.checkin.uid) is not None
        ):
            self.repo.skip(self.checkin.uid)
        self._close()

    def leave(self) -> None:
        self.flush()
        self._close()

    def _drop_empty(self) -> None:
        for answer in self.answers:
            if answer.entry_id is not None and not answer.text().strip():
                self.services.entries.delete(answer.entry_id)
                answer.entry_id = None

    def _close(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.services.notify("checkins")
        self.closed.emit()

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        if self.services.vault.is_open:
            self.flush()
        super().hideEvent(event)  # type: ignore[arg-type]
