"""`integrate log effects|sleep|substance|medication|list` on real vaults: every verb,
--json output, and out-of-range values exit 2 naming the field with nothing stored."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_USAGE

PASS = "cli passphrase"


def run(monkeypatch, capsys, args: list[str], stdin: str = PASS + "\n"):  # noqa: ANN001, ANN201
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


def log(monkeypatch, capsys, folder: Path, *extra: str, stdin: str = PASS + "\n"):  # noqa: ANN001, ANN201
    return run(
        monkeypatch,
        capsys,
        ["log", *extra, "--data-dir", str(folder), "--passphrase-stdin"],
        stdin=stdin,
    )


def listed(monkeypatch, capsys, folder: Path, *extra: str) -> list[dict]:  # noqa: ANN001
    code, out, err = log(monkeypatch, capsys, folder, "list", "--json", *extra)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def session_uid(vault_dir: Path, monkeypatch, capsys) -> str:  # noqa: ANN001
    code, out, err = run(
        monkeypatch,
        capsys,
        [
            "session",
            "add",
            "--at",
            "2025-03-10T09:30",
            "--route",
            "iv",
            "--json",
            "--data-dir",
            str(vault_dir),
            "--passphrase-stdin",
        ],
    )
    assert code == 0, err
    return str(json.loads(out)["uid"])


def test_effects_with_note_from_stdin(vault_dir, session_uid, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "effects",
        "--session",
        session_uid,
        "--at",
        "2025-03-10T12:00",
        "--dissociation",
        "6",
        "--nausea",
        "2",
        "--headache",
        "0",
        "--dizziness",
        "3",
        "--anxiety",
        "1",
        "--note-stdin",
        "--json",
        stdin=PASS + "\nA dull ache behind the eyes\nthat eased by the evening.\n",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["session"] == session_uid
    assert (data["dissociation"], data["nausea"], data["headache"]) == (6, 2, 0)
    assert data["note"] == "A dull ache behind the eyes\nthat eased by the evening."
    assert data["unreal_24h"] is None
    code, out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "effects",
        "--session",
        session_uid,
        "--at",
        "2025-03-11T10:00",
        "--unreal",
        "4",
    )
    assert code == 0, err
    assert out.startswith("Logged after-effects")
    rows = listed(monkeypatch, capsys, vault_dir, "--kind", "effects")
    assert [r["at"][:16] for r in rows] == ["2025-03-10T12:00", "2025-03-11T10:00"]
    assert rows[1]["unreal_24h"] is True and rows[1]["unreal"] == 4
    code, out, _ = log(monkeypatch, capsys, vault_dir, "list", "--kind", "effects")
    assert "dissociation 6" in out and "unreal next day 4" in out


def test_sleep_logs_and_a_second_entry_for_the_day_updates_it(
    vault_dir, monkeypatch, capsys
) -> None:  # noqa: ANN001
    code, out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "sleep",
        "--date",
        "2025-03-11",
        "--hours",
        "6.5",
        "--quality",
        "4",
        "--nightmares",
        "2",
        "--nightmare-distress",
        "7",
        "--wakings",
        "3",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data == {
        "kind": "sleep",
        "uid": data["uid"],
        "date": "2025-03-11",
        "hours": 6.5,
        "quality": 4,
        "nightmares": 2,
        "nightmare_distress": 7,
        "wakings": 3,
    }
    code, out, err = log(
        monkeypatch, capsys, vault_dir, "sleep", "--date", "2025-03-11", "--hours", "7"
    )
    assert code == 0 and out.startswith("Updated sleep for 2025-03-11"), err
    rows = listed(monkeypatch, capsys, vault_dir, "--kind", "sleep")
    assert len(rows) == 1 and rows[0]["hours"] == 7.0 and rows[0]["uid"] == data["uid"]


def test_substance_and_medication_then_list_by_kind_and_dates(
    vault_dir, monkeypatch, capsys
) -> None:  # noqa: ANN001
    code, out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "substance",
        "--name",
        "Wine",
        "--amount",
        "2 glasses",
        "--at",
        "2025-03-12T20:00",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["name"], data["substance_kind"], data["amount"]) == (
        "Wine",
        "alcohol",
        "2 glasses",
    )
    code, out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "medication",
        "--name",
        "Sertraline",
        "--change",
        "dose",
        "--dose",
        "100 mg daily",
        "--at",
        "2025-03-14T08:00",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["change"] == "dose"
    assert [r["kind"] for r in listed(monkeypatch, capsys, vault_dir)] == [
        "substance",
        "medication",
    ]
    assert [r["kind"] for r in listed(monkeypatch, capsys, vault_dir, "--kind", "medication")] == [
        "medication"
    ]
    only_12th = listed(monkeypatch, capsys, vault_dir, "--from", "2025-03-12", "--to", "2025-03-13")
    assert [r["name"] for r in only_12th] == ["Wine"]
    code, out, _ = log(monkeypatch, capsys, vault_dir, "list")
    assert "substance   Wine (2 glasses)" in out and "Sertraline: dose 100 mg daily" in out


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["sleep", "--hours", "25"], "--hours"),
        (["sleep", "--hours", "-1"], "--hours"),
        (["sleep", "--hours", "lots"], "--hours"),
        (["sleep", "--hours", "7", "--quality", "11"], "--quality"),
        (["sleep", "--hours", "7", "--nightmare-distress", "-1"], "--nightmare-distress"),
        (["sleep", "--hours", "7", "--nightmares", "-2"], "--nightmares"),
        (["sleep", "--hours", "7", "--wakings", "x"], "--wakings"),
        (["sleep", "--hours", "7", "--date", "2025-13-01"], "--date"),
        (["substance", "--name", "  "], "--name"),
        (["medication", "--name", "X", "--change", "paused"], "--change"),
        (["substance", "--name", "tea", "--at", "yesterday"], "--at"),
    ],
)
def test_out_of_range_exits_2_naming_the_field_and_stores_nothing(
    vault_dir, monkeypatch, capsys, args: list[str], flag: str
) -> None:  # noqa: ANN001
    code, out, err = log(monkeypatch, capsys, vault_dir, *args)
    assert code == EXIT_USAGE
    assert err.startswith(f"integrate: {flag}:"), err
    assert out == ""
    assert listed(monkeypatch, capsys, vault_dir) == []


@pytest.mark.parametrize(
    ("rating", "value"),
    [
        ("dissociation", "11"),
        ("nausea", "-1"),
        ("headache", "12"),
        ("dizziness", "x"),
        ("anxiety", "99"),
        ("unreal", "11"),
    ],
)
def test_effects_rating_out_of_range_exits_2(
    vault_dir, session_uid, monkeypatch, capsys, rating: str, value: str
) -> None:  # noqa: ANN001
    code, _out, err = log(
        monkeypatch, capsys, vault_dir, "effects", "--session", session_uid, f"--{rating}", value
    )
    assert code == EXIT_USAGE and err.startswith(f"integrate: --{rating}:"), err
    assert listed(monkeypatch, capsys, vault_dir) == []


def test_effects_for_an_unknown_session_exits_2(vault_dir, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, _out, err = log(
        monkeypatch, capsys, vault_dir, "effects", "--session", "nosuchsession", "--nausea", "2"
    )
    assert code == EXIT_USAGE and err.startswith("integrate: --session:"), err
    assert listed(monkeypatch, capsys, vault_dir) == []


def test_list_empty_and_bad_range(vault_dir, monkeypatch, capsys) -> None:  # noqa: ANN001
    code, out, _ = log(monkeypatch, capsys, vault_dir, "list")
    assert code == 0 and out.strip() == "Nothing logged in this period."
    code, _out, err = log(
        monkeypatch, capsys, vault_dir, "list", "--from", "2025-03-02", "--to", "2025-03-01"
    )
    assert code == EXIT_USAGE and "--to" in err


def test_search_lists_matching_after_effect_notes(
    vault_dir, session_uid, monkeypatch, capsys
) -> None:  # noqa: ANN001
    code, _out, err = log(
        monkeypatch,
        capsys,
        vault_dir,
        "effects",
        "--session",
        session_uid,
        "--nausea",
        "3",
        "--note-stdin",
        stdin=PASS + "\nQueasy until the peppermint tea.\n",
    )
    assert code == 0, err
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["search", "peppermint", "--data-dir", str(vault_dir), "--passphrase-stdin"],
    )
    assert code == 0
    assert "After-effects note" in out and "peppermint" in out
