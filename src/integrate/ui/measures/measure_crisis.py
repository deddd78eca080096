"""The calm crisis screen shown the moment a crisis answer (PHQ-9 item 9 above 0) is chosen.

It comes before any score and is built around the patient's own safety plan, in the
Stanley-Brown order: their warning signs and coping steps, reasons for living, people
and professionals with their numbers, then crisis lines (their own first, then the
country's, from the shared crisis-contact model) and making surroundings safer. With no
plan it offers to make one now. Actions: start their best grounding exercise, open (or
make) the safety plan, back to the questionnaire. It says plainly that nobody monitors
this app, and nothing on it implies anyone is watching.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.core.crisis import load_crisis_lines
from integrate.core.crisis_contacts import CrisisContacts, build_contacts
from integrate.core.safety import PlanContact, SafetyPlan, SafetyPlanError
from integrate.core.what_helps import PickReason, TopPick
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.common import button, button_row, page_title, plain_label, text_sized
from integrate.ui.widgets.crisis_view import (
    ContactList,
    check_locally_note,
    emergency_text,
    lines_list,
    read_plan,
)
from integrate.vault.db import Connection

__all__ = ["CrisisScreen", "SafetyPlanDialog", "read_plan", "plan_contacts"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureCrisis", text)


def plan_contacts(plan: SafetyPlan | None) -> list[PlanContact]:
    """People, places and professionals from the safety plan; [] if none or unreadable."""
    if plan is None:
        return []
    return [c for c in [*plan.people_places, *plan.professionals] if c.name or c.phone]


def _heading(text: str) -> QLabel:
    label = plain_label(text)
    theme.text_role(label, "heading")
    return label


def _text_card(title: str, items: Sequence[str]) -> QFrame:
    frame = QFrame()
    frame.setObjectName("planCard")
    frame.setAccessibleName(title)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(4)
    layout.addWidget(_heading(title))
    for item in items:
        layout.addWidget(plain_label("•  " + item))
    return frame


class SafetyPlanDialog(QDialog):
    """The safety plan editor in a window of its own, over the crisis screen."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safetyPlanDialog")
        self.setWindowTitle(_tr("My safety plan"))
        self.setModal(True)
        self.resize(text_sized(820, 680, parent))
        layout = QVBoxLayout(self)
        assert services.coping_actions is not None  # filled in by the shell at unlock
        self.editor, self._flush = services.coping_actions.safety_plan_editor()
        layout.addWidget(self.editor, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:  # noqa: D102 - save what was typed, then close
        self._flush()
        super().done(result)


class CrisisScreen(QDialog):
    """Modal, calm, and closable: the questionnaire stays where it was."""

    def __init__(
        self,
        country: str,
        conn: Connection | None = None,
        parent: QWidget | None = None,
        services: AppServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureCrisisScreen")
        self.setWindowTitle(_tr("Support is available"))
        self.setModal(True)
        # Larger with larger text, and as tall as the screen allows: less to scroll.
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        available = screen.availableGeometry().height() if screen is not None else 800
        size = text_sized(700, 680, parent)
        self.resize(size.width(), max(size.height(), min(960, available - 80)))
        self.country = country
        self._conn = conn  # tests hand a connection; the app reads through its services
        self.services = services
        self.plan_dialog: SafetyPlanDialog | None = None
        self.player: QDialog | None = None
        outer = QVBoxLayout(self)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setAccessibleName(_tr("Support is available"))  # keyboard scrolling
        outer.addWidget(self.scroll_area, 1)

        # Actions stay in view under the scrolled text, the first one focused.
        self.exercise_button = button(_tr("Start a grounding exercise"), primary=True)
        self.exercise_button.clicked.connect(self.start_exercise)
        self.plan_button = button(_tr("Open my safety plan"))
        self.plan_button.clicked.connect(self.open_plan)
        self.back_button = button(_tr("Back to the questionnaire"))
        self.back_button.setAccessibleName(_tr("Back to the questionnaire"))
        self.back_button.clicked.connect(self.accept)
        self.plan_button.setVisible(services is not None)
        outer.addLayout(
            button_row(self.exercise_button, self.plan_button, self.back_button, stretch=True)
        )
        self._build()

    # -- content

    def _stored_plan(self) -> SafetyPlan | None:
        """The safety plan as stored now (None: none yet, or it cannot be read)."""
        if self._conn is not None:
            return read_plan(self._conn)
        if self.services is None:
            return None
        try:
            return self.services.use.coping.safety_plan.load()
        except (SafetyPlanError, ValueError, TypeError):
            return None

    def _build(self) -> None:
        """(Re)build the text from the stored plan (again after the plan was edited)."""
        plan = self._stored_plan()
        self.model: CrisisContacts = build_contacts(load_crisis_lines(), self.country, plan)
        model = self.model
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(14)
        layout.addWidget(page_title(_tr("Thank you for answering honestly")))
        layout.addWidget(
            plain_label(
                _tr(
                    "You said you have had thoughts that you would be better off dead, or of "
                    "hurting yourself. You deserve support with this now. Please reach out to "
                    "someone: a crisis line, someone you trust, or your care team."
                )
            )
        )
        self.not_monitored = plain_label(model.not_monitored, object_name="notice")
        self.not_monitored.setAccessibleName(_tr("Nobody monitors this app"))
        layout.addWidget(self.not_monitored)
        self.emergency = plain_label(emergency_text(model))
        theme.text_role(self.emergency, "heading")
        layout.addWidget(self.emergency)

        self.plan_cards: list[QWidget] = []
        if model.has_plan:
            layout.addWidget(_heading(_tr("From your safety plan")))
            for title, texts in (
                (_tr("My warning signs"), model.warning_signs),
                (_tr("Things I can do on my own"), model.coping_steps),
                (_tr("My reasons for living"), model.reasons_for_living),
            ):
                if texts:
                    card = _text_card(title, texts)
                    self.plan_cards.append(card)
                    layout.addWidget(card)
            for title, items in (
                (_tr("People and places that help"), model.people),
                (_tr("Professionals I can contact"), model.professionals),
                (_tr("My own crisis numbers"), model.own_lines),
            ):
                if items:
                    contact_card = ContactList(items, title)
                    self.plan_cards.append(contact_card)
                    layout.addWidget(contact_card)
        else:
            self.no_plan = plain_label(
                _tr(
                    "You have no safety plan yet. A safety plan is a short list in your own "
                    "words: warning signs, what helps, who to contact. You can start one now "
                    "and finish it later, ideally with your therapist."
                )
            )
            layout.addWidget(self.no_plan)
        self.plan_button.setText(
            _tr("Open my safety plan") if model.has_plan else _tr("Make my safety plan now")
        )
        self.plan_button.setAccessibleName(self.plan_button.text())

        self.lines = lines_list(model)
        layout.addWidget(self.lines)
        self.check_note: QLabel | None = None
        if model.listed and not model.verified:
            self.check_note = check_locally_note()
            layout.addWidget(self.check_note)
        if model.safer_surroundings:
            card = _text_card(_tr("Making my surroundings safer"), model.safer_surroundings)
            self.plan_cards.append(card)
            layout.addWidget(card)
        # Kept for callers that list the plan's people (e.g. the accessibility tests).
        self.contacts = plan_contacts(plan)
        layout.addWidget(
            plain_label(
                _tr(
                    "You can finish the questionnaire afterwards, or leave it for now. These "
                    "numbers are always under Need help now (F1)."
                ),
                object_name="muted",
            )
        )
        layout.addStretch(1)
        old = self.scroll_area.takeWidget()
        self.scroll_area.setWidget(body)
        if old is not None:
            old.deleteLater()
        pick = self._pick()
        if pick is not None:
            own = pick.reason is PickReason.OWN_DATA  # "my best": from their own ratings
            self.exercise_button.setText(
                _tr("Start {title}").format(title=pick.exercise.title)
                if own
                else _tr("Start a grounding exercise")
            )
            self.exercise_button.setAccessibleName(
                _tr("Start a grounding exercise: {title}").format(title=pick.exercise.title)
            )
        self.exercise_button.setVisible(pick is not None)
        # Room for the focus ring's thicker border (it is focused first) around the words.
        self.exercise_button.setMinimumWidth(0)
        self.exercise_button.setMinimumWidth(self.exercise_button.sizeHint().width() + 8)

    def _pick(self) -> TopPick | None:
        if self.services is None:
            return None
        actions = self.services.coping_actions
        return actions.top_pick() if actions is not None else None

    # -- actions

    def start_exercise(self) -> None:
        """The patient's most helpful grounding exercise (or a gentle default), over this
        screen; closing it comes back here."""
        pick = self._pick()
        if pick is None or self.services is None:
            return
        if self.services.coping_actions is None:
            return
        self.player = self.services.coping_actions.open_player(pick.exercise, self)
        self.player.finished.connect(lambda _code: self._back_here(self.exercise_button))

    def open_plan(self) -> SafetyPlanDialog | None:
        """Open the safety plan (an empty one to fill in) over this screen."""
        if self.services is None:
            return None
        dialog = SafetyPlanDialog(self.services, self)
        self.plan_dialog = dialog
        dialog.finished.connect(lambda _code: self._plan_closed())
        dialog.open()
        return dialog

    def _plan_closed(self) -> None:
        self._build()  # show what was just written
        self._back_here(self.plan_button)

    def _back_here(self, target: QWidget) -> None:
        self.activateWindow()
        QTimer.singleShot(0, target.setFocus)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        first = self.exercise_button if self.exercise_button.isVisibleTo(self) else None
        QTimer.singleShot(0, (first or self.back_button).setFocus)
