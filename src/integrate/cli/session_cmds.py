"""`integrate session add|list` and `integrate schedule`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.model import Session, SessionKind, SessionStatus
from integrate.core.session_input import (
    InputError,
    check_text,
    parse_bp,
    parse_dose,
    parse_rating,
    parse_route,
    parse_setting,
    parse_when,
    parse_zone,
)
from integrate.core.timeutil import local_zone, local_zone_name, now_local, to_iso
from integrate.services.sessions import SessionService
from integrate.services.usecases import UseCases
from integrate.vault.checkins import sync
from integrate.vault.instance_lock import APP, InstanceLock, VaultInUse

if TYPE_CHECKING:
    from integrate.vault.checkins import StoredCheckin
    from integrate.vault.vault import Vault


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("session", parents=[common], help="log or list sessions")
    verbs = p.add_subparsers(dest="session_command", metavar="VERB")
    verbs.required = True

    add = verbs.add_parser(
        "add",
        parents=[common],
        help="log a session (or plan one with --planned)",
        description="Log a ketamine session or a therapy appointment. With "
        "--passphrase-stdin and --intention-stdin (or --notes-stdin), the first line of "
        "standard input is the passphrase and the rest is the intention (or the notes). "
        "Anything on the command line, such as --notes, can be read by other users of "
        "this computer while the command runs.",
    )
    add.add_argument(
        "--at",
        required=True,
        metavar="ISO8601",
        help="start, e.g. 2024-05-06T09:30 (local time) or with an offset",
    )
    add.add_argument("--tz", metavar="ZONE", help="IANA time zone (default: this computer's)")
    add.add_argument(
        "--kind", choices=[k.value for k in SessionKind], default=SessionKind.KETAMINE.value
    )
    add.add_argument("--route", help="iv, im, sublingual (or oral), intranasal, other")
    add.add_argument("--dose", help="dose amount, e.g. 0.5")
    add.add_argument("--unit", help="dose unit, e.g. mg/kg")
    add.add_argument("--setting", help="clinic, home or other")
    add.add_argument("--support-person", choices=["yes", "no"], help="was a support person present")
    add.add_argument("--bp-before", default="", metavar="SYS/DIA", help='e.g. "120/80"')
    add.add_argument("--bp-after", default="", metavar="SYS/DIA")
    add.add_argument("--distress", metavar="0-10", help="distress before the session")
    add.add_argument("--mood", metavar="0-10", help="mood before the session")
    texts = add.add_mutually_exclusive_group()
    texts.add_argument(
        "--notes",
        default="",
        help="free notes (visible to other local users while the command runs: "
        "prefer --notes-stdin)",
    )
    texts.add_argument(
        "--notes-stdin",
        action="store_true",
        help="read the notes from standard input (after the passphrase line, if any)",
    )
    add.add_argument(
        "--intention-stdin",
        action="store_true",
        help="read the pre-session intention from standard input "
        "(not together with --notes-stdin: standard input holds one text)",
    )
    add.add_argument(
        "--series", metavar="NAME", help="add to this series (created if it does not exist)"
    )
    add.add_argument("--planned", action="store_true", help="a planned (future) session")
    add.add_argument("--json", action="store_true", help="print the stored session as JSON")
    add_unlock_arguments(add)
    add.set_defaults(handler=cmd_session_add)

    ls = verbs.add_parser("list", parents=[common], help="list sessions by series")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(ls)
    ls.set_defaults(handler=cmd_session_list)

    p = sub.add_parser(
        "schedule",
        parents=[common],
        help="the integration check-ins the sessions produce",
        description="List check-ins with their phase, due time (ISO 8601 with "
        "offset) and state. The schedule is brought up to date "
        "first, unless the app has the journal open.",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_schedule)


def _usage(exc: InputError) -> CliError:
    return CliError(str(exc), EXIT_USAGE)


def _build_session(args: argparse.Namespace) -> Session:
    """Everything from the arguments, checked before the vault is touched."""
    try:
        tz = parse_zone(args.tz) if args.tz else local_zone_name()
        at = parse_when(args.at, tz)
        kind = SessionKind(args.kind)
        route = parse_route(args.route) if args.route else None
        if kind is SessionKind.KETAMINE and route is None:
            raise InputError(
                "Add --route for a ketamine session (iv, im, sublingual, intranasal or other)."
            )
        dose, unit = parse_dose(args.dose, args.unit)
        # As in the app: a session logged as done cannot start in the future (a minute of
        # slack for a script passing "now"); a future one is planned.
        if not args.planned and at > datetime.now(UTC) + timedelta(minutes=1):
            raise InputError(
                f"{args.at} is in the future. Add --planned for a planned session, "
                "or check the date and time."
            )
        return Session(
            at=at,
            tz=tz,
            kind=kind,
            status=SessionStatus.PLANNED if args.planned else SessionStatus.DONE,
            route=route,
            dose=dose,
            dose_unit=unit,
            setting=parse_setting(args.setting) if args.setting else None,
            support_person=None if args.support_person is None else args.support_person == "yes",
            bp_before=parse_bp(args.bp_before),
            bp_after=parse_bp(args.bp_after),
            distress_before=parse_rating(args.distress, "Distress"),
            mood_before=parse_rating(args.mood, "Mood"),
            notes=check_text(args.notes, "The notes"),
        )
    except InputError as exc:
        raise _usage(exc) from exc


def cmd_session_add(ctx: CliContext) -> int:
    args = ctx.args
    session = _build_session(args)
    if args.series is not None and not args.series.strip():
        raise CliError("The series name is empty.", EXIT_USAGE)
    if args.intention_stdin and args.notes_stdin:
        raise CliError(
            "Use --intention-stdin or --notes-stdin, not both: standard input holds one "
            "text. Add the other in the app.",
            EXIT_USAGE,
        )
    with ctx.open_vault(write=True, create=False) as vault:
        try:
            if args.intention_stdin:
                session.intention = check_text(ctx.stdin.rest().strip(), "The intention")
            if args.notes_stdin:
                session.notes = check_text(ctx.stdin.rest().strip(), "The notes")
        except InputError as exc:
            raise _usage(exc) from exc
        logged = SessionService(vault).log(session, (args.series or "").strip() or None)
        count = logged.checkins
    if args.json:
        print(json.dumps(_session_json(session, args.series), ensure_ascii=False, indent=2))
    else:
        print(
            f"Logged session {session.uid} at {to_iso(session.at)} ({count} check-ins scheduled)."
        )
    return 0


def _session_json(s: Session, series_name: str | None) -> dict[str, Any]:
    return {
        "uid": s.uid,
        "series": series_name,
        "kind": s.kind.value,
        "status": s.status.value,
        "at": to_iso(s.at),
        "tz": s.tz,
        "route": s.route.value if s.route else None,
        "dose": s.dose,
        "unit": s.dose_unit,
        "setting": s.setting.value if s.setting else None,
        "support_person": s.support_person,
        "bp_before": s.bp_before,
        "bp_after": s.bp_after,
        "intention": s.intention,
        "distress_before": s.distress_before,
        "mood_before": s.mood_before,
        "notes": s.notes,
    }


def cmd_session_list(ctx: CliContext) -> int:
    with ctx.open_vault(write=False) as vault:
        repo = UseCases(vault).sessions.repo
        names = {s.id: s.name for s in repo.list_series()}
        sessions = repo.list()
    rows = [_session_json(s, names.get(s.series_id)) for s in sessions]
    if ctx.args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No sessions yet. Log one with `integrate session add`.")
        return 0
    for s, row in zip(sessions, rows, strict=True):
        what = "therapy" if s.kind is SessionKind.THERAPY else (s.route.value if s.route else "-")
        dose = f" {s.dose:g} {s.dose_unit}" if s.dose is not None else ""
        series = f"  [{row['series']}]" if row["series"] else ""
        print(f"{s.at:%Y-%m-%d %H:%M}  {s.status.value:<7}  {what}{dose}{series}")
    return 0


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} {text!r} is not a date (use YYYY-MM-DD).", EXIT_USAGE) from None


def _reminder_states(vault: Vault, checkins: list[StoredCheckin]) -> dict[str, dict[str, Any]]:
    """Each due check-in's reminder: {"state": pending|snoozed|skipped|sent, "at": ISO or
    None}, as the app sees it (snoozes and skips from the banner or a notification)."""
    from zoneinfo import ZoneInfo

    from integrate.core.model import CheckIn, CheckInState
    from integrate.core.reminders import (
        checkin_reminder_key,
        reminder_items_from_checkins,
        reminder_status,
    )
    from integrate.vault.reminder_store import load_quiet_hours

    store = UseCases(vault).checkins.reminder_store()
    quiet, tz = load_quiet_hours(vault), ZoneInfo(local_zone_name())
    out: dict[str, dict[str, Any]] = {}
    for c in checkins:
        if c.state is not CheckInState.DUE:
            continue
        item = reminder_items_from_checkins(
            [CheckIn(key=c.uid, phase=c.phase, due_at=c.due_at, state=c.state)]
        )[0]
        name, at = reminder_status(item, store.get(checkin_reminder_key(c.uid)), quiet, tz)
        out[c.uid] = {"state": name, "at": to_iso(at.astimezone()) if at else None}
    return out


def cmd_schedule(ctx: CliContext) -> int:
    args = ctx.args
    first, last = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if first and last and last < first:
        raise CliError("--to is before --from.", EXIT_USAGE)
    # The zone's rules, not today's offset: a July time is printed with July's offset.
    local = local_zone()
    start = datetime.combine(first, time(0), tzinfo=local) if first else None
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=local) if last else None
    with ctx.open_vault(write=False) as vault:
        lock = InstanceLock(vault.paths.lock)
        try:
            lock.acquire()
        except VaultInUse as exc:
            who = (
                "The app has"
                if exc.holder is not None and exc.holder.role == APP
                else "Another command has"
            )
            print(
                f"{who} the journal open: showing the schedule as it last saved it.",
                file=sys.stderr,
            )
        else:
            try:
                sync(vault)
            finally:
                lock.release()
        checkins = UseCases(vault).checkins.repo.query(start=start, end=end)
        reminders = _reminder_states(vault, checkins)
    rows = [
        {
            "uid": c.uid,
            "phase": c.phase.value,
            "due_at": to_iso(c.due_at.astimezone(local)),
            "state": c.state.value,
            "session": c.session_uid,
            "series": c.series_uid,
            "reminder": reminders.get(c.uid),
        }
        for c in checkins
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No check-ins in this period.")
        return 0
    now = now_local()
    for c, row in zip(checkins, rows, strict=True):
        # A check-in still ahead is "upcoming" in words; "due" is for those whose time
        # has come (the JSON keeps the stored state).
        state = "upcoming" if c.state.value == "due" and c.due_at > now else row["state"]
        print(f"{row['due_at']}  {row['phase']:<14} {state}")
    return 0
