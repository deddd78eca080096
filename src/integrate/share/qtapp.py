"""A Qt application object for rendering outside the GUI (CLI, tests, benchmarks)."""

from __future__ import annotations

import ctypes
import os
import sys

import PySide6
from PySide6.QtWidgets import QApplication


def guard_none_refcount() -> bool:
    """Work around PySide6 6.12.0 dropping a reference to None on CPython < 3.12.

    Its abi3 wheels return None from every void method without taking a reference
    (harmless on 3.12+, where None is immortal). On 3.11 a few thousand Qt calls drive
    None's refcount to zero and the interpreter aborts ("none_dealloc"). PySide6 6.11.x
    does not have the defect. Giving None a very large refcount keeps it from ever
    reaching zero. Returns True if the guard was applied.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not PySide6.__version__.startswith("6.12."):
        return False
    if getattr(guard_none_refcount, "_applied", False):
        return True
    # ob_refcnt is the first field of every object in release builds of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    guard_none_refcount._applied = True  # type: ignore[attr-defined]
    return True


guard_none_refcount()


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
