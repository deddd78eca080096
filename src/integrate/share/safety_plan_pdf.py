"""The safety plan as one clean printable PDF page.

Every piece of the patient's text goes in through `QTextCursor.insertText`, so
nothing they typed is ever read as HTML. The metadata is neutral: title
"Safety plan", creator "Integrate", no names. Long plans are set in a smaller
type size until they fit on one page (down to a readable minimum; only past that
does a second page appear).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from integrate.core.safety import SECTIONS, PlanContact, SafetyPlan
from integrate.paths import write_private_atomic
from integrate.share.qtapp import ensure_qt_app

PDF_TITLE = "Safety plan"
PDF_CREATOR = "Integrate"
RESOLUTION = 300
BASE_POINTS = 11.0
MIN_SCALE = 0.6  # below ~7 pt a printed plan stops being easy to read


def contact_line(contact: PlanContact) -> str:
    return "  ·  ".join(p for p in (contact.name, contact.phone, contact.note) if p)


def _build(
    doc: QTextDocument,
    plan: SafetyPlan,
    scale: float,
    footer: str,
    titles: dict[str, str],
    heading: str,
) -> None:
    doc.clear()
    family = "DejaVu Sans"
    cursor = QTextCursor(doc)

    def fmt(points: float, bold: bool = False, grey: bool = False) -> QTextCharFormat:
        f = QTextCharFormat()
        font = QFont(family)
        font.setPointSizeF(points * scale)
        font.setBold(bold)
        f.setFont(font)
        if grey:
            f.setForeground(QColor("#55616a"))
        return f

    def block(space_before: float = 0.0) -> QTextBlockFormat:
        b = QTextBlockFormat()
        b.setTopMargin(space_before * scale * RESOLUTION / 72)
        b.setBottomMargin(1 * scale * RESOLUTION / 72)
        return b

    cursor.setBlockFormat(block())
    cursor.insertText(heading, fmt(BASE_POINTS * 1.7, bold=True))
    for info in SECTIONS:
        cursor.insertBlock(block(space_before=14), fmt(BASE_POINTS * 1.15, bold=True))
        cursor.insertText(titles.get(info.key, info.title), fmt(BASE_POINTS * 1.15, bold=True))
        items: Sequence[str | PlanContact] = getattr(plan, info.key)
        texts = [contact_line(i) if isinstance(i, PlanContact) else i for i in items]
        texts = [t for t in texts if t.strip()]
        if not texts:
            # Room to write by hand on the printed page.
            for _ in range(2 if scale >= 1.0 else 1):
                cursor.insertBlock(block(space_before=8), fmt(BASE_POINTS, grey=True))
                cursor.insertText("_" * 70, fmt(BASE_POINTS, grey=True))
            continue
        for text in texts:
            item = block(space_before=1)
            item.setLeftMargin(14 * scale * RESOLUTION / 72)
            item.setTextIndent(-10 * scale * RESOLUTION / 72)
            cursor.insertBlock(item, fmt(BASE_POINTS))
            cursor.insertText("\u2022  ", fmt(BASE_POINTS))
            cursor.insertText(text, fmt(BASE_POINTS))
    if footer:
        cursor.insertBlock(block(space_before=18), fmt(BASE_POINTS * 0.9, grey=True))
        cursor.insertText(footer, fmt(BASE_POINTS * 0.9, grey=True))


def safety_plan_pdf(
    plan: SafetyPlan,
    *,
    footer: str = "",
    heading: str = "My safety plan",
    titles: dict[str, str] | None = None,
) -> bytes:
    """Render the plan to PDF bytes in memory (nothing touches the disk here).

    `titles` may carry translated section titles by key; `footer` is a short line such
    as the emergency number.
    """
    ensure_qt_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(PDF_TITLE)
    writer.setCreator(PDF_CREATOR)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    scale = 1.0
    while True:
        _build(doc, plan.cleaned(), scale, footer, titles or {}, heading)
        if doc.pageCount() <= 1 or scale <= MIN_SCALE:
            break
        scale = max(MIN_SCALE, scale - 0.06)
    painter = QPainter(writer)
    try:
        pages = max(1, doc.pageCount())
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_safety_plan_pdf(target: Path, plan: SafetyPlan, **kwargs: object) -> None:
    """Render and write privately (0600, atomic)."""
    write_private_atomic(target, safety_plan_pdf(plan, **kwargs))  # type: ignore[arg-type]
