"""Checking what a patient typed about a session (shared by the Sessions screen and the CLI).

Each parser returns a clean value or raises `InputError` with one plain sentence that
says what to change. Nothing here stores anything.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from integrate.core.model import Route, Setting

MAX_TEXT = 20_000  # intention / notes: generous, but a session note is not a book
MAX_DOSE = 10_000.0
_BP = re.compile(r"^\s*(\d{2,3})\s*/\s*(\d{2,3})\s*$")

ROUTE_ALIASES: dict[str, Route] = {
    "iv": Route.IV,
    "intravenous": Route.IV,
    "im": Route.IM,
    "intramuscular": Route.IM,
    "sublingual": Route.SUBLINGUAL,
    "oral": Route.SUBLINGUAL,
    "lozenge": Route.SUBLINGUAL,
    "intranasal": Route.INTRANASAL,
    "nasal": Route.INTRANASAL,
    "esketamine": Route.INTRANASAL,
    "other": Route.OTHER,
}


class InputError(ValueError):
    """What the patient typed cannot be used; str(exc) says why, plainly."""


def parse_route(text: str) -> Route:
    key = text.strip().lower().replace("-", "").replace(" ", "")
    if key in ROUTE_ALIASES:
        return ROUTE_ALIASES[key]
    raise InputError(
        f"Unknown route {text!r}. Use one of: iv, im, sublingual (or oral), intranasal, other."
    )


def parse_setting(text: str) -> Setting:
    try:
        return Setting(text.strip().lower())
    except ValueError:
        raise InputError(f"Unknown setting {text!r}. Use clinic, home or other.") from None


def parse_bp(text: str) -> str | None:
    """Blood pressure as "120/80" (systolic/diastolic). Empty means not recorded."""
    if not text.strip():
        return None
    match = _BP.match(text)
    if not match:
        raise InputError("Blood pressure should look like 120/80 (two numbers and a slash).")
    systolic, diastolic = int(match.group(1)), int(match.group(2))
    if not (50 <= systolic <= 260 and 30 <= diastolic <= 160) or diastolic >= systolic:
        raise InputError(
            f"Blood pressure {systolic}/{diastolic} looks unlikely. Check the numbers "
            "(the first is the higher one, e.g. 120/80)."
        )
    return f"{systolic}/{diastolic}"


def parse_dose(value: float | str | None, unit: str | None) -> tuple[float | None, str | None]:
    """A positive dose with its unit, or (None, None) when no dose is given."""
    unit_clean = (unit or "").strip() or None
    if value is None or (isinstance(value, str) and not value.strip()):
        if unit_clean:
            raise InputError("A unit was given without a dose. Add the dose, or leave both out.")
        return None, None
    try:
        dose = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise InputError(f"The dose {value!r} is not a number.") from None
    if not 0 < dose <= MAX_DOSE or dose != dose:
        raise InputError("The dose should be a number above 0.")
    if unit_clean is None:
        raise InputError("Add the unit of the dose (for example mg or mg/kg).")
    if len(unit_clean) > 20:
        raise InputError("The dose unit should be short (for example mg or mg/kg).")
    return dose, unit_clean


def parse_rating(value: int | str | None, what: str) -> int | None:
    """A 0-10 rating, or None when not given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(f"{what} should be a whole number from 0 to 10.") from None
    if not 0 <= number <= 10:
        raise InputError(f"{what} should be from 0 to 10.")
    return number


def check_text(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise InputError(f"{what} is too long (over {MAX_TEXT} characters).")
    return text


def parse_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"Unknown time zone {name!r} (use a name like Europe/Berlin).") from None
    return name


def parse_when(text: str, tz: str) -> datetime:
    """An ISO 8601 date and time. Without an offset it is read as local time in `tz`.

    With an offset the instant is kept and shown in `tz`.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{text!r} is not a date and time. Use ISO 8601, e.g. 2024-05-06T09:30 "
            "or 2024-05-06T09:30+02:00."
        ) from None
    zone = ZoneInfo(parse_zone(tz))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
