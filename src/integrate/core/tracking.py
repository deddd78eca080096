"""After-effects, sleep diary, substances and medication changes (issue 17): the records
and the rules that check them, defined once for the CLI, the screens and the importer.

Every `check_*` function returns a clean value or raises `FieldError` naming the field
(its CLI flag name, e.g. ``hours``) with one plain sentence. Nothing here stores anything
or imports Qt. Wording of the questions lives in resources/tracking/tracking.toml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from integrate.core.model import new_uid
from integrate.core.session_input import InputError

# The after-effect ratings, in the order they are asked (column names and CLI flags).
EFFECT_RATINGS = ("dissociation", "nausea", "headache", "dizziness", "anxiety")
RATING_MIN, RATING_MAX = 0, 10
MAX_HOURS = 24.0
MAX_COUNT = 99  # nightmares, wakings: more than this in one night is a typing slip
MAX_NAME = 100
MAX_SHORT_TEXT = 200  # amount, dose
MAX_NOTE = 20_000  # as a session note

SUBSTANCE_KINDS = ("alcohol", "cannabis", "benzodiazepine", "sedative", "stimulant", "other")
# Names people type that mean one of the kinds above (lower case).
_KIND_ALIASES = {
    "alcohol": "alcohol",
    "beer": "alcohol",
    "wine": "alcohol",
    "spirits": "alcohol",
    "cannabis": "cannabis",
    "weed": "cannabis",
    "marijuana": "cannabis",
    "thc": "cannabis",
    "cbd": "cannabis",
    "benzodiazepine": "benzodiazepine",
    "benzodiazepines": "benzodiazepine",
    "benzo": "benzodiazepine",
    "benzos": "benzodiazepine",
    "diazepam": "benzodiazepine",
    "lorazepam": "benzodiazepine",
    "alprazolam": "benzodiazepine",
    "clonazepam": "benzodiazepine",
    "temazepam": "benzodiazepine",
    "sedative": "sedative",
    "sedatives": "sedative",
    "zolpidem": "sedative",
    "zopiclone": "sedative",
    "sleeping tablet": "sedative",
    "sleeping pill": "sedative",
    "stimulant": "stimulant",
    "stimulants": "stimulant",
    "amphetamine": "stimulant",
    "methylphenidate": "stimulant",
    "cocaine": "stimulant",
}


class MedicationChange(StrEnum):
    STARTED = "started"
    STOPPED = "stopped"
    DOSE = "dose"


class TrackingKind(StrEnum):
    """The four kinds of record (the `--kind` values of `integrate log list`)."""

    EFFECTS = "effects"
    SLEEP = "sleep"
    SUBSTANCE = "substance"
    MEDICATION = "medication"


class FieldError(InputError):
    """A value that cannot be stored; `field` is its name (the CLI flag without dashes)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass
class AfterEffects:
    """How the patient felt after one session, at one moment (same day, day 1, ...)."""

    session_id: int
    at: datetime
    dissociation: int | None = None
    nausea: int | None = None
    headache: int | None = None
    dizziness: int | None = None
    anxiety: int | None = None
    unreal_24h: bool | None = None  # still unreal or detached about a day later
    unreal: int | None = None  # how strongly (0-10), when unreal_24h
    note: str = ""
    uid: str = field(default_factory=new_uid)
    id: int | None = None
    session_uid: str | None = None  # filled in when read back

    def ratings(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in EFFECT_RATINGS}

    @property
    def empty(self) -> bool:
        return (
            all(v is None for v in self.ratings().values())
            and self.unreal_24h is None
            and self.unreal is None
            and not self.note.strip()
        )


@dataclass
class SleepEntry:
    """One night, filed under the day the patient woke up."""

    day: date
    hours: float | None = None
    quality: int | None = None
    nightmares: int | None = None
    nightmare_distress: int | None = None
    wakings: int | None = None
    uid: str = field(default_factory=new_uid)
    id: int | None = None


@dataclass
class SubstanceUse:
    name: str
    at: datetime
    amount: str = ""
    kind: str = "other"  # one of SUBSTANCE_KINDS, worked out from the name
    uid: str = field(default_factory=new_uid)
    id: int | None = None


@dataclass
class MedicationEvent:
    name: str
    change: MedicationChange
    at: datetime
    dose: str = ""
    uid: str = field(default_factory=new_uid)
    id: int | None = None


NEXT_DAY_AFTER = timedelta(hours=20)  # records this long after the start are "day 1"
LATER_AFTER = timedelta(hours=48)


def effects_phase(session_at: datetime, at: datetime) -> str:
    """Which check-in a record of after-effects belongs to: "same_day", "day_1" or
    "later", by the time since the session started."""
    since = at - session_at
    if since < NEXT_DAY_AFTER:
        return "same_day"
    return "day_1" if since < LATER_AFTER else "later"


# ----- the rules ----------------------------------------------------------------------


def check_rating(value: object, field_name: str) -> int | None:
    """A 0-10 rating (None: not given)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError(field_name, f"{field_name} should be a whole number from 0 to 10.")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldError(
            field_name, f"{field_name} should be a whole number from 0 to 10."
        ) from None
    if not RATING_MIN <= number <= RATING_MAX:
        raise FieldError(field_name, f"{field_name} should be from 0 to 10 (got {number}).")
    return number


def check_count(value: object, field_name: str) -> int | None:
    """A count of times (nightmares, wakings): 0 to MAX_COUNT (None: not given)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError(field_name, f"{field_name} should be a whole number, 0 or more.")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldError(field_name, f"{field_name} should be a whole number, 0 or more.") from None
    if not 0 <= number <= MAX_COUNT:
        raise FieldError(
            field_name, f"{field_name} should be from 0 to {MAX_COUNT} (got {number})."
        )
    return number


def check_hours(value: object, field_name: str = "hours") -> float | None:
    """Hours slept: 0 to 24, halves and quarters allowed (None: not given)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError(field_name, f"{field_name} should be a number of hours from 0 to 24.")
    try:
        hours = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise FieldError(
            field_name, f"{field_name} should be a number of hours from 0 to 24."
        ) from None
    if not math.isfinite(hours) or not 0 <= hours <= MAX_HOURS:
        raise FieldError(field_name, f"{field_name} should be from 0 to 24 (got {value}).")
    return round(hours, 2)


def check_text(value: str | None, field_name: str, limit: int, *, required: bool = False) -> str:
    text = (value or "").strip() if limit <= MAX_SHORT_TEXT else (value or "")
    if required and not text.strip():
        raise FieldError(field_name, f"{field_name} is empty.")
    if len(text) > limit:
        raise FieldError(field_name, f"{field_name} is too long (over {limit} characters).")
    if "\x00" in text:
        raise FieldError(field_name, f"{field_name} contains a NUL character.")
    return text


def check_change(value: object) -> MedicationChange:
    try:
        return MedicationChange(str(value).strip().lower())
    except ValueError:
        raise FieldError("change", "change should be started, stopped or dose.") from None


def substance_kind(name: str) -> str:
    """The kind a typed substance name means (SUBSTANCE_KINDS), 'other' when unknown."""
    key = " ".join(name.strip().lower().split())
    if key in SUBSTANCE_KINDS:
        return key
    return _KIND_ALIASES.get(key, "other")


def check_effects(effects: AfterEffects) -> AfterEffects:
    """Every after-effect value in range (raises FieldError); returns `effects`."""
    for name in EFFECT_RATINGS:
        setattr(effects, name, check_rating(getattr(effects, name), name))
    effects.unreal = check_rating(effects.unreal, "unreal")
    if effects.unreal is not None and effects.unreal_24h is None:
        effects.unreal_24h = effects.unreal > 0
    effects.note = check_text(effects.note, "note", MAX_NOTE)
    return effects


def check_sleep(entry: SleepEntry) -> SleepEntry:
    entry.hours = check_hours(entry.hours, "hours")
    entry.quality = check_rating(entry.quality, "quality")
    entry.nightmares = check_count(entry.nightmares, "nightmares")
    entry.nightmare_distress = check_rating(entry.nightmare_distress, "nightmare-distress")
    entry.wakings = check_count(entry.wakings, "wakings")
    return entry


def check_substance(use: SubstanceUse) -> SubstanceUse:
    use.name = check_text(use.name, "name", MAX_NAME, required=True)
    use.amount = check_text(use.amount, "amount", MAX_SHORT_TEXT)
    use.kind = substance_kind(use.name)
    return use


def check_medication(event: MedicationEvent) -> MedicationEvent:
    event.name = check_text(event.name, "name", MAX_NAME, required=True)
    event.change = check_change(event.change)
    event.dose = check_text(event.dose, "dose", MAX_SHORT_TEXT)
    return event


# Import checks: the same rules over an export record (a dict), named by its JSON keys.
_RECORD_RULES: dict[str, dict[str, Any]] = {
    "after_effects": {**{n: check_rating for n in EFFECT_RATINGS}, "unreal": check_rating},
    "sleep_diary": {
        "hours": check_hours,
        "quality": check_rating,
        "nightmares": check_count,
        "nightmare_distress": check_rating,
        "wakings": check_count,
    },
}


def check_record(record_type: str, record: dict[str, Any]) -> None:
    """Raise FieldError when an imported record breaks the rules above (types are checked
    by the importer first)."""
    for name, rule in _RECORD_RULES.get(record_type, {}).items():
        rule(record.get(name), name)
    if record_type == "substances" and not str(record.get("name", "")).strip():
        raise FieldError("name", "name is empty.")
    if record_type == "medication_changes":
        if not str(record.get("name", "")).strip():
            raise FieldError("name", "name is empty.")
        check_change(record.get("change"))


# ----- wording ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackingText:
    """The questions and the gentle note, from resources/tracking/tracking.toml."""

    data: dict[str, Any]

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}

    def effect_ratings(self) -> list[dict[str, str]]:
        return list(self.section("effects").get("rating", []))

    def substance_kinds(self) -> list[tuple[str, str]]:
        return [(str(k["id"]), str(k["label"])) for k in self.section("substances").get("kind", [])]

    def kind_label(self, kind: str) -> str:
        return dict(self.substance_kinds()).get(kind, kind)

    def change_label(self, change: MedicationChange | str) -> str:
        return str(self.section("medication").get(str(change), str(change)))


@cache
def load_tracking_text() -> TrackingText:
    from integrate.resources import load_toml

    data = load_toml("tracking", "tracking.toml")
    ids = [str(r.get("id")) for r in data.get("effects", {}).get("rating", [])]
    if tuple(ids) != EFFECT_RATINGS:
        raise ValueError("resources/tracking/tracking.toml: effect ratings out of step")
    return TrackingText(data)


def effects_summary(effects: list[AfterEffects]) -> str:
    """A short line per session for tables: the highest rating of each effect given,
    and whether unreality lasted to the next day, e.g. "dissociation 6, nausea 2; unreal
    next day 3". Empty when nothing was recorded."""
    if not effects:
        return ""
    parts: list[str] = []
    for name in EFFECT_RATINGS:
        values = [v for e in effects if (v := getattr(e, name)) is not None]
        if values:
            parts.append(f"{name} {max(values)}")
    line = ", ".join(parts)
    unreal = [e for e in effects if e.unreal_24h]
    if unreal:
        strengths = [e.unreal for e in unreal if e.unreal is not None]
        extra = "unreal next day" + (f" {max(strengths)}" if strengths else "")
        line = f"{line}; {extra}" if line else extra
    elif any(e.unreal_24h is False for e in effects):
        line = f"{line}; not unreal next day" if line else "not unreal next day"
    return line
