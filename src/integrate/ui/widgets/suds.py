"""A 0-10 distress picker: eleven large buttons, the chosen number shown in words too.

Keyboard: digits 0-9 pick a number, Left/Right move, Home/End go to 0/10 (End is 10);
Enter is left to the dialog (it continues).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from integrate.ui.base import theme
from integrate.ui.widgets.common import flow_row, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("Suds", text)


class SudsPicker(QWidget):
    changed = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_tr("Distress from 0 to 10"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        for n in range(11):
            btn = QPushButton(str(n))
            btn.setCheckable(True)
            btn.setMinimumSize(44, 48)
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the picker itself takes the keys
            btn.setAccessibleName(_tr("Distress {n}").format(n=n))
            btn.setObjectName("sudsButton")
            self.group.addButton(btn, n)
            row.addWidget(btn)
            self.buttons.append(btn)
        self.group.idClicked.connect(self.set_value)
        layout.addLayout(row)
        ends = flow_row()
        ends.addWidget(plain_label(_tr("0  no distress"), object_name="muted", wrap=False))
        ends.addStretch(1)
        ends.addWidget(
            plain_label(_tr("10  the most I can imagine"), object_name="muted", wrap=False)
        )
        layout.addLayout(ends)
        self.status = plain_label(_tr("No number chosen yet."))
        layout.addWidget(self.status)
        self._value: int | None = None

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = max(0, min(10, value))
        self._value = value
        if value is None:
            self.group.setExclusive(False)
            for btn in self.buttons:
                btn.setChecked(False)
            self.group.setExclusive(True)
            self.status.setText(_tr("No number chosen yet."))
        else:
            self.buttons[value].setChecked(True)
            self.status.setText(_tr("You chose {n} out of 10.").format(n=value))
        self.setAccessibleDescription(self.status.text())
        self.changed.emit(value)

    def focusInEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        super().focusInEvent(event)  # type: ignore[arg-type]
        self._show_focus(True)

    def focusOutEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self._show_focus(False)

    def _show_focus(self, on: bool) -> None:
        # The buttons never take focus themselves, so show keyboard focus on the status line.
        if on:
            theme.text_role(self.status, "strong")
        else:
            self.status.setProperty("textRole", None)
        theme.restyle(self.status)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        key = event.key()
        current = self._value
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.set_value(int(key - Qt.Key.Key_0))
            return
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(0 if current is None else min(10, current + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(0 if current is None else max(0, current - 1))
        elif key == Qt.Key.Key_Home:
            self.set_value(0)
        elif key == Qt.Key.Key_End:
            self.set_value(10)
        else:
            super().keyPressEvent(event)
