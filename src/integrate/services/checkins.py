"""Check-ins and what reminders read of them."""

from __future__ import annotations

from integrate.core.model import CheckIn
from integrate.vault.checkins import CheckinRepository
from integrate.vault.reminder_store import VaultReminderStore, read_checkins
from integrate.vault.vault import Vault


class CheckinService:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self.repo = CheckinRepository(vault.conn)

    def for_reminders(self) -> list[CheckIn]:
        """Every stored check-in (key, phase, due time, state), oldest first."""
        return read_checkins(self._vault.conn)

    def reminder_store(self) -> VaultReminderStore:
        """Where reminders keep what was shown, snoozed or skipped."""
        return VaultReminderStore(self._vault.conn)
