"""Change and outcome of a measure over a period, for the therapist summary.

The rules (reliable change, response, remission) are data in `resources/outcomes.toml`,
read once here; the PDF cover, its attachments and anything else that reports change
call `assess()` so they can never disagree. Change counts in both directions: a rise of
the same size is "worse" exactly as a fall is "improved".

Also `missing_windows()`: which expected administrations (by the questionnaire rhythm the
patient set, Settings > Questionnaires) have no answer. A summary names them; it never
fills them in.

Pure Python: no Qt, no storage. Returns codes and numbers; wording is the caller's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from integrate.resources import ResourceError, load_toml

OUTCOMES_FILE = "outcomes.toml"


class Verdict(StrEnum):
    """The direction word for a change, decided by the family's deciding threshold."""

    IMPROVED = "improved"
    WORSE = "worse"
    NO_RELIABLE_CHANGE = "no_reliable_change"
    SINGLE = "single"  # only one administration: nothing to compare


class Reached(StrEnum):
    """Whether a change reached a threshold (or a threshold range)."""

    NO = "no"
    WITHIN_RANGE = "within_range"  # e.g. 16 points against a 15-18 range
    YES = "yes"


@dataclass(frozen=True)
class Threshold:
    points: int
    label: str  # "reliable change"
    source: str  # "per VA guidance"
    decides: bool
    points_max: int | None = None  # a published range, e.g. 15-18

    @property
    def points_text(self) -> str:
        """ "6" or "15-18" (with an en dash)."""
        if self.points_max is None:
            return str(self.points)
        return f"{self.points}\u2013{self.points_max}"

    def reached(self, change: int) -> Reached:
        size = abs(change)
        top = self.points_max if self.points_max is not None else self.points
        if size >= top:
            return Reached.YES
        if size >= self.points:
            return Reached.WITHIN_RANGE
        return Reached.NO


@dataclass(frozen=True)
class OutcomeRules:
    family: str
    thresholds: tuple[Threshold, ...]
    response_drop: float  # 0.5: a 50 % drop from baseline
    remission_below: int
    remission_range_max: int | None = None  # PCL-5: cut-off range 31-33

    @property
    def deciding(self) -> Threshold:
        return next(t for t in self.thresholds if t.decides)

    @property
    def remission_text(self) -> str:
        """ "< 5" or "below 31–33"."""
        if self.remission_range_max is None:
            return f"< {self.remission_below}"
        return f"below {self.remission_below}\u2013{self.remission_range_max}"


@dataclass(frozen=True)
class ThresholdResult:
    threshold: Threshold
    reached: Reached


@dataclass(frozen=True)
class Outcome:
    """Baseline -> latest of one family, judged against its rules."""

    family: str
    baseline_total: int
    latest_total: int
    change: int  # latest - baseline
    verdict: Verdict
    thresholds: tuple[ThresholdResult, ...]
    response: bool | None  # None: not computable (single point or baseline 0)
    remission: bool | None  # None: single point, or baseline already below the line
    percent_change: float | None  # -50.0 for a halving; None with a baseline of 0


def _parse(raw: Mapping[str, Any]) -> OutcomeRules:
    fid = raw.get("id")
    where = f"{OUTCOMES_FILE} ({fid})"
    if not isinstance(fid, str) or not fid:
        raise ResourceError(f"{OUTCOMES_FILE}: a family without an id")
    thresholds = []
    for t in raw.get("thresholds", []):
        points, top = t.get("points"), t.get("points_max")
        if not isinstance(points, int) or points <= 0:
            raise ResourceError(f"{where}: threshold points must be a positive whole number")
        if top is not None and (not isinstance(top, int) or top <= points):
            raise ResourceError(f"{where}: points_max must be above points")
        label, source = t.get("label"), t.get("source")
        if not isinstance(label, str) or not isinstance(source, str) or not label or not source:
            raise ResourceError(f"{where}: every threshold needs a label and a source")
        thresholds.append(Threshold(points, label, source, bool(t.get("decides")), top))
    if sum(1 for t in thresholds if t.decides) != 1:
        raise ResourceError(f"{where}: exactly one threshold must decide the direction word")
    drop = raw.get("response_drop")
    below = raw.get("remission_below")
    range_max = raw.get("remission_range_max")
    if not isinstance(drop, float) or not 0 < drop <= 1:
        raise ResourceError(f"{where}: response_drop must be a fraction (0.5 = 50 %)")
    if not isinstance(below, int) or (range_max is not None and not isinstance(range_max, int)):
        raise ResourceError(f"{where}: remission limits must be whole numbers")
    return OutcomeRules(fid, tuple(thresholds), drop, below, range_max)


@cache
def _default_rules() -> tuple[tuple[str, OutcomeRules], ...]:
    data = load_toml(OUTCOMES_FILE)
    rules = [_parse(raw) for raw in data.get("family", [])]
    return tuple((r.family, r) for r in rules)


def load_outcome_rules(data: Mapping[str, Any] | None = None) -> dict[str, OutcomeRules]:
    """Outcome rules by family, from `resources/outcomes.toml` (or parsed `data`)."""
    if data is None:
        return dict(_default_rules())
    return {r.family: r for r in (_parse(raw) for raw in data.get("family", []))}


def assess(rules: OutcomeRules, baseline: int, latest: int, *, single: bool = False) -> Outcome:
    """Judge the change from `baseline` to `latest` (lower totals = fewer symptoms)."""
    change = latest - baseline
    results = tuple(ThresholdResult(t, t.reached(change)) for t in rules.thresholds)
    if single:
        return Outcome(rules.family, baseline, latest, 0, Verdict.SINGLE, (), None, None, None)
    deciding = rules.deciding.reached(change)
    if deciding is Reached.NO:
        verdict = Verdict.NO_RELIABLE_CHANGE
    else:
        verdict = Verdict.IMPROVED if change < 0 else Verdict.WORSE
    percent = None if baseline == 0 else 100.0 * change / baseline
    response = None if baseline == 0 else (-change) >= rules.response_drop * baseline
    remission = None if baseline < rules.remission_below else latest < rules.remission_below
    return Outcome(
        rules.family, baseline, latest, change, verdict, results, response, remission, percent
    )


# --------------------------------------------------------------------------- rhythm


@dataclass(frozen=True)
class Window:
    """A stretch of days in which one administration was expected."""

    start: date
    end: date  # inclusive


def missing_windows(
    taken: Sequence[date], start: date, end: date, every_days: int, *, today: date
) -> list[Window]:
    """Expected windows in `start`..`end` without an administration.

    The rhythm runs from `start` in steps of `every_days` (the patient's weekly or
    monthly setting). A window counts only once it is over (its last day before `today`)
    and only when it lies within the period: an open window is not yet missing.
    """
    if every_days < 1:
        raise ValueError("every_days must be at least 1")
    days = sorted(set(taken))
    out: list[Window] = []
    first = start
    while first <= end:
        last = first + timedelta(days=every_days - 1)
        if last > end or last >= today:
            break
        if not any(first <= d <= last for d in days):
            out.append(Window(first, last))
        first = last + timedelta(days=1)
    return out
