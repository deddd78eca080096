"""Validated measures: instruments as data, exact scoring, change and cadence.

Instruments live in `resources/instruments/*.toml` (items verbatim, options, bands,
subscales, rules); this module only reads and applies them, so adding an instrument
needs data, not code. Results are neutral information for the patient to talk over
with their clinician: nothing here diagnoses.

Pure Python: no Qt, no storage.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from integrate.resources import ResourceError, resource_path

INSTRUMENTS_DIR = "instruments"
CADENCE_FILE = "cadence.toml"

# Flags carried by a Score (stable strings: they are stored in the vault's JSON).
FLAG_CRISIS = "crisis_item"
FLAG_PROVISIONAL = "provisional_dsm5_pattern"
FLAG_CUTOFF = "provisional_cutoff_reached"

GUIDANCE = "This is guidance, not a diagnosis: talk it over with your clinician."


class InstrumentError(ResourceError):
    """An instrument or cadence resource holds data that cannot be used."""


class UnknownInstrumentError(ValueError):
    """No instrument has the requested id."""


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    number: int  # 1-based, as printed on the form
    text: str
    options: tuple[Option, ...]
    cluster: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class ExtraQuestion:
    """An optional, unscored question asked after the items (PHQ-9 difficulty)."""

    id: str
    text: str
    options: tuple[Option, ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Subscale:
    id: str
    name: str
    items: tuple[int, ...]
    max: int
    short_name: str = ""  # for chart legends and table notes; empty: use `name`

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str


@dataclass(frozen=True)
class ChangeThreshold:
    points: int
    label: str  # short, e.g. "clinically meaningful change per VA guidance"
    description: str  # fits "at or above <description>"


@dataclass(frozen=True)
class ChangeRule:
    thresholds: tuple[ChangeThreshold, ...]  # ascending by points
    applies_to: str  # "decrease", "increase" or "either"
    note: str  # for the patient
    clinician_note: str = ""  # the same caveat worded for the therapist summary


@dataclass(frozen=True)
class ProvisionalRule:
    name: str
    endorsed_min: int
    requires: tuple[tuple[str, int], ...]  # (subscale id, endorsed items needed)
    cutoff_min: int
    cutoff_max: int
    note: str


@dataclass(frozen=True)
class CrisisRule:
    item: int
    min_value: int


@dataclass(frozen=True)
class Instrument:
    id: str
    family: str  # instruments sharing a history and a baseline, e.g. both PCL-5 versions
    name: str
    short_name: str
    variant: str
    validated: bool
    timeframe: str
    timeframe_days: int
    instructions: str
    stem: str
    attribution: str
    licence: str
    interpretation: str
    wording_checked: str
    items: tuple[Item, ...]
    extra_questions: tuple[ExtraQuestion, ...]
    scoring_method: str  # "sum" or "none" (items reported on their own)
    score_min: int
    score_max: int
    subscales: tuple[Subscale, ...]
    bands: tuple[Band, ...]
    change: ChangeRule
    provisional_rule: ProvisionalRule | None
    crisis: CrisisRule | None

    @property
    def item_count(self) -> int:
        return len(self.items)

    def band_for(self, total: int) -> Band | None:
        """The severity band holding `total`, if the instrument has bands."""
        for band in self.bands:
            if band.min <= total <= band.max:
                return band
        return None


# --------------------------------------------------------------------------- loading


def _req(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        raise InstrumentError(f"{where}: missing '{key}'")
    value = data[key]
    # bool is an int subclass; a true/false where a number belongs is a data error.
    if isinstance(value, bool) and kind is int:
        raise InstrumentError(f"{where}: '{key}' must be a whole number")
    if not isinstance(value, kind):
        raise InstrumentError(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _text(data: Mapping[str, Any], key: str, where: str, *, empty_ok: bool = False) -> str:
    value: str = _req(data, key, str, where)
    if not empty_ok and not value.strip():
        raise InstrumentError(f"{where}: '{key}' must not be empty")
    return value


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        raise InstrumentError(f"{where}: needs a non-empty list of options")
    options = tuple(
        Option(
            value=_req(o, "value", int, f"{where} option"),
            label=_text(o, "label", f"{where} option"),
        )
        for o in raw
    )
    values = [o.value for o in options]
    if values != sorted(set(values)):
        raise InstrumentError(f"{where}: option values must be unique and ascending")
    return options


_TOP_KEYS = {
    "id", "family", "name", "short_name", "variant", "validated", "timeframe",
    "timeframe_days", "instructions", "stem", "attribution", "licence", "interpretation",
    "wording_checked", "options", "items", "extra_questions", "scoring", "subscales",
    "bands", "change", "provisional_rule", "crisis",
}  # fmt: skip


def parse_instrument(data: Mapping[str, Any], source: str = "instrument") -> Instrument:
    """Build and validate one instrument from parsed TOML; raises InstrumentError."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise InstrumentError(f"{source}: unknown keys {sorted(unknown)}")
    iid = _text(data, "id", source)
    where = f"{source} ({iid})"
    default_options = _options(data["options"], where) if "options" in data else ()

    raw_items = _req(data, "items", list, where)
    items: list[Item] = []
    for position, raw in enumerate(raw_items, start=1):
        number = _req(raw, "number", int, f"{where} item")
        iwhere = f"{where} item {number}"
        if number != position:
            raise InstrumentError(f"{where}: items must be numbered 1, 2, 3 ... in order")
        opts = _options(raw["options"], iwhere) if "options" in raw else default_options
        if not opts:
            raise InstrumentError(f"{iwhere}: no answer options")
        cluster = raw.get("cluster")
        if cluster is not None and not isinstance(cluster, str):
            raise InstrumentError(f"{iwhere}: 'cluster' must be text")
        items.append(Item(number, _text(raw, "text", iwhere), opts, cluster))
    if not items:
        raise InstrumentError(f"{where}: has no items")
    by_number = {i.number: i for i in items}

    extras: list[ExtraQuestion] = []
    for raw in data.get("extra_questions", []):
        qid = _text(raw, "id", f"{where} extra question")
        qwhere = f"{where} extra question {qid}"
        text = _text(raw, "text", qwhere)
        extras.append(ExtraQuestion(qid, text, _options(raw.get("options"), qwhere)))
    if len({q.id for q in extras}) != len(extras):
        raise InstrumentError(f"{where}: extra question ids must be unique")

    scoring = _req(data, "scoring", dict, where)
    method = _text(scoring, "method", f"{where} scoring")
    if method not in ("sum", "none"):
        raise InstrumentError(f"{where}: scoring method must be 'sum' or 'none'")
    score_min = _req(scoring, "min", int, f"{where} scoring")
    score_max = _req(scoring, "max", int, f"{where} scoring")
    if method == "sum":
        expected = (sum(min(i.values) for i in items), sum(max(i.values) for i in items))
        if (score_min, score_max) != expected:
            raise InstrumentError(
                f"{where}: scoring range {score_min}-{score_max} does not match the items "
                f"({expected[0]}-{expected[1]})"
            )
    elif score_min > score_max:
        raise InstrumentError(f"{where}: scoring min is above max")

    subscales: list[Subscale] = []
    for raw in data.get("subscales", []):
        sid = _text(raw, "id", f"{where} subscale")
        members = tuple(_req(raw, "items", list, f"{where} subscale {sid}"))
        if not members or any(n not in by_number for n in members):
            raise InstrumentError(f"{where} subscale {sid}: items must be existing item numbers")
        smax = sum(max(by_number[n].values) for n in members)
        name = _text(raw, "name", f"{where} subscale {sid}")
        short = _text(raw, "short_name", f"{where} subscale {sid}") if "short_name" in raw else ""
        subscales.append(Subscale(sid, name, members, smax, short))
    if len({s.id for s in subscales}) != len(subscales):
        raise InstrumentError(f"{where}: subscale ids must be unique")
    sub_ids = {s.id: s for s in subscales}
    for item in items:
        if item.cluster is not None and (
            item.cluster not in sub_ids or item.number not in sub_ids[item.cluster].items
        ):
            raise InstrumentError(
                f"{where} item {item.number}: cluster {item.cluster} has no subscale listing it"
            )
    for sub in subscales:
        clusters = {by_number[n].cluster for n in sub.items}
        if any(c is not None for c in clusters) and clusters != {sub.id}:
            raise InstrumentError(f"{where} subscale {sub.id}: lists items of another cluster")

    bands = tuple(
        Band(
            _req(b, "min", int, f"{where} band"),
            _req(b, "max", int, f"{where} band"),
            _text(b, "label", f"{where} band"),
        )
        for b in data.get("bands", [])
    )
    if bands:
        if method != "sum":
            raise InstrumentError(f"{where}: bands need a summed total")
        expected_min = score_min
        for band in bands:
            if band.min != expected_min or band.max < band.min:
                raise InstrumentError(
                    f"{where}: bands must cover {score_min}-{score_max} in order without gaps"
                )
            expected_min = band.max + 1
        if bands[-1].max != score_max:
            raise InstrumentError(f"{where}: the last band must end at {score_max}")

    change = _parse_change(data.get("change", {}), where)
    if change.thresholds and method != "sum":
        raise InstrumentError(f"{where}: change thresholds need a summed total")
    rule = _parse_provisional(data.get("provisional_rule"), where, sub_ids, score_min, score_max)
    crisis = _parse_crisis(data.get("crisis"), where, by_number)

    return Instrument(
        id=iid,
        family=_text(data, "family", where),
        name=_text(data, "name", where),
        short_name=_text(data, "short_name", where),
        variant=_text(data, "variant", where, empty_ok=True),
        validated=_req(data, "validated", bool, where),
        timeframe=_text(data, "timeframe", where),
        timeframe_days=_req(data, "timeframe_days", int, where),
        instructions=_text(data, "instructions", where),
        stem=_text(data, "stem", where, empty_ok=True),
        attribution=_text(data, "attribution", where),
        licence=_text(data, "licence", where),
        interpretation=_text(data, "interpretation", where),
        wording_checked=_text(data, "wording_checked", where),
        items=tuple(items),
        extra_questions=tuple(extras),
        scoring_method=method,
        score_min=score_min,
        score_max=score_max,
        subscales=tuple(subscales),
        bands=bands,
        change=change,
        provisional_rule=rule,
        crisis=crisis,
    )


def _parse_change(raw: Any, where: str) -> ChangeRule:
    if not isinstance(raw, dict):
        raise InstrumentError(f"{where}: 'change' must be a table")
    applies_to = raw.get("thresholds_apply_to", "decrease")
    if applies_to not in ("decrease", "increase", "either"):
        raise InstrumentError(f"{where}: thresholds_apply_to must be decrease, increase or either")
    thresholds = tuple(
        ChangeThreshold(
            _req(t, "points", int, f"{where} change threshold"),
            _text(t, "label", f"{where} change threshold"),
            _text(t, "description", f"{where} change threshold"),
        )
        for t in raw.get("thresholds", [])
    )
    points = [t.points for t in thresholds]
    if any(p <= 0 for p in points) or points != sorted(set(points)):
        raise InstrumentError(f"{where}: change thresholds must be positive and ascending")
    note = raw.get("note", "")
    clinician_note = raw.get("clinician_note", "")
    if not isinstance(note, str) or not isinstance(clinician_note, str):
        raise InstrumentError(f"{where}: change notes must be text")
    return ChangeRule(thresholds, applies_to, note, clinician_note)


def _parse_provisional(
    raw: Any, where: str, subscales: Mapping[str, Subscale], lo: int, hi: int
) -> ProvisionalRule | None:
    if raw is None:
        return None
    pwhere = f"{where} provisional_rule"
    requires = _req(raw, "requires", dict, pwhere)
    for sid, needed in requires.items():
        if sid not in subscales:
            raise InstrumentError(f"{pwhere}: '{sid}' is not a subscale")
        if not isinstance(needed, int) or isinstance(needed, bool) or needed < 1:
            raise InstrumentError(f"{pwhere}: '{sid}' needs a positive whole number")
        if needed > len(subscales[sid].items):
            raise InstrumentError(f"{pwhere}: '{sid}' needs more items than it has")
    rule = ProvisionalRule(
        name=_text(raw, "name", pwhere),
        endorsed_min=_req(raw, "endorsed_min", int, pwhere),
        requires=tuple(requires.items()),
        cutoff_min=_req(raw, "cutoff_min", int, pwhere),
        cutoff_max=_req(raw, "cutoff_max", int, pwhere),
        note=_text(raw, "note", pwhere),
    )
    if not lo <= rule.cutoff_min <= rule.cutoff_max <= hi:
        raise InstrumentError(f"{pwhere}: cut-off range must lie within {lo}-{hi}")
    return rule


def _parse_crisis(raw: Any, where: str, by_number: Mapping[int, Item]) -> CrisisRule | None:
    if raw is None:
        return None
    cwhere = f"{where} crisis"
    rule = CrisisRule(_req(raw, "item", int, cwhere), _req(raw, "min_value", int, cwhere))
    if rule.item not in by_number:
        raise InstrumentError(f"{cwhere}: item {rule.item} does not exist")
    values = by_number[rule.item].values
    if not min(values) < rule.min_value <= max(values):
        raise InstrumentError(f"{cwhere}: min_value must be one of the item's higher answers")
    return rule


def load_instruments(directory: Path | None = None) -> dict[str, Instrument]:
    """All instruments in `resources/instruments` (or `directory`), keyed by id.

    Raises InstrumentError naming the file when any of them is unusable.
    """
    if directory is None:
        return dict(_default_instruments())
    return _load_dir(directory)


@cache
def _default_instruments() -> tuple[tuple[str, Instrument], ...]:
    return tuple(_load_dir(resource_path(INSTRUMENTS_DIR)).items())


def _load_dir(directory: Path) -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name == CADENCE_FILE:
            continue
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise InstrumentError(f"{path.name} does not parse: {exc}") from exc
        instrument = parse_instrument(data, path.name)
        if instrument.id != path.stem:
            raise InstrumentError(f"{path.name}: id '{instrument.id}' must match the file name")
        found[instrument.id] = instrument
    if not found:
        raise InstrumentError(f"No instruments found in {directory}")
    return found


# How therapists usually read them; instruments added as data follow, by family name.
FAMILY_ORDER = ("pcl5", "phq9", "gad7")


def summed_families(instruments: Mapping[str, Instrument] | None = None) -> list[str]:
    """Families with a summed total (the ones with trends), in reading order."""
    known = load_instruments() if instruments is None else instruments
    fams = {i.family for i in known.values() if i.scoring_method == "sum"}
    return [f for f in FAMILY_ORDER if f in fams] + sorted(fams - set(FAMILY_ORDER))


def get_instrument(
    instrument_id: str, instruments: Mapping[str, Instrument] | None = None
) -> Instrument:
    """The instrument with this id; UnknownInstrumentError lists the known ids."""
    known = load_instruments() if instruments is None else instruments
    try:
        return known[instrument_id]
    except KeyError:
        raise UnknownInstrumentError(
            f"Unknown instrument '{instrument_id}'. Known instruments: {', '.join(sorted(known))}."
        ) from None


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    """A complete administration, scored. `total` is None for unsummed checks."""

    instrument_id: str
    family: str
    answers: list[int]
    extras: dict[str, int | None]
    total: int | None
    max: int | None
    subscales: dict[str, int]
    band: str | None
    provisional_dsm5: bool | None  # None: the instrument has no provisional rule
    crisis: bool
    flags: list[str]
    interpretation: str
    complete: bool = field(default=True, init=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for the CLI's --json and the vault's result column)."""
        return {
            "instrument": self.instrument_id,
            "complete": True,
            "total": self.total,
            "max": self.max,
            "subscales": dict(self.subscales),
            "band": self.band,
            "provisional_dsm5": self.provisional_dsm5,
            "crisis": self.crisis,
            "flags": list(self.flags),
            "extras": dict(self.extras),
            "interpretation": self.interpretation,
        }


@dataclass
class Incomplete:
    """Answers with gaps: nothing is scored. `crisis` still reports a crisis answer."""

    instrument_id: str
    missing: list[int]  # item numbers without an answer
    crisis: bool
    complete: bool = field(default=False, init=False)

    @property
    def message(self) -> str:
        nums = [str(n) for n in self.missing]
        if len(nums) == 1:
            return f"Item {nums[0]} has no answer yet."
        listed = ", ".join(nums[:-1]) + " and " + nums[-1]
        return f"Items {listed} have no answer yet."

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument_id,
            "complete": False,
            "missing": list(self.missing),
            "crisis": self.crisis,
            "message": self.message,
        }


def _range_text(values: Sequence[int]) -> str:
    return f"{min(values)}-{max(values)}"


def _check_value(value: object, allowed: Sequence[int], what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}: {value!r} is not a whole number.")
    if value not in allowed:
        raise ValueError(f"{what}: {value} is not one of its answers ({_range_text(allowed)}).")
    return value


def _check_count(instrument: Instrument, count: int) -> None:
    n = instrument.item_count
    extra = len(instrument.extra_questions)
    if n <= count <= n + extra:
        return
    wanted = f"{n} answers"
    if extra:
        optional = ", ".join(q.id for q in instrument.extra_questions)
        wanted += f" (or {n + extra} with the optional {optional} question)"
    raise ValueError(f"{instrument.short_name} needs {wanted}; got {count}.")


def crisis_triggered(instrument: Instrument, answers: Sequence[int | None]) -> bool:
    """True as soon as the crisis item holds an answer at or above its threshold.

    Tolerates partial and short answer lists, so a form can call it on every change.
    """
    rule = instrument.crisis
    if rule is None or len(answers) < rule.item:
        return False
    value = answers[rule.item - 1]
    return isinstance(value, int) and not isinstance(value, bool) and value >= rule.min_value


def score(instrument: Instrument, answers: Sequence[int | None]) -> Score | Incomplete:
    """Score one administration exactly as the instrument's data says.

    `answers` holds one entry per item, in order, then optionally one per extra
    (unscored) question; None marks an unanswered entry. Any unanswered item gives
    an Incomplete (never a partial total). Raises ValueError for a wrong count or a
    value that is not one of the item's answers.
    """
    _check_count(instrument, len(answers))
    n = instrument.item_count
    given: list[int] = []
    missing: list[int] = []
    for item, value in zip(instrument.items, answers[:n], strict=True):
        if value is None:
            missing.append(item.number)
            continue
        label = f"Item {item.number} of {instrument.short_name}"
        given.append(_check_value(value, item.values, label))
    extras: dict[str, int | None] = {q.id: None for q in instrument.extra_questions}
    for question, value in zip(instrument.extra_questions, answers[n:], strict=False):
        if value is not None:
            label = f"The {question.id} question of {instrument.short_name}"
            extras[question.id] = _check_value(value, question.values, label)

    crisis = crisis_triggered(instrument, answers)
    if missing:
        return Incomplete(instrument.id, missing, crisis)

    by_number = dict(zip((i.number for i in instrument.items), given, strict=True))
    subscales = {s.id: sum(by_number[n] for n in s.items) for s in instrument.subscales}
    total = sum(given) if instrument.scoring_method == "sum" else None
    band = instrument.band_for(total) if total is not None else None

    flags: list[str] = []
    if crisis:
        flags.append(FLAG_CRISIS)
    provisional: bool | None = None
    rule = instrument.provisional_rule
    if rule is not None:
        provisional = all(
            sum(1 for n in sub.items if by_number[n] >= rule.endorsed_min) >= needed
            for sub, needed in ((_subscale(instrument, sid), k) for sid, k in rule.requires)
        )
        if provisional:
            flags.append(FLAG_PROVISIONAL)
        if total is not None and total >= rule.cutoff_min:
            flags.append(FLAG_CUTOFF)

    return Score(
        instrument_id=instrument.id,
        family=instrument.family,
        answers=given,
        extras=extras,
        total=total,
        max=instrument.score_max if total is not None else None,
        subscales=subscales,
        band=band.label if band else None,
        provisional_dsm5=provisional,
        crisis=crisis,
        flags=flags,
        interpretation=instrument.interpretation,
    )


def _subscale(instrument: Instrument, sid: str) -> Subscale:
    return next(s for s in instrument.subscales if s.id == sid)


def stored_answers_problem(instrument: Instrument, answers: object, total: object) -> str | None:
    """Why stored answers (items, then optional questions) cannot be a saved administration.

    None when they score completely and `total` is the score they give. Used on import
    and when reading, so a wrong count, an out-of-range answer or a total that does not
    match never reaches a chart or a PDF.
    """
    if not isinstance(answers, list):
        return "the answers are not a list"
    try:
        result = score(instrument, answers)
    except ValueError as exc:
        return str(exc)
    if not isinstance(result, Score):
        return result.message
    if isinstance(total, bool) or total != result.total:
        return f"the stored total {total!r} is not the total of its answers ({result.total})"
    return None


_NUMBER = re.compile(r"[+-]?[0-9]+")


def parse_answers(text: str, instrument: Instrument) -> list[int]:
    """Parse "0,1,2,..." (the CLI's --answers) into validated answers.

    Raises ValueError with a message fit to show the user for empty input, a part
    that is not a whole number, the wrong count, or a value out of range.
    """
    parts = [p.strip() for p in text.split(",")]
    if parts == [""]:
        raise ValueError(f"No answers given for {instrument.short_name}.")
    values: list[int] = []
    for position, part in enumerate(parts, start=1):
        if not _NUMBER.fullmatch(part):
            shown = f"'{part}'" if part else "empty"
            raise ValueError(f"Answer {position} is {shown}: answers must be whole numbers.")
        values.append(int(part))
    _check_count(instrument, len(values))
    n = instrument.item_count
    for position, value in enumerate(values, start=1):
        if position <= n:
            allowed = instrument.items[position - 1].values
            what = f"Answer {position} (item {position} of {instrument.short_name})"
        else:
            question = instrument.extra_questions[position - n - 1]
            allowed = question.values
            what = f"Answer {position} (the {question.id} question)"
        if value not in allowed:
            raise ValueError(f"{what} is {value}; it must be {_range_text(allowed)}.")
    return values


# --------------------------------------------------------------------------- change


class Direction(StrEnum):
    LOWER = "lower"
    HIGHER = "higher"
    SAME = "same"


@dataclass
class Change:
    """Change in total from the series baseline, with neutral wording."""

    instrument_family: str
    baseline_total: int
    latest_total: int
    delta: int  # latest - baseline
    direction: Direction
    thresholds_reached: list[ChangeThreshold]
    label: str
    note: str
    guidance: str = GUIDANCE

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.instrument_family,
            "baseline_total": self.baseline_total,
            "latest_total": self.latest_total,
            "delta": self.delta,
            "direction": str(self.direction),
            "thresholds_reached": [t.points for t in self.thresholds_reached],
            "label": self.label,
            "note": self.note,
            "guidance": self.guidance,
        }


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def change_from_baseline(instrument: Instrument, baseline: Score, latest: Score) -> Change:
    """Compare two totals of the same family against the instrument's thresholds.

    Raises ValueError when either score belongs to another family or has no total.
    """
    for which, s in (("baseline", baseline), ("latest", latest)):
        if s.family != instrument.family:
            raise ValueError(
                f"The {which} score is from {s.instrument_id}, not {instrument.family}."
            )
        if s.total is None:
            raise ValueError(f"{instrument.short_name} has no total to compare.")
    assert baseline.total is not None and latest.total is not None  # narrowed above
    delta = latest.total - baseline.total
    if delta < 0:
        direction = Direction.LOWER
    elif delta > 0:
        direction = Direction.HIGHER
    else:
        direction = Direction.SAME

    rule = instrument.change
    applies = direction is not Direction.SAME and (
        rule.applies_to == "either"
        or (rule.applies_to == "decrease" and direction is Direction.LOWER)
        or (rule.applies_to == "increase" and direction is Direction.HIGHER)
    )
    reached = [t for t in rule.thresholds if applies and abs(delta) >= t.points]

    if direction is Direction.SAME:
        label = f"No change in the total since the baseline ({latest.total})."
    else:
        label = f"Change of {_points(abs(delta))}, {direction} than the baseline"
        if reached:
            label += f": at or above {reached[-1].description}."
        elif applies and rule.thresholds:
            label += f": below {rule.thresholds[0].description}."
        else:
            label += "."
    return Change(
        instrument_family=instrument.family,
        baseline_total=baseline.total,
        latest_total=latest.total,
        delta=delta,
        direction=direction,
        thresholds_reached=reached,
        label=label,
        note=rule.note,
    )


# --------------------------------------------------------------------------- cadence


class DueReason(StrEnum):
    BASELINE = "baseline"
    WEEKLY = "weekly"
    SERIES_END = "series_end"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class DueMeasure:
    instrument_id: str
    reason: DueReason
    due_on: date  # the day it became due; stable while it stays due


@dataclass(frozen=True)
class Cadence:
    """The suggested schedule; every number is a setting (see cadence.toml)."""

    baseline_instruments: tuple[str, ...]
    baseline_days_before: int
    during_instruments: tuple[str, ...]
    during_every_days: int
    end_instruments: tuple[str, ...]
    end_days_before: int
    end_days_after: int
    monthly_instruments: tuple[str, ...]
    monthly_every_days: int
    families: Mapping[str, str] = field(default_factory=dict)  # instrument id -> family

    def family(self, instrument_id: str) -> str:
        return self.families.get(instrument_id, instrument_id)


def cadence_from_mapping(
    data: Mapping[str, Any], instruments: Mapping[str, Instrument] | None = None
) -> Cadence:
    """Build a Cadence from cadence.toml-shaped data (defaults merged with settings)."""
    known = load_instruments() if instruments is None else instruments

    def ids(section: str) -> tuple[str, ...]:
        raw = _req(_req(data, section, dict, "cadence"), "instruments", list, f"cadence {section}")
        for iid in raw:
            if iid not in known:
                raise InstrumentError(f"cadence {section}: unknown instrument '{iid}'")
        return tuple(raw)

    def days(section: str, key: str, minimum: int) -> int:
        value: int = _req(data[section], key, int, f"cadence {section}")
        if value < minimum:
            raise InstrumentError(f"cadence {section}: '{key}' must be at least {minimum}")
        return value

    return Cadence(
        baseline_instruments=ids("baseline"),
        baseline_days_before=days("baseline", "days_before", 0),
        during_instruments=ids("during"),
        during_every_days=days("during", "every_days", 1),
        end_instruments=ids("series_end"),
        end_days_before=days("series_end", "days_before", 0),
        end_days_after=days("series_end", "days_after", 0),
        monthly_instruments=ids("monthly"),
        monthly_every_days=days("monthly", "every_days", 1),
        families={iid: ins.family for iid, ins in known.items()},
    )


def load_cadence(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Cadence:
    """The default cadence from resources, with optional per-section overrides."""
    path = resource_path(INSTRUMENTS_DIR, CADENCE_FILE)
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(f"{CADENCE_FILE} cannot be read: {exc}") from exc
    for section, values in (overrides or {}).items():
        data[section] = {**data.get(section, {}), **values}
    return cadence_from_mapping(data)


def due_measures(
    instrument_ids: Iterable[str],
    series_start: date | None,
    series_end: date | None,
    last_taken: Mapping[str, datetime],
    today: date,
    cadence: Cadence,
) -> list[DueMeasure]:
    """Measures suggested for `today` (pure: same inputs, same answer).

    `instrument_ids` are the ones the patient keeps enabled; `last_taken` maps an
    instrument id to its latest administration, in the patient's local time.
    Instruments of one family share a history (a past-month PCL-5 counts as the
    latest PCL-5). At most one instrument per family is returned.

    Phases: no series -> monthly; before the series -> baseline from
    `baseline_days_before`; during -> baseline if still missing, then weekly;
    around the end -> the series-end measure; afterwards -> monthly.
    """
    if series_start is not None and series_end is not None and series_end < series_start:
        raise ValueError("The series ends before it starts.")
    enabled = set(instrument_ids)
    latest: dict[str, date] = {}
    for iid, when in last_taken.items():
        fam = cadence.family(iid)
        day = when.date()
        if fam not in latest or day > latest[fam]:
            latest[fam] = day

    due: list[DueMeasure] = []
    covered: set[str] = set()

    def add(iid: str, reason: DueReason, due_on: date) -> None:
        fam = cadence.family(iid)
        if iid in enabled and fam not in covered:
            covered.add(fam)
            due.append(DueMeasure(iid, reason, due_on))

    def recurring(iids: Sequence[str], every: int, reason: DueReason, first: date) -> None:
        for iid in iids:
            if cadence.family(iid) in covered:
                continue
            last = latest.get(cadence.family(iid))
            due_on = last + timedelta(days=every) if last is not None else first
            if today >= due_on:
                add(iid, reason, due_on)

    if series_start is None:
        recurring(cadence.monthly_instruments, cadence.monthly_every_days, DueReason.MONTHLY, today)
        return due

    baseline_open = series_start - timedelta(days=cadence.baseline_days_before)
    end_open = series_end - timedelta(days=cadence.end_days_before) if series_end else None

    if end_open is None or today < end_open:
        if today < baseline_open:
            return due
        for iid in cadence.baseline_instruments:
            last = latest.get(cadence.family(iid))
            if last is None or last < baseline_open:
                add(iid, DueReason.BASELINE, baseline_open)
        if today >= series_start:
            every = cadence.during_every_days
            recurring(cadence.during_instruments, every, DueReason.WEEKLY, series_start)
        return due

    assert series_end is not None  # end_open is set only with an end date
    end_close = series_end + timedelta(days=cadence.end_days_after)
    if today <= end_close:
        for iid in cadence.end_instruments:
            last = latest.get(cadence.family(iid))
            if last is None or last < end_open:
                add(iid, DueReason.SERIES_END, end_open)
    # Families that already have their series-end measure wait a month from it.
    for iid in cadence.monthly_instruments:
        if cadence.family(iid) in covered:
            continue
        last = latest.get(cadence.family(iid))
        if last is None:
            due_on = end_close + timedelta(days=1)
        else:
            due_on = last + timedelta(days=cadence.monthly_every_days)
        if today >= due_on:
            add(iid, DueReason.MONTHLY, due_on)
    return due
