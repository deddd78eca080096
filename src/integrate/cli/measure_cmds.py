"""`integrate measure add` and `integrate measure list`.

Input is checked completely before the journal is opened, so bad input stores nothing.
A crisis answer (PHQ-9 item 9 above 0) prints the crisis lines and the plain statement
that nobody monitors the app to stderr, before the score.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.crisis_cmds import chosen_country
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.crisis import load_crisis_lines
from integrate.core.crisis_contacts import build_contacts, render_text
from integrate.core.dose_timing import RESULT_KEY as DOSE_KEY
from integrate.core.dose_timing import hours_since, last_dose, quiet_hours
from integrate.core.measures import (
    FLAG_CUTOFF,
    FLAG_PROVISIONAL,
    Instrument,
    Score,
    UnknownInstrumentError,
    get_instrument,
    load_instruments,
    parse_answers,
    score,
)
from integrate.core.model import SessionKind
from integrate.core.safety import SafetyPlan, SafetyPlanError
from integrate.core.timeutil import now_local
from integrate.services.usecases import UseCases
from integrate.vault.measures import Administration
from integrate.vault.vault import Vault

_SLACK = timedelta(minutes=5)  # clock differences are not an error


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "measure",
        parents=[common],
        help="questionnaires (PCL-5, PHQ-9, GAD-7)",
        description="Record and list validated questionnaires.",
    )
    verbs = p.add_subparsers(dest="measure_command", metavar="VERB", required=True)
    known = ", ".join(sorted(load_instruments()))

    add = verbs.add_parser(
        "add",
        parents=[common],
        help="store one completed questionnaire",
        description=f"Store a completed questionnaire and print its score. Instruments: {known}.",
    )
    add.add_argument(
        "instrument",
        metavar="INSTRUMENT",
        help=f"PHQ-9, GAD-7, PCL-5 (past month) or PCL-5-week; or an id: {known}",
    )
    add.add_argument(
        "--answers",
        required=True,
        metavar="0,1,2,...",
        help="one answer per item, in order, separated by commas",
    )
    add.add_argument(
        "--at", metavar="ISO8601", help="when it was taken (default: now), e.g. 2025-03-14T09:30"
    )
    add.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(add)
    add.set_defaults(handler=cmd_add)

    lst = verbs.add_parser("list", parents=[common], help="list stored questionnaires")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(lst)
    lst.set_defaults(handler=cmd_list)


def parse_when(text: str | None) -> datetime:
    """--at as an aware datetime (a value without an offset is local time)."""
    if text is None:
        return now_local()
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"--at '{text}' is not a date and time such as 2025-03-14T09:30.", EXIT_USAGE
        ) from None
    moment = moment if moment.tzinfo else moment.astimezone()
    if moment > now_local().replace(microsecond=0) + _SLACK:
        raise CliError("--at is in the future: enter when the questionnaire was taken.", EXIT_USAGE)
    return moment


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


# Names people type for the PCL-5 beyond its ids: the plain name is the standard
# past-month version (CLINICAL.md); the weekly one needs its own word.
_PCL5_NAMES = {"pcl5": "pcl5_month", "pcl5month": "pcl5_month", "pcl5week": "pcl5_week"}


def instrument_id_for(name: str) -> str:
    """The instrument id for what was typed: the id itself ("phq9") or the name the
    README and the app use ("PHQ-9", "GAD-7", "PCL-5"; case, dashes and spaces do not
    matter). Unknown names are returned unchanged, for get_instrument's message."""
    instruments = load_instruments()
    if name in instruments:
        return name
    wanted = _squash(name)
    by_name = {_squash(key): key for key in instruments}
    for key, ins in instruments.items():
        if not ins.variant:
            by_name.setdefault(_squash(ins.short_name), key)
    by_name.update({k: v for k, v in _PCL5_NAMES.items() if v in instruments})
    return by_name.get(wanted, name)


def _validated(instrument_id: str, answers_text: str) -> tuple[Instrument, Score]:
    try:
        instrument = get_instrument(instrument_id_for(instrument_id))
    except UnknownInstrumentError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    try:
        values = parse_answers(answers_text, instrument)
    except ValueError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    result = score(instrument, list(values))
    if not isinstance(result, Score):  # parse_answers accepts only full sets
        raise CliError(result.message, EXIT_USAGE)
    return instrument, result


def crisis_text(country: str, plan: SafetyPlan | None = None) -> str:
    """What Need help now shows (the shared crisis-contact model), as plain lines."""
    return render_text(build_contacts(load_crisis_lines(), country, plan))


def _stored_plan(vault: Vault) -> SafetyPlan | None:
    try:
        return UseCases(vault).coping.safety_plan.load()
    except SafetyPlanError:
        return None  # the lines still print; the plan's own words are not guessed


def _score_lines(instrument: Instrument, adm: Administration) -> list[str]:
    out = [f"{instrument.short_name} ({instrument.timeframe}), {adm.taken_at:%Y-%m-%d %H:%M}"]
    result = adm.result
    if adm.total is not None:
        line = f"Total: {adm.total} of {instrument.score_max}"
        if adm.band:
            line += f" (range described as '{adm.band.lower()}')"
        out.append(line)
    names = {s.id: s.name for s in instrument.subscales}
    for key, value in adm.subscales.items():
        sub = next((s for s in instrument.subscales if s.id == key), None)
        top = f" of {sub.max}" if sub else ""
        out.append(f"  {names.get(key, key)}: {value}{top}")
    # The provisional DSM-5 pattern/cut-off flags stay in --json and the therapist PDF:
    # no diagnostic language in what the patient reads (issue #14).
    shown = [f for f in adm.flags if f not in (FLAG_PROVISIONAL, FLAG_CUTOFF)]
    if shown:
        out.append(f"Flags: {', '.join(shown)}")
    since = result.get(DOSE_KEY)
    if isinstance(since, (int, float)) and since < quiet_hours():
        out.append(
            f"Taken {since:g} hours after your last session: answers this soon can reflect "
            "the session's effects."
        )
    interpretation = result.get("interpretation")
    if isinstance(interpretation, str) and interpretation:
        out.append(interpretation)
    return out


def _adm_json(adm: Administration) -> dict[str, Any]:
    return {
        "uid": adm.uid,
        "instrument": adm.instrument,
        "taken_at": adm.taken_at.isoformat(),
        "answers": adm.answers,
        "total": adm.total,
        "subscales": adm.subscales,
        "band": adm.band,
        "flags": adm.flags,
        "series_id": adm.series_id,
        "crisis_shown": adm.crisis_shown,
        DOSE_KEY: adm.result.get(DOSE_KEY),
    }


def cmd_add(ctx: CliContext) -> int:
    args = ctx.args
    instrument, result = _validated(args.instrument, args.answers)
    taken_at = parse_when(args.at)
    with ctx.open_vault(write=True) as vault:
        if result.crisis:
            # Shown before the score, as in the app, for the country the patient chose.
            country = chosen_country(ctx.paths.root, vault)
            print(crisis_text(country, _stored_plan(vault)), file=sys.stderr)
            sys.stderr.flush()
        use = UseCases(vault)
        sessions = use.sessions.repo.list(kind=SessionKind.KETAMINE)
        since = hours_since(last_dose((s.at for s in sessions), taken_at), taken_at)
        adm = use.measures.repo.add(
            result,
            taken_at,
            crisis_shown=result.crisis,
            context=None if since is None else {DOSE_KEY: since},
        )
    if args.json:
        print(
            json.dumps({**_adm_json(adm), "score": result.to_dict()}, ensure_ascii=False, indent=2)
        )
    else:
        print("\n".join(_score_lines(instrument, adm)))
    return 0


def cmd_list(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.open_vault(write=False) as vault:
        rows = UseCases(vault).measures.repo.list()
    if args.json:
        print(json.dumps([_adm_json(a) for a in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No questionnaires recorded yet.")
        return 0
    instruments = load_instruments()
    for adm in rows:
        ins = instruments.get(adm.instrument)
        name = (
            ins.short_name + (f" ({ins.variant})" if ins.variant else "") if ins else adm.instrument
        )
        total = "-" if adm.total is None else f"{adm.total}/{ins.score_max if ins else '?'}"
        band = f"  {adm.band.lower()}" if adm.band else ""
        print(f"{adm.taken_at:%Y-%m-%d %H:%M}  {name:<24} {total:>6}{band}")
    return 0
