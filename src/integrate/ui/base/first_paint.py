"""Start-up work that waits until a screen has painted.

The patient sees Today sooner when work that is not needed for the first picture runs
just after it: the vault's integrity check, and installing application-wide event
filters. The first event a Python application-wide filter sees makes PySide6 build the
Python types of every Qt class it has loaded (about 150 enum types, tens of
milliseconds), so filters installed through `DeferredFilterApplication` before
`release_app_filters()` wait in a list until then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _PaintWatch(QObject):
    """Calls `callback` once, just after the first paint of `widget` or anything inside it."""

    def __init__(
        self, widget: QWidget, callback: Callable[[], None], fallback_ms: int | None
    ) -> None:
        super().__init__(widget)
        self.callback = callback
        self.done = False
        # Opaque children cover the widget itself, so watch every widget inside it too.
        self.widgets = [widget, *widget.findChildren(QWidget)]
        for w in self.widgets:
            w.installEventFilter(self)
        if fallback_ms is not None:  # e.g. started minimised: nothing paints for a while
            QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.done:
            # After the paint has completed (the frame reaches the screen).
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        for w in self.widgets:
            with contextlib.suppress(RuntimeError):  # a widget deleted meanwhile
                w.removeEventFilter(self)
        self.callback()


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], *, fallback_ms: int | None = 1000
) -> None:
    """Run `callback` once `widget` has painted (or after `fallback_ms` at the latest)."""
    _PaintWatch(widget, callback, fallback_ms)


class DeferredFilterApplication(QApplication):
    """The app's QApplication: application-wide event filters installed during start-up
    take effect at `release_app_filters()` (after Today paints, or a moment later)."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self._pending_filters: list[QObject] | None = []

    def installEventFilter(self, filter_obj: QObject) -> None:  # noqa: N802 - Qt API
        if self._pending_filters is not None:
            if filter_obj not in self._pending_filters:
                self._pending_filters.append(filter_obj)
            return
        super().installEventFilter(filter_obj)

    def removeEventFilter(self, filter_obj: QObject) -> None:  # noqa: N802 - Qt API
        if self._pending_filters is not None and filter_obj in self._pending_filters:
            self._pending_filters.remove(filter_obj)
            return
        super().removeEventFilter(filter_obj)

    @property
    def filters_pending(self) -> bool:
        return self._pending_filters is not None

    def release_app_filters(self) -> None:
        """Install the waiting filters (in the order they came); later ones go in at once."""
        pending, self._pending_filters = self._pending_filters, None
        for filter_obj in pending or []:
            with contextlib.suppress(RuntimeError):  # its owner was deleted meanwhile
                super().installEventFilter(filter_obj)
