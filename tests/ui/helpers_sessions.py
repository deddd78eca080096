"""Shared steps for the sessions / Today / check-in GUI tests."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QMessageBox

from integrate.core.model import Route, Session
from integrate.core.quiet_hours import QuietHours
from integrate.core.schedule import ScheduleConfig
from integrate.core.timeutil import local_zone_name, now_local, zone
from integrate.ui.base.context import AppServices
from integrate.vault.checkins import save_schedule_config, sync

NO_QUIET = ScheduleConfig(quiet_hours=QuietHours(time(0, 0), time(0, 0)))


def no_quiet_hours(services: AppServices) -> None:
    """Tests must not depend on the hour they run at: no quiet-hour deferral."""
    save_schedule_config(services.vault, NO_QUIET)


def local_now() -> datetime:
    return now_local().astimezone(zone(local_zone_name()))


def add_session(
    services: AppServices, hours_ago: float = 3.0, at: datetime | None = None
) -> Session:
    """A done IV session `hours_ago` (or at `at`), stored and synced like the Sessions screen
    does."""
    if at is None:
        at = (local_now() - timedelta(hours=hours_ago)).replace(second=0, microsecond=0)
    session = services.sessions.add(Session(at=at, tz=local_zone_name(), route=Route.IV))
    sync(services.vault)
    services.notify("sessions")
    return session


def checkin_after(services: AppServices, hours_ago: float, phase: str) -> tuple[Session, str]:
    """A session `hours_ago` with quiet hours off, and the uid of its `phase` check-in."""
    no_quiet_hours(services)
    session = add_session(services, hours_ago=hours_ago)
    return session, f"{session.uid}:{phase}"


def fill_when(form: object, moment: datetime) -> None:
    form.date.setDate(QDate(moment.year, moment.month, moment.day))  # type: ignore[attr-defined]
    form.time.setTime(QTime(moment.hour, moment.minute))  # type: ignore[attr-defined]


def answer_message_boxes(monkeypatch: object, role: QMessageBox.ButtonRole) -> list[str]:
    """Make QMessageBox.exec click the button with `role` instead of blocking.

    Returns the list the texts of asked questions are appended to.
    """
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        for b in box.buttons():
            if box.buttonRole(b) == role:
                b.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)  # type: ignore[attr-defined]
    return asked
