"""The reminder times a locked start needs, kept outside the vault while autostart is on.

At login the app starts locked (nobody need be at the screen), so the vault, where the
schedule lives, is closed. For reminders to come anyway, the app writes, when the
journal locks or the app quits, and only while the login entry exists:
`reminder-times.json` beside the vault (0600, atomic): the fire times of the next
`HORIZON` days (quiet hours already applied), the neutral line each one shows (the
same lock-screen-safe wording the notification carries), and the quiet-hours setting
(for a snooze chosen while locked). No check-in key, phase, session, kind or anything
written in the journal: times and neutral lines only. The file is deleted when
autostart is off. No Qt here.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from integrate.core.reminders import SensitiveTextError, validate_notification_text
from integrate.core.timeutil import from_iso, to_iso
from integrate.paths import write_private_atomic

FILE_NAME = "reminder-times.json"
FORMAT = 1
HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class ReminderTime:
    """One reminder a locked start announces: when, and its neutral line."""

    at: datetime
    text: str


def times_path(root: Path) -> Path:
    return root / FILE_NAME


def save_reminder_times(root: Path, times: list[ReminderTime], quiet: str, now: datetime) -> None:
    """Write the times from `now` to `now + HORIZON` (older and later ones are left out)."""
    kept = sorted((t for t in times if now < t.at <= now + HORIZON), key=lambda t: (t.at, t.text))
    payload = {
        "format": FORMAT,
        "quiet_hours": quiet,
        "times": [{"at": to_iso(t.at), "text": validate_notification_text(t.text)} for t in kept],
    }
    write_private_atomic(times_path(root), json.dumps(payload, indent=1).encode("utf-8"))


def load_reminder_times(root: Path, now: datetime) -> tuple[list[ReminderTime], str]:
    """The times still ahead of `now` and the quiet-hours text; nothing when the file is
    missing or unreadable (reminders then start at the first unlock, as before)."""
    try:
        raw = json.loads(times_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], ""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return [], ""
    out: list[ReminderTime] = []
    for entry in raw.get("times", []):
        try:
            at = from_iso(str(entry["at"]))
            text = validate_notification_text(str(entry["text"]))
        except (KeyError, TypeError, ValueError, SensitiveTextError):
            continue  # a hand-edited line that fails the checks is never shown
        if at > now:
            out.append(ReminderTime(at, text))
    quiet = raw.get("quiet_hours")
    return sorted(out, key=lambda t: t.at), quiet if isinstance(quiet, str) else ""


def forget_reminder_times(root: Path) -> None:
    """Delete the file (autostart switched off)."""
    with contextlib.suppress(FileNotFoundError):
        times_path(root).unlink()
