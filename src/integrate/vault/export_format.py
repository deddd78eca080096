"""The export format's definition: its name, versions and every record type with its
fields (docs/export-format.md). The exporter and the importer both read it here, so
neither imports the other for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from integrate.core.i18n import tr_noop

FORMAT_NAME = "integrate-export"
# 2: crisis_screens added; 3: after_effects, sleep_diary, substances, medication_changes
# (docs/export-format.md, "Versions")
FORMAT_VERSION = 3
# A version 1 file is a version 2 file without crisis_screens; a version 2 file is a
# version 3 file without the four tracking record types.
READABLE_VERSIONS = (1, 2, 3)
NOT_ENCRYPTED_WARNING = tr_noop(
    "DataSettings",
    "This export is NOT encrypted. Anyone who can open the file can read your journal. "
    "Keep it somewhere private and delete it when you no longer need it.",
)

# Field kinds (see docs/export-format.md):
#   uid   - 1..200 chars of [A-Za-z0-9_:.-]        text  - string up to 2,000 chars
#   long  - string up to 1,000,000 chars            int   - integer (not bool), |n| < 2**53
#   real  - finite number                           bool  - true/false
#   time  - ISO 8601 date-time with UTC offset      date  - YYYY-MM-DD
#   json  - any JSON value (nesting <= 16, serialised size <= 1,000,000 chars)
#   ref   - uid of a record of `ref` type (null allowed when nullable)


@dataclass(frozen=True)
class Field:
    name: str  # key in the JSON record
    kind: str
    nullable: bool = False
    column: str = ""  # database column when it differs from `name`
    ref: str = ""  # for kind "ref": the record type (table) the uid points to
    # Worked out when exporting, not read from a column; checked but never written on
    # import (the importing journal works it out again from the same data).
    computed: bool = False

    @property
    def col(self) -> str:
        return self.column or self.name


@dataclass(frozen=True)
class RecordType:
    name: str  # key under "records" and the table name
    key: str  # the field that identifies a record (a uid, or a resource id)
    fields: tuple[Field, ...]
    versioned: bool  # has updated_at: duplicates are updated when the import is newer


def _f(name: str, kind: str, nullable: bool = False, **kw: Any) -> Field:
    return Field(name, kind, nullable, **kw)


_STAMPS = (_f("created_at", "time"), _f("updated_at", "time"))

RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        "series",
        "uid",
        (
            _f("uid", "uid"),
            _f("name", "text"),
            _f("started_on", "date"),
            _f("planned_sessions", "int", True),
            _f("ended_on", "date", True),
            _f("end_reflection", "long"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "sessions",
        "uid",
        (
            _f("uid", "uid"),
            _f("series_uid", "ref", True, column="series_id", ref="series"),
            _f("kind", "text"),
            _f("status", "text"),
            _f("at", "time"),
            _f("tz", "text"),
            _f("route", "text", True),
            _f("dose", "real", True),
            _f("dose_unit", "text", True),
            _f("setting", "text", True),
            _f("support_person", "int", True),
            _f("bp_before", "text", True),
            _f("bp_after", "text", True),
            _f("intention", "long"),
            _f("distress_before", "int", True),
            _f("mood_before", "int", True),
            _f("notes", "long"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "checkins",
        "uid",
        (
            _f("uid", "uid"),
            _f("session_uid", "ref", True, column="session_id", ref="sessions"),
            _f("series_uid", "ref", True, column="series_id", ref="series"),
            _f("phase", "text"),
            _f("due_at", "time"),
            _f("state", "text"),
            _f("completed_at", "time", True),
            _f("prompt_ids", "json"),
            _f("mood", "int", True),
            _f("distress", "int", True),
            _f("sleep_quality", "int", True),
            _f("intrusions", "int", True),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "entries",
        "uid",
        (
            _f("uid", "uid"),
            _f("title", "text"),
            _f("body", "long"),
            _f("tags", "tags"),
            _f("prompt_id", "text", True),
            _f("role", "text", True),  # optional: absent in files before schema 7
            _f("checkin_uid", "ref", True, column="checkin_id", ref="checkins"),
            _f("session_uid", "ref", True, column="session_id", ref="sessions"),
            _f("flagged", "bool"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "measures",
        "uid",
        (
            _f("uid", "uid"),
            _f("instrument", "text"),
            _f("taken_at", "time"),
            _f("answers", "json"),
            _f("total", "int", True),
            _f("result", "json"),
            # Membership follows the series' dates (docs/decisions.md): never the stale
            # measures.series_id column.
            _f("series_uid", "ref", True, ref="series", computed=True),
            _f("crisis_shown", "bool"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "crisis_screens",
        "uid",
        (
            _f("uid", "uid"),
            _f("instrument", "text"),
            _f("shown_at", "time"),
            _f("created_at", "time"),
        ),
        False,
    ),
    RecordType(
        "after_effects",
        "uid",
        (
            _f("uid", "uid"),
            _f("session_uid", "ref", column="session_id", ref="sessions"),
            _f("at", "time"),
            _f("dissociation", "int", True),
            _f("nausea", "int", True),
            _f("headache", "int", True),
            _f("dizziness", "int", True),
            _f("anxiety", "int", True),
            _f("unreal_24h", "bool", True),
            _f("unreal", "int", True),
            _f("note", "long"),
            *_STAMPS,
        ),
        True,
    ),
    # One night per day: a night already in the journal under another uid (entered on
    # another computer) is the same record, found by its day (newer copy wins).
    RecordType(
        "sleep_diary",
        "day",
        (
            _f("uid", "uid"),
            _f("day", "date"),
            _f("hours", "real", True),
            _f("quality", "int", True),
            _f("nightmares", "int", True),
            _f("nightmare_distress", "int", True),
            _f("wakings", "int", True),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "substances",
        "uid",
        (
            _f("uid", "uid"),
            _f("name", "text"),
            _f("kind", "text"),
            _f("amount", "text"),
            _f("at", "time"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "medication_changes",
        "uid",
        (
            _f("uid", "uid"),
            _f("name", "text"),
            _f("change", "text"),
            _f("dose", "text"),
            _f("at", "time"),
            *_STAMPS,
        ),
        True,
    ),
    RecordType(
        "exercise_runs",
        "uid",
        (
            _f("uid", "uid"),
            _f("exercise_id", "text"),
            _f("variant", "text", True),
            _f("started_at", "time"),
            _f("duration_s", "real"),
            _f("finished", "bool"),
            _f("suds_before", "int", True),
            _f("suds_after", "int", True),
            _f("note", "long"),
            _f("answers", "json", True),
            _f("created_at", "time"),
        ),
        False,
    ),
    RecordType(
        "shares",
        "uid",
        (
            _f("uid", "uid"),
            _f("created_at", "time"),
            _f("period_from", "text", True),
            _f("period_to", "text", True),
            _f("recipient", "text"),
            _f("file_name", "text"),
            _f("password", "bool"),
            _f("content", "json"),
            _f("items", "items"),
        ),
        False,
    ),
    RecordType(
        "pinned_prompts", "prompt_id", (_f("prompt_id", "uid"), _f("pinned_at", "time")), False
    ),
    RecordType(
        "cautions_seen", "exercise_id", (_f("exercise_id", "uid"), _f("seen_at", "time")), False
    ),
    RecordType("safety_plan", "", (_f("data", "json"), _f("updated_at", "time")), True),
)
TYPES_BY_NAME = {t.name: t for t in RECORD_TYPES}
