"""`integrate add` and `integrate search`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.model import Entry
from integrate.services.usecases import UseCases
from integrate.vault.entries import fts_query

MAX_BODY_CHARS = 2_000_000  # ~ a 400-page book; beyond that it is not a journal entry


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "add",
        parents=[common],
        help="add a journal entry read from stdin",
        description="Add a journal entry; the body is read from standard input. "
        "With --passphrase-stdin the first line is the passphrase "
        "and the rest is the body. With --title-stdin the next line is the title. "
        "Anything on the command line (such as --title) can be read by other users of "
        "this computer while the command runs.",
    )
    title = p.add_mutually_exclusive_group()
    title.add_argument(
        "--title",
        default="",
        help="entry title (visible to other local users while the command runs: "
        "prefer --title-stdin)",
    )
    title.add_argument(
        "--title-stdin",
        action="store_true",
        help="read the title from the line of standard input before the body",
    )
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="tag (repeatable)")
    p.add_argument("--flag", action="store_true", help="flag the entry for my therapist")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("search", parents=[common], help="full-text search of the journal")
    p.add_argument("query", help='words to find; "quoted phrase"; word* for a prefix')
    p.add_argument("--tag", help="only entries with this tag")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_search)


def cmd_add(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.open_vault(write=True, create=True) as vault:
        title = ctx.stdin.line().strip() if args.title_stdin else args.title
        body = ctx.stdin.rest()
        if not body.strip():
            raise CliError("The entry is empty: write its text to standard input.", EXIT_USAGE)
        if len(body) > MAX_BODY_CHARS:
            raise CliError("The entry is too long (over 2 million characters).", EXIT_USAGE)
        entry = UseCases(vault).journal.entries.add(
            Entry(body=body.rstrip("\n"), title=title, tags=list(args.tag), flagged=args.flag)
        )
    print(f"Added entry {entry.uid}.")
    return 0


def cmd_search(ctx: CliContext) -> int:
    args = ctx.args
    if not fts_query(args.query):
        raise CliError(
            'Nothing to search for: give one or more words, e.g. integrate search "walk".',
            EXIT_USAGE,
        )
    with ctx.open_vault(write=False) as vault:
        use = UseCases(vault)
        hits = use.journal.entries.search(args.query, tag=args.tag, limit=args.limit)
        # After-effect notes are free text too (issue 17); they carry no tags. Listed in
        # the text output only, so the JSON list of entries keeps its shape.
        notes = (
            []
            if args.tag or args.json
            else use.tracking.repo.search_effects(args.query, args.limit)
        )
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "uid": h.uid,
                        "title": h.title,
                        "snippet": h.snippet,
                        "created_at": h.created_at.isoformat(),
                        "flagged": h.flagged,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not hits and not notes:
        print("No entries match.")
        return 0
    for hit in hits:
        title = hit.title or "(untitled)"
        print(f"{hit.created_at:%Y-%m-%d %H:%M}  {title}")
        print(f"    {hit.snippet}")
    for note in notes:
        print(f"{note.effects.at:%Y-%m-%d %H:%M}  After-effects note")
        print(f"    {note.snippet}")
    return 0
