"""No tray (offscreen, like GNOME): reminders go to the desktop's notification server over
D-Bus, and a click on the notification opens the check-in. A small notification server
runs on a private bus; it records what it was sent and can report a click."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from integrate.core.identity import APP_ID, APP_NAME, NEUTRAL_NAME
from integrate.core.reminders import find_sensitive_terms
from integrate.core.timeutil import to_iso
from integrate.ui.reminders import reminders as reminders_module
from integrate.ui.reminders.desktop_notify import (
    CATEGORY,
    INTERFACE,
    PATH,
    SERVICE,
    DesktopNotifier,
)
from tests.conftest import require_tool
from tests.ui.reminders.test_reminders import FakeClock, driver_of, make_vault, open_app, seed


@pytest.fixture
def bus() -> Iterator[str]:
    require_tool("dbus-daemon")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    yield daemon.stdout.readline().strip()
    daemon.terminate()
    daemon.wait(10)


class NotificationServer:
    """org.freedesktop.Notifications, just enough: Notify replies with an id."""

    def __init__(self, address: str) -> None:
        from jeepney import message_bus
        from jeepney.io.threading import open_dbus_connection

        self.conn = open_dbus_connection(address)
        self.conn.send(message_bus.RequestName(SERVICE))
        self.received: list[tuple[Any, ...]] = []
        self.next_id = 41
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        from jeepney import HeaderFields, MessageType, new_method_return

        while not self._stop:
            try:
                msg = self.conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except Exception:  # noqa: BLE001 - closed at the end of the test
                return
            fields = msg.header.fields
            if (
                msg.header.message_type is MessageType.method_call
                and fields.get(HeaderFields.member) == "Notify"
            ):
                self.next_id += 1
                self.received.append(tuple(msg.body))
                self.conn.send(new_method_return(msg, "u", (self.next_id,)))

    def click(self, notification_id: int, action: str = "default") -> None:
        from jeepney import DBusAddress, new_signal

        signal = new_signal(
            DBusAddress(PATH, interface=INTERFACE), "ActionInvoked", "us", (notification_id, action)
        )
        self.conn.send(signal)

    def close(self) -> None:
        self._stop = True
        self.thread.join(2)
        self.conn.close()


@pytest.fixture
def server(bus: str) -> Iterator[NotificationServer]:
    srv = NotificationServer(bus)
    yield srv
    srv.close()


def test_notifier_sends_neutral_text_and_reports_a_click(qtbot, bus: str, server) -> None:
    notifier = DesktopNotifier(bus)
    assert notifier.start()
    assert notifier.notify("Time for your check-in")
    qtbot.waitUntil(lambda: len(server.received) == 1, timeout=3000)
    app_name, replaces, _icon, summary, body, actions, hints, timeout = server.received[0]
    assert (summary, body, replaces, timeout) == ("Time for your check-in", "", 0, -1)
    assert app_name == APP_NAME
    assert hints == {
        "desktop-entry": ("s", APP_ID),
        "category": ("s", CATEGORY),
        "urgency": ("y", 1),
    }
    keys = actions[0::2]
    assert keys == ["default", "open", "snooze:min_15", "skip", "snooze:hour_1",
                    "snooze:tomorrow_morning"]  # fmt: skip
    assert actions[1::2][1:4] == ["Open", "In 15 minutes", "Skip this one"]
    assert find_sensitive_terms(" ".join(str(x) for x in server.received[0])) == []
    # The next one replaces ours rather than piling up.
    assert notifier.notify("Time for your check-in")
    assert server.received[-1][1] == notifier.last_id - 1

    with qtbot.waitSignal(notifier.activated, timeout=3000):
        server.click(notifier.last_id)
    clicks: list[bool] = []
    notifier.activated.connect(lambda: clicks.append(True))
    server.click(notifier.last_id - 1)  # an older notification of ours
    server.click(999)  # someone else's
    server.click(notifier.last_id, "dismissed")
    qtbot.wait(300)
    assert clicks == []
    notifier.stop()


def test_no_server_means_nothing_sent_and_no_bus_means_no_notifier(bus: str) -> None:
    notifier = DesktopNotifier(bus)
    assert notifier.start()  # the bus is there: a server may come later
    assert notifier.server() == ""
    assert not notifier.notify("Time for your check-in")  # nobody owns the name: the banner
    notifier.stop()
    assert not DesktopNotifier("unix:abstract=integrate-test-nobody-here").start()


def test_due_reminder_without_tray_notifies_and_a_click_opens_the_checkin(
    qtbot, tmp_path: Path, fast_kdf, bus: str, server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_module, "NOTIFY_BUS", bus)
    paths = make_vault(tmp_path / "v")
    target = seed(paths)[0]
    clock = FakeClock(target.due_at - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    clock.now = target.due_at
    driver.tick()
    assert driver.banner.isVisible()  # the banner carries it as well
    qtbot.waitUntil(lambda: len(server.received) == 1, timeout=3000)
    assert server.received[0][3] == "Time for your check-in"
    assert driver.desktop is not None
    with qtbot.waitSignal(app.services.navigate, timeout=3000) as opened:
        server.click(driver.desktop.last_id)
    assert opened.args == ["today", target.key]
    app.controller.shutdown()
    assert driver.desktop is None  # stopped with the driver


def schedule_json(paths_root: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> dict[str, Any]:  # noqa: ANN001
    """`integrate schedule --json`, in-process, keyed by check-in uid."""
    import io
    import json
    import sys

    from integrate.cli import main
    from tests.ui.conftest import PASSPHRASE

    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["schedule", "--json", "--data-dir", str(paths_root), "--passphrase-stdin"])
    out = capsys.readouterr().out
    assert code == 0, out
    return {row["uid"]: row for row in json.loads(out)}


def test_a_server_that_appears_or_restarts_between_reminders_is_used(
    qtbot, tmp_path: Path, fast_kdf, bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_module, "NOTIFY_BUS", bus)
    paths = make_vault(tmp_path / "v")
    first, second, third = seed(paths)[:3]
    clock = FakeClock(first.due_at - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    driver = driver_of(app)
    clock.now = first.due_at
    driver.tick()  # login: the desktop's notification daemon is not up yet
    assert driver.banner.isVisible()
    assert driver.desktop is not None and driver.desktop.server() == ""
    driver.skip_current()

    late = NotificationServer(bus)  # the daemon starts after the app
    try:
        qtbot.waitUntil(lambda: driver.desktop is not None and driver.desktop.server() != "")
        clock.now = second.due_at
        driver.tick()
        qtbot.waitUntil(lambda: len(late.received) == 1, timeout=3000)
        assert late.received[0][3] == "Time for your check-in"
        driver.skip_current()
    finally:
        late.close()  # the daemon restarts: a new process owns the name

    restarted = NotificationServer(bus)
    try:
        qtbot.waitUntil(lambda: driver.desktop is not None and driver.desktop.server() != "")
        clock.now = third.due_at
        driver.tick()
        qtbot.waitUntil(lambda: len(restarted.received) == 1, timeout=3000)
        # The old server's id means nothing to the new one: a fresh notification.
        assert restarted.received[0][1] == 0 and restarted.received[0][3] == (
            "Time for your check-in"
        )
    finally:
        restarted.close()
    app.controller.shutdown()


def test_snooze_and_skip_from_the_notification_while_unlocked(
    qtbot, tmp_path: Path, fast_kdf, bus: str, server, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(reminders_module, "NOTIFY_BUS", bus)
    paths = make_vault(tmp_path / "v")
    first, second, third, fourth = seed(paths)[:4]
    clock = FakeClock(first.due_at - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    app.services.prefs.setValue("autostart/neutral_name", True)  # Settings' neutral name
    driver = driver_of(app)

    clock.now = first.due_at
    driver.tick()
    qtbot.waitUntil(lambda: len(server.received) == 1, timeout=3000)
    assert server.received[0][0] == NEUTRAL_NAME
    assert driver.desktop is not None
    server.click(driver.desktop.last_id, "skip")
    qtbot.waitUntil(lambda: not driver.banner.isVisible(), timeout=3000)
    assert driver.service.fire_time(f"checkin:{first.key}") is None

    clock.now = second.due_at
    driver.tick()
    qtbot.waitUntil(lambda: len(server.received) == 2, timeout=3000)
    assert driver.banner.isVisible()
    server.click(driver.desktop.last_id, "snooze:hour_1")
    qtbot.waitUntil(lambda: not driver.banner.isVisible(), timeout=3000)
    snoozed_to = driver.service.fire_time(f"checkin:{second.key}")
    assert snoozed_to is not None and snoozed_to >= second.due_at + timedelta(hours=1)

    # Several due at once (the snoozed one comes back with them): one notification
    # that says how many, and the banner counts the same.
    clock.now = max(third.due_at, fourth.due_at, snoozed_to)
    driver.tick()
    qtbot.waitUntil(lambda: len(server.received) == 3, timeout=3000)
    waiting = len(driver.queue)
    assert waiting == 3 and server.received[2][1] == driver.desktop.last_id - 1
    assert server.received[2][4] == "and 2 more"
    assert driver.banner.more.text() == "2 more after this"
    server.click(driver.desktop.last_id, "snooze:min_15")  # snoozes all three
    qtbot.waitUntil(lambda: not driver.banner.isVisible(), timeout=3000)
    assert driver.queue == []
    snoozed_to = driver.service.fire_time(f"checkin:{second.key}")
    assert snoozed_to == driver.service.fire_time(f"checkin:{third.key}")
    assert find_sensitive_terms(" ".join(str(x) for x in server.received)) == []
    app.controller.shutdown()

    rows = schedule_json(paths.root, monkeypatch, capsys)
    assert rows[first.key]["reminder"] == {"state": "skipped", "at": None}
    assert rows[second.key]["reminder"]["state"] == "snoozed"
    assert rows[second.key]["reminder"]["at"] == to_iso(snoozed_to.astimezone())
    assert rows[first.key]["state"] == rows[second.key]["state"] == "due"


def test_snooze_and_skip_from_the_notification_while_locked_apply_at_unlock(
    qtbot, tmp_path: Path, fast_kdf, bus: str, server, monkeypatch, capsys
) -> None:

    monkeypatch.setattr(reminders_module, "NOTIFY_BUS", bus)
    paths = make_vault(tmp_path / "v")
    first, second, third = seed(paths)[:3]
    clock = FakeClock(first.due_at - timedelta(minutes=1))
    app = open_app(qtbot, paths, clock)
    app.window.lock_button.click()
    app.settle()
    locked = app.controller.locked_reminders
    assert app.controller.services is None and locked.armed

    clock.now = first.due_at
    locked.tick()
    qtbot.waitUntil(lambda: len(server.received) == 1, timeout=3000)
    assert locked.desktop is not None
    server.click(locked.desktop.last_id, "skip")
    qtbot.waitUntil(lambda: locked.banner is not None and not locked.banner.isVisible())
    assert all(item.key != f"checkin:{first.key}" for _, item in locked.pending)

    clock.now = second.due_at
    locked.tick()
    qtbot.waitUntil(lambda: len(server.received) == 2, timeout=3000)
    server.click(locked.desktop.last_id, "snooze:min_15")
    qtbot.waitUntil(lambda: locked.banner is not None and not locked.banner.isVisible())
    # Still locked: it comes back after 15 minutes (or when quiet hours end).
    back = [at for at, item in locked.pending if item.key == f"checkin:{second.key}"]
    assert back and back[0] >= second.due_at + timedelta(minutes=15)

    clock.now = second.due_at + timedelta(minutes=1)
    app.unlock()
    app.settle()
    driver = driver_of(app)
    assert driver.banner.mode == ""  # nothing replayed, no summary
    assert driver.service.status(f"checkin:{first.key}") == ("skipped", None)
    assert driver.service.status(f"checkin:{second.key}") == ("snoozed", back[0])
    assert driver.service.next_wakeup() == min(back[0], third.due_at)
    app.controller.shutdown()

    rows = schedule_json(paths.root, monkeypatch, capsys)
    assert rows[first.key]["reminder"] == {"state": "skipped", "at": None}
    assert rows[second.key]["reminder"] == {"state": "snoozed", "at": to_iso(back[0].astimezone())}
    assert rows[third.key]["reminder"]["state"] == "pending"
