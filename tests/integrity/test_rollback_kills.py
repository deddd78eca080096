"""No false alarm from an honest crash: writers that record their state after every
commit are SIGKILLed at random moments (also between the counter's commit and the
record), and every reopen is healthy with every acknowledged entry."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integrate.paths import VaultPaths
from integrate.vault.keys import KdfParams
from integrate.vault.vault import UnlockOutcome, create_vault, unlock_with_passphrase

PASS = "crash test passphrase"
WRITER = r"""
import sys
from pathlib import Path
from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.vault import unlock_with_passphrase
result = unlock_with_passphrase(VaultPaths(Path(sys.argv[1])), sys.stdin.readline().rstrip("\n"))
assert result.ok, result.outcome
vault = result.vault
repo = EntryRepository(vault.conn)
i = 0
while True:
    entry = repo.add(Entry(body=f"entry {i}", title=f"{sys.argv[2]}-{i}"))
    print(entry.uid, flush=True)  # acknowledged
    vault.record_state()  # what the app does every few seconds: here as often as possible
    i += 1
"""


@pytest.mark.slow
def test_random_kills_while_recording_never_look_like_a_rollback(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS, kdf=KdfParams(n=2**14)).vault.close()
    rng = random.Random(15)
    acknowledged: list[str] = []
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    for run in range(15):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(paths.root), str(run)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdin and child.stdout
        child.stdin.write(PASS + "\n")
        child.stdin.close()
        first = child.stdout.readline().strip()
        assert first, "the writer did not start"
        time.sleep(rng.uniform(0.0, 0.2))
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read().split()
        child.wait()
        acknowledged += [first, *rest]
        result = unlock_with_passphrase(paths, PASS)
        assert result.outcome is UnlockOutcome.OK, (run, result.outcome, result.state)
        assert result.vault is not None
        with result.vault as vault:
            stored = {r[0] for r in vault.conn.execute("SELECT uid FROM entries")}
        assert set(acknowledged) <= stored
