"""What other features may ask of coping (exercises, safety plan), provided by the shell.

The item-9 screen and the distress follow-up offer "my best grounding exercise" and "my
safety plan". Features never import each other, so they ask through
`AppServices.coping_actions` (ui/base/context.py), which the shell fills with this.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from integrate.core.exercises import Exercise
from integrate.core.what_helps import TopPick
from integrate.ui.base.context import AppServices


class ShellCopingActions:
    """`CopingActions` over the coping feature."""

    def __init__(self, services: AppServices) -> None:
        self.services = services

    def top_pick(self) -> TopPick | None:
        from integrate.ui.coping.help_now_personal import top_pick

        return top_pick(self.services)

    def open_player(self, exercise: Exercise, parent: QWidget | None) -> QDialog:
        from integrate.ui.coping.player import open_player

        return open_player(self.services, exercise, parent)

    def safety_plan_editor(self) -> tuple[QWidget, Callable[[], None]]:
        from integrate.ui.coping.safety_plan import SafetyPlanEditor

        editor = SafetyPlanEditor(self.services)
        return editor, editor.flush
