"""Copying journal text: mark it sensitive and clear it after a while.

`copy_sensitive(text)` puts plain text on the clipboard with the
`x-kde-passwordManagerHint: secret` marker (clipboard managers such as Klipper and
GPaste skip such items in their history) and clears the clipboard after 60 s if it
still holds our text.

`protect(root)` routes Copy and Cut in every text field under `root` (its child
widgets and the dialogs parented to it) through `copy_sensitive`: the keyboard
shortcuts (Ctrl+C, Ctrl+X, Ctrl+Insert, Shift+Delete) and the right-click menu alike.
The app protects its main window, so the journal editor, check-in answers, the safety
plan and every other field are covered without each screen opting in.
`make_copy_sensitive(editor)` protects one editor. Password fields are left alone
(Qt does not copy from them).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget

CLEAR_AFTER_MS = 60_000
SENSITIVE_MIME = "x-kde-passwordManagerHint"


class _ClipboardGuard(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        self._ours: str | None = None

    def copy(self, text: str, clear_after_ms: int) -> None:
        mime = QMimeData()
        mime.setText(text)
        mime.setData(SENSITIVE_MIME, b"secret")
        QGuiApplication.clipboard().setMimeData(mime, QClipboard.Mode.Clipboard)
        self._ours = text
        if clear_after_ms > 0:
            self._timer.start(clear_after_ms)

    def clear_if_ours(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._ours is not None and clipboard.text() == self._ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._ours = None

    def clear_selection(self) -> None:
        """X11's primary selection holds whatever text was last selected in the app."""
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()


_guard: _ClipboardGuard | None = None


def _get_guard() -> _ClipboardGuard:
    global _guard
    if _guard is None:
        _guard = _ClipboardGuard()
    return _guard


def copy_sensitive(text: str, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
    """Copy `text`, marked secret, and clear it later if nobody copied something else."""
    _get_guard().copy(text, clear_after_ms)


def clear_now() -> None:
    """Clear our text from the clipboard, and a selection we own, now (e.g. on lock)."""
    guard = _get_guard()
    guard.clear_if_ours()
    guard.clear_selection()


PROTECTED = "integrateCopySensitive"  # dynamic property marking a protected widget tree
_TEXT_EDITORS = (QPlainTextEdit, QTextEdit, QLineEdit)


def _editor_for(watched: QObject) -> QWidget | None:
    """The text editor an event is for (a scroll area's viewport stands for its editor)."""
    if isinstance(watched, _TEXT_EDITORS):
        return watched
    parent = watched.parent()
    if isinstance(parent, QPlainTextEdit | QTextEdit) and parent.viewport() is watched:
        return parent
    return None


def _is_protected(widget: QObject | None) -> bool:
    # The QObject parent chain crosses window borders, so dialogs parented to a
    # protected window are protected too.
    while widget is not None:
        if widget.property(PROTECTED):
            return True
        widget = widget.parent()
    return False


class _CopyFilter(QObject):
    """Installed once on the application; acts only on text fields under a protected root."""

    def eventFilter(self, watched: QObject, event: object) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QContextMenuEvent, QKeyEvent

        kind = event.type() if isinstance(event, QEvent) else None
        if kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.ContextMenu,
        ):
            return False
        editor = _editor_for(watched)
        if editor is None or not _is_protected(editor) or _is_password(editor):
            return False
        if isinstance(event, QContextMenuEvent):
            if editor.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
                return False
            _sensitive_context_menu(editor, event.globalPos())
            return True
        if not isinstance(event, QKeyEvent):
            return False
        is_copy = event.matches(QKeySequence.StandardKey.Copy)
        is_cut = event.matches(QKeySequence.StandardKey.Cut)
        if not (is_copy or is_cut):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # we handle it as a key press, not as an app shortcut
            return True
        _copy_selection(editor, cut=is_cut)
        return True


def _is_password(editor: QWidget) -> bool:
    return isinstance(editor, QLineEdit) and editor.echoMode() != QLineEdit.EchoMode.Normal


def _sensitive_context_menu(editor: QWidget, at: QPoint) -> None:
    """The editor's own right-click menu, with Copy and Cut going through copy_sensitive."""
    menu = editor.createStandardContextMenu()  # type: ignore[attr-defined]
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for action in menu.actions():
        name = action.objectName()
        if name in ("edit-copy", "edit-cut"):
            with contextlib.suppress(RuntimeError, TypeError):
                action.triggered.disconnect()
            cut = name == "edit-cut"
            action.triggered.connect(lambda _=False, c=cut: _copy_selection(editor, cut=c))
    _menus.append(menu)  # tests find the open menu here
    menu.aboutToHide.connect(lambda m=menu: _menus.remove(m) if m in _menus else None)
    menu.popup(at)


_menus: list[QMenu] = []


def _copy_selection(editor: QObject, *, cut: bool) -> None:
    if isinstance(editor, QPlainTextEdit | QTextEdit):
        cursor = editor.textCursor()
        text = cursor.selectedText().replace("\u2029", "\n")
        if text:
            copy_sensitive(text)
            if cut and not editor.isReadOnly():
                cursor.removeSelectedText()
    elif isinstance(editor, QLineEdit):
        text = editor.selectedText()
        if text and editor.echoMode() == QLineEdit.EchoMode.Normal:
            copy_sensitive(text)
            if cut and not editor.isReadOnly():
                editor.del_()


_filter: _CopyFilter | None = None


def _install_filter() -> None:
    global _filter
    if _filter is None:
        app = QCoreApplication.instance()
        if app is None:
            return
        _filter = _CopyFilter(app)
        app.installEventFilter(_filter)


def protect(root: QObject) -> None:
    """Copy and Cut in every text field under `root` go through copy_sensitive."""
    root.setProperty(PROTECTED, True)
    _install_filter()


def make_copy_sensitive(editor: QWidget) -> None:
    """Route one editor's Copy/Cut (keyboard and right-click menu) through copy_sensitive."""
    protect(editor)
