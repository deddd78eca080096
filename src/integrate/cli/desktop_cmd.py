"""`integrate install-desktop-entry [--neutral-name] [--uninstall]`: a menu entry (Linux).

Writes $XDG_DATA_HOME/applications/org.integrate.Integrate.desktop (default
~/.local/share) and the icon to $XDG_DATA_HOME/icons/hicolor/scalable/apps/ under the same
application id (core.identity.APP_ID, as the .deb and the metainfo use). No Qt involved.
Launchers show the Name and Comment in menus and search results, on a computer the
patient may share, so both use neutral words only (tests check them against
resources/sensitive_words.toml); --neutral-name also calls the entry "Journal".
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from integrate.cli.context import CliContext
from integrate.cli.errors import EXIT_FAILURE, CliError
from integrate.core.desktop_entry import exec_line
from integrate.core.identity import APP_ID, APP_NAME, NEUTRAL_NAME
from integrate.paths import write_private_atomic

DESKTOP_ID = APP_ID
OLD_DESKTOP_ID = "integrate"  # what versions before the application id wrote
MARKER = "X-Integrate-Entry=true"  # only files we wrote are ever removed
NAMES = {
    False: (APP_NAME, "A private journal with short check-ins"),
    True: (NEUTRAL_NAME, "A private journal"),
}
# Debian 12's desktop-file-validate (0.26) rejects "1.5" as an unknown version.
SPEC_VERSION = "1.4"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "install-desktop-entry",
        parents=[common],
        help="add Integrate to your desktop's application menu (Linux)",
        description="Write a menu entry and icon for your user only "
        "(~/.local/share/applications, or $XDG_DATA_HOME). Nothing needs admin rights.",
    )
    p.add_argument(
        "--neutral-name",
        action="store_true",
        help='call the menu entry "Journal" with a plain description (for shared computers)',
    )
    p.add_argument(
        "--uninstall", action="store_true", help="remove the menu entry and icon written before"
    )
    p.add_argument(
        "--exec",
        dest="exec_command",
        metavar="COMMAND",
        help="command the entry runs (default: this installation of integrate)",
    )
    p.set_defaults(handler=cmd_desktop_entry)


def data_home() -> Path:
    """$XDG_DATA_HOME if set to an absolute path, else ~/.local/share (XDG spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def entry_path(base: Path | None = None, name: str = DESKTOP_ID) -> Path:
    return (base or data_home()) / "applications" / f"{name}.desktop"


def icon_path(base: Path | None = None, name: str = DESKTOP_ID) -> Path:
    return (base or data_home()) / "icons" / "hicolor" / "scalable" / "apps" / f"{name}.svg"


def default_command() -> list[str]:
    """How to start this installation: the bundle's program, its `integrate` script, else
    `python -m integrate`."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the program itself
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "integrate" and script.is_file():
        return [str(script.resolve())]
    return [sys.executable, "-m", "integrate"]


def desktop_entry(command: list[str], *, neutral: bool) -> str:
    """The .desktop file's text."""
    name, comment = NAMES[neutral]
    exec_value = exec_line(command)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Version={SPEC_VERSION}",
            f"Name={name}",
            "GenericName=Journal",
            f"Comment={comment}",
            f"Exec={exec_value}",
            f"TryExec={command[0]}",
            f"Icon={DESKTOP_ID}",
            "Terminal=false",
            "Categories=Utility;",
            "Keywords=journal;diary;notes;",
            "StartupNotify=true",
            MARKER,
            "",
        ]
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_atomic(path, data)


def install(command: list[str], *, neutral: bool, base: Path | None = None) -> tuple[Path, Path]:
    """Write the entry and icon; returns their paths."""
    from integrate.resources import resource_path

    entry, icon = entry_path(base), icon_path(base)
    if entry.exists() and MARKER not in entry.read_text(encoding="utf-8", errors="replace"):
        raise CliError(f"{entry} exists and was not written by Integrate; left as it is.")
    _write(icon, resource_path("icons", "app.svg").read_bytes())
    _write(entry, desktop_entry(command, neutral=neutral).encode("utf-8"))
    entry.chmod(0o644)
    return entry, icon


def uninstall(base: Path | None = None) -> list[Path]:
    """Remove what `install` wrote (an entry without our marker is left alone)."""
    removed = []
    for name in (DESKTOP_ID, OLD_DESKTOP_ID):
        entry, icon = entry_path(base, name), icon_path(base, name)
        if entry.exists():
            if MARKER not in entry.read_text(encoding="utf-8", errors="replace"):
                raise CliError(f"{entry} was not written by Integrate; left as it is.")
            entry.unlink()
            removed.append(entry)
        if icon.exists():
            icon.unlink()
            removed.append(icon)
    return removed


def cmd_desktop_entry(ctx: CliContext) -> int:
    args = ctx.args
    if args.uninstall:
        removed = uninstall()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("No menu entry was installed.")
        return 0
    command = shlex.split(args.exec_command) if args.exec_command else default_command()
    if not command:
        raise CliError("--exec needs a command.", EXIT_FAILURE)
    if args.data_dir:
        command += ["--data-dir", str(Path(args.data_dir).expanduser().resolve())]
    entry, icon = install(command, neutral=args.neutral_name)
    print(f"wrote {entry}")
    print(f"wrote {icon}")
    return 0
