"""Domain types shared by the schedule, the journal, the vault and the UI.

Pure Python: no Qt, no storage. Times are timezone-aware `datetime`s; the
vault stores them as ISO 8601 strings with their UTC offset plus the IANA zone
name where local-calendar semantics matter (sessions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_uid() -> str:
    """A stable identifier for a record, used by export/import and calendars."""
    import uuid  # here: uuid imports `platform` (~4 ms), and nothing before Today paints
    # needs a new id (the vault stays read-only until its integrity check has passed)

    return uuid.uuid4().hex


class Route(StrEnum):
    IV = "iv"
    IM = "im"
    SUBLINGUAL = "sublingual"  # sublingual or oral lozenge/tablet
    INTRANASAL = "intranasal"  # intranasal esketamine
    OTHER = "other"


class Setting(StrEnum):
    CLINIC = "clinic"
    HOME = "home"
    OTHER = "other"


class SessionKind(StrEnum):
    KETAMINE = "ketamine"
    THERAPY = "therapy"  # a therapy/integration appointment


class SessionStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"


class Phase(StrEnum):
    """Phases of the integration schedule, in the order they occur."""

    PREPARATION = "preparation"
    SAME_DAY = "same_day"
    DAY_1 = "day_1"
    DAY_2 = "day_2"
    DAY_3 = "day_3"
    BETWEEN = "between"
    SERIES_REVIEW = "series_review"
    THERAPY_PREP = "therapy_prep"


class CheckInState(StrEnum):
    DUE = "due"
    DONE = "done"
    SKIPPED = "skipped"
    MISSED = "missed"
    SUPERSEDED = "superseded"


@dataclass
class Series:
    name: str
    started_on: date
    planned_sessions: int | None = None
    ended_on: date | None = None
    end_reflection: str = ""
    uid: str = field(default_factory=new_uid)
    id: int | None = None


@dataclass
class Session:
    """A ketamine session or a therapy appointment, logged or planned."""

    at: datetime  # aware, in the patient's zone at the time
    tz: str  # IANA zone name, e.g. "Europe/Berlin"
    kind: SessionKind = SessionKind.KETAMINE
    status: SessionStatus = SessionStatus.DONE
    route: Route | None = None
    dose: float | None = None
    dose_unit: str | None = None
    setting: Setting | None = None
    support_person: bool | None = None
    bp_before: str | None = None  # "120/80"
    bp_after: str | None = None
    intention: str = ""
    distress_before: int | None = None  # 0-10
    mood_before: int | None = None  # 0-10
    notes: str = ""
    series_id: int | None = None
    uid: str = field(default_factory=new_uid)
    id: int | None = None


@dataclass
class CheckIn:
    """One scheduled check-in. `key` is stable across recomputation."""

    key: str  # e.g. "<session uid>:day_1"; unique, used as uid in the vault
    phase: Phase
    due_at: datetime  # aware
    session_uid: str | None = None
    series_uid: str | None = None
    state: CheckInState = CheckInState.DUE
    id: int | None = None


class EntryRole(StrEnum):
    """What an entry is for, stored with it (never worked out from its translated title)."""

    CHECKIN_FREE = "checkin_free"  # the free-writing box of a check-in


@dataclass
class Entry:
    """A journal entry: free writing or an answer to a prompt."""

    body: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    flagged: bool = False
    prompt_id: str | None = None
    checkin_id: int | None = None
    session_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    uid: str = field(default_factory=new_uid)
    id: int | None = None
    role: EntryRole | None = None
