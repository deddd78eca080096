"""Rollback and loss detection (issue 15, finding 2).

Before: deleting vault.db-wal, flipping a byte in it, or copying an older vault.db back
silently dropped committed entries and `check` said healthy. A crash is simulated by
copying the live files (vault.db, its WAL, the key slots and vault.state) while the
writing connection is still open: exactly what a killed process leaves on disk.
"""

from __future__ import annotations

import io
import random
import shutil
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_DAMAGED
from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.db import connect
from integrate.vault.entries import EntryRepository
from integrate.vault.keys import KdfParams
from integrate.vault.state_record import STATE_NAME, StateProblem, state_path
from integrate.vault.vault import UnlockOutcome, Vault, create_vault, unlock_with_passphrase

PASS = "a long passphrase"
FAST = KdfParams(n=2**14)


def _add(vault: Vault, title: str) -> None:
    EntryRepository(vault.conn).add(Entry(body=f"text of {title}", title=title))


def _titles(vault: Vault) -> set[str]:
    return {row[0] for row in vault.conn.execute("SELECT title FROM entries")}


def _crash_copy(paths: VaultPaths, target: Path) -> VaultPaths:
    """The files as a process killed right now would leave them (no -shm: rebuilt)."""
    target.mkdir()
    for name in ("vault.db", "vault.db-wal", "keyslots.json", STATE_NAME):
        src = paths.root / name
        if src.exists():
            shutil.copy2(src, target / name)
    return VaultPaths(target)


@pytest.fixture
def live(tmp_path: Path):  # noqa: ANN201
    """An open vault with 5 entries closed earlier, then 5 more committed and recorded
    while it stays open (their pages are in the WAL)."""
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    for i in range(5):
        _add(created.vault, f"old {i}")
    created.vault.close()
    vault = unlock_with_passphrase(paths, PASS).vault
    assert vault is not None
    for i in range(5):
        _add(vault, f"new {i}")
    assert vault.record_state()  # what the app does a few seconds after changes
    wal = paths.root / "vault.db-wal"
    assert wal.stat().st_size > 0
    yield paths, vault
    vault.close()


def test_an_honest_crash_opens_with_everything(live, tmp_path: Path) -> None:  # noqa: ANN001
    paths, vault = live
    _add(vault, "after the record")  # committed, not yet recorded: the DB is ahead
    copy = _crash_copy(paths, tmp_path / "crash")
    result = unlock_with_passphrase(copy, PASS)
    assert result.outcome is UnlockOutcome.OK, result.message
    with result.vault as reopened:  # type: ignore[union-attr]
        assert len(_titles(reopened)) == 11


def test_deleted_wal_is_detected(live, tmp_path: Path) -> None:  # noqa: ANN001
    paths, _vault = live
    copy = _crash_copy(paths, tmp_path / "crash")
    (copy.root / "vault.db-wal").unlink()
    result = unlock_with_passphrase(copy, PASS)
    assert result.outcome is UnlockOutcome.ROLLED_BACK
    assert result.vault is None
    assert result.state is not None and result.state.problem is StateProblem.BEHIND


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_flipped_byte_in_the_wal_is_detected(live, tmp_path: Path, seed: int) -> None:  # noqa: ANN001
    paths, _vault = live
    copy = _crash_copy(paths, tmp_path / "crash")
    wal = copy.root / "vault.db-wal"
    data = bytearray(wal.read_bytes())
    position = 20 if seed == 1 else random.Random(seed).randrange(32, len(data))  # noqa: S311
    data[position] ^= 0x01
    wal.write_bytes(bytes(data))
    result = unlock_with_passphrase(copy, PASS)
    assert result.outcome in {UnlockOutcome.ROLLED_BACK, UnlockOutcome.DAMAGED}, position
    assert result.outcome is not UnlockOutcome.OK
    # The WAL is kept aside for whoever recovers by hand (SQLite drops it at close).
    if result.outcome is UnlockOutcome.ROLLED_BACK:
        assert list((copy.root / "backups").glob("wal-at-rollback-*"))


def test_an_older_vault_db_copied_back_is_detected(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    _add(created.vault, "first")
    created.vault.close()
    older = paths.db.read_bytes()
    with unlock_with_passphrase(paths, PASS).vault as vault:  # type: ignore[union-attr]
        _add(vault, "second")
    paths.db.write_bytes(older)
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.ROLLED_BACK
    assert paths.db.read_bytes() == older  # nothing written


def test_accepting_a_rollback_records_the_state_as_it_is(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    created.vault.close()
    older = paths.db.read_bytes()
    with unlock_with_passphrase(paths, PASS).vault as vault:  # type: ignore[union-attr]
        _add(vault, "lost")
    paths.db.write_bytes(older)
    result = unlock_with_passphrase(paths, PASS, accept_rollback=True)
    assert result.outcome is UnlockOutcome.OK
    with result.vault as vault:  # type: ignore[union-attr]
        assert _titles(vault) == set()
    again = unlock_with_passphrase(paths, PASS)
    assert again.outcome is UnlockOutcome.OK  # the new baseline holds
    again.vault.close()  # type: ignore[union-attr]


def test_missing_or_forged_record_is_reported(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST).vault.close()
    record = state_path(paths)
    text = record.read_text()
    record.unlink()
    assert unlock_with_passphrase(paths, PASS).state.problem is StateProblem.RECORD_MISSING  # type: ignore[union-attr]
    record.write_text(text.replace('"counter": 1', '"counter": 0'))  # MAC no longer fits
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.ROLLED_BACK
    assert result.state is not None and result.state.problem is StateProblem.RECORD_INVALID


def test_a_vault_from_before_the_record_starts_recording(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    key = created.vault.key
    created.vault.close()
    conn = connect(paths.db, key)  # as an older Integrate left it: no counter, no record
    conn.execute("DELETE FROM meta WHERE key = 'integrity.counter'")
    conn.close()
    state_path(paths).unlink()
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.OK
    result.vault.close()  # type: ignore[union-attr]
    assert state_path(paths).exists()


def test_read_only_commands_record_nothing(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST).vault.close()
    before = state_path(paths).read_bytes()
    with unlock_with_passphrase(paths, PASS, take_lock=False).vault as vault:  # type: ignore[union-attr]
        assert not vault.record_state(force=True)  # no lock: never the recorder
    assert state_path(paths).read_bytes() == before


def test_restore_into_the_open_vault_keeps_its_counter(tmp_path: Path) -> None:
    from integrate.vault.backup import replace_vault_contents, write_backup

    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    backup = write_backup(created.vault, tmp_path / "b.ibackup", "backup password")
    for i in range(3):
        _add(created.vault, f"e{i}")
    created.vault.record_state()
    replace_vault_contents(created.vault, backup, "backup password")
    created.vault.close()
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.OK, result.message
    result.vault.close()  # type: ignore[union-attr]


def test_key_rotation_re_signs_the_record(tmp_path: Path) -> None:
    from integrate.vault.rotate import rotate_key

    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=FAST)
    _add(created.vault, "kept")
    rotate_key(created.vault, passphrase=PASS, keystore=None, kdf=FAST)
    created.vault.close()
    result = unlock_with_passphrase(paths, PASS)
    assert result.outcome is UnlockOutcome.OK, result.message
    result.vault.close()  # type: ignore[union-attr]


# ----- the command line ------------------------------------------------------------


def _run(monkeypatch, capsys, args: list[str], stdin: str) -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_and_other_verbs_report_a_rollback(
    tmp_path: Path,
    monkeypatch,
    capsys,
    fast_kdf,
    no_keyring,  # noqa: ANN001
) -> None:
    folder = str(tmp_path / "v")
    assert (
        _run(
            monkeypatch, capsys, ["init", "--data-dir", folder, "--passphrase-stdin"], PASS + "\n"
        )[0]
        == 0
    )
    db = tmp_path / "v" / "vault.db"
    older = db.read_bytes()
    add = ["add", "--data-dir", folder, "--passphrase-stdin", "--title", "t"]
    assert _run(monkeypatch, capsys, add, PASS + "\nbody\n")[0] == 0
    db.write_bytes(older)
    code, out, err = _run(
        monkeypatch, capsys, ["check", "--data-dir", folder, "--passphrase-stdin"], PASS + "\n"
    )
    assert (
        code == EXIT_DAMAGED and "older than the last state" in err and "--accept-rollback" in err
    )
    assert "Integrity: ok" not in out
    search = ["search", "body", "--data-dir", folder, "--passphrase-stdin"]
    for verb in (search, add):
        code, _out, err = _run(monkeypatch, capsys, verb, PASS + "\nmore\n")
        assert code == EXIT_DAMAGED, verb
    assert db.read_bytes() == older
    code, out, err = _run(
        monkeypatch,
        capsys,
        ["check", "--accept-rollback", "--data-dir", folder, "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == 0 and "Integrity: ok" in out and "Accepted" in err
    code, out, _err = _run(
        monkeypatch, capsys, ["check", "--data-dir", folder, "--passphrase-stdin"], PASS + "\n"
    )
    assert code == 0 and "Integrity: ok" in out
