"""What goes into a therapist summary: plain data, gathered by the share wizard.

The renderer (`integrate.share.pdf`) only formats what is here. Everything the patient
chose to leave out is simply absent; the one exception is PHQ-9 item 9, which is carried
separately and printed only when `include_item9` is True.

All labels are display strings (already translated by whoever builds the document), so
the renderer does not need to know the domain enums. `SessionRow.from_session` maps a
`core.model.Session` with default English labels for convenience.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Literal

from integrate.core.measures import Instrument
from integrate.core.model import Route, Series, Session, SessionKind, Setting
from integrate.core.outcomes import Outcome, OutcomeRules, Window

if TYPE_CHECKING:
    from integrate.share.tracking_content import TrackingSection

PageSize = Literal["A4", "Letter"]

# (start, end or None while ongoing, name) of a treatment series, shaded on the charts.
SeriesSpan = tuple[datetime, datetime | None, str]

ROUTE_LABELS: dict[Route, str] = {
    Route.IV: "IV",
    Route.IM: "IM",
    Route.SUBLINGUAL: "Sublingual",
    Route.INTRANASAL: "Intranasal",
    Route.OTHER: "Other",
}
SETTING_LABELS: dict[Setting, str] = {
    Setting.CLINIC: "Clinic",
    Setting.HOME: "Home",
    Setting.OTHER: "Other",
}
KIND_LABELS: dict[SessionKind, str] = {
    SessionKind.KETAMINE: "Ketamine session",
    SessionKind.THERAPY: "Therapy",
}


def _dose_text(dose: float | None, unit: str | None) -> str | None:
    if dose is None:
        return None
    number = f"{dose:g}"
    return f"{number} {unit.strip()}" if unit and unit.strip() else number


@dataclass(frozen=True)
class SessionRow:
    """One line of the session timeline: what the patient recorded, nothing inferred.

    Every field is optional except the date; the PDF prints a column (or a full-width
    line under the row, for free text) only when some row has data for it. A new kind
    of recorded data is one more field here plus one entry in the renderer's
    `SESSION_COLUMNS` / `SESSION_LINES`.
    """

    at: datetime
    kind: str = "Ketamine session"
    route: str | None = None
    setting: str | None = None
    intention: str | None = None  # None: not shared (or none written)
    is_dosing: bool = True  # drawn as a marker on the measure charts
    dose: str | None = None  # "300 mg", as recorded
    support_person: bool | None = None  # None: not recorded
    bp_before: str | None = None  # "172/104"
    bp_after: str | None = None
    distress_before: int | None = None  # 0-10
    mood_before: int | None = None  # 0-10
    notes: str | None = None  # the patient's session notes
    after_effects: str | None = None  # issue 17, when chosen: "dissociation 6, nausea 2; ..."

    @classmethod
    def from_session(cls, session: Session, include_intention: bool) -> SessionRow:
        """Build a row from a domain session with default English labels."""
        return cls(
            at=session.at,
            kind=KIND_LABELS.get(session.kind, str(session.kind)),
            route=ROUTE_LABELS.get(session.route) if session.route else None,
            setting=SETTING_LABELS.get(session.setting) if session.setting else None,
            intention=(session.intention or None) if include_intention else None,
            is_dosing=session.kind == SessionKind.KETAMINE,
            dose=_dose_text(session.dose, session.dose_unit),
            support_person=session.support_person,
            bp_before=(session.bp_before or "").strip() or None,
            bp_after=(session.bp_after or "").strip() or None,
            distress_before=session.distress_before,
            mood_before=session.mood_before,
            notes=session.notes.strip() or None,
        )


def series_spans(
    series: Iterable[Series],
    tz: tzinfo | None,
    *,
    start: date | None = None,
    end: date | None = None,
) -> list[SeriesSpan]:
    """Treatment series as chart spans, from local midnight of the first day to the end of
    the last; only those overlapping `start`..`end` (inclusive) when given. The screen and
    the PDF both use this, so a series covers the same days in both."""
    spans: list[SeriesSpan] = []
    for s in sorted(series, key=lambda s: s.started_on):
        if end is not None and s.started_on > end:
            continue
        if start is not None and s.ended_on is not None and s.ended_on < start:
            continue
        first = datetime.combine(s.started_on, time(0, 0), tzinfo=tz)
        last = datetime.combine(s.ended_on, time(23, 59), tzinfo=tz) if s.ended_on else None
        spans.append((first, last, s.name))
    return spans


@dataclass(frozen=True)
class MeasurePoint:
    """One completed questionnaire."""

    taken_at: datetime
    total: int
    subscales: dict[str, int] = field(default_factory=dict)  # e.g. PCL-5 clusters "B".."E"
    band: str | None = None  # e.g. "moderate"
    version: str = ""  # e.g. "past week"; set only where the period mixes versions
    pattern: bool | None = None  # PCL-5 provisional DSM-5 pattern met; None: no such rule
    # Item answers in order (PHQ-9 item 9 is None here unless the patient shares it).
    answers: tuple[int | None, ...] = ()
    difficulty: str | None = None  # the optional difficulty answer's label, if given
    instrument_id: str = ""  # e.g. "pcl5_week" (for machine-readable attachments)


@dataclass(frozen=True)
class Band:
    """A severity band of an instrument, inclusive on both ends."""

    min: int
    max: int
    label: str


def chart_bands(instrument: Instrument, *, lower: bool = True) -> list[Band]:
    """The ranges drawn faintly on a chart: severity bands, or the PCL-5 cut-off.

    The PCL-5 has no severity bands; its provisional cut-off (from the instrument's
    rule) is what clinicians read, so the chart shows below / within / above its range. Labels
    are lower case for running text (the PDF); `lower=False` keeps them capitalised.
    """

    def cased(label: str) -> str:
        return label.lower() if lower else label[:1].upper() + label[1:]

    if instrument.bands:
        return [Band(b.min, b.max, cased(b.label)) for b in instrument.bands]
    rule = instrument.provisional_rule
    if rule is not None:
        # The cut-off is a range (31-33 for the PCL-5): its own narrow band, so the chart
        # shows exactly the scores the caption names rather than one band up to the top.
        return [
            Band(instrument.score_min, rule.cutoff_min - 1, cased("below cut-off")),
            Band(rule.cutoff_min, rule.cutoff_max, cased("cut-off range")),
            Band(rule.cutoff_max + 1, instrument.score_max, cased("above cut-off")),
        ]
    return []


def summary_bands(instrument: Instrument) -> list[Band]:
    """Severity bands for the therapist summary (and any screen that wants the same); a provisional cut-off is shown as its published
    range (PCL-5: 31-33), never as one number."""
    rule = instrument.provisional_rule
    if instrument.bands or rule is None or rule.cutoff_min == rule.cutoff_max:
        return chart_bands(instrument)
    span = f"{rule.cutoff_min}\u2013{rule.cutoff_max}"
    return [
        Band(instrument.score_min, rule.cutoff_min - 1, "below cut-off range"),
        Band(rule.cutoff_min, rule.cutoff_max, f"cut-off range {span}"),
        Band(rule.cutoff_max + 1, instrument.score_max, "above cut-off range"),
    ]


def subscale_labels(instrument: Instrument, *, with_id: bool = False) -> dict[str, str]:
    """Subscale id -> short label (e.g. "D" -> "Cognitions and mood"), in order."""
    return {s.id: (f"{s.id} {s.label}" if with_id else s.label) for s in instrument.subscales}


@dataclass(frozen=True)
class MeasureTrend:
    """The course of one instrument over the period."""

    instrument_id: str  # "pcl5", "phq9", "gad7"
    name: str  # "PCL-5"
    max_total: int  # 80, 27, 21
    points: list[MeasurePoint]
    bands: list[Band] = field(default_factory=list)
    title: str = ""  # e.g. "PTSD symptoms (past month)"
    subscale_labels: dict[str, str] = field(default_factory=dict)  # ordered: key -> label
    baseline_text: str = ""  # empty: computed from the first point
    latest_text: str = ""
    change_text: str = ""
    note: str = ""  # e.g. how change is read "per VA guidance"
    pattern_note: str = ""  # what the provisional-pattern column means
    attribution: str = ""
    outcome: Outcome | None = None  # baseline -> latest against resources/outcomes.toml
    rules: OutcomeRules | None = None
    missing: list[Window] = field(default_factory=list)  # expected, not answered
    rhythm_days: int = 0  # the expected rhythm the missing windows follow (0: not checked)
    item_texts: list[str] = field(default_factory=list)  # verbatim items, for item tables
    option_labels: dict[int, str] = field(default_factory=dict)  # answer value -> label

    def sorted_points(self) -> list[MeasurePoint]:
        return sorted(self.points, key=lambda p: p.taken_at)

    def baseline(self) -> MeasurePoint | None:
        pts = self.sorted_points()
        return pts[0] if pts else None

    def latest(self) -> MeasurePoint | None:
        pts = self.sorted_points()
        return pts[-1] if pts else None

    def change(self) -> int | None:
        first, last = self.baseline(), self.latest()
        if first is None or last is None or first is last:
            return None
        return last.total - first.total


@dataclass(frozen=True)
class EntryRow:
    """A journal entry the patient selected for sharing."""

    created_at: datetime
    body: str
    title: str = ""
    prompt: str | None = None
    ratings: dict[str, int | str] = field(default_factory=dict)  # label -> value, e.g. "6/10"
    tags: list[str] = field(default_factory=list)
    phase_label: str | None = None  # e.g. "Day 1 after a session"
    flagged: bool = False  # flagged for the therapist: printed first, marked


@dataclass(frozen=True)
class HelpRow:
    """Something that helps, e.g. an exercise with distress before/after (0-10)."""

    label: str
    times_used: int | None = None
    distress_before: float | None = None  # average
    distress_after: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Item9Row:
    """A PHQ-9 item 9 answer; printed only with ShareDocument.include_item9."""

    taken_at: datetime
    value: int  # 0-3
    label: str  # the verbatim answer option, e.g. "Several days"


@dataclass(frozen=True)
class RatingPoint:
    """One check-in's quick ratings (between-session course)."""

    at: datetime
    values: dict[str, int]  # rating id -> value


@dataclass(frozen=True)
class RatingsCourse:
    """Check-in ratings over the period, charted with the measure chart builder."""

    points: list[RatingPoint]
    labels: dict[str, str]  # rating id -> label, in order ("mood" -> "Mood")
    maxima: dict[str, int]  # rating id -> scale maximum (10, or 3 for intrusions)


@dataclass
class ShareDocument:
    """Everything the therapist summary shows, in the patient's chosen scope."""

    period_from: date
    period_to: date
    generated_at: datetime
    patient_name_display: str | None = None  # full name, initials, or None
    therapist_name: str | None = None
    note: str = ""
    sessions: list[SessionRow] = field(default_factory=list)
    measures: list[MeasureTrend] = field(default_factory=list)
    entries: list[EntryRow] = field(default_factory=list)
    what_helps: list[HelpRow] = field(default_factory=list)
    safety_plan: dict[str, list[str]] | None = None  # section title -> items
    include_item9: bool = False
    item9_rows: list[Item9Row] = field(default_factory=list)
    # Drawn as thin vertical lines on the charts; empty: dosing sessions are used.
    session_markers: list[datetime] = field(default_factory=list)
    sessions_included: bool = True  # False: no session count on the cover, no markers
    # Treatment series overlapping the period, shaded and named on the charts.
    series_spans: list[SeriesSpan] = field(default_factory=list)
    page_size: PageSize = "A4"
    # Issue 17's opt-in parts (after-effects, sleep, substances); None: none chosen.
    tracking: TrackingSection | None = None
    # Issue 15: how many stored records could not be read and were left out ("": none).
    unreadable_note: str = ""
    ratings: RatingsCourse | None = None  # between-session course, when check-ins shared
    attach_data: bool = False  # embed CSV and FHIR JSON of the scores as attachments

    def chart_markers(self) -> list[datetime]:
        """The session dates to mark on measure charts."""
        if not self.sessions_included:
            return []
        if self.session_markers:
            return sorted(self.session_markers)
        return sorted(s.at for s in self.sessions if s.is_dosing)

    def chart_series(self) -> list[SeriesSpan]:
        """The treatment series to shade on measure charts: part of the session timeline,
        so none when the patient leaves the timeline out."""
        return list(self.series_spans) if self.sessions_included else []
