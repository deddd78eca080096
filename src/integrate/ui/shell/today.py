"""Today: where you are in the integration window, what is due now and next.

Overdue check-ins are offered kindly ("Still want to do this one?"), never counted as
failures. Other areas add their own sections through TODAY_SECTIONS.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.model import CheckInState, Phase
from integrate.core.timeutil import day_text, now_local, rules_of
from integrate.core.window import WindowKind, WindowState, current_window
from integrate.share.phase_labels import phase_name
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.icons import icon
from integrate.ui.base.timers import due_timer
from integrate.ui.checkins.checkin import CheckinView
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, button_row, page_layout, page_title, plain_label
from integrate.ui.widgets.flow import SideBySide
from integrate.vault.checkins import StoredCheckin, sync

# What Today's Breathe button starts (an exercise id in resources/exercises).
BREATHING_EXERCISE = "extended_exhale"

SectionFactory = Callable[[AppServices], QWidget | None]


# Each feature's part of Today, imported when Today is built (not at start-up).
def _past_planned(services: AppServices) -> QWidget | None:
    from integrate.ui.sessions.sessions_today import past_planned_section

    return past_planned_section(services)


def _due_measures(services: AppServices) -> QWidget | None:
    from integrate.ui.measures.measures_today import due_measures_section

    return due_measures_section(services)


def _data_notices(services: AppServices) -> QWidget | None:
    from integrate.ui.settings.data_today import data_notices_section

    return data_notices_section(services)


def _sleep_today(services: AppServices) -> QWidget | None:
    from integrate.ui.widgets.tracking import sleep_today_section

    return sleep_today_section(services)


# Shown below the check-ins, in this order (sessions to confirm, measures due, data,
# last night's sleep).
TODAY_SECTIONS: list[SectionFactory] = [_past_planned, _due_measures, _data_notices, _sleep_today]

# Today re-reads itself when the next check-in comes due; a longer sleep is cut into
# pieces of this size so a suspend or a clock change is caught up (a re-arm, no rebuild).
MAX_DUE_SLEEP_MS = 15 * 60 * 1000
MISSED_OFFER_DAYS = 7  # older missed check-ins stay in the journal's history, not on Today
MINUTES = {
    Phase.SAME_DAY: 2,
    Phase.PREPARATION: 5,
    Phase.DAY_1: 5,
    Phase.DAY_2: 5,
    Phase.DAY_3: 5,
    Phase.BETWEEN: 5,
    Phase.SERIES_REVIEW: 10,
    Phase.THERAPY_PREP: 5,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Today", text)


def window_text(state: WindowState, now: datetime) -> str:
    """The current window in plain words."""

    def next_part() -> str:
        if state.next is None:
            return ""
        when = state.next.at.astimezone(rules_of(now))
        days = (when.date() - now.date()).days
        if days == 0:
            return _tr("Your next session is today at {time}.").format(time=when.strftime("%H:%M"))
        if days == 1:
            return _tr("Your next session is tomorrow at {time}.").format(
                time=when.strftime("%H:%M")
            )
        return _tr("Your next session is on {day}.").format(
            day=day_text(when, weekday="long", month="long", year=False)
        )

    if state.kind is WindowKind.NO_SESSIONS:
        return ""
    if state.kind is WindowKind.BEFORE_FIRST:
        return (_tr("Before your first session.") + " " + next_part()).strip()
    n = state.session_number
    if state.kind is WindowKind.SAME_DAY:
        head = _tr("The day of session {n}.").format(n=n)
    elif state.kind is WindowKind.DAYS_AFTER:
        head = _tr("Day {day} after session {n}.").format(day=state.day, n=n)
    elif state.next is None:
        # Nothing planned after it (e.g. the series has ended): "between" would promise a
        # next session nobody has planned.
        head = _tr("{days} days after session {n}.").format(days=state.day, n=n)
    else:
        head = _tr("Between sessions.")
    return (head + " " + next_part()).strip()


def due_text(c: StoredCheckin, now: datetime) -> str:
    when = c.due_at.astimezone(now.tzinfo)
    days = (when.date() - now.date()).days
    clock = when.strftime("%H:%M")
    if days == 0:
        return _tr("today at {time}").format(time=clock)
    if days == 1:
        return _tr("tomorrow at {time}").format(time=clock)
    if days == -1:
        return _tr("yesterday")
    if days < 0:
        return day_text(when, weekday="long", month="long", year=False)
    return _tr("{day} at {time}").format(
        day=day_text(when, weekday="long", month="long", year=False), time=clock
    )


class TodayPage(QWidget):
    """The overview, and the open check-in on top of it when one is started."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.overview_scroll = QScrollArea()
        self.overview_scroll.setWidgetResizable(True)
        self.overview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.overview_scroll)
        self.checkin_view: CheckinView | None = None
        self._undo_skip: tuple[str, CheckInState, str] | None = None  # uid, state, name
        self._opened_before: StoredCheckin | None = None
        self.start_buttons: dict[str, QWidget] = {}
        self.window_label = plain_label("")
        self.clock: Callable[[], datetime] = getattr(services, "clock", now_local)
        # One single-shot timer to the next due time, re-armed by every refresh.
        self.due_timer = due_timer(self, self._due_time_reached)
        self.next_due: datetime | None = None
        self._sync()
        self.refresh()
        # Just built and filled: the first showEvent (right after) need not do it again.
        self._fresh = True
        services.changed.connect(self._changed)
        services.ready.connect(self._ready)

    # -- data

    def _sync(self) -> bool:
        """Bring the stored schedule up to date (at unlock and whenever Today is shown).

        Skipped while the vault is read-only or its start-up integrity check still runs
        (`_ready` catches up). Returns whether stored check-ins changed."""
        if self.services.vault.writable:
            return sync(self.services.vault).changed
        return False

    def _ready(self) -> None:
        """The vault passed its start-up check: sync, and show the result if it differs."""
        if self._sync() and self.checkin_view is None:
            self.refresh()

    def _changed(self, area: str) -> None:
        if area in ("sessions", "settings"):
            self._sync()
        if area in ("sessions", "checkins", "settings", "measures") and self.checkin_view is None:
            self.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        fresh, self._fresh = self._fresh, False
        if self.checkin_view is None and self.services.vault.is_open and not fresh:
            self._sync()
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    # -- overview

    def _write_or_breathe(self) -> QLayout:
        """Two things always at hand beside what is due (issue 18): a new journal entry,
        and the breathing exercise."""
        write = button(_tr("Write"), accessible=_tr("Write a new journal entry"))
        write.setIcon(icon("journal"))
        write.clicked.connect(lambda: self.services.navigate.emit("journal", "new"))
        breathe = button(_tr("Breathe"), accessible=_tr("Start the breathing exercise"))
        breathe.setIcon(icon("exercises"))
        breathe.clicked.connect(
            lambda: self.services.navigate.emit("exercises", BREATHING_EXERCISE)
        )
        self.write_button, self.breathe_button = write, breathe
        return button_row(write, breathe)

    def refresh(self) -> None:
        if not self.services.vault.is_open:
            return
        now = self.clock()
        body = QWidget()
        layout = page_layout(body)
        layout.addWidget(page_title(_tr("Today")))
        sessions = self.services.sessions.list()
        state = current_window(sessions, now)
        self.window_label = plain_label(window_text(state, now))
        self.window_label.setObjectName("windowText")
        theme.text_role(self.window_label, "lead")
        self.window_label.setAccessibleName(_tr("Where you are"))
        layout.addWidget(self.window_label)
        undo_bar = self._undo_bar()
        if undo_bar is not None:
            layout.addWidget(undo_bar)
        repo = self.services.checkins
        self.start_buttons = {}
        due = repo.due_now(now)
        missed = repo.missed(since=now - timedelta(days=MISSED_OFFER_DAYS))
        upcoming = repo.upcoming(now, limit=3)

        if not sessions:
            layout.addWidget(self._welcome())
        else:
            layout.addWidget(self._section_title(_tr("Now")))
            if due:
                for c in due:
                    layout.addWidget(self._due_card(c, now))
            else:
                layout.addWidget(
                    plain_label(
                        _tr(
                            "Nothing is due right now. That is fine: rest, or write in the "
                            "journal whenever you like."
                        ),
                        object_name="muted",
                    )
                )
            layout.addLayout(self._write_or_breathe())
            if missed:
                layout.addSpacing(8)
                layout.addWidget(
                    self._section_title(
                        _tr("Still want to do this one?")
                        if len(missed) == 1
                        else _tr("Still want to do these?")
                    )
                )
                for c in missed[:3]:
                    layout.addWidget(self._missed_card(c, now))
            if upcoming:
                layout.addSpacing(8)
                layout.addWidget(self._section_title(_tr("Coming up")))
                for c in upcoming:
                    line = plain_label(f"{phase_name(c.phase)} · {due_text(c, now)}")
                    layout.addWidget(line)
        for factory in TODAY_SECTIONS:
            section = factory(self.services)
            if section is not None:
                layout.addWidget(section)
        layout.addStretch(1)
        old = self.overview_scroll.takeWidget()
        self.overview_scroll.setWidget(body)
        if old is not None:
            old.deleteLater()
        self.due_keys = [c.uid for c in due]
        self.missed_keys = [c.uid for c in missed[:3]]
        self.upcoming_keys = [c.uid for c in upcoming]
        self.next_due = upcoming[0].due_at if upcoming else None
        self._arm_due_timer(now)

    def _arm_due_timer(self, now: datetime) -> None:
        self.due_timer.stop()
        if self.next_due is None:
            return
        delay_ms = (self.next_due - now).total_seconds() * 1000
        self.due_timer.start(int(min(max(delay_ms, 0), MAX_DUE_SLEEP_MS)))

    def _due_time_reached(self) -> None:
        """The next check-in's time: show it under "Now" (as the reminder banner does)."""
        if not self.services.vault.is_open:
            return
        now = self.clock()
        if self.next_due is not None and now < self.next_due:
            self._arm_due_timer(now)  # woke early (coarse timer, or a long sleep cut up)
        elif self.checkin_view is None:
            self.refresh()  # an open check-in refreshes Today when it closes

    def _section_title(self, text: str) -> QWidget:
        label = plain_label(text, object_name="sectionTitle")
        label.setAccessibleName(text)
        return label

    def _welcome(self) -> QWidget:
        frame, box = card()
        frame.setObjectName("card")
        box.addWidget(plain_label(_tr("Welcome"), object_name="sectionTitle"))
        box.addWidget(
            plain_label(
                _tr(
                    "When you log a ketamine session, Integrate plans a few short check-ins for the "
                    "days after it: a tiny one on the day itself, then one each day for three days, "
                    "and some between sessions. You can also plan upcoming sessions and therapy "
                    "appointments."
                )
            )
        )
        log = button(_tr("Log a session"), primary=True)
        log.setObjectName("primary")
        log.clicked.connect(lambda: self.services.navigate.emit("sessions", "new"))
        self.log_button = log
        box.addLayout(button_row(log))
        return frame

    def _due_card(self, c: StoredCheckin, now: datetime) -> QWidget:
        frame, box = card()
        text = QVBoxLayout()
        text.addWidget(plain_label(phase_name(c.phase), object_name="sectionTitle"))
        text.addWidget(
            plain_label(
                _tr("About {n} minutes · from {when}").format(
                    n=MINUTES[c.phase], when=due_text(c, now)
                ),
                object_name="muted",
            )
        )
        start = button(
            _tr("Start"),
            primary=True,
            accessible=_tr("Start {what}").format(what=phase_name(c.phase)),
        )
        start.clicked.connect(lambda _=False, uid=c.uid: self.open_item(uid))
        self.start_buttons[c.uid] = start
        box.addLayout(SideBySide(text, start))  # Start goes under the text when narrow
        return frame

    def _missed_card(self, c: StoredCheckin, now: datetime) -> QWidget:
        frame, box = card()
        text = QVBoxLayout()
        text.addWidget(plain_label(phase_name(c.phase), object_name="sectionTitle"))
        text.addWidget(
            plain_label(
                _tr("From {when}. You can still do it, or let it go.").format(
                    when=due_text(c, now)
                ),
                object_name="muted",
            )
        )
        start = button(_tr("Open"), accessible=_tr("Open {what}").format(what=phase_name(c.phase)))
        start.clicked.connect(lambda _=False, uid=c.uid: self.open_item(uid))
        self.start_buttons[c.uid] = start
        let_go = button(
            _tr("Let it go"), accessible=_tr("Let {what} go").format(what=phase_name(c.phase))
        )
        let_go.clicked.connect(lambda _=False, uid=c.uid: self._let_go(uid))
        buttons = QHBoxLayout()
        buttons.addWidget(start)
        buttons.addWidget(let_go)
        box.addLayout(SideBySide(text, buttons))  # the buttons go under the text when narrow
        return frame

    def _let_go(self, uid: str) -> None:
        found = self.services.checkins.get(uid)
        self.services.checkins.skip(uid)
        if found is not None:
            self._remember_skip(found)
        self.services.notify("checkins")

    def _remember_skip(self, before: StoredCheckin) -> None:
        """Offer Undo for a check-in just let go or skipped (issue 18)."""
        self._undo_skip = (before.uid, before.state, phase_name(before.phase))

    def _undo_bar(self) -> QWidget | None:
        if self._undo_skip is None:
            return None
        uid, _state, what = self._undo_skip
        note = plain_label(_tr("You let “{what}” go.").format(what=what), wrap=False)
        undo = button(_tr("Undo"), accessible=_tr("Undo letting {what} go").format(what=what))
        undo.clicked.connect(self.undo_skip)
        self.undo_skip_button = undo
        bar = QWidget()
        row = button_row(note, undo, spacing=8)
        row.setContentsMargins(0, 0, 0, 0)  # in line with the words above it
        bar.setLayout(row)
        return bar

    def undo_skip(self) -> None:
        """Put the last check-in let go (or skipped) back where it was."""
        if self._undo_skip is None:
            return
        uid, state, _what = self._undo_skip
        self._undo_skip = None
        self.services.checkins.unskip(uid, state)
        self.services.notify("checkins")
        self.refresh()

    # -- the check-in

    def open_item(self, uid: str) -> None:
        """Open check-in `uid` (also reached via services.navigate.emit("today", uid))."""
        if self.services.checkins.get(uid) is None:
            return
        self._close_checkin()
        self._opened_before = self.services.checkins.get(uid)
        view = CheckinView(self.services, uid)
        view.closed.connect(self._close_checkin)
        self.checkin_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)

    def current_item(self) -> str:
        """The open check-in's uid ("" for none): unlocking reopens it (ui/shell/autolock.py)."""
        return self.checkin_view.checkin.uid if self.checkin_view is not None else ""

    def _close_checkin(self) -> None:
        view, self.checkin_view = self.checkin_view, None
        self.stack.setCurrentWidget(self.overview_scroll)
        if view is not None:
            view.flush()
            self.stack.removeWidget(view)
            view.deleteLater()
            before, self._opened_before = self._opened_before, None
            after = self.services.checkins.get(before.uid) if before is not None else None
            if (
                before is not None
                and after is not None
                and before.state in (CheckInState.DUE, CheckInState.MISSED)
                and after.state is CheckInState.SKIPPED
            ):
                self._remember_skip(before)  # skipped inside the check-in: undoable too
            self.refresh()


def today_page(services: AppServices) -> QWidget:
    return TodayPage(services)
