"""A key rotation killed part-way: the next open decides from the database which key
slot file is right, finishes or rolls back, and the journal opens with nothing lost.

Each rotation runs in a child process that dies (os._exit, no clean-up) at a chosen step
of `rotate_key`, or is SIGKILLed at a random moment while it re-encrypts.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.keys import KdfParams, KeySlots
from integrate.vault.keystore import Keystore
from integrate.vault.rotate import rotate_key
from integrate.vault.rotation_state import PENDING_NAME, ROTATION_FIELD, UNSEEN_FIELD
from integrate.vault.vault import (
    UnlockOutcome,
    VaultError,
    create_vault,
    unlock_with_keyring,
    unlock_with_passphrase,
    unlock_with_recovery,
)

PASS = "rotation crash pass"
FAST = KdfParams(n=2**14)
CHILD = r"""
import os, sys
from pathlib import Path
from integrate.paths import VaultPaths
from integrate.vault import rotate
from integrate.vault.keys import KdfParams
from integrate.vault.keystore import Keystore
from integrate.vault.vault import unlock_with_keyring, unlock_with_passphrase

root, stop, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
secret = sys.stdin.readline().rstrip("\n")
real_rekey = rotate._rekey
if stop == "before_rekey":
    rotate._rekey = lambda *a, **k: os._exit(9)
elif stop == "after_rekey":  # the database is re-encrypted; keyring and slots are not
    def rekey_then_die(vault, key, slots):
        real_rekey(vault, key, slots)
        os._exit(9)
    rotate._rekey = rekey_then_die
elif stop == "before_finish":  # keyring updated too; only the slot files are left
    rotate._finish = lambda *a, **k: os._exit(9)
else:  # run to the end; say when the re-encryption starts (the parent kills around it)
    def announce_rekey(vault, key, slots):
        print("rekeying", flush=True)
        real_rekey(vault, key, slots)
    rotate._rekey = announce_rekey
paths = VaultPaths(root)
keystore = Keystore() if mode == "keyring" else None
opened = (unlock_with_keyring(paths, keystore) if keystore else unlock_with_passphrase(paths, secret))
assert opened.ok, opened.outcome
print("rotating", flush=True)
rotate.rotate_key(opened.vault, passphrase=secret or None, keystore=keystore,
                  kdf=KdfParams(n=2**14))
print("done", flush=True)
os._exit(0)
"""


def make(root: Path, *, keystore: Keystore | None = None, entries: int = 3) -> tuple[str, str]:
    """A vault with `entries` entries; returns (recovery code, old key check)."""
    created = create_vault(
        VaultPaths(root), keystore=keystore, passphrase=None if keystore else PASS, kdf=FAST
    )
    with created.vault as vault:
        repo = EntryRepository(vault.conn)
        for i in range(entries):
            repo.add(Entry(title=f"entry {i}", body=f"kept text {i} " + "x" * 400))
        check = vault.slots.key_check
    return created.recovery_code, check


def run_child(root: Path, stop: str, mode: str = "passphrase") -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), stop, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    child.stdin.write((PASS if mode == "passphrase" else "") + "\n")
    child.stdin.close()
    return child


def crash_at(root: Path, stop: str, mode: str = "passphrase") -> None:
    child = run_child(root, stop, mode)
    child.wait(60)
    assert child.returncode == 9, "the child should have died at " + stop
    assert (root / PENDING_NAME).is_file()


def slots_on_disk(root: Path) -> KeySlots:
    return KeySlots.load(root / "keyslots.json")


def titles(root: Path) -> list[str]:
    opened = unlock_with_passphrase(VaultPaths(root), PASS)
    assert opened.ok and opened.vault is not None
    with opened.vault as vault:
        return sorted(e.title for e in EntryRepository(vault.conn).list_recent(limit=1000))


def test_crash_before_the_rekey_rolls_back(tmp_path: Path, fast_kdf: None) -> None:
    root = tmp_path / "v"
    code, old_check = make(root)
    crash_at(root, "before_rekey")
    # A read-only look settles in memory only: both files stay.
    peek = unlock_with_passphrase(VaultPaths(root), PASS, take_lock=False)
    assert peek.ok and peek.vault is not None
    peek.vault.close()
    assert (root / PENDING_NAME).is_file()

    opened = unlock_with_recovery(VaultPaths(root), code)  # the old code still opens it
    assert opened.ok and opened.vault is not None
    assert opened.vault.slots.key_check == old_check
    assert not opened.vault.recovery_code_unseen
    opened.vault.close()
    assert not (root / PENDING_NAME).exists()
    assert slots_on_disk(root).key_check == old_check
    assert titles(root) == ["entry 0", "entry 1", "entry 2"]


@pytest.mark.parametrize("stop", ["after_rekey", "before_finish"])
def test_crash_after_the_rekey_finishes_the_rotation(
    tmp_path: Path, fast_kdf: None, stop: str
) -> None:
    root = tmp_path / "v"
    code, old_check = make(root)
    crash_at(root, stop)
    on_disk = slots_on_disk(root)
    assert on_disk.key_check == old_check  # the crash left the old slots in place

    # The recovery code the patient has is the old one: it still gets them in.
    opened = unlock_with_recovery(VaultPaths(root), code)
    assert opened.ok and opened.vault is not None
    vault = opened.vault
    assert vault.slots.key_check != old_check
    assert vault.recovery_code_unseen  # the new code was never shown: ask for a new one
    new_code = vault.regenerate_recovery_code(FAST)
    assert not vault.recovery_code_unseen
    vault.close()
    assert not (root / PENDING_NAME).exists()
    finished = slots_on_disk(root)
    assert finished.key_check != old_check
    assert ROTATION_FIELD not in finished.extra and UNSEEN_FIELD not in finished.extra
    assert titles(root) == ["entry 0", "entry 1", "entry 2"]
    again = unlock_with_recovery(VaultPaths(root), new_code)
    assert again.ok and again.vault is not None
    again.vault.close()
    # The pair left the disk with the pending file: nothing else names the old key.
    assert "old_under_new" not in (root / "keyslots.json").read_text()


@pytest.mark.slow
def test_killed_at_random_while_re_encrypting_always_opens(tmp_path: Path, fast_kdf: None) -> None:
    root = tmp_path / "v"
    make(root, entries=3000)  # a few MB: the rekey takes a noticeable moment
    rng = random.Random(20260611)
    seen: list[str] = []
    for _round in range(8):
        child = run_child(root, "none")
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "rotating"
        assert child.stdout.readline().strip() == "rekeying"
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        interrupted = (root / PENDING_NAME).is_file()
        before = slots_on_disk(root).key_check
        opened = unlock_with_passphrase(VaultPaths(root), PASS)
        assert opened.ok, opened.outcome
        assert opened.vault is not None
        with opened.vault as vault:
            assert vault.counts()["entries"] == 3000
            assert vault.check().ok
            changed = vault.slots.key_check != before
            assert vault.recovery_code_unseen == changed
            if vault.recovery_code_unseen:
                vault.regenerate_recovery_code(FAST)
        assert not (root / PENDING_NAME).exists()
        if interrupted:
            seen.append("finished" if changed else "rolled back")
        else:
            assert not changed
            seen.append("completed")
    # Some kills must have landed mid-rotation, or this test showed nothing.
    assert {"finished", "rolled back"} & set(seen), seen


def test_keyring_vault_finished_on_open_updates_the_keyring(
    tmp_path: Path, fast_kdf: None, secret_service
) -> None:
    root = tmp_path / "v"
    keystore = Keystore()
    code, old_check = make(root, keystore=keystore)
    vault_id = slots_on_disk(root).vault_id
    old_secret = keystore.fetch(vault_id).secret
    crash_at(root, "after_rekey", mode="keyring")
    assert keystore.fetch(vault_id).secret == old_secret  # died before storing the new key

    opened = unlock_with_keyring(VaultPaths(root), keystore)
    assert opened.ok and opened.vault is not None
    new_hex = opened.vault.key.hex()
    assert opened.vault.slots.key_check != old_check
    opened.vault.close()
    assert keystore.fetch(vault_id).secret == new_hex  # put in step with the journal
    again = unlock_with_keyring(VaultPaths(root), keystore)
    assert again.ok and again.vault is not None
    again.vault.close()


def test_keyring_vault_crash_after_storing_the_new_key(
    tmp_path: Path, fast_kdf: None, secret_service
) -> None:
    root = tmp_path / "v"
    keystore = Keystore()
    _code, old_check = make(root, keystore=keystore)
    vault_id = slots_on_disk(root).vault_id
    crash_at(root, "before_finish", mode="keyring")
    stored = keystore.fetch(vault_id).secret
    # The keyring's key belongs to the pending slots only; it still opens the journal.
    opened = unlock_with_keyring(VaultPaths(root), keystore)
    assert opened.ok and opened.vault is not None
    assert opened.vault.key.hex() == stored and opened.vault.slots.key_check != old_check
    opened.vault.close()
    assert not (root / PENDING_NAME).exists()


def test_pending_file_of_another_key_is_not_trusted(tmp_path: Path, fast_kdf: None) -> None:
    root = tmp_path / "v"
    make(root)
    # A stray pending file with a key check that no key here matches: ignored.
    slots = json.loads((root / "keyslots.json").read_text())
    slots["key_check"] = "0" * 32
    (root / PENDING_NAME).write_text(json.dumps(slots))
    opened = unlock_with_passphrase(VaultPaths(root), PASS)
    assert opened.ok and opened.vault is not None
    opened.vault.close()
    assert titles(root) == ["entry 0", "entry 1", "entry 2"]


def test_rotation_uses_replace_key_and_a_failed_keyring_changes_nothing(
    tmp_path: Path, fast_kdf: None, secret_service, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integrate.vault.keystore import KeystoreOutcome, KeystoreResult

    root = tmp_path / "v"
    keystore = Keystore()
    _code, old_check = make(root, keystore=keystore)
    opened = unlock_with_keyring(VaultPaths(root), keystore)
    assert opened.vault is not None
    vault = opened.vault
    old_key = vault.key
    real_store = keystore.store

    def refuse(vault_id: str, secret: str) -> KeystoreResult:
        return KeystoreResult(KeystoreOutcome.ERROR, "test", detail="The keyring said no.")

    monkeypatch.setattr(keystore, "store", refuse)
    with pytest.raises(VaultError, match="The key was not changed"):
        rotate_key(vault, passphrase=None, keystore=keystore)
    assert vault.key == old_key and vault.slots.key_check == old_check
    assert not (root / PENDING_NAME).exists()
    EntryRepository(vault.conn).add(Entry(title="after", body="a failed rotation"))
    vault.close()
    monkeypatch.setattr(keystore, "store", real_store)
    again = unlock_with_keyring(VaultPaths(root), keystore)  # still the old key everywhere
    assert again.ok and again.vault is not None
    assert again.vault.key == old_key
    again.vault.close()


def test_replace_key_refuses_slots_of_another_key(tmp_path: Path, fast_kdf: None) -> None:
    from integrate.vault.keys import VaultKey

    root = tmp_path / "v"
    make(root)
    opened = unlock_with_passphrase(VaultPaths(root), PASS)
    assert opened.vault is not None
    with opened.vault as vault:
        with pytest.raises(VaultError):
            vault.replace_key(VaultKey.generate(), vault.slots)
        assert vault.counts()["entries"] == 3
    assert unlock_with_passphrase(VaultPaths(root), PASS).outcome is UnlockOutcome.OK


def test_command_line_says_when_the_recovery_code_must_be_renewed(
    tmp_path: Path, fast_kdf: None, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import io

    from integrate.cli import main

    root = tmp_path / "v"
    make(root)
    crash_at(root, "after_rekey")
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code = main(["check", "--data-dir", str(root), "--passphrase-stdin"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "key was interrupted and has been completed" in err
    assert "make a new one" in err
