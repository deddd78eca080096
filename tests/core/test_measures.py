"""Scoring, answer parsing, change from baseline and cadence, against hand-worked examples."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from integrate.core.measures import (
    FLAG_CRISIS,
    FLAG_CUTOFF,
    FLAG_PROVISIONAL,
    GUIDANCE,
    Direction,
    DueMeasure,
    DueReason,
    Incomplete,
    Instrument,
    Score,
    UnknownInstrumentError,
    change_from_baseline,
    crisis_triggered,
    due_measures,
    get_instrument,
    load_cadence,
    load_instruments,
    parse_answers,
    score,
)

INS = load_instruments()
PCL = INS["pcl5_month"]
PCL_WEEK = INS["pcl5_week"]
PHQ = INS["phq9"]
GAD = INS["gad7"]
SUDS = INS["suds"]


def complete(result: Score | Incomplete) -> Score:
    assert isinstance(result, Score), result
    return result


# --- PHQ-9 -------------------------------------------------------------------------------


def test_phq9_hand_worked() -> None:
    s = complete(score(PHQ, [0, 1, 2, 3, 0, 1, 2, 3, 0]))
    assert (s.total, s.max, s.band) == (12, 27, "Moderate")
    assert s.crisis is False and s.flags == []
    assert s.provisional_dsm5 is None and s.subscales == {}
    assert s.extras == {"difficulty": None}


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild"),
        ([3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "Mild"),
        ([3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "Moderate"),
        ([3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "Moderate"),
        ([3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "Moderately severe"),
        ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "Severe"),
    ],
)
def test_phq9_band_boundaries(answers: list[int], total: int, band: str) -> None:
    s = complete(score(PHQ, answers))
    assert (s.total, s.band) == (total, band)


@pytest.mark.parametrize("value", [1, 2, 3])
def test_phq9_item9_above_zero_is_a_crisis(value: int) -> None:
    s = complete(score(PHQ, [0] * 8 + [value]))
    assert s.crisis is True
    assert FLAG_CRISIS in s.flags
    assert s.total == value and s.band == "Minimal"  # the crisis does not depend on the total


def test_phq9_item9_zero_is_not_a_crisis() -> None:
    s = complete(score(PHQ, [3] * 8 + [0]))
    assert s.total == 24 and s.crisis is False and FLAG_CRISIS not in s.flags


def test_crisis_reported_even_when_incomplete() -> None:
    result = score(PHQ, [None] * 8 + [1])
    assert isinstance(result, Incomplete)
    assert result.crisis is True
    assert result.missing == [1, 2, 3, 4, 5, 6, 7, 8]


def test_crisis_triggered_on_partial_forms() -> None:
    assert crisis_triggered(PHQ, []) is False
    assert crisis_triggered(PHQ, [0, 0]) is False
    assert crisis_triggered(PHQ, [None] * 8 + [None]) is False
    assert crisis_triggered(PHQ, [None] * 8 + [0]) is False
    assert crisis_triggered(PHQ, [None] * 8 + [2]) is True
    assert crisis_triggered(GAD, [3] * 7) is False  # GAD-7 has no crisis item


def test_phq9_difficulty_is_optional_and_unscored() -> None:
    base = [1, 1, 1, 1, 1, 0, 0, 0, 0]
    without = complete(score(PHQ, base))
    with_none = complete(score(PHQ, [*base, None]))
    with_answer = complete(score(PHQ, [*base, 3]))
    assert without.total == with_none.total == with_answer.total == 5
    assert with_answer.extras == {"difficulty": 3}
    assert with_none.extras == {"difficulty": None}
    assert with_answer.answers == base  # the difficulty answer is not an item answer


def test_gad7_difficulty_is_asked_and_stored_like_phq9s() -> None:
    """GAD-7's printed form asks the same optional difficulty question (issue 16)."""
    with_answer = score(GAD, [1] * 7 + [2])
    assert with_answer.extras == {"difficulty": 2}
    assert with_answer.total == 7  # unscored
    assert score(GAD, [1] * 7).extras == {"difficulty": None}
    assert GAD.extra_questions[0].text == PHQ.extra_questions[0].text
    assert GAD.extra_questions[0].options == PHQ.extra_questions[0].options


def test_phq9_difficulty_out_of_range() -> None:
    with pytest.raises(ValueError, match="difficulty question of PHQ-9: 4"):
        score(PHQ, [0] * 9 + [4])


# --- GAD-7 -------------------------------------------------------------------------------


def test_gad7_hand_worked() -> None:
    s = complete(score(GAD, [2, 1, 0, 3, 1, 2, 0]))
    assert (s.total, s.max, s.band, s.crisis) == (9, 21, "Mild", False)
    assert s.extras == {"difficulty": None}  # asked since issue 16, optional


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "Minimal"),
        ([2, 2, 0, 0, 0, 0, 0], 4, "Minimal"),
        ([2, 2, 1, 0, 0, 0, 0], 5, "Mild"),
        ([3, 3, 3, 0, 0, 0, 0], 9, "Mild"),
        ([3, 3, 3, 1, 0, 0, 0], 10, "Moderate"),
        ([3, 3, 3, 3, 2, 0, 0], 14, "Moderate"),
        ([3, 3, 3, 3, 3, 0, 0], 15, "Severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "Severe"),
    ],
)
def test_gad7_band_boundaries(answers: list[int], total: int, band: str) -> None:
    s = complete(score(GAD, answers))
    assert (s.total, s.band) == (total, band)


# --- PCL-5 -------------------------------------------------------------------------------

# B: items 1-5, C: 6-7, D: 8-14, E: 15-20
HAND_WORKED = [1, 2, 3, 4, 0] + [2, 1] + [0, 1, 2, 3, 4, 0, 1] + [2, 2, 2, 0, 0, 1]


@pytest.mark.parametrize("ins", [PCL, PCL_WEEK], ids=["month", "week"])
def test_pcl5_hand_worked(ins: Instrument) -> None:
    s = complete(score(ins, HAND_WORKED))
    assert s.subscales == {"B": 10, "C": 3, "D": 11, "E": 7}
    assert (s.total, s.max, s.band) == (31, 80, None)
    # endorsed (>= 2): B items 2,3,4; C item 6; D items 10,11,12; E items 15,16,17
    assert s.provisional_dsm5 is True
    assert s.flags == [FLAG_PROVISIONAL, FLAG_CUTOFF]
    assert s.crisis is False


def pcl(**ratings: int) -> list[int]:
    """All zeros except the given items, e.g. pcl(i1=2, i6=2)."""
    answers = [0] * 20
    for key, value in ratings.items():
        answers[int(key[1:]) - 1] = value
    return answers


MINIMAL_PATTERN = {"i1": 2, "i6": 2, "i8": 2, "i9": 2, "i15": 2, "i16": 2}


def test_pcl5_minimal_pattern_meets_the_rule() -> None:
    s = complete(score(PCL, pcl(**MINIMAL_PATTERN)))
    assert s.provisional_dsm5 is True
    assert s.total == 12 and s.subscales == {"B": 2, "C": 2, "D": 4, "E": 4}
    assert FLAG_PROVISIONAL in s.flags and FLAG_CUTOFF not in s.flags


@pytest.mark.parametrize("short_item", ["i1", "i6", "i9", "i16"], ids=["B", "C", "D", "E"])
def test_pcl5_each_cluster_one_short(short_item: str) -> None:
    # A rating of exactly 1 is not endorsed: the cluster falls one item short.
    s = complete(score(PCL, pcl(**{**MINIMAL_PATTERN, short_item: 1})))
    assert s.provisional_dsm5 is False
    assert FLAG_PROVISIONAL not in s.flags


def test_pcl5_ratings_of_one_never_endorse() -> None:
    ones = complete(score(PCL, [1] * 20))
    twos = complete(score(PCL, [2] * 20))
    assert (ones.total, ones.provisional_dsm5) == (20, False)
    assert (twos.total, twos.provisional_dsm5) == (40, True)


def test_pcl5_endorsements_count_only_in_their_own_cluster() -> None:
    # Every D item at 4 but only one E item endorsed: the rule is not met.
    answers = pcl(i1=4, i6=4, i15=4, **{f"i{n}": 4 for n in range(8, 15)})
    s = complete(score(PCL, answers))
    assert s.subscales == {"B": 4, "C": 4, "D": 28, "E": 4}
    assert s.provisional_dsm5 is False


def test_pcl5_high_total_without_pattern() -> None:
    answers = [4] * 5 + [0, 0] + [4] * 13  # no avoidance at all
    s = complete(score(PCL, answers))
    assert s.total == 72 and s.subscales["C"] == 0
    assert s.provisional_dsm5 is False
    assert s.flags == [FLAG_CUTOFF]


def test_pcl5_cutoff_flag_boundary() -> None:
    at_30 = complete(score(PCL, [2] * 15 + [0] * 5))
    at_31 = complete(score(PCL, [2] * 15 + [1] + [0] * 4))
    assert at_30.total == 30 and FLAG_CUTOFF not in at_30.flags
    assert at_31.total == 31 and FLAG_CUTOFF in at_31.flags


def test_pcl5_extremes() -> None:
    zero = complete(score(PCL, [0] * 20))
    top = complete(score(PCL, [4] * 20))
    assert (zero.total, zero.provisional_dsm5, zero.flags) == (0, False, [])
    assert top.total == 80 and top.subscales == {"B": 20, "C": 8, "D": 28, "E": 24}


# --- quick check (SUDS and mood) -------------------------------------------------------


def test_suds_reports_each_rating_without_a_total() -> None:
    s = complete(score(SUDS, [7, 3]))
    assert s.total is None and s.max is None and s.band is None
    assert s.subscales == {"distress": 7, "mood": 3}
    assert s.to_dict()["total"] is None


def test_suds_range() -> None:
    assert complete(score(SUDS, [0, 10])).subscales == {"distress": 0, "mood": 10}
    with pytest.raises(ValueError, match="0-10"):
        score(SUDS, [11, 0])


# --- incomplete and invalid answers -----------------------------------------------------


def test_incomplete_lists_missing_items_and_scores_nothing() -> None:
    result = score(GAD, [1, None, 1, 1, None, 1, 1])
    assert isinstance(result, Incomplete)
    assert result.complete is False
    assert result.missing == [2, 5]
    assert result.message == "Items 2 and 5 have no answer yet."
    assert "total" not in result.to_dict()
    assert result.to_dict()["missing"] == [2, 5]


def test_incomplete_messages() -> None:
    one = score(PHQ, [0] * 8 + [None])
    three = score(GAD, [None, None, None, 0, 0, 0, 0])
    assert isinstance(one, Incomplete) and one.message == "Item 9 has no answer yet."
    assert isinstance(three, Incomplete)
    assert three.message == "Items 1, 2 and 3 have no answer yet."


def test_all_missing_pcl5() -> None:
    result = score(PCL, [None] * 20)
    assert isinstance(result, Incomplete) and result.missing == list(range(1, 21))


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([0] * 8, "PHQ-9 needs 9 answers \\(or 10 with the optional difficulty question\\); got 8"),
        ([0] * 11, "got 11"),
        ([4] + [0] * 8, "Item 1 of PHQ-9: 4 is not one of its answers \\(0-3\\)"),
        ([0] * 8 + [-1], "Item 9 of PHQ-9: -1"),
        ([True] + [0] * 8, "not a whole number"),
        (["1"] + [0] * 8, "not a whole number"),
    ],
)
def test_score_rejects_invalid_answers(answers: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score(PHQ, answers)  # type: ignore[arg-type]


def test_pcl5_accepts_4_and_rejects_5() -> None:
    assert complete(score(PCL, [4] + [0] * 19)).total == 4
    with pytest.raises(ValueError, match="0-4"):
        score(PCL, [5] + [0] * 19)


def test_score_to_dict() -> None:
    d = complete(score(PHQ, [1, 1, 1, 1, 1, 0, 0, 0, 1, 2])).to_dict()
    assert d == {
        "instrument": "phq9",
        "complete": True,
        "total": 6,
        "max": 27,
        "subscales": {},
        "band": "Mild",
        "provisional_dsm5": None,
        "crisis": True,
        "flags": [FLAG_CRISIS],
        "extras": {"difficulty": 2},
        "interpretation": PHQ.interpretation,
    }


# --- parse_answers (the CLI's --answers) --------------------------------------------------


def test_parse_answers_ok() -> None:
    assert parse_answers("0,1,2,3,0,1,2,3,0", PHQ) == [0, 1, 2, 3, 0, 1, 2, 3, 0]
    assert parse_answers(" 0, 1 ,2,3,0,1,2,3,0 ", PHQ) == [0, 1, 2, 3, 0, 1, 2, 3, 0]
    assert parse_answers("0,0,0,0,0,0,0,0,0,3", PHQ)[-1] == 3
    assert parse_answers(",".join(["4"] * 20), PCL) == [4] * 20


@pytest.mark.parametrize(
    ("text", "ins", "message"),
    [
        ("", PHQ, "No answers given for PHQ-9"),
        ("   ", GAD, "No answers given for GAD-7"),
        ("0,1,2", GAD, "GAD-7 needs 7 answers .* got 3"),
        (
            "0,0,0,0,0,0,0,0,0",
            GAD,
            "GAD-7 needs 7 answers \\(or 8 with the optional difficulty question\\); got 9",
        ),
        ("0,0,0,0,0,0,0,0", PHQ, "PHQ-9 needs 9 answers"),
        (",".join(["1"] * 19), PCL, "PCL-5 needs 20 answers; got 19"),
        ("0,1,x,0,0,0,0", GAD, "Answer 3 is 'x': answers must be whole numbers"),
        ("0,1,1.5,0,0,0,0", GAD, "Answer 3 is '1.5'"),
        ("0,,1,0,0,0,0", GAD, "Answer 2 is empty"),
        ("0,0,4,0,0,0,0", GAD, "Answer 3 \\(item 3 of GAD-7\\) is 4; it must be 0-3"),
        ("0,0,0,0,0,0,-1", GAD, "Answer 7 \\(item 7 of GAD-7\\) is -1"),
        ("0,0,0,0,0,0,0,0,0,4", PHQ, "Answer 10 \\(the difficulty question\\) is 4"),
        (",".join(["5"] * 20), PCL, "Answer 1 \\(item 1 of PCL-5\\) is 5; it must be 0-4"),
    ],
)
def test_parse_answers_errors(text: str, ins: Instrument, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_answers(text, ins)


def test_unknown_instrument() -> None:
    assert get_instrument("phq9") == INS["phq9"]
    with pytest.raises(UnknownInstrumentError, match="Unknown instrument 'bdi'.*gad7.*phq9"):
        get_instrument("bdi")
    with pytest.raises(ValueError):  # the CLI can catch one exception type
        get_instrument("pcl5")


# --- change from baseline --------------------------------------------------------------


def pcl_total(total: int, ins: Instrument = PCL) -> Score:
    answers = [min(4, max(0, total - 4 * i)) for i in range(20)]
    s = complete(score(ins, answers))
    assert s.total == total
    return s


@pytest.mark.parametrize(
    ("latest", "reached"),
    [(46, []), (45, [5]), (41, [5]), (40, [5, 10]), (20, [5, 10])],
)
def test_pcl5_change_thresholds(latest: int, reached: list[int]) -> None:
    change = change_from_baseline(PCL, pcl_total(50), pcl_total(latest))
    assert change.delta == latest - 50
    assert change.direction is Direction.LOWER
    assert [t.points for t in change.thresholds_reached] == reached
    assert change.guidance == GUIDANCE
    assert "Marx et al. 2022" in change.note


def test_pcl5_change_labels() -> None:
    four = change_from_baseline(PCL, pcl_total(50), pcl_total(46))
    five = change_from_baseline(PCL, pcl_total(50), pcl_total(45))
    nine = change_from_baseline(PCL, pcl_total(50), pcl_total(41))
    ten = change_from_baseline(PCL, pcl_total(50), pcl_total(40))
    twelve = change_from_baseline(PCL, pcl_total(50), pcl_total(38))
    assert four.label == (
        "Change of 4 points, lower than the baseline: below the 5-point change that VA "
        "guidance calls a minimal response."
    )
    assert five.label == (
        "Change of 5 points, lower than the baseline: at or above the 5-point change that "
        "VA guidance calls a minimal response."
    )
    assert "5-point" in nine.label and "10-point" not in nine.label
    assert ten.label.endswith(
        "at or above the 10-point change that VA guidance calls clinically meaningful."
    )
    assert twelve.label.startswith(
        "Change of 12 points, lower than the baseline: at or above the 10-point"
    )


def test_pcl5_increase_reaches_no_response_threshold() -> None:
    change = change_from_baseline(PCL, pcl_total(30), pcl_total(42))
    assert change.delta == 12 and change.direction is Direction.HIGHER
    assert change.thresholds_reached == []
    assert change.label == "Change of 12 points, higher than the baseline."


def test_change_none_and_one_point() -> None:
    same = change_from_baseline(PCL, pcl_total(33), pcl_total(33))
    assert same.direction is Direction.SAME and same.delta == 0
    assert same.label == "No change in the total since the baseline (33)."
    one = change_from_baseline(PCL, pcl_total(33), pcl_total(32))
    assert one.label.startswith("Change of 1 point, lower")


def test_change_across_pcl5_versions() -> None:
    change = change_from_baseline(PCL_WEEK, pcl_total(50, PCL), pcl_total(38, PCL_WEEK))
    assert change.delta == -12 and [t.points for t in change.thresholds_reached] == [5, 10]
    assert change.to_dict()["thresholds_reached"] == [5, 10]


def test_phq9_change_has_no_thresholds() -> None:
    base = complete(score(PHQ, [2] * 8 + [0]))
    later = complete(score(PHQ, [1] * 8 + [0]))
    change = change_from_baseline(PHQ, base, later)
    assert change.delta == -8 and change.thresholds_reached == []
    assert change.label == "Change of 8 points, lower than the baseline."


def test_change_refuses_mixed_families_and_untotalled() -> None:
    with pytest.raises(ValueError, match="from phq9, not pcl5"):
        change_from_baseline(PCL, complete(score(PHQ, [0] * 9)), pcl_total(10))
    suds = complete(score(SUDS, [5, 5]))
    with pytest.raises(ValueError, match="no total"):
        change_from_baseline(SUDS, suds, suds)


# --- cadence ---------------------------------------------------------------------------

CAD = load_cadence()
ALL = ["pcl5_month", "pcl5_week", "phq9", "gad7", "suds"]
START = date(2025, 6, 10)
END = date(2025, 7, 1)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 18, 30, tzinfo=UTC)


def taken(day: date, ids: tuple[str, ...] = ("pcl5_month", "phq9", "gad7")) -> dict[str, datetime]:
    return {i: at(day) for i in ids}


def due(
    today: date,
    last: dict[str, datetime] | None = None,
    start: date | None = START,
    end: date | None = END,
    ids: list[str] | None = None,
) -> list[DueMeasure]:
    return due_measures(ids or ALL, start, end, last or {}, today, CAD)


def summary(items: list[DueMeasure]) -> list[tuple[str, str, date]]:
    return [(d.instrument_id, str(d.reason), d.due_on) for d in items]


def test_no_series_nothing_taken_is_monthly_now() -> None:
    today = date(2025, 3, 3)
    assert summary(due(today, start=None, end=None)) == [
        ("pcl5_month", "monthly", today),
        ("phq9", "monthly", today),
        ("gad7", "monthly", today),
    ]


def test_no_series_monthly_boundary() -> None:
    last = taken(date(2025, 3, 1))
    assert due(date(2025, 3, 30), last, None, None) == []  # 29 days
    result = due(date(2025, 3, 31), last, None, None)  # 30 days
    assert summary(result)[0] == ("pcl5_month", "monthly", date(2025, 3, 31))
    assert len(result) == 3


def test_baseline_window_before_series() -> None:
    assert due(START - timedelta(days=8)) == []
    opened = START - timedelta(days=7)
    assert summary(due(opened)) == [
        ("pcl5_month", "baseline", opened),
        ("phq9", "baseline", opened),
        ("gad7", "baseline", opened),
    ]
    # Taken inside the window: nothing more before the series starts.
    assert due(START - timedelta(days=1), taken(START - timedelta(days=5))) == []


def test_old_measures_do_not_count_as_baseline() -> None:
    result = due(START - timedelta(days=2), taken(START - timedelta(days=20)))
    assert [d.reason for d in result] == [DueReason.BASELINE] * 3


def test_weekly_during_series() -> None:
    baseline = taken(START - timedelta(days=2))  # June 8
    assert due(START, baseline) == []
    assert due(date(2025, 6, 14), baseline) == []  # 6 days after the baseline
    assert summary(due(date(2025, 6, 15), baseline)) == [
        ("pcl5_week", "weekly", date(2025, 6, 15)),
        ("phq9", "weekly", date(2025, 6, 15)),
        ("gad7", "weekly", date(2025, 6, 15)),
    ]
    # The due date stays put while it is not taken (stable reminder keys).
    assert summary(due(date(2025, 6, 18), baseline))[0][2] == date(2025, 6, 15)


def test_a_past_week_pcl5_counts_for_the_family() -> None:
    last = {**taken(START - timedelta(days=2)), "pcl5_week": at(date(2025, 6, 16))}
    result = summary(due(date(2025, 6, 20), last))
    assert ("pcl5_week", "weekly", date(2025, 6, 15)) not in result
    assert [r[0] for r in result] == ["phq9", "gad7"]


def test_missing_baseline_stays_due_during_series_once_per_family() -> None:
    result = summary(due(START + timedelta(days=2)))
    opened = START - timedelta(days=7)
    assert result == [
        ("pcl5_month", "baseline", opened),
        ("phq9", "baseline", opened),
        ("gad7", "baseline", opened),
    ]


def test_disabled_instruments_are_never_due() -> None:
    result = due(START + timedelta(days=2), ids=["pcl5_week", "phq9"])
    assert summary(result) == [
        ("phq9", "baseline", START - timedelta(days=7)),
        ("pcl5_week", "weekly", START),
    ]


def test_series_end() -> None:
    last = taken(date(2025, 6, 26), ("pcl5_week", "phq9", "gad7"))
    assert due(date(2025, 6, 28), last) == []  # weekly next due July 3, end window opens June 29
    assert summary(due(date(2025, 6, 29), last)) == [
        ("pcl5_week", "series_end", date(2025, 6, 29)),
        ("phq9", "series_end", date(2025, 6, 29)),
        ("gad7", "series_end", date(2025, 6, 29)),
    ]
    done = taken(date(2025, 6, 30), ("pcl5_week", "phq9", "gad7"))
    assert due(date(2025, 7, 2), done) == []
    assert due(date(2025, 7, 29), done) == []
    assert summary(due(date(2025, 7, 30), done))[0] == ("pcl5_month", "monthly", date(2025, 7, 30))


def test_series_end_window_closes_then_monthly() -> None:
    last = taken(date(2025, 6, 26), ("pcl5_week", "phq9", "gad7"))
    assert [d.reason for d in due(date(2025, 7, 15), last)] == [DueReason.SERIES_END] * 3
    assert due(date(2025, 7, 16), last) == []  # window closed; a month from June 26 is July 26
    assert summary(due(date(2025, 7, 26), last))[0] == ("pcl5_month", "monthly", date(2025, 7, 26))
    # Never taken at all: monthly from the day after the end window closes.
    assert summary(due(date(2025, 7, 20)))[0] == ("pcl5_month", "monthly", date(2025, 7, 16))


def test_open_series_without_end_stays_weekly() -> None:
    last = taken(date(2025, 9, 1), ("pcl5_week", "phq9", "gad7"))
    result = due(date(2025, 9, 8), last, end=None)
    assert [d.reason for d in result] == [DueReason.WEEKLY] * 3


def test_cadence_is_configurable() -> None:
    fortnightly = load_cadence({"during": {"every_days": 14}})
    baseline = taken(START - timedelta(days=2))
    assert due_measures(ALL, START, END, baseline, date(2025, 6, 15), fortnightly) == []
    assert len(due_measures(ALL, START, END, baseline, date(2025, 6, 22), fortnightly)) == 3


def test_series_end_before_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        due(START, end=START - timedelta(days=1))
