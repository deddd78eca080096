"""Sharing with the therapist: the summaries shared so far."""

from __future__ import annotations

from integrate.vault.shares import ShareRepository
from integrate.vault.vault import Vault


class SharingService:
    def __init__(self, vault: Vault) -> None:
        self.shares = ShareRepository(vault.conn)
