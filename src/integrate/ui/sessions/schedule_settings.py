"""Settings > Check-in schedule: when the check-ins after a session come, and which ones.

Stored in the vault's `schedule` setting (`ScheduleConfig.to_dict()`), which also holds
the quiet hours edited under Reminders. A change is stored a moment after it is made
(`widgets.autoapply`, with Undo), keeping those as stored, and re-syncs the schedule at
once, so Today and reminders follow the new times.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from integrate.core.model import Phase
from integrate.core.schedule import ScheduleConfig
from integrate.share.phase_labels import phase_name
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.autoapply import AutoApply
from integrate.ui.widgets.common import button, flow_row, form_layout, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.checkins import load_schedule_config


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScheduleSettings", text)


def _time_edit(name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    edit.setMinimumWidth(theme.scaled(110))
    return edit


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class ScheduleSection(QGroupBox):
    """The schedule's times and phases; the defaults are the ones described in Help."""

    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Check-in schedule"))
        self.services = services
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(
            plain_label(
                _tr(
                    "When the check-ins after a session come. Changes apply to every session; "
                    "check-ins you already did or skipped stay as they are."
                ),
                object_name="muted",
            )
        )

        form = form_layout()
        form.setVerticalSpacing(10)
        # Times and small numbers: full-width fields would only look like text boxes.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        same_day = flow_row(spacing=8)
        self.same_day_hours = QDoubleSpinBox()
        self.same_day_hours.setRange(0.5, 12.0)
        self.same_day_hours.setSingleStep(0.5)
        self.same_day_hours.setDecimals(1)
        self.same_day_hours.setSuffix(_tr(" hours"))
        self.same_day_hours.setAccessibleName(_tr("Same-day check-in, hours after the start"))
        same_day.addWidget(self.same_day_hours)
        same_day.addWidget(plain_label(_tr("after the session starts"), wrap=False))
        same_day.addStretch(1)
        form.addRow(_tr("Same-day check-in"), same_day)

        self.day_time = _time_edit(_tr("Time of the day 1 to 3 and later check-ins"))
        form.addRow(_tr("Day 1-3, between sessions, review"), self.day_time)
        self.preparation_time = _time_edit(_tr("Time of the getting-ready check-in"))
        form.addRow(_tr("Getting ready (evening before)"), self.preparation_time)
        self.therapy_prep_time = _time_edit(_tr("Time of the preparing-for-therapy check-in"))
        form.addRow(_tr("Preparing for therapy (evening before)"), self.therapy_prep_time)

        between = flow_row(spacing=8)
        self.between_interval = QSpinBox()
        self.between_interval.setRange(1, 28)
        self.between_interval.setSuffix(_tr(" days"))
        self.between_interval.setAccessibleName(_tr("Days between the between-sessions check-ins"))
        self.between_max = QSpinBox()
        self.between_max.setRange(0, 20)
        self.between_max.setSuffix(_tr(" after a session"))
        self.between_max.setAccessibleName(_tr("At most this many between-sessions check-ins"))
        between.addWidget(plain_label(_tr("every"), wrap=False))
        between.addWidget(self.between_interval)
        between.addWidget(plain_label(_tr("at most"), wrap=False))
        between.addWidget(self.between_max)
        between.addStretch(1)
        form.addRow(_tr("Between sessions"), between)
        layout.addLayout(form)

        offer = plain_label(_tr("Which check-ins to offer"))
        font = offer.font()
        font.setBold(True)
        offer.setFont(font)
        layout.addWidget(offer)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.phases: dict[Phase, QCheckBox] = {}
        for index, phase in enumerate(Phase):
            box = WrapCheckBox(phase_name(phase))
            box.setAccessibleName(_tr("Offer: {what}").format(what=phase_name(phase)))
            self.phases[phase] = box
            grid.addWidget(box, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addWidget(
            plain_label(
                _tr(
                    "Check-ins keep their times. Quiet hours (under Reminders) only hold "
                    "back the reminder until they end; a check-in on the day of a session "
                    "always stays on that day."
                ),
                object_name="muted",
            )
        )

        # No Save button: changes apply as they are made, like every other section.
        row = flow_row()
        self.defaults_button = button(_tr("Back to the defaults"))
        self.defaults_button.clicked.connect(self.show_defaults)
        row.addWidget(self.defaults_button)
        row.addStretch(1)
        layout.addLayout(row)
        message_row = flow_row()
        self.message = plain_label("")  # plain words beside Undo: not a box like a button
        self.message.setAccessibleName(_tr("Schedule settings message"))
        self.message.setVisible(False)
        message_row.addWidget(self.message)
        self.undo_button = button(_tr("Undo"), accessible=_tr("Undo the schedule change"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(False)
        message_row.addWidget(self.undo_button)
        message_row.addStretch(1)
        layout.addLayout(message_row)
        self._undo_to: ScheduleConfig | None = None
        self.auto = AutoApply(self, self.save)
        self.auto.watch(*self._fields())
        services.about_to_lock.connect(self.auto.flush)  # a change is never lost to a lock
        self.load()

    def show_config(self, config: ScheduleConfig) -> None:
        """Fill the fields from `config` (without storing it)."""
        with self.auto.paused():
            self._fill(config)

    def _fill(self, config: ScheduleConfig) -> None:
        self.same_day_hours.setValue(config.same_day_hours)
        self.day_time.setTime(_qtime(config.day_time))
        self.preparation_time.setTime(_qtime(config.preparation_time))
        self.therapy_prep_time.setTime(_qtime(config.therapy_prep_time))
        self.between_interval.setValue(config.between_interval_days)
        self.between_max.setValue(config.between_max)
        for phase, box in self.phases.items():
            box.setChecked(phase in config.enabled_phases)

    def load(self) -> None:
        self.show_config(load_schedule_config(self.services.vault))
        if self.services.vault.read_only:
            for field in self._fields():
                field.setEnabled(False)
            self.defaults_button.setEnabled(False)
            self._say(_tr("The journal is open read-only, so these cannot be changed now."))

    def _fields(self) -> list[QWidget]:
        return [
            self.same_day_hours,
            self.day_time,
            self.preparation_time,
            self.therapy_prep_time,
            self.between_interval,
            self.between_max,
            *self.phases.values(),
        ]

    def show_defaults(self) -> None:
        """Put the default times and phases back, and use them (Undo returns to before)."""
        self.show_config(ScheduleConfig())
        self.save()

    def undo(self) -> None:
        """Store again what was stored before the last change."""
        previous = self._undo_to
        if previous is None:
            return
        self.auto.flush()
        self.show_config(previous)
        if self.save(undoable=False):
            self._say(_tr("Put back as it was."))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.auto.flush()  # leaving Settings keeps what was changed
        super().hideEvent(event)

    def collect(self, base: ScheduleConfig) -> ScheduleConfig:
        """The fields applied to `base` (its quiet hours and grace period are kept)."""
        return replace(
            base,
            enabled_phases=frozenset(p for p, box in self.phases.items() if box.isChecked()),
            same_day_hours=self.same_day_hours.value(),
            day_time=_pytime(self.day_time.time()),
            preparation_time=_pytime(self.preparation_time.time()),
            therapy_prep_time=_pytime(self.therapy_prep_time.time()),
            between_interval_days=self.between_interval.value(),
            between_max=self.between_max.value(),
        )

    def save(self, *, undoable: bool = True) -> bool:
        """Store the settings and bring the stored check-ins in line; False if refused.

        Called a moment after each change (no Save button); `undoable` offers Undo."""
        vault = self.services.vault
        if vault.read_only:
            return False
        try:
            # The stored config is read inside the transaction, not at start: quiet hours
            # may have been saved under Reminders since this section was shown.
            change = self.services.use.sessions.change_schedule(self.collect)
            if change is None:  # nothing changed: nothing stored, nothing to say
                return True
        except ValueError as exc:
            self._say(_tr("Not saved: {why}").format(why=str(exc)))
            return False
        self._undo_to = change.before if undoable else None
        self.undo_button.setVisible(undoable)
        if not change.after.enabled_phases:
            self._say(_tr("Saved. No check-ins will be offered until you tick some again."))
        else:
            self._say(_tr("Saved. Your check-ins follow the new times."))
        self.services.notify("settings")
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
