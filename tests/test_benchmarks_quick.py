"""The benchmark suite in quick mode runs end to end (timings are not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmarks_run_and_print_every_figure() -> None:
    require_tool("xvfb-run", "dbus-daemon", "gnome-keyring-daemon", "dbus-send")
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the suite starts its own private bus
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--quick"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    names = [line for line in result.stdout.splitlines() if "(target " in line]
    for expected in (
        "Start-up: bare PySide6 window",
        "Start-up: integrate, unlocked, Today painted",
        "Start-up: integrity check passed, schedule synced",
        "Resident memory after start-up",
        "Search p95",
        "Autosave p95",
        "Journal: open + scroll to the end",
        "PDF export, 100 entries",
    ):
        assert any(line.strip().startswith(expected) for line in names), expected
    assert "Peer benchmark skipped in quick mode." in result.stdout
    # Quick mode never overwrites the documented full results.
    assert "Results written" not in result.stdout
