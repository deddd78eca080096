"""Reminder state in the vault's `reminders` table, and the reminder settings.

`VaultReminderStore` is the `ReminderStore` the app uses: snooze, skip and fired
marks survive closing the app, so a reminder fires once, not once per start.

Settings live in the vault (they name the patient's wording and habits):
- `reminders`: {"enabled": bool, "texts": {kind: text}, "last_run": ISO time}
- quiet hours are shared with the schedule: the `quiet_hours` field of the
  `schedule` setting (`ScheduleConfig.to_dict()` format, "22:00-08:00" or "off").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from integrate.core.model import CheckIn, CheckInState, Phase
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    ReminderItem,
    ReminderState,
    ReminderText,
    SensitiveTextError,
    reminder_items_from_measures,
)
from integrate.core.schedule import ScheduleConfig
from integrate.core.timeutil import from_iso, now_local, to_iso
from integrate.vault.db import Connection, transaction
from integrate.vault.vault import Vault

if TYPE_CHECKING:
    from integrate.vault.measures import MeasureRepository

REMINDERS_SETTING = "reminders"
SCHEDULE_SETTING = "schedule"
TEXT_FIELDS = ("checkin", "measure", "therapy_prep", "missed")


def _iso_or_none(moment: datetime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def _parse_or_none(text: str | None) -> datetime | None:
    return from_iso(text) if text else None


class VaultReminderStore:
    """`ReminderStore` over the `reminders` table (one row per item key)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, item_key: str) -> ReminderState | None:
        """The stored state of `item_key`, or None."""
        row = self.conn.execute(
            "SELECT item_key, snoozed_until, skipped, fired_at, due_at, updated_at "
            "FROM reminders WHERE item_key = ?",
            (item_key,),
        ).fetchone()
        if row is None:
            return None
        return ReminderState(
            item_key=row[0],
            snoozed_until=_parse_or_none(row[1]),
            skipped=bool(row[2]),
            fired_at=_parse_or_none(row[3]),
            due_at=_parse_or_none(row[4]),
            updated_at=_parse_or_none(row[5]),
        )

    def put(self, state: ReminderState) -> None:
        """Insert or replace the row for `state.item_key`."""
        updated = state.updated_at or now_local()
        self.conn.execute(
            "INSERT INTO reminders(item_key, snoozed_until, skipped, fired_at, due_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(item_key) DO UPDATE SET "
            "snoozed_until = excluded.snoozed_until, skipped = excluded.skipped, "
            "fired_at = excluded.fired_at, due_at = excluded.due_at, "
            "updated_at = excluded.updated_at",
            (
                state.item_key,
                _iso_or_none(state.snoozed_until),
                int(state.skipped),
                _iso_or_none(state.fired_at),
                _iso_or_none(state.due_at),
                to_iso(updated),
            ),
        )

    def delete(self, item_key: str) -> None:
        """Forget `item_key` (no error when absent)."""
        self.conn.execute("DELETE FROM reminders WHERE item_key = ?", (item_key,))

    def item_keys(self) -> list[str]:
        """Every stored key, sorted."""
        rows = self.conn.execute("SELECT item_key FROM reminders ORDER BY item_key").fetchall()
        return [str(r[0]) for r in rows]


def read_checkins(conn: Connection) -> list[CheckIn]:
    """Every stored check-in (key, phase, due time, state), oldest first.

    A small read of the `checkins` table for reminders and the calendar export;
    rows with a phase or state this version does not know are left out.
    """
    rows = conn.execute("SELECT id, uid, phase, due_at, state FROM checkins").fetchall()
    out = []
    for row_id, uid, phase, due_at, state in rows:
        try:
            out.append(
                CheckIn(
                    key=str(uid),
                    phase=Phase(phase),
                    due_at=from_iso(str(due_at)),
                    state=CheckInState(state),
                    id=int(row_id),
                )
            )
        except ValueError:
            continue
    # Sorted here, not in SQL: text order is wrong across different UTC offsets.
    return sorted(out, key=lambda c: (c.due_at, c.key))


# How far ahead questionnaire reminders look (one per family: due now, or next).
MEASURE_LOOKAHEAD_DAYS = 31


def load_measure_time(vault: Vault) -> time:
    """When questionnaire reminders come: the schedule's daytime check-in time."""
    raw = vault.get_setting(SCHEDULE_SETTING, {})
    if isinstance(raw, dict):
        try:
            return ScheduleConfig.from_dict(raw).day_time
        except (ValueError, TypeError):
            pass
    return ScheduleConfig().day_time


def read_measure_reminders(
    vault: Vault,
    today: date,
    tz: ZoneInfo,
    days: int = MEASURE_LOOKAHEAD_DAYS,
    repo: MeasureRepository | None = None,
) -> list[ReminderItem]:
    """Reminder items for the suggested questionnaires (`core.measures` cadence).

    Due ones and those coming due within `days`, one item per day they come due,
    at the schedule's daytime check-in time.
    """
    from integrate.core.dose_timing import after_dose_pause
    from integrate.core.dose_timing import quiet_hours as after_dose_hours
    from integrate.core.model import SessionKind
    from integrate.vault.measures import MeasureRepository  # loads the instruments
    from integrate.vault.sessions import SessionRepository

    due = (repo or MeasureRepository(vault.conn)).upcoming(today, days)
    items = reminder_items_from_measures(due, load_measure_time(vault), tz)
    # Not within a day of a dose (acute effects; issue 14): the nudge waits, as Today's
    # suggestions do.
    doses = [s.at for s in SessionRepository(vault.conn).list(kind=SessionKind.KETAMINE)]
    hours = after_dose_hours()
    return [replace(i, due_at=after_dose_pause(i.due_at, doses, hours)) for i in items]


@dataclass
class ReminderSettings:
    """What the Settings page edits: on/off, wording per kind, quiet hours."""

    enabled: bool = True
    texts: ReminderText = field(default_factory=ReminderText)
    quiet_hours: QuietHours = field(default_factory=QuietHours)


def _texts_from(raw: Any) -> ReminderText:
    defaults = ReminderText()
    if not isinstance(raw, dict):
        return defaults
    values = {}
    for name in TEXT_FIELDS:
        value = raw.get(name)
        values[name] = value if isinstance(value, str) else getattr(defaults, name)
    try:
        return ReminderText(**values)
    except SensitiveTextError:
        # A stored text that no longer passes (e.g. a newly banned word) falls back
        # to the defaults rather than being shown.
        return defaults


def load_reminder_settings(vault: Vault) -> ReminderSettings:
    """The reminder settings stored in `vault` (defaults where missing or unreadable)."""
    raw = vault.get_setting(REMINDERS_SETTING, {})
    raw = raw if isinstance(raw, dict) else {}
    return ReminderSettings(
        enabled=bool(raw.get("enabled", True)),
        texts=_texts_from(raw.get("texts")),
        quiet_hours=load_quiet_hours(vault),
    )


def load_quiet_hours(vault: Vault) -> QuietHours:
    """Quiet hours from the shared `schedule` setting (default 22:00-08:00)."""
    schedule = vault.get_setting(SCHEDULE_SETTING, {})
    if isinstance(schedule, dict) and "quiet_hours" in schedule:
        try:
            return QuietHours.parse(str(schedule["quiet_hours"]))
        except ValueError:
            pass
    return QuietHours()


def save_reminder_settings(vault: Vault, settings: ReminderSettings) -> None:
    """Store `settings`; quiet hours go into the shared `schedule` setting."""
    with transaction(vault.conn):
        raw = vault.get_setting(REMINDERS_SETTING, {})
        raw = dict(raw) if isinstance(raw, dict) else {}
        raw["enabled"] = settings.enabled
        raw["texts"] = {name: getattr(settings.texts, name) for name in TEXT_FIELDS}
        vault.set_setting(REMINDERS_SETTING, raw)
        schedule = vault.get_setting(SCHEDULE_SETTING, {})
        schedule = dict(schedule) if isinstance(schedule, dict) else {}
        schedule["quiet_hours"] = str(settings.quiet_hours)
        vault.set_setting(SCHEDULE_SETTING, schedule)


def load_last_run(vault: Vault) -> datetime | None:
    """When the app last ran with this vault unlocked (for the missed summary)."""
    raw = vault.get_setting(REMINDERS_SETTING, {})
    value = raw.get("last_run") if isinstance(raw, dict) else None
    if not isinstance(value, str):
        return None
    try:
        return from_iso(value)
    except ValueError:
        return None


def save_last_run(vault: Vault, moment: datetime) -> None:
    """Record `moment` as the last time the app ran (kept with the reminder settings)."""
    with transaction(vault.conn):
        raw = vault.get_setting(REMINDERS_SETTING, {})
        raw = dict(raw) if isinstance(raw, dict) else {}
        raw["last_run"] = to_iso(moment)
        vault.set_setting(REMINDERS_SETTING, raw)
