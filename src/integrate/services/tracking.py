"""What KAP treatment needs tracked: after-effects, sleep, substances, medication changes.

Each write is one transaction; the ranges are checked by core.tracking (FieldError names
the field, nothing is stored).
"""

from __future__ import annotations

from integrate.core.tracking import AfterEffects, MedicationEvent, SleepEntry, SubstanceUse
from integrate.vault.db import transaction
from integrate.vault.tracking import TrackingRepository
from integrate.vault.vault import Vault


class TrackingService:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self.repo = TrackingRepository(vault.conn)

    def save_effects(self, effects: AfterEffects) -> AfterEffects:
        with transaction(self._vault.conn):
            return self.repo.save_effects(effects)

    def delete_effects(self, effects_id: int) -> None:
        with transaction(self._vault.conn):
            self.repo.delete_effects(effects_id)

    def save_sleep(self, entry: SleepEntry) -> tuple[SleepEntry, bool]:
        """Save one night (a night already stored for that day is updated); True if new."""
        with transaction(self._vault.conn):
            return self.repo.save_sleep(entry)

    def delete_sleep(self, entry_id: int) -> None:
        with transaction(self._vault.conn):
            self.repo.delete_sleep(entry_id)

    def save_substance(self, use: SubstanceUse) -> SubstanceUse:
        with transaction(self._vault.conn):
            return self.repo.save_substance(use)

    def delete_substance(self, use_id: int) -> None:
        with transaction(self._vault.conn):
            self.repo.delete_substance(use_id)

    def save_medication(self, event: MedicationEvent) -> MedicationEvent:
        with transaction(self._vault.conn):
            return self.repo.save_medication(event)

    def delete_medication(self, event_id: int) -> None:
        with transaction(self._vault.conn):
            self.repo.delete_medication(event_id)
