"""Journal text never reaches the disk in plaintext: not in the database, its WAL/SHM,
the key slots, any other file in the data folder, nor the temp folder - while the
vault is open and after it closes. The standard sqlite3 cannot read the file."""

from __future__ import annotations

import os
import secrets
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository, JournalFilter, list_page
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "pass phrase for the canary"
MAX_SCAN_BYTES = 256 * 1024 * 1024


def _needles(canary: str) -> list[bytes]:
    # FTS5 stores lower-cased tokens; also look for UTF-16 in case anything writes it.
    forms = {canary, canary.lower(), canary.upper()}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def _files_under(root: Path, since: float | None) -> list[Path]:
    """Regular files under `root` (only those changed after `since`, if given)."""
    found: list[Path] = []
    for folder, _dirs, names in os.walk(root, onerror=lambda _e: None):
        for name in names:
            path = Path(folder) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            if not path.is_file() or path.is_symlink() or st.st_size > MAX_SCAN_BYTES:
                continue
            if since is None or st.st_mtime >= since:
                found.append(path)
    return found


def _leaks(roots: list[tuple[Path, float | None]], needles: list[bytes]) -> list[str]:
    hits: list[str] = []
    for root, since in roots:
        for path in _files_under(root, since):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(n in data for n in needles):
                hits.append(str(path))
    return hits


def test_canary_never_on_disk_in_plaintext(tmp_path: Path, fast_kdf: None) -> None:
    start = time.time() - 1
    canary_text = "Zq" + secrets.token_hex(8) + "body"
    canary_title = "Zq" + secrets.token_hex(8) + "title"
    canary_tag = "Zq" + secrets.token_hex(8) + "tag"
    needles = [n for c in (canary_text, canary_title, canary_tag) for n in _needles(c)]
    paths = VaultPaths(tmp_path / "data")
    # The data folder whole; the shared temp folder: whatever changed during this test.
    roots: list[tuple[Path, float | None]] = [
        (tmp_path, None),
        (Path(tempfile.gettempdir()), start),
    ]

    created = create_vault(paths, keystore=None, passphrase=PASS)
    repo = EntryRepository(created.vault.conn)
    entry = repo.add(
        Entry(
            body=f"Something private: {canary_text} and more words.",
            title=f"About {canary_title}",
            tags=[canary_tag],
        )
    )
    assert entry.id is not None
    for i in range(50):  # autosave-like updates, so the WAL holds many versions
        repo.save_text(
            entry.id,
            f"About {canary_title}",
            f"Something private: {canary_text} and more words {i}.",
        )
    # A search and a big sort exercise FTS and temp storage.
    assert repo.search(canary_text)
    assert list_page(created.vault.conn, JournalFilter(query=canary_tag), limit=10)
    extra = repo.add(Entry(body=canary_text * 50, title=canary_title))
    assert extra.id is not None
    repo.delete(extra.id)

    assert paths.db.exists()
    wal = paths.db.with_name(paths.db.name + "-wal")
    shm = paths.db.with_name(paths.db.name + "-shm")
    assert wal.exists() and wal.stat().st_size > 0, "WAL mode: the test must see a WAL file"
    assert shm.exists()
    assert _leaks(roots, needles) == []  # while open

    created.vault.close()
    assert _leaks(roots, needles) == []  # after close (checkpointed into vault.db)
    for name in ("vault.db", "keyslots.json"):
        data = (paths.root / name).read_bytes()
        assert not any(n in data for n in needles), name

    # The standard library's sqlite3 sees noise, not a database.
    plain = sqlite3.connect(paths.db)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    plain.close()

    # And the text is really there for the right key (the scan looked for the right thing).
    reopened = unlock_with_passphrase(paths, PASS)
    assert reopened.ok and reopened.vault is not None
    with reopened.vault as vault:
        got = EntryRepository(vault.conn).get(entry.id)
        assert got is not None and canary_text in got.body and got.tags == [canary_tag]
    assert _leaks(roots, needles) == []


def test_the_scan_finds_a_planted_canary(tmp_path: Path) -> None:
    canary = "Zq" + secrets.token_hex(8)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "plain.txt").write_text(f"x {canary.lower()} y", encoding="utf-8")
    assert _leaks([(tmp_path, None)], _needles(canary)) == [str(tmp_path / "sub" / "plain.txt")]
