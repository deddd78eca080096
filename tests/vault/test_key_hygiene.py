"""The vault key never shows up in output, error messages or files other than the DB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from integrate.paths import VaultPaths
from integrate.vault.keys import KdfParams
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "hygiene passphrase"


def test_key_never_in_cli_output_files_or_errors(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    created = create_vault(paths, keystore=None, passphrase=PASS, kdf=KdfParams(n=2**14))
    key_hex = created.vault.key.hex()
    assert key_hex not in repr(created.vault.key) and key_hex not in repr(created)
    created.vault.close()
    outputs = []
    for args, stdin in (
        (["check", "--json"], PASS + "\n"),
        (["check"], "wrong\n"),
        (["add", "--title", "t"], PASS + "\nbody\n"),
        (["search", "body", "--json"], PASS + "\n"),
        (["check"], ""),  # keyring path: no keystore here
    ):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "integrate",
                *args,
                "--data-dir",
                str(paths.root),
                "--passphrase-stdin",
            ]
            if stdin
            else [sys.executable, "-m", "integrate", *args, "--data-dir", str(paths.root)],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env={
                "DBUS_SESSION_BUS_ADDRESS": "unix:abstract=integrate-no-bus",
                "PATH": "/usr/bin:/bin",
                "HOME": str(tmp_path),
            },
        )
        outputs.append(result.stdout + result.stderr)
    joined = "\n".join(outputs)
    assert key_hex not in joined and key_hex.upper() not in joined
    for path in paths.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key_hex.encode() not in data, path
            assert bytes.fromhex(key_hex) not in data, path
    wrong = unlock_with_passphrase(paths, "nope")
    assert key_hex not in wrong.message
