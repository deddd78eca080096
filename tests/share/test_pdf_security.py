"""Encryption, neutral metadata and private writes of exported files."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from pdfcheck import pdfinfo, qdf_text, run
from pypdf import PdfReader, PdfWriter

from integrate.share.pdf_security import (
    default_share_filename,
    encrypt_pdf,
    neutralise_metadata,
    write_private_file,
)


def _leaky_pdf() -> bytes:
    """A PDF whose properties say far too much, with an XMP packet."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata(
        {
            "/Title": "Ketamine journal of Jordan",
            "/Author": "Jordan Müller",
            "/Subject": "PTSD",
            "/Keywords": "ketamine, PTSD",
            "/Producer": "Qt 6.12.0",
        }
    )
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        b"<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>ketamine</dc:title></rdf:Description></rdf:RDF>"
        b'</x:xmpmeta><?xpacket end="w"?>'
    )
    from pypdf.generic import DecodedStreamObject, NameObject

    stream = DecodedStreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_leaky_fixture_really_leaks() -> None:
    reader = PdfReader(io.BytesIO(_leaky_pdf()))
    assert reader.xmp_metadata is not None
    assert "PTSD" in str(reader.metadata)


def test_neutralise_metadata_removes_everything_personal(tmp_path: Path) -> None:
    data = neutralise_metadata(_leaky_pdf())
    reader = PdfReader(io.BytesIO(data))
    assert reader.xmp_metadata is None
    assert dict(reader.metadata or {}) == {
        "/Title": "Summary",
        "/Creator": "Integrate",
        "/Producer": "Integrate",
    }
    path = tmp_path / "n.pdf"
    path.write_bytes(data)
    raw = qdf_text(path, tmp_path).lower()
    for word in (b"ketamine", b"ptsd", b"jordan", b"qt 6"):
        assert word not in raw


def test_encrypt_is_aes256_r6_and_needs_the_password(tmp_path: Path) -> None:
    data = encrypt_pdf(neutralise_metadata(_leaky_pdf()), "s3cret pass")
    path = tmp_path / "e.pdf"
    path.write_bytes(data)
    shown = run("qpdf", "--show-encryption", "--password=s3cret pass", str(path))
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout.decode()
    assert "R = 6" in out
    assert "AESv3" in out  # qpdf's name for AES-256
    assert pdfinfo(path, "-upw", "s3cret pass")["Encrypted"].startswith("yes")
    assert run("pdfinfo", "-upw", "wrong", str(path)).returncode != 0
    assert run("pdfinfo", str(path)).returncode != 0  # no password: cannot open
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert not reader.decrypt("wrong")
    assert reader.decrypt("s3cret pass")
    assert run("qpdf", "--check", "--password=s3cret pass", str(path)).returncode == 0


def test_encrypted_file_hides_the_text(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": "CANARY-TITLE"})
    out = io.BytesIO()
    writer.write(out)
    data = encrypt_pdf(out.getvalue(), "pw")
    assert b"CANARY-TITLE" not in data


def test_empty_password_is_refused() -> None:
    with pytest.raises(ValueError):
        encrypt_pdf(_leaky_pdf(), "")


def test_write_private_file_is_0600_even_with_open_umask(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    old = os.umask(0)
    try:
        write_private_file(target, b"%PDF-data")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"%PDF-data"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == ["summary.pdf"]  # no temp file left


def test_write_private_file_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        write_private_file(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["summary.pdf"]
    write_private_file(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_write_private_file_cleans_up_on_failure(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "summary.pdf"
    with pytest.raises(FileNotFoundError):
        write_private_file(missing, b"x")
    target = tmp_path / "summary.pdf"
    with pytest.raises(TypeError):
        write_private_file(target, 12345)  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_default_filename_is_neutral() -> None:
    name = default_share_filename(date(2026, 11, 22))
    assert name == "summary-2026-11-22.pdf"
    for word in ("ketamine", "ptsd", "therapy", "journal"):
        assert word not in name.lower()
