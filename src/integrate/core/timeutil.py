"""Timestamps as the vault stores them: ISO 8601 with a UTC offset."""

from __future__ import annotations

from datetime import datetime, tzinfo
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
