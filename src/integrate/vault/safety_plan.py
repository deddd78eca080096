"""Storage for the patient's safety plan: one JSON document in the `safety_plan` table.

Crisis numbers the patient adds live *inside* the plan, in its `crisis_lines`
section, next to the prefilled lines of their country: one place to edit, one
document to print. `user_crisis_lines()` picks out the entries that are not
built-in lines, so "Need help now" can show them with the country's lines.
"""

from __future__ import annotations

from datetime import datetime

from integrate.core.crisis import (
    CrisisDirectory,
    CrisisLine,
    UserCrisisLine,
    normalise_number,
    validate_user_line,
)
from integrate.core.safety import SafetyPlan, prefill_crisis_lines
from integrate.core.timeutil import now_local, stored_time, to_iso
from integrate.vault.db import Connection
from integrate.vault.unreadable import READ_ERRORS


class SafetyPlanRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def exists(self) -> bool:
        return self.conn.execute("SELECT 1 FROM safety_plan WHERE id = 1").fetchone() is not None

    def load(self) -> SafetyPlan:
        """The stored plan, or an empty one. Raises SafetyPlanError if the JSON is unreadable
        (so an editor never overwrites it with an empty plan by accident)."""
        row = self.conn.execute("SELECT data FROM safety_plan WHERE id = 1").fetchone()
        return SafetyPlan.from_json(None if row is None else str(row[0]))

    def load_prefilled(self, directory: CrisisDirectory, country: str) -> SafetyPlan:
        """The stored plan; an empty crisis section is filled from the country's lines."""
        return prefill_crisis_lines(self.load(), directory.lines_for(country))

    def save(self, plan: SafetyPlan, at: datetime | None = None) -> None:
        """Store the plan (blank items dropped, text trimmed)."""
        self.conn.execute(
            "INSERT INTO safety_plan(id, data, updated_at) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (plan.cleaned().to_json(), to_iso(at or now_local())),
        )

    def updated_at(self) -> datetime | None:
        row = self.conn.execute("SELECT updated_at FROM safety_plan WHERE id = 1").fetchone()
        if row is None:
            return None
        try:
            return stored_time(row[0])
        except READ_ERRORS:  # an unreadable stamp: the plan itself is still shown
            return None


def user_crisis_lines(plan: SafetyPlan, builtin: list[CrisisLine]) -> list[UserCrisisLine]:
    """Crisis entries in the plan that are not among `builtin` lines and are valid.

    Pass the lines of every country so a prefilled line of another country is not
    mistaken for one the patient added.
    """
    known = {c.digits for line in builtin for c in line.contacts}
    found: list[UserCrisisLine] = []
    for contact in plan.crisis_lines:
        entry = UserCrisisLine(service=contact.name, number=contact.phone, notes=contact.note)
        if normalise_number(contact.phone) in known or validate_user_line(entry):
            continue
        found.append(entry)
    return found
