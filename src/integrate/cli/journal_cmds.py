"""`integrate add` and `integrate search`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.model import Entry
from integrate.vault.entries import EntryRepository, fts_query

MAX_BODY_CHARS = 2_000_000  # ~ a 400-page book; beyond that it is not a journal entry


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "add",
        parents=[common],
        help="add a journal entry read from stdin",
        description="Add a journal entry; the body is read from standard input. "
        "With --passphrase-stdin the first line is the passphrase "
        "and the rest is the body.",
    )
    p.add_argument("--title", default="", help="entry title")
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
        body = ctx.stdin.rest()
        if not body.strip():
            raise CliError("The entry is empty: write its text to standard input.", EXIT_USAGE)
        if len(body) > MAX_BODY_CHARS:
            raise CliError("The entry is too long (over 2 million characters).", EXIT_USAGE)
        entry = EntryRepository(vault.conn).add(
            Entry(body=body.rstrip("\n"), title=args.title, tags=list(args.tag), flagged=args.flag)
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
        hits = EntryRepository(vault.conn).search(args.query, tag=args.tag, limit=args.limit)
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
    if not hits:
        print("No entries match.")
        return 0
    for hit in hits:
        title = hit.title or "(untitled)"
        print(f"{hit.created_at:%Y-%m-%d %H:%M}  {title}")
        print(f"    {hit.snippet}")
    return 0
