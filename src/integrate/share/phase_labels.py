"""The words for a check-in's phase: one table for every place they appear.

A phase has three wordings: the check-in's own title (Today, the check-in screen,
settings), a short label in the journal (list, filter, editor) and a plain label for a
reader of the therapist summary who never saw the app. Words are translated when
shown; stored data always keeps the phase id, never these words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from integrate.core.i18n import tr_noop
from integrate.core.model import Phase


def _tr(text: str) -> str:
    return QCoreApplication.translate("Phases", text)


# phase -> (check-in title, journal label, summary label), marked for translation.
_WORDS: dict[Phase, tuple[str, str, str]] = {
    Phase.PREPARATION: (
        tr_noop("Phases", "Getting ready"),
        tr_noop("Phases", "Preparation"),
        tr_noop("Phases", "Before a session"),
    ),
    Phase.SAME_DAY: (
        tr_noop("Phases", "Same-day check-in"),
        tr_noop("Phases", "Same day"),
        tr_noop("Phases", "Same day as a session"),
    ),
    Phase.DAY_1: (
        tr_noop("Phases", "Day 1 check-in"),
        tr_noop("Phases", "Day 1"),
        tr_noop("Phases", "Day 1 after a session"),
    ),
    Phase.DAY_2: (
        tr_noop("Phases", "Day 2 check-in"),
        tr_noop("Phases", "Day 2"),
        tr_noop("Phases", "Day 2 after a session"),
    ),
    Phase.DAY_3: (
        tr_noop("Phases", "Day 3 check-in"),
        tr_noop("Phases", "Day 3"),
        tr_noop("Phases", "Day 3 after a session"),
    ),
    Phase.BETWEEN: (
        tr_noop("Phases", "Between sessions"),
        tr_noop("Phases", "Between sessions"),
        tr_noop("Phases", "Between sessions"),
    ),
    Phase.SERIES_REVIEW: (
        tr_noop("Phases", "Looking back on the series"),
        tr_noop("Phases", "Series review"),
        tr_noop("Phases", "Series review"),
    ),
    Phase.THERAPY_PREP: (
        tr_noop("Phases", "Preparing for therapy"),
        tr_noop("Phases", "Preparing for therapy"),
        tr_noop("Phases", "Preparing for therapy"),
    ),
}
PHASES: tuple[Phase, ...] = tuple(_WORDS)


def _words(phase: Phase | str, column: int) -> str:
    try:
        return _tr(_WORDS[Phase(phase)][column])  # i18n: marked with tr_noop above
    except ValueError:  # a phase this version does not know (e.g. from a newer export)
        return str(phase).replace("_", " ").capitalize()


def phase_name(phase: Phase | str) -> str:
    """The check-in's title, e.g. "Day 1 check-in"."""
    return _words(phase, 0)


def journal_label(phase: Phase | str) -> str:
    """The short label in the journal, e.g. "Day 1"."""
    return _words(phase, 1)


def summary_label(phase: Phase | str) -> str:
    """The label in the therapist summary, e.g. "Day 1 after a session"."""
    return _words(phase, 2)
