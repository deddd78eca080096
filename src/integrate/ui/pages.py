"""The main areas of the window, in navigation order.

Each area is a (key, title, factory) triple; the factory builds the page widget
for an unlocked vault. Areas are built lazily on first visit and discarded on lock.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from integrate.ui.services import AppServices


def _tr(text: str) -> str:
    return QCoreApplication.translate("Areas", text)


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    shortcut: str  # Ctrl+<digit>
    factory_path: str  # "module:callable" returning a QWidget for AppServices

    def build(self, services: AppServices) -> QWidget:
        module, name = self.factory_path.split(":")
        factory: Callable[[AppServices], QWidget] = getattr(importlib.import_module(module), name)
        return factory(services)


def areas() -> list[Area]:
    return [
        Area("today", _tr("Today"), "Ctrl+1", "integrate.ui.today:today_page"),
        Area("journal", _tr("Journal"), "Ctrl+2", "integrate.ui.journal:journal_page"),
        Area("sessions", _tr("Sessions"), "Ctrl+3", "integrate.ui.sessions:sessions_page"),
        Area("exercises", _tr("Exercises"), "Ctrl+4", "integrate.ui.exercises:exercises_page"),
        Area("measures", _tr("Questionnaires"), "Ctrl+5", "integrate.ui.measures:measures_page"),
        Area("share", _tr("Share"), "Ctrl+6", "integrate.ui.share:share_page"),
        Area("settings", _tr("Settings"), "Ctrl+7", "integrate.ui.settings:settings_page"),
    ]
