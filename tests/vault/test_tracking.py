"""Issue 17 records in a real vault: the repository's add/edit/delete, the shared rules,
search over notes, the JSON round trip into a new vault, older formats, and migration."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from integrate.core.model import Route, Session
from integrate.core.tracking import (
    AfterEffects,
    FieldError,
    MedicationChange,
    MedicationEvent,
    SleepEntry,
    SubstanceUse,
    effects_summary,
    substance_kind,
)
from integrate.paths import VaultPaths
from integrate.vault import migrations
from integrate.vault.export_json import FORMAT_VERSION, export_data
from integrate.vault.export_markdown import export_markdown
from integrate.vault.import_json import ImportRejected, import_data
from integrate.vault.sessions import SessionRepository
from integrate.vault.tracking import TrackingRepository
from integrate.vault.vault import Vault, create_vault, unlock_with_passphrase

LONDON = ZoneInfo("Europe/London")
AT = datetime(2025, 3, 10, 9, 30, tzinfo=LONDON)
TABLES = ("after_effects", "sleep_diary", "substances", "medication_changes")


def _vault(root: Path) -> Vault:
    return create_vault(VaultPaths(root), keystore=None, passphrase="tracking pass").vault


def _filled(root: Path) -> tuple[Vault, int]:
    vault = _vault(root)
    session = SessionRepository(vault.conn).add(Session(at=AT, tz="Europe/London", route=Route.IV))
    assert session.id is not None
    repo = TrackingRepository(vault.conn)
    repo.save_effects(
        AfterEffects(
            session_id=session.id,
            at=AT + timedelta(hours=2),
            dissociation=7,
            nausea=2,
            note="Wobbly and far away; the ginger tea helped.",
        )
    )
    repo.save_effects(
        AfterEffects(session_id=session.id, at=AT + timedelta(days=1), unreal_24h=False)
    )
    repo.save_sleep(SleepEntry(day=date(2025, 3, 11), hours=6.5, quality=4, nightmares=1))
    repo.save_substance(SubstanceUse(name="Wine", amount="1 glass", at=AT - timedelta(days=1)))
    repo.save_medication(
        MedicationEvent(name="Sertraline", change=MedicationChange.STARTED, dose="50 mg", at=AT)
    )
    return vault, session.id


def test_add_edit_delete_each_kind(tmp_path: Path, fast_kdf: None) -> None:
    vault, session_id = _filled(tmp_path / "v")
    repo = TrackingRepository(vault.conn)
    first, second = repo.effects_for_session(session_id)
    assert (first.dissociation, first.nausea, first.unreal_24h) == (7, 2, None)
    first.nausea = 0
    first.note = "Edited"
    repo.save_effects(first)
    assert repo.effects_for_session(session_id)[0].nausea == 0
    repo.delete_effects(second.id or 0)
    assert [e.uid for e in repo.effects_for_session(session_id)] == [first.uid]

    [night] = repo.list_sleep()
    night.hours = 8
    repo.save_sleep(night)
    assert repo.sleep_on(date(2025, 3, 11)).hours == 8.0  # type: ignore[union-attr]
    repo.delete_sleep(night.id or 0)
    assert repo.list_sleep() == []

    [use] = repo.list_substances()
    assert use.kind == "alcohol"
    use.name, use.amount = "Diazepam", "5 mg"
    repo.save_substance(use)
    [use] = repo.list_substances()
    assert (use.kind, use.amount) == ("benzodiazepine", "5 mg")
    repo.delete_substance(use.id or 0)
    assert repo.list_substances() == []

    [event] = repo.list_medication()
    event.change = MedicationChange.DOSE
    repo.save_medication(event)
    assert repo.list_medication()[0].change is MedicationChange.DOSE
    repo.delete_medication(event.id or 0)
    assert repo.list_medication() == []
    vault.close()


def test_rules_refuse_out_of_range_and_store_nothing(tmp_path: Path, fast_kdf: None) -> None:
    vault, session_id = _filled(tmp_path / "v")
    repo = TrackingRepository(vault.conn)
    before = {t: vault.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    with pytest.raises(FieldError) as exc:
        repo.save_effects(AfterEffects(session_id=session_id, at=AT, headache=11))
    assert exc.value.field == "headache"
    with pytest.raises(FieldError) as exc:
        repo.save_sleep(SleepEntry(day=date(2025, 3, 12), hours=24.5))
    assert exc.value.field == "hours"
    with pytest.raises(FieldError) as exc:
        repo.save_sleep(SleepEntry(day=date(2025, 3, 12), hours=7, nightmare_distress=-1))
    assert exc.value.field == "nightmare-distress"
    with pytest.raises(FieldError):
        repo.save_substance(SubstanceUse(name=" ", at=AT))
    after = {t: vault.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert after == before
    vault.close()


def test_deleting_a_session_deletes_its_after_effects(tmp_path: Path, fast_kdf: None) -> None:
    vault, session_id = _filled(tmp_path / "v")
    SessionRepository(vault.conn).delete(session_id)
    assert TrackingRepository(vault.conn).list_effects() == []
    vault.close()


def test_search_finds_after_effect_notes(tmp_path: Path, fast_kdf: None) -> None:
    vault, _ = _filled(tmp_path / "v")
    repo = TrackingRepository(vault.conn)
    [hit] = repo.search_effects("ginger")
    assert hit.effects.dissociation == 7 and "ginger" in hit.snippet
    [first, _] = repo.list_effects()
    first.note = "Nothing special"
    repo.save_effects(first)
    assert repo.search_effects("ginger") == []
    assert len(repo.search_effects("special")) == 1
    vault.close()


def test_round_trip_into_a_new_vault_keeps_every_record(tmp_path: Path, fast_kdf: None) -> None:
    vault, _ = _filled(tmp_path / "a")
    data = export_data(vault.conn)
    vault.close()
    assert data["version"] == FORMAT_VERSION == 3
    records = data["records"]
    assert [len(records[t]) for t in TABLES] == [2, 1, 1, 1]
    assert records["after_effects"][1]["unreal_24h"] is False
    assert records["after_effects"][0]["unreal_24h"] is None
    fresh = _vault(tmp_path / "b")
    summary = import_data(fresh.conn, json.loads(json.dumps(data)))
    assert all(summary.added[t] == len(records[t]) for t in TABLES)
    again = export_data(fresh.conn)
    for t in TABLES:
        assert again["records"][t] == records[t]
    assert TrackingRepository(fresh.conn).search_effects("ginger")  # the index is rebuilt
    fresh.close()


def test_demo_journal_round_trips_with_its_tracking(tmp_path: Path, fast_kdf: None) -> None:
    from integrate.demo import populate_demo

    vault = _vault(tmp_path / "a")
    populate_demo(vault, seed=3)
    data = export_data(vault.conn)
    vault.close()
    assert all(data["records"][t] for t in TABLES)
    fresh = _vault(tmp_path / "b")
    import_data(fresh.conn, data)
    for t in TABLES:
        assert export_data(fresh.conn)["records"][t] == data["records"][t]
    fresh.close()


@pytest.mark.parametrize(
    ("table", "key", "value", "named"),
    [
        ("sleep_diary", "hours", 25, "hours"),
        ("sleep_diary", "quality", 11, "quality"),
        ("after_effects", "nausea", -1, "nausea"),
        ("medication_changes", "change", "paused", "change"),
    ],
)
def test_import_refuses_out_of_range_records(
    tmp_path: Path, fast_kdf: None, table: str, key: str, value: Any, named: str
) -> None:
    vault, _ = _filled(tmp_path / "a")
    data = export_data(vault.conn)
    vault.close()
    bad = copy.deepcopy(data)
    bad["records"][table][0][key] = value
    fresh = _vault(tmp_path / "b")
    with pytest.raises(ImportRejected, match=named):
        import_data(fresh.conn, bad)
    assert all(fresh.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in TABLES)
    fresh.close()


def test_version_2_file_without_tracking_still_imports(tmp_path: Path, fast_kdf: None) -> None:
    vault, _ = _filled(tmp_path / "a")
    data = export_data(vault.conn)
    vault.close()
    old = copy.deepcopy(data)
    old["version"] = 2
    for t in TABLES:
        del old["records"][t]
    fresh = _vault(tmp_path / "b")
    summary = import_data(fresh.conn, old)
    assert summary.added["sessions"] == 1
    fresh.close()


def test_markdown_export_lists_the_tracking(tmp_path: Path, fast_kdf: None) -> None:
    vault, _ = _filled(tmp_path / "a")
    out = tmp_path / "md"
    export_markdown(vault.conn, out)
    vault.close()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.md")))
    assert "ginger tea" in text
    assert "Dissociation 7" in text or "dissociation 7" in text
    assert "6.5 h" in text and "Wine" in text and "Sertraline" in text


def test_schema_v3_vault_upgrades_with_empty_tracking_tables(tmp_path: Path) -> None:
    root = tmp_path / "v"
    shutil.copytree(Path(__file__).parent / "fixtures" / "schema_v3", root)
    passphrase = (root / "PASSPHRASE").read_text().strip()
    (root / "PASSPHRASE").unlink()
    result = unlock_with_passphrase(VaultPaths(root), passphrase)
    assert result.ok and result.vault, result.message
    with result.vault as vault:
        assert migrations.schema_version(vault.conn) >= 4
        for t in TABLES:
            assert vault.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0


def test_summary_and_kinds() -> None:
    e1 = AfterEffects(session_id=1, at=AT, dissociation=6, nausea=2)
    e2 = AfterEffects(session_id=1, at=AT, dissociation=1, unreal_24h=True, unreal=3)
    assert effects_summary([e1, e2]) == "dissociation 6, nausea 2; unreal next day 3"
    assert effects_summary([]) == ""
    assert substance_kind("  Diazepam ") == "benzodiazepine"
    assert substance_kind("kombucha") == "other"


def test_import_matches_a_night_by_its_day_newer_copy_wins(tmp_path: Path, fast_kdf: None) -> None:
    vault, _ = _filled(tmp_path / "a")
    data = export_data(vault.conn)
    vault.close()
    other = _vault(tmp_path / "b")
    repo = TrackingRepository(other.conn)
    repo.save_sleep(SleepEntry(day=date(2025, 3, 11), hours=4))  # same night, other uid
    newer = copy.deepcopy(data)
    newer["records"]["sleep_diary"][0]["updated_at"] = "2099-01-01T00:00:00+00:00"
    summary = import_data(other.conn, newer)  # the file's copy is newer: it wins
    assert summary.updated.get("sleep_diary") == 1
    [night] = repo.list_sleep()
    assert night.hours == 6.5 and night.uid == data["records"]["sleep_diary"][0]["uid"]
    older = copy.deepcopy(data)
    older["records"]["sleep_diary"][0]["hours"] = 3
    older["records"]["sleep_diary"][0]["updated_at"] = "2000-01-01T00:00:00+00:00"
    assert import_data(other.conn, older).skipped.get("sleep_diary") == 1  # older: kept
    assert repo.list_sleep()[0].hours == 6.5
    other.close()
