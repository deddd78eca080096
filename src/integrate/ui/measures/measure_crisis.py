"""The calm crisis screen shown the moment a crisis answer (PHQ-9 item 9 above 0) is chosen.

It comes before any score: crisis lines for the patient's country, the emergency
number, the people and professionals from their safety plan (when there is one), and
the plain statement that nobody monitors this app.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.core.crisis import (
    ContactMethod,
    CrisisDirectory,
    UserCrisisLine,
    load_crisis_lines,
)
from integrate.core.safety import PlanContact, SafetyPlan, SafetyPlanError
from integrate.ui.base import theme
from integrate.ui.widgets.common import page_title, plain_label, text_sized
from integrate.vault.db import Connection, DatabaseError
from integrate.vault.safety_plan import user_crisis_lines

DEFAULT_COUNTRY = "US"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureCrisis", text)


def read_plan(conn: Connection | None) -> SafetyPlan | None:
    """The stored safety plan, or None when there is none or it cannot be read."""
    if conn is None:
        return None
    try:
        row = conn.execute("SELECT data FROM safety_plan WHERE id = 1").fetchone()
        return None if row is None else SafetyPlan.from_json(str(row[0]))
    except (DatabaseError, SafetyPlanError, TypeError, ValueError):
        return None


def plan_contacts(conn: Connection | None) -> list[PlanContact]:
    """People, places and professionals from the safety plan; [] if none or unreadable."""
    plan = read_plan(conn)
    if plan is None:
        return []
    return [c for c in [*plan.people_places, *plan.professionals] if c.name or c.phone]


def own_lines(
    plan: SafetyPlan | None, directory: CrisisDirectory, country: str
) -> list[UserCrisisLine]:
    """Crisis numbers the patient added to their plan (not the built-in ones)."""
    if plan is None:
        return []
    return user_crisis_lines(plan, directory.lines_for(country))


def lines_text(
    directory: CrisisDirectory, country: str, user_entries: Sequence[UserCrisisLine] = ()
) -> str:
    """Plain-text list of the country's crisis lines, the patient's own numbers first."""
    parts: list[str] = []
    for line in directory.lines_for(country, user_entries):
        parts.append(line.service)
        if line.notes:
            parts.append("    " + line.notes)
        else:
            for contact in line.contacts:
                verb = _tr("Call") if contact.how is ContactMethod.CALL else _tr("Text")
                label = f" ({contact.label})" if contact.label else ""
                parts.append(f"    {verb} {contact.number}{label}")
    return "\n".join(parts)


class CrisisScreen(QDialog):
    """Modal, calm, and closable: the questionnaire stays where it was."""

    def __init__(
        self, country: str, conn: Connection | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("measureCrisisScreen")
        self.setWindowTitle(_tr("Support is available"))
        self.setModal(True)
        self.resize(text_sized(620, 600, parent))  # larger with larger text: less to scroll
        directory = load_crisis_lines()
        # A country the list does not cover (or "Another country") is never shown another
        # country's numbers: it gets the patient's own numbers and "check locally".
        listed = directory.country(country) is not None
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(_tr("Support is available"))  # focusable: keyboard scrolling
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(14)
        layout.addWidget(page_title(_tr("Thank you for answering honestly")))
        layout.addWidget(
            plain_label(
                _tr(
                    "You said you have had thoughts that you would be better off dead, or of hurting "
                    "yourself. You deserve support with this now. Please reach out to someone: a "
                    "crisis line, someone you trust, or your care team."
                )
            )
        )
        self.not_monitored = plain_label(directory.not_monitored, object_name="notice")
        self.not_monitored.setAccessibleName(_tr("Nobody monitors this app"))
        layout.addWidget(self.not_monitored)

        emergency = directory.emergency_for(country)
        self.emergency = plain_label(
            _tr("If you are in danger now, call your emergency number: {numbers}").format(
                numbers=" or ".join(emergency)
            )
            if emergency
            else _tr("If you are in danger now, call your local emergency number.")
        )
        self.emergency.setStyleSheet(theme.css("font-size: 13pt; font-weight: 600;"))
        layout.addWidget(self.emergency)

        country_obj = directory.country(country)
        heading = plain_label(
            _tr("Crisis lines ({country}), any hour").format(country=country_obj.name)
            if country_obj
            else _tr("Crisis lines")
        )
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        plan = read_plan(conn)
        if listed:
            text = lines_text(directory, country, own_lines(plan, directory, country))
        else:
            # Every listed country's lines count as built-in, so only the patient's own show.
            everywhere = [line for c in directory.countries for line in c.lines]
            own = user_crisis_lines(plan, everywhere) if plan is not None else []
            text = (
                lines_text(directory, country, own)
                if own
                else _tr(
                    "We have no numbers for your country in our list. Check a crisis line "
                    "where you are, and add it to your safety plan so it shows here."
                )
            )
        self.lines.setText(text)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.setStyleSheet(theme.css("font-size: 13pt;"))
        self.lines.setAccessibleName(_tr("Crisis lines"))
        layout.addWidget(self.lines)
        self.check_note: QLabel | None = None
        if listed and not directory.verified:
            self.check_note = plain_label(
                _tr(
                    "Check locally: these numbers come from our reference list and may have "
                    "changed. If one does not work, call your emergency number."
                ),
                object_name="muted",
            )
            layout.addWidget(self.check_note)

        self.contacts = plan_contacts(conn)
        if self.contacts:
            people = plain_label(_tr("People from your safety plan"))
            people.setStyleSheet("font-weight: 600;")
            layout.addWidget(people)
            text = "\n".join(
                "  ".join(p for p in (c.name, c.phone, c.note) if p) for c in self.contacts
            )
            self.contacts_label = plain_label(text)
            self.contacts_label.setStyleSheet(theme.css("font-size: 12pt;"))
            self.contacts_label.setAccessibleName(_tr("People from your safety plan"))
            layout.addWidget(self.contacts_label)
        layout.addWidget(
            plain_label(
                _tr(
                    "You can finish the questionnaire afterwards, or leave it for now. These numbers "
                    "are always under Need help now (F1)."
                ),
                object_name="muted",
            )
        )
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        buttons = QDialogButtonBox()
        self.back_button = buttons.addButton(
            _tr("Back to the questionnaire"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button.setAccessibleName(_tr("Back to the questionnaire"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
