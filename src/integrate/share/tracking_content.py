"""What the therapist summary shows of issue 17's records, chosen by the patient (no Qt).

Three opt-in parts: after-effects per session (beside the session timeline), the sleep
diary (a chart against the sessions and a table), and substances with medication
changes. `gather_tracking` fills a `TrackingSection`; share/pdf_tracking.py draws it.
`session_effects` is the short after-effects line per session for a session table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from integrate.core.model import Session, SessionKind
from integrate.core.tracking import effects_summary, load_tracking_text
from integrate.vault.tracking import TrackingRepository


@dataclass(frozen=True)
class SleepPoint:
    """One night, as the chart and the tables need it."""

    day: date  # the morning the patient woke up
    hours: float | None
    quality: int | None
    nightmares: int | None
    nightmare_distress: int | None
    wakings: int | None = None


@dataclass(frozen=True)
class SubstanceRow:
    at: datetime
    name: str
    amount: str


@dataclass(frozen=True)
class MedicationRow:
    at: datetime
    name: str
    change: str  # "started", "stopped", "dose changed"
    dose: str


@dataclass(frozen=True)
class EffectsRow:
    session_at: datetime
    summary: str  # e.g. "dissociation 6, nausea 2; unreal next day 3"
    notes: tuple[str, ...] = ()


@dataclass
class TrackingSection:
    """The parts the patient chose; None: not chosen (nothing printed, not even a heading)."""

    effects: list[EffectsRow] | None = None
    sleep: list[SleepPoint] | None = None
    substances: list[SubstanceRow] | None = None
    medication: list[MedicationRow] | None = None
    note: str = ""  # the note for the clinician, shown with substances
    items: list[tuple[str, str]] = field(default_factory=list)  # for the share log

    @property
    def empty(self) -> bool:
        return all(x is None for x in (self.effects, self.sleep, self.substances, self.medication))


def session_effects(repo: TrackingRepository, sessions: Iterable[Session]) -> dict[str, str]:
    """The after-effects line per session uid (ketamine sessions with any recorded).

    For a session table's "After-effects" column: `summary.get(session.uid, "")`.
    """
    out: dict[str, str] = {}
    for s in sessions:
        if s.id is None or s.kind is not SessionKind.KETAMINE:
            continue
        line = effects_summary(repo.effects_for_session(s.id))
        if line:
            out[s.uid] = line
    return out


def _within(moment: datetime, bounds: tuple[datetime, datetime]) -> bool:
    return bounds[0] <= moment < bounds[1]


def gather_tracking(
    repo: TrackingRepository,
    *,
    sessions: list[Session],
    bounds: tuple[datetime, datetime],
    first: date,
    last: date,
    effects: bool,
    sleep: bool,
    substances: bool,
) -> TrackingSection:
    """The chosen parts for the period [first, last] (instants within `bounds`)."""
    section = TrackingSection()
    if effects:
        section.effects = []
        for s in sorted(sessions, key=lambda x: x.at):
            if s.id is None or s.kind is not SessionKind.KETAMINE:
                continue
            records = repo.effects_for_session(s.id)
            line = effects_summary(records)
            notes = tuple(e.note.strip() for e in records if e.note.strip())
            if line or notes:
                section.effects.append(EffectsRow(s.at, line, notes))
                section.items += [("after_effects", e.uid) for e in records]
    if sleep:
        nights = repo.list_sleep(first, last)
        section.sleep = [
            SleepPoint(n.day, n.hours, n.quality, n.nightmares, n.nightmare_distress, n.wakings)
            for n in nights
        ]
        section.items += [("sleep", n.uid) for n in nights]
    if substances:
        text = load_tracking_text()
        uses = [u for u in repo.list_substances(first, last) if _within(u.at, bounds)]
        events = [e for e in repo.list_medication(first, last) if _within(e.at, bounds)]
        section.substances = [SubstanceRow(u.at, u.name, u.amount) for u in uses]
        labels = {"dose": "dose changed"}
        section.medication = [
            MedicationRow(e.at, e.name, labels.get(e.change.value, e.change.value), e.dose)
            for e in events
        ]
        section.note = str(text.section("substances").get("clinician_note", ""))
        section.items += [("substance", u.uid) for u in uses]
        section.items += [("medication", e.uid) for e in events]
    return section
