"""The "Did your session happen?" card on Today (listed in ui.shell.today.TODAY_SECTIONS).

A planned session whose time has passed produces no check-ins until it is logged as
done. Rather than leave it silently "planned", Today asks, once, in plain words; the
answer is one click into the Sessions form with "It has happened" already chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from integrate.core.timeutil import day_text, now_local, zone
from integrate.core.window import planned_but_passed
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.cards import card
from integrate.ui.widgets.common import button, flow_row, plain_label

SHOWN_AT_MOST = 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionsToday", text)


def past_planned_section(services: AppServices) -> QWidget | None:
    """One card per planned session that has passed (newest first); None if there are none."""
    passed = planned_but_passed(services.sessions.list(), now_local())
    if not passed:
        return None
    holder = QWidget()
    holder.setObjectName("pastPlanned")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(8)
    for session in reversed(passed[-SHOWN_AT_MOST:]):
        frame, box = card()
        frame.setObjectName("card")
        when = session.at.astimezone(zone(session.tz))
        title = plain_label(
            _tr("Your session planned for {day} at {time}").format(
                day=day_text(when, weekday="long", month="long", year=False),
                time=when.strftime("%H:%M"),
            ),
            object_name="sectionTitle",
        )
        box.addWidget(title)
        box.addWidget(
            plain_label(
                _tr(
                    "Did it happen? Once it is logged, the check-ins for the days after it "
                    "are planned. If it moved or did not happen, you can change it."
                ),
                object_name="muted",
            )
        )
        row = flow_row()
        log = button(
            _tr("Yes, log it"),
            primary=True,
            accessible=_tr("Log the session of {day} as done").format(
                day=day_text(when, weekday="long", month="long", year=False)
            ),
        )
        log.setObjectName("primary")
        log.clicked.connect(
            lambda _=False, uid=session.uid: services.navigate.emit("sessions", f"done:{uid}")
        )
        change = button(
            _tr("Change or remove"),
            accessible=_tr("Change or remove the session of {day}").format(
                day=day_text(when, weekday="long", month="long", year=False)
            ),
        )
        change.clicked.connect(
            lambda _=False, uid=session.uid: services.navigate.emit("sessions", uid)
        )
        row.addWidget(log)
        row.addWidget(change)
        row.addStretch(1)
        box.addLayout(row)
        column.addWidget(frame)
    return holder
