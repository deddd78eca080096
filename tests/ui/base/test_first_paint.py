"""Start-up work that waits for the first paint, and app filters held until then."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from integrate.ui.base.first_paint import after_first_paint


def test_callback_runs_after_the_first_paint_once(qtbot) -> None:  # noqa: ANN001
    page = QWidget()
    QVBoxLayout(page).addWidget(QLabel("covers the page"))
    qtbot.addWidget(page)
    calls: list[bool] = []
    after_first_paint(page, lambda: calls.append(page.isVisible()), fallback_ms=None)
    qtbot.wait(50)
    assert calls == []  # nothing painted yet
    page.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    page.update()
    qtbot.wait(50)
    assert calls == [True]


def test_fallback_when_nothing_paints(qtbot) -> None:  # noqa: ANN001
    hidden = QWidget()  # e.g. the window started minimised
    qtbot.addWidget(hidden)
    calls: list[int] = []
    after_first_paint(hidden, lambda: calls.append(1), fallback_ms=30)
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)


_DEFERRED = """
from PySide6.QtCore import QEvent, QObject
from integrate.ui.base.first_paint import DeferredFilterApplication

app = DeferredFilterApplication([])
seen = []

class Counting(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.User:
            seen.append(self.objectName())
        return False

early, dropped, late = Counting(), Counting(), Counting()
early.setObjectName("early"); dropped.setObjectName("dropped"); late.setObjectName("late")
app.installEventFilter(early)
app.installEventFilter(dropped)
app.removeEventFilter(dropped)
target = QObject()
app.sendEvent(target, QEvent(QEvent.Type.User))
before = list(seen)
assert app.filters_pending
app.release_app_filters()
app.installEventFilter(late)
app.sendEvent(target, QEvent(QEvent.Type.User))
print(before, sorted(seen))
"""


def test_app_filters_wait_for_release_then_work() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _DEFERRED],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[] ['early', 'late']"
