"""What makes an exported PDF private: neutral metadata, AES-256 encryption, safe writes.

Nothing here ever writes unencrypted bytes anywhere but the final target (and its 0600
temporary sibling), so callers should encrypt *before* calling `write_private_file`.
"""

from __future__ import annotations

import io
import secrets
from datetime import date
from pathlib import Path
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from integrate.paths import write_private_atomic

# The only metadata an exported file carries. Deliberately says nothing about the
# person, the treatment or the content.
NEUTRAL_TITLE = "Summary"
NEUTRAL_CREATOR = "Integrate"


def neutralise_metadata(pdf_bytes: bytes) -> bytes:
    """Return the PDF with a neutral Info dictionary and no XMP metadata.

    Qt writes Title/Creator/Producer ("Qt 6.x") and an XMP packet; both are replaced so
    that whoever receives the file learns nothing from its properties.
    """
    reader = PdfReader(io.BytesIO(pdf_bytes))
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    for key in ("/Metadata", "/PieceInfo", "/Outlines", "/Names", "/OpenAction"):
        if key in root:
            del root[key]
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if key in page:
                del page[key]
        # Qt writes an empty /Annots array on every page; drop it so "no annotations"
        # is plain to see.
        annots = page.get("/Annots")
        if annots is not None and len(annots.get_object()) == 0:
            del page["/Annots"]
    info = writer._info
    if info is not None:
        info_obj = cast(DictionaryObject, info.get_object())
        for key in list(info_obj.keys()):
            del info_obj[key]
    writer.add_metadata(
        {
            "/Title": NEUTRAL_TITLE,
            "/Creator": NEUTRAL_CREATOR,
            "/Producer": NEUTRAL_CREATOR,
        }
    )
    # pypdf may add its own producer string on write; pin it.
    if writer._info is not None:
        pinned = cast(DictionaryObject, writer._info.get_object())
        pinned[NameObject("/Producer")] = TextStringObject(NEUTRAL_CREATOR)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_pdf(pdf_bytes: bytes, password: str) -> bytes:
    """Encrypt with AES-256 (PDF 2.0 security handler, R6); the password opens the file.

    The owner password is random: nobody needs owner rights, and reusing the user
    password would make the two equivalent anyway.
    """
    if not password:
        raise ValueError("an empty password would not protect anything")
    reader = PdfReader(io.BytesIO(pdf_bytes))
    writer = PdfWriter(clone_from=reader)
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        algorithm="AES-256",
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_private_file(target: Path, data: bytes, overwrite: bool = False) -> None:
    """Write `data` to `target` atomically, 0600; an existing file only if `overwrite`."""
    write_private_atomic(target, data, overwrite=overwrite)


def default_share_filename(generated: date) -> str:
    """A file name that reveals nothing sensitive, e.g. ``summary-2026-11-22.pdf``."""
    return f"summary-{generated.isoformat()}.pdf"
