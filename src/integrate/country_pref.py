"""The crisis-line country, kept in one place: `preferences.ini` beside the journal.

The app reads and writes it through QSettings (key `crisis/country`); the command
line, which never imports Qt, edits that one line of the same file here. Only the
`country` line of the `[crisis]` section is touched, so the window geometry and other
preferences QSettings wrote stay byte for byte as they were.

The country is not sensitive (it is not journal content) and is needed before the
journal is unlocked (Need help now works locked), so it lives outside the vault.
"""

from __future__ import annotations

import re
from pathlib import Path

from integrate.paths import ensure_private_dir, write_private_atomic

PREFERENCES_FILE = "preferences.ini"
SECTION = "crisis"
KEY = "country"
QSETTINGS_KEY = f"{SECTION}/{KEY}"  # the same value as QSettings names it
_SECTION_LINE = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")
_KEY_LINE = re.compile(rf"^\s*{KEY}\s*=\s*(?P<value>.*?)\s*$")


def preferences_file(root: Path) -> Path:
    return root / PREFERENCES_FILE


def read_country(root: Path) -> str:
    """The chosen country code, upper case, or "" when none was chosen (or unreadable)."""
    try:
        text = preferences_file(root).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    section = ""
    for line in text.splitlines():
        if match := _SECTION_LINE.match(line):
            section = match["name"].strip()
        elif section == SECTION and (match := _KEY_LINE.match(line)):
            return match["value"].strip().strip('"').upper()
    return ""


def write_country(root: Path, code: str) -> None:
    """Set the country (privately, atomically), leaving every other line as it was."""
    ensure_private_dir(root)
    path = preferences_file(root)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    new_line = f"{KEY}={code.strip().upper()}"
    section = ""
    header_at: int | None = None
    for index, line in enumerate(lines):
        if match := _SECTION_LINE.match(line):
            section = match["name"].strip()
            if section == SECTION:
                header_at = index
        elif section == SECTION and _KEY_LINE.match(line):
            lines[index] = new_line
            break
    else:
        if header_at is None:
            if lines and lines[-1].strip():
                lines.append("")
            lines += [f"[{SECTION}]", new_line]
        else:
            lines.insert(header_at + 1, new_line)
    write_private_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
