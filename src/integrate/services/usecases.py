"""All use cases of one open vault, for a screen or a command to call."""

from __future__ import annotations

from integrate.services.checkins import CheckinService
from integrate.services.coping import CopingService
from integrate.services.journal import JournalService
from integrate.services.measures import MeasureService
from integrate.services.sessions import SessionService
from integrate.services.sharing import SharingService
from integrate.services.tracking import TrackingService
from integrate.vault.unreadable import Skipped, skipped
from integrate.vault.vault import Vault


class UseCases:
    """Built once per unlocked vault; dropped with it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.journal = JournalService(vault)
        self.sessions = SessionService(vault)
        self.checkins = CheckinService(vault)
        self.measures = MeasureService(vault)
        self.coping = CopingService(vault)
        self.sharing = SharingService(vault)
        self.tracking = TrackingService(vault)

    def unreadable(self) -> Skipped:
        """Stored records readers had to leave out so far (kind and uid only, no text)."""
        return skipped(self.vault.conn)
