"""The result of one questionnaire in neutral words, with change from the series baseline."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from integrate.core.measures import (
    GUIDANCE,
    Change,
    Instrument,
    Score,
    change_from_baseline,
)
from integrate.ui.base import theme
from integrate.ui.measures.measure_form import instrument_title
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.vault.measures import Administration, MeasureRepository


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureResult", text)


def score_paragraphs(instrument: Instrument, result: Score) -> list[str]:
    """What the score says, calmly: total, range, clusters, and the data's interpretation."""
    out: list[str] = []
    if result.total is not None:
        text = _tr("Your total is {total} of {max}.").format(
            total=result.total, max=instrument.score_max
        )
        if result.band:
            text += " " + _tr(
                "On this questionnaire that falls in the range described as '{band}'."
            ).format(band=result.band.lower())
        out.append(text)
    subs = [
        _tr("{name}: {value} of {max}").format(
            name=f"{s.name} ({s.id})" if len(s.id) == 1 else s.name,
            value=result.subscales.get(s.id, 0),
            max=s.max,
        )
        for s in instrument.subscales
    ]
    if subs:
        out.append("\n".join(subs))
    # No diagnostic language on the patient's own screen (issue #14): the PCL-5's
    # provisional DSM-5 pattern and cut-off are for the clinician, in the therapist PDF.
    out.append(instrument.interpretation)
    return out


def change_paragraph(instrument: Instrument, change: Change | None) -> str:
    if change is None:
        return _tr(
            "This is the first {name} of this series, so later ones will be compared with it."
        ).format(name=instrument.short_name)
    text = change.label
    if change.thresholds_reached or instrument.change.thresholds:
        text += " " + _tr("The thresholds are guidance only.")
    if change.note:
        text += " " + change.note
    return text + " " + GUIDANCE


def change_for(
    repo: MeasureRepository, instrument: Instrument, adm: Administration, result: Score
) -> Change | None:
    """Change from the series baseline, or None (no series, no baseline, or this is it)."""
    if result.total is None or adm.series_id is None:
        return None
    base = repo.baseline(adm.series_id, instrument.family)
    if base is None or base.id == adm.id:
        return None
    base_instrument = repo.instruments.get(base.instrument)
    if base_instrument is None:
        return None
    base_score = base.rescore(base_instrument)
    if not isinstance(base_score, Score):
        return None
    return change_from_baseline(instrument, base_score, result)


class ResultView(QWidget):
    done = Signal()

    def __init__(
        self,
        instrument: Instrument,
        result: Score,
        change: Change | None,
        has_series: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # A long result (clusters, a note) with large text is taller than the window: it
        # scrolls then, instead of its paragraphs being squeezed until lines are cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        title = _tr("{name}: your result").format(name=instrument_title(instrument))
        scroll.setAccessibleName(title)  # focusable: keyboard scrolling
        outer.addWidget(scroll)
        body = QWidget()
        layout = page_layout(body)
        layout.addWidget(page_title(title))
        self.paragraphs = score_paragraphs(instrument, result)
        if result.total is not None and has_series:
            self.paragraphs.append(change_paragraph(instrument, change))
        for text in self.paragraphs:
            label = plain_label(text)
            theme.text_role(label, "lead")
            layout.addWidget(label)
        if result.crisis:
            layout.addWidget(
                plain_label(
                    _tr(
                        "You answered that you have had thoughts of being better off dead or of "
                        "hurting yourself. Crisis lines are always under Need help now (F1); please "
                        "tell your clinician about this answer."
                    ),
                    object_name="notice",
                )
            )
        self._notes_at = layout.count()
        self._layout = layout
        row = flow_row()
        row.addStretch(1)
        self.done_button = button(_tr("Done"), primary=True)
        self.done_button.clicked.connect(self.done.emit)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll.setWidget(body)

    def add_note(self, text: str) -> None:
        """A calm note under the result (e.g. how soon after a session it was taken)."""
        label = plain_label(text, object_name="muted")
        self._layout.insertWidget(self._notes_at, label)
        self._notes_at += 1
        self.paragraphs.append(text)

    def text(self) -> str:
        return "\n".join(self.paragraphs)
