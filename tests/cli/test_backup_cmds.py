"""The backup, restore, export-json and import-json verbs, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.cli.errors import EXIT_FAILURE, EXIT_LOCKED, EXIT_USAGE

VAULT_PASS = "vault pass 1"
BACKUP_PASS = "backup pass 1"


def run(monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(args)


@pytest.fixture
def demo_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_kdf: None, no_keyring: None
) -> Path:
    folder = tmp_path / "v"
    assert (
        run(
            monkeypatch,
            ["demo", "--data-dir", str(folder), "--passphrase-stdin"],
            VAULT_PASS + "\n",
        )
        == 0
    )
    return folder


def test_backup_then_restore_into_new_dir(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "b.ibackup"
    assert (
        run(
            monkeypatch,
            [
                "backup",
                "--data-dir",
                str(demo_dir),
                "--out",
                str(out),
                "--password-stdin",
                "--passphrase-stdin",
            ],
            f"{BACKUP_PASS}\n{VAULT_PASS}\n",
        )
        == 0
    )
    assert out.is_file()
    # Without --password-stdin: a usage error, nothing written.
    assert (
        run(
            monkeypatch,
            [
                "backup",
                "--data-dir",
                str(demo_dir),
                "--out",
                str(tmp_path / "x"),
                "--passphrase-stdin",
            ],
            VAULT_PASS,
        )
        == EXIT_USAGE
    )
    assert not (tmp_path / "x").exists()
    new = tmp_path / "new"
    assert (
        run(
            monkeypatch,
            ["restore", str(out), "--data-dir", str(new), "--password-stdin"],
            "wrong password\n",
        )
        == EXIT_LOCKED
    )
    assert not new.exists() or not any(new.iterdir())
    capsys.readouterr()
    assert (
        run(
            monkeypatch,
            ["restore", str(out), "--data-dir", str(new), "--password-stdin", "--json"],
            BACKUP_PASS + "\n",
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed["counts"]["entries"] > 0
    # The new journal opens with the backup password (no keyring here).
    assert (
        run(
            monkeypatch,
            ["check", "--data-dir", str(new), "--json", "--passphrase-stdin"],
            BACKUP_PASS + "\n",
        )
        == 0
    )
    checked = json.loads(capsys.readouterr().out)
    assert checked["counts"]["entries"] == printed["counts"]["entries"]
    # A second restore into the same folder refuses without --replace.
    assert (
        run(
            monkeypatch,
            ["restore", str(out), "--data-dir", str(new), "--password-stdin"],
            BACKUP_PASS + "\n",
        )
        == EXIT_FAILURE
    )
    # --replace: backup password first, then the journal's passphrase.
    assert (
        run(
            monkeypatch,
            [
                "restore",
                str(out),
                "--data-dir",
                str(new),
                "--password-stdin",
                "--replace",
                "--passphrase-stdin",
            ],
            f"{BACKUP_PASS}\n{BACKUP_PASS}\n",
        )
        == 0
    )
    assert list((new / "backups").glob("before-restore-*.db"))


def test_export_and_import_json(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "export.json"
    assert (
        run(
            monkeypatch,
            ["export-json", "--data-dir", str(demo_dir), "--out", str(out), "--passphrase-stdin"],
            VAULT_PASS + "\n",
        )
        == 0
    )
    assert "NOT encrypted" in capsys.readouterr().err
    assert out.stat().st_mode & 0o777 == 0o600
    data = json.loads(out.read_text())
    other = tmp_path / "other"
    assert (
        run(
            monkeypatch, ["init", "--data-dir", str(other), "--passphrase-stdin"], VAULT_PASS + "\n"
        )
        == 0
    )
    capsys.readouterr()
    assert (
        run(
            monkeypatch,
            ["import-json", str(out), "--data-dir", str(other), "--json", "--passphrase-stdin"],
            VAULT_PASS + "\n",
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["added"]["entries"] == len(data["records"]["entries"])
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "integrate-export", "version": 7, "records": {}}')
    assert (
        run(
            monkeypatch,
            ["import-json", str(bad), "--data-dir", str(other), "--passphrase-stdin"],
            VAULT_PASS + "\n",
        )
        == EXIT_USAGE
    )
    assert "version 7" in capsys.readouterr().err
    md = tmp_path / "md"
    assert (
        run(
            monkeypatch,
            [
                "export-markdown",
                "--data-dir",
                str(demo_dir),
                "--out",
                str(md),
                "--passphrase-stdin",
            ],
            VAULT_PASS + "\n",
        )
        == 0
    )
    assert (md / "README.md").is_file()


def test_help_documents_stdin_order(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["restore", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "backup password is the FIRST line" in text


def test_exports_say_what_they_wrote_and_fail_plainly(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Both open exports warn first, name what they wrote, and turn a file that cannot be
    written into a plain failure (exit 1), not a traceback."""

    def export(verb: str, out: Path) -> int:
        argv = [verb, "--data-dir", str(demo_dir), "--out", str(out), "--passphrase-stdin"]
        return run(monkeypatch, argv, VAULT_PASS + "\n")

    capsys.readouterr()
    assert export("export-json", tmp_path / "e.json") == 0
    out, err = capsys.readouterr()
    assert err.startswith("Warning: ") and "NOT encrypted" in err
    assert out.startswith("Exported ") and out.rstrip().endswith(
        f"records to {tmp_path / 'e.json'}."
    )
    assert export("export-markdown", tmp_path / "md") == 0
    out, err = capsys.readouterr()
    assert err.startswith("Warning: ") and "NOT encrypted" in err
    assert out.startswith("Wrote ") and out.rstrip().endswith(f"files to {tmp_path / 'md'}.")

    # A folder that is not there: a usage error, before any warning.
    assert export("export-json", tmp_path / "missing" / "e.json") == EXIT_USAGE
    out, err = capsys.readouterr()
    assert f"The folder {tmp_path / 'missing'} does not exist." in err and "Warning" not in err
    # A target that cannot be written: a failure with the reason.
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the Markdown folder would go")
    assert export("export-markdown", blocked) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "Warning: " in err and "The export could not be written: " in err
    assert export("export-json", tmp_path / "md") == EXIT_FAILURE  # a folder, not a file
    assert "The export could not be written: " in capsys.readouterr().err
