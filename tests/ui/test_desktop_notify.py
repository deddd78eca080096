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

from integrate.core.reminders import find_sensitive_terms
from integrate.ui import reminders as reminders_module
from integrate.ui.desktop_notify import INTERFACE, PATH, SERVICE, DesktopNotifier
from tests.conftest import require_tool
from tests.ui.test_reminders import FakeClock, driver_of, make_vault, open_app, seed


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
    assert actions[0] == "default" and hints == {}
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
