"""Settings that apply as they are changed, with Undo: one way for every section.

Before, Schedule and Reminders needed a Save button while the other sections applied at
once, and a change left unsaved looked kept but was lost at the next lock. Now a change
is stored a moment after the last keystroke or click (so typing a time or a word is not
stored letter by letter), what is pending is stored before a lock or when the section is
hidden, and Undo puts back what was stored before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from integrate.ui.base.timers import idle_timer

# Long enough for a few keystrokes in a time or number field, short enough to feel instant.
APPLY_DELAY_MS = 700


class AutoApply(QObject):
    """Calls `apply` (returns whether it stored) a moment after any watched field changes."""

    def __init__(self, parent: QWidget, apply: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._apply = apply
        self._timer = idle_timer(self, APPLY_DELAY_MS, self._apply_now)
        self._paused = 0

    def watch(self, *widgets: QWidget) -> None:
        """Apply after the patient changes any of `widgets`."""
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self.changed)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.changed)
            elif isinstance(widget, QDateTimeEdit):  # QTimeEdit: each step or typed digit
                widget.dateTimeChanged.connect(self.changed)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.valueChanged.connect(self.changed)
                widget.editingFinished.connect(self.flush)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)

    def changed(self, *_args: object) -> None:
        if not self._paused:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Store a pending change now (before a lock, when leaving the page)."""
        if self._timer.isActive():
            self._timer.stop()
            self._apply()

    def _apply_now(self) -> None:
        self._apply()

    def paused(self) -> _Paused:
        """`with auto.paused():` fills fields from code without storing them again."""
        return _Paused(self)


class _Paused:
    def __init__(self, owner: AutoApply) -> None:
        self._owner = owner

    def __enter__(self) -> None:
        self._owner._paused += 1

    def __exit__(self, *_exc: object) -> None:
        self._owner._paused -= 1
