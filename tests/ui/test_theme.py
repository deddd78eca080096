"""Themes follow the stored choice and the system; Appearance settings apply at once."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from integrate.ui import theme


def _window_colour() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def test_palette_for_choice_and_system() -> None:
    assert theme.palette_for("light", system_dark=True) is theme.LIGHT
    assert theme.palette_for("dark", system_dark=False) is theme.DARK
    assert theme.palette_for("system", system_dark=True) is theme.DARK
    assert theme.palette_for("system", system_dark=False) is theme.LIGHT


def test_install_reads_choice_before_unlock_and_follows_system(qapp, tmp_path, monkeypatch) -> None:
    prefs = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    prefs.setValue(theme.THEME_PREF, "dark")
    try:
        manager = theme.install_theme(qapp, prefs)
        assert _window_colour() == theme.DARK.window
        # "system": a desktop switching to dark is followed, an explicit choice is not.
        manager.set_choice("system")
        monkeypatch.setattr(theme, "system_is_dark", lambda: True)
        manager._system_changed(Qt.ColorScheme.Dark)
        assert _window_colour() == theme.DARK.window
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        manager._system_changed(Qt.ColorScheme.Light)
        assert _window_colour() == theme.LIGHT.window
        manager.set_choice("dark")
        manager._system_changed(Qt.ColorScheme.Light)
        assert _window_colour() == theme.DARK.window
        assert (
            QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat).value(theme.THEME_PREF)
            == "dark"
        )
    finally:
        theme.install_theme(qapp, None)
        theme.apply_theme(qapp, theme.LIGHT)


def test_fonts_never_below_minimum_and_follow_a_larger_system_font(qapp, monkeypatch) -> None:
    monkeypatch.setattr(theme, "system_point_size", lambda: 16.0)
    theme.apply_theme(qapp, theme.LIGHT)
    assert "font-size: 16pt" in qapp.styleSheet()
    assert qapp.font().pointSizeF() >= 16
    monkeypatch.undo()
    theme.apply_theme(qapp, theme.LIGHT)
    assert theme.system_point_size() >= theme.MIN_POINT_SIZE
    assert f"font-size: {theme.system_point_size():g}pt" in qapp.styleSheet()


def test_appearance_settings_switch_theme_and_motion(running_app) -> None:
    from integrate.ui.appearance_settings import AppearanceSection

    page = running_app.area("settings")
    section = page.findChild(AppearanceSection)
    assert section is not None
    try:
        section.theme.setCurrentIndex(section.theme.findData("dark"))
        assert _window_colour() == theme.DARK.window
        assert running_app.services.prefs.value(theme.THEME_PREF) == "dark"
        section.reduce_motion.setChecked(True)
        assert theme.pref_flag(running_app.services.prefs, theme.REDUCE_MOTION_PREF)
        assert not QApplication.isEffectEnabled(Qt.UIEffect.UI_AnimateCombo)
    finally:
        section.reduce_motion.setChecked(False)
        theme.apply_theme(QApplication.instance(), theme.LIGHT)


def test_window_size_and_last_area_remembered(qtbot, tmp_path, fast_kdf) -> None:
    from tests.ui.conftest import make_vault, start_app

    paths = make_vault(tmp_path / "v")
    app = start_app(qtbot, paths)
    app.unlock()
    app.window.resize(770, 590)
    app.area("measures")
    app.controller.shutdown()
    app.window.close()
    again = start_app(qtbot, paths)
    assert (again.window.width(), again.window.height()) == (770, 590)
    again.unlock()
    assert again.window.shell.current_key() == "measures"
    text = (paths.root / "preferences.ini").read_text()
    assert "last_area=measures" in text
    again.controller.shutdown()


# Everything Integrate may keep outside the vault (preferences.ini), none of it sensitive.
ALLOWED_PREFERENCES = {
    "window/geometry",
    "ui/last_area",
    "ui/theme",
    "ui/reduce_motion",
    "ui/pacer_sound",
    "crisis/country",
    "security/autolock_minutes",
    "autostart/neutral_name",
    "share/folder",
}


def test_preferences_hold_nothing_from_the_journal(qtbot, tmp_path, fast_kdf) -> None:
    """After using every area, preferences.ini has only the allowed keys and no words
    from the journal (titles, bodies, intentions, names)."""
    from integrate.core.model import CheckInState
    from integrate.ui.pages import areas
    from tests.ui.conftest import make_vault, start_app

    paths = make_vault(tmp_path / "v", demo=True)
    app = start_app(qtbot, paths)
    app.unlock()
    for area in areas():
        app.area(area.key)
    today = app.area("today")
    done = app.services.checkins.query(states=[CheckInState.DONE])
    today.open_item(done[-1].uid)
    app.settle(1)
    words = [e.title for e in app.services.entries.list_recent(limit=50) if e.title]
    words += [s.intention for s in app.services.sessions.list() if s.intention]
    app.area("journal")
    app.controller.shutdown()
    app.window.close()
    prefs = QSettings(str(paths.root / "preferences.ini"), QSettings.Format.IniFormat)
    keys = set(prefs.allKeys())
    assert keys, "nothing was remembered at all"
    assert keys <= ALLOWED_PREFERENCES, keys - ALLOWED_PREFERENCES
    text = (paths.root / "preferences.ini").read_text()
    assert words and not [w for w in words if w in text]


def _smallest_labels(root, base: float, floor: float) -> list[str]:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    small = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        size = label.font().pointSizeF()
        if 0 < size < base * floor:
            small.append(f"{label.text()[:40]!r} {size:g}pt")
    return small


def test_every_screen_grows_with_a_large_system_font(
    qtbot, tmp_path, fast_kdf, monkeypatch
) -> None:
    """With an 18 pt desktop font no text stays at a fixed small size: headings, answers
    and notes scale with it (none below 80% of the body text, as 9 pt is of 11 pt)."""
    from integrate.core.model import CheckInState
    from integrate.ui.exercises import find_exercise
    from integrate.ui.pages import areas
    from integrate.ui.player import PlayerDialog
    from tests.ui.conftest import make_vault, start_app

    app_instance = QApplication.instance()
    monkeypatch.setattr(theme, "system_point_size", lambda: 18.0)
    theme.apply_theme(app_instance, theme.LIGHT)
    try:
        app = start_app(qtbot, make_vault(tmp_path / "v", demo=True))
        app.unlock()
        offenders: dict[str, list[str]] = {}
        for area in areas():
            page = app.area(area.key)
            app.settle(1)
            offenders[area.key] = _smallest_labels(page, 18.0, 0.8)
        today = app.area("today")
        done = app.services.checkins.query(states=[CheckInState.DONE])
        today.open_item(done[-1].uid)
        app.settle(1)
        offenders["check-in"] = _smallest_labels(today.checkin_view, 18.0, 0.8)
        form = app.area("measures").start("phq9")
        app.settle(1)
        offenders["questionnaire"] = _smallest_labels(form, 18.0, 0.8)
        dialog = PlayerDialog(app.services, find_exercise("orienting"), app.window)
        dialog.show()
        app.settle(1)
        offenders["player"] = _smallest_labels(dialog, 18.0, 0.8)
        dialog.reject_quietly()
        app.controller.show_help()
        app.settle(1)
        help_now = app.window.findChild(QWidget, "helpNowDialog")
        offenders["need help now"] = _smallest_labels(help_now, 18.0, 0.8)
        help_now.close()
        app.controller.shutdown()
        offenders = {k: v for k, v in offenders.items() if v}
        assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())
    finally:
        monkeypatch.undo()
        theme.apply_theme(app_instance, theme.LIGHT)


def test_widget_sheets_scale_points_only(monkeypatch) -> None:
    monkeypatch.setattr(theme, "_base_pt", 22.0)
    assert theme.css("font-size: 13pt; min-width: 34px; padding: 4.5pt") == (
        "font-size: 26pt; min-width: 34px; padding: 9pt"
    )
    monkeypatch.setattr(theme, "_base_pt", theme.MIN_POINT_SIZE)
    assert theme.css("font-size: 13pt;") == "font-size: 13pt;"


def test_dialog_buttons_carry_no_style_icons(qtbot) -> None:
    """Fusion's stock Close/OK icons are black pictures, unreadable on the dark theme and
    not our monochrome set: dialog buttons show words only."""
    from PySide6.QtWidgets import QDialogButtonBox

    app = QApplication.instance()
    theme.apply_theme(app, theme.DARK)
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Ok
        )
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        for b in box.buttons():
            assert b.icon().isNull(), b.text()
    finally:
        theme.apply_theme(app, theme.LIGHT)


def _icon_sizes(window) -> tuple[int, int]:  # noqa: ANN001
    """(navigation icon, top-bar button icon) in logical pixels, as Qt paints them."""
    from PySide6.QtWidgets import QStyle

    nav = window.shell.nav
    # A list view without its own iconSize paints decorations at this metric.
    nav_px = nav.style().pixelMetric(QStyle.PixelMetric.PM_ListViewIconSize, None, nav)
    return nav_px, window.help_button.iconSize().width()


def test_icons_grow_with_a_large_desktop_font(running_app, monkeypatch) -> None:
    """Icons scale like the text (22 pt is twice the 11 pt design base); the navigation
    widens so no area name is cut off; icons are drawn at the screen's own resolution."""
    from PySide6.QtCore import QSize

    from integrate.ui.icons import icon

    app_instance = QApplication.instance()
    window = running_app.window
    nav = window.shell.nav
    normal = _icon_sizes(window)
    assert normal == (24, 16)  # Fusion's own sizes at 11 pt: the normal look is unchanged
    assert nav.width() == 190
    monkeypatch.setattr(theme, "system_point_size", lambda: 22.0)
    theme.apply_theme(app_instance, theme.LIGHT)
    try:
        running_app.settle(2)
        assert _icon_sizes(window) == (48, 32)
        assert nav.sizeHintForColumn(0) <= nav.viewport().width()  # every name fits
        assert not nav.horizontalScrollBar().isVisible()
        row = nav.visualItemRect(nav.item(0))
        assert row.height() >= 48  # the icon fits in its row
    finally:
        monkeypatch.undo()
        theme.apply_theme(app_instance, theme.LIGHT)
    running_app.settle(2)
    assert _icon_sizes(window) == normal and nav.width() == 190
    # At 200% a 32 px icon is drawn on 64 device pixels, not a 32 px picture enlarged.
    sharp = icon("journal").pixmap(QSize(32, 32), 2.0)
    assert sharp.devicePixelRatio() == 2.0 and sharp.size() == QSize(64, 64)
    direct = icon("journal").pixmap(QSize(64, 64), 1.0)
    assert sharp.toImage().convertToFormat(direct.toImage().format()) == direct.toImage()
