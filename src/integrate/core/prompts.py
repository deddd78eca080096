"""The prompt library: integration prompts, check-in layouts and quick ratings.

Content lives in resources/prompts/ (prompts.toml, checkins.toml, safety_card.toml) so
a clinician can review it without reading Python. This module loads and validates it
and picks which prompts a check-in shows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from integrate.core.model import Phase
from integrate.resources import ResourceError, load_toml

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SHORT_MAX = 120
RATING_IDS = ("mood", "distress", "sleep_quality", "intrusions")  # vault columns


class Domain(StrEnum):
    """Integration domains (MAPS model plus emotions and therapy questions)."""

    MIND = "mind"
    BODY = "body"
    EMOTIONS = "emotions"
    RELATIONSHIPS = "relationships"
    MEANING = "meaning"  # meaning and spirit
    LIFESTYLE = "lifestyle"  # lifestyle and actions
    NATURE = "nature"
    THERAPY = "therapy"  # questions for my therapist


class PromptLibraryError(ResourceError):
    """The prompt data is malformed (message names the offending entry)."""


@dataclass(frozen=True)
class Prompt:
    id: str
    phases: tuple[Phase, ...]
    domain: Domain
    short: str
    long: str
    skip_text: str


@dataclass(frozen=True)
class Rating:
    """A quick rating: a 0-10 scale, or a small choice list stored as its index."""

    id: str  # one of RATING_IDS
    label: str
    question: str
    kind: str  # "scale" or "choice"
    min: int
    max: int
    low_label: str = ""
    high_label: str = ""
    choices: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class CheckInLayout:
    """What one phase's check-in asks."""

    phase: Phase
    prompt_count: int
    ratings: tuple[str, ...]
    free_writing: bool
    one_line: bool
    safety_card: bool


@dataclass(frozen=True)
class SafetyItem:
    id: str
    text: str


@dataclass(frozen=True)
class SafetyCard:
    title: str
    intro: str
    items: tuple[SafetyItem, ...]
    who_to_call: str
    not_monitored: str


@dataclass(frozen=True)
class PromptLibrary:
    prompts: tuple[Prompt, ...]
    ratings: Mapping[str, Rating]
    layouts: Mapping[Phase, CheckInLayout]

    def for_phase(self, phase: Phase) -> list[Prompt]:
        """Prompts suited to `phase`, in library order."""
        return [p for p in self.prompts if phase in p.phases]

    def get(self, prompt_id: str) -> Prompt:
        """The prompt with this id (KeyError if unknown, e.g. removed in an update)."""
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        raise KeyError(prompt_id)

    def layout(self, phase: Phase) -> CheckInLayout:
        return self.layouts[phase]

    def ratings_for(self, phase: Phase) -> list[Rating]:
        """The quick ratings a phase asks, in display order."""
        return [self.ratings[r] for r in self.layouts[phase].ratings]


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PromptLibraryError(f"{where}: '{key}' must be non-empty text")
    if value != value.strip():
        raise PromptLibraryError(f"{where}: '{key}' has leading or trailing spaces")
    return value


def _int(entry: Mapping[str, Any], key: str, where: str) -> int:
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PromptLibraryError(f"{where}: '{key}' must be a whole number")
    return value


def _bool(entry: Mapping[str, Any], key: str, where: str) -> bool:
    value = entry.get(key)
    if not isinstance(value, bool):
        raise PromptLibraryError(f"{where}: '{key}' must be true or false")
    return value


def _phase(value: Any, where: str) -> Phase:
    try:
        return Phase(value)
    except ValueError:
        raise PromptLibraryError(f"{where}: unknown phase {value!r}") from None


def parse_prompts(data: Mapping[str, Any]) -> tuple[Prompt, ...]:
    """Validate prompts.toml's content: ids unique, phases and domains known, no empty text."""
    if data.get("schema") != 1:
        raise PromptLibraryError("prompts: unsupported schema version")
    raw = data.get("prompt")
    if not isinstance(raw, list) or not raw:
        raise PromptLibraryError("prompts: no [[prompt]] entries")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    allowed = {"id", "phases", "domain", "short", "long", "skip_text"}
    for n, entry in enumerate(raw, start=1):
        where = f"prompt #{n}"
        if not isinstance(entry, dict):
            raise PromptLibraryError(f"{where}: not a table")
        pid = _text(entry, "id", where)
        where = f"prompt {pid!r}"
        if not _ID_RE.match(pid):
            raise PromptLibraryError(f"{where}: id must be lower-case letters, digits, hyphens")
        if pid in seen:
            raise PromptLibraryError(f"{where}: duplicate id")
        seen.add(pid)
        extra = set(entry) - allowed
        if extra:
            raise PromptLibraryError(f"{where}: unknown keys {sorted(extra)}")
        phases_raw = entry.get("phases")
        if not isinstance(phases_raw, list) or not phases_raw:
            raise PromptLibraryError(f"{where}: 'phases' must be a non-empty list")
        phases = tuple(_phase(p, where) for p in phases_raw)
        if len(set(phases)) != len(phases):
            raise PromptLibraryError(f"{where}: a phase is listed twice")
        try:
            domain = Domain(str(entry.get("domain")))
        except ValueError:
            raise PromptLibraryError(f"{where}: unknown domain {entry.get('domain')!r}") from None
        short = _text(entry, "short", where)
        if len(short) > SHORT_MAX or "\n" in short:
            raise PromptLibraryError(f"{where}: 'short' must be one line of <= {SHORT_MAX}")
        prompts.append(
            Prompt(
                id=pid,
                phases=phases,
                domain=domain,
                short=short,
                long=_text(entry, "long", where),
                skip_text=_text(entry, "skip_text", where),
            )
        )
    return tuple(prompts)


def parse_checkins(data: Mapping[str, Any]) -> tuple[dict[str, Rating], dict[Phase, CheckInLayout]]:
    """Validate checkins.toml: rating definitions and one layout per phase."""
    if data.get("schema") != 1:
        raise PromptLibraryError("checkins: unsupported schema version")
    ratings: dict[str, Rating] = {}
    for n, entry in enumerate(data.get("rating", []), start=1):
        where = f"rating #{n}"
        rid = _text(entry, "id", where)
        if rid not in RATING_IDS or rid in ratings:
            raise PromptLibraryError(f"{where}: id {rid!r} unknown or repeated")
        kind = _text(entry, "kind", where)
        lo, hi = _int(entry, "min", where), _int(entry, "max", where)
        if lo >= hi:
            raise PromptLibraryError(f"{where}: min must be below max")
        choices = tuple(entry.get("choices", ()))
        if kind == "choice":
            if len(choices) != hi - lo + 1 or not all(
                isinstance(c, str) and c.strip() for c in choices
            ):
                raise PromptLibraryError(f"{where}: needs one non-empty choice per value")
        elif kind == "scale":
            _text(entry, "low_label", where)
            _text(entry, "high_label", where)
        else:
            raise PromptLibraryError(f"{where}: kind must be 'scale' or 'choice'")
        ratings[rid] = Rating(
            id=rid,
            label=_text(entry, "label", where),
            question=_text(entry, "question", where),
            kind=kind,
            min=lo,
            max=hi,
            low_label=str(entry.get("low_label", "")),
            high_label=str(entry.get("high_label", "")),
            choices=choices,
            optional=_bool(entry, "optional", where),
        )
    layouts: dict[Phase, CheckInLayout] = {}
    raw_layouts = data.get("layout", {})
    for key, entry in raw_layouts.items():
        where = f"layout {key!r}"
        phase = _phase(key, where)
        count = _int(entry, "prompt_count", where)
        if not 0 <= count <= 4:
            raise PromptLibraryError(f"{where}: prompt_count must be 0-4")
        rating_ids = tuple(entry.get("ratings", ()))
        unknown = [r for r in rating_ids if r not in ratings]
        if unknown:
            raise PromptLibraryError(f"{where}: unknown ratings {unknown}")
        layouts[phase] = CheckInLayout(
            phase=phase,
            prompt_count=count,
            ratings=rating_ids,
            free_writing=_bool(entry, "free_writing", where),
            one_line=_bool(entry, "one_line", where),
            safety_card=_bool(entry, "safety_card", where),
        )
    missing = [p.value for p in Phase if p not in layouts]
    if missing:
        raise PromptLibraryError(f"checkins: no layout for {missing}")
    return ratings, layouts


def build_library(
    prompts_data: Mapping[str, Any], checkins_data: Mapping[str, Any]
) -> PromptLibrary:
    """Validate both files and check every phase has prompts enough to rotate.

    "Enough" means at least twice the phase's prompt_count, so two check-ins of that
    phase in a row can show entirely different prompts.
    """
    prompts = parse_prompts(prompts_data)
    ratings, layouts = parse_checkins(checkins_data)
    library = PromptLibrary(prompts=prompts, ratings=ratings, layouts=layouts)
    for phase, layout in layouts.items():
        have = len(library.for_phase(phase))
        if have < 2 * layout.prompt_count:
            raise PromptLibraryError(
                f"phase {phase.value!r} has {have} prompts; needs {2 * layout.prompt_count}"
            )
    return library


def load_prompts() -> PromptLibrary:
    """Load and validate the shipped library (raises PromptLibraryError if malformed)."""
    return build_library(
        load_toml("prompts", "prompts.toml"), load_toml("prompts", "checkins.toml")
    )


def parse_safety_card(data: Mapping[str, Any]) -> SafetyCard:
    """Validate safety_card.toml's content."""
    if data.get("schema") != 1:
        raise PromptLibraryError("safety card: unsupported schema version")
    items_raw = data.get("item")
    if not isinstance(items_raw, list) or not items_raw:
        raise PromptLibraryError("safety card: no [[item]] entries")
    items: list[SafetyItem] = []
    for n, entry in enumerate(items_raw, start=1):
        where = f"safety item #{n}"
        items.append(SafetyItem(id=_text(entry, "id", where), text=_text(entry, "text", where)))
    if len({i.id for i in items}) != len(items):
        raise PromptLibraryError("safety card: duplicate item id")
    call = data.get("who_to_call")
    if not isinstance(call, dict):
        raise PromptLibraryError("safety card: missing [who_to_call]")
    return SafetyCard(
        title=_text(data, "title", "safety card"),
        intro=_text(data, "intro", "safety card"),
        items=tuple(items),
        who_to_call=_text(call, "text", "who_to_call"),
        not_monitored=_text(call, "not_monitored", "who_to_call"),
    )


def load_safety_card() -> SafetyCard:
    """The same-day safety reminders shipped in resources/prompts/safety_card.toml."""
    return parse_safety_card(load_toml("prompts", "safety_card.toml"))


def _rank(seed: str, prompt_id: str) -> bytes:
    # A stable per-seed shuffle: same seed, same order, on every run and platform.
    return hashlib.sha256(f"{seed}\x00{prompt_id}".encode()).digest()


def choose_prompts(
    library: PromptLibrary,
    phase: Phase,
    seen_in_series: Iterable[str],
    pinned: Iterable[str],
    count: int,
    seed: str,
) -> list[Prompt]:
    """Pick up to `count` distinct prompts for one check-in, deterministically for `seed`.

    Order of preference:
    1. Pinned prompts suited to the phase (the patient asked to see them again), at
       most count - 1 of them when count > 1, so each check-in still brings one new one.
    2. Prompts for the phase not yet seen in this series, shuffled by `seed` (use the
       check-in key so a check-in shows the same prompts when reopened).
    3. When the phase has run out: seen prompts, least recently seen first.
    `seen_in_series` lists prompt ids shown earlier in the series, oldest first (a set
    also works, but then the fallback cannot tell which was seen least recently).
    Returns fewer than `count` only if the phase has fewer prompts.
    """
    if count <= 0:
        return []
    candidates = library.for_phase(phase)
    seen_order: dict[str, int] = {}
    for index, pid in enumerate(seen_in_series):
        seen_order[pid] = index  # last time it was shown
    pinned_set = set(pinned)

    def by_seed(p: Prompt) -> bytes:
        return _rank(seed, p.id)

    chosen: list[Prompt] = []
    pin_limit = count - 1 if count > 1 else count
    for prompt in sorted((p for p in candidates if p.id in pinned_set), key=by_seed):
        if len(chosen) >= pin_limit:
            break
        chosen.append(prompt)
    taken = {p.id for p in chosen}
    fresh = sorted(
        (p for p in candidates if p.id not in seen_order and p.id not in taken), key=by_seed
    )
    stale = sorted(
        (p for p in candidates if p.id in seen_order and p.id not in taken),
        key=lambda p: (seen_order[p.id], by_seed(p)),
    )
    for prompt in (*fresh, *stale):
        if len(chosen) >= count:
            break
        chosen.append(prompt)
    return chosen
