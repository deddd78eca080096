"""The reminder service: what to announce, and when, from the schedule.

Pure logic with an injected clock, so every rule is testable without timers or Qt.
The UI owns the timer (it sleeps until `next_wakeup()`, then calls `due_now()`) and
decides how to show things (banner, tray message).

Privacy rule: a reminder never carries text of its own. `ReminderItem` holds a
kind and a target to open, nothing else; what is shown comes only from the
configured `ReminderText`, which refuses words that would disclose treatment or
diagnosis on a lock screen or over a shoulder.

Order of calls at start-up: `set_items(...)`, then `missed_since_last_run(...)`
(folds whatever came due while the app was closed into one summary), then the
timer loop with `due_now()` / `next_wakeup()`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from integrate.core.model import CheckIn, CheckInState, Phase
from integrate.core.quiet_hours import QuietHours, local_wall_time

# ---------------------------------------------------------------------------
# Items and text


class ReminderKind(StrEnum):
    CHECKIN = "checkin"
    MEASURE = "measure"
    THERAPY_PREP = "therapy_prep"


@dataclass(frozen=True)
class ReminderItem:
    """Something to remind of. `key` is stable across schedule recomputation.

    Keys follow the `reminders` table: 'checkin:<checkin key>' and
    'measure:<date>' (every questionnaire coming due that day, one nudge).
    `target` is what the UI opens (the check-in key, an instrument id or "" for
    the questionnaires overview); it is never shown.
    """

    key: str
    kind: ReminderKind
    due_at: datetime  # aware
    target: str

    def __post_init__(self) -> None:
        _require_aware(self.due_at, "due_at")


def checkin_reminder_key(checkin_key: str) -> str:
    """The reminder key for a check-in (matches the `reminders.item_key` format)."""
    return f"checkin:{checkin_key}"


def measure_reminder_key(due_on: date) -> str:
    """The reminder key for the questionnaires that come due on `due_on`."""
    return f"measure:{due_on.isoformat()}"


class DueLike(Protocol):
    """What a measure suggestion needs to offer (`core.measures.DueMeasure` does)."""

    @property
    def instrument_id(self) -> str: ...

    @property
    def due_on(self) -> date: ...


def reminder_items_from_measures(
    due: Iterable[DueLike], at: time, tz: ZoneInfo
) -> list[ReminderItem]:
    """One reminder per day on which suggested questionnaires come due.

    Several questionnaires due together are one nudge, not a pile: the item's key
    is the day, so taking one of them does not re-announce the others. It fires at
    wall time `at` in `tz` on that day (quiet hours still apply). The target is the
    instrument when there is one, else "" (the questionnaires overview).
    """
    by_day: dict[date, list[str]] = {}
    for item in due:
        by_day.setdefault(item.due_on, []).append(item.instrument_id)
    items = []
    for day, instruments in sorted(by_day.items()):
        moment = local_wall_time(datetime.combine(day, time()), at, tz)
        items.append(
            ReminderItem(
                key=measure_reminder_key(day),
                kind=ReminderKind.MEASURE,
                due_at=moment,
                target=instruments[0] if len(instruments) == 1 else "",
            )
        )
    return items


def reminder_items_from_checkins(checkins: Iterable[CheckIn]) -> list[ReminderItem]:
    """Reminder items for the check-ins that are still due.

    Done, skipped, missed and superseded check-ins get no reminder. The
    therapy-preparation phase gets its own (still neutral) wording.
    """
    items = []
    for checkin in checkins:
        if checkin.state is not CheckInState.DUE:
            continue
        kind = (
            ReminderKind.THERAPY_PREP
            if checkin.phase is Phase.THERAPY_PREP
            else ReminderKind.CHECKIN
        )
        items.append(
            ReminderItem(
                key=checkin_reminder_key(checkin.key),
                kind=kind,
                due_at=checkin.due_at,
                target=checkin.key,
            )
        )
    return items


def _load_sensitive_terms() -> tuple[str, ...]:
    """The app's own list of words never to show outside the vault (resources/, data)."""
    from integrate.resources import load_toml

    words = load_toml("sensitive_words.toml").get("words", [])
    terms = tuple(str(w).strip().casefold() for w in words if str(w).strip())
    if not terms:
        raise ValueError("resources/sensitive_words.toml lists no words.")
    return terms


# Words that must never appear in a notification, a calendar entry, a menu or login
# entry or anything else visible outside the vault; why each one is there is written in
# resources/sensitive_words.toml. Matched by word start, case- and accent-insensitive.
SENSITIVE_TERMS: tuple[str, ...] = _load_sensitive_terms()

_SENSITIVE_RE = re.compile(
    r"(?<![0-9a-z])(" + "|".join(re.escape(t) for t in SENSITIVE_TERMS) + ")",
)

MAX_NOTIFICATION_LENGTH = 120


class SensitiveTextError(ValueError):
    """A notification text would disclose something private, or is unusable."""


def _normalise(text: str) -> str:
    # NFKD then dropping combining marks folds "kétamine" and full-width letters.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def find_sensitive_terms(text: str) -> list[str]:
    """The sensitive terms found in `text` (empty when it is safe to show)."""
    return sorted({m.group(1) for m in _SENSITIVE_RE.finditer(_normalise(text))})


def validate_notification_text(text: str) -> str:
    """Return `text` stripped if it is fit for a notification, else raise.

    Rejects empty text, line breaks and control characters (they break calendar
    lines and some notification daemons), text longer than
    `MAX_NOTIFICATION_LENGTH`, and any of `SENSITIVE_TERMS`.
    """
    cleaned = text.strip()
    if not cleaned:
        raise SensitiveTextError("A reminder text cannot be empty.")
    if any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in cleaned):
        raise SensitiveTextError("A reminder text must be a single plain line.")
    if len(cleaned) > MAX_NOTIFICATION_LENGTH:
        raise SensitiveTextError(
            f"A reminder text can be at most {MAX_NOTIFICATION_LENGTH} characters."
        )
    found = find_sensitive_terms(cleaned)
    if found:
        raise SensitiveTextError(
            "A reminder can be seen by others, so it should not mention: " + ", ".join(found)
        )
    return cleaned


@dataclass(frozen=True)
class ReminderText:
    """Neutral, user-configurable wording, one line per kind (validated)."""

    checkin: str = "Time for your check-in"
    measure: str = "A questionnaire is ready when you are"
    therapy_prep: str = "Something to look at before your next appointment"
    missed: str = "A few things waited for you while the app was closed"

    def __post_init__(self) -> None:
        for name in ("checkin", "measure", "therapy_prep", "missed"):
            object.__setattr__(self, name, validate_notification_text(getattr(self, name)))

    def for_kind(self, kind: ReminderKind) -> str:
        """The text shown for a reminder of `kind`."""
        return {
            ReminderKind.CHECKIN: self.checkin,
            ReminderKind.MEASURE: self.measure,
            ReminderKind.THERAPY_PREP: self.therapy_prep,
        }[kind]


# ---------------------------------------------------------------------------
# Persisted state


@dataclass
class ReminderState:
    """One row of the `reminders` table.

    `due_at` records which occurrence of the item this state belongs to: if the
    schedule moves the item, the old snooze/skip/fired marks no longer apply,
    even when the move happened while the app was closed.
    """

    item_key: str
    snoozed_until: datetime | None = None
    skipped: bool = False
    fired_at: datetime | None = None
    due_at: datetime | None = None
    updated_at: datetime | None = None


class ReminderStore(Protocol):
    """Where reminder state lives (the vault's `reminders` table in the app)."""

    def get(self, item_key: str) -> ReminderState | None: ...

    def put(self, state: ReminderState) -> None: ...

    def delete(self, item_key: str) -> None: ...

    def item_keys(self) -> list[str]: ...


class InMemoryReminderStore:
    """A `ReminderStore` in a dict, for tests and for running without a vault."""

    def __init__(self) -> None:
        self._rows: dict[str, ReminderState] = {}

    def get(self, item_key: str) -> ReminderState | None:
        state = self._rows.get(item_key)
        return replace(state) if state is not None else None

    def put(self, state: ReminderState) -> None:
        self._rows[state.item_key] = replace(state)

    def delete(self, item_key: str) -> None:
        self._rows.pop(item_key, None)

    def item_keys(self) -> list[str]:
        return sorted(self._rows)


# ---------------------------------------------------------------------------
# Snooze and missed summary


class SnoozeChoice(StrEnum):
    MIN_15 = "min_15"
    HOUR_1 = "hour_1"
    TOMORROW_MORNING = "tomorrow_morning"


DEFAULT_MORNING = time(8, 0)
# Before this local time "tomorrow morning" still means the coming morning: someone
# snoozing at 01:00 expects to hear back after the night, not 31 hours later.
_NIGHT_ENDS = time(4, 0)
# Missed items older than this are only counted, not listed one by one.
RECENT_WINDOW = timedelta(days=3)


@dataclass(frozen=True)
class MissedSummary:
    """What came due while the app was closed, as one calm message, not a pile.

    `recent` lists items due within `RECENT_WINDOW` (newest first) so the UI can
    offer to open them; older ones are only in `count` / `older_count`.
    """

    count: int = 0
    oldest: datetime | None = None
    newest: datetime | None = None
    by_kind: Mapping[ReminderKind, int] = field(default_factory=dict)
    recent: tuple[ReminderItem, ...] = ()
    older_count: int = 0

    @property
    def empty(self) -> bool:
        return self.count == 0


# ---------------------------------------------------------------------------
# The service


class ReminderService:
    """Decides which reminders fire when. Holds no timers; the caller polls.

    An item fires once at its due time; a due time inside quiet hours fires at
    their end. Snoozing re-arms it for later; skipping silences it for good
    (until the schedule moves it, which makes it a new occurrence).
    """

    def __init__(
        self,
        clock: Callable[[], datetime],
        tz: ZoneInfo,
        quiet_hours: QuietHours,
        store: ReminderStore,
    ) -> None:
        self._clock = clock
        self._tz = tz
        self._quiet = quiet_hours
        self._store = store
        self._items: dict[str, ReminderItem] = {}

    # -- schedule -----------------------------------------------------------

    def set_items(self, items: Sequence[ReminderItem]) -> None:
        """Replace the whole schedule of reminders.

        Pass every item, not a window of them: state of items that are no longer
        present is dropped. An item whose due time changed starts afresh
        (its snooze, skip and fired marks belonged to the old time).
        """
        new = {item.key: item for item in items}
        if len(new) != len(items):
            raise ValueError("Reminder keys must be unique.")
        for key in self._store.item_keys():
            if key not in new:
                self._store.delete(key)
        for item in new.values():
            state = self._store.get(item.key)
            if state is not None and not _same_instant(state.due_at, item.due_at):
                self._store.delete(item.key)
        self._items = new

    def items(self) -> list[ReminderItem]:
        """The current items, by due time."""
        return sorted(self._items.values(), key=lambda i: (i.due_at, i.key))

    # -- queries ------------------------------------------------------------

    def fire_time(self, key: str) -> datetime | None:
        """When `key` will fire next, or None if it is skipped or already fired."""
        item = self._item(key)
        return self._fire_time(item, self._state(item))

    def status(self, key: str) -> tuple[str, datetime | None]:
        """`key`'s reminder in words (see `reminder_status`)."""
        item = self._item(key)
        return reminder_status(item, self._store.get(key), self._quiet, self._tz)

    def due_now(self) -> list[ReminderItem]:
        """Items whose time has come; each is returned once and marked fired."""
        now = self._now()
        fired = []
        for item in self.items():
            state = self._state(item)
            at = self._fire_time(item, state)
            if at is not None and at <= now:
                state.fired_at = now
                self._save(state, now)
                fired.append(item)
        return fired

    def next_wakeup(self) -> datetime | None:
        """The earliest pending fire time (may be in the past: fire now), or None."""
        times = [
            at
            for item in self._items.values()
            if (at := self._fire_time(item, self._state(item))) is not None
        ]
        return min(times) if times else None

    def missed_since_last_run(self, last_seen: datetime) -> MissedSummary:
        """Fold reminders that came due while the app was closed into one summary.

        Call once at start-up, before the first `due_now()`. Every overdue,
        unfired item is marked fired so it does not alert on its own. Those that
        came due after `last_seen` (the last time the app ran) are summarised;
        overdue ones from before that were already visible in the app then and
        are marked quietly.
        """
        _require_aware(last_seen, "last_seen")
        now = self._now()
        missed: list[tuple[datetime, ReminderItem]] = []
        for item in self.items():
            state = self._state(item)
            at = self._fire_time(item, state)
            if at is None or at > now:
                continue
            state.fired_at = now
            self._save(state, now)
            if at > last_seen:
                missed.append((at, item))
        if not missed:
            return MissedSummary()
        by_kind: dict[ReminderKind, int] = {}
        for _, item in missed:
            by_kind[item.kind] = by_kind.get(item.kind, 0) + 1
        recent = tuple(
            item
            for at, item in sorted(missed, key=lambda p: p[0], reverse=True)
            if now - at <= RECENT_WINDOW
        )
        return MissedSummary(
            count=len(missed),
            oldest=min(at for at, _ in missed),
            newest=max(at for at, _ in missed),
            by_kind=by_kind,
            recent=recent,
            older_count=len(missed) - len(recent),
        )

    # -- actions ------------------------------------------------------------

    def snooze(self, key: str, choice: SnoozeChoice, until: datetime | None = None) -> datetime:
        """Re-arm `key` for later; returns when it will fire (quiet hours applied).

        `until` is the moment already worked out when the snooze was chosen elsewhere
        (from a notification while the journal was locked, applied at unlock)."""
        item = self._item(key)
        now = self._now()
        if until is None:
            until = snooze_until(now, choice, self._quiet, self._tz)
        _require_aware(until, "until")
        state = self._state(item)
        state.snoozed_until = until
        state.fired_at = None
        state.skipped = False
        self._save(state, now)
        return self._quiet.defer(until, self._tz)

    def mark_fired(self, items: Iterable[ReminderItem]) -> None:
        """Items already announced elsewhere (while the journal was locked): not again.

        An item whose due time has moved since is a new occurrence and stays armed.
        """
        now = self._now()
        for announced in items:
            item = self._items.get(announced.key)
            if item is None or item.due_at != announced.due_at:
                continue
            state = self._state(item)
            if state.fired_at is None:
                state.fired_at = now
                self._save(state, now)

    def skip(self, key: str) -> None:
        """Do not remind of this occurrence of `key` again."""
        item = self._item(key)
        state = self._state(item)
        state.skipped = True
        self._save(state, self._now())

    # -- internals ----------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        _require_aware(now, "clock()")
        return now

    def _item(self, key: str) -> ReminderItem:
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"No reminder with key {key!r}") from None

    def _state(self, item: ReminderItem) -> ReminderState:
        state = self._store.get(item.key)
        if state is None or not _same_instant(state.due_at, item.due_at):
            return ReminderState(item_key=item.key, due_at=item.due_at)
        return state

    def _save(self, state: ReminderState, now: datetime) -> None:
        state.updated_at = now
        self._store.put(state)

    def _fire_time(self, item: ReminderItem, state: ReminderState) -> datetime | None:
        if state.skipped or state.fired_at is not None:
            return None
        base = state.snoozed_until if state.snoozed_until is not None else item.due_at
        return self._quiet.defer(base, self._tz)


def snooze_until(now: datetime, choice: SnoozeChoice, quiet: QuietHours, tz: ZoneInfo) -> datetime:
    """When a reminder snoozed at `now` with `choice` comes back (before quiet hours)."""
    if choice is SnoozeChoice.MIN_15:
        return now + timedelta(minutes=15)
    if choice is SnoozeChoice.HOUR_1:
        return now + timedelta(hours=1)
    morning = quiet.end if quiet.enabled else DEFAULT_MORNING
    local = now.astimezone(tz)
    day = local if local.time() < _NIGHT_ENDS else local + timedelta(days=1)
    at = local_wall_time(day, morning, tz)
    if at <= now:  # a morning time before _NIGHT_ENDS that has already passed
        at = local_wall_time(day + timedelta(days=1), morning, tz)
    return at


def reminder_status(
    item: ReminderItem, state: ReminderState | None, quiet: QuietHours, tz: ZoneInfo
) -> tuple[str, datetime | None]:
    """A reminder in words for scripts and checks: ("pending" | "snoozed", when it fires),
    ("skipped", None) or ("sent", None). A stored state of an older due time is ignored."""
    if state is None or not _same_instant(state.due_at, item.due_at):
        state = ReminderState(item_key=item.key, due_at=item.due_at)
    if state.skipped:
        return "skipped", None
    if state.fired_at is not None:
        return "sent", None
    base = state.snoozed_until if state.snoozed_until is not None else item.due_at
    return ("snoozed" if state.snoozed_until is not None else "pending"), quiet.defer(base, tz)


def _require_aware(moment: datetime, what: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")


def _same_instant(a: datetime | None, b: datetime) -> bool:
    # A state written before due_at was recorded (None) is taken to match.
    return a is None or a == b
