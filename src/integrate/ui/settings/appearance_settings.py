"""Settings > Appearance: light, dark or follow the system; reduce motion."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout

from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.widgets.common import form_layout, plain_label
from integrate.ui.widgets.flow import WrapCheckBox


def _tr(text: str) -> str:
    return QCoreApplication.translate("Appearance", text)


class AppearanceSection(QGroupBox):
    """Stored in preferences (outside the vault): nothing here is sensitive."""

    def __init__(self, services: AppServices) -> None:
        super().__init__(_tr("Appearance"))
        self.services = services
        layout = QVBoxLayout(self)
        form = form_layout()
        self.theme = QComboBox()
        self.theme.setAccessibleName(_tr("Colours"))
        for key, label in (
            ("system", _tr("Follow my computer")),
            ("light", _tr("Light")),
            ("dark", _tr("Dark")),
        ):
            self.theme.addItem(label, key)
        current = theme.pref_text(services.prefs, theme.THEME_PREF, "system")
        self.theme.setCurrentIndex(max(0, self.theme.findData(current)))
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        form.addRow(_tr("Colours"), self.theme)
        layout.addLayout(form)
        self.reduce_motion = WrapCheckBox(
            _tr("Reduce motion (still pictures instead of moving animations)")
        )
        self.reduce_motion.setAccessibleName(_tr("Reduce motion"))
        self.reduce_motion.setChecked(theme.pref_flag(services.prefs, theme.REDUCE_MOTION_PREF))
        self.reduce_motion.toggled.connect(self._motion_toggled)
        layout.addWidget(self.reduce_motion)
        layout.addWidget(
            plain_label(_tr("Text size follows your computer's settings."), object_name="muted")
        )

    def _theme_chosen(self, _index: int) -> None:
        theme.set_theme_choice(str(self.theme.currentData()), self.services.prefs)

    def _motion_toggled(self, on: bool) -> None:
        self.services.prefs.setValue(theme.REDUCE_MOTION_PREF, on)
        self.services.prefs.sync()
        theme.set_reduce_motion(on)
        self.services.notify("settings")
