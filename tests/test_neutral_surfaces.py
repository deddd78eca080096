"""What launchers, login items and software centres show uses neutral words only: the
menu entry, the autostart entry and (when present) packaging/*.desktop and
packaging/*.metainfo.xml are checked against the app's own sensitive-word list
(resources/sensitive_words.toml) and validated with desktop-file-validate."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from integrate.cli.desktop_cmd import desktop_entry
from integrate.core.autostart import desktop_entry_text
from integrate.core.reminders import SENSITIVE_TERMS, find_sensitive_terms
from integrate.resources import load_toml
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
EXEC = ["/opt/integrate/bin/integrate", "--data-dir", "/home/user/Journal data"]


def shown_values(text: str) -> str:
    """The values of a desktop entry (what a launcher can show), one per line."""
    return "\n".join(line.split("=", 1)[1] for line in text.splitlines() if "=" in line)


def validate(path: Path) -> None:
    require_tool("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_word_list_is_data_and_covers_the_treatment_and_diagnosis() -> None:
    words = load_toml("sensitive_words.toml")["words"]
    assert tuple(words) == SENSITIVE_TERMS
    for word in ("ketamine", "therapy", "PTSD", "trauma", "psychotherapy", "session", "dose",
                 "crisis", "suicide", "mental health"):  # fmt: skip
        assert find_sensitive_terms(word), word
    for word in ("journal", "diary", "notes", "check-ins", "obsession", "Journal"):
        assert find_sensitive_terms(word) == [], word


@pytest.mark.parametrize("neutral", [False, True])
def test_menu_entry_is_neutral_and_valid(tmp_path: Path, neutral: bool) -> None:
    text = desktop_entry(EXEC, neutral=neutral)
    assert find_sensitive_terms(shown_values(text)) == []
    assert "Version=1.4" in text.splitlines()  # what Debian 12's validator accepts
    path = tmp_path / "integrate.desktop"
    path.write_text(text)
    validate(path)


@pytest.mark.parametrize("neutral", [False, True])
def test_autostart_entry_is_neutral_and_valid(tmp_path: Path, neutral: bool) -> None:
    text = desktop_entry_text([*EXEC, "--minimized"], neutral)
    assert find_sensitive_terms(shown_values(text)) == []
    path = tmp_path / "integrate.desktop"
    path.write_text(text)
    validate(path)


def test_packaged_desktop_files_are_neutral_and_valid() -> None:
    files = sorted(PACKAGING.glob("*.desktop")) if PACKAGING.is_dir() else []
    if not files:
        pytest.skip("no packaging/*.desktop in this tree")
    for path in files:
        values = shown_values(path.read_text(encoding="utf-8"))
        assert find_sensitive_terms(values) == [], path.name
        validate(path)


def test_appstream_text_is_neutral() -> None:
    files = sorted(PACKAGING.glob("*.metainfo.xml")) if PACKAGING.is_dir() else []
    if not files:
        pytest.skip("no packaging/*.metainfo.xml in this tree")
    for path in files:
        root = ET.parse(path).getroot()  # noqa: S314 - our own file
        # Every text a software centre can show: name, summary, description, captions,
        # keywords, release notes (ids and URLs are not shown).
        shown = " ".join(" ".join(el.itertext()) for el in root if el.tag not in {"id", "url"})
        assert find_sensitive_terms(shown) == [], (path.name, find_sensitive_terms(shown))
