"""Demo: after-effects, a sleep diary, a few substances and medication changes over the
six-session series (issue 17).

Plausible for a course of IV ketamine: dissociation strong on the day and fading by
day 1, a little unreality the day after the first session only, nausea and headache
now and then; nights a little longer and nightmares fewer as the series goes on. Runs
last, so it changes no earlier step's content or uids.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from integrate.core.timeutil import zone
from integrate.core.tracking import (
    AfterEffects,
    MedicationChange,
    MedicationEvent,
    SleepEntry,
    SubstanceUse,
)
from integrate.vault.sessions import SessionRepository
from integrate.vault.tracking import TrackingRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

SAME_DAY_NOTES = {
    0: "Very floaty in the recovery chair, then heavy and sleepy. Ginger biscuits helped.",
    2: "Mild headache on the way home, gone after water and a nap.",
}
DAY_1_NOTES = {
    0: "Things still looked a bit far away this morning, like through glass. Eased by lunch.",
}


def populate(vault: Vault, ctx: DemoContext) -> None:
    session_ids: list[int] = list(ctx.shared.get("session_ids", []))
    sessions_repo = SessionRepository(vault.conn)
    sessions = [s for i in session_ids if (s := sessions_repo.get(i)) is not None]
    if not sessions:
        return
    repo = TrackingRepository(vault.conn)
    rng = ctx.rng
    tz = zone(ctx.tz)
    for index, session in enumerate(sessions):
        assert session.id is not None
        fade = index / max(1, len(sessions) - 1)  # 0 at the first session, 1 at the last
        repo.save_effects(
            AfterEffects(
                session_id=session.id,
                at=session.at + timedelta(hours=2),
                dissociation=max(2, round(8 - 3 * fade) - rng.randint(0, 1)),
                nausea=rng.choice([0, 1, 2, 3]) if index != 1 else 4,
                headache=rng.choice([0, 0, 1, 2, 3]),
                dizziness=rng.randint(1, 4),
                anxiety=max(0, round(5 - 3 * fade) - rng.randint(0, 1)),
                note=SAME_DAY_NOTES.get(index, ""),
                uid=ctx.new_uid(),
            )
        )
        next_morning = datetime.combine(
            session.at.astimezone(tz).date() + timedelta(days=1), time(10, 0), tzinfo=tz
        )
        if next_morning >= ctx.now:
            continue
        repo.save_effects(
            AfterEffects(
                session_id=session.id,
                at=next_morning,
                dissociation=rng.choice([0, 1, 1, 2]),
                nausea=0,
                headache=rng.choice([0, 0, 1]),
                dizziness=rng.choice([0, 1]),
                anxiety=max(0, round(3 - 2 * fade) - rng.randint(0, 1)),
                unreal_24h=index == 0,
                unreal=3 if index == 0 else None,
                note=DAY_1_NOTES.get(index, ""),
                uid=ctx.new_uid(),
            )
        )

    # A sleep diary from a few days before the first session to last night, with the
    # odd night left out (as real diaries have).
    first = sessions[0].at.astimezone(tz).date() - timedelta(days=4)
    today = ctx.now.astimezone(tz).date()
    session_days = {s.at.astimezone(tz).date() for s in sessions}
    span = max(1, (today - first).days)
    day = first
    while day < today:
        progress = (day - first).days / span
        if rng.random() < 0.88:
            after_session = (day - timedelta(days=1)) in session_days
            nightmares = max(0, round(2.2 - 2 * progress + rng.uniform(-0.8, 0.8)))
            repo.save_sleep(
                SleepEntry(
                    day=day,
                    hours=round(min(9.0, 5.2 + 2.0 * progress + rng.uniform(-0.7, 0.7)) * 2) / 2
                    + (0.5 if after_session else 0.0),
                    quality=max(1, min(9, round(3 + 4 * progress + rng.uniform(-1.5, 1.5)))),
                    nightmares=nightmares,
                    nightmare_distress=(
                        max(2, min(9, round(7 - 3 * progress + rng.uniform(-1, 1))))
                        if nightmares
                        else None
                    ),
                    wakings=max(0, round(3 - 2 * progress + rng.uniform(-1, 1))),
                    uid=ctx.new_uid(),
                )
            )
        day += timedelta(days=1)

    def at(day_offset: int, hour: int) -> datetime:
        base = sessions[0].at.astimezone(tz).date() + timedelta(days=day_offset)
        return datetime.combine(base, time(hour, 0), tzinfo=tz)

    for offset, hour, name, amount in (
        (-2, 20, "Alcohol", "2 glasses of wine"),
        (5, 21, "Alcohol", "1 beer"),
        (12, 22, "Cannabis", "a few puffs, to sleep"),
    ):
        if at(offset, hour) < ctx.now:
            repo.save_substance(
                SubstanceUse(name=name, amount=amount, at=at(offset, hour), uid=ctx.new_uid())
            )
    for offset, name, change, dose in (
        (-10, "Lorazepam", MedicationChange.STOPPED, "0.5 mg as needed (with my GP)"),
        (8, "Sertraline", MedicationChange.DOSE, "50 mg to 100 mg daily"),
        (15, "Melatonin", MedicationChange.STARTED, "2 mg at night"),
    ):
        if at(offset, 9) < ctx.now:
            repo.save_medication(
                MedicationEvent(
                    name=name, change=change, dose=dose, at=at(offset, 9), uid=ctx.new_uid()
                )
            )
