"""The Exercises area: a calm list of grounding exercises, "What helps me", and the safety plan.

Three tabs. The list starts an exercise in the player; "What helps me" shows the
patient's own before/after ratings per exercise (with the neutral note: it is
their data, not a verdict); "My safety plan" is the plan editor.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.exercises import Exercise, shipped_exercises
from integrate.core.timeutil import now_local
from integrate.core.what_helps import (
    NEUTRAL_NOTE,
    ExerciseStats,
    summarise_runs,
)
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.coping.player import PlayerDialog, open_player
from integrate.ui.coping.stats_words import describe_stats, last_used_text
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, page_layout, page_title, plain_label
from integrate.ui.widgets.suds_bars import SudsBars

SAFETY_PLAN_ITEM = "safety-plan"
WHAT_HELPS_ITEM = "what-helps"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exercises", text)


def all_exercises() -> tuple[Exercise, ...]:
    """The shipped exercises (validated once; resources are read-only)."""
    return shipped_exercises()


def find_exercise(exercise_id: str) -> Exercise | None:
    return next((e for e in all_exercises() if e.id == exercise_id), None)


def duration_text(exercise: Exercise) -> str:
    low, high = exercise.duration_minutes
    if low == high:
        return _tr("About {n} min").format(n=low)
    return _tr("{low}-{high} min").format(low=low, high=high)


def exercise_note(exercise: Exercise) -> str:
    """A small, calm note for the list: breath holds, or a caution to read first."""
    if exercise.has_breath_holds:
        return _tr(
            "Starts without holding the breath; a version with holds is there if you choose it. "
            "Read the note before the first time."
        )
    if exercise.caution:
        return _tr("Has a short note to read before the first time.")
    if any(v.has_breath_holds for v in exercise.variants):
        # Only a short, easy rest after the out-breath (e.g. calm breathing), not a hold.
        return _tr("One version adds a short rest after the out-breath; the usual one does not.")
    return ""


def _card() -> tuple[QFrame, QVBoxLayout]:
    return card(margins=(16, 12, 16, 12), spacing=6)


def _scroll(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


class ExerciseList(QWidget):
    def __init__(self, page: ExercisesPage) -> None:
        super().__init__()
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(
            plain_label(
                _tr(
                    "Short exercises to help you come back to the present. You can pause or stop any "
                    "of them at any time."
                ),
                object_name="muted",
            )
        )
        self.start_buttons: dict[str, QWidget] = {}
        for exercise in all_exercises():
            frame, card = _card()
            head = QHBoxLayout()
            title = plain_label(exercise.title)
            theme.text_role(title, "heading")
            head.addWidget(title, 1)
            length = plain_label(duration_text(exercise), object_name="muted", wrap=False)
            head.addWidget(length)
            start = button(
                _tr("Start"), accessible=_tr("Start {title}").format(title=exercise.title)
            )
            start.clicked.connect(lambda _=False, e=exercise: self.page.start(e))
            head.addWidget(start)
            self.start_buttons[exercise.id] = start
            card.addLayout(head)
            summary = plain_label(exercise.summary)
            card.addWidget(summary)
            note = exercise_note(exercise)
            if note:
                small = plain_label(note, object_name="muted")
                theme.text_role(small, "note")
                card.addWidget(small)
            layout.addWidget(frame)
        layout.addStretch(1)


class WhatHelpsRow(QFrame):
    """One exercise's own numbers: uses, average change, last use, a small chart."""

    def __init__(self, exercise: Exercise, stats: ExerciseStats) -> None:
        super().__init__()
        self.exercise = exercise
        self.stats = stats
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        title = plain_label(exercise.title)
        theme.text_role(title, "heading")
        head.addWidget(title, 1)
        self.used = plain_label(self.used_text(), object_name="muted", wrap=False)
        head.addWidget(self.used)
        layout.addLayout(head)
        self.change = plain_label(self.change_text())
        layout.addWidget(self.change)
        self.description = plain_label(describe_stats(stats), object_name="muted")
        layout.addWidget(self.description)
        self.bars = SudsBars(stats.average_before, stats.average_after)
        layout.addWidget(self.bars)
        self.last = plain_label(last_used_text(stats, now_local().date()), object_name="muted")
        layout.addWidget(self.last)

    def used_text(self) -> str:
        n = self.stats.count
        return _tr("Used once") if n == 1 else _tr("Used {n} times").format(n=n)

    def change_text(self) -> str:
        change = self.stats.average_change
        if change is None:
            return _tr("Average change in distress: not rated yet")
        return _tr("Average change in distress: {c}").format(c=f"{change:+.1f}")


class WhatHelps(QWidget):
    def __init__(self, page: ExercisesPage) -> None:
        super().__init__()
        self.page = page
        self.rows: dict[str, WhatHelpsRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 8, 8)
        self._layout.setSpacing(10)
        self.refresh()

    def refresh(self) -> None:
        while self._layout.count():
            taken = self._layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        note = plain_label(_tr(NEUTRAL_NOTE), object_name="notice")  # i18n: marked
        note.setAccessibleName(_tr("About these numbers"))
        self._layout.addWidget(note)
        runs = self.page.runs.list_runs()
        stats = summarise_runs(runs)
        by_id = {e.id: e for e in all_exercises()}
        if not stats:
            self._layout.addWidget(
                plain_label(
                    _tr(
                        "Nothing here yet. After you use an exercise, your own before-and-after "
                        "ratings appear here."
                    ),
                    object_name="muted",
                )
            )
        for item in stats:
            exercise = by_id.get(item.exercise_id)
            if exercise is None:
                continue  # an exercise no longer shipped: its runs stay in the vault
            row = WhatHelpsRow(exercise, item)
            self.rows[exercise.id] = row
            self._layout.addWidget(row)
        self._layout.addStretch(1)


class ExercisesPage(QWidget):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.runs = services.use.coping.runs
        self.player: PlayerDialog | None = None
        layout = page_layout(self)
        layout.addWidget(page_title(_tr("Exercises")))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_tr("Exercises, what helps me, and my safety plan"))
        self.list = ExerciseList(self)
        self.what_helps = WhatHelps(self)
        from integrate.ui.coping.safety_plan import SafetyPlanEditor

        self.safety_plan = SafetyPlanEditor(services)
        self.tabs.addTab(_scroll(self.list), _tr("Exercises"))
        self.tabs.addTab(_scroll(self.what_helps), _tr("What helps me"))
        self.tabs.addTab(self.safety_plan, _tr("My safety plan"))
        layout.addWidget(self.tabs, 1)
        services.changed.connect(self._changed)

    def start(self, exercise: Exercise) -> PlayerDialog:
        self.player = open_player(self.services, exercise, self.window())
        return self.player

    def open_item(self, item: str) -> None:
        if item == SAFETY_PLAN_ITEM:
            self.tabs.setCurrentWidget(self.safety_plan)
        elif item == WHAT_HELPS_ITEM:
            self.tabs.setCurrentIndex(1)
        elif (exercise := find_exercise(item)) is not None:
            self.tabs.setCurrentIndex(0)
            self.start(exercise)

    def _changed(self, area: str) -> None:
        if area == "exercises":
            self.what_helps.refresh()
        elif area == "safety":
            self.safety_plan.reload_if_idle()


def exercises_page(services: AppServices) -> QWidget:
    return ExercisesPage(services)
