"""share.fonts: characters no installed font can print are named before saving."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pdfcheck import pdftotext, unprintable_text

from integrate.share.fonts import (
    document_texts,
    installed_families,
    missing_glyphs,
    missing_glyphs_message,
)
from integrate.share.pdf import render_pdf

CJK = "\u4eca\u65e5\u306f"  # 今日は
EMOJI = "\U0001f331"  # seedling


def test_a_machine_with_only_dejavu_is_told_about_cjk_and_emoji() -> None:
    """Simulates a machine without fonts-noto-cjk / -color-emoji: only DejaVu Sans."""
    got = missing_glyphs([f"Calm {CJK} today {EMOJI} Crème"], families=["DejaVu Sans"])
    assert got == [*CJK, EMOJI]  # each once, in order; Latin accents print


def test_this_machine_prints_cjk_and_emoji_but_not_everything() -> None:
    if not any("CJK" in f for f in installed_families()):
        pytest.skip("fonts-noto-cjk is not installed here")
    assert missing_glyphs([CJK + EMOJI]) == []
    odd = unprintable_text()
    assert missing_glyphs([f"{odd} \u200d\ufe0f e\u0301"]) == list(odd)


def test_message_names_the_characters_and_what_to_do() -> None:
    text = missing_glyphs_message(["\u1780", "\u1781"])
    assert "\u1780 \u1781" in text and "fonts-noto-cjk" in text


def test_document_texts_cover_what_the_patient_wrote(sample_document) -> None:  # type: ignore[no-untyped-def]
    doc = sample_document(entries=2, with_long_entry=False)
    doc.note = f"note {CJK}"
    doc.entries = []
    assert missing_glyphs(document_texts(doc), families=["DejaVu Sans"]) == list(CJK)


def test_cli_warns_before_saving_and_can_stop(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from integrate.cli import main
    from integrate.demo import populate_demo
    from integrate.paths import VaultPaths
    from integrate.vault.vault import create_vault

    root = tmp_path / "v"
    created = create_vault(VaultPaths(root), keystore=None, passphrase="pass phrase 1")
    populate_demo(created.vault, tz="Europe/London")
    created.vault.close()
    odd = unprintable_text()
    out = tmp_path / "s.pdf"
    base = ["export-pdf", "--out", str(out), "--data-dir", str(root), "--passphrase-stdin"]
    note = ["--note", f"Odd {odd}"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("pass phrase 1\n"))
    code = main([*base, *note, "--on-missing-glyphs", "stop"])
    err = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert f"{odd[0]} {odd[1]}" in err and "Nothing was written" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("pass phrase 1\n"))
    code = main([*base, *note])  # default: warn (not interactive) and save
    err = capsys.readouterr().err
    assert code == 0 and out.exists() and "Warning:" in err


def test_text_layer_keeps_characters_without_a_font_and_colour_emoji(
    sample_document, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Qt drops both from its text layer; share.text_layer writes them back invisibly."""
    from pdfcheck import run

    doc = sample_document(entries=0, with_long_entry=False)
    odd = unprintable_text()
    doc.note = f"Odd {odd} and {CJK} {EMOJI} end"
    path = tmp_path / "k.pdf"
    path.write_bytes(render_pdf(doc))
    text = pdftotext(path, "-layout")
    line = next(ln for ln in text.splitlines() if "Odd" in ln)
    assert odd in line and EMOJI in line and "end" in line
    assert line.index("Odd") < line.index(odd) < line.index("and") < line.index(EMOJI)
    assert run("qpdf", "--check", str(path)).returncode == 0


def test_text_layer_gaps_name_emoji_only_a_colour_font_draws() -> None:
    from integrate.share.fonts import text_layer_gaps

    if not any("Color Emoji" in f for f in installed_families()):
        pytest.skip("no colour emoji font here")
    assert text_layer_gaps([f"a {CJK} {EMOJI}"]) == [EMOJI]
