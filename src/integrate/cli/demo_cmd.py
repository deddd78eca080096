"""`integrate demo`: a vault filled with realistic sample data."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from integrate.cli.context import CliContext
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError
from integrate.paths import VaultPaths, default_data_dir, resolve_data_dir
from integrate.vault.vault import VaultError, create_vault

DEMO_PASSPHRASE = "demo"  # noqa: S105 - sample data only, printed to the user


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="create a journal filled with sample data",
        description="Create a new journal filled with realistic sample data "
        "(a fictional person). The key goes into the system keyring; "
        "where none exists the demo passphrase is 'demo'.",
    )
    p.add_argument("--open", action="store_true", help="open it in the app afterwards")
    p.add_argument(
        "--years",
        type=int,
        default=0,
        help="also generate N years of daily history (for performance work)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=None,
        help="make the journal repeatable: the same seed on the same day gives the same "
        "records, uids included (default: the usual sample journal with fresh uids)",
    )
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="protect the demo with a passphrase read from standard input",
    )
    p.set_defaults(handler=cmd_demo)


def demo_data_dir(args: argparse.Namespace) -> VaultPaths:
    if args.data_dir:
        return VaultPaths(resolve_data_dir(args.data_dir))
    # Never fill the patient's real journal folder with sample data.
    return VaultPaths(default_data_dir().with_name("Integrate Demo"))


def cmd_demo(ctx: CliContext) -> int:
    from integrate.demo import populate_demo

    args = ctx.args
    if args.years < 0 or args.years > 50:
        raise CliError("--years must be between 0 and 50.", EXIT_USAGE)
    paths = demo_data_dir(args)
    if paths.db.exists() or paths.keyslots.exists():
        raise CliError(
            f"A journal already exists in {paths.root}; choose an empty folder with --data-dir.",
            EXIT_FAILURE,
        )
    passphrase = ctx.stdin.secret("passphrase") if args.passphrase_stdin else None
    keystore = ctx.keystore()
    try:
        created = create_vault(paths, keystore=keystore, passphrase=passphrase)
    except VaultError:
        passphrase = DEMO_PASSPHRASE
        created = create_vault(paths, keystore=None, passphrase=passphrase)
        print(
            f"No usable system keyring: the demo journal's passphrase is '{passphrase}'.",
            file=sys.stderr,
        )
    with created.vault as vault:
        populate_demo(vault, seed=args.seed, years=args.years)
        counts = vault.counts()
    from integrate.country_pref import read_country, write_country
    from integrate.demo.exercises import demo_country

    if not read_country(paths.root):  # the country its safety plan was made for
        write_country(paths.root, demo_country("Europe/London"))
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    print(f"Demo journal created in {paths.root} ({summary}).")
    print(f"Recovery code: {created.recovery_code}")
    if args.open:
        from integrate.app import run_gui

        args.data_dir = str(paths.root)
        args.command = None
        return run_gui(args)
    return 0
