"""Demo: years of plausible history before the demo series (`integrate demo --years N`).

For performance work: about one entry a day (50 to 1,500 words, some accents, emoji,
a little Arabic/Hebrew and Japanese), two six-session series a year with their
check-ins, about 60 questionnaires and 200 grounding exercise runs a year, tags and
flags. Everything is drawn from `ctx.rng`, so one seed gives one vault. Rows go in
with `executemany` inside the demo's single transaction; FTS5 triggers index as
they go. Runs first, so the normal demo series stays the most recent thing.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from integrate.core.exercises import exercises_by_id, load_exercises
from integrate.core.measures import Score, get_instrument, score
from integrate.core.model import Phase, Route, Series, Session, SessionKind, Setting
from integrate.core.prompts import load_prompts
from integrate.core.schedule import ScheduleConfig
from integrate.core.timeutil import to_iso, zone
from integrate.vault.checkins import CheckinRepository
from integrate.vault.measures import MeasureRepository
from integrate.vault.sessions import SessionRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

# The demo series (demo/journal.py) starts 24 days before "now"; history ends before that.
GAP_DAYS = 38
SESSIONS_PER_SERIES = 6
SERIES_START_DAYS = (40, 220)  # day of each history year a series begins
SESSION_OFFSETS = (0, 3, 7, 10, 14, 17)
MEASURES_EVERY_DAYS = 18  # x3 instruments: about 60 administrations a year
RUNS_PER_YEAR = 200
FLAG_RATE = 0.08
SKIP_RATE = 0.12

SENTENCES = [
    "Woke up before the alarm and lay there listening to the birds for a while.",
    "The morning was slow, and for once I let it be slow.",
    "I made coffee and sat by the window without looking at my phone.",
    "Work was busy but I took my lunch outside and that helped.",
    "My shoulders were up by my ears again by the afternoon.",
    "I noticed the tightness in my chest and breathed out long, twice, then a third time.",
    "Jo and I walked along the canal after dinner; the light on the water was gold.",
    "Called Mum. She talked about the garden and I mostly listened.",
    "The old dream came back, not as strong as it used to be.",
    "I slept badly and the day felt thin and grey because of it.",
    "Nothing much happened today, which is its own kind of good.",
    "I caught myself apologising for something that was not my fault.",
    "Therapy tomorrow; I want to bring up the thing about my brother.",
    "The guilt was there again this evening, quieter, more like weather than a wall.",
    "I cooked soup with lentils and lemon and it tasted like being looked after.",
    "Read three chapters of the novel before bed; my attention is coming back.",
    "A loud bang in the street made me jump and it took twenty minutes to settle.",
    "I used the 5-4-3-2-1 exercise on the bus and it took the edge off.",
    "Maya sent a photo of her new puppy and I laughed out loud.",
    "I said no to an extra shift and the world did not end.",
    "Rain all day. I stayed in, tidied one drawer, and called that enough.",
    "My body felt heavy, like wet sand, and I let myself rest.",
    "I noticed I was holding my breath while answering emails.",
    "Went to the library and sat in the quiet corner for an hour.",
    "There was a moment of real calm at the pond, watching the ducks.",
    "I felt irritable and snapped at Jo, then said sorry, and we were alright.",
    "Today I could think about that year without my stomach dropping.",
    "I wrote down three things that went okay, even though it felt silly.",
    "The anniversary is coming up and I can feel it in my sleep.",
    "Ran into an old colleague and handled it better than I expected.",
    "My niece drew me a picture of a purple cat; it is on the fridge now.",
    "I want to remember that the hard feeling passed within an hour.",
    "Long walk in the woods, mud on my boots, head clearer afterwards.",
    "I keep wanting to make big decisions and I am letting them wait.",
    "Felt numb most of the day, which is different from calm.",
    "Some tears in the shower, and then a strange lightness.",
    "Dr. Okafor asked what I would say to myself at nineteen.",
    "I practised the long out-breath before the meeting and spoke clearly.",
    "The garden needs weeding; I did one bed and stopped while it was still nice.",
    "I noticed I was kinder to myself when I got the train times wrong.",
    "A good day, honestly. I do not want to jinx it by writing more.",
    "Headache in the afternoon, probably from not drinking enough water.",
    "We had friends over and I stayed present for most of the evening.",
    "I felt the urge to cancel plans and went anyway; it was fine.",
    "Small thing: I asked for what I needed at work and got it.",
    "The tram was crowded and I counted blue things until my stop.",
    "I am tired of being tired, and I am also a bit proud of this week.",
    "Listened to the rain on the skylight and let my thoughts drift.",
    "Baked bread; the kitchen smelled like my grandmother's house.",
    "Noticing more colour in things lately, the bright green of new leaves.",
]

# Unicode flavour: accents, emoji, a little right-to-left text and CJK.
UNICODE_SENTENCES = [
    "Café in Zürich with Zoë; the crème brûlée was naïvely enormous.",
    "Ein schöner Spaziergang am Fluss, ganz ruhig. 🌿",
    "Felt something like saudade for the old flat in Lisboa.",
    "Tiny win today 🌱 and a long nap afterwards 😴",
    "Jo wrote «merci» on a sticky note on the mirror. ☀️",
    "Learned the word 木漏れ日 (komorebi): sunlight through leaves. I saw it today.",
    "Mum's neighbour says سلام every morning; today I said it back.",
    "Practised the Hebrew my grandmother used: שלום, slowly.",
    "Señora Núñez at the bakery remembered my name. 🥖",
    "The sea was grey-blue and loud; I stood there a long time. 🌊",
    "Wrote 大丈夫 on a card for my desk: it's okay.",
    "Crêpes for dinner, then an early night. 💤",
]

TITLES = [
    "",
    "",
    "",
    "Morning",
    "Evening",
    "Today",
    "A small thing",
    "Sleep",
    "Work",
    "Walk",
    "Notes for therapy",
    "Weekend",
    "Rain",
    "Garden",
    "Body",
    "Quiet day",
    "Hard day",
    "Good day",
    "Dream",
    "Family",
    "Café ☕",
    "Après la pluie",
]

TAGS = [
    "sleep",
    "work",
    "body",
    "family",
    "for-therapy",
    "grounding",
    "gratitude",
    "walk",
    "dream",
    "guilt",
    "self-compassion",
    "rest",
    "anxiety",
    "friends",
    "food",
    "anniversary",
    "decisions",
    "nature",
    "reading",
    "music",
    "café",
    "重要",
]

INTENTIONS = [
    "Notice what my body does, without judging it.",
    "Be a little kinder to the person I was back then.",
    "Stay curious and come back to my breath.",
    "Rest. Nothing needs fixing today.",
    "Look at the guilt gently and see what it says.",
    "Let whatever comes up come up.",
]

EXERCISES = [
    ("extended_exhale", "", 180),
    ("senses_54321", "", 240),
    ("orienting", "", 120),
    ("butterfly_hug", "", 120),
    ("pmr", "short", 480),
    ("mental_categories", "", 120),
    ("body_scan", "", 360),
    ("calm_place", "", 300),
]


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _word_count(rng: random.Random) -> int:
    """Mostly short entries, a long tail up to 1,500 words."""
    return max(50, min(1500, int(rng.lognormvariate(5.4, 0.75))))


def _body(rng: random.Random, words: int) -> str:
    parts: list[str] = []
    count = 0
    paragraph = 0
    while count < words:
        sentence = rng.choice(UNICODE_SENTENCES) if rng.random() < 0.06 else rng.choice(SENTENCES)
        parts.append(sentence)
        count += sentence.count(" ") + 1
        paragraph += 1
        if paragraph >= rng.randint(3, 7):
            parts.append("\n\n")
            paragraph = 0
        else:
            parts.append(" ")
    return "".join(parts).strip()


def _series_and_sessions(
    vault: Vault, ctx: DemoContext, first_day: date, years: int
) -> list[Session]:
    repo = SessionRepository(vault.conn)
    tz = zone(ctx.tz)
    rng = ctx.rng
    done: list[Session] = []
    number = 0
    for year in range(years):
        for start_offset in SERIES_START_DAYS:
            number += 1
            start = first_day + timedelta(days=365 * year + start_offset)
            series = repo.add_series(
                Series(
                    f"Series {number}",
                    start,
                    planned_sessions=SESSIONS_PER_SERIES,
                    uid=_uid(rng),
                )
            )
            for index, offset in enumerate(SESSION_OFFSETS):
                at = datetime.combine(start + timedelta(days=offset), time(9, 30), tzinfo=tz)
                done.append(
                    repo.add(
                        Session(
                            at=at,
                            tz=ctx.tz,
                            kind=SessionKind.KETAMINE,
                            route=rng.choice([Route.IV, Route.IV, Route.IM, Route.INTRANASAL]),
                            dose=rng.choice([0.5, 0.5, 0.75]),
                            dose_unit="mg/kg",
                            setting=Setting.CLINIC,
                            support_person=rng.random() < 0.8,
                            intention=INTENTIONS[index % len(INTENTIONS)],
                            distress_before=rng.randint(2, 7),
                            mood_before=rng.randint(3, 7),
                            series_id=series.id,
                            uid=_uid(rng),
                        )
                    )
                )
            series.ended_on = start + timedelta(days=SESSION_OFFSETS[-1])
            series.end_reflection = "A little more room around the hard things."
            repo.update_series(series)
        # Monthly therapy appointments, outside any series.
        for month in range(12):
            day = first_day + timedelta(days=365 * year + 15 + month * 30)
            repo.add(
                Session(
                    at=datetime.combine(day, time(16, 0), tzinfo=tz),
                    tz=ctx.tz,
                    kind=SessionKind.THERAPY,
                    setting=Setting.CLINIC,
                    notes="Integration therapy",
                    uid=_uid(rng),
                )
            )
    return done


def _close_checkins(vault: Vault, ctx: DemoContext) -> dict[date, tuple[int, int | None]]:
    """Schedule the history's check-ins and mark them done or skipped (none left open,
    so the demo's own check-in step only deals with its series). Returns, per local
    day, a done check-in (id, session id) that day's entry can be linked to."""
    repo = CheckinRepository(vault.conn)
    repo.sync_schedule(ScheduleConfig(), ctx.now)
    library = load_prompts()
    tz = zone(ctx.tz)
    rng = ctx.rng
    rows = vault.conn.execute(
        "SELECT id, phase, due_at, session_id FROM checkins "
        "WHERE state IN ('due', 'missed') ORDER BY due_at, uid"
    ).fetchall()
    done: list[tuple[object, ...]] = []
    skipped: list[tuple[object, ...]] = []
    links: dict[date, tuple[int, int | None]] = {}
    stamp = to_iso(ctx.now)
    for id_, phase, due_text, session_id in rows:
        due = datetime.fromisoformat(str(due_text)).astimezone(tz)
        if due >= ctx.now:
            continue
        completed = to_iso(due + timedelta(minutes=rng.randint(5, 180)))
        if rng.random() < SKIP_RATE:
            skipped.append((completed, stamp, id_))
            continue
        layout = library.layout(Phase(str(phase)))
        choices = [p.id for p in library.for_phase(layout.phase)]
        prompts = rng.sample(choices, min(layout.prompt_count, len(choices)))
        mood = rng.randint(3, 9)
        done.append(
            (
                completed,
                json.dumps(prompts),
                mood if "mood" in layout.ratings else None,
                max(0, 10 - mood - rng.randint(0, 3)) if "distress" in layout.ratings else None,
                rng.randint(3, 9) if "sleep_quality" in layout.ratings else None,
                rng.randint(0, 3) if "intrusions" in layout.ratings else None,
                stamp,
                id_,
            )
        )
        links.setdefault(due.date(), (int(id_), None if session_id is None else int(session_id)))
    vault.conn.executemany(
        "UPDATE checkins SET state='done', completed_at=?, prompt_ids=?, mood=?, distress=?, "
        "sleep_quality=?, intrusions=?, updated_at=? WHERE id=?",
        done,
    )
    vault.conn.executemany(
        "UPDATE checkins SET state='skipped', completed_at=?, updated_at=? WHERE id=?", skipped
    )
    return links


def _entries(
    vault: Vault,
    ctx: DemoContext,
    first_day: date,
    last_day: date,
    links: dict[date, tuple[int, int | None]],
) -> None:
    rng = ctx.rng
    tz = zone(ctx.tz)
    conn = vault.conn
    conn.executemany(
        "INSERT INTO tags(name) VALUES (?) ON CONFLICT(name) DO NOTHING", [(t,) for t in TAGS]
    )
    tag_ids = {
        str(name): int(id_)
        for id_, name in conn.execute("SELECT id, name FROM tags").fetchall()
        if str(name) in TAGS
    }
    next_id = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM entries").fetchone()[0])
    rows: list[tuple[object, ...]] = []
    tag_rows: list[tuple[int, int]] = []
    day = first_day
    while day <= last_day:
        # About one entry a day: some days none, some days two.
        roll = rng.random()
        count = 0 if roll < 0.08 else (2 if roll > 0.92 else 1)
        for n in range(count):
            at = datetime.combine(
                day, time(rng.choice([7, 8, 12, 19, 21, 22]), rng.randint(0, 59)), tzinfo=tz
            )
            edited = at + timedelta(minutes=rng.randint(2, 40))
            tags = rng.sample(TAGS, rng.choice([0, 0, 1, 1, 1, 2, 3]))
            link = links.get(day) if n == 0 else None
            rows.append(
                (
                    next_id,
                    _uid(rng),
                    rng.choice(TITLES),
                    _body(rng, _word_count(rng)),
                    " ".join(tags),
                    None if link is None else link[0],
                    None if link is None else link[1],
                    int(rng.random() < FLAG_RATE),
                    to_iso(at),
                    to_iso(edited),
                )
            )
            tag_rows.extend((next_id, tag_ids[t]) for t in tags)
            next_id += 1
        day += timedelta(days=1)
    conn.executemany(
        "INSERT INTO entries(id, uid, title, body, tags_text, checkin_id, session_id, flagged, "
        "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.executemany("INSERT INTO entry_tags(entry_id, tag_id) VALUES (?, ?)", tag_rows)


def _measures(vault: Vault, ctx: DemoContext, first_day: date, last_day: date) -> int:
    from integrate.demo.measures import answers_for

    rng = ctx.rng
    tz = zone(ctx.tz)
    repo = MeasureRepository(vault.conn)
    forms = [get_instrument(i) for i in ("pcl5_week", "phq9", "gad7")]
    phq9 = forms[1]
    days = (last_day - first_day).days
    added = 0
    for offset in range(3, days, MEASURES_EVERY_DAYS):
        day = first_day + timedelta(days=offset + rng.randint(-2, 2))
        at = datetime.combine(day, time(19, rng.randint(0, 50)), tzinfo=tz)
        # Totals drift gently down over the years, with noise.
        ease = offset / max(1, days)
        targets = (
            int(48 - 22 * ease) + rng.randint(-6, 6),
            int(15 - 7 * ease) + rng.randint(-2, 2),
            int(13 - 6 * ease) + rng.randint(-2, 2),
        )
        for minutes, (instrument, target) in enumerate(zip(forms, targets, strict=True)):
            if instrument is phq9:
                values = answers_for(instrument, max(0, target), rng, fixed={9: 0})
                values.append(rng.choice([0, 1, 1]))
            else:
                values = answers_for(instrument, max(0, target), rng)
            result = score(instrument, values)
            assert isinstance(result, Score)
            repo.add(result, at + timedelta(minutes=4 * minutes), uid=_uid(rng))
            added += 1
    return added


def _exercise_runs(vault: Vault, ctx: DemoContext, first_day: date, years: int) -> None:
    rng = ctx.rng
    tz = zone(ctx.tz)
    stamp = to_iso(ctx.now)
    known = exercises_by_id(load_exercises())
    pool = [e for e in EXERCISES if e[0] in known]
    rows: list[Sequence[object]] = []
    span = 365 * years
    for _ in range(RUNS_PER_YEAR * years):
        exercise_id, variant, seconds = rng.choice(pool)
        variant = known[exercise_id].variant(variant or None).id
        day = first_day + timedelta(days=rng.randrange(span))
        at = datetime.combine(day, time(rng.choice([3, 7, 8, 13, 18, 21, 22]), 0), tzinfo=tz)
        at += timedelta(minutes=rng.randint(0, 59))
        before = rng.randint(3, 8)
        stopped = rng.random() < 0.1
        after = None if rng.random() < 0.08 else max(0, before - rng.randint(0, 4))
        rows.append(
            (
                _uid(rng),
                exercise_id,
                variant,
                to_iso(at),
                round(seconds * rng.uniform(0.3 if stopped else 0.85, 1.2), 1),
                int(not stopped),
                before,
                after,
                "",
                None,
                stamp,
            )
        )
    vault.conn.executemany(
        "INSERT INTO exercise_runs(uid, exercise_id, variant, started_at, duration_s, finished, "
        "suds_before, suds_after, note, answers, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def history_span(ctx: DemoContext) -> tuple[date, date]:
    """First and last day of the generated history (local dates)."""
    today = ctx.now.astimezone(zone(ctx.tz)).date()
    last = today - timedelta(days=GAP_DAYS)
    return last - timedelta(days=365 * ctx.years - 1), last


def populate(vault: Vault, ctx: DemoContext) -> None:
    if ctx.years <= 0:
        return
    first_day, last_day = history_span(ctx)
    _series_and_sessions(vault, ctx, first_day, ctx.years)
    links = _close_checkins(vault, ctx)
    _entries(vault, ctx, first_day, last_day, links)
    ctx.shared["history_measures"] = _measures(vault, ctx, first_day, last_day)
    _exercise_runs(vault, ctx, first_day, ctx.years)
    ctx.shared["history_span"] = (first_day, last_day)
