"""A Qt application object for rendering outside the GUI (CLI, tests, benchmarks)."""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication


def ensure_qt_app() -> QApplication:
    """Return the running QApplication, or create one.

    QtCharts are QGraphicsWidgets, so a QApplication (not just a QGuiApplication) is
    needed. Without a display the offscreen platform is chosen so the CLI works on
    headless machines.
    """
    existing = QApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("a QCoreApplication/QGuiApplication exists; charts need widgets")
        return existing
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1] or ["integrate"])
    return app
