"""Due timers fire on time: a coarse timer may be 5 % late (45 s on a 15-minute sleep)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt

from integrate.ui.base.timers import due_timer


def test_a_due_timer_is_single_shot_precise_and_fires_once(qtbot) -> None:
    owner = QObject()
    fired: list[float] = []
    timer = due_timer(owner, lambda: fired.append(time.monotonic()))
    assert timer.isSingleShot()
    assert timer.timerType() is Qt.TimerType.PreciseTimer
    started = time.monotonic()
    timer.start(300)
    qtbot.waitUntil(lambda: len(fired) == 1, timeout=3000)
    assert fired[0] - started >= 0.29  # never early
    qtbot.wait(400)
    assert len(fired) == 1  # and once


def test_an_idle_timer_waits_for_quiet_and_fires_once(qtbot) -> None:
    """Restarted on each change, it runs once, after the last one (autosave, search)."""
    from integrate.ui.base.timers import idle_timer

    owner = QObject()
    fired: list[float] = []
    timer = idle_timer(owner, 200, lambda: fired.append(time.monotonic()))
    for _ in range(4):  # typing: a key every 100 ms keeps it waiting
        timer.start()
        qtbot.wait(100)
    last = time.monotonic()
    qtbot.waitUntil(lambda: len(fired) == 1, timeout=3000)
    assert fired[0] - last >= 0.09  # after the last change, not the first
    qtbot.wait(300)
    assert len(fired) == 1
