"""Grounding and regulation exercises, loaded from `resources/exercises/*.toml`.

Each file holds one exercise: a few facts (title, category, caution), shared
steps and/or breathing pattern, and one or more variants that may override
them. Loading validates everything and names the file and field of each
problem, so a clinician editing the data gets a useful message.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from integrate.core.pacer import BreathPattern
from integrate.resources import resource_path


class Category(StrEnum):
    PHYSICAL = "physical"
    MENTAL = "mental"
    SOOTHING = "soothing"
    BREATHING = "breathing"


class StepKind(StrEnum):
    INSTRUCTION = "instruction"
    TEXT_ENTRY = "text_entry"  # the patient may type answers (kept only if they choose)
    BREATHING = "breathing"  # the pacer runs the variant's breathing pattern
    OPT_OUT_POINT = "opt_out_point"  # an explicit "you can stop here" step


@dataclass(frozen=True)
class Step:
    kind: StepKind
    text: str
    seconds: float | None = None  # None: self-paced, the patient moves on
    entry_count: int = 0  # text_entry only: how many answer fields
    placeholder: str = ""

    @property
    def self_paced(self) -> bool:
        return self.seconds is None and self.kind is not StepKind.BREATHING


@dataclass(frozen=True)
class Variant:
    id: str
    title: str
    steps: tuple[Step, ...]
    description: str = ""
    breathing: BreathPattern | None = None

    @property
    def has_breath_holds(self) -> bool:
        return self.breathing is not None and self.breathing.has_holds

    def step_seconds(self, step: Step) -> float | None:
        """How long a step runs by itself; None when the patient moves on."""
        if step.kind is StepKind.BREATHING:
            return self.breathing.total_seconds if self.breathing else None
        return step.seconds

    @property
    def timed_seconds(self) -> float:
        """Sum of the timed parts; self-paced steps add whatever the patient takes."""
        return sum(s for step in self.steps if (s := self.step_seconds(step)) is not None)


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    category: Category
    summary: str
    duration_minutes: tuple[int, int]  # an estimate: (at least, at most)
    variants: tuple[Variant, ...]
    default_variant: str
    caution: str | None = None  # shown before the first use
    tip: str | None = None  # gentle advice, never blocks
    has_breath_holds: bool = False  # a version holds the breath (never the default one)
    order: int = 100

    def variant(self, variant_id: str | None = None) -> Variant:
        """The named variant, or the default one when `variant_id` is None."""
        wanted = variant_id or self.default_variant
        for variant in self.variants:
            if variant.id == wanted:
                return variant
        raise KeyError(f"Exercise {self.id!r} has no variant {wanted!r}")


class ExerciseDataError(ValueError):
    """One or more exercise files are invalid; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Invalid exercise data:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


_TOP_KEYS = {
    "id",
    "title",
    "category",
    "summary",
    "duration_minutes",
    "caution",
    "tip",
    "has_breath_holds",
    "default_variant",
    "order",
    "steps",
    "breathing",
    "variants",
}
_VARIANT_KEYS = {"id", "title", "description", "steps", "breathing"}
_STEP_KEYS = {"kind", "text", "seconds", "entry_count", "placeholder"}
_BREATH_KEYS = {"inhale", "hold_in", "exhale", "hold_out", "cycles"}


def default_directory() -> Path:
    return resource_path("exercises")


@cache
def shipped_exercises() -> tuple[Exercise, ...]:
    """The exercises in resources/ (validated once; resources are read-only)."""
    return tuple(load_exercises())


def load_exercises(directory: Path | None = None) -> list[Exercise]:
    """Load and validate every `*.toml` exercise, ordered for display.

    Raises ExerciseDataError listing each problem as "file: field: message".
    """
    folder = directory if directory is not None else default_directory()
    files = sorted(folder.glob("*.toml"))
    problems: list[str] = []
    exercises: list[Exercise] = []
    if not files:
        raise ExerciseDataError([f"{folder}: no exercise files found"])
    for path in files:
        source = f"exercises/{path.name}"
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{source}: does not parse: {exc}")
            continue
        exercise, found = parse_exercise(data, source, expected_id=path.stem)
        problems.extend(found)
        if exercise is not None:
            exercises.append(exercise)
    seen: dict[str, str] = {}
    for ex in exercises:
        if ex.id in seen:
            problems.append(f"exercises/{ex.id}.toml: id: duplicate id {ex.id!r}")
        seen[ex.id] = ex.id
    if problems:
        raise ExerciseDataError(problems)
    return sorted(exercises, key=lambda e: (e.order, e.title.casefold()))


def exercises_by_id(exercises: Iterable[Exercise]) -> dict[str, Exercise]:
    return {ex.id: ex for ex in exercises}


class _Checker:
    """Collects problems with the file and field they belong to."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(f"{self.source}: {field}: {message}")

    def unknown_keys(self, table: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in sorted(set(table) - allowed):
            self.add(f"{prefix}{key}", "unknown field (a typo?)")

    def text(self, table: Mapping[str, Any], key: str, prefix: str = "") -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(prefix + key, "must be non-empty text")
            return None
        return value.strip()

    def required_text(self, table: Mapping[str, Any], key: str, prefix: str = "") -> str:
        value = self.text(table, key, prefix)
        if value is None and key not in table:
            self.add(prefix + key, "is missing")
        return value or ""

    def number(self, table: Mapping[str, Any], key: str, prefix: str, minimum: float) -> float:
        value = table.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.add(prefix + key, f"must be a number >= {minimum:g}")
            return minimum
        return float(value)


def parse_exercise(
    data: Mapping[str, Any], source: str, expected_id: str | None = None
) -> tuple[Exercise | None, list[str]]:
    """Build one Exercise from parsed TOML; returns (exercise or None, problems)."""
    chk = _Checker(source)
    chk.unknown_keys(data, _TOP_KEYS, "")

    ex_id = chk.required_text(data, "id")
    if ex_id and expected_id and ex_id != expected_id:
        chk.add("id", f"must match the file name ({expected_id!r})")
    title = chk.required_text(data, "title")
    summary = chk.required_text(data, "summary")
    caution = chk.text(data, "caution")
    tip = chk.text(data, "tip")

    raw_category = str(data.get("category", ""))
    category = Category.PHYSICAL
    try:
        category = Category(raw_category)
    except ValueError:
        allowed = ", ".join(c.value for c in Category)
        chk.add("category", f"must be one of {allowed}")

    duration = data.get("duration_minutes")
    duration_pair = (0, 0)
    if (
        isinstance(duration, list)
        and len(duration) == 2
        and all(isinstance(d, int) and not isinstance(d, bool) for d in duration)
        and 0 < duration[0] <= duration[1]
    ):
        duration_pair = (duration[0], duration[1])
    else:
        chk.add("duration_minutes", "must be [least, most] whole minutes, least >= 1")

    holds_flag = data.get("has_breath_holds", False)
    if not isinstance(holds_flag, bool):
        chk.add("has_breath_holds", "must be true or false")
        holds_flag = False

    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        chk.add("order", "must be a whole number")
        order = 100

    shared_steps = _parse_steps(chk, data.get("steps"), "steps") if "steps" in data else None
    shared_breath = (
        _parse_breathing(chk, data["breathing"], "breathing") if "breathing" in data else None
    )

    variants: list[Variant] = []
    raw_variants = data.get("variants")
    if not isinstance(raw_variants, list) or not raw_variants:
        chk.add("variants", "needs at least one [[variants]] table")
        raw_variants = []
    for i, raw in enumerate(raw_variants):
        prefix = f"variants[{i}]."
        if not isinstance(raw, dict):
            chk.add(f"variants[{i}]", "must be a table")
            continue
        chk.unknown_keys(raw, _VARIANT_KEYS, prefix)
        v_id = chk.required_text(raw, "id", prefix)
        v_title = chk.required_text(raw, "title", prefix)
        v_desc = chk.text(raw, "description", prefix) or ""
        steps = _parse_steps(chk, raw["steps"], prefix + "steps") if "steps" in raw else None
        breath = (
            _parse_breathing(chk, raw["breathing"], prefix + "breathing")
            if "breathing" in raw
            else shared_breath
        )
        steps = steps if steps is not None else shared_steps
        if steps is None:
            chk.add(prefix + "steps", "no steps here and no shared [[steps]]")
            steps = ()
        variant = Variant(v_id, v_title, steps, v_desc, breath)
        _check_variant(chk, variant, prefix, category)
        variants.append(variant)

    ids = [v.id for v in variants]
    for dup in sorted({v for v in ids if ids.count(v) > 1}):
        chk.add("variants", f"variant id {dup!r} is used twice")
    default_variant = data.get("default_variant", ids[0] if ids else "")
    default = next((v for v in variants if v.id == default_variant), None)
    if default is None:
        chk.add("default_variant", f"{default_variant!r} is not one of the variants {ids}")
    elif default.has_breath_holds:
        # Holding the breath is never the default, not even for a hold pattern: the
        # patient chooses a version with holds themselves (after its caution).
        chk.add("default_variant", "holds the breath: breath holds are never the default")
    if holds_flag and not any(v.has_breath_holds for v in variants):
        chk.add("has_breath_holds", "is true but no variant holds the breath")
    if holds_flag and not caution:
        chk.add("caution", "an exercise with breath holds needs a caution")

    if chk.problems:
        return None, chk.problems
    exercise = Exercise(
        id=ex_id,
        title=title,
        category=category,
        summary=summary,
        duration_minutes=duration_pair,
        variants=tuple(variants),
        default_variant=str(default_variant),
        caution=caution,
        tip=tip,
        has_breath_holds=holds_flag,
        order=order,
    )
    return exercise, []


def _parse_steps(chk: _Checker, raw: Any, field: str) -> tuple[Step, ...]:
    if not isinstance(raw, list) or not raw:
        chk.add(field, "needs at least one step")
        return ()
    steps: list[Step] = []
    for i, item in enumerate(raw):
        prefix = f"{field}[{i}]."
        if not isinstance(item, dict):
            chk.add(f"{field}[{i}]", "must be a table")
            continue
        chk.unknown_keys(item, _STEP_KEYS, prefix)
        try:
            kind = StepKind(item.get("kind", "instruction"))
        except ValueError:
            allowed = ", ".join(k.value for k in StepKind)
            chk.add(prefix + "kind", f"must be one of {allowed}")
            continue
        text = chk.required_text(item, "text", prefix)
        seconds: float | None = None
        if "seconds" in item:
            value = item["seconds"]
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                chk.add(prefix + "seconds", "must be seconds > 0 (leave it out for self-paced)")
            else:
                seconds = float(value)
        entry_count = item.get("entry_count", 0)
        placeholder = chk.text(item, "placeholder", prefix) or ""
        if kind is StepKind.TEXT_ENTRY:
            if isinstance(entry_count, bool) or not isinstance(entry_count, int) or entry_count < 1:
                chk.add(prefix + "entry_count", "a text_entry step needs entry_count >= 1")
                entry_count = 1
            if seconds is not None:
                chk.add(prefix + "seconds", "a text_entry step is self-paced: leave seconds out")
        elif "entry_count" in item or "placeholder" in item:
            chk.add(prefix + "entry_count", "only text_entry steps take entry_count/placeholder")
        if kind is StepKind.BREATHING and seconds is not None:
            chk.add(prefix + "seconds", "a breathing step lasts as long as its pattern")
        if kind is StepKind.OPT_OUT_POINT and seconds is not None:
            chk.add(prefix + "seconds", "an opt_out_point waits for the patient: leave seconds out")
        steps.append(Step(kind, text, seconds, int(entry_count), placeholder))
    return tuple(steps)


def _parse_breathing(chk: _Checker, raw: Any, field: str) -> BreathPattern | None:
    if not isinstance(raw, dict):
        chk.add(field, "must be a table with inhale, hold_in, exhale, hold_out, cycles")
        return None
    prefix = field + "."
    chk.unknown_keys(raw, _BREATH_KEYS, prefix)
    for key in ("inhale", "exhale", "cycles"):
        if key not in raw:
            chk.add(prefix + key, "is missing")
    cycles = raw.get("cycles", 1)
    if isinstance(cycles, bool) or not isinstance(cycles, int) or cycles < 1:
        chk.add(prefix + "cycles", "must be a whole number >= 1")
        cycles = 1
    before = len(chk.problems)
    inhale = chk.number(raw, "inhale", prefix, 0.5)
    exhale = chk.number(raw, "exhale", prefix, 0.5)
    hold_in = chk.number(raw, "hold_in", prefix, 0)
    hold_out = chk.number(raw, "hold_out", prefix, 0)
    if len(chk.problems) != before:
        return None
    return BreathPattern(
        inhale=inhale, hold_in=hold_in, exhale=exhale, hold_out=hold_out, cycles=cycles
    )


def _check_variant(chk: _Checker, variant: Variant, prefix: str, category: Category) -> None:
    has_breathing_step = any(s.kind is StepKind.BREATHING for s in variant.steps)
    if has_breathing_step and variant.breathing is None:
        chk.add(prefix + "breathing", "a breathing step needs a [breathing] pattern")
    if category is Category.BREATHING:
        if variant.breathing is None:
            chk.add(prefix + "breathing", "a breathing exercise needs a pattern")
        if not has_breathing_step:
            chk.add(prefix + "steps", "a breathing exercise needs a step with kind = 'breathing'")
