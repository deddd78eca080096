"""When to offer support after a high distress rating: thresholds from resources/.

`resources/distress_followup.toml` holds the thresholds and the wording, so a
clinician can change them without touching code. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from integrate.resources import ResourceError, load_toml

SUDS_MAX = 10


@dataclass(frozen=True)
class FollowUpRules:
    checkin_distress_at_least: int
    exercise_end_at_least: int
    exercise_only_if_not_lower: bool
    title: str
    text: str

    def after_checkin(self, distress: int | None) -> bool:
        """A check-in's distress rating calls for the offer."""
        return distress is not None and distress >= self.checkin_distress_at_least

    def after_exercise(self, before: int | None, after: int | None) -> bool:
        """An exercise ended high and (if the rule says so) not lower than it started.

        Without a before rating nothing says it came down, so a high end is enough.
        """
        if after is None or after < self.exercise_end_at_least:
            return False
        if self.exercise_only_if_not_lower and before is not None:
            return after >= before
        return True


def parse_rules(data: Mapping[str, Any]) -> FollowUpRules:
    """Validate the file's content (ResourceError naming the bad field)."""
    if data.get("schema") != 1:
        raise ResourceError("distress_followup.toml: unsupported schema")

    def level(key: str) -> int:
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= SUDS_MAX:
            raise ResourceError(f"distress_followup.toml: {key} must be a whole number 0-10")
        return value

    def text(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ResourceError(f"distress_followup.toml: {key} must be non-empty text")
        if "monitor" in value.lower() or "watch" in value.lower():
            # Nothing may suggest that someone sees the rating.
            raise ResourceError(f"distress_followup.toml: {key} must not suggest monitoring")
        return value.strip()

    flag = data.get("exercise_only_if_not_lower", True)
    if not isinstance(flag, bool):
        raise ResourceError("distress_followup.toml: exercise_only_if_not_lower must be true/false")
    return FollowUpRules(
        checkin_distress_at_least=level("checkin_distress_at_least"),
        exercise_end_at_least=level("exercise_end_at_least"),
        exercise_only_if_not_lower=flag,
        title=text("title"),
        text=text("text"),
    )


def load_rules() -> FollowUpRules:
    """The shipped rules."""
    return parse_rules(load_toml("distress_followup.toml"))
