"""`integrate install-desktop-entry`: menu entry and icon under a temporary HOME."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from integrate.cli import desktop_cmd, main
from integrate.cli.desktop_cmd import desktop_entry
from integrate.core.identity import APP_ID
from tests.conftest import require_tool

ENTRY = f"{APP_ID}.desktop"
ICON = f"{APP_ID}.svg"


def _read(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return tmp_path / "home"


def test_install_writes_entry_and_icon_under_home(home: Path) -> None:
    assert main(["install-desktop-entry", "--exec", "/opt/integrate/bin/integrate"]) == 0
    entry = home / ".local/share/applications" / ENTRY
    icon = home / ".local/share/icons/hicolor/scalable/apps" / ICON
    section = _read(entry)
    assert section["Name"] == "Integrate"
    assert section["Type"] == "Application"
    assert section["Exec"] == "/opt/integrate/bin/integrate"
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"
    assert icon.read_text().lstrip().startswith("<svg")
    require_tool("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_neutral_name_says_nothing_about_therapy(home: Path) -> None:
    assert main(["install-desktop-entry", "--neutral-name", "--exec", "integrate"]) == 0
    text = (home / ".local/share/applications" / ENTRY).read_text()
    section = _read(home / ".local/share/applications" / ENTRY)
    assert section["Name"] == "Journal"
    for word in ("therapy", "ketamine", "ptsd", "session", "integrate\n"):
        assert word not in section["Comment"].lower()
        assert word not in section["Name"].lower()
    assert "Keywords=journal;diary;notes;" in text


def test_xdg_data_home_is_honoured_and_uninstall_removes_only_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(xdg))
    assert main(["install-desktop-entry", "--exec", "integrate"]) == 0
    assert (xdg / "applications" / ENTRY).exists()
    assert not (home / ".local/share/applications" / ENTRY).exists()
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert not (xdg / "applications" / ENTRY).exists()
    assert not (xdg / "icons/hicolor/scalable/apps" / ICON).exists()
    # Someone else's file with our name is never overwritten or removed.
    foreign = xdg / "applications" / ENTRY
    foreign.write_text("[Desktop Entry]\nName=Other\n")
    assert main(["install-desktop-entry", "--exec", "integrate"]) != 0
    assert main(["install-desktop-entry", "--uninstall"]) != 0
    assert foreign.read_text() == "[Desktop Entry]\nName=Other\n"


def test_data_dir_and_paths_with_spaces_are_quoted(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "my data"
    assert (
        main(
            ["install-desktop-entry", "--data-dir", str(data), "--exec", "'/opt/my apps/integrate'"]
        )
        == 0
    )
    exec_line = _read(home / ".local/share/applications" / ENTRY)["Exec"]
    assert exec_line == f'"/opt/my apps/integrate" --data-dir "{data}"'
    assert "Exec=100%%\n" in desktop_entry(["100%"], neutral=False)
    assert 'Exec="a\\\\"b"\n' in desktop_entry(['a"b'], neutral=False)


def test_runs_without_qt(home: Path) -> None:
    code = (
        "import sys; from integrate.cli import main; "
        "rc = main(['install-desktop-entry', '--exec', 'integrate']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_uninstall_also_removes_the_entry_earlier_versions_wrote(home: Path) -> None:
    """Versions before the application id wrote integrate.desktop and integrate.svg."""
    old_entry = home / ".local/share/applications/integrate.desktop"
    old_icon = home / ".local/share/icons/hicolor/scalable/apps/integrate.svg"
    old_entry.parent.mkdir(parents=True)
    old_icon.parent.mkdir(parents=True)
    old_entry.write_text(desktop_entry(["integrate"], neutral=False), encoding="utf-8")
    old_icon.write_text("<svg/>", encoding="utf-8")
    assert main(["install-desktop-entry", "--exec", "integrate"]) == 0
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert not old_entry.exists() and not old_icon.exists()
    assert not (home / ".local/share/applications" / ENTRY).exists()


def test_a_bundle_points_the_entry_at_its_own_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a PyInstaller bundle `python -m integrate` means nothing: the program runs itself."""
    program = tmp_path / "Integrate-1" / "integrate"
    program.parent.mkdir()
    program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert desktop_cmd.default_command() == [str(program.resolve())]
