"""Questionnaires: administrations, their settings and the crisis screens shown."""

from __future__ import annotations

from integrate.vault.measures import MeasureRepository
from integrate.vault.vault import Vault


class MeasureService:
    def __init__(self, vault: Vault) -> None:
        self.repo = MeasureRepository(vault.conn)
