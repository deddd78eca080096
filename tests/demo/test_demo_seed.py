"""`integrate demo --seed N`: the same seed on the same day gives the same journal."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from integrate.cli import main
from integrate.core.timeutil import zone

PASS = "demo seed pass"
LONDON = zone("Europe/London")
# Two times on one day, in the past (so a wall-clock stamp written "now" would stand
# out as later than the demo's day).
MORNING = datetime(2025, 6, 15, 7, 5, 11, tzinfo=LONDON)
EVENING = datetime(2025, 6, 15, 22, 48, 53, tzinfo=LONDON)


def _run(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    assert main([*args, "--passphrase-stdin"]) == 0


def _records(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    extra: list[str],
    clock: datetime,
) -> dict[str, Any]:
    """Create a demo journal as the CLI does, at `clock`, and export its records."""
    import integrate.demo

    monkeypatch.setattr(integrate.demo, "now_local", lambda: clock)
    folder = tmp_path / name
    _run(monkeypatch, ["demo", "--data-dir", str(folder), *extra])
    out = tmp_path / f"{name}.json"
    _run(monkeypatch, ["export-json", "--data-dir", str(folder), "--out", str(out)])
    records: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))["records"]
    return records


def _stamps(records: dict[str, Any]) -> list[str]:
    rows = [r for v in records.values() for r in (v if isinstance(v, list) else [v]) if r]
    return [str(r[k]) for r in rows for k in ("created_at", "updated_at") if r.get(k)]


def test_same_seed_same_day_gives_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, fast_kdf, no_keyring
) -> None:
    seeded = ["--seed", "7", "--years", "1"]
    a = _records(tmp_path, monkeypatch, "a", seeded, MORNING)
    b = _records(tmp_path, monkeypatch, "b", seeded, EVENING)
    assert a["entries"] and a["checkins"] and a["sessions"] and a["exercise_runs"]
    for kind in a:
        assert a[kind] == b[kind], kind
    # Every row reads as written on the demo's day, not at the wall-clock time.
    start = datetime(2025, 6, 15, tzinfo=LONDON)
    assert all(datetime.fromisoformat(s) <= start for s in _stamps(a))

    other = _records(tmp_path, monkeypatch, "c", ["--seed", "8", "--years", "1"], MORNING)
    assert other["checkins"] != a["checkins"] and other["entries"] != a["entries"]


def test_without_a_seed_each_demo_gets_fresh_uids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, fast_kdf, no_keyring
) -> None:
    a = _records(tmp_path, monkeypatch, "a", [], MORNING)
    b = _records(tmp_path, monkeypatch, "b", [], MORNING)
    assert {s["uid"] for s in a["sessions"]}.isdisjoint(s["uid"] for s in b["sessions"])
