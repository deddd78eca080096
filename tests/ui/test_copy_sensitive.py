"""Copying from the real editors marks the clipboard sensitive: the journal entry, check-in
answers and the safety plan, by keyboard and by the right-click menu; lock clears it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from integrate.ui.base import clipboard as clip
from integrate.ui.base.clipboard import SENSITIVE_MIME, clear_now
from tests.ui.helpers_sessions import add_session, no_quiet_hours


def marked(text: str) -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    return mime.text() == text and bytes(mime.data(SENSITIVE_MIME)) == b"secret"


def copy_by_keyboard(qtbot, editor: QWidget, text: str, *, cut: bool = False) -> None:  # noqa: ANN001
    QGuiApplication.clipboard().setText("unrelated")
    editor.setFocus()
    if isinstance(editor, QLineEdit):
        editor.setText(text)
    else:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(text)
    editor.selectAll()
    qtbot.keyClick(
        editor, Qt.Key.Key_X if cut else Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
    )


def copy_by_menu(editor: QWidget, *, cut: bool = False) -> None:
    """Right-click: the event goes where Qt sends it (a text box's viewport)."""
    QGuiApplication.clipboard().setText("unrelated")
    target = editor.viewport() if isinstance(editor, QPlainTextEdit) else editor
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), target.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(target, event)
    assert clip._menus, "our menu did not open"
    menu = clip._menus[-1]
    name = "edit-cut" if cut else "edit-copy"
    (action,) = [a for a in menu.actions() if a.objectName() == name]
    action.trigger()
    menu.close()


def test_journal_entry_title_and_body(running_app, qtbot) -> None:
    page = running_app.area("journal")
    page.new_entry()
    editor = page.editor
    copy_by_keyboard(qtbot, editor.body, "what I wrote tonight")
    assert marked("what I wrote tonight")
    copy_by_keyboard(qtbot, editor.title, "a private title")
    assert marked("a private title")
    copy_by_keyboard(qtbot, editor.body, "cut this out", cut=True)
    assert marked("cut this out") and editor.body.toPlainText() == ""

    editor.body.setPlainText("from the menu")
    editor.body.selectAll()
    copy_by_menu(editor.body)
    assert marked("from the menu")
    clear_now()
    assert QGuiApplication.clipboard().text() == ""


def test_checkin_answers(running_app, qtbot) -> None:
    services = running_app.services
    no_quiet_hours(services)
    session = add_session(services, hours_ago=3)
    today = running_app.area("today")
    today.open_item(f"{session.uid}:same_day")
    view = today.checkin_view
    assert view is not None and view.answers
    answer = view.answers[0].editor
    copy_by_keyboard(qtbot, answer, "how it felt")
    assert marked("how it felt")
    if isinstance(answer, QPlainTextEdit):
        answer.setPlainText("menu copy")
    else:
        answer.setText("menu copy")
    answer.selectAll()
    copy_by_menu(answer)
    assert marked("menu copy")


def test_safety_plan_fields(running_app, qtbot) -> None:
    page = running_app.area("exercises")
    plan = page.safety_plan
    page.tabs.setCurrentWidget(plan)
    boxes = plan.findChildren(QPlainTextEdit)
    # No country chosen in a new journal: no crisis lines are filled in, so add a person.
    from integrate.ui.coping.safety_plan import ContactSection

    plan.findChildren(ContactSection)[0].add_button.click()
    running_app.settle(1)
    lines = [e for e in plan.findChildren(QLineEdit) if e.isVisibleTo(plan)]
    assert boxes and lines
    copy_by_keyboard(qtbot, boxes[0], "my warning signs")
    assert marked("my warning signs")
    copy_by_keyboard(qtbot, lines[0], "a friend's name")
    assert marked("a friend's name")
    lines[0].setText("menu name")
    lines[0].selectAll()
    copy_by_menu(lines[0])
    assert marked("menu name")


def test_password_fields_and_unprotected_widgets_are_left_alone(running_app, qtbot) -> None:
    clipboard = QGuiApplication.clipboard()
    running_app.window.lock_button.click()
    running_app.settle()
    screen = running_app.window.screens.currentWidget()
    clipboard.setText("unrelated")
    screen.passphrase.setText("secret words")
    screen.passphrase.selectAll()
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "unrelated"  # a password is never copied

    loose = QPlainTextEdit()  # a window of its own, not under the app's window
    qtbot.addWidget(loose)
    loose.setPlainText("not ours")
    loose.selectAll()
    qtbot.keyClick(loose, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "not ours"
    assert bytes(clipboard.mimeData().data(SENSITIVE_MIME)) == b""


def test_lock_clears_what_we_copied(running_app, qtbot) -> None:
    page = running_app.area("journal")
    page.new_entry()
    copy_by_keyboard(qtbot, page.editor.body, "leave no trace")
    assert marked("leave no trace")
    running_app.window.lock_button.click()
    running_app.settle()
    assert QGuiApplication.clipboard().text() == ""
