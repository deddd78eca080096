"""`integrate measure add/list`: scores, crisis lines on stderr, bad input stores nothing."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_USAGE

PASS = "cli passphrase"


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    stdin: str = PASS + "\n",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def vault_dir(tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring) -> Path:  # noqa: ANN001
    folder = tmp_path / "v"
    code, _out, _err = run(
        monkeypatch, capsys, ["init", "--data-dir", str(folder), "--passphrase-stdin"]
    )
    assert code == 0
    return folder


def add(monkeypatch, capsys, folder: Path, *extra: str) -> tuple[int, str, str]:  # noqa: ANN001
    return run(
        monkeypatch,
        capsys,
        ["measure", "add", *extra, "--data-dir", str(folder), "--passphrase-stdin"],
    )


def listed(monkeypatch, capsys, folder: Path) -> list[dict]:  # noqa: ANN001
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["measure", "list", "--json", "--data-dir", str(folder), "--passphrase-stdin"],
    )
    assert code == 0
    return json.loads(out)


def test_add_prints_score_and_lists(vault_dir: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, err = add(
        monkeypatch,
        capsys,
        vault_dir,
        "gad7",
        "--answers",
        "1,2,1,2,1,2,1",
        "--at",
        "2025-03-14T09:30:00+00:00",
    )
    assert code == 0, err
    assert "Total: 10 of 21" in out and "moderate" in out
    assert err == ""
    code, out, err = add(
        monkeypatch, capsys, vault_dir, "pcl5_week", "--json", "--answers", ",".join(["2"] * 20)
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == 40
    assert data["subscales"] == {"B": 10, "C": 4, "D": 14, "E": 12}
    assert "provisional_dsm5_pattern" in data["flags"]  # machine-readable: kept
    assert data["crisis_shown"] is False
    rows = listed(monkeypatch, capsys, vault_dir)
    assert [r["instrument"] for r in rows] == ["gad7", "pcl5_week"]
    assert rows[0]["taken_at"].startswith("2025-03-14T09:30")
    code, out, _ = run(
        monkeypatch, capsys, ["measure", "list", "--data-dir", str(vault_dir), "--passphrase-stdin"]
    )
    assert code == 0 and "GAD-7" in out and "PCL-5 (past week)" in out and "40/80" in out


def test_crisis_answer_prints_lines_and_not_monitored_on_stderr(
    vault_dir: Path, monkeypatch, capsys
) -> None:  # noqa: ANN001
    code, out, err = add(monkeypatch, capsys, vault_dir, "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert code == 0
    assert "Nobody monitors this app" in err
    # No country chosen: never another country's numbers, the international route instead.
    assert "No country is set" in err and "findahelpline.com" in err
    assert "988" not in err and "911" not in err
    assert "Nobody monitors" not in out and "Total: 1 of 27" in out
    assert listed(monkeypatch, capsys, vault_dir)[0]["crisis_shown"] is True


def test_crisis_lines_follow_an_older_journals_vault_country(
    vault_dir: Path, monkeypatch, capsys, fast_kdf
) -> None:  # noqa: ANN001
    from integrate.paths import VaultPaths
    from integrate.vault.vault import unlock_with_passphrase

    result = unlock_with_passphrase(VaultPaths(vault_dir), PASS, take_lock=True)
    assert result.vault is not None
    result.vault.set_setting("crisis_country", "GB")
    result.vault.close()
    code, _out, err = add(
        monkeypatch, capsys, vault_dir, "phq9", "--answers", "0,0,0,0,0,0,0,0,2,1"
    )
    assert code == 0
    assert "116 123" in err and "988" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["phq9", "--answers", "0,1,2"], "needs 9 answers"),
        (["phq9", "--answers", "0,1,2,3,0,1,2,3,4"], "it must be 0-3"),
        (["phq9", "--answers", "0,1,x,3,0,1,2,3,0"], "whole numbers"),
        (["bdi", "--answers", "0"], "Unknown instrument 'bdi'"),
        (["gad7", "--answers", "0,0,0,0,0,0,0", "--at", "last tuesday"], "not a date"),
        (["gad7", "--answers", "0,0,0,0,0,0,0", "--at", "2999-01-01"], "future"),
    ],
)
def test_bad_input_exits_2_and_stores_nothing(
    vault_dir: Path, monkeypatch, capsys, args: list[str], message: str
) -> None:  # noqa: ANN001
    code, out, err = add(monkeypatch, capsys, vault_dir, *args)
    assert code == EXIT_USAGE
    assert message in err and out == ""
    assert err.count("\n") == 1
    assert listed(monkeypatch, capsys, vault_dir) == []


def test_crisis_text_for_an_unlisted_country_guesses_no_number() -> None:
    from integrate.cli.measure_cmds import crisis_text
    from integrate.core.crisis import OTHER_COUNTRY

    text = crisis_text(OTHER_COUNTRY)
    assert "Nobody monitors this app" in text
    assert "local emergency number" in text
    assert not any(ch.isdigit() for ch in text)


def test_init_with_a_country_then_a_crisis_answer_prints_that_countrys_lines(
    tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring
) -> None:  # noqa: ANN001
    folder = tmp_path / "de"
    code, out, err = run(
        monkeypatch,
        capsys,
        ["init", "--country", "DE", "--data-dir", str(folder), "--passphrase-stdin"],
    )
    assert code == 0, err
    assert (folder / "preferences.ini").read_text(encoding="utf-8").count("country=DE") == 1
    code, out, err = add(monkeypatch, capsys, folder, "phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    assert code == 0, err
    assert "Crisis lines in Germany" in err and "0800 111 0 111" in err and "112" in err
    assert "988" not in err and "911" not in err
    assert "Total: 2 of 27" in out


def test_init_with_an_unknown_country_is_a_usage_error_and_creates_nothing(
    tmp_path: Path, monkeypatch, capsys, fast_kdf, no_keyring
) -> None:  # noqa: ANN001
    folder = tmp_path / "x"
    code, out, err = run(
        monkeypatch,
        capsys,
        ["init", "--country", "XY", "--data-dir", str(folder), "--passphrase-stdin"],
    )
    assert code == EXIT_USAGE and out == ""
    assert "Unknown country code 'XY'" in err and "GB (United Kingdom)" in err and "ZZ" in err
    from integrate.paths import VaultPaths

    assert not VaultPaths(folder).exists()


def test_human_output_has_no_diagnostic_flags(vault_dir: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, err = add(
        monkeypatch, capsys, vault_dir, "pcl5_week", "--answers", ",".join(["3"] * 20)
    )
    assert code == 0, err
    assert "Total: 60 of 80" in out
    assert "provisional" not in out.lower() and "dsm" not in out.lower()
