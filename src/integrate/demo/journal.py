"""Demo: one six-session initial series, a planned booster, therapy appointments and entries.

The person is fictional ("Sam"); the text is written to read like a real integration
journal without describing any specific trauma.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from integrate.core.model import (
    Entry,
    Route,
    Series,
    Session,
    SessionKind,
    SessionStatus,
    Setting,
)
from integrate.core.timeutil import zone
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

INTENTIONS = [
    "To notice what my body does when I think about going back to work, without judging it.",
    "I want to be a bit kinder to the version of me who got through that year.",
    "Stay curious. Let whatever comes up come up, and come back to my breath.",
    "Look at the guilt I carry about my brother, gently, and see if it has anything to say.",
    "Rest. I don't need to fix anything today.",
    "To say goodbye to the series with gratitude, and think about what I keep practising.",
]

ENTRIES: list[tuple[int, float, str, str, list[str], bool]] = [
    # (session index, hours after session, title, body, tags, flagged)
    (
        0,
        2.5,
        "First impressions",
        "Heavy arms, a colour like dark green water. I felt far away and then very close to "
        "the sound of rain on the window. No words yet.",
        ["impressions"],
        False,
    ),
    (
        0,
        26,
        "Day 1",
        "Slept nine hours. This morning the intention came back to me: notice my body without "
        "judging it. When I thought about the office my shoulders went up to my ears. I didn't "
        "try to push them down. I just noticed. That is new.",
        ["body", "work"],
        True,
    ),
    (
        0,
        50,
        "Day 2 - small thing",
        "Walked to the park and sat on the bench by the pond for twenty minutes. One small "
        "action for this week: tell Maya I need Thursdays off for therapy.",
        ["action"],
        False,
    ),
    (
        1,
        24,
        "The kindness thing",
        "During the session I kept seeing myself at 24, in the blue coat. I wanted to tell him "
        "he did alright. I cried a bit afterwards in the car (Jo drove). Today it feels less "
        "raw. I'd like to talk with Dr. Okafor about why that image keeps coming back.",
        ["self-compassion", "for-therapy"],
        True,
    ),
    (
        1,
        72,
        "Sleep",
        "Two nights of broken sleep, the old dream once. Used the 5-4-3-2-1 exercise at 3am and "
        "it helped a bit: distress from 7 to 4. Noting it so I remember it works for me.",
        ["sleep", "grounding"],
        False,
    ),
    (
        2,
        3,
        "Impressions",
        "Floating, then a long corridor of doors. Calm mostly. A tight chest at one point that "
        "passed.",
        ["impressions"],
        False,
    ),
    (
        2,
        30,
        "Day 1 after session 3",
        "I'm noticing I want to make big decisions (quit, move). The guide says not to change "
        "everything at once, so I'm writing it here instead and letting it sit for a week. "
        "Underneath it: I want more quiet in my life.",
        ["decisions"],
        True,
    ),
    (
        3,
        26,
        "Guilt",
        "Today the guilt about my brother felt less like a wall and more like weather. It was "
        "there, and it moved. Question for therapy: what would it mean to forgive myself for "
        "being nineteen?",
        ["for-therapy", "guilt"],
        True,
    ),
    (
        4,
        24,
        "Rest day",
        "Did nothing much. Cooked soup, called Mum. Mood 6/10. Distress 3/10.",
        ["rest"],
        False,
    ),
    (
        5,
        48,
        "End of the series",
        "Six sessions. What changed: I can notice the alarm in my body and it doesn't always "
        "run the show. What stayed: the dream, less often. What I keep practising: the long "
        "out-breath, walking, asking for Thursdays. Café in Zürich next month - naïve plan, "
        "but mine. 🌱",
        ["reflection"],
        True,
    ),
]


def populate(vault: Vault, ctx: DemoContext) -> None:
    sessions = SessionRepository(vault.conn)
    entries = EntryRepository(vault.conn)
    tz = zone(ctx.tz)
    today = ctx.now.astimezone(tz)
    # The series started ~3 weeks ago: six sessions, twice a week.
    start_day = (today - timedelta(days=24)).date()
    series = sessions.add_series(
        Series("Initial series", start_day, planned_sessions=6, uid=ctx.new_uid())
    )
    offsets = [0, 3, 7, 10, 14, 17]
    done: list[Session] = []
    for index, offset in enumerate(offsets):
        at = datetime.combine(start_day + timedelta(days=offset), time(9, 30), tzinfo=tz)
        session = sessions.add(
            Session(
                at=at,
                tz=ctx.tz,
                kind=SessionKind.KETAMINE,
                status=SessionStatus.DONE,
                route=Route.IV,
                dose=0.5,
                dose_unit="mg/kg",
                setting=Setting.CLINIC,
                support_person=True,
                bp_before="124/80",
                bp_after="138/86",
                intention=INTENTIONS[index],
                distress_before=ctx.rng.randint(3, 7),
                mood_before=ctx.rng.randint(3, 6),
                series_id=series.id,
                uid=ctx.new_uid(),
            )
        )
        done.append(session)
    series.ended_on = done[-1].at.date()
    series.end_reflection = (
        "Less alarm in my body day to day. Keep practising the long "
        "out-breath and asking for what I need."
    )
    sessions.update_series(series)
    booster = sessions.add_series(
        Series("Booster", today.date() + timedelta(days=4), planned_sessions=1, uid=ctx.new_uid())
    )
    sessions.add(
        Session(
            at=datetime.combine(booster.started_on, time(10, 0), tzinfo=tz),
            tz=ctx.tz,
            status=SessionStatus.PLANNED,
            route=Route.IV,
            setting=Setting.CLINIC,
            series_id=booster.id,
            intention="Check in with what has settled since the series.",
            uid=ctx.new_uid(),
        )
    )
    for day in (2, 9, 16, 23):
        sessions.add(
            Session(
                at=datetime.combine(start_day + timedelta(days=day), time(16, 0), tzinfo=tz),
                tz=ctx.tz,
                kind=SessionKind.THERAPY,
                status=SessionStatus.DONE,
                setting=Setting.CLINIC,
                notes="Integration therapy",
                uid=ctx.new_uid(),
            )
        )
    sessions.add(
        Session(
            at=datetime.combine(today.date() + timedelta(days=2), time(16, 0), tzinfo=tz),
            tz=ctx.tz,
            kind=SessionKind.THERAPY,
            status=SessionStatus.PLANNED,
            setting=Setting.CLINIC,
            notes="Integration therapy",
            uid=ctx.new_uid(),
        )
    )

    for index, hours, title, body, tags, flagged in ENTRIES:
        created = done[index].at + timedelta(hours=hours)
        entries.add(
            Entry(
                body=body,
                title=title,
                tags=tags,
                flagged=flagged,
                session_id=done[index].id,
                created_at=created,
                updated_at=created,
                uid=ctx.new_uid(),
            )
        )
    ctx.shared["series_ids"] = [series.id, booster.id]
    ctx.shared["session_ids"] = [s.id for s in done]
