"""The share wizard: choose what the therapist sees, preview the real PDF, save it privately.

Steps: (1) period, (2) content, (3) note and names, (4) preview, (5) options and save.
The preview shows the very bytes that will be saved (rendered once, re-rendered only
if the page size changes). Rendering uses QTextDocument/QPdfWriter and QtCharts
(QGraphicsWidgets), which belong to the GUI thread, so it runs there under a busy
cursor; turning the PDF into page images (pdftoppm) runs in the background.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.timeutil import day_text, now_local
from integrate.share.gather import (
    Candidate,
    GatheredShare,
    SelectionError,
    ShareSelection,
    candidates,
    default_selection,
    flagged_uids,
    gather_share,
    remember_choices,
    resolve_period,
)
from integrate.share.pdf_security import default_share_filename
from integrate.share.save import (
    MIN_PASSWORD_LENGTH,
    SavedShare,
    default_page_size,
    has_printable_content,
    password_problem,
    save_share,
)
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.worker import run_in_background
from integrate.ui.widgets.common import button, flow_row, plain_label, text_sized, unseen_label
from integrate.ui.widgets.flow import WrapCheckBox, WrapRadioButton

FOLDER_PREF = "share/folder"  # a folder path only; names and content stay in the vault
SEARCH_THRESHOLD = 8  # show the search box when the list is longer than this
PREVIEW_DPI = 96  # rendered once per page size; the view scales it to fit or zoom


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShareWizard", text)


def _heading(text: str) -> QLabel:
    label = plain_label(text)
    theme.text_role(label, "stepTitle")
    return label


def _step_layout(widget: QWidget, title: str, intro: str) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    layout.addWidget(_heading(title))
    if intro:
        layout.addWidget(plain_label(intro, object_name="muted"))
    return layout


def fmt_day(d: date) -> str:
    return day_text(d)


def candidate_text(c: Candidate) -> str:
    """One list line, plain text: date, title, then a short preview or the ratings."""
    title = c.title or _tr("Untitled entry")
    line = f"{fmt_day(c.at.astimezone().date())} \u2013 {title}"
    if c.flagged:
        line += "   \u2691 " + _tr("flagged for my therapist")
    detail = c.preview or c.ratings_text
    if detail:
        line += "\n" + (detail if len(detail) <= 110 else detail[:107] + "\u2026")
    return line


# The indent of a choice that belongs to the one above it, in pixels.
INDENT = 28

# --------------------------------------------------------------------------- steps


class PeriodStep(QWidget):
    def __init__(self, wizard: ShareWizard) -> None:
        super().__init__()
        self.wizard = wizard
        layout = _step_layout(
            self, _tr("Which time should the summary cover?"), _tr("You can change this later.")
        )
        self.group = QButtonGroup(self)
        last = wizard.services.use.sharing.shares.last()
        since_text = (
            _tr("Since my last share ({0})").format(fmt_day(last.created_at.date()))
            if last
            else _tr("The last 30 days (nothing shared yet)")
        )
        self.since_last = WrapRadioButton(since_text)
        self.dates = WrapRadioButton(_tr("Between two dates"))
        self.series_radio = WrapRadioButton(_tr("One series of sessions"))
        for i, rb in enumerate((self.since_last, self.dates, self.series_radio)):
            rb.setAccessibleName(rb.text())
            self.group.addButton(rb, i)
            layout.addWidget(rb)
            if rb is self.dates:
                row = flow_row()
                row.setContentsMargins(28, 0, 0, 0)
                self.date_from = QDateEdit()
                self.date_to = QDateEdit()
                for edit, name in ((self.date_from, _tr("From")), (self.date_to, _tr("To"))):
                    edit.setCalendarPopup(True)
                    edit.setDisplayFormat("d MMM yyyy")
                    edit.setAccessibleName(name)
                    row.addWidget(QLabel(name))
                    row.addWidget(edit)
                row.addStretch(1)
                layout.addLayout(row)
            if rb is self.series_radio:
                self.series = QComboBox()
                self.series.setAccessibleName(_tr("Series"))
                for s in wizard.services.sessions.list_series():
                    self.series.addItem(f"{s.name} ({fmt_day(s.started_on)})", s.uid)
                box = flow_row()
                box.setContentsMargins(28, 0, 0, 0)
                box.addWidget(self.series)
                box.addStretch(1)
                layout.addLayout(box)
                unseen_label(self.series, self.series.accessibleName())  # spoken on Linux
                if self.series.count() == 0:
                    self.series_radio.setEnabled(False)
        layout.addStretch(1)
        sel = wizard.selection
        today = now_local().date()
        start = sel.date_from or resolve_period(wizard.services.vault, sel, today).start
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        end = sel.date_to or today
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        {"since_last": self.since_last, "dates": self.dates, "series": self.series_radio}[
            sel.period_kind
        ].setChecked(True)
        if sel.period_kind == "dates" and last is None:
            self.since_last.setChecked(True)  # same 30 days, plainer words
        self.dates.toggled.connect(self._enable)
        self.series_radio.toggled.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        self.date_from.setEnabled(self.dates.isChecked())
        self.date_to.setEnabled(self.dates.isChecked())
        self.series.setEnabled(self.series_radio.isChecked())

    def apply(self, sel: ShareSelection) -> str | None:
        if self.dates.isChecked():
            qs, qe = self.date_from.date(), self.date_to.date()
            start = date(qs.year(), qs.month(), qs.day())
            end = date(qe.year(), qe.month(), qe.day())
            if end < start:
                return _tr("The end date is before the start date.")
            sel.period_kind, sel.date_from, sel.date_to = "dates", start, end
        elif self.series_radio.isChecked():
            sel.period_kind, sel.series_uid = "series", self.series.currentData()
        elif self.wizard.services.use.sharing.shares.last() is None:
            today = now_local().date()
            sel.period_kind, sel.date_from, sel.date_to = "dates", None, today
        else:
            sel.period_kind = "since_last"
        return None


class ContentStep(QWidget):
    def __init__(self, wizard: ShareWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.ticked: set[str] = set(wizard.selection.entry_uids)
        self.period_key: object = None
        # Issue 18: the entry list is not nested in a scrolling page. The list and the
        # "Also include" choices below it each scroll on their own, top to bottom in one
        # column (so Tab still moves down the page).
        layout = _step_layout(
            self,
            _tr("What should your therapist see?"),
            _tr(
                "Only what you tick goes into the summary. Entries you flagged for your "
                "therapist are ticked already."
            ),
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(_tr("Search entries"))
        self.search.setAccessibleName(_tr("Search entries"))
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.entries = QListWidget()
        self.entries.setObjectName("shareEntries")  # roomier rows: the app stylesheet
        self.entries.setAccessibleName(_tr("Journal entries and check-in answers"))
        self.entries.setWordWrap(True)
        self.entries.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.entries.setSpacing(2)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.itemChanged.connect(self._item_changed)
        layout.addWidget(self.entries, 3)
        row = QHBoxLayout()
        self.count_label = plain_label("", object_name="muted")
        row.addWidget(self.count_label, 1)
        self.all_button = button(_tr("Tick all"))
        self.none_button = button(_tr("Untick all"))
        self.all_button.clicked.connect(lambda: self._set_all(True))
        self.none_button.clicked.connect(lambda: self._set_all(False))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        layout.addLayout(row)

        choices = QScrollArea()
        choices.setWidgetResizable(True)
        choices.setFrameShape(QFrame.Shape.NoFrame)
        choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        choices.setAccessibleName(_tr("Also include"))  # keyboard scrolling
        choices.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        inner = QWidget()
        choices.setWidget(inner)
        layout.addWidget(choices, 2)
        outer, layout = layout, QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 14, 0)  # room between the check boxes and the scrollbar
        layout.setSpacing(outer.spacing())
        layout.addWidget(_heading(_tr("Also include")))
        sel = wizard.selection
        self.measures = self._check(layout, _tr("Questionnaires with charts (PCL-5, PHQ-9, GAD-7)"))
        self.sessions = self._check(
            layout,
            _tr("Session timeline (dates, route, setting; sessions and series also on the charts)"),
        )
        self.intentions = self._check(layout, _tr("My intention for each session"), indent=True)
        self.ratings_chart = self._check(
            layout, _tr("A chart of my check-in ratings (mood, distress, sleep, memories)")
        )
        self.what_helps = self._check(layout, _tr("What helps me (exercises and my ratings)"))
        self.safety_plan = self._check(layout, _tr("My safety plan"))
        # Issue 17: each off until ticked (remembered for next time like the others).
        self.after_effects = self._check(
            layout, _tr("After-effects after each session (my ratings and notes)")
        )
        self.sleep = self._check(layout, _tr("My sleep diary (a chart against sessions)"))
        self.substances = self._check(layout, _tr("Substances and medication changes"))
        self.attach_data = self._check(
            layout,
            _tr(
                "Attach my scores as data files (a spreadsheet file and one FHIR file per "
                "questionnaire) for my clinic's records"
            ),
        )
        self.item9 = self._check(layout, _tr("My answers to PHQ-9 question 9"))
        item9_note = plain_label(
            _tr(
                "Question 9 asks about thoughts of being better off dead or of hurting "
                "yourself. These answers are left out unless you tick this. Sharing them "
                "can help your therapist support you; it is your choice."
            ),
            object_name="muted",
        )
        item9_note.setContentsMargins(INDENT, 0, 0, 0)
        layout.addWidget(item9_note)
        layout.addStretch(1)
        self.measures.setChecked(sel.include_measures)
        self.sessions.setChecked(sel.include_sessions)
        self.intentions.setChecked(sel.include_intentions)
        self.what_helps.setChecked(sel.include_what_helps)
        self.safety_plan.setChecked(sel.include_safety_plan)
        self.after_effects.setChecked(sel.include_effects)
        self.sleep.setChecked(sel.include_sleep)
        self.substances.setChecked(sel.include_substances)
        self.ratings_chart.setChecked(sel.include_ratings_chart)
        self.attach_data.setChecked(sel.attach_data)
        self.item9.setChecked(False)  # never preselected
        self.sessions.toggled.connect(self.intentions.setEnabled)
        self.intentions.setEnabled(sel.include_sessions)

    @staticmethod
    def _check(layout: QVBoxLayout, text: str, indent: bool = False) -> QCheckBox:
        box = WrapCheckBox(text)
        box.setAccessibleName(text)
        if indent:
            row = QHBoxLayout()
            row.addSpacing(INDENT)
            row.addWidget(box, 1)
            layout.addLayout(row)
        else:
            layout.addWidget(box)
        return box

    def load(self) -> None:
        """Fill the list for the current period; flagged entries of a new period are ticked."""
        vault = self.wizard.services.vault
        sel = self.wizard.selection
        period = resolve_period(vault, sel)
        key = (period.start, period.end, period.series_id)
        if key != self.period_key:
            self.ticked |= set(flagged_uids(vault, period))
            self.period_key = key
        self.items = candidates(vault, period)
        self.entries.blockSignals(True)
        self.entries.clear()
        for c in self.items:
            item = QListWidgetItem(candidate_text(c))  # QListWidgetItem text is plain text
            item.setData(Qt.ItemDataRole.UserRole, c.uid)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, candidate_text(c))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = c.uid in self.ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.entries.addItem(item)
        self.entries.blockSignals(False)
        long_list = len(self.items) > SEARCH_THRESHOLD
        self.search.setVisible(long_list)
        if not long_list:
            self.search.clear()
        self._filter(self.search.text())
        self._update_count()

    def _item_changed(self, item: QListWidgetItem) -> None:
        uid = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(uid)
        else:
            self.ticked.discard(uid)
        self._update_count()

    def _set_all(self, on: bool) -> None:
        for i in range(self.entries.count()):
            item = self.entries.item(i)
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.entries.count()):
            item = self.entries.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _update_count(self) -> None:
        uids = {c.uid for c in self.items}
        n = len(self.ticked & uids)
        self.count_label.setText(
            _tr("{0} of {1} ticked").format(n, len(self.items))
            if self.items
            else _tr("No entries or check-ins in this period.")
        )

    def set_ticked(self, uid: str, on: bool) -> None:
        """Tick or untick one item by uid (keyboard users and tests)."""
        for i in range(self.entries.count()):
            item = self.entries.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == uid:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def apply(self, sel: ShareSelection) -> str | None:
        kinds = {c.uid: c.kind for c in self.items}
        chosen = [c.uid for c in self.items if c.uid in self.ticked]
        sel.entry_uids = [u for u in chosen if kinds[u] == "entry"]
        sel.checkin_uids = [u for u in chosen if kinds[u] == "checkin"]
        sel.include_measures = self.measures.isChecked()
        sel.include_sessions = self.sessions.isChecked()
        sel.include_intentions = self.intentions.isChecked()
        sel.include_what_helps = self.what_helps.isChecked()
        sel.include_safety_plan = self.safety_plan.isChecked()
        sel.include_effects = self.after_effects.isChecked()
        sel.include_sleep = self.sleep.isChecked()
        sel.include_substances = self.substances.isChecked()
        sel.include_item9 = self.item9.isChecked()
        sel.include_ratings_chart = self.ratings_chart.isChecked()
        sel.attach_data = self.attach_data.isChecked()
        if not (chosen or sel.has_content() or sel.include_item9):
            return _tr("Tick at least one entry or one of the sections.")
        return None


class NoteStep(QWidget):
    def __init__(self, wizard: ShareWizard) -> None:
        super().__init__()
        layout = _step_layout(
            self,
            _tr("A note and names"),
            _tr("All of this is optional. It is printed on the first page."),
        )
        layout.addWidget(plain_label(_tr("A note to your therapist")))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_tr("A note to your therapist"))
        self.note.setPlaceholderText(_tr("For example: what you would like to talk about."))
        self.note.setMaximumHeight(140)
        layout.addWidget(self.note)
        layout.addWidget(plain_label(_tr("Your name on the summary")))
        self.name_group = QButtonGroup(self)
        row = flow_row()
        self.name_buttons: dict[str, QRadioButton] = {}
        for key, text in (
            ("none", _tr("No name")),
            ("initials", _tr("Initials only")),
            ("full", _tr("Full name")),
        ):
            rb: QRadioButton = WrapRadioButton(text)
            rb.setAccessibleName(text)
            self.name_group.addButton(rb)
            self.name_buttons[key] = rb
            row.addWidget(rb)
        row.addStretch(1)
        layout.addLayout(row)
        self.name = QLineEdit()
        self.name.setAccessibleName(_tr("Your name"))
        self.name.setPlaceholderText(_tr("Your name"))
        layout.addWidget(self.name)
        layout.addWidget(plain_label(_tr("Your therapist's name")))
        self.therapist = QLineEdit()
        self.therapist.setAccessibleName(_tr("Your therapist's name"))
        self.therapist.setPlaceholderText(_tr("Printed as \u201cPrepared for\u201d"))
        layout.addWidget(self.therapist)
        layout.addStretch(1)
        sel = wizard.selection
        self.note.setPlainText(sel.note)
        self.name.setText(sel.patient_name)
        self.therapist.setText(sel.therapist_name)
        self.name_buttons[sel.name_display].setChecked(True)
        for rb in self.name_buttons.values():
            rb.toggled.connect(self._name_enabled)
        self._name_enabled()

    def _name_enabled(self) -> None:
        self.name.setEnabled(not self.name_buttons["none"].isChecked())

    def apply(self, sel: ShareSelection) -> str | None:
        sel.note = self.note.toPlainText()
        sel.patient_name = self.name.text().strip()
        sel.therapist_name = self.therapist.text().strip()
        display = next(k for k, rb in self.name_buttons.items() if rb.isChecked())
        if display != "none" and not sel.patient_name:
            return _tr("Type your name, or choose \u201cNo name\u201d.")
        sel.name_display = display  # type: ignore[assignment]
        return None


ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 3.0


class PreviewStep(QWidget):
    def __init__(self, wizard: ShareWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.images: list[QImage] = []
        self.index = 0
        self.zoom = 0.0  # 0: the page as wide as the preview; else a share of real size
        layout = _step_layout(
            self,
            _tr("Preview"),
            _tr("This is exactly the document that will be saved. Look through every page."),
        )
        top = QHBoxLayout()
        self.status = plain_label("", object_name="muted")
        top.addWidget(self.status, 1)
        # Chosen here, not after the preview, so what is saved is what was looked at.
        top.addWidget(plain_label(_tr("Page size"), wrap=False))
        self.page_size = QComboBox()
        self.page_size.setAccessibleName(_tr("Page size"))
        self.page_size.addItem("A4", "A4")
        self.page_size.addItem(_tr("US Letter"), "Letter")
        self.page_size.setCurrentIndex(self.page_size.findData(wizard.selection.page_size))
        self.page_size.currentIndexChanged.connect(self._page_size_changed)
        top.addWidget(self.page_size)
        layout.addLayout(top)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        # Always there: a fitted page is taller than the view, and a scroll bar appearing
        # after fitting would make the page wider than the view it was fitted to.
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroller.setAccessibleName(_tr("Preview of the summary"))
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_label.setAccessibleName(_tr("Page preview"))
        self.scroller.setWidget(self.page_label)
        layout.addWidget(self.scroller, 1)
        nav = flow_row()
        self.prev_page = button(_tr("Previous page"))
        self.next_page = button(_tr("Next page"))
        self.page_number = plain_label("", wrap=False)
        self.page_number.setMinimumWidth(theme.scaled(160))
        self.page_number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prev_page.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_page.clicked.connect(lambda: self.show_page(self.index + 1))
        self.zoom_out = button(_tr("Smaller"), accessible=_tr("Show the page smaller"))
        self.fit_width = button(
            _tr("Fit to width"), accessible=_tr("Show the page as wide as the preview")
        )
        self.zoom_in = button(_tr("Larger"), accessible=_tr("Show the page larger"))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self._current_zoom() / ZOOM_STEP))
        self.fit_width.clicked.connect(lambda: self.set_zoom(0.0))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self._current_zoom() * ZOOM_STEP))
        nav.addWidget(self.prev_page)
        nav.addStretch(1)
        nav.addWidget(self.page_number)
        nav.addStretch(1)
        for b in (self.zoom_out, self.fit_width, self.zoom_in):
            nav.addWidget(b)
        nav.addWidget(self.next_page)
        layout.addLayout(nav)
        for keys, step in (("Ctrl++", ZOOM_STEP), ("Ctrl+=", ZOOM_STEP), ("Ctrl+-", 1 / ZOOM_STEP)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self.set_zoom(self._current_zoom() * step))
        QShortcut(QKeySequence("Ctrl+0"), self).activated.connect(lambda: self.set_zoom(0.0))

    def _current_zoom(self) -> float:
        """The shown scale as a share of the page's real size (fit width included)."""
        if self.zoom or not self.images:
            return self.zoom or 1.0
        return self._fit_width_px() / self._real_width_px(self.images[self.index])

    def _real_width_px(self, image: QImage) -> float:
        # Rendered at PREVIEW_DPI; the page's real size on this screen is at its DPI.
        screen = self.screen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        return image.width() * dpi / PREVIEW_DPI

    def _fit_width_px(self) -> int:
        return max(200, self.scroller.viewport().width() - 24)

    def set_zoom(self, zoom: float) -> None:
        """0 fits the page to the preview's width; else a share of the page's real size."""
        self.zoom = 0.0 if zoom <= 0 else min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self.show_page(self.index)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if not self.zoom and self.images:
            self.show_page(self.index)  # "fit to width" follows the window

    def _page_size_changed(self) -> None:
        self.wizard.selection.page_size = self.page_size.currentData()
        self.wizard.build_preview()

    @property
    def page_count(self) -> int:
        return len(self.images)

    def set_busy(self) -> None:
        self.images = []
        self.status.setText(_tr("Preparing the preview\u2026"))
        # One preview at a time: a second one could finish first and be overwritten.
        self.page_size.setEnabled(False)
        self.page_label.clear()
        self.page_number.setText("")
        self.prev_page.setEnabled(False)
        self.next_page.setEnabled(False)

    def set_images(self, images: list[QImage]) -> None:
        self.images = images
        self.page_size.setEnabled(True)
        n = len(images)
        self.status.setText(_tr("{0} pages").format(n) if n != 1 else _tr("1 page"))
        self.show_page(0)

    def set_failed(self, message: str) -> None:
        self.status.setText(message)
        self.page_size.setEnabled(True)

    def show_page(self, index: int) -> None:
        if not self.images:
            return
        self.index = max(0, min(index, len(self.images) - 1))
        image = self.images[self.index]
        width = (
            self._fit_width_px() if not self.zoom else round(self._real_width_px(image) * self.zoom)
        )
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            max(1, width), Qt.TransformationMode.SmoothTransformation
        )
        self.page_label.setPixmap(pixmap)
        shown = self._current_zoom()
        self.fit_width.setEnabled(bool(self.zoom))
        self.zoom_out.setEnabled(shown > MIN_ZOOM)
        self.zoom_in.setEnabled(shown < MAX_ZOOM)
        self.page_number.setText(_tr("Page {0} of {1}").format(self.index + 1, len(self.images)))
        self.prev_page.setEnabled(self.index > 0)
        self.next_page.setEnabled(self.index < len(self.images) - 1)


class SaveStep(QWidget):
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        # The fields at the height their text needs (polished now, at the desktop's text
        # size): the stylesheet's min-height let the layout squeeze them (22 pt, issue 18).
        for field in (self.file_name, self.folder, self.pw1, self.pw2):
            field.setMinimumHeight(field.sizeHint().height())
        super().showEvent(event)

    def __init__(self, wizard: ShareWizard) -> None:
        super().__init__()
        self.wizard = wizard
        layout = _step_layout(self, _tr("Save the summary"), "")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.addWidget(plain_label(_tr("File name")), 0, 0)
        self.file_name = QLineEdit(default_share_filename(now_local().date()))
        self.file_name.setAccessibleName(_tr("File name"))
        grid.addWidget(self.file_name, 0, 1)
        grid.addWidget(plain_label(_tr("Folder")), 1, 0)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(wizard.default_folder())
        self.folder.setAccessibleName(_tr("Folder"))
        self.choose_folder = button(_tr("Choose\u2026"), accessible=_tr("Choose a folder"))
        self.choose_folder.clicked.connect(self._choose_folder)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        grid.addLayout(folder_row, 1, 1)
        layout.addLayout(grid)
        layout.addWidget(
            plain_label(
                _tr("The file name says nothing about what is inside. You can change it."),
                object_name="muted",
            )
        )
        self.protect = WrapCheckBox(_tr("Protect the file with a password (recommended)"))
        self.protect.setAccessibleName(self.protect.text())
        self.protect.setChecked(True)
        layout.addWidget(self.protect)
        self.pw1 = QLineEdit()
        self.pw2 = QLineEdit()
        for edit, text in ((self.pw1, _tr("Password")), (self.pw2, _tr("Password again"))):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(text)
            edit.setAccessibleName(text)
            layout.addWidget(edit)
        self.pw_help = plain_label(
            _tr(
                "Tell your therapist the password separately: say it aloud at your next "
                "appointment or on the phone. Never put it in the same email or message as "
                "the file."
            ),
            object_name="muted",
        )
        layout.addWidget(self.pw_help)
        self.protect.toggled.connect(self._protect_changed)
        self.error = plain_label("", object_name="notice")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.done_box = QWidget()
        done_layout = QVBoxLayout(self.done_box)
        done_layout.setContentsMargins(0, 0, 0, 0)
        self.done_label = plain_label("", object_name="notice")
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        done_layout.addWidget(self.done_label)
        self.open_folder = button(_tr("Open folder"))
        self.open_folder.clicked.connect(self._open_folder)
        done_layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        self.done_box.setVisible(False)
        layout.addWidget(self.done_box)
        layout.addStretch(1)

    def _protect_changed(self, on: bool) -> None:
        for w in (self.pw1, self.pw2, self.pw_help):
            w.setVisible(on)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Choose a folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _open_folder(self) -> None:
        saved = self.wizard.saved
        if saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved.path.parent)))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


# --------------------------------------------------------------------------- wizard


class ShareWizard(QDialog):
    """Five calm steps; Back/Next at the bottom; nothing leaves the vault until Save."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_tr("Share with my therapist"))
        self.setModal(True)
        self.resize(text_sized(860, 720, parent))  # larger with larger text
        self.selection: ShareSelection = default_selection(
            services.vault, page_size=default_page_size()
        )
        self.gathered: GatheredShare | None = None
        self.pdf_bytes: bytes | None = None
        # Characters with no font here, already named to the patient (save again = go on).
        self.glyphs_warned: tuple[str, ...] = ()
        self.pdf_page_size: str | None = None
        self.saved: SavedShare | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        self.step_label = plain_label("", object_name="muted")
        layout.addWidget(self.step_label)
        self.stack = QStackedWidget()
        self.period_step = PeriodStep(self)
        self.content_step = ContentStep(self)
        self.note_step = NoteStep(self)
        self.preview_step = PreviewStep(self)
        self.save_step = SaveStep(self)
        for step in self.steps:
            self.stack.addWidget(step)
        layout.addWidget(self.stack, 1)
        self.error = plain_label("", object_name="notice")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        row = flow_row()
        self.cancel_button = button(_tr("Cancel"))
        self.back_button = button(_tr("Back"))
        self.next_button = button(_tr("Next"), primary=True)
        self.save_button = button(_tr("Save summary"), primary=True)
        self.close_button = button(_tr("Close"), primary=True)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        for b in (self.back_button, self.next_button, self.save_button, self.close_button):
            row.addWidget(b)
        layout.addLayout(row)
        self._show(0)

    @property
    def steps(self) -> list[QWidget]:
        return [
            self.period_step,
            self.content_step,
            self.note_step,
            self.preview_step,
            self.save_step,
        ]

    def default_folder(self) -> str:
        saved = str(self.services.prefs.value(FOLDER_PREF, "") or "")
        if saved and Path(saved).is_dir():
            return saved
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.step_label.setText(_tr("Step {0} of {1}").format(index + 1, len(self.steps)))
        last = index == len(self.steps) - 1
        done = self.saved is not None
        self.back_button.setVisible(index > 0 and not done)
        self.next_button.setVisible(not last)
        self.save_button.setVisible(last and not done)
        self.close_button.setVisible(done)
        self.cancel_button.setVisible(not done)
        self.show_error("")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def back(self) -> None:
        if self.index > 0:
            self._show(self.index - 1)

    def next(self) -> None:
        step = self.steps[self.index]
        apply = getattr(step, "apply", None)
        if apply is not None:
            problem = apply(self.selection)
            if problem:
                self.show_error(problem)
                return
        target = self.index + 1
        if target == 1:
            try:
                self.content_step.load()
            except SelectionError as exc:
                self.show_error(str(exc))
                return
        self._show(target)
        if target == 3:
            self.build_preview()

    # -- preview

    def render_document(self) -> bytes | None:
        """Gather and render on the GUI thread (Qt text layout and charts live here)."""
        from integrate.share.pdf import render_pdf

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.gathered = gather_share(self.services.vault, self.selection)
            if not has_printable_content(self.gathered.document):
                self.pdf_bytes = None
                return None
            self.pdf_bytes = render_pdf(self.gathered.document)
            self.pdf_page_size = self.selection.page_size
            return self.pdf_bytes
        finally:
            QGuiApplication.restoreOverrideCursor()

    def build_preview(self) -> None:
        from integrate.share.preview import render_page_images

        self.preview_step.set_busy()
        try:
            data = self.render_document()
        except SelectionError as exc:
            self.preview_step.set_failed(str(exc))
            return
        if data is None:
            self.preview_step.set_failed(
                _tr("There is nothing to show for this period. Go back and choose more.")
            )
            self.next_button.setEnabled(False)
            return
        self.next_button.setEnabled(False)

        def done(images: object) -> None:
            self.preview_step.set_images(images)  # type: ignore[arg-type]
            self.next_button.setEnabled(True)

        def failed(exc: BaseException) -> None:
            # Without pdftoppm the summary can still be saved; say so plainly.
            self.preview_step.set_failed(
                _tr("The preview could not be shown here. You can still save the summary.")
            )
            self.next_button.setEnabled(True)

        run_in_background(lambda: render_page_images(data, PREVIEW_DPI), done, failed)

    # -- save

    def _glyphs_ok(self) -> bool:
        """Before saving: name the characters no font here can print, once; saving again
        continues (the PDF's text keeps them either way)."""
        from integrate.share.fonts import document_texts, missing_glyphs

        assert self.gathered is not None
        missing = tuple(missing_glyphs(document_texts(self.gathered.document)))
        if not missing or missing == self.glyphs_warned:
            return True
        self.glyphs_warned = missing
        shown = " ".join(missing[:20]) + (" \u2026" if len(missing) > 20 else "")
        self.save_step.show_error(
            _tr(
                "{0} character(s) have no font on this computer and would print as empty "
                "boxes: {1}. The PDF's text keeps them (copy and search work). Install a "
                "font that covers them, or press Save again to save anyway."
            ).format(len(missing), shown)
        )
        return False

    def save(self) -> None:
        s = self.save_step
        name = s.file_name.text().strip()
        if not name or "/" in name or "\\" in name:
            s.show_error(_tr("Type a file name, such as summary.pdf."))
            return
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        folder = Path(s.folder.text().strip() or ".")
        if not folder.is_dir():
            s.show_error(_tr("That folder does not exist. Choose another one."))
            return
        password = None
        if s.protect.isChecked():
            password = s.pw1.text()
            problem = password_problem(password, s.pw2.text())
            if problem:
                s.show_error(_tr(problem).format(n=MIN_PASSWORD_LENGTH))  # i18n: marked
                return
        target = folder / name
        if target.exists():
            s.show_error(_tr("A file with this name is already there. Choose another name."))
            return
        self.selection = replace(
            self.selection, page_size=self.preview_step.page_size.currentData()
        )
        stale = self.pdf_bytes is None or self.pdf_page_size != self.selection.page_size
        if stale and self.render_document() is None:
            s.show_error(_tr("There is nothing to save for this period."))
            return
        assert self.gathered is not None and self.pdf_bytes is not None
        if not self._glyphs_ok():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.saved = save_share(
                self.services.vault,
                self.gathered,
                self.selection,
                target,
                password=password,
                pdf_bytes=self.pdf_bytes,
            )
        except FileExistsError:
            s.show_error(_tr("A file with this name is already there. Choose another name."))
            return
        except OSError as exc:
            s.show_error(_tr("The file could not be saved: {0}").format(exc.strerror or exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            s.pw1.clear()
            s.pw2.clear()
        remember_choices(self.services.vault, self.selection)
        self.services.prefs.setValue(FOLDER_PREF, str(folder))
        self.services.notify("shares")
        s.show_error("")
        locked = _tr("It is protected with your password.") if password else ""
        s.done_label.setText(_tr("Saved. The summary is here:") + f"\n{target}\n" + locked)
        s.done_box.setVisible(True)
        for w in (s.file_name, s.folder, s.choose_folder, s.protect, s.pw1, s.pw2):
            w.setEnabled(False)
        self._show(self.index)
