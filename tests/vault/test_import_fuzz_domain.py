"""Fuzz import-json at the domain level (issue 15): whatever it accepts, every command handles.

Hypothesis builds import files that look valid (a real export, trimmed) with hostile
values put in: unknown time zones, wrong answer counts, out-of-range answers, a safety
plan as a string, year-1 and year-9999 dates, emoji, right-to-left and markup text,
escape sequences, huge text, NaN, negative and huge numbers. A file is either refused
(ImportRejected, journal unchanged) or, once imported into a real SQLCipher vault,
listed, searched, scheduled and exported to PDF, JSON and Markdown without an
exception, and the JSON export passes the importer's checks again.
On main, files with an unknown zone, bad answers, a string plan or a year-1 entry were
accepted and then broke the schedule, export-pdf or export-markdown.
"""

from __future__ import annotations

import copy
import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from integrate.paths import VaultPaths
from integrate.vault.export_json import export_data, export_json_bytes
from integrate.vault.import_json import ImportRejected, import_data, parse_export

HOSTILE: list[Any] = [
    "Mars/Olympus",
    "",
    "../../etc/passwd",
    "Europe/Berlin",
    [1, 2],
    [9] * 9,
    [-1] * 9,
    [None] * 9,
    ["a"] * 9,
    {"a": 1},
    "just a string",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00",
    "1900-01-01T00:00:00+14:00",
    "2200-12-31T23:59:59-12:00",
    "2024-02-30T10:00:00+00:00",
    "0001-01-01",
    "2024-05-01",
    "\U0001f600\u200d\U0001f469" * 50,
    "\u202e\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "<b>bold</b> &amp; <script>alert(1)</script> <img src=x>",
    "# heading\n---\n```\n| a | b |\n[link](javascript:x)",
    "\x1b[31mred\x1b[0m\x07\r\x08",
    "x" * 2_001,
    "word " * 8_000,
    math.nan,
    math.inf,
    -1,
    -0.5,
    0,
    11,
    2**60,
    1e300,
    True,
    None,
]

TYPES = [
    "series",
    "sessions",
    "checkins",
    "entries",
    "measures",
    "crisis_screens",
    "exercise_runs",
    "shares",
    "safety_plan",
]


@pytest.fixture(scope="module")
def base_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export, trimmed to a few records of each type with their links intact."""
    from integrate.core.safety import PlanContact, SafetyPlan
    from integrate.demo import populate_demo
    from integrate.vault.safety_plan import SafetyPlanRepository
    from integrate.vault.vault import create_vault

    root = tmp_path_factory.mktemp("base") / "v"
    vault = create_vault(VaultPaths(root), keystore=None, passphrase="fuzz pass 1").vault
    populate_demo(vault, seed=3)
    SafetyPlanRepository(vault.conn).save(
        SafetyPlan(reasons_for_living=["my dog"], professionals=[PlanContact("Dr A", "123")])
    )
    data = export_data(vault.conn)
    vault.close()
    records = data["records"]
    records["sessions"] = records["sessions"][:3]
    kept = {s["uid"] for s in records["sessions"]}
    records["checkins"] = [c for c in records["checkins"] if c["session_uid"] in kept][:4]
    checkins = {c["uid"] for c in records["checkins"]}
    entries = records["entries"][:4]
    for entry in entries:
        entry["flagged"] = True
        if entry["session_uid"] not in kept:
            entry["session_uid"] = None
        if entry["checkin_uid"] not in checkins:
            entry["checkin_uid"] = None
    records["entries"] = entries
    records["measures"] = records["measures"][:4]
    records["exercise_runs"] = records["exercise_runs"][:3]
    # Issue 17's records: a few of each, after-effects only for the sessions kept.
    records["after_effects"] = [
        a for a in records.get("after_effects", []) if a["session_uid"] in kept
    ][:3]
    for kind in ("sleep_diary", "substances", "medication_changes"):
        records[kind] = records.get(kind, [])[:3]
    records["shares"] = [
        {
            "uid": "share1",
            "created_at": "2024-05-01T10:00:00+00:00",
            "period_from": "2024-04-01",
            "period_to": "2024-05-01",
            "recipient": "",
            "file_name": "summary.pdf",
            "password": False,
            "content": {},
            "items": [{"type": "entry", "uid": entries[0]["uid"]}],
        }
    ]
    records["crisis_screens"] = [
        {
            "uid": "crisis1",
            "instrument": "phq9",
            "shown_at": "2024-05-01T10:00:00+00:00",
            "created_at": "2024-05-01T10:00:00+00:00",
        }
    ]
    return data


@st.composite
def hostile_files(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    data = copy.deepcopy(base)
    records = data["records"]
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(TYPES))
        value = draw(st.sampled_from(HOSTILE) | st.text(max_size=12) | st.integers(-50, 50))
        if kind == "safety_plan":
            plan = records["safety_plan"]
            section = draw(
                st.sampled_from(["data", "warning_signs", "professionals", "reasons_for_living"])
            )
            if section == "data":
                plan["data"] = value
            elif isinstance(plan["data"], dict):
                plan["data"][section] = draw(st.sampled_from([value, [value], [{"name": value}]]))
            continue
        items = records[kind]
        if not items:
            continue
        record = items[draw(st.integers(0, len(items) - 1))]
        name = draw(st.sampled_from(sorted(record)))
        if name in ("uid", "series_uid", "session_uid", "checkin_uid"):
            continue  # links are the importer's other checks, fuzzed in test_export_import
        record[name] = value
    return json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8")


def _exercise_everything(vault: Any, tmp: Path) -> None:
    """Every reader a patient can reach: list, search, schedule, Today's questions, exports."""
    from integrate.share.gather import ShareSelection, candidates, gather_share, resolve_period
    from integrate.share.qtapp import ensure_qt_app
    from integrate.share.save import save_share
    from integrate.vault.checkins import CheckinRepository, sync
    from integrate.vault.entries import (
        EntryRepository,
        JournalFilter,
        count_matching,
        list_page,
        session_infos,
    )
    from integrate.vault.exercise_runs import ExerciseRunRepository
    from integrate.vault.export_markdown import export_markdown
    from integrate.vault.measures import MeasureRepository
    from integrate.vault.sessions import SessionRepository
    from integrate.vault.shares import ShareRepository

    entries = EntryRepository(vault.conn)
    entries.list_recent(500)
    for query in ("word", "x*", '"bold"', "\U0001f600"):
        entries.search(query)
        list_page(vault.conn, JournalFilter(query=query), limit=20)
    list_page(vault.conn, JournalFilter(), limit=50)
    count_matching(vault.conn, JournalFilter(flagged_only=True))
    session_infos(vault.conn)
    sessions = SessionRepository(vault.conn)
    sessions.list()
    sessions.list_series()
    measures = MeasureRepository(vault.conn)
    measures.list()
    measures.due(date.today())
    measures.upcoming(date.today())
    measures.crisis_screens()
    ExerciseRunRepository(vault.conn).list_runs()
    ShareRepository(vault.conn).list()
    sync(vault)
    CheckinRepository(vault.conn).query()

    parse_export(export_json_bytes(vault.conn))  # the export passes the import's checks
    export_markdown(vault.conn, tmp / "md")

    ensure_qt_app()
    selection = ShareSelection(
        period_kind="dates",
        date_from=date(1900, 1, 1),
        date_to=date(2200, 12, 31),
        include_what_helps=True,
        include_safety_plan=True,
        include_item9=True,
        include_intentions=True,
    )
    period = resolve_period(vault, selection)
    found = candidates(vault, period)
    selection.entry_uids = [c.uid for c in found if c.kind == "entry"]
    selection.checkin_uids = [c.uid for c in found if c.kind == "checkin"]
    gathered = gather_share(vault, selection, now=datetime.now().astimezone())
    save_share(vault, gathered, selection, tmp / "summary.pdf", overwrite=True)
    assert (tmp / "summary.pdf").read_bytes().startswith(b"%PDF")


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_import_accepts_every_command_handles(
    data: st.DataObject, base_export: dict[str, Any], tmp_path_factory, fast_kdf: None
) -> None:
    from integrate.vault.vault import create_vault

    raw = data.draw(hostile_files(base_export))
    tmp = tmp_path_factory.mktemp("fuzz")
    vault = create_vault(VaultPaths(tmp / "v"), keystore=None, passphrase="fuzz pass 1").vault
    try:
        try:
            import_data(vault.conn, parse_export(raw))
        except ImportRejected:
            count = vault.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            assert count == 0  # all or nothing
            event("refused")
            return
        event("accepted")
        _exercise_everything(vault, tmp)
    finally:
        vault.close()


def test_the_base_file_itself_imports_and_works(
    base_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    from integrate.vault.vault import create_vault

    vault = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="fuzz pass 1").vault
    with vault:
        summary = import_data(vault.conn, json.loads(json.dumps(base_export)))
        assert summary.total_added > 10
        _exercise_everything(vault, tmp_path)
