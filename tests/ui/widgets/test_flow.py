"""Layout pieces that wrap instead of clipping: wrapping buttons, flowing rows, text with
its buttons beside or under it, forms that stack, tables whose columns fit.

At the normal size each looks exactly like the plain Qt layout or widget it replaces;
only when room runs out do they wrap."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from integrate.ui.widgets.flow import (
    FlowLayout,
    SideBySide,
    StackingForm,
    WrapButton,
    WrapCheckBox,
    wrap_words,
)
from integrate.ui.widgets.tables import fit_columns

LONG = "PCL-5 (past month) - a starting point before your series"


def _shown(qtbot, widget: QWidget, width: int, height: int = 400) -> QWidget:  # noqa: ANN001
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_wrap_words_breaks_at_spaces_within_the_width(qapp) -> None:  # noqa: ANN001
    fm = QPushButton().fontMetrics()
    lines = wrap_words(LONG, fm, fm.horizontalAdvance("PCL-5 (past month) - a"))
    assert " ".join(lines) == LONG and len(lines) > 1
    assert all(
        fm.horizontalAdvance(line) <= fm.horizontalAdvance("PCL-5 (past month) - a")
        for line in lines
    )


def test_wrap_button_is_a_push_button_until_it_runs_out_of_room(qtbot) -> None:  # noqa: ANN001
    plain, wrapping = QPushButton(LONG), WrapButton(LONG)
    assert wrapping.sizeHint() == plain.sizeHint()
    one_line = plain.sizeHint()
    # It may be narrower than one line (down to its longest word) and is then taller.
    assert wrapping.minimumSizeHint().width() < one_line.width()
    assert wrapping.heightForWidth(one_line.width()) == one_line.height()
    assert wrapping.heightForWidth(one_line.width() // 2) > one_line.height()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.addWidget(wrapping)
    column.addStretch(1)
    _shown(qtbot, holder, one_line.width() // 2 + 40)
    # (the height for its width settles once the layout has given it that width)
    qtbot.waitUntil(lambda: wrapping.height() >= wrapping.heightForWidth(wrapping.width()))
    assert wrapping.width() < one_line.width()
    assert wrapping.height() > one_line.height()


def test_wrap_check_box_wraps_too(qtbot) -> None:  # noqa: ANN001
    box = WrapCheckBox("Ask for my passphrase every time Integrate opens")
    one_line = box.sizeHint()
    assert box.heightForWidth(one_line.width() // 2) > one_line.height()
    assert box.minimumSizeHint().width() < one_line.width()


def _row(layout: QHBoxLayout | FlowLayout) -> tuple[QWidget, list[QPushButton]]:
    holder = QWidget()
    outer = QVBoxLayout(holder)
    buttons = [QPushButton(t) for t in ("Log a session", "Plan a session", "New series")]
    for b in buttons:
        layout.addWidget(b)
    layout.addStretch(1)
    outer.addLayout(layout)
    outer.addStretch(1)
    return holder, buttons


def test_flow_row_matches_a_box_row_while_it_fits_then_flows(qtbot) -> None:  # noqa: ANN001
    box_holder, box_buttons = _row(QHBoxLayout())
    flow_holder, flow_buttons = _row(FlowLayout())
    _shown(qtbot, box_holder, 700)
    _shown(qtbot, flow_holder, 700)
    assert [b.geometry() for b in flow_buttons] == [b.geometry() for b in box_buttons]
    # Narrow: the last buttons go to a second line instead of being squeezed.
    narrow = flow_buttons[0].width() + flow_buttons[1].width() + 40
    flow_holder.resize(narrow, 400)
    qtbot.waitUntil(lambda: flow_buttons[2].y() > flow_buttons[0].y())
    assert all(b.width() >= b.sizeHint().width() for b in flow_buttons)
    assert flow_buttons[2].x() == flow_buttons[0].x()


def test_flow_row_keeps_a_right_hand_group_on_the_right(qtbot) -> None:  # noqa: ANN001
    holder = QWidget()
    outer = QVBoxLayout(holder)
    row = FlowLayout()
    cancel, back, nxt = QPushButton("Cancel"), QPushButton("Back"), QPushButton("Next")
    row.addWidget(cancel)
    row.addStretch(1)
    row.addWidget(back)
    row.addWidget(nxt)
    outer.addLayout(row)
    _shown(qtbot, holder, 600)
    right = holder.contentsRect().right() - outer.contentsMargins().right()
    assert nxt.geometry().right() == right and cancel.y() == nxt.y()
    holder.resize(cancel.width() + back.width() + 30, 400)
    qtbot.waitUntil(lambda: nxt.y() > cancel.y())
    assert nxt.geometry().right() == holder.contentsRect().right() - outer.contentsMargins().right()


def test_side_by_side_puts_the_buttons_under_the_text_when_narrow(qtbot) -> None:  # noqa: ANN001
    holder = QWidget()
    outer = QVBoxLayout(holder)
    text = QLabel("From Monday 30 November. You can still do it, or let it go.")
    text.setWordWrap(True)
    buttons = QHBoxLayout()
    open_button, let_go = QPushButton("Open"), QPushButton("Let it go")
    buttons.addWidget(open_button)
    buttons.addWidget(let_go)
    outer.addLayout(SideBySide(text, buttons))
    outer.addStretch(1)
    _shown(qtbot, holder, 900)
    assert open_button.y() < text.geometry().bottom() and open_button.x() > text.x()
    holder.resize(open_button.width() + let_go.width() + 60, 500)
    qtbot.waitUntil(lambda: open_button.y() > text.geometry().bottom())
    assert open_button.x() == text.x()


def test_stacking_form_puts_fields_under_labels_when_a_row_does_not_fit(qtbot) -> None:  # noqa: ANN001
    holder = QWidget()
    form = StackingForm(holder)
    field = QLineEdit("Time for your check-in")
    form.addRow("When a check-in is due", field)
    _shown(qtbot, holder, 700)
    assert form.rowWrapPolicy() is QFormLayout.RowWrapPolicy.DontWrapRows
    label = form.labelForField(field)
    assert field.y() == label.y() or abs(field.center().y() - label.center().y()) < 8
    holder.resize(form.itemAt(0, QFormLayout.ItemRole.LabelRole).sizeHint().width() + 40, 400)
    qtbot.waitUntil(lambda: form.rowWrapPolicy() is QFormLayout.RowWrapPolicy.WrapAllRows)
    qtbot.waitUntil(lambda: field.y() > label.geometry().bottom())


def test_table_columns_fit_their_width_and_rows_grow(qtbot) -> None:  # noqa: ANN001
    table = QTableWidget(3, 3)
    table.setHorizontalHeaderLabels(["Date", "Questionnaire", "Note"])
    for row in range(3):
        for col, text in enumerate(
            ("27 Nov 2026 19:44", "PCL-5 (past month)", "Support screen shown")
        ):
            table.setItem(row, col, QTableWidgetItem(text))
    _shown(qtbot, table, 900)
    fit_columns(table)
    one_line = table.rowHeight(0)
    natural = sum(table.columnWidth(c) for c in range(3))
    assert not table.horizontalScrollBar().isVisible()
    # Room for 70% of what the columns would like: more than their longest words.
    table.resize(natural * 7 // 10 + table.width() - table.viewport().width(), 400)
    fit_columns(table)
    qtbot.wait(10)
    widths = sum(table.columnWidth(c) for c in range(3))
    assert widths <= table.viewport().width()
    assert table.rowHeight(0) > one_line  # the words wrapped
    table.resize(900, 400)
    fit_columns(table)
    assert table.rowHeight(0) == one_line  # and back to one line with room
