"""Readers leave out stored rows they cannot read, note them, and lose nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository, JournalFilter, list_page
from integrate.vault.unreadable import collecting, sentence, skipped
from integrate.vault.vault import create_vault

TZ = ZoneInfo("Europe/Berlin")


def test_journal_pages_go_on_past_an_unreadable_entry(tmp_path: Path, fast_kdf: None) -> None:
    vault = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass 1 x").vault
    with vault:
        repo = EntryRepository(vault.conn)
        start = datetime(2024, 5, 1, 9, 0, tzinfo=TZ)
        for n in range(12):
            repo.add(Entry(body=f"entry {n}", created_at=start + timedelta(hours=n)))
        # Entries 5, 6 and 7 (newest first: the middle of the second page) get bad times.
        vault.conn.execute(
            "UPDATE entries SET created_at = '2024-05-01T1' || (id % 10) || ':00:00+02:00x' "
            "WHERE body IN ('entry 5', 'entry 6', 'entry 7')"
        )
        seen: list[str] = []
        after = None
        with collecting(vault.conn) as found:
            while True:
                page = list_page(vault.conn, JournalFilter(), limit=4, after=after)
                seen += [r.preview for r in page]
                if len(page) < 4:
                    break
                after = page[-1]
        assert seen == [f"entry {n}" for n in (11, 10, 9, 8, 4, 3, 2, 1, 0)]
        assert found.counts() == {"entries": 3}
        assert sentence(found) == (
            "3 stored records could not be read and were left out (3 journal entries)."
        )
        assert len(skipped(vault.conn).uids("entries")) == 3
