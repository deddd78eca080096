"""gather(): from a real demo vault to the ShareDocument, exactly as selected."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from integrate.core.model import Entry
from integrate.demo import populate_demo
from integrate.paths import VaultPaths
from integrate.share.gather import (
    SelectionError,
    ShareSelection,
    candidates,
    default_selection,
    gather,
    gather_share,
    name_for_display,
    remember_choices,
    resolve_period,
)
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.shares import ShareRepository, shared_dates_for
from integrate.vault.vault import Vault, create_vault

TZ = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase="pass phrase 1")
    populate_demo(created.vault, now=NOW, tz="Europe/London")
    created.vault.close()
    return root


@pytest.fixture
def vault(demo_root: Path, tmp_path: Path) -> Iterator[Vault]:
    # A fresh copy per test, so recorded shares do not leak between tests.
    import shutil

    from integrate.vault.vault import unlock_with_passphrase

    copy = tmp_path / "v"
    shutil.copytree(demo_root, copy)
    result = unlock_with_passphrase(VaultPaths(copy), "pass phrase 1")
    assert result.vault is not None
    yield result.vault
    result.vault.close()


def flagged(vault: Vault) -> list[Entry]:
    rows = vault.conn.execute("SELECT id FROM entries WHERE flagged = 1").fetchall()
    repo = EntryRepository(vault.conn)
    return sorted(
        (e for (i,) in rows if (e := repo.get(int(i))) is not None),
        key=lambda e: e.created_at or NOW,
    )


def test_default_selection_covers_last_30_days_with_flagged_entries_ticked(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    assert sel.period_kind == "dates"
    assert (sel.date_from, sel.date_to) == (NOW.date() - timedelta(days=30), NOW.date())
    marked = [e.uid for e in flagged(vault)]
    assert marked and sel.entry_uids == marked
    assert not sel.include_item9 and sel.include_measures and sel.include_sessions


def test_gather_prints_chosen_entries_in_date_order_with_ratings_and_phase(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    chosen = list(reversed(sel.entry_uids))  # order of ticking must not matter
    doc = gather(vault, replace(sel, entry_uids=chosen), now=NOW)
    titles = [e.title for e in doc.entries]
    assert titles == [e.title.strip() for e in flagged(vault)]
    times = [e.created_at for e in doc.entries]
    assert times == sorted(times)
    rated = [e for e in doc.entries if e.ratings]
    assert rated, "entries written in a check-in carry its ratings"
    assert all(
        str(v).endswith("/10") or isinstance(v, str) for e in rated for v in e.ratings.values()
    )
    assert any(e.phase_label and "after a session" in e.phase_label for e in doc.entries)


def test_unchosen_entries_and_item9_stay_out(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    dropped = sel.entry_uids[0]
    dropped_title = EntryRepository(vault.conn).get_by_uid(dropped).title  # type: ignore[union-attr]
    got = gather_share(vault, replace(sel, entry_uids=sel.entry_uids[1:]), now=NOW)
    assert dropped_title not in [e.title for e in got.document.entries]
    assert ("entry", dropped) not in got.items
    assert not got.document.include_item9 and got.document.item9_rows == []
    assert not any(t == "item9" for t, _ in got.items)


def test_measures_have_bands_clusters_and_change_from_baseline(vault: Vault) -> None:
    doc = gather(vault, default_selection(vault, now=NOW), now=NOW)
    by_id = {m.instrument_id: m for m in doc.measures}
    assert list(by_id) == ["pcl5", "phq9", "gad7"]
    pcl = by_id["pcl5"]
    assert set(pcl.subscale_labels) == {"B", "C", "D", "E"}
    for p in pcl.points:
        assert sum(p.subscales.values()) == p.total
    assert [b.label for b in pcl.bands] == ["below cut-off", "cut-off range", "above cut-off"]
    phq = by_id["phq9"]
    assert [(b.min, b.max) for b in phq.bands][:2] == [(0, 4), (5, 9)]
    assert all(p.band for p in phq.points)
    first, last = phq.points[0].total, phq.points[-1].total
    if first != last:
        assert f"{abs(last - first)} points" in phq.change_text
    assert "Spitzer" in phq.attribution and "Weathers" in pcl.attribution


def test_pcl5_rows_carry_version_and_dsm5_pattern_and_a_clinician_worded_note(
    vault: Vault,
) -> None:
    series = SessionRepository(vault.conn).list_series()[0]
    sel = ShareSelection(period_kind="series", series_uid=series.uid)
    pcl = next(m for m in gather(vault, sel, now=NOW).measures if m.instrument_id == "pcl5")
    # The demo's baseline is the past-month version, the weeklies past-week.
    assert [p.version for p in pcl.points] == ["past month"] + ["past week"] * 3
    assert "(" not in pcl.title  # no single time frame to name
    assert all(p.pattern is not None for p in pcl.points)
    assert "needs at least 1 B, 1 C, 2 D, 2 E" in pcl.pattern_note
    assert "not a diagnosis" in pcl.pattern_note
    # The reader is the clinician: no "your clinician" wording addressed to the patient.
    assert "Marx et al. 2022" in pcl.note and "your clinician" not in pcl.note.lower()
    phq = next(m for m in gather(vault, sel, now=NOW).measures if m.instrument_id == "phq9")
    assert all(p.version == "" and p.pattern is None for p in phq.points)
    assert phq.pattern_note == ""


def test_item9_rows_only_when_chosen(vault: Vault) -> None:
    sel = replace(default_selection(vault, now=NOW), include_item9=True)
    got = gather_share(vault, sel, now=NOW)
    doc = got.document
    assert doc.include_item9
    phq = next(m for m in doc.measures if m.instrument_id == "phq9")
    assert len(doc.item9_rows) == len(phq.points)
    assert all(r.label in {"Not at all", "Several days", "More than half the days",
                           "Nearly every day"} for r in doc.item9_rows)  # fmt: skip
    assert any(t == "item9" for t, _ in got.items)


def test_a_support_screen_shown_during_an_unsaved_questionnaire_stays_out(
    vault: Vault,
) -> None:
    # Even with item 9 ticked: that choice shares saved PHQ-9 answers, and these answers
    # were not saved.
    from integrate.vault.measures import MeasureRepository

    sel = replace(default_selection(vault, now=NOW), include_item9=True)
    before = gather_share(vault, sel, now=NOW)
    shown = MeasureRepository(vault.conn).record_crisis_screen("phq9", NOW - timedelta(days=2))
    after = gather_share(vault, sel, now=NOW)
    assert after.document == before.document and after.items == before.items
    assert shown.uid not in repr(after)


def test_sessions_intentions_only_when_chosen(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    doc = gather(vault, sel, now=NOW)
    assert doc.sessions and all(r.intention is None for r in doc.sessions)
    assert all(sel.date_from <= r.at.date() <= NOW.date() for r in doc.sessions)  # type: ignore[operator]
    with_int = gather(vault, replace(sel, include_intentions=True), now=NOW)
    assert any(r.intention for r in with_int.sessions)
    none = gather(vault, replace(sel, include_sessions=False), now=NOW)
    # Not shared means no session dates anywhere: no timeline, no chart markers.
    assert none.sessions == [] and none.chart_markers() == []
    assert not none.sessions_included and doc.sessions_included and doc.chart_markers()


def test_series_period_starts_at_baseline_and_keeps_series_sessions(vault: Vault) -> None:
    series = SessionRepository(vault.conn).list_series()[0]
    sel = ShareSelection(period_kind="series", series_uid=series.uid)
    period = resolve_period(vault, sel, NOW.date())
    assert period.start <= series.started_on
    doc = gather(vault, sel, now=NOW)
    assert sum(1 for r in doc.sessions if r.is_dosing) == 6
    with pytest.raises(SelectionError):
        resolve_period(vault, ShareSelection(period_kind="series", series_uid="nope"))
    with pytest.raises(SelectionError):
        resolve_period(vault, ShareSelection(date_from=date(2026, 3, 2), date_to=date(2026, 3, 1)))


def test_series_export_ends_with_the_end_of_series_measures(vault: Vault) -> None:
    # The demo's last weekly set comes the day after the last session of the series:
    # a series summary without it would report an out-of-date "latest".
    series = SessionRepository(vault.conn).list_series()[0]
    assert series.ended_on is not None
    last_measure = vault.conn.execute("SELECT max(taken_at) FROM measures").fetchone()[0]
    last_day = datetime.fromisoformat(last_measure).astimezone(TZ).date()
    assert last_day > series.ended_on  # the premise: taken after the last session
    sel = ShareSelection(period_kind="series", series_uid=series.uid)
    period = resolve_period(vault, sel, NOW.date())
    assert period.end == last_day
    doc = gather(vault, sel, now=NOW)
    for trend in doc.measures:
        latest = trend.latest()
        assert latest is not None and latest.taken_at.astimezone(TZ).date() == last_day
        assert len(trend.points) == 4  # baseline and three weekly sets


def test_what_helps_and_safety_plan_only_when_chosen(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    doc = gather(vault, sel, now=NOW)
    assert doc.what_helps == [] and doc.safety_plan is None
    doc = gather(vault, replace(sel, include_what_helps=True, include_safety_plan=True), now=NOW)
    runs = vault.conn.execute("SELECT count(*) FROM exercise_runs").fetchone()[0]
    if runs:
        assert doc.what_helps and all(r.times_used for r in doc.what_helps)
    plan = vault.conn.execute("SELECT count(*) FROM safety_plan").fetchone()[0]
    if plan:
        assert doc.safety_plan and "My warning signs" in doc.safety_plan


def test_names_cover_and_note(vault: Vault) -> None:
    sel = replace(
        default_selection(vault, now=NOW),
        patient_name="  Jordan  van der Berg ",
        name_display="initials",
        therapist_name="Dr. Okafor",
        note="<b>not bold</b>",
        page_size="Letter",
    )
    doc = gather(vault, sel, now=NOW)
    assert doc.patient_name_display == "J. V. D. B."
    assert doc.therapist_name == "Dr. Okafor" and doc.note == "<b>not bold</b>"
    assert doc.page_size == "Letter"
    assert name_for_display("Jordan Müller", "full") == "Jordan Müller"
    assert name_for_display("Jordan Müller", "none") is None
    assert name_for_display("Anne-Marie Roy", "initials") == "A. M. R."


def test_candidates_list_entries_and_rated_checkins(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    period = resolve_period(vault, sel, NOW.date())
    items = candidates(vault, period, TZ)
    entries = [c for c in items if c.kind == "entry"]
    assert {c.uid for c in entries if c.flagged} == set(sel.entry_uids)
    assert [c.at for c in items] == sorted(c.at for c in items)
    checkin = next(c for c in items if c.kind == "checkin")
    doc = gather(vault, replace(sel, entry_uids=[], checkin_uids=[checkin.uid]), now=NOW)
    assert len(doc.entries) == 1 and doc.entries[0].ratings and doc.entries[0].body == ""


def test_share_log_records_items_and_since_last_share(vault: Vault) -> None:
    sel = default_selection(vault, now=NOW)
    got = gather_share(vault, sel, now=NOW)
    repo = ShareRepository(vault.conn)
    rec = repo.record(
        file_name="summary-2026-03-20.pdf",
        period_from=got.period.start,
        period_to=got.period.end,
        items=got.items,
        recipient="Dr. Okafor",
        password=True,
        content={"sections": ["sessions", "measures"]},
        created_at=NOW - timedelta(days=5),
    )
    listed = repo.list()
    assert [r.uid for r in listed] == [rec.uid]
    assert listed[0].password and listed[0].recipient == "Dr. Okafor"
    assert listed[0].item_count("entry") == len(sel.entry_uids)
    assert shared_dates_for(vault.conn, "entry", sel.entry_uids[0]) == [NOW - timedelta(days=5)]
    assert shared_dates_for(vault.conn, "entry", "unknown") == []
    # Next time the default period starts at the last share.
    nxt = default_selection(vault, now=NOW)
    assert nxt.period_kind == "since_last"
    assert resolve_period(vault, nxt, NOW.date()).start == (NOW - timedelta(days=5)).date()


def test_choices_are_remembered_in_the_vault_but_item9_is_not(vault: Vault) -> None:
    sel = replace(
        default_selection(vault, now=NOW),
        therapist_name="Dr. Okafor",
        patient_name="Jordan",
        name_display="full",
        include_item9=True,
        include_safety_plan=True,
    )
    remember_choices(vault, sel)
    again = default_selection(vault, now=NOW)
    assert again.therapist_name == "Dr. Okafor" and again.name_display == "full"
    assert again.include_safety_plan and not again.include_item9


def test_series_overlapping_the_period_are_shaded_on_the_charts(vault: Vault) -> None:
    from integrate.share.pdf import render_pdf
    from integrate.share.qtapp import ensure_qt_app

    all_series = SessionRepository(vault.conn).list_series()
    series = all_series[0]
    sel = ShareSelection(period_kind="series", series_uid=series.uid)
    doc = gather(vault, sel, now=NOW)
    period = resolve_period(vault, sel, NOW.date())
    names = [name for _, _, name in doc.chart_series()]
    assert series.name in names
    later = [s.name for s in all_series if s.started_on > period.end]
    assert later and not set(later) & set(names)  # the booster starts after the period
    start, end, _ = doc.chart_series()[names.index(series.name)]
    assert start.astimezone(TZ).date() == series.started_on
    assert end is not None and end.astimezone(TZ).date() == series.ended_on
    # The same series name is printed on the charts (as text: the charts are vectors).
    ensure_qt_app()
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    assert series.name.replace(" ", "") in text.replace("\t", "").replace(" ", "")
    # No session timeline shared: no series either.
    none = gather(vault, replace(sel, include_sessions=False), now=NOW)
    assert none.series_spans == [] and none.chart_series() == []
