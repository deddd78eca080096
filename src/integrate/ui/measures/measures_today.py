"""The "Questionnaires suggested" section of Today (listed in ui.shell.today.TODAY_SECTIONS).

Today is built at every start, so this module stays light: it does not import the
Measures area (forms, trend charts), which loads when that area is first opened.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from integrate.core.dose_timing import last_dose, quiet_hours, suggestions_resume_at
from integrate.core.measures import DueMeasure, DueReason
from integrate.core.model import SessionKind, SessionStatus
from integrate.core.timeutil import now_local
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.measures.measure_form import instrument_title
from integrate.ui.widgets.common import button, plain_label
from integrate.vault.measures import MeasureSettings


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasuresToday", text)


def _tr_measures(text: str) -> str:
    return QCoreApplication.translate("Measures", text)  # shared with the Measures area


def reason_text(reason: DueReason, settings: MeasureSettings | None = None) -> str:
    """Why it is suggested; intervals the patient changed are named in days."""
    if settings is not None:
        if reason is DueReason.WEEKLY and settings.weekly_days != 7:
            return _tr_measures("every {n} days during your series").format(n=settings.weekly_days)
        if reason is DueReason.MONTHLY and settings.monthly_days != 30:
            return _tr_measures("every {n} days").format(n=settings.monthly_days)
    return {
        DueReason.BASELINE: _tr_measures("a starting point before your series"),
        DueReason.WEEKLY: _tr_measures("weekly during your series"),
        DueReason.SERIES_END: _tr_measures("at the end of your series"),
        DueReason.MONTHLY: _tr_measures("monthly"),
    }[reason]


def last_dose_at(services: AppServices, now: datetime) -> datetime | None:
    """The latest ketamine session at or before `now`."""
    sessions = services.sessions.list(kind=SessionKind.KETAMINE)
    return last_dose((s.at for s in sessions), now)


def suggestions_paused_until(services: AppServices) -> datetime | None:
    """When questionnaire suggestions come back after a session (None: not paused)."""
    now = now_local()
    return suggestions_resume_at(last_dose_at(services, now), now, quiet_hours())


def is_brand_new(services: AppServices) -> bool:
    """No questionnaire answered and no ketamine session logged as done yet."""
    if services.measures.last_taken():
        return False
    return not any(
        s.kind is SessionKind.KETAMINE and s.status is SessionStatus.DONE
        for s in services.sessions.list()
    )


def due_now(services: AppServices) -> list[DueMeasure]:
    """Suggested questionnaires today for the vault's current series; none within the
    first hours after a session (they move to later: acute effects colour answers)."""
    if suggestions_paused_until(services) is not None:
        return []
    return services.measures.due(now_local().date())


def due_measures_section(services: AppServices) -> QWidget | None:
    """A card with one button per suggested questionnaire; None when nothing is due."""
    due = due_now(services)
    if not due:
        return None
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(8)
    title = plain_label(_tr("Questionnaires suggested"), object_name="sectionTitle")
    theme.text_role(title, "subheading")
    layout.addWidget(title)
    first_time = is_brand_new(services)
    intro = _tr(
        "A few minutes each. They help you and your clinician see how things change; "
        "there is no need to do them all at once."
    )
    if first_time:
        # A brand-new journal: say why now, before anything has happened (issue 18).
        intro = _tr(
            "A few minutes each. Answered once before your first session, they give a "
            "baseline: a starting point to compare with later, for you and your clinician. "
            "There is no need to do them all at once."
        )
    layout.addWidget(plain_label(intro, object_name="muted"))
    instruments = services.measures.instruments
    settings = services.measures.settings()
    buttons = []
    for item in due:
        ins = instruments[item.instrument_id]
        btn = button(
            _tr("{name} - {reason}").format(
                name=instrument_title(ins),
                reason=(
                    _tr_measures("a starting point before your first session")
                    if first_time
                    else reason_text(item.reason, settings)
                ),
            )
        )
        btn.setMinimumHeight(40)
        btn.clicked.connect(
            lambda _=False, i=item.instrument_id: services.navigate.emit("measures", i)
        )
        layout.addWidget(btn)
        buttons.append(btn)
    frame.setProperty("instrument_ids", [d.instrument_id for d in due])
    frame.due_buttons = buttons  # type: ignore[attr-defined]
    return frame
