"""A private D-Bus session with an unlocked gnome-keyring (Secret Service) for benchmarks.

Same recipe as tests/conftest.py's `_secret_service_daemon`: the keyring lives in a
temporary HOME, so benchmarks never touch the real user's keyring.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TOOLS = ("dbus-daemon", "gnome-keyring-daemon", "dbus-send")


def available() -> bool:
    return all(shutil.which(t) for t in TOOLS)


def _wait_for_name(address: str, name: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(
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
        ).stdout
        if "boolean true" in out:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not appear on the private bus")


@contextmanager
def keyring_session() -> Iterator[dict[str, str]]:
    """Yield an environment (for subprocesses) whose keyring is a private, unlocked one."""
    home = Path(tempfile.mkdtemp(prefix="integrate-bench-home-"))
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["XDG_RUNTIME_DIR"] = str(home)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    daemon_env = dict(env)
    daemon_env.pop("DISPLAY", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
        env=daemon_env,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    env["DBUS_SESSION_BUS_ADDRESS"] = daemon_env["DBUS_SESSION_BUS_ADDRESS"] = address
    keyring = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=daemon_env,
        text=True,
    )
    assert keyring.stdin is not None
    keyring.stdin.write("benchmark-keyring-password")
    keyring.stdin.close()
    try:
        _wait_for_name(address, "org.freedesktop.secrets")
        yield env
    finally:
        keyring.terminate()
        bus.terminate()
        keyring.wait(10)
        bus.wait(10)
        shutil.rmtree(home, ignore_errors=True)
