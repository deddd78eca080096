"""Exercises, the player and "Need help now", driven like a patient would (keyboard only)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from integrate.core.exercises import StepKind
from integrate.core.pacer import describe_pattern, pacer_state
from integrate.core.player import PlayerState, RunRecord
from integrate.core.timeutil import now_local
from integrate.ui.coping import player as player_module
from integrate.ui.coping.exercises import ExercisesPage, find_exercise
from integrate.ui.coping.player import PlayerDialog
from integrate.ui.shell.help_now import HelpNowDialog
from integrate.vault.exercise_runs import ExerciseRunRepository


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(player_module, "default_clock", fake)
    return fake


def _focus():  # noqa: ANN202
    return QApplication.focusWidget()


def _key(key: Qt.Key, text: str = "") -> None:
    widget = _focus()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key)


def test_run_from_help_now_with_keyboard_only(running_app, qtbot, clock: FakeClock) -> None:
    app = running_app
    app.window.activateWindow()
    QTest.keyClick(app.window, Qt.Key.Key_F1)
    app.settle()
    dialog = app.window.findChild(HelpNowDialog, "helpNowDialog")
    assert dialog is not None and dialog.isVisible()
    # The top exercise's Start button has the focus first (empty journal: a gentle default).
    qtbot.waitUntil(lambda: isinstance(_focus(), QPushButton) and _focus().text() == "Start")
    _key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window.findChild(PlayerDialog, "playerDialog") is not None)
    player_dialog = app.window.findChild(PlayerDialog, "playerDialog")
    qtbot.waitUntil(player_dialog.isVisible)
    player = player_dialog.player
    assert player.exercise.id == "orienting" and player.state is PlayerState.SUDS_BEFORE

    qtbot.waitUntil(lambda: _focus() is player_dialog.suds_before)
    _key(Qt.Key.Key_7)
    assert player_dialog.suds_before.value() == 7
    _key(Qt.Key.Key_Return)
    assert player_dialog.player.state is PlayerState.STEP
    player = player_dialog.player
    clock.t += 5
    _key(Qt.Key.Key_Space)
    assert player.state is PlayerState.PAUSED
    clock.t += 60  # paused time does not count
    player_dialog.tick()
    assert player.state is PlayerState.PAUSED
    _key(Qt.Key.Key_Space)
    assert player.state is PlayerState.STEP
    clock.t += 3
    _key(Qt.Key.Key_Right)
    assert player.step_index == 1 and player.current_step is not None
    assert player.current_step.kind is StepKind.TEXT_ENTRY
    assert isinstance(_focus(), QLineEdit)  # typing goes straight into the answer
    QTest.keyClicks(_focus(), "kitchen")
    _key(Qt.Key.Key_Escape)
    assert player.state is PlayerState.SUDS_AFTER
    assert player_dialog.save_answers.isVisible() and not player_dialog.save_answers.isChecked()
    _key(Qt.Key.Key_4)
    _key(Qt.Key.Key_Return)
    assert player.state is PlayerState.STOPPED

    runs = ExerciseRunRepository(app.services.vault.conn).list_runs()
    assert len(runs) == 1
    run = runs[0]
    assert (run.exercise_id, run.variant) == ("orienting", player.variant.id)
    assert (run.suds_before, run.suds_after, run.finished) == (7, 4, False)
    assert run.duration_s == pytest.approx(8.0)  # 5 + 3 seconds, the pause left out
    assert run.answers is None  # typed, but not chosen to be saved
    _key(Qt.Key.Key_Return)  # "Close" on the last page
    qtbot.waitUntil(lambda: not player_dialog.isVisible())
    dialog.close()


def test_typed_answers_saved_only_when_chosen(running_app, qtbot, clock: FakeClock) -> None:
    app = running_app
    exercise = find_exercise("orienting")
    assert exercise is not None
    dialog = PlayerDialog(app.services, exercise, app.window)
    qtbot.addWidget(dialog)
    dialog.begin(skip_rating=True)
    dialog.next()
    dialog._answer_fields[0].setText("Tuesday")
    while dialog.player.state is not PlayerState.SUDS_AFTER:
        dialog.next()
    dialog.save_answers.setChecked(True)
    dialog.note.setText("calmer")
    dialog.finish()
    stored = ExerciseRunRepository(app.services.vault.conn).get(dialog.saved_uid or "")
    assert stored is not None and stored.finished and stored.note == "calmer"
    assert stored.answers is not None and stored.answers[0].values == ("Tuesday",)
    assert stored.suds_before is None


def test_pacer_follows_the_fake_clock(running_app, qtbot, clock: FakeClock) -> None:
    exercise = find_exercise("extended_exhale")
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.suds_before.set_value(6)
    dialog.begin()
    while dialog.player.current_step.kind is not StepKind.BREATHING:
        dialog.next()
    pattern = dialog.player.variant.breathing
    assert pattern is not None
    assert dialog.pacer.isVisible() and not dialog.pattern_text.isVisible()
    for t in (0.5, pattern.inhale + 0.25, pattern.cycle_seconds * 2 + 1.0):
        start = dialog.player.elapsed() - dialog.player.step_elapsed()
        clock.t += start + t - dialog.player.elapsed()
        dialog.tick()
        expected = pacer_state(pattern, t)
        assert dialog.pacer.state == expected
        assert (
            dialog.pacer.caption()
            == {
                "inhale": "Breathe in",
                "exhale": "Breathe out",
                "hold_in": "Hold",
                "hold_out": "Rest",
            }[expected.phase]
        )
    small = dialog.pacer.circle_fraction()
    clock.t += (
        pattern.cycle_seconds
        - (dialog.player.step_elapsed() % pattern.cycle_seconds)
        + pattern.inhale * 0.99
    )
    dialog.tick()
    assert dialog.pacer.circle_fraction() > small  # the circle grows on the in-breath
    dialog.toggle_pause()
    assert dialog.pacer.caption() == "Paused"
    before = dialog.pacer.state
    clock.t += 30
    dialog.tick()
    assert dialog.pacer.state == before  # nothing moves while paused
    dialog.reject()
    stored = ExerciseRunRepository(running_app.services.vault.conn).list_runs()
    assert len(stored) == 1 and not stored[0].finished and stored[0].suds_before == 6


def test_reduce_motion_shows_text_and_a_still_circle(running_app, qtbot, clock) -> None:
    running_app.services.prefs.setValue("ui/reduce_motion", True)
    exercise = find_exercise("extended_exhale")
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.begin(skip_rating=True)
    while dialog.player.current_step.kind is not StepKind.BREATHING:
        dialog.next()
    assert dialog.pattern_text.isVisible()
    assert dialog.pattern_text.text() == describe_pattern(dialog.player.variant.breathing)
    sizes = set()
    for _ in range(6):
        clock.t += 1.3
        dialog.tick()
        sizes.add(dialog.pacer.circle_fraction())
    assert sizes == {0.75}
    assert dialog.pacer.caption() in ("Breathe in", "Breathe out")
    dialog.reject()


def test_caution_shown_once_and_remembered(running_app, qtbot, clock) -> None:
    exercise = find_exercise("box_breathing")
    assert exercise is not None and exercise.caution
    repo = ExerciseRunRepository(running_app.services.vault.conn)
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.begin(skip_rating=True)
    assert dialog.pages.currentIndex() == dialog.PAGE_CAUTION
    assert not repo.caution_seen("box_breathing")
    dialog.acknowledge_caution()
    assert repo.caution_seen("box_breathing")
    assert dialog.player.state is PlayerState.STEP
    dialog.reject()
    again = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(again)
    again.begin(skip_rating=True)
    assert again.player.state is PlayerState.STEP
    again.reject()


def test_stopping_before_the_steps_stores_nothing(running_app, qtbot, clock) -> None:
    exercise = find_exercise("cold_water")
    assert exercise is not None
    dialog = PlayerDialog(running_app.services, exercise, running_app.window)
    qtbot.addWidget(dialog)
    dialog.begin(skip_rating=True)
    dialog.stop()  # "Not now" on the caution
    assert not ExerciseRunRepository(running_app.services.vault.conn).caution_seen("cold_water")
    assert ExerciseRunRepository(running_app.services.vault.conn).count() == 0


def test_what_helps_numbers_match_stored_runs(running_app, qtbot) -> None:
    repo = ExerciseRunRepository(running_app.services.vault.conn)
    t0 = now_local() - timedelta(days=3)
    repo.add_many(
        [
            RunRecord("senses_54321", "typed", t0, 200, True, 8, 5),
            RunRecord("senses_54321", "typed", t0 + timedelta(days=1), 180, True, 6, 2),
            RunRecord("senses_54321", "typed", t0 + timedelta(days=2), 40, False, 7, None),
            RunRecord("extended_exhale", "in4_out6", t0, 120, True, 5, 5),
        ]
    )
    page = running_app.area("exercises")
    assert isinstance(page, ExercisesPage)
    running_app.services.notify("exercises")
    rows = page.what_helps.rows
    assert set(rows) == {"senses_54321", "extended_exhale"}
    senses = rows["senses_54321"]
    assert senses.used.text() == "Used 3 times"
    assert senses.change.text() == "Average change in distress: -3.5"
    assert (senses.bars.before, senses.bars.after) == (7.0, 3.5)
    assert senses.last.text() == "Last used yesterday."
    assert rows["extended_exhale"].change.text() == "Average change in distress: +0.0"
    # Neutral wording, never a verdict.
    texts = " ".join(w.text() for r in rows.values() for w in (r.change, r.description))
    for word in ("best", "worst", "works", "failed", "good", "bad"):
        assert word not in texts.lower()


def test_exercise_list_marks_cautions_and_starts_player(running_app, qtbot, clock) -> None:
    page = running_app.area("exercises")
    assert isinstance(page, ExercisesPage)
    assert len(page.list.start_buttons) >= 10
    page.list.start_buttons["pmr"].click()
    assert page.player is not None and page.player.exercise.id == "pmr"
    page.player.reject()


def test_f1_inside_the_player_pauses_it_and_opens_need_help_now(
    running_app, qtbot, clock: FakeClock
) -> None:
    app = running_app
    page = app.area("exercises")
    assert isinstance(page, ExercisesPage)
    player_dialog = page.start(find_exercise("extended_exhale"))
    qtbot.waitUntil(player_dialog.isVisible)
    player_dialog.begin(skip_rating=True)
    assert player_dialog.player.state is PlayerState.STEP
    assert QApplication.activeModalWidget() is player_dialog  # the window's shortcuts are blocked
    player_dialog.activateWindow()
    qtbot.waitUntil(lambda: _focus() is not None and _focus().window() is player_dialog)
    _key(Qt.Key.Key_F1)
    app.settle()
    helps = [d for d in app.window.findChildren(HelpNowDialog) if d.isVisible()]
    assert len(helps) == 1
    assert player_dialog.player.state is PlayerState.PAUSED  # the exercise waits
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is helps[0])
    # F1 again inside "Need help now" does not stack another copy.
    QTest.keyClick(helps[0], Qt.Key.Key_F1)
    app.settle()
    assert len([d for d in app.window.findChildren(HelpNowDialog) if d.isVisible()]) == 1
    # Esc closes it; the patient is back in the paused exercise and Space goes on.
    QTest.keyClick(QApplication.focusWidget() or helps[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not helps[0].isVisible())
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is player_dialog)
    player_dialog.activateWindow()  # what the window manager does on a desktop
    qtbot.waitUntil(lambda: _focus() is not None and _focus().window() is player_dialog)
    _key(Qt.Key.Key_Space)
    assert player_dialog.player.state is PlayerState.STEP
    player_dialog.reject()


def test_f1_reaches_need_help_now_from_any_open_dialog(running_app, qtbot) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    other = QDialog(running_app.window)  # e.g. a wizard: window shortcuts are blocked
    QVBoxLayout(other).addWidget(QLineEdit())
    other.open()
    other.activateWindow()
    qtbot.waitUntil(lambda: _focus() is not None and _focus().window() is other)
    _key(Qt.Key.Key_F1)
    running_app.settle()
    assert any(d.isVisible() for d in running_app.window.findChildren(HelpNowDialog))
    other.reject()


def test_versions_are_labelled_and_list_notes_are_accurate(running_app, qtbot, clock) -> None:
    from integrate.ui.coping.exercises import exercise_note

    box = find_exercise("box_breathing")
    assert box is not None
    dialog = PlayerDialog(running_app.services, box, running_app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.variant_label.isVisible() and dialog.variant_label.buddy() is dialog.variant_box
    assert dialog.variant_box.currentData() == "no_holds"  # holds are never the default
    labels = [dialog.variant_box.itemText(i) for i in range(dialog.variant_box.count())]
    assert sum("(holds the breath)" in t for t in labels) == 2
    dialog.reject()
    single = PlayerDialog(running_app.services, find_exercise("orienting"), running_app.window)
    qtbot.addWidget(single)
    single.show()
    assert not single.variant_label.isVisible() and not single.variant_box.isVisible()
    single.reject()
    assert "rest after the out-breath" in exercise_note(find_exercise("calm_breathing"))
    assert exercise_note(box).startswith("Starts without holding the breath")
