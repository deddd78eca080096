"""From the vault to a ShareDocument: exactly what the patient chose, nothing more.

`ShareSelection` is what the share wizard (or `integrate export-pdf`) collected;
`gather()` reads the vault and builds the document the PDF renderer prints.
`gather_share()` also returns the uids of everything included, for the share log.

No Qt here. English display labels (the renderer translates its own headings).
Period days are the computer's local calendar days, both ends inclusive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo

from integrate.core.measures import (
    FLAG_PROVISIONAL,
    Change,
    Instrument,
    Score,
    change_from_baseline,
    load_instruments,
    summed_families,
)
from integrate.core.model import Entry, Series, Session, SessionStatus
from integrate.core.outcomes import Window, assess, load_outcome_rules, missing_windows
from integrate.core.prompts import PromptLibrary, load_prompts
from integrate.core.timeutil import local_zone, now_local, rules_of
from integrate.services.usecases import UseCases
from integrate.share.content import (
    Band,
    EntryRow,
    HelpRow,
    Item9Row,
    MeasurePoint,
    MeasureTrend,
    PageSize,
    RatingPoint,
    RatingsCourse,
    SessionRow,
    ShareDocument,
    series_spans,
    subscale_labels,
    summary_bands,
)
from integrate.share.phase_labels import summary_label
from integrate.vault.checkins import StoredCheckin
from integrate.vault.measures import Administration
from integrate.vault.unreadable import sentence
from integrate.vault.vault import Vault

NameDisplay = Literal["full", "initials", "none"]
PeriodKind = Literal["dates", "series", "since_last"]

DEFAULT_DAYS = 30
SETTINGS_KEY = "share_defaults"  # in-vault: names are sensitive, so never in QSettings
ITEM9_INDEX = 8  # PHQ-9 item 9, zero-based

MEASURE_TITLES = {
    "pcl5": "PTSD symptoms",
    "phq9": "Depression symptoms",
    "gad7": "Anxiety symptoms",
}
PCL5_CHANGE_NOTE = (
    "The cut-off (31-33) is provisional. Per VA guidance, a drop of 5 points is a minimal "
    "response and 10 points is clinically meaningful."
)


class SelectionError(ValueError):
    """The selection cannot be gathered (unknown series, empty period, nothing chosen)."""


@dataclass
class ShareSelection:
    """What to share. The period is a date range, a series, or "since the last share"."""

    period_kind: PeriodKind = "dates"
    date_from: date | None = None
    date_to: date | None = None
    series_uid: str | None = None
    entry_uids: list[str] = field(default_factory=list)
    checkin_uids: list[str] = field(default_factory=list)  # ratings without an entry
    include_sessions: bool = True
    include_intentions: bool = False
    include_measures: bool = True
    include_what_helps: bool = False
    include_safety_plan: bool = False
    include_item9: bool = False  # PHQ-9 item 9: only ever by explicit choice
    # Issue 17 (share/tracking_content.py): opt-in, each off until chosen.
    include_effects: bool = False  # after-effects per session, with the timeline
    include_sleep: bool = False  # the sleep diary: chart against sessions, and nights
    include_substances: bool = False  # substances and medication changes
    include_ratings_chart: bool = True  # check-in ratings over the period, as one chart
    attach_data: bool = False  # CSV + FHIR JSON of the scores embedded in the PDF
    note: str = ""
    name_display: NameDisplay = "none"
    patient_name: str = ""
    therapist_name: str = ""
    page_size: PageSize = "A4"

    def has_content(self) -> bool:
        """True if anything at all would be printed besides the cover."""
        return bool(
            self.entry_uids
            or self.checkin_uids
            or self.include_sessions
            or self.include_measures
            or self.include_what_helps
            or self.include_safety_plan
            or self.include_effects
            or self.include_sleep
            or self.include_substances
        )


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    series_id: int | None = None


@dataclass
class GatheredShare:
    """The document plus what went into it, for the share log."""

    document: ShareDocument
    period: Period
    items: list[tuple[str, str]]  # (item_type, uid): 'entry', 'checkin', 'session', ...


@dataclass(frozen=True)
class Candidate:
    """A journal entry or check-in the patient can tick in the wizard."""

    kind: Literal["entry", "checkin"]
    uid: str
    at: datetime
    title: str
    preview: str
    flagged: bool
    ratings_text: str = ""


# --------------------------------------------------------------------------- helpers


def _local(tz: tzinfo | None) -> tzinfo:
    # The zone's rules, never today's fixed offset: the period's days may lie on the other
    # side of a DST change.
    return tz or local_zone()


def _bounds(period: Period, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start of first day, start of the day after the last day) as aware datetimes."""
    start = datetime.combine(period.start, time(0), tzinfo=tz)
    end = datetime.combine(period.end + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def _within(moment: datetime | None, bounds: tuple[datetime, datetime]) -> bool:
    return moment is not None and bounds[0] <= moment < bounds[1]


def name_for_display(name: str, display: NameDisplay) -> str | None:
    """The patient's name as chosen: in full, as initials ("J. M."), or not at all."""
    name = " ".join(name.split())
    if display == "none" or not name:
        return None
    if display == "full":
        return name
    return " ".join(f"{part[0].upper()}." for part in name.replace("-", " ").split())


def initials(name: str) -> str:
    return name_for_display(name, "initials") or ""


def resolve_period(vault: Vault, selection: ShareSelection, today: date | None = None) -> Period:
    """The days the selection covers; raises SelectionError for what cannot be resolved."""
    today = today or now_local().date()
    if selection.period_kind == "series":
        series = _series_by_uid(vault, selection.series_uid)
        end = series.ended_on or today
        start = series.started_on
        # A baseline taken shortly before the series and the end-of-series measure taken
        # shortly after it belong to it: the period runs from the one to the other.
        for adm in UseCases(vault).measures.repo.list(series_id=series.id):
            day = adm.taken_at.astimezone(_local(None)).date()
            start, end = min(start, day), max(end, day)
        return Period(start, max(start, end), series.id)
    if selection.period_kind == "since_last":
        last = UseCases(vault).sharing.shares.last()
        if last is None:
            return Period(today - timedelta(days=DEFAULT_DAYS), today)
        start = last.created_at.astimezone(_local(None)).date()
        return Period(min(start, today), today)
    start_d = selection.date_from or today - timedelta(days=DEFAULT_DAYS)
    end_d = selection.date_to or today
    if end_d < start_d:
        raise SelectionError("The end of the period is before its start.")
    return Period(start_d, end_d)


def _series_by_uid(vault: Vault, uid: str | None) -> Any:
    if uid:
        for series in UseCases(vault).sessions.repo.list_series():
            if series.uid == uid:
                return series
    raise SelectionError("That series was not found.")


def _ratings(checkin: StoredCheckin | None, library: PromptLibrary) -> dict[str, int | str]:
    out: dict[str, int | str] = {}
    if checkin is None:
        return out
    for rid, value in checkin.ratings.items():
        rating = library.ratings.get(rid)
        if value is None or rating is None:
            continue
        if rating.kind == "choice" and 0 <= value < len(rating.choices):
            out[rating.label] = rating.choices[value]
        else:
            out[rating.label] = f"{value}/{rating.max}"
    return out


def _prompt_text(prompt_id: str | None, library: PromptLibrary) -> str | None:
    if not prompt_id:
        return None
    try:
        return library.get(prompt_id).short
    except KeyError:
        return None  # removed from the library since; the entry stands on its own


def _checkin_title(checkin: StoredCheckin) -> str:
    return "Check-in: " + summary_label(checkin.phase).lower()


# --------------------------------------------------------------------------- candidates


def _entries_in(vault: Vault, bounds: tuple[datetime, datetime]) -> list[Entry]:
    return UseCases(vault).journal.entries.list_between(*bounds)


def _rated_checkins(vault: Vault, bounds: tuple[datetime, datetime]) -> list[StoredCheckin]:
    repo = UseCases(vault).checkins.repo
    done = [c for c in repo.query() if c.completed_at is not None]
    return [
        c
        for c in done
        if _within(c.completed_at, bounds) and any(v is not None for v in c.ratings.values())
    ]


def candidates(
    vault: Vault, period: Period, tz: tzinfo | None = None, library: PromptLibrary | None = None
) -> list[Candidate]:
    """Entries written in the period, and rated check-ins without an entry, oldest first."""
    library = library or load_prompts()
    bounds = _bounds(period, _local(tz))
    checkins = UseCases(vault).checkins.repo
    out: list[Candidate] = []
    with_entries: set[int] = set()
    for e in _entries_in(vault, bounds):
        checkin = checkins.get_by_id(e.checkin_id) if e.checkin_id else None
        if e.checkin_id:
            with_entries.add(e.checkin_id)
        ratings = _ratings(checkin, library)
        preview = " ".join(e.body.split())[:160]
        assert e.created_at is not None
        out.append(
            Candidate(
                "entry",
                e.uid,
                e.created_at,
                e.title.strip(),
                preview,
                e.flagged,
                ", ".join(f"{k} {v}" for k, v in ratings.items()),
            )
        )
    for c in _rated_checkins(vault, bounds):
        if c.id in with_entries:
            continue
        ratings = _ratings(c, library)
        assert c.completed_at is not None
        out.append(
            Candidate(
                "checkin",
                c.uid,
                c.completed_at,
                _checkin_title(c),
                "",
                False,
                ", ".join(f"{k} {v}" for k, v in ratings.items()),
            )
        )
    out.sort(key=lambda c: c.at)
    return out


# --------------------------------------------------------------------------- sections


def _sessions(vault: Vault, period: Period, bounds: tuple[datetime, datetime]) -> list[Session]:
    rows = UseCases(vault).sessions.repo.list()
    out = [
        s
        for s in rows
        if s.status == SessionStatus.DONE
        and (
            (period.series_id is not None and s.series_id == period.series_id)
            or _within(s.at, bounds)
        )
    ]
    return sorted(out, key=lambda s: s.at)


def _band_label(bands: Sequence[Band], total: int) -> str | None:
    for b in bands:
        if b.min <= total <= b.max:
            return b.label
    return None


def _answers(a: Administration, instrument: Instrument, include_item9: bool) -> tuple:  # type: ignore[type-arg]
    """Item answers as stored; PHQ-9 item 9 blanked unless the patient shares it."""
    answers = list(a.answers[: instrument.item_count])
    if instrument.family == "phq9" and not include_item9 and len(answers) > ITEM9_INDEX:
        answers[ITEM9_INDEX] = None
    return tuple(answers)


def _difficulty(a: Administration, instrument: Instrument) -> str | None:
    for pos, q in enumerate(instrument.extra_questions):
        if q.id != "difficulty":
            continue
        idx = instrument.item_count + pos
        value = a.answers[idx] if len(a.answers) > idx else None
        labels = {o.value: o.label for o in q.options}
        return labels.get(value) if value is not None else None
    return None


@dataclass(frozen=True)
class Rhythm:
    """The expected questionnaire rhythm for the period (Settings > Questionnaires)."""

    spans: list[tuple[date, date, int]]  # (first day, last day, every n days)
    families: frozenset[str]  # families the patient has not switched off
    today: date


def _rhythm(vault: Vault, period: Period, today: date) -> Rhythm | None:
    """Weekly during a series' days in the period, else monthly; None when switched off."""
    repo = UseCases(vault).measures.repo
    settings = repo.settings()
    if not settings.suggest:
        return None
    families = frozenset(summed_families()) - set(settings.off)
    spans: list[tuple[date, date, int]] = []
    series: list[Series] = UseCases(vault).sessions.repo.list_series()
    for s in sorted(series, key=lambda s: s.started_on):
        last = s.ended_on or period.end
        if s.started_on > period.end or last < period.start:
            continue
        spans.append((max(s.started_on, period.start), min(last, period.end), settings.weekly_days))
    if not spans:
        spans.append((period.start, period.end, settings.monthly_days))
    return Rhythm(spans, families, today)


def _missing(
    family: str, adms: list[Administration], rhythm: Rhythm | None, tz: tzinfo
) -> tuple[list[Window], int]:
    if rhythm is None or family not in rhythm.families:
        return [], 0
    taken = [a.taken_at.astimezone(tz).date() for a in adms]
    out: list[Window] = []
    for first, last, every in rhythm.spans:
        out += missing_windows(taken, first, last, every, today=rhythm.today)
    return out, rhythm.spans[0][2]


def _trend(
    family: str,
    adms: list[Administration],
    instruments: dict[str, Instrument],
    *,
    include_item9: bool = False,
    rhythm: Rhythm | None = None,
    tz: tzinfo | None = None,
) -> MeasureTrend | None:
    scored = [a for a in adms if a.total is not None and a.instrument in instruments]
    if not scored:
        return None
    latest_ins = instruments[scored[-1].instrument]
    bands = summary_bands(latest_ins)
    subs = subscale_labels(latest_ins)
    timeframes = sorted({instruments[a.instrument].timeframe for a in scored})
    mixed = len(timeframes) > 1  # e.g. a past-month PCL-5 baseline, past-week weeklies
    rule = latest_ins.provisional_rule
    points = [
        MeasurePoint(
            taken_at=a.taken_at,
            total=int(a.total or 0),
            subscales={k: v for k, v in a.subscales.items() if k in subs},
            band=_band_label(bands, int(a.total or 0)),
            version=instruments[a.instrument].variant if mixed else "",
            pattern=(FLAG_PROVISIONAL in a.flags) if rule is not None else None,
            answers=_answers(a, instruments[a.instrument], include_item9),
            difficulty=_difficulty(a, instruments[a.instrument]),
            instrument_id=a.instrument,
        )
        for a in scored
    ]
    rules = load_outcome_rules().get(family)
    outcome = None
    if rules is not None:
        first_total, last_total = points[0].total, points[-1].total
        outcome = assess(rules, first_total, last_total, single=len(points) < 2)
    missing, rhythm_days = _missing(family, adms, rhythm, _local(tz))
    change_text = ""
    if len(scored) >= 2:
        first = scored[0].rescore(instruments[scored[0].instrument])
        last = scored[-1].rescore(latest_ins)
        if isinstance(first, Score) and isinstance(last, Score):
            try:
                change_text = change_summary(change_from_baseline(latest_ins, first, last))
            except ValueError:
                change_text = ""
    title = MEASURE_TITLES.get(family, latest_ins.name)
    if not mixed:
        title += f" ({timeframes[0]})"
    note_parts = []
    if family == "pcl5":
        note_parts.append(PCL5_CHANGE_NOTE)
    # The summary's reader is the clinician: use the caveat worded for them.
    caveat = latest_ins.change.clinician_note or latest_ins.change.note
    if caveat:
        note_parts.append(caveat)
    return MeasureTrend(
        instrument_id=family,
        name=latest_ins.short_name,
        max_total=latest_ins.score_max,
        points=points,
        bands=bands,
        title=title,
        subscale_labels=subs,
        change_text=change_text,
        note=" ".join(note_parts),
        pattern_note=pattern_note(latest_ins),
        attribution=latest_ins.attribution,
        outcome=outcome,
        rules=rules,
        missing=missing,
        rhythm_days=rhythm_days,
        item_texts=[i.text for i in latest_ins.items],
        option_labels={o.value: o.label for o in latest_ins.items[0].options},
    )


def _ratings_course(
    vault: Vault, bounds: tuple[datetime, datetime], library: PromptLibrary
) -> RatingsCourse | None:
    """Every rated check-in in the period (numbers only, no text), oldest first."""
    points = []
    for c in _rated_checkins(vault, bounds):
        values = {k: int(v) for k, v in c.ratings.items() if v is not None}
        assert c.completed_at is not None
        points.append(RatingPoint(c.completed_at, values))
    if not points:
        return None
    points.sort(key=lambda p: p.at)
    used = {k for p in points for k in p.values}
    labels = {rid: r.label for rid, r in library.ratings.items() if rid in used}
    maxima = {rid: r.max for rid, r in library.ratings.items() if rid in used}
    return RatingsCourse(points, labels, maxima)


def pattern_note(instrument: Instrument) -> str:
    """What the provisional-pattern column means, from the instrument's own rule."""
    rule = instrument.provisional_rule
    if rule is None:
        return ""
    needs = ", ".join(f"{n} {sid}" for sid, n in rule.requires)
    return (
        f"{rule.name}: items rated {rule.endorsed_min} or higher count as endorsed; "
        f"needs at least {needs}. Screening information only, not a diagnosis."
    )


def change_summary(change: Change) -> str:
    """A short cell for the cover table: "−6 points" plus any threshold reached."""
    if change.delta == 0:
        return "No change"
    sign = "−" if change.delta < 0 else "+"
    text = f"{sign}{abs(change.delta)} points"
    if change.thresholds_reached:
        text += f": {change.thresholds_reached[-1].label}"
    return text


def _measure_rows(
    vault: Vault, period: Period, bounds: tuple[datetime, datetime], families: list[str]
) -> dict[str, list[Administration]]:
    repo = UseCases(vault).measures.repo
    out: dict[str, list[Administration]] = {}
    for family in families:
        if period.series_id is not None:
            adms = repo.list(family=family, series_id=period.series_id)
        else:
            adms = repo.list(family=family, since=bounds[0], until=bounds[1])
            adms = [a for a in adms if a.taken_at < bounds[1]]
        out[family] = adms
    return out


def _item9(adms: list[Administration], instrument: Instrument | None) -> list[Item9Row]:
    if instrument is None or len(instrument.items) <= ITEM9_INDEX:
        return []
    options = {o.value: o.label for o in instrument.items[ITEM9_INDEX].options}
    rows = []
    for a in adms:
        if len(a.answers) > ITEM9_INDEX and a.answers[ITEM9_INDEX] is not None:
            value = int(a.answers[ITEM9_INDEX] or 0)
            rows.append(Item9Row(a.taken_at, value, options.get(value, str(value))))
    return rows


def _what_helps(vault: Vault, bounds: tuple[datetime, datetime]) -> list[HelpRow]:
    from integrate.core.exercises import load_exercises
    from integrate.core.what_helps import MIN_RATED_RUNS, summarise_runs

    runs = [r for r in UseCases(vault).coping.runs.list_runs() if _within(r.started_at, bounds)]
    titles = {ex.id: ex.title for ex in load_exercises()}
    stats = summarise_runs(runs)
    # Most helpful first by the patient's own ratings (2+ rated uses); the rest after.
    stats.sort(
        key=lambda s: (
            s.rated_count < MIN_RATED_RUNS,
            s.average_change is None,
            s.average_change if s.average_change is not None else 0.0,
            -s.count,
        )
    )
    rows = []
    for s in stats:
        note = ""
        if s.rated_count and s.rated_count < s.count:
            note = f"rated {s.rated_count} of {s.count} times"
        rows.append(
            HelpRow(
                label=titles.get(s.exercise_id, s.exercise_id.replace("_", " ").capitalize()),
                times_used=s.count,
                distress_before=s.average_before,
                distress_after=s.average_after,
                note=note,
            )
        )
    return rows


def _safety_plan(vault: Vault) -> dict[str, list[str]] | None:
    from integrate.core.safety import SECTIONS, PlanContact, SafetyPlanError

    repo = UseCases(vault).coping.safety_plan
    if not repo.exists():
        return None
    try:
        plan = repo.load()
    except SafetyPlanError:
        UseCases(vault).note_unreadable(
            "safety_plan", "plan"
        )  # said on the cover, never guessed at
        return None
    out: dict[str, list[str]] = {}
    for info in SECTIONS:
        items: list[str] = []
        for item in getattr(plan, info.key):
            if isinstance(item, PlanContact):
                text = " \u2013 ".join(p for p in (item.name, item.phone, item.note) if p.strip())
            else:
                text = str(item)
            if text.strip():
                items.append(text.strip())
        out[info.title] = items
    return out


# --------------------------------------------------------------------------- gather


def gather_share(
    vault: Vault,
    selection: ShareSelection,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> GatheredShare:
    """Build the document for `selection` and list the uids of what it includes.

    Stored records that cannot be read are left out and counted on the cover
    (`ShareDocument.unreadable_note`), never guessed at.
    """
    with UseCases(vault).collecting_unreadable() as unreadable:
        gathered = _gather_share(vault, selection, now=now, tz=tz)
    gathered.document.unreadable_note = sentence(unreadable, "left out of this summary")
    return gathered


def _gather_share(
    vault: Vault,
    selection: ShareSelection,
    *,
    now: datetime | None,
    tz: tzinfo | None,
) -> GatheredShare:
    now = now or now_local()
    tz = _local(tz or (now.tzinfo if isinstance(now.tzinfo, ZoneInfo) else None))
    period = resolve_period(vault, selection, now.astimezone(tz).date())
    bounds = _bounds(period, tz)
    library = load_prompts()
    items: list[tuple[str, str]] = []
    doc = ShareDocument(
        period_from=period.start,
        period_to=period.end,
        generated_at=now,
        patient_name_display=name_for_display(selection.patient_name, selection.name_display),
        therapist_name=selection.therapist_name.strip() or None,
        note=selection.note,
        page_size=selection.page_size,
    )

    sessions = _sessions(vault, period, bounds)
    # Session dates (also as chart markers) only when the patient shares the timeline.
    doc.sessions_included = selection.include_sessions
    if selection.include_sessions:
        doc.session_markers = [s.at for s in sessions if s.kind.value == "ketamine"]
        doc.sessions = [SessionRow.from_session(s, selection.include_intentions) for s in sessions]
        items += [("session", s.uid) for s in sessions]
        # The series the period overlaps, shaded and named on the charts as on screen.
        doc.series_spans = series_spans(
            UseCases(vault).sessions.repo.list_series(), tz, start=period.start, end=period.end
        )

    if selection.include_measures or selection.include_item9:
        instruments = load_instruments()
        families = summed_families(instruments)  # PCL-5, PHQ-9, GAD-7, then any added
        by_family = _measure_rows(vault, period, bounds, families)
        rhythm = _rhythm(vault, period, now.astimezone(tz).date())
        if selection.include_measures:
            for family in families:
                trend = _trend(
                    family,
                    by_family[family],
                    instruments,
                    include_item9=selection.include_item9,
                    rhythm=rhythm,
                    tz=tz,
                )
                if trend is not None:
                    doc.measures.append(trend)
                    items += [("measure", a.uid) for a in by_family[family]]
        if selection.include_item9:
            doc.include_item9 = True
            phq9 = by_family.get("phq9", [])
            doc.item9_rows = _item9(phq9, instruments.get("phq9"))
            items += [("item9", a.uid) for a in phq9]

    entries_repo = UseCases(vault).journal.entries
    checkins = UseCases(vault).checkins.repo
    for uid in dict.fromkeys(selection.entry_uids):
        entry = entries_repo.get_by_uid(uid)
        if entry is None or entry.created_at is None:
            continue
        checkin = checkins.get_by_id(entry.checkin_id) if entry.checkin_id else None
        doc.entries.append(
            EntryRow(
                created_at=entry.created_at,
                body=entry.body,
                title=entry.title.strip(),
                prompt=_prompt_text(entry.prompt_id, library),
                ratings=_ratings(checkin, library),
                tags=list(entry.tags),
                phase_label=summary_label(checkin.phase) if checkin else None,
                flagged=entry.flagged,
            )
        )
        items.append(("entry", uid))
    for uid in dict.fromkeys(selection.checkin_uids):
        checkin = checkins.get(uid)
        if checkin is None or checkin.completed_at is None:
            continue
        doc.entries.append(
            EntryRow(
                created_at=checkin.completed_at,
                body="",
                title=_checkin_title(checkin),
                ratings=_ratings(checkin, library),
                phase_label=summary_label(checkin.phase),
            )
        )
        items.append(("checkin", uid))
    # Flagged for the therapist first, then the rest; each group in date order.
    doc.entries.sort(key=lambda e: (not e.flagged, e.created_at))
    if selection.include_ratings_chart:
        doc.ratings = _ratings_course(vault, bounds, library)
        if doc.ratings is not None:
            items.append(("ratings", "course"))
    doc.attach_data = selection.attach_data

    if selection.include_effects or selection.include_sleep or selection.include_substances:
        from integrate.share.tracking_content import gather_tracking

        tracking = gather_tracking(
            UseCases(vault).tracking.repo,
            sessions=sessions,
            bounds=bounds,
            first=period.start,
            last=period.end,
            effects=selection.include_effects,
            sleep=selection.include_sleep,
            substances=selection.include_substances,
        )
        doc.tracking = tracking
        items += tracking.items
        if tracking.effects and doc.sessions:
            # After-effects go in the session table, on a line under their session.
            by_time = {
                row.session_at: "; ".join(p for p in (row.summary, *row.notes) if p)
                for row in tracking.effects
            }
            doc.sessions = [
                dataclasses.replace(r, after_effects=by_time.get(r.at) or None)
                for r in doc.sessions
            ]

    if selection.include_what_helps:
        doc.what_helps = _what_helps(vault, bounds)
        if doc.what_helps:
            items.append(("what_helps", "summary"))
    if selection.include_safety_plan:
        doc.safety_plan = _safety_plan(vault)
        if doc.safety_plan is not None:
            items.append(("safety_plan", "plan"))
    return GatheredShare(doc, period, items)


def gather(
    vault: Vault, selection: ShareSelection, *, now: datetime | None = None
) -> ShareDocument:
    """The ShareDocument for `selection` (see `gather_share` for the item list)."""
    return gather_share(vault, selection, now=now).document


# --------------------------------------------------------------------------- defaults


_REMEMBERED = (
    "name_display",
    "patient_name",
    "therapist_name",
    "page_size",
    "include_sessions",
    "include_intentions",
    "include_measures",
    "include_what_helps",
    "include_safety_plan",
    "include_effects",
    "include_sleep",
    "include_substances",
    "include_ratings_chart",
    "attach_data",
)


def remember_choices(vault: Vault, selection: ShareSelection) -> None:
    """Keep names and section choices for next time (inside the encrypted vault).

    Item 9 is deliberately not remembered: it is asked afresh each time.
    """
    vault.set_setting(SETTINGS_KEY, {k: getattr(selection, k) for k in _REMEMBERED})


def default_selection(
    vault: Vault, *, now: datetime | None = None, page_size: PageSize | None = None
) -> ShareSelection:
    """Since the last share (or the last 30 days), flagged entries ticked, last choices kept."""
    now = now or now_local()
    today = now.date()
    has_share = UseCases(vault).sharing.shares.last() is not None
    selection = ShareSelection(period_kind="since_last" if has_share else "dates")
    if not has_share:
        selection.date_from = today - timedelta(days=DEFAULT_DAYS)
        selection.date_to = today
    saved = vault.get_setting(SETTINGS_KEY, {}) or {}
    if isinstance(saved, dict):
        for key in _REMEMBERED:
            if key in saved and isinstance(saved[key], type(getattr(selection, key))):
                setattr(selection, key, saved[key])
    if page_size is not None and "page_size" not in (saved or {}):
        selection.page_size = page_size
    if selection.name_display not in ("full", "initials", "none"):
        selection.name_display = "none"
    if selection.page_size not in ("A4", "Letter"):
        selection.page_size = "A4"
    period = resolve_period(vault, selection, today)
    selection.entry_uids = flagged_uids(vault, period, rules_of(now))
    return selection


def flagged_uids(vault: Vault, period: Period, tz: tzinfo | None = None) -> list[str]:
    """Uids of entries flagged for the therapist in the period, oldest first."""
    bounds = _bounds(period, _local(tz))
    return [e.uid for e in _entries_in(vault, bounds) if e.flagged]


def with_period(selection: ShareSelection, **changes: Any) -> ShareSelection:
    """A copy of the selection with other period fields (convenience for the wizard)."""
    return replace(selection, **changes)
