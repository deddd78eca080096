"""Demo: a baseline before the initial series and weekly PCL-5/PHQ-9/GAD-7 across it.

Totals ease gradually with some week-to-week noise, as real courses do. PHQ-9 item 9
is always 0 here: the demo stays calm (the crisis screen is shown by tests instead).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from integrate.core.measures import Instrument, Score, get_instrument, score
from integrate.core.timeutil import zone
from integrate.vault.measures import MeasureRepository

if TYPE_CHECKING:
    from integrate.demo import DemoContext
    from integrate.vault.vault import Vault

# (days from the series start, PCL-5 version, target totals PCL-5 / PHQ-9 / GAD-7)
SCHEDULE: list[tuple[int, str, int, int, int]] = [
    (-3, "pcl5_month", 49, 15, 13),  # baseline, past-month version
    (4, "pcl5_week", 44, 13, 11),
    (11, "pcl5_week", 38, 12, 10),
    (18, "pcl5_week", 31, 8, 7),  # series end
]


def answers_for(
    instrument: Instrument, target: int, rng: random.Random, fixed: dict[int, int] | None = None
) -> list[int]:
    """Item answers summing to `target`, with a stable profile and a little noise.

    Each item keeps the same relative weight from week to week (seeded by the
    instrument's family), so the PCL-5 clusters ease together as they would for one
    person rather than jumping about.
    """
    fixed = fixed or {}
    free = [i for i in instrument.items if i.number not in fixed]
    top = min(max(i.values) for i in free)
    target = max(0, min(target - sum(fixed.values()), top * len(free)))
    profile = random.Random(instrument.family)
    weights = {i.number: profile.uniform(0.4, 1.6) for i in free}
    scale = target / sum(weights.values())
    ideal = {n: min(top, w * scale) for n, w in weights.items()}
    values = {n: int(v) for n, v in ideal.items()}
    # Largest remainders first, until the total is reached.
    for n in sorted(ideal, key=lambda k: ideal[k] - values[k], reverse=True):
        if sum(values.values()) >= target:
            break
        if values[n] < top:
            values[n] += 1
    while sum(values.values()) < target:
        values[rng.choice([n for n, v in values.items() if v < top])] += 1
    for _ in range(2):  # small noise that keeps the total
        a, b = rng.sample(list(values), 2)
        if values[a] > 0 and values[b] < top:
            values[a] -= 1
            values[b] += 1
    values.update(fixed)
    return [values[i.number] for i in instrument.items]


def _jitter(rng: random.Random, total: int, spread: int) -> int:
    return max(0, total + rng.randint(-spread, spread))


def populate(vault: Vault, ctx: DemoContext) -> None:
    repo = MeasureRepository(vault.conn)
    tz = zone(ctx.tz)
    series_id = ctx.shared.get("series_ids", [None])[0]
    start: date | None = None
    if series_id is not None:
        row = vault.conn.execute(
            "SELECT started_on FROM series WHERE id = ?", (series_id,)
        ).fetchone()
        start = date.fromisoformat(str(row[0])) if row else None
    if start is None:
        start = ctx.now.astimezone(tz).date() - timedelta(days=24)
    phq9, gad7 = get_instrument("phq9"), get_instrument("gad7")
    for offset, pcl_id, pcl, phq, gad in SCHEDULE:
        day = start + timedelta(days=offset)
        at = datetime.combine(day, time(19, ctx.rng.randint(0, 50)), tzinfo=tz)
        if at > ctx.now:
            continue
        pcl5 = get_instrument(pcl_id)
        forms: list[tuple[Instrument, list[int]]] = [
            (pcl5, answers_for(pcl5, _jitter(ctx.rng, pcl, 2), ctx.rng)),
            (
                phq9,
                answers_for(phq9, _jitter(ctx.rng, phq, 1), ctx.rng, fixed={9: 0})
                + [ctx.rng.choice([0, 1, 1])],
            ),
            (gad7, answers_for(gad7, _jitter(ctx.rng, gad, 1), ctx.rng)),
        ]
        for minutes, (instrument, values) in enumerate(forms):
            result = score(instrument, values)
            assert isinstance(result, Score) and not result.crisis
            repo.add(result, at + timedelta(minutes=4 * minutes), uid=ctx.new_uid())
