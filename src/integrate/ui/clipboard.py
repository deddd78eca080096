"""Copying journal text: mark it sensitive and clear it after a while.

`copy_sensitive(text)` puts plain text on the clipboard with the
`x-kde-passwordManagerHint: secret` marker (clipboard managers such as Klipper and
GPaste skip such items in their history) and clears the clipboard after 60 s if it
still holds our text. `make_copy_sensitive(editor)` routes an editor's Copy/Cut
(Ctrl+C and Ctrl+X; the context menu still copies normally) through it.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

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
    """Clear our text from the clipboard now (e.g. on lock)."""
    _get_guard().clear_if_ours()


class _CopyFilter(QObject):
    def eventFilter(self, watched: QObject, event: object) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent

        if not isinstance(event, QKeyEvent) or event.type() not in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
        ):
            return False
        is_copy = event.matches(QKeySequence.StandardKey.Copy)
        is_cut = event.matches(QKeySequence.StandardKey.Cut)
        if not (is_copy or is_cut):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # we handle it as a key press, not as an app shortcut
            return True
        _copy_selection(watched, cut=is_cut)
        return True


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


def make_copy_sensitive(editor: QWidget) -> None:
    """Route the editor's keyboard Copy/Cut through copy_sensitive."""
    global _filter
    if _filter is None:
        _filter = _CopyFilter()
    editor.installEventFilter(_filter)
