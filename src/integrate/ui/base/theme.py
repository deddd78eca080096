"""One calm palette in light and dark, generous sizing, and following the system.

`install_theme(app, prefs)` applies the theme chosen in preferences ("ui/theme":
system, light or dark) and, for "system", follows the desktop's colour scheme as it
changes. Font sizes start from the system's own font size (never below 11 pt), so a
patient who made their desktop text larger gets larger text here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEME_PREF = "ui/theme"
REDUCE_MOTION_PREF = "ui/reduce_motion"
THEME_CHOICES = ("system", "light", "dark")
MIN_POINT_SIZE = 11.0


@dataclass(frozen=True)
class Palette:
    name: str
    window: str
    base: str
    text: str
    muted: str  # secondary text; also placeholders
    accent: str  # primary buttons, selection, focus rings
    accent_text: str
    border: str  # decorative separators (no contrast requirement)
    field_border: str  # edges of inputs and buttons (>= 3:1, WCAG 1.4.11)
    help: str  # the "Need help now" button
    help_text: str
    link: str
    disabled_text: str  # inactive controls (exempt from WCAG contrast)
    banner: str  # the reminder bar: the window tinted 12 % towards the accent
    banner_edge: str  # its lower edge: 35 % towards the accent

    def colors(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


LIGHT = Palette(
    "light",
    window="#f5f3ef",
    base="#ffffff",
    text="#1f2a30",
    muted="#4f5b63",
    accent="#2f6f73",
    accent_text="#ffffff",
    border="#d5d0c8",
    field_border="#7f8b91",
    help="#8a3b2e",
    help_text="#ffffff",
    link="#245a8a",
    disabled_text="#8d949a",
    banner="#dde3e0",
    banner_edge="#b0c5c4",
)
DARK = Palette(
    "dark",
    window="#1c2226",
    base="#242b30",
    text="#e8e6e1",
    muted="#b0b9bf",
    accent="#6fb3b6",
    accent_text="#0f1416",
    border="#3a444b",
    field_border="#7c8991",
    help="#e59a8a",
    help_text="#1a1010",
    link="#8cc4f0",
    disabled_text="#6f7a81",
    banner="#263337",
    banner_edge="#395558",
)

# Text/background pairs the stylesheet and palette actually use: (foreground, background,
# minimum ratio). tests/ui/test_contrast.py checks every one of them for both palettes.
TEXT_PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "window", 4.5),
    ("text", "base", 4.5),
    ("muted", "window", 4.5),
    ("muted", "base", 4.5),  # placeholders in inputs
    ("accent_text", "accent", 4.5),  # primary buttons, nav selection, selected rows
    ("help_text", "help", 4.5),
    ("link", "base", 4.5),
    ("link", "window", 4.5),
    ("text", "banner", 4.5),  # the reminder bar's line
    ("muted", "banner", 4.5),  # "and 2 more"
)
UI_PAIRS: tuple[tuple[str, str, float], ...] = (
    ("field_border", "base", 3.0),
    ("field_border", "window", 3.0),
    ("accent", "base", 3.0),  # focus rings on inputs and buttons
    ("accent", "window", 3.0),
    # Focus rings on filled buttons and the selected nav item are drawn in `text`: they
    # contrast with what surrounds the control (window, nav base), as WCAG 1.4.11 asks.
    ("text", "window", 3.0),
    ("text", "base", 3.0),
    ("help", "window", 3.0),  # the help button stands out from the page
)


def palette_for(choice: str, system_dark: bool) -> Palette:
    """The palette for a stored choice ("system", "light", "dark")."""
    if choice == "dark":
        return DARK
    if choice == "light":
        return LIGHT
    return DARK if system_dark else LIGHT


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme (Qt 6.5+)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def system_point_size() -> float:
    """The desktop's general font size, never below our minimum."""
    size = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return max(MIN_POINT_SIZE, size if size > 0 else MIN_POINT_SIZE)


def _pt(base: float, factor: float) -> str:
    return f"{round(base * factor, 1):g}pt"


# Icon sizes beside 11 pt text (the design base: Fusion's own sizes); they grow with the
# text. Logical pixels: at 200% Qt doubles them again and icons.py draws the SVGs at
# the screen's resolution, so they stay sharp.
BUTTON_ICON_PX = 16
NAV_ICON_PX = 24


def _px(size: float, factor: float) -> str:
    return f"{round(size * factor)}px"


# The round answer buttons of a questionnaire beside 11 pt text: larger than elsewhere.
ANSWER_INDICATOR_PX = 22


def restyle(widget: QWidget) -> None:
    """Apply the stylesheet again after a property it selects on has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _indicator(kind: str, p: Palette) -> str:
    """Path of an indicator SVG in resources/icons: the check mark and radio dot are drawn
    in `p.accent_text`, the up/down arrows of combo and spin boxes in `p.text`."""
    from integrate.resources import resource_path

    return resource_path("icons", f"indicator-{kind}-{p.name}.svg").as_posix()


# Text roles (`text_role(widget, name)`): sizes in points beside an 11 pt body, bold or not,
# and anything else the role needs. One place instead of a stylesheet on every label.
TEXT_ROLES: dict[str, tuple[float | None, bool, str]] = {
    "heading": (13, True, ""),
    "subheading": (12, True, ""),
    "stepTitle": (14, True, ""),
    "display": (15, True, ""),
    "lead": (13, False, ""),
    "instruction": (18, False, ""),
    "code": (18, False, "font-family: monospace;"),
    "strong": (None, True, ""),
    "small": (9, False, ""),
    "note": (10, False, ""),
    "banner": (12, False, ""),
}


def text_role(widget: QWidget, role: str) -> None:
    """Give `widget` one of the theme's TEXT_ROLES (its size follows the desktop's text)."""
    if role not in TEXT_ROLES:
        raise KeyError(role)
    widget.setProperty("textRole", role)


def _text_role_rules(base_pt: float) -> str:
    rules = []
    for role, (size, bold, extra) in TEXT_ROLES.items():
        parts = [f"font-size: {_pt(base_pt, size / MIN_POINT_SIZE)};"] if size else []
        if bold:
            parts.append("font-weight: 600;")
        if extra:
            parts.append(extra)
        rules.append(f'*[textRole="{role}"] {{ {" ".join(parts)} }}')
    return "\n    ".join(rules)


def stylesheet(p: Palette, base_pt: float = MIN_POINT_SIZE) -> str:
    """The application stylesheet: sizes relative to `base_pt`, colours from `p`."""
    body = _pt(base_pt, 1.0)
    factor = base_pt / MIN_POINT_SIZE  # as css() scales the screens' own point sizes

    def px(size: float) -> str:
        # Indicators and arrows beside the text grow with it (the sizes are for 11 pt).
        return _px(size, factor)

    return f"""
    QWidget {{ font-size: {body}; }}
    QMainWindow, QDialog {{ background: {p.window}; }}
    QLabel#pageTitle {{ font-size: {_pt(base_pt, 1.6)}; font-weight: 600; }}
    {_text_role_rules(base_pt)}
    QFrame#card, QFrame#trackingCard, QFrame#planCard, QFrame#helpCard, QFrame#crisisList {{
        background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }}
    QFrame#crisisList QLabel, QFrame#crisisList QFrame {{ border: none; }}
    QFrame#distressFollowUp {{ background: palette(base); border: 2px solid palette(highlight);
        border-radius: 10px; }}
    QFrame#reminderBanner {{ background: {p.banner};
        border-bottom: 1px solid {p.banner_edge}; }}
    QTreeWidget#sessionTree::item {{ min-height: 30px; }}
    QTreeWidget#sessionTree[stacked="true"]::item {{ padding-top: 6px; padding-bottom: 6px; }}
    QPushButton#sudsButton {{ font-size: {_pt(base_pt, 13 / MIN_POINT_SIZE)}; }}
    QPushButton#sudsButton:checked {{ background: palette(highlight);
        color: palette(highlighted-text); border: 1px solid palette(highlight);
        font-weight: 600; }}
    QLabel[missing="true"] {{ font-weight: 600; text-decoration: underline; }}
    QRadioButton#answer {{ font-size: {_pt(base_pt, 12 / MIN_POINT_SIZE)}; padding: 8px 12px;
        min-height: 28px; border-radius: 8px; }}
    QRadioButton#answer:hover {{ background: rgba(47, 111, 115, 0.10); }}
    QRadioButton#answer:focus {{ border: 2px solid palette(highlight); }}
    QRadioButton#answer::indicator {{ width: {px(ANSWER_INDICATOR_PX)};
        height: {px(ANSWER_INDICATOR_PX)};
        border-radius: {round(ANSWER_INDICATOR_PX * factor) // 2 + 1}px; }}
    QLabel#sectionTitle {{ font-size: {_pt(base_pt, 12 / MIN_POINT_SIZE)}; font-weight: 600; }}
    QLabel#alsoTitle, QLabel#formTitle, QLabel#scaleEnd {{ font-weight: 600; }}
    QPushButton#rating {{ min-width: 34px; padding: 4px 6px; }}
    QPushButton#rating:focus {{ padding: 3px 5px; }}
    QPushButton#rating:checked {{ background: palette(highlight); color: palette(highlighted-text); }}
    QLabel#appName {{ font-size: {_pt(base_pt, 1.25)}; font-weight: 600; }}
    QLabel#muted {{ color: {p.muted}; }}
    QLabel#notice {{ background: {p.base}; border: 1px solid {p.border}; border-radius: 8px;
                     padding: 10px; }}
    QLabel {{ selection-background-color: {p.accent}; selection-color: {p.accent_text}; }}
    QPushButton, QToolButton {{ min-height: 34px; padding: 4px 16px; border-radius: 8px;
                   border: 1px solid {p.field_border}; background: {p.base}; color: {p.text};
                   icon-size: {_px(BUTTON_ICON_PX, factor)}; }}
    /* A thicker focus border takes its width from the padding: the control keeps its
       size (a focused field grew 2 px, enough to be squeezed in a full dialog). */
    QPushButton:hover, QToolButton:hover {{ border: 1px solid {p.accent}; }}
    QPushButton:focus, QToolButton:focus {{ border: 2px solid {p.accent}; padding: 3px 15px; }}
    QPushButton:disabled, QToolButton:disabled {{ color: {p.disabled_text};
                           border: 1px solid {p.border}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.accent_text};
                           border: 1px solid {p.accent}; font-weight: 600; }}
    QPushButton#primary:focus {{ border: 3px solid {p.text}; padding: 2px 14px; }}
    QPushButton#link {{ background: transparent; border: 2px solid transparent;
                        color: {p.link}; text-decoration: underline; padding: 4px 6px; }}
    QPushButton#link:focus {{ border: 2px solid {p.accent}; }}
    QPushButton#link[listed="true"] {{ text-align: left; }}
    QPushButton#openCheckin {{ border: 2px solid transparent; background: transparent;
        color: {p.link}; text-decoration: underline; padding: 2px 4px; min-height: 0; }}
    QPushButton#openCheckin:hover {{ border: 2px solid transparent; }}
    QPushButton#openCheckin:focus {{ border: 2px solid {p.link}; }}
    QPushButton#helpNow {{ background: {p.help}; color: {p.help_text}; font-weight: 600;
                           border: 1px solid {p.help}; }}
    QPushButton#helpNow:focus {{ border: 3px solid {p.text}; padding: 2px 14px; }}
    QListWidget#nav {{ background: {p.base}; border: none; border-right: 1px solid {p.border};
                       font-size: {_pt(base_pt, 1.1)}; outline: 0;
                       icon-size: {_px(NAV_ICON_PX, factor)}; }}
    QListWidget#nav::item {{ min-height: 40px; padding-left: 14px; border-radius: 8px;
                             margin: 2px 6px; color: {p.text}; }}
    QListWidget#nav::item:selected {{ background: {p.accent}; color: {p.accent_text}; }}
    QListWidget#nav::item:focus {{ border: 2px solid {p.text}; }}
    QListWidget#shareEntries::item {{ padding: 6px 4px; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QComboBox, QDateTimeEdit, QDateEdit,
    QTimeEdit, QDoubleSpinBox {{
        background: {p.base}; color: {p.text}; border: 1px solid {p.field_border};
        border-radius: 6px; padding: 6px; min-height: 24px;
        placeholder-text-color: {p.muted}; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
    QDateTimeEdit:focus, QDateEdit:focus, QTimeEdit:focus, QDoubleSpinBox:focus {{
        border: 2px solid {p.accent}; padding: 5px; }}
    QComboBox::drop-down, QDateTimeEdit::drop-down {{ subcontrol-origin: padding;
        subcontrol-position: center right; width: {px(20)}; border: none; }}
    QComboBox::down-arrow, QDateTimeEdit::down-arrow {{ image: url({_indicator("down", p)});
        width: {px(12)}; height: {px(12)}; }}
    QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ subcontrol-origin: border;
        width: {px(20)}; border: none; background: transparent; }}
    QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
    QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
    QAbstractSpinBox::up-arrow {{ image: url({_indicator("up", p)});
        width: {px(10)}; height: {px(10)}; }}
    QAbstractSpinBox::down-arrow {{ image: url({_indicator("down", p)});
        width: {px(10)}; height: {px(10)}; }}
    QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled,
    QComboBox::down-arrow:disabled, QDateTimeEdit::down-arrow:disabled {{ image: none; }}
    QTextBrowser {{ background: {p.base}; color: {p.text}; border: 1px solid {p.border}; }}
    QAbstractItemView {{ background: {p.base}; color: {p.text};
                         selection-background-color: {p.accent};
                         selection-color: {p.accent_text}; }}
    QListView:focus, QTreeView:focus, QTableView:focus {{ border: 2px solid {p.accent}; }}
    QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {p.accent}; border-radius: 6px; }}
    QCheckBox, QRadioButton {{ padding: 3px; border: 2px solid transparent; spacing: 8px; }}
    QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator,
    QAbstractItemView::indicator {{
        width: {px(16)}; height: {px(16)}; background: {p.base};
        border: 1px solid {p.field_border}; }}
    QCheckBox::indicator, QGroupBox::indicator, QAbstractItemView::indicator {{
        border-radius: 4px; }}
    QRadioButton::indicator {{ border-radius: {round(16 * factor) // 2 + 1}px; }}
    QCheckBox::indicator:checked, QGroupBox::indicator:checked,
    QAbstractItemView::indicator:checked {{
        background: {p.accent}; border: 1px solid {p.accent};
        image: url({_indicator("check", p)}); }}
    QRadioButton::indicator:checked {{ background: {p.accent}; border: 1px solid {p.accent};
        image: url({_indicator("dot", p)}); }}
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
        border: 1px solid {p.border}; }}
    QGroupBox {{ font-weight: 600; border: 1px solid {p.border}; border-radius: 8px;
                 margin-top: 1.2em; padding: 12px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; }}
    QToolTip {{ background: {p.base}; color: {p.text}; border: 1px solid {p.field_border}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    """ + (_larger_text_extras(p, factor) if factor != 1.0 else "")


def _larger_text_extras(p: Palette, factor: float) -> str:
    """Expand arrows for trees beside larger text. At the 11 pt base Fusion draws its own
    (the normal look stays as it is); its arrow has a fixed size, so with larger text
    our arrows take over, as large as the text, with the indentation to hold them."""
    return f"""
    QTreeView {{ qproperty-indentation: {round(20 * factor)}; }}
    QTreeView::branch:has-children:closed {{ image: url({_indicator("right", p)}); }}
    QTreeView::branch:has-children:open {{ image: url({_indicator("down", p)}); }}
    """


def qpalette(p: Palette) -> QPalette:
    """A QPalette with every role Fusion draws with, for `p`."""
    role = QPalette.ColorRole
    pal = QPalette()
    pairs = {
        role.Window: p.window,
        role.WindowText: p.text,
        role.Base: p.base,
        role.AlternateBase: p.window,
        role.Text: p.text,
        role.Button: p.base,
        role.ButtonText: p.text,
        role.Highlight: p.accent,
        role.HighlightedText: p.accent_text,
        role.PlaceholderText: p.muted,
        role.ToolTipBase: p.base,
        role.ToolTipText: p.text,
        role.Link: p.link,
        role.LinkVisited: p.link,
        role.BrightText: p.help_text,
        role.Light: p.base,
        role.Midlight: p.border,
        role.Mid: p.field_border,
        role.Dark: p.field_border,
        role.Shadow: p.text,
    }
    for r, value in pairs.items():
        pal.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor(p.disabled_text))
    return pal


_current: Palette = LIGHT
_base_pt: float = MIN_POINT_SIZE  # the body text size the theme was applied with


def current_palette() -> Palette:
    """The palette applied last (icons and custom painting read it)."""
    return _current


def apply_theme(app: QApplication, p: Palette = LIGHT) -> None:
    """Apply `p` to the whole application."""
    global _current, _base_pt
    _current = p
    app.setStyle("Fusion")
    app.setPalette(qpalette(p))
    base = system_point_size()
    _base_pt = base
    font = QFont(app.font())
    font.setPointSizeF(base)  # also back down, when the desktop's text got smaller again
    app.setFont(font)
    app.setStyleSheet(stylesheet(p, base))
    if _manager is not None:
        _manager.changed.emit(p)


def scale() -> float:
    """The desktop's text size over the 11 pt design base (2.0 for 22 pt text)."""
    return _base_pt / MIN_POINT_SIZE


def scaled(pixels: float) -> int:
    """A size in pixels chosen beside 11 pt text (a field's width, a box's height), for
    the desktop's text size: twice as large at 22 pt, unchanged at 11 pt."""
    return round(pixels * scale())


def css(sheet: str) -> str:
    """A widget's own stylesheet with its point sizes scaled to the desktop's text size.

    Screens write sizes for an 11 pt body (e.g. "font-size: 13pt" for a heading); with an
    18 pt desktop font that heading becomes 21.3 pt, so it never ends up smaller than the
    body text around it.
    """
    factor = scale()
    if factor == 1.0:
        return sheet
    return re.sub(
        r"(?<![\w.])(\d+(?:\.\d+)?)pt\b",
        lambda m: f"{round(float(m.group(1)) * factor, 1):g}pt",
        sheet,
    )


def pref_text(prefs: QSettings | None, key: str, default: str) -> str:
    if prefs is None:
        return default
    return str(prefs.value(key, default))


def pref_flag(prefs: QSettings | None, key: str, default: bool = False) -> bool:
    """QSettings hands back "true"/"false" strings from ini files."""
    if prefs is None:
        return default
    value = prefs.value(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


class ThemeManager(QObject):
    """Keeps the applied palette in line with the stored choice and the desktop."""

    changed = Signal(object)  # Palette

    def __init__(self, app: QApplication, prefs: QSettings | None) -> None:
        super().__init__(app)
        self.app = app
        self.prefs = prefs
        self.choice = pref_text(prefs, THEME_PREF, "system")
        if self.choice not in THEME_CHOICES:
            self.choice = "system"
        hints = QGuiApplication.styleHints()
        signal = getattr(hints, "colorSchemeChanged", None)
        if signal is not None:
            signal.connect(self._system_changed)

    def palette(self) -> Palette:
        return palette_for(self.choice, system_is_dark())

    def apply(self) -> None:
        apply_theme(self.app, self.palette())
        set_reduce_motion(pref_flag(self.prefs, REDUCE_MOTION_PREF))

    def set_choice(self, choice: str, prefs: QSettings | None = None) -> None:
        """Store and apply "system", "light" or "dark"."""
        if choice not in THEME_CHOICES:
            raise ValueError(choice)
        self.choice = choice
        for target in {id(p): p for p in (self.prefs, prefs) if p is not None}.values():
            target.setValue(THEME_PREF, choice)
            target.sync()
        self.apply()

    def _system_changed(self, _scheme: object) -> None:
        if self.choice == "system":
            self.apply()


_manager: ThemeManager | None = None


def install_theme(app: QApplication, prefs: QSettings | None) -> ThemeManager:
    """Apply the stored theme now and follow the desktop from here on."""
    global _manager
    if _manager is not None and _manager.app is app:
        _manager.prefs = prefs
        _manager.choice = pref_text(prefs, THEME_PREF, "system")
        if _manager.choice not in THEME_CHOICES:
            _manager.choice = "system"
    else:
        _manager = ThemeManager(app, prefs)
    _manager.apply()
    return _manager


def manager() -> ThemeManager | None:
    return _manager


def set_theme_choice(choice: str, prefs: QSettings) -> Palette:
    """Settings calls this: store the choice and apply it (with or without a manager)."""
    if _manager is not None:
        _manager.set_choice(choice, prefs)
        return _current
    if choice not in THEME_CHOICES:
        raise ValueError(choice)
    prefs.setValue(THEME_PREF, choice)
    prefs.sync()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, palette_for(choice, system_is_dark()))
    return _current


def set_reduce_motion(on: bool) -> None:
    """Turn Qt's own widget animations off when motion should be reduced."""
    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        QApplication.setEffectEnabled(effect, not on)
