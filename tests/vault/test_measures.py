"""MeasureRepository on a real SQLCipher vault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.measures import Score, get_instrument, score
from integrate.core.model import Series
from integrate.paths import VaultPaths
from integrate.vault.measures import MeasureRepository, MeasureSettings
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

TZ = ZoneInfo("Europe/London")


@pytest.fixture
def vault(tmp_path: Path, fast_kdf: None) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase 1")
    yield created.vault
    created.vault.close()


def at(d: date, hour: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=TZ)


def phq9(values: list[int]) -> Score:
    result = score(get_instrument("phq9"), values)
    assert isinstance(result, Score)
    return result


def test_add_stores_answers_result_and_crisis_flag_and_works_out_the_series(
    vault: Vault,
) -> None:
    series = SessionRepository(vault.conn).add_series(Series("S", date(2025, 3, 10)))
    repo = MeasureRepository(vault.conn)
    result = score(get_instrument("phq9"), [1, 2, 1, 0, 1, 2, 0, 1, 1, 2])
    assert isinstance(result, Score)
    adm = repo.add(result, at(date(2025, 3, 12)), crisis_shown=True)
    row = vault.conn.execute(
        "SELECT instrument, answers, total, result, series_id, crisis_shown FROM measures"
    ).fetchone()
    assert row[0] == "phq9"
    assert json.loads(row[1]) == [1, 2, 1, 0, 1, 2, 0, 1, 1, 2]  # difficulty kept last
    assert row[2] == 9
    assert json.loads(row[3])["band"] == "Mild"
    assert row[4] is None  # the old column is no longer written (docs/decisions.md)
    assert row[5] == 1
    assert adm.series_id == series.id
    got = repo.get(adm.id or 0)
    assert got is not None and got.crisis_shown and got.band == "Mild"
    assert got.series_id == series.id
    assert got.rescore(get_instrument("phq9")).to_dict() == result.to_dict()


def test_crisis_screen_is_kept_without_answers_and_folded_into_a_saved_questionnaire(
    vault: Vault,
) -> None:
    repo = MeasureRepository(vault.conn)
    left = repo.record_crisis_screen("phq9", at(date(2025, 3, 12), 9))
    saved = repo.record_crisis_screen("phq9", at(date(2025, 3, 14), 9))
    assert [(c.uid, c.instrument, c.shown_at) for c in repo.crisis_screens()] == [
        (left.uid, "phq9", at(date(2025, 3, 12), 9)),
        (saved.uid, "phq9", at(date(2025, 3, 14), 9)),
    ]
    # Only that it was shown: the table has nowhere to put answers.
    columns = {r[1] for r in vault.conn.execute("PRAGMA table_info(crisis_screens)")}
    assert columns == {"id", "uid", "instrument", "shown_at", "created_at"}
    assert repo.list() == []

    result = phq9([1] * 8 + [2])
    adm = repo.add(result, at(date(2025, 3, 14), 10), crisis_screen_id=saved.id)
    # Saved: the administration carries it, the separate record goes (never counted twice).
    assert adm.crisis_shown and repo.get(adm.id or 0).crisis_shown  # type: ignore[union-attr]
    assert [c.uid for c in repo.crisis_screens()] == [left.uid]
    # A save that fails keeps the record of the screen.
    with pytest.raises(Exception, match="UNIQUE"):
        repo.add(result, at(date(2025, 3, 15)), uid=adm.uid, crisis_screen_id=left.id)
    assert [c.uid for c in repo.crisis_screens()] == [left.uid]
    repo.delete_crisis_screen(left.id or 0)
    assert repo.crisis_screens() == []


def test_optional_question_skipped_is_stored_as_null(vault: Vault) -> None:
    repo = MeasureRepository(vault.conn)
    adm = repo.add(phq9([0] * 9), at(date(2025, 1, 1)))
    assert repo.get(adm.id or 0).answers == [0] * 9 + [None]  # type: ignore[union-attr]


def test_incomplete_is_refused(vault: Vault) -> None:
    repo = MeasureRepository(vault.conn)
    partial = score(get_instrument("gad7"), [1, None, 1, 1, 1, 1, 1])
    with pytest.raises(TypeError):
        repo.add(partial, at(date(2025, 1, 1)))  # type: ignore[arg-type]
    assert vault.conn.execute("SELECT count(*) FROM measures").fetchone()[0] == 0


def test_series_membership_baseline_window_and_date_edit(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    first = sessions.add_series(Series("A", date(2025, 3, 10), ended_on=date(2025, 3, 31)))
    second = sessions.add_series(Series("B", date(2025, 6, 1)))
    repo = MeasureRepository(vault.conn)
    assert repo.series_at(at(date(2025, 3, 5))) == first.id  # baseline week before A
    assert repo.series_at(at(date(2025, 3, 2))) is None  # too early
    assert repo.series_at(at(date(2025, 3, 31))) == first.id
    assert repo.series_at(at(date(2025, 4, 14))) == first.id  # A's series-end window
    assert repo.series_at(at(date(2025, 4, 15))) is None  # between series
    assert repo.series_at(at(date(2025, 5, 28))) == second.id

    late = repo.add(phq9([1] * 9), at(date(2025, 3, 20)))
    base = repo.add(phq9([2] * 9), at(date(2025, 3, 7)))
    repo.add(phq9([0] * 9), at(date(2025, 6, 3)))
    assert repo.baseline(first.id or 0, "phq9").id == base.id  # type: ignore[union-attr]
    repo.set_taken_at(base.id or 0, at(date(2025, 4, 20)))
    moved = repo.get(base.id or 0)
    assert moved is not None and moved.series_id is None
    assert moved.taken_at.date() == date(2025, 4, 20)
    assert repo.baseline(first.id or 0, "phq9").id == late.id  # type: ignore[union-attr]


def test_end_of_series_measure_belongs_to_the_series_it_closes(vault: Vault) -> None:
    # The cadence suggests the series-end measure for up to 14 days after the last
    # session: taken the day after, it is the series' latest result, not a stray one.
    sessions = SessionRepository(vault.conn)
    first = sessions.add_series(Series("A", date(2025, 3, 10), ended_on=date(2025, 3, 28)))
    repo = MeasureRepository(vault.conn)
    base = repo.add(phq9([2] * 9), at(date(2025, 3, 7)))
    end = repo.add(phq9([1] * 9), at(date(2025, 3, 29)))
    assert end.series_id == first.id
    assert [a.id for a in repo.list(series_id=first.id)] == [base.id, end.id]
    # A baseline window of a next series wins over the end window of the last one:
    # that is what the cadence suggested the measure for.
    second = sessions.add_series(Series("B", date(2025, 4, 2)))
    assert repo.series_at(at(date(2025, 3, 29))) == second.id
    assert repo.series_at(at(date(2025, 3, 25))) == first.id


def test_membership_follows_series_entered_after_the_measures(vault: Vault) -> None:
    # Patients often log the series only after filling in the baseline.
    repo = MeasureRepository(vault.conn)
    base = repo.add(phq9([2] * 9), at(date(2025, 3, 7)))
    weekly = repo.add(phq9([1] * 9), at(date(2025, 3, 17)))
    assert base.series_id is None and weekly.series_id is None
    series = SessionRepository(vault.conn).add_series(Series("A", date(2025, 3, 10)))
    assert [a.id for a in repo.list(series_id=series.id)] == [base.id, weekly.id]
    assert repo.get(weekly.id or 0).series_id == series.id  # type: ignore[union-attr]
    assert repo.baseline(series.id or 0, "phq9").id == base.id  # type: ignore[union-attr]


def test_list_filters_family_and_time_and_delete(vault: Vault) -> None:
    repo = MeasureRepository(vault.conn)
    pcl_m = score(get_instrument("pcl5_month"), [2] * 20)
    pcl_w = score(get_instrument("pcl5_week"), [1] * 20)
    assert isinstance(pcl_m, Score) and isinstance(pcl_w, Score)
    a = repo.add(pcl_m, at(date(2025, 1, 1)))
    b = repo.add(pcl_w, at(date(2025, 1, 8)))
    c = repo.add(phq9([1] * 9), at(date(2025, 1, 5)))
    assert [x.id for x in repo.list()] == [a.id, c.id, b.id]
    assert [x.id for x in repo.list(family="pcl5")] == [a.id, b.id]
    assert [x.id for x in repo.list(instrument="pcl5_week")] == [b.id]
    assert [x.id for x in repo.list(since=at(date(2025, 1, 4)))] == [c.id, b.id]
    assert repo.last_taken_by_family()["pcl5"].id == b.id
    assert set(repo.last_taken()) == {"pcl5_month", "pcl5_week", "phq9"}
    repo.delete(c.id or 0)
    assert repo.get(c.id or 0) is None
    assert [x.id for x in repo.list()] == [a.id, b.id]


def test_due_follows_the_vaults_series(vault: Vault) -> None:
    today = date(2025, 3, 20)
    sessions = SessionRepository(vault.conn)
    sessions.add_series(Series("A", today - timedelta(days=10)))
    repo = MeasureRepository(vault.conn)
    due = {d.instrument_id: d.reason.value for d in repo.due(today)}
    # No baseline yet: the baseline set is due (once per family).
    assert due == {"pcl5_month": "baseline", "phq9": "baseline", "gad7": "baseline"}
    repo.add(phq9([1] * 9), at(today - timedelta(days=12)))
    repo.add(phq9([1] * 9), at(today - timedelta(days=2)))
    due = {d.instrument_id: d.reason.value for d in repo.due(today)}
    assert "phq9" not in due and due["gad7"] == "baseline"
    # No series at all: monthly suggestions.
    empty = MeasureRepository(vault.conn)
    vault.conn.execute("DELETE FROM series")
    assert {d.reason.value for d in empty.due(today)} == {"monthly"}


def test_patient_settings_shape_what_is_suggested(vault: Vault) -> None:
    today = date(2025, 3, 20)
    SessionRepository(vault.conn).add_series(Series("A", today - timedelta(days=10)))
    repo = MeasureRepository(vault.conn)
    assert repo.settings() == MeasureSettings()  # nothing stored: the defaults
    for iid in ("pcl5_month", "phq9", "gad7"):
        result = score(get_instrument(iid), [1] * get_instrument(iid).item_count)
        assert isinstance(result, Score)
        repo.add(result, at(today - timedelta(days=12)))  # baseline
        repo.add(result, at(today - timedelta(days=8)))  # first weekly
    assert {d.reason.value for d in repo.due(today)} == {"weekly"}  # 8 days >= 7

    # Every ten days instead of weekly: nothing yet. Stored in the vault, read back.
    repo.save_settings(MeasureSettings(weekly_days=10))
    assert MeasureRepository(vault.conn).settings().weekly_days == 10
    assert repo.due(today) == []
    assert {d.instrument_id for d in repo.due(today + timedelta(days=2))} == {
        "pcl5_week",
        "phq9",
        "gad7",
    }
    # Only some questionnaires, or none at all (Today and reminders show nothing).
    repo.save_settings(MeasureSettings(off=("gad7", "pcl5")))
    assert {d.instrument_id for d in repo.due(today)} == {"phq9"}
    assert {d.instrument_id for d in repo.upcoming(today)} == {"phq9"}
    repo.save_settings(MeasureSettings(suggest=False))
    assert repo.due(today) == [] and repo.upcoming(today) == []


def test_stored_settings_are_read_defensively(vault: Vault) -> None:
    repo = MeasureRepository(vault.conn)
    for value in ("not json", "[1, 2]", '{"weekly_days": true, "off": "pcl5"}'):
        vault.conn.execute(
            "INSERT INTO settings(key, value) VALUES ('measure_cadence', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (value,),
        )
        assert repo.settings() == MeasureSettings()
    clamped = MeasureSettings.from_json(
        {"weekly_days": 0, "monthly_days": 999, "off": ["gad7", 3, "gad7"]}
    )
    assert (clamped.weekly_days, clamped.monthly_days, clamped.off) == (1, 120, ("gad7",))
    assert repo.suggested_families() == ["pcl5", "phq9", "gad7"]  # from cadence.toml


def test_demo_has_baseline_and_weekly_measures_with_improvement(vault: Vault) -> None:
    from integrate.demo import populate_demo

    populate_demo(vault)
    repo = MeasureRepository(vault.conn)
    series_id = vault.conn.execute("SELECT id FROM series ORDER BY started_on").fetchone()[0]
    for family in ("pcl5", "phq9", "gad7"):
        rows = repo.list(family=family)
        assert len(rows) >= 4
        base = repo.baseline(series_id, family)
        assert base is not None and base.id == rows[0].id
        assert rows[-1].total is not None and base.total is not None
        assert rows[-1].total < base.total  # gradual improvement
    assert repo.list(family="pcl5")[0].instrument == "pcl5_month"
    assert {a.instrument for a in repo.list(family="pcl5")[1:]} == {"pcl5_week"}
    assert all(a.answers[8] == 0 and not a.crisis_shown for a in repo.list(instrument="phq9"))


def test_last_taken_compares_instants_not_text(vault: Vault) -> None:
    """last_taken reads two columns only (Today asks at every start); the latest is still
    the latest instant when stored offsets differ (travel), not the larger text."""
    repo = MeasureRepository(vault.conn)
    east = datetime(2025, 1, 5, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))  # 04:30 UTC
    home = datetime(2025, 1, 5, 8, 0, tzinfo=ZoneInfo("Europe/London"))  # 08:00 UTC
    repo.add(phq9([1] * 9), home)
    repo.add(phq9([2] * 9), east)
    latest = repo.last_taken()["phq9"]
    assert latest == home and latest.utcoffset() == timedelta(0)
