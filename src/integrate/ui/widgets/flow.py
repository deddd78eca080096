"""Layout pieces that wrap instead of clipping when the text is large or the window narrow.

- `FlowLayout`: a row of widgets that continues on the next line when it runs out of
  room (stretches keep groups apart, as in a QHBoxLayout).
- `WrapButton`, `WrapCheckBox`, `WrapRadioButton`: their words go onto more lines when
  they are given less room than one line needs.

While everything fits on one line they size and paint exactly like the plain Qt widgets,
so at the normal text size nothing looks different.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFormLayout,
    QLayout,
    QLayoutItem,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpacerItem,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
    QWidgetItem,
)


def wrap_words(text: str, fm: QFontMetrics, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` where it can be (a word longer than
    that gets a line of its own). Mnemonic ampersands are measured as Qt shows them."""
    flags = Qt.TextFlag.TextShowMnemonic
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if line and fm.size(flags, trial).width() > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


class _WrapText:
    """Shared by the wrapping buttons: size and paint with the text broken into lines.

    The width they ask for is one line's; a layout may give them less (down to their
    longest word), and their height then follows the lines they need. That height is
    their size hint for the width they were last given, as buttons keep a fixed height
    (a hint that follows the width keeps them from growing taller in a roomy column).
    """

    _CONTENTS: QStyle.ContentsType
    _CONTROL: QStyle.ControlElement
    _BASE: type[QAbstractButton]
    _laid_width = -1  # the width the layout last gave (-1: not laid out yet)

    def _button(self) -> QAbstractButton:
        return self  # type: ignore[return-value]

    def _one_line(self) -> QSize:
        return self._BASE.sizeHint(self._button())

    def _option(self, text: str | None = None) -> QStyleOptionButton:
        opt = QStyleOptionButton()
        self._button().initStyleOption(opt)  # type: ignore[attr-defined]
        if text is not None:
            opt.text = text
        return opt

    def _size_for(self, text: str) -> QSize:
        """What the button needs to show `text` (line breaks and all), worked out as Qt's
        own sizeHint does for one line."""
        button = self._button()
        button.ensurePolished()  # the style sheet's font and padding, as Qt's sizeHint does
        opt = self._option(text)
        # Sized as at rest: a focus ring's wider border must not change the layout.
        opt.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver)
        size = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
        if not opt.icon.isNull():
            icon = opt.iconSize
            size = QSize(size.width() + icon.width() + 4, max(size.height(), icon.height()))
        return button.style().sizeFromContents(self._CONTENTS, opt, size, button)

    def _lines(self, width: int) -> list[str]:
        button = self._button()
        text = button.text()
        fm = button.fontMetrics()
        frame = self._size_for(text).width() - fm.size(Qt.TextFlag.TextShowMnemonic, text).width()
        return wrap_words(text, fm, width - frame)

    def _wrap_hint(self) -> QSize:
        one = self._one_line()
        return QSize(one.width(), self._wrap_height(self._laid_width, one))

    def _wrap_min_size(self) -> QSize:
        one = self._one_line()
        button = self._button()
        words = button.text().split()
        fm = button.fontMetrics()
        widest = max(
            words, key=lambda w: fm.size(Qt.TextFlag.TextShowMnemonic, w).width(), default=""
        )
        return QSize(min(one.width(), self._size_for(widest).width()), one.height())

    def _wrap_height(self, width: int, one: QSize | None = None) -> int:
        one = one or self._one_line()
        if width < 0 or width >= one.width():
            return one.height()
        return max(one.height(), self._size_for("\n".join(self._lines(width))).height())

    def _wrap_resized(self, size: QSize) -> None:
        before, self._laid_width = self._laid_width, size.width()
        one = self._one_line()
        needed = self._wrap_height(size.width(), one)
        # Ask for another layout when the height for the new width differs, or when the
        # one given is short (a first layout before the style was applied can be).
        if needed != self._wrap_height(before, one) or size.height() < needed:
            self._button().updateGeometry()

    def _paint_wrapped(self) -> bool:
        """Paint with the text over several lines; False when one line fits (the caller
        paints as usual then)."""
        button = self._button()
        if button.width() >= self._one_line().width():
            return False
        lines = self._lines(button.width())
        if len(lines) < 2:
            return False
        painter = QStylePainter(button)
        painter.drawControl(self._CONTROL, self._option("\n".join(lines)))
        return True

    # The Qt overrides, found first in each button's MRO (the mixin comes before the Qt
    # class), so the three buttons share one copy.
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._wrap_hint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._wrap_min_size()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._wrap_height(width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._BASE.resizeEvent(self._button(), event)
        self._wrap_resized(event.size())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if not self._paint_wrapped():
            self._BASE.paintEvent(self._button(), event)


def _wrapping(widget: QWidget) -> None:
    # Narrower than one line is allowed (down to the longest word): the words wrap.
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    widget.setSizePolicy(policy)


class WrapButton(_WrapText, QPushButton):
    """A push button whose words go onto more lines when it is narrower than one line."""

    _CONTENTS = QStyle.ContentsType.CT_PushButton
    _CONTROL = QStyle.ControlElement.CE_PushButton
    _BASE = QPushButton

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QPushButton.__init__(self, text, parent)
        _wrapping(self)


class WrapCheckBox(_WrapText, QCheckBox):
    """A check box whose words go onto more lines when it is narrower than one line."""

    _CONTENTS = QStyle.ContentsType.CT_CheckBox
    _CONTROL = QStyle.ControlElement.CE_CheckBox
    _BASE = QCheckBox

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QCheckBox.__init__(self, text, parent)
        _wrapping(self)


class WrapRadioButton(_WrapText, QRadioButton):
    """A radio button whose words go onto more lines when it is narrower than one line."""

    _CONTENTS = QStyle.ContentsType.CT_RadioButton
    _CONTROL = QStyle.ControlElement.CE_RadioButton
    _BASE = QRadioButton

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        QRadioButton.__init__(self, text, parent)
        _wrapping(self)


class FlowLayout(QLayout):
    """Widgets left to right, going on to the next line when the row is full.

    Like a QHBoxLayout while everything fits: `addStretch()` pushes what follows to the
    right, and without a stretch the widgets share the spare room as they would there.
    When a line is full the next widget starts a new one (a stretch at the start of a
    line is dropped, so a right-hand group simply moves down and stays on the right). A
    widget wider than the whole line gets the full width and wraps its own words.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._line_spacing = -1
        if spacing >= 0:
            self.setSpacing(spacing)

    # -- QLayout's list of items

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def addStretch(self, _stretch: int = 1) -> None:  # noqa: N802 - as QBoxLayout
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
        self.invalidate()

    def addSpacing(self, size: int) -> None:  # noqa: N802 - as QBoxLayout
        self.addItem(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    def setLineSpacing(self, spacing: int) -> None:  # noqa: N802 - Qt naming
        """Room between lines (the horizontal spacing unless set)."""
        self._line_spacing = spacing
        self.invalidate()

    # -- sizes

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        shown = self._shown()
        width = sum(self._hint(i).width() for i in shown)
        width += self._gap() * max(0, len(self._widgets(shown)) - 1)
        height = max((self._hint(i).height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        # As narrow as the widest single widget; the height for a given width comes from
        # heightForWidth (layouts and scroll areas ask for it).
        widgets = self._widgets(self._shown())
        width = max((i.minimumSize().width() for i in widgets), default=0)
        height = max((i.minimumSize().height() for i in widgets), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # -- arranging

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, parent)

    def _line_gap(self) -> int:
        return self._line_spacing if self._line_spacing >= 0 else self._gap()

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if i.spacerItem() is not None or not i.isEmpty()]

    @staticmethod
    def _widgets(items: list[QLayoutItem]) -> list[QLayoutItem]:
        return [i for i in items if i.spacerItem() is None]

    @staticmethod
    def _hint(item: QLayoutItem) -> QSize:
        if item.spacerItem() is not None:
            return QSize(item.sizeHint().width(), 0)
        return item.sizeHint().expandedTo(item.minimumSize())

    @staticmethod
    def _stretches(item: QLayoutItem) -> bool:
        spacer = item.spacerItem()
        return spacer is not None and bool(spacer.expandingDirections() & Qt.Orientation.Horizontal)

    def _lines(self, width: int) -> list[tuple[list[QLayoutItem], bool]]:
        """The items line by line, each with whether it is pushed to the right (it comes
        after a stretch, like the right-hand group of a QHBoxLayout)."""
        gap = self._gap()
        lines: list[tuple[list[QLayoutItem], bool]] = [([], False)]
        used = 0
        after_stretch = False
        for item in self._shown():
            line = lines[-1][0]
            w = self._hint(item).width()
            if item.spacerItem() is not None:
                after_stretch = after_stretch or self._stretches(item)
                if line:
                    line.append(item)
                    used += w
                elif after_stretch:  # a stretch before anything: this line goes right
                    lines[-1] = (line, True)
                continue
            needed = used + (gap if self._widgets(line) else 0) + w
            if self._widgets(line) and needed > width:
                while line and line[-1].spacerItem() is not None:
                    used -= self._hint(line.pop()).width()
                lines.append(([item], after_stretch))
                used = w
            else:
                line.append(item)
                used = needed
        return [(items, right) for items, right in lines if self._widgets(items)]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in `rect` (when `apply`); returns the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        parent = self.parentWidget()
        mirrored = parent is not None and parent.isRightToLeft()
        width = max(0, area.width())
        gap = self._gap()
        y = area.top()
        for n, (line, right) in enumerate(self._lines(width)):
            if n:
                y += self._line_gap()
            widths = self._widths(line, width, gap)
            height = max(
                (
                    item.heightForWidth(w)
                    if item.hasHeightForWidth()
                    else self._hint(item).height()
                    for item, w in zip(line, widths, strict=True)
                    if item.spacerItem() is None
                ),
                default=0,
            )
            if apply:
                taken = sum(widths) + gap * max(0, len(self._widgets(line)) - 1)
                x = area.left() + (max(0, width - taken) if right else 0)
                previous_widget = False
                for item, w in zip(line, widths, strict=True):
                    if item.spacerItem() is None:
                        if previous_widget:
                            x += gap
                        geometry = QRect(QPoint(x, y), QSize(w, height))
                        if mirrored:
                            geometry.moveLeft(area.left() + area.right() - geometry.right())
                        item.setGeometry(geometry)
                        previous_widget = True
                    x += w
            y += height
        return y - area.top() + margins.top() + margins.bottom()

    @staticmethod
    def _may_grow(item: QLayoutItem) -> bool:
        widget = item.widget() if isinstance(item, QWidgetItem) else None
        if widget is None:
            return False
        policy = widget.sizePolicy().horizontalPolicy()
        return bool(policy.value & QSizePolicy.PolicyFlag.GrowFlag.value)

    def _widths(self, line: list[QLayoutItem], width: int, gap: int) -> list[int]:
        """Each item's width on its line: hints, the spare room going to the stretches (or,
        without any, shared by the widgets that may grow, as a QHBoxLayout does)."""
        widths = [self._hint(i).width() for i in line]
        widget_count = len(self._widgets(line))
        spare = width - sum(widths) - gap * max(0, widget_count - 1)
        if spare < 0:  # one widget wider than the line: it gets the line and wraps
            return [min(w, width) for w in widths]
        stretches = [n for n, item in enumerate(line) if self._stretches(item)]
        if not stretches and any(self._stretches(i) for i in self._shown()):
            return widths  # the stretch is on another line: these keep their size
        if stretches:
            share, extra = divmod(spare, len(stretches))
            for k, n in enumerate(stretches):
                widths[n] += share + (1 if k < extra else 0)
            return widths
        growing = [
            n
            for n, item in enumerate(line)
            if item.spacerItem() is None and item.expandingDirections() & Qt.Orientation.Horizontal
        ]
        if not growing:
            growing = [
                n
                for n, item in enumerate(line)
                if item.spacerItem() is None
                and item.maximumSize().width() > widths[n]
                and self._may_grow(item)
            ]
        while spare > 0 and growing:
            share = max(1, spare // len(growing))
            still = []
            for n in growing:
                room = line[n].maximumSize().width() - widths[n]
                add = min(share, room, spare)
                widths[n] += add
                spare -= add
                if line[n].maximumSize().width() > widths[n]:
                    still.append(n)
                if spare <= 0:
                    break
            growing = still
        return widths


class SideBySide(QLayout):
    """Text with its buttons beside it where there is room, under it where there is not.

    Two parts: `main` (usually a column of labels) takes the room the buttons leave, as
    in a QHBoxLayout where it has the stretch; once that room would fall below
    `main_chars` average characters, the buttons go under the text, on the left.
    """

    MAIN_CHARS = 18

    def __init__(
        self, main: QLayout | QWidget, side: QLayout | QWidget, main_chars: int = MAIN_CHARS
    ) -> None:
        super().__init__()
        self.main_chars = main_chars
        self._parts: list[QLayoutItem] = []
        for part in (main, side):
            if isinstance(part, QLayout):
                self.addChildLayout(part)
                self._parts.append(part)
            else:
                self.addChildWidget(part)
                self._parts.append(QWidgetItem(part))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        raise TypeError("SideBySide holds exactly the two parts it was made with")

    def count(self) -> int:
        return len(self._parts)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._parts[index] if 0 <= index < len(self._parts) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return None  # the two parts stay for the layout's lifetime

    def _gap(self) -> int:
        spacing = self.spacing()
        return spacing if spacing >= 0 else 6

    def _beside(self, width: int) -> bool:
        main, side = self._parts
        parent = self.parentWidget()
        chars = QFontMetrics(parent.font()).averageCharWidth() if parent is not None else 8
        room = width - side.sizeHint().width() - self._gap()
        return room >= max(main.minimumSize().width(), self.main_chars * chars)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return self._parts[0].expandingDirections()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        main, side = (p.sizeHint() for p in self._parts)
        size = QSize(main.width() + self._gap() + side.width(), max(main.height(), side.height()))
        return size.grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        main, side = (p.minimumSize() for p in self._parts)
        size = QSize(max(main.width(), side.width()), max(main.height(), side.height()))
        return size.grownBy(self.contentsMargins())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return item.heightForWidth(width)
        return item.sizeHint().height()

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        main, side = self._parts
        gap = self._gap()
        parent = self.parentWidget()
        direction = (
            parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight
        )

        def place(item: QLayoutItem, where: QRect) -> None:
            item.setGeometry(QStyle.visualRect(direction, area, where))  # mirrored for RTL

        if self._beside(area.width()):
            side_w = min(side.sizeHint().width(), area.width())
            main_w = max(0, area.width() - side_w - gap)
            height = max(self._height(main, main_w), self._height(side, side_w))
            if apply:
                # The full height to both, as a QHBoxLayout gives (buttons stay centred).
                full = max(height, area.height())
                place(main, QRect(area.left(), area.top(), main_w, full))
                place(side, QRect(area.right() - side_w + 1, area.top(), side_w, full))
        else:
            main_h = self._height(main, area.width())
            side_w = min(side.sizeHint().width(), area.width())
            side_h = self._height(side, side_w)
            height = main_h + gap + side_h
            if apply:
                place(main, QRect(area.left(), area.top(), area.width(), main_h))
                place(side, QRect(area.left(), area.top() + main_h + gap, side_w, side_h))
        return height + margins.top() + margins.bottom()


class StackingForm(QFormLayout):
    """A form with each field beside its label while they fit, and every field under its
    label once one row would not (large text, a narrow window): a whole form stacked
    reads more calmly than a few rows wrapped at odd places."""

    def _side_by_side_width(self) -> int:
        labels, fields = [0], [0]
        for row in range(self.rowCount()):
            label = self.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None or label.isEmpty() or field.isEmpty():
                continue
            labels.append(label.sizeHint().width())
            fields.append(field.sizeHint().width())
        spacing = max(0, self.horizontalSpacing())
        margins = self.contentsMargins()
        return max(labels) + spacing + max(fields) + margins.left() + margins.right()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        policy = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if rect.width() < self._side_by_side_width()
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        if policy != self.rowWrapPolicy():
            self.setRowWrapPolicy(policy)  # (the heights are asked for again after this)
        super().setGeometry(rect)
