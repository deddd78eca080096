"""`integrate calendar`, run in-process on a real vault; the file is read back with the
independent RFC 5545 reader from tests/share/test_calendar.py."""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.cli import main
from integrate.core.reminders import find_sensitive_terms
from integrate.core.timeutil import to_iso
from integrate.paths import VaultPaths
from integrate.share.calendar import event_uid
from integrate.vault.vault import create_vault
from tests.share.test_calendar import event_start_utc, parse

PASS = "pass phrase here"
TZ = ZoneInfo("Europe/Berlin")
SCHEDULE = [  # uid, phase, local due time, state
    ("s1:day_1", "day_1", datetime(2025, 3, 28, 10, 0, tzinfo=TZ), "due"),
    ("s1:day_2", "day_2", datetime(2025, 3, 29, 10, 0, tzinfo=TZ), "done"),
    ("s1:day_3", "day_3", datetime(2025, 3, 31, 10, 0, tzinfo=TZ), "due"),  # after DST change
    ("s2:prep", "therapy_prep", datetime(2025, 4, 2, 19, 0, tzinfo=TZ), "due"),
]


@pytest.fixture
def data_dir(tmp_path: Path, fast_kdf: None) -> Path:
    root = tmp_path / "v"
    vault = create_vault(VaultPaths(root), keystore=None, passphrase=PASS).vault
    with vault:
        stamp = to_iso(datetime(2025, 3, 27, tzinfo=TZ))
        for uid, phase, due, state in SCHEDULE:
            vault.conn.execute(
                "INSERT INTO checkins(uid, phase, due_at, state, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (uid, phase, to_iso(due), state, stamp, stamp),
            )
        vault.set_setting("reminders", {"texts": {"checkin": "A quiet moment"}})
    return root


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code = main(["calendar", *argv, "--data-dir", str(data_dir), "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_exports_open_checkins_with_alarms_and_neutral_text(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "schedule.ics"
    code, stdout, err = run(
        monkeypatch, capsys, data_dir, "--out", str(out), "--tz", "Europe/Berlin"
    )
    assert code == 0, err
    assert stdout.strip() == f"Wrote 3 events to {out}."
    assert out.stat().st_mode & 0o777 == 0o600
    data = out.read_bytes()
    cal = parse(data)
    events = cal.sub("VEVENT")
    open_ones = [s for s in SCHEDULE if s[3] == "due"]
    assert [e.value("UID") for e in events] == [event_uid(s[0]) for s in open_ones]
    assert [event_start_utc(cal, e) for e in events] == [
        s[2].astimezone(ZoneInfo("UTC")) for s in open_ones
    ]
    assert [e.value("SUMMARY") for e in events] == [
        "A quiet moment",
        "A quiet moment",
        "Something to look at before your next appointment",
    ]
    for event in events:
        (alarm,) = event.sub("VALARM")
        assert alarm.value("ACTION") == "DISPLAY"
    text = data.decode()
    assert find_sensitive_terms(text) == []
    assert "s1:" not in text and "s2:" not in text


def test_date_range_is_inclusive(monkeypatch, capsys, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "part.ics"
    code, stdout, _ = run(
        monkeypatch,
        capsys,
        data_dir,
        "--out",
        str(out),
        "--tz",
        "Europe/Berlin",
        "--from",
        "2025-03-31",
        "--to",
        "2025-04-02",
    )
    assert code == 0 and stdout.startswith("Wrote 2 events")
    cal = parse(out.read_bytes())
    assert [event_start_utc(cal, e) for e in cal.sub("VEVENT")][0] == SCHEDULE[2][2].astimezone(
        ZoneInfo("UTC")
    )


def test_refuses_to_overwrite_without_force(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine.ics"
    out.write_text("keep me")
    code, stdout, err = run(monkeypatch, capsys, data_dir, "--out", str(out))
    assert code == 1 and "already exists" in err and "--force" in err and stdout == ""
    assert out.read_text() == "keep me"
    code, stdout, _ = run(monkeypatch, capsys, data_dir, "--out", str(out), "--force")
    assert code == 0 and stdout.startswith("Wrote 3 events")
    first_uids = [e.value("UID") for e in parse(out.read_bytes()).sub("VEVENT")]
    code, _, _ = run(monkeypatch, capsys, data_dir, "--out", str(out), "--force")
    assert [e.value("UID") for e in parse(out.read_bytes()).sub("VEVENT")] == first_uids


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2025-13-01"], "--from must be a date like"),
        (["--to", "yesterday"], "--to must be a date like"),
        (["--from", "2025-04-02", "--to", "2025-04-01"], "--to is before --from"),
        (["--tz", "Mars/Olympus"], "Unknown time zone"),
    ],
)
def test_bad_dates_exit_2_with_a_clear_message(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path, args: list[str], needle: str
) -> None:
    out = tmp_path / "x.ics"
    code, stdout, err = run(monkeypatch, capsys, data_dir, "--out", str(out), *args)
    assert code == 2 and needle in err and stdout == ""
    assert not out.exists()


def test_empty_schedule_is_a_valid_empty_calendar(
    monkeypatch, capsys, tmp_path: Path, fast_kdf: None
) -> None:
    root = tmp_path / "empty"
    create_vault(VaultPaths(root), keystore=None, passphrase=PASS).vault.close()
    out = tmp_path / "none.ics"
    code, stdout, _ = run(monkeypatch, capsys, root, "--out", str(out))
    assert code == 0 and stdout.strip() == f"Wrote 0 events to {out}."
    assert parse(out.read_bytes()).sub("VEVENT") == []


def test_planned_appointment_and_suggested_questionnaires_are_in_the_calendar(
    monkeypatch, capsys, tmp_path: Path, fast_kdf: None
) -> None:
    from datetime import timedelta

    from integrate.core.model import Series, Session, SessionKind, SessionStatus
    from integrate.vault.checkins import sync
    from integrate.vault.sessions import SessionRepository

    root = tmp_path / "real"
    today = datetime.now(TZ).date()
    start = today + timedelta(days=10)
    appointment = datetime.combine(today + timedelta(days=5), datetime.min.time(), TZ)
    appointment = appointment.replace(hour=15)
    with create_vault(VaultPaths(root), keystore=None, passphrase=PASS).vault as vault:
        repo = SessionRepository(vault.conn)
        repo.add_series(Series("Spring", start))
        repo.add(
            Session(
                at=appointment,
                tz="Europe/Berlin",
                kind=SessionKind.THERAPY,
                status=SessionStatus.PLANNED,
                intention="talk about the ketamine session",
            )
        )
        sync(vault)
    out = tmp_path / "plan.ics"
    code, stdout, err = run(monkeypatch, capsys, root, "--out", str(out), "--tz", "Europe/Berlin")
    assert code == 0, err
    assert stdout.startswith("Wrote 2 events")
    cal = parse(out.read_bytes())
    events = {e.value("SUMMARY"): e for e in cal.sub("VEVENT")}
    prep = events["Something to look at before your next appointment"]
    eve = appointment - timedelta(days=1)
    assert event_start_utc(cal, prep) == eve.replace(hour=19).astimezone(ZoneInfo("UTC"))
    measure = events["A questionnaire is ready when you are"]
    baseline = datetime.combine(start - timedelta(days=7), datetime.min.time(), TZ)
    assert event_start_utc(cal, measure) == baseline.replace(hour=10).astimezone(ZoneInfo("UTC"))
    text = out.read_bytes().replace(b"\r\n ", b"").decode()
    assert find_sensitive_terms(text) == [] and "talk about" not in text
