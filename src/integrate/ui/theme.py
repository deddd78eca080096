"""A calm palette and generous sizing. Full light/dark theming lives here too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Palette:
    name: str
    window: str
    base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    help: str  # the "Need help now" button
    help_text: str


LIGHT = Palette(
    "light",
    window="#f5f3ef",
    base="#ffffff",
    text="#1f2a30",
    muted="#55616a",
    accent="#2f6f73",
    accent_text="#ffffff",
    border="#d5d0c8",
    help="#8a3b2e",
    help_text="#ffffff",
)
DARK = Palette(
    "dark",
    window="#1c2226",
    base="#242b30",
    text="#e8e6e1",
    muted="#a9b2b8",
    accent="#6fb3b6",
    accent_text="#0f1416",
    border="#3a444b",
    help="#e59a8a",
    help_text="#1a1010",
)


def stylesheet(p: Palette) -> str:
    return f"""
    QWidget {{ font-size: 11pt; }}
    QMainWindow, QDialog {{ background: {p.window}; }}
    QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; }}
    QLabel#muted {{ color: {p.muted}; }}
    QLabel#notice {{ background: {p.base}; border: 1px solid {p.border}; border-radius: 8px;
                     padding: 10px; }}
    QPushButton {{ min-height: 34px; padding: 4px 16px; border-radius: 8px;
                   border: 1px solid {p.border}; background: {p.base}; color: {p.text}; }}
    QPushButton:focus {{ border: 2px solid {p.accent}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.accent_text};
                           border: 1px solid {p.accent}; font-weight: 600; }}
    QPushButton#helpNow {{ background: {p.help}; color: {p.help_text}; font-weight: 600;
                           border: 1px solid {p.help}; }}
    QPushButton#helpNow:focus {{ border: 3px solid {p.text}; }}
    QListWidget#nav {{ background: {p.base}; border: none; border-right: 1px solid {p.border};
                       font-size: 12pt; outline: 0; }}
    QListWidget#nav::item {{ min-height: 40px; padding-left: 14px; border-radius: 8px;
                             margin: 2px 6px; color: {p.text}; }}
    QListWidget#nav::item:selected {{ background: {p.accent}; color: {p.accent_text}; }}
    QListWidget#nav::item:focus {{ border: 2px solid {p.text}; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QComboBox, QDateTimeEdit {{
        background: {p.base}; color: {p.text}; border: 1px solid {p.border};
        border-radius: 6px; padding: 6px; min-height: 24px; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{
        border: 2px solid {p.accent}; }}
    """


def apply_theme(app: QApplication, p: Palette = LIGHT) -> None:
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(p.window))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(p.text))
    pal.setColor(QPalette.ColorRole.Base, QColor(p.base))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(p.window))
    pal.setColor(QPalette.ColorRole.Text, QColor(p.text))
    pal.setColor(QPalette.ColorRole.Button, QColor(p.base))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(p.text))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(p.accent))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(p.accent_text))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(p.muted))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(p.base))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(p.text))
    app.setPalette(pal)
    font = QFont(app.font())
    if font.pointSizeF() < 11:
        font.setPointSizeF(11)
    app.setFont(font)
    app.setStyleSheet(stylesheet(p))
