"""`integrate help-now` and `integrate settings country`.

`help-now` prints exactly what Need help now shows, built by the same model
(`core.crisis_contacts`): the emergency number, the country's crisis lines, the
patient's own numbers and first coping steps from the safety plan, and the sentence
that nobody monitors the app. Personal items need the journal; without one (or when
it cannot be unlocked) the country's lines are printed all the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from integrate.cli.context import CliContext, add_unlock_arguments
from integrate.cli.errors import EXIT_USAGE, CliError
from integrate.core.crisis import OTHER_COUNTRY, load_crisis_lines
from integrate.core.crisis_contacts import build_contacts, render_text
from integrate.core.safety import SafetyPlan, SafetyPlanError
from integrate.country_pref import read_country, write_country
from integrate.services.usecases import UseCases

LEGACY_SETTING = "crisis_country"  # older apps mirrored the country into the vault


def known_codes() -> list[str]:
    """Every accepted country code: the listed ones, then ZZ (another country)."""
    return [code for code, _ in load_crisis_lines().country_choices()] + [OTHER_COUNTRY]


def check_country(code: str) -> str:
    """The code in upper case, or a usage error (exit 2) listing the known codes."""
    wanted = code.strip().upper()
    if wanted not in known_codes():
        choices = (
            ", ".join(f"{c} ({n})" for c, n in load_crisis_lines().country_choices())
            + f", {OTHER_COUNTRY} (another country: no numbers, the international route)"
        )
        raise CliError(f"Unknown country code '{code}'. Known codes: {choices}.", EXIT_USAGE)
    return wanted


def chosen_country(root: Path, vault: Any = None) -> str:
    """The country from preferences.ini; an older journal's in-vault copy as a fallback."""
    code = read_country(root)
    if not code and vault is not None:
        legacy = vault.get_setting(LEGACY_SETTING, None)
        code = legacy.strip().upper() if isinstance(legacy, str) else ""
    return code


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "help-now",
        parents=[common],
        help="crisis lines, emergency number and your own safety-plan contacts",
        description="Print what Need help now shows: emergency number, crisis lines for "
        "your country, your own numbers and first coping steps from your safety plan. "
        "Nobody monitors this app.",
    )
    p.add_argument("--country", metavar="CC", help="two-letter country code, e.g. GB")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_unlock_arguments(p)
    p.set_defaults(handler=cmd_help_now)

    s = sub.add_parser(
        "settings",
        parents=[common],
        help="show or change settings (the crisis-line country)",
        description="Show or change settings kept beside the journal.",
    )
    verbs = s.add_subparsers(dest="settings_command", metavar="SETTING", required=True)
    c = verbs.add_parser(
        "country",
        parents=[common],
        help="the country whose crisis lines are shown",
        description="Show the crisis-line country, or set it (e.g. GB; ZZ for a country "
        "we do not list).",
    )
    c.add_argument("code", nargs="?", metavar="CC", help="two-letter country code")
    c.set_defaults(handler=cmd_settings_country)


def _plan(ctx: CliContext) -> tuple[SafetyPlan | None, str, str | None]:
    """(plan, legacy country, why the personal part is missing)."""
    if not ctx.paths.exists():
        return None, "", None
    try:
        with ctx.open_vault(write=False) as vault:
            stored = vault.get_setting(LEGACY_SETTING, None)
            legacy = stored.strip().upper() if isinstance(stored, str) else ""
            plan = UseCases(vault).coping.safety_plan.load()
            return plan, legacy, None
    except CliError as exc:
        # In a crisis the lines matter more than the reason: print them anyway.
        return None, "", f"Your own contacts are not shown: {exc.message}"
    except SafetyPlanError as exc:
        return None, "", f"Your own contacts are not shown: {exc}"


def cmd_help_now(ctx: CliContext) -> int:
    args = ctx.args
    wanted = check_country(args.country) if args.country else None
    plan, legacy, missing = _plan(ctx)
    country = wanted or read_country(ctx.paths.root) or legacy
    contacts = build_contacts(load_crisis_lines(), country, plan)
    if args.json:
        data = contacts.to_dict()
        data["personal_items_missing"] = missing
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_text(contacts))
    if missing:
        print(missing, file=sys.stderr)
    return 0


def cmd_settings_country(ctx: CliContext) -> int:
    root = ctx.paths.root
    if ctx.args.code is None:
        current = read_country(root)
        directory = load_crisis_lines()
        listed = directory.country(current) if current else None
        if not current:
            print("No country is set. Set one with `integrate settings country CC`.")
        else:
            print(f"{current} ({listed.name if listed else 'another country, not listed'})")
        return 0
    code = check_country(ctx.args.code)
    write_country(root, code)
    listed = load_crisis_lines().country(code)
    print(f"Crisis-line country set to {code} ({listed.name if listed else 'not listed'}).")
    return 0
