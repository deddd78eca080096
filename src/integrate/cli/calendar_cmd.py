"""`integrate calendar --out FILE [--from DATE --to DATE]`: the schedule as an .ics file."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError
from integrate.core.timeutil import local_zone_name
from integrate.services.usecases import UseCases


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "calendar",
        parents=[common],
        help="export the check-in schedule as a calendar file",
        description="Write the check-in schedule to an iCalendar (.ics) file for your own "
        "calendar app, with the next suggested questionnaires. Events carry only your "
        "neutral reminder wording; re-importing a newer export updates the same events.",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")
    p.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        help="first day to include (YYYY-MM-DD, inclusive)",
    )
    p.add_argument(
        "--to", dest="to_date", metavar="DATE", help="last day to include (YYYY-MM-DD, inclusive)"
    )
    p.add_argument(
        "--tz",
        metavar="ZONE",
        help="time zone for the dates and events "
        "(default: this computer's zone, e.g. Europe/London)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_calendar)


def parse_day(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a usage error saying what was expected."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(
            f"{option} must be a date like 2025-03-31, not {text!r}.", EXIT_USAGE
        ) from None


def cmd_calendar(ctx: CliContext) -> int:
    from integrate.share.calendar import export_calendar_file
    from integrate.vault.reminder_store import (
        load_reminder_settings,
        read_measure_reminders,
    )

    args = ctx.args
    from_date = parse_day(args.from_date, "--from")
    to_date = parse_day(args.to_date, "--to")
    if from_date and to_date and to_date < from_date:
        raise CliError("--to is before --from.", EXIT_USAGE)
    try:
        tz = ZoneInfo(args.tz or local_zone_name())
    except (ZoneInfoNotFoundError, ValueError):
        raise CliError(
            f"Unknown time zone {args.tz!r} (try e.g. Europe/London).", EXIT_USAGE
        ) from None
    out = Path(args.out)
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as schedule.ics.", EXIT_USAGE)
    if out.exists() and not args.force:
        raise CliError(f"{out} already exists. Use --force to replace it.", EXIT_FAILURE)
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.", EXIT_FAILURE)
    with ctx.open_vault(write=False) as vault:
        checkins = UseCases(vault).checkins.for_reminders()
        measures = read_measure_reminders(vault, datetime.now(tz).date(), tz)
        texts = load_reminder_settings(vault).texts
    try:
        result = export_calendar_file(
            out, checkins, tz, texts, from_date, to_date, measures=measures
        )
    except OSError as exc:
        raise CliError(f"Could not write {out}: {exc.strerror or exc}", EXIT_FAILURE) from exc
    noun = "event" if result.events == 1 else "events"
    print(f"Wrote {result.events} {noun} to {out}.")
    return 0
