"""Command-line hardening (issue 15, finding 7).

On main: `search` printed escape sequences from titles raw; invalid UTF-8 on standard
input gave a traceback; the therapist note, the therapist's name and session notes
could only travel on argv (readable by other local users in /proc/PID/cmdline).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.terminal import safe_text
from integrate.core.model import Entry, Session, SessionKind, SessionStatus
from integrate.core.timeutil import now_local
from integrate.paths import VaultPaths
from integrate.vault.entries import EntryRepository
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import create_vault, unlock_with_passphrase
from tests.share.pdfcheck import norm, pdftotext

PASS = "pass phrase here"
HOSTILE_TITLE = "\x1b[31mred alert\x1b[0m \x07bell \x1b]0;owned\x07 \x9b2J done"


@pytest.fixture
def vault_dir(tmp_path: Path, fast_kdf: None) -> Path:
    root = tmp_path / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase=PASS)
    with created.vault as vault:
        EntryRepository(vault.conn).add(
            Entry(body="a calm walk by the river", title=HOSTILE_TITLE, flagged=True)
        )
        SessionRepository(vault.conn).add(
            Session(
                at=now_local().replace(microsecond=0),
                tz="Europe/London",
                kind=SessionKind.THERAPY,
                status=SessionStatus.DONE,
            )
        )
    return root


def cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: bytes = PASS.encode() + b"\n",
) -> tuple[int, str, str]:
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    code = main([*argv, "--passphrase-stdin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _no_controls(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b"):
        assert bad not in text, repr(text)


def test_search_strips_escape_sequences_from_titles(vault_dir: Path, monkeypatch, capsys) -> None:
    code, out, err = cli(monkeypatch, capsys, "search", "river", "--data-dir", str(vault_dir))
    assert code == 0, err
    _no_controls(out + err)
    assert "red alert" in out and "bell" in out and "done" in out
    assert "[31m" not in out  # the whole sequence goes, not only its ESC
    code, out, _ = cli(
        monkeypatch, capsys, "search", "river", "--json", "--data-dir", str(vault_dir)
    )
    _no_controls(out)


def test_error_messages_are_filtered_too(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _, err = cli(
        monkeypatch, capsys, "export-pdf", "--out", str(vault_dir / "x.pdf"), "--series",
        "\x1b[2Jwipe", "--data-dir", str(vault_dir),
    )  # fmt: skip
    assert code == 2
    _no_controls(err)
    assert "wipe" in err


def test_argparse_errors_are_filtered(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export-pdf", "--out", "x.pdf", "--page-size", "\x1b[2J\x07A5"])
    err = capsys.readouterr().err
    assert "invalid choice" in err and "A5" in err
    _no_controls(err)


def test_safe_text_keeps_what_people_write() -> None:
    kept = "Ünïcødé \U0001f600\u200d\U0001f469 \u05e9\u05dc\u05d5\u05dd\n\ttabbed <b>&amp;"
    assert safe_text(kept) == kept
    assert safe_text("a\x1b[1;31mb\x1b[0mc\x07d\x08e\rf\x00g\x7fh\x85i") == "abcdefghi"
    assert safe_text("x\x1b]52;c;aGk=\x07y") == "xy"  # OSC 52 (clipboard) removed whole


def test_invalid_utf8_on_stdin_is_a_clear_usage_error(vault_dir: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2] / "src"))
    for stdin in (PASS.encode() + b"\nbody \xff\xfe broken\n", b"\xc3\x28 pass\n"):
        result = subprocess.run(
            [sys.executable, "-m", "integrate", "add", "--data-dir", str(vault_dir),
             "--passphrase-stdin"],
            input=stdin, capture_output=True, env=env, timeout=60,
        )  # fmt: skip
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert "not valid UTF-8" in err and "Traceback" not in err
    opened = unlock_with_passphrase(VaultPaths(vault_dir), PASS)
    assert opened.vault is not None
    with opened.vault as vault:
        assert EntryRepository(vault.conn).count() == 1  # nothing was added


def test_argument_that_is_not_utf8_is_refused(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _, err = cli(
        monkeypatch, capsys, "add", "--title", "bad \udcff", "--data-dir", str(vault_dir),
        stdin=PASS.encode() + b"\nbody\n",
    )  # fmt: skip
    assert code == 2 and "not valid UTF-8" in err


def test_export_pdf_reads_note_and_therapist_from_stdin(
    vault_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "s.pdf"
    note = "Please ask me about the dream\nfrom Tuesday. \u2764"
    stdin = f"{PASS}\nDr Quill Marsh\n{note}\n".encode()
    code, out, err = cli(
        monkeypatch, capsys, "export-pdf", "--out", str(target), "--therapist-stdin",
        "--note-stdin", "--data-dir", str(vault_dir), stdin=stdin,
    )  # fmt: skip
    assert code == 0, err
    text = norm(pdftotext(target))
    assert norm("Prepared for Dr Quill Marsh") in text
    assert norm("Please ask me about the dream from Tuesday.") in text

    # With a PDF password too: passphrase, password, name, then the note.
    stdin = f"{PASS}\ntell me aloud 42\nDr Quill Marsh\nsecond note\n".encode()
    code, _, err = cli(
        monkeypatch, capsys, "export-pdf", "--out", str(target), "--force", "--password-stdin",
        "--therapist-stdin", "--note-stdin", "--data-dir", str(vault_dir), stdin=stdin,
    )  # fmt: skip
    assert code == 0, err
    text = norm(pdftotext(target, "-upw", "tell me aloud 42"))
    assert norm("second note") in text and norm("Dr Quill Marsh") in text


def test_export_pdf_help_says_argv_is_visible(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export-pdf", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--note-stdin" in help_text and "--therapist-stdin" in help_text
    assert "visible to other local users" in help_text


def test_session_notes_from_stdin(vault_dir: Path, monkeypatch, capsys) -> None:
    at = datetime(2024, 5, 6, 9, 30).isoformat()
    code, _, err = cli(
        monkeypatch, capsys, "session", "add", "--at", at, "--tz", "Europe/London", "--route",
        "iv", "--notes-stdin", "--data-dir", str(vault_dir),
        stdin=f"{PASS}\nfelt the floor tilt\nthen calm\n".encode(),
    )  # fmt: skip
    assert code == 0, err
    opened = unlock_with_passphrase(VaultPaths(vault_dir), PASS)
    assert opened.vault is not None
    with opened.vault as vault:
        notes = [s.notes for s in SessionRepository(vault.conn).list()]
    assert "felt the floor tilt\nthen calm" in notes
    code, _, err = cli(
        monkeypatch, capsys, "session", "add", "--at", at, "--route", "iv", "--notes-stdin",
        "--intention-stdin", "--data-dir", str(vault_dir),
    )  # fmt: skip
    assert code == 2 and "not both" in err


def test_add_reads_the_title_from_stdin(vault_dir: Path, monkeypatch, capsys) -> None:
    code, _, err = cli(
        monkeypatch, capsys, "add", "--title-stdin", "--data-dir", str(vault_dir),
        stdin=f"{PASS}\nA quiet title\nthe body\nover two lines\n".encode(),
    )  # fmt: skip
    assert code == 0, err
    opened = unlock_with_passphrase(VaultPaths(vault_dir), PASS)
    assert opened.vault is not None
    with opened.vault as vault:
        [entry] = [
            e for e in EntryRepository(vault.conn).list_recent() if e.title == "A quiet title"
        ]
    assert entry.body == "the body\nover two lines"
