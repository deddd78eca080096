"""Full export to the open, versioned JSON format described in docs/export-format.md.

The format is table-driven: `RECORD_TYPES` lists every record type with its fields, so
the exporter, the importer's validation and the documentation cannot drift apart.
Links between records use stable uids, never database ids. The export is NOT encrypted;
callers must say so before writing it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from integrate import __version__
from integrate.core.i18n import tr_noop
from integrate.core.timeutil import now_local, to_iso
from integrate.paths import write_private_atomic
from integrate.vault.db import Connection
from integrate.vault.measures import series_membership
from integrate.vault.unreadable import READ_ERRORS, note

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


def _id_to_uid(conn: Connection, table: str) -> dict[int, str]:
    return {int(r[0]): str(r[1]) for r in conn.execute(f"SELECT id, uid FROM {table}")}


def _json_value(text: object) -> Any:
    if text is None:
        return None
    try:
        return json.loads(str(text))
    except ValueError:
        return str(text)  # never lose data over a malformed stored value


def export_data(conn: Connection, now: datetime | None = None) -> dict[str, Any]:
    """Everything in the vault (except app settings and reminder bookkeeping) as a dict.

    A stored record the import would refuse (vault.record_checks) is left out and noted
    (vault.unreadable); links to it become null. So every export imports again.
    """
    from integrate.vault.import_json import record_problem  # it imports this module

    uids = {t: _id_to_uid(conn, t) for t in ("series", "sessions", "checkins")}
    measure_series = series_membership(conn)
    records: dict[str, Any] = {}
    left_out: dict[str, set[str]] = {}  # record type -> keys of records not in the file
    for rtype in RECORD_TYPES:
        columns = [
            f.col for f in rtype.fields if f.kind not in ("tags", "items") and not f.computed
        ]
        # Tables keyed by a resource id have no integer id column to order by.
        order = rtype.key if rtype.name in ("pinned_prompts", "cautions_seen") else "id"
        extra = ", id" if rtype.name in ("entries", "shares") else ""
        rows = conn.execute(
            f"SELECT {', '.join(columns)}{extra} FROM {rtype.name} ORDER BY {order}"
        ).fetchall()
        out: list[dict[str, Any]] = []
        for row in rows:
            values = dict(zip(columns, row, strict=False))
            try:
                record = _record(conn, rtype, values, row, uids, measure_series)
            except READ_ERRORS:
                record = None
            if record is not None:
                _drop_links_to(record, rtype, left_out)
            if record is None or record_problem(rtype, record) is not None:
                # What the import would refuse is left out (and counted), so every
                # export imports again; the journal itself keeps the record.
                ident = values.get(rtype.key) if rtype.key else "plan"
                note(conn, rtype.name, ident)
                left_out.setdefault(rtype.name, set()).add(str(ident))
                continue
            out.append(record)
        records[rtype.name] = (out[0] if out else None) if rtype.name == "safety_plan" else out
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": to_iso(now or now_local()),
        "app_version": __version__,
        "records": records,
    }


def _drop_links_to(
    record: dict[str, Any], rtype: RecordType, left_out: dict[str, set[str]]
) -> None:
    """A link to a record left out of the file becomes null (the file stays importable)."""
    for f in rtype.fields:
        if f.kind == "ref" and not f.computed and record.get(f.name) in left_out.get(f.ref, ()):
            record[f.name] = None


def _record(
    conn: Connection,
    rtype: RecordType,
    values: dict[str, Any],
    row: Any,
    uids: dict[str, dict[int, str]],
    measure_series: dict[str, int | None],
) -> dict[str, Any]:
    """One stored row as its export record (raises one of READ_ERRORS if it cannot be)."""
    record: dict[str, Any] = {}
    for f in rtype.fields:
        if f.computed:  # only measures' series_uid so far
            series_id = measure_series.get(str(values["uid"]))
            record[f.name] = None if series_id is None else uids["series"][series_id]
        elif f.kind == "tags":
            record["tags"] = [
                str(r[0])
                for r in conn.execute(
                    "SELECT t.name FROM tags t JOIN entry_tags et ON et.tag_id = t.id "
                    "WHERE et.entry_id = ? ORDER BY t.name",
                    (row[-1],),
                )
            ]
        elif f.kind == "items":
            record["items"] = [
                {"type": str(r[0]), "uid": str(r[1])}
                for r in conn.execute(
                    "SELECT item_type, item_uid FROM share_items "
                    "WHERE share_id = ? ORDER BY item_type, "
                    "item_uid",
                    (row[-1],),
                )
            ]
        elif f.kind == "ref":
            value = values[f.col]
            record[f.name] = None if value is None else uids[f.ref].get(int(value))
        elif f.kind == "json":
            record[f.name] = _json_value(values[f.col])
        elif f.kind == "bool":
            value = values[f.col]
            record[f.name] = None if value is None and f.nullable else bool(value)
        elif f.kind == "real" and values[f.col] is not None:
            record[f.name] = float(values[f.col])
        else:
            record[f.name] = values[f.col]
    return record


def export_json_bytes(conn: Connection, now: datetime | None = None) -> bytes:
    return json.dumps(export_data(conn, now), ensure_ascii=False, indent=1, allow_nan=False).encode(
        "utf-8"
    )


def export_json(conn: Connection, target: Path) -> dict[str, int]:
    """Write the JSON export to `target` (0600, atomic). Returns counts per record type."""
    data = export_json_bytes(conn)
    write_private_atomic(Path(target), data)
    parsed = json.loads(data)["records"]
    return {
        name: (len(v) if isinstance(v, list) else int(v is not None)) for name, v in parsed.items()
    }
