"""Native notifications on desktops without a system tray (org.freedesktop.Notifications).

GNOME and others have no tray, so `QSystemTrayIcon` cannot show anything there; their
notification server still can. Notify is sent over D-Bus with jeepney (installed with
SecretStorage on Linux; QtDBus in PySide6 cannot mark the `uint32` argument), and the
buttons pressed on a notification come back as ActionInvoked, which emits
`action_invoked` (and `activated` for Open) on the GUI thread.

The server is looked up again for every notification (one NameHasOwner call on the
bus connection kept open), so a notification daemon that starts after the app (an
autostart at login) or restarts later is used from the next reminder on.

What is sent: the configured neutral line as the summary (plain text), a count in the
body when several are due (escaped: some servers read the body as markup), the app name
or the neutral name, and the hints desktops use to tie it to the app: `desktop-entry`
(the application id), `category` and `urgency` normal.

Anything missing (no jeepney, no session bus, no notification server) makes `notify()`
return False: the in-app banner carries the reminder as before.
"""

from __future__ import annotations

import contextlib
import html
import queue
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from integrate.core.identity import APP_ID, APP_NAME, NEUTRAL_NAME
from integrate.core.reminders import SnoozeChoice

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT_ACTION = "default"  # what a click on the notification body invokes
OPEN_ACTION = "open"
SKIP_ACTION = "skip"
SNOOZE_PREFIX = "snooze:"  # + a SnoozeChoice value
# The spec has no standard category for a reminder; "x-vendor.class" is its form for others.
CATEGORY = "x-integrate.reminder"
URGENCY_NORMAL = 1
CALL_TIMEOUT_S = 2.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reminders", text)


def snooze_action(choice: SnoozeChoice) -> str:
    """The action key of a snooze button."""
    return SNOOZE_PREFIX + choice.value


def reminder_actions() -> list[str]:
    """Key/label pairs, flattened as Notify wants them. Servers that show only a few
    buttons (GNOME: three) show the first: Open, Snooze 15 minutes, Skip."""
    pairs = [
        (DEFAULT_ACTION, _tr("Open")),
        (OPEN_ACTION, _tr("Open")),
        (snooze_action(SnoozeChoice.MIN_15), _tr("In 15 minutes")),
        (SKIP_ACTION, _tr("Skip this one")),
        (snooze_action(SnoozeChoice.HOUR_1), _tr("In 1 hour")),
        (snooze_action(SnoozeChoice.TOMORROW_MORNING), _tr("Tomorrow morning")),
    ]
    return [part for pair in pairs for part in pair]


def notification_name(neutral: bool) -> str:
    """The app name notifications carry (the neutral-name choice of Settings)."""
    return NEUTRAL_NAME if neutral else APP_NAME


class DesktopNotifier(QObject):
    """Sends neutral notifications and reports the actions invoked on the last one."""

    activated = Signal()  # Open (a click on the body or the Open button)
    action_invoked = Signal(str)  # "open", "skip" or "snooze:<choice>"

    def __init__(self, bus: str = "SESSION", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.last_id = 0
        self.neutral_name = False
        self._router: Any = None
        self._server = ""  # unique bus name of the server that gave last_id
        self._signals: queue.Queue[Any] = queue.Queue()
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._router is not None

    def start(self) -> bool:
        """Connect to the bus and listen for actions (False: no bus, use the banner).

        A notification server need not be there yet: each `notify()` looks for one."""
        if self._router is not None:
            return True
        try:
            from jeepney import DBus, MatchRule
            from jeepney.io.threading import DBusRouter, open_dbus_connection

            conn = open_dbus_connection(self.bus, auth_timeout=CALL_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - no jeepney, no bus: simply not available
            return False
        router = DBusRouter(conn)
        try:
            # No sender in the rule: a server that starts later is heard as well.
            rule = MatchRule(type="signal", interface=INTERFACE, member="ActionInvoked", path=PATH)
            router.send_and_get_reply(DBus().AddMatch(rule), timeout=CALL_TIMEOUT_S)
            router.filter(rule, queue=self._signals, bufsize=16)
        except Exception:  # noqa: BLE001 - a bus that misbehaves is no bus
            _close(router)
            return False
        self._router = router
        self._stop.clear()
        self._listener = threading.Thread(target=self._listen, name="notify-actions", daemon=True)
        self._listener.start()
        return True

    def server(self) -> str:
        """The unique bus name of the notification server now, or "" when there is none."""
        if self._router is None:
            return ""
        from jeepney import message_bus

        try:
            reply = self._router.send_and_get_reply(
                message_bus.GetNameOwner(SERVICE), timeout=CALL_TIMEOUT_S
            )
        except Exception:  # noqa: BLE001 - the bus went away
            return ""
        from jeepney import MessageType

        if reply.header.message_type is not MessageType.method_return or not reply.body:
            return ""  # org.freedesktop.DBus.Error.NameHasNoOwner
        return str(reply.body[0])

    def notify(self, text: str, more: int = 0) -> bool:
        """Show `text` (and that `more` others wait), replacing our previous notification.

        False if no server took it (none running, or it went away)."""
        if self._router is None and not self.start():
            return False
        owner = self.server()
        if not owner:
            return False
        if owner != self._server:  # a new or restarted server: our old id means nothing
            self.last_id = 0
        from jeepney import MessageType, new_method_call
        from jeepney.wrappers import DBusAddress

        body = html.escape(_tr("and {n} more").format(n=more), quote=False) if more else ""
        hints = {
            "desktop-entry": ("s", APP_ID),
            "category": ("s", CATEGORY),
            "urgency": ("y", URGENCY_NORMAL),
        }
        address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
        call = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            (
                notification_name(self.neutral_name),
                self.last_id,
                "",
                text,
                body,
                reminder_actions(),
                hints,
                -1,
            ),
        )
        try:
            reply = self._router.send_and_get_reply(call, timeout=CALL_TIMEOUT_S)
            if reply.header.message_type is not MessageType.method_return:
                return False
            self.last_id = int(reply.body[0])
        except Exception:  # noqa: BLE001 - the server went away: the banner still shows it
            return False
        self._server = owner
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
            if len(body) != 2 or body[0] != self.last_id or not self.last_id:
                continue  # someone else's notification, or an older one of ours
            if _sender(message) != self._server:
                continue  # not from the server that showed it
            action = str(body[1])
            if action in (DEFAULT_ACTION, OPEN_ACTION):
                # Both queued to the GUI thread (the receivers live there).
                self.activated.emit()
                self.action_invoked.emit(OPEN_ACTION)
            elif action == SKIP_ACTION or action.startswith(SNOOZE_PREFIX):
                self.action_invoked.emit(action)


def _sender(message: Any) -> str:
    from jeepney import HeaderFields

    return str(message.header.fields.get(HeaderFields.sender, ""))


def _close(router: Any) -> None:
    """Stop the router's receiving thread, then close its connection."""
    with contextlib.suppress(Exception):
        router.close()
    with contextlib.suppress(Exception):
        router.conn.close()
