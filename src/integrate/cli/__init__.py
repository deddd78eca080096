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
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE, CliError

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
    "integrate.cli.log_cmds",
    "integrate.cli.autostart_cmd",
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
    "log": "integrate.cli.log_cmds",
    "autostart": "integrate.cli.autostart_cmd",
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
        help="start with the window minimised and the journal locked (the login autostart)",
    )
    parser.add_argument("--benchmark-startup", action="store_true", help=argparse.SUPPRESS)
    # Loads every shipped resource and prints a JSON report (bundle checks; integrate.selfcheck).
    parser.add_argument("--self-check", action="store_true", help=argparse.SUPPRESS)
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
    from integrate.hardening import disable_core_dumps
    from integrate.paths import tighten_umask

    disable_core_dumps()  # before any key or journal text is in memory
    tighten_umask()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    from integrate.cli.terminal import TerminalSafe

    out, err = sys.stdout, sys.stderr
    # argparse's errors quote the arguments given: they pass the same filter as verbs.
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)
    try:
        args = parser.parse_args(argv)
    finally:
        sys.stdout, sys.stderr = out, err
    if not hasattr(args, "data_dir"):  # SUPPRESS leaves it unset when not given
        args.data_dir = None
    if args.command is None and args.self_check:
        from integrate.selfcheck import run

        return run()
    if args.command is None:
        from integrate.startup import import_before_qt, keystore_reading_key

        # The keyring fetch starts first and runs while Qt and the vault code import;
        # not for --minimized: a login start stays locked until someone unlocks.
        if args.minimized:
            from integrate.vault.keystore import Keystore

            keystore = Keystore()
        else:
            keystore = keystore_reading_key(args.data_dir)
        import_before_qt()
        from integrate.app import run_gui  # Qt only when a window is wanted

        return run_gui(args, keystore=keystore)
    from integrate.cli.context import CliContext  # the vault code, after the GUI branch
    from integrate.vault.instance_lock import COMMAND, set_holder

    # Everything a verb prints passes one filter: stored text (titles, names, imported
    # values) can hold escape sequences that would drive the terminal (cli/terminal.py).
    sys.stdout, sys.stderr = TerminalSafe(out), TerminalSafe(err)
    set_holder(COMMAND, str(args.command))  # named in the lock file while this verb holds it
    try:
        if any(_not_utf8(a) for a in argv):
            raise CliError("An argument is not valid UTF-8 text; nothing was done.", EXIT_USAGE)
        return int(args.handler(CliContext(args)) or 0)
    except CliError as exc:
        print(f"integrate: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_FAILURE
    finally:
        sys.stdout, sys.stderr = out, err


def _not_utf8(arg: str) -> bool:
    """Python hands undecodable argv bytes over as lone surrogates (PEP 383)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
