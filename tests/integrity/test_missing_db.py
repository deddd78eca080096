"""A missing or empty vault.db beside existing key slots is refused, never replaced.

Before: `integrate check` on a 0-byte vault.db built a new empty journal and said
"healthy, 0 entries"; `add` then wrote into it (issue 15, finding 1).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_DAMAGED
from integrate.paths import VaultPaths
from integrate.vault.vault import UnlockOutcome, unlock_with_passphrase

PASS = "cli passphrase"


def run(
    monkeypatch: pytest.MonkeyPatch, capsys, args: list[str], stdin: str = ""
) -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring) -> Path:  # noqa: ANN001
    folder = tmp_path / "v"
    code, _out, _err = run(
        monkeypatch, capsys, ["init", "--data-dir", str(folder), "--passphrase-stdin"], PASS + "\n"
    )
    assert code == 0
    code, _out, _err = run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(folder), "--passphrase-stdin", "--title", "kept"],
        PASS + "\nsomething worth keeping\n",
    )
    assert code == 0
    return folder


def _folder_state(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.iterdir() if p.name != "vault.lock"}


@pytest.mark.parametrize("damage", ["empty", "missing"])
def test_check_and_add_refuse_and_create_nothing(
    vault_dir: Path,
    monkeypatch,
    capsys,
    damage: str,  # noqa: ANN001
) -> None:
    db = vault_dir / "vault.db"
    if damage == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    before = _folder_state(vault_dir)
    code, out, err = run(
        monkeypatch,
        capsys,
        ["check", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == EXIT_DAMAGED
    assert "missing or empty" in err and "restore" in err
    assert "Integrity: ok" not in out
    code, out, err = run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(vault_dir), "--passphrase-stdin", "--title", "new"],
        PASS + "\nwould land in a new empty journal\n",
    )
    assert code == EXIT_DAMAGED
    assert "missing or empty" in err
    assert "Recovery code" not in err + out  # no new journal was made
    code, _out, err = run(
        monkeypatch,
        capsys,
        ["search", "kept", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == EXIT_DAMAGED
    assert _folder_state(vault_dir) == before  # nothing created, nothing grown


def test_unlock_reports_db_missing(vault_dir: Path) -> None:
    (vault_dir / "vault.db").write_bytes(b"")
    result = unlock_with_passphrase(VaultPaths(vault_dir), PASS)
    assert result.outcome is UnlockOutcome.DB_MISSING and result.vault is None
    assert (vault_dir / "vault.db").stat().st_size == 0
    assert not (vault_dir / "vault.db-wal").exists()


def test_truncated_db_is_refused(vault_dir: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    db = vault_dir / "vault.db"
    for size in (100, 4096, db.stat().st_size - 4096):
        data = db.read_bytes()
        cut = vault_dir.parent / f"cut{size}"
        cut.mkdir()
        for p in vault_dir.iterdir():
            if p.is_file():
                (cut / p.name).write_bytes(p.read_bytes())
        (cut / "vault.db").write_bytes(data[:size])
        code, out, _err = run(
            monkeypatch,
            capsys,
            ["check", "--data-dir", str(cut), "--passphrase-stdin"],
            PASS + "\n",
        )
        assert code == EXIT_DAMAGED, size
        assert "Integrity: ok" not in out
        assert (cut / "vault.db").stat().st_size == size


def test_the_app_shows_the_recovery_screen(qtbot, tmp_path: Path, fast_kdf) -> None:  # noqa: ANN001
    from integrate.ui.shell.recovery import RecoveryScreen
    from tests.ui.conftest import PASSPHRASE, make_vault, start_app

    paths = make_vault(tmp_path / "v")
    paths.db.write_bytes(b"")
    app = start_app(qtbot, paths)
    screen = app.window.screens.currentWidget()
    screen.passphrase.setText(PASSPHRASE)
    screen.unlock_button.click()
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), RecoveryScreen), timeout=10_000
    )
    recovery = app.window.screens.currentWidget()
    from PySide6.QtWidgets import QLabel

    shown = " ".join(label.text() for label in recovery.findChildren(QLabel))
    assert "missing or empty" in shown
    assert not recovery.read_button.isVisible()  # nothing to read: no database
    assert paths.db.stat().st_size == 0
    app.controller.shutdown()
