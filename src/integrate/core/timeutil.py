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
    """The IANA name of the computer's zone: $TZ when it names one, else what the OS is
    set to (tzlocal reads /etc/localtime, /etc/timezone, the Windows registry, macOS
    settings). "UTC" only when none of them names a zone, and then with a warning in the
    log rather than silently (Windows has no /etc/localtime: that was the old fallback)."""
    import os
    from pathlib import Path

    env = os.environ.get("TZ")
    if env and _valid_zone(env.lstrip(":")):
        return env.lstrip(":")
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - a broken OS setting falls through to the files below
        name = None
    if name and _valid_zone(name):
        return str(name)
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
    import logging

    logging.getLogger(__name__).warning("The computer's time zone is unknown; using UTC.")
    return "UTC"


def local_zone() -> ZoneInfo:
    """The computer's zone with its rules for every date (not today's fixed offset, which
    is what `datetime.now().astimezone().tzinfo` gives: wrong across a DST change)."""
    name = local_zone_name()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def in_local_zone(moment: datetime) -> datetime:
    """`moment` as the computer's wall clock showed (or will show) it on its own date."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Times must carry a time zone.")
    return moment.astimezone(local_zone())


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
