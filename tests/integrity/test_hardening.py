"""Core dumps off for the app and every verb (issue 15, finding 4: a core file of the
GUI held the vault key three times and entry text twice)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")

# Goes through integrate.cli.main, the entry point of the `integrate` script, of
# `python -m integrate` and of the window; then reports what the process looks like.
_PROBE = textwrap.dedent(
    """
    import ctypes, resource
    from integrate.cli import main
    try:
        main(["--version"])
    except SystemExit:
        pass
    libc = ctypes.CDLL(None)
    print(libc.prctl(3, 0, 0, 0, 0), *resource.getrlimit(resource.RLIMIT_CORE))
    """
)


def _allow_cores() -> None:
    """In the child before it runs: a core limit as a desktop may set it (the default
    here may already be 0, which would make the checks below pass on their own)."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (1 << 20, resource.RLIM_INFINITY))


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    env.pop("INTEGRATE_ALLOW_CORE_DUMPS", None)
    env.update(extra)
    return env


def test_the_entry_point_turns_core_dumps_off() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=_allow_cores,  # noqa: PLW1509 - no threads in play here
    ).stdout.split()
    assert out[-3:] == ["0", "0", "0"]  # not dumpable; RLIMIT_CORE soft 0, hard 0


def test_the_environment_variable_keeps_them_for_debugging() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env=_env(INTEGRATE_ALLOW_CORE_DUMPS="1"),
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=_allow_cores,  # noqa: PLW1509
    ).stdout.split()
    assert out[-3:] == ["1", str(1 << 20), str(-1)]  # dumpable, the limit as it was


def test_a_running_verb_has_no_core_limit(tmp_path: Path) -> None:
    """`python -m integrate search` waiting for its passphrase on stdin, seen from outside."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "integrate",
            "search",
            "x",
            "--passphrase-stdin",
            "--data-dir",
            str(tmp_path / "v"),
        ],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_allow_cores,  # noqa: PLW1509
    )
    try:
        limits = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            limits = Path(f"/proc/{child.pid}/limits").read_text()
            line = next(x for x in limits.splitlines() if x.startswith("Max core file size"))
            if line.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.05)
        assert line.split()[4:6] == ["0", "0"], line
    finally:
        child.kill()
        child.wait()
