"""`integrate demo`: a full six-session series with realistic, linked entries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from integrate.core.model import CheckInState, Phase, SessionKind, SessionStatus
from integrate.core.prompts import load_prompts
from integrate.core.timeutil import zone
from integrate.demo import populate_demo
from integrate.demo.answers import ANSWERS
from integrate.paths import VaultPaths
from integrate.vault.checkins import CheckinRepository, load_schedule_config
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=zone("Europe/London"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    root = tmp_path_factory.mktemp("demo") / "v"
    vault = create_vault(VaultPaths(root), keystore=None, passphrase="demo pass").vault
    populate_demo(vault, now=NOW)
    yield vault
    vault.close()


def test_a_complete_six_session_series_with_an_end_reflection(demo: Vault) -> None:
    repo = SessionRepository(demo.conn)
    [initial] = [s for s in repo.list_series() if s.name == "Initial series"]
    assert initial.planned_sessions == 6
    assert initial.ended_on is not None and initial.ended_on <= NOW.date()
    assert initial.end_reflection.strip()
    members = [s for s in repo.list() if s.series_id == initial.id]
    assert len(members) == 6
    assert all(s.kind is SessionKind.KETAMINE and s.status is SessionStatus.DONE for s in members)
    assert all(s.route and s.dose and s.dose_unit and s.intention for s in members)
    assert len({s.intention for s in members}) == 6
    assert all(s.at <= NOW for s in members)
    # Something ahead: a planned booster and a therapy appointment.
    planned = [s for s in repo.list() if s.status is SessionStatus.PLANNED and s.at > NOW]
    assert {s.kind for s in planned} == {SessionKind.KETAMINE, SessionKind.THERAPY}


def test_every_session_has_done_checkins_with_ratings_and_written_words(demo: Vault) -> None:
    sessions = [s for s in SessionRepository(demo.conn).list() if s.kind is SessionKind.KETAMINE]
    done_sessions = [s for s in sessions if s.status is SessionStatus.DONE]
    checkins = CheckinRepository(demo.conn)
    entries = EntryRepository(demo.conn)
    with_answers = 0
    for s in done_sessions:
        rows = [c for c in checkins.query(session_id=s.id) if c.phase is not Phase.BETWEEN]
        done = [c for c in rows if c.state is CheckInState.DONE]
        # Day 3 of a session three days before the next one is superseded by it.
        handled = [c for c in rows if c.state in (CheckInState.DONE, CheckInState.SKIPPED)]
        assert len(done) >= 2 and len(handled) >= 3, s.at
        rated = [c for c in done if any(v is not None for v in c.ratings.values())]
        assert len(rated) >= 2
        words = [e for c in done for e in checkins.entries_for(c.id)]
        assert words and all(e.body.strip() for e in words)
        answers = [e for e in words if e.prompt_id is not None]
        with_answers += bool(answers)
        for e in answers:
            c = checkins.get_by_id(e.checkin_id or 0)
            assert c is not None and e.prompt_id in c.prompt_ids  # answers what was shown
            assert e.body == ANSWERS[e.prompt_id or ""]
            assert e.session_id == s.id
    assert with_answers == len(done_sessions)
    # Life happens: some check-ins were skipped, and one is still offered on Today.
    states = [c.state for c in checkins.query()]
    assert CheckInState.SKIPPED in states
    past_open = [c for c in checkins.query() if c.is_open and c.due_at <= NOW]
    assert len(past_open) == 1
    # The words are findable.
    assert entries.search("pond")


def test_demo_answers_belong_to_real_prompts() -> None:
    library = load_prompts()
    known = {p.id for p in library.prompts}
    assert set(ANSWERS) <= known
    for pid, text in ANSWERS.items():
        assert text.strip() == text and 0 < len(text) <= 300, pid
    # Every phase the demo completes has answers to choose from.
    for phase in (Phase.SAME_DAY, Phase.DAY_1, Phase.DAY_2, Phase.DAY_3, Phase.BETWEEN):
        ids = {p.id for p in library.for_phase(phase)}
        assert len(ids & set(ANSWERS)) >= 0.8 * len(ids), phase


def test_demo_leaves_the_schedule_in_step(tmp_path: Path) -> None:
    vault = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="x y z w").vault
    with vault:
        populate_demo(vault, now=NOW)
        repo = CheckinRepository(vault.conn)
        before = {c.uid: (c.state, c.due_at) for c in repo.query()}
        result = repo.sync_schedule(load_schedule_config(vault), NOW)
        assert (result.inserted, result.deleted, result.superseded) == (0, 0, 0)
        assert {c.uid: (c.state, c.due_at) for c in repo.query()} == before
