"""core.outcomes: the change rules are the published ones, defined once, read both ways."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from integrate.core.outcomes import (
    Reached,
    Verdict,
    Window,
    assess,
    load_outcome_rules,
    missing_windows,
)
from integrate.resources import ResourceError

RULES = load_outcome_rules()


def test_thresholds_are_the_published_ones() -> None:
    """CLINICAL.md: PHQ-9 >= 6, GAD-7 >= 4 (NHS Talking Therapies); PCL-5 10 (VA) and
    15-18 (Marx et al. 2022); response 50 %; remission < 5, < 5, below 31-33."""
    phq, gad, pcl = RULES["phq9"], RULES["gad7"], RULES["pcl5"]
    assert [(t.points, t.points_max) for t in phq.thresholds] == [(6, None)]
    assert [(t.points, t.points_max) for t in gad.thresholds] == [(4, None)]
    assert [(t.points, t.points_max, t.source) for t in pcl.thresholds] == [
        (10, None, "per VA guidance"),
        (15, 18, "per Marx et al. 2022"),
    ]
    assert pcl.deciding.points == 10
    assert {r.response_drop for r in RULES.values()} == {0.5}
    assert (phq.remission_below, gad.remission_below) == (5, 5)
    assert (pcl.remission_below, pcl.remission_range_max) == (31, 33)
    assert pcl.remission_text == "below 31\u201333"


@pytest.mark.parametrize(
    ("family", "baseline", "latest", "verdict"),
    [
        ("phq9", 5, 11, Verdict.WORSE),  # +6: reliable deterioration
        ("phq9", 11, 5, Verdict.IMPROVED),  # the same size the other way
        ("phq9", 5, 10, Verdict.NO_RELIABLE_CHANGE),
        ("gad7", 4, 8, Verdict.WORSE),
        ("gad7", 8, 5, Verdict.NO_RELIABLE_CHANGE),
        ("pcl5", 30, 40, Verdict.WORSE),
        ("pcl5", 40, 31, Verdict.NO_RELIABLE_CHANGE),
    ],
)
def test_deterioration_counts_exactly_like_improvement(
    family: str, baseline: int, latest: int, verdict: Verdict
) -> None:
    assert assess(RULES[family], baseline, latest).verdict is verdict


def test_pcl5_reports_both_thresholds_and_the_marx_range() -> None:
    out = assess(RULES["pcl5"], 40, 24)  # -16: VA reached, within Marx 15-18
    assert [r.reached for r in out.thresholds] == [Reached.YES, Reached.WITHIN_RANGE]
    assert assess(RULES["pcl5"], 40, 22).thresholds[1].reached is Reached.YES
    assert assess(RULES["pcl5"], 40, 28).thresholds[1].reached is Reached.NO


def test_response_and_remission() -> None:
    out = assess(RULES["phq9"], 16, 4)
    assert out.response and out.remission and out.percent_change == pytest.approx(-75.0)
    half = assess(RULES["gad7"], 12, 6)
    assert half.response and not half.remission  # exactly 50 % counts; 6 is not < 5
    assert assess(RULES["phq9"], 3, 2).remission is None  # baseline already below 5
    assert assess(RULES["phq9"], 0, 0).response is None
    pcl = assess(RULES["pcl5"], 50, 30)
    assert pcl.remission and not assess(RULES["pcl5"], 50, 31).remission


def test_single_administration_has_no_verdict() -> None:
    out = assess(RULES["phq9"], 9, 9, single=True)
    assert out.verdict is Verdict.SINGLE and out.response is None


def test_missing_windows_follow_the_rhythm_and_wait_for_open_windows() -> None:
    start = date(2026, 1, 5)
    taken = [start, start + timedelta(days=7), start + timedelta(days=21)]
    end = start + timedelta(days=34)
    got = missing_windows(taken, start, end, 7, today=end + timedelta(days=1))
    assert got == [
        Window(start + timedelta(days=14), start + timedelta(days=20)),
        Window(start + timedelta(days=28), start + timedelta(days=34)),
    ]
    # The last week is still open today: not missing yet.
    assert missing_windows(taken, start, end, 7, today=end)[-1].start == start + timedelta(days=14)


def test_bad_rules_are_refused() -> None:
    bad = {"family": [{"id": "x", "response_drop": 0.5, "remission_below": 5, "thresholds": []}]}
    with pytest.raises(ResourceError, match="exactly one threshold"):
        load_outcome_rules(bad)
