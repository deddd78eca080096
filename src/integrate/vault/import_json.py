"""Import of the JSON export format: validate everything first, then write all or nothing.

Decisions (documented in docs/export-format.md):
- The whole file is checked before the first write: format name and version, types,
  string lengths, nesting depth, record counts, uids unique within the file.
- Duplicates are found by uid (or by resource id for pins and cautions). A record that
  carries `updated_at` replaces the vault's copy only when the imported one is newer;
  otherwise it is skipped. Records without `updated_at` are never overwritten.
- One transaction: any problem (a link to a record that exists nowhere, a value the
  database refuses) rolls everything back and the vault is unchanged.
- Unknown keys inside a record are ignored (never written); unknown record types and
  unknown format versions are refused.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from integrate.core.timeutil import MAX_YEAR, MIN_YEAR, in_supported_range
from integrate.core.tracking import FieldError
from integrate.core.tracking import check_record as check_tracking_record
from integrate.vault.db import Connection, transaction
from integrate.vault.entries import MAX_TAG_LENGTH, link_tags, normalise_tag
from integrate.vault.export_format import (
    FORMAT_NAME,
    READABLE_VERSIONS,
    RECORD_TYPES,
    Field,
    RecordType,
)
from integrate.vault.record_checks import domain_problem

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 24  # whole document
MAX_JSON_FIELD_DEPTH = 16
MAX_JSON_FIELD_CHARS = 1_000_000
MAX_RECORDS = 1_000_000  # per record type
MAX_TAGS = 200
MAX_SHARE_ITEMS = 100_000
TEXT_LIMITS = {"text": 2_000, "long": 1_000_000}
_UID = re.compile(r"^[A-Za-z0-9_:.\-]{1,200}$")
_MAX_INT = 2**53


class ImportRejected(Exception):  # noqa: N818 - reads better at call sites
    """The file was refused; str(exc) is a plain sentence. The vault is unchanged."""


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def _bump(self, bucket: dict[str, int], name: str) -> None:
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def sentence(self) -> str:
        return (
            f"{self.total_added} added, {self.total_updated} updated, "
            f"{self.total_skipped} already there (skipped)."
        )


# ----- reading and validating ------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ImportRejected(f"The file contains {name}, which is not valid JSON.")


def parse_export(raw: bytes) -> dict[str, Any]:
    """Parse and validate export bytes; raises ImportRejected with a plain reason."""
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRejected("The file is larger than 200 MB, so it was not imported.")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=_reject_constant)
    except ImportRejected:
        raise
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            "The file is not UTF-8 text, so it is not an Integrate export."
        ) from exc
    except RecursionError as exc:
        raise ImportRejected("The file is nested too deeply to be an Integrate export.") from exc
    except ValueError as exc:
        raise ImportRejected(f"The file is not valid JSON ({exc}).") from exc
    validate_export(data)
    return data  # type: ignore[no-any-return]


def load_export(path: Path) -> dict[str, Any]:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportRejected("The file is larger than 200 MB, so it was not imported.")
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportRejected(f"The file could not be read: {exc.strerror or exc}.") from exc
    return parse_export(raw)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth (iterative, so hostile input cannot exhaust the stack)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _check_strings(value: Any, where: str) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, dict):
            for k, v in item.items():
                _check_text(k, where)
                stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ImportRejected(f"{where}: numbers must be finite.")


def _check_text(text: str, where: str) -> None:
    if "\x00" in text:
        raise ImportRejected(f"{where}: text contains a NUL character.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ImportRejected(f"{where}: text contains invalid characters.") from exc


def _valid_time(value: str) -> bool:
    if len(value) > 64:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    # Years outside MIN_YEAR..MAX_YEAR break date formatting, charts and the PDF.
    return (
        moment.tzinfo is not None and moment.utcoffset() is not None and in_supported_range(moment)
    )


def _valid_date(value: str) -> bool:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10 and in_supported_range(day)


def _check_field(f: Field, value: Any, where: str) -> None:
    here = f"{where}, field {f.name!r}"
    if value is None:
        if f.nullable:
            return
        raise ImportRejected(f"{here} is missing.")
    kind = f.kind
    if kind in ("uid", "ref"):
        ok = isinstance(value, str) and bool(_UID.match(value))
    elif kind in TEXT_LIMITS:
        ok = isinstance(value, str) and len(value) <= TEXT_LIMITS[kind]
        if ok:
            _check_text(value, here)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < _MAX_INT
    elif kind == "real":
        ok = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and abs(value) < 1e15
        )
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "time":
        ok = isinstance(value, str) and _valid_time(value)
    elif kind == "date":
        ok = isinstance(value, str) and _valid_date(value)
    elif kind == "json":
        if _depth(value, MAX_JSON_FIELD_DEPTH) > MAX_JSON_FIELD_DEPTH:
            raise ImportRejected(f"{here} is nested too deeply.")
        _check_strings(value, here)
        ok = len(json.dumps(value, ensure_ascii=False)) <= MAX_JSON_FIELD_CHARS
    elif kind == "tags":
        ok = (
            isinstance(value, list)
            and len(value) <= MAX_TAGS
            and all(isinstance(t, str) and 0 < len(t) <= MAX_TAG_LENGTH * 4 for t in value)
        )
        if ok:
            for tag in value:
                _check_text(tag, here)
    elif kind == "items":
        ok = (
            isinstance(value, list)
            and len(value) <= MAX_SHARE_ITEMS
            and all(
                isinstance(i, dict)
                and isinstance(i.get("type"), str)
                and 0 < len(i["type"]) <= 40
                and bool(_UID.match(i["type"]))
                and isinstance(i.get("uid"), str)
                and bool(_UID.match(i["uid"]))
                for i in value
            )
        )
    else:  # pragma: no cover - a programming error in RECORD_TYPES
        raise AssertionError(kind)
    if not ok and kind == "time":
        raise ImportRejected(
            f"{here} must be a date and time with a UTC offset, in the years "
            f"{MIN_YEAR} to {MAX_YEAR}."
        )
    if not ok and kind == "date":
        raise ImportRejected(
            f"{here} must be a day (YYYY-MM-DD) in the years {MIN_YEAR} to {MAX_YEAR}."
        )
    if not ok and kind in TEXT_LIMITS:
        raise ImportRejected(f"{here} must be text of at most {TEXT_LIMITS[kind]:,} characters.")
    if not ok:
        raise ImportRejected(f"{here} has a value of the wrong type or size.")


def _check_record(rtype: RecordType, record: Any, where: str) -> None:
    if not isinstance(record, dict):
        raise ImportRejected(f"{where} is not an object.")
    ident = record.get(rtype.key) if rtype.key else None
    if isinstance(ident, str) and _UID.match(ident):
        where = f"{where} ({rtype.key} {ident})"
    for f in rtype.fields:
        _check_field(f, record.get(f.name), where)
    try:  # the same ranges the app and the CLI use (core.tracking)
        check_tracking_record(rtype.name, record)
    except FieldError as exc:
        raise ImportRejected(f"{where}, field {exc.field!r}: {exc}") from exc
    problem = domain_problem(rtype.name, record)
    if problem is not None:
        raise ImportRejected(f"{where}: {problem}.")


def record_problem(rtype: RecordType, record: Any) -> str | None:
    """Why `record` could not be imported (kinds and domain rules), or None."""
    try:
        _check_record(rtype, record, rtype.name)
    except ImportRejected as exc:
        return str(exc)
    return None


def validate_export(data: Any) -> None:
    """Raise ImportRejected unless `data` is a well-formed export this version reads."""
    if not isinstance(data, dict):
        raise ImportRejected("The file is not an Integrate export (no top-level object).")
    if data.get("format") != FORMAT_NAME:
        raise ImportRejected("The file is not an Integrate export (unknown format).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRejected("The export has no valid format version.")
    if version not in READABLE_VERSIONS:
        raise ImportRejected(
            f"The export uses format version {version}; this Integrate reads versions "
            f"{READABLE_VERSIONS[0]} to {READABLE_VERSIONS[-1]}. Please update Integrate."
        )
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise ImportRejected("The file is nested too deeply to be an Integrate export.")
    records = data.get("records")
    if not isinstance(records, dict):
        raise ImportRejected("The export has no records section.")
    known = {t.name for t in RECORD_TYPES}
    unknown = sorted(str(k) for k in records if k not in known)
    if unknown:
        raise ImportRejected(
            f"The export holds record types this version does not know ({', '.join(unknown[:5])})."
        )
    for rtype in RECORD_TYPES:
        value = records.get(rtype.name)
        if rtype.name == "safety_plan":
            if value is not None:
                _check_record(rtype, value, "The safety plan")
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            raise ImportRejected(f"The {rtype.name} section is not a list.")
        if len(value) > MAX_RECORDS:
            raise ImportRejected(f"The {rtype.name} section has too many records.")
        seen: set[str] = set()
        for index, record in enumerate(value):
            where = f"Record {index + 1} of {rtype.name}"
            _check_record(rtype, record, where)
            ident = record[rtype.key]
            if ident in seen:
                raise ImportRejected(f"{where} repeats the id {ident!r}.")
            seen.add(ident)


# ----- writing ------------------------------------------------------------------------


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def _newer(imported: object, existing: object) -> bool:
    a, b = _moment(imported), _moment(existing)
    if a is None:
        return False
    return b is None or a > b


class _Writer:
    def __init__(self, conn: Connection, summary: ImportSummary) -> None:
        self.conn = conn
        self.summary = summary

    def _ref_id(self, f: Field, uid: str | None, where: str) -> int | None:
        if uid is None:
            return None
        row = self.conn.execute(f"SELECT id FROM {f.ref} WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            raise ImportRejected(
                f"{where} links to {f.ref} {uid!r}, which is neither in the "
                "file nor in this journal."
            )
        return int(row[0])

    def _values(self, rtype: RecordType, record: dict[str, Any], where: str) -> dict[str, object]:
        values: dict[str, object] = {}
        for f in rtype.fields:
            value = record.get(f.name)
            if f.computed:
                # Worked out again here from the imported data (an older file may carry a
                # stale measure series link; it is not needed).
                continue
            if f.kind == "ref":
                values[f.col] = self._ref_id(f, value, where)
            elif f.kind == "json":
                values[f.col] = None if value is None else json.dumps(value, ensure_ascii=False)
            elif f.kind == "bool":
                values[f.col] = None if value is None and f.nullable else int(bool(value))
            elif f.kind in ("tags", "items"):
                continue
            else:
                values[f.col] = value
        if rtype.name == "entries":
            values["tags_text"] = " ".join(_clean_tags(record.get("tags") or []))
        return values

    def write(self, rtype: RecordType, record: dict[str, Any], where: str) -> None:
        table = rtype.name
        key_col = rtype.key or "id"
        key_val: object = record.get(rtype.key) if rtype.key else 1
        existing = self.conn.execute(
            f"SELECT {'updated_at' if rtype.versioned else key_col}, "
            f"{'id' if table in ('entries', 'shares', 'safety_plan') else 'NULL'} "
            f"FROM {table} WHERE {key_col} = ?",
            (key_val,),
        ).fetchone()
        if existing is not None and not (
            rtype.versioned and _newer(record.get("updated_at"), existing[0])
        ):
            self.summary._bump(self.summary.skipped, table)
            return
        values = self._values(rtype, record, where)
        if table == "safety_plan":
            values["id"] = 1
        cols = list(values)
        if existing is None:
            cur = self.conn.execute(
                f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [values[c] for c in cols],
            )
            row_id = int(cur.lastrowid or 0)
            self.summary._bump(self.summary.added, table)
        else:
            sets = ", ".join(f"{c} = ?" for c in cols)
            self.conn.execute(
                f"UPDATE {table} SET {sets} WHERE {key_col} = ?",
                [*(values[c] for c in cols), key_val],
            )
            row_id = int(existing[1]) if existing[1] is not None else 0
            self.summary._bump(self.summary.updated, table)
        if table == "entries":
            self._tags(row_id, _clean_tags(record.get("tags") or []))
        elif table == "shares":
            for item in record.get("items") or []:
                self.conn.execute(
                    "INSERT OR IGNORE INTO share_items(share_id, item_type, "
                    "item_uid) VALUES (?, ?, ?)",
                    (row_id, item["type"], item["uid"]),
                )

    def _tags(self, entry_id: int, tags: list[str]) -> None:
        self.conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
        link_tags(self.conn, entry_id, tags)


def _clean_tags(tags: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        clean = normalise_tag(tag)
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return list(seen.values())


def import_data(conn: Connection, data: Any) -> ImportSummary:
    """Validate `data` (a parsed export) and write it in one transaction."""
    validate_export(data)
    summary = ImportSummary()
    writer = _Writer(conn, summary)
    records = data["records"]
    try:
        with transaction(conn):
            for rtype in RECORD_TYPES:
                value = records.get(rtype.name)
                if value is None:
                    continue
                items = [value] if rtype.name == "safety_plan" else value
                for index, record in enumerate(items):
                    writer.write(rtype, record, f"Record {index + 1} of {rtype.name}")
            conn.execute(
                "DELETE FROM tags WHERE id NOT IN (SELECT DISTINCT tag_id FROM entry_tags)"
            )
    except dbapi2.Error as exc:
        raise ImportRejected(
            f"The journal refused a value in the file ({exc}). Nothing was imported."
        ) from exc
    return summary


def import_json(conn: Connection, path: Path) -> ImportSummary:
    """Read, validate and import an export file (all or nothing)."""
    return import_data(conn, load_export(path))
