"""The gentle, one-time offer after a high distress rating (check-in or exercise).

A card, not a pop-up: it appears in place with three choices - another (grounding)
exercise, Need help now, "I'm OK for now" - and is offered once per check-in or
exercise run. Thresholds and wording come from `core.distress_followup` (data in
resources/).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout

from integrate.core.distress_followup import FollowUpRules, load_rules
from integrate.ui.base import theme
from integrate.ui.widgets.common import button, button_row, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("DistressFollowUp", text)


class FollowUpCard(QFrame):
    """Three calm choices; emits what was chosen and hides itself on "I'm OK for now"."""

    another_exercise = Signal()
    help_now = Signal()
    dismissed = Signal()

    def __init__(self, rules: FollowUpRules | None = None, *, exercise_text: str = "") -> None:
        super().__init__()
        rules = rules or load_rules()
        self.setObjectName("distressFollowUp")
        self.setAccessibleName(rules.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(8)
        title = plain_label(rules.title)
        theme.text_role(title, "heading")
        layout.addWidget(title)
        layout.addWidget(plain_label(rules.text))
        self.exercise_button = button(exercise_text or _tr("Try a grounding exercise"))
        self.exercise_button.clicked.connect(self.another_exercise.emit)
        self.help_button = button(_tr("Need help now"))
        self.help_button.clicked.connect(self.help_now.emit)
        self.ok_button = button(_tr("I'm OK for now"))
        self.ok_button.clicked.connect(self._ok)
        layout.addLayout(button_row(self.exercise_button, self.help_button, self.ok_button))

    def _ok(self) -> None:
        self.hide()
        self.dismissed.emit()
