"""The window frame: a top bar with "Need help now" on every screen, and a stack of screens.

Screens: onboarding (first run), unlock, the main shell (navigation + areas) and
the read-only recovery screen. The window title is always the neutral app name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from integrate import APP_NAME
from integrate.ui.base import theme
from integrate.ui.base.context import AppServices
from integrate.ui.base.icons import app_icon, icon
from integrate.ui.shell.pages import Area, areas
from integrate.ui.widgets.common import button, plain_label, text_sized


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


FIRST_RUN_SIZE = QSize(1100, 760)  # at the 11 pt design base
SMALLEST_SIZE = QSize(760, 540)
# With large text the window may not get narrower than the navigation and this many
# average characters beside it, nor lower than this many lines of text.
MIN_CONTENT_CHARS = 40
MIN_LINES = 18


def first_run_size(screen: QScreen | None) -> QSize:
    """The window's size before any is remembered: 1100x760 at 11 pt, larger with larger
    desktop text (in proportion), but growing no further than the screen's free area."""
    return text_sized(FIRST_RUN_SIZE.width(), FIRST_RUN_SIZE.height(), screen)


def minimum_window_size(metrics: QFontMetrics, nav_width: int, screen: QScreen | None) -> QSize:
    """The smallest the window may be made: room for the navigation and a short line of
    text beside it, and a screenful of lines, in the text's own size (never below
    760x540, never beyond the screen's free area)."""
    size = QSize(
        nav_width + MIN_CONTENT_CHARS * metrics.averageCharWidth(),
        MIN_LINES * metrics.lineSpacing(),
    ).expandedTo(SMALLEST_SIZE)
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size())
    return size


class NavList(QListWidget):
    """The list of areas: as wide as its longest name needs, and never narrower than
    on an 11 pt desktop. Names and icons grow with the desktop's text size (theme.py)."""

    MIN_WIDTH = 190
    ROOM = 24  # after the longest name, at 11 pt

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        names = self.sizeHintForColumn(0) + 2 * self.frameWidth()
        width = max(self.MIN_WIDTH, names + round(self.ROOM * theme.scale()))
        return QSize(width, super().sizeHint().height())


class Shell(QWidget):
    """Navigation on the left, the chosen area on the right. Areas are built on first visit."""

    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self.areas: list[Area] = areas()
        self._pages: dict[str, QWidget] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.nav = NavList()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_tr("Areas"))
        for area in self.areas:
            item = QListWidgetItem(icon(area.key), area.title)
            item.setToolTip(f"{area.title} ({area.shortcut})")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self._show_row)
        services.navigate.connect(self._navigate)
        for index, area in enumerate(self.areas):
            shortcut = QShortcut(QKeySequence(area.shortcut), self)
            shortcut.activated.connect(lambda i=index: self.nav.setCurrentRow(i))
        # The first area is built here rather than in the row-changed slot, so an error
        # reading the vault (a damaged page) reaches whoever builds the shell.
        self.page(self.areas[0].key)
        self.nav.setCurrentRow(0)

    def page(self, key: str) -> QWidget:
        """The page for area `key`, built if needed."""
        if key not in self._pages:
            area = next(a for a in self.areas if a.key == key)
            widget = area.build(self.services)
            widget.setObjectName(f"area-{key}")
            # A scrolling page takes focus for keyboard scrolling: announce it by its area.
            for scroller in widget.findChildren(QAbstractScrollArea):
                if type(scroller).__name__ == "QScrollArea" and not scroller.accessibleName():
                    scroller.setAccessibleName(area.title)
            self._pages[key] = widget
            self.stack.addWidget(widget)
        return self._pages[key]

    def show_area(self, key: str) -> QWidget:
        row = next(i for i, a in enumerate(self.areas) if a.key == key)
        self.nav.setCurrentRow(row)
        return self._pages[key]

    def current_key(self) -> str:
        return self.areas[max(0, self.nav.currentRow())].key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(self.areas[row].key)
        self.stack.setCurrentWidget(widget)

    def _navigate(self, key: str, item: str) -> None:
        widget = self.show_area(key)
        opener = getattr(widget, "open_item", None)
        if item and callable(opener):
            opener(item)


class HelpKeyOverDialogs(QObject):
    """F1 while a modal dialog is open: ask for "Need help now" all the same.

    Without a modal dialog the window's own F1 shortcut handles the key and no key
    press arrives here. Whoever answers `help_requested` keeps a single copy (F1 inside
    "Need help now", or in an exercise started from it, must not stack another).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != Qt.Key.Key_F1 or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if QApplication.activeModalWidget() is None or not isinstance(watched, QWidget):
            return False
        self.window.help_requested.emit()
        return True


class MainWindow(QMainWindow):
    help_requested = Signal()
    lock_requested = Signal()
    guide_requested = Signal()  # the in-app Help (Shift+F1), not "Need help now"

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.resize(first_run_size(QGuiApplication.primaryScreen()))  # the saved size wins
        self._update_minimum_size()
        root = QWidget()
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        bar = QWidget()
        bar.setObjectName("topBar")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(16, 8, 16, 8)
        name = plain_label(APP_NAME, wrap=False)
        name.setObjectName("appName")
        bar_layout.addWidget(name)
        bar_layout.addStretch(1)
        self.lock_button = button(_tr("Lock"), accessible=_tr("Lock the journal"))
        self.lock_button.setToolTip(_tr("Lock the journal (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.lock_button.setIcon(icon("lock"))
        self.lock_button.setVisible(False)
        bar_layout.addWidget(self.lock_button)
        self.help_page_button = button(_tr("Help"), accessible=_tr("Help and about"))
        self.help_page_button.setIcon(icon("help"))
        self.help_page_button.setToolTip(_tr("How Integrate works (Shift+F1)"))
        self.help_page_button.clicked.connect(self.guide_requested.emit)
        bar_layout.addWidget(self.help_page_button)
        self.help_button = button(_tr("Need help now"), accessible=_tr("Need help now"))
        self.help_button.setObjectName("helpNow")
        self.help_button.setToolTip(_tr("Crisis lines and a grounding exercise (F1)"))
        self.help_button.clicked.connect(self.help_requested.emit)
        # The heart in the button's own text colour: in the window's text colour it was
        # dark on dark red (issue 18).
        self.help_button.setIcon(icon("help-now", lambda: theme.current_palette().help_text))
        bar_layout.addWidget(self.help_button)
        outer.addWidget(bar)
        # Calm bars under the top bar (the reminder banner, ui/reminders/reminders.py) go here.
        self.banner_area = QVBoxLayout()
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.banner_area)

        self.screens = QStackedWidget()
        outer.addWidget(self.screens, 1)
        self.setCentralWidget(root)

        help_shortcut = QShortcut(QKeySequence("F1"), self)
        help_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        help_shortcut.activated.connect(self.help_requested.emit)
        # A dialog (the exercise player, a wizard) blocks the window's shortcuts: F1 must
        # still reach "Need help now" from there.
        self._help_over_dialogs = HelpKeyOverDialogs(self)
        for keys in ("Shift+F1", "Ctrl+?"):
            guide_shortcut = QShortcut(QKeySequence(keys), self)
            guide_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            guide_shortcut.activated.connect(self.guide_requested.emit)
        lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        lock_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        lock_shortcut.activated.connect(self._lock_if_unlocked)
        self.shell: Shell | None = None

    def show_screen(self, widget: QWidget) -> None:
        """Replace whatever screen is shown (the old one is deleted)."""
        old = self.screens.currentWidget()
        self.screens.addWidget(widget)
        self.screens.setCurrentWidget(widget)
        if old is not None and old is not widget:
            self.screens.removeWidget(old)
            old.deleteLater()
        self.shell = widget if isinstance(widget, Shell) else None
        self.lock_button.setVisible(self.shell is not None)
        self._update_minimum_size()

    def _update_minimum_size(self) -> None:
        shell = getattr(self, "shell", None)  # (a font change may come during __init__)
        if shell is not None:
            nav = shell.nav.sizeHint().width()
        else:
            nav = round(NavList.MIN_WIDTH * theme.scale())
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setMinimumSize(minimum_window_size(QFontMetrics(self.font()), nav, screen))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_minimum_size()  # the desktop's text size changed

    def _lock_if_unlocked(self) -> None:
        if self.shell is not None:
            self.lock_requested.emit()
