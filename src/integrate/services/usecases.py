"""All use cases of one open vault, for a screen or a command to call.

Each group is built the first time it is asked for: start-up pays only for what Today
needs (the journal, sessions, check-ins and questionnaires), not for exercises,
sharing or tracking.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cached_property
from typing import TYPE_CHECKING

from integrate.vault.vault import Vault

if TYPE_CHECKING:
    from integrate.services.checkins import CheckinService
    from integrate.services.coping import CopingService
    from integrate.services.journal import JournalService
    from integrate.services.measures import MeasureService
    from integrate.services.sessions import SessionService
    from integrate.services.sharing import SharingService
    from integrate.services.tracking import TrackingService
    from integrate.vault.unreadable import Skipped


class UseCases:
    """Built once per unlocked vault; dropped with it."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    @cached_property
    def journal(self) -> JournalService:
        from integrate.services.journal import JournalService

        return JournalService(self.vault)

    @cached_property
    def sessions(self) -> SessionService:
        from integrate.services.sessions import SessionService

        return SessionService(self.vault)

    @cached_property
    def checkins(self) -> CheckinService:
        from integrate.services.checkins import CheckinService

        return CheckinService(self.vault)

    @cached_property
    def measures(self) -> MeasureService:
        from integrate.services.measures import MeasureService

        return MeasureService(self.vault)

    @cached_property
    def coping(self) -> CopingService:
        from integrate.services.coping import CopingService

        return CopingService(self.vault)

    @cached_property
    def sharing(self) -> SharingService:
        from integrate.services.sharing import SharingService

        return SharingService(self.vault)

    @cached_property
    def tracking(self) -> TrackingService:
        from integrate.services.tracking import TrackingService

        return TrackingService(self.vault)

    def unreadable(self) -> Skipped:
        """Stored records readers had to leave out so far (kind and uid only, no text)."""
        from integrate.vault.unreadable import skipped

        return skipped(self.vault.conn)

    def note_unreadable(self, kind: str, uid: object) -> None:
        """Count one stored record a reader had to leave out (kind and uid, no text)."""
        from integrate.vault.unreadable import note

        note(self.vault.conn, kind, uid)

    def collecting_unreadable(self) -> AbstractContextManager[Skipped]:
        """Count, within the block, the records readers leave out (see vault.unreadable)."""
        from integrate.vault.unreadable import collecting

        return collecting(self.vault.conn)

    def forget_unreadable(self) -> None:
        """Start counting left-out records afresh (after they were reported)."""
        from integrate.vault.unreadable import forget

        forget(self.vault.conn)
