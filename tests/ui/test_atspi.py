"""Accessibility as a screen reader meets it (issue 18): the real app under Xvfb with the
real accessibility bus, its AT-SPI tree walked by Debian's pyatspi (an OS package, not on
PyPI, so tests/ui/atspi/walk.py runs under /usr/bin/python3).

tests/ui/atspi/drive.py shows every main screen and dialog and has each one walked; this
test reads the nodes and checks what Orca would need: every focusable control has a role
and a name, no button is unnamed, the order is sensible, the pacer announces its phases.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_TOOLS, require_tool

HERE = Path(__file__).resolve().parent / "atspi"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
AREAS = ["today", "journal", "sessions", "exercises", "measures", "share", "settings"]
SCREENS = [
    "unlock",
    *(f"area-{a}" for a in AREAS),
    "dialog-help-now",
    "dialog-help",
    "dialog-share-wizard",
    "dialog-player-in",
    "dialog-player-out",
]
BAD_ROLES = {"", "unknown", "invalid", "error"}
BUTTON_ROLES = {"push button", "toggle button", "check box", "radio button", "combo box"}


def _require_atspi() -> None:
    require_tool("xvfb-run", "dbus-run-session")
    missing = [p for p in (SYSTEM_PYTHON, BUS_LAUNCHER) if not Path(p).exists()]
    if not missing:
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False
        )
        if probe.returncode != 0:
            missing.append("python3-pyatspi (gir1.2-atspi-2.0)")
    if missing:
        message = f"accessibility packages missing: {', '.join(missing)}"
        if REQUIRE_TOOLS:
            pytest.fail(message + " (INTEGRATE_REQUIRE_SYSTEM_TOOLS=1)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    _require_atspi()
    out = tmp_path_factory.mktemp("atspi")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # dbus-run-session makes its own
    src = Path(__file__).resolve().parents[2] / "src"
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(Path(__file__).resolve().parents[2])])
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            sys.executable,
            str(HERE / "drive.py"),
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert (out / "done").exists(), result.stdout[-2000:] + result.stderr[-4000:]
    screens: dict[str, list[dict]] = {}
    for name in SCREENS:
        data = json.loads((out / f"{name}.json").read_text("utf-8"))
        assert isinstance(data, list), f"{name}: {data}"
        screens[name] = data
    return screens


@pytest.mark.parametrize("screen", SCREENS)
def test_every_focusable_control_has_a_role_and_a_name(
    walked: dict[str, list[dict]], screen: str
) -> None:
    nodes = walked[screen]
    focusable = [n for n in nodes if n.get("focusable")]
    assert len(focusable) >= 4, f"{screen}: the app's controls are on the bus"
    unnamed = [
        (n["role"], n["path"]) for n in focusable if n["role"] in BAD_ROLES or not n["name"].strip()
    ]
    assert unnamed == [], f"{screen}: {unnamed}"
    buttons = [n for n in nodes if n["role"] in BUTTON_ROLES and not n["name"].strip()]
    assert buttons == [], f"{screen}: unnamed buttons {buttons}"


@pytest.mark.parametrize("screen", SCREENS[:8])
def test_the_order_is_sensible(walked: dict[str, list[dict]], screen: str) -> None:
    """Need help now first (in the top bar, before any content), then the areas in their
    order, then the page; the unlock form reads title, field, then Unlock."""
    nodes = walked[screen]
    names = [(n["role"], n["name"]) for n in nodes]
    help_now = names.index(("push button", "Need help now"))
    if screen == "unlock":
        title = names.index(("label", "Welcome back"))
        unlock = names.index(("push button", "Unlock"))
        field = next(i for i, (r, _n) in enumerate(names) if r in {"password text", "text"})
        assert help_now < title < field < unlock
        return
    items = [n for r, n in names if r == "list item"][: len(AREAS)]
    # One name each: the Measures area is called Questionnaires, as its page is.
    assert [i.lower() for i in items] == [a.replace("measures", "questionnaires") for a in AREAS]
    first_item = names.index(("list item", "Today"))
    assert help_now < first_item
    page = [i for i, (r, n) in enumerate(names) if r == "label" and i > first_item]
    assert page, f"{screen}: the page's own words follow the areas"


def test_the_pacer_announces_its_phases(walked: dict[str, list[dict]]) -> None:
    def guide(screen: str) -> dict:
        return next(n for n in walked[screen] if n["name"] == "Breathing guide")

    assert guide("dialog-player-in")["description"] == "Breathe in"
    assert guide("dialog-player-out")["description"] == "Breathe out"
