"""Sessions: treatment series with their sessions, therapy appointments, and the forms.

Saving a session (or a series) re-syncs the check-in schedule in the same transaction,
so Today never shows check-ins of a session that no longer exists. A form with a
mistake keeps everything typed and says plainly what to change.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from integrate.core.model import Route, Series, Session, SessionKind, SessionStatus, Setting
from integrate.core.session_input import (
    InputError,
    check_text,
    parse_bp,
    parse_dose,
)
from integrate.core.timeutil import day_text, day_time_text, local_zone_name, now_local, zone
from integrate.core.window import session_number
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.common import (
    TallScrollArea,
    button,
    button_row,
    flow_row,
    form_layout,
    page_layout,
    page_title,
    plain_label,
)
from integrate.ui.widgets.flow import WrapCheckBox

ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sessions", text)


def route_names() -> dict[Route, str]:
    return {
        Route.IV: _tr("Intravenous (IV)"),
        Route.IM: _tr("Intramuscular (IM)"),
        Route.SUBLINGUAL: _tr("Sublingual or oral"),
        Route.INTRANASAL: _tr("Intranasal (esketamine)"),
        Route.OTHER: _tr("Other"),
    }


def setting_names() -> dict[Setting, str]:
    return {Setting.CLINIC: _tr("Clinic"), Setting.HOME: _tr("Home"), Setting.OTHER: _tr("Other")}


def _scale_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_tr("Not recorded"), None)
    for value in range(11):
        combo.addItem(str(value), value)
    combo.setAccessibleName(name)
    return combo


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Ask before something cannot be undone (plain text: names are the patient's)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes_button


_E = TypeVar("_E", Route, Setting)


def _enum(kind: type[_E], value: object) -> _E | None:
    """Combo data comes back as plain str (Qt drops the enum type)."""
    return None if value is None else kind(str(value))


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


class _StackedColumns(QStyledItemDelegate):
    """While `stacked`, the first column shows every column's text, one under the other."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stacked = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if self.stacked and index.column() == 0:
            model, parent = index.model(), index.parent()
            texts = (
                model.index(index.row(), c, parent).data() for c in range(model.columnCount(parent))
            )
            # Item views break lines at the line separator (a typed "\n" becomes one too).
            option.text = "\u2028".join(str(t) for t in texts if t)  # type: ignore[attr-defined]


class SessionTree(QTreeWidget):
    """Series and their sessions in columns (when, what, status). When the columns do not
    fit side by side (large text, a narrow window) each row shows them one under the
    other instead, so nothing hides behind a sideways scroll bar."""

    FIRST_COLUMN_MIN = 260  # at 11 pt: room for a date and time beside the arrows

    def __init__(self) -> None:
        super().__init__()
        self._columns = _StackedColumns(self)
        self.setItemDelegate(self._columns)

    def fit_columns(self) -> None:
        """Size the columns to their contents, or stack them if they do not fit."""
        was_stacked, self._columns.stacked = self._columns.stacked, False
        for col in range(self.columnCount()):
            self.setColumnHidden(col, False)  # a hidden column measures 0 wide
            self.resizeColumnToContents(col)
        first = max(self.columnWidth(0), round(self.FIRST_COLUMN_MIN * theme.scale()))
        self.setColumnWidth(0, first)
        needed = sum(self.columnWidth(c) for c in range(self.columnCount()))
        stacked = needed > self.viewport().width()
        self._columns.stacked = stacked
        if stacked != was_stacked:
            self.setProperty("stacked", stacked)  # stacked rows get room between them
            self.style().unpolish(self)
            self.style().polish(self)
        self.setHeaderHidden(stacked)
        self.setUniformRowHeights(not stacked)  # stacked rows hold two or three lines
        for col in range(1, self.columnCount()):
            self.setColumnHidden(col, stacked)
        if stacked:
            self.setColumnWidth(0, self.viewport().width())
        self.scheduleDelayedItemsLayout()

    @property
    def stacked(self) -> bool:
        return self._columns.stacked

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()


def line_up_labels(form: QFormLayout) -> None:
    """Each label beside the middle of its field's first line, not at the top of the row
    (the labels sat higher than the words in their fields: issue 18)."""
    line = QLineEdit().sizeHint().height()
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label_item is None or field_item is None:
            continue
        label = label_item.widget()
        if not isinstance(label, QLabel):
            continue
        field = field_item.widget()
        tall = isinstance(field, QPlainTextEdit | QTextEdit)
        height = field_item.sizeHint().height()
        label.setMinimumHeight(line if tall or height <= 0 else max(line, height))
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class SessionForm(QWidget):
    """Log, plan or edit a session or a therapy appointment."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.editing: Session | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = page_layout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.title = page_title(_tr("Log a session"))
        layout.addWidget(self.title)
        form = form_layout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.kind = QComboBox()
        self.kind.addItem(_tr("Ketamine session"), SessionKind.KETAMINE)
        self.kind.addItem(_tr("Therapy appointment"), SessionKind.THERAPY)
        self.kind.setAccessibleName(_tr("What kind of session"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(_tr("What"), self.kind)
        self.status = QComboBox()
        self.status.addItem(_tr("It has happened"), SessionStatus.DONE)
        self.status.addItem(_tr("Planned"), SessionStatus.PLANNED)
        self.status.setAccessibleName(_tr("Happened or planned"))
        form.addRow(_tr("Status"), self.status)

        when = flow_row()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName(_tr("Date"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(_tr("Start time"))
        when.setSpacing(8)
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addStretch(1)
        form.addRow(_tr("When (local time)"), when)

        self.series = QComboBox()
        self.series.setAccessibleName(_tr("Series"))
        form.addRow(_tr("Series"), self.series)

        self.route = QComboBox()
        self.route.addItem(_tr("Choose…"), None)
        for route, name in route_names().items():
            self.route.addItem(name, route)
        self.route.setAccessibleName(_tr("Route"))
        form.addRow(_tr("Route"), self.route)
        self.route_label = form.labelForField(self.route)

        dose = flow_row()
        self.dose = QLineEdit()
        self.dose.setPlaceholderText(_tr("e.g. 0.5"))
        self.dose.setAccessibleName(_tr("Dose"))
        self.dose.setMaximumWidth(theme.scaled(160))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(_tr("e.g. mg/kg"))
        self.unit.setAccessibleName(_tr("Dose unit"))
        self.unit.setMaximumWidth(theme.scaled(140))
        dose.addWidget(self.dose)
        dose.addWidget(self.unit)
        dose.addStretch(1)
        self.dose_row = QWidget()
        self.dose_row.setLayout(dose)
        dose.setContentsMargins(0, 0, 0, 0)
        form.addRow(_tr("Dose (optional)"), self.dose_row)

        self.setting = QComboBox()
        self.setting.addItem(_tr("Not recorded"), None)
        for setting, name in setting_names().items():
            self.setting.addItem(name, setting)
        self.setting.setAccessibleName(_tr("Setting"))
        form.addRow(_tr("Setting"), self.setting)

        self.support = QComboBox()
        self.support.addItem(_tr("Not recorded"), None)
        self.support.addItem(_tr("Yes"), True)
        self.support.addItem(_tr("No"), False)
        self.support.setAccessibleName(_tr("Support person present"))
        form.addRow(_tr("Support person present"), self.support)

        bp = flow_row()
        self.bp_before = QLineEdit()
        self.bp_before.setPlaceholderText(_tr("before, e.g. 120/80"))
        self.bp_before.setAccessibleName(_tr("Blood pressure before"))
        self.bp_after = QLineEdit()
        self.bp_after.setPlaceholderText(_tr("after, e.g. 130/85"))
        self.bp_after.setAccessibleName(_tr("Blood pressure after"))
        for field in (self.bp_before, self.bp_after):
            field.setMaximumWidth(theme.scaled(200))  # like the dose: short values, short fields
            bp.addWidget(field)
        bp.addStretch(1)
        self.bp_row = QWidget()
        self.bp_row.setLayout(bp)
        bp.setContentsMargins(0, 0, 0, 0)
        form.addRow(_tr("Blood pressure (optional)"), self.bp_row)

        self.intention = QPlainTextEdit()
        self.intention.setPlaceholderText(_tr("What would you like to bring into this session?"))
        self.intention.setAccessibleName(_tr("Intention"))
        self.intention.setTabChangesFocus(True)
        self.intention.setFixedHeight(theme.scaled(70))
        form.addRow(_tr("Intention"), self.intention)

        before = flow_row(spacing=8)
        self.distress = _scale_combo(_tr("Distress before, 0 to 10"))
        self.mood = _scale_combo(_tr("Mood before, 0 to 10"))
        for text, combo in ((_tr("Distress"), self.distress), (_tr("Mood"), self.mood)):
            label = plain_label(text)
            label.setBuddy(combo)  # what a screen reader speaks for the box on Linux
            if combo is self.mood:
                before.addSpacing(16)
            before.addWidget(label)
            before.addWidget(combo)
        before.addStretch(1)
        form.addRow(_tr("Before the session (0-10)"), before)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(theme.scaled(70))
        form.addRow(_tr("Notes"), self.notes)
        line_up_labels(form)
        layout.addLayout(form)

        self.error = plain_label("", object_name="notice")
        self.error.setAccessibleName(_tr("What to change"))
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.save_button = button(_tr("Save"), primary=True, accessible=_tr("Save session"))
        self.cancel_button = button(_tr("Cancel"))
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        layout.addStretch(1)

    def _kind_changed(self) -> None:
        ketamine = self.kind.currentData() == SessionKind.KETAMINE.value
        for widget in (self.route, self.dose_row, self.bp_row):
            widget.setVisible(ketamine)
        if self.route_label is not None:
            self.route_label.setVisible(ketamine)

    def _fill_series(self, selected: int | None) -> None:
        self.series.clear()
        self.series.addItem(_tr("Not in a series"), None)
        for s in self.services.sessions.list_series():
            self.series.addItem(s.name, s.id)
        _select(self.series, selected)

    def start(
        self,
        session: Session | None,
        *,
        kind: SessionKind = SessionKind.KETAMINE,
        planned: bool = False,
        series_id: int | None = None,
    ) -> None:
        """Show the form empty (a new session) or filled with `session`."""
        self.editing = session
        self.error.setVisible(False)
        if session is None:
            now = now_local()
            today = now.date()
            # A session logged as done belongs to a series already under way; a planned
            # one may go into one that starts later (a booster planned ahead).
            latest = [
                s
                for s in self.services.sessions.list_series()
                if s.ended_on is None and (planned or s.started_on <= today)
            ]
            default_series = (
                series_id
                if series_id is not None
                else (latest[-1].id if latest and kind is SessionKind.KETAMINE else None)
            )
            session = Session(
                at=now.replace(minute=0, second=0, microsecond=0),
                tz=local_zone_name(),
                kind=kind,
                status=SessionStatus.PLANNED if planned else SessionStatus.DONE,
                series_id=default_series,
            )
            self.title.setText(
                _tr("Add a therapy appointment")
                if kind is SessionKind.THERAPY
                else _tr("Plan a session")
                if planned
                else _tr("Log a session")
            )
        else:
            self.title.setText(_tr("Edit session"))
        local = session.at.astimezone(zone(session.tz))
        _select(self.kind, session.kind)
        _select(self.status, session.status)
        self.date.setDate(QDate(local.year, local.month, local.day))
        self.time.setTime(QTime(local.hour, local.minute))
        self._fill_series(session.series_id)
        _select(self.route, session.route)
        self.dose.setText("" if session.dose is None else f"{session.dose:g}")
        self.unit.setText(session.dose_unit or "")
        _select(self.setting, session.setting)
        _select(self.support, session.support_person)
        self.bp_before.setText(session.bp_before or "")
        self.bp_after.setText(session.bp_after or "")
        self.intention.setPlainText(session.intention)
        _select(self.distress, session.distress_before)
        _select(self.mood, session.mood_before)
        self.notes.setPlainText(session.notes)
        self._kind_changed()
        self.kind.setFocus()

    def mark_done(self) -> None:
        """Choose "It has happened" for a planned session being logged from Today."""
        _select(self.status, SessionStatus.DONE)
        self.title.setText(_tr("Log a planned session"))
        self.route.setFocus()

    def collect(self) -> Session:
        """The session as typed (raises InputError with a plain sentence)."""
        kind = SessionKind(self.kind.currentData())
        tz = self.editing.tz if self.editing else local_zone_name()
        d, t = self.date.date(), self.time.time()
        at = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone(tz))
        route = _enum(Route, self.route.currentData()) if kind is SessionKind.KETAMINE else None
        if kind is SessionKind.KETAMINE and route is None:
            raise InputError(_tr("Choose the route (how the medicine was given)."))
        if kind is SessionKind.KETAMINE:
            dose, unit = parse_dose(self.dose.text(), self.unit.text())
            bp_before = self._bp(self.bp_before.text(), _tr("before"))
            bp_after = self._bp(self.bp_after.text(), _tr("after"))
        else:
            dose, unit, bp_before, bp_after = None, None, None, None
        status = SessionStatus(self.status.currentData())
        if status is SessionStatus.DONE and at > now_local():
            raise InputError(
                _tr('This time is in the future. Choose "Planned", or check the date and time.')
            )
        session = Session(
            at=at,
            tz=tz,
            kind=kind,
            status=status,
            route=route,
            dose=dose,
            dose_unit=unit,
            setting=_enum(Setting, self.setting.currentData()),
            support_person=self.support.currentData(),
            bp_before=bp_before,
            bp_after=bp_after,
            intention=check_text(self.intention.toPlainText().strip(), _tr("The intention")),
            distress_before=self.distress.currentData(),
            mood_before=self.mood.currentData(),
            notes=check_text(self.notes.toPlainText().strip(), _tr("The notes")),
            series_id=self.series.currentData(),
        )
        if self.editing is not None:
            session.id, session.uid = self.editing.id, self.editing.uid
        return session

    @staticmethod
    def _bp(text: str, which: str) -> str | None:
        try:
            return parse_bp(text)
        except InputError as exc:
            raise InputError(
                _tr("Blood pressure {which}: {problem}").format(which=which, problem=str(exc))
            ) from None

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)


class SeriesForm(QWidget):
    """Create or edit a treatment series, including its end and end reflection."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.editing: Series | None = None
        # Scrolls when the text is large (as the session form does) rather than squeezing
        # its fields below their text (the New series form at 22 pt, issue 18).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(TallScrollArea(body))
        layout = page_layout(body)
        self.title = page_title(_tr("New series"))
        layout.addWidget(self.title)
        form = form_layout()
        form.setVerticalSpacing(10)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_tr("e.g. Initial series, Booster"))
        self.name.setAccessibleName(_tr("Series name"))
        form.addRow(_tr("Name"), self.name)
        self.started = QDateEdit()
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("d MMM yyyy")
        self.started.setAccessibleName(_tr("Start date"))
        self.started.setMaximumWidth(theme.scaled(200))  # a date, not a paragraph
        form.addRow(_tr("Starts"), self.started)
        self.planned = QSpinBox()
        self.planned.setRange(0, 100)
        self.planned.setSpecialValueText(_tr("Not set"))
        self.planned.setAccessibleName(_tr("Planned number of sessions"))
        self.planned.setMaximumWidth(theme.scaled(120))
        form.addRow(_tr("Planned sessions"), self.planned)
        ended = flow_row()
        self.has_ended = WrapCheckBox(_tr("This series has ended"))
        self.has_ended.setAccessibleName(_tr("This series has ended"))
        self.ended = QDateEdit()
        self.ended.setCalendarPopup(True)
        self.ended.setDisplayFormat("d MMM yyyy")
        self.ended.setAccessibleName(_tr("End date"))
        self.has_ended.toggled.connect(self.ended.setEnabled)
        ended.setSpacing(8)
        ended.addWidget(self.has_ended)
        ended.addWidget(self.ended)
        ended.addStretch(1)
        form.addRow(_tr("End"), ended)
        self.reflection = QPlainTextEdit()
        self.reflection.setPlaceholderText(
            _tr("Looking back: what changed, what stayed, what you want to keep practising.")
        )
        self.reflection.setAccessibleName(_tr("End reflection"))
        self.reflection.setTabChangesFocus(True)
        self.reflection.setFixedHeight(theme.scaled(110))
        form.addRow(_tr("End reflection"), self.reflection)
        layout.addLayout(form)
        self.error = plain_label("", object_name="notice")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.save_button = button(_tr("Save"), primary=True, accessible=_tr("Save series"))
        self.cancel_button = button(_tr("Cancel"))
        layout.addLayout(button_row(self.save_button, self.cancel_button))
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # The height their text needs, now that they are polished at the desktop's text
        # size: the stylesheet's min-height let the form squeeze them to the 11 pt height.
        for field in (self.name, self.started, self.planned, self.ended):
            field.setMinimumHeight(field.sizeHint().height())
        lines = self.reflection.fontMetrics().lineSpacing() * 4 + 24
        self.reflection.setFixedHeight(max(theme.scaled(110), lines))
        super().showEvent(event)

    def start(self, series: Series | None) -> None:
        self.editing = series
        self.error.setVisible(False)
        today = now_local().date()
        s = series or Series("", today)
        self.title.setText(_tr("Edit series") if series else _tr("New series"))
        self.name.setText(s.name)
        self.started.setDate(QDate(s.started_on.year, s.started_on.month, s.started_on.day))
        self.planned.setValue(s.planned_sessions or 0)
        end = s.ended_on or today
        self.ended.setDate(QDate(end.year, end.month, end.day))
        self.has_ended.setChecked(s.ended_on is not None)
        self.ended.setEnabled(s.ended_on is not None)
        self.reflection.setPlainText(s.end_reflection)
        self.name.setFocus()

    def collect(self) -> Series:
        name = self.name.text().strip()
        if not name:
            raise InputError(_tr('Give the series a name, for example "Initial series".'))
        if len(name) > 100:
            raise InputError(_tr("The name is long; keep it under 100 characters."))
        q = self.started.date()
        started = date(q.year(), q.month(), q.day())
        ended = None
        if self.has_ended.isChecked():
            e = self.ended.date()
            ended = date(e.year(), e.month(), e.day())
            if ended < started:
                raise InputError(_tr("The end date is before the start date."))
        series = Series(
            name,
            started,
            planned_sessions=self.planned.value() or None,
            ended_on=ended,
            end_reflection=check_text(self.reflection.toPlainText().strip(), _tr("The reflection")),
        )
        if self.editing is not None:
            series.id, series.uid = self.editing.id, self.editing.uid
        return series

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)


class SessionsPage(QWidget):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        overview = QWidget()
        layout = page_layout(overview)
        layout.addWidget(page_title(_tr("Sessions")))
        self.log_button = button(_tr("Log a session"), primary=True)
        self.plan_button = button(_tr("Plan a session"))
        self.therapy_button = button(_tr("Add a therapy appointment"))
        self.series_button = button(_tr("New series"))
        layout.addLayout(
            button_row(self.log_button, self.plan_button, self.therapy_button, self.series_button)
        )
        # An empty list says what to do first (issue 18), instead of an empty table.
        self.empty_note = plain_label(
            _tr(
                "Nothing here yet. After a ketamine session, choose “Log a session”: "
                "Integrate then offers a short check-in the same day and on the three days "
                "after. A session that is coming up goes in with “Plan a session”. A series "
                "groups the sessions of one course of treatment; you can add one any time."
            ),
            object_name="notice",
        )
        self.empty_note.setAccessibleName(_tr("Where to start"))
        self.empty_note.setVisible(False)
        layout.addWidget(self.empty_note)
        self.tree = SessionTree()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_tr("When"), _tr("What"), _tr("Status")])
        self.tree.setAccessibleName(_tr("Series and sessions"))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setObjectName("sessionTree")  # roomier rows: the app stylesheet
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        layout.addWidget(self.tree, 1)
        self.detail = plain_label("", object_name="muted")
        layout.addWidget(self.detail)
        self.edit_button = button(_tr("Edit"))
        self.delete_button = button(_tr("Delete…"))
        # Issue 17: the session's after-effects, entered, edited and removed on their page.
        self.effects_button = button(_tr("After-effects…"))
        self.effects_button.clicked.connect(self.open_effects)
        self.effects_page: QWidget | None = None
        layout.addLayout(button_row(self.edit_button, self.delete_button, self.effects_button))
        layout.addStretch(0)  # keeps the note at the top while the list is hidden
        self.stack.addWidget(overview)
        self.overview = overview

        self.session_form = SessionForm(services)
        self.series_form = SeriesForm(services)
        self.stack.addWidget(self.session_form)
        self.stack.addWidget(self.series_form)

        self.log_button.clicked.connect(lambda: self.new_session())
        self.plan_button.clicked.connect(lambda: self.new_session(planned=True))
        self.therapy_button.clicked.connect(
            lambda: self.new_session(kind=SessionKind.THERAPY, planned=True)
        )
        self.series_button.clicked.connect(lambda: self.edit_series(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.session_form.save_button.clicked.connect(self.save_session)
        self.session_form.cancel_button.clicked.connect(self.show_overview)
        self.series_form.save_button.clicked.connect(self.save_series)
        self.series_form.cancel_button.clicked.connect(self.show_overview)
        services.changed.connect(self._changed)
        self.refresh()

    # -- list

    def _changed(self, area: str) -> None:
        if area in ("sessions", "checkins"):
            self.refresh()

    def refresh(self) -> None:
        if not self.services.vault.is_open:
            return
        repo = self.services.sessions
        sessions = repo.list()
        series = repo.list_series()
        states = self._checkin_counts()
        empty = not sessions and not series
        self.empty_note.setVisible(empty)
        for widget in (self.tree, self.edit_button, self.delete_button):
            widget.setVisible(not empty)
        self.tree.clear()
        groups: dict[int | None, QTreeWidgetItem] = {}
        for s in reversed(series):
            done = sum(
                1
                for x in sessions
                if x.series_id == s.id
                and x.kind is SessionKind.KETAMINE
                and x.status is SessionStatus.DONE
            )
            of = f" / {s.planned_sessions}" if s.planned_sessions else ""
            span = day_text(s.started_on)
            if s.ended_on:
                span += " – " + day_text(s.ended_on)
            if s.ended_on:
                state = _tr("Ended")
            elif s.started_on > now_local().date():
                state = _tr("Starts {day}").format(day=day_text(s.started_on, year=False))
            else:
                state = _tr("Ongoing")
            item = QTreeWidgetItem(
                [s.name, _tr("{done}{of} sessions").format(done=done, of=of), state]
            )
            item.setToolTip(0, span)
            item.setData(0, ROLE, ("series", s.id))
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            groups[s.id] = item
        loose = QTreeWidgetItem([_tr("Not in a series"), "", ""])
        loose.setData(0, ROLE, ("none", None))
        for session in reversed(sessions):
            parent = groups.get(session.series_id) if session.series_id is not None else None
            if parent is None:
                parent = loose
            parent.addChild(self._session_item(session, sessions, states))
        if loose.childCount():
            # No empty cells: a screen reader reads every cell of the row (issue 18).
            loose.setText(1, _tr("{n} on their own").format(n=loose.childCount()))
            loose.setText(2, _tr("No series"))
            self.tree.addTopLevelItem(loose)
        self.tree.expandAll()
        self.tree.fit_columns()
        self._selection_changed()

    def _checkin_counts(self) -> dict[int, tuple[int, int]]:
        """Per session id: (done, total) of its check-ins (superseded ones left out)."""
        out: dict[int, tuple[int, int]] = {}
        for c in self.services.checkins.query():
            if c.session_id is None or c.state.value == "superseded":
                continue
            done, total = out.get(c.session_id, (0, 0))
            out[c.session_id] = (done + (c.state.value == "done"), total + 1)
        return out

    def _session_item(
        self, s: Session, sessions: list[Session], states: dict[int, tuple[int, int]]
    ) -> QTreeWidgetItem:
        when = day_time_text(s.at.astimezone(zone(s.tz)))
        if s.kind is SessionKind.THERAPY:
            what = _tr("Therapy appointment")
        else:
            number = session_number(s, sessions) if s.status is SessionStatus.DONE else 0
            what = (
                _tr("Session {n}").format(n=number) if number else _tr("Session")
            ) + f" · {route_names()[s.route] if s.route else _tr('route not recorded')}"
            if s.dose is not None:
                what += f" · {s.dose:g} {s.dose_unit or ''}".rstrip()
        status = _tr("Planned") if s.status is SessionStatus.PLANNED else _tr("Done")
        if s.id in states and s.kind is SessionKind.KETAMINE and s.status is SessionStatus.DONE:
            done, _total = states[s.id]
            if done:
                status += " · " + _tr("{done} check-ins written").format(done=done)
        item = QTreeWidgetItem([when, what, status])
        item.setData(0, ROLE, ("session", s.id))
        return item

    def _selected(self) -> tuple[str, int | None] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        data = item.data(0, ROLE)
        return None if data is None or data[0] == "none" else (data[0], data[1])

    def _selection_changed(self) -> None:
        sel = self._selected()
        self.edit_button.setEnabled(sel is not None)
        self.delete_button.setEnabled(sel is not None)
        text = ""
        if sel and sel[0] == "session" and sel[1] is not None:
            s = self.services.sessions.get(sel[1])
            if s is not None and s.intention:
                text = _tr("Intention: {text}").format(text=s.intention)
        elif sel and sel[0] == "series" and sel[1] is not None:
            ser = self.services.sessions.get_series(sel[1])
            if ser is not None and ser.end_reflection:
                text = _tr("Reflection: {text}").format(text=ser.end_reflection)
        self.effects_button.setEnabled(False)
        if sel and sel[0] == "session" and sel[1] is not None:
            s = self.services.sessions.get(sel[1])
            if s is not None and s.kind is SessionKind.KETAMINE:
                self.effects_button.setEnabled(s.status is SessionStatus.DONE)
                from integrate.ui.widgets.tracking import session_effects_summary

                summary = session_effects_summary(self.services, sel[1])
                text = "\n".join(t for t in (text, summary) if t)
        self.detail.setText(text)
        self.detail.setVisible(bool(text))  # an empty label would leave a gap above the buttons

    def select_session(self, session_id: int) -> None:
        items = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in items:
            if item.data(0, ROLE) == ("session", session_id):
                self.tree.setCurrentItem(item)
                return

    def show_overview(self) -> None:
        self.stack.setCurrentWidget(self.overview)

    def open_effects(self) -> None:
        """The selected session's after-effects page (issue 17)."""
        from integrate.ui.widgets.tracking import session_effects_page

        sel = self._selected()
        session = self.services.sessions.get(sel[1]) if sel and sel[1] is not None else None
        if session is None or session.id is None:
            return
        sessions = self.services.sessions.list(kind=SessionKind.KETAMINE)
        n = session_number(session, sessions)
        when = session.at.astimezone(zone(session.tz)).strftime("%a %d %b %Y")
        title = _tr("After-effects of session {n} ({when})").format(n=n, when=when)

        def back() -> None:
            self.show_overview()
            self._drop_effects_page()
            self._selection_changed()

        self._drop_effects_page()
        self.effects_page = session_effects_page(self.services, session, title, back)
        self.stack.addWidget(self.effects_page)
        self.stack.setCurrentWidget(self.effects_page)

    def _drop_effects_page(self) -> None:
        if self.effects_page is not None:
            self.stack.removeWidget(self.effects_page)
            self.effects_page.deleteLater()
            self.effects_page = None

    def open_item(self, item: str) -> None:
        """ "new" opens the log form; a session uid selects that session; "done:<uid>"
        opens that planned session's form with "It has happened" chosen (from Today);
        "effects:<uid>" opens that session's after-effects (from the journal's search)."""
        if item == "new":
            self.new_session()
            return
        uid = item.removeprefix("done:").removeprefix("effects:")
        for s in self.services.sessions.list():
            if s.uid != uid or s.id is None:
                continue
            if item.startswith("done:"):
                self.session_form.start(s)
                self.session_form.mark_done()
                self.stack.setCurrentWidget(self.session_form)
            else:
                self.show_overview()
                self.select_session(s.id)
                if item.startswith("effects:"):
                    self.open_effects()

    # -- sessions

    def new_session(
        self, *, kind: SessionKind = SessionKind.KETAMINE, planned: bool = False
    ) -> None:
        self.session_form.start(None, kind=kind, planned=planned)
        self.stack.setCurrentWidget(self.session_form)

    def edit_selected(self) -> None:
        sel = self._selected()
        if sel is None or sel[1] is None:
            return
        if sel[0] == "series":
            self.edit_series(self.services.sessions.get_series(sel[1]))
            return
        session = self.services.sessions.get(sel[1])
        if session is not None:
            self.session_form.start(session)
            self.stack.setCurrentWidget(self.session_form)

    def save_session(self) -> None:
        try:
            session = self.session_form.collect()
        except InputError as exc:
            self.session_form.show_error(str(exc))
            return
        self.services.use.sessions.save(session)
        self.show_overview()
        self.services.notify("sessions")
        self.services.notify("checkins")
        if session.id is not None:
            self.select_session(session.id)

    def delete_selected(self) -> None:
        sel = self._selected()
        if sel is None or sel[1] is None:
            return
        if sel[0] == "series":
            self._delete_series(sel[1])
            return
        session = self.services.sessions.get(sel[1])
        if session is None:
            return
        when = day_text(session.at.astimezone(zone(session.tz)), month="long")
        if not confirm(
            self,
            _tr("Delete session"),
            _tr(
                "Delete the session of {when}? Its open check-ins go with it. Journal entries "
                "you wrote stay in your journal."
            ).format(when=when),
            _tr("Delete session"),
        ):
            return
        self.services.use.sessions.delete(sel[1])
        self.services.notify("sessions")
        self.services.notify("checkins")

    # -- series

    def edit_series(self, series: Series | None) -> None:
        self.series_form.start(series)
        self.stack.setCurrentWidget(self.series_form)

    def save_series(self) -> None:
        try:
            series = self.series_form.collect()
        except InputError as exc:
            self.series_form.show_error(str(exc))
            return
        self.services.use.sessions.save_series(series)
        self.show_overview()
        self.services.notify("sessions")
        self.services.notify("checkins")

    def _delete_series(self, series_id: int) -> None:
        series = self.services.sessions.get_series(series_id)
        if series is None:
            return
        if not confirm(
            self,
            _tr("Delete series"),
            _tr('Delete the series "{name}"? Its sessions stay, outside any series.').format(
                name=series.name
            ),
            _tr("Delete series"),
        ):
            return
        self.services.use.sessions.delete_series(series_id)
        self.services.notify("sessions")
        self.services.notify("checkins")


def sessions_page(services: AppServices) -> QWidget:
    return SessionsPage(services)
