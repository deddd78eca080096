"""The Measures area: what is suggested now, take any questionnaire, trends, all results.

Flow: home (tabs) -> form -> [crisis screen, at the moment a crisis answer is chosen]
-> saved -> result. The crisis screen always comes before any score. That it was shown
is written to the vault as it opens, so it stays on record even if the questionnaire is
then left unsaved (its answers are not kept).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.dose_timing import RESULT_KEY as DOSE_KEY
from integrate.core.dose_timing import hours_since, quiet_hours
from integrate.core.measures import Instrument, Score
from integrate.core.timeutil import now_local
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.measures.measure_crisis import CrisisScreen
from integrate.ui.measures.measure_form import MeasureForm, instrument_title
from integrate.ui.measures.measure_result import ResultView, change_for
from integrate.ui.measures.measure_table import MeasureTable
from integrate.ui.measures.measure_trends import TrendsView
from integrate.ui.measures.measures_today import (  # noqa: F401 - also used here  # noqa: F401 - also used here
    due_now,
    last_dose_at,
    reason_text,
    suggestions_paused_until,
)
from integrate.ui.widgets.common import button, flow_row, page_layout, page_title, plain_label
from integrate.ui.widgets.crisis_view import country_from_prefs
from integrate.vault.db import DatabaseError

# Order of the "take one now" buttons.
TAKE_ORDER = ("pcl5_week", "pcl5_month", "phq9", "gad7", "suds")
TAKE_MIN_WIDTH = 150  # px beside 11 pt text: short names still make a wide, easy target


def _tr(text: str) -> str:
    return QCoreApplication.translate("Measures", text)


def crisis_country(services: AppServices) -> str:
    """The chosen country ("" when none: the screen then gives the international route)."""
    return country_from_prefs(services.prefs)


class HomeTab(QWidget):
    """Suggested now, and a button for every questionnaire."""

    def __init__(self, page: MeasuresPage) -> None:
        super().__init__()
        self.page = page
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # With large text the suggestions and buttons can need more height than the tab
        # has: they scroll then, instead of being squeezed until their words are cut off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)  # the tab's own white shows
        scroll.setAccessibleName(_tr("Take a questionnaire"))  # focusable: keyboard scrolling
        outer.addWidget(scroll)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(0, 12, 0, 0)
        self.layout_.setSpacing(12)
        self.due_box = QWidget()
        self.due_layout = QVBoxLayout(self.due_box)
        self.due_layout.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.due_box)
        heading = plain_label(_tr("Take one now"))
        theme.text_role(heading, "heading")
        self.layout_.addWidget(heading)
        self.layout_.addWidget(
            plain_label(
                _tr(
                    "You can fill in any questionnaire whenever you like. Each takes a few minutes."
                ),
                object_name="muted",
            )
        )
        # A flowing row: each button as wide as its name (at least a comfortable target),
        # going on to another line when the text is large or the window narrow.
        row = flow_row(spacing=10)
        self.take_buttons: dict[str, object] = {}
        instruments = page.services.measures.instruments
        ids = [i for i in TAKE_ORDER if i in instruments]
        ids += sorted(i for i in instruments if i not in ids)
        for iid in ids:
            ins = instruments[iid]
            btn = button(
                instrument_title(ins),
                accessible=_tr("Take {name} now").format(name=instrument_title(ins)),
            )
            btn.setMinimumSize(theme.scaled(TAKE_MIN_WIDTH), 48)
            btn.setToolTip(ins.name)
            btn.clicked.connect(lambda _=False, i=iid: self.page.start(i))
            row.addWidget(btn)
            self.take_buttons[iid] = btn
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        scroll.setWidget(body)
        body.setAutoFillBackground(False)  # (setWidget turns it on) the tab's own white shows
        self.refresh()

    def refresh(self) -> None:
        while self.due_layout.count():
            item = self.due_layout.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.due = due_now(self.page.services)
        settings = self.page.services.measures.settings()
        paused = suggestions_paused_until(self.page.services)
        if self.due:
            text = _tr("Suggested now")
        elif paused is not None and settings.suggest:
            text = _tr(
                "Suggestions wait until {when}: in the first day after a session, answers "
                "reflect its effects more than the past weeks. You can still fill one in now."
            ).format(when=paused.strftime("%A %H:%M"))
        elif not settings.suggest:
            text = _tr("Suggestions are turned off (Settings, Questionnaires).")
        else:
            text = _tr("Nothing is suggested right now.")
        heading = plain_label(text)
        theme.text_role(heading, "heading")
        self.due_layout.addWidget(heading)
        self.due_heading = heading
        instruments = self.page.services.measures.instruments
        self.due_buttons = []
        for item_ in self.due:
            ins = instruments[item_.instrument_id]
            btn = button(
                _tr("{name} - {reason}").format(
                    name=instrument_title(ins), reason=reason_text(item_.reason, settings)
                ),
                primary=True,
            )
            btn.setMinimumHeight(44)
            btn.clicked.connect(lambda _=False, i=item_.instrument_id: self.page.start(i))
            self.due_layout.addWidget(btn)
            self.due_buttons.append(btn)


class MeasuresPage(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.form: MeasureForm | None = None
        self.result_view: ResultView | None = None
        self.crisis_screen: CrisisScreen | None = None
        self.last_saved_id: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        self.home = QWidget()
        layout = page_layout(self.home)
        layout.addWidget(page_title(_tr("Questionnaires")))
        layout.addWidget(
            plain_label(
                _tr(
                    "Short, widely used questionnaires about PTSD symptoms, mood and worry. Your "
                    "answers stay in this journal; the numbers are information to talk over with your "
                    "clinician, not a diagnosis."
                ),
                object_name="muted",
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_tr("Questionnaire views"))
        self.home_tab = HomeTab(self)
        self.trends = TrendsView(services)
        self.table = MeasureTable(services)
        self.tabs.addTab(self.home_tab, _tr("Take a questionnaire"))
        self.tabs.addTab(self.trends, _tr("Trends"))
        self.tabs.addTab(self.table, _tr("All results"))
        layout.addWidget(self.tabs, 1)
        self.stack.addWidget(self.home)
        services.changed.connect(self._changed)

    # -- navigation

    def open_item(self, item: str) -> None:
        """services.navigate("measures", instrument_id) starts that questionnaire."""
        if item in self.services.measures.instruments:
            self.start(item)

    def start(self, instrument_id: str) -> MeasureForm:
        instrument = self.services.measures.instruments[instrument_id]
        self._drop_transient()
        form = MeasureForm(instrument)
        form.crisis.connect(self.show_crisis)
        form.submitted.connect(lambda result, f=form: self._submitted(f, result))
        form.cancelled.connect(self.go_home)
        self.form = form
        self.stack.addWidget(form)
        self.stack.setCurrentWidget(form)
        return form

    def go_home(self) -> None:
        self._drop_transient()
        self.stack.setCurrentWidget(self.home)

    def _drop_transient(self) -> None:
        for widget in (self.form, self.result_view):
            if widget is not None:
                self.stack.removeWidget(widget)
                widget.deleteLater()
        self.form = None
        self.result_view = None

    # -- crisis, then save, then result

    def show_crisis(self) -> CrisisScreen:
        screen = CrisisScreen(crisis_country(self.services), None, self, self.services)
        self.crisis_screen = screen
        screen.open()
        self._record_crisis_screen()
        return screen

    def _record_crisis_screen(self) -> None:
        """Keep in the vault that the screen was shown for this attempt, answers or not."""
        form = self.form
        vault = self.services.vault
        if form is None or form.crisis_record_id is not None or not vault.writable:
            return  # (not writable: the integrity check after unlocking has not passed yet)
        # The screen is already open: a failed write must never stand in its way.
        with contextlib.suppress(DatabaseError):
            shown = self.services.measures.record_crisis_screen(form.instrument.id, now_local())
            form.crisis_record_id = shown.id
            self.services.notify("measures")

    def _submitted(self, form: MeasureForm, result: Score) -> None:
        if result.crisis and not form.crisis_shown:
            # Never a score before the crisis screen, however the answer was set.
            form.crisis_shown = True
            screen = self.show_crisis()
            screen.finished.connect(lambda _code: self._save_and_show(form, result))
            return
        self._save_and_show(form, result)

    def _save_and_show(self, form: MeasureForm, result: Score) -> None:
        instrument: Instrument = form.instrument
        taken_at = now_local()
        since = hours_since(last_dose_at(self.services, taken_at), taken_at)
        adm = self.services.measures.add(
            result,
            taken_at,
            crisis_shown=form.crisis_shown,
            crisis_screen_id=form.crisis_record_id,
            context=None if since is None else {DOSE_KEY: since},
        )
        self.last_saved_id = adm.id
        change = change_for(self.services.measures, instrument, adm, result)
        self._drop_transient()
        view = ResultView(instrument, result, change, adm.series_id is not None)
        if since is not None and since < quiet_hours():
            view.add_note(
                _tr(
                    "Taken {hours} hours after your last session: answers this soon can "
                    "reflect the session's effects. This is noted with the result."
                ).format(hours=f"{since:g}")
            )
        view.done.connect(self.go_home)
        self.result_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.services.notify("measures")

    # -- refresh

    def _changed(self, area: str) -> None:
        if area in ("measures", "sessions"):
            self.home_tab.refresh()
            self.trends.refresh()
            self.table.refresh()


def measures_page(services: AppServices) -> QWidget:
    return MeasuresPage(services)
