"""The patient's safety plan: seven sections of their own words and contacts.

The structure follows the widely used Stanley-Brown safety plan, plus reasons
for living. The vault stores it as one JSON document; reading is tolerant of
missing sections and keeps unknown ones, so an older app never drops what a
newer one wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from integrate.core.crisis import ContactMethod, CrisisLine
from integrate.core.i18n import tr_noop

FORMAT_VERSION = 1


@dataclass(frozen=True)
class PlanContact:
    name: str
    phone: str = ""
    note: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.name.strip() or self.phone.strip() or self.note.strip())


@dataclass(frozen=True)
class SectionInfo:
    key: str
    title: str
    hint: str
    kind: Literal["text", "contact"]


# Editor labels in plain words, marked for translation; the UI translates them.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo(
        "warning_signs",
        tr_noop("SafetyPlan", "My warning signs"),
        tr_noop(
            "SafetyPlan",
            "Thoughts, feelings, situations or body signals that tell me a crisis may be building.",
        ),
        "text",
    ),
    SectionInfo(
        "coping_steps",
        tr_noop("SafetyPlan", "Things I can do on my own"),
        tr_noop(
            "SafetyPlan",
            "Steps that take my mind off things or calm me, without contacting anyone.",
        ),
        "text",
    ),
    SectionInfo(
        "people_places",
        tr_noop("SafetyPlan", "People and places that help"),
        tr_noop(
            "SafetyPlan",
            "People I can be with, and places I can go, that help me feel better or distracted.",
        ),
        "contact",
    ),
    SectionInfo(
        "professionals",
        tr_noop("SafetyPlan", "Professionals I can contact"),
        tr_noop(
            "SafetyPlan", "My therapist, doctor, clinic or care team, with their phone numbers."
        ),
        "contact",
    ),
    SectionInfo(
        "crisis_lines",
        tr_noop("SafetyPlan", "Crisis lines"),
        tr_noop("SafetyPlan", "Numbers I can call or text at any hour."),
        "contact",
    ),
    SectionInfo(
        "safer_surroundings",
        tr_noop("SafetyPlan", "Making my surroundings safer"),
        tr_noop(
            "SafetyPlan", "Things I can do, or ask someone to do, to keep myself safe where I am."
        ),
        "text",
    ),
    SectionInfo(
        "reasons_for_living",
        tr_noop("SafetyPlan", "My reasons for living"),
        tr_noop("SafetyPlan", "People, hopes, things I care about that matter to me."),
        "text",
    ),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


class SafetyPlanError(ValueError):
    """The stored safety plan is not JSON at all (never silently replaced by an empty one)."""


@dataclass
class SafetyPlan:
    warning_signs: list[str] = field(default_factory=list)
    coping_steps: list[str] = field(default_factory=list)
    people_places: list[PlanContact] = field(default_factory=list)
    professionals: list[PlanContact] = field(default_factory=list)
    crisis_lines: list[PlanContact] = field(default_factory=list)
    safer_surroundings: list[str] = field(default_factory=list)
    reasons_for_living: list[str] = field(default_factory=list)
    # Sections written by a newer version, kept so saving does not lose them.
    extra: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """True when no section holds anything but blank items."""
        for info in SECTIONS:
            for item in getattr(self, info.key):
                if isinstance(item, PlanContact):
                    if not item.is_blank:
                        return False
                elif item.strip():
                    return False
        return True

    def cleaned(self) -> SafetyPlan:
        """A copy with blank items removed and text trimmed (what gets saved)."""
        return SafetyPlan(
            warning_signs=_clean_texts(self.warning_signs),
            coping_steps=_clean_texts(self.coping_steps),
            people_places=_clean_contacts(self.people_places),
            professionals=_clean_contacts(self.professionals),
            crisis_lines=_clean_contacts(self.crisis_lines),
            safer_surroundings=_clean_texts(self.safer_surroundings),
            reasons_for_living=_clean_texts(self.reasons_for_living),
            extra=dict(self.extra),
        )

    def to_json(self) -> str:
        data: dict[str, Any] = dict(self.extra)
        data["version"] = FORMAT_VERSION
        for info in SECTIONS:
            items = getattr(self, info.key)
            if info.kind == "contact":
                data[info.key] = [{"name": c.name, "phone": c.phone, "note": c.note} for c in items]
            else:
                data[info.key] = list(items)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> SafetyPlan:
        """Read a stored plan; missing or malformed sections become empty lists."""
        if text is None or not text.strip():
            return cls()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SafetyPlanError("The stored safety plan could not be read.") from exc
        if not isinstance(data, dict):
            raise SafetyPlanError("The stored safety plan has an unexpected shape.")
        plan = cls()
        for info in SECTIONS:
            raw = data.get(info.key)
            items = raw if isinstance(raw, list) else []
            if info.kind == "contact":
                setattr(plan, info.key, [c for c in map(_contact, items) if c is not None])
            else:
                setattr(plan, info.key, [t for t in map(_text, items) if t is not None])
        plan.extra = {k: v for k, v in data.items() if k not in SECTION_KEYS and k != "version"}
        return plan


def prefill_crisis_lines(plan: SafetyPlan, lines: Iterable[CrisisLine]) -> SafetyPlan:
    """If the crisis section is empty, fill it from the chosen country's lines."""
    if any(not c.is_blank for c in plan.crisis_lines):
        return plan
    contacts: list[PlanContact] = []
    for line in lines:
        calls = [c for c in line.contacts if c.how is ContactMethod.CALL and not c.label]
        texts = [c for c in line.contacts if c.how is ContactMethod.TEXT and not c.label]
        phone = (calls or texts or list(line.contacts))[0].number
        note = f"Text {texts[0].number}" if calls and texts else line.notes
        contacts.append(PlanContact(line.service, phone, note))
    result = plan.cleaned()
    result.crisis_lines = contacts
    return result


def _text(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return str(item["name"])
    return None


def _contact(item: Any) -> PlanContact | None:
    if isinstance(item, str):
        return PlanContact(item)
    if isinstance(item, dict):
        fields = {k: item.get(k, "") for k in ("name", "phone", "note")}
        if all(isinstance(v, str) for v in fields.values()):
            return PlanContact(**fields)
    return None


def _clean_texts(items: Iterable[str]) -> list[str]:
    return [t.strip() for t in items if t.strip()]


def _clean_contacts(items: Iterable[PlanContact]) -> list[PlanContact]:
    return [
        PlanContact(c.name.strip(), c.phone.strip(), c.note.strip())
        for c in items
        if not c.is_blank
    ]
