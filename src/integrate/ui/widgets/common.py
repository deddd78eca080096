"""Small building blocks shared by screens: titles, plain-text labels, buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from integrate.ui.base import theme
from integrate.ui.widgets.flow import FlowLayout, StackingForm, WrapButton


def plain_label(text: str, *, object_name: str = "", wrap: bool = True) -> QLabel:
    """A label that shows `text` literally: user text is never interpreted as markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    return label


def unseen_label(field: QWidget, text: str) -> QLabel:
    """A hidden label for `field`, which has no visible one, that screen readers speak.

    On Linux Qt sends a combo box's current value as its AT-SPI name and ignores
    setAccessibleName; Orca speaks the label the box is "labelled by" (a QLabel whose buddy
    it is, found among its siblings). Call once `field` sits in its parent widget.
    """
    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    label.hide()
    return label


def page_title(text: str) -> QLabel:
    label = plain_label(text, object_name="pageTitle")
    label.setAccessibleName(text)
    return label


def button(text: str, *, primary: bool = False, accessible: str = "") -> QPushButton:
    """A push button whose words wrap when there is less room than one line needs."""
    btn = WrapButton(text)
    if primary:
        btn.setObjectName("primary")
    btn.setAccessibleName(accessible or text.replace("&", ""))
    btn.setCursor(Qt.CursorShape.PointingHandCursor)
    return btn


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(14)
    return layout


def button_row(*widgets: QWidget, stretch: bool = True, spacing: int = -1) -> FlowLayout:
    """A row of buttons that carries on in a second line when the window is narrow or the
    text large, instead of cutting words off; `stretch` keeps them at their size on the
    left, as a QHBoxLayout ending in a stretch does."""
    row = FlowLayout(spacing=spacing)
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row


def flow_row(spacing: int = -1) -> FlowLayout:
    """An empty FlowLayout with no margins, to fill like a QHBoxLayout."""
    row = FlowLayout(spacing=spacing)
    row.setContentsMargins(0, 0, 0, 0)
    return row


class TallScrollArea(QScrollArea):
    """Shows `content` at the full height of the room it is given, and scrolls up and
    down only when that is less than the content needs (large text, a low window)
    instead of squeezing its fields. Frameless and never scrolling sideways: it asks
    for the content's own least width, with room for its scroll bar, so while
    everything fits it looks exactly as the content alone."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tab moves through the fields (and scrolls to them); no extra stop of its own.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        content = self.widget()
        least = super().minimumSizeHint()
        if content is None:
            return least
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.minimumSizeHint().width() + bar, least.height())


def form_layout() -> QFormLayout:
    """A form whose fields go under their labels when they do not fit beside them (large
    text, a narrow window); while they fit it looks as any QFormLayout."""
    form = StackingForm()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def text_sized(width: int, height: int, near: QWidget | QScreen | None = None) -> QSize:
    """A window size chosen beside 11 pt text, grown with the desktop's text size (twice
    as large for 22 pt) but no further than the free area of the screen (`near`: a
    widget on it, or the screen; the primary screen if None). Never below the 11 pt
    size, so the normal look stays as it was."""
    base = QSize(width, height)
    factor = theme.scale()
    grown = QSize(round(width * factor), round(height * factor))
    screen = near.screen() if isinstance(near, QWidget) else near
    screen = screen or QGuiApplication.primaryScreen()
    if screen is not None:
        grown = grown.boundedTo(screen.availableGeometry().size() * 0.92)  # room for a frame
    return grown.expandedTo(base)
