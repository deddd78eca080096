"""The patient's own exercise numbers in neutral sentences (worded in the UI)."""

from __future__ import annotations

from datetime import date, datetime

from integrate.core.what_helps import ExerciseStats, summarise_runs
from integrate.ui.coping.stats_words import describe_stats, last_used_text
from tests.core.test_what_helps import VERDICT_WORDS, run


def test_sentence_matches_the_agreed_wording() -> None:
    (stats,) = summarise_runs(
        [run("pmr", 7, 5), run("pmr", 6, 4), run("pmr", 5, 5), run("pmr", 6, 4)]
    )
    assert describe_stats(stats) == (
        "On average your distress went from 6.0 to 4.5 across 4 times you used this."
    )


def test_sentences_for_little_or_partial_data() -> None:
    assert describe_stats(None) == "You have not used this yet."
    (unrated,) = summarise_runs([run("pmr", None, None), run("pmr", 4, None)])
    assert describe_stats(unrated) == (
        "You used this twice. There are no before-and-after ratings yet."
    )
    (single,) = summarise_runs([run("pmr", 7, 4)])
    assert describe_stats(single) == "The one time you rated this, your distress went from 7 to 4."
    (partial,) = summarise_runs([run("pmr", 7, 4), run("pmr", 6, 5), run("pmr", None, 2)])
    assert describe_stats(partial).endswith(
        "across 2 times you used this. You used it 3 times in all."
    )


def test_no_verdict_words_anywhere() -> None:
    cases = [
        [run("pmr", 2, 9), run("pmr", 1, 8)],  # distress rose a lot
        [run("pmr", 9, 0), run("pmr", 9, 1)],  # dropped a lot
        [run("pmr", 5, 5)],
        [run("pmr", None, None)],
    ]
    for runs in cases:
        (stats,) = summarise_runs(runs)
        assert not VERDICT_WORDS.search(describe_stats(stats)), describe_stats(stats)


def test_last_used_text() -> None:
    stats = ExerciseStats("pmr", 1, 1, 0, None, None, datetime(2025, 3, 3, 8, 0))
    assert last_used_text(stats, date(2025, 3, 3)) == "Last used today."
    assert last_used_text(stats, date(2025, 3, 4)) == "Last used yesterday."
    assert last_used_text(stats, date(2025, 4, 1)) == "Last used on 3 March 2025."
    assert last_used_text(None, date(2025, 4, 1)) == ""
