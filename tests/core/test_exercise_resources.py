"""The exercise data in resources/exercises: complete, timed, cautious, gentle by default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integrate.core.exercises import (
    Category,
    Exercise,
    ExerciseDataError,
    StepKind,
    exercises_by_id,
    load_exercises,
)

EXERCISES = load_exercises()
BY_ID = exercises_by_id(EXERCISES)

REQUIRED_IDS = {
    "senses_54321",
    "orienting",
    "extended_exhale",
    "calm_breathing",
    "box_breathing",
    "breathing_478",
    "pmr",
    "body_scan",
    "calm_place",
    "butterfly_hug",
    "cold_water",
    "mental_categories",
}

# Exercise -> words its caution must contain, from CLINICAL.md's caution column.
CAUTIONS = {
    "box_breathing": ["optional", "heart", "lung", "pregnant", "panic"],
    "breathing_478": ["lightheaded", "sitting", "4 rounds"],
    "pmr": ["injured", "high blood pressure", "heart disease"],
    "body_scan": ["flashbacks", "eyes open", "room", "stop at any step"],
    "calm_place": ["imagined", "mixed feelings"],
    "butterfly_hug": ["EMDR", "calm place", "not a way to work on"],
    "cold_water": ["heart", "beta-blockers", "eating disorder"],
}
NO_NOTABLE_CAUTION = {"senses_54321", "orienting", "mental_categories", "extended_exhale"}
BREATH_HOLD_EXERCISES = {"box_breathing", "breathing_478"}


def test_all_required_exercises_are_present() -> None:
    assert len(EXERCISES) >= 12
    assert set(BY_ID) >= REQUIRED_IDS


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_has_steps_and_timings(exercise: Exercise) -> None:
    low, high = exercise.duration_minutes
    assert 1 <= low <= high
    assert exercise.title and exercise.summary
    assert exercise.variants
    for variant in exercise.variants:
        assert variant.steps, variant.id
        for step in variant.steps:
            assert step.text.strip()
            # Every step is either timed (seconds > 0 or a breathing pattern) or self-paced.
            length = variant.step_seconds(step)
            assert (length is not None and length > 0) or step.self_paced
        # The timed part fits inside the stated estimate.
        assert variant.timed_seconds <= high * 60, (exercise.id, variant.id)


@pytest.mark.parametrize("ex_id", sorted(CAUTIONS))
def test_cautions_present_where_clinical_lists_one(ex_id: str) -> None:
    caution = BY_ID[ex_id].caution
    assert caution, ex_id
    for word in CAUTIONS[ex_id]:
        assert word.lower() in caution.lower(), (ex_id, word)


def test_low_risk_exercises_carry_no_caution() -> None:
    for ex_id in NO_NOTABLE_CAUTION:
        assert BY_ID[ex_id].caution is None, ex_id


def test_tips_from_clinical() -> None:
    assert "calm" in (BY_ID["calm_breathing"].tip or "").lower()  # practise when calm first
    assert "memory" in (BY_ID["orienting"].tip or "").lower()  # first choice in flashbacks


def test_breath_holds_are_never_a_default() -> None:
    for ex in EXERCISES:
        assert not ex.variant().has_breath_holds, ex.id  # not even box or 4-7-8
        if ex.id in BREATH_HOLD_EXERCISES:
            # The hold version is there to choose, and the exercise carries a caution.
            assert ex.has_breath_holds and ex.caution
            assert any(v.has_breath_holds for v in ex.variants)
        else:
            assert not ex.has_breath_holds, ex.id


def test_breathing_exercises_have_patterns() -> None:
    breathing = [ex for ex in EXERCISES if ex.category is Category.BREATHING]
    assert {ex.id for ex in breathing} >= {
        "extended_exhale",
        "calm_breathing",
        "box_breathing",
        "breathing_478",
    }
    for ex in breathing:
        for variant in ex.variants:
            assert variant.breathing is not None
            assert any(s.kind is StepKind.BREATHING for s in variant.steps)


def test_extended_exhale_is_four_six_by_default_with_four_eight_variant() -> None:
    ex = BY_ID["extended_exhale"]
    default = ex.variant().breathing
    assert default is not None
    assert (default.inhale, default.exhale, default.has_holds) == (4, 6, False)
    longer = ex.variant("in4_out8").breathing
    assert longer is not None and (longer.inhale, longer.exhale) == (4, 8)
    assert not any(v.has_breath_holds for v in ex.variants)


def test_box_and_478_patterns_and_limits() -> None:
    box = BY_ID["box_breathing"]
    even = box.variant().breathing
    assert even is not None and (even.inhale, even.exhale, even.has_holds) == (4, 4, False)
    classic = box.variant("classic").breathing
    assert classic is not None
    assert (classic.inhale, classic.hold_in, classic.exhale, classic.hold_out) == (4, 4, 4, 4)
    ex478 = BY_ID["breathing_478"]
    start = ex478.variant().breathing
    assert start is not None and (start.inhale, start.exhale, start.has_holds) == (4, 8, False)
    holding = [v for v in ex478.variants if v.has_breath_holds]
    assert holding
    for variant in ex478.variants:
        pattern = variant.breathing
        assert pattern is not None
        assert pattern.cycles <= 4  # at most 4 cycles at first
    for variant in holding:
        pattern = variant.breathing
        assert pattern is not None
        assert (pattern.inhale, pattern.hold_in, pattern.exhale) == (4, 7, 8)


def test_pmr_short_and_long_with_clinical_timings() -> None:
    pmr = BY_ID["pmr"]
    assert {v.id for v in pmr.variants} == {"short", "long"}
    assert pmr.default_variant == "short"
    short, long = pmr.variant("short"), pmr.variant("long")
    assert long.timed_seconds > short.timed_seconds
    for variant in (short, long):
        tense = [s for s in variant.steps if "Hold it gently" in s.text]
        release = [s for s in variant.steps if s.text.startswith("Let go.")]
        assert len(tense) == len(release) >= 6
        assert all(s.seconds is not None and 5 <= s.seconds <= 10 for s in tense)
        assert all(s.seconds is not None and 10 <= s.seconds <= 30 for s in release)
    # Feet to head.
    assert "feet" in short.steps[2].text and "face" in short.steps[-4].text


def test_body_scan_is_trauma_sensitive() -> None:
    scan = BY_ID["body_scan"]
    assert scan.default_variant == "eyes_open"
    assert {"eyes_open", "outward"} <= {v.id for v in scan.variants}
    for variant in scan.variants:
        assert sum(s.kind is StepKind.OPT_OUT_POINT for s in variant.steps) >= 2
        assert "stop" in variant.steps[0].text.lower()
        assert "look around" in variant.steps[-1].text.lower()  # ends facing outward


def test_text_entry_steps_for_senses() -> None:
    senses = BY_ID["senses_54321"].variant()
    counts = [s.entry_count for s in senses.steps if s.kind is StepKind.TEXT_ENTRY]
    assert counts == [5, 4, 3, 2, 1]


def test_butterfly_hug_is_framed_around_the_calm_place() -> None:
    hug = BY_ID["butterfly_hug"]
    assert "calm" in hug.summary.lower()
    assert "calm place" in hug.variant().steps[0].text.lower()


def test_cold_water_is_about_thirty_seconds() -> None:
    steps = BY_ID["cold_water"].variant().steps
    assert any(s.seconds == 30 and "face" in s.text for s in steps)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_guidance_is_short_second_person_sentences(exercise: Exercise) -> None:
    for variant in exercise.variants:
        texts = " ".join(s.text for s in variant.steps)
        assert re.search(r"\byou(r)?\b", texts, re.IGNORECASE), exercise.id
        for step in variant.steps:
            for sentence in re.split(r"(?<=[.?!])\s+", step.text):
                assert len(sentence.split()) <= 25, (exercise.id, sentence)


# ----- the loader names the file and the field ----------------------------------

GOOD = """
id = "demo"
title = "Demo"
category = "breathing"
summary = "s"
duration_minutes = [1, 2]
default_variant = "a"

[[steps]]
kind = "breathing"
text = "Breathe."

[[variants]]
id = "a"
title = "A"
[variants.breathing]
inhale = 4
exhale = 6
cycles = 3
"""


def write(tmp_path: Path, body: str, name: str = "demo.toml") -> Path:
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def problems_for(tmp_path: Path, body: str) -> list[str]:
    with pytest.raises(ExerciseDataError) as info:
        load_exercises(write(tmp_path, body))
    return info.value.problems


def test_a_minimal_valid_file_loads(tmp_path: Path) -> None:
    (ex,) = load_exercises(write(tmp_path, GOOD))
    assert ex.variant().breathing is not None
    assert ex.variant().steps[0].kind is StepKind.BREATHING


def test_unknown_field_and_bad_seconds_are_named(tmp_path: Path) -> None:
    body = GOOD.replace('text = "Breathe."', 'text = "Breathe."\nsecnods = 3') + (
        '\n[[variants]]\nid = "b"\ntitle = "B"\n[[variants.steps]]\ntext = "x"\nseconds = -1\n'
    )
    problems = problems_for(tmp_path, body)
    assert "exercises/demo.toml: steps[0].secnods: unknown field (a typo?)" in problems
    assert any(p.startswith("exercises/demo.toml: variants[1].steps[0].seconds:") for p in problems)


def test_a_holding_default_is_refused_even_with_the_flag(tmp_path: Path) -> None:
    body = 'has_breath_holds = true\ncaution = "c"\n' + GOOD.replace(
        "exhale = 6", "exhale = 6\nhold_in = 4"
    )
    problems = problems_for(tmp_path, body)
    assert any(
        p.startswith("exercises/demo.toml: default_variant: holds the breath") for p in problems
    )


def test_a_hold_version_needs_the_flag_to_match_and_a_caution(tmp_path: Path) -> None:
    holding = '\n[[variants]]\nid = "held"\ntitle = "Held"\n[variants.breathing]\n' + (
        "inhale = 4\nhold_in = 4\nexhale = 6\ncycles = 3\n"
    )
    problems = problems_for(tmp_path, "has_breath_holds = true\n" + GOOD + holding)
    assert problems == [
        "exercises/demo.toml: caution: an exercise with breath holds needs a caution"
    ]
    problems = problems_for(tmp_path, 'has_breath_holds = true\ncaution = "c"\n' + GOOD)
    assert problems == [
        "exercises/demo.toml: has_breath_holds: is true but no variant holds the breath"
    ]
    (ex,) = load_exercises(
        write(tmp_path, 'has_breath_holds = true\ncaution = "c"\n' + GOOD + holding)
    )
    assert ex.has_breath_holds and not ex.variant().has_breath_holds


def test_missing_pattern_entry_count_and_category(tmp_path: Path) -> None:
    body = """
id = "demo"
title = "Demo"
category = "calming"
summary = "s"
duration_minutes = [3, 1]
[[variants]]
id = "a"
title = "A"
[[variants.steps]]
kind = "breathing"
text = "Breathe."
[[variants.steps]]
kind = "text_entry"
text = "Name things."
"""
    problems = problems_for(tmp_path, body)
    joined = "\n".join(problems)
    assert "exercises/demo.toml: category: must be one of" in joined
    assert "exercises/demo.toml: duration_minutes:" in joined
    assert "exercises/demo.toml: variants[0].breathing: a breathing step needs" in joined
    assert "exercises/demo.toml: variants[0].steps[1].entry_count:" in joined


def test_id_must_match_file_name_and_default_must_exist(tmp_path: Path) -> None:
    body = GOOD.replace('default_variant = "a"', 'default_variant = "zz"')
    problems = problems_for(tmp_path, body.replace('id = "demo"', 'id = "other"', 1))
    joined = "\n".join(problems)
    assert "exercises/demo.toml: id: must match the file name" in joined
    assert "exercises/demo.toml: default_variant: 'zz' is not one of the variants" in joined


def test_unparseable_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    write(tmp_path, "id = = broken", name="broken.toml")
    with pytest.raises(ExerciseDataError) as info:
        load_exercises(tmp_path)
    assert info.value.problems[0].startswith("exercises/broken.toml: does not parse")
