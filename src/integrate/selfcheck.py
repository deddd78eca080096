"""`integrate --self-check`: load every shipped resource through the app's own loaders.

A bundle has no Python prompt to poke at, so this is how a build (tests/test_bundle.py)
or a person helping a patient can see that prompts, exercises, questionnaires, crisis
lines, help pages, schema migrations, icons and the sound cue all came along and parse. It prints one JSON
object and exits 0 only when everything loaded. Nothing is read from or written to a
journal.
"""

from __future__ import annotations

import json
import os
import sys
import wave
from typing import Any

from integrate import __version__
from integrate.core.identity import APP_ID
from integrate.resources import resource_path, resource_root


def data_report() -> dict[str, Any]:
    """Counts of the clinical data files, parsed by the same code the app uses (no Qt)."""
    from integrate.core.crisis import load_crisis_lines
    from integrate.core.exercises import load_exercises
    from integrate.core.measures import load_cadence, load_instruments
    from integrate.core.prompts import load_prompts, load_safety_card
    from integrate.resources import load_toml
    from integrate.vault.migrations import all_migrations

    library = load_prompts()
    crisis = load_crisis_lines()
    load_cadence()
    return {
        "prompts": len(library.prompts),
        "checkin_layouts": len(library.layouts),
        "safety_card": bool(load_safety_card()),
        "exercises": len(load_exercises()),
        "instruments": len(load_instruments()),
        "crisis_countries": len(crisis.countries),
        "help_topics": len(load_toml("help", "index.toml")["topics"]),
        "migrations": len(all_migrations()),  # the schema's .sql files, beside the code
    }


def sound_report() -> dict[str, Any]:
    """The cue's WAV parses, and Qt Multimedia (which plays it) is in this installation."""
    with wave.open(str(resource_path("sounds", "soft_cue.wav"))) as wav:
        frames = wav.getnframes()
    from PySide6.QtMultimedia import QSoundEffect

    return {"cue_frames": frames, "player": QSoundEffect.__name__}


def icon_report() -> dict[str, Any]:
    """Every shipped SVG icon renders through QtSvg (the app's icons and indicators)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    icons = sorted(resource_path("icons").glob("*.svg"))
    broken = [p.name for p in icons if not QSvgRenderer(str(p)).isValid()]
    app_icon = QIcon(str(resource_path("icons", "app.svg")))
    pixmap_ok = not app_icon.pixmap(64, 64).isNull()
    del app
    return {"icons": len(icons), "broken_icons": broken, "app_icon_renders": pixmap_ok}


def run() -> int:
    """Print the report as JSON; 0 when everything loaded, 1 otherwise."""
    report: dict[str, Any] = {
        "version": __version__,
        "app_id": APP_ID,
        "frozen": bool(getattr(sys, "frozen", False)),
        "resource_root": str(resource_root()),
    }
    ok = True
    for name, part in (("data", data_report), ("sound", sound_report), ("icons", icon_report)):
        try:
            report[name] = part()
        except Exception as exc:  # noqa: BLE001 - report what failed, as data
            report[name] = {"error": f"{type(exc).__name__}: {exc}"}
            ok = False
    if report.get("icons", {}).get("broken_icons") or not report["icons"].get("app_icon_renders"):
        ok = False
    report["ok"] = ok
    print(json.dumps(report, indent=2, sort_keys=True))
    return 0 if ok else 1
