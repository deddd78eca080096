"""A one-page PDF of the recovery code, for printing and keeping somewhere safe."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from integrate.paths import write_private_atomic


def recovery_code_pdf(code: str, today: date | None = None) -> bytes:
    """Render the page to memory (the code never passes through an unencrypted temp file)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Recovery code")
    writer.setCreator("Integrate")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    painter = QPainter(writer)
    try:
        rect = QRectF(painter.viewport())
        y = 0.0
        title = QFont("DejaVu Sans", 18, QFont.Weight.Bold)
        body = QFont("DejaVu Sans", 11)
        mono = QFont("DejaVu Sans Mono", 20)
        painter.setFont(title)
        painter.drawText(
            QRectF(0, y, rect.width(), 300), Qt.AlignmentFlag.AlignLeft, "Integrate recovery code"
        )
        y += 320
        painter.setFont(body)
        text = (
            "This code opens your journal if the computer's keyring is lost or you forget "
            "your passphrase. Keep this page somewhere safe and private. Anyone with this "
            "code and your journal file can read your journal.\n\n"
            f"Made on {(today or date.today()).isoformat()}. A newer code replaces this one."
        )
        bounds = QRectF(0, y, rect.width(), 900)
        painter.drawText(bounds, int(Qt.TextFlag.TextWordWrap), text)
        y += 900
        painter.setFont(mono)
        painter.drawText(QRectF(0, y, rect.width(), 300), Qt.AlignmentFlag.AlignLeft, code)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_recovery_code_pdf(target: Path, code: str) -> None:
    write_private_atomic(target, recovery_code_pdf(code))
