"""Page images of a rendered PDF for the share wizard's preview.

QtPdf (QPdfDocument) is not part of PySide6-Essentials/Addons 6.12 (it ships in the
separate PySide6-Pdf wheel), so pages are rasterised with poppler's `pdftoppm`. The PDF
goes in through stdin and the PNGs come back through stdout: the unencrypted document
never touches disk.
"""

from __future__ import annotations

import shutil
import struct
import subprocess

from PySide6.QtGui import QImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class PreviewUnavailable(RuntimeError):
    """pdftoppm is missing or failed; the UI can offer to save without a preview."""


def _split_pngs(stream: bytes) -> list[bytes]:
    """Split concatenated PNG files by walking their chunks up to IEND."""
    images = []
    pos = 0
    while pos < len(stream):
        if stream[pos : pos + 8] != PNG_SIGNATURE:
            raise PreviewUnavailable("unexpected output from pdftoppm")
        start = pos
        pos += 8
        while True:
            (length,) = struct.unpack(">I", stream[pos : pos + 4])
            kind = stream[pos + 4 : pos + 8]
            pos += 12 + length
            if kind == b"IEND":
                break
        images.append(stream[start:pos])
    return images


def render_page_images(pdf_bytes: bytes, dpi: int = 96, timeout: float = 60.0) -> list[QImage]:
    """Render every page of an (unencrypted) PDF to a QImage at `dpi`."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewUnavailable("pdftoppm (poppler-utils) is not installed")
    try:
        done = subprocess.run(
            [tool, "-png", "-r", str(int(dpi)), "-"],
            input=pdf_bytes,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PreviewUnavailable("pdftoppm took too long") from exc
    if done.returncode != 0:
        raise PreviewUnavailable(f"pdftoppm failed with exit code {done.returncode}")
    images = []
    for png in _split_pngs(done.stdout):
        image = QImage()
        if not image.loadFromData(png, "PNG"):
            raise PreviewUnavailable("a page image could not be read")
        images.append(image)
    return images
