"""Storage for completed questionnaires (administrations of validated measures).

Each row keeps the raw answers (so scoring can be re-done from data), the total and
the JSON result of `Score.to_dict()`, and whether the crisis screen was shown while it
was filled in.

A measure belongs to the series running on the day it was taken; one taken in the
week before a series starts (the cadence's baseline window) belongs to that series,
so it can serve as its baseline; one taken in the two weeks after a series ended (the
cadence's series-end window) belongs to it too, so the end-of-series measure counts.
Membership is worked out from the dates whenever rows are read, so it follows series
that are entered, moved or ended after the measure was taken. The table's old
`series_id` column is neither read nor written (docs/decisions.md says why it stays).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from integrate.core.measures import (
    Cadence,
    DueMeasure,
    Incomplete,
    Instrument,
    Score,
    due_measures,
    load_cadence,
    load_instruments,
    score,
    stored_answers_problem,
)
from integrate.core.model import new_uid
from integrate.core.timeutil import now_local, stored_date, stored_time, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.unreadable import READ_ERRORS, UnreadableRecord, note

_COLS = "id, uid, instrument, taken_at, answers, total, result, crisis_shown"
DEFAULT_BASELINE_DAYS = 7  # cadence.toml [baseline] days_before
DEFAULT_END_DAYS = 14  # cadence.toml [series_end] days_after
_List = list  # the repository's `list` method shadows the builtin inside the class
SETTINGS_KEY = "measure_cadence"  # in-vault setting (which questionnaires: sensitive)


@dataclass
class MeasureSettings:
    """The patient's choices about suggested questionnaires (Settings > Questionnaires).

    The rest of the schedule (baseline window, series-end window) stays as in
    cadence.toml; a patient can always take any questionnaire whatever is chosen here.
    """

    suggest: bool = True  # False: nothing is suggested on Today or in reminders
    # Families the patient does not want suggested. Stored as what is left out, so an
    # instrument added to cadence.toml later is suggested without touching settings.
    off: tuple[str, ...] = ()
    weekly_days: int = 7  # during a series
    monthly_days: int = 30  # after a series, or with no series

    LIMITS = {"weekly_days": (1, 28), "monthly_days": (7, 120)}

    def to_json(self) -> dict[str, Any]:
        return {
            "suggest": self.suggest,
            "off": list(self.off),
            "weekly_days": self.weekly_days,
            "monthly_days": self.monthly_days,
        }

    @classmethod
    def from_json(cls, raw: object) -> MeasureSettings:
        """Read stored settings defensively: anything unusable falls back to the default."""
        out = cls()
        if not isinstance(raw, dict):
            return out
        if isinstance(raw.get("suggest"), bool):
            out.suggest = raw["suggest"]
        off = raw.get("off")
        if isinstance(off, list):
            out.off = tuple(sorted({f for f in off if isinstance(f, str)}))
        for key, (lo, hi) in cls.LIMITS.items():
            value = raw.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(out, key, max(lo, min(hi, value)))
        return out


@dataclass
class Administration:
    """One completed questionnaire as stored."""

    instrument: str
    taken_at: datetime
    answers: list[int | None]
    total: int | None
    result: dict[str, Any] = field(default_factory=dict)
    series_id: int | None = None  # worked out from taken_at when read, never stored
    crisis_shown: bool = False
    uid: str = field(default_factory=new_uid)
    id: int | None = None

    @property
    def band(self) -> str | None:
        band = self.result.get("band")
        return band if isinstance(band, str) else None

    @property
    def subscales(self) -> dict[str, int]:
        raw = self.result.get("subscales")
        if not isinstance(raw, dict):
            return {}
        return {str(k): int(v) for k, v in raw.items() if isinstance(v, int)}

    @property
    def flags(self) -> list[str]:
        raw = self.result.get("flags")
        return [str(f) for f in raw] if isinstance(raw, list) else []

    def rescore(self, instrument: Instrument) -> Score | Incomplete:
        """Score the stored answers again (same data, same result)."""
        return score(instrument, self.answers)


@dataclass
class CrisisScreenShown:
    """The crisis screen was shown during a questionnaire that was not saved.

    Only which questionnaire and when: the answers were not chosen to be kept.
    """

    instrument: str
    shown_at: datetime
    uid: str = field(default_factory=new_uid)
    id: int | None = None


def _json_list(text: object) -> list[int | None]:
    try:
        data = json.loads(str(text))
    except (TypeError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [v if isinstance(v, int) and not isinstance(v, bool) else None for v in data]


def _json_dict(text: object) -> dict[str, Any]:
    try:
        data = json.loads(str(text))
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _from_row(r: Sequence[object]) -> Administration:
    return Administration(
        id=int(r[0]),  # type: ignore[call-overload]
        uid=str(r[1]),
        instrument=str(r[2]),
        taken_at=stored_time(r[3]),
        answers=_json_list(r[4]),
        total=None if r[5] is None else int(r[5]),  # type: ignore[call-overload]
        result=_json_dict(r[6]),
        crisis_shown=bool(r[7]),
    )


def read_administrations(
    conn: Connection, rows: Iterable[Sequence[object]], instruments: Mapping[str, Instrument]
) -> list[Administration]:
    """Rows that parse and that their instrument can score (total included).

    Any other row (unknown questionnaire, wrong answer count, an answer out of range, a
    total that is not its answers' total) is noted as unreadable and left out, so no
    chart, trend or PDF is handed answers it cannot score.
    """
    out: list[Administration] = []
    for r in rows:
        try:
            adm = _from_row(r)
            instrument = instruments.get(adm.instrument)
            if instrument is None:
                raise UnreadableRecord("unknown instrument")
            raw = json.loads(str(r[4]))
            if stored_answers_problem(instrument, raw, adm.total) is not None:
                raise UnreadableRecord("answers do not score")
        except READ_ERRORS:
            note(conn, "measures", r[1])
            continue
        out.append(adm)
    return out


def stored_answers(instrument: Instrument, result: Score) -> list[int | None]:
    """Item answers followed by the optional questions (None where skipped)."""
    answers: list[int | None] = list(result.answers)
    answers += [result.extras.get(q.id) for q in instrument.extra_questions]
    return answers


@dataclass(frozen=True)
class SeriesSpan:
    id: int
    started_on: date
    ended_on: date | None


def series_spans(conn: Connection) -> list[SeriesSpan]:
    """Every series' days, earliest first."""
    rows = conn.execute(
        "SELECT id, started_on, ended_on, uid FROM series ORDER BY started_on, id"
    ).fetchall()
    spans: list[SeriesSpan] = []
    for r in rows:
        try:
            spans.append(
                SeriesSpan(
                    int(r[0]), stored_date(r[1]), None if r[2] is None else stored_date(r[2])
                )
            )
        except READ_ERRORS:
            note(conn, "series", r[3])
    return spans


def member_of(
    taken_at: datetime,
    spans: Sequence[SeriesSpan],
    baseline_days: int = DEFAULT_BASELINE_DAYS,
    end_days: int = DEFAULT_END_DAYS,
) -> int | None:
    """The series (id) a measure taken then belongs to; see `MeasureRepository.series_at`."""
    day = taken_at.date()
    running = [
        s for s in spans if s.started_on <= day and (s.ended_on is None or day <= s.ended_on)
    ]
    if running:
        return running[-1].id
    upcoming = [s for s in spans if day < s.started_on <= day + timedelta(days=baseline_days)]
    if upcoming:
        return upcoming[0].id
    after = timedelta(days=end_days)
    ended = [s for s in spans if s.ended_on is not None and s.ended_on < day <= s.ended_on + after]
    return ended[-1].id if ended else None


def series_membership(
    conn: Connection,
    baseline_days: int = DEFAULT_BASELINE_DAYS,
    end_days: int = DEFAULT_END_DAYS,
) -> dict[str, int | None]:
    """The series each stored measure belongs to now, by measure uid.

    Reads only uids and dates, so an export need not decode every stored answer.
    """
    spans = series_spans(conn)
    out: dict[str, int | None] = {}
    for uid, stamp in conn.execute("SELECT uid, taken_at FROM measures"):
        try:
            out[str(uid)] = member_of(stored_time(stamp), spans, baseline_days, end_days)
        except READ_ERRORS:
            note(conn, "measures", uid)
            out[str(uid)] = None
    return out


class MeasureRepository:
    """Administrations in the `measures` table."""

    def __init__(
        self,
        conn: Connection,
        instruments: Mapping[str, Instrument] | None = None,
        baseline_days: int = DEFAULT_BASELINE_DAYS,
        end_days: int = DEFAULT_END_DAYS,
    ) -> None:
        self.conn = conn
        self.instruments = dict(instruments) if instruments is not None else load_instruments()
        self.baseline_days = baseline_days
        self.end_days = end_days

    # -- series membership

    def _series(self) -> list[SeriesSpan]:
        return series_spans(self.conn)

    def series_at(self, taken_at: datetime) -> int | None:
        """The series a measure taken then belongs to (None: none).

        In order: the series running on that day; else one starting within the baseline
        window (what the cadence suggested it for); else one that ended within the
        series-end window (its end-of-series measure).
        """
        return self._member(taken_at, self._series())

    def _member(self, taken_at: datetime, spans: Sequence[SeriesSpan]) -> int | None:
        return member_of(taken_at, spans, self.baseline_days, self.end_days)

    # -- writes

    def add(
        self,
        result: Score,
        taken_at: datetime,
        *,
        crisis_shown: bool = False,
        uid: str | None = None,
        crisis_screen_id: int | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> Administration:
        """Store a complete, scored administration (Incomplete answers are never stored).

        `context`: optional extra keys kept in the result JSON (e.g. `hours_since_dose`,
        how long after the last session it was taken); older readers ignore them.

        `crisis_screen_id`: the `record_crisis_screen` row of this attempt. The saved
        administration's `crisis_shown` carries it from now on, so the row goes in the
        same transaction (the screen is never counted twice).
        """
        if not isinstance(result, Score):
            raise TypeError("Only a complete, scored questionnaire can be stored.")
        crisis_shown = crisis_shown or crisis_screen_id is not None
        instrument = self.instruments[result.instrument_id]
        adm = Administration(
            instrument=result.instrument_id,
            taken_at=taken_at,
            answers=stored_answers(instrument, result),
            total=result.total,
            result={**result.to_dict(), **(context or {})},
            series_id=self.series_at(taken_at),
            crisis_shown=crisis_shown,
            uid=uid or new_uid(),
        )
        now = to_iso(now_local())
        with transaction(self.conn):
            cur = self.conn.execute(
                "INSERT INTO measures(uid, instrument, taken_at, answers, total, result, "
                "crisis_shown, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    adm.uid,
                    adm.instrument,
                    to_iso(taken_at),
                    json.dumps(adm.answers),
                    adm.total,
                    json.dumps(adm.result, ensure_ascii=False),
                    int(crisis_shown),
                    now,
                    now,
                ),
            )
            if crisis_screen_id is not None:
                self.conn.execute("DELETE FROM crisis_screens WHERE id = ?", (crisis_screen_id,))
        adm.id = int(cur.lastrowid or 0)
        return adm

    def set_taken_at(self, measure_id: int, taken_at: datetime) -> None:
        """Move an administration to another date; its series follows the new date."""
        self.conn.execute(
            "UPDATE measures SET taken_at = ?, updated_at = ? WHERE id = ?",
            (to_iso(taken_at), to_iso(now_local()), measure_id),
        )

    def mark_crisis_shown(self, measure_id: int) -> None:
        self.conn.execute(
            "UPDATE measures SET crisis_shown = 1, updated_at = ? WHERE id = ?",
            (to_iso(now_local()), measure_id),
        )

    def delete(self, measure_id: int) -> None:
        self.conn.execute("DELETE FROM measures WHERE id = ?", (measure_id,))

    # -- the crisis screen shown during a questionnaire that was not saved

    def record_crisis_screen(self, instrument_id: str, shown_at: datetime) -> CrisisScreenShown:
        """Keep that the crisis screen was shown (called the moment it opens).

        Written at once, so leaving the questionnaire, a lock or a crash cannot lose it;
        `add(crisis_screen_id=...)` folds it into the administration if it is saved.
        """
        shown = CrisisScreenShown(instrument_id, shown_at)
        cur = self.conn.execute(
            "INSERT INTO crisis_screens(uid, instrument, shown_at, created_at) VALUES (?,?,?,?)",
            (shown.uid, instrument_id, to_iso(shown_at), to_iso(now_local())),
        )
        shown.id = int(cur.lastrowid or 0)
        return shown

    def crisis_screens(self) -> _List[CrisisScreenShown]:
        """Crisis screens shown during questionnaires that were not saved, oldest first."""
        rows: _List[CrisisScreenShown] = []
        for r in self.conn.execute("SELECT uid, instrument, shown_at, id FROM crisis_screens"):
            try:
                rows.append(CrisisScreenShown(str(r[1]), stored_time(r[2]), str(r[0]), int(r[3])))
            except READ_ERRORS:
                note(self.conn, "crisis_screens", r[0])
        rows.sort(key=lambda c: (c.shown_at, c.id or 0))  # instants: offsets may differ
        return rows

    def delete_crisis_screen(self, record_id: int) -> None:
        self.conn.execute("DELETE FROM crisis_screens WHERE id = ?", (record_id,))

    # -- reads

    def get(self, measure_id: int) -> Administration | None:
        row = self.conn.execute(
            f"SELECT {_COLS} FROM measures WHERE id = ?", (measure_id,)
        ).fetchone()
        found = read_administrations(self.conn, [row] if row else [], self.instruments)
        if not found:
            return None
        adm = found[0]
        adm.series_id = self.series_at(adm.taken_at)
        return adm

    def family_ids(self, family: str) -> list[str]:
        return sorted(i.id for i in self.instruments.values() if i.family == family)

    def list(
        self,
        *,
        instrument: str | Iterable[str] | None = None,
        family: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        series_id: int | None = None,
    ) -> list[Administration]:
        """Administrations oldest first, filtered by instrument id(s), family and time."""
        where: list[str] = []
        params: list[object] = []
        ids: list[str] | None = None
        if instrument is not None:
            ids = [instrument] if isinstance(instrument, str) else list(instrument)
        if family is not None:
            fam = self.family_ids(family)
            ids = fam if ids is None else [i for i in ids if i in fam]
        if ids is not None:
            if not ids:
                return []
            where.append(f"instrument IN ({','.join('?' * len(ids))})")
            params += ids
        sql = f"SELECT {_COLS} FROM measures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = read_administrations(
            self.conn, self.conn.execute(sql, params).fetchall(), self.instruments
        )
        # Membership from the dates as they are now (see the module docstring).
        spans = self._series()
        for adm in rows:
            adm.series_id = self._member(adm.taken_at, spans)
        if series_id is not None:
            rows = [r for r in rows if r.series_id == series_id]
        # Compare as instants: stored offsets may differ (travel, DST).
        if since is not None:
            rows = [r for r in rows if r.taken_at >= since]
        if until is not None:
            rows = [r for r in rows if r.taken_at <= until]
        rows.sort(key=lambda a: (a.taken_at, a.id or 0))
        return rows

    def baseline(self, series_id: int, family: str) -> Administration | None:
        """The first scored administration of `family` belonging to the series."""
        for adm in self.list(family=family, series_id=series_id):
            if adm.total is not None:
                return adm
        return None

    def last_taken(self) -> dict[str, datetime]:
        """Latest administration time per instrument id (what `due_measures` expects)."""
        # Only the two columns: Today asks at every start, and decoding every stored answer
        # of ten years (`list()`) cost more than the rest of Today together.
        latest: dict[str, datetime] = {}
        for instrument, stamp, uid in self.conn.execute(
            "SELECT instrument, taken_at, uid FROM measures"
        ):
            try:
                taken_at = stored_time(stamp)  # instants: stored offsets may differ
            except READ_ERRORS:
                note(self.conn, "measures", uid)
                continue
            key = str(instrument)
            if key not in latest or taken_at > latest[key]:
                latest[key] = taken_at
        return latest

    def last_taken_by_family(self) -> dict[str, Administration]:
        """The latest administration of each family (e.g. either PCL-5 version)."""
        latest: dict[str, Administration] = {}
        for adm in self.list():
            ins = self.instruments.get(adm.instrument)
            fam = ins.family if ins else adm.instrument
            if fam not in latest or adm.taken_at >= latest[fam].taken_at:
                latest[fam] = adm
        return latest

    # -- cadence

    def settings(self) -> MeasureSettings:
        """The stored questionnaire settings (defaults when none are stored)."""
        row = self.conn.execute(
            "SELECT value FROM settings WHERE key = ?", (SETTINGS_KEY,)
        ).fetchone()
        if row is None:
            return MeasureSettings()
        try:
            return MeasureSettings.from_json(json.loads(str(row[0])))
        except ValueError:
            return MeasureSettings()

    def save_settings(self, settings: MeasureSettings) -> None:
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (SETTINGS_KEY, json.dumps(settings.to_json())),
        )

    def cadence(self, settings: MeasureSettings | None = None) -> Cadence:
        """cadence.toml with the patient's intervals."""
        s = settings or self.settings()
        return load_cadence(
            {"during": {"every_days": s.weekly_days}, "monthly": {"every_days": s.monthly_days}}
        )

    def suggested_ids(self, settings: MeasureSettings | None = None) -> _List[str]:
        """Instrument ids the cadence may suggest ([] when suggestions are off)."""
        s = settings or self.settings()
        if not s.suggest:
            return []
        return sorted(i.id for i in self.instruments.values() if i.family not in s.off)

    def suggested_families(self) -> _List[str]:
        """Families the cadence can suggest, in the order it lists them (for Settings)."""
        cad = load_cadence()
        out: _List[str] = []
        for iid in (
            *cad.baseline_instruments,
            *cad.during_instruments,
            *cad.end_instruments,
            *cad.monthly_instruments,
        ):
            if cad.family(iid) not in out:
                out.append(cad.family(iid))
        return out

    def current_series(self, today: date, cadence: Cadence | None = None) -> SeriesSpan | None:
        """The series the cadence follows today: the latest one whose baseline window opened."""
        return self._series_for(self._series(), today, cadence)

    def _series_for(
        self, spans: Sequence[SeriesSpan], today: date, cadence: Cadence | None
    ) -> SeriesSpan | None:
        days = cadence.baseline_days_before if cadence else self.baseline_days
        opened = [s for s in spans if s.started_on - timedelta(days=days) <= today]
        return opened[-1] if opened else None

    def due(
        self,
        today: date,
        *,
        cadence: Cadence | None = None,
        instrument_ids: Iterable[str] | None = None,
    ) -> _List[DueMeasure]:
        """Measures suggested today for the current series (see `core.measures.due_measures`).

        Without `cadence`/`instrument_ids`, the patient's settings decide (`settings()`).
        """
        settings = self.settings() if cadence is None or instrument_ids is None else None
        cad = cadence or self.cadence(settings)
        series = self.current_series(today, cad)
        ids = list(instrument_ids) if instrument_ids is not None else self.suggested_ids(settings)
        local_last = {k: v.astimezone() for k, v in self.last_taken().items()}
        return due_measures(
            ids,
            series.started_on if series else None,
            series.ended_on if series else None,
            local_last,
            today,
            cad,
        )

    def upcoming(
        self,
        today: date,
        days: int = 31,
        *,
        cadence: Cadence | None = None,
        instrument_ids: Iterable[str] | None = None,
    ) -> _List[DueMeasure]:
        """For each family, the measure due now or next within `days` (for reminders).

        Each day from `today` on is asked what `due_measures` would suggest if nothing
        were taken in between; a family's first answer wins, so this is "due now, or
        next due on". A family never taken outside any series is left out: its
        suggestion moves to each new day ("due today" forever), which a reminder would
        turn into a daily nudge; Today still suggests it.
        """
        settings = self.settings() if cadence is None or instrument_ids is None else None
        cad = cadence or self.cadence(settings)
        spans = self._series()
        ids = list(instrument_ids) if instrument_ids is not None else self.suggested_ids(settings)
        local_last = {k: v.astimezone() for k, v in self.last_taken().items()}
        families_taken = {cad.family(k) for k in local_last}
        seen: set[str] = set()
        found: _List[DueMeasure] = []
        for offset in range(max(0, days) + 1):
            day = today + timedelta(days=offset)
            series = self._series_for(spans, day, cad)
            for item in due_measures(
                ids,
                series.started_on if series else None,
                series.ended_on if series else None,
                local_last,
                day,
                cad,
            ):
                family = cad.family(item.instrument_id)
                if family in seen or (series is None and family not in families_taken):
                    continue
                seen.add(family)
                found.append(item)
        return found
