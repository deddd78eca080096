"""`integrate export-pdf --out FILE ...`: the therapist summary, same renderer as the app."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError
from integrate.cli.help_format import ParagraphHelpFormatter

EPILOG = """\
Standard input: with both --passphrase-stdin and --password-stdin, the first line is
the journal passphrase and the second line is the PDF password. With --password-stdin
alone, the first line is the PDF password.

Content: without --measures or --sessions both are included; naming one or both
includes only those. Entries flagged for your therapist are included by default
(--flagged-only); --all-entries includes every entry in the period.

Period: --from/--to (inclusive), or --series NAME (the whole series, from its
baseline measures), or neither: since the last share (or the last 30 days).

Page size: Letter where the locale (LC_ALL, LC_PAPER, LANG, in that order) names the
US, Canada, Mexico, the Philippines or a few other Letter countries; A4 elsewhere.

Tell the PDF password to your therapist separately (at the appointment or by phone),
never in the same email as the file.
"""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export-pdf",
        parents=[common],
        help="save a PDF summary to share with your therapist",
        description="Save a summary for your therapist as a PDF: sessions, measures and "
        "the entries you choose. The file name and the PDF's properties reveal nothing "
        "personal; with --password-stdin the file is encrypted (AES-256). The share is "
        "recorded in your journal.",
        epilog=EPILOG,
        formatter_class=ParagraphHelpFormatter,
    )
    p.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    p.add_argument(
        "--from", dest="from_date", metavar="DATE", help="first day (YYYY-MM-DD, inclusive)"
    )
    p.add_argument("--to", dest="to_date", metavar="DATE", help="last day (YYYY-MM-DD, inclusive)")
    p.add_argument("--series", metavar="NAME", help="share one series of sessions, by name")
    entries = p.add_mutually_exclusive_group()
    entries.add_argument(
        "--flagged-only",
        action="store_true",
        help="include only entries flagged for your therapist (the default)",
    )
    entries.add_argument(
        "--all-entries", action="store_true", help="include every entry in the period"
    )
    entries.add_argument("--no-entries", action="store_true", help="include no entries")
    p.add_argument("--measures", action="store_true", help="include measures (PCL-5, PHQ-9, GAD-7)")
    p.add_argument("--sessions", action="store_true", help="include the session timeline")
    p.add_argument("--intentions", action="store_true", help="print session intentions too")
    p.add_argument("--what-helps", action="store_true", help="include what helps me (exercises)")
    p.add_argument("--safety-plan", action="store_true", help="include your safety plan")
    p.add_argument(
        "--include-item9",
        action="store_true",
        help="include your answers to PHQ-9 item 9 (thoughts of death or self-harm); "
        "left out unless you ask",
    )
    p.add_argument("--therapist", metavar="NAME", default="", help="print 'Prepared for NAME'")
    p.add_argument("--note", metavar="TEXT", default="", help="a note to your therapist")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="encrypt the PDF with a password read from standard input (see below)",
    )
    p.add_argument(
        "--page-size",
        choices=["A4", "Letter"],
        help="paper size (default: by locale, see below)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_export_pdf)


def _check_target(out: Path, force: bool) -> None:
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as summary.pdf.", EXIT_USAGE)
    if out.exists() and not force:
        raise CliError(f"{out} already exists. Use --force to replace it.", EXIT_FAILURE)
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.", EXIT_FAILURE)


def cmd_export_pdf(ctx: CliContext) -> int:
    from integrate.cli.calendar_cmd import parse_day
    from integrate.share.gather import (
        SelectionError,
        default_selection,
        flagged_uids,
        gather_share,
        resolve_period,
    )
    from integrate.share.save import (
        default_page_size,
        has_printable_content,
        password_problem,
        save_share,
    )
    from integrate.vault.sessions import SessionRepository

    args = ctx.args
    from_date = parse_day(args.from_date, "--from")
    to_date = parse_day(args.to_date, "--to")
    if args.series and (from_date or to_date):
        raise CliError("Use either --series or --from/--to, not both.", EXIT_USAGE)
    if from_date and to_date and to_date < from_date:
        raise CliError("--to is before --from.", EXIT_USAGE)
    out = Path(args.out)
    _check_target(out, args.force)

    with ctx.open_vault(write=True) as vault:
        # After the vault passphrase (line 1), the PDF password is the next line.
        password = ctx.stdin.secret("PDF password") if args.password_stdin else None
        if password is not None and (problem := password_problem(password)):
            raise CliError(problem, EXIT_USAGE)
        sel = default_selection(vault, page_size=default_page_size())
        if args.series:
            series = SessionRepository(vault.conn).find_series(args.series)
            if series is None:
                names = [s.name for s in SessionRepository(vault.conn).list_series()]
                known = ", ".join(repr(n) for n in names) or "none yet"
                raise CliError(f"No series named {args.series!r} (known: {known}).", EXIT_USAGE)
            sel.period_kind, sel.series_uid = "series", series.uid
        elif from_date or to_date:
            sel.period_kind, sel.date_from, sel.date_to = "dates", from_date, to_date
        if not (args.measures or args.sessions):
            sel.include_measures = sel.include_sessions = True
        else:
            sel.include_measures, sel.include_sessions = args.measures, args.sessions
        sel.include_intentions = args.intentions
        sel.include_what_helps = args.what_helps
        sel.include_safety_plan = args.safety_plan
        sel.include_item9 = args.include_item9
        sel.therapist_name = args.therapist
        sel.note = args.note
        if args.page_size:
            sel.page_size = args.page_size
        try:
            period = resolve_period(vault, sel)
            if args.no_entries:
                sel.entry_uids = []
            elif args.all_entries:
                from integrate.share.gather import candidates

                sel.entry_uids = [c.uid for c in candidates(vault, period) if c.kind == "entry"]
            else:
                sel.entry_uids = flagged_uids(vault, period)
            gathered = gather_share(vault, sel)
        except SelectionError as exc:
            raise CliError(str(exc), EXIT_USAGE) from exc
        if not has_printable_content(gathered.document):
            raise CliError(
                "Nothing to share: no sessions, measures or chosen entries in "
                f"{period.start} to {period.end}. Nothing was written.",
                EXIT_USAGE,
            )
        try:
            saved = save_share(vault, gathered, sel, out, password=password, overwrite=args.force)
        except FileExistsError:
            raise CliError(
                f"{out} already exists. Use --force to replace it.", EXIT_FAILURE
            ) from None
        except OSError as exc:
            raise CliError(f"Could not write {out}: {exc.strerror or exc}", EXIT_FAILURE) from exc
    doc = gathered.document
    what = f"{len(doc.entries)} entr{'y' if len(doc.entries) == 1 else 'ies'}"
    print(f"Wrote {out} ({doc.period_from} to {doc.period_to}, {what}, {sel.page_size}).")
    if saved.encrypted:
        print("The file is password-protected (AES-256). Tell the password separately.")
    return 0
