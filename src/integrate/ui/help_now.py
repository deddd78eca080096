""" "Need help now": one calm screen with crisis lines, emergency number and the plain
statement that nobody monitors this app. Works before unlock (no vault needed);
after unlock, extra sections (personal contacts, a grounding exercise) are added
through `EXTRA_SECTIONS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.core.crisis import CrisisDirectory, load_crisis_lines
from integrate.ui.services import AppServices
from integrate.ui.widgets.common import page_title, plain_label

# "module:callable(services) -> QWidget | None" sections shown when the journal is unlocked.
EXTRA_SECTIONS: list[str] = [
    "integrate.ui.help_now_personal:exercise_section",
    "integrate.ui.help_now_personal:contacts_section",
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpNow", text)


def _lines_text(directory: CrisisDirectory, country: str) -> str:
    parts: list[str] = []
    emergency = directory.emergency_for(country)
    if emergency:
        parts.append(_tr("Emergency: {numbers}").format(numbers=" or ".join(emergency)))
    for line in directory.lines_for(country):
        parts.append("")
        parts.append(line.service)
        if line.notes:
            parts.append(line.notes)
        else:
            for contact in line.contacts:
                verb = _tr("Call") if contact.how.value == "call" else _tr("Text")
                label = f" ({contact.label})" if contact.label else ""
                parts.append(f"{verb} {contact.number}{label}")
    return "\n".join(parts)


class HelpNowDialog(QDialog):
    def __init__(
        self,
        country: str,
        services: AppServices | None = None,
        parent: QWidget | None = None,
        on_country_changed: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpNowDialog")  # main_window.HELP_NOW_OBJECT
        self.setWindowTitle(_tr("Need help now"))
        self.setModal(True)
        self.resize(720, 700)
        self.directory = load_crisis_lines()
        self._on_country_changed = on_country_changed
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(14)
        layout.addWidget(page_title(_tr("You don't have to get through this alone")))
        monitored = plain_label(self.directory.not_monitored, object_name="notice")
        monitored.setAccessibleName(_tr("Nobody monitors this app"))
        layout.addWidget(monitored)

        self.country = QComboBox()
        self.country.setAccessibleName(_tr("Country"))
        for code, name in self.directory.country_choices():
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(0, self.country.findData(country)))
        self.country.currentIndexChanged.connect(self._country_changed)
        layout.addWidget(self.country)

        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.setStyleSheet(
            "font-size: 13pt; background: palette(base); border: 1px solid "
            "palette(mid); border-radius: 10px; padding: 12px 16px;"
        )
        self.lines.setAccessibleName(_tr("Crisis lines"))
        layout.addWidget(self.lines)
        if not self.directory.verified:
            layout.addWidget(
                plain_label(
                    _tr(
                        "These numbers come from our reference list and may have changed; if one does "
                        "not work, call your emergency number."
                    ),
                    object_name="muted",
                )
            )
        if services is not None:
            for path in EXTRA_SECTIONS:
                module, name = path.split(":")
                factory = getattr(importlib.import_module(module), name)
                section = factory(services)
                if section is not None and section.property("helpNowTop"):
                    layout.insertWidget(2, section)  # right after the not-monitored notice
                elif section is not None:
                    layout.addWidget(section)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._show_lines()

    def _show_lines(self) -> None:
        self.lines.setText(_lines_text(self.directory, str(self.country.currentData())))

    def _country_changed(self) -> None:
        self._show_lines()
        if self._on_country_changed:
            self._on_country_changed(str(self.country.currentData()))
