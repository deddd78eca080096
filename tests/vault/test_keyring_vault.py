"""The vault with a real Secret Service (gnome-keyring on a private D-Bus session)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from integrate.paths import VaultPaths
from integrate.vault.keys import VaultKey
from integrate.vault.keystore import SERVICE, Keystore
from integrate.vault.vault import (
    UnlockOutcome,
    create_vault,
    unlock_with_keyring,
    unlock_with_recovery,
)

pytestmark = pytest.mark.keyring


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_then_reopen_from_second_process(
    secret_service, tmp_path: Path, fast_kdf: None
) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=Keystore(), passphrase=None)
    vault_id = created.vault.id
    key_hex = created.vault.key.hex()
    created.vault.close()
    slots = json.loads(paths.keyslots.read_text())
    assert slots["keyring"]["backend"] == "keyring.backends.SecretService.Keyring"
    assert slots["passphrase"] is None
    assert key_hex not in paths.keyslots.read_text()
    # The key is really in the Secret Service, under service "integrate", username = vault id.
    assert secret_service.lookup(SERVICE, vault_id) == key_hex
    # A second process opens the vault with the key from the keyring alone.
    result = subprocess.run(
        [sys.executable, "-m", "integrate", "check", "--json", "--data-dir", str(paths.root)],
        env=secret_service.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True
    assert key_hex not in result.stdout + result.stderr


def test_wrong_key_in_keyring_refuses_and_changes_nothing(
    secret_service, tmp_path: Path, fast_kdf: None
) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=Keystore(), passphrase=None)
    vault_id = created.vault.id
    code = created.recovery_code
    created.vault.close()
    wrong = VaultKey.generate().hex()
    secret_service.store(SERVICE, vault_id, wrong)
    before = (_hash(paths.db), _hash(paths.keyslots))
    result = unlock_with_keyring(paths, Keystore())
    assert result.outcome is UnlockOutcome.KEY_WRONG
    assert "does not open" in result.message
    assert (_hash(paths.db), _hash(paths.keyslots)) == before
    assert secret_service.lookup(SERVICE, vault_id) == wrong  # never replaced silently
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v"]  # no new vault appeared
    # The recovery code still opens it.
    recovered = unlock_with_recovery(paths, code)
    assert recovered.ok and recovered.vault
    recovered.vault.close()


def test_lost_keyring_entry_recovery_code_restores_access(
    secret_service, tmp_path: Path, fast_kdf: None
) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=Keystore(), passphrase=None)
    vault_id, code = created.vault.id, created.recovery_code
    created.vault.conn.execute(
        "INSERT INTO entries(uid, body, created_at, updated_at) VALUES ('e', 'still here', "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    created.vault.close()
    assert Keystore().delete(vault_id).ok
    missing = unlock_with_keyring(paths, Keystore())
    assert missing.outcome is UnlockOutcome.KEY_MISSING
    recovered = unlock_with_recovery(paths, code)
    assert recovered.ok and recovered.vault
    with recovered.vault as vault:
        assert vault.conn.execute("SELECT body FROM entries").fetchone()[0] == "still here"
        assert vault.store_key_in_keyring(Keystore()).ok
    again = unlock_with_keyring(paths, Keystore())
    assert again.ok and again.vault
    again.vault.close()


def test_ask_every_time_removes_key_from_keyring(
    secret_service, tmp_path: Path, fast_kdf: None
) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=Keystore(), passphrase="shared computer")
    vault = created.vault
    assert vault.forget_keyring(Keystore()).ok
    assert secret_service.lookup(SERVICE, vault.id) is None
    vault.close()
    assert unlock_with_keyring(paths, Keystore()).outcome is UnlockOutcome.NO_KEYRING_SLOT


def test_cli_init_uses_keyring_and_prints_recovery_code_once(
    secret_service, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrate", "init", "--data-dir", str(tmp_path / "v")],
        env=secret_service.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "system keyring" in result.stdout
    code_lines = [line for line in result.stdout.splitlines() if line.count("-") == 7]
    assert len(code_lines) == 1
