"""The safety plan: seven sections, tolerant JSON round-trip, emptiness."""

from __future__ import annotations

import json

import pytest

from integrate.core.crisis import lines_for
from integrate.core.safety import (
    SECTION_KEYS,
    PlanContact,
    SafetyPlan,
    SafetyPlanError,
    prefill_crisis_lines,
)


def full_plan() -> SafetyPlan:
    return SafetyPlan(
        warning_signs=["Not sleeping", "Pulling away from friends"],
        coping_steps=["Cold water on my face", "Walk round the block"],
        people_places=[PlanContact("Sam", "0161 496 0000"), PlanContact("The library")],
        professionals=[PlanContact("Dr Lee", "020 7946 0123", "weekdays")],
        crisis_lines=[PlanContact("Samaritans", "116 123")],
        safer_surroundings=["Ask Sam to keep my pills"],
        reasons_for_living=["My niece", "Finishing the garden"],
    )


def test_has_the_seven_sections() -> None:
    assert SECTION_KEYS == (
        "warning_signs",
        "coping_steps",
        "people_places",
        "professionals",
        "crisis_lines",
        "safer_surroundings",
        "reasons_for_living",
    )


def test_round_trip_keeps_everything() -> None:
    plan = full_plan()
    again = SafetyPlan.from_json(plan.to_json())
    assert again == plan
    assert json.loads(plan.to_json())["version"] == 1


def test_missing_sections_and_bad_items_are_tolerated() -> None:
    text = json.dumps(
        {
            "warning_signs": ["Racing thoughts", 42, None],
            "professionals": [{"name": "Dr Lee", "phone": "123"}, "Clinic", {"name": 5}],
            "reasons_for_living": "not a list",
        }
    )
    plan = SafetyPlan.from_json(text)
    assert plan.warning_signs == ["Racing thoughts"]
    assert plan.professionals == [PlanContact("Dr Lee", "123"), PlanContact("Clinic")]
    assert plan.reasons_for_living == []
    assert plan.coping_steps == [] and plan.crisis_lines == []


def test_unknown_sections_survive_a_save() -> None:
    text = json.dumps({"version": 2, "warning_signs": ["x"], "future_section": ["kept"]})
    plan = SafetyPlan.from_json(text)
    assert plan.extra == {"future_section": ["kept"]}
    assert json.loads(plan.to_json())["future_section"] == ["kept"]


def test_empty_and_unreadable_input() -> None:
    assert SafetyPlan.from_json(None).is_empty()
    assert SafetyPlan.from_json("  ").is_empty()
    assert SafetyPlan.from_json("{}").is_empty()
    with pytest.raises(SafetyPlanError):
        SafetyPlan.from_json("{not json")
    with pytest.raises(SafetyPlanError):
        SafetyPlan.from_json("[1, 2]")


def test_is_empty_ignores_blank_items() -> None:
    plan = SafetyPlan(warning_signs=["  ", ""], professionals=[PlanContact(" ", " ")])
    assert plan.is_empty()
    plan.reasons_for_living.append("My dog")
    assert not plan.is_empty()
    assert not SafetyPlan(crisis_lines=[PlanContact("", "988")]).is_empty()


def test_cleaned_trims_and_drops_blanks() -> None:
    plan = SafetyPlan(
        coping_steps=["  breathe ", " "],
        people_places=[PlanContact(" Sam ", " 123 "), PlanContact("")],
    )
    clean = plan.cleaned()
    assert clean.coping_steps == ["breathe"]
    assert clean.people_places == [PlanContact("Sam", "123")]
    assert plan.coping_steps == ["  breathe ", " "]  # the original is untouched


def test_prefill_crisis_lines_only_when_empty() -> None:
    filled = prefill_crisis_lines(SafetyPlan(), lines_for("AU"))
    assert filled.crisis_lines == [PlanContact("Lifeline", "13 11 14", "Text 0477 13 11 14")]
    us = prefill_crisis_lines(SafetyPlan(), lines_for("US"))
    assert us.crisis_lines[0].phone == "988"
    mine = SafetyPlan(crisis_lines=[PlanContact("My line", "0800 000")])
    assert prefill_crisis_lines(mine, lines_for("AU")) is mine
