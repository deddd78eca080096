"""Demo: about 25 grounding exercise runs across the demo series, and a filled safety plan.

Ratings are plausible, not flattering: most runs bring distress down a little,
some not at all, a few were stopped early. The safety plan's people are fictional
and every number is an obviously fake 555-01xx number.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from integrate.core.crisis import load_crisis_lines
from integrate.core.exercises import StepKind, exercises_by_id, load_exercises
from integrate.core.player import RunRecord, StepAnswers
from integrate.core.safety import PlanContact, SafetyPlan, prefill_crisis_lines
from integrate.core.timeutil import zone
from integrate.vault.exercise_runs import ExerciseRunRepository
from integrate.vault.safety_plan import SafetyPlanRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

# (exercise id, variant, typical minutes, typical drop in distress, weight)
FAVOURITES: list[tuple[str, str, float, int, int]] = [
    ("extended_exhale", "", 3, 3, 6),
    ("senses_54321", "", 4, 3, 5),
    ("orienting", "", 2, 2, 4),
    ("butterfly_hug", "", 2, 1, 2),
    ("pmr", "short", 8, 2, 2),
    ("mental_categories", "", 2, 1, 2),
    ("body_scan", "", 6, 1, 1),
    ("calm_place", "", 5, 2, 2),
]

RUN_NOTES = [
    "",
    "",
    "",
    "",
    "Helped after the 3am wake-up.",
    "Did it on the bus.",
    "Hard to focus at first.",
    "",
    "Jo did it with me.",
    "",
]

PLAN = SafetyPlan(
    warning_signs=[
        "Sleeping less than five hours two nights in a row",
        "Cancelling plans and not answering messages",
        "The old dream coming back more than once a week",
        "Thinking 'there is no point' about everything",
    ],
    coping_steps=[
        "Long out-breath for three minutes (it has helped before)",
        "5-4-3-2-1 senses, out loud",
        "Walk to the pond and back",
        "Hot shower, then soup",
    ],
    people_places=[
        PlanContact("Jo (partner)", "555-0100", "Any time"),
        PlanContact("Maya (friend)", "555-0101", "Evenings"),
        PlanContact("Riverside library", "", "Quiet, open until 8pm"),
    ],
    professionals=[
        PlanContact("Dr. A. Example (therapist)", "555-0102", "Mon-Thu, leave a message"),
        PlanContact("Clinic nurse line", "555-0103", "Weekdays 9-5"),
        PlanContact("GP surgery", "555-0104", ""),
    ],
    safer_surroundings=[
        "Ask Jo to keep the spare medication",
        "No alcohol in the house during the series",
    ],
    reasons_for_living=[
        "Jo, and our plans for the autumn",
        "My niece's drawings on the fridge",
        "The café trip next month",
        "I want to see who I am when this is lighter",
    ],
)


def demo_country(tz: str) -> str:
    """The crisis-line country the demo's safety plan is made for."""
    return "GB" if tz.startswith("Europe/London") else "US"


def populate(vault: Vault, ctx: DemoContext) -> None:
    runs = ExerciseRunRepository(vault.conn)
    tz = zone(ctx.tz)
    today = ctx.now.astimezone(tz)
    rng = ctx.rng
    start_day = (today - timedelta(days=24)).date()  # the demo series start (demo/journal.py)
    exercises = exercises_by_id(load_exercises())
    pool = [f for f in FAVOURITES if f[0] in exercises for _ in range(f[4])]
    records: list[RunRecord] = []
    for n in range(25):
        exercise_id, variant, minutes, drop, _ = rng.choice(pool)
        day = start_day + timedelta(days=round(n * 24 / 25) + rng.randint(0, 1))
        if day > today.date():
            day = today.date()
        hour = rng.choice([7, 8, 13, 18, 21, 22, 3])
        at = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=tz)
        if at > today:
            at = today - timedelta(hours=2)
        before = rng.randint(4, 8)
        stopped = rng.random() < 0.12
        change = max(0, drop + rng.randint(-2, 1)) if not stopped else rng.randint(0, 1)
        after = None if rng.random() < 0.08 else max(0, before - change)
        duration = minutes * 60 * (rng.uniform(0.3, 0.6) if stopped else rng.uniform(0.85, 1.2))
        answers = None
        exercise = exercises[exercise_id]
        chosen = exercise.variant(variant or None)
        typed = [i for i, st in enumerate(chosen.steps) if st.kind is StepKind.TEXT_ENTRY]
        if typed and n % 3 == 0:
            answers = (
                StepAnswers(
                    typed[0],
                    chosen.steps[typed[0]].text,
                    ("the blue mug", "rain on the window", "my keys"),
                ),
            )
        records.append(
            RunRecord(
                exercise_id=exercise_id,
                variant=chosen.id,
                started_at=at,
                duration_s=round(duration, 1),
                finished=not stopped,
                suds_before=before,
                suds_after=after,
                note=rng.choice(RUN_NOTES),
                answers=answers,
                uid=ctx.new_uid(),
            )
        )
    for record in records:
        runs.add(record)
    for exercise_id in ("pmr", "body_scan", "cold_water"):
        runs.mark_caution_seen(exercise_id, datetime.combine(start_day, time(20, 0), tzinfo=tz))
    directory = load_crisis_lines()
    plan = prefill_crisis_lines(PLAN, directory.lines_for(demo_country(ctx.tz)))
    plan.crisis_lines.append(PlanContact("Local crisis team", "555-0105", "Out of hours"))
    SafetyPlanRepository(vault.conn).save(plan, at=today - timedelta(days=20))
    ctx.shared["exercise_runs"] = len(records)
