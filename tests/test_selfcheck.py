"""`integrate --self-check`: every shipped resource through the app's own loaders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from integrate import __version__, selfcheck
from integrate.cli import main
from integrate.resources import resource_path


def test_self_check_loads_everything_from_the_checkout(
    capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    assert main(["--self-check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["frozen"] is False
    assert report["version"] == __version__
    assert report["data"]["exercises"] == len(list(resource_path("exercises").glob("*.toml")))
    assert report["data"]["migrations"] >= 3
    assert report["icons"]["broken_icons"] == []


def test_a_broken_icon_fails_the_check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
) -> None:
    icons = tmp_path / "icons"
    shutil.copytree(resource_path("icons"), icons)
    (icons / "journal.svg").write_text("<svg", encoding="utf-8")  # truncated
    real = selfcheck.resource_path

    def patched(*parts: str) -> Path:
        return tmp_path.joinpath(*parts) if parts[:1] == ("icons",) else real(*parts)

    monkeypatch.setattr(selfcheck, "resource_path", patched)
    assert selfcheck.run() == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["icons"]["broken_icons"] == ["journal.svg"]


def test_a_missing_data_file_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    def missing() -> dict[str, object]:
        raise FileNotFoundError("prompts.toml")

    monkeypatch.setattr(selfcheck, "data_report", missing)
    assert selfcheck.run() == 1
    report = json.loads(capsys.readouterr().out)
    assert report["data"] == {"error": "FileNotFoundError: prompts.toml"}
