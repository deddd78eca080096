"""reminder-times.json: what a locked login start announces (times and neutral lines only)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from integrate.vault.reminder_times import (
    HORIZON,
    ReminderTime,
    forget_reminder_times,
    load_reminder_times,
    save_reminder_times,
    times_path,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_round_trip_keeps_only_the_coming_week_private(tmp_path: Path) -> None:
    times = [
        ReminderTime(NOW - timedelta(hours=1), "Time for your check-in"),  # past
        ReminderTime(NOW + timedelta(hours=2), "Time for your check-in"),
        ReminderTime(NOW + timedelta(days=1), "A questionnaire is ready when you are"),
        ReminderTime(NOW + HORIZON + timedelta(hours=1), "Time for your check-in"),  # later
    ]
    save_reminder_times(tmp_path, times, "22:00-08:00", NOW)
    assert times_path(tmp_path).stat().st_mode & 0o777 == 0o600
    loaded, quiet = load_reminder_times(tmp_path, NOW)
    assert loaded == times[1:3] and quiet == "22:00-08:00"
    # Read an hour later: what has passed is left to the unlock's summary.
    later, _ = load_reminder_times(tmp_path, NOW + timedelta(hours=3))
    assert later == times[2:3]
    forget_reminder_times(tmp_path)
    assert not times_path(tmp_path).exists()
    forget_reminder_times(tmp_path)  # twice is fine
    assert load_reminder_times(tmp_path, NOW) == ([], "")


def test_a_hand_edited_or_damaged_file_shows_nothing_unsafe(tmp_path: Path) -> None:
    path = times_path(tmp_path)
    at = (NOW + timedelta(hours=1)).isoformat()
    entries = [
        {"at": at, "text": "Your ketamine session"},  # refused: never shown
        {"at": "not a time", "text": "Time for your check-in"},
        {"at": at, "text": "Line one\nline two"},
        {"text": "no time"},
        {"at": at, "text": "Time for your check-in"},
    ]
    path.write_text(json.dumps({"format": 1, "quiet_hours": "off", "times": entries}))
    loaded, quiet = load_reminder_times(tmp_path, NOW)
    assert [t.text for t in loaded] == ["Time for your check-in"] and quiet == "off"
    for broken in ("{", "[]", json.dumps({"format": 99, "times": entries})):
        path.write_text(broken)
        assert load_reminder_times(tmp_path, NOW) == ([], "")
