"""Auto-lock after inactivity, lock on a D-Bus screen-lock signal, sensitive clipboard."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit

from integrate.ui.base.clipboard import (
    SENSITIVE_MIME,
    clear_now,
    copy_sensitive,
    make_copy_sensitive,
)
from integrate.ui.shell.unlock import UnlockScreen
from tests.conftest import require_tool


def test_inactivity_locks_and_unlock_returns_to_the_area(running_app, qtbot) -> None:
    app = running_app
    app.area("settings")
    shell = app.window.shell
    assert shell is not None and shell.current_key() == "settings"
    services = app.services
    editor = QPlainTextEdit()
    editor.setPlainText("half-typed thought")
    shell.page("settings").layout().addWidget(editor)  # stands in for an open editor
    flushed: list[bool] = []
    services.about_to_lock.connect(lambda: flushed.append(True))
    app.controller.hygiene.inactivity.set_interval_ms(200)
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), UnlockScreen), timeout=5000
    )
    app.settle()
    assert flushed == [True]  # editors were asked to save first
    assert not services.vault.is_open and app.controller.services is None
    assert app.window.shell is None
    qtbot.waitUntil(lambda: _deleted(editor), timeout=5000)  # editor and its undo stack gone
    app.controller.hygiene.inactivity.set_interval_ms(0)  # no lock while we unlock
    app.unlock()
    assert app.window.shell is not None
    assert app.window.shell.current_key() == "settings"


def _deleted(widget: QPlainTextEdit) -> bool:
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    QApplication.sendPostedEvents(None, 0)  # let deleteLater run
    return not isValid(widget)


def test_activity_postpones_the_lock(running_app, qtbot) -> None:
    app = running_app
    lock = app.controller.hygiene.inactivity
    lock.set_interval_ms(60_000)
    assert lock.active
    lock._timer.start(50)  # about to fire ...
    qtbot.keyClick(app.window, Qt.Key.Key_Shift)  # ... but a key press restarts the wait
    assert lock._timer.remainingTime() > 1000
    lock.set_minutes(0)  # "never"
    assert not lock.active


@pytest.fixture
def private_bus() -> Iterator[str]:
    require_tool("dbus-daemon", "dbus-send")
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    yield address
    QDBusConnection.disconnectFromBus("integrate-test-screensaver")
    bus.terminate()
    bus.wait(10)


def test_screen_lock_signal_locks_the_app(running_app, qtbot, private_bus: str) -> None:
    app = running_app
    bus = QDBusConnection.connectToBus(private_bus, "integrate-test-screensaver")
    assert bus.isConnected()
    assert app.controller.hygiene.screen.listen(bus)
    services = app.services

    def send(
        value: str,
        path: str = "/org/freedesktop/ScreenSaver",
        iface: str = "org.freedesktop.ScreenSaver",
    ) -> None:
        subprocess.run(
            [
                "dbus-send",
                f"--bus={private_bus}",
                "--type=signal",
                path,
                f"{iface}.ActiveChanged",
                f"boolean:{value}",
            ],
            check=True,
            timeout=10,
        )

    send("false")  # screen unlocking says nothing about us
    qtbot.wait(300)
    assert app.controller.services is not None
    send("true")
    qtbot.waitUntil(lambda: app.controller.services is None, timeout=5000)
    assert not services.vault.is_open
    assert isinstance(app.window.screens.currentWidget(), UnlockScreen)


def test_copy_marks_sensitive_and_clears_only_our_text(qtbot) -> None:
    clipboard = QGuiApplication.clipboard()
    copy_sensitive("private words", clear_after_ms=0)
    mime = clipboard.mimeData()
    assert mime.text() == "private words"
    assert bytes(mime.data(SENSITIVE_MIME)) == b"secret"
    clear_now()
    assert clipboard.text() == ""
    copy_sensitive("private words", clear_after_ms=0)
    clipboard.setText("something the patient copied elsewhere")
    clear_now()
    assert clipboard.text() == "something the patient copied elsewhere"
    copy_sensitive("short-lived", clear_after_ms=50)
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("copy me please")
    editor.selectAll()
    make_copy_sensitive(editor)
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "copy me please"
    assert bytes(clipboard.mimeData().data(SENSITIVE_MIME)) == b"secret"
    clear_now()


def test_automatic_backup_waits_for_the_start_up_integrity_check(running_app, tmp_path) -> None:
    """The HMAC check runs after the window shows; until it passes no backup is written
    (a damaged file must not become the newest backup)."""
    from integrate.vault.backup import AutoBackupConfig, set_auto_config

    folder = tmp_path / "backups"
    folder.mkdir()
    vault = running_app.services.vault
    set_auto_config(vault, AutoBackupConfig(folder, "backup pass 1"))
    hygiene = running_app.controller.hygiene
    vault.verified = False  # as between unlocking and the end of the background check
    hygiene.run_due_backup()
    running_app.settle()
    assert list(folder.iterdir()) == []
    vault.verified = True
    hygiene.run_due_backup()
    running_app.settle()
    assert len(list(folder.iterdir())) == 1


def test_autolock_closes_db_empties_the_editor_and_unlock_restores_the_entry(
    running_app, qtbot
) -> None:
    """Issue 8's "Must show": short timeout, DB closed, editor empty, unlock restores it."""
    from shiboken6 import isValid

    from integrate.vault.vault import VaultError

    app = running_app
    page = app.area("journal")
    page.new_entry()
    editor = page.editor
    uid = editor.entry.uid
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, "typed just before stepping away")
    assert editor.dirty  # not autosaved yet: the lock itself must save it
    services = app.services
    vault = services.vault
    app.controller.hygiene.inactivity.set_interval_ms(200)
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), UnlockScreen), timeout=5000
    )
    app.settle()
    # The database is closed and the key dropped ...
    assert not vault.is_open
    with pytest.raises(VaultError):
        _ = vault.key
    # ... and the editor, its text and its undo history are gone with the shell.
    body = editor.body
    qtbot.waitUntil(lambda: not isValid(body), timeout=5000)
    assert app.window.shell is None
    assert "typed just before" not in " ".join(
        w.toPlainText() for w in app.window.findChildren(QPlainTextEdit)
    )

    app.controller.hygiene.inactivity.set_interval_ms(0)
    app.unlock()
    shell = app.window.shell
    assert shell is not None and shell.current_key() == "journal"
    reopened = shell.page("journal").editor
    assert reopened.entry is not None and reopened.entry.uid == uid
    assert reopened.body.toPlainText() == "typed just before stepping away"
    assert not reopened.body.document().isUndoAvailable()  # a fresh undo stack


def test_unlock_reopens_an_open_checkin(running_app, qtbot) -> None:
    from tests.ui.helpers_sessions import add_session, no_quiet_hours

    app = running_app
    no_quiet_hours(app.services)
    session = add_session(app.services, hours_ago=3)
    today = app.area("today")
    today.open_item(f"{session.uid}:same_day")
    assert today.checkin_view is not None
    app.window.lock_button.click()
    app.settle()
    app.unlock()
    shell = app.window.shell
    assert shell is not None and shell.current_key() == "today"
    view = shell.page("today").checkin_view
    assert view is not None and view.checkin.uid == f"{session.uid}:same_day"


def test_logind_session_paths() -> None:
    from integrate.ui.shell.autolock import logind_session_path

    assert logind_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert logind_session_path("c1") == "/org/freedesktop/login1/session/c1"
    assert logind_session_path("") == ""


def test_sleep_and_session_lock_from_logind_lock_the_app(
    running_app, qtbot, private_bus: str
) -> None:
    from integrate.ui.shell.autolock import logind_session_path

    app = running_app
    bus = QDBusConnection.connectToBus(private_bus, "integrate-test-screensaver")
    assert bus.isConnected()
    session = logind_session_path("7")
    assert app.controller.hygiene.screen.listen_logind(bus, session_path=session)

    def send(path: str, member: str, *args: str) -> None:
        subprocess.run(
            ["dbus-send", f"--bus={private_bus}", "--type=signal", path, member, *args],
            check=True,
            timeout=10,
        )

    send(
        "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:false"
    )
    qtbot.wait(300)
    assert app.controller.services is not None  # waking up locks nothing
    send(
        "/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true"
    )
    qtbot.waitUntil(lambda: app.controller.services is None, timeout=5000)
    assert isinstance(app.window.screens.currentWidget(), UnlockScreen)

    app.controller.hygiene.inactivity.set_interval_ms(0)
    app.unlock()
    assert app.controller.services is not None
    send("/org/freedesktop/login1/session/other", "org.freedesktop.login1.Session.Lock")
    qtbot.wait(300)
    assert app.controller.services is not None  # another session's lock is not ours
    send(session, "org.freedesktop.login1.Session.Lock")
    qtbot.waitUntil(lambda: app.controller.services is None, timeout=5000)
