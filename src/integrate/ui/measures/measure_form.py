"""One questionnaire as a form: instructions, every item verbatim, large radio answers.

Keyboard: Tab moves between items, arrow keys between answers of an item, Space
chooses. A crisis answer emits `crisis` at once (the page shows the crisis screen
before anything else). Submitting with gaps lists the missing item numbers and
scores nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from integrate.core.measures import (
    Incomplete,
    Instrument,
    Option,
    crisis_triggered,
    score,
)
from integrate.ui.base import theme
from integrate.ui.widgets.common import button, flow_row, page_title, plain_label
from integrate.ui.widgets.flow import WrapRadioButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureForm", text)


def instrument_title(instrument: Instrument) -> str:
    """E.g. "PCL-5 (past week)"."""
    if instrument.variant:
        return f"{instrument.short_name} ({instrument.variant})"
    return instrument.short_name


class _Question(QFrame):
    """An item (or optional question) with its options as exclusive radio buttons."""

    def __init__(
        self, label: str, text: str, options: tuple[Option, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureItem")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        self.text_label = plain_label(f"{label}  {text}")
        theme.text_role(self.text_label, "lead")
        layout.addWidget(self.text_label)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        for option in options:
            radio = WrapRadioButton(option.label)
            radio.setObjectName("answer")  # larger answers: the app stylesheet
            # An optional question has no number: no leading space in what is spoken.
            radio.setAccessibleName(f"{label} {option.label}".strip())
            radio.setCursor(Qt.CursorShape.PointingHandCursor)
            self.group.addButton(radio, option.value)
            self.buttons.append(radio)
        self.answers_box = _AnswerGrid(self.buttons)
        layout.addWidget(self.answers_box)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if self.group.checkedButton() is None else checked

    def set_value(self, value: int) -> None:
        button_ = self.group.button(value)
        if button_ is None:
            raise ValueError(f"{value} is not an answer here")
        button_.setChecked(True)

    def mark_missing(self, missing: bool) -> None:
        self.text_label.setProperty("missing", missing)
        theme.restyle(self.text_label)


class _AnswerGrid(QWidget):
    """An item's answers in columns: short lists on one row, long ones (0-10 ratings) in
    rows of six. When that is wider than the room (large text, a narrow window) a short
    list goes one under the other (a scale read top to bottom, not zigzagging over two
    columns) and a long one into fewer columns; one answer too wide alone wraps its words.
    Nothing runs off the side."""

    def __init__(self, buttons: list[QRadioButton]) -> None:
        super().__init__()
        self.buttons = buttons
        self.preferred = len(buttons) if len(buttons) <= 5 else 6
        self.columns = 0  # none placed yet
        # Any width will do: the columns follow the width given (see resizeEvent).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        row.addLayout(self.grid)
        row.addStretch(1)  # the columns keep their own width, on the left
        self._place(self.preferred)

    def _width(self, columns: int) -> int:
        widths = [0] * columns
        for index, radio in enumerate(self.buttons):
            widths[index % columns] = max(widths[index % columns], radio.sizeHint().width())
        return sum(widths) + self.grid.horizontalSpacing() * (columns - 1)

    def columns_for(self, width: int) -> int:
        """The most columns, up to the preferred number, whose answers fit in `width`."""
        tried = range(self.preferred, 1, -1) if len(self.buttons) > 5 else [self.preferred]
        for columns in tried:
            if self._width(columns) <= width:
                return columns
        return 1

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for radio in self.buttons:
            self.grid.removeWidget(radio)
        for index, radio in enumerate(self.buttons):
            self.grid.addWidget(radio, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._place(self.columns_for(event.size().width()))


class MeasureForm(QWidget):
    submitted = Signal(object)  # core.measures.Score
    cancelled = Signal()
    crisis = Signal()  # the crisis answer was just chosen (emitted once per form)

    def __init__(self, instrument: Instrument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.instrument = instrument
        self.crisis_shown = False
        # The vault's record that the crisis screen was shown during this attempt (kept
        # if the form is left unsaved; saving folds it into the administration).
        self.crisis_record_id: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setAccessibleName(instrument.name)  # focusable: keyboard scrolling
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        layout.addWidget(page_title(instrument.name))
        timeframe = plain_label(
            _tr("Time frame: {timeframe}").format(timeframe=instrument.timeframe),
            object_name="muted",
        )
        layout.addWidget(timeframe)
        layout.addWidget(plain_label(instrument.instructions, object_name="notice"))
        if instrument.stem:
            stem = plain_label(instrument.stem)
            theme.text_role(stem, "heading")
            layout.addWidget(stem)
        self.items: list[_Question] = []
        for item in instrument.items:
            question = _Question(f"{item.number}.", item.text, item.options)
            question.group.buttonToggled.connect(self._answer_changed)
            layout.addWidget(question)
            self.items.append(question)
        self.extras: list[_Question] = []
        for extra in instrument.extra_questions:
            note = plain_label(_tr("Optional question"), object_name="muted")
            layout.addWidget(note)
            question = _Question("", extra.text, extra.options)
            layout.addWidget(question)
            self.extras.append(question)
        self.missing_label = plain_label("", object_name="notice")
        self.missing_label.setAccessibleName(_tr("Items without an answer"))
        self.missing_label.hide()
        layout.addWidget(self.missing_label)
        buttons = flow_row()  # the second button goes under the first when they do not fit
        self.cancel_button = button(_tr("Leave without saving"))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.submit_button = button(_tr("Save and see my result"), primary=True)
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)
        attribution = plain_label(instrument.attribution, object_name="muted")
        theme.text_role(attribution, "small")
        layout.addWidget(attribution)
        layout.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area)

        self._questions = [*self.items, *self.extras]
        for question in self._questions:
            for radio in question.buttons:
                radio.installEventFilter(self)

    # -- keyboard: arrows or digits choose within an item, Tab moves to the next item

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        where = next(
            ((q, q.buttons.index(watched)) for q in self._questions if watched in q.buttons), None
        )
        if where is None:
            return False
        question, index = where
        key = event.key()
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
        }.get(Qt.Key(key))
        if step is not None:
            target = question.buttons[max(0, min(len(question.buttons) - 1, index + step))]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            target.setChecked(True)
            return True
        text = event.text()
        if text.isdigit() and question.group.button(int(text)) is not None:
            question.set_value(int(text))
            question.group.button(int(text)).setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            pos = self._questions.index(question)
            pos += -1 if key == Qt.Key.Key_Backtab else 1
            if 0 <= pos < len(self._questions):
                nxt = self._questions[pos]
                landing = nxt.group.checkedButton() or nxt.buttons[0]
                landing.setFocus(Qt.FocusReason.TabFocusReason)
                self.scroll_area.ensureWidgetVisible(nxt)
                return True
        return False

    # -- answers

    def answers(self) -> list[int | None]:
        """Item answers then optional questions; None where nothing is chosen."""
        return [q.value() for q in self.items] + [q.value() for q in self.extras]

    def set_answer(self, item_number: int, value: int) -> None:
        """Choose an answer as a click would (used by keyboard shortcuts and tests)."""
        self.items[item_number - 1].set_value(value)

    def _answer_changed(self, _button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        if not self.crisis_shown and crisis_triggered(self.instrument, self.answers()):
            self.crisis_shown = True
            self.crisis.emit()
        if self.missing_label.isVisible():
            self._show_missing(self._missing())

    def _missing(self) -> list[int]:
        return [i for i, q in enumerate(self.items, start=1) if q.value() is None]

    def _show_missing(self, missing: list[int]) -> None:
        for number, question in enumerate(self.items, start=1):
            question.mark_missing(number in missing)
        if not missing:
            self.missing_label.hide()

    # -- submit

    def submit(self) -> None:
        """Score when complete; otherwise say which items are missing and score nothing."""
        result = score(self.instrument, self.answers())
        if isinstance(result, Incomplete):
            self.missing_label.setText(
                result.message
                + " "
                + _tr("Please answer them to see a result; nothing has been saved yet.")
            )
            self.missing_label.show()
            self._show_missing(result.missing)
            first = self.items[result.missing[0] - 1]
            self.scroll_area.ensureWidgetVisible(first)
            first.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.submitted.emit(result)
