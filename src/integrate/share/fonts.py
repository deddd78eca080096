"""Which characters of a summary no installed font can print (no silent loss).

Qt falls back through the installed fonts for every character; where none has a glyph,
the PDF prints a box (`share.text_layer` keeps the character in the text layer, so copy
and search still work). The wizard and `integrate export-pdf` call `missing_glyphs()`
before saving and say which characters would not print, so the patient can install a
font (e.g. fonts-noto-cjk, fonts-noto-color-emoji) or continue knowingly.

Shipping a fallback font was weighed and left: a CJK font alone is 15-20 MB, colour
emoji another 10 MB, and a bundle still could not cover every script a patient writes in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from integrate.share.content import ShareDocument
from integrate.share.qtapp import ensure_qt_app

# Characters that need no glyph: joiners and variation selectors shape their neighbours.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufe0e", "\ufe0f"}


def document_texts(doc: ShareDocument) -> list[str]:
    """Every piece of the patient's own text the summary prints."""
    texts = [doc.note, doc.patient_name_display or "", doc.therapist_name or ""]
    for e in doc.entries:
        texts += [e.title, e.body, e.prompt or "", *e.tags]
        texts += [str(v) for v in e.ratings.values()]
    for s in doc.sessions:
        texts += [s.intention or "", s.notes or "", s.dose or "", s.bp_before or ""]
        texts += [s.bp_after or ""]
    if doc.safety_plan:
        for items in doc.safety_plan.values():
            texts += items
    texts += [r.label for r in doc.what_helps]
    texts += [name for _, _, name in doc.series_spans]
    return texts


def installed_families() -> list[str]:
    """Every font family Qt can use on this computer."""
    ensure_qt_app()
    return list(QFontDatabase.families())


@cache
def _raw(family: str) -> QRawFont:
    return QRawFont.fromFont(QFont(family))


def _needs_glyph(ch: str) -> bool:
    if ch in _INVISIBLE or ch.isspace():
        return False
    category = unicodedata.category(ch)
    # Controls, formats, surrogates and marks combining with a base need no own glyph.
    return category not in ("Cc", "Cf", "Cs", "Mn", "Me")


def missing_glyphs(texts: Iterable[str], families: Sequence[str] | None = None) -> list[str]:
    """Characters in `texts` that none of `families` (default: all installed) can draw,
    in order of first appearance."""
    ensure_qt_app()
    pool = list(families) if families is not None else installed_families()
    seen: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if ord(ch) >= 0x80 and _needs_glyph(ch):
                seen.setdefault(ch, None)
    out = []
    for ch in seen:
        code = ord(ch)
        if not any(_raw(f).supportsCharacter(code) for f in pool):
            out.append(ch)
    return out


# Bitmap colour fonts: Qt embeds their glyphs as images, with no text-layer entry.
COLOR_FONT_MARKERS = ("Color Emoji",)


def text_layer_gaps(texts: Iterable[str], families: Sequence[str] | None = None) -> list[str]:
    """Characters Qt would leave out of the PDF's text layer: those no font can draw and
    those only a bitmap colour font (emoji) draws."""
    ensure_qt_app()
    pool = list(families) if families is not None else installed_families()
    plain = [f for f in pool if not any(m in f for m in COLOR_FONT_MARKERS)]
    return missing_glyphs(texts, plain)


def missing_glyphs_message(chars: Sequence[str], limit: int = 20) -> str:
    """A plain sentence naming the characters that will not print."""
    shown = " ".join(chars[:limit])
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return (
        f"{len(chars)} character(s) have no font on this computer and will print as "
        f"boxes: {shown}{more}. The PDF's text still contains them (copy and search work). "
        "Installing a font that covers them (for example fonts-noto-cjk or "
        "fonts-noto-color-emoji) fixes the print."
    )
