"""Crisis lines and emergency numbers, from `resources/crisis_lines.toml`.

The data is editable and must be verified before each release (see the file's
header). Patients can add their own numbers; merging them is a pure function
so the vault only has to store the patient's entries.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from integrate.core.i18n import tr_noop
from integrate.resources import resource_path

# The choice for a patient whose country has no entry here ("ZZ" is a user-assigned
# ISO 3166 code, never a real country): no numbers are shown, only "check locally".
OTHER_COUNTRY = "ZZ"

_NUMBER_CHARS = re.compile(r"^\+?[0-9][0-9 ()\-]*$")
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class ContactMethod(StrEnum):
    CALL = "call"
    TEXT = "text"
    WEB = "web"  # `number` holds a web address such as "findahelpline.com"


_WEB_ADDRESS = re.compile(r"^(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CrisisContact:
    how: ContactMethod
    number: str  # as people write it, e.g. "116 123"
    label: str = ""  # e.g. "Veterans"

    @property
    def digits(self) -> str:
        """The number without spaces or punctuation (a leading + is kept); "" for web."""
        return "" if self.how is ContactMethod.WEB else normalise_number(self.number)

    @property
    def uri(self) -> str:
        """A tel:, sms: or https: link the desktop can hand to a phone app or browser."""
        if self.how is ContactMethod.WEB:
            address = self.number.strip()
            return address if "://" in address else f"https://{address}"
        scheme = "tel" if self.how is ContactMethod.CALL else "sms"
        return f"{scheme}:{self.digits}"


@dataclass(frozen=True)
class CrisisLine:
    service: str
    contacts: tuple[CrisisContact, ...]
    notes: str = ""
    user_added: bool = False
    hours: str = ""  # "" = not known, so nothing is claimed


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    emergency: tuple[str, ...]
    lines: tuple[CrisisLine, ...]


@dataclass(frozen=True)
class CrisisDirectory:
    countries: tuple[Country, ...]
    not_monitored: str  # "Nobody monitors this app..." shown with every crisis screen
    verification: str  # "unverified" until someone checked every number
    last_checked: str  # YYYY-MM-DD or "" (never)
    checked_by: str = ""
    source: str = ""
    # The route for "no country chosen" or a country not listed (an international directory).
    international: CrisisLine | None = None

    @property
    def verified(self) -> bool:
        return self.verification == "verified" and bool(self.last_checked)

    def country(self, code: str) -> Country | None:
        wanted = code.strip().upper()
        return next((c for c in self.countries if c.code == wanted), None)

    def country_choices(self) -> list[tuple[str, str]]:
        """(code, name) pairs sorted by name, for a country picker."""
        return sorted(((c.code, c.name) for c in self.countries), key=lambda p: p[1])

    def emergency_for(self, code: str) -> tuple[str, ...]:
        country = self.country(code)
        return country.emergency if country else ()

    def lines_for(self, code: str, user_entries: Sequence[UserCrisisLine] = ()) -> list[CrisisLine]:
        """Lines for a country with the patient's own entries merged in (theirs first)."""
        country = self.country(code)
        builtin = list(country.lines) if country else []
        return merge_user_lines(builtin, user_entries, code)


@dataclass(frozen=True)
class UserCrisisLine:
    """A number the patient added. country None = show it whatever country is chosen."""

    service: str
    number: str
    how: ContactMethod = ContactMethod.CALL
    country: str | None = None
    notes: str = ""


class CrisisDataError(ValueError):
    """The crisis lines file is invalid; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Invalid crisis lines data:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


def normalise_number(number: str) -> str:
    """Digits only, keeping a leading "+", so numbers compare and dial reliably."""
    stripped = number.strip()
    digits = re.sub(r"[^0-9]", "", stripped)
    return ("+" + digits) if stripped.startswith("+") else digits


def number_problem(number: str) -> str | None:
    """Why a phone number is unusable, or None if it looks dialable."""
    text = number.strip()
    if not text:
        return "is empty"
    if not _NUMBER_CHARS.match(text):
        return "may only contain digits, spaces, brackets, dashes and a leading +"
    if len(normalise_number(text).lstrip("+")) < 3:
        return "needs at least 3 digits"
    return None


# number_problem() -> the sentence the patient's form shows (translated by the UI).
_NUMBER_SENTENCES = {
    "is empty": tr_noop("SafetyPlan", "Number is empty"),
    "may only contain digits, spaces, brackets, dashes and a leading +": tr_noop(
        "SafetyPlan", "Number may only contain digits, spaces, brackets, dashes and a leading +"
    ),
    "needs at least 3 digits": tr_noop("SafetyPlan", "Number needs at least 3 digits"),
}


def validate_user_line(entry: UserCrisisLine) -> list[str]:
    """Problems with a patient's entry, phrased for a form ("Number is empty")."""
    problems: list[str] = []
    if not entry.service.strip():
        problems.append(tr_noop("SafetyPlan", "Name is empty"))
    problem = number_problem(entry.number)
    if problem:
        problems.append(_NUMBER_SENTENCES.get(problem, f"Number {problem}"))
    if entry.country is not None and not _COUNTRY_CODE.match(entry.country.strip().upper()):
        problems.append(tr_noop("SafetyPlan", "Country must be a two-letter code such as GB"))
    return problems


def merge_user_lines(
    builtin: Iterable[CrisisLine], user_entries: Sequence[UserCrisisLine], country: str
) -> list[CrisisLine]:
    """The patient's entries for `country` (or for any country) first, then the built-in lines.

    Invalid entries and entries repeating a built-in number are left out.
    """
    builtin = list(builtin)
    known = {(c.how, c.digits) for line in builtin for c in line.contacts}
    wanted = country.strip().upper()
    own: list[CrisisLine] = []
    for entry in user_entries:
        if entry.country is not None and entry.country.strip().upper() != wanted:
            continue
        if validate_user_line(entry):
            continue
        contact = CrisisContact(ContactMethod(entry.how), entry.number.strip())
        if (contact.how, contact.digits) in known:
            continue
        known.add((contact.how, contact.digits))
        own.append(
            CrisisLine(entry.service.strip(), (contact,), entry.notes.strip(), user_added=True)
        )
    return own + builtin


def default_path() -> Path:
    return resource_path("crisis_lines.toml")


@cache
def _load_default() -> CrisisDirectory:
    return load_crisis_lines(default_path())


def load_crisis_lines(path: Path | None = None) -> CrisisDirectory:
    """Load and validate the crisis lines file (the shipped one by default)."""
    if path is None:
        return _load_default()
    source = path.name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise CrisisDataError([f"{source}: file is missing"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CrisisDataError([f"{source}: does not parse: {exc}"]) from exc
    return parse_crisis_lines(data, source)


def countries(directory: CrisisDirectory | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country with built-in lines."""
    return (directory or load_crisis_lines()).country_choices()


def lines_for(
    country: str,
    user_entries: Sequence[UserCrisisLine] = (),
    directory: CrisisDirectory | None = None,
) -> list[CrisisLine]:
    """Crisis lines for `country`, the patient's own entries first."""
    return (directory or load_crisis_lines()).lines_for(country, user_entries)


def parse_crisis_lines(data: Mapping[str, Any], source: str) -> CrisisDirectory:
    """Build the directory from parsed TOML; raise CrisisDataError naming each bad field."""
    problems: list[str] = []

    def add(field: str, message: str) -> None:
        problems.append(f"{source}: {field}: {message}")

    def text(table: Mapping[str, Any], key: str, field: str, required: bool = True) -> str:
        value = table.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            add(field, "must be non-empty text" if required else "must be text")
            return ""
        return value.strip()

    not_monitored = text(data, "not_monitored", "not_monitored")
    if not_monitored and "monitor" not in not_monitored.lower():
        add("not_monitored", "must say that nobody monitors this app")
    verification = text(data, "verification", "verification")
    if verification and verification not in ("verified", "unverified"):
        add("verification", 'must be "verified" or "unverified"')
    last_checked = text(data, "last_checked", "last_checked", required=False)
    if last_checked and not re.match(r"^\d{4}-\d{2}-\d{2}$", last_checked):
        add("last_checked", "must be YYYY-MM-DD or empty")
    if verification == "verified" and not last_checked:
        add("last_checked", "a verified file needs the date it was checked")

    raw_countries = data.get("countries")
    if not isinstance(raw_countries, list) or not raw_countries:
        add("countries", "needs at least one [[countries]] table")
        raw_countries = []
    parsed: list[Country] = []
    seen_codes: set[str] = set()
    for i, raw in enumerate(raw_countries):
        where = f"countries[{i}]"
        if not isinstance(raw, dict):
            add(where, "must be a table")
            continue
        code = text(raw, "code", f"{where}.code")
        if code and not _COUNTRY_CODE.match(code):
            add(f"{where}.code", "must be a two-letter upper-case code such as GB")
        if code in seen_codes:
            add(f"{where}.code", f"{code} appears twice")
        seen_codes.add(code)
        where = f"countries[{code or i}]"
        name = text(raw, "name", f"{where}.name")
        emergency = raw.get("emergency")
        if (
            not isinstance(emergency, list)
            or not emergency
            or not all(isinstance(n, str) for n in emergency)
        ):
            add(f"{where}.emergency", "needs at least one emergency number")
            emergency = []
        for n in emergency:
            if problem := number_problem(n):
                add(f"{where}.emergency", f"{n!r} {problem}")
        lines = _parse_lines(raw.get("lines"), where, add, text)
        parsed.append(Country(code, name, tuple(emergency), tuple(lines)))

    international: CrisisLine | None = None
    raw_international = data.get("international")
    if raw_international is not None:
        found = _parse_lines([raw_international], "international", add, text)
        international = found[0] if found else None

    if problems:
        raise CrisisDataError(problems)
    return CrisisDirectory(
        countries=tuple(parsed),
        not_monitored=not_monitored,
        verification=verification,
        last_checked=last_checked,
        checked_by=str(data.get("checked_by", "")).strip(),
        source=str(data.get("source", "")).strip(),
        international=international,
    )


def _parse_lines(
    raw_lines: Any, where: str, add: Callable[[str, str], None], text: Callable[..., str]
) -> list[CrisisLine]:
    if not isinstance(raw_lines, list) or not raw_lines:
        add(f"{where}.lines", "needs at least one crisis line")
        return []
    lines: list[CrisisLine] = []
    for j, raw_line in enumerate(raw_lines):
        lw = f"{where}.lines[{j}]"
        if not isinstance(raw_line, dict):
            add(lw, "must be a table")
            continue
        service = text(raw_line, "service", f"{lw}.service")
        notes = text(raw_line, "notes", f"{lw}.notes", required=False)
        hours = text(raw_line, "hours", f"{lw}.hours", required=False)
        raw_contacts = raw_line.get("contacts")
        if not isinstance(raw_contacts, list) or not raw_contacts:
            add(f"{lw}.contacts", "needs at least one contact")
            raw_contacts = []
        contacts: list[CrisisContact] = []
        for k, rc in enumerate(raw_contacts):
            cw = f"{lw}.contacts[{k}]"
            if not isinstance(rc, dict):
                add(cw, "must be a table")
                continue
            try:
                how = ContactMethod(rc.get("how", ""))
            except ValueError:
                add(f"{cw}.how", 'must be "call", "text" or "web"')
                continue
            number = text(rc, "number", f"{cw}.number")
            if how is ContactMethod.WEB:
                if number and not _WEB_ADDRESS.match(number):
                    add(f"{cw}.number", "must be a web address such as findahelpline.com")
            elif number and (problem := number_problem(number)):
                add(f"{cw}.number", problem)
            label = text(rc, "label", f"{cw}.label", required=False)
            contacts.append(CrisisContact(how, number, label))
        lines.append(CrisisLine(service, tuple(contacts), notes, hours=hours))
    return lines
