"""JSON export/import: identical re-import, duplicates, and hostile input never changes the vault."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrate.core.measures import Score, get_instrument, score
from integrate.core.model import Series
from integrate.paths import VaultPaths
from integrate.vault.export_json import FORMAT_NAME, FORMAT_VERSION, export_data, export_json
from integrate.vault.export_markdown import export_markdown
from integrate.vault.import_json import (
    MAX_FILE_BYTES,
    ImportRejected,
    import_data,
    import_json,
    parse_export,
)
from integrate.vault.measures import MeasureRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault


def content_digest(vault: Vault) -> str:
    """A hash of every row of every table (FTS shadow tables included)."""
    h = hashlib.sha256()
    names = [
        r[0]
        for r in vault.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    for name in names:
        h.update(name.encode())
        for row in vault.conn.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
            h.update(repr(row).encode())
    return h.hexdigest()


def _new_vault(root: Path, demo: bool = False) -> Vault:
    vault = create_vault(VaultPaths(root), keystore=None, passphrase="vault pass 1").vault
    if demo:
        from integrate.demo import populate_demo

        populate_demo(vault)
    return vault


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    vault = _new_vault(tmp_path_factory.mktemp("demo") / "v", demo=True)
    data = export_data(vault.conn)
    vault.close()
    return data


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory, demo_export: dict[str, Any]):  # noqa: ANN201
    """One vault holding the demo data, shared by the fuzz tests (they never change it)."""
    vault = _new_vault(tmp_path_factory.mktemp("target") / "v")
    import_data(vault.conn, demo_export)
    yield vault
    vault.close()


def _strip(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    out.pop("exported_at")
    return out


def test_export_reimports_identically_into_fresh_vault(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    records = demo_export["records"]
    assert records["entries"] and records["sessions"] and records["measures"]
    assert demo_export["format"] == FORMAT_NAME and demo_export["version"] == FORMAT_VERSION
    fresh = _new_vault(tmp_path / "fresh")
    summary = import_data(fresh.conn, json.loads(json.dumps(demo_export)))
    assert summary.total_added == sum(len(v) for v in records.values() if isinstance(v, list)) + (
        records["safety_plan"] is not None
    )
    assert _strip(export_data(fresh.conn)) == _strip(demo_export)
    # Again: everything is a duplicate by uid, nothing changes.
    before = content_digest(fresh)
    again = import_data(fresh.conn, demo_export)
    assert again.total_added == 0 and again.total_updated == 0
    assert content_digest(fresh) == before
    fresh.close()


def test_newer_record_updates_older_is_skipped(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    vault = _new_vault(tmp_path / "v")
    import_data(vault.conn, demo_export)
    changed = copy.deepcopy(demo_export)
    first = changed["records"]["entries"][0]
    first["body"] = "edited elsewhere"
    first["updated_at"] = "2099-01-01T00:00:00+00:00"
    second = changed["records"]["entries"][1]
    second["body"] = "older edit"
    second["updated_at"] = "2000-01-01T00:00:00+00:00"
    summary = import_data(vault.conn, changed)
    assert summary.updated == {"entries": 1}
    bodies = {r[0]: r[1] for r in vault.conn.execute("SELECT uid, body FROM entries")}
    assert bodies[first["uid"]] == "edited elsewhere"
    assert bodies[second["uid"]] == demo_export["records"]["entries"][1]["body"]
    # The full-text index follows the update.
    hit = vault.conn.execute(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'elsewhere'"
    ).fetchone()[0]
    assert hit == 1
    vault.close()


def test_export_file_is_private(demo_export: dict[str, Any], target: Vault, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    counts = export_json(target.conn, out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert counts["entries"] == len(demo_export["records"]["entries"])
    files = export_markdown(target.conn, tmp_path / "md")
    names = sorted(p.name for p in files)
    assert names[-1] == "README.md" and all(n[:4].isdigit() for n in names[:-1])
    assert "NOT encrypted" in (tmp_path / "md" / "README.md").read_text()
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files)
    body = demo_export["records"]["entries"][0]["body"]
    assert any(body in p.read_text() for p in files)


def test_measure_series_link_is_the_membership_worked_out_when_exporting(
    tmp_path: Path, fast_kdf: None
) -> None:
    vault = _new_vault(tmp_path / "v")
    sessions = SessionRepository(vault.conn)
    first = sessions.add_series(Series("A", date(2025, 3, 10), ended_on=date(2025, 3, 31)))
    phq9 = score(get_instrument("phq9"), [1] * 9)
    assert isinstance(phq9, Score)
    taken = datetime(2025, 3, 20, 10, tzinfo=ZoneInfo("Europe/London"))
    adm = MeasureRepository(vault.conn).add(phq9, taken)
    assert adm.series_id == first.id
    # What earlier versions stored at saving time, and never rewrote afterwards.
    vault.conn.execute("UPDATE measures SET series_id = ?", (first.id,))
    # Series A was entered with the wrong dates: moved later, and B entered for March.
    first.started_on, first.ended_on = date(2025, 5, 1), date(2025, 5, 30)
    sessions.update_series(first)
    second = sessions.add_series(Series("B", date(2025, 3, 15), ended_on=date(2025, 4, 5)))
    assert MeasureRepository(vault.conn).get(adm.id or 0).series_id == second.id  # type: ignore[union-attr]

    data = export_data(vault.conn)
    [measure] = data["records"]["measures"]
    assert measure["series_uid"] == second.uid
    vault.close()

    # An older file with the stale link imports; the journal works the series out again.
    data["records"]["measures"][0]["series_uid"] = first.uid
    fresh = _new_vault(tmp_path / "fresh")
    import_data(fresh.conn, data)
    assert fresh.conn.execute("SELECT series_id FROM measures").fetchone()[0] is None
    [again] = export_data(fresh.conn)["records"]["measures"]
    assert again["series_uid"] == second.uid
    [imported] = MeasureRepository(fresh.conn).list()
    assert imported.series_id == SessionRepository(fresh.conn).find_series("B").id  # type: ignore[union-attr]
    fresh.close()


def test_crisis_screens_left_unsaved_go_out_and_come_back_without_answers(
    tmp_path: Path, fast_kdf: None
) -> None:
    vault = _new_vault(tmp_path / "v")
    repo = MeasureRepository(vault.conn)
    shown_at = datetime(2025, 3, 12, 21, 5, tzinfo=ZoneInfo("Europe/London"))
    left = repo.record_crisis_screen("phq9", shown_at)
    saved = repo.record_crisis_screen("phq9", shown_at.replace(day=14))
    result = score(get_instrument("phq9"), [0] * 8 + [1])
    assert isinstance(result, Score)
    repo.add(result, shown_at.replace(day=14), crisis_screen_id=saved.id)
    data = export_data(vault.conn)
    vault.close()
    assert data["version"] == FORMAT_VERSION
    [record] = data["records"]["crisis_screens"]
    assert record["uid"] == left.uid and record["instrument"] == "phq9"
    assert record["shown_at"] == "2025-03-12T21:05:00+00:00"
    assert set(record) == {"uid", "instrument", "shown_at", "created_at"}  # no answers
    [measure] = data["records"]["measures"]
    assert measure["crisis_shown"] is True

    fresh = _new_vault(tmp_path / "fresh")
    summary = import_data(fresh.conn, json.loads(json.dumps(data)))
    assert summary.added["crisis_screens"] == 1
    [back] = MeasureRepository(fresh.conn).crisis_screens()
    assert (back.uid, back.instrument, back.shown_at) == (left.uid, "phq9", shown_at)
    assert import_data(fresh.conn, data).skipped["crisis_screens"] == 1  # a duplicate
    fresh.close()


def test_version_1_files_still_import(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    old = copy.deepcopy(demo_export)
    old["version"] = 1
    del old["records"]["crisis_screens"]
    vault = _new_vault(tmp_path / "v")
    summary = import_data(vault.conn, old)
    assert summary.added["measures"] == len(demo_export["records"]["measures"])
    vault.close()


@pytest.mark.parametrize(
    "payload, reason",
    [
        (b"", "not valid JSON"),
        (b"[]", "no top-level object"),
        (b'{"format": "integrate-export", "version": 99, "records": {}}', "version 99"),
        (b'{"format": "other", "version": 1, "records": {}}', "unknown format"),
        (b'{"format": "integrate-export", "version": 1, "records": {"x": []}}', "does not know"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": "integrate-export", "version": 1, "records": {"entries": [NaN]}}', "NaN"),
        ("\ufeff".encode("utf-16"), "not UTF-8"),
    ],
)
def test_hostile_files_are_rejected_plainly(
    payload: bytes, reason: str, target: Vault, tmp_path: Path
) -> None:
    before = content_digest(target)
    path = tmp_path / "bad.json"
    path.write_bytes(payload)
    with pytest.raises(ImportRejected, match=reason):
        import_json(target.conn, path)
    assert content_digest(target) == before


def test_huge_file_rejected_without_reading(target: Vault, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ImportRejected, match="200 MB"):
        import_json(target.conn, path)


def test_broken_link_rolls_everything_back(
    demo_export: dict[str, Any], tmp_path: Path, fast_kdf: None
) -> None:
    vault = _new_vault(tmp_path / "v")
    before = content_digest(vault)
    bad = copy.deepcopy(demo_export)
    bad["records"]["entries"][-1]["session_uid"] = "does-not-exist"
    with pytest.raises(ImportRejected, match="neither in the file"):
        import_data(vault.conn, bad)
    assert content_digest(vault) == before
    bad = copy.deepcopy(demo_export)
    bad["records"]["sessions"][-1]["mood_before"] = 99  # refused by a CHECK constraint
    with pytest.raises(ImportRejected):
        import_data(vault.conn, bad)
    assert content_digest(vault) == before
    vault.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=json_values)
def test_fuzz_arbitrary_json_never_crashes(value: Any, target: Vault) -> None:
    before = content_digest(target)
    raw = json.dumps(value).encode()
    with contextlib.suppress(ImportRejected):
        import_data(target.conn, parse_export(raw))
    assert content_digest(target) == before


def _mutations() -> st.SearchStrategy[tuple[str, str, int, Any]]:
    kinds = ["entries", "sessions", "measures", "series", "checkins"]
    return st.tuples(
        st.sampled_from(kinds),
        st.text(max_size=15),
        st.integers(0, 30),
        json_values | st.text(max_size=3000) | st.integers(-(2**70), 2**70),
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutation=_mutations(), drop=st.booleans(), surrogate=st.booleans(), known_field=st.booleans()
)
def test_fuzz_mutated_export_is_atomic(
    mutation: tuple[str, str, int, Any],
    drop: bool,
    surrogate: bool,
    known_field: bool,
    demo_export: dict[str, Any],
    target: Vault,
) -> None:
    kind, key, index, value = mutation
    data = copy.deepcopy(demo_export)
    records = data["records"][kind]
    if records:
        record = records[index % len(records)]
        field = sorted(record)[index % len(record)] if known_field or drop else key
        if drop:
            record.pop(field, None)
        else:
            record[field] = "\ud800" if surrogate else value
    before = content_digest(target)
    try:
        import_data(target.conn, data)
    except ImportRejected:
        assert content_digest(target) == before
