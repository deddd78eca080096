"""Demo: the schedule for the demo sessions, with what "Sam" did in each check-in.

Most past check-ins are done with quick ratings that ease over the series and short
answers to one or two of their prompts (demo/answers.py), two are skipped, one recent
one is left open (Today offers it kindly), and the journal entries from
demo/journal.py are linked to the check-in they were written in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from integrate.core.model import CheckInState, Entry, Phase
from integrate.core.prompts import Prompt, PromptLibrary, choose_prompts, load_prompts
from integrate.core.schedule import ScheduleConfig
from integrate.core.timeutil import from_iso
from integrate.demo.answers import ANSWERS
from integrate.vault.checkins import CheckinRepository, StoredCheckin
from integrate.vault.entries import EntryRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

# Check-ins of these (session index, phase) were skipped: life happens.
SKIPPED = {(1, Phase.DAY_3), (4, Phase.DAY_2)}
LINK_WINDOW = timedelta(hours=20)  # an entry belongs to a check-in due within this
# Answers flagged for the therapist, as someone would flag them (the first time only:
# a prompt shown again late in the series gets the same words, flagged once is enough).
FLAGGED_PROMPTS = {"day-for-therapy", "day-hard-part"}


def populate(vault: Vault, ctx: DemoContext) -> None:
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(ScheduleConfig(), ctx.now)
    library = load_prompts()
    session_ids: list[int] = list(ctx.shared.get("session_ids", []))
    index_of = {sid: i for i, sid in enumerate(session_ids)}
    past = [c for c in repo.query() if c.due_at <= ctx.now and c.is_open]
    # Leave the newest open past check-in alone, so Today has something to offer.
    keep_open = past[-1].uid if past else None
    rng = ctx.rng
    entries = EntryRepository(vault.conn)
    flagged_once: set[str] = set()
    for c in past:
        if c.uid == keep_open:
            continue
        session_index = index_of.get(c.session_id or -1, len(session_ids) - 1)
        shown = _record_prompts(repo, library, c)
        if (session_index, c.phase) in SKIPPED:
            repo.skip(c.uid, now=c.due_at + timedelta(minutes=20))
            continue
        progress = session_index / max(1, len(session_ids) - 1)  # 0 .. 1 over the series
        ratings = _ratings(library.layout(c.phase).ratings, progress, rng.randint(-1, 1))
        done_at = min(c.due_at + timedelta(minutes=rng.randint(5, 150)), ctx.now)
        # The tiny same-day check-in always gets its line; later ones get a few words,
        # or only ratings some days.
        wanted = 1 if c.phase is Phase.SAME_DAY else rng.choice((0, 1, 1, 2))
        _answer(entries, c, shown, wanted, done_at, flagged_once, ctx.new_uid)
        repo.complete(c.uid, ratings, now=done_at)
    _link_entries(vault, repo)
    ctx.shared["checkin_keys"] = [c.uid for c in repo.query()]


def _record_prompts(
    repo: CheckinRepository, library: PromptLibrary, c: StoredCheckin
) -> list[Prompt]:
    layout = library.layout(c.phase)
    chosen = choose_prompts(
        library, c.phase, repo.prompts_seen_in_series(c), repo.pinned(), layout.prompt_count, c.uid
    )
    repo.set_prompts(c.uid, [p.id for p in chosen])
    return chosen


def _answer(
    entries: EntryRepository,
    c: StoredCheckin,
    shown: list[Prompt],
    wanted: int,
    at: datetime,
    flagged_once: set[str],
    uid: Callable[[], str],
) -> None:
    """Answer the first `wanted` shown prompts that have demo words, as the check-in does."""
    answered = 0
    for prompt in shown:
        text = ANSWERS.get(prompt.id)
        if text is None or answered >= wanted:
            continue
        written = at - timedelta(minutes=2 * (wanted - answered))
        flag = prompt.id in FLAGGED_PROMPTS and prompt.id not in flagged_once
        if flag:
            flagged_once.add(prompt.id)
        entries.add(
            Entry(
                body=text,
                title=prompt.short,  # the check-in screen titles answers this way
                flagged=flag,
                prompt_id=prompt.id,
                checkin_id=c.id,
                session_id=c.session_id,
                created_at=written,
                updated_at=written,
                uid=uid(),
            )
        )
        answered += 1


def _ratings(wanted: tuple[str, ...], progress: float, wobble: int) -> dict[str, int | None]:
    def clamp(value: float) -> int:
        return max(0, min(10, round(value)))

    values: dict[str, int | None] = {
        "mood": clamp(4 + 3 * progress + wobble),
        "distress": clamp(6 - 3 * progress - wobble),
        "sleep_quality": clamp(5 + 2.5 * progress + wobble),
        "intrusions": max(0, min(3, round(2 - 1.5 * progress))),
    }
    return {k: values[k] for k in wanted}


def _link_entries(vault: Vault, repo: CheckinRepository) -> None:
    """Attach each session's entries to the check-in due closest before they were written."""
    rows = vault.conn.execute(
        "SELECT id, session_id, created_at FROM entries WHERE session_id IS NOT NULL "
        "AND checkin_id IS NULL"
    ).fetchall()

    for entry_id, session_id, created in rows:
        written = from_iso(str(created))
        candidates = [
            c
            for c in repo.query(session_id=int(session_id))
            if c.state is not CheckInState.SUPERSEDED
            and c.due_at - timedelta(hours=1) <= written <= c.due_at + LINK_WINDOW
        ]
        if candidates:
            best = min(candidates, key=lambda c: abs(written - c.due_at))
            vault.conn.execute(
                "UPDATE entries SET checkin_id = ? WHERE id = ?", (best.id, int(entry_id))
            )
            if best.state is not CheckInState.DONE and best.state is not CheckInState.SKIPPED:
                repo.complete(best.uid, {}, now=written)
