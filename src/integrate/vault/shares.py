"""The share log: which summaries left the vault, when, for whom, with what in them.

One `shares` row per saved summary, plus `share_items` rows naming every included
record by type and uid ('entry', 'checkin', 'session', 'measure', 'item9',
'what_helps', 'safety_plan'), so an entry's view can say when it was shared.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from integrate.core.model import new_uid
from integrate.core.timeutil import now_local, stored_date, stored_time, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.unreadable import READ_ERRORS, note

_List = list  # the repository's `list` method shadows the builtin inside the class
_COLS = "id, uid, created_at, period_from, period_to, recipient, file_name, password, content"


@dataclass
class ShareRecord:
    """One saved summary as logged."""

    created_at: datetime
    file_name: str  # the name only, never the folder
    period_from: date | None = None
    period_to: date | None = None
    recipient: str = ""
    password: bool = False
    content: dict[str, Any] = field(default_factory=dict)  # sections and options chosen
    items: list[tuple[str, str]] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)
    id: int | None = None

    def item_count(self, item_type: str) -> int:
        return sum(1 for t, _ in self.items if t == item_type)


def _day(value: object) -> date | None:
    return None if value is None else stored_date(value)


def _content(text: object) -> dict[str, Any]:
    try:
        data = json.loads(str(text))
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class ShareRepository:
    """Rows of `shares` and `share_items`."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def record(
        self,
        *,
        file_name: str,
        period_from: date | None,
        period_to: date | None,
        items: Iterable[tuple[str, str]],
        recipient: str = "",
        password: bool = False,
        content: dict[str, Any] | None = None,
        created_at: datetime | None = None,
    ) -> ShareRecord:
        """Log a saved summary and everything it included."""
        rec = ShareRecord(
            created_at=created_at or now_local(),
            file_name=file_name,
            period_from=period_from,
            period_to=period_to,
            recipient=recipient.strip(),
            password=password,
            content=dict(content or {}),
            items=list(dict.fromkeys(items)),
        )
        with transaction(self.conn):
            cur = self.conn.execute(
                "INSERT INTO shares(uid, created_at, period_from, period_to, recipient, "
                "file_name, password, content) VALUES (?,?,?,?,?,?,?,?)",
                (
                    rec.uid,
                    to_iso(rec.created_at),
                    period_from.isoformat() if period_from else None,
                    period_to.isoformat() if period_to else None,
                    rec.recipient,
                    file_name,
                    int(password),
                    json.dumps(rec.content, ensure_ascii=False),
                ),
            )
            rec.id = int(cur.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO share_items(share_id, item_type, item_uid) VALUES (?,?,?)",
                [(rec.id, t, u) for t, u in rec.items],
            )
        return rec

    def _items(self, share_id: int) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT item_type, item_uid FROM share_items WHERE share_id = ? "
            "ORDER BY item_type, item_uid",
            (share_id,),
        ).fetchall()
        return [(str(t), str(u)) for t, u in rows]

    def _from_row(self, r: Sequence[object]) -> ShareRecord:
        share_id = int(r[0])  # type: ignore[call-overload]
        return ShareRecord(
            id=share_id,
            uid=str(r[1]),
            created_at=stored_time(r[2]),
            period_from=_day(r[3]),
            period_to=_day(r[4]),
            recipient=str(r[5]),
            file_name=str(r[6]),
            password=bool(r[7]),
            content=_content(r[8]),
            items=self._items(share_id),
        )

    def _records(self, rows: Iterable[Sequence[object]]) -> _List[ShareRecord]:
        out: _List[ShareRecord] = []
        for r in rows:
            try:
                out.append(self._from_row(r))
            except READ_ERRORS:
                note(self.conn, "shares", r[1])
        return out

    def list(self) -> list[ShareRecord]:
        """All shares, newest first (one that cannot be read is left out)."""
        rows = self.conn.execute(f"SELECT {_COLS} FROM shares").fetchall()
        records = self._records(rows)
        # Compare as instants: stored offsets may differ.
        records.sort(key=lambda s: (s.created_at, s.id or 0), reverse=True)
        return records

    def last(self) -> ShareRecord | None:
        """The most recent share, if any."""
        records = self.list()
        return records[0] if records else None

    def get(self, uid: str) -> ShareRecord | None:
        rows = self.conn.execute(f"SELECT {_COLS} FROM shares WHERE uid = ?", (uid,)).fetchall()
        found = self._records(rows)
        return found[0] if found else None

    def delete(self, uid: str) -> bool:
        """Forget a logged share (the file itself is not touched)."""
        cur = self.conn.execute("DELETE FROM shares WHERE uid = ?", (uid,))
        return bool(cur.rowcount)

    def shared_dates_for(self, item_type: str, uid: str) -> _List[datetime]:
        """When an item was included in a share, oldest first."""
        rows = self.conn.execute(
            "SELECT s.created_at FROM share_items i JOIN shares s ON s.id = i.share_id "
            "WHERE i.item_type = ? AND i.item_uid = ?",
            (item_type, uid),
        ).fetchall()
        dates: _List[datetime] = []
        for (stamp,) in rows:
            with contextlib.suppress(*READ_ERRORS):
                dates.append(stored_time(stamp))
        return sorted(dates)


def shared_dates_for(conn: Connection, item_type: str, uid: str) -> list[datetime]:
    """When an item ('entry', 'checkin', ...) with this uid was shared, oldest first."""
    return ShareRepository(conn).shared_dates_for(item_type, uid)
