"""Domain rules for exported and imported records: values every command can handle.

The field kinds in `export_format.RECORD_TYPES` say what JSON type and size a value has;
this table says what it may mean: a known time zone, answers an instrument can score, a
safety plan shaped like one, ratings on their scale. The importer refuses a whole file
when one record breaks a rule (naming it), and the exporter leaves out a stored record
that breaks one (so every export imports again). Readers apply the same rules and skip
what breaks them (`vault.unreadable`).

To add a record kind: write `def _my_kind(record) -> Iterator[str]` yielding one plain
sentence per problem (never the record's text, only its shape or a short value), and
list it in DOMAIN_CHECKS under the record type's name. Kinds without an entry only get
the field-kind checks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from integrate.core.measures import Instrument, load_instruments, stored_answers_problem
from integrate.core.model import CheckInState, Phase
from integrate.core.safety import SECTIONS
from integrate.core.timeutil import MAX_YEAR, MIN_YEAR, is_known_zone, stored_date

Record = Mapping[str, Any]
DomainCheck = Callable[[Record], Iterator[str]]

RATING_MAX = 10  # mood, distress, sleep quality, SUDS: 0-10 scales
MAX_INTRUSIONS = 1_000  # a count per day; more is not a real answer
MAX_DOSE = 100_000.0  # in any unit; more is a typing slip, not a dose
MAX_RUN_SECONDS = 24 * 3600.0  # an exercise run longer than a day is not one
MAX_PLANNED_SESSIONS = 1_000


@cache
def _instruments() -> Mapping[str, Instrument]:
    return load_instruments()


def _short(value: object) -> str:
    """A value for a message: short, and never a long piece of the patient's text."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scale(record: Record, name: str, low: int, high: int) -> Iterator[str]:
    value = record.get(name)
    if value is not None and not (_is_int(value) and low <= value <= high):
        yield f"{name} is {_short(value)}; it must be a whole number from {low} to {high}"


def _choice(record: Record, name: str, allowed: tuple[str, ...], optional: bool) -> Iterator[str]:
    value = record.get(name)
    if value is None and optional:
        return
    if value not in allowed:
        yield f"{name} is {_short(value)}; it must be one of {', '.join(allowed)}"


def _day(record: Record, name: str) -> Iterator[str]:
    value = record.get(name)
    if value is None:
        return
    try:
        stored_date(value)
    except ValueError:
        yield f"{name} is {_short(value)}; it must be a day (YYYY-MM-DD) from {MIN_YEAR} to {MAX_YEAR}"


# ----- per record kind ----------------------------------------------------------------


def _series(record: Record) -> Iterator[str]:
    yield from _scale(record, "planned_sessions", 1, MAX_PLANNED_SESSIONS)


def _sessions(record: Record) -> Iterator[str]:
    tz = record.get("tz")
    if not is_known_zone(tz):
        yield f"the time zone {_short(tz)} is not a known IANA time zone (e.g. Europe/Berlin)"
    yield from _choice(record, "kind", ("ketamine", "therapy"), False)
    yield from _choice(record, "status", ("planned", "done"), False)
    yield from _choice(
        record, "route", ("iv", "im", "sublingual", "intranasal", "other"), optional=True
    )
    yield from _choice(record, "setting", ("clinic", "home", "other"), optional=True)
    yield from _scale(record, "distress_before", 0, RATING_MAX)
    yield from _scale(record, "mood_before", 0, RATING_MAX)
    yield from _scale(record, "support_person", 0, 1)
    dose = record.get("dose")
    if dose is not None and not (
        isinstance(dose, int | float) and math.isfinite(dose) and 0 <= dose <= MAX_DOSE
    ):
        yield f"dose is {_short(dose)}; it must be a number from 0 to {MAX_DOSE:g}"


def _checkins(record: Record) -> Iterator[str]:
    yield from _choice(record, "phase", tuple(p.value for p in Phase), False)
    yield from _choice(record, "state", tuple(s.value for s in CheckInState), False)
    prompts = record.get("prompt_ids")
    if not (isinstance(prompts, list) and all(isinstance(p, str) for p in prompts)):
        yield "prompt_ids must be a list of prompt ids (text)"
    for name in ("mood", "distress", "sleep_quality"):
        yield from _scale(record, name, 0, RATING_MAX)
    yield from _scale(record, "intrusions", 0, MAX_INTRUSIONS)


def _measures(record: Record) -> Iterator[str]:
    instrument = _instruments().get(str(record.get("instrument")))
    if instrument is None:
        known = ", ".join(sorted(_instruments()))
        yield f"the questionnaire {_short(record.get('instrument'))} is not one this version knows ({known})"
        return
    problem = stored_answers_problem(instrument, record.get("answers"), record.get("total"))
    if problem is not None:
        yield f"its answers cannot be a saved {instrument.short_name}: {problem}"
    if not isinstance(record.get("result"), dict):
        yield "result must be an object"


def _crisis_screens(record: Record) -> Iterator[str]:
    if str(record.get("instrument")) not in _instruments():
        yield f"the questionnaire {_short(record.get('instrument'))} is not one this version knows"


def _exercise_runs(record: Record) -> Iterator[str]:
    duration = record.get("duration_s")
    if not (
        isinstance(duration, int | float)
        and math.isfinite(duration)
        and 0 <= duration <= MAX_RUN_SECONDS
    ):
        yield f"duration_s is {_short(duration)}; it must be 0 to {MAX_RUN_SECONDS:g} seconds"
    yield from _scale(record, "suds_before", 0, RATING_MAX)
    yield from _scale(record, "suds_after", 0, RATING_MAX)
    answers = record.get("answers")
    if answers is not None and not (
        isinstance(answers, list)
        and all(
            isinstance(a, dict)
            and _is_int(a.get("step", 0))
            and isinstance(a.get("prompt", ""), str)
            and isinstance(a.get("values"), list)
            and all(isinstance(v, str) for v in a["values"])
            for a in answers
        )
    ):
        yield "answers must be a list of {step, prompt, values} objects"


def _shares(record: Record) -> Iterator[str]:
    yield from _day(record, "period_from")
    yield from _day(record, "period_to")
    if not isinstance(record.get("content"), dict):
        yield "content must be an object"


def _safety_plan(record: Record) -> Iterator[str]:
    data = record.get("data")
    if not isinstance(data, dict):
        yield "data must be an object with the plan's sections (it is not)"
        return
    for info in SECTIONS:
        items = data.get(info.key)
        if items is None:
            continue
        if not isinstance(items, list):
            yield f"the section {info.key} must be a list"
            continue
        for item in items:
            if isinstance(item, str):
                continue
            fields = ("name", "phone", "note") if info.kind == "contact" else ("name",)
            if not (
                isinstance(item, dict)
                and isinstance(item.get("name"), str)
                and all(isinstance(item.get(f, ""), str) for f in fields)
            ):
                yield f"the section {info.key} holds an item that is neither text nor a contact"
                break


DOMAIN_CHECKS: dict[str, DomainCheck] = {
    "series": _series,
    "sessions": _sessions,
    "checkins": _checkins,
    "measures": _measures,
    "crisis_screens": _crisis_screens,
    "exercise_runs": _exercise_runs,
    "shares": _shares,
    "safety_plan": _safety_plan,
}


def domain_problem(kind: str, record: Record) -> str | None:
    """The first domain rule `record` (of record type `kind`) breaks, or None."""
    check = DOMAIN_CHECKS.get(kind)
    if check is None:
        return None
    problem = next(iter(check(record)), None)
    return None if problem is None else problem.rstrip(".")
