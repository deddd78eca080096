"""SIGKILL the app while someone types: at most ~2 s of text may be lost.

Both places people write are tested: the Journal's entry editor and a check-in's answer
box. A child process opens the real screen on a real vault and types one character
every few milliseconds, printing (monotonic time, characters typed) after each one.
The test kills it at a random moment, reopens the vault and checks that the stored
body holds at least everything typed 2 s before the kill (CLOCK_MONOTONIC is shared
by the two processes on Linux).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from integrate.core.model import Entry, Route, Session
from integrate.core.timeutil import now_local
from integrate.paths import VaultPaths
from integrate.vault.checkins import CheckinRepository, sync
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault, unlock_with_passphrase

PASS = "kill test passphrase"
LOSS_BOUND_S = 2.0
RUNS = 5
TEXT = (
    "Today I noticed my shoulders again, and I let them be. "
    "The rain was soft; I walked anyway, slowly. "
) * 40

CHILD = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from keyring.backends import fail
from integrate.paths import VaultPaths
from integrate.ui.journal.journal import JournalPage
from integrate.ui.base.context import AppServices
from integrate.vault.keystore import Keystore
from integrate.vault.vault import unlock_with_passphrase

app = QApplication([])
root = Path(sys.argv[1])
text = sys.stdin.readline().rstrip("\n")
passphrase = sys.stdin.readline().rstrip("\n")
result = unlock_with_passphrase(VaultPaths(root), passphrase)
assert result.ok, result.outcome
services = AppServices(result.vault, VaultPaths(root), Keystore(backend=fail.Keyring()),
                       QSettings(str(root / "prefs.ini"), QSettings.Format.IniFormat))
if sys.argv[4] == "checkin":
    from integrate.ui.checkins.checkin import CheckinView

    page = CheckinView(services, sys.argv[2])
    page.show()
    body = page.answers[0].editor
else:
    page = JournalPage(services)
    page.show()
    page.open_item(sys.argv[2])
    body = page.editor.body
body.setFocus()
typed = 0

def type_one():
    global typed
    if typed >= len(text):
        return
    QTest.keyClicks(body, text[typed])
    typed += 1
    print(f"{time.monotonic():.6f} {typed}", flush=True)

timer = QTimer()
timer.timeout.connect(type_one)
timer.start(int(sys.argv[3]))
print("START", flush=True)
app.exec()
"""


def _target(vault: Vault, where: str) -> tuple[str, Callable[[Vault], str | None]]:
    """What the child opens (an entry or check-in uid) and how to read back what it saved."""
    if where == "journal":
        entry = EntryRepository(vault.conn).add(Entry(body="", title="typing"))
        return (
            entry.uid,
            lambda v: None if (e := EntryRepository(v.conn).get(entry.id or 0)) is None else e.body,
        )
    session = SessionRepository(vault.conn).add(
        Session(at=now_local() - timedelta(hours=30), tz="UTC", route=Route.IV)
    )
    sync(vault)
    checkin = CheckinRepository(vault.conn).get(f"{session.uid}:day_1")
    assert checkin is not None

    def read(v: Vault) -> str | None:
        row = v.conn.execute(
            "SELECT body FROM entries WHERE checkin_id = ?", (checkin.id,)
        ).fetchone()
        return "" if row is None else str(row[0])  # nothing saved yet counts as empty

    return checkin.uid, read


def _run_once(tmp_path: Path, run: int, rng: random.Random, where: str = "journal") -> None:
    paths = VaultPaths(tmp_path / f"v{run}")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    uid, read_back = _target(created.vault, where)
    created.vault.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(paths.root), uid, str(rng.choice([8, 15, 30])), where],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(TEXT + "\n" + PASS + "\n")
    child.stdin.close()
    progress: list[tuple[float, int]] = []
    started = threading.Event()

    def reader() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("START"):
                started.set()
                continue
            t, n = line.split()
            progress.append((float(t), int(n)))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        assert started.wait(30), "the child did not start typing"
        time.sleep(rng.uniform(2.2, 5.0))
        killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    thread.join(5)
    typed_by = [n for t, n in progress if t <= killed_at - LOSS_BOUND_S]
    must_have = max(typed_by, default=0)
    total_typed = max((n for _t, n in progress), default=0)

    result = unlock_with_passphrase(paths, PASS)
    assert result.ok and result.vault is not None, result.outcome
    with result.vault as vault:
        stored = read_back(vault)
    assert stored is not None
    assert TEXT.startswith(stored), "the stored text is not what was typed"
    assert len(stored) >= must_have, (
        f"{where} run {run}: stored {len(stored)} chars, but {must_have} were typed more "
        f"than {LOSS_BOUND_S} s before the kill (typed {total_typed} in all)"
    )
    assert len(stored) <= total_typed
    assert must_have > 0, "the kill came before 2 s of typing: nothing was tested"


@pytest.mark.slow
def test_kill_while_typing_loses_at_most_two_seconds(tmp_path: Path, fast_kdf: None) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    for run in range(RUNS):
        _run_once(tmp_path, run, rng)


@pytest.mark.slow
def test_kill_while_answering_a_checkin_loses_at_most_two_seconds(
    tmp_path: Path, fast_kdf: None
) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    for run in range(3):
        _run_once(tmp_path, run, rng, where="checkin")
