"""Stored check-ins on a real SQLCipher vault: sync, states, rotation, no orphans."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import (
    CheckInState,
    Entry,
    Phase,
    Series,
    Session,
    SessionKind,
    SessionStatus,
)
from integrate.core.quiet_hours import QuietHours
from integrate.core.schedule import ScheduleConfig
from integrate.paths import VaultPaths
from integrate.vault.checkins import (
    CheckinRepository,
    load_schedule_config,
    save_schedule_config,
    sync,
)
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
CONFIG = ScheduleConfig()


@pytest.fixture
def vault(tmp_path: Path, fast_kdf: None) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase")
    yield created.vault
    created.vault.close()


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 5, day, hour, 0, tzinfo=BERLIN)


def orphans(vault: Vault) -> int:
    row = vault.conn.execute(
        "SELECT count(*) FROM checkins c WHERE (c.session_id IS NULL AND c.series_id IS NULL) "
        "OR (c.session_id IS NOT NULL AND c.session_id NOT IN (SELECT id FROM sessions))"
    ).fetchone()
    return int(row[0])


def states(repo: CheckinRepository) -> dict[str, CheckInState]:
    return {c.uid: c.state for c in repo.query()}


def test_sync_inserts_checkins_with_utc_due_times_and_links(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    series = sessions.add_series(Series("Initial", at(1).date()))
    s = sessions.add(Session(at=at(6), tz=TZ, series_id=series.id))
    repo = CheckinRepository(vault.conn)
    result = repo.sync_schedule(CONFIG, at(6, 8))
    assert result.inserted >= 5
    rows = repo.query()
    assert {c.phase for c in rows} >= {Phase.SAME_DAY, Phase.DAY_1, Phase.DAY_2, Phase.DAY_3}
    assert all(c.session_id == s.id and c.series_id == series.id for c in rows)
    assert all(c.due_at.utcoffset() == timedelta(0) for c in rows)
    stored_text = vault.conn.execute("SELECT due_at FROM checkins").fetchall()
    assert all(str(r[0]).endswith("+00:00") for r in stored_text)
    day1 = repo.get(f"{s.uid}:day_1")
    assert day1 is not None
    assert day1.due_at.astimezone(BERLIN) == datetime(2024, 5, 7, 10, 0, tzinfo=BERLIN)
    # A second sync with nothing changed does nothing.
    again = repo.sync_schedule(CONFIG, at(6, 8))
    assert not again.changed


def test_editing_a_session_moves_its_checkins_and_keeps_done_ones(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(6, 12))
    same_day = f"{s.uid}:same_day"
    repo.complete(same_day, {"distress": 3}, ["sd-impressions"], now=at(6, 12))
    s.at = at(7, 14)
    sessions.update(s)
    repo.sync_schedule(CONFIG, at(6, 12))
    done = repo.get(same_day)
    assert done is not None and done.state is CheckInState.DONE
    assert done.ratings["distress"] == 3 and done.prompt_ids == ("sd-impressions",)
    day1 = repo.get(f"{s.uid}:day_1")
    assert day1 is not None
    assert day1.due_at.astimezone(BERLIN).date() == at(8).date()
    assert len(repo.query()) == len({c.uid for c in repo.query()})
    assert orphans(vault) == 0


def test_deleting_a_session_leaves_no_orphans_and_keeps_entries(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s1 = sessions.add(Session(at=at(6), tz=TZ))
    s2 = sessions.add(Session(at=at(20), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(6, 12))
    c = repo.get(f"{s1.uid}:same_day")
    assert c is not None
    entry = EntryRepository(vault.conn).add(Entry(body="words", checkin_id=c.id, session_id=s1.id))
    sessions.delete(s1.id or 0)
    repo.sync_schedule(CONFIG, at(6, 12))
    assert all(x.session_uid == s2.uid for x in repo.query())
    assert orphans(vault) == 0
    kept = EntryRepository(vault.conn).get(entry.id or 0)
    assert kept is not None and kept.body == "words" and kept.checkin_id is None


def test_newer_session_supersedes_the_older_window(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s1 = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(6, 8))
    assert repo.get(f"{s1.uid}:day_2") is not None
    s2 = sessions.add(Session(at=at(7, 15), tz=TZ))
    result = repo.sync_schedule(CONFIG, at(6, 8))
    assert result.superseded >= 2
    st = states(repo)
    assert st[f"{s1.uid}:day_1"] is CheckInState.DUE  # due before the newer start
    assert st[f"{s1.uid}:day_2"] is CheckInState.SUPERSEDED
    assert st[f"{s1.uid}:day_3"] is CheckInState.SUPERSEDED
    assert st[f"{s2.uid}:day_1"] is CheckInState.DUE
    # Removing the newer session revives the older window.
    sessions.delete(s2.id or 0)
    repo.sync_schedule(CONFIG, at(6, 8))
    assert states(repo)[f"{s1.uid}:day_2"] is CheckInState.DUE


def test_missed_and_due_now_and_upcoming(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    now = at(8, 12)  # day 2 is due at 10:00 today, so same day and day 1 have been overtaken
    repo.sync_schedule(CONFIG, now)
    st = states(repo)
    assert st[f"{s.uid}:same_day"] is CheckInState.MISSED
    assert st[f"{s.uid}:day_1"] is CheckInState.MISSED
    assert [c.uid for c in repo.due_now(now)] == [f"{s.uid}:day_2"]
    assert repo.upcoming(now)[0].uid == f"{s.uid}:day_3"
    assert [c.uid for c in repo.missed()] == [f"{s.uid}:day_1", f"{s.uid}:same_day"]


def test_a_resync_leaves_missed_checkins_untouched_until_something_changes(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(8, 12))
    missed = [f"{s.uid}:same_day", f"{s.uid}:day_1"]

    def stamps() -> dict[str, str]:
        rows = vault.conn.execute("SELECT uid, state, updated_at FROM checkins").fetchall()
        return {str(u): f"{st} {up}" for u, st, up in rows}

    vault.conn.execute("UPDATE checkins SET updated_at = '2000-01-01T00:00:00+00:00'")
    before = stamps()
    # Later the same day: nothing new is due, so nothing is written at all.
    result = repo.sync_schedule(CONFIG, at(8, 15))
    assert not result.changed, result
    assert stamps() == before
    # Moving the session a day later makes both due again: nothing has overtaken them.
    s.at = at(7, 9)
    sessions.update(s)
    repo.sync_schedule(CONFIG, at(8, 9))
    st = states(repo)
    assert [st[k] for k in missed] == [CheckInState.DUE, CheckInState.DUE]
    # And once day 1 is due, the same-day one counts as missed again, written once.
    assert repo.sync_schedule(CONFIG, at(8, 11)).missed == 1
    assert states(repo)[missed[0]] is CheckInState.MISSED
    assert repo.sync_schedule(CONFIG, at(8, 12)).changed is False


def test_complete_and_skip(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(7, 11))
    done = repo.complete(
        f"{s.uid}:day_1",
        {"mood": 6, "distress": 2, "sleep_quality": 7, "intrusions": None},
        ["a", "b"],
        now=at(7, 11),
    )
    assert done.state is CheckInState.DONE
    assert done.ratings == {"mood": 6, "distress": 2, "sleep_quality": 7, "intrusions": None}
    assert done.completed_at == at(7, 11)
    repo.skip(f"{s.uid}:day_2")
    assert states(repo)[f"{s.uid}:day_2"] is CheckInState.SKIPPED
    with pytest.raises(ValueError):
        repo.complete(f"{s.uid}:day_3", {"anxiety": 3})
    with pytest.raises(KeyError):
        repo.skip("nope")
    # Out-of-range ratings are refused by the database and nothing changes.
    with pytest.raises(Exception, match="CHECK"):
        repo.complete(f"{s.uid}:day_3", {"mood": 11})
    assert states(repo)[f"{s.uid}:day_3"] is CheckInState.DUE


def test_ratings_in_progress_are_stored_without_completing(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(7, 11))
    uid = f"{s.uid}:day_1"
    repo.set_ratings(uid, {"mood": 5, "distress": 4})
    repo.set_ratings(uid, {"distress": None, "sleep_quality": 6})  # others left as stored
    stored = repo.get(uid)
    assert stored is not None and stored.state is CheckInState.DUE
    assert stored.completed_at is None
    assert stored.ratings == {"mood": 5, "distress": None, "sleep_quality": 6, "intrusions": None}
    with pytest.raises(ValueError):
        repo.set_ratings(uid, {"mood; DROP TABLE checkins": 1})
    with pytest.raises(KeyError):
        repo.set_ratings("nope", {"mood": 1})
    # Still stored after a re-sync: recomputing the schedule leaves ratings alone.
    repo.sync_schedule(CONFIG, at(7, 12))
    assert repo.get(uid).ratings["sleep_quality"] == 6  # type: ignore[union-attr]


def test_planned_session_preparation_kept_when_done_removed_when_untouched(
    vault: Vault,
) -> None:
    sessions = SessionRepository(vault.conn)
    a = sessions.add(Session(at=at(10), tz=TZ, status=SessionStatus.PLANNED))
    b = sessions.add(Session(at=at(20), tz=TZ, status=SessionStatus.PLANNED))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(8))
    repo.complete(f"{a.uid}:preparation", {"mood": 5, "distress": 4})
    a.status = b.status = SessionStatus.DONE
    sessions.update(a)
    sessions.update(b)
    repo.sync_schedule(CONFIG, at(10, 12))
    st = states(repo)
    assert st[f"{a.uid}:preparation"] is CheckInState.DONE
    assert f"{b.uid}:preparation" not in st


def test_series_end_adds_review_and_therapy_prep(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    series = sessions.add_series(Series("Initial", at(1).date()))
    sessions.add(Session(at=at(6), tz=TZ, series_id=series.id))
    sessions.add(
        Session(at=at(12, 16), tz=TZ, kind=SessionKind.THERAPY, status=SessionStatus.PLANNED)
    )
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(6, 8))
    assert any(c.phase is Phase.THERAPY_PREP for c in repo.query())
    assert not any(c.phase is Phase.SERIES_REVIEW for c in repo.query())
    series.ended_on = at(14).date()
    sessions.update_series(series)
    repo.sync_schedule(CONFIG, at(6, 8))
    review = repo.get(f"{series.uid}:series_review")
    assert review is not None and review.series_id == series.id and review.session_id is None
    # Deleting the series removes its review (cascade) and the next sync is clean.
    sessions.delete_series(series.id or 0)
    repo.sync_schedule(CONFIG, at(6, 8))
    assert repo.get(f"{series.uid}:series_review") is None
    assert orphans(vault) == 0


def test_rotation_sources_and_pins(vault: Vault) -> None:
    sessions = SessionRepository(vault.conn)
    series = sessions.add_series(Series("Initial", at(1).date()))
    other = sessions.add_series(Series("Booster", at(1).date()))
    s1 = sessions.add(Session(at=at(6), tz=TZ, series_id=series.id))
    s2 = sessions.add(Session(at=at(20), tz=TZ, series_id=other.id))
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(CONFIG, at(6, 8))
    repo.set_prompts(f"{s1.uid}:same_day", ["p1"])
    repo.set_prompts(f"{s1.uid}:day_1", ["p2", "p3"])
    repo.set_prompts(f"{s2.uid}:day_1", ["x"])
    day2 = repo.get(f"{s1.uid}:day_2")
    assert day2 is not None
    assert repo.prompts_seen_in_series(day2) == ["p1", "p2", "p3"]
    day1 = repo.get(f"{s1.uid}:day_1")
    assert day1 is not None and repo.prompts_seen_in_series(day1) == ["p1"]
    repo.pin("p2")
    repo.pin("p2")
    repo.pin("p9")
    assert sorted(repo.pinned()) == ["p2", "p9"]
    repo.unpin("p9")
    assert repo.pinned() == ["p2"]


def test_flagged_entries_window_and_entries_for(vault: Vault) -> None:
    entries = EntryRepository(vault.conn)
    inside = entries.add(
        Entry(body="bring this", flagged=True, created_at=datetime(2024, 5, 5, 10, tzinfo=UTC))
    )
    entries.add(
        Entry(body="too early", flagged=True, created_at=datetime(2024, 4, 1, 10, tzinfo=UTC))
    )
    entries.add(Entry(body="not flagged", created_at=datetime(2024, 5, 5, 11, tzinfo=UTC)))
    repo = CheckinRepository(vault.conn)
    found = repo.flagged_entries(
        datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 5, 6, tzinfo=BERLIN)
    )
    assert [e.id for e in found] == [inside.id]


def test_schedule_config_roundtrip_and_sync_helper(vault: Vault) -> None:
    assert load_schedule_config(vault) == ScheduleConfig()
    config = ScheduleConfig(
        day_time=time(18, 30),
        quiet_hours=QuietHours(time(23), time(7)),
        enabled_phases=frozenset({Phase.SAME_DAY, Phase.DAY_1}),
    )
    save_schedule_config(vault, config)
    assert load_schedule_config(vault) == config
    s = SessionRepository(vault.conn).add(Session(at=at(6), tz=TZ))
    sync(vault, at(6, 8))
    rows = CheckinRepository(vault.conn).query()
    assert {c.phase for c in rows} == {Phase.SAME_DAY, Phase.DAY_1}
    day1 = CheckinRepository(vault.conn).get(f"{s.uid}:day_1")
    assert day1 is not None and day1.due_at.astimezone(BERLIN).time() == time(18, 30)
    vault.set_setting("schedule", {"day_time": "not a time"})
    assert load_schedule_config(vault) == ScheduleConfig()


def test_sync_is_all_or_nothing(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = SessionRepository(vault.conn)
    sessions.add(Session(at=at(6), tz=TZ))
    repo = CheckinRepository(vault.conn)

    import integrate.vault.checkins as module

    def boom(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("fail after the inserts")

    monkeypatch.setattr(module, "mark_missed", boom)
    with pytest.raises(RuntimeError):
        repo.sync_schedule(CONFIG, at(6, 8))
    assert repo.query() == []
    assert not vault.conn.in_transaction


def test_evening_session_check_in_due_that_evening_and_its_reminder_waits(
    vault: Vault,
) -> None:
    """Issue 18: quiet hours move reminders, not check-ins. A session at 20:00 keeps its
    same-day check-in that evening (before Day 1); only the notification waits until the
    quiet hours end the next morning."""
    from integrate.core.reminders import (
        ReminderService,
        checkin_reminder_key,
        reminder_items_from_checkins,
    )
    from integrate.vault.reminder_store import VaultReminderStore, read_checkins

    config = ScheduleConfig(same_day_hours=2.0, quiet_hours=QuietHours(time(21, 0), time(8, 0)))
    save_schedule_config(vault, config)
    sessions = SessionRepository(vault.conn)
    s = sessions.add(Session(at=at(6, 20), tz=TZ))
    CheckinRepository(vault.conn).sync_schedule(load_schedule_config(vault), at(6, 20))
    stored = {c.key: c for c in read_checkins(vault.conn)}
    same_day = stored[f"{s.uid}:{Phase.SAME_DAY}"]
    assert same_day.due_at.astimezone(BERLIN) == at(6, 22)  # that evening, its own time
    assert same_day.due_at < stored[f"{s.uid}:{Phase.DAY_1}"].due_at
    clock = [at(6, 22)]
    service = ReminderService(
        lambda: clock[0], BERLIN, config.quiet_hours, VaultReminderStore(vault.conn)
    )
    service.set_items(reminder_items_from_checkins(stored.values()))
    key = checkin_reminder_key(same_day.key)
    assert service.fire_time(key) == at(7, 8)  # the reminder waits for quiet hours' end
    assert service.due_now() == []
