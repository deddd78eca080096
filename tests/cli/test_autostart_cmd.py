"""`integrate autostart on|off|status`: the login entry under a temporary HOME, checked
with desktop-file-validate and against the sensitive-word list."""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import pytest

from integrate.cli import main
from integrate.core.reminders import find_sensitive_terms
from tests.conftest import require_tool
from tests.core.test_autostart import parse_exec


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "INTEGRATE_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    return home


def entry(home: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((home / ".config/autostart/integrate.desktop").read_text())
    return parser["Desktop Entry"]


def validate(path: Path) -> None:
    require_tool("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_on_writes_a_minimised_entry_with_the_custom_data_dir_and_off_removes_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "my journal"
    assert main(["autostart", "status"]) == 0
    assert capsys.readouterr().out.strip() == "off"
    assert main(["autostart", "on", "--data-dir", str(journal)]) == 0
    assert "minimised and locked" in capsys.readouterr().out
    path = home / ".config/autostart/integrate.desktop"
    assert path.stat().st_mode & 0o777 == 0o600
    section = entry(home)
    args = parse_exec(section["Exec"])
    assert args[-3:] == ["--minimized", "--data-dir", str(journal.resolve())]
    assert section["Name"] == "Integrate"
    validate(path)
    assert find_sensitive_terms(path.read_text()) == []
    assert main(["autostart", "status"]) == 0
    assert capsys.readouterr().out.strip() == "on"

    journal.mkdir()
    kept = journal / "reminder-times.json"  # what the app keeps while autostart is on
    kept.write_text("{}")
    assert main(["autostart", "off", "--data-dir", str(journal)]) == 0
    assert not path.exists() and not kept.exists()
    assert main(["autostart", "off"]) == 0  # twice is fine
    assert "no login entry" in capsys.readouterr().out


def test_default_folder_needs_no_data_dir_and_the_neutral_name_is_used(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert main(["autostart", "on", "--neutral-name"]) == 0
    section = entry(home)
    assert section["Name"] == "Journal"
    assert parse_exec(section["Exec"])[-1] == "--minimized"
    # $INTEGRATE_DATA_DIR is not there at login: it goes into the entry as --data-dir.
    monkeypatch.setenv("INTEGRATE_DATA_DIR", str(tmp_path / "elsewhere"))
    assert main(["autostart", "on"]) == 0
    args = parse_exec(entry(home)["Exec"])
    assert args[-2:] == ["--data-dir", str((tmp_path / "elsewhere").resolve())]
    validate(home / ".config/autostart/integrate.desktop")


def test_autostart_verb_runs_without_qt(home: Path) -> None:
    import sys

    code = (
        "import sys; from integrate.cli import main; rc = main(['autostart', 'status']);"
        "sys.exit(rc if 'PySide6' not in sys.modules else 9)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
