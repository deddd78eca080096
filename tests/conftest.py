"""Test-wide fixtures: offscreen Qt, private temp vaults, a real Secret Service, tool checks.

Set INTEGRATE_REQUIRE_SYSTEM_TOOLS=1 (CI does) to turn every "skipped because a system
tool is missing" into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A bus address that connects nowhere ("disabled:" makes jeepney raise ValueError).
NO_BUS = "unix:abstract=integrate-test-no-session-bus"
# No stray session bus or keyring prompts unless a test asks for the real Secret Service.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = NO_BUS
os.environ.pop("INTEGRATE_DATA_DIR", None)
# Many tests call integrate.cli.main() in this process: without this, the first one would
# make pytest itself non-dumpable with a hard core limit of 0 for good. The hardening
# tests (tests/integrity/test_hardening.py) drop it for the children they check.
os.environ["INTEGRATE_ALLOW_CORE_DUMPS"] = "1"

REQUIRE_TOOLS = os.environ.get("INTEGRATE_REQUIRE_SYSTEM_TOOLS") == "1"


def require_tool(*names: str) -> None:
    """Skip (or, in CI, fail) when a system tool the test needs is missing."""
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        message = f"system tool(s) missing: {', '.join(missing)}"
        if REQUIRE_TOOLS:
            pytest.fail(message + " (INTEGRATE_REQUIRE_SYSTEM_TOOLS=1)")
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _event_loops_still_run() -> Iterator[None]:
    """Fail the test after which Qt event loops no longer run, and make them run again.

    QApplication.exit() called while no QApplication.exec() runs (a test's stray
    single-shot "quit" timer firing inside a later test) leaves Qt's quit flag set for
    good: every later QEventLoop.exec() returns at once, so qtbot.wait, waitUntil and
    waitSignal stop processing events and later tests time out (an unlock "stalled" at
    "Opening your journal…" some 70 tests on). The app itself never exits outside its
    one exec(). The failure lands on the test during which the stray exit() ran: look
    for a timer an EARLIER test left pending.
    """
    yield
    import sys

    if "PySide6.QtCore" not in sys.modules:
        return  # no Qt in this process yet: nothing can have quit
    if event_loops_run():
        return
    restart_event_loops()
    pytest.fail(
        "QApplication.exit() ran while no exec() was running (a stray timer left by an "
        "earlier test?): Qt event loops returned at once, so qtbot waits processed nothing"
    )


def event_loops_run() -> bool:
    """Whether a QEventLoop still runs (False once exit() was called outside exec())."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    if QCoreApplication.instance() is None:
        return True
    loop = QEventLoop()
    QTimer.singleShot(0, loop, lambda: loop.exit(0))
    return loop.exec() == 0


def restart_event_loops() -> None:
    """Clear Qt's quit flag: exec() resets it when it starts."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance()
    if app is not None:
        QTimer.singleShot(0, app, lambda: app.exit(0))
        app.exec()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty folder for one vault."""
    folder = tmp_path / "vault"
    return folder


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper scrypt for tests that create many vaults (real scrypt, smaller N)."""
    from integrate.vault import keys

    monkeypatch.setattr(keys.KdfParams, "__init__", _fast_init)


def _fast_init(self: object, n: int = 2**14, r: int = 8, p: int = 1) -> None:
    object.__setattr__(self, "n", n)
    object.__setattr__(self, "r", r)
    object.__setattr__(self, "p", p)


@dataclass
class SecretService:
    """A gnome-keyring Secret Service on a private D-Bus session bus."""

    address: str
    home: Path

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        env["HOME"] = str(self.home)
        return env

    def lookup(self, service: str, username: str) -> str | None:
        result = subprocess.run(
            ["secret-tool", "lookup", "service", service, "username", username],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=10,
        )
        return result.stdout if result.returncode == 0 else None

    def store(self, service: str, username: str, secret: str) -> None:
        subprocess.run(
            ["secret-tool", "store", "--label", "test", "service", service, "username", username],
            env=self.env(),
            input=secret,
            text=True,
            check=True,
            timeout=10,
        )


def _wait_for_name(address: str, name: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = subprocess.run(
            [
                "dbus-send",
                f"--bus={address}",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{name}",
            ],
            capture_output=True,
            text=True,
            timeout=5,
        )
        if "boolean true" in result.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not appear on the test bus")


@pytest.fixture(scope="session")
def _secret_service_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    require_tool("dbus-daemon", "gnome-keyring-daemon", "secret-tool", "dbus-send")
    home = tmp_path_factory.mktemp("keyring-home")
    env = dict(os.environ)
    env["HOME"] = str(home)
    env.pop("DISPLAY", None)
    env["XDG_RUNTIME_DIR"] = str(home)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring_daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert keyring_daemon.stdin is not None
    keyring_daemon.stdin.write("test-keyring-password")
    keyring_daemon.stdin.close()
    try:
        _wait_for_name(address, "org.freedesktop.secrets")
        yield SecretService(address=address, home=home)
    finally:
        keyring_daemon.terminate()
        bus.terminate()
        keyring_daemon.wait(10)
        bus.wait(10)


@pytest.fixture
def locked_secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A Secret Service whose keyring is locked (never unlocked, no display to prompt on)."""
    require_tool("dbus-daemon", "gnome-keyring-daemon", "dbus-send")
    env = dict(os.environ, HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("DISPLAY", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--components=secrets"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        _wait_for_name(address, "org.freedesktop.secrets")
        import keyring.core

        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setenv("HOME", str(tmp_path))
        monkeypatch.delenv("DISPLAY", raising=False)
        keyring.core.init_backend()
        yield
    finally:
        _forget_backend()
        daemon.terminate()
        bus.terminate()
        daemon.wait(10)
        bus.wait(10)


@pytest.fixture
def secret_service(
    _secret_service_daemon: SecretService, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretService]:
    """Point this process (and its children) at the real test Secret Service."""
    import keyring.core

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", _secret_service_daemon.address)
    monkeypatch.setenv("HOME", str(_secret_service_daemon.home))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.core.init_backend()
    yield _secret_service_daemon
    monkeypatch.undo()
    _forget_backend()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No Secret Service at all: keyring falls back to its `fail` backend."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
    keyring.set_keyring(fail.Keyring())
    yield
    _forget_backend()


def _forget_backend() -> None:
    """Leave keyring with no usable backend (what a machine without a keystore has)."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
