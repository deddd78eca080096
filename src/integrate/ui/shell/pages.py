"""The main areas of the window, in navigation order.

Each area is a (key, title, factory) triple; the factory builds the page widget
for an unlocked vault. Areas are built lazily on first visit and discarded on lock:
each factory imports its feature package only when called (start-up stays small),
and the imports are plain code, so tools and import-linter see every dependency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from integrate.ui.base.context import AppServices


def _tr(text: str) -> str:
    return QCoreApplication.translate("Areas", text)


PageFactory = Callable[[AppServices], QWidget]


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    shortcut: str  # Ctrl+<digit>
    factory: PageFactory

    def build(self, services: AppServices) -> QWidget:
        return self.factory(services)


# Each imports its feature only when the area is first shown (start-up stays small).
def _today(services: AppServices) -> QWidget:
    from integrate.ui.shell.today import today_page

    return today_page(services)


def _journal(services: AppServices) -> QWidget:
    from integrate.ui.journal.journal import journal_page

    return journal_page(services)


def _sessions(services: AppServices) -> QWidget:
    from integrate.ui.sessions.sessions import sessions_page

    return sessions_page(services)


def _exercises(services: AppServices) -> QWidget:
    from integrate.ui.coping.exercises import exercises_page

    return exercises_page(services)


def _measures(services: AppServices) -> QWidget:
    from integrate.ui.measures.measures import measures_page

    return measures_page(services)


def _share(services: AppServices) -> QWidget:
    from integrate.ui.sharing.share import share_page

    return share_page(services)


def _settings(services: AppServices) -> QWidget:
    from integrate.ui.shell.settings import settings_page

    return settings_page(services)


def areas() -> list[Area]:
    return [
        Area("today", _tr("Today"), "Ctrl+1", _today),
        Area("journal", _tr("Journal"), "Ctrl+2", _journal),
        Area("sessions", _tr("Sessions"), "Ctrl+3", _sessions),
        Area("exercises", _tr("Exercises"), "Ctrl+4", _exercises),
        Area("measures", _tr("Questionnaires"), "Ctrl+5", _measures),
        Area("share", _tr("Share"), "Ctrl+6", _share),
        Area("settings", _tr("Settings"), "Ctrl+7", _settings),
    ]
