"""The journal's use cases: writing entries, listing and searching them, their links."""

from __future__ import annotations

from integrate.core.model import Entry
from integrate.vault.entries import (
    EntryLinks,
    EntryRepository,
    EntryRow,
    JournalFilter,
    SessionInfo,
    SessionWindows,
    count_matching,
    entry_links,
    list_page,
    matches_filter,
    session_infos,
)
from integrate.vault.vault import Vault


class JournalService:
    """Entries of one open vault. Reads go to the vault's connection at call time."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self.entries = EntryRepository(vault.conn)

    def links(self, entry: Entry) -> EntryLinks:
        """The session/check-in an entry belongs to and when it was shared."""
        return entry_links(self._vault.conn, entry)

    def session_infos(self) -> dict[int, SessionInfo]:
        return session_infos(self._vault.conn)

    def session_windows(self) -> SessionWindows:
        return SessionWindows(self._vault.conn)

    def matches(self, flt: JournalFilter, entry_id: int) -> bool:
        """Whether the entry is among what `page` lists for `flt`."""
        return matches_filter(self._vault.conn, flt, entry_id)

    def count(self, flt: JournalFilter) -> int:
        return count_matching(self._vault.conn, flt)

    def page(
        self,
        flt: JournalFilter,
        *,
        limit: int,
        offset: int,
        after: EntryRow | None,
        marks: tuple[str, str],
        windows: SessionWindows | None,
    ) -> list[EntryRow]:
        """One page of the journal list (keyset-paged unless searching)."""
        return list_page(
            self._vault.conn,
            flt,
            limit=limit,
            offset=offset,
            after=after,
            marks=marks,
            windows=windows,
        )
