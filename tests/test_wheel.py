"""The built wheel installs into a fresh venv and works without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_version_and_demo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    wheels = list(dist.glob("integrate-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", str(wheels[0])], check=True, timeout=1200
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    exe = env_dir / "bin" / "integrate"
    version = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert version.returncode == 0 and version.stdout.startswith("integrate ")
    where = subprocess.run(
        [str(py), "-c", "from integrate.resources import resource_root; print(resource_root())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert str(env_dir) in where.stdout, "resources must come from the installed wheel"
    demo = subprocess.run(
        [str(exe), "demo", "--data-dir", str(tmp_path / "demo"), "--passphrase-stdin"],
        input="wheel demo pass\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    assert "Demo journal created" in demo.stdout
    check = subprocess.run(
        [str(exe), "check", "--data-dir", str(tmp_path / "demo"), "--passphrase-stdin"],
        input="wheel demo pass\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr
