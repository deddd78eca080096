"""Timestamps as the vault stores them: ISO 8601 with a UTC offset."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def now_local() -> datetime:
    """The current time, aware, in the computer's local zone."""
    return datetime.now().astimezone()


def to_iso(moment: datetime) -> str:
    """Serialise an aware datetime (naive ones are refused: they are ambiguous)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Times must carry a time zone.")
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Parse what `to_iso` wrote; a naive value is read as local time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.astimezone()


def local_zone_name() -> str:
    """Best-effort IANA name of the local zone (falls back to UTC)."""
    import os
    from pathlib import Path

    env = os.environ.get("TZ")
    if env and _valid_zone(env.lstrip(":")):
        return env.lstrip(":")
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _valid_zone(name):
                return name
    except OSError:
        pass
    timezone_file = Path("/etc/timezone")
    try:
        name = timezone_file.read_text().strip()
        if _valid_zone(name):
            return name
    except OSError:
        pass
    return "UTC"


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# Dates the app can show, sort, chart and print everywhere (Qt, the PDF renderer,
# `strftime`, local-zone conversion). An imported or stored time outside them is refused
# on import and skipped on reading (docs/export-format.md, "Domain rules").
MIN_YEAR = 1900
MAX_YEAR = 2200
_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$")


def in_supported_range(moment: datetime | date) -> bool:
    """True when the year lies within MIN_YEAR..MAX_YEAR (in UTC for aware times)."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:
            return False
    return MIN_YEAR <= moment.year <= MAX_YEAR


def is_known_zone(name: object) -> bool:
    """True for an IANA zone name this computer's zoneinfo knows (e.g. 'Europe/Berlin')."""
    if not isinstance(name, str) or not 0 < len(name) <= 64 or not _ZONE_NAME.match(name):
        return False
    return _valid_zone(name)


def stored_time(text: object) -> datetime:
    """Parse a stored or imported time; ValueError unless it is aware and in range.

    Readers call this so one bad value is skipped instead of stopping a whole screen.
    """
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.astimezone()
    if not in_supported_range(moment):
        raise ValueError(f"year outside {MIN_YEAR}-{MAX_YEAR}")
    return moment


def stored_date(text: object) -> date:
    """Parse a stored or imported YYYY-MM-DD day; ValueError unless it is in range."""
    day = date.fromisoformat(str(text))
    if not in_supported_range(day):
        raise ValueError(f"year outside {MIN_YEAR}-{MAX_YEAR}")
    return day
