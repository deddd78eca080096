"""Native notifications on desktops without a system tray (org.freedesktop.Notifications).

GNOME and others have no tray, so `QSystemTrayIcon` cannot show anything there; their
notification server still can. Notify is sent over D-Bus with jeepney (installed with
SecretStorage on Linux; QtDBus in PySide6 cannot mark the `uint32` argument), and a
click on the notification ("default" action) comes back as ActionInvoked, which emits
`activated` on the GUI thread. The text is the configured neutral line only.

Anything missing (no jeepney, no session bus, no notification server) just makes
`start()` return False: the in-app banner carries the reminder as before.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from integrate import APP_NAME

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT_ACTION = "default"  # what a click on the notification body invokes
CALL_TIMEOUT_S = 2.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reminders", text)


class DesktopNotifier(QObject):
    """Sends neutral notifications and reports clicks on the last one."""

    activated = Signal()

    def __init__(self, bus: str = "SESSION", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.last_id = 0
        self._router: Any = None
        self._signals: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._router is not None

    def start(self) -> bool:
        """Connect and check that a notification server is there (False: use the banner)."""
        if self._router is not None:
            return True
        try:
            from jeepney import DBus, MatchRule, message_bus
            from jeepney.io.threading import DBusRouter, open_dbus_connection

            conn = open_dbus_connection(self.bus, auth_timeout=CALL_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - no jeepney, no bus: simply not available
            return False
        router = DBusRouter(conn)
        try:
            reply = router.send_and_get_reply(
                message_bus.NameHasOwner(SERVICE), timeout=CALL_TIMEOUT_S
            )
            if not reply.body or not reply.body[0]:
                _close(router)
                return False
            rule = MatchRule(type="signal", interface=INTERFACE, member="ActionInvoked", path=PATH)
            router.send_and_get_reply(DBus().AddMatch(rule), timeout=CALL_TIMEOUT_S)
            router.filter(rule, queue=self._signals, bufsize=16)
        except Exception:  # noqa: BLE001 - a bus that misbehaves is no bus
            _close(router)
            return False
        self._router = router
        self._stop.clear()
        self._listener = threading.Thread(target=self._listen, name="notify-clicks", daemon=True)
        self._listener.start()
        return True

    def notify(self, text: str) -> bool:
        """Show `text` (replacing our previous notification). False if it could not be sent."""
        if self._router is None:
            return False
        from jeepney import new_method_call
        from jeepney.wrappers import DBusAddress

        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        call = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, self.last_id, "", text, "", [DEFAULT_ACTION, _tr("Open")], {}, -1),
        )
        try:
            reply = self._router.send_and_get_reply(call, timeout=CALL_TIMEOUT_S)
            self.last_id = int(reply.body[0])
        except Exception:  # noqa: BLE001 - the server went away: the banner still shows it
            return False
        return True

    def stop(self) -> None:
        self._stop.set()
        self._signals.put(None)  # wake the listener
        router, self._router = self._router, None
        if router is not None:
            _close(router)
        if self._listener is not None:
            self._listener.join(timeout=2)
            self._listener = None

    def _listen(self) -> None:
        while not self._stop.is_set():
            message = self._signals.get()
            if message is None:
                continue
            body: tuple[Any, ...] = tuple(getattr(message, "body", ()))
            if len(body) == 2 and body[0] == self.last_id and body[1] == DEFAULT_ACTION:
                self.activated.emit()  # queued to the GUI thread (the receiver lives there)


def _close(router: Any) -> None:
    """Stop the router's receiving thread, then close its connection."""
    with contextlib.suppress(Exception):
        router.close()
    with contextlib.suppress(Exception):
        router.conn.close()
