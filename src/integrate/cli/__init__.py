"""The `integrate` command line: the GUI by default, plus scriptable verbs.

Verbs that need no window never import Qt (start-up speed, and they work on
machines without a display). Each verb group lives in its own module with a
`register(subparsers)` function; COMMAND_MODULES lists them and VERBS says which
module registers which verb, so running one verb imports only its module
(tests/cli/test_cli_registry.py keeps the two in step).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from integrate import __version__
from integrate.cli.errors import EXIT_FAILURE, CliError

COMMAND_MODULES = [
    "integrate.cli.vault_cmds",
    "integrate.cli.journal_cmds",
    "integrate.cli.demo_cmd",
    "integrate.cli.session_cmds",
    "integrate.cli.measure_cmds",
    "integrate.cli.backup_cmds",
    "integrate.cli.calendar_cmd",
    "integrate.cli.desktop_cmd",
    "integrate.cli.export_pdf_cmd",
    "integrate.cli.crisis_cmds",
]

VERBS = {
    "init": "integrate.cli.vault_cmds",
    "check": "integrate.cli.vault_cmds",
    "add": "integrate.cli.journal_cmds",
    "search": "integrate.cli.journal_cmds",
    "demo": "integrate.cli.demo_cmd",
    "session": "integrate.cli.session_cmds",
    "schedule": "integrate.cli.session_cmds",
    "measure": "integrate.cli.measure_cmds",
    "backup": "integrate.cli.backup_cmds",
    "restore": "integrate.cli.backup_cmds",
    "export-json": "integrate.cli.backup_cmds",
    "export-markdown": "integrate.cli.backup_cmds",
    "import-json": "integrate.cli.backup_cmds",
    "calendar": "integrate.cli.calendar_cmd",
    "install-desktop-entry": "integrate.cli.desktop_cmd",
    "export-pdf": "integrate.cli.export_pdf_cmd",
    "help-now": "integrate.cli.crisis_cmds",
    "settings": "integrate.cli.crisis_cmds",
}


def _requested_verb(argv: Sequence[str]) -> str | None:
    """The verb in `argv` (skipping global options and --data-dir's value), if any."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--data-dir":
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv`, only the module of the verb it names is imported, and
    none when it names no verb (the window starts) unless help is asked for."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy of the option must not reset a value given before it.
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder holding the journal (default: your user data folder; "
        "or set INTEGRATE_DATA_DIR)",
    )
    parser = argparse.ArgumentParser(
        prog="integrate",
        parents=[common],
        description="Integrate: a private journal for the days between therapy sessions.",
    )
    parser.set_defaults(command=None)
    parser.add_argument("--version", action="version", version=f"integrate {__version__}")
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="start with the window minimised (used by the login autostart)",
    )
    parser.add_argument("--benchmark-startup", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    verb = _requested_verb(argv) if argv is not None else None
    if verb in VERBS:
        modules = [VERBS[verb]]
    elif argv is not None and verb is None and not {"-h", "--help"} & set(argv):
        modules = []  # the GUI: no verb module is needed (~0.1 s of imports saved)
    else:
        modules = COMMAND_MODULES  # help, or an unknown verb (argparse lists the choices)
    for name in modules:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `integrate` script and `python -m integrate`."""
    from integrate.paths import tighten_umask

    tighten_umask()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):  # SUPPRESS leaves it unset when not given
        args.data_dir = None
    if args.command is None:
        from integrate.startup import import_before_qt, keystore_reading_key

        # The keyring fetch starts first and runs while Qt and the vault code import.
        keystore = keystore_reading_key(args.data_dir)
        import_before_qt()
        from integrate.app import run_gui  # Qt only when a window is wanted

        return run_gui(args, keystore=keystore)
    from integrate.cli.context import CliContext  # the vault code, after the GUI branch

    ctx = CliContext(args)
    try:
        return int(args.handler(ctx) or 0)
    except CliError as exc:
        print(f"integrate: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
