"""Sample data for `integrate demo`: a plausible journal for trying the app and for screenshots.

Each area contributes a module with `populate(vault, ctx)`; DEMO_STEPS lists them in
order (sessions before the check-ins and measures that refer to them).
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from integrate.core.timeutil import now_local
from integrate.vault.db import transaction
from integrate.vault.vault import Vault

DEMO_STEPS = [
    "integrate.demo.history",
    "integrate.demo.journal",
    "integrate.demo.checkins",
    "integrate.demo.measures",
    "integrate.demo.exercises",
]


@dataclass
class DemoContext:
    rng: random.Random
    now: datetime
    years: int = 0
    tz: str = "Europe/London"
    # Filled in by earlier steps for later ones (e.g. series/session ids).
    shared: dict[str, Any] = field(default_factory=dict)


def populate_demo(
    vault: Vault,
    *,
    seed: int = 7,
    years: int = 0,
    now: datetime | None = None,
    tz: str = "Europe/London",
) -> DemoContext:
    """Fill an empty vault with sample data, all in one transaction."""
    ctx = DemoContext(rng=random.Random(seed), now=now or now_local(), years=years, tz=tz)
    with transaction(vault.conn):
        for name in DEMO_STEPS:
            importlib.import_module(name).populate(vault, ctx)
    return ctx
