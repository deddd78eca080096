"""After-effects, the sleep diary, substances and medication changes on screen (issue 17).

Three small editors, each a card that adds, edits and deletes its records with the same
rules as the CLI (core.tracking) and the same save / remove / status flow (TrackingCard,
RecordCard), used by the check-ins (same day, day 1, the mornings),
the session page and Today. Wording comes from resources/tracking/tracking.toml. Saving
emits services.notify("tracking").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from integrate.core.model import Phase, Session, SessionKind, SessionStatus
from integrate.core.prompts import Rating
from integrate.core.timeutil import day_text, now_local
from integrate.core.tracking import (
    EFFECT_RATINGS,
    AfterEffects,
    FieldError,
    MedicationChange,
    MedicationEvent,
    SleepEntry,
    SubstanceUse,
    check_hours,
    effects_phase,
    load_tracking_text,
)
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.timers import idle_timer
from integrate.ui.widgets.common import button, button_row, flow_row, form_layout, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.ui.widgets.ratings import RatingRow
from integrate.vault.checkins import StoredCheckin

# Check-ins that ask about after-effects and substances (once each), and the morning
# ones that offer the sleep diary.
EFFECT_PHASES = (Phase.SAME_DAY, Phase.DAY_1)
MORNING_PHASES = (Phase.DAY_1, Phase.DAY_2, Phase.DAY_3, Phase.BETWEEN)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Tracking", text)


# How long the after-effects note waits after the last key before it is kept.
NOTE_IDLE_MS = 1000


class TrackingCard(QFrame):
    """A titled card; subclasses fill `self.box`."""

    saved = Signal()

    def __init__(self, services: AppServices, title: str, intro: str = "") -> None:
        super().__init__()
        self.services = services
        self.repo = services.use.tracking.repo
        self.setObjectName("trackingCard")
        self.setAccessibleName(title)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(16, 14, 16, 14)
        self.box.setSpacing(8)
        self.box.addWidget(plain_label(title, object_name="sectionTitle"))
        if intro:
            self.box.addWidget(plain_label(intro, object_name="muted"))
        self.status = plain_label("", object_name="muted")
        self.status.setAccessibleName(_tr("Status"))
        self.error = plain_label("", object_name="notice")
        self.error.setAccessibleName(_tr("What to change"))
        self.error.setVisible(False)
        self.dirty = False  # changed since loaded or saved (flush keeps only real input)

    def _touched(self, *_: object) -> None:
        self.dirty = True

    def _finish_layout(self) -> None:
        self.box.addWidget(self.error)
        self.box.addWidget(self.status)

    def flush(self) -> None:
        """Keep what was entered but not saved (leaving the screen, locking)."""

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _done(self, message: str) -> None:
        self.show_error("")
        self.status.setText(message)
        self.services.notify("tracking")
        self.saved.emit()


R = TypeVar("R", AfterEffects, SleepEntry)


class RecordCard(TrackingCard, Generic[R]):
    """A card that edits one stored record (or a new one): Save writes it, Remove
    deletes it. Subclasses load `record` into their fields (`_load`), read it back
    (`_checked`) and name the use case that writes (`_write`) and
    deletes (`_erase`) it."""

    record: R | None

    def _add_actions(self, save_text: str, remove_accessible: str) -> None:
        """The Save and Remove buttons, in a row that wraps."""
        self.save_button = button(save_text, primary=True, accessible=save_text)
        self.delete_button = button(_tr("Remove"), accessible=remove_accessible)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.box.addLayout(button_row(self.save_button, self.delete_button))

    def _load(self) -> None:
        raise NotImplementedError

    def _checked(self) -> R:
        """The record to save, read from the fields; FieldError says what to change."""
        raise NotImplementedError

    def _write(self, record: R) -> None:
        raise NotImplementedError

    def _erase(self, record_id: int) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        try:
            record = self._checked()
            self._write(record)
        except FieldError as exc:
            self.show_error(str(exc))
            return False
        self._show(record, _tr("Saved."))
        return True

    def delete(self) -> None:
        if self.record is None or self.record.id is None:
            return
        self._erase(self.record.id)
        self._show(None, _tr("Removed."))

    def _show(self, record: R | None, message: str) -> None:
        """Show `record` as stored now (nothing left unsaved) and say what happened."""
        self.record = record
        self._load()
        self.dirty = False
        self._done(message)


def _rating_row(rid: str, label: str, question: str, low: str, high: str) -> QWidget:
    return RatingRow(
        Rating(
            id=rid,
            label=label,
            question=question,
            kind="scale",
            min=0,
            max=10,
            low_label=low,
            high_label=high,
            optional=False,  # the card says once that every question is optional
        )
    )


def _form_label(text: str, field: QWidget) -> QLabel:
    """A form row's label as plain text (never read as markup), linked to its field: a
    screen reader names a combo box by this label, not by its current value."""
    label = plain_label(text)
    label.setBuddy(field)
    return label


def _count_box(name: str) -> QSpinBox:
    """A count (0-99) that starts as "not noted" until the patient picks a number."""
    box = QSpinBox()
    box.setRange(-1, 99)
    box.setSpecialValueText(_tr("not noted"))
    box.setValue(-1)
    box.setAccessibleName(name)
    box.setMinimumWidth(theme.scaled(110))
    box.setMaximumWidth(theme.scaled(160))  # a count: a short field, like the hours
    return box


def _short_combo() -> QComboBox:
    """A choice list as wide as a short word, not its longest item: with a large desktop
    font the longest item would push the check-in sideways."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def _count(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


# ----- after-effects -----------------------------------------------------------------


class EffectsEditor(RecordCard[AfterEffects]):
    """After-effects of one session at one time: a new record, or editing a stored one.

    `phase` ("same_day" or "day_1", from a check-in): the session's latest record of
    that phase is loaded, so the same check-in opened again edits it rather than adding
    another; `phase_at` is the time a new one gets when now falls outside the phase.
    """

    def __init__(
        self,
        services: AppServices,
        session_id: int,
        *,
        phase: str | None = None,
        phase_at: datetime | None = None,
        effects: AfterEffects | None = None,
        ask_unreal: bool = True,
    ) -> None:
        text = load_tracking_text()
        eff = text.section("effects")
        super().__init__(services, str(eff.get("title", "")), str(eff.get("intro", "")))
        self.session_id = session_id
        self.phase = phase
        self.phase_at = phase_at
        session = services.sessions.get(session_id)
        self.session_at = session.at if session is not None else None
        if effects is None and phase is not None and self.session_at is not None:
            start = self.session_at
            effects = next(
                (
                    e
                    for e in reversed(self.repo.effects_for_session(session_id))
                    if effects_phase(start, e.at) == phase
                ),
                None,
            )
        self.record = effects
        self.rows: dict[str, QWidget] = {}
        for spec in text.effect_ratings():
            row = _rating_row(
                spec["id"], spec["label"], spec["question"], spec["low"], spec["high"]
            )
            self.rows[spec["id"]] = row
            self.box.addWidget(row)
        unreal = eff.get("unreal", {})
        self.unreal_yes = WrapCheckBox(str(unreal.get("question", "")))
        self.unreal_yes.setAccessibleName(str(unreal.get("label", "")))
        self.unreal_row = _rating_row(
            "unreal",
            str(unreal.get("label", "")),
            _tr("How strongly?"),
            str(unreal.get("low", "")),
            str(unreal.get("high", "")),
        )
        self.unreal_note = plain_label(str(unreal.get("note", "")), object_name="muted")
        self.unreal_yes.toggled.connect(self._unreal_toggled)
        for widget in (self.unreal_yes, self.unreal_row, self.unreal_note):
            widget.setVisible(ask_unreal)
            self.box.addWidget(widget)
        self.ask_unreal = ask_unreal
        self.box.addWidget(plain_label(str(eff.get("other", {}).get("label", ""))))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(str(eff.get("other", {}).get("label", "")))
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(theme.scaled(60))
        self.note.setMaximumHeight(theme.scaled(110))
        self.box.addWidget(self.note)
        self._add_actions(_tr("Save after-effects"), _tr("Remove these after-effects"))
        self._finish_layout()
        self._load()
        for row in (*self.rows.values(), self.unreal_row):
            row.changed.connect(self._touched)  # type: ignore[attr-defined]
        self.unreal_yes.toggled.connect(self._touched)
        self.note.textChanged.connect(self._touched)
        # Words typed in the note are kept as they are typed (like the journal), not only
        # on Save or on leaving: a note is where a shaken patient writes most.
        self._note_idle = idle_timer(self, NOTE_IDLE_MS, self.keep_typing)
        self.note.textChanged.connect(self._note_typed)
        services.jobs.busy_changed.connect(self._job_changed)

    def _note_typed(self) -> None:
        if self.dirty:
            self._note_idle.start()

    def _job_changed(self, busy: str) -> None:
        if not busy and self.dirty and self.note.toPlainText().strip():
            self.keep_typing()

    def keep_typing(self) -> bool:
        """Write the card as it stands without reloading its fields (the cursor stays where
        the patient is typing). False if nothing was written: nothing to keep yet, a value
        to correct (said on the card), or a backup or import running (kept until it ends)."""
        self._note_idle.stop()
        if not (self.services.vault.is_open and self.dirty):
            return False
        if self.services.jobs.busy:
            self.status.setText(_tr("Kept - saved when the current task finishes"))
            return False
        try:
            record = self._checked()
        except FieldError:
            return False  # nothing typed that could be kept; Save says what to change
        self._write(record)
        self.record = record
        self.dirty = False
        self.delete_button.setVisible(True)
        self.show_error("")
        self.status.setText(_tr("Saved as you type."))
        self.services.notify("tracking")
        return True

    @property
    def effects(self) -> AfterEffects | None:
        """The stored record this card edits (None: a new one)."""
        return self.record

    def _unreal_toggled(self, on: bool) -> None:
        self.unreal_row.setVisible(on and self.ask_unreal)
        if not on:
            self.unreal_row.set_value(None)  # type: ignore[attr-defined]

    def _load(self) -> None:
        e = self.record
        for name, row in self.rows.items():
            row.set_value(None if e is None else getattr(e, name))  # type: ignore[attr-defined]
        self.unreal_yes.setChecked(bool(e and e.unreal_24h))
        self.unreal_row.set_value(None if e is None else e.unreal)  # type: ignore[attr-defined]
        self.unreal_row.setVisible(self.ask_unreal and self.unreal_yes.isChecked())
        self.note.setPlainText("" if e is None else e.note)
        self.delete_button.setVisible(e is not None)
        when = "" if e is None else e.at.astimezone().strftime("%a %d %b, %H:%M")
        self.status.setText(_tr("Saved ({when}).").format(when=when) if e is not None else "")

    def collect(self) -> AfterEffects:
        ratings = {n: self.rows[n].value() for n in EFFECT_RATINGS}  # type: ignore[attr-defined]
        if self.ask_unreal:  # saving the day-1 card answers the yes/no question
            unreal_24h: bool | None = self.unreal_yes.isChecked()
            unreal = self.unreal_row.value() if unreal_24h else None  # type: ignore[attr-defined]
        else:  # not asked here: keep what was stored
            unreal_24h = self.effects.unreal_24h if self.effects is not None else None
            unreal = self.effects.unreal if self.effects is not None else None
        at = self.effects.at if self.effects is not None else self._new_at()
        return AfterEffects(
            session_id=self.session_id,
            at=at,
            **ratings,
            unreal_24h=unreal_24h,
            unreal=unreal,
            note=self.note.toPlainText().strip(),
            uid=self.effects.uid if self.effects is not None else AfterEffects(0, at).uid,
            id=self.effects.id if self.effects is not None else None,
        )

    def _new_at(self) -> datetime:
        """Now; or, from a check-in done outside its phase, the check-in's due time (so
        the record stays with that check-in)."""
        now = now_local().replace(microsecond=0)
        if (
            self.phase is not None
            and self.session_at is not None
            and self.phase_at is not None
            and effects_phase(self.session_at, now) != self.phase
        ):
            return self.phase_at
        return now

    def has_input(self) -> bool:
        return not self.collect().empty

    def _checked(self) -> AfterEffects:
        effects = self.collect()
        if effects.empty and effects.id is None:
            raise FieldError("", _tr("Nothing to save yet: choose a number or write a line."))
        return effects

    def _write(self, record: AfterEffects) -> None:
        self.services.use.tracking.save_effects(record)

    def _erase(self, record_id: int) -> None:
        self.services.use.tracking.delete_effects(record_id)

    def flush(self) -> None:
        """Keep what was entered when leaving (only what the patient touched)."""
        if self.services.vault.is_open and self.dirty and self.has_input():
            self.save()


# ----- sleep diary -------------------------------------------------------------------


class SleepEditor(RecordCard[SleepEntry]):
    """The sleep diary entry for one night (filed under the day the patient woke up)."""

    def __init__(self, services: AppServices, day: date) -> None:
        text = load_tracking_text().section("sleep")
        super().__init__(services, str(text.get("title", "")), str(text.get("intro", "")))
        self.day = day
        self.record = self.repo.sleep_on(day)
        form = form_layout()
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(_tr("e.g. 7.5"))
        self.hours.setAccessibleName(str(text.get("hours", "")))
        self.hours.setMaximumWidth(theme.scaled(120))
        form.addRow(_form_label(str(text.get("hours", "")), self.hours), self.hours)
        self.nightmares = _count_box(str(text.get("nightmares", "")))
        form.addRow(_form_label(str(text.get("nightmares", "")), self.nightmares), self.nightmares)
        self.wakings = _count_box(str(text.get("wakings", "")))
        form.addRow(_form_label(str(text.get("wakings", "")), self.wakings), self.wakings)
        self.box.addLayout(form)
        self.quality = _rating_row(
            "quality",
            _tr("Sleep quality"),
            str(text.get("quality", "")),
            str(text.get("quality_low", "")),
            str(text.get("quality_high", "")),
        )
        self.box.addWidget(self.quality)
        self.distress = _rating_row(
            "nightmare_distress",
            _tr("Nightmare distress"),
            str(text.get("distress", "")),
            str(text.get("distress_low", "")),
            str(text.get("distress_high", "")),
        )
        self.box.addWidget(self.distress)
        self._add_actions(_tr("Save sleep"), _tr("Remove this night's entry"))
        self._finish_layout()
        self._load()
        self.hours.textEdited.connect(self._touched)
        self.nightmares.valueChanged.connect(self._touched)
        self.wakings.valueChanged.connect(self._touched)
        self.quality.changed.connect(self._touched)  # type: ignore[attr-defined]
        self.distress.changed.connect(self._touched)  # type: ignore[attr-defined]

    @property
    def entry(self) -> SleepEntry | None:
        """The stored night this card edits (None: not entered yet)."""
        return self.record

    def _load(self) -> None:
        e = self.record
        self.hours.setText("" if e is None or e.hours is None else f"{e.hours:g}")
        self.nightmares.setValue(-1 if e is None or e.nightmares is None else e.nightmares)
        self.wakings.setValue(-1 if e is None or e.wakings is None else e.wakings)
        self.quality.set_value(None if e is None else e.quality)  # type: ignore[attr-defined]
        self.distress.set_value(None if e is None else e.nightmare_distress)  # type: ignore[attr-defined]
        self.delete_button.setVisible(e is not None)
        self.status.setText(
            _tr("Saved for the night to {day}.").format(day=self.day.strftime("%a %d %b"))
            if e is not None
            else _tr("For the night to {day}.").format(day=self.day.strftime("%a %d %b"))
        )

    def collect(self) -> SleepEntry:
        hours = check_hours(self.hours.text(), _tr("Hours slept"))
        return SleepEntry(
            day=self.day,
            hours=hours,
            quality=self.quality.value(),  # type: ignore[attr-defined]
            nightmares=_count(self.nightmares),
            nightmare_distress=self.distress.value(),  # type: ignore[attr-defined]
            wakings=_count(self.wakings),
            uid=self.entry.uid if self.entry is not None else SleepEntry(self.day).uid,
            id=self.entry.id if self.entry is not None else None,
        )

    def _checked(self) -> SleepEntry:
        entry = self.collect()
        if entry.hours is None:
            raise FieldError("hours", _tr("Add the hours slept (a guess is fine)."))
        return entry

    def _write(self, record: SleepEntry) -> None:
        self.services.use.tracking.save_sleep(record)

    def _erase(self, record_id: int) -> None:
        self.services.use.tracking.delete_sleep(record_id)

    def flush(self) -> None:
        """Keep a night entered but not saved when leaving (valid input only: a wrong
        value shows its message when Save is pressed; nothing is half-stored)."""
        if not self.services.vault.is_open or not self.dirty or not self.hours.text().strip():
            return
        try:
            self.collect()
        except FieldError:
            return
        self.save()


# ----- substances and medication ----------------------------------------------------


class SubstancesEditor(TrackingCard):
    """Substances and medication changes since `since`: listed with Edit and Remove, and
    two small forms to add one (asked once, with the gentle note)."""

    def __init__(
        self, services: AppServices, since: datetime, until: datetime | None = None
    ) -> None:
        text = load_tracking_text()
        sub = text.section("substances")
        super().__init__(services, str(sub.get("title", "")), str(sub.get("intro", "")))
        self.text = text
        self.since = since
        self.until = until  # None: up to now
        note = plain_label(str(sub.get("note", "")), object_name="muted")
        note.setObjectName("gentleNote")
        note.setAccessibleName(_tr("A note about substances"))
        self.box.addWidget(note)
        self.editing_substance: SubstanceUse | None = None
        self.editing_medication: MedicationEvent | None = None

        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(6)
        self.box.addLayout(self.list_box)

        self.box.addSpacing(6)
        self.box.addWidget(plain_label(_tr("Add a substance"), object_name="formTitle"))
        sform = form_layout()
        self.kind = _short_combo()
        for kid, label in text.substance_kinds():
            self.kind.addItem(label, kid)
        self.kind.setAccessibleName(_tr("Which substance"))
        sform.addRow(_form_label(_tr("Substance"), self.kind), self.kind)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_tr("name, if you want to be specific"))
        self.name.setAccessibleName(_tr("Substance name"))
        sform.addRow(_form_label(_tr("Name (optional)"), self.name), self.name)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_tr("e.g. 2 glasses of wine"))
        self.amount.setAccessibleName(_tr("Amount"))
        sform.addRow(_form_label(_tr("Amount"), self.amount), self.amount)
        self.s_when = _when_edit(_tr("When the substance was taken"))
        sform.addRow(_form_label(_tr("When"), self.s_when), self.s_when)
        self.box.addLayout(sform)
        self.add_substance_button = button(_tr("Add substance"), accessible=_tr("Add substance"))
        self.add_substance_button.clicked.connect(self.save_substance)
        self.box.addLayout(button_row(self.add_substance_button))

        self.box.addSpacing(10)
        self.box.addWidget(plain_label(_tr("Add a medication change"), object_name="formTitle"))
        mform = form_layout()
        self.med_name = QLineEdit()
        self.med_name.setAccessibleName(_tr("Medication name"))
        mform.addRow(_form_label(_tr("Medication"), self.med_name), self.med_name)
        self.change = _short_combo()
        for change in MedicationChange:
            self.change.addItem(text.change_label(change), change.value)
        self.change.setAccessibleName(_tr("What changed"))
        mform.addRow(_form_label(_tr("What changed"), self.change), self.change)
        self.dose = QLineEdit()
        self.dose.setPlaceholderText(_tr("e.g. 50 mg daily"))
        self.dose.setAccessibleName(_tr("Dose"))
        mform.addRow(_form_label(_tr("Dose (optional)"), self.dose), self.dose)
        self.m_when = _when_edit(_tr("When the medication changed"))
        mform.addRow(_form_label(_tr("When"), self.m_when), self.m_when)
        self.box.addLayout(mform)
        self.add_medication_button = button(
            _tr("Add medication change"), accessible=_tr("Add medication change")
        )
        self.add_medication_button.clicked.connect(self.save_medication)
        self.box.addLayout(button_row(self.add_medication_button))
        self._finish_layout()
        self.reload()

    def reload(self) -> None:
        while self.list_box.count():
            item = self.list_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        first = self.since.date()
        last = self.until.date() if self.until is not None else None
        uses = self.repo.list_substances(first, last)
        events = self.repo.list_medication(first, last)
        if not uses and not events:
            self.list_box.addWidget(
                plain_label(_tr("Nothing noted since the session."), object_name="muted")
            )
        for use in uses:
            amount = f" – {use.amount}" if use.amount else ""
            line = f"{use.at.astimezone():%a %d %b, %H:%M}  {use.name}{amount}"
            self.list_box.addWidget(
                _item_row(
                    line,
                    use.name,
                    partial(self.edit_substance, use),
                    partial(self.delete_substance, use),
                )
            )
        for event in events:
            dose = f" – {event.dose}" if event.dose else ""
            what = self.text.change_label(event.change).lower()
            line = f"{event.at.astimezone():%a %d %b, %H:%M}  {event.name}: {what}{dose}"
            self.list_box.addWidget(
                _item_row(
                    line,
                    event.name,
                    partial(self.edit_medication, event),
                    partial(self.delete_medication, event),
                )
            )

    # substances

    def edit_substance(self, use: SubstanceUse) -> None:
        self.editing_substance = use
        index = self.kind.findData(use.kind)
        self.kind.setCurrentIndex(max(0, index))
        label = self.text.kind_label(use.kind)
        self.name.setText("" if use.name == label else use.name)
        self.amount.setText(use.amount)
        self.s_when.setDateTime(_qdt(use.at))
        self.add_substance_button.setText(_tr("Save changes"))
        self.name.setFocus()

    def save_substance(self) -> None:
        kind = str(self.kind.currentData())
        name = self.name.text().strip() or self.text.kind_label(kind).split(" (")[0]
        use = SubstanceUse(
            name=name, amount=self.amount.text(), at=_when_value(self.s_when), kind=kind
        )
        if self.editing_substance is not None:
            use.id, use.uid = self.editing_substance.id, self.editing_substance.uid
        self._save_item(
            partial(self.services.use.tracking.save_substance, use), self._substance_saved
        )

    def _substance_saved(self) -> None:
        self.editing_substance = None
        self.name.clear()
        self.amount.clear()
        self.add_substance_button.setText(_tr("Add substance"))

    def delete_substance(self, use: SubstanceUse) -> None:
        self._delete_item(partial(self.services.use.tracking.delete_substance, use.id or 0))

    # medication

    def edit_medication(self, event: MedicationEvent) -> None:
        self.editing_medication = event
        self.med_name.setText(event.name)
        self.change.setCurrentIndex(max(0, self.change.findData(event.change.value)))
        self.dose.setText(event.dose)
        self.m_when.setDateTime(_qdt(event.at))
        self.add_medication_button.setText(_tr("Save changes"))
        self.med_name.setFocus()

    def save_medication(self) -> None:
        event = MedicationEvent(
            name=self.med_name.text(),
            change=MedicationChange(str(self.change.currentData())),
            dose=self.dose.text(),
            at=_when_value(self.m_when),
        )
        if self.editing_medication is not None:
            event.id, event.uid = self.editing_medication.id, self.editing_medication.uid
        self._save_item(
            partial(self.services.use.tracking.save_medication, event),
            self._medication_saved,
            {"name": _tr("Add the medication's name.")},
        )

    def _medication_saved(self) -> None:
        self.editing_medication = None
        self.med_name.clear()
        self.dose.clear()
        self.add_medication_button.setText(_tr("Add medication change"))

    def delete_medication(self, event: MedicationEvent) -> None:
        self._delete_item(partial(self.services.use.tracking.delete_medication, event.id or 0))

    # both

    def _save_item(
        self,
        write: Callable[[], object],
        reset_form: Callable[[], None],
        wording: dict[str, str] | None = None,
    ) -> None:
        """Save one substance or medication change through `write`. A field the use case
        refuses is shown (in this card's words for the fields in `wording`) and the form
        keeps what was typed; otherwise the form is reset and the list shows the change."""
        try:
            write()
        except FieldError as exc:
            self.show_error((wording or {}).get(exc.field, str(exc)))
            return
        reset_form()
        self.reload()
        self._done(_tr("Saved."))

    def _delete_item(self, erase: Callable[[], object]) -> None:
        erase()
        self.reload()
        self._done(_tr("Removed."))

    def flush(self) -> None:
        """Nothing is kept half-typed here: a substance is added with its button."""


def _item_row(
    text: str, name: str, on_edit: Callable[[], None], on_delete: Callable[[], None]
) -> QWidget:
    widget = QWidget()
    row = flow_row()
    row.addWidget(plain_label(text))
    row.addStretch(1)
    edit = button(_tr("Edit"), accessible=_tr("Edit {name}").format(name=name))
    edit.setObjectName("editTracking")
    remove = button(_tr("Remove"), accessible=_tr("Remove {name}").format(name=name))
    remove.setObjectName("removeTracking")
    edit.clicked.connect(lambda _=False: on_edit())
    remove.clicked.connect(lambda _=False: on_delete())
    row.addWidget(edit)
    row.addWidget(remove)
    widget.setLayout(row)
    return widget


def _when_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
    edit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(300))
    edit.setAccessibleName(name)
    return edit


def _qdt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _when_value(edit: QDateTimeEdit) -> datetime:
    """The edit's local wall time as an aware datetime (to the minute)."""
    seconds = edit.dateTime().toSecsSinceEpoch()
    return datetime.fromtimestamp(seconds).astimezone().replace(second=0, microsecond=0)


# ----- where they appear ------------------------------------------------------------


def checkin_cards(services: AppServices, checkin: StoredCheckin) -> list[TrackingCard]:
    """The tracking cards a check-in shows: after-effects and substances on the same day
    and day 1 of a ketamine session, the sleep diary on the morning check-ins."""
    cards: list[TrackingCard] = []
    session: Session | None = (
        services.sessions.get(checkin.session_id) if checkin.session_id is not None else None
    )
    ketamine = session is not None and session.kind is SessionKind.KETAMINE
    day = checkin.due_at.astimezone().date()
    if checkin.phase in MORNING_PHASES and session is not None:
        cards.append(SleepEditor(services, day))
    if ketamine and checkin.phase in EFFECT_PHASES and session is not None:
        assert session.id is not None
        cards.append(
            EffectsEditor(
                services,
                session.id,
                phase=checkin.phase.value,
                phase_at=checkin.due_at.astimezone(),
                ask_unreal=checkin.phase is Phase.DAY_1,
            )
        )
        # From the day before the session to the day after this check-in: what it asks
        # about, without the weeks that came later.
        cards.append(
            SubstancesEditor(
                services, session.at - timedelta(days=1), checkin.due_at + timedelta(days=1)
            )
        )
    return cards


def sleep_today_section(services: AppServices) -> QWidget | None:
    """Today: the quick sleep entry for last night (the same night a morning check-in
    offers, so an entry made in either shows, to edit, in the other)."""
    if not services.vault.writable:
        return None
    return SleepEditor(services, now_local().date())


class SessionEffectsPanel(QWidget):
    """The after-effects of one session, on the Sessions page: each stored record
    (edit, remove) and a form for a new one."""

    closed = Signal()

    def __init__(self, services: AppServices, session: Session) -> None:
        super().__init__()
        assert session.id is not None
        self.services = services
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.editors: list[EffectsEditor] = []
        repo = services.use.tracking.repo
        for effects in repo.effects_for_session(session.id):
            next_day = effects_phase(session.at, effects.at) != "same_day"
            editor = EffectsEditor(services, session.id, effects=effects, ask_unreal=next_day)
            self.editors.append(editor)
            layout.addWidget(editor)
        if session.status is SessionStatus.DONE:
            next_day = effects_phase(session.at, now_local()) != "same_day"
            editor = EffectsEditor(services, session.id, ask_unreal=next_day)
            self.editors.append(editor)
            layout.addWidget(editor)


def effects_search_hint(services: AppServices, query: str) -> str:
    """For the journal's search: how many after-effect notes match too (listed below the
    count, each opening its session's After-effects page), or "" when none."""
    hits = services.use.tracking.repo.search_effects(query)
    if not hits:
        return ""
    if len(hits) == 1:
        return _tr("1 after-effects note (Sessions)")
    return _tr("{n} after-effects notes (Sessions)").format(n=len(hits))


# How many matching after-effect notes the journal's search lists as links.
EFFECTS_LINKS_SHOWN = 5


def effects_search_links(
    services: AppServices, query: str, on_open: Callable[[str], None]
) -> list[QPushButton]:
    """Link buttons for the after-effect notes matching `query`, newest match first:
    "After-effects, Sat 14 Nov: …snippet…"; clicked, `on_open(session_uid)`."""
    out = []
    for hit in services.use.tracking.repo.search_effects(query, EFFECTS_LINKS_SHOWN):
        uid = hit.effects.session_uid
        if not uid:
            continue
        when = day_text(hit.effects.at.astimezone().date())
        text = _tr("After-effects, {when}: {snippet}").format(when=when, snippet=hit.snippet)
        # "&&": an ampersand the patient typed is shown, not taken as a shortcut key.
        link = button(
            text.replace("&", "&&"),
            accessible=_tr("Open the after-effects of {when}").format(when=when),
        )
        link.setObjectName("link")
        link.setProperty("listed", True)  # one of a list: left-aligned, as the lines of a list
        link.setToolTip(_tr("Open this session's after-effects"))
        link.clicked.connect(lambda _=False, u=uid: on_open(u))
        out.append(link)
    return out


def session_effects_summary(services: AppServices, session_id: int) -> str:
    """One line for the Sessions page: the after-effects recorded for a session."""
    from integrate.core.tracking import effects_summary

    line = effects_summary(services.use.tracking.repo.effects_for_session(session_id))
    return _tr("After-effects: {line}").format(line=line) if line else ""


def session_effects_page(
    services: AppServices, session: Session, title: str, on_back: Callable[[], None]
) -> QWidget:
    """A page with a session's after-effects (entered, edited and removed there) and Back."""
    from PySide6.QtWidgets import QScrollArea

    from integrate.ui.widgets.common import page_layout, page_title

    page = QWidget()
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setAccessibleName(title)
    body = QWidget()
    layout = page_layout(body)
    layout.addWidget(page_title(title))
    panel = SessionEffectsPanel(services, session)
    layout.addWidget(panel)
    back = button(_tr("Back to sessions"), accessible=_tr("Back to sessions"))

    def leave() -> None:
        for editor in panel.editors:
            editor.flush()
        on_back()

    back.clicked.connect(leave)
    layout.addLayout(button_row(back))
    layout.addStretch(1)
    scroll.setWidget(body)
    outer.addWidget(scroll)
    page.setObjectName("sessionEffectsPage")
    page.panel = panel  # type: ignore[attr-defined]  # for tests and flushing
    return page
