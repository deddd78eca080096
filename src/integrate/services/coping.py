"""Coping: the exercises the patient ran (with their ratings) and the safety plan."""

from __future__ import annotations

from integrate.vault.exercise_runs import ExerciseRunRepository
from integrate.vault.safety_plan import SafetyPlanRepository
from integrate.vault.vault import Vault


class CopingService:
    def __init__(self, vault: Vault) -> None:
        self.runs = ExerciseRunRepository(vault.conn)
        self.safety_plan = SafetyPlanRepository(vault.conn)
