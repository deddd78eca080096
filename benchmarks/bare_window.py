"""The floor for start-up: bare PySide6, an empty QMainWindow, measured like the app.

Prints `startup_ms=... rss_kib=...` once the window's first paint has happened, the same
way `integrate --benchmark-startup` does (time since the process started, from /proc).
"""

from __future__ import annotations

import os
import sys
import time


def ms_since_process_start() -> float:
    with open("/proc/self/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000


def resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 760)
    central = QWidget()
    window.setCentralWidget(central)

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        print(f"startup_ms={ms_since_process_start():.1f} rss_kib={resident_kib()}", flush=True)
        app.exit(0)

    watcher = FirstPaint()
    central.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
