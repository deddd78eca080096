"""The patient's own exercise numbers, in neutral sentences (worded here, not in core)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from integrate.core.what_helps import ExerciseStats


def _tr(text: str) -> str:
    return QCoreApplication.translate("Exercises", text)


def _times(count: int) -> str:
    if count == 1:
        return _tr("once")
    if count == 2:
        return _tr("twice")
    return _tr("{n} times").format(n=count)


def describe_stats(stats: ExerciseStats | None) -> str:
    """One or two neutral sentences about the patient's own use of an exercise."""
    if stats is None or stats.count == 0:
        return _tr("You have not used this yet.")
    used = _times(stats.count)
    if stats.rated_count == 0 or stats.average_before is None or stats.average_after is None:
        return _tr("You used this {used}. There are no before-and-after ratings yet.").format(
            used=used
        )
    if stats.rated_count == 1:
        text = _tr("The one time you rated this, your distress went from {before} to {after}.")
        text = text.format(before=f"{stats.average_before:.0f}", after=f"{stats.average_after:.0f}")
    else:
        text = _tr(
            "On average your distress went from {before} to {after} across {n} times you used this."
        ).format(
            before=f"{stats.average_before:.1f}",
            after=f"{stats.average_after:.1f}",
            n=stats.rated_count,
        )
    if stats.rated_count < stats.count:
        text += " " + _tr("You used it {used} in all.").format(used=used)
    return text


def last_used_text(stats: ExerciseStats | None, today: date) -> str:
    """ "Last used today", "yesterday", or on a date; empty if never used."""
    if stats is None or stats.last_used is None:
        return ""
    day = stats.last_used.date()
    if day == today:
        return _tr("Last used today.")
    if (today - day).days == 1:
        return _tr("Last used yesterday.")
    shown = f"{day.day} {QLocale().monthName(day.month)} {day.year}"
    return _tr("Last used on {day}.").format(day=shown)
