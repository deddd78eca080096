"""`integrate log effects|sleep|substance|medication|list` (issue 17).

Every value is checked with core.tracking's rules before the journal is opened; an
out-of-range value or an unknown session is a usage error (exit 2) that names the field,
and nothing is stored.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.timeutil import now_local, to_iso
from integrate.core.tracking import (
    EFFECT_RATINGS,
    MAX_NOTE,
    AfterEffects,
    FieldError,
    MedicationChange,
    MedicationEvent,
    SleepEntry,
    SubstanceUse,
    TrackingKind,
    check_effects,
    check_medication,
    check_sleep,
    check_substance,
    check_text,
)
from integrate.services.usecases import UseCases

_SLACK = timedelta(minutes=5)  # clock differences are not an error

T = TypeVar("T")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "log",
        parents=[common],
        help="after-effects, sleep, substances and medication changes",
        description="Record what ketamine treatment needs tracked between sessions.",
    )
    verbs = p.add_subparsers(dest="log_command", metavar="VERB", required=True)

    eff = verbs.add_parser(
        "effects",
        parents=[common],
        help="after-effects of a session (0-10 each)",
        description="Record after-effects of a session, each 0-10. With --passphrase-stdin "
        "and --note-stdin the first line of standard input is the passphrase and the rest "
        "is the note.",
    )
    eff.add_argument("--session", required=True, metavar="UID", help="the session's uid")
    eff.add_argument("--at", metavar="ISO8601", help="when (default: now)")
    for name in EFFECT_RATINGS:
        eff.add_argument(f"--{name}", metavar="N", help=f"{name}, 0-10")
    eff.add_argument(
        "--unreal",
        metavar="N",
        help="still feeling unreal or detached about a day later, 0-10 (0 = no)",
    )
    eff.add_argument(
        "--note-stdin", action="store_true", help="read anything else to note from standard input"
    )
    eff.add_argument("--json", action="store_true", help="print the stored record as JSON")
    add_unlock_arguments(eff)
    eff.set_defaults(handler=cmd_effects)

    slp = verbs.add_parser("sleep", parents=[common], help="one night of the sleep diary")
    slp.add_argument("--date", metavar="YYYY-MM-DD", help="the day you woke up (default: today)")
    slp.add_argument("--hours", required=True, metavar="H", help="hours slept, 0-24")
    slp.add_argument("--quality", metavar="N", help="sleep quality, 0-10")
    slp.add_argument("--nightmares", metavar="N", help="how many nightmares")
    slp.add_argument("--nightmare-distress", metavar="N", help="how upsetting, 0-10")
    slp.add_argument("--wakings", metavar="N", help="how many times you woke up")
    slp.add_argument("--json", action="store_true", help="print the stored record as JSON")
    add_unlock_arguments(slp)
    slp.set_defaults(handler=cmd_sleep)

    sub_p = verbs.add_parser(
        "substance", parents=[common], help="alcohol, cannabis, sedatives, stimulants, other"
    )
    sub_p.add_argument("--name", required=True, help="e.g. alcohol, cannabis, diazepam")
    sub_p.add_argument("--amount", default="", metavar="TEXT", help='e.g. "2 glasses of wine"')
    sub_p.add_argument("--at", metavar="ISO8601", help="when (default: now)")
    sub_p.add_argument("--json", action="store_true", help="print the stored record as JSON")
    add_unlock_arguments(sub_p)
    sub_p.set_defaults(handler=cmd_substance)

    med = verbs.add_parser("medication", parents=[common], help="a medication change")
    med.add_argument("--name", required=True, help="the medication")
    med.add_argument("--change", required=True, metavar="started|stopped|dose", help="what changed")
    med.add_argument("--dose", default="", metavar="TEXT", help='e.g. "50 mg daily"')
    med.add_argument("--at", metavar="ISO8601", help="when (default: now)")
    med.add_argument("--json", action="store_true", help="print the stored record as JSON")
    add_unlock_arguments(med)
    med.set_defaults(handler=cmd_medication)

    lst = verbs.add_parser("list", parents=[common], help="list what was logged")
    lst.add_argument("--kind", choices=[k.value for k in TrackingKind], help="only this kind")
    lst.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    lst.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD)")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(lst)
    lst.set_defaults(handler=cmd_list)


def _field(exc: FieldError) -> CliError:
    return CliError(f"--{exc.field}: {exc}", EXIT_USAGE)


def _checked(check: Callable[[T], object], record: T) -> None:
    """Check `record` with core.tracking's rule; a refused field is a usage error naming
    its flag."""
    try:
        check(record)
    except FieldError as exc:
        raise _field(exc) from exc


def _when(text: str | None) -> datetime:
    """--at as an aware datetime (without an offset: local time); never in the future."""
    if text is None:
        return now_local().replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"--at: {text!r} is not a date and time such as 2025-03-14T09:30.", EXIT_USAGE
        ) from None
    moment = moment if moment.tzinfo else moment.astimezone()
    if moment > now_local() + _SLACK:
        raise CliError("--at: the time is in the future.", EXIT_USAGE)
    return moment


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{flag}: {text!r} is not a date (use YYYY-MM-DD).", EXIT_USAGE) from None


# ----- JSON shapes (also used by `log list --json`) -----------------------------------


def effects_json(e: AfterEffects) -> dict[str, Any]:
    return {
        "kind": "effects",
        "uid": e.uid,
        "session": e.session_uid,
        "at": to_iso(e.at),
        **e.ratings(),
        "unreal_24h": e.unreal_24h,
        "unreal": e.unreal,
        "note": e.note,
    }


def sleep_json(s: SleepEntry) -> dict[str, Any]:
    return {
        "kind": "sleep",
        "uid": s.uid,
        "date": s.day.isoformat(),
        "hours": s.hours,
        "quality": s.quality,
        "nightmares": s.nightmares,
        "nightmare_distress": s.nightmare_distress,
        "wakings": s.wakings,
    }


def substance_json(u: SubstanceUse) -> dict[str, Any]:
    return {
        "kind": "substance",
        "uid": u.uid,
        "name": u.name,
        "substance_kind": u.kind,
        "amount": u.amount,
        "at": to_iso(u.at),
    }


def medication_json(m: MedicationEvent) -> dict[str, Any]:
    return {
        "kind": "medication",
        "uid": m.uid,
        "name": m.name,
        "change": m.change.value,
        "dose": m.dose,
        "at": to_iso(m.at),
    }


def _print(record: dict[str, Any], as_json: bool, line: str) -> None:
    print(json.dumps(record, ensure_ascii=False, indent=2) if as_json else line)


# ----- verbs --------------------------------------------------------------------------


def cmd_effects(ctx: CliContext) -> int:
    args = ctx.args
    effects = AfterEffects(
        session_id=0,
        at=_when(args.at),
        **{name: getattr(args, name) for name in EFFECT_RATINGS},
        unreal=args.unreal,
    )
    _checked(check_effects, effects)
    with ctx.open_vault(write=True) as vault:
        if args.note_stdin:
            try:
                effects.note = check_text(ctx.stdin.rest().strip(), "note", MAX_NOTE)
            except FieldError as exc:
                raise _field(exc) from exc
        tracking = UseCases(vault).tracking
        session_id = tracking.repo.session_id(args.session)
        if session_id is None:
            raise CliError(f"--session: no session with uid {args.session!r}.", EXIT_USAGE)
        effects.session_id = session_id
        effects.session_uid = args.session
        tracking.save_effects(effects)
    _print(effects_json(effects), args.json, f"Logged after-effects {effects.uid}.")
    return 0


def cmd_sleep(ctx: CliContext) -> int:
    args = ctx.args
    day = _day(args.date, "--date") or now_local().date()
    if day > now_local().date():
        raise CliError("--date: the day is in the future.", EXIT_USAGE)
    entry = SleepEntry(
        day=day,
        hours=args.hours,
        quality=args.quality,
        nightmares=args.nightmares,
        nightmare_distress=args.nightmare_distress,
        wakings=args.wakings,
    )
    _checked(check_sleep, entry)
    with ctx.open_vault(write=True) as vault:
        _, replaced = UseCases(vault).tracking.save_sleep(entry)
    verb = "Updated" if replaced else "Logged"
    _print(sleep_json(entry), args.json, f"{verb} sleep for {day.isoformat()}.")
    return 0


def cmd_substance(ctx: CliContext) -> int:
    args = ctx.args
    use = SubstanceUse(name=args.name, amount=args.amount, at=_when(args.at))
    _checked(check_substance, use)
    with ctx.open_vault(write=True) as vault:
        UseCases(vault).tracking.save_substance(use)
    _print(substance_json(use), args.json, f"Logged {use.name} ({use.uid}).")
    return 0


def cmd_medication(ctx: CliContext) -> int:
    args = ctx.args
    event = MedicationEvent(
        name=args.name,
        change=args.change,  # checked (and converted) below
        dose=args.dose,
        at=_when(args.at),
    )
    _checked(check_medication, event)
    assert isinstance(event.change, MedicationChange)
    with ctx.open_vault(write=True) as vault:
        UseCases(vault).tracking.save_medication(event)
    _print(medication_json(event), args.json, f"Logged {event.name}: {event.change.value}.")
    return 0


def cmd_list(ctx: CliContext) -> int:
    args = ctx.args
    first, last = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if first and last and last < first:
        raise CliError("--to: the day is before --from.", EXIT_USAGE)
    kinds = [TrackingKind(args.kind)] if args.kind else list(TrackingKind)
    rows: list[tuple[str, dict[str, Any], str]] = []  # (sort key, json, line)
    with ctx.open_vault(write=False) as vault:
        repo = UseCases(vault).tracking.repo
        if TrackingKind.EFFECTS in kinds:
            for e in repo.list_effects(first, last):
                values = ", ".join(f"{k} {v}" for k, v in e.ratings().items() if v is not None)
                if e.unreal_24h is not None:
                    values += ("; " if values else "") + (
                        f"unreal next day {e.unreal if e.unreal is not None else 'yes'}"
                        if e.unreal_24h
                        else "not unreal next day"
                    )
                line = f"{e.at:%Y-%m-%d %H:%M}  effects     {values or '-'}"
                rows.append((to_iso(e.at), effects_json(e), line))
        if TrackingKind.SLEEP in kinds:
            for s in repo.list_sleep(first, last):
                parts = [f"{s.hours:g} h" if s.hours is not None else "- h"]
                if s.quality is not None:
                    parts.append(f"quality {s.quality}")
                if s.nightmares is not None:
                    parts.append(f"nightmares {s.nightmares}")
                if s.nightmare_distress is not None:
                    parts.append(f"distress {s.nightmare_distress}")
                if s.wakings is not None:
                    parts.append(f"woke {s.wakings}x")
                line = f"{s.day.isoformat()}        sleep       {', '.join(parts)}"
                rows.append((s.day.isoformat(), sleep_json(s), line))
        if TrackingKind.SUBSTANCE in kinds:
            for u in repo.list_substances(first, last):
                amount = f" ({u.amount})" if u.amount else ""
                line = f"{u.at:%Y-%m-%d %H:%M}  substance   {u.name}{amount}"
                rows.append((to_iso(u.at), substance_json(u), line))
        if TrackingKind.MEDICATION in kinds:
            for m in repo.list_medication(first, last):
                dose = f" {m.dose}" if m.dose else ""
                line = f"{m.at:%Y-%m-%d %H:%M}  medication  {m.name}: {m.change.value}{dose}"
                rows.append((to_iso(m.at), medication_json(m), line))
    rows.sort(key=lambda r: r[0])
    if args.json:
        print(json.dumps([r[1] for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Nothing logged in this period.")
        return 0
    for _key, _record, line in rows:
        print(line)
    return 0
