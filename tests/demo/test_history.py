"""`integrate demo --years N`: years of history, deterministic with the seed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from integrate.core.timeutil import zone
from integrate.demo import populate_demo
from integrate.demo.history import GAP_DAYS
from integrate.paths import VaultPaths
from integrate.vault.vault import Vault, create_vault

NOW = datetime(2030, 6, 15, 12, 0, tzinfo=zone("Europe/London"))


def _vault(root: Path, *, seed: int, years: int) -> Vault:
    vault = create_vault(VaultPaths(root), keystore=None, passphrase="history pass").vault
    populate_demo(vault, seed=seed, years=years, now=NOW)
    return vault


def _content(vault: Vault) -> list[object]:
    """The generated history, without the write stamps (test_demo_seed.py compares
    whole journals, the demo on top included)."""
    cut = (NOW - timedelta(days=GAP_DAYS - 1)).date().isoformat()
    queries = [
        "SELECT uid, title, body, tags_text, flagged, created_at, checkin_id FROM entries "
        "WHERE created_at < ? ORDER BY id",
        "SELECT uid, name, started_on, ended_on FROM series WHERE started_on < ? ORDER BY id",
        "SELECT uid, kind, at, route, dose, intention FROM sessions WHERE at < ? ORDER BY id",
        "SELECT uid, state, due_at, mood, distress, prompt_ids FROM checkins "
        "WHERE due_at < ? ORDER BY uid",
        "SELECT uid, instrument, taken_at, answers, total FROM measures WHERE taken_at < ? "
        "ORDER BY id",
        "SELECT uid, exercise_id, variant, started_at, suds_before, suds_after "
        "FROM exercise_runs WHERE started_at < ? ORDER BY id",
    ]
    return [vault.conn.execute(q, (cut,)).fetchall() for q in queries]


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    vault = _vault(tmp_path_factory.mktemp("h") / "v", seed=11, years=2)
    yield vault
    vault.close()


def _count(vault: Vault, sql: str) -> int:
    return int(vault.conn.execute(sql).fetchone()[0])


def test_counts_are_in_the_expected_ranges(two_years: Vault) -> None:
    v = two_years
    # Counts include the normal demo on top of the history.
    assert 650 <= _count(v, "SELECT count(*) FROM entries") <= 800
    assert (
        24
        <= _count(v, "SELECT count(*) FROM sessions WHERE kind='ketamine' AND status='done'")
        <= 36
    )
    assert _count(v, "SELECT count(*) FROM series") == 2 * 2 + 2
    assert 100 <= _count(v, "SELECT count(*) FROM measures") <= 150
    assert 380 <= _count(v, "SELECT count(*) FROM exercise_runs") <= 450
    assert _count(v, "SELECT count(*) FROM checkins WHERE state='done'") > 50
    assert _count(v, "SELECT count(*) FROM checkins WHERE state='skipped'") > 2
    flagged = _count(v, "SELECT count(*) FROM entries WHERE flagged=1")
    assert 20 <= flagged <= 120
    assert _count(v, "SELECT count(*) FROM entry_tags") > 300
    assert _count(v, "SELECT count(*) FROM entries WHERE checkin_id IS NOT NULL") > 30


def test_entries_have_mixed_lengths_and_unicode(two_years: Vault) -> None:
    bodies = [str(r[0]) for r in two_years.conn.execute("SELECT body FROM entries")]
    history = [b for b in bodies if len(b.split()) >= 50]
    words = [len(b.split()) for b in history]
    assert len(history) > 600
    assert max(words) <= 1600 and min(words) >= 50
    assert sum(w < 200 for w in words) > 100 and sum(w > 600 for w in words) > 10
    text = "\n".join(bodies)
    for sample in ("é", "🌱", "木漏れ日", "שלום", "سلام"):
        assert sample in text


def test_history_ends_before_the_demo_series_and_leaves_nothing_open(two_years: Vault) -> None:
    v = two_years
    first_demo = v.conn.execute(
        "SELECT started_on FROM series WHERE name = 'Initial series'"
    ).fetchone()[0]
    last_history = v.conn.execute(
        "SELECT max(started_on) FROM series WHERE name LIKE 'Series %'"
    ).fetchone()[0]
    assert last_history < first_demo
    newest = v.conn.execute("SELECT max(created_at) FROM entries WHERE body LIKE '%alarm%'")
    assert newest.fetchone()[0] is not None
    # Only the demo's own recent check-in stays open (its step leaves exactly one).
    open_rows = v.conn.execute(
        "SELECT c.due_at FROM checkins c JOIN sessions s ON s.id = c.session_id "
        "WHERE c.state IN ('due', 'missed') AND c.due_at < ?",
        (NOW.isoformat(),),
    ).fetchall()
    cutoff = NOW.date().toordinal() - GAP_DAYS
    assert all(datetime.fromisoformat(str(r[0])).date().toordinal() > cutoff for r in open_rows)
    # Search finds history text through the FTS triggers.
    hits = v.conn.execute(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'komorebi'"
    ).fetchone()[0]
    assert hits > 0


def test_same_seed_same_vault_other_seed_differs(tmp_path: Path) -> None:
    a = _vault(tmp_path / "a", seed=5, years=1)
    b = _vault(tmp_path / "b", seed=5, years=1)
    c = _vault(tmp_path / "c", seed=6, years=1)
    try:
        assert all(_content(a)) and _content(a) == _content(b)
        assert _content(a)[0] != _content(c)[0]
    finally:
        for v in (a, b, c):
            v.close()


def test_zero_years_adds_no_history(tmp_path: Path) -> None:
    vault = _vault(tmp_path / "z", seed=5, years=0)
    try:
        assert _count(vault, "SELECT count(*) FROM series WHERE name LIKE 'Series %'") == 0
        assert _count(vault, "SELECT count(*) FROM entries") < 30
    finally:
        vault.close()
