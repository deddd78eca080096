"""Keep characters no installed font can draw in the PDF's text layer.

Qt leaves a character out of the PDF altogether (print and text) when no font on the
computer has a glyph for it. `missing_runs()` finds where such characters sat in the laid
out document; `add_invisible_text()` writes them back as invisible text (render mode 3)
at those places with a glyph-less font whose ToUnicode map names each character, the way
OCR tools add a text layer to scans. Copy, search and screen readers then find every
character; the print is unchanged (the patient was warned before saving).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from PySide6.QtGui import QTextDocument

FONT_NAME = "/IntegrateInvisible"


@dataclass(frozen=True)
class HiddenRun:
    """Characters to restore on one page, at a baseline position in PDF points."""

    page: int
    x: float  # from the left edge
    y: float  # from the bottom edge (PDF user space)
    size: float
    text: str


def missing_runs(
    qdoc: QTextDocument,
    missing: set[str],
    *,
    page_h: float,
    left: float,
    top: float,
    page_height_pt: float,
    resolution: int,
) -> list[HiddenRun]:
    """Runs of `missing` characters in the laid-out document, placed in PDF points.

    `page_h`, `left` and `top` are the body's height and offsets in device pixels at
    `resolution` dpi, as the renderer pages the document.
    """
    if not missing:
        return []
    scale = 72.0 / resolution
    layout = qdoc.documentLayout()
    out: list[HiddenRun] = []
    block = qdoc.begin()
    while block.isValid():
        text = block.text()
        if any(ch in missing for ch in text):
            rect = layout.blockBoundingRect(block)
            lines = block.layout()
            i = 0
            while i < len(text):
                if text[i] not in missing:
                    i += 1
                    continue
                j = i
                while j < len(text) and text[j] in missing:
                    j += 1
                line = lines.lineForTextPosition(i)
                if line.isValid():
                    # PySide returns (x, cursor position) where C++ returns x.
                    found: Any = line.cursorToX(i)
                    x_px = float(found[0] if isinstance(found, tuple) else found)
                    y_doc = rect.top() + line.y() + line.ascent()
                    page = int(y_doc // page_h)
                    y_dev = top + (y_doc - page * page_h)
                    out.append(
                        HiddenRun(
                            page=page,
                            x=(left + rect.left() + x_px) * scale,
                            y=page_height_pt - y_dev * scale,
                            size=max(4.0, line.ascent() * scale),
                            text=text[i:j],
                        )
                    )
                i = j
        block = block.next()
    return out


def _utf16_hex(ch: str) -> str:
    return ch.encode("utf-16-be").hex().upper()


def _to_unicode(chars: Sequence[str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(chars), 100):
        chunk = chars[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for k, ch in enumerate(chunk, start=start + 1):
            lines.append(f"<{k:04X}> <{_utf16_hex(ch)}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def add_invisible_text(pdf_bytes: bytes, runs: Sequence[HiddenRun]) -> bytes:
    """The PDF with `runs` written as invisible, extractable text."""
    if not runs:
        return pdf_bytes
    chars = sorted({ch for r in runs for ch in r.text})
    cid = {ch: k for k, ch in enumerate(chars, start=1)}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))

    to_unicode = DecodedStreamObject()
    to_unicode.set_data(_to_unicode(chars))
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/GlyphLessFont"),
            NameObject("/Flags"): NumberObject(4),
            NameObject("/FontBBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(500), NumberObject(1000)]
            ),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(1000),
            NameObject("/Descent"): NumberObject(0),
            NameObject("/CapHeight"): NumberObject(1000),
            NameObject("/StemV"): NumberObject(80),
        }
    )
    cid_font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/GlyphLessFont"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            NameObject("/DW"): NumberObject(500),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/GlyphLessFont"),
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
            NameObject("/ToUnicode"): writer._add_object(to_unicode),
        }
    )
    font_ref = writer._add_object(font)

    by_page: dict[int, list[HiddenRun]] = {}
    for r in runs:
        by_page.setdefault(r.page, []).append(r)
    for index, page_runs in by_page.items():
        if not 0 <= index < len(writer.pages):
            continue
        page = writer.pages[index]
        ops = ["Q", "q", "BT", "3 Tr"]
        for r in page_runs:
            codes = "".join(f"{cid[ch]:04X}" for ch in r.text)
            ops.append(f"{FONT_NAME} {FloatObject(r.size)} Tf")
            ops.append(f"1 0 0 1 {FloatObject(r.x)} {FloatObject(r.y)} Tm")
            ops.append(f"<{codes}> Tj")
        ops += ["ET", "Q"]
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("ascii"))
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT_NAME)] = font_ref
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        # The page's own content first, untouched but wrapped in q/Q: Qt leaves its
        # page transformation in force, which would move the text added after it.
        existing = page.get(NameObject("/Contents"))
        opening = DecodedStreamObject()
        opening.set_data(b"q\n")
        combined = ArrayObject([writer._add_object(opening)])
        if isinstance(existing, ArrayObject):
            combined.extend(existing)
        elif existing is not None:
            combined.append(existing)
        combined.append(writer._add_object(stream))
        page[NameObject("/Contents")] = combined
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
