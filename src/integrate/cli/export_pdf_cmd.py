"""`integrate export-pdf --out FILE ...`: the therapist summary, same renderer as the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError
from integrate.cli.help_format import ParagraphHelpFormatter
from integrate.services.usecases import UseCases

EPILOG = """\
Standard input: with both --passphrase-stdin and --password-stdin, the first line is
the journal passphrase and the second line is the PDF password. With --password-stdin
alone, the first line is the PDF password. Then, when asked for, the therapist's name
on the next line (--therapist-stdin), and the note to your therapist (--note-stdin):
everything that is left.

Private text belongs on standard input: --note TEXT and --therapist NAME still work,
but anything on the command line can be read by other users of this computer while
the command runs (for example with `ps`). Use --note-stdin and --therapist-stdin.

Content: without --measures or --sessions both are included; naming one or both
includes only those. --after-effects, --sleep and --substances (issue 17's tracking)
are each left out unless named. Entries flagged for your therapist are included by default
(--flagged-only); --all-entries includes every entry in the period.

Period: --from/--to (inclusive), or --series NAME (the whole series, from its
baseline measures), or neither: since the last share (or the last 30 days).

Page size: Letter where the locale (LC_ALL, LC_PAPER, LANG, in that order) names the
US, Canada, Mexico, the Philippines or a few other Letter countries; A4 elsewhere.

Fonts: characters that no font on this computer can print (e.g. Chinese without
fonts-noto-cjk) are named on standard error before saving; the PDF's text still holds
them. --on-missing-glyphs: ask (the default; asks only when run interactively, otherwise
warns and saves), save (warn and save), stop (warn and write nothing).

Tell the PDF password to your therapist separately (at the appointment or by phone),
never in the same email as the file.
"""


MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 20_000  # a few pages: the note is a cover box, not a second journal


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
        "--after-effects",
        action="store_true",
        help="include after-effects per session (logged with 'integrate log effects')",
    )
    p.add_argument(
        "--sleep",
        action="store_true",
        help="include the sleep diary: a chart against sessions and the nights",
    )
    p.add_argument(
        "--substances",
        action="store_true",
        help="include substances and medication changes",
    )
    p.add_argument(
        "--include-item9",
        action="store_true",
        help="include your answers to PHQ-9 item 9 (thoughts of death or self-harm); "
        "left out unless you ask",
    )
    p.add_argument(
        "--attach-data",
        action="store_true",
        help="embed the scores as file attachments: a CSV and one FHIR R4 "
        "QuestionnaireResponse (JSON) per questionnaire (encrypted with the PDF)",
    )
    p.add_argument(
        "--no-checkin-chart",
        action="store_true",
        help="leave out the chart of check-in ratings between sessions",
    )
    p.add_argument(
        "--on-missing-glyphs",
        choices=["ask", "save", "stop"],
        default="ask",
        help="what to do when some characters have no font here (see below)",
    )
    therapist = p.add_mutually_exclusive_group()
    therapist.add_argument(
        "--therapist",
        metavar="NAME",
        default="",
        help="print 'Prepared for NAME' (visible to other local users while the command "
        "runs: prefer --therapist-stdin)",
    )
    therapist.add_argument(
        "--therapist-stdin",
        action="store_true",
        help="read the therapist's name from one line of standard input (see below)",
    )
    note = p.add_mutually_exclusive_group()
    note.add_argument(
        "--note",
        metavar="TEXT",
        default="",
        help="a note to your therapist (visible to other local users while the command "
        "runs: prefer --note-stdin)",
    )
    note.add_argument(
        "--note-stdin",
        action="store_true",
        help="read the note to your therapist from the rest of standard input (see below)",
    )
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


def _check_glyphs(ctx: CliContext, doc: Any) -> None:
    """Name the characters that will print as boxes; ask, save or stop as chosen."""
    from integrate.share.fonts import document_texts, missing_glyphs, missing_glyphs_message

    missing = missing_glyphs(document_texts(doc))
    if not missing:
        return
    print("Warning: " + missing_glyphs_message(missing), file=sys.stderr)
    mode = ctx.args.on_missing_glyphs
    interactive = sys.stdin.isatty() and not (
        getattr(ctx.args, "passphrase_stdin", False) or ctx.args.password_stdin
    )
    if mode == "ask" and interactive:
        answer = input("Save anyway? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            raise CliError("Nothing was written.", EXIT_FAILURE)
    elif mode == "stop":
        raise CliError(
            "Nothing was written (--on-missing-glyphs stop). Install a font that covers "
            "these characters, or use --on-missing-glyphs save.",
            EXIT_FAILURE,
        )


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
        MIN_PASSWORD_LENGTH,
        default_page_size,
        has_printable_content,
        password_problem,
        save_share,
    )

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
            raise CliError(problem.format(n=MIN_PASSWORD_LENGTH), EXIT_USAGE)
        therapist_name = ctx.stdin.line().strip() if args.therapist_stdin else args.therapist
        note_text = ctx.stdin.rest().strip() if args.note_stdin else args.note
        if len(therapist_name) > MAX_NAME_CHARS:
            raise CliError(
                f"The therapist's name is longer than {MAX_NAME_CHARS} characters.", EXIT_USAGE
            )
        if len(note_text) > MAX_NOTE_CHARS:
            raise CliError(
                f"The note is longer than {MAX_NOTE_CHARS:,} characters; nothing was written.",
                EXIT_USAGE,
            )
        sel = default_selection(vault, page_size=default_page_size())
        if args.series:
            sessions = UseCases(vault).sessions.repo
            series = sessions.find_series(args.series)
            if series is None:
                names = [s.name for s in sessions.list_series()]
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
        sel.include_effects = args.after_effects
        sel.include_sleep = args.sleep
        sel.include_substances = args.substances
        sel.include_item9 = args.include_item9
        sel.attach_data = args.attach_data
        sel.include_ratings_chart = not args.no_checkin_chart
        sel.therapist_name = therapist_name
        sel.note = note_text
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
        _check_glyphs(ctx, gathered.document)
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
