"""Settings → Reminders: on/off, the wording people nearby might see, quiet hours,
starting at login, and exporting the schedule to a calendar file.

Quiet hours are the schedule's own (the `quiet_hours` field of the `schedule`
setting): one night-time span for both when things are due and when they are announced.
"""

from __future__ import annotations

import sys
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
)

from integrate.core import autostart
from integrate.core.quiet_hours import QuietHours
from integrate.core.reminders import (
    MAX_NOTIFICATION_LENGTH,
    ReminderText,
    SensitiveTextError,
    validate_notification_text,
)
from integrate.core.timeutil import local_zone_name
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.autoapply import AutoApply
from integrate.ui.widgets.common import button, flow_row, form_layout, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.reminder_store import (
    TEXT_FIELDS,
    ReminderSettings,
    load_reminder_settings,
    read_measure_reminders,
    save_reminder_settings,
)

NEUTRAL_NAME_PREF = "autostart/neutral_name"  # QSettings: not sensitive
DEFAULT_CALENDAR_NAME = "schedule.ics"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReminderSettings", text)


def _labels() -> dict[str, str]:
    return {
        "checkin": _tr("When a check-in is due"),
        "measure": _tr("When a questionnaire is due"),
        "therapy_prep": _tr("Before an appointment"),
        "missed": _tr("After the app was closed a while"),
    }


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class ReminderSection(QGroupBox):
    """The Reminders section of Settings."""

    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Reminders"))
        self.services = services
        self.home = Path.home()
        layout = QVBoxLayout(self)
        layout.setSpacing(12)

        self.enabled = WrapCheckBox(_tr("Remind me when a check-in or questionnaire is due"))
        self.enabled.setAccessibleName(_tr("Reminders on"))
        layout.addWidget(self.enabled)

        layout.addWidget(
            plain_label(
                _tr(
                    "Reminders show only the words below. People near your screen may see them, "
                    "so keep them general."
                ),
                object_name="muted",
            )
        )
        form = form_layout()
        self.text_fields: dict[str, QLineEdit] = {}
        for name, label in _labels().items():
            field = QLineEdit()
            field.setMaxLength(MAX_NOTIFICATION_LENGTH)
            field.setAccessibleName(_tr("Reminder wording: {what}").format(what=label))
            field.setPlaceholderText(getattr(ReminderText(), name))
            form.addRow(label, field)
            self.text_fields[name] = field
        layout.addLayout(form)

        quiet_row = flow_row()
        self.quiet_on = WrapCheckBox(_tr("Quiet hours, from"))
        self.quiet_on.setAccessibleName(_tr("Quiet hours on"))
        self.quiet_start = QTimeEdit()
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_start.setAccessibleName(_tr("Quiet hours start"))
        self.quiet_end = QTimeEdit()
        self.quiet_end.setDisplayFormat("HH:mm")
        self.quiet_end.setAccessibleName(_tr("Quiet hours end"))
        quiet_row.addWidget(self.quiet_on)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(plain_label(_tr("to"), wrap=False))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        layout.addLayout(quiet_row)
        self.quiet_on.toggled.connect(self.quiet_start.setEnabled)
        self.quiet_on.toggled.connect(self.quiet_end.setEnabled)

        # No Save button: changes apply as they are made (with Undo), as everywhere else.
        message_row = flow_row()
        self.message = plain_label("")  # plain words beside Undo: not a box like a button
        self.message.setAccessibleName(_tr("Reminder settings message"))
        self.message.setVisible(False)
        message_row.addWidget(self.message)
        self.undo_button = button(_tr("Undo"), accessible=_tr("Undo the reminder change"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(False)
        message_row.addWidget(self.undo_button)
        message_row.addStretch(1)
        layout.addLayout(message_row)
        self._undo_to: ReminderSettings | None = None
        self.auto = AutoApply(self, self.save)

        self.autostart = WrapCheckBox(_tr("Start Integrate minimised when I log in"))
        self.autostart.setAccessibleName(_tr("Start minimised at login"))
        self.neutral_name = WrapCheckBox(_tr("List it as “Journal” in my login items"))
        self.neutral_name.setAccessibleName(_tr("Use a neutral name in login items"))
        layout.addWidget(self.autostart)
        layout.addWidget(self.neutral_name)

        export_row = flow_row()
        self.export_button = button(_tr("Export my schedule to a calendar file…"))
        self.export_button.clicked.connect(self._choose_export_file)
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)

        self.load()
        self.auto.watch(
            self.enabled,
            *self.text_fields.values(),
            self.quiet_on,
            self.quiet_start,
            self.quiet_end,
        )
        services.about_to_lock.connect(self.auto.flush)  # a change is never lost to a lock
        self.autostart.toggled.connect(self._apply_autostart)
        self.neutral_name.toggled.connect(self._neutral_name_changed)

    # -- reminder settings (in the vault)

    def load(self) -> None:
        """Show what is stored."""
        self.show_settings(load_reminder_settings(self.services.vault))
        self.autostart.blockSignals(True)
        self.autostart.setChecked(autostart.is_enabled(sys.platform, self.home))
        self.autostart.blockSignals(False)
        self.neutral_name.blockSignals(True)
        self.neutral_name.setChecked(self._neutral_pref())
        self.neutral_name.blockSignals(False)

    def show_settings(self, settings: ReminderSettings) -> None:
        """Fill the reminder fields from `settings` (without storing them)."""
        for widget in (self.enabled, self.quiet_on, self.quiet_start, self.quiet_end):
            widget.blockSignals(True)
        try:
            self._fill(settings)
        finally:
            for widget in (self.enabled, self.quiet_on, self.quiet_start, self.quiet_end):
                widget.blockSignals(False)
        self.quiet_start.setEnabled(settings.quiet_hours.enabled)
        self.quiet_end.setEnabled(settings.quiet_hours.enabled)

    def _fill(self, settings: ReminderSettings) -> None:
        self.enabled.setChecked(settings.enabled)
        for name, field in self.text_fields.items():
            field.setText(getattr(settings.texts, name))
            field.setCursorPosition(0)  # a long wording shows its start, not its end
        quiet = settings.quiet_hours
        self.quiet_on.setChecked(quiet.enabled)
        default = QuietHours()
        self.quiet_start.setTime(_qtime(quiet.start if quiet.enabled else default.start))
        self.quiet_end.setTime(_qtime(quiet.end if quiet.enabled else default.end))

    def undo(self) -> None:
        """Store again what was stored before the last change."""
        previous = self._undo_to
        if previous is None:
            return
        self.auto.flush()
        self.show_settings(previous)
        if self.save(undoable=False):
            self._say(_tr("Put back as it was."))

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        self.auto.flush()  # leaving Settings keeps what was changed
        super().hideEvent(event)

    def save(self, *, undoable: bool = True) -> bool:
        """Validate and store; returns whether it was saved (the message says why not).

        Called a moment after each change (no Save button); `undoable` offers Undo."""
        labels = _labels()
        texts: dict[str, str] = {}
        for name in TEXT_FIELDS:
            raw = self.text_fields[name].text()
            try:
                texts[name] = validate_notification_text(raw or getattr(ReminderText(), name))
            except SensitiveTextError as exc:
                self._say(_tr("Not saved. “{what}”: {why}").format(what=labels[name], why=exc))
                self.text_fields[name].setFocus()
                return False
        start, end = _pytime(self.quiet_start.time()), _pytime(self.quiet_end.time())
        if self.quiet_on.isChecked() and start == end:
            self._say(_tr("Not saved. Quiet hours need different start and end times."))
            return False
        quiet = QuietHours(start, end) if self.quiet_on.isChecked() else QuietHours.parse("off")
        settings = ReminderSettings(
            enabled=self.enabled.isChecked(), texts=ReminderText(**texts), quiet_hours=quiet
        )
        before = load_reminder_settings(self.services.vault)
        if settings == before:
            return True
        save_reminder_settings(self.services.vault, settings)
        for name, field in self.text_fields.items():
            if field.text() != texts[name] and not field.hasFocus():
                field.setText(texts[name])  # an emptied field shows the default it now uses
        self._undo_to = before if undoable else None
        self.undo_button.setVisible(undoable)
        self._say(_tr("Saved."))
        self.services.notify("settings")
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    # -- start at login (outside the vault, per user account)

    def _neutral_pref(self) -> bool:
        value = self.services.prefs.value(NEUTRAL_NAME_PREF, False)
        return value in (True, "true", "1", 1)

    def _apply_autostart(self, on: bool) -> None:
        try:
            if on:
                from integrate.paths import default_data_dir

                root = self.services.paths.root.resolve()
                autostart.enable_autostart(
                    sys.platform,
                    self.home,
                    neutral_name=self.neutral_name.isChecked(),
                    # A journal outside the default folder: the login start opens it.
                    data_dir=None if root == default_data_dir().resolve() else root,
                )
            else:
                autostart.disable_autostart(sys.platform, self.home)
                from integrate.vault.reminder_times import forget_reminder_times

                forget_reminder_times(self.services.paths.root)  # kept only for autostart
        except OSError as exc:
            self._say(
                _tr("The login setting could not be changed ({error}).").format(
                    error=exc.strerror or type(exc).__name__
                )
            )
        self.autostart.blockSignals(True)
        self.autostart.setChecked(autostart.is_enabled(sys.platform, self.home))
        self.autostart.blockSignals(False)

    def _neutral_name_changed(self, on: bool) -> None:
        self.services.prefs.setValue(NEUTRAL_NAME_PREF, on)
        self.services.prefs.sync()
        if self.autostart.isChecked():
            self._apply_autostart(True)  # rewrite the entry under the new name

    # -- calendar export

    def export_to(self, path: Path) -> int:
        """Write the schedule to `path` as .ics; returns the number of events."""
        from integrate.share.calendar import export_calendar_file

        vault = self.services.vault
        tz = ZoneInfo(local_zone_name())
        result = export_calendar_file(
            path,
            self.services.use.checkins.for_reminders(),
            tz,
            load_reminder_settings(vault).texts,
            measures=read_measure_reminders(
                vault, datetime.now(tz).date(), tz, repo=self.services.measures
            ),
        )
        return result.events

    def _choose_export_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            _tr("Export schedule"),
            str(self.home / DEFAULT_CALENDAR_NAME),
            _tr("Calendar files (*.ics)"),
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".ics") else name + ".ics")
        try:
            count = self.export_to(path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _tr("Not exported"),
                _tr("The file could not be written ({error}).").format(
                    error=exc.strerror or type(exc).__name__
                ),
            )
            return
        QMessageBox.information(
            self,
            _tr("Exported"),
            _tr(
                "{n} check-ins were written to the calendar file. Open it with your calendar "
                "app to add them; exporting again later updates the same events."
            ).format(n=count),
        )
