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
