"""Widgets every crisis surface shares, drawn from the one model in `core.crisis_contacts`.

Each reachable item is a card: its name, every number (or web address) as visible,
selectable text, its hours where known and its note, with a Copy button per number
and a Call / Text / Open button only where the desktop has a handler for that kind
of link (`handler_available`). Need help now and the item-9 screen both build their
lists with `ContactList`, so the two cannot disagree again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from integrate.core.crisis import ContactMethod, load_crisis_lines
from integrate.core.crisis_contacts import (
    CHECK_LOCALLY,
    CrisisContacts,
    CrisisItem,
    ItemKind,
    Reach,
    build_contacts,
)
from integrate.core.safety import SafetyPlan, SafetyPlanError
from integrate.country_pref import QSETTINGS_KEY
from integrate.ui.base import theme
from integrate.ui.base.clipboard import copy_sensitive
from integrate.ui.widgets.common import button, flow_row, plain_label
from integrate.vault.db import Connection, DatabaseError

# Items from the patient's own plan: copied as sensitive (cleared after a while).
PERSONAL_KINDS = {ItemKind.OWN_LINE, ItemKind.PERSON, ItemKind.PROFESSIONAL}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrisisView", text)


def country_from_prefs(prefs: QSettings) -> str:
    """The chosen crisis-line country, or "" when none was chosen (never a guess)."""
    return str(prefs.value(QSETTINGS_KEY, "") or "").strip().upper()


def read_plan(conn: Connection | None) -> SafetyPlan | None:
    """The stored safety plan, or None when there is none or it cannot be read."""
    if conn is None:
        return None
    try:
        row = conn.execute("SELECT data FROM safety_plan WHERE id = 1").fetchone()
        return None if row is None else SafetyPlan.from_json(str(row[0]))
    except (DatabaseError, SafetyPlanError, TypeError, ValueError):
        return None


def contacts_for(country: str, conn: Connection | None = None) -> CrisisContacts:
    """The shared model for `country` and the stored plan (when the journal is open)."""
    return build_contacts(load_crisis_lines(), country, read_plan(conn))


@cache
def handler_available(scheme: str) -> bool:
    """Whether this desktop has an application for `scheme:` links (tel, sms).

    Asked honestly rather than assumed: QDesktopServices.openUrl() reports success on
    Linux whenever xdg-open starts, even if nothing can place a call. Linux: the
    x-scheme-handler MIME default; Windows: the URL protocol's registry key; macOS
    ships FaceTime and Messages, which register tel: and sms:.
    """
    if os.environ.get("INTEGRATE_NO_PHONE_LINKS"):  # an escape hatch for kiosks and tests
        return False
    if sys.platform == "darwin":
        return True
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, scheme):
                return True
        except OSError:
            return False
    tool = shutil.which("xdg-mime")
    if tool is None:
        return False
    try:
        found = subprocess.run(
            [tool, "query", "default", f"x-scheme-handler/{scheme}"],
            capture_output=True,
            text=True,
            timeout=3,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout.strip())


def can_open(reach: Reach) -> bool:
    """A Call / Text / Open button makes sense for this number on this desktop."""
    if reach.how is ContactMethod.WEB:
        return True  # a browser is part of every desktop we support
    scheme = "tel" if reach.how is ContactMethod.CALL else "sms"
    return reach.dialable and handler_available(scheme)


def _action_word(reach: Reach) -> str:
    if reach.how is ContactMethod.WEB:
        return _tr("Open")
    return _tr("Call") if reach.how is ContactMethod.CALL else _tr("Text")


def reach_text(reach: Reach) -> str:
    """'Call 116 123', 'Text 85258 (send SHOUT)', 'findahelpline.com' in the UI language."""
    web = reach.how is ContactMethod.WEB
    base = reach.value if web else f"{_action_word(reach)} {reach.value}"
    return f"{base} ({reach.label})" if reach.label else base


class ContactCard(QFrame):
    """One item: name, each number with Copy (and Call/Text/Open where possible)."""

    def __init__(self, item: CrisisItem) -> None:
        super().__init__()
        self.item = item
        self.setObjectName("crisisItem")
        self.setAccessibleName(item.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        emergency = item.kind is ItemKind.EMERGENCY
        shown = _tr(item.name) if emergency else item.name  # i18n: marked
        name = plain_label(shown)
        theme.text_role(name, "strong")
        layout.addWidget(name)
        self.value_labels: list[QLabel] = []
        self.copy_buttons: list[QPushButton] = []
        self.open_buttons: list[QPushButton] = []
        # All of an item's numbers on one row, each number with its buttons kept together
        # (a group moves to the next line as a whole when the row is full).
        row = flow_row(spacing=16)
        for reach in item.reaches:
            group = QWidget()
            group.setObjectName("crisisReach")
            box = QHBoxLayout(group)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(8)
            # A bare number stays on one line; one with a label may wrap (large text).
            value = plain_label(reach_text(reach), wrap=bool(reach.label))
            value.setObjectName("crisisNumber")
            theme.text_role(value, "lead")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(reach_text(reach))
            if reach.label:
                # Qt gives a word-wrapped label a narrow "nice" width: keep it on one line
                # up to a width that still leaves room for its buttons with large text.
                value.ensurePolished()
                natural = value.fontMetrics().horizontalAdvance(value.text()) + 2
                value.setMinimumWidth(min(natural, theme.scaled(260)))
            self.value_labels.append(value)
            box.addWidget(value, 1)
            copy = button(
                _tr("Copy"),
                accessible=_tr("Copy {value} ({name})").format(value=reach.value, name=item.name),
            )
            copy.clicked.connect(lambda _=False, r=reach: self._copy(r))
            self.copy_buttons.append(copy)
            box.addWidget(copy)
            if can_open(reach):
                action = button(
                    _action_word(reach),
                    accessible=f"{_action_word(reach)} {reach.value} ({item.name})",
                )
                action.clicked.connect(
                    lambda _=False, r=reach: QDesktopServices.openUrl(QUrl(r.uri))
                )
                self.open_buttons.append(action)
                box.addWidget(action)
            row.addWidget(group)
        if item.reaches:
            row.addStretch(1)
            layout.addLayout(row)
        if not item.reaches and item.kind is ItemKind.PROFESSIONAL:  # (places have none)
            layout.addWidget(plain_label(_tr("No number saved in your plan"), object_name="muted"))
        extra = " · ".join(p for p in (item.hours, item.note) if p)
        if extra:
            layout.addWidget(plain_label(extra, object_name="muted"))

    def _copy(self, reach: Reach) -> None:
        if self.item.kind in PERSONAL_KINDS:
            copy_sensitive(reach.value)
        else:
            clipboard = QGuiApplication.clipboard()
            clipboard.setText(reach.value)


class ContactList(QFrame):
    """A bordered card of items under an optional heading; `text()` is its plain text."""

    def __init__(self, items: Sequence[CrisisItem], heading: str = "", *, note: str = "") -> None:
        super().__init__()
        self.setObjectName("crisisList")
        self.items = list(items)
        self.setAccessibleName(heading or _tr("Crisis lines"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.heading: QLabel | None = None
        if heading:
            self.heading = plain_label(heading)
            theme.text_role(self.heading, "heading")
            layout.addWidget(self.heading)
        self.note: QLabel | None = None
        if note:
            self.note = plain_label(note)
            layout.addWidget(self.note)
        self.cards = [ContactCard(item) for item in self.items]
        for card in self.cards:
            layout.addWidget(card)

    def text(self) -> str:
        """Everything the list shows, as plain text (tests and screen readers)."""
        parts = [w.text() for w in (self.heading, self.note) if w is not None]
        parts += [item.text() for item in self.items]
        return "\n".join(parts)


def emergency_text(contacts: CrisisContacts) -> str:
    if contacts.emergency is None:
        return _tr("If you are in danger now, call your local emergency number.")
    return _tr("If you are in danger now, call your emergency number: {numbers}").format(
        numbers=_tr(" or ").join(contacts.emergency.values)
    )


def lines_heading(contacts: CrisisContacts) -> str:
    if contacts.listed:
        return _tr("Crisis lines in {country}").format(country=contacts.country_name)
    return _tr("Find a crisis line where you are")


def country_notice(contacts: CrisisContacts) -> str:
    return _tr(contacts.country_notice()) if contacts.country_notice() else ""  # i18n: marked


def lines_list(contacts: CrisisContacts, *, heading: bool = True) -> ContactList:
    """The emergency number and the country's lines (or the international route).

    `heading=False` where a country picker right above already names the country."""
    items = ([contacts.emergency] if contacts.emergency else []) + list(contacts.lines)
    title = lines_heading(contacts) if heading or not contacts.listed else ""
    return ContactList(items, title, note=country_notice(contacts))


def check_locally_note() -> QLabel:
    label = plain_label(_tr(CHECK_LOCALLY), object_name="muted")  # i18n: marked
    label.setAccessibleName(_tr("Check locally"))
    return label


def personal_lists(contacts: CrisisContacts) -> list[ContactList]:
    """The patient's own numbers, people and professionals (only non-empty groups)."""
    groups = [
        (_tr("Your own crisis numbers"), contacts.own_lines),
        (_tr("People and places that help"), contacts.people),
        (_tr("Professionals you can contact"), contacts.professionals),
    ]
    return [ContactList(items, title) for title, items in groups if items]


def shown_items(root: QWidget) -> list[CrisisItem]:
    """Every item a crisis surface shows (for the single-source-of-truth tests)."""
    return [card.item for card in root.findChildren(ContactCard)]
