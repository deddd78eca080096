"""The prompt library: shipped data validates, validation bites, rotation rules hold."""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integrate.core.model import Phase
from integrate.core.prompts import (
    RATING_IDS,
    Domain,
    Prompt,
    PromptLibrary,
    PromptLibraryError,
    build_library,
    choose_prompts,
    load_prompts,
    load_safety_card,
    parse_checkins,
    parse_prompts,
    parse_safety_card,
)
from integrate.resources import load_toml


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return load_prompts()


def raw_prompts() -> dict[str, Any]:
    return copy.deepcopy(load_toml("prompts", "prompts.toml"))


def raw_checkins() -> dict[str, Any]:
    return copy.deepcopy(load_toml("prompts", "checkins.toml"))


# ----- the shipped library ----------------------------------------------------------------


def test_library_has_at_least_60_prompts_with_unique_ids(library: PromptLibrary) -> None:
    ids = [p.id for p in library.prompts]
    assert len(ids) >= 60
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_every_prompt_has_known_phases_and_non_empty_text(library: PromptLibrary) -> None:
    for p in library.prompts:
        assert p.phases and all(isinstance(ph, Phase) for ph in p.phases)
        assert isinstance(p.domain, Domain)
        for text in (p.short, p.long, p.skip_text):
            assert text.strip() == text and text
        assert len(p.short) <= 120 and "\n" not in p.short
        assert p.long != p.short


def test_every_phase_has_enough_prompts_to_rotate(library: PromptLibrary) -> None:
    for phase in Phase:
        layout = library.layout(phase)
        assert 0 < layout.prompt_count <= 4
        assert len(library.for_phase(phase)) >= 2 * layout.prompt_count, phase
    # A series of 6-8 sessions: day 1-3 check-ins should rarely need to repeat.
    for phase in (Phase.DAY_1, Phase.DAY_2, Phase.DAY_3):
        assert len(library.for_phase(phase)) >= 15, phase


def test_every_domain_is_covered(library: PromptLibrary) -> None:
    counts = Counter(p.domain for p in library.prompts)
    assert set(counts) == set(Domain)
    assert counts[Domain.THERAPY] >= 5


def test_check_in_phases_show_two_to_four_prompts_except_same_day(library: PromptLibrary) -> None:
    for phase in Phase:
        layout = library.layout(phase)
        if phase is Phase.SAME_DAY:
            continue
        assert 2 <= layout.prompt_count <= 4
        assert layout.free_writing and not layout.one_line


def test_same_day_is_tiny_one_line_distress_and_safety_card(library: PromptLibrary) -> None:
    layout = library.layout(Phase.SAME_DAY)
    assert layout.prompt_count == 1
    assert layout.one_line and not layout.free_writing
    assert layout.ratings == ("distress",)
    assert layout.safety_card
    assert all(len(p.short) <= 60 for p in library.for_phase(Phase.SAME_DAY))


def test_ratings_match_vault_columns_and_ranges(library: PromptLibrary) -> None:
    assert set(library.ratings) == set(RATING_IDS)
    for rid in ("mood", "distress", "sleep_quality"):
        r = library.ratings[rid]
        assert (r.kind, r.min, r.max) == ("scale", 0, 10)
        assert r.low_label and r.high_label and not r.optional
    intrusions = library.ratings["intrusions"]
    assert intrusions.optional
    assert intrusions.kind == "choice" and len(intrusions.choices) == intrusions.max + 1
    assert [r.id for r in library.ratings_for(Phase.DAY_1)] == [
        "mood",
        "distress",
        "sleep_quality",
        "intrusions",
    ]


def test_no_prompt_promises_outcomes_or_diagnoses(library: PromptLibrary) -> None:
    banned = re.compile(r"\b(cure|will heal|guarantee|diagnos|disorder|you have ptsd)", re.I)
    for p in library.prompts:
        assert not banned.search(f"{p.short} {p.long}"), p.id


def test_get_finds_prompts_and_rejects_unknown_ids(library: PromptLibrary) -> None:
    first = library.prompts[0]
    assert library.get(first.id) is first
    with pytest.raises(KeyError):
        library.get("no-such-prompt")


def test_safety_card_covers_the_same_day_rules() -> None:
    card = load_safety_card()
    ids = {i.id for i in card.items}
    assert {"no-driving", "ride-home", "no-big-decisions", "support-person", "who-to-call"} <= ids
    text = " ".join(i.text for i in card.items).lower()
    assert "drive" in text and "sleep" in text and "24 hours" in text
    assert "monitor" in card.not_monitored.lower()


# ----- validation bites ------------------------------------------------------------------


def mutate_first(change: dict[str, Any]) -> dict[str, Any]:
    data = raw_prompts()
    data["prompt"][0].update(change)
    return data


@pytest.mark.parametrize(
    "change",
    [
        {"id": ""},
        {"id": "Has Spaces"},
        {"phases": []},
        {"phases": ["day_4"]},
        {"phases": ["day_1", "day_1"]},
        {"domain": "astrology"},
        {"short": "   "},
        {"long": ""},
        {"skip_text": ""},
        {"short": "x" * 121},
        {"short": " padded"},
        {"colour": "blue"},
    ],
)
def test_malformed_prompt_is_rejected(change: dict[str, Any]) -> None:
    with pytest.raises(PromptLibraryError):
        parse_prompts(mutate_first(change))


def test_missing_field_and_duplicate_ids_are_rejected() -> None:
    data = raw_prompts()
    del data["prompt"][3]["skip_text"]
    with pytest.raises(PromptLibraryError, match="skip_text"):
        parse_prompts(data)
    data = raw_prompts()
    data["prompt"][5]["id"] = data["prompt"][2]["id"]
    with pytest.raises(PromptLibraryError, match="duplicate"):
        parse_prompts(data)
    with pytest.raises(PromptLibraryError):
        parse_prompts({"schema": 2, "prompt": raw_prompts()["prompt"]})


def test_a_phase_without_enough_prompts_is_rejected() -> None:
    data = raw_prompts()
    data["prompt"] = [p for p in data["prompt"] if "therapy_prep" not in p["phases"]][:]
    data["prompt"].append(
        {
            "id": "lonely",
            "phases": ["therapy_prep"],
            "domain": "therapy",
            "short": "One",
            "long": "Only one.",
            "skip_text": "Skip",
        }
    )
    with pytest.raises(PromptLibraryError, match="therapy_prep"):
        build_library(data, raw_checkins())


@pytest.mark.parametrize(
    "breaker",
    [
        lambda d: d["layout"].pop("between"),
        lambda d: d["layout"]["day_1"].update(prompt_count=5),
        lambda d: d["layout"]["day_1"].update(ratings=["joy"]),
        lambda d: d["layout"]["day_1"].update(one_line="yes"),
        lambda d: d["rating"][0].update(id="happiness"),
        lambda d: d["rating"][0].update(min=10, max=0),
        lambda d: d["rating"][3].update(choices=["Not at all"]),
        lambda d: d["rating"][0].update(kind="slider"),
    ],
)
def test_malformed_checkin_layouts_are_rejected(breaker: Any) -> None:
    data = raw_checkins()
    breaker(data)
    with pytest.raises(PromptLibraryError):
        parse_checkins(data)


def test_malformed_safety_card_is_rejected() -> None:
    data = copy.deepcopy(load_toml("prompts", "safety_card.toml"))
    data["item"][1]["id"] = data["item"][0]["id"]
    with pytest.raises(PromptLibraryError):
        parse_safety_card(data)
    data = copy.deepcopy(load_toml("prompts", "safety_card.toml"))
    data["item"][0]["text"] = ""
    with pytest.raises(PromptLibraryError):
        parse_safety_card(data)


# ----- rotation -----------------------------------------------------------------------------


def ids(prompts: list[Prompt]) -> list[str]:
    return [p.id for p in prompts]


def test_choice_is_deterministic_for_a_seed_and_varies_between_seeds(
    library: PromptLibrary,
) -> None:
    a = ids(choose_prompts(library, Phase.DAY_2, [], set(), 3, "s1:day_2"))
    assert a == ids(choose_prompts(library, Phase.DAY_2, [], set(), 3, "s1:day_2"))
    picks = {
        tuple(ids(choose_prompts(library, Phase.DAY_2, [], set(), 3, f"s{n}:day_2")))
        for n in range(20)
    }
    assert len(picks) > 5
    assert len(set(a)) == 3
    assert all(Phase.DAY_2 in library.get(i).phases for i in a)


def test_a_series_never_repeats_a_prompt_until_the_phase_runs_out(library: PromptLibrary) -> None:
    seen: list[str] = []
    for session in range(8):  # a long series: 8 sessions x day 1-3
        for phase in (Phase.DAY_1, Phase.DAY_2, Phase.DAY_3):
            unseen = {p.id for p in library.for_phase(phase)} - set(seen)
            picked = ids(choose_prompts(library, phase, seen, set(), 3, f"s{session}:{phase}"))
            assert len(picked) == 3 and len(set(picked)) == 3
            # Only as many repeats as the phase's unseen prompts fall short of 3.
            assert len(set(picked) & unseen) == min(3, len(unseen))
            seen.extend(picked)
    # Every day-1..3 prompt was shown at least once over the series.
    pool = {p.id for ph in (Phase.DAY_1, Phase.DAY_2, Phase.DAY_3) for p in library.for_phase(ph)}
    assert pool <= set(seen)


def test_seen_prompts_are_skipped_when_fresh_ones_exist(library: PromptLibrary) -> None:
    pool = ids(library.for_phase(Phase.PREPARATION))
    seen = pool[:-3]
    got = ids(choose_prompts(library, Phase.PREPARATION, seen, set(), 3, "k"))
    assert sorted(got) == sorted(pool[-3:])


def test_exhausted_phase_falls_back_to_least_recently_seen(library: PromptLibrary) -> None:
    pool = ids(library.for_phase(Phase.THERAPY_PREP))
    seen = list(reversed(pool))  # pool[-1] seen longest ago, pool[0] most recently
    got = ids(choose_prompts(library, Phase.THERAPY_PREP, seen, set(), 2, "k"))
    assert got == [pool[-1], pool[-2]]
    # A prompt seen twice counts by its latest showing.
    seen_again = [*seen, pool[-1]]
    got = ids(choose_prompts(library, Phase.THERAPY_PREP, seen_again, set(), 2, "k"))
    assert got == [pool[-2], pool[-3]]


def test_pinned_prompts_come_back_and_leave_room_for_a_new_one(library: PromptLibrary) -> None:
    pool = ids(library.for_phase(Phase.DAY_1))
    pinned = {pool[0], pool[1], pool[2]}
    seen = list(pool[:3])
    got = ids(choose_prompts(library, Phase.DAY_1, seen, pinned, 3, "k"))
    assert len(got) == 3
    assert len(set(got) & pinned) == 2  # pinned repeat, but count - 1 at most
    assert len(set(got) - set(seen)) == 1
    one = ids(choose_prompts(library, Phase.DAY_1, seen, {pool[0]}, 1, "k"))
    assert one == [pool[0]]


def test_pins_for_other_phases_are_ignored(library: PromptLibrary) -> None:
    same_day = library.for_phase(Phase.SAME_DAY)[0].id
    got = ids(choose_prompts(library, Phase.SERIES_REVIEW, [], {same_day}, 4, "k"))
    assert same_day not in got


def test_count_larger_than_the_phase_returns_all_without_duplicates(library: PromptLibrary) -> None:
    pool = ids(library.for_phase(Phase.SAME_DAY))
    got = ids(choose_prompts(library, Phase.SAME_DAY, pool, set(pool), 50, "k"))
    assert sorted(got) == sorted(pool)
    assert choose_prompts(library, Phase.SAME_DAY, [], set(), 0, "k") == []


@settings(max_examples=200, deadline=None)
@given(
    phase=st.sampled_from(list(Phase)),
    seen_idx=st.lists(st.integers(min_value=0, max_value=69)),
    pinned_idx=st.sets(st.integers(min_value=0, max_value=69), max_size=6),
    count=st.integers(min_value=1, max_value=4),
    seed=st.text(max_size=12),
)
def test_property_rotation_rules(
    phase: Phase, seen_idx: list[int], pinned_idx: set[int], count: int, seed: str
) -> None:
    library = load_prompts()
    all_ids = [p.id for p in library.prompts]
    seen = [all_ids[i % len(all_ids)] for i in seen_idx]
    pinned = {all_ids[i % len(all_ids)] for i in pinned_idx}
    got = ids(choose_prompts(library, phase, seen, pinned, count, seed))
    pool = ids(library.for_phase(phase))
    assert len(got) == len(set(got)) == min(count, len(pool))
    assert set(got) <= set(pool)
    fresh = [p for p in pool if p not in seen and p not in pinned]
    repeats = [p for p in got if p in seen and p not in pinned]
    if repeats:  # a seen, unpinned prompt only when no fresh one was left out
        assert set(fresh) <= set(got)
