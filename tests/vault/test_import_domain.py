"""Import refuses values that later break the app (issue 15, finding 5), naming the record.

Each case failed on main before the domain rules: the file was imported and a later
command (schedule, export-pdf, export-markdown) raised. Now the whole file is refused,
the message names the record, and the journal is unchanged.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from integrate.paths import VaultPaths
from integrate.vault.export_json import export_data
from integrate.vault.import_json import ImportRejected, import_data
from integrate.vault.record_checks import DOMAIN_CHECKS
from integrate.vault.vault import Vault, create_vault
from tests.vault.test_export_import import content_digest

Mutation = Callable[[dict[str, Any]], None]


def _new_vault(root: Path) -> Vault:
    return create_vault(VaultPaths(root), keystore=None, passphrase="vault pass 1").vault


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from integrate.demo import populate_demo

    vault = _new_vault(tmp_path_factory.mktemp("demo") / "v")
    populate_demo(vault)
    from integrate.core.safety import PlanContact, SafetyPlan
    from integrate.vault.safety_plan import SafetyPlanRepository

    SafetyPlanRepository(vault.conn).save(
        SafetyPlan(warning_signs=["tight chest"], professionals=[PlanContact("Dr A", "123")])
    )
    data = export_data(vault.conn)
    vault.close()
    return data


def _set(kind: str, name: str, value: Any, index: int = 0) -> Mutation:
    def apply(records: dict[str, Any]) -> None:
        records[kind][index][name] = value

    return apply


def _plan(value: Any) -> Mutation:
    def apply(records: dict[str, Any]) -> None:
        records["safety_plan"]["data"] = value

    return apply


def _first_of(instrument: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda records: next(m for m in records["measures"] if m["instrument"] == instrument)


def _measure(which: str, **changes: Any) -> Mutation:
    def apply(records: dict[str, Any]) -> None:
        record = _first_of(which)(records)
        for name, value in changes.items():
            record[name] = value(record[name]) if callable(value) else value

    return apply


CASES: list[tuple[str, Mutation, str]] = [
    ("unknown tz", _set("sessions", "tz", "Mars/Olympus"), "not a known IANA time zone"),
    ("path as tz", _set("sessions", "tz", "../../etc/passwd"), "not a known IANA time zone"),
    ("empty tz", _set("sessions", "tz", ""), "not a known IANA time zone"),
    ("answers too few", _measure("phq9", answers=[1, 2]), "PHQ-9 needs 9 answers"),
    (
        "answer out of range",
        _measure("phq9", answers=lambda a: [7, *a[1:]]),
        "not one of its answers",
    ),
    ("negative answer", _measure("phq9", answers=lambda a: [-1, *a[1:]]), "not one of"),
    ("answer as text", _measure("phq9", answers=lambda a: ["2", *a[1:]]), "not a whole number"),
    ("answers an object", _measure("phq9", answers={"a": 1}), "not a list"),
    ("total mismatch", _measure("phq9", total=lambda t: t + 1), "not the total"),
    ("unknown instrument", _measure("phq9", instrument="bdi2"), "not one this version knows"),
    ("result not object", _measure("phq9", result="x"), "result must be an object"),
    ("plan as string", _plan("just a string"), "data must be an object"),
    ("plan section not list", _plan({"warning_signs": "x"}), "must be a list"),
    ("plan contact numbers", _plan({"professionals": [{"name": 1}]}), "neither text"),
    ("entry year 1", _set("entries", "created_at", "0001-01-01T00:00:00+00:00"), "1900 to 2200"),
    ("session year 9999", _set("sessions", "at", "9999-01-01T00:00:00+00:00"), "1900 to 2200"),
    ("series day 1800", _set("series", "started_on", "1800-01-01"), "1900 to 2200"),
    ("checkin unknown phase", _set("checkins", "phase", "day_99"), "phase is 'day_99'"),
    ("checkin prompts string", _set("checkins", "prompt_ids", "abc"), "prompt_ids"),
    ("negative mood", _set("checkins", "mood", -1), "mood is -1"),
    ("negative dose", _set("sessions", "dose", -0.5), "dose is -0.5"),
    ("support person 7", _set("sessions", "support_person", 7), "support_person"),
    ("negative duration", _set("exercise_runs", "duration_s", -3), "duration_s"),
    ("run answers shape", _set("exercise_runs", "answers", [{"step": "x"}]), "answers must be"),
    ("share period text", _set("shares", "period_from", "last week"), "period_from"),
    ("huge title", _set("entries", "title", "x" * 2_001), "at most 2,000 characters"),
]


@pytest.mark.parametrize("mutate, reason", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_domain_errors_refuse_the_whole_file_naming_the_record(
    mutate: Mutation, reason: str, demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    data = copy.deepcopy(demo_export)
    if not data["records"]["shares"]:
        data["records"]["shares"] = [_a_share()]
    mutate(data["records"])
    vault = _new_vault(tmp_path / "v")
    before = content_digest(vault)
    with pytest.raises(ImportRejected, match=reason) as caught:
        import_data(vault.conn, json.loads(json.dumps(data)))
    message = str(caught.value)
    assert message.startswith(("Record ", "The safety plan")), message
    assert "uid " in message or "safety plan" in message  # the record is named
    assert content_digest(vault) == before
    vault.close()


def _a_share() -> dict[str, Any]:
    return {
        "uid": "share1",
        "created_at": "2024-05-01T10:00:00+00:00",
        "period_from": "2024-04-01",
        "period_to": "2024-05-01",
        "recipient": "",
        "file_name": "summary.pdf",
        "password": False,
        "content": {},
        "items": [],
    }


def test_valid_values_at_the_edges_still_import(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    data = copy.deepcopy(demo_export)
    records = data["records"]
    records["sessions"][0]["tz"] = "America/Argentina/Buenos_Aires"
    records["sessions"][0]["dose"] = 0
    records["entries"][0]["created_at"] = "1900-01-01T12:00:00+00:00"
    records["entries"][1]["created_at"] = "2200-12-31T00:00:00+00:00"
    records["entries"][2]["title"] = "\u202eRTL \U0001f600 <b>markup</b> & \x1b[31m"
    # A newer app's extra plan section is kept, unknown to this version.
    records["safety_plan"]["data"]["future_section"] = {"anything": [1, 2]}
    vault = _new_vault(tmp_path / "v")
    summary = import_data(vault.conn, json.loads(json.dumps(data)))
    assert summary.total_added > 0
    vault.close()


def test_every_record_type_with_rules_is_in_the_table() -> None:
    from integrate.vault.export_json import TYPES_BY_NAME

    assert set(DOMAIN_CHECKS) <= set(TYPES_BY_NAME)
    for kind in ("sessions", "measures", "safety_plan", "checkins"):
        assert kind in DOMAIN_CHECKS


def test_cli_import_refusal_exits_2_naming_the_record(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None, monkeypatch, capsys
) -> None:
    import io
    import sys

    from integrate.cli import main

    data = copy.deepcopy(demo_export)
    data["records"]["measures"][0]["answers"] = [1, 2]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    vault = _new_vault(tmp_path / "v")
    vault.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO("vault pass 1\n"))
    code = main(["import-json", str(bad), "--data-dir", str(tmp_path / "v"), "--passphrase-stdin"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Record 1 of measures (uid " in err and "needs" in err
    assert "The journal is unchanged." in err
