"""Stored records that cannot be read: skipped by every reader, counted, never shown.

A value the import rules would refuse can still reach the database (an older version,
a hand-edited file, a direct SQL change). One such record must never stop a list, the
schedule, Today or an export. Readers catch the parse error (`READ_ERRORS`), call
`note(conn, kind, uid)` and go on without the record. Commands then say how many were
left out (`sentence`), never what they hold: only record kinds and uids are kept here.

The notes live per connection for as long as it is open; `collecting(conn)` gathers the
ones noted while a block runs (e.g. building one PDF), repeats included.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

# What parsing a bad stored value raises: fromisoformat/enum/int/float (ValueError,
# TypeError), astimezone at the calendar's edges (OverflowError), zone and key lookups.
READ_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    OverflowError,
    KeyError,
    IndexError,
)


class UnreadableRecord(ValueError):
    """A stored record breaks a rule readers depend on (raised by row parsers)."""


@dataclass
class Skipped:
    """Records left out, by kind (table name) -> uids."""

    by_kind: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: str, uid: str) -> None:
        self.by_kind.setdefault(kind, set()).add(uid)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in sorted(self.by_kind.items()) if v}

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.by_kind.values())

    def uids(self, kind: str) -> set[str]:
        return set(self.by_kind.get(kind, ()))


# Keyed by id(conn) with the connection kept alongside: sqlcipher3 connections take no
# weak references, and holding it means its id cannot be reused while the entry exists.
_known: dict[int, tuple[Any, Skipped]] = {}
_collectors: dict[int, list[Skipped]] = {}


def note(conn: Any, kind: str, uid: object) -> None:
    """Record that a stored `kind` record (by uid or key) could not be read."""
    ident = str(uid)
    entry = _known.setdefault(id(conn), (conn, Skipped()))
    if ident not in entry[1].uids(kind):
        # Kind and uid only: never the record's content.
        log.info("Skipped an unreadable stored %s record (%s).", kind, ident)
    entry[1].add(kind, ident)
    for collector in _collectors.get(id(conn), []):
        collector.add(kind, ident)


def skipped(conn: Any) -> Skipped:
    """Everything noted on this connection so far."""
    entry = _known.get(id(conn))
    return Skipped({k: set(v) for k, v in entry[1].by_kind.items()}) if entry else Skipped()


def forget(conn: Any) -> None:
    """Drop the notes of a connection (when it is closed)."""
    _known.pop(id(conn), None)
    _collectors.pop(id(conn), None)


@contextmanager
def collecting(conn: Any) -> Iterator[Skipped]:
    """The records noted on `conn` while the block runs."""
    found = Skipped()
    stack = _collectors.setdefault(id(conn), [])
    stack.append(found)
    try:
        yield found
    finally:
        stack.remove(found)


_NAMES = {
    "series": ("series", "series"),
    "sessions": ("session", "sessions"),
    "checkins": ("check-in", "check-ins"),
    "entries": ("journal entry", "journal entries"),
    "measures": ("questionnaire", "questionnaires"),
    "crisis_screens": ("crisis screen note", "crisis screen notes"),
    "exercise_runs": ("exercise run", "exercise runs"),
    "shares": ("share log entry", "share log entries"),
    "safety_plan": ("safety plan", "safety plans"),
}


def _named(kind: str, count: int) -> str:
    one, many = _NAMES.get(kind, (kind, kind))
    return f"{count} {one if count == 1 else many}"


def listing(found: Skipped) -> str:
    """'1 session, 2 questionnaires' ('' when nothing was skipped)."""
    return ", ".join(_named(k, n) for k, n in found.counts().items())


def sentence(found: Skipped, where: str = "left out") -> str:
    """A plain sentence for the patient ('' when nothing was skipped)."""
    total = found.total
    if not total:
        return ""
    parts = listing(found)
    record = "record" if total == 1 else "records"
    verb = "was" if total == 1 else "were"
    return f"{total} stored {record} could not be read and {verb} {where} ({parts})."
