"""Session use cases: every change and its check-in schedule commit together, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import Session
from integrate.core.schedule import ScheduleConfig
from integrate.paths import VaultPaths
from integrate.services.sessions import SessionService
from integrate.services.usecases import UseCases
from integrate.vault.checkins import load_schedule_config
from integrate.vault.vault import Vault, create_vault

TZ = "Europe/Berlin"


@pytest.fixture
def vault(tmp_path: Path, fast_kdf: None) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase")
    yield created.vault
    created.vault.close()


def _session(hour: int = 10) -> Session:
    return Session(at=datetime(2024, 5, 6, hour, 0, tzinfo=ZoneInfo(TZ)), tz=TZ)


def test_log_makes_the_series_and_schedules_check_ins(vault: Vault) -> None:
    use = UseCases(vault)
    logged = use.sessions.log(_session(), "Initial series")
    assert logged.series is not None and logged.session.series_id == logged.series.id
    assert logged.checkins == len(use.checkins.repo.query(session_id=logged.session.id))
    assert logged.checkins > 0
    again = use.sessions.log(_session(hour=15), "Initial series")  # the same series, not a new one
    assert again.series is not None and again.series.id == logged.series.id


def test_delete_takes_its_open_check_ins(vault: Vault) -> None:
    use = UseCases(vault)
    logged = use.sessions.log(_session())
    assert logged.session.id is not None
    use.sessions.delete(logged.session.id)
    assert use.sessions.repo.get(logged.session.id) is None
    assert use.checkins.repo.query(session_id=logged.session.id) == []


def test_a_refused_schedule_change_stores_nothing(vault: Vault) -> None:
    service = SessionService(vault)
    before = load_schedule_config(vault)

    def refuse(_config: ScheduleConfig) -> ScheduleConfig:
        raise ValueError("the day-1 time is not a time")

    with pytest.raises(ValueError):
        service.change_schedule(refuse)
    assert load_schedule_config(vault) == before
    assert not vault.conn.in_transaction
