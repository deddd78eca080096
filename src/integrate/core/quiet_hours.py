"""Quiet hours: a nightly span in local time when nothing is due or announced.

Shared by the integration schedule and the reminder service so both move a due
time the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_wall_time(day: datetime, at: time, tz: ZoneInfo) -> datetime:
    """The aware datetime for wall-clock `at` on `day`'s date in `tz`.

    A wall time skipped by a spring-forward change is moved forward by the gap
    (02:30 becomes 03:30); an ambiguous fall-back time takes its first occurrence.
    """
    naive = datetime.combine(day.date(), at)
    candidate = naive.replace(tzinfo=tz, fold=0)
    # Round-trip through UTC: a non-existent wall time does not survive it.
    roundtrip = candidate.astimezone(ZoneInfo("UTC")).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != naive:
        gap = candidate.replace(fold=1).utcoffset() or timedelta()
        before = candidate.replace(fold=0).utcoffset() or timedelta()
        shifted = naive + abs(before - gap)
        return shifted.replace(tzinfo=tz)
    return candidate


@dataclass(frozen=True)
class QuietHours:
    """A span such as 22:00-08:00 (may wrap midnight). start == end means none."""

    start: time = time(22, 0)
    end: time = time(8, 0)

    @property
    def enabled(self) -> bool:
        return self.start != self.end

    def contains(self, moment: datetime, tz: ZoneInfo) -> bool:
        """Whether `moment` falls inside quiet hours in local time."""
        if not self.enabled:
            return False
        wall = moment.astimezone(tz).time()
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def defer(self, moment: datetime, tz: ZoneInfo) -> datetime:
        """Move `moment` to the end of quiet hours if it falls inside them."""
        if not self.contains(moment, tz):
            return moment
        local = moment.astimezone(tz)
        end_today = local_wall_time(local, self.end, tz)
        if end_today > local:
            return end_today
        return local_wall_time(local + timedelta(days=1), self.end, tz)

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Parse "22:00-08:00" (or "off")."""
        if text.strip().lower() in {"off", "none", ""}:
            return cls(time(0, 0), time(0, 0))
        try:
            start_s, end_s = text.split("-")
            return cls(time.fromisoformat(start_s.strip()), time.fromisoformat(end_s.strip()))
        except ValueError as exc:
            raise ValueError(f"Quiet hours must look like 22:00-08:00, not {text!r}") from exc

    def __str__(self) -> str:
        if not self.enabled:
            return "off"
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
