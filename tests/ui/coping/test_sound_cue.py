"""The player's optional soft sound cue: off by default, really played where audio exists,
a plain message where it does not, and a generated sound file that is quiet and click-free."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from integrate.core.exercises import StepKind
from integrate.resources import resource_path
from integrate.ui.coping import player as player_module
from integrate.ui.coping.exercises import find_exercise
from integrate.ui.coping.player import PlayerDialog
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).resolve().parents[1] / "audio_child.py"


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_cue_file_is_the_generated_one() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_soft_cue.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (ROOT / "resources" / "sounds" / "README.md").read_text().count("GPL-3.0") == 1


def test_cue_is_short_quiet_and_starts_and_ends_in_silence() -> None:
    with wave.open(str(resource_path("sounds", "soft_cue.wav"))) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)
    assert 0.2 <= len(samples) / rate <= 1.0
    peak = max(abs(s) for s in samples) / 32768
    assert 0.05 < peak <= 0.3  # audible, never loud
    edge = rate // 100  # the first and last 10 ms fade in and out: no click
    assert max(abs(s) for s in samples[:edge] + samples[-edge:]) / 32768 < 0.01


def test_cue_is_off_by_default_and_breath_changes_stay_silent(
    running_app, qtbot, monkeypatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(player_module, "default_clock", clock)
    exercise = find_exercise("extended_exhale")
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.begin(skip_rating=True)
    while dialog.player.current_step.kind is not StepKind.BREATHING:
        dialog.next()
    assert dialog.sound_box.isVisible() and not dialog.sound_box.isChecked()
    clock.t += 4.05
    dialog.tick()
    clock.t += 6.05
    dialog.tick()
    assert dialog.player.pacer().cycle == 1  # two breath changes went by
    assert dialog.sound.plays == 0 and dialog.sound.effect is None
    dialog.reject()


def test_no_sound_box_where_nothing_changes_by_itself(running_app, qtbot) -> None:
    exercise = find_exercise("mental_categories")  # self-paced only: no breaths, no timers
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.begin(skip_rating=True)
    assert not dialog.sound_box.isVisible()
    dialog.reject()


def test_missing_audio_library_is_explained(running_app, qtbot, monkeypatch) -> None:
    # What Python does when QtMultimedia cannot load (e.g. libpulse.so.0 missing).
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    exercise = find_exercise("extended_exhale")
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.begin(skip_rating=True)
    while dialog.player.current_step.kind is not StepKind.BREATHING:
        dialog.next()
    dialog.sound_box.click()
    assert dialog.sound_note.isVisible() and "libpulse" in dialog.sound_note.text()
    assert not dialog.sound_box.isChecked() and dialog.sound.plays == 0
    dialog.reject()


@pytest.fixture
def pulse_server() -> Iterator[str]:
    """A private PulseAudio server with one null sink (real mixing, no speakers)."""
    require_tool("pulseaudio")
    # A short folder name: unix socket paths are limited to about 100 characters.
    folder = Path(tempfile.mkdtemp(prefix="ipa-"))
    folder.chmod(0o700)
    socket = folder / "native"
    config = folder / "pa.conf"
    config.write_text(
        "load-module module-null-sink sink_name=integrate_test\n"
        f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket}\n"
        "set-default-sink integrate_test\n"
    )
    env = dict(os.environ, HOME=str(folder), XDG_RUNTIME_DIR=str(folder))
    env.pop("PULSE_SERVER", None)
    log = (folder / "pa.log").open("w")
    proc = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "-F",
            str(config),
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "the test sound server did not start: " + (folder / "pa.log").read_text()
                )
            time.sleep(0.05)
        yield f"unix:{socket}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _run_child(expect: str, server: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        INTEGRATE_AUDIO_EXPECT=expect,
        PULSE_SERVER=server,
        QT_AUDIO_BACKEND="pulseaudio",  # the same backend whatever the desktop runs
        QT_QPA_PLATFORM="offscreen",
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(CHILD)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def _passed(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == 0 and "1 passed" in result.stdout and "failed" not in result.stdout


def test_enabling_the_cue_plays_it_on_a_real_audio_output(pulse_server: str) -> None:
    result = _run_child("playing", pulse_server)
    assert _passed(result), result.stdout[-4000:] + result.stderr[-2000:]


def test_without_audio_the_player_says_so_and_runs_on(tmp_path: Path) -> None:
    # A server address that answers nowhere (and stops libpulse from starting one).
    result = _run_child("unavailable", f"unix:{tmp_path / 'no-server'}")
    assert _passed(result), result.stdout[-4000:] + result.stderr[-2000:]
