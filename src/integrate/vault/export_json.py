"""Full export to the open, versioned JSON format described in docs/export-format.md.

The format is table-driven: `RECORD_TYPES` lists every record type with its fields, so
the exporter, the importer's validation and the documentation cannot drift apart.
Links between records use stable uids, never database ids. The export is NOT encrypted;
callers must say so before writing it.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from integrate import __version__
from integrate.core.timeutil import now_local, to_iso
from integrate.paths import write_private_atomic
from integrate.vault.db import Connection
from integrate.vault.export_format import (  # noqa: F401 - the format's names, re-exported
    FORMAT_NAME,
    FORMAT_VERSION,
    NOT_ENCRYPTED_WARNING,
    READABLE_VERSIONS,
    RECORD_TYPES,
    TYPES_BY_NAME,
    Field,
    RecordType,
)
from integrate.vault.import_json import record_problem
from integrate.vault.measures import series_membership
from integrate.vault.unreadable import READ_ERRORS, note


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
