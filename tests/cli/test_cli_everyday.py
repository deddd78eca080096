"""Command-line fixes from the everyday-use walkthrough (issue 18), on real vaults."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_FAILURE, EXIT_USAGE
from integrate.paths import VaultPaths
from integrate.vault.vault import create_vault

PASS = "pass phrase here"
# 26 PCL-5 style answers are 20 items; PHQ-9 has 9; GAD-7 has 7.
ANSWERS = {"PHQ-9": "1," * 8 + "0", "GAD-7": "1," * 6 + "1", "PCL-5": "1," * 19 + "1"}


@pytest.fixture
def data_dir(tmp_path: Path, fast_kdf: None) -> Path:
    root = tmp_path / "v"
    create_vault(VaultPaths(root), keystore=None, passphrase=PASS).vault.close()
    return root


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's zone is New York; it is winter (EST, -05:00) as the test runs or not."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    *argv: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code = main([*argv, "--data-dir", str(data_dir), "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", ["PHQ-9", "GAD-7", "PCL-5", "phq9", "pcl-5-week"])
def test_measure_add_accepts_the_names_the_readme_uses(
    monkeypatch, capsys, data_dir: Path, name: str
) -> None:
    answers = ANSWERS.get(name.upper(), ANSWERS["PCL-5"] if "pcl" in name else ANSWERS["PHQ-9"])
    code, out, err = run(
        monkeypatch, capsys, data_dir, "measure", "add", name, "--answers", answers
    )
    assert code == 0, err
    assert "Total:" in out
    code, out, _ = run(monkeypatch, capsys, data_dir, "measure", "list", "--json")
    expected = {
        "PHQ-9": "phq9",
        "GAD-7": "gad7",
        "PCL-5": "pcl5_month",
        "phq9": "phq9",
        "pcl-5-week": "pcl5_week",
    }[name]
    assert [row["instrument"] for row in json.loads(out)] == [expected]


def test_measure_add_unknown_name_is_a_usage_error(monkeypatch, capsys, data_dir: Path) -> None:
    code, _, err = run(monkeypatch, capsys, data_dir, "measure", "add", "BDI", "--answers", "1")
    assert code == EXIT_USAGE and "Unknown instrument 'BDI'" in err


def test_schedule_prints_each_time_with_the_offset_of_its_own_date(
    monkeypatch, capsys, data_dir: Path, new_york: None
) -> None:
    # A session in New York on the other side of a DST change from today: its Day 1
    # check-in is at 10:00 with that date's offset. The old code used today's offset
    # (10:00 EDT printed as 09:00-05:00 in winter).
    summer_now = bool(datetime.now(ZoneInfo("America/New_York")).dst())
    day, offset = ("2026-01-07", "-05:00") if summer_now else ("2026-07-07", "-04:00")
    session_day = day[:-1] + "6"
    code, _, err = run(
        monkeypatch, capsys, data_dir, "session", "add", "--at", f"{session_day}T08:00",
        "--tz", "America/New_York", "--route", "IV",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(monkeypatch, capsys, data_dir, "schedule", "--from", day, "--to", day)
    assert code == 0, err
    assert out.startswith(f"{day}T10:00:00{offset}  day_1"), out
    code, out, _ = run(monkeypatch, capsys, data_dir, "schedule", "--json", "--from", day)
    assert json.loads(out)[0]["due_at"] == f"{day}T10:00:00{offset}"


def test_schedule_says_upcoming_for_the_future(monkeypatch, capsys, data_dir: Path) -> None:
    code, _, err = run(
        monkeypatch, capsys, data_dir, "session", "add", "--at", "2031-01-10T10:00+01:00",
        "--tz", "Europe/Berlin", "--route", "IV", "--planned",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(monkeypatch, capsys, data_dir, "schedule", "--from", "2031-01-01")
    assert code == 0, err
    assert out.rstrip().endswith("upcoming") and "preparation" in out
    code, out, _ = run(monkeypatch, capsys, data_dir, "schedule", "--json", "--from", "2031-01-01")
    assert json.loads(out)[0]["state"] == "due"  # the JSON keeps the stored state


@pytest.mark.parametrize("query", ["", "   ", '""', "*"])
def test_an_empty_search_is_a_usage_error(monkeypatch, capsys, data_dir: Path, query: str) -> None:
    code, out, err = run(monkeypatch, capsys, data_dir, "search", query)
    assert code == EXIT_USAGE and out == ""
    assert "Nothing to search for" in err


def test_check_on_a_missing_journal_says_what_other_verbs_say(
    monkeypatch, capsys, tmp_path: Path
) -> None:
    missing = tmp_path / "nothing-here"
    code_check, _, err_check = run(monkeypatch, capsys, missing, "check")
    code_list, _, err_list = run(monkeypatch, capsys, missing, "session", "list")
    assert code_check == code_list == EXIT_FAILURE
    assert err_check == err_list
    assert "No journal found in" in err_check
    assert not missing.exists()  # nothing created


def test_export_pdf_help_wraps_to_the_terminal(monkeypatch, capsys) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as exit_info:
        main(["export-pdf", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Save a summary for your therapist" in out
    assert "\n\nStandard input:" in out  # the epilog's paragraphs are kept
