"""Walk every screen: each focusable control has a name a screen reader can announce,
the main areas and "Need help now" have shortcuts, Tab reaches the help button and the
navigation, and focus is visible in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QRadioButton,
    QTabBar,
    QWidget,
)

from integrate.ui.base import theme
from integrate.ui.shell.pages import areas
from integrate.vault.keystore import Keystore
from tests.ui.conftest import make_vault, start_app


def _focusable(root: QWidget) -> list[QWidget]:
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or not w.isEnabled():
            continue
        if not w.isVisibleTo(root.window()) or not w.isVisible():
            continue
        # The inner editor of a spin/date box is announced through its parent.
        parent = w.parentWidget()
        if isinstance(w, QLineEdit) and parent is not None and parent.focusProxy() is w:
            continue
        if w.focusProxy() is not None:
            continue
        found.append(w)
    return found


def _name(w: QWidget) -> str:
    name = w.accessibleName().strip()
    if not name and isinstance(w, QAbstractButton):
        name = w.text().replace("&", "").strip()
    if not name and isinstance(w, QTabBar) and w.count():
        # Each tab is announced by its text.
        name = "tabs" if all(w.tabText(i).strip() for i in range(w.count())) else ""
    return name


def unnamed(root: QWidget) -> list[str]:
    """Focusable, visible, enabled widgets without an accessible name."""
    out = []
    for w in _focusable(root):
        if not _name(w):
            parent = w.parentWidget()
            where = parent.objectName() or type(parent).__name__ if parent else ""
            out.append(f"{type(w).__name__}#{w.objectName() or '?'} in {where}")
    return out


def _dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]


def test_every_area_names_its_controls(demo_app) -> None:
    offenders: dict[str, list[str]] = {}
    for area in areas():
        page = demo_app.area(area.key)
        demo_app.settle()
        missing = unnamed(page)
        if missing:
            offenders[area.key] = missing
    top = unnamed(demo_app.window.findChild(QWidget, "topBar"))
    if top:
        offenders["top bar"] = top
    nav = demo_app.window.shell.nav
    if not nav.accessibleName():
        offenders["nav"] = ["nav"]
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_need_help_now_names_its_controls(demo_app) -> None:
    demo_app.controller.show_help()
    demo_app.settle()
    dialog = demo_app.window.findChild(QWidget, "helpNowDialog")
    assert dialog is not None and dialog.isVisible()
    missing = unnamed(dialog)
    dialog.close()
    assert not missing, f"Need help now: {missing}"


def test_onboarding_and_unlock_name_their_controls(qtbot, tmp_path: Path, fast_kdf) -> None:
    from integrate.paths import VaultPaths

    app = start_app(qtbot, VaultPaths(tmp_path / "new"), keystore=Keystore(backend=fail.Keyring()))
    screen = app.window.screens.currentWidget()
    offenders = {}
    # Each onboarding page in turn (the stack shows one at a time).
    from PySide6.QtWidgets import QStackedWidget

    pages = screen.findChild(QStackedWidget)
    count = pages.count() if pages is not None else 1
    for index in range(count):
        if pages is not None:
            pages.setCurrentIndex(index)
        app.settle(1)
        missing = unnamed(screen)
        if missing:
            offenders[f"onboarding page {index}"] = missing
    app.controller.shutdown()
    app2 = start_app(qtbot, make_vault(tmp_path / "v"))
    missing = unnamed(app2.window.screens.currentWidget())
    if missing:
        offenders["unlock"] = missing
    app2.controller.shutdown()
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_shortcuts_for_areas_help_now_and_help(demo_app) -> None:
    from PySide6.QtGui import QShortcut

    keys = {s.key().toString() for s in demo_app.window.findChildren(QShortcut)}
    for area in areas():
        assert area.shortcut in keys, area.key
    assert "F1" in keys  # Need help now
    assert "Shift+F1" in keys  # in-app help
    for index, area in enumerate(areas()):
        sc = next(
            s
            for s in demo_app.window.findChildren(QShortcut)
            if s.key().toString() == area.shortcut
        )
        sc.activated.emit()
        demo_app.settle(1)
        assert demo_app.window.shell.current_key() == area.key, index


def _tab_cycle(app, start: QWidget, limit: int = 400) -> list[QWidget]:
    """Widgets focus visits pressing Tab from `start` until it comes back around."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    current = start
    for _ in range(limit):
        nxt = current.nextInFocusChain()
        # Walk the chain as Tab would: skip what cannot take Tab focus.
        while nxt is not current and not (
            nxt.focusPolicy() & Qt.FocusPolicy.TabFocus
            and nxt.isVisible()
            and nxt.isEnabled()
            and nxt.window() is start.window()
            and nxt.focusProxy() is None
        ):
            nxt = nxt.nextInFocusChain()
        if nxt is start or nxt in seen:
            break
        seen.append(nxt)
        current = nxt
    return seen


@pytest.mark.parametrize("key", [a.key for a in areas()])
def test_tab_reaches_help_and_navigation_from_every_area(demo_app, key: str) -> None:
    page = demo_app.area(key)
    demo_app.settle(1)
    start = next(iter(_focusable(page)), page)
    cycle = _tab_cycle(demo_app, start)
    window = demo_app.window
    assert window.help_button in cycle, f"{key}: Tab never reaches Need help now"
    assert window.shell.nav in cycle, f"{key}: Tab never reaches the navigation"
    assert window.help_page_button in cycle, f"{key}: Tab never reaches Help"


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_focus_is_visible_in_both_themes(demo_app, palette: theme.Palette) -> None:
    """A focused button, field and nav list look different from unfocused ones."""
    from PySide6.QtWidgets import QPushButton

    app = QApplication.instance()
    theme.apply_theme(app, palette)
    try:
        window = demo_app.window
        demo_app.area("journal")
        demo_app.settle(1)
        window.activateWindow()
        targets = [window.lock_button, window.shell.nav]
        field = window.shell.page("journal").findChild(QLineEdit)
        if field is not None and field.isVisible():
            targets.append(field)
        for w in targets:
            other = window.help_button if w is not window.help_button else window.lock_button
            other.setFocus()
            demo_app.settle(1)
            before = w.grab().toImage()
            w.setFocus(Qt.FocusReason.TabFocusReason)
            demo_app.settle(1)
            assert w.hasFocus() or not isinstance(w, QPushButton)
            after = w.grab().toImage()
            assert before != after, f"{palette.name}: focus not visible on {type(w).__name__}"
    finally:
        theme.apply_theme(app, theme.LIGHT)


def test_measures_chart_has_a_table_twin(demo_app) -> None:
    from PySide6.QtWidgets import QTableView, QTableWidget

    page = demo_app.area("measures")
    demo_app.settle()
    tables = page.findChildren(QTableWidget) + page.findChildren(QTableView)
    assert tables, "the measures area offers no table alternative to its charts"
    assert any(t.accessibleName() for t in tables)


def test_help_and_about_name_their_controls(demo_app) -> None:
    from integrate.ui.shell.about import AboutDialog
    from integrate.ui.shell.help import HelpDialog

    demo_app.window.help_page_button.click()
    demo_app.settle(1)
    dialog = demo_app.window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    missing = unnamed(dialog)
    dialog.about_button.click()
    demo_app.settle(1)
    about = dialog.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    missing += unnamed(about)
    about.close()
    dialog.close()
    assert not missing, f"Help/About: {missing}"


def test_checkins_name_their_controls(demo_app) -> None:
    """One check-in of every phase the demo journal holds (prompts, ratings, safety card)."""
    from integrate.core.model import CheckInState

    page = demo_app.area("today")
    repo = demo_app.services.checkins
    by_phase = {}
    for c in repo.query(states=[CheckInState.DONE, CheckInState.MISSED, CheckInState.DUE]):
        by_phase.setdefault(c.phase, c)
    assert len(by_phase) >= 4, by_phase.keys()
    offenders = {}
    for phase, c in by_phase.items():
        page.open_item(c.uid)
        demo_app.settle(1)
        assert page.checkin_view is not None and page.checkin_view.isVisible()
        missing = unnamed(page.checkin_view)
        if missing:
            offenders[phase.value] = missing
        page.checkin_view.leave()
        demo_app.settle(1)
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_player_names_its_controls_on_every_page(demo_app) -> None:
    """Rating, caution, a typed-answer step, the breathing step, the after rating, done."""
    from integrate.core.player import PlayerState
    from integrate.ui.coping.exercises import find_exercise
    from integrate.ui.coping.player import PlayerDialog

    offenders: dict[str, list[str]] = {}
    visited: list[str] = []

    def check(dialog: PlayerDialog, where: str) -> None:
        demo_app.settle(1)
        visited.append(where)
        missing = unnamed(dialog)
        if missing:
            offenders[where] = missing

    for exercise_id in ("orienting", "breathing_478"):
        exercise = find_exercise(exercise_id)
        assert exercise is not None, exercise_id
        dialog = PlayerDialog(demo_app.services, exercise, demo_app.window)
        dialog.show()
        check(dialog, f"{exercise_id}: before")
        dialog.begin()
        if dialog.player.state is PlayerState.CAUTION:
            check(dialog, f"{exercise_id}: caution")
            dialog.acknowledge_caution()
        seen = set()
        while dialog.player.state in (PlayerState.STEP, PlayerState.PAUSED):
            kind = dialog.player.current_step.kind
            if kind not in seen:
                seen.add(kind)
                check(dialog, f"{exercise_id}: step {kind.value}")
            dialog.next()
        assert dialog.player.state is PlayerState.SUDS_AFTER
        check(dialog, f"{exercise_id}: after")
        dialog.finish()
        check(dialog, f"{exercise_id}: done")
        dialog.accept()
    for page in ("caution", "step text_entry", "step breathing", "after", "done"):
        assert any(page in v for v in visited), (page, visited)
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_questionnaires_result_and_crisis_screen_name_their_controls(demo_app) -> None:
    page = demo_app.area("measures")
    offenders: dict[str, list[str]] = {}
    for instrument_id in page.services.measures.instruments:
        form = page.start(instrument_id)
        demo_app.settle(1)
        missing = unnamed(form)
        if missing:
            offenders[instrument_id] = missing
    form = page.start("phq9")
    for number in range(1, 10):
        form.set_answer(number, 1)
    demo_app.settle(1)
    if page.crisis_screen is not None and page.crisis_screen.isVisible():
        missing = unnamed(page.crisis_screen)
        if missing:
            offenders["crisis screen"] = missing
        page.crisis_screen.back_button.click()
    form.submit_button.click()
    demo_app.settle(1)
    assert page.result_view is not None
    missing = unnamed(page.result_view)
    if missing:
        offenders["result"] = missing
    page.go_home()
    for index in range(page.tabs.count()):  # Take a questionnaire, Trends, All results
        page.tabs.setCurrentIndex(index)
        demo_app.settle(1)
        missing = unnamed(page)
        if missing:
            offenders[f"tab {page.tabs.tabText(index)}"] = missing
    assert not offenders, "\n".join(f"{k}: {v}" for k, v in offenders.items())


def test_share_wizard_names_its_controls_on_every_step(demo_app) -> None:
    wizard = demo_app.area("share").open_wizard()
    offenders: dict[int, list[str]] = {}
    for index in range(len(wizard.steps)):
        assert wizard.index == index
        if index == 3:  # the preview renders the real PDF in the background
            demo_app.qtbot.waitUntil(lambda: wizard.preview_step.page_count > 0, timeout=30_000)
        demo_app.settle(1)
        missing = unnamed(wizard)
        if missing:
            offenders[index + 1] = missing
        if index < len(wizard.steps) - 1:
            wizard.next_button.click()
            demo_app.settle(1)
    wizard.reject()
    assert not offenders, "\n".join(f"step {k}: {v}" for k, v in offenders.items())


def _tab_order_problems(app, root: QWidget) -> list[str]:
    """Tab from the first control of `root`: every focusable control inside it is reached,
    and they come top to bottom (left to right within a row)."""
    from PySide6.QtCore import QPoint

    inside = _focusable(root)
    if not inside:
        return ["nothing focusable"]
    cycle = [w for w in _tab_cycle(app, inside[0]) if w is root or root.isAncestorOf(w)]
    cycle = [inside[0], *[w for w in cycle if w is not inside[0]]]

    def reached(w: QWidget) -> bool:
        if w in cycle:
            return True
        # Tab enters a group of radio buttons once; the arrows move within it.
        if isinstance(w, QRadioButton):
            group = w.group()
            mates = group.buttons() if group is not None else w.parentWidget().children()
            return any(m in cycle for m in mates if isinstance(m, QRadioButton))
        return False

    problems = [f"unreachable: {type(w).__name__} {_name(w)!r}" for w in inside if not reached(w)]
    from PySide6.QtWidgets import QAbstractScrollArea

    def place(w: QWidget) -> tuple[QWidget | None, int]:
        """The scroll area `w` is in (None: none inside root) and its height there: in the
        area's content for scrolled controls, else in `root`."""
        parent = w.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, QAbstractScrollArea):
                return parent, w.mapTo(parent, QPoint(0, 0)).y()
            parent = parent.parentWidget()
        return None, w.mapTo(root, QPoint(0, 0)).y()

    def region_top(area: QWidget | None, y: int) -> int:
        return y if area is None else area.mapTo(root, QPoint(0, 0)).y()

    last = None
    for w in cycle:
        area, y = place(w)
        if last is not None:
            last_area, last_y, last_name = last
            if area is last_area:
                up = y + w.height() <= last_y  # wholly above the last one
            else:  # compare where the two regions start
                up = region_top(area, y) + 8 <= region_top(last_area, last_y)
            if up:
                problems.append(
                    f"goes back up to {type(w).__name__} {_name(w)!r} after {last_name!r}"
                )
        last = (area, y, _name(w))
    return problems


def test_tab_order_of_checkin_form_player_and_wizard(demo_app) -> None:
    from integrate.core.model import CheckInState
    from integrate.ui.coping.exercises import find_exercise
    from integrate.ui.coping.player import PlayerDialog

    problems: dict[str, list[str]] = {}
    today = demo_app.area("today")
    done = demo_app.services.checkins.query(states=[CheckInState.DONE])
    today.open_item(done[-1].uid)
    demo_app.settle(1)
    problems["check-in"] = _tab_order_problems(demo_app, today.checkin_view)
    today.checkin_view.leave()

    measures = demo_app.area("measures")
    form = measures.start("gad7")
    demo_app.settle(1)
    problems["questionnaire"] = _tab_order_problems(demo_app, form)
    measures.go_home()

    exercise = find_exercise("orienting")
    dialog = PlayerDialog(demo_app.services, exercise, demo_app.window)
    dialog.show()
    demo_app.settle(1)
    problems["player"] = _tab_order_problems(demo_app, dialog)
    dialog.reject_quietly()

    wizard = demo_app.area("share").open_wizard()
    for index in range(3):
        demo_app.settle(1)
        problems[f"wizard step {index + 1}"] = _tab_order_problems(demo_app, wizard)
        wizard.next_button.click()
    wizard.reject()
    problems = {k: v for k, v in problems.items() if v}
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
