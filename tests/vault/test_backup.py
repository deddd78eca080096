"""Encrypted backups: round trip without a keyring, no plaintext, wrong passphrase is harmless."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.backup import (
    AutoBackupConfig,
    BackupError,
    BackupUnreadable,
    auto_config,
    backups_to_keep,
    dismiss_reminder,
    inspect_backup,
    needs_reminder,
    record_backup,
    replace_vault_contents,
    restore_to_new_vault,
    run_automatic_backup,
    set_auto_config,
    write_backup,
)
from integrate.vault.entries import EntryRepository
from integrate.vault.keystore import Keystore
from integrate.vault.vault import create_vault, unlock_with_passphrase

CANARY = "zebra-canary-4417"
BACKUP_PASS = "backup pass 123"


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def vault_with_canary(tmp_path: Path, fast_kdf: None):  # noqa: ANN201
    created = create_vault(VaultPaths(tmp_path / "src"), keystore=None, passphrase="vault pass 1")
    EntryRepository(created.vault.conn).add(
        Entry(title="A day", body=f"It was {CANARY}.", tags=["calm"])
    )
    yield created.vault
    created.vault.close()


def test_round_trip_on_clean_data_dir_with_backup_passphrase_only(
    vault_with_canary, tmp_path: Path, no_keyring: None
) -> None:
    target = tmp_path / "out" / "b.ibackup"
    target.parent.mkdir()
    write_backup(vault_with_canary, target, BACKUP_PASS)
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["b.ibackup"]  # no temp left over
    raw = target.read_bytes()
    assert CANARY.encode() not in raw and b"A day" not in raw and b"calm" not in raw

    info = inspect_backup(target, BACKUP_PASS)
    assert info.counts["entries"] == 1 and info.counts["tags"] == 1
    assert (
        info.schema_version == migrations.LATEST_VERSION
        and info.first is not None
        and info.created_at is not None
    )

    clean = VaultPaths(tmp_path / "clean")
    result = restore_to_new_vault(
        target, BACKUP_PASS, clean, keystore=Keystore(), vault_passphrase=BACKUP_PASS
    )
    assert result.created is not None and result.recovery_code
    vault = result.created.vault
    assert vault.slots.keyring is None  # no keyring here: the passphrase protects it
    assert vault.id != vault_with_canary.id  # a new vault with a new key
    hits = EntryRepository(vault.conn).search(CANARY.split("-")[0])
    assert [h.title for h in hits] == ["A day"]
    vault.close()
    reopened = unlock_with_passphrase(clean, BACKUP_PASS)
    assert reopened.ok and reopened.vault is not None
    assert reopened.vault.counts()["entries"] == 1
    reopened.vault.close()


def test_restore_keeps_the_record_of_crisis_screens(
    vault_with_canary, tmp_path: Path, no_keyring: None
) -> None:
    from integrate.vault.measures import MeasureRepository

    shown = MeasureRepository(vault_with_canary.conn).record_crisis_screen(
        "phq9", datetime(2025, 3, 12, 9, tzinfo=UTC)
    )
    target = tmp_path / "b.ibackup"
    write_backup(vault_with_canary, target, BACKUP_PASS)
    result = restore_to_new_vault(
        target,
        BACKUP_PASS,
        VaultPaths(tmp_path / "clean"),
        keystore=None,
        vault_passphrase="x" * 10,
    )
    assert result.created is not None
    with result.created.vault as vault:
        assert [c.uid for c in MeasureRepository(vault.conn).crisis_screens()] == [shown.uid]


def test_backup_from_before_an_update_is_migrated_on_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    # A backup written by the version before schema 3, from the real schema 2 fixture.
    import shutil

    from integrate.vault.measures import MeasureRepository

    fixture = Path(__file__).parent / "fixtures" / "schema_v2"
    old_root = tmp_path / "old"
    shutil.copytree(fixture, old_root)
    passphrase = (old_root / "PASSPHRASE").read_text().strip()
    first_two = [m for m in migrations.all_migrations() if m.version <= 2]
    monkeypatch.setattr(migrations, "all_migrations", lambda: first_two)
    monkeypatch.setattr(migrations, "LATEST_VERSION", 2)
    opened = unlock_with_passphrase(VaultPaths(old_root), passphrase)
    assert opened.vault is not None
    with opened.vault as old:
        counts = old.counts()
        target = tmp_path / "b.ibackup"
        write_backup(old, target, BACKUP_PASS)
    monkeypatch.undo()
    before = target.read_bytes()
    assert inspect_backup(target, BACKUP_PASS).schema_version == 2

    clean = VaultPaths(tmp_path / "clean")
    result = restore_to_new_vault(
        target, BACKUP_PASS, clean, keystore=None, vault_passphrase="vault pass 1"
    )
    assert result.created is not None
    with result.created.vault as vault:
        assert migrations.schema_version(vault.conn) == migrations.LATEST_VERSION
        assert vault.counts() == counts
        assert MeasureRepository(vault.conn).crisis_screens() == []  # schema 3's table
        stale = "SELECT count(*) FROM measures WHERE series_id IS NOT NULL"
        assert vault.conn.execute(stale).fetchone()[0] == 0  # and its clean-up
        assert vault.check().ok
    assert target.read_bytes() == before  # the backup itself is never changed
    assert not [p.name for p in clean.root.iterdir() if p.name.startswith(".restore-")]


def test_wrong_passphrase_or_garbage_changes_nothing(vault_with_canary, tmp_path: Path) -> None:
    target = tmp_path / "b.ibackup"
    write_backup(vault_with_canary, target, BACKUP_PASS)
    garbage = tmp_path / "garbage.ibackup"
    garbage.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    root = vault_with_canary.paths.root
    before_vault, before_all = _hashes(root), _hashes(tmp_path)
    for source in (target, garbage):
        with pytest.raises(BackupUnreadable):
            inspect_backup(source, "not the password")
        with pytest.raises(BackupUnreadable):
            replace_vault_contents(vault_with_canary, source, "not the password")
        with pytest.raises(BackupUnreadable):
            restore_to_new_vault(
                source,
                "not the password",
                VaultPaths(tmp_path / "new"),
                keystore=None,
                vault_passphrase="whatever pass",
            )
    assert not (tmp_path / "new" / "vault.db").exists()
    assert not (root / "backups").exists()  # no safety copy was even needed
    assert _hashes(root) == before_vault
    assert _hashes(tmp_path) == before_all


def test_damaged_backup_is_refused(vault_with_canary, tmp_path: Path) -> None:
    target = tmp_path / "b.ibackup"
    write_backup(vault_with_canary, target, BACKUP_PASS)
    data = bytearray(target.read_bytes())
    data[5000] ^= 0xFF  # inside page 2
    target.write_bytes(bytes(data))
    with pytest.raises(BackupUnreadable, match="damaged"):
        inspect_backup(target, BACKUP_PASS)


def test_replace_saves_a_copy_first(vault_with_canary, tmp_path: Path) -> None:
    target = tmp_path / "b.ibackup"
    write_backup(vault_with_canary, target, BACKUP_PASS)
    repo = EntryRepository(vault_with_canary.conn)
    repo.add(Entry(title="later", body="written after the backup"))
    assert vault_with_canary.counts()["entries"] == 2
    result = replace_vault_contents(vault_with_canary, target, BACKUP_PASS)
    assert vault_with_canary.counts()["entries"] == 1
    assert [e.title for e in repo.list_recent()] == ["A day"]
    assert result.safety_copy is not None and result.safety_copy.is_file()
    assert result.safety_copy.parent == vault_with_canary.paths.backups
    # The safety copy is under the vault key and still holds the newer entry.
    import sqlcipher3

    conn = sqlcipher3.connect(str(result.safety_copy))
    conn.execute(f"PRAGMA key = {vault_with_canary.key.sqlcipher_pragma_value()}")
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    conn.close()


def test_short_backup_passphrase_refused(vault_with_canary, tmp_path: Path) -> None:
    with pytest.raises(BackupError):
        write_backup(vault_with_canary, tmp_path / "b.ibackup", "short")
    assert not list(tmp_path.glob("*.ibackup"))


def test_rotation_keeps_7_daily_and_4_weekly() -> None:
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(60)]
    keep = backups_to_keep(days)
    newest = sorted(days)[-7:]
    assert set(newest) <= keep
    older = sorted(keep - set(newest))
    assert len(older) == 4
    weeks = {d.isocalendar()[:2] for d in older}
    assert len(weeks) == 4
    assert not weeks & {d.isocalendar()[:2] for d in newest}
    assert backups_to_keep([]) == set()


def test_automatic_backup_runs_once_a_day_and_prunes(vault_with_canary, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    assert run_automatic_backup(vault_with_canary) is None  # off until chosen
    set_auto_config(vault_with_canary, AutoBackupConfig(folder, BACKUP_PASS))
    start = datetime(2024, 3, 1, 12, tzinfo=UTC)
    for i in range(40):
        now = start + timedelta(days=i)
        assert run_automatic_backup(vault_with_canary, now) is not None
        assert run_automatic_backup(vault_with_canary, now) is None  # already done today
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 11
    assert all(n.startswith("integrate-2024-") and n.endswith(".ibackup") for n in names)
    assert inspect_backup(folder / names[-1], BACKUP_PASS).counts["entries"] == 1


def test_reminder_after_a_week(vault_with_canary) -> None:
    vault = vault_with_canary
    now = datetime.now(UTC)
    assert not needs_reminder(vault, now)  # a brand-new journal
    # Never backed up and never set up: no nagging, however long it has been.
    assert not needs_reminder(vault, now + timedelta(days=80))
    record_backup(vault, now)
    assert not needs_reminder(vault, now + timedelta(days=6))
    assert needs_reminder(vault, now + timedelta(days=8))
    # "Not now" quiets it for a week, then it comes back while no backup is made.
    dismiss_reminder(vault, now + timedelta(days=8))
    assert not needs_reminder(vault, now + timedelta(days=14))
    assert needs_reminder(vault, now + timedelta(days=16))
    record_backup(vault, now + timedelta(days=16))
    assert not needs_reminder(vault, now + timedelta(days=17))


def test_reminder_for_automatic_backups_that_never_ran(vault_with_canary, tmp_path: Path) -> None:
    vault = vault_with_canary
    now = datetime.now(UTC)
    set_auto_config(vault, AutoBackupConfig(tmp_path / "gone", BACKUP_PASS, since=now))
    assert auto_config(vault) is not None and auto_config(vault).since == now.replace(microsecond=0)
    assert not needs_reminder(vault, now + timedelta(days=5))
    assert needs_reminder(vault, now + timedelta(days=8))  # the drive was never there
