"""Guard against the PySide6 6.12.0 bug that aborted Python 3.11 (None's refcount leaked
down by one per void call). Runs in a child process so a regression fails this test
instead of killing the whole run."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys
from PySide6.QtGui import QFont, QGuiApplication
app = QGuiApplication(["t", "-platform", "offscreen"])
font = QFont()
before = sys.getrefcount(None)
for _ in range(300_000):
    font.setPointSizeF(11.0)
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_do_not_consume_none_references() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 1000
