"""`integrate export-pdf` in-process on a real demo vault; PDFs read with pypdf and poppler."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from integrate.cli import main
from integrate.demo import populate_demo
from integrate.paths import VaultPaths
from integrate.share.save import default_page_size
from integrate.vault.shares import ShareRepository
from integrate.vault.vault import create_vault, unlock_with_passphrase
from tests.share.pdfcheck import norm, pdfinfo, pdftotext, run

PASS = "pass phrase here"
PDF_PW = "tell me aloud 42"
TZ = ZoneInfo("Europe/London")
NOW = datetime.now(TZ).replace(microsecond=0)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase=PASS)
    populate_demo(created.vault, now=NOW, tz="Europe/London")
    created.vault.close()
    return root


@pytest.fixture
def data_dir(demo_root: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "v"
    shutil.copytree(demo_root, copy)
    return copy


def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    *argv: str,
    stdin: str = PASS + "\n",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["export-pdf", *argv, "--data-dir", str(data_dir), "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def shares(data_dir: Path) -> list:  # type: ignore[type-arg]
    result = unlock_with_passphrase(VaultPaths(data_dir), PASS)
    assert result.vault is not None
    with result.vault as vault:
        return ShareRepository(vault.conn).list()


def flagged_titles(data_dir: Path) -> list[str]:
    result = unlock_with_passphrase(VaultPaths(data_dir), PASS)
    assert result.vault is not None
    with result.vault as vault:
        rows = vault.conn.execute(
            "SELECT title, flagged FROM entries ORDER BY created_at"
        ).fetchall()
    return [str(t) for t, f in rows if f]


def test_password_protected_export_is_aes256_r6_and_recorded(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    code, stdout, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(out), "--password-stdin",
        "--page-size", "Letter", "--therapist", "Dr. Okafor",
        stdin=f"{PASS}\n{PDF_PW}\n",
    )  # fmt: skip
    assert code == 0, err
    assert "password-protected" in stdout
    assert out.stat().st_mode & 0o777 == 0o600
    enc = run("qpdf", "--show-encryption", f"--password={PDF_PW}", str(out))
    text = enc.stdout.decode()
    assert "R = 6" in text and "AESv3" in text
    assert run("qpdf", "--check", f"--password={PDF_PW}", str(out)).returncode == 0
    # Wrong or no password: poppler and pypdf cannot read it.
    assert run("pdftotext", "-upw", "wrong password", str(out), "-").returncode != 0
    reader = PdfReader(out)
    assert reader.is_encrypted
    assert reader.decrypt("wrong password") == 0
    assert reader.decrypt(PDF_PW) != 0
    body = norm("".join(p.extract_text() or "" for p in reader.pages))
    for title in flagged_titles(data_dir):
        assert norm(title) in body
    assert norm("Prepared for") in body and norm("Dr. Okafor") in body
    info = pdfinfo(out, "-upw", PDF_PW)
    assert info["Page size"].startswith("612 x 792")  # Letter
    neutral = " ".join(info.get(k, "") for k in ("Title", "Subject", "Keywords", "Author"))
    for word in ("ketamine", "PTSD", "Okafor", "Integration summary"):
        assert word.lower() not in neutral.lower()
    assert info.get("Title") == "Summary"
    [rec] = shares(data_dir)
    assert rec.password and rec.file_name == "summary.pdf" and rec.recipient == "Dr. Okafor"
    assert rec.item_count("entry") == len(flagged_titles(data_dir))
    assert rec.item_count("measure") > 0 and rec.item_count("session") > 0


def test_unencrypted_export_sections_and_metadata(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plain.pdf"
    code, _, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(out), "--sessions", "--all-entries",
        "--page-size", "A4",
    )  # fmt: skip
    assert code == 0, err
    reader = PdfReader(out)
    assert not reader.is_encrypted
    meta = reader.metadata or {}
    assert set(meta.keys()) <= {"/Title", "/Creator", "/Producer"}
    assert reader.trailer["/Root"].get("/Metadata") is None  # no XMP
    text = norm(pdftotext(out))
    assert norm("Session timeline") in text
    assert norm("At a glance") not in text  # --sessions only
    assert norm("PHQ-9item9") not in text
    assert pdfinfo(out)["Page size"].startswith("595")  # A4
    [rec] = shares(data_dir)
    assert not rec.password and "measures" not in rec.content["sections"]


def test_refuses_to_overwrite_without_force(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"keep me")
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "--out", str(out))
    assert code == 1 and "--force" in err
    assert out.read_bytes() == b"keep me"
    assert shares(data_dir) == []
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "--out", str(out), "--force")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert len(shares(data_dir)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01"], "--from must be a date"),
        (["--from", "2026-03-10", "--to", "2026-03-01"], "before --from"),
        (["--series", "No such series"], "No series named"),
        (["--series", "Initial series", "--from", "2026-01-01"], "not both"),
        (["--from", "2001-01-01", "--to", "2001-01-31"], "Nothing to share"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "--out", str(out), *args)
    assert code == 2
    assert message in err
    assert not out.exists()
    assert list(tmp_path.glob(".x.pdf*")) == []
    assert shares(data_dir) == []


def test_short_pdf_password_is_refused(monkeypatch, capsys, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(out), "--password-stdin",
        stdin=f"{PASS}\nshort\n",
    )  # fmt: skip
    assert code == 2 and "at least" in err
    assert not out.exists()


def test_series_export_with_item9_marks_it(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "series.pdf"
    code, _, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(out), "--series", "Initial series",
        "--measures", "--include-item9",
    )  # fmt: skip
    assert code == 0, err
    text = norm(pdftotext(out))
    assert norm("included at the patient's choice") in text
    assert norm("PCL-5") in text and norm("GAD-7") in text


def test_default_page_size_follows_locale() -> None:
    assert default_page_size({"LANG": "en_US.UTF-8"}) == "Letter"
    assert default_page_size({"LANG": "fr_CA.UTF-8"}) == "Letter"
    assert default_page_size({"LANG": "en_GB.UTF-8"}) == "A4"
    assert default_page_size({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}) == "A4"
    assert default_page_size({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}) == "Letter"
    assert default_page_size({"LANG": "C.UTF-8"}) == "A4"
    assert default_page_size({"LC_ALL": "C", "LANG": "en_US.UTF-8"}) == "A4"  # LC_ALL rules
    assert default_page_size({}) == "A4"


def test_default_page_size_from_a_c_locale_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python's locale.getlocale() reports C.UTF-8 as ('en_US', 'UTF-8'); a process
    # running under LANG=C.UTF-8 (containers, CI) must still get A4, not Letter.
    for key in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr("locale.getlocale", lambda *a: ("en_US", "UTF-8"))
    assert default_page_size() == "A4"
    monkeypatch.delenv("LANG")
    assert default_page_size() == "Letter"  # nothing set: the process locale decides


def test_help_documents_stdin_order(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export-pdf", "--help"])
    out = capsys.readouterr().out
    assert "first line is" in out and "second line is the PDF password" in out


@pytest.fixture(autouse=True)
def _fast(fast_kdf: None) -> Iterator[None]:
    yield


def test_tracking_parts_only_when_their_flags_are_given(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    """Issue 17: --after-effects, --sleep and --substances each add their part."""
    plain = tmp_path / "plain.pdf"
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "--out", str(plain), "--sessions")
    assert code == 0, err
    text = norm(pdftotext(plain))
    assert norm("Sleep and nightmares") not in text
    assert norm("After-effects (highest") not in text
    tracked = tmp_path / "tracked.pdf"
    code, _, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(tracked), "--sessions", "--no-entries",
        "--after-effects", "--sleep", "--substances",
        "--from", (NOW.date() - timedelta(days=30)).isoformat(), "--to", NOW.date().isoformat(),
    )  # fmt: skip
    assert code == 0, err
    text = norm(pdftotext(tracked))
    assert norm("After-effects (highest") in text
    assert norm("Sleep and nightmares") in text
    assert norm("Substances and medication changes") in text
    recorded = shares(data_dir)
    assert len(recorded) == 2
    rec = next(r for r in recorded if "sleep" in r.content["sections"])
    assert {"after_effects", "sleep", "substances"} <= set(rec.content["sections"])
    assert rec.item_count("sleep") > 0


def test_attach_data_embeds_scores_only_when_asked(
    monkeypatch, capsys, data_dir: Path, tmp_path: Path
) -> None:
    """Issue 16: the machine-readable companion is opt-in (--attach-data)."""
    plain = tmp_path / "plain.pdf"
    since = (NOW - timedelta(days=40)).date().isoformat()
    code, _, err = run_cli(monkeypatch, capsys, data_dir, "--out", str(plain), "--from", since)
    assert code == 0, err
    assert run("pdfdetach", "-list", str(plain)).stdout.decode().startswith("0 embedded files")

    withdata = tmp_path / "data.pdf"
    code, _, err = run_cli(
        monkeypatch, capsys, data_dir, "--out", str(withdata), "--attach-data", "--from", since
    )
    assert code == 0, err
    listing = run("pdfdetach", "-list", str(withdata)).stdout.decode()
    assert "scores.csv" in listing and ".fhir.json" in listing
    assert run("qpdf", "--check", str(withdata)).returncode == 0
    logged = [r.content["sections"] for r in shares(data_dir)]
    assert sum("attached_data" in sections for sections in logged) == 1
