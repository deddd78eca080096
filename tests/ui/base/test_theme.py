"""Themes follow the stored choice and the system; Appearance settings apply at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

from integrate.ui.base import theme
from integrate.ui.shell.pages import areas
from tests.ui.conftest import RunningApp


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
    from integrate.ui.settings.appearance_settings import AppearanceSection

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
    from integrate.ui.shell.pages import areas
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
    from integrate.ui.coping.exercises import find_exercise
    from integrate.ui.coping.player import PlayerDialog
    from integrate.ui.shell.pages import areas
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

    from integrate.ui.base.icons import icon

    app_instance = QApplication.instance()
    window = running_app.window
    nav = window.shell.nav
    normal = _icon_sizes(window)
    assert normal == (24, 16)  # Fusion's own sizes at 11 pt: the normal look is unchanged
    assert nav.width() == 209  # room for "Questionnaires" (it was "Measures": 190)
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
    assert _icon_sizes(window) == normal and nav.width() == 209
    # At 200% a 32 px icon is drawn on 64 device pixels, not a 32 px picture enlarged.
    sharp = icon("journal").pixmap(QSize(32, 32), 2.0)
    assert sharp.devicePixelRatio() == 2.0 and sharp.size() == QSize(64, 64)
    direct = icon("journal").pixmap(QSize(64, 64), 1.0)
    assert sharp.toImage().convertToFormat(direct.toImage().format()) == direct.toImage()


# -- a 22 pt desktop font (twice the 11 pt design base) in the first-run window


def clipped(root: QWidget) -> list[str]:
    """Visible text in `root` that does not fit where it is shown: a label, button or
    check box smaller than its font needs for its text (a word-wrapped one lower than
    its lines need), a combo or spin box whose field is narrower than its text, a line
    edit, combo or spin box lower than its text needs, a text editor showing fewer than
    MIN_EDITOR_LINES lines, a widget cut off at the side by what holds it, a scroll area
    that scrolls sideways, or widgets laid out over one another."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractScrollArea,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QStyle,
        QStyleOptionComboBox,
        QTextEdit,
    )

    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        name = type(w).__name__
        text = ""
        out += _overlapping(w)
        if isinstance(w, QAbstractScrollArea):
            # Text editors wrap their lines; anything else showing a sideways scroll bar
            # hides part of what it shows.
            if w.horizontalScrollBar().isVisible() and not isinstance(
                w, QTextEdit | QPlainTextEdit
            ):
                out.append(f"{name} {w.accessibleName()!r} scrolls sideways")
            if isinstance(w, QTextEdit | QPlainTextEdit) and not w.isReadOnly():
                # Somewhere to write needs room to see what was just written.
                lines = w.viewport().height() / w.fontMetrics().lineSpacing()
                if lines < MIN_EDITOR_LINES:
                    out.append(f"{name} {w.accessibleName()!r}: shows {lines:.1f} lines")
            continue
        if isinstance(w, QLineEdit | QComboBox | QAbstractSpinBox) and not isinstance(
            w.parentWidget(), QComboBox | QAbstractSpinBox
        ):
            # A field squeezed lower than its text: the letters are cut top and bottom.
            need_h = min(w.sizeHint().height(), w.minimumSizeHint().height())
            if w.height() < need_h:
                out.append(f"{name} {w.accessibleName()!r}: {w.height()} high, needs {need_h}")
        if isinstance(w, QLabel):
            text = w.text()
            if not text.strip():
                continue
            if w.wordWrap():
                need_w, need_h = w.minimumSizeHint().width(), w.heightForWidth(w.width())
            else:
                need_w, need_h = w.minimumSizeHint().width(), w.minimumSizeHint().height()
        elif isinstance(w, QAbstractButton):
            text = w.text()
            if not text.strip():
                continue
            need = w.minimumSizeHint()  # one line, or its longest word for wrapping ones
            need_w = need.width()
            need_h = w.heightForWidth(w.width()) if w.hasHeightForWidth() else need.height()
        elif isinstance(w, QComboBox):
            text = w.currentText()
            opt = QStyleOptionComboBox()
            w.initStyleOption(opt)
            field = w.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, w
            )
            # Qt's own size for a combo leaves its field a few pixels short of the text's
            # advance (the last letter's side bearing): allow for half a letter.
            fm = w.fontMetrics()
            if field.width() + fm.averageCharWidth() // 2 < fm.horizontalAdvance(text):
                out.append(f"{name} {text!r}: its field is {field.width()} wide")
            need_w, need_h = 0, 0
        elif isinstance(w, QAbstractSpinBox):
            text = w.text()
            need = w.fontMetrics().horizontalAdvance(text) + 4  # the editor's own margins
            if w.lineEdit().width() < need:
                out.append(f"{name} {text!r}: its field is {w.lineEdit().width()}, needs {need}")
            need_w, need_h = 0, 0
        else:
            continue
        if w.width() < need_w or w.height() < need_h:
            out.append(f"{name} {text[:40]!r}: {w.width()}x{w.height()}, needs {need_w}x{need_h}")
        region = w.visibleRegion()
        if not region.isEmpty() and region.boundingRect().width() < w.width():
            out.append(f"{name} {text[:40]!r}: cut off at the side")
    return out


# A text editor showing fewer lines than this is too small to write in.
MIN_EDITOR_LINES = 3


def _overlapping(parent: QWidget) -> list[str]:
    """Visible children that a layout placed over one another (e.g. a check box wrapped
    into a second line running into the button under it). Only children of a widget
    with a layout: scroll areas, tabs and combo boxes place their parts themselves."""
    if parent.layout() is None:
        return []
    shown = [
        c
        for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if c.isVisible() and not c.isWindow() and not c.geometry().isEmpty()
    ]
    out = []
    for n, one in enumerate(shown):
        for other in shown[n + 1 :]:
            if one.geometry().intersects(other.geometry()):
                out.append(
                    f"{type(one).__name__} {_named(one)!r} overlaps"
                    f" {type(other).__name__} {_named(other)!r}"
                )
    return out


def _named(w: QWidget) -> str:
    text = getattr(w, "text", None)
    return w.accessibleName() or (text() if callable(text) else "") or w.objectName()


@pytest.fixture
def large_text(qtbot, tmp_path, fast_kdf, monkeypatch) -> Iterator[RunningApp]:  # noqa: ANN001
    """The demo journal unlocked with a 22 pt desktop font, in the window's first-run size
    (1100x760 here: it grows with the text, but not beyond this small test screen)."""
    from tests.ui.conftest import make_vault, start_app

    app_instance = QApplication.instance()
    monkeypatch.setattr(theme, "system_point_size", lambda: 22.0)
    theme.apply_theme(app_instance, theme.LIGHT)
    try:
        app = start_app(qtbot, make_vault(tmp_path / "v", demo=True))
        assert (app.window.width(), app.window.height()) == (1100, 760)
        app.unlock()
        yield app
        app.controller.shutdown()
    finally:
        monkeypatch.undo()
        theme.apply_theme(app_instance, theme.LIGHT)


def _offenders(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in found.items() if v)


def test_no_text_is_cut_off_with_a_22pt_font(large_text: RunningApp) -> None:
    """Every area (and the sessions forms, the exercises' tabs, the top bar) at 22 pt in
    1100x760: nothing cut off, nothing behind a sideways scroll bar. Measures is checked
    on its own below."""
    from PySide6.QtWidgets import QTabWidget

    app = large_text
    found: dict[str, list[str]] = {}
    for area in areas():
        if area.key == "measures":
            continue
        page = app.area(area.key)
        app.settle(1)
        found[area.key] = clipped(page)
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                app.settle(1)
                found[f"{area.key}, {tabs.tabText(index)}"] = clipped(page)
            tabs.setCurrentIndex(0)
    found["top bar"] = clipped(app.window.findChild(QWidget, "topBar"))
    sessions = app.area("sessions")
    for name, start in (
        ("log a session", lambda: sessions.new_session()),
        ("therapy appointment", lambda: sessions.new_session(kind=_therapy(), planned=True)),
        ("new series", lambda: sessions.edit_series(None)),
    ):
        start()
        app.settle(1)
        found[f"sessions, {name}"] = clipped(sessions)
    sessions.show_overview()
    journal = app.area("journal")
    journal.new_entry()
    app.settle(1)
    found["journal, new entry"] = clipped(journal)
    assert not _offenders(found), _offenders(found)


def test_journal_entry_is_not_squashed_with_a_22pt_font(large_text: RunningApp) -> None:
    """An entry written for a check-in and linked to a session (title, when, the check-in
    link, the session line, body, tags, flag, Delete) open at 22 pt in 1100x760: every
    field at its full height, several lines to write in, nothing over anything else."""
    app = large_text
    journal = app.area("journal")
    linked = [
        e
        for e in app.services.entries.list_recent(limit=200)
        if e.checkin_id is not None and e.session_id is not None and e.title
    ]
    assert linked
    journal.open_entry(linked[0].id)
    app.settle(1)
    assert journal.editor.open_checkin.isVisible() and journal.editor.links.isVisible()
    found = {"journal, linked entry": clipped(journal)}
    assert not _offenders(found), _offenders(found)


def _therapy() -> object:
    from integrate.core.model import SessionKind

    return SessionKind.THERAPY


def test_dialogs_cut_no_text_off_with_a_22pt_font(large_text: RunningApp) -> None:
    """Help, About, Need help now, the exercise player and every step of the share
    wizard at 22 pt, each in its own first size."""
    from integrate.ui.coping.exercises import find_exercise
    from integrate.ui.coping.player import PlayerDialog
    from integrate.ui.shell.about import AboutDialog
    from integrate.ui.shell.help import HelpDialog

    app = large_text
    found: dict[str, list[str]] = {}
    app.window.help_page_button.click()
    app.settle(1)
    help_dialog = app.window.findChild(HelpDialog, "helpDialog")
    for row in range(help_dialog.list.count()):
        help_dialog.list.setCurrentRow(row)
        app.settle(1)
        found[f"help, topic {row}"] = clipped(help_dialog)
    help_dialog.about_button.click()
    app.settle(1)
    about = help_dialog.findChild(AboutDialog)
    found["about"] = clipped(about)
    about.close()
    help_dialog.close()

    app.controller.show_help()
    app.settle(1)
    help_now = app.window.findChild(QWidget, "helpNowDialog")
    found["need help now"] = clipped(help_now)
    help_now.close()

    player = PlayerDialog(app.services, find_exercise("extended_exhale"), app.window)
    player.show()
    app.settle(1)
    found["player, before"] = clipped(player)
    player.suds_before.set_value(6)
    player.begin()
    app.settle(1)
    found["player, step"] = clipped(player)
    player.reject_quietly()

    wizard = app.area("share").open_wizard()
    for index in range(len(wizard.steps) - 1):  # the last step saves a file
        if index == 3:  # the preview renders the real PDF in the background
            app.qtbot.waitUntil(lambda: wizard.preview_step.page_count > 0, timeout=30_000)
        app.settle(1)
        found[f"share wizard, step {index + 1}"] = clipped(wizard)
        wizard.next_button.click()
    app.settle(1)
    found[f"share wizard, step {len(wizard.steps)}"] = clipped(wizard)
    wizard.reject()
    assert not _offenders(found), _offenders(found)


def test_measures_trends_and_results_cut_no_text_off_with_a_22pt_font(
    large_text: RunningApp,
) -> None:
    """Measures' Trends (chart and table) and All results at 22 pt in 1100x760."""
    app = large_text
    page = app.area("measures")
    found: dict[str, list[str]] = {}
    page.tabs.setCurrentWidget(page.trends)
    for index in range(page.trends.tabs.count()):
        page.trends.tabs.setCurrentIndex(index)
        app.settle(1)
        found[f"trends, {page.trends.tabs.tabText(index)}"] = clipped(page)
    page.tabs.setCurrentWidget(page.table)
    app.settle(1)
    found["all results"] = clipped(page)
    assert not _offenders(found), _offenders(found)


def test_measures_home_tab_cuts_no_text_off_with_a_22pt_font(large_text: RunningApp) -> None:
    app = large_text
    page = app.area("measures")
    page.tabs.setCurrentIndex(0)
    app.settle(1)
    assert page.home_tab.due_buttons  # the demo suggests some: their heading is there too
    found = {"take a questionnaire": clipped(page)}
    assert not _offenders(found), _offenders(found)


def test_questionnaires_cut_no_text_off_with_a_22pt_font(large_text: RunningApp) -> None:
    """Every questionnaire's form, the crisis screen and a result at 22 pt in 1100x760."""
    app = large_text
    page = app.area("measures")
    found: dict[str, list[str]] = {}
    for iid in page.services.measures.instruments:
        form = page.start(iid)
        app.settle(1)
        found[f"form, {iid}"] = clipped(page)
    form = page.start("phq9")
    for number in range(1, 10):
        form.set_answer(number, 1)  # item 9 above 0: the crisis screen opens
    app.settle(1)
    crisis = page.crisis_screen
    assert crisis is not None and crisis.isVisible()
    found["crisis screen"] = clipped(crisis)
    crisis.accept()
    form.submit()
    app.settle(1)
    assert page.result_view is not None
    found["result, phq9"] = clipped(page)
    # The longest result: a total, four clusters, the note (no diagnostic wording, #14).
    form = page.start("pcl5_month")
    for number in range(1, len(form.items) + 1):
        form.set_answer(number, 4)
    form.submit()
    app.settle(1)
    assert page.result_view is not None and len(page.result_view.paragraphs) >= 3
    found["result, pcl5"] = clipped(page)
    page.go_home()
    assert not _offenders(found), _offenders(found)


def test_checkins_cut_no_text_off_with_a_22pt_font(large_text: RunningApp) -> None:
    """A check-in still to do (prompts, free writing, an entry listed under 'Also written
    for this check-in', the Done row), a same-day one (the safety card, a one-line box)
    and a finished Day 1 with its quick ratings, each open at 22 pt in 1100x760."""
    from integrate.core.model import CheckInState, Entry, Phase

    app = large_text
    today = app.area("today")
    repo = app.services.checkins
    due = repo.query(states=[CheckInState.DUE])[0]
    app.services.entries.add(
        Entry(
            body="Walked by the river after the session and felt the cold air. " * 4,
            title="A walk by the river",
            checkin_id=due.id,
            session_id=due.session_id,
        )
    )
    same_day = [c for c in repo.query() if c.phase is Phase.SAME_DAY][-1]
    day_1 = [c for c in repo.query(states=[CheckInState.DONE]) if c.phase is Phase.DAY_1][-1]
    found: dict[str, list[str]] = {}
    for name, checkin in (("to do", due), ("same day", same_day), ("day 1, done", day_1)):
        today.open_item(checkin.uid)
        app.settle(1)
        view = today.checkin_view
        assert view is not None
        if name == "to do":
            assert view.also_entries and view.prompts
        if name == "same day":
            assert view.safety_frame.isVisible()
        if name == "day 1, done":
            assert view.ratings
        found[f"check-in, {name}"] = clipped(view)
        view.leave()
        app.settle(1)
    assert not _offenders(found), _offenders(found)


def test_indicators_and_arrows_grow_with_the_text() -> None:
    """Check boxes, radio buttons, combo and spin arrows and tree arrows are as large as
    the text beside them: twice their 11 pt size at 22 pt, and unchanged at 11 pt."""
    normal = theme.stylesheet(theme.LIGHT, 11.0)
    large = theme.stylesheet(theme.LIGHT, 22.0)
    assert "width: 16px; height: 16px" in normal and "width: 32px; height: 32px" in large
    assert "border-radius: 9px" in normal and "border-radius: 17px" in large  # round radios
    assert "width: 20px; border: none" in normal and "width: 40px; border: none" in large
    assert "indicator-right" not in normal  # at 11 pt the tree keeps Fusion's own arrows
    assert "indicator-right-light.svg" in large and "qproperty-indentation: 40" in large


def test_window_sizes_follow_the_text_but_stay_on_the_screen(qapp, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QFont, QFontMetrics

    from integrate.ui.shell import main_window

    class Screen:
        def __init__(self, width: int, height: int) -> None:
            self.size = QRect(0, 0, width, height)

        def availableGeometry(self) -> QRect:  # noqa: N802 - as QScreen
            return self.size

    big, small = Screen(2560, 1600), Screen(1366, 740)
    assert main_window.first_run_size(big) == QSize(1100, 760)  # 11 pt: as it always was
    monkeypatch.setattr(theme, "_base_pt", 22.0)
    assert main_window.first_run_size(big) == QSize(2200, 1472)  # twice, up to 92% of it
    grown = main_window.first_run_size(small)
    assert grown.width() <= 1366 and grown.width() > 1100  # wider, never beyond the screen
    assert grown.height() == 760  # (never below the 11 pt size either)
    font = QFont(qapp.font())
    font.setPointSizeF(11.0)
    assert main_window.minimum_window_size(QFontMetrics(font), 190, big) == QSize(760, 540)
    font.setPointSizeF(22.0)
    large = main_window.minimum_window_size(QFontMetrics(font), 290, big)
    assert large.width() > 760 and large.height() > 540  # from the text's own size
    assert large.width() <= 1100 and large.height() <= 760  # the first-run window is allowed
    tiny = main_window.minimum_window_size(QFontMetrics(font), 290, Screen(700, 500))
    assert tiny.width() <= 700 and tiny.height() <= 500


def test_focus_does_not_change_a_controls_size(qtbot) -> None:
    """A focused control draws a thicker border inside the same box: a field that grew
    2 px on focus was squeezed below its text in the share wizard at 22 pt."""
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    theme.apply_theme(QApplication.instance(), theme.LIGHT)
    host = QWidget()
    box = QVBoxLayout(host)
    field = QLineEdit("Brother")
    plain = QPushButton("Tick all")
    primary = QPushButton("Next")
    primary.setObjectName("primary")
    rating = QPushButton("7")
    rating.setObjectName("rating")
    help_now = QPushButton("Need help now")
    help_now.setObjectName("helpNow")
    controls = (field, plain, primary, rating, help_now)
    for control in controls:
        box.addWidget(control)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    for control in controls:
        control.clearFocus()
        QApplication.processEvents()
        before = control.sizeHint()
        control.setFocus()
        qtbot.waitUntil(control.hasFocus, timeout=2000)
        control.style().unpolish(control)  # as Qt does on a state change, but at once
        control.style().polish(control)
        assert control.sizeHint() == before, control.text()


def test_widget_styles_follow_a_theme_switch(qtbot) -> None:
    """Issue 20: screens take their look from the app stylesheet, not a sheet of their own
    baked at construction: the reminder banner built in light turns dark with the theme."""
    from integrate.ui.reminders.reminders import ReminderBanner

    app = QApplication.instance()
    try:
        theme.apply_theme(app, theme.LIGHT)
        banner = ReminderBanner()
        qtbot.addWidget(banner)
        banner.resize(400, 60)
        banner.show()
        qtbot.waitExposed(banner)

        def background() -> str:
            return banner.grab().toImage().pixelColor(3, 3).name()

        assert background() == theme.LIGHT.banner
        theme.apply_theme(app, theme.DARK)
        QApplication.processEvents()
        assert background() == theme.DARK.banner
    finally:
        theme.apply_theme(app, theme.LIGHT)


def test_no_screen_sets_a_stylesheet_of_its_own() -> None:
    """Issue 20: one stylesheet (the theme's); a widget's own sheet goes stale on a theme
    or text-size change and repeats rules."""
    from pathlib import Path

    import integrate.ui

    root = Path(integrate.ui.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "theme.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".setStyleSheet(" in line
    ]
    assert offenders == []
