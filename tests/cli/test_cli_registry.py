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
