"""Helpers that read PDFs with poppler, qpdf and pypdf for the share tests."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from integrate.share.content import ShareDocument
from integrate.share.pdf import render_pdf
from integrate.share.pdf_security import encrypt_pdf, write_private_file


def require_tool(name: str) -> str:
    """Path of a system tool; skip the test when missing, unless tools are required.

    With INTEGRATE_REQUIRE_SYSTEM_TOOLS=1 a missing tool fails the test instead, so CI
    cannot go green by skipping the real checks.
    """
    path = shutil.which(name)
    if path:
        return path
    message = f"system tool {name!r} not found (install poppler-utils / qpdf)"
    if os.environ.get("INTEGRATE_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(message + " and INTEGRATE_REQUIRE_SYSTEM_TOOLS=1 is set")
    pytest.skip(message)


def run(tool: str, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [require_tool(tool), *args], input=input, capture_output=True, check=False
    )


def norm(text: str) -> str:
    """NFKC and no whitespace: robust against extraction quirks (ligatures, tabs)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdftotext(path: Path, *extra: str, first: int | None = None, last: int | None = None) -> str:
    args = list(extra)
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    done = run("pdftotext", *args, str(path), "-")
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def pdfinfo(path: Path, *extra: str) -> dict[str, str]:
    done = run("pdfinfo", *extra, str(path))
    assert done.returncode == 0, done.stderr
    info = {}
    for line in done.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def qdf_text(path: Path, tmp: Path, password: str | None = None) -> bytes:
    """The file with every stream uncompressed and no object streams (grep-able)."""
    out = tmp / "qdf.pdf"
    args = ["--qdf", "--object-streams=disable", "--stream-data=uncompress"]
    if password:
        args.append(f"--password={password}")
        args.append("--decrypt")
    done = run("qpdf", *args, str(path), str(out))
    assert done.returncode in (0, 3), done.stderr  # 3: warnings only
    return out.read_bytes()


def image_count(path: Path) -> int:
    done = run("pdfimages", "-list", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    return max(0, len(lines) - 2)  # two header lines


def page_texts(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def pdffonts_rows(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts (name, type, encoding, emb, sub, uni)."""
    done = run("pdffonts", str(path))
    assert done.returncode == 0, done.stderr
    rows = []
    for line in done.stdout.decode().splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object-id gen: read from the right.
        if len(parts) < 7:
            continue
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def unprintable_text() -> str:
    """Two characters no installed font can draw here (Khmer on the CI machine), for the
    missing-glyph checks; skips when this machine happens to cover every candidate."""
    from integrate.share.fonts import missing_glyphs

    for pair in ("\u1780\u1781", "\U00017000\U00017001", "\U0001e900\U0001e901"):
        if len(missing_glyphs([pair])) == 2:
            return pair
    pytest.skip("every candidate script has a font on this machine")


def export_pdf(
    doc: ShareDocument, target: Path, password: str | None = None, overwrite: bool = False
) -> None:
    """Save `doc` as the app does: render, encrypt when a password is given, write 0600."""
    data = render_pdf(doc)
    if password:
        data = encrypt_pdf(data, password)
    write_private_file(target, data, overwrite=overwrite)
