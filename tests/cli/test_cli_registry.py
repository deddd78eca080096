"""VERBS (which module registers which verb) must match what the modules register."""

from __future__ import annotations

import argparse
import importlib

from integrate.cli import COMMAND_MODULES, VERBS, _requested_verb, build_parser


def test_verbs_table_matches_registered_subcommands() -> None:
    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(module).register(sub, argparse.ArgumentParser(add_help=False))
        registered.update({verb: module for verb in sub.choices})
    assert registered == VERBS


def test_requested_verb_skips_global_options() -> None:
    assert _requested_verb(["--data-dir", "search", "check"]) == "check"
    assert _requested_verb(["--minimized"]) is None
    assert _requested_verb(["search", "x"]) == "search"


def test_full_help_lists_every_verb() -> None:
    text = build_parser().format_help()
    for verb in VERBS:
        assert verb in text


def test_starting_the_window_imports_no_verb_module() -> None:
    """`integrate` alone (the GUI) used to import every verb module (~0.1 s at start-up)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from integrate.cli import build_parser\n"
        "args = build_parser(['--data-dir', 'x', '--minimized']).parse_args("
        "['--data-dir', 'x', '--minimized'])\n"
        "assert args.command is None and args.minimized\n"
        "print(sorted(m for m in sys.modules if m.startswith('integrate.cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['integrate.cli.errors']"


def test_help_and_unknown_verbs_still_see_every_verb(capsys) -> None:  # noqa: ANN001
    import pytest

    text = build_parser(["--help"]).format_help()
    assert all(verb in text for verb in VERBS)
    with pytest.raises(SystemExit):
        build_parser(["serch"]).parse_args(["serch"])
    assert "search" in capsys.readouterr().err  # argparse lists the valid choices
