"""The instrument data files: verbatim content, structure, and the loader's checks."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from integrate.core.measures import (
    InstrumentError,
    load_cadence,
    load_instruments,
    parse_instrument,
    score,
)
from integrate.resources import resource_path

INSTRUMENTS = load_instruments()
VALIDATED = ["pcl5_month", "pcl5_week", "phq9", "gad7"]


def raw(instrument_id: str) -> dict[str, Any]:
    with resource_path("instruments", f"{instrument_id}.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_all_expected_instruments_load() -> None:
    assert set(INSTRUMENTS) == {"pcl5_month", "pcl5_week", "phq9", "gad7", "suds"}


@pytest.mark.parametrize(
    ("iid", "count"), [("pcl5_month", 20), ("pcl5_week", 20), ("phq9", 9), ("gad7", 7)]
)
def test_item_counts(iid: str, count: int) -> None:
    ins = INSTRUMENTS[iid]
    assert ins.item_count == count
    assert [i.number for i in ins.items] == list(range(1, count + 1))


@pytest.mark.parametrize("iid", ["pcl5_month", "pcl5_week"])
def test_pcl5_options_are_0_to_4_with_official_labels(iid: str) -> None:
    labels = ["Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely"]
    for item in INSTRUMENTS[iid].items:
        assert [(o.value, o.label) for o in item.options] == list(enumerate(labels))


@pytest.mark.parametrize("iid", ["phq9", "gad7"])
def test_phq_gad_options_are_0_to_3_with_official_labels(iid: str) -> None:
    labels = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
    for item in INSTRUMENTS[iid].items:
        assert [(o.value, o.label) for o in item.options] == list(enumerate(labels))


def test_gad7_option_zero_is_exactly_not_at_all() -> None:
    # A widely copied version of the form says "Not at all sure": a copy error.
    for item in INSTRUMENTS["gad7"].items:
        assert item.options[0].label == "Not at all"


def test_pcl5_item_1_text_is_exact() -> None:
    for iid in ("pcl5_month", "pcl5_week"):
        assert INSTRUMENTS[iid].items[0].text == (
            "Repeated, disturbing, and unwanted memories of the stressful experience?"
        )


def test_pcl5_selected_items_verbatim() -> None:
    items = INSTRUMENTS["pcl5_month"].items
    assert items[16].text == 'Being "superalert" or watchful or on guard?'
    assert items[19].text == "Trouble falling or staying asleep?"
    assert items[8].text.startswith("Having strong negative beliefs about yourself, other people,")


def test_phq9_item_9_and_gad7_item_1_verbatim() -> None:
    assert INSTRUMENTS["phq9"].items[8].text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert INSTRUMENTS["gad7"].items[0].text == "Feeling nervous, anxious or on edge"


# Every item as printed on the published forms (PCL-5 8/14/2013, National Center for
# PTSD; PHQ-9 and GAD-7, Pfizer/phqscreeners). Typed out independently of the TOML files
# so an accidental edit of the wording there fails here: paraphrasing a validated
# instrument invalidates it (../shared/CLINICAL.md).
PCL5_ITEMS = [
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    "Suddenly feeling or acting as if the stressful experience were actually happening "
    "again (as if you were actually back there reliving it)?",
    "Feeling very upset when something reminded you of the stressful experience?",
    "Having strong physical reactions when something reminded you of the stressful "
    "experience (for example, heart pounding, trouble breathing, sweating)?",
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    "Avoiding external reminders of the stressful experience (for example, people, places, "
    "conversations, activities, objects, or situations)?",
    "Trouble remembering important parts of the stressful experience?",
    "Having strong negative beliefs about yourself, other people, or the world (for "
    "example, having thoughts such as: I am bad, there is something seriously wrong with "
    "me, no one can be trusted, the world is completely dangerous)?",
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness "
    "or have loving feelings for people close to you)?",
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you harm?",
    'Being "superalert" or watchful or on guard?',
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
]
PHQ9_ITEMS = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or "
    "your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite "
    "\u2014 being so fidgety or restless that you have been moving around a lot more than "
    "usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
GAD7_ITEMS = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
]


@pytest.mark.parametrize(
    ("iid", "expected"),
    [
        ("pcl5_month", PCL5_ITEMS),
        ("pcl5_week", PCL5_ITEMS),
        ("phq9", PHQ9_ITEMS),
        ("gad7", GAD7_ITEMS),
    ],
)
def test_every_item_is_verbatim(iid: str, expected: list[str]) -> None:
    assert [i.text for i in INSTRUMENTS[iid].items] == expected


def test_phq9_and_gad7_instructions_verbatim() -> None:
    assert INSTRUMENTS["phq9"].instructions == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert INSTRUMENTS["gad7"].instructions == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    assert INSTRUMENTS["pcl5_month"].stem == "In the past month, how much were you bothered by:"
    assert INSTRUMENTS["pcl5_week"].stem == "In the past week, how much were you bothered by:"


def test_pcl5_instructions_and_time_frames() -> None:
    month = INSTRUMENTS["pcl5_month"]
    week = INSTRUMENTS["pcl5_week"]
    assert month.instructions == (
        "Below is a list of problems that people sometimes have in response to a very "
        "stressful experience. Please read each problem carefully and then circle one of the "
        "numbers to the right to indicate how much you have been bothered by that problem in "
        "the past month."
    )
    assert week.instructions == month.instructions.replace("past month", "past week")
    assert week.timeframe == "in the past week" and month.timeframe == "in the past month"


def test_pcl5_week_differs_from_month_only_in_time_frame() -> None:
    month, week = raw("pcl5_month"), raw("pcl5_week")
    assert month["items"] == week["items"]
    assert month["options"] == week["options"]
    for key in ("scoring", "subscales", "change", "provisional_rule", "attribution", "family"):
        assert month[key] == week[key]


def test_pcl5_clusters_match_dsm5() -> None:
    ins = INSTRUMENTS["pcl5_month"]
    subs = {s.id: s.items for s in ins.subscales}
    assert subs == {
        "B": (1, 2, 3, 4, 5),
        "C": (6, 7),
        "D": (8, 9, 10, 11, 12, 13, 14),
        "E": (15, 16, 17, 18, 19, 20),
    }
    assert {s.id: s.max for s in ins.subscales} == {"B": 20, "C": 8, "D": 28, "E": 24}
    assert all(i.cluster is not None and i.number in subs[i.cluster] for i in ins.items)


def test_pcl5_rules_as_data() -> None:
    ins = INSTRUMENTS["pcl5_month"]
    rule = ins.provisional_rule
    assert rule is not None
    assert rule.endorsed_min == 2
    assert dict(rule.requires) == {"B": 1, "C": 1, "D": 2, "E": 2}
    assert (rule.cutoff_min, rule.cutoff_max) == (31, 33)
    assert "provisional" in rule.note
    assert [t.points for t in ins.change.thresholds] == [5, 10]
    assert "VA guidance" in ins.change.thresholds[1].label
    assert "Marx et al. 2022" in ins.change.note and "15-18" in ins.change.note
    # The therapist summary's wording of the same caveat: not addressed to the patient.
    assert "Marx et al. 2022" in ins.change.clinician_note
    assert "your clinician" not in ins.change.clinician_note.lower()


@pytest.mark.parametrize(
    ("iid", "lo", "hi"),
    [("pcl5_month", 0, 80), ("pcl5_week", 0, 80), ("phq9", 0, 27), ("gad7", 0, 21)],
)
def test_score_ranges(iid: str, lo: int, hi: int) -> None:
    ins = INSTRUMENTS[iid]
    assert (ins.scoring_method, ins.score_min, ins.score_max) == ("sum", lo, hi)


def test_bands() -> None:
    phq = [(b.min, b.max, b.label) for b in INSTRUMENTS["phq9"].bands]
    assert phq == [
        (0, 4, "Minimal"),
        (5, 9, "Mild"),
        (10, 14, "Moderate"),
        (15, 19, "Moderately severe"),
        (20, 27, "Severe"),
    ]
    gad = [(b.min, b.max, b.label) for b in INSTRUMENTS["gad7"].bands]
    assert gad == [(0, 4, "Minimal"), (5, 9, "Mild"), (10, 14, "Moderate"), (15, 21, "Severe")]
    assert INSTRUMENTS["pcl5_month"].bands == ()


def test_phq9_difficulty_question_and_crisis_item() -> None:
    ins = INSTRUMENTS["phq9"]
    (q,) = ins.extra_questions
    assert q.text == (
        "If you checked off any problems, how difficult have these problems made it for you "
        "to do your work, take care of things at home, or get along with other people?"
    )
    assert [o.label for o in q.options] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]
    assert ins.crisis is not None and (ins.crisis.item, ins.crisis.min_value) == (9, 1)
    for iid in ("pcl5_month", "pcl5_week", "gad7", "suds"):
        assert INSTRUMENTS[iid].crisis is None


@pytest.mark.parametrize("iid", VALIDATED)
def test_attribution_licence_and_neutral_interpretation(iid: str) -> None:
    ins = INSTRUMENTS[iid]
    assert ins.validated
    assert ins.licence.strip() and ins.wording_checked.strip()
    assert ins.interpretation == (
        "These numbers are information to talk over with your clinician; they are not a diagnosis."
    )


def test_attribution_text() -> None:
    assert "National Center for PTSD" in INSTRUMENTS["pcl5_month"].attribution
    assert "Weathers" in INSTRUMENTS["pcl5_week"].attribution
    for iid in ("phq9", "gad7"):
        att = INSTRUMENTS[iid].attribution
        assert "Pfizer" in att and "Spitzer" in att
        assert "No permission required to reproduce, translate, display or distribute." in att


def test_suds_is_marked_as_not_validated() -> None:
    ins = INSTRUMENTS["suds"]
    assert ins.validated is False
    assert "Not a validated instrument" in ins.attribution
    assert ins.scoring_method == "none"
    for item in ins.items:
        assert [o.value for o in item.options] == list(range(11))
    assert [s.id for s in ins.subscales] == ["distress", "mood"]


def test_cadence_defaults() -> None:
    c = load_cadence()
    assert c.baseline_instruments == ("pcl5_month", "phq9", "gad7")
    assert c.during_instruments == ("pcl5_week", "phq9", "gad7")
    assert c.during_every_days == 7
    assert c.monthly_every_days == 30
    assert c.family("pcl5_week") == c.family("pcl5_month") == "pcl5"


def test_cadence_overrides() -> None:
    c = load_cadence({"during": {"every_days": 14}})
    assert c.during_every_days == 14
    assert c.during_instruments == ("pcl5_week", "phq9", "gad7")


def test_cadence_rejects_unknown_instrument() -> None:
    with pytest.raises(InstrumentError, match="unknown instrument 'bdi'"):
        load_cadence({"monthly": {"instruments": ["bdi"]}})


# --- the loader rejects bad data with a clear message ---------------------------------


def broken(mutate: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw("phq9"))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("attribution"), "missing 'attribution'"),
        (lambda d: d.update(attribution="  "), "'attribution' must not be empty"),
        (lambda d: d.update(colour="red"), "unknown keys"),
        (lambda d: d["items"][3].update(number=7), "numbered 1, 2, 3"),
        (lambda d: d["options"][1].update(value=0), "unique and ascending"),
        (lambda d: d["scoring"].update(max=30), "does not match the items"),
        (lambda d: d["bands"][1].update(min=6), "without gaps"),
        (lambda d: d["bands"][-1].update(max=26), "must end at 27"),
        (lambda d: d["crisis"].update(item=12), "item 12 does not exist"),
        (lambda d: d["crisis"].update(min_value=0), "min_value"),
        (lambda d: d["options"][0].update(value=True), "whole number"),
        (lambda d: d["scoring"].update(method="mean"), "'sum' or 'none'"),
        (lambda d: d["change"].update(clinician_note=3), "change notes must be text"),
    ],
)
def test_loader_rejects_bad_data(mutate: Any, message: str) -> None:
    with pytest.raises(InstrumentError, match=message):
        parse_instrument(broken(mutate), "phq9.toml")


def test_loader_rejects_cluster_mismatch_and_bad_rule() -> None:
    data = copy.deepcopy(raw("pcl5_month"))
    data["items"][5]["cluster"] = "B"  # item 6 belongs to C
    with pytest.raises(InstrumentError, match="cluster"):
        parse_instrument(data, "pcl5_month.toml")
    data = copy.deepcopy(raw("pcl5_month"))
    data["provisional_rule"]["requires"]["C"] = 3  # C has only two items
    with pytest.raises(InstrumentError, match="more items than it has"):
        parse_instrument(data, "pcl5_month.toml")
    data = copy.deepcopy(raw("pcl5_month"))
    data["change"]["thresholds"].reverse()
    with pytest.raises(InstrumentError, match="ascending"):
        parse_instrument(data, "pcl5_month.toml")


def test_loader_checks_file_name_and_parse_errors(tmp_path: Path) -> None:
    src = resource_path("instruments", "gad7.toml").read_text(encoding="utf-8")
    (tmp_path / "anxiety.toml").write_text(src, encoding="utf-8")
    with pytest.raises(InstrumentError, match="must match the file name"):
        load_instruments(tmp_path)
    (tmp_path / "anxiety.toml").write_text("id = ", encoding="utf-8")
    with pytest.raises(InstrumentError, match="anxiety.toml does not parse"):
        load_instruments(tmp_path)


def test_a_new_instrument_needs_only_data(tmp_path: Path) -> None:
    (tmp_path / "mini.toml").write_text(
        """
id = "mini"
family = "mini"
name = "Mini check"
short_name = "Mini"
variant = ""
validated = false
timeframe = "today"
timeframe_days = 1
instructions = "Rate each."
stem = ""
attribution = "Test data."
licence = "Test data."
interpretation = "Information, not a diagnosis."
wording_checked = "n/a"
options = [{ value = 0, label = "No" }, { value = 1, label = "Yes" }]
items = [{ number = 1, text = "One" }, { number = 2, text = "Two" }]
scoring = { method = "sum", min = 0, max = 2 }
bands = [{ min = 0, max = 1, label = "Low" }, { min = 2, max = 2, label = "High" }]
""",
        encoding="utf-8",
    )
    (ins,) = load_instruments(tmp_path).values()
    result = score(ins, [1, 1])
    assert result.complete and result.to_dict()["band"] == "High"


def test_pcl5_clusters_have_short_labels_for_legends() -> None:
    subs = {s.id: s for s in INSTRUMENTS["pcl5_week"].subscales}
    assert subs["D"].name == "Negative alterations in cognitions and mood"
    assert subs["D"].label == "Cognitions and mood"
    assert subs["B"].label == "Intrusion"  # no short name: the name itself


def test_summed_families_in_reading_order_with_added_instruments_last(tmp_path: Path) -> None:
    from integrate.core.measures import summed_families

    assert summed_families() == ["pcl5", "phq9", "gad7"]  # the quick check has no total
    extra = dict(INSTRUMENTS)
    mini = parse_instrument(
        {**raw("gad7"), "id": "aaa", "family": "aaa", "short_name": "AAA"}, "aaa.toml"
    )
    extra["aaa"] = mini
    assert summed_families(extra) == ["pcl5", "phq9", "gad7", "aaa"]
