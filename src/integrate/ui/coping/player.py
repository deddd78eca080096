"""The exercise player: distress before, an optional caution, the steps, distress after.

A thin Qt skin over `core.player.ExercisePlayer`: a QTimer calls `tick()` (about
30 times a second while a step runs) and the screen shows whatever the state
machine says. Fully keyboard operable:

- Space pauses and resumes, Right or Enter goes on, Left goes back,
- Esc stops at any time (during the steps the after rating is still offered),
- digits 0-9 (and Left/Right, Home/End) choose the distress rating.

An optional soft sound (off by default, `ui/coping/sound_cue.py`) marks each change of
breath and each timed step that moves on by itself; where no audio output exists
the box explains that and the exercise runs the same.

Typed answers stay in memory and are saved only when the patient ticks
"Save my answers" at the end. The run itself (exercise, variant, duration,
finished or not, ratings, note) is stored in the vault once it ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from integrate.core.distress_followup import load_rules
from integrate.core.exercises import Exercise, StepKind, Variant
from integrate.core.pacer import describe_pattern
from integrate.core.player import ExercisePlayer, PlayerEvent, PlayerState, RunRecord
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.coping.sound_cue import SoundCue
from integrate.ui.widgets.common import button, flow_row, page_title, plain_label, text_sized
from integrate.ui.widgets.distress_followup import FollowUpCard
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.ui.widgets.pacer import PacerWidget
from integrate.ui.widgets.suds import SudsPicker

REDUCE_MOTION_PREF = "ui/reduce_motion"
SOUND_PREF = "ui/pacer_sound"
FRAME_MS = 33  # ~30 fps: smooth for a slowly growing circle, light on the CPU
STILL_FRAME_MS = 250  # reduce motion: only labels and the countdown change

# The clock players use unless one is passed in (tests replace it with a fake one).
default_clock: Callable[[], float] = time.monotonic


def _tr(text: str) -> str:
    return QCoreApplication.translate("Player", text)


def pref_bool(services: AppServices, key: str, default: bool = False) -> bool:
    """QSettings hands back "true"/"false" strings on some platforms."""
    value = services.prefs.value(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class PlayerDialog(QDialog):
    """Guides one run of `exercise`. Emits `run_saved(uid)` after storing the run."""

    run_saved = Signal(str)

    PAGE_BEFORE, PAGE_CAUTION, PAGE_STEP, PAGE_AFTER, PAGE_DONE = range(5)

    def __init__(
        self,
        services: AppServices,
        exercise: Exercise,
        parent: QWidget | None = None,
        *,
        variant: str | None = None,
        clock: Callable[[], float] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("playerDialog")
        self.setWindowTitle(_tr("Exercise"))  # neutral: no exercise names in window titles
        self.setModal(True)
        self.resize(text_sized(820, 640, parent))  # larger with larger text
        self.services = services
        self.exercise = exercise
        self.runs = services.use.coping.runs
        self._clock = clock if clock is not None else default_clock
        self._now = now
        self.reduce_motion = pref_bool(services, REDUCE_MOTION_PREF)
        self.saved_uid: str | None = None
        self._entered_steps = False
        self._answer_fields: list[QLineEdit] = []
        self.sound = SoundCue(self)
        self.sound.problem.connect(self._sound_problem)
        self.player = self._new_player(variant)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        for build in (
            self._build_before,
            self._build_caution,
            self._build_step,
            self._build_after,
            self._build_done,
        ):
            self.pages.addWidget(self._scrolling(build()))

        self.timer = QTimer(self)
        self.timer.setInterval(STILL_FRAME_MS if self.reduce_motion else FRAME_MS)
        self.timer.timeout.connect(self.tick)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._show_page(self.PAGE_BEFORE)
        if self.sound_box.isChecked():
            self.sound.check()  # turned on earlier: say now if this computer cannot play it

    # ----- building ------------------------------------------------------------------

    def _new_player(self, variant: str | None) -> ExercisePlayer:
        kwargs: dict[str, Any] = {"caution_seen": self.runs.caution_seen(self.exercise.id)}
        if self._now is not None:
            kwargs["now"] = self._now
        return ExercisePlayer(self.exercise, variant, self._clock, **kwargs)

    @staticmethod
    def _scrolling(page: QWidget) -> QScrollArea:
        """`page` in a scroll area: on a low screen with large text it scrolls rather than
        squeezing its buttons and words. (The player takes the keys itself: the area
        needs no focus of its own.)"""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(page)
        page.setAutoFillBackground(False)  # (setWidget turns it on) the dialog's own shows
        scroll.viewport().setAutoFillBackground(False)
        return scroll

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        return page, layout

    def _build_before(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(page_title(self.exercise.title))
        layout.addWidget(plain_label(self.exercise.summary))
        self.variant_box = QComboBox()
        self.variant_box.setAccessibleName(_tr("Version of this exercise"))
        for v in self.exercise.variants:
            self.variant_box.addItem(self._variant_text(v), v.id)
        self.variant_box.setCurrentIndex(self.variant_box.findData(self.player.variant.id))
        self.variant_box.currentIndexChanged.connect(self._variant_changed)
        # The box fills its row; its longest version no longer sets the dialog's width.
        self.variant_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.variant_box.setMinimumContentsLength(16)
        versions = QHBoxLayout()
        self.variant_label = plain_label(_tr("Version"), wrap=False)
        self.variant_label.setBuddy(self.variant_box)
        versions.addWidget(self.variant_label)
        versions.addWidget(self.variant_box, 1)
        several = len(self.exercise.variants) > 1
        self.variant_box.setVisible(several)
        self.variant_label.setVisible(several)
        layout.addLayout(versions)
        # Shown when the box is too narrow for the versions' descriptions (large text).
        self.variant_note = plain_label("", object_name="muted")
        self.variant_note.setVisible(False)
        layout.addWidget(self.variant_note)
        self.variant_box.installEventFilter(self)
        if self.exercise.tip:
            layout.addWidget(plain_label(self.exercise.tip, object_name="muted"))
        question = plain_label(_tr("How much distress do you feel right now?"))
        theme.text_role(question, "display")
        layout.addSpacing(8)
        layout.addWidget(question)
        self.suds_before = SudsPicker()
        layout.addWidget(self.suds_before)
        layout.addWidget(
            plain_label(
                _tr(
                    "Press a number key, then Enter. There is no right answer; it only helps you see "
                    "later what tends to help."
                ),
                object_name="muted",
            )
        )
        layout.addStretch(1)
        row = flow_row()
        self.before_cancel = button(_tr("Not now"))
        self.before_cancel.clicked.connect(self.stop)
        self.skip_before = button(_tr("Skip the rating"))
        self.skip_before.clicked.connect(lambda: self.begin(skip_rating=True))
        self.begin_button = button(_tr("Begin"), primary=True)
        self.begin_button.clicked.connect(lambda: self.begin())
        row.addWidget(self.before_cancel)
        row.addStretch(1)
        row.addWidget(self.skip_before)
        row.addWidget(self.begin_button)
        layout.addLayout(row)
        return page

    def _build_caution(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(page_title(_tr("Before you start")))
        self.caution_text = plain_label(self.exercise.caution or "", object_name="notice")
        theme.text_role(self.caution_text, "lead")
        self.caution_text.setAccessibleName(_tr("Caution"))
        layout.addWidget(self.caution_text)
        layout.addWidget(
            plain_label(
                _tr("You will see this once. You can stop at any moment with Esc."),
                object_name="muted",
            )
        )
        layout.addStretch(1)
        row = flow_row()
        self.caution_back = button(_tr("Not now"))
        self.caution_back.clicked.connect(self.stop)
        self.caution_ok = button(_tr("I understand, go on"), primary=True)
        self.caution_ok.clicked.connect(self.acknowledge_caution)
        row.addStretch(1)
        row.addWidget(self.caution_back)
        row.addWidget(self.caution_ok)
        layout.addLayout(row)
        return page

    def _build_step(self) -> QWidget:
        page, layout = self._page()
        top = flow_row()
        self.step_count_label = plain_label("", object_name="muted")
        top.addWidget(self.step_count_label)
        top.addStretch(1)
        self.sound_box = WrapCheckBox(_tr("Soft sound at each change"))
        self.sound_box.setAccessibleName(_tr("Soft sound at each change"))
        self.sound_box.setToolTip(
            _tr(
                "A quiet tone when the breath changes or a timed step moves on. Off unless you turn it on."
            )
        )
        self.sound_box.setAccessibleDescription(self.sound_box.toolTip())
        self.sound_box.setChecked(pref_bool(self.services, SOUND_PREF))
        self.sound_box.toggled.connect(self._sound_toggled)
        top.addWidget(self.sound_box)
        layout.addLayout(top)
        self.sound_note = plain_label("", object_name="muted")
        self.sound_note.setAccessibleName(_tr("About the sound"))
        self.sound_note.setVisible(False)
        layout.addWidget(self.sound_note)
        self.step_text = plain_label("", object_name="stepText")
        # The app stylesheet sets a base size on every widget; a style rule wins over setFont.
        theme.text_role(self.step_text, "instruction")
        self.step_text.setMinimumHeight(theme.scaled(60))
        # No accessible name: a label's name is what screen readers speak, so it stays the
        # step's own words (a fixed "Step" hid them over AT-SPI).
        layout.addWidget(self.step_text)
        self.pattern_text = plain_label("", object_name="muted")
        layout.addWidget(self.pattern_text)
        self.pacer = PacerWidget(reduce_motion=self.reduce_motion)
        layout.addWidget(self.pacer, 1)
        self.fields_box = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_box)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields_box)
        self.fields_hint = plain_label(
            _tr(
                "Typing is optional. Your answers are kept only if you choose to save them at the "
                "end."
            ),
            object_name="muted",
        )
        layout.addWidget(self.fields_hint)
        self.step_status = plain_label("", object_name="muted")
        layout.addWidget(self.step_status)
        self.step_spacer = QWidget()
        layout.addWidget(self.step_spacer, 1)
        row = flow_row()
        self.back_button = button(_tr("Back"), accessible=_tr("Back (Left arrow)"))
        self.back_button.clicked.connect(self.back)
        self.stop_button = button(_tr("Stop (Esc)"), accessible=_tr("Stop (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.pause_button = button(_tr("Pause (Space)"), accessible=_tr("Pause (Space)"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button = button(_tr("Next"), primary=True, accessible=_tr("Next (Right arrow)"))
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.back_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        row.addWidget(self.pause_button)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        return page

    def _build_after(self) -> QWidget:
        page, layout = self._page()
        self.after_title = page_title(_tr("How much distress do you feel now?"))
        layout.addWidget(self.after_title)
        self.suds_after = SudsPicker()
        layout.addWidget(self.suds_after)
        layout.addWidget(
            plain_label(
                _tr("Press a number key, then Enter. Esc leaves without a rating."),
                object_name="muted",
            )
        )
        self.note = QLineEdit()
        self.note.setPlaceholderText(_tr("A short note for yourself (optional)"))
        self.note.setAccessibleName(_tr("Note (optional)"))
        layout.addWidget(self.note)
        self.save_answers = WrapCheckBox(_tr("Save my answers with this exercise"))
        self.save_answers.setAccessibleName(_tr("Save my answers"))
        self.save_answers.setChecked(False)
        layout.addWidget(self.save_answers)
        layout.addStretch(1)
        row = flow_row()
        self.skip_after = button(_tr("Skip the rating"))
        self.skip_after.clicked.connect(lambda: self.finish(skip_rating=True))
        self.save_button = button(_tr("Save"), primary=True)
        self.save_button.clicked.connect(lambda: self.finish())
        row.addStretch(1)
        row.addWidget(self.skip_after)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        return page

    def _build_done(self) -> QWidget:
        page, layout = self._page()
        layout.addWidget(page_title(_tr("Thank you for taking this time")))
        self.done_text = plain_label("")
        theme.text_role(self.done_text, "lead")
        layout.addWidget(self.done_text)
        self.followup: FollowUpCard | None = None  # offered once, after a high ending
        self._followup_slot = QVBoxLayout()
        layout.addLayout(self._followup_slot)
        layout.addStretch(1)
        row = flow_row()
        self.close_button = button(_tr("Close"), primary=True)
        self.close_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        return page

    # ----- flow ------------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        focus = {
            self.PAGE_BEFORE: self.suds_before,
            self.PAGE_CAUTION: self.caution_ok,
            self.PAGE_STEP: self.next_button,
            self.PAGE_AFTER: self.suds_after,
            self.PAGE_DONE: self.close_button,
        }[index]
        focus.setFocus()

    def _variant_changed(self) -> None:
        if self.player.state is PlayerState.SUDS_BEFORE:
            self.player = self._new_player(str(self.variant_box.currentData()))
        self._fit_variants()

    @staticmethod
    def _variant_text(variant: Variant, *, short: bool = False) -> str:
        label = variant.title
        if variant.description and not short:
            label += f" - {variant.description}"
        if variant.has_breath_holds:
            label += " " + _tr("(holds the breath)")
        return label

    def _fit_variants(self) -> None:
        """Each version with its description while the box has room for the longest;
        otherwise the titles alone, and the chosen one's description under the box."""
        box = self.variant_box
        variants = self.exercise.variants
        opt = QStyleOptionComboBox()
        box.initStyleOption(opt)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        fm = box.fontMetrics()
        fits = all(fm.horizontalAdvance(self._variant_text(v)) <= field.width() for v in variants)
        for index, v in enumerate(variants):
            box.setItemText(index, self._variant_text(v, short=not fits))
        current = next((v for v in variants if v.id == box.currentData()), None)
        note = current.description if current is not None and not fits else ""
        self.variant_note.setText(note)
        self.variant_note.setVisible(bool(note) and box.isVisibleTo(self))

    def begin(self, *, skip_rating: bool = False) -> None:
        if self.player.state is not PlayerState.SUDS_BEFORE:
            return
        self.player.start(None if skip_rating else self.suds_before.value())
        if self.player.state is PlayerState.CAUTION:
            self._show_page(self.PAGE_CAUTION)
        else:
            self._enter_steps()

    def acknowledge_caution(self) -> None:
        if self.player.state is not PlayerState.CAUTION:
            return
        self.runs.mark_caution_seen(self.exercise.id)
        self.player.acknowledge_caution()
        self._enter_steps()

    def _enter_steps(self) -> None:
        self._entered_steps = True
        self._show_page(self.PAGE_STEP)
        self._render_step()
        self.timer.start()

    def next(self) -> None:
        if self.player.state is PlayerState.PAUSED:
            self.player.resume()
        self._keep_answers()
        self.player.next()
        self._after_move()

    def back(self) -> None:
        if self.player.state is PlayerState.PAUSED:
            self.player.resume()
        self._keep_answers()
        self.player.back()
        self._after_move()

    def toggle_pause(self) -> None:
        self.player.toggle_pause()
        self._after_move()

    def stop(self) -> None:
        """Esc: stop now. During the steps the after rating is still offered."""
        state = self.player.state
        if state in (PlayerState.STEP, PlayerState.PAUSED):
            self._keep_answers()
        if state is PlayerState.SUDS_AFTER:
            self.finish(skip_rating=True, close=True)
            return
        if self.player.is_over:
            self.accept()
            return
        self.player.stop()
        if self.player.is_over:  # stopped before the steps began: nothing to store
            self.timer.stop()
            self.reject_quietly()
            return
        self._after_move()

    def tick(self) -> None:
        events = self.player.tick()
        # A cue when the breath changes, or when a timed step moved on by itself (the
        # patient may have their eyes closed); never for their own key presses.
        if events and self.sound_box.isChecked():
            self.sound.play()
        if PlayerEvent.STEP_CHANGED in events or PlayerEvent.STEPS_DONE in events:
            self._after_move()
        else:
            self._update_live()

    def _sound_toggled(self, on: bool) -> None:
        self.services.prefs.setValue(SOUND_PREF, bool(on))
        if on:
            self.sound.reset()
            self.sound.play()  # a preview: what it sounds like, and whether it can play at all
        else:
            self.sound_note.setVisible(False)

    def _sound_problem(self, reason: str) -> None:
        """Sound cannot play here: say so plainly and leave the box unticked (the saved
        choice stays, so the cue returns once an audio output is back)."""
        self.sound_note.setText(reason)
        self.sound_note.setVisible(True)
        self.sound_box.blockSignals(True)
        self.sound_box.setChecked(False)
        self.sound_box.blockSignals(False)

    def _after_move(self) -> None:
        state = self.player.state
        if state in (PlayerState.STEP, PlayerState.PAUSED):
            if self.pages.currentIndex() != self.PAGE_STEP:
                self._show_page(self.PAGE_STEP)
            self._render_step()
        elif state is PlayerState.SUDS_AFTER:
            self.timer.stop()
            self._prepare_after()
            self._show_page(self.PAGE_AFTER)

    def _keep_answers(self) -> None:
        step = self.player.current_step
        if step is not None and step.kind is StepKind.TEXT_ENTRY and self._answer_fields:
            self.player.set_answers([f.text() for f in self._answer_fields])

    def _render_step(self) -> None:
        step = self.player.current_step
        if step is None:
            return
        index = self.player.step_index
        self.step_count_label.setText(
            _tr("Step {i} of {n}").format(i=index + 1, n=self.player.step_count)
        )
        self.step_text.setText(step.text)
        breathing = step.kind is StepKind.BREATHING and self.player.variant.breathing is not None
        self.pacer.setVisible(breathing)
        self.step_spacer.setVisible(not breathing)
        if breathing and self.player.variant.breathing is not None:
            self.pattern_text.setText(describe_pattern(self.player.variant.breathing))
        self.pattern_text.setVisible(breathing and self.reduce_motion)
        # The cue marks changes that come by themselves: breaths and timed steps.
        variant = self.player.variant
        self.sound_box.setVisible(
            variant.breathing is not None or any(s.seconds is not None for s in variant.steps)
        )
        # Text-entry fields, refilled with anything typed before (e.g. after Back).
        for field in self._answer_fields:
            field.deleteLater()
        self._answer_fields = []
        if step.kind is StepKind.TEXT_ENTRY:
            previous = self.player.answers_for(index)
            for n in range(step.entry_count):
                field = QLineEdit()
                field.setPlaceholderText(step.placeholder or _tr("Type if you like"))
                field.setAccessibleName(_tr("Answer {n}").format(n=n + 1))
                if n < len(previous):
                    field.setText(previous[n])
                self.fields_layout.addWidget(field)
                self._answer_fields.append(field)
        self.fields_box.setVisible(bool(self._answer_fields))
        self.fields_hint.setVisible(bool(self._answer_fields))
        self.back_button.setEnabled(index > 0)
        last = index == self.player.step_count - 1
        self.next_button.setText(_tr("Finish") if last else _tr("Next"))
        if self._answer_fields:
            self._answer_fields[0].setFocus()
        elif not self.next_button.hasFocus():
            self.next_button.setFocus()
        self._update_live()

    def _update_live(self) -> None:
        """What changes while a step runs: the pacer, the countdown, pause state."""
        paused = self.player.state is PlayerState.PAUSED
        self.pause_button.setText(_tr("Resume (Space)") if paused else _tr("Pause (Space)"))
        self.pause_button.setAccessibleName(self.pause_button.text())
        if self.pacer.isVisible() or self.player.pacer() is not None:
            self.pacer.set_state(self.player.pacer(), paused=paused)
        step = self.player.current_step
        remaining = self.player.step_remaining()
        if paused:
            status = _tr("Paused. Press Space to go on, or Esc to stop.")
        elif step is not None and step.kind is StepKind.OPT_OUT_POINT:
            status = _tr("You can stop here (Esc), or go on when you are ready (Right arrow).")
        elif remaining is not None and (step is None or step.kind is not StepKind.BREATHING):
            status = _tr("Moves on by itself in {s} s. Take your time.").format(
                s=int(remaining + 0.999)
            )
        elif step is not None and step.kind is StepKind.BREATHING and remaining is not None:
            minutes, seconds = divmod(int(remaining + 0.999), 60)
            status = _tr("About {m}:{s:02d} left.").format(m=minutes, s=seconds)
        else:
            status = _tr("Go on when you are ready.")
        self.step_status.setText(status)

    def _prepare_after(self) -> None:
        has_answers = any(
            any(v.strip() for v in self.player.answers_for(i))
            for i in range(self.player.step_count)
        )
        self.save_answers.setVisible(has_answers)

    def finish(self, *, skip_rating: bool = False, close: bool = False) -> None:
        """Record the after rating and note, store the run, show the closing page."""
        if self.player.state is not PlayerState.SUDS_AFTER:
            return
        rating = None if skip_rating else self.suds_after.value()
        self.player.finish(rating, self.note.text())
        record = self.player.result(
            save_answers=self.save_answers.isChecked() and not self.save_answers.isHidden()
        )
        self._store(record)
        if close:
            self.accept()
            return
        self.done_text.setText(self._done_summary(record))
        self._offer_followup(record)
        self._show_page(self.PAGE_DONE)

    def _offer_followup(self, record: RunRecord) -> None:
        """Distress still high at the end: another exercise, Need help now, or "I'm OK"."""
        rules = load_rules()
        if self.followup is not None or not rules.after_exercise(
            record.suds_before, record.suds_after
        ):
            return
        self.followup = FollowUpCard(rules, exercise_text=_tr("Try another exercise"))
        self.followup.another_exercise.connect(self._another_exercise)
        self.followup.help_now.connect(self.services.help_now_requested.emit)
        self.followup.dismissed.connect(self.close_button.setFocus)
        self._followup_slot.addWidget(self.followup)
        self.followup.show()

    def _another_exercise(self) -> None:
        """A different gentle exercise (the patient's own best first), in place of this one."""
        from integrate.core.exercises import shipped_exercises
        from integrate.core.what_helps import summarise_runs, top_picks

        picks = top_picks(summarise_runs(self.runs.list_runs()), list(shipped_exercises()), n=3)
        other = next((p for p in picks if p.exercise.id != self.exercise.id), None)
        parent = self.parentWidget()
        self.accept()
        if other is not None:
            self.next_player = open_player(self.services, other.exercise, parent)

    def _store(self, record: RunRecord) -> None:
        self.runs.add(record)
        self.saved_uid = record.uid
        self.services.notify("exercises")
        self.run_saved.emit(record.uid)

    @staticmethod
    def _done_summary(record: RunRecord) -> str:
        if record.suds_before is not None and record.suds_after is not None:
            text = _tr("Before: {b} out of 10. Now: {a} out of 10.").format(
                b=record.suds_before, a=record.suds_after
            )
        else:
            text = _tr("Saved without a full before-and-after rating.")
        return text + "\n\n" + _tr('This is saved in "What helps me", only for you.')

    # ----- closing -------------------------------------------------------------------

    def reject_quietly(self) -> None:
        self._cleanup()
        super().reject()

    def reject(self) -> None:
        """Closing the window mid-run still keeps the run (stopped, no after rating)."""
        if not self.player.is_over and self._entered_steps:
            if self.player.state is not PlayerState.SUDS_AFTER:
                self._keep_answers()
                self.player.stop()
            if self.player.state is PlayerState.SUDS_AFTER:
                self.player.finish(None, self.note.text())
                self._store(self.player.result(save_answers=False))
        self._cleanup()
        super().reject()

    def accept(self) -> None:
        self._cleanup()
        super().accept()

    def _cleanup(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # ----- keys ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if watched is self.variant_box and event.type() == QEvent.Type.Resize:
            self._fit_variants()  # (the versions box is watched for its width too)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self or not self.isVisible():
            return False
        assert isinstance(event, QKeyEvent)
        return self._handle_key(event, watched)

    def _handle_key(self, event: QKeyEvent, target: QWidget) -> bool:
        key = event.key()
        page = self.pages.currentIndex()
        if key == Qt.Key.Key_F1:
            # "Need help now" opens over the player (main_window.HelpKeyOverDialogs):
            # the exercise waits, paused, until the patient comes back to it. Started
            # from "Need help now", the player closes instead (controller.show_help).
            if self.player.state is PlayerState.STEP:
                self.toggle_pause()
            return False
        typing = isinstance(target, QLineEdit)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if key == Qt.Key.Key_Escape:
            self.stop()
            return True
        if page == self.PAGE_STEP:
            if typing:
                if enter:
                    self._enter_in_field(target)
                    return True
                return False
            if key == Qt.Key.Key_Space and target is not self.sound_box:
                self.toggle_pause()
                return True
            if key == Qt.Key.Key_Right or (enter and not self._other_button(target)):
                self.next()
                return True
            if key == Qt.Key.Key_Left:
                self.back()
                return True
            return False
        if enter and not self._other_button(target) and not isinstance(target, QComboBox):
            if page == self.PAGE_BEFORE:
                self.begin()
            elif page == self.PAGE_CAUTION:
                self.acknowledge_caution()
            elif page == self.PAGE_AFTER:
                self.finish()
            elif page == self.PAGE_DONE:
                self.accept()
            return True
        return False

    def _other_button(self, target: QWidget) -> bool:
        """A focused button other than the page's main one handles its own Enter."""
        main = (
            self.next_button,
            self.begin_button,
            self.caution_ok,
            self.save_button,
            self.close_button,
        )
        return (
            isinstance(target, QAbstractButton)
            and target not in main
            and not isinstance(target, QCheckBox)
        )

    def _enter_in_field(self, field: QWidget) -> None:
        if field in self._answer_fields:
            index = self._answer_fields.index(field)
            if index + 1 < len(self._answer_fields):
                self._answer_fields[index + 1].setFocus()
                return
            self.next()
        elif field is self.note:
            self.finish()


def open_player(
    services: AppServices, exercise: Exercise, parent: QWidget | None = None, **kwargs: Any
) -> PlayerDialog:
    """Open the player window-modal over `parent` and return it (does not block)."""
    dialog = PlayerDialog(services, exercise, parent, **kwargs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
