"""F1 ("Need help now") from anywhere: exactly one copy, however often it is pressed.

The top-bar shortcut, the key over modal dialogs (main_window.HelpKeyOverDialogs) and
the button all reach `AppController.show_help`; these tests drive the real keys.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget

from integrate.core.player import PlayerState
from integrate.ui.coping.exercises import ExercisesPage, find_exercise
from integrate.ui.coping.player import PlayerDialog
from integrate.ui.shell.help import HelpDialog
from integrate.ui.shell.help_now import HelpNowDialog
from integrate.vault.exercise_runs import ExerciseRunRepository


def _open_helps(app) -> list[HelpNowDialog]:  # noqa: ANN001
    return [d for d in app.window.findChildren(HelpNowDialog) if d.isVisible()]


def _press_f1(qtbot, window: QWidget) -> None:  # noqa: ANN001
    """F1 where the patient is: the focused widget of `window` (or the window itself)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    focus = QApplication.focusWidget()
    target = focus if focus is not None and focus.window() is window else window
    QTest.keyClick(target, Qt.Key.Key_F1)
    QApplication.processEvents()


def _in_front(qtbot, dialog: QWidget) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)


def test_f1_in_an_exercise_started_from_need_help_now_opens_no_second_copy(
    running_app, qtbot
) -> None:
    app = running_app
    _press_f1(qtbot, app.window)
    helps = _open_helps(app)
    assert len(helps) == 1
    help_now = helps[0]
    _in_front(qtbot, help_now)
    section = help_now.findChild(QWidget, "helpCard").parentWidget()
    section.start()  # the big Start button of the top exercise
    player_dialog = section.player
    assert isinstance(player_dialog, PlayerDialog)
    qtbot.waitUntil(player_dialog.isVisible)
    player_dialog.begin(skip_rating=True)
    assert player_dialog.player.state is PlayerState.STEP
    exercise_id = player_dialog.player.exercise.id
    _in_front(qtbot, player_dialog)

    _press_f1(qtbot, player_dialog)
    app.settle()
    # Still one "Need help now", and it is the one in front again: the exercise that was
    # opened from it is closed (its run kept, stopped, as closing its window does).
    assert _open_helps(app) == [help_now]
    _in_front(qtbot, help_now)
    assert not [d for d in app.window.findChildren(PlayerDialog) if d.isVisible()]
    runs = ExerciseRunRepository(app.services.vault.conn).list_runs()
    assert [r.exercise_id for r in runs] == [exercise_id]

    _press_f1(qtbot, help_now)  # and F1 inside it does nothing more
    app.settle()
    assert _open_helps(app) == [help_now]
    help_now.reject()


def test_f1_twice_from_the_window_opens_one_copy(running_app, qtbot) -> None:
    app = running_app
    _press_f1(qtbot, app.window)
    _press_f1(qtbot, app.window)  # the window is shadowed now: the key goes to the dialog
    app.settle()
    helps = _open_helps(app)
    assert len(helps) == 1
    app.window.help_requested.emit()  # the button or shortcut path, however it arrives
    app.settle()
    assert _open_helps(app) == helps
    helps[0].reject()


def _guide(app) -> QDialog:  # noqa: ANN001
    QTest.keyClick(app.window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    dialog = app.window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None
    return dialog


def _about(app) -> QDialog:  # noqa: ANN001
    guide = _guide(app)
    guide.show_about()
    about = QApplication.activeModalWidget()
    assert isinstance(about, QDialog) and about is not guide
    return about


def _player(app) -> QDialog:  # noqa: ANN001
    page = app.area("exercises")
    assert isinstance(page, ExercisesPage)
    dialog = page.start(find_exercise("extended_exhale"))
    dialog.begin(skip_rating=True)
    return dialog


def _share_wizard(app) -> QDialog:  # noqa: ANN001
    return app.area("share").open_wizard()


DIALOGS: dict[str, Callable[..., QDialog]] = {
    "help": _guide,
    "about": _about,
    "player": _player,
    "share wizard": _share_wizard,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_f1_twice_over_a_dialog_opens_one_copy_over_it(running_app, qtbot, name: str) -> None:
    app = running_app
    dialog = DIALOGS[name](app)
    qtbot.waitUntil(dialog.isVisible)
    _in_front(qtbot, dialog)
    _press_f1(qtbot, dialog)
    helps = _open_helps(app)
    assert len(helps) == 1
    _in_front(qtbot, helps[0])
    _press_f1(qtbot, helps[0])
    assert _open_helps(app) == helps
    helps[0].reject()
    _in_front(qtbot, dialog)  # the dialog is still there, where the patient left it
    assert dialog.isVisible()
    dialog.reject()


@pytest.mark.parametrize("kind", ["message box", "input dialog"])
def test_f1_twice_over_a_blocking_dialog_opens_one_copy(running_app, qtbot, kind: str) -> None:
    """Dialogs run with exec() (confirmations, passphrase prompts) have their own loop."""
    app = running_app
    seen: list[int] = []

    def press_twice_then_close() -> None:
        blocking = QApplication.activeModalWidget()
        assert isinstance(blocking, QDialog)
        _press_f1(qtbot, blocking)
        helps = _open_helps(app)
        _in_front(qtbot, helps[0])
        _press_f1(qtbot, helps[0])
        seen.append(len(_open_helps(app)))
        for help_now in _open_helps(app):
            help_now.reject()
        _in_front(qtbot, blocking)
        blocking.reject()

    QTimer.singleShot(0, press_twice_then_close)
    if kind == "message box":
        QMessageBox.question(app.window, "Delete?", "Delete this?")
    else:
        QInputDialog.getText(app.window, "Passphrase", "Passphrase")
    assert seen == [1]
