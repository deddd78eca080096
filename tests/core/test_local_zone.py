"""The computer's time zone on every platform, and times under their own date's rules
(issue 18: the schedule fell back to UTC on Windows; displays used today's offset)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core import timeutil
from integrate.core.timeutil import (
    day_text,
    day_time_text,
    in_local_zone,
    local_zone,
    local_zone_name,
    rules_of,
)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_without_tz_the_zone_comes_from_the_os_through_tzlocal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As on Windows: no TZ, no /etc/localtime; tzlocal reads the registry there.
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: "America/Toronto")
    assert local_zone_name() == "America/Toronto"
    assert local_zone() == ZoneInfo("America/Toronto")


def test_utc_only_when_nothing_names_a_zone_and_then_not_silently(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: None)
    monkeypatch.setattr(timeutil, "LOCALTIME", tmp_path / "localtime")  # neither exists
    monkeypatch.setattr(timeutil, "TIMEZONE_FILE", tmp_path / "timezone")
    with caplog.at_level("WARNING"):
        assert local_zone_name() == "UTC"
    assert "time zone is unknown" in caplog.text


def test_tz_still_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_zone_name() == "Asia/Tokyo"


def test_a_time_shows_with_its_own_dates_offset_across_a_dst_change(new_york: None) -> None:
    july = datetime(2026, 7, 7, 14, 0, tzinfo=UTC)
    january = datetime(2026, 1, 7, 15, 0, tzinfo=UTC)
    assert in_local_zone(july).isoformat() == "2026-07-07T10:00:00-04:00"
    assert in_local_zone(january).isoformat() == "2026-01-07T10:00:00-05:00"
    # A fixed offset (what datetime.now().astimezone() carries) is not taken as the rules.
    fixed_now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC).astimezone()
    assert rules_of(fixed_now) == ZoneInfo("America/New_York")
    berlin = datetime(2026, 7, 7, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert rules_of(berlin) == ZoneInfo("Europe/Berlin")


def test_dates_are_worded_by_one_helper_without_padding() -> None:
    assert day_text(date(2026, 3, 1)) == "1 Mar 2026"
    assert day_text(date(2026, 3, 1), weekday="short") == "Sun 1 Mar 2026"
    assert day_text(date(2026, 3, 1), weekday="long", month="long", year=False) == "Sunday 1 March"
    assert day_time_text(datetime(2026, 11, 21, 9, 5)) == "Sat 21 Nov 2026, 09:05"


def test_no_screen_uses_the_unportable_day_format() -> None:
    """strftime("%-d") raises on Windows; dates go through day_text instead."""
    src = Path(timeutil.__file__).resolve().parents[1]
    offenders = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if any(f in path.read_text("utf-8") for f in ("%-d", "%-m", "%-H", "%-I"))
    ]
    assert offenders == []


def test_share_period_bounds_follow_the_dates_own_offset(
    new_york: None, tmp_path: Path, fast_kdf: None
) -> None:
    """An entry written at 00:30 on the first day of a summer period is inside it, also
    when the share is made in winter (the old bounds used today's -05:00: 01:00 EDT)."""
    from integrate.core.model import Entry
    from integrate.paths import VaultPaths
    from integrate.share.gather import Period, flagged_uids
    from integrate.vault.entries import EntryRepository
    from integrate.vault.vault import create_vault

    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="zone test pw")
    with created.vault as vault:
        repo = EntryRepository(vault.conn)
        summer = repo.add(
            Entry(
                body="late",
                flagged=True,
                created_at=datetime(2026, 7, 1, 0, 30, tzinfo=ZoneInfo("America/New_York")),
            )
        )
        winter = repo.add(
            Entry(
                body="late too",
                flagged=True,
                created_at=datetime(2026, 1, 1, 0, 30, tzinfo=ZoneInfo("America/New_York")),
            )
        )
        assert flagged_uids(vault, Period(date(2026, 7, 1), date(2026, 7, 1))) == [summer.uid]
        assert flagged_uids(vault, Period(date(2026, 1, 1), date(2026, 1, 1))) == [winter.uid]
