"""The single-shot timer that wakes the app when something falls due."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer


def due_timer(parent: QObject, on_due: Callable[[], None]) -> QTimer:
    """A single-shot, precise timer calling `on_due`.

    Qt's default coarse timers may fire up to 5 % late: 45 s on a 15-minute sleep, long
    enough for Today and the reminder banner to disagree about what is due. Precise costs
    nothing here, as these timers fire once per due time.
    """
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(on_due)
    return timer


def idle_timer(parent: QObject, interval_ms: int, on_idle: Callable[[], object]) -> QTimer:
    """A single-shot timer restarted on each keystroke or change (`start()`): `on_idle`
    runs once things have been quiet for `interval_ms` (autosave, search as you type)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(on_idle)
    return timer
