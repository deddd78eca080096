"""Timestamps as the vault stores them: ISO 8601 with a UTC offset."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Where Linux keeps the zone setting (read when tzlocal cannot say; tests point elsewhere).
LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


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
    try:
        target = str(LOCALTIME.resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _valid_zone(name):
                return name
    except OSError:
        pass
    try:
        name = TIMEZONE_FILE.read_text().strip()
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


def day_text(
    day: date | datetime, *, weekday: str = "", month: str = "short", year: bool = True
) -> str:
    """A calendar date as every screen writes it: "Sat 21 Nov 2026" (weekday="short"),
    "Saturday 21 November" (weekday="long", month="long", year=False), "21 Nov 2026".

    The one place dates are worded: no zero-padded day, and not the glibc-only
    no-padding flag, which raises on Windows. A datetime is taken at its own wall clock."""
    names = {"short": "%a", "long": "%A"}
    parts = []
    if weekday:
        parts.append(day.strftime(names[weekday]))
    parts.append(str(day.day))
    parts.append(day.strftime("%B" if month == "long" else "%b"))
    if year:
        parts.append(str(day.year))
    return " ".join(parts)


def day_time_text(moment: datetime, *, weekday: str = "short") -> str:
    """ "Sat 21 Nov 2026, 11:50": the date by `day_text`, then the 24-hour wall time."""
    return f"{day_text(moment, weekday=weekday)}, {moment:%H:%M}"


def rules_of(moment: datetime) -> tzinfo:
    """The zone whose rules `moment`'s wall clock follows: its own when it carries an IANA
    zone, else the computer's (a bare UTC offset, as `datetime.now().astimezone()` has, is
    right for that instant only: another date may be on the other side of a DST change)."""
    return moment.tzinfo if isinstance(moment.tzinfo, ZoneInfo) else local_zone()
