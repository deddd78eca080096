"""SIGKILL a committing writer at random moments: acknowledged entries survive, file stays sound."""

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
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "crash test passphrase"
WRITER = r"""
import sys
from integrate.core.model import Entry
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.vault import unlock_with_passphrase
result = unlock_with_passphrase(VaultPaths(__import__("pathlib").Path(sys.argv[1])),
                                sys.stdin.readline().rstrip("\n"))
assert result.ok, result.outcome
repo = EntryRepository(result.vault.conn)
run = sys.argv[2]
i = 0
while True:
    entry = repo.add(Entry(body=f"run {run} entry {i} " + "x" * (i % 700), title=f"{run}-{i}",
                           tags=["crash"]))
    print(entry.uid, flush=True)  # acknowledged: the commit returned
    i += 1
"""


@pytest.mark.slow
def test_twenty_random_kills_lose_no_acknowledged_entry(tmp_path: Path) -> None:
    paths = VaultPaths(tmp_path / "v")
    create_vault(paths, keystore=None, passphrase=PASS, kdf=KdfParams(n=2**14)).vault.close()
    rng = random.Random(20261122)
    acknowledged: list[str] = []
    for run in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(paths.root), str(run)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin and child.stdout
        child.stdin.write(PASS + "\n")
        child.stdin.close()
        first = child.stdout.readline().strip()  # wait until it is really writing
        assert first, "the writer did not start"
        acknowledged.append(first)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        acknowledged.extend(
            line.strip() for line in child.stdout.read().splitlines() if line.strip()
        )
    result = unlock_with_passphrase(paths, PASS)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        report = vault.check()
        assert report.ok, report.summary()
        stored = {row[0] for row in vault.conn.execute("SELECT uid FROM entries")}
        fts = vault.conn.execute(
            "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'crash'"
        ).fetchone()[0]
    missing = [uid for uid in acknowledged if uid not in stored]
    assert not missing, f"{len(missing)} acknowledged entries lost"
    assert len(acknowledged) >= 20
    assert fts == len(stored)  # the full-text index survived the kills too
