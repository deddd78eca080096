"""The busy message names what holds the journal (issue 15, finding 7: two command-line
writers were told "the app has this journal open" although no app was open)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_IN_USE
from integrate.paths import VaultPaths
from integrate.vault.instance_lock import InstanceLock, read_holder

PASS = "cli passphrase"


def _run(monkeypatch, capsys, args: list[str], stdin: str) -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring) -> Path:  # noqa: ANN001
    path = tmp_path / "v"
    assert (
        _run(
            monkeypatch,
            capsys,
            ["init", "--data-dir", str(path), "--passphrase-stdin"],
            PASS + "\n",
        )[0]
        == 0
    )
    return path


def test_a_second_command_is_told_another_command_holds_it(
    folder: Path,
    monkeypatch,
    capsys,  # noqa: ANN001
) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    # A real second process: `add` holds the lock while it reads the entry from stdin.
    child = subprocess.Popen(
        [sys.executable, "-m", "integrate", "add", "--data-dir", str(folder), "--passphrase-stdin"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdin is not None
        child.stdin.write(PASS + "\n")
        child.stdin.flush()
        lock_file = VaultPaths(folder).lock
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            holder = read_holder(lock_file)
            if holder is not None and holder.pid == child.pid:
                break
            time.sleep(0.05)
        assert holder is not None and holder.pid == child.pid
        assert (holder.role, holder.name) == ("command", "add")
        code, _out, err = _run(
            monkeypatch,
            capsys,
            ["add", "--data-dir", str(folder), "--passphrase-stdin"],
            PASS + "\nx\n",
        )
        assert code == EXIT_IN_USE
        assert f"`integrate add` (process {child.pid}) is using this journal" in err
        assert "app" not in err
        out, _err = child.communicate("the first writer's entry\n", timeout=30)
        assert child.returncode == 0 and "Added entry" in out
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    code, _out, _err = _run(
        monkeypatch,
        capsys,
        ["add", "--data-dir", str(folder), "--passphrase-stdin"],
        PASS + "\nnow\n",
    )
    assert code == 0  # free again once the first command finished


def test_a_command_is_told_the_app_holds_it(
    qtbot,
    tmp_path: Path,
    fast_kdf,
    monkeypatch,
    capsys,  # noqa: ANN001
) -> None:
    from tests.ui.conftest import PASSPHRASE, make_vault, start_app

    app = start_app(qtbot, make_vault(tmp_path / "v"))
    app.unlock()
    try:
        holder = read_holder(app.paths.lock)
        assert holder is not None and holder.role == "app" and holder.pid == os.getpid()
        code, _out, err = _run(
            monkeypatch,
            capsys,
            ["add", "--data-dir", str(app.paths.root), "--passphrase-stdin"],
            PASSPHRASE + "\nx\n",
        )
        assert code == EXIT_IN_USE
        assert "open in the app" in err and f"process {os.getpid()}" in err
    finally:
        app.controller.shutdown()


def test_the_note_is_readable_while_the_lock_is_held(tmp_path: Path) -> None:
    lock = InstanceLock(tmp_path / "vault.lock", role="command", name="backup")
    with lock:
        holder = read_holder(tmp_path / "vault.lock")
        assert holder is not None and (holder.role, holder.name, holder.pid) == (
            "command",
            "backup",
            os.getpid(),
        )
