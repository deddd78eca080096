"""`integrate demo` fills the grounding toolkit: exercise runs and a complete safety plan."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from integrate.core.exercises import exercises_by_id, load_exercises
from integrate.core.safety import SECTIONS
from integrate.core.timeutil import zone
from integrate.core.what_helps import PickReason, summarise_runs, top_picks
from integrate.demo import populate_demo
from integrate.paths import VaultPaths
from integrate.vault.exercise_runs import ExerciseRunRepository
from integrate.vault.safety_plan import SafetyPlanRepository
from integrate.vault.vault import create_vault

NOW = datetime(2030, 3, 4, 18, 0, tzinfo=zone("Europe/London"))


def test_demo_has_exercise_runs_and_a_filled_safety_plan(tmp_path: Path, fast_kdf) -> None:
    vault = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="demo pass").vault
    try:
        populate_demo(vault, now=NOW)
        runs = ExerciseRunRepository(vault.conn).list_runs()
        known = exercises_by_id(load_exercises())
        assert 20 <= len(runs) <= 30
        assert all(r.exercise_id in known for r in runs)
        assert all(r.variant in {v.id for v in known[r.exercise_id].variants} for r in runs)
        assert len({r.exercise_id for r in runs}) >= 5
        assert any(not r.finished for r in runs) and sum(r.finished for r in runs) > len(runs) / 2
        rated = [r for r in runs if r.suds_before is not None and r.suds_after is not None]
        assert len(rated) >= len(runs) * 3 // 4
        assert all(r.started_at <= NOW and r.duration_s > 0 for r in runs)
        # "What helps me" and "Need help now" have the patient's own data to show.
        picks = top_picks(summarise_runs(runs), list(known.values()), n=1)
        assert picks and picks[0].reason is PickReason.OWN_DATA

        plan = SafetyPlanRepository(vault.conn).load()
        for info in SECTIONS:
            assert getattr(plan, info.key), f"demo plan section {info.key} is empty"
        # The country's real lines are prefilled; every personal number is a fictional 555 one.
        crisis = {c.phone for c in plan.crisis_lines}
        assert "116 123" in crisis  # the demo lives in Europe/London
        personal = [c.phone for c in plan.people_places + plan.professionals if c.phone]
        assert personal and all(re.fullmatch(r"555-01\d\d", p) for p in personal)
    finally:
        vault.close()
