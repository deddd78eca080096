"""Areas whose screens are not built yet say so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from integrate.ui.services import AppServices
from integrate.ui.widgets.common import page_layout, page_title, plain_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("Placeholder", text)


class NotYetBuiltPage(QWidget):
    def __init__(self, title: str, what: str) -> None:
        super().__init__()
        layout = page_layout(self)
        layout.addWidget(page_title(title))
        note = plain_label(
            _tr("This area is not built yet in this version of Integrate.") + "\n\n" + what,
            object_name="notice",
        )
        layout.addWidget(note)
        layout.addStretch(1)


def today_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(_tr("Today"), _tr("It will show the check-ins that are due now."))


def journal_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(
        _tr("Journal"),
        _tr("Entries can already be added from the command line with `integrate add`."),
    )


def sessions_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(_tr("Sessions"), _tr("It will let you log sessions."))


def exercises_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(_tr("Exercises"), _tr("It will guide grounding exercises."))


def measures_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(_tr("Measures"), _tr("It will offer questionnaires and trends."))


def share_page(services: AppServices) -> QWidget:
    return NotYetBuiltPage(_tr("Share"), _tr("It will build a summary for your therapist."))
