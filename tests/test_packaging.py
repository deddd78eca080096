"""Packaging metadata: one application id everywhere, files the desktop tools accept,
the licence, the version in one place (the bundle itself: tests/test_bundle.py)."""

from __future__ import annotations

import configparser
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from integrate import __version__
from integrate.core.identity import APP_ID
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
# What a menu, a package list or a software centre shows to anyone at the computer.
SENSITIVE = ("therapy", "therapist", "ketamine", "ptsd", "trauma", "psychedelic", "dissociat")


def _desktop() -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_file_uses_the_application_id_and_neutral_words() -> None:
    entry = _desktop()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "integrate"
    assert entry.get("Version") in (None, "1.4")  # Debian 12 rejects 1.5
    visible = " ".join(entry.get(k, "") for k in ("Name", "GenericName", "Comment", "Keywords"))
    for word in SENSITIVE:
        assert word not in visible.lower()


def test_desktop_file_validates() -> None:
    require_tool("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_names_the_app_id_the_launcher_and_this_version() -> None:
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own committed file
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__, "add this release on top"
    visible = " ".join(
        [root.findtext("name") or "", root.findtext("summary") or ""]
        + [p.text or "" for p in root.iter("p")]
    )
    for word in SENSITIVE:
        assert word not in visible.lower()


def test_metainfo_validates() -> None:
    require_tool("appstreamcli")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_licence_and_version_are_declared_once() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "Version 3, 29 June 2007" in licence and "END OF TERMS AND CONDITIONS" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    meta = project["project"]
    assert meta["license"] == "GPL-3.0-or-later"
    assert meta["license-files"] == ["LICENSE"]
    assert "version" not in meta and meta["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/integrate/__init__.py"
    assert "integrate-gui" in meta["gui-scripts"]
    assert (ROOT / "src" / "integrate" / "py.typed").is_file()
    # jeepney is imported directly (desktop notifications), so it is declared.
    assert any(d.startswith("jeepney") for d in meta["dependencies"])


def test_the_running_app_names_itself_with_the_application_id(qapp: object) -> None:
    from PySide6.QtGui import QGuiApplication

    from integrate.app import name_application

    before = QGuiApplication.desktopFileName()
    try:
        name_application(qapp)  # type: ignore[arg-type]
        assert QGuiApplication.desktopFileName() == APP_ID
        assert QGuiApplication.applicationName() == "Integrate"
    finally:
        QGuiApplication.setDesktopFileName(before)


@pytest.mark.slow
def test_sdist_and_wheel_carry_the_licence_and_py_typed(tmp_path: Path) -> None:
    import sys
    import tarfile
    import zipfile

    result = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "-o", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (wheel,) = tmp_path.glob(f"integrate-{__version__}-*.whl")
    (sdist,) = tmp_path.glob(f"integrate-{__version__}.tar.gz")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(f"integrate-{__version__}.dist-info/METADATA").decode()
    assert f"integrate-{__version__}.dist-info/licenses/LICENSE" in names
    assert "integrate/py.typed" in names
    assert "integrate/resources/crisis_lines.toml" in names
    assert "License-Expression: GPL-3.0-or-later" in metadata
    assert f"Version: {__version__}" in metadata
    with tarfile.open(sdist) as tar:
        members = tar.getnames()
    assert f"integrate-{__version__}/LICENSE" in members
    assert f"integrate-{__version__}/packaging/integrate.spec" in members
