"""Schema migrations: numbered, transactional, a backup first, every past version upgrades."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.measures import MeasureRepository
from integrate.vault.migrations import Migration
from integrate.vault.vault import UnlockOutcome, create_vault, unlock_with_passphrase

FIXTURES = Path(__file__).parent / "fixtures"
PASS = "migration passphrase"


def fixture_dirs() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("schema_v*") if p.is_dir())


def test_migrations_are_numbered_without_gaps() -> None:
    found = migrations.all_migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert len(found) == migrations.LATEST_VERSION


def test_there_is_a_fixture_for_every_released_schema_version() -> None:
    versions = {int(p.name.removeprefix("schema_v")) for p in fixture_dirs()}
    assert versions == set(range(1, migrations.LATEST_VERSION + 1))


@pytest.mark.parametrize("fixture", fixture_dirs(), ids=lambda p: p.name)
def test_fixture_vault_opens_and_upgrades(fixture: Path, tmp_path: Path) -> None:
    root = tmp_path / "v"
    shutil.copytree(fixture, root)
    passphrase = (root / "PASSPHRASE").read_text().strip()
    (root / "PASSPHRASE").unlink()
    old_version = int(fixture.name.removeprefix("schema_v"))
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        assert migrations.schema_version(vault.conn) == migrations.LATEST_VERSION
        assert vault.counts()["entries"] > 0
        assert vault.check().ok
    backups = (
        list((root / "backups").glob("pre-migration-*.db")) if (root / "backups").exists() else []
    )
    assert bool(backups) == (old_version < migrations.LATEST_VERSION)


def test_v2_vault_gets_crisis_screens_and_loses_stale_measure_series_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "v"
    shutil.copytree(FIXTURES / "schema_v2", root)
    passphrase = (root / "PASSPHRASE").read_text().strip()
    (root / "PASSPHRASE").unlink()
    # As the version 2 app left it: series links stored when each measure was saved.
    first_two = [m for m in migrations.all_migrations() if m.version <= 2]
    monkeypatch.setattr(migrations, "all_migrations", lambda: first_two)
    monkeypatch.setattr(migrations, "LATEST_VERSION", 2)
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        stored = "SELECT count(*) FROM measures WHERE series_id IS NOT NULL"
        assert vault.conn.execute(stored).fetchone()[0] > 0
    monkeypatch.undo()
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        conn = vault.conn
        assert conn.execute("SELECT count(*) FROM measures").fetchone()[0] > 0
        assert (
            conn.execute("SELECT count(*) FROM measures WHERE series_id IS NOT NULL").fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT count(*) FROM crisis_screens").fetchone()[0] == 0
        # Membership is still there, worked out from the dates.
        assert any(a.series_id is not None for a in MeasureRepository(conn).list())


def _with_extra(monkeypatch: pytest.MonkeyPatch, sql: str) -> None:
    real = migrations.all_migrations()
    extra = Migration(len(real) + 1, f"{len(real) + 1:04d}_test.sql", sql)
    monkeypatch.setattr(migrations, "all_migrations", lambda: [*real, extra])
    monkeypatch.setattr(migrations, "LATEST_VERSION", extra.version)


def test_upgrade_takes_encrypted_backup_first(tmp_path: Path, monkeypatch, fast_kdf) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS).vault.close()
    _with_extra(monkeypatch, "CREATE TABLE extra_test (x INTEGER);")
    result = unlock_with_passphrase(paths, PASS)
    assert result.ok and result.vault
    with result.vault as vault:
        assert migrations.schema_version(vault.conn) == migrations.LATEST_VERSION
    current = migrations.LATEST_VERSION - 1  # the version before the test migration
    backups = list(paths.backups.glob(f"pre-migration-v{current}-*.db"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")


def test_failing_migration_rolls_back_and_keeps_old_version(
    tmp_path: Path, monkeypatch, fast_kdf
) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS).vault.close()
    _with_extra(monkeypatch, "CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;")
    with pytest.raises(Exception, match="syntax"):
        unlock_with_passphrase(paths, PASS)
    monkeypatch.undo()
    result = unlock_with_passphrase(paths, PASS)
    assert result.ok and result.vault
    with result.vault as vault:
        assert migrations.schema_version(vault.conn) == migrations.LATEST_VERSION
        tables = {r[0] for r in vault.conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables


def test_newer_schema_is_refused(tmp_path: Path, fast_kdf) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    created.vault.conn.execute("PRAGMA user_version = 999")
    created.vault.close()
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.TOO_NEW and "newer version" in result.message


def test_v3_free_writing_gets_its_role_from_the_english_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Free writing used to be found by its (English) title; the migration stores a role."""
    root = tmp_path / "v"
    shutil.copytree(FIXTURES / "schema_v3", root)
    passphrase = (root / "PASSPHRASE").read_text().strip()
    (root / "PASSPHRASE").unlink()
    first_three = [m for m in migrations.all_migrations() if m.version <= 3]
    monkeypatch.setattr(migrations, "all_migrations", lambda: first_three)
    monkeypatch.setattr(migrations, "LATEST_VERSION", 3)
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        conn = vault.conn
        checkin_id, phase = conn.execute(
            "SELECT id, phase FROM checkins WHERE phase = 'day_1' LIMIT 1"
        ).fetchone()
        rows = [
            ("free-1", "Day 1 check-in", None, checkin_id),  # the box's free writing
            ("mine-1", "My own title", None, checkin_id),  # written in the journal, linked
            ("answer-1", "Body", "d1_body", checkin_id),  # an answer to a prompt
            ("loose-1", "Day 1 check-in", None, None),  # same words, no check-in
        ]
        for uid, title, prompt_id, cid in rows:
            conn.execute(
                "INSERT INTO entries(uid, title, body, prompt_id, checkin_id, created_at, "
                "updated_at) VALUES (?, ?, 'words', ?, ?, '2026-11-01T10:00:00+00:00', "
                "'2026-11-01T10:00:00+00:00')",
                (uid, title, prompt_id, cid),
            )
    monkeypatch.undo()
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        roles = dict(
            vault.conn.execute(
                "SELECT uid, role FROM entries WHERE uid IN ('free-1','mine-1','answer-1','loose-1')"
            ).fetchall()
        )
    assert roles == {"free-1": "checkin_free", "mine-1": None, "answer-1": None, "loose-1": None}


def test_v3_vault_index_is_rebuilt_with_stemming_and_keeps_diacritic_folding(
    tmp_path: Path,
) -> None:
    """Migration 0006 (issue 18): the old index is rebuilt with porter over unicode61, so
    an upgraded journal finds "friend" in an entry that says "friends"."""
    from integrate.vault.entries import EntryRepository

    root = tmp_path / "v"
    shutil.copytree(FIXTURES / "schema_v3", root)
    passphrase = (root / "PASSPHRASE").read_text().strip()
    (root / "PASSPHRASE").unlink()
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        conn = vault.conn
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()
        assert "porter unicode61 remove_diacritics 2" in sql[0]
        shoulders = {
            r[0] for r in conn.execute("SELECT id FROM entries WHERE body LIKE '%shoulders%'")
        }
        assert shoulders  # the fixture's words, indexed before the upgrade
        repo = EntryRepository(conn)
        assert shoulders <= {h.entry_id for h in repo.search("shoulder", limit=10_000)}
        assert repo.search("duck")  # "ducks" in the fixture
        # Writes after the upgrade go through the new triggers with diacritics folded.
        entry = repo.add(Entry(body="Un café avec mon frère", title="Café"))
        assert entry.id in {h.entry_id for h in repo.search("cafe frere")}
