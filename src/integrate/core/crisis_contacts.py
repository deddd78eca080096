"""One model of "who can I reach right now", shared by every crisis surface.

Need help now, the PHQ-9 item-9 screen, the same-day safety card, the safety-plan
PDF and the command line all build their lists from `build_contacts()`, so they
cannot disagree (two code paths once did: a UK line under a US heading, and a
patient's own line shown with its note instead of its number).

The model merges, in this order of trust:
- the chosen country's built-in lines and emergency number (`resources/crisis_lines.toml`);
- the patient's own crisis numbers (entries in the plan's crisis section that are not
  a built-in line of *any* country, so a line prefilled for another country is never
  shown as theirs, and never under this country's heading);
- people and professionals from the safety plan, each with their number;
- the plan's own words (warning signs, coping steps, reasons for living, safer
  surroundings), used by the item-9 screen in Stanley-Brown order.

With no country chosen (or one we do not list), no number is guessed: the model says
so and gives the international route (an international directory, the local
emergency number). Pure: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from integrate.core.crisis import (
    OTHER_COUNTRY,
    ContactMethod,
    CrisisContact,
    CrisisDirectory,
    CrisisLine,
    normalise_number,
    number_problem,
)
from integrate.core.i18n import tr_noop
from integrate.core.safety import PlanContact, SafetyPlan

# How many of the plan's own coping steps Need help now and `integrate help-now` show.
FIRST_COPING_STEPS = 3


class CountryStatus(StrEnum):
    LISTED = "listed"  # a country with built-in lines
    UNSET = "unset"  # no country chosen yet
    UNLISTED = "unlisted"  # "another country": we have no numbers for it


class ItemKind(StrEnum):
    EMERGENCY = "emergency"
    LINE = "line"  # a built-in line of the chosen country
    INTERNATIONAL = "international"  # the directory shown when no country is known
    OWN_LINE = "own_line"  # a crisis number the patient added to their plan
    PERSON = "person"  # people and places from the plan
    PROFESSIONAL = "professional"


@dataclass(frozen=True)
class Reach:
    """One way to reach an item: call or text a number, or open a web address."""

    how: ContactMethod
    value: str  # as people write it: "116 123", "findahelpline.com"
    label: str = ""  # "Veterans", "send SHOUT"

    @property
    def uri(self) -> str:
        return CrisisContact(self.how, self.value, self.label).uri

    @property
    def dialable(self) -> bool:
        """A call/text action makes sense (a web address or a number that looks dialable)."""
        return self.how is ContactMethod.WEB or number_problem(self.value) is None

    def text(self) -> str:
        """'Call 116 123', 'Text 85258 (send SHOUT)', 'findahelpline.com'."""
        if self.how is ContactMethod.WEB:
            base = self.value
        else:
            verb = "Call" if self.how is ContactMethod.CALL else "Text"
            base = f"{verb} {self.value}"
        return f"{base} ({self.label})" if self.label else base


@dataclass(frozen=True)
class CrisisItem:
    kind: ItemKind
    name: str
    reaches: tuple[Reach, ...] = ()
    note: str = ""
    hours: str = ""

    @property
    def values(self) -> tuple[str, ...]:
        """Every number or address of this item, as written."""
        return tuple(r.value for r in self.reaches)

    def text(self) -> str:
        """One plain line: name, every number, hours and note (never the note instead)."""
        parts = [self.name, *(r.text() for r in self.reaches)]
        if self.hours:
            parts.append(self.hours)
        if self.note:
            parts.append(self.note)
        return " - ".join(p for p in parts if p)


@dataclass(frozen=True)
class CrisisContacts:
    """Everything a crisis surface shows, in display order."""

    country_code: str  # "" when none is chosen
    country_name: str  # "" unless listed
    status: CountryStatus
    not_monitored: str
    verified: bool  # False: every listed number says "check locally"
    emergency: CrisisItem | None  # None when the country is not known
    lines: tuple[CrisisItem, ...]  # the country's lines, or the international route
    own_lines: tuple[CrisisItem, ...] = ()
    people: tuple[CrisisItem, ...] = ()
    professionals: tuple[CrisisItem, ...] = ()
    # The plan's own words (Stanley-Brown order on the item-9 screen).
    warning_signs: tuple[str, ...] = ()
    coping_steps: tuple[str, ...] = ()
    reasons_for_living: tuple[str, ...] = ()
    safer_surroundings: tuple[str, ...] = ()
    has_plan: bool = False
    notices: tuple[str, ...] = field(default=())

    @property
    def listed(self) -> bool:
        return self.status is CountryStatus.LISTED

    def contact_items(self) -> Iterator[CrisisItem]:
        """Every item that can be reached, in display order."""
        if self.emergency is not None:
            yield self.emergency
        yield from self.lines
        yield from self.own_lines
        yield from self.people
        yield from self.professionals

    def lines_heading(self) -> str:
        if self.status is CountryStatus.LISTED:
            return f"Crisis lines in {self.country_name}"
        return "Find a crisis line where you are"

    def country_notice(self) -> str:
        """What to say when no numbers of a country can be shown ("" when listed)."""
        if self.status is CountryStatus.UNSET:
            return tr_noop(
                "CrisisView",
                "No country is set, so no country's numbers are shown. If you are in danger, "
                "call your local emergency number. To find a crisis line where you are, "
                "use the international directory below.",
            )
        if self.status is CountryStatus.UNLISTED:
            return tr_noop(
                "CrisisView",
                "We have no numbers for your country in our list. If you are in danger, "
                "call your local emergency number. To find a crisis line where you are, "
                "use the international directory below, and add it to your safety plan.",
            )
        return ""

    def first_coping_steps(self) -> tuple[str, ...]:
        return self.coping_steps[:FIRST_COPING_STEPS]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the `help-now --json` contract)."""

        def item(i: CrisisItem) -> dict[str, Any]:
            return {
                "kind": i.kind.value,
                "name": i.name,
                "contacts": [
                    {"how": r.how.value, "value": r.value, "label": r.label, "uri": r.uri}
                    for r in i.reaches
                ],
                "hours": i.hours,
                "note": i.note,
            }

        return {
            "country": self.country_code or None,
            "country_name": self.country_name or None,
            "country_status": self.status.value,
            "country_notice": self.country_notice() or None,
            "not_monitored": self.not_monitored,
            "numbers_verified": self.verified,
            "emergency": item(self.emergency) if self.emergency else None,
            "lines": [item(i) for i in self.lines],
            "own_lines": [item(i) for i in self.own_lines],
            "people": [item(i) for i in self.people],
            "professionals": [item(i) for i in self.professionals],
            "coping_steps": list(self.first_coping_steps()),
        }


def _reaches(contacts: Iterable[CrisisContact]) -> tuple[Reach, ...]:
    return tuple(Reach(c.how, c.number, c.label) for c in contacts)


def _line_item(line: CrisisLine, kind: ItemKind) -> CrisisItem:
    return CrisisItem(kind, line.service, _reaches(line.contacts), line.notes, line.hours)


def builtin_numbers(directory: CrisisDirectory) -> set[str]:
    """Digits of every built-in number of every country (and emergency numbers)."""
    known = {
        c.digits for country in directory.countries for ln in country.lines for c in ln.contacts
    }
    known |= {normalise_number(n) for country in directory.countries for n in country.emergency}
    known.discard("")
    return known


def _own_line(contact: PlanContact) -> CrisisItem:
    reach = (Reach(ContactMethod.CALL, contact.phone.strip()),) if contact.phone.strip() else ()
    return CrisisItem(ItemKind.OWN_LINE, contact.name.strip(), reach, contact.note.strip())


def _person(contact: PlanContact, kind: ItemKind) -> CrisisItem:
    reach = (Reach(ContactMethod.CALL, contact.phone.strip()),) if contact.phone.strip() else ()
    return CrisisItem(kind, contact.name.strip(), reach, contact.note.strip())


def resolve_country(directory: CrisisDirectory, code: str | None) -> tuple[str, CountryStatus]:
    """The normalised code and whether we list it ("" / None = not chosen)."""
    wanted = (code or "").strip().upper()
    if not wanted:
        return "", CountryStatus.UNSET
    if wanted == OTHER_COUNTRY or directory.country(wanted) is None:
        return wanted, CountryStatus.UNLISTED
    return wanted, CountryStatus.LISTED


def build_contacts(
    directory: CrisisDirectory, country: str | None, plan: SafetyPlan | None = None
) -> CrisisContacts:
    """The one list every crisis surface shows for `country` and the patient's plan."""
    code, status = resolve_country(directory, country)
    listed = directory.country(code) if status is CountryStatus.LISTED else None
    emergency: CrisisItem | None = None
    lines: tuple[CrisisItem, ...]
    if listed is not None:
        emergency = CrisisItem(
            ItemKind.EMERGENCY,
            tr_noop("CrisisView", "Emergency"),
            tuple(Reach(ContactMethod.CALL, n) for n in listed.emergency),
        )
        lines = tuple(_line_item(line, ItemKind.LINE) for line in listed.lines)
    else:
        intl = directory.international
        lines = (_line_item(intl, ItemKind.INTERNATIONAL),) if intl is not None else ()
    contacts = CrisisContacts(
        code,
        listed.name if listed else "",
        status,
        directory.not_monitored,
        directory.verified,
        emergency,
        lines,
    )
    if plan is None:
        return contacts
    plan = plan.cleaned()
    known = builtin_numbers(directory)
    own: list[CrisisItem] = []
    seen: set[str] = set()
    for contact in plan.crisis_lines:
        digits = normalise_number(contact.phone)
        # A line prefilled from any country's list is not "theirs": the country's own
        # lines come from the resources, so a foreign one never slips in here.
        if not contact.name or not digits or digits in known or digits in seen:
            continue
        seen.add(digits)
        own.append(_own_line(contact))
    people = tuple(_person(c, ItemKind.PERSON) for c in plan.people_places if c.name)
    pros = tuple(_person(c, ItemKind.PROFESSIONAL) for c in plan.professionals if c.name)
    return replace(
        contacts,
        own_lines=tuple(own),
        people=people,
        professionals=pros,
        warning_signs=tuple(plan.warning_signs),
        coping_steps=tuple(plan.coping_steps),
        reasons_for_living=tuple(plan.reasons_for_living),
        safer_surroundings=tuple(plan.safer_surroundings),
        has_plan=not plan.is_empty(),
    )


CHECK_LOCALLY = tr_noop(
    "CrisisView",
    "Check locally: these numbers come from our reference list and may have changed. "
    "If one does not work, call your emergency number.",
)


def render_text(contacts: CrisisContacts) -> str:
    """Plain text of what Need help now shows (the command line prints this)."""
    out: list[str] = [contacts.not_monitored, ""]
    if contacts.emergency is not None:
        numbers = " or ".join(contacts.emergency.values)
        out.append(f"If you are in danger now, call your emergency number: {numbers}")
    else:
        out.append(contacts.country_notice())
    out += ["", contacts.lines_heading() + ":"]
    out += [f"  {item.text()}" for item in contacts.lines]
    if contacts.listed and not contacts.verified:
        out.append(f"  ({CHECK_LOCALLY})")
    for title, items in (
        ("Your own crisis numbers", contacts.own_lines),
        ("People and places that help", contacts.people),
        ("Professionals", contacts.professionals),
    ):
        if items:
            out += ["", title + " (from your safety plan):"]
            out += [f"  {item.text()}" for item in items]
    steps = contacts.first_coping_steps()
    if steps:
        out += ["", "Things you can do on your own (from your safety plan):"]
        out += [f"  - {step}" for step in steps]
    return "\n".join(out)


def printable_plan(plan: SafetyPlan, contacts: CrisisContacts) -> SafetyPlan:
    """The plan as the safety-plan PDF prints it: its crisis section is the model's
    (the patient's own numbers, then the chosen country's lines or the international
    route), so a line prefilled for another country is never printed."""
    printed = plan.cleaned()
    printed.crisis_lines = [
        PlanContact(
            item.name,
            "; ".join(r.text() for r in item.reaches),
            " - ".join(p for p in (item.hours, item.note) if p),
        )
        for item in (*contacts.own_lines, *contacts.lines)
    ]
    return printed


def emergency_sentence(contacts: CrisisContacts) -> str:
    """'If you are in danger now, call 911.' (or the local-number wording)."""
    if contacts.emergency is None:
        return "If you are in danger now, call your local emergency number."
    return f"If you are in danger now, call {' or '.join(contacts.emergency.values)}."
