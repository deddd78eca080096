"""`integrate session add|list` and `integrate schedule`, run in-process on real vaults."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.paths import VaultPaths
from integrate.vault.instance_lock import InstanceLock
from integrate.vault.vault import create_vault, unlock_with_passphrase

PASS = "pass phrase here"


@pytest.fixture
def data_dir(tmp_path: Path, fast_kdf: None) -> Path:
    root = tmp_path / "v"
    create_vault(VaultPaths(root), keystore=None, passphrase=PASS).vault.close()
    return root


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n" + stdin))
    code = main([*argv, "--data-dir", str(data_dir), "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def counts(data_dir: Path) -> dict[str, int]:
    result = unlock_with_passphrase(VaultPaths(data_dir), PASS, take_lock=False)
    assert result.vault is not None
    with result.vault as vault:
        return vault.counts()


def test_add_with_intention_then_list_and_schedule(monkeypatch, capsys, data_dir: Path) -> None:
    code, out, err = run(
        monkeypatch,
        capsys,
        data_dir,
        "session",
        "add",
        "--at",
        "2024-05-06T09:30",
        "--tz",
        "Europe/Berlin",
        "--route",
        "IV",
        "--dose",
        "0.5",
        "--unit",
        "mg/kg",
        "--setting",
        "clinic",
        "--bp-before",
        "124/80",
        "--series",
        "Initial series",
        "--intention-stdin",
        "--json",
        stdin="Be kind to myself.\nAnd curious.\n",
    )
    assert code == 0, err
    stored = json.loads(out)
    assert stored["intention"] == "Be kind to myself.\nAnd curious."
    assert stored["at"] == "2024-05-06T09:30:00+02:00" and stored["route"] == "iv"
    assert stored["bp_before"] == "124/80"
    code, out, err = run(monkeypatch, capsys, data_dir, "session", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["series"] == "Initial series"
    assert rows[0]["dose"] == 0.5 and rows[0]["unit"] == "mg/kg"
    code, out, err = run(
        monkeypatch,
        capsys,
        data_dir,
        "schedule",
        "--json",
        "--from",
        "2024-05-06",
        "--to",
        "2024-05-08",
    )
    assert code == 0, err
    checkins = json.loads(out)
    phases = [c["phase"] for c in checkins]
    assert phases == ["same_day", "day_1", "day_2"]  # day 3 is after --to
    for c in checkins:
        due = datetime.fromisoformat(c["due_at"])
        assert due.utcoffset() is not None  # ISO 8601 with an offset
        assert c["state"] in {"due", "missed"}
        assert c["session"] == stored["uid"]
    same_day = datetime.fromisoformat(checkins[0]["due_at"])
    assert same_day == datetime.fromisoformat("2024-05-06T11:30:00+02:00")


def test_series_is_reused_and_planned_session_gets_preparation(
    monkeypatch, capsys, data_dir: Path
) -> None:
    for when in ("2024-05-06T09:30+02:00", "2030-01-10T10:00+01:00"):
        extra = ["--planned"] if when.startswith("2030") else []
        code, _, err = run(
            monkeypatch,
            capsys,
            data_dir,
            "session",
            "add",
            "--at",
            when,
            "--tz",
            "Europe/Berlin",
            "--route",
            "sublingual",
            "--series",
            "initial SERIES",
            *extra,
        )
        assert code == 0, err
    assert counts(data_dir)["series"] == 1
    code, out, _ = run(monkeypatch, capsys, data_dir, "schedule", "--json", "--from", "2030-01-01")
    rows = json.loads(out)
    assert [r["phase"] for r in rows] == ["preparation"]
    assert rows[0]["state"] == "due"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "yesterday", "--route", "iv"], "not a date and time"),
        (["--at", "2024-05-06T09:30", "--route", "by mouth"], "Unknown route"),
        (["--at", "2024-05-06T09:30"], "--route"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--dose", "0.5"], "unit"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--dose", "-1", "--unit", "mg"], "above 0"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--bp-after", "120-80"], "120/80"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--bp-after", "80/120"], "unlikely"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--setting", "car"], "Unknown setting"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--distress", "11"], "0 to 10"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--tz", "Mars/Olympus"], "time zone"),
        (["--at", "2024-05-06T09:30", "--route", "iv", "--series", "  "], "series name"),
        (["--at", "2099-05-06T09:30", "--route", "iv"], "--planned"),
        (["--at", "2099-05-06T09:30", "--kind", "therapy"], "in the future"),
    ],
)
def test_bad_input_exits_2_and_stores_nothing(
    monkeypatch, capsys, data_dir: Path, args: list[str], message: str
) -> None:
    code, _, err = run(monkeypatch, capsys, data_dir, "session", "add", *args)
    assert code == 2
    assert message in err
    assert counts(data_dir)["sessions"] == 0 and counts(data_dir)["checkins"] == 0


def test_schedule_bad_dates(monkeypatch, capsys, data_dir: Path) -> None:
    code, _, err = run(monkeypatch, capsys, data_dir, "schedule", "--from", "May 5")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(
        monkeypatch, capsys, data_dir, "schedule", "--from", "2024-05-05", "--to", "2024-05-01"
    )
    assert code == 2 and "before" in err


def test_schedule_reads_without_syncing_while_the_app_holds_the_lock(
    monkeypatch, capsys, data_dir: Path
) -> None:
    code, _, err = run(
        monkeypatch, capsys, data_dir, "session", "add", "--at", "2024-05-06T09:30", "--route", "iv"
    )
    assert code == 0, err
    with InstanceLock(VaultPaths(data_dir).lock, role="app"):
        code, out, err = run(monkeypatch, capsys, data_dir, "schedule", "--json")
        assert code == 0
        assert "app has the journal open" in err
        assert len(json.loads(out)) >= 4
        # And adding refuses rather than racing the app.
        code, _, err = run(
            monkeypatch,
            capsys,
            data_dir,
            "session",
            "add",
            "--at",
            "2024-05-08T09:30",
            "--route",
            "iv",
        )
        assert code == 5


def test_list_empty(monkeypatch, capsys, data_dir: Path) -> None:
    code, out, _ = run(monkeypatch, capsys, data_dir, "session", "list")
    assert code == 0 and "No sessions yet" in out
