"""Reminders while the app runs: one timer, a calm in-app banner, and a tray message.

`ReminderDriver` lives from unlock to lock. It sleeps on a single-shot QTimer until
`ReminderService.next_wakeup()`, then shows what came due. The banner under the
top bar always carries the reminder (many desktops have no tray); where a system
tray exists, a native notification says the same neutral line. Nothing shown ever
comes from the journal: only the configured wording (see core/reminders.py).

The clock is injectable, and `tick()` is what the timer calls, so tests drive it
with a fake clock instead of waiting.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)

from integrate.core.identity import APP_NAME, NEUTRAL_NAME
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    MissedSummary,
    ReminderItem,
    ReminderKind,
    ReminderService,
    ReminderText,
    SnoozeChoice,
    reminder_items_from_checkins,
    snooze_until,
)
from integrate.core.timeutil import local_zone_name, now_local, to_iso
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.timers import due_timer

if TYPE_CHECKING:
    from integrate.ui.reminders.desktop_notify import DesktopNotifier
from integrate.ui.widgets.common import button, plain_label
from integrate.vault.reminder_store import (
    ReminderSettings,
    load_last_run,
    load_reminder_settings,
    read_measure_reminders,
    save_last_run,
)

# Where native notifications go when there is no tray (tests point it at a private bus).
NOTIFY_BUS = "SESSION"
# Areas whose changes can move, add or remove a reminder.
WATCHED_AREAS = frozenset({"checkins", "sessions", "measures", "settings"})
# The Settings choice "List it as Journal" (QSettings, readable while locked) also names
# notifications; ui/reminders/reminder_settings.py writes it.
NEUTRAL_NAME_PREF = "autostart/neutral_name"
# Never sleep longer than this: after a suspend or a clock change the timer
# catches up within a few minutes; a check is a couple of small queries.
MAX_SLEEP_MS = 5 * 60 * 1000
# Keys of the reminders a locked start read from reminder-times.json (times only); at
# unlock they are matched to the schedule by fire time.
TIME_KEY_PREFIX = "time:"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reminders", text)


class ReminderBanner(QFrame):
    """A quiet bar under the top bar: one neutral line and a few large buttons.

    Two modes: a reminder (Open, Snooze ▾, Skip this one) and the start-up summary
    of what waited while the app was closed (See Today, Close).
    """

    open_requested = Signal()
    snooze_requested = Signal(str)  # a SnoozeChoice value
    skip_requested = Signal()
    today_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setAccessibleName(_tr("Reminder"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 16, 10)
        layout.setSpacing(10)
        self.text = plain_label("", object_name="reminderText")
        theme.text_role(self.text, "banner")
        layout.addWidget(self.text, 1)
        self.more = plain_label("", object_name="muted", wrap=False)
        layout.addWidget(self.more)

        self.open_button = button(
            _tr("Open"), primary=True, accessible=_tr("Open what this reminder is for")
        )
        self.open_button.clicked.connect(self.open_requested.emit)
        self.snooze_button = button(_tr("Snooze"), accessible=_tr("Remind me later"))
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_menu.setAccessibleName(_tr("Remind me later"))
        self.snooze_actions = {}
        for choice, label in (
            (SnoozeChoice.MIN_15, _tr("In 15 minutes")),
            (SnoozeChoice.HOUR_1, _tr("In 1 hour")),
            (SnoozeChoice.TOMORROW_MORNING, _tr("Tomorrow morning")),
        ):
            action = self.snooze_menu.addAction(label)
            action.triggered.connect(lambda _=False, c=choice: self.snooze_requested.emit(c.value))
            self.snooze_actions[choice] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.skip_button = button(_tr("Skip this one"), accessible=_tr("Skip this reminder"))
        self.skip_button.clicked.connect(self.skip_requested.emit)
        self.today_button = button(_tr("See Today"), primary=True, accessible=_tr("Go to Today"))
        self.today_button.clicked.connect(self.today_requested.emit)
        self.close_button = button(_tr("Close"), accessible=_tr("Close this message"))
        self.close_button.clicked.connect(self.close_requested.emit)
        for widget in (
            self.open_button,
            self.snooze_button,
            self.skip_button,
            self.today_button,
            self.close_button,
        ):
            layout.addWidget(widget)
        self.mode = ""  # "reminder", "summary" or "" (hidden)
        self.setVisible(False)

    def show_reminder(self, text: str, waiting: int) -> None:
        """Show one reminder; `waiting` is how many more are queued behind it."""
        self.text.setText(text)
        self.more.setText(_tr("{n} more after this").format(n=waiting) if waiting else "")
        self.more.setVisible(bool(waiting))
        self._mode(reminder=True)

    def show_summary(self, text: str) -> None:
        """Show the one kind line about what waited while the app was closed."""
        self.text.setText(text)
        self.more.setVisible(False)
        self._mode(reminder=False)

    def show_locked(self, text: str) -> None:
        """A reminder while the journal is locked: Open (after unlocking), Snooze, Skip
        (kept and applied at unlock) or Close."""
        self.text.setText(text)
        self.more.setVisible(False)
        self._mode(reminder=True)
        self.mode = "locked"
        self.close_button.setVisible(True)

    def dismiss(self) -> None:
        self.mode = ""
        self.setVisible(False)

    def _mode(self, *, reminder: bool) -> None:
        self.mode = "reminder" if reminder else "summary"
        for widget in (self.open_button, self.snooze_button, self.skip_button):
            widget.setVisible(reminder)
        self.today_button.setVisible(not reminder)
        self.close_button.setVisible(not reminder)
        self.setVisible(True)

    def shown_texts(self) -> list[str]:
        """Every piece of text a bystander could read on the banner (for checks)."""
        texts = [self.text.text(), self.more.text()]
        texts += [b.text() for b in self.findChildren(QPushButton)]
        texts += [a.text() for a in self.snooze_menu.actions()]
        return texts


class _Notifying(Protocol):
    tray: QSystemTrayIcon | None
    desktop: DesktopNotifier | None


def _close_notifiers(owner: _Notifying) -> None:
    """Take down `owner`'s tray icon and its desktop-notification connection."""
    if owner.tray is not None:
        owner.tray.hide()
        owner.tray.deleteLater()
        owner.tray = None
    if owner.desktop is not None:
        owner.desktop.stop()
        owner.desktop = None


class ReminderDriver(QObject):
    """Runs the reminder service for one unlocked vault and shows what comes due."""

    shown = Signal(str)  # the neutral text just shown (tests, accessibility hooks)

    def __init__(
        self,
        services: AppServices,
        host: QWidget,
        *,
        banner_area: QBoxLayout | None = None,
        clock: Callable[[], datetime] | None = None,
        tz: ZoneInfo | None = None,
        parent: QObject | None = None,
        locked: LockedReminders | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else services)
        self.services = services
        self.host = host
        # What carries reminders while the journal is locked: handed over at stop, taken
        # back at start. The shell owns it (it outlives every unlock).
        self.locked = locked if locked is not None else LockedReminders(host.window())
        self.clock: Callable[[], datetime] = clock or services.clock
        self.tz = tz or ZoneInfo(local_zone_name())
        self.settings = ReminderSettings()
        self.store = services.use.checkins.reminder_store()
        self.service = self._new_service()
        self.queue: list[ReminderItem] = []
        self.tray: QSystemTrayIcon | None = None
        self.desktop: DesktopNotifier | None = None  # no tray: the desktop's notifications
        self.notified: list[str] = []  # keys the last notification spoke for
        self.timer = due_timer(self, self.tick)
        self.banner = ReminderBanner()
        area = banner_area if banner_area is not None else getattr(host, "banner_area", None)
        if isinstance(area, QBoxLayout):
            area.addWidget(self.banner)
        self.banner.open_requested.connect(self.open_current)
        self.banner.snooze_requested.connect(lambda c: self.snooze_current(SnoozeChoice(c)))
        self.banner.skip_requested.connect(self.skip_current)
        self.banner.today_requested.connect(self._open_today)
        self.banner.close_requested.connect(self._close_summary)
        self._running = False

    # -- life cycle ---------------------------------------------------------

    def start(self) -> None:
        """Load the schedule, fold what was missed into one line, arm the timer."""
        self._running = True
        self.services.changed.connect(self._on_changed)
        self.settings = load_reminder_settings(self.services.vault)
        self.service = self._new_service()
        self.service.set_items(self._items())
        # Reminders shown while the journal was locked are not announced again, and the
        # one the patient chose to open is opened now that the journal is unlocked.
        announced, to_open, actions = self.locked.take()
        resolve = self._resolver()
        announced = [real for item in announced for real in resolve(item)]
        opened = resolve(to_open) if to_open is not None else []
        to_open = opened[0] if opened else None
        actions = [
            LockedAction(real, a.choice, a.until) for a in actions for real in resolve(a.item)
        ]
        self.service.mark_fired(announced)
        self._apply_locked_actions(actions)
        if to_open is not None:
            # After the unlock has finished (the area shown last is restored first).
            QTimer.singleShot(0, self, lambda: self._open(to_open) if self._running else None)
        now = self.clock()
        last = load_last_run(self.services.vault) or now
        if self.settings.enabled:
            summary = self.service.missed_since_last_run(last)
            self._show_missed(summary)
        self._save_last_run()
        self.tick()

    def stop(self) -> None:
        """Stop the timer and take the banner and tray away (call before the vault closes)."""
        if not self._running:
            return
        self._running = False
        self.timer.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the services
            self.services.changed.disconnect(self._on_changed)
        if self.services.vault.is_open:
            self.locked.prepare(
                self.agenda(),
                list(self.queue),
                self.texts,
                self.clock,
                quiet=self.settings.quiet_hours,
                tz=self.tz,
                neutral=self._neutral_name(),
            )
            self._save_reminder_times()
        self._save_last_run()
        self.queue.clear()
        _close_notifiers(self)
        self.banner.dismiss()
        self.banner.setParent(None)
        self.banner.deleteLater()

    def refresh(self) -> None:
        """Re-read settings and schedule (something changed) and re-arm the timer."""
        if not self._running:
            return
        was_enabled = self.settings.enabled
        self.settings = load_reminder_settings(self.services.vault)
        self.service = self._new_service()
        self.service.set_items(self._items())
        if self.settings.enabled and not was_enabled:
            # Switching reminders back on must not replay everything overdue:
            # mark it quietly (nothing is newer than "now", so no summary).
            self.service.missed_since_last_run(self.clock())
        if not self.settings.enabled:
            self.queue.clear()
            if self.banner.mode == "reminder":
                self.banner.dismiss()
        else:
            # Drop queued reminders whose item left the schedule (done, moved, deleted).
            current = {i.key: i for i in self.service.items()}
            self.queue = [current[i.key] for i in self.queue if current.get(i.key) == i]
            self._show_head()
        self._arm()

    def tick(self) -> None:
        """Show whatever is due now, then sleep until the next fire time."""
        if not self._running:
            return
        if self.settings.enabled:
            due = self.service.due_now()
            if due:
                known = {i.key for i in self.queue}
                self.queue.extend(i for i in due if i.key not in known)
                self._show_head()
                self._notify_tray(self.queue[0])
            self._save_last_run()
        self._arm()

    def agenda(self) -> list[tuple[datetime, ReminderItem]]:
        """Every pending reminder with its fire time (what stays armed while locked)."""
        if not self.settings.enabled:
            return []
        pending = []
        for item in self.service.items():
            at = self.service.fire_time(item.key)
            if at is not None:
                pending.append((at, item))
        return pending

    # -- banner actions -----------------------------------------------------

    def open_current(self) -> None:
        """Open what the shown reminder is for (the check-in, or the questionnaire)."""
        if not self.queue:
            return
        item = self.queue.pop(0)
        self._show_head()
        self._open(item)

    def snooze_current(self, choice: SnoozeChoice) -> None:
        if not self.queue:
            return
        item = self.queue.pop(0)
        self.service.snooze(item.key, choice)
        self._show_head()
        self._arm()

    def skip_current(self) -> None:
        if not self.queue:
            return
        item = self.queue.pop(0)
        self.service.skip(item.key)
        self._show_head()
        self._arm()

    def notification_action(self, action: str) -> None:
        """A button pressed on our notification: Open the first, or snooze or skip every
        reminder it spoke for (one notification may count several)."""
        from integrate.ui.reminders.desktop_notify import OPEN_ACTION, SKIP_ACTION, SNOOZE_PREFIX

        if action == OPEN_ACTION:
            self._tray_clicked()
            return
        covered = [i for i in self.queue if i.key in self.notified]
        if not covered:
            return
        for item in covered:
            if action == SKIP_ACTION:
                self.service.skip(item.key)
            elif action.startswith(SNOOZE_PREFIX):
                try:
                    choice = SnoozeChoice(action.removeprefix(SNOOZE_PREFIX))
                except ValueError:
                    return
                self.service.snooze(item.key, choice)
            else:
                return
        self.queue = [i for i in self.queue if i not in covered]
        self.notified = []
        self._show_head()
        self._arm()

    def _resolver(self) -> Callable[[ReminderItem], list[ReminderItem]]:
        """Maps what the locked screen announced to schedule items: itself, or for a
        time read at a locked start, the items that fire at that time."""
        items = self.service.items()
        fire = {i.key: self.service.fire_time(i.key) for i in items}

        def resolve(item: ReminderItem) -> list[ReminderItem]:
            if not item.key.startswith(TIME_KEY_PREFIX):
                return [item]
            return [i for i in items if fire[i.key] == item.due_at]

        return resolve

    def _save_reminder_times(self) -> None:
        """While autostart is on, keep the coming fire times for a locked login start
        (vault/reminder_times.py says what is kept); otherwise make sure none are."""
        from integrate.core import autostart
        from integrate.vault.reminder_times import (
            ReminderTime,
            forget_reminder_times,
            save_reminder_times,
        )

        root = self.services.paths.root
        try:
            if autostart.is_enabled(sys.platform, Path.home()):
                times = [ReminderTime(at, self.texts.for_kind(i.kind)) for at, i in self.agenda()]
                quiet = str(self.settings.quiet_hours)
                save_reminder_times(root, times, quiet, self.clock())
            else:
                forget_reminder_times(root)
        except (OSError, ValueError):
            pass  # a read-only folder: reminders then begin at the first unlock

    def _apply_locked_actions(self, actions: list[LockedAction]) -> None:
        """Snooze and skip chosen while the journal was locked, in the order chosen."""
        current = {i.key: i for i in self.service.items()}
        for action in actions:
            item = current.get(action.item.key)
            if item is None or item.due_at != action.item.due_at:
                continue  # done, moved or deleted meanwhile: the choice no longer applies
            if action.choice is None:
                self.service.skip(item.key)
            else:
                self.service.snooze(item.key, action.choice, until=action.until)

    # -- internals ----------------------------------------------------------

    def _new_service(self) -> ReminderService:
        return ReminderService(self.clock, self.tz, self.settings.quiet_hours, self.store)

    def _items(self) -> list[ReminderItem]:
        """Check-ins (therapy preparation included) and suggested questionnaires."""
        vault = self.services.vault
        items = reminder_items_from_checkins(self.services.use.checkins.for_reminders())
        today = self.clock().astimezone(self.tz).date()
        items += read_measure_reminders(vault, today, self.tz, repo=self.services.measures)
        return items

    @property
    def texts(self) -> ReminderText:
        return self.settings.texts

    def _show_head(self) -> None:
        if self.queue:
            head = self.queue[0]
            text = self.texts.for_kind(head.kind)
            self.banner.show_reminder(text, len(self.queue) - 1)
            self.shown.emit(text)
        elif self.banner.mode == "reminder":
            self.banner.dismiss()

    def _show_missed(self, summary: MissedSummary) -> None:
        if summary.empty:
            return
        text = _tr("{missed} - see Today.").format(missed=self.texts.missed)
        self.banner.show_summary(text)
        self.shown.emit(text)

    def _close_summary(self) -> None:
        self.banner.dismiss()
        self._show_head()

    def _open_today(self) -> None:
        self._close_summary()
        self.services.navigate.emit("today", "")

    def _open(self, item: ReminderItem) -> None:
        window = self.host.window()
        if window.isMinimized() or not window.isVisible():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if item.kind is ReminderKind.MEASURE:
            self.services.navigate.emit("measures", item.target)
        else:
            self.services.navigate.emit("today", item.target)

    def _neutral_name(self) -> bool:
        return truthy(self.services.prefs.value(NEUTRAL_NAME_PREF, False))

    def _notify_tray(self, item: ReminderItem) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            # Looked up for every reminder: a notification server that starts after the
            # app (or restarts) is used from the next reminder on.
            if self.desktop is None:
                self.desktop = start_desktop_notifier(self, self.notification_action)
            if self.desktop is not None:
                self.desktop.neutral_name = self._neutral_name()
                text = self.texts.for_kind(item.kind)
                if self.desktop.notify(text, more=len(self.queue) - 1):
                    self.notified = [i.key for i in self.queue]
            return
        if self.tray is None:
            icon = self.host.window().windowIcon()
            if icon.isNull():
                pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
                icon = self.host.style().standardIcon(pixmap)
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.setToolTip(self._display_name())
            self.tray.messageClicked.connect(self._tray_clicked)
            self.tray.activated.connect(lambda _reason: self._raise_window())
            self.tray.show()
        self.tray.showMessage(
            self._display_name(),
            with_count(self.texts.for_kind(item.kind), len(self.queue) - 1),
            QSystemTrayIcon.MessageIcon.NoIcon,
            15_000,
        )

    def _display_name(self) -> str:
        return NEUTRAL_NAME if self._neutral_name() else APP_NAME

    def _tray_clicked(self) -> None:
        if self.queue:
            self.open_current()
        else:
            self._raise_window()

    def _raise_window(self) -> None:
        window = self.host.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    def _arm(self) -> None:
        self.timer.stop()
        if not self._running or not self.settings.enabled:
            return
        wakeup = self.service.next_wakeup()
        if wakeup is None:
            return
        delay_ms = (wakeup - self.clock()).total_seconds() * 1000
        self.timer.start(int(min(max(delay_ms, 0), MAX_SLEEP_MS)))

    def _save_last_run(self) -> None:
        vault = self.services.vault
        if vault.is_open and not vault.read_only:
            save_last_run(vault, self.clock())

    def _on_changed(self, area: str) -> None:
        if area in WATCHED_AREAS:
            self.refresh()


@dataclass(frozen=True)
class LockedAction:
    """Snooze (`choice` and `until`) or skip (`choice` None), chosen while locked."""

    item: ReminderItem
    choice: SnoozeChoice | None
    until: datetime | None = None


class LockedReminders(QObject):
    """Reminders while the journal is locked (auto-lock makes that most of the time).

    The driver hands over, when it stops, the fire times of what was pending: kinds and
    keys only, kept in memory and never written anywhere (the vault is closed). Armed
    when the app locks (ui/shell/autolock.py), they show the same neutral line in a banner on
    the lock screen and, where a tray exists, a notification. "Open" leads to the unlock
    screen and, once unlocked, opens the check-in or questionnaire. Snooze and Skip (on
    the banner or the notification) act at once on what is announced while locked and
    are kept, in memory, as `actions` the driver applies to the vault at unlock. On
    unlock the driver `take()`s all of it so nothing is announced twice.
    """

    OBJECT_NAME = "lockedReminders"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(self.OBJECT_NAME)
        self.window = window
        self.clock: Callable[[], datetime] = now_local
        self.texts = ReminderText()
        self.quiet = QuietHours()
        self.tz = ZoneInfo(local_zone_name())
        self.neutral = False
        self.pending: list[tuple[datetime, ReminderItem]] = []
        self.announced: list[ReminderItem] = []
        self.actions: list[LockedAction] = []
        self.notified: list[ReminderItem] = []  # what the last notification spoke for
        self.item_texts: dict[str, str] = {}  # lines of times read at a locked start
        self.showing: ReminderItem | None = None
        self.to_open: ReminderItem | None = None
        self.armed = False
        self.banner: ReminderBanner | None = None
        self.tray: QSystemTrayIcon | None = None
        self.desktop: DesktopNotifier | None = None
        self.timer = due_timer(self, self.tick)

    def prepare(
        self,
        agenda: list[tuple[datetime, ReminderItem]],
        queued: list[ReminderItem],
        texts: ReminderText,
        clock: Callable[[], datetime],
        *,
        quiet: QuietHours | None = None,
        tz: ZoneInfo | None = None,
        neutral: bool = False,
    ) -> None:
        """What to announce if the journal locks now (not armed yet)."""
        self.pending = sorted(agenda, key=lambda p: (p[0], p[1].key))
        self.texts = texts
        self.clock = clock
        self.quiet = quiet if quiet is not None else QuietHours()
        self.tz = tz if tz is not None else ZoneInfo(local_zone_name())
        self.neutral = neutral
        self.item_texts = {}
        self.announced = []
        self.actions = []
        self.notified = []
        self.to_open = None
        # A reminder on screen when the journal locked stays on the lock screen.
        self.showing = queued[0] if queued else None

    def load_times(self, root: Path, clock: Callable[[], datetime], *, neutral: bool) -> None:
        """A locked start (login): announce the times kept in reminder-times.json."""
        from integrate.vault.reminder_times import load_reminder_times

        times, quiet_text = load_reminder_times(root, clock())
        try:
            quiet = QuietHours.parse(quiet_text) if quiet_text else QuietHours()
        except ValueError:
            quiet = QuietHours()
        agenda = []
        texts = {}
        for n, entry in enumerate(times):
            key = f"{TIME_KEY_PREFIX}{to_iso(entry.at)}#{n}"
            item = ReminderItem(key=key, kind=ReminderKind.CHECKIN, due_at=entry.at, target="")
            agenda.append((entry.at, item))
            texts[key] = entry.text
        self.prepare(agenda, [], ReminderText(), clock, quiet=quiet, neutral=neutral)
        self.item_texts = texts

    def _text(self, item: ReminderItem) -> str:
        return self.item_texts.get(item.key) or self.texts.for_kind(item.kind)

    def arm(self) -> None:
        """The journal locked: start announcing."""
        self.armed = True
        if self.showing is not None:
            self._show(self.showing)
        self.tick()

    def disarm(self) -> None:
        self.armed = False
        self.timer.stop()
        self._hide()

    def clear(self) -> None:
        """Forget everything (the journal was deleted)."""
        self.disarm()
        self.pending = []
        self.announced = []
        self.actions = []
        self.notified = []
        self.showing = None
        self.to_open = None

    def take(self) -> tuple[list[ReminderItem], ReminderItem | None, list[LockedAction]]:
        """What was announced while locked, what to open now and the snoozes and skips
        chosen meanwhile (in order); then forget all of it."""
        announced, to_open, actions = self.announced, self.to_open, self.actions
        if self.showing is not None and self.showing not in announced:
            announced = [*announced, self.showing]
        self.clear()
        return announced, to_open, actions

    def tick(self) -> None:
        if not self.armed:
            return
        now = self.clock()
        due = [item for at, item in self.pending if at <= now]
        self.pending = [(at, item) for at, item in self.pending if at > now]
        if due:
            self.announced.extend(due)
            # Announced again after a snooze: at unlock it counts as sent, not snoozed.
            keys = {i.key for i in due}
            self.actions = [a for a in self.actions if a.item.key not in keys]
            self._show(due[-1])
            self._notify_tray(due[-1], due)
        self._arm_timer(now)

    def _arm_timer(self, now: datetime) -> None:
        self.timer.stop()
        if self.armed and self.pending:
            delay_ms = (self.pending[0][0] - now).total_seconds() * 1000
            self.timer.start(int(min(max(delay_ms, 0), MAX_SLEEP_MS)))

    # -- snooze and skip while locked

    def snooze(self, items: list[ReminderItem], choice: SnoozeChoice) -> None:
        """Bring `items` back later (announced again while still locked if need be)."""
        now = self.clock()
        until = snooze_until(now, choice, self.quiet, self.tz)
        at = self.quiet.defer(until, self.tz)
        for item in items:
            self._forget(item)
            self.actions.append(LockedAction(item, choice, until))
            self.pending.append((at, item))
        self.pending.sort(key=lambda p: (p[0], p[1].key))
        self._after_action(items, now)

    def skip(self, items: list[ReminderItem]) -> None:
        """No more reminders for `items` (this occurrence)."""
        for item in items:
            self._forget(item)
            self.actions.append(LockedAction(item, None))
        self._after_action(items, self.clock())

    def notification_action(self, action: str) -> None:
        """A button pressed on the notification shown while locked."""
        from integrate.ui.reminders.desktop_notify import OPEN_ACTION, SKIP_ACTION, SNOOZE_PREFIX

        if action == OPEN_ACTION:
            self.open_current()
        elif action == SKIP_ACTION:
            self.skip(list(self.notified))
        elif action.startswith(SNOOZE_PREFIX):
            try:
                choice = SnoozeChoice(action.removeprefix(SNOOZE_PREFIX))
            except ValueError:
                return
            self.snooze(list(self.notified), choice)

    def _forget(self, item: ReminderItem) -> None:
        self.pending = [(at, i) for at, i in self.pending if i.key != item.key]
        self.actions = [a for a in self.actions if a.item.key != item.key]

    def _after_action(self, items: list[ReminderItem], now: datetime) -> None:
        keys = {i.key for i in items}
        self.notified = [i for i in self.notified if i.key not in keys]
        if self.showing is not None and self.showing.key in keys:
            self.showing = None
            self._close()
        self._arm_timer(now)

    # -- showing

    def _banner(self) -> ReminderBanner:
        if self.banner is None:
            self.banner = ReminderBanner()
            area = getattr(self.window, "banner_area", None)
            if isinstance(area, QBoxLayout):
                area.addWidget(self.banner)
            self.banner.open_requested.connect(self.open_current)
            self.banner.close_requested.connect(self._close)
            self.banner.snooze_requested.connect(self._banner_snooze)
            self.banner.skip_requested.connect(self._banner_skip)
        return self.banner

    def _banner_snooze(self, choice: str) -> None:
        if self.showing is not None:
            self.snooze([self.showing], SnoozeChoice(choice))

    def _banner_skip(self) -> None:
        if self.showing is not None:
            self.skip([self.showing])

    def _show(self, item: ReminderItem) -> None:
        self.showing = item
        self._banner().show_locked(self._text(item))

    def _hide(self) -> None:
        if self.banner is not None:
            self.banner.dismiss()
            self.banner.setParent(None)
            self.banner.deleteLater()
            self.banner = None
        _close_notifiers(self)

    def _close(self) -> None:
        if self.banner is not None:
            self.banner.dismiss()

    def open_current(self) -> None:
        """Open what the reminder is for, once the patient has unlocked."""
        self.to_open = self.showing or (self.notified[-1] if self.notified else None)
        self._close()
        window = self.window.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
        screens = getattr(window, "screens", None)
        screen = screens.currentWidget() if screens is not None else None
        field = getattr(screen, "passphrase", None)
        if isinstance(field, QWidget) and field.isVisible():
            field.setFocus()

    def _display_name(self) -> str:
        return NEUTRAL_NAME if self.neutral else APP_NAME

    def _notify_tray(self, item: ReminderItem, due: list[ReminderItem]) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            if self.desktop is None:  # looked up for every reminder (a late server)
                self.desktop = start_desktop_notifier(self, self.notification_action)
            if self.desktop is not None:
                self.desktop.neutral_name = self.neutral
                if self.desktop.notify(self._text(item), more=len(due) - 1):
                    self.notified = list(due)
            return
        if self.tray is None:
            icon = self.window.windowIcon()
            if icon.isNull():
                icon = self.window.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxInformation
                )
            self.tray = QSystemTrayIcon(QIcon(icon), self)
            self.tray.setToolTip(self._display_name())
            self.tray.messageClicked.connect(self.open_current)
            self.tray.show()
        self.tray.showMessage(
            self._display_name(),
            with_count(self._text(item), len(due) - 1),
            QSystemTrayIcon.MessageIcon.NoIcon,
            15_000,
        )


def with_count(text: str, more: int) -> str:
    """A tray message's line, saying how many more are waiting (tray messages have no
    separate body line on every platform)."""
    return _tr("{text} (and {n} more)").format(text=text, n=more) if more > 0 else text


def truthy(value: object) -> bool:
    """A QSettings boolean (the INI format gives back "true"/"false" strings)."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def start_desktop_notifier(
    owner: QObject, on_action: Callable[[str], None]
) -> DesktopNotifier | None:
    """A notifier on the session bus whose actions call `on_action`, or None (no bus)."""
    from integrate.ui.reminders.desktop_notify import DesktopNotifier

    notifier = DesktopNotifier(NOTIFY_BUS, owner)
    if not notifier.start():
        notifier.deleteLater()
        return None
    notifier.action_invoked.connect(on_action)
    return notifier
