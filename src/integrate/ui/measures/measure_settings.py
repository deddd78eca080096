"""Settings → Questionnaires: which ones are suggested, and how often.

The schedule itself (a starting point before a series, regular ones during it, one at
its end, then less often) comes from `resources/instruments/cadence.toml`; here the
patient chooses the questionnaires and the two intervals, or turns suggestions off.
Choices are kept inside the encrypted vault: which questionnaires someone takes says
something about them. Taking any questionnaire at any time stays possible either way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from integrate.core.measures import Instrument
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.common import form_layout, plain_label
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.measures import MeasureSettings


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeasureSettings", text)


def _family_label(family: str, instruments: dict[str, Instrument]) -> str:
    known = {
        "pcl5": _tr("PCL-5 (PTSD symptoms)"),
        "phq9": _tr("PHQ-9 (mood)"),
        "gad7": _tr("GAD-7 (worry and anxiety)"),
    }
    if family in known:
        return known[family]
    # An instrument added as data only: its own short name.
    member = next((i for i in instruments.values() if i.family == family), None)
    return member.short_name if member else family


class MeasureSection(QGroupBox):
    """Suggested questionnaires: on/off, which ones, and the two intervals."""

    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Questionnaires"))
        self.services = services
        layout = QVBoxLayout(self)
        self.suggest = WrapCheckBox(_tr("Suggest questionnaires on Today and in reminders"))
        self.suggest.setAccessibleName(self.suggest.text())
        layout.addWidget(self.suggest)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(28, 0, 0, 0)
        instruments = services.measures.instruments
        self.families: dict[str, QCheckBox] = {}
        for family in services.measures.suggested_families():
            box: QCheckBox = WrapCheckBox(_family_label(family, instruments))
            box.setAccessibleName(box.text())
            details.addWidget(box)
            self.families[family] = box
        form = form_layout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.weekly = self._spin("weekly_days", _tr("During a series, every"))
        self.monthly = self._spin("monthly_days", _tr("After a series, every"))
        form.addRow(_tr("During a series, every"), self.weekly)
        form.addRow(_tr("After a series (or with none), every"), self.monthly)
        details.addLayout(form)
        layout.addWidget(self.details)
        layout.addWidget(
            plain_label(
                _tr(
                    "A starting point before each series and one at its end are suggested as "
                    "well. You can take any questionnaire at any time under Questionnaires, whatever "
                    "is chosen here."
                ),
                object_name="muted",
            )
        )
        self.refresh()
        self.suggest.toggled.connect(self._save)
        for box in self.families.values():
            box.toggled.connect(self._save)
        self.weekly.valueChanged.connect(self._save)
        self.monthly.valueChanged.connect(self._save)

    @staticmethod
    def _spin(key: str, accessible: str) -> QSpinBox:
        lo, hi = MeasureSettings.LIMITS[key]
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setSuffix(_tr(" days"))
        spin.setAccessibleName(accessible)
        spin.setMinimumWidth(theme.scaled(110))
        return spin

    def refresh(self) -> None:
        """Show the stored settings (without saving them back)."""
        current = self.services.measures.settings()
        widgets: list[QCheckBox | QSpinBox] = [self.suggest, self.weekly, self.monthly]
        widgets += list(self.families.values())
        for w in widgets:
            w.blockSignals(True)
        self.suggest.setChecked(current.suggest)
        for family, box in self.families.items():
            box.setChecked(family not in current.off)
        self.weekly.setValue(current.weekly_days)
        self.monthly.setValue(current.monthly_days)
        for w in widgets:
            w.blockSignals(False)
        self.details.setEnabled(current.suggest)

    def current(self) -> MeasureSettings:
        return MeasureSettings(
            suggest=self.suggest.isChecked(),
            off=tuple(sorted(f for f, box in self.families.items() if not box.isChecked())),
            weekly_days=self.weekly.value(),
            monthly_days=self.monthly.value(),
        )

    def _save(self) -> None:
        settings = self.current()
        self.details.setEnabled(settings.suggest)
        self.services.measures.save_settings(settings)
        # Today's card, the Measures area and the reminders follow at once.
        self.services.notify("measures")
