"""The safety plan editor: seven sections in the patient's own words, saved as they type.

Text sections take one item per line. Contact sections take rows of name, phone
and a note. The crisis lines section starts with the chosen country's lines;
numbers the patient adds there are checked (`validate_user_line`) and shown with
a plain message when they do not look dialable. Edits are saved after a short
pause (debounced), and "Save as PDF" writes one printable page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.core.crisis import (
    CrisisDirectory,
    UserCrisisLine,
    load_crisis_lines,
    normalise_number,
    validate_user_line,
)
from integrate.core.crisis_contacts import build_contacts, printable_plan
from integrate.core.safety import SECTIONS, PlanContact, SafetyPlan, SafetyPlanError, SectionInfo
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.timers import idle_timer
from integrate.ui.widgets.common import button, flow_row, plain_label

AUTOSAVE_MS = 800
COUNTRY_PREF = "crisis/country"
# A neutral suggested file name: a folder listing should not say what the page is about.
PDF_NAME = "my-plan.pdf"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SafetyPlan", text)


def current_country(services: AppServices) -> str:
    """The chosen crisis-line country; "" when none was chosen (nothing is prefilled)."""
    from integrate.ui.widgets.crisis_view import country_from_prefs

    return country_from_prefs(services.prefs)


class TextSection(QGroupBox):
    edited = Signal()

    def __init__(self, info: SectionInfo) -> None:
        super().__init__(_tr(info.title))  # i18n: marked
        self.info = info
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_tr(info.hint), object_name="muted"))  # i18n: marked
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(_tr("One item per line"))
        self.edit.setAccessibleName(_tr(info.title))  # i18n: marked
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(theme.scaled(90))
        self.edit.setMaximumHeight(140)
        self.edit.textChanged.connect(self.edited.emit)
        layout.addWidget(self.edit)

    def values(self) -> list[str]:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]

    def set_values(self, values: list[str]) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("\n".join(values))
        self.edit.blockSignals(False)


class ContactRow(QWidget):
    def __init__(self, section: ContactSection, contact: PlanContact) -> None:
        super().__init__()
        self.section = section
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(contact.name)
        self.name.setPlaceholderText(_tr("Name"))
        self.name.setAccessibleName(_tr("Name"))
        self.phone = QLineEdit(contact.phone)
        self.phone.setPlaceholderText(_tr("Phone"))
        self.phone.setAccessibleName(_tr("Phone number"))
        self.note = QLineEdit(contact.note)
        self.note.setPlaceholderText(_tr("Note (optional)"))
        self.note.setAccessibleName(_tr("Note"))
        self.remove = button(_tr("Remove"), accessible=_tr("Remove this row"))
        self.remove.clicked.connect(lambda: section.remove_row(self))
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.phone, 0, 1)
        grid.addWidget(self.note, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        self.problem = plain_label("", object_name="muted")
        self.problem.setVisible(False)
        grid.addWidget(self.problem, 1, 0, 1, 4)
        for field in (self.name, self.phone, self.note):
            field.textChanged.connect(section.row_edited)

    def contact(self) -> PlanContact:
        return PlanContact(self.name.text(), self.phone.text(), self.note.text())


class ContactSection(QGroupBox):
    edited = Signal()

    def __init__(self, info: SectionInfo, *, validate_against: set[str] | None = None) -> None:
        super().__init__(_tr(info.title))  # i18n: marked
        self.info = info
        # For crisis lines: numbers of the built-in lines (the rest are the patient's own).
        self.builtin_numbers = validate_against
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_tr(info.hint), object_name="muted"))  # i18n: marked
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.rows: list[ContactRow] = []
        add_row = flow_row()
        self.add_button = button(
            _tr("Add a row"),
            accessible=_tr("Add a row to {title}").format(title=_tr(info.title)),  # i18n: marked
        )
        self.add_button.clicked.connect(lambda: self.add_row(PlanContact(""), focus=True))
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)

    def add_row(self, contact: PlanContact, *, focus: bool = False) -> ContactRow:
        row = ContactRow(self, contact)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._check(row)
        if focus:
            row.name.setFocus()
        return row

    def remove_row(self, row: ContactRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.edited.emit()

    def set_values(self, contacts: list[PlanContact]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.deleteLater()
        for contact in contacts:
            self.add_row(contact)

    def values(self) -> list[PlanContact]:
        return [r.contact() for r in self.rows]

    def row_edited(self) -> None:
        for row in self.rows:
            self._check(row)
        self.edited.emit()

    def problems(self) -> list[str]:
        return [r.problem.text() for r in self.rows if r.problem.isVisible()]

    def _check(self, row: ContactRow) -> None:
        if self.builtin_numbers is None:
            return
        contact = row.contact()
        problems: list[str] = []
        if not contact.is_blank and normalise_number(contact.phone) not in self.builtin_numbers:
            problems = validate_user_line(UserCrisisLine(contact.name, contact.phone))
        row.problem.setText(" ".join(_tr(p) + "." for p in problems))  # i18n: marked
        row.problem.setVisible(bool(problems))


class SafetyPlanEditor(QWidget):
    saved = Signal()

    def __init__(self, services: AppServices, directory: CrisisDirectory | None = None) -> None:
        super().__init__()
        self.services = services
        self.repo = services.use.coping.safety_plan
        self.directory = directory or load_crisis_lines()
        self.country = current_country(services)
        self._extra: dict[str, object] = {}
        self._loading = False
        self.read_failed = False
        self.timer = idle_timer(self, AUTOSAVE_MS, self.save)
        services.jobs.flush_requested.connect(self.flush)
        services.jobs.busy_changed.connect(self._job_changed)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        top.addWidget(
            plain_label(
                _tr(
                    "Fill this in at a calm moment, ideally with your therapist. It is saved as you "
                    "type, and only you can see it."
                ),
                object_name="muted",
            ),
            1,
        )
        self.pdf_button = button(_tr("Save as PDF…"), accessible=_tr("Save the plan as a PDF"))
        self.pdf_button.clicked.connect(self._ask_pdf)
        top.addWidget(self.pdf_button)
        outer.addLayout(top)
        self.status = plain_label("", object_name="muted")
        self.status.setAccessibleName(_tr("Save status"))
        outer.addWidget(self.status)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 8)
        layout.setSpacing(12)
        # Numbers of every built-in line count as known; anything else the patient added.
        builtin = {
            c.digits
            for country in self.directory.countries
            for line in country.lines
            for c in line.contacts
        }
        self.sections: dict[str, TextSection | ContactSection] = {}
        for info in SECTIONS:
            section: TextSection | ContactSection
            if info.kind == "text":
                section = TextSection(info)
            else:
                section = ContactSection(
                    info, validate_against=builtin if info.key == "crisis_lines" else None
                )
            section.edited.connect(self._edited)
            self.sections[info.key] = section
            layout.addWidget(section)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.load()

    # -- data

    def load(self) -> None:
        try:
            plan = self.repo.load_prefilled(self.directory, self.country)
        except SafetyPlanError as exc:
            self.read_failed = True
            self.status.setText(_tr("{error} It has not been changed.").format(error=str(exc)))
            for section in self.sections.values():
                section.setEnabled(False)
            self.pdf_button.setEnabled(False)
            return
        self._loading = True
        try:
            self._extra = dict(plan.extra)
            for info in SECTIONS:
                self.sections[info.key].set_values(getattr(plan, info.key))
        finally:
            self._loading = False

    def plan(self) -> SafetyPlan:
        plan = SafetyPlan(extra=dict(self._extra))
        for info in SECTIONS:
            setattr(plan, info.key, self.sections[info.key].values())
        return plan

    def _edited(self) -> None:
        if self._loading or self.read_failed:
            return
        self.status.setText(_tr("Saving…"))
        self.timer.start()

    def save(self) -> None:
        if self.read_failed:
            return
        if self.services.jobs.busy:
            self.timer.start()  # kept: saved when the current task finishes
            self.status.setText(_tr("Kept - saved when the current task finishes"))
            return
        self.timer.stop()
        self.repo.save(self.plan())
        self.status.setText(_tr("Saved."))
        self.services.notify("safety")
        self.saved.emit()

    def _job_changed(self, busy: str) -> None:
        if not busy:
            self.flush()

    def flush(self) -> None:
        """Save now if an edit is waiting (e.g. before locking or printing)."""
        if self.timer.isActive():
            self.save()

    def reload_if_idle(self) -> None:
        if not self.timer.isActive() and not self.read_failed:
            self.load()

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt naming
        self.flush()
        super().hideEvent(event)  # type: ignore[arg-type]

    # -- PDF

    def footer(self) -> str:
        contacts = build_contacts(self.directory, self.country)
        if contacts.emergency is None:
            return _tr("If you are in danger now, call your local emergency number.")
        return _tr("If you are in danger now, call {numbers}.").format(
            numbers=_tr(" or ").join(contacts.emergency.values)
        )

    def write_pdf(self, target: Path) -> None:
        """The plan on one page; its crisis lines from the shared crisis-contact model."""
        from integrate.share.safety_plan_pdf import write_safety_plan_pdf

        self.flush()
        plan = self.plan()
        printed = printable_plan(plan, build_contacts(self.directory, self.country, plan))
        titles = {info.key: _tr(info.title) for info in SECTIONS}  # i18n: marked
        write_safety_plan_pdf(
            target, printed, footer=self.footer(), heading=_tr("My safety plan"), titles=titles
        )

    def _ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, _tr("Save as PDF"), str(Path.home() / PDF_NAME), _tr("PDF files (*.pdf)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        try:
            self.write_pdf(target)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _tr("Not saved"),
                _tr("The file could not be saved ({error}).").format(
                    error=exc.strerror or type(exc).__name__
                ),
            )
            return
        self.status.setText(_tr("Saved as a PDF."))


def safety_plan_page(services: AppServices) -> QWidget:
    return SafetyPlanEditor(services)
