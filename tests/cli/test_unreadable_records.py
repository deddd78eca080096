"""A bad stored record never stops a command (issue 15, finding 5: the read path).

Bad values are written straight into a real SQLCipher vault with SQL (as an older
version, a hand edit or a damaged import could have left them). On main each of these
verbs raised (unknown time zone: schedule; wrong answers or a string safety plan:
export-pdf; an entry in year 1: export-markdown; a bad date: list and search). Now each
verb finishes, leaves the record out and says how many it left out, never what they hold.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from integrate.cli import main
from integrate.demo import populate_demo
from integrate.paths import VaultPaths
from integrate.vault.checkins import sync
from integrate.vault.unreadable import skipped
from integrate.vault.vault import create_vault, unlock_with_passphrase
from tests.share.pdfcheck import norm, pdftotext

PASS = "pass phrase here"
TZ = ZoneInfo("Europe/London")
NOW = datetime.now(TZ).replace(microsecond=0)
SECRET_BODY = "PRIVATE-BODY-OF-A-BAD-ENTRY"

# Each statement damages one record the way the adversarial run found.
DAMAGE = [
    "UPDATE sessions SET tz = 'Mars/Olympus' WHERE id = (SELECT min(id) FROM sessions)",
    "UPDATE measures SET answers = '[1, 2]' WHERE id = (SELECT min(id) FROM measures)",
    "UPDATE measures SET answers = '[9,9,9,9,9,9,9,9,9]' WHERE instrument = 'phq9' "
    "AND id = (SELECT max(id) FROM measures WHERE instrument = 'phq9')",
    "INSERT OR REPLACE INTO safety_plan(id, data, updated_at) "
    "VALUES (1, '\"a string, not a plan\"', '2024-01-01T00:00:00+00:00')",
    f"UPDATE entries SET created_at = '0001-01-01T00:00:00+00:00', flagged = 1, "
    f"body = '{SECRET_BODY}' WHERE id = (SELECT min(id) FROM entries)",
    "UPDATE entries SET created_at = 'not a time', body = body || ' the' "
    "WHERE id = (SELECT max(id) FROM entries)",
    "UPDATE checkins SET phase = 'day_99' WHERE id = (SELECT min(id) FROM checkins)",
    'UPDATE exercise_runs SET answers = \'[{"step": "x", "values": []}]\' '
    "WHERE id = (SELECT min(id) FROM exercise_runs)",
]


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase=PASS)
    populate_demo(created.vault, now=NOW, tz="Europe/London")
    for statement in DAMAGE:
        assert created.vault.conn.execute(statement).rowcount == 1, statement
    created.vault.close()
    return root


@pytest.fixture
def data_dir(demo_root: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "v"
    shutil.copytree(demo_root, copy)
    return copy


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    code = main([*argv, "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule"],
        ["schedule", "--json"],
        ["session", "list"],
        ["measure", "list"],
        ["search", "the"],
        ["search", "the", "--json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_reading_verbs_skip_bad_records_and_say_so(
    argv: list[str], data_dir: Path, monkeypatch, capsys
) -> None:
    code, out, err = cli(monkeypatch, capsys, *argv, "--data-dir", str(data_dir))
    assert code == 0, err
    assert "could not be read and" in err and "skipped" in err
    assert out.strip()  # the readable records are still listed
    assert SECRET_BODY not in out + err
    if "--json" in argv:
        json.loads(out)  # the note goes to stderr; stdout stays valid JSON


def test_export_pdf_leaves_bad_records_out_and_notes_it_on_the_cover(
    data_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "s.pdf"
    code, out, err = cli(
        monkeypatch,
        capsys,
        "export-pdf",
        "--out",
        str(target),
        "--all-entries",
        "--safety-plan",
        "--what-helps",
        "--from",
        "2000-01-01",
        "--to",
        f"{NOW.year + 1}-12-31",
        "--data-dir",
        str(data_dir),
    )
    assert code == 0, err
    text = norm(pdftotext(target))
    assert norm("Left out") in text and norm("could not be read") in text
    assert norm("2 questionnaires") in text and norm("1 safety plan") in text
    assert norm(SECRET_BODY) not in text


def test_export_markdown_and_json_skip_bad_records_and_the_json_imports_again(
    data_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    code, _, err = cli(
        monkeypatch, capsys, "export-markdown", "--out", str(tmp_path / "md"), "--data-dir",
        str(data_dir),
    )  # fmt: skip
    assert code == 0, err
    readme = (tmp_path / "md" / "README.md").read_text()
    assert "could not be read" in readme and "2 journal entries" in readme
    names = sorted(p.name for p in (tmp_path / "md").iterdir())
    assert all(
        n == "README.md" or n[:4].isdigit() and n[:2] in ("19", "20", "21", "22") for n in names
    )
    assert not any(SECRET_BODY in p.read_text() for p in (tmp_path / "md").iterdir())

    out_json = tmp_path / "all.json"
    code, _, err = cli(
        monkeypatch, capsys, "export-json", "--out", str(out_json), "--data-dir", str(data_dir)
    )
    assert code == 0, err
    assert "could not be read" in err
    assert SECRET_BODY not in out_json.read_text()
    fresh = tmp_path / "fresh"
    created = create_vault(VaultPaths(fresh), keystore=None, passphrase=PASS)
    created.vault.close()
    code, out, err = cli(
        monkeypatch, capsys, "import-json", str(out_json), "--data-dir", str(fresh)
    )
    assert code == 0, err


def test_schedule_sync_keeps_what_an_unreadable_session_produced(data_dir: Path) -> None:
    opened = unlock_with_passphrase(VaultPaths(data_dir), PASS, take_lock=True)
    assert opened.vault is not None
    with opened.vault as vault:
        bad_uid = vault.conn.execute(
            "SELECT uid FROM sessions WHERE tz = 'Mars/Olympus'"
        ).fetchone()[0]
        before = vault.conn.execute(
            "SELECT uid, state FROM checkins WHERE uid LIKE ? ORDER BY uid", (bad_uid + ":%",)
        ).fetchall()
        sync(vault)
        sync(vault)
        after = vault.conn.execute(
            "SELECT uid, state FROM checkins WHERE uid LIKE ? ORDER BY uid", (bad_uid + ":%",)
        ).fetchall()
        assert after == before
        assert bad_uid in skipped(vault.conn).uids("sessions")
        # The unreadable check-in row is left exactly as it was.
        assert (
            vault.conn.execute("SELECT count(*) FROM checkins WHERE phase = 'day_99'").fetchone()[0]
            == 1
        )
