"""`integrate autostart on|off|status [--neutral-name]`: start at login, minimised and locked.

The entry runs `integrate --minimized` (plus `--data-dir DIR` when the journal is not in
the default folder): the window starts minimised and the journal locked, reminders still
come, and the journal opens when the patient unlocks it. No Qt, no vault access.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from integrate.cli.context import CliContext
from integrate.cli.errors import EXIT_FAILURE, CliError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "autostart",
        parents=[common],
        help="start Integrate at login, minimised and locked (or stop doing so)",
        description="Add or remove the login entry for your user only. At login the app "
        "starts minimised with the journal locked; reminders still come, and the journal "
        "opens when you unlock it. --data-dir is kept in the entry.",
    )
    p.add_argument("state", choices=["on", "off", "status"], help="on, off, or show the state")
    p.add_argument(
        "--neutral-name",
        action="store_true",
        help='list it as "Journal" in the login items (for shared computers)',
    )
    p.set_defaults(handler=cmd_autostart)


def custom_data_dir(given: str | None) -> Path | None:
    """The journal folder to write into the entry: None for the default folder."""
    from integrate.paths import default_data_dir, resolve_data_dir

    folder = resolve_data_dir(given)  # --data-dir, else $INTEGRATE_DATA_DIR, else default
    return None if folder == default_data_dir().resolve() else folder


def cmd_autostart(ctx: CliContext) -> int:
    from integrate.core import autostart

    args = ctx.args
    home = Path.home()
    try:
        if args.state == "on":
            written = autostart.enable_autostart(
                sys.platform,
                home,
                neutral_name=args.neutral_name,
                data_dir=custom_data_dir(args.data_dir),
            )
            where = f" ({written})" if written is not None else ""
            print(f"On: starts at login, minimised and locked{where}.")
        elif args.state == "off":
            found = autostart.disable_autostart(sys.platform, home)
            # The reminder times kept for a locked login start are not needed any more.
            from integrate.paths import resolve_data_dir
            from integrate.vault.reminder_times import forget_reminder_times

            forget_reminder_times(resolve_data_dir(args.data_dir))
            print("Off: removed the login entry." if found else "Off (there was no login entry).")
        else:
            print("on" if autostart.is_enabled(sys.platform, home) else "off")
    except (OSError, ValueError) as exc:
        raise CliError(f"Could not change the login entry: {exc}", EXIT_FAILURE) from None
    return 0
