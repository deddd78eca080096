"""A quick 0-10 (or choice) rating as a row of large toggle buttons.

Used by check-ins and the after-effects and sleep cards, so every rating looks and
reads the same (including with a screen reader: "Distress: 7").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QVBoxLayout, QWidget

from integrate.core.prompts import Rating
from integrate.ui.widgets.common import flow_row, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckIn", text)


class RatingRow(QWidget):
    """A quick rating as a row of large toggle buttons (none chosen until the patient picks)."""

    changed = Signal()  # the patient picked or cleared a value

    def __init__(self, rating: Rating) -> None:
        super().__init__()
        self.rating = rating
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        question = rating.question + (_tr(" (optional)") if rating.optional else "")
        layout.addWidget(plain_label(question))
        row = flow_row(spacing=4)  # 0-10 go on to a second line when they do not fit
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # clicking the chosen value again clears it
        labels = (
            list(rating.choices)
            if rating.kind == "choice"
            else [str(v) for v in range(rating.min, rating.max + 1)]
        )
        self.ends: QLabel | None = None
        if rating.kind == "scale":
            # What each end means, above the numbers and in bold, so a mood row (10 is
            # very good) and a distress row (10 is the worst) cannot be read the same
            # way at a glance (issue 18); it was a faint line under the row.
            self.ends = plain_label(
                _tr("{lo} = {low}   …   {hi} = {high}").format(
                    lo=rating.min, low=rating.low_label, hi=rating.max, high=rating.high_label
                ),
                object_name="scaleEnd",
            )
            layout.addWidget(self.ends)
        for offset, text in enumerate(labels):
            value = rating.min + offset
            b = QPushButton(text)
            b.setObjectName("rating")
            b.setCheckable(True)
            b.setAccessibleName(f"{rating.label}: {text}")
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            self.group.addButton(b, value)
            row.addWidget(b)
        self.group.idClicked.connect(self._clicked)
        row.addStretch(1)
        layout.addLayout(row)
        if rating.kind == "scale":
            self.setAccessibleDescription(
                f"{rating.min} = {rating.low_label}, {rating.max} = {rating.high_label}"
            )

    def _clicked(self, value: int) -> None:
        for b in self.group.buttons():
            if self.group.id(b) != value:
                b.setChecked(False)
        self.changed.emit()

    def value(self) -> int | None:
        for b in self.group.buttons():
            if b.isChecked():
                return self.group.id(b)
        return None

    def set_value(self, value: int | None) -> None:
        for b in self.group.buttons():
            b.setChecked(value is not None and self.group.id(b) == value)
