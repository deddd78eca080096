"""What a screen reader gets: the real app's AT-SPI tree, read over the accessibility bus.

Inside a private D-Bus session under Xvfb it starts at-spi-bus-launcher, runs the app
(tests/ui/atspi_driver.py: the window from integrate.app.build on an `integrate demo`
journal, QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, xcb) and reads its tree with the OS's
pyatspi (tests/ui/atspi_walk.py under /usr/bin/python3), as Orca does. On every main area
and the main dialogs each focusable control must have a role and a name; the pacer's
phase must reach the bus as it changes.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NO_BUS, REQUIRE_TOOLS, require_tool

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
AREAS = ["today", "journal", "sessions", "exercises", "measures", "share", "settings"]
# Roles a screen reader lands on with Tab or arrow keys: each must be named.
CONTROL_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "entry",
    "password text",
    "slider",
    "spin button",
    "list",
    "list item",
    "tree",
    "tree table",
    "table",
    "page tab",
    "link",
}
Node = dict[str, Any]
DIALOG_TITLES = {
    "helpnow": "Need help now",
    "help": "Help",
    "player": "Exercise",
    "share wizard": "Share with my therapist",
}
# What the fixture read on the unlock screen, before unlocking (checked by a test).
UNLOCK_OFFENDERS: list[str] = []
UNLOCK_CONTROLS: list[str] = []
TOP_BAR = ["Lock the journal", "Help and about", "Need help now"]
AREA_TITLES = ["Today", "Journal", "Sessions", "Exercises", "Questionnaires", "Share", "Settings"]


def _fail_or_skip(message: str) -> None:
    if REQUIRE_TOOLS:
        pytest.fail(message + " (INTEGRATE_REQUIRE_SYSTEM_TOOLS=1)")
    pytest.skip(message)


def _check_tools() -> None:
    require_tool("dbus-daemon")
    for path in (BUS_LAUNCHER, SYSTEM_PYTHON):
        if not os.access(path, os.X_OK):
            _fail_or_skip(f"system tool missing: {path} (Debian package at-spi2-core)")
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=30
    )
    if probe.returncode != 0:
        _fail_or_skip("/usr/bin/python3 cannot import pyatspi (python3-pyatspi, gir1.2-atspi-2.0)")
    if not os.environ.get("DISPLAY"):
        _fail_or_skip("no X display (run under xvfb-run, as scripts/test.sh does)")


class _Lines:
    """A child process's stdout, one line at a time, with a deadline."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def next(self, timeout: float = 20.0) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            message = f"no answer within {timeout} s (exit {self.proc.poll()})"
            raise AssertionError(message) from None


@pytest.fixture(scope="module")
def accessible_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[_Lines, _Lines]]:
    """(driver, walker): the app on the accessibility bus and a pyatspi reader of it."""
    _check_tools()
    base = tmp_path_factory.mktemp("atspi")
    runtime = base / "run"
    runtime.mkdir(mode=0o700)
    data = base / "journal"
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(base))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    # The demo journal: no keyring reachable, so its passphrase is "demo".
    demo_env = dict(env, DBUS_SESSION_BUS_ADDRESS=NO_BUS)
    demo_env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    subprocess.run(
        [sys.executable, "-m", "integrate", "demo", "--data-dir", str(data)],
        env=demo_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
        timeout=60,
    )
    procs: list[subprocess.Popen[str]] = []
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        procs.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        launcher = subprocess.Popen(
            [BUS_LAUNCHER, "--launch-immediately"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        procs.append(launcher)  # type: ignore[arg-type]
        _wait_for_a11y_bus(env)
        app_env = dict(
            env,
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        driver_proc = subprocess.Popen(
            [sys.executable, str(HERE / "atspi_driver.py"), str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=app_env,
        )
        procs.append(driver_proc)
        driver = _Lines(driver_proc)
        assert driver.next(45) == "ok started"
        walker_proc = subprocess.Popen(
            [SYSTEM_PYTHON, str(HERE / "atspi_walk.py"), "Integrate"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={k: v for k, v in env.items() if k != "PYTHONPATH"},
        )
        procs.append(walker_proc)
        walker = _Lines(walker_proc)
        # The unlock screen is the first thing anyone hears: read it before unlocking.
        tree = _walk(walker)
        _dump("unlock", tree)
        if missing := _unnamed(tree):
            UNLOCK_OFFENDERS.extend(missing)
        UNLOCK_CONTROLS.extend(
            n["role"] for n, _ in _nodes(tree) if n["role"] in CONTROL_ROLES and n["focusable"]
        )
        driver.send("unlock")
        driver.send("demo")  # the demo journal's passphrase, on stdin
        assert driver.next(45) == "ok unlocked"
        yield driver, walker
        driver.send("quit")
        driver_proc.wait(15)
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _wait_for_a11y_bus(env: dict[str, str], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.a11y.Bus",
                "/org/a11y/bus",
                "org.a11y.Bus.GetAddress",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=5,
        )
        if result.returncode == 0 and "unix:" in result.stdout:
            return
        time.sleep(0.1)
    raise AssertionError("at-spi-bus-launcher did not offer the accessibility bus")


def _show(driver: _Lines, command: str) -> None:
    driver.send(command)
    answer = driver.next(30)
    assert answer == f"ok {command}", answer


def _walk(walker: _Lines, fresh: bool = True) -> Node:
    deadline = time.monotonic() + 15  # a slow machine: the app registers a little later
    while True:
        walker.send("walk fresh" if fresh else "walk")
        tree = json.loads(walker.next(30))
        if tree is not None and tree["children"]:
            return tree
        assert time.monotonic() < deadline, 'no application "Integrate" on the accessibility bus'
        time.sleep(0.5)


def _dump(label: str, tree: Node) -> None:
    """INTEGRATE_ATSPI_DUMP=DIR keeps each tree read, as JSON, for looking at."""
    folder = os.environ.get("INTEGRATE_ATSPI_DUMP")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{label}.json").write_text(json.dumps(tree, indent=1))


def _nodes(node: Node, path: tuple[str, ...] = ()) -> Iterator[tuple[Node, tuple[str, ...]]]:
    here = (*path, f"{node['role']} {node['name']!r}")
    yield node, here
    for child in node["children"]:
        yield from _nodes(child, here)


def _unnamed(tree: Node) -> list[str]:
    """Focusable controls a screen reader would announce with no name."""
    out = []
    for node, path in _nodes(tree):
        if node["role"] in ("", "unknown", "invalid"):
            if node["focusable"]:
                out.append(" > ".join(path[-3:]) + " (no role)")
            continue
        if node["role"] not in CONTROL_ROLES or not node["focusable"]:
            continue
        if not node["name"].strip():
            out.append(" > ".join(path[-3:]))
        elif node["name"] != node["name"].strip():
            out.append(" > ".join(path[-3:]) + " (name starts or ends with a space)")
        elif node["role"] == "combo box" and not any(
            label["role"] == "label" and label["name"].strip() for label in node["labelled_by"]
        ):
            # Qt on Linux sends a combo box's value as its name (setAccessibleName is not
            # used); Orca says what it is from the label it is labelled by.
            out.append(" > ".join(path[-3:]) + " (no label: only its value is spoken)")
    return out


def _find(tree: Node, role: str, name: str) -> list[Node]:
    return [n for n, _ in _nodes(tree) if n["role"] == role and n["name"] == name]


def test_every_area_and_dialog_names_its_controls_over_atspi(accessible_app) -> None:
    driver, walker = accessible_app
    offenders: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for key in AREAS:
        _show(driver, f"area {key}")
        tree = _walk(walker)
        _dump(key, tree)
        assert tree["name"] == "Integrate"
        controls = [n for n, _ in _nodes(tree) if n["role"] in CONTROL_ROLES and n["focusable"]]
        counts[key] = len(controls)
        # The top bar comes first, as it reads left to right (Lock, Help, Need help now),
        # then the navigation, its items named after the areas, then the page.
        names = [n["name"] for n, _ in _nodes(tree)]
        for name in TOP_BAR:
            assert name in names, f"{key}: {name!r} is not on the bus"
        order = [names.index(name) for name in TOP_BAR]
        assert order == sorted(order), (
            f"{key}: top bar read as {names[min(order) : max(order) + 1]}"
        )
        items = [n["name"] for n, _ in _nodes(tree) if n["role"] == "list item"]
        assert items[: len(AREAS)] == AREA_TITLES, f"{key}: navigation reads {items}"
        assert max(order) < names.index(AREA_TITLES[0]), f"{key}: navigation before top bar"
        if missing := _unnamed(tree):
            offenders[key] = missing
    steps = {
        "helpnow": ["helpnow"],
        "help": ["help"],
        "checkin": ["checkin"],
        "measure": ["measure"],
        "player": ["player"],
        "share wizard": ["share", "sharenext", "sharenext"],  # period, entries, what else
        "logsession": ["logsession"],
    }
    for label, commands in steps.items():
        for index, command in enumerate(commands):
            _show(driver, command)
            tree = _walk(walker)
            where = f"{label} {index + 1}" if len(commands) > 1 else label
            _dump(where, tree)
            counts[where] = sum(1 for n, _ in _nodes(tree) if n["role"] in CONTROL_ROLES)
            if missing := _unnamed(tree):
                offenders[where] = missing
            if label in DIALOG_TITLES:  # a window of its own, named for the screen reader
                titles = [c["name"] for c in tree["children"] if c["role"] == "dialog"]
                assert DIALOG_TITLES[label] in titles, f"{where}: dialogs {titles}"
        _show(driver, "close")
    assert all(counts[k] >= 5 for k in counts), counts
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_unlock_screen_names_its_controls_over_atspi(accessible_app) -> None:
    assert "password text" in UNLOCK_CONTROLS, UNLOCK_CONTROLS
    assert "push button" in UNLOCK_CONTROLS, UNLOCK_CONTROLS
    assert not UNLOCK_OFFENDERS, UNLOCK_OFFENDERS


def test_pacer_announces_its_phase_over_atspi(accessible_app) -> None:
    driver, walker = accessible_app
    _show(driver, "player")
    try:

        def pacer(fresh: bool) -> Node:
            found = _find(_walk(walker, fresh), "animation", "Breathing guide") or [
                n for n, _ in _nodes(_walk(walker, fresh)) if n["name"] == "Breathing guide"
            ]
            assert found, "the breathing guide is not on the bus"
            return found[0]

        words = [n["name"] for n, _ in _nodes(_walk(walker)) if n["role"] == "label"]
        assert any(w.startswith("Breathe in through your nose") for w in words), words
        first = pacer(fresh=False)["description"]
        assert first, "the pacer has no description (its phase) on the bus"
        seen = {first}
        deadline = time.monotonic() + 12  # in 4, out 6: a change within one phase
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
            seen.add(pacer(fresh=False)["description"])
        assert len(seen) >= 2, f"the phase seen over AT-SPI never changed from {first!r}"
        # The pacer is never focused, so Orca would not speak a changed description:
        # each new phase also goes out as an announcement (AT-SPI object:announcement).
        walker.send("listen 8")  # in 4, out 6: a phase changes within any 6 s
        heard = json.loads(walker.next(30))
        said = [h["text"] for h in heard if h["type"] == "object:announcement"]
        assert any(text.startswith("Breathe") for text in said), heard
    finally:
        _show(driver, "close")
