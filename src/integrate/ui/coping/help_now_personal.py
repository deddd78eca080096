"""Personal parts of "Need help now", shown only while the journal is unlocked.

- `exercise_section`: the patient's own most helpful grounding exercise (or a
  gentle default when there is too little data), with a large Start button that
  has the keyboard focus when the dialog opens.
- `contacts_section`: the first coping steps, people, places and professionals from
  the safety plan, and crisis numbers the patient added there themselves, built by the
  shared crisis-contact model (what `integrate help-now` prints too).

Both are registered in `ui.shell.help_now.EXTRA_SECTIONS`. A section with the dynamic
property `helpNowTop` set is placed near the top of the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from integrate.core.crisis import load_crisis_lines
from integrate.core.crisis_contacts import build_contacts
from integrate.core.safety import SafetyPlanError
from integrate.core.what_helps import PickReason, TopPick, summarise_runs, top_picks
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.coping.exercises import all_exercises, duration_text
from integrate.ui.coping.player import PlayerDialog, open_player
from integrate.ui.coping.stats_words import describe_stats
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, plain_label
from integrate.ui.widgets.crisis_view import personal_lists
from integrate.ui.widgets.flow import SideBySide


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpNow", text)


def _frame() -> tuple[QFrame, QVBoxLayout]:
    frame, layout = card(margins=(16, 12, 16, 14), spacing=8)
    frame.setObjectName("helpCard")
    return frame, layout


def _heading(text: str) -> QWidget:
    label = plain_label(text)
    theme.text_role(label, "heading")
    return label


def top_pick(services: AppServices) -> TopPick | None:
    runs = services.use.coping.runs.list_runs()
    picks = top_picks(summarise_runs(runs), list(all_exercises()), n=1)
    return picks[0] if picks else None


class ExerciseSection(QFrame):
    """The patient's top grounding exercise with a big Start button (focused first)."""

    def __init__(self, services: AppServices, pick: TopPick) -> None:
        super().__init__()
        self.services = services
        self.pick = pick
        self.player: PlayerDialog | None = None
        self.setProperty("helpNowTop", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        frame, card = _frame()
        own = pick.reason is PickReason.OWN_DATA
        card.addWidget(
            plain_label(
                _tr("Something that has helped you before")
                if own
                else _tr("A gentle exercise to come back to the present"),
                object_name="muted",
            )
        )
        text = QVBoxLayout()
        title = plain_label(pick.exercise.title)
        theme.text_role(title, "display")
        text.addWidget(title)
        text.addWidget(plain_label(pick.exercise.summary))
        detail = duration_text(pick.exercise)
        if own and pick.stats is not None:
            detail += "  ·  " + describe_stats(pick.stats)
        text.addWidget(plain_label(detail, object_name="muted"))
        self.start_button = button(
            _tr("Start"),
            primary=True,
            accessible=_tr("Start {title}").format(title=pick.exercise.title),
        )
        self.start_button.setMinimumSize(140, 56)
        theme.text_role(self.start_button, "stepTitle")  # larger; a primary's thick focus
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        card.addLayout(SideBySide(text, self.start_button))  # Start under the text if narrow
        layout.addWidget(frame)

    def start(self) -> None:
        self.player = open_player(self.services, self.pick.exercise, self.window())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        # After the dialog has given focus to its first field: Start comes first.
        QTimer.singleShot(0, self.start_button.setFocus)


def exercise_section(services: AppServices) -> QWidget | None:
    pick = top_pick(services)
    return None if pick is None else ExerciseSection(services, pick)


def contacts_section(services: AppServices) -> QWidget | None:
    """The patient's own numbers, people, professionals and first coping steps from the
    safety plan (the shared crisis-contact model); None when the plan has none of them."""
    try:
        plan = services.use.coping.safety_plan.load()
    except SafetyPlanError:
        return None
    contacts = build_contacts(load_crisis_lines(), "", plan)
    lists = personal_lists(contacts)
    steps = contacts.first_coping_steps()
    if not lists and not steps:
        return None
    section = QWidget()
    section.setAccessibleName(_tr("From your safety plan"))
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    layout.addWidget(_heading(_tr("From your safety plan")))
    if steps:
        frame, card = _frame()
        frame.setAccessibleName(_tr("Things you can do on your own"))
        card.addWidget(plain_label(_tr("Things you can do on your own"), object_name="muted"))
        for step in steps:
            card.addWidget(plain_label("•  " + step))
        layout.addWidget(frame)
    for widget in lists:
        layout.addWidget(widget)
    return section
