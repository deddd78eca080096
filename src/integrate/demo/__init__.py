"""Sample data for `integrate demo`: a plausible journal for trying the app and for screenshots.

Each area contributes a module with `populate(vault, ctx)`; DEMO_STEPS lists them in
order (sessions before the check-ins and measures that refer to them).
"""

from __future__ import annotations

import importlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from integrate.core.model import new_uid
from integrate.core.timeutil import now_local, to_iso, zone
from integrate.vault.db import transaction
from integrate.vault.vault import Vault

DEMO_STEPS = [
    "integrate.demo.history",
    "integrate.demo.journal",
    "integrate.demo.checkins",
    "integrate.demo.measures",
    "integrate.demo.exercises",
    "integrate.demo.tracking",
]
# The sample journal everyone sees when no seed is asked for (screenshots, tests).
DEFAULT_SEED = 7
# Columns the repositories fill from the wall clock as they write a row. The entries'
# and safety plan's times are chosen by the demo steps themselves.
WRITE_STAMPS: dict[str, tuple[str, ...]] = {
    "series": ("created_at", "updated_at"),
    "sessions": ("created_at", "updated_at"),
    "checkins": ("created_at", "updated_at"),
    "measures": ("created_at", "updated_at"),
    "exercise_runs": ("created_at",),
    "after_effects": ("created_at", "updated_at"),
    "sleep_diary": ("created_at", "updated_at"),
    "substances": ("created_at", "updated_at"),
    "medication_changes": ("created_at", "updated_at"),
}


@dataclass
class DemoContext:
    rng: random.Random
    now: datetime
    years: int = 0
    tz: str = "Europe/London"
    # Set for a seeded demo: uids come from here (a stream apart from `rng`, so the
    # content is the same whether or not uids are repeatable). None: fresh uids.
    uid_rng: random.Random | None = None
    # Filled in by earlier steps for later ones (e.g. series/session ids).
    shared: dict[str, Any] = field(default_factory=dict)

    def new_uid(self) -> str:
        """A uid for a demo row: repeatable in a seeded demo, else fresh like the app's."""
        if self.uid_rng is None:
            return new_uid()
        return uuid.UUID(int=self.uid_rng.getrandbits(128), version=4).hex


def start_of_today(tz: str) -> datetime:
    """Midnight at the start of today in `tz`: a seeded demo's "now", so the time of day
    it is run at changes nothing (and nothing in it lies ahead of the real clock)."""
    here = zone(tz)
    return datetime.combine(now_local().astimezone(here).date(), time(0, 0), tzinfo=here)


def populate_demo(
    vault: Vault,
    *,
    seed: int | None = None,
    years: int = 0,
    now: datetime | None = None,
    tz: str = "Europe/London",
) -> DemoContext:
    """Fill an empty vault with sample data, all in one transaction.

    With a `seed` the journal depends only on the seed and the day: uids come from the
    seed, "now" defaults to the start of today and every row reads as written then.
    Without one: the DEFAULT_SEED journal with fresh uids, as of the wall clock.
    """
    if seed is None:
        ctx = DemoContext(
            rng=random.Random(DEFAULT_SEED), now=now or now_local(), years=years, tz=tz
        )
    else:
        ctx = DemoContext(
            rng=random.Random(seed),
            now=now or start_of_today(tz),
            years=years,
            tz=tz,
            uid_rng=random.Random(f"integrate demo uids {seed}"),
        )
    with transaction(vault.conn):
        for name in DEMO_STEPS:
            importlib.import_module(name).populate(vault, ctx)
        if seed is not None:
            _stamp_writes(vault, ctx.now)
    return ctx


def _stamp_writes(vault: Vault, at: datetime) -> None:
    """Date the repositories' wall-clock stamps to the demo's `now` (seconds apart from
    run to run otherwise), as if the whole journal were written at that moment."""
    stamp = to_iso(at)
    for table, columns in WRITE_STAMPS.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        vault.conn.execute(f"UPDATE {table} SET {assignments}", (stamp,) * len(columns))
