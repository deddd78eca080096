"""Translation pipeline: every _tr() string is extracted, and a built .qm is used."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _i18n():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_script"] = module
    spec.loader.exec_module(module)
    return module


def test_wrappers_are_found_with_their_contexts() -> None:
    i18n = _i18n()
    messages, problems = i18n.collect()
    pairs = {(m.context, m.source) for m in messages}
    assert ("MainWindow", "Need help now") in pairs
    assert ("Help", "Help topics") in pairs
    assert ("Appearance", "Reduce motion") in pairs
    assert not problems, problems


def test_a_translation_round_trip_reaches_the_screen(qapp, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    i18n = _i18n()
    if not Path(sys.executable).with_name("pyside6-lrelease").exists():
        pytest.skip("pyside6-lrelease not installed")
    monkeypatch.setattr(i18n, "TS_DIR", tmp_path / "ts")
    monkeypatch.setattr(i18n, "QM_DIR", tmp_path / "qm")
    ts = i18n.update("de")
    tree = ElementTree.parse(ts)  # noqa: S314 - our own generated file
    for message in tree.iter("message"):
        if message.findtext("source") == "Lock":
            translation = message.find("translation")
            translation.text = "Sperren"
            translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    built = i18n.release()
    assert [p.name for p in built] == ["integrate_de.qm"]

    from integrate import app as app_module
    from integrate.resources import resource_path

    monkeypatch.setattr(
        "integrate.resources.resource_path",
        lambda *parts: tmp_path / "qm" if parts == ("translations",) else resource_path(*parts),
    )
    translator = app_module.install_translator(qapp, QLocale("de_DE"))
    assert translator is not None
    try:
        assert QCoreApplication.translate("MainWindow", "Lock") == "Sperren"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Lock") == "Lock"
