"""Sessions, series and the check-in schedule: every change re-syncs the schedule in the
same transaction, so the screens and the command line can never leave them apart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrate.core.model import Series, Session
from integrate.core.schedule import ScheduleConfig
from integrate.vault.checkins import (
    CheckinRepository,
    load_schedule_config,
    save_schedule_config,
    sync,
)
from integrate.vault.db import transaction
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault


@dataclass(frozen=True)
class LoggedSession:
    session: Session
    series: Series | None
    checkins: int  # check-ins scheduled for it


@dataclass(frozen=True)
class ScheduleChange:
    before: ScheduleConfig  # what to go back to (Undo)
    after: ScheduleConfig


class SessionService:
    """Use cases over sessions and series of one open vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self.repo = SessionRepository(vault.conn)

    def save(self, session: Session) -> Session:
        """Add (no id yet) or update a session and bring its check-ins in line."""
        with transaction(self._vault.conn):
            if session.id is None:
                self.repo.add(session)
            else:
                self.repo.update(session)
            sync(self._vault)
        return session

    def log(self, session: Session, series_name: str | None = None) -> LoggedSession:
        """Add a session, in the named series (made if new); its check-ins are scheduled."""
        series: Series | None = None
        with transaction(self._vault.conn):
            if series_name:
                series = self.repo.find_series(series_name)
                if series is None:
                    series = self.repo.add_series(Series(series_name, session.at.date()))
                session.series_id = series.id
            self.repo.add(session)
            sync(self._vault)
        count = len(CheckinRepository(self._vault.conn).query(session_id=session.id))
        return LoggedSession(session, series, count)

    def delete(self, session_id: int) -> None:
        """Delete a session; its open check-ins go with it (entries stay)."""
        with transaction(self._vault.conn):
            self.repo.delete(session_id)
            sync(self._vault)

    def save_series(self, series: Series) -> Series:
        with transaction(self._vault.conn):
            if series.id is None:
                self.repo.add_series(series)
            else:
                self.repo.update_series(series)
            sync(self._vault)
        return series

    def delete_series(self, series_id: int) -> None:
        """Delete a series; its sessions stay, outside any series."""
        with transaction(self._vault.conn):
            self.repo.delete_series(series_id)
            sync(self._vault)

    def change_schedule(
        self, change: Callable[[ScheduleConfig], ScheduleConfig]
    ) -> ScheduleChange | None:
        """Store `change(stored settings)` and re-sync, in one transaction; None when the
        change leaves the settings as they were (nothing is stored then).

        The stored settings are read inside the transaction (quiet hours may have been
        saved elsewhere since the caller showed them). ValueError: refused, nothing stored.
        """
        with transaction(self._vault.conn):
            before = load_schedule_config(self._vault)
            config = change(before)
            if config == before:
                return None
            save_schedule_config(self._vault, config)
            sync(self._vault)
        return ScheduleChange(before, config)
