"""SIGKILL the app while someone types in the journal: at most ~2 s of text may be lost.

A child process opens the real Journal screen on a real vault and types one character
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
from pathlib import Path

import pytest

from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.vault import create_vault, unlock_with_passphrase

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
from integrate.ui.journal import JournalPage
from integrate.ui.services import AppServices
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


def _run_once(tmp_path: Path, run: int, rng: random.Random) -> None:
    paths = VaultPaths(tmp_path / f"v{run}")
    created = create_vault(paths, keystore=None, passphrase=PASS)
    entry = EntryRepository(created.vault.conn).add(Entry(body="", title="typing"))
    created.vault.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(paths.root), entry.uid, str(rng.choice([8, 15, 30]))],
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
        stored = EntryRepository(vault.conn).get(entry.id or 0)
    assert stored is not None
    assert TEXT.startswith(stored.body), "the stored text is not what was typed"
    assert len(stored.body) >= must_have, (
        f"run {run}: stored {len(stored.body)} chars, but {must_have} were typed more than "
        f"{LOSS_BOUND_S} s before the kill (typed {total_typed} in all)"
    )
    assert len(stored.body) <= total_typed
    assert must_have > 0, "the kill came before 2 s of typing: nothing was tested"


@pytest.mark.slow
def test_kill_while_typing_loses_at_most_two_seconds(tmp_path: Path, fast_kdf: None) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    for run in range(RUNS):
        _run_once(tmp_path, run, rng)
