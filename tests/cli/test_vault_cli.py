"""The command-line contract: init, add, search, check, demo; secrets on stdin only."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_DAMAGED, EXIT_IN_USE, EXIT_LOCKED, EXIT_USAGE

PASS = "cli passphrase"


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring) -> Path:  # noqa: ANN001
    folder = tmp_path / "v"
    code, out, _err = run(
        monkeypatch, capsys, ["init", "--data-dir", str(folder), "--passphrase-stdin"], PASS + "\n"
    )
    assert code == 0
    assert "Recovery code" in out
    return folder


def test_init_without_keyring_or_passphrase_refuses(
    tmp_path: Path, monkeypatch, capsys, no_keyring
) -> None:
    code, _out, err = run(monkeypatch, capsys, ["init", "--data-dir", str(tmp_path / "v")])
    assert code != 0
    assert err.count("\n") == 1 and "passphrase" in err
    assert not (tmp_path / "v" / "vault.db").exists()


def test_add_then_search_with_passphrase(vault_dir: Path, monkeypatch, capsys) -> None:
    code, out, _ = run(
        monkeypatch,
        capsys,
        [
            "add",
            "--data-dir",
            str(vault_dir),
            "--passphrase-stdin",
            "--title",
            "Day 1",
            "--tag",
            "body",
            "--flag",
        ],
        PASS + "\nMy shoulders dropped today.\nSecond line.\n",
    )
    assert code == 0 and "Added entry" in out
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["search", "shoulder*", "--json", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 1 and hits[0]["title"] == "Day 1" and hits[0]["flagged"] is True
    assert "[shoulders]" in hits[0]["snippet"]
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["search", "dropped", "--tag", "nope", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == 0 and "No entries match" in out


def test_search_query_syntax_is_never_interpreted(vault_dir: Path, monkeypatch, capsys) -> None:
    # ("*" alone has no word in it: a usage error, see test_cli_everyday.py.)
    for query in ["NEAR(a b", '"unbalanced', "a OR", "-x", "col:val", "^start"]:
        code, _out, err = run(
            monkeypatch,
            capsys,
            ["search", "--data-dir", str(vault_dir), "--passphrase-stdin", "--", query],
            PASS + "\n",
        )
        assert code == 0, (query, err)


def test_wrong_passphrase_exit_code(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _out, err = run(
        monkeypatch, capsys, ["check", "--data-dir", str(vault_dir), "--passphrase-stdin"], "nope\n"
    )
    assert code == EXIT_LOCKED
    assert err.startswith("integrate: ") and err.count("\n") == 1
    assert "nope" not in err


def test_keyring_missing_gives_hint(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _out, err = run(monkeypatch, capsys, ["check", "--data-dir", str(vault_dir)])
    assert code == EXIT_LOCKED
    assert "--passphrase-stdin" in err


def test_empty_entry_is_refused(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _out, err = run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n   \n",
    )
    assert code == EXIT_USAGE and "empty" in err


def test_check_counts_and_damage(vault_dir: Path, monkeypatch, capsys) -> None:
    run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\nhello\n",
    )
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["check", "--json", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["counts"]["entries"] == 1
    db = vault_dir / "vault.db"
    data = bytearray(db.read_bytes())
    data[4096 * 2 + 50] ^= 0x10
    db.write_bytes(bytes(data))
    code, out, err = run(
        monkeypatch,
        capsys,
        ["check", "--json", "--data-dir", str(vault_dir), "--passphrase-stdin"],
        PASS + "\n",
    )
    assert code == EXIT_DAMAGED
    assert json.loads(out)["ok"] is False
    assert "integrity" in err


def test_writing_verb_refuses_while_app_holds_the_vault(
    vault_dir: Path, monkeypatch, capsys
) -> None:
    from integrate.paths import VaultPaths
    from integrate.vault.instance_lock import InstanceLock

    lock = InstanceLock(VaultPaths(vault_dir).lock, role="app")  # as the window takes it
    lock.acquire()
    try:
        code, _out, err = run(
            monkeypatch,
            capsys,
            ["add", "--data-dir", str(vault_dir), "--passphrase-stdin"],
            PASS + "\nx\n",
        )
        assert code == EXIT_IN_USE and "already has this journal open" in err
        code, _out, _err = run(
            monkeypatch,
            capsys,
            ["search", "x", "--data-dir", str(vault_dir), "--passphrase-stdin"],
            PASS + "\n",
        )
        assert code == 0  # reading is fine while the app writes
    finally:
        lock.release()


def test_writing_verb_creates_vault_when_missing(
    tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring
) -> None:
    folder = tmp_path / "fresh"
    code, _out, err = run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(folder), "--passphrase-stdin"],
        PASS + "\nfirst\n",
    )
    assert code == 0
    assert "Recovery code" in err and err.count("Recovery code") == 1


def test_data_dir_from_environment(
    tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring
) -> None:
    monkeypatch.setenv("INTEGRATE_DATA_DIR", str(tmp_path / "envdir"))
    code, _out, _err = run(monkeypatch, capsys, ["init", "--passphrase-stdin"], PASS + "\n")
    assert code == 0 and (tmp_path / "envdir" / "vault.db").exists()


def test_data_dir_before_or_after_verb(vault_dir: Path, monkeypatch, capsys) -> None:
    for args in (
        ["--data-dir", str(vault_dir), "check", "--passphrase-stdin"],
        ["check", "--data-dir", str(vault_dir), "--passphrase-stdin"],
    ):
        code, _out, _err = run(monkeypatch, capsys, args, PASS + "\n")
        assert code == 0


def test_demo_fills_a_vault_and_refuses_existing(
    tmp_path: Path, monkeypatch, capsys, fast_kdf
) -> None:
    folder = tmp_path / "demo"
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["demo", "--data-dir", str(folder), "--passphrase-stdin"],
        "demo pass\n",
    )
    assert code == 0 and str(folder) in out
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["check", "--json", "--data-dir", str(folder), "--passphrase-stdin"],
        "demo pass\n",
    )
    counts = json.loads(out)["counts"]
    assert counts["sessions"] >= 6 and counts["entries"] >= 6 and counts["series"] >= 1
    code, _out, err = run(
        monkeypatch,
        capsys,
        ["demo", "--data-dir", str(folder), "--passphrase-stdin"],
        "demo pass\n",
    )
    assert code != 0 and "already exists" in err


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrate", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and result.stdout.startswith("integrate ")


def test_non_gui_verbs_do_not_import_qt(vault_dir: Path) -> None:
    code = (
        f"import sys, io; sys.stdin = io.StringIO({PASS + chr(10)!r}); "
        "from integrate.cli import main; "
        f"rc = main(['search', 'x', '--data-dir', {str(vault_dir)!r}, '--passphrase-stdin']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
