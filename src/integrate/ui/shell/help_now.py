""" "Need help now": one calm screen with crisis lines, emergency number and the plain
statement that nobody monitors this app, all from the shared crisis-contact model
(`core.crisis_contacts`, drawn by `ui.crisis_view`). Works before unlock (no vault needed);
after unlock, extra sections (personal contacts, a grounding exercise) are added
through `EXTRA_SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from integrate.core.crisis import OTHER_COUNTRY, CrisisDirectory, load_crisis_lines
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.common import flow_row, page_title, plain_label, text_sized
from integrate.ui.widgets.crisis_view import check_locally_note, contacts_for, lines_list


def _exercise_section(services: AppServices) -> QWidget | None:
    from integrate.ui.coping.help_now_personal import exercise_section

    return exercise_section(services)


def _contacts_section(services: AppServices) -> QWidget | None:
    from integrate.ui.coping.help_now_personal import contacts_section

    return contacts_section(services)


# Personal sections shown when the journal is unlocked (imported when the dialog opens).
EXTRA_SECTIONS: list[Callable[[AppServices], QWidget | None]] = [
    _exercise_section,
    _contacts_section,
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpNow", text)


def add_country_choices(box: QComboBox, directory: CrisisDirectory, current: str) -> None:
    """Every listed country, then "Another country" (which shows no numbers at all).

    With none chosen yet, a first "No country chosen" entry says so (and shows the
    international route) rather than pretending one was picked.
    """
    if not current.strip():
        box.addItem(_tr("No country chosen"), "")
    for code, name in directory.country_choices():
        box.addItem(name, code)
    box.addItem(_tr("Another country (not listed)"), OTHER_COUNTRY)
    index = box.findData(current.strip().upper())
    box.setCurrentIndex(index if index >= 0 else box.findData(OTHER_COUNTRY))


class HelpNowDialog(QDialog):
    def __init__(
        self,
        country: str,
        services: AppServices | None = None,
        parent: QWidget | None = None,
        on_country_changed: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpNowDialog")
        self.setWindowTitle(_tr("Need help now"))
        self.setModal(True)
        # Tall enough to show the personal contacts without scrolling where the screen allows.
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        available = screen.availableGeometry().height() if screen is not None else 800
        width = text_sized(720, 560, screen).width()  # wider with larger text, as the screen allows
        self.resize(width, max(560, min(960, available - 80)))
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

        row = flow_row()  # the country goes under the words when there is no room beside them
        where = plain_label(_tr("Crisis lines for"), wrap=False)
        theme.text_role(where, "heading")
        row.addWidget(where)
        self.country = QComboBox()
        self.country.setAccessibleName(_tr("Country for crisis lines"))
        add_country_choices(self.country, self.directory, country)
        self.country.currentIndexChanged.connect(self._country_changed)
        where.setBuddy(self.country)
        # All the room left on its line goes to the list of countries.
        self.country.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row.addWidget(self.country)
        layout.addLayout(row)

        # The emergency number and the country's lines, rebuilt when the country changes.
        self._body_layout = layout
        contacts = contacts_for(str(self.country.currentData() or ""))
        self.lines = lines_list(contacts, heading=False)
        layout.addWidget(self.lines)
        self.check_note = check_locally_note()
        layout.addWidget(self.check_note)
        if services is not None:
            for factory in EXTRA_SECTIONS:
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
        # In line with the cards above (they sit in the scrolled body's own margins).
        inner = layout.contentsMargins()
        buttons.setContentsMargins(inner.left(), 0, inner.right(), 0)
        outer.addWidget(buttons)
        self.check_note.setVisible(contacts.listed and not contacts.verified)

    def _show_lines(self) -> None:
        code = str(self.country.currentData() or "")
        contacts = contacts_for(code)
        fresh = lines_list(contacts, heading=False)
        self._body_layout.replaceWidget(self.lines, fresh)
        self.lines.deleteLater()
        self.lines = fresh
        # Until someone verified every number, each listed one says "check locally".
        self.check_note.setVisible(contacts.listed and not contacts.verified)

    def _country_changed(self) -> None:
        self._show_lines()
        if self._on_country_changed:
            self._on_country_changed(str(self.country.currentData() or ""))
