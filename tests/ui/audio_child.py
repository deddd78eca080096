"""Player sound checks that run in a child pytest process (started by test_sound_cue.py).

Qt's audio backend connects to the sound server once per process, so each audio
environment (a real null-sink server, or none at all) gets a fresh process.
INTEGRATE_AUDIO_EXPECT says what the parent set up: "playing" or "unavailable".
The file name does not start with test_, so a normal run does not collect it.
"""

from __future__ import annotations

import os

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from integrate.core.exercises import StepKind
from integrate.ui.coping import player as player_module
from integrate.ui.coping.exercises import find_exercise
from integrate.ui.coping.player import SOUND_PREF, PlayerDialog, pref_bool

EXPECT = os.environ.get("INTEGRATE_AUDIO_EXPECT", "")


class FakeClock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def _at_breathing_step(app, qtbot, clock: FakeClock) -> PlayerDialog:  # noqa: ANN001
    exercise = find_exercise("extended_exhale")
    assert exercise is not None
    dialog = PlayerDialog(app.services, exercise, app.window, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.begin(skip_rating=True)
    while dialog.player.current_step is None or (
        dialog.player.current_step.kind is not StepKind.BREATHING
    ):
        dialog.next()
    dialog.tick()
    return dialog


@pytest.mark.skipif(EXPECT != "playing", reason="run by test_sound_cue.py with a sound server")
def test_enabling_plays_the_cue_and_each_breath_change_plays_it_again(
    running_app, qtbot, monkeypatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(player_module, "default_clock", clock)
    dialog = _at_breathing_step(running_app, qtbot, clock)
    assert dialog.sound_box.isVisible() and not dialog.sound_box.isChecked()
    assert dialog.sound.effect is None  # off by default: nothing audio was even created

    # Keyboard: Space on the focused box ticks it (it does not pause the exercise).
    dialog.sound_box.setFocus()
    QTest.keyClick(dialog.sound_box, Qt.Key.Key_Space)
    assert dialog.sound_box.isChecked()
    assert dialog.player.state.value == "step"
    assert pref_bool(running_app.services, SOUND_PREF)

    effect = dialog.sound.effect
    assert effect is not None and dialog.sound.plays == 1  # the preview
    started: list[bool] = []
    # The effect may already be gone when a late signal arrives (the dialog closed at the
    # end): the check keeps that from raising in the event loop at teardown.
    effect.playingChanged.connect(
        lambda: started.append(effect.isPlaying()) if shiboken6.isValid(effect) else None
    )
    qtbot.waitUntil(lambda: True in started or effect.isPlaying(), timeout=5000)
    from PySide6.QtMultimedia import QSoundEffect

    assert effect.status() is QSoundEffect.Status.Ready
    qtbot.waitUntil(lambda: not effect.isPlaying(), timeout=5000)  # a short cue: it ends

    # The in-breath (4 s) ends: the cue plays again, queued on the real output.
    started.clear()
    clock.t += 4.05
    dialog.tick()
    assert dialog.sound.plays == 2
    qtbot.waitUntil(lambda: True in started or effect.isPlaying(), timeout=5000)
    assert not dialog.sound_note.isVisible() and dialog.sound.last_problem == ""

    # Turned off: breath changes stay silent.
    dialog.sound_box.click()
    clock.t += 6.05
    dialog.tick()
    assert dialog.sound.plays == 2
    dialog.reject()


@pytest.mark.skipif(EXPECT != "unavailable", reason="run by test_sound_cue.py without audio")
def test_without_an_audio_output_the_box_explains_and_the_exercise_goes_on(
    running_app, qtbot, monkeypatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(player_module, "default_clock", clock)
    dialog = _at_breathing_step(running_app, qtbot, clock)
    dialog.sound_box.click()
    assert dialog.sound_note.isVisible()
    assert "no audio output" in dialog.sound_note.text()
    assert not dialog.sound_box.isChecked()  # the box tells the truth: nothing will sound
    assert dialog.sound.effect is None and dialog.sound.plays == 0
    clock.t += 4.05
    dialog.tick()  # a breath change: no sound, no error, the pacer goes on
    assert dialog.player.pacer() is not None and dialog.player.pacer().phase.value == "exhale"
    assert dialog.sound.plays == 0
    dialog.reject()

    # The choice is remembered; the next player says at once why it stays silent.
    assert pref_bool(running_app.services, SOUND_PREF)
    again = _at_breathing_step(running_app, qtbot, clock)
    assert again.sound_note.isVisible() and not again.sound_box.isChecked()
    again.reject()
