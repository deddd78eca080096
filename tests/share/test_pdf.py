"""The therapist PDF, read back with poppler, qpdf and pypdf."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfcheck import (
    export_pdf,
    image_count,
    norm,
    page_texts,
    pdffonts_rows,
    pdfinfo,
    pdftotext,
    qdf_text,
    run,
)
from pypdf import PdfReader
from samples import (
    ACCENTS,
    ARABIC,
    CJK,
    HEBREW,
    INJECTION_BOLD,
    INJECTION_IMG,
    INJECTION_LINK,
    LONG_MARKER_END,
    LONG_MARKER_START,
    NOTE_TEXT,
    PATIENT,
    SERIES_NAME,
    THERAPIST,
    make_document,
)

from integrate.share.content import EntryRow, ShareDocument
from integrate.share.pdf import clean_text, fmt_day, header_text, render_pdf
from integrate.share.preview import render_page_images
from integrate.share.qtapp import ensure_qt_app

pytestmark = pytest.mark.usefixtures("qapp")


def _write(tmp_path: Path, doc: ShareDocument, name: str = "out.pdf") -> tuple[Path, bytes]:
    data = render_pdf(doc)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    ensure_qt_app()
    return _write(tmp_path_factory.mktemp("pdf"), make_document(include_item9=True))


def test_qpdf_check_passes(sample_pdf: tuple[Path, bytes]) -> None:
    path, _ = sample_pdf
    done = run("qpdf", "--check", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert b"No syntax or stream encoding errors" in done.stdout


def test_sections_appear_in_order(sample_pdf: tuple[Path, bytes]) -> None:
    path, _ = sample_pdf
    text = pdftotext(path)
    order = [
        "Integration summary",
        "At a glance",
        "Note from the patient",
        "Session timeline",
        "Measures",
        "PCL-5",
        "PHQ-9",
        "PHQ-9 item 9",
        "GAD-7",
        "Journal entries",
        LONG_MARKER_START,
        LONG_MARKER_END,
        "What helps me",
        "Safety plan",
        "Crisis lines",
    ]
    positions = []
    start = 0
    for needle in order:
        found = text.find(needle, start)
        assert found >= 0, f"{needle!r} missing or out of order"
        positions.append(found)
        start = found + 1
    assert positions == sorted(positions)


def test_entries_are_in_date_order_with_prompts_and_ratings(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    base = doc.generated_at - timedelta(days=30)
    # Given out of order on purpose.
    doc.entries = [
        EntryRow(
            created_at=base + timedelta(days=d),
            title=f"Entry-{d:02d}",
            body=f"Body-{d:02d}",
            prompt=f"Prompt-{d:02d}?",
            ratings={"Distress": f"{d % 10}/10"},
        )
        for d in (5, 1, 9, 3)
    ]
    path, _ = _write(tmp_path, doc)
    text = norm(pdftotext(path))
    found = [m.group(0) for m in re.finditer(r"Entry-\d\d", text)]
    assert found == ["Entry-01", "Entry-03", "Entry-05", "Entry-09"]
    for d in (1, 3, 5, 9):
        # prompt and rating follow their entry heading
        entry_at = text.index(f"Entry-{d:02d}")
        assert text.index(norm(f"Prompt:Prompt-{d:02d}?"), entry_at) < text.index(f"Body-{d:02d}")
        assert norm(f"Distress:{d % 10}/10") in text


def test_header_and_page_x_of_y_on_every_page(sample_pdf: tuple[Path, bytes]) -> None:
    path, data = sample_pdf
    pages = int(pdfinfo(path)["Pages"])
    texts = page_texts(data)
    assert len(texts) == pages
    for i, page in enumerate(texts, start=1):
        assert norm(header_text()) in norm(page), f"header missing on page {i}"
        assert norm(f"Page {i} of {pages}") in norm(page), f"footer missing on page {i}"


def test_page_count_and_size(tmp_path: Path, sample_pdf: tuple[Path, bytes]) -> None:
    path, _ = sample_pdf
    info = pdfinfo(path)
    assert 4 <= int(info["Pages"]) <= 15
    assert "A4" in info["Page size"]
    letter, _ = _write(tmp_path, make_document(page_size="Letter"), "letter.pdf")
    assert "letter" in pdfinfo(letter)["Page size"].lower()


def test_long_entry_flows_across_pages(sample_pdf: tuple[Path, bytes]) -> None:
    _, data = sample_pdf
    texts = [norm(t) for t in page_texts(data)]
    start = next(i for i, t in enumerate(texts) if LONG_MARKER_START in t)
    end = next(i for i, t in enumerate(texts) if LONG_MARKER_END in t)
    assert end >= start + 2  # 40 paragraphs need more than one page
    joined = "".join(texts)
    for n in range(1, 41):
        assert norm(f"{n}. Today I went for a long walk") in joined


def test_fonts_are_embedded(sample_pdf: tuple[Path, bytes]) -> None:
    path, _ = sample_pdf
    rows = pdffonts_rows(path)
    assert rows, "no fonts listed"
    for row in rows:
        if row["name"] == "GlyphLessFont":
            # share.text_layer's font for invisible text (emoji, characters without a
            # font): it never paints, so it has no glyphs to embed; only its ToUnicode.
            assert row["uni"] == "yes", row
            continue
        assert row["emb"] == "yes", row


def test_unicode_text_is_present(sample_pdf: tuple[Path, bytes]) -> None:
    path, _ = sample_pdf
    text = norm(pdftotext(path))
    for sample in (ACCENTS, CJK, PATIENT, THERAPIST, NOTE_TEXT):
        assert norm(sample) in text, sample
    # poppler keeps Arabic/Hebrew in logical order; compare word by word.
    for word in ARABIC.split() + HEBREW.split():
        assert norm(word) in text, word


def test_markup_in_user_text_prints_literally(tmp_path: Path) -> None:
    doc = make_document(entries=4, with_long_entry=False)  # entry 4 holds the injections
    doc.note = f"{INJECTION_IMG} {INJECTION_LINK}"
    doc.what_helps = [dataclasses.replace(doc.what_helps[0], label=INJECTION_BOLD)]
    path, data = _write(tmp_path, doc)
    text = norm(pdftotext(path))
    for literal in (INJECTION_IMG, INJECTION_LINK, INJECTION_BOLD):
        assert norm(literal) in text
    assert image_count(path) == 0
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        annots = page.get("/Annots")
        assert not (annots.get_object() if annots is not None else []), "annotation found"
    raw = qdf_text(path, tmp_path)
    assert b"/URI" not in raw
    assert b"/Link" not in raw
    assert b"/Subtype /Image" not in raw


def test_metadata_is_neutral(tmp_path: Path, sample_pdf: tuple[Path, bytes]) -> None:
    path, data = sample_pdf
    info = pdfinfo(path)
    assert info["Title"] == "Summary"
    assert info.get("Author", "") == ""
    assert info.get("Subject", "") == ""
    assert info.get("Keywords", "") == ""
    assert info["Metadata Stream"] == "no"
    reader = PdfReader(io.BytesIO(data))
    assert reader.xmp_metadata is None
    values = " ".join(str(v) for v in (reader.metadata or {}).values()).lower()
    for word in ("ketamine", "ptsd", "müller", "jordan", "laurent", "qt"):
        assert word not in values
    raw = qdf_text(path, tmp_path)
    assert b"Qt 6" not in raw
    assert b"<x:xmpmeta" not in raw


def test_the_file_name_and_folder_never_enter_the_file(tmp_path: Path) -> None:
    # Even a telling name the patient typed stays out of the document itself.
    folder = tmp_path / "Jordan private"
    folder.mkdir()
    target = folder / "ketamine-ptsd-notes.pdf"
    export_pdf(make_document(entries=1, with_long_entry=False), target)
    raw = qdf_text(target, tmp_path).lower()
    for leak in (b"ketamine-ptsd-notes", b"jordan private", str(tmp_path).lower().encode()):
        assert leak not in raw


def test_item9_only_when_chosen(tmp_path: Path) -> None:
    hidden, _ = _write(tmp_path, make_document(include_item9=False), "hidden.pdf")
    text = norm(pdftotext(hidden))
    assert norm("Item 9 answer") not in text
    assert norm("Several days") not in text
    assert norm("PHQ-9 item 9 answers are not included") in text
    # The cover says so plainly (issue 16).
    cover = norm(pdftotext(hidden, first=1, last=1))
    assert norm("PHQ-9 item 9 (thoughts of death or self-harm): not shared.") in cover

    shown, _ = _write(tmp_path, make_document(include_item9=True), "shown.pdf")
    text = norm(pdftotext(shown))
    assert norm("included at the patient's choice") in text
    # Said on the cover too, with every answer above 0 and the caveat about zeros.
    cover = norm(pdftotext(shown, first=1, last=1))
    assert norm("PHQ-9 item 9, shared by the patient: answers above 0") in cover
    assert norm("A 0 does not mean the absence of risk.") in cover
    assert norm("1 \u2013 Several days") in text
    assert norm("0 \u2013 Not at all") in text


def test_pcl5_table_shows_versions_and_the_provisional_pattern(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    pcl = doc.measures[0]
    points = [
        dataclasses.replace(p, version="past month" if i == 0 else "past week", pattern=i == 0)
        for i, p in enumerate(pcl.points)
    ]
    doc.measures[0] = dataclasses.replace(
        pcl, points=points, pattern_note="Provisional DSM-5 symptom pattern: needs at least 1 B."
    )
    path, _ = _write(tmp_path, doc)
    text = norm(pdftotext(path))
    assert norm("Version") in text and norm("DSM-5 pattern") in text
    assert norm("past month") in text and norm("past week") in text
    assert text.count(norm("not met")) == len(points) - 1
    assert norm("needs at least 1 B.") in text
    cover = norm(pdftotext(path, first=1, last=1))
    assert norm("past month\u2192past week") in cover  # both versions on the glance
    phq_only = norm(pdftotext(path)).split(norm("PHQ-9 \u2013"))[1]
    assert norm("DSM-5 pattern") not in phq_only  # only where the instrument has the rule


def test_sessions_left_out_means_no_count_and_no_markers(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    doc.sessions = []
    doc.sessions_included = False
    path, _ = _write(tmp_path, doc)
    text = norm(pdftotext(path))
    assert norm("ketamine session") not in text  # not "0 ketamine sessions" on the cover
    assert norm("Dotted vertical lines") not in text
    assert norm("PCL-5 total") in text  # the charts are still there
    # Shared but none in the period: the cover says so.
    doc.sessions_included = True
    path, _ = _write(tmp_path, doc, "none.pdf")
    assert norm("0 ketamine sessions") in norm(pdftotext(path, first=1, last=1))


def test_charts_shade_and_name_the_treatment_series(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    _, data = _write(tmp_path, doc)
    pages = [norm(t) for t in page_texts(data)]
    # Named on each chart (three measures), on the pages that hold the charts.
    assert sum(t.count(norm(SERIES_NAME)) for t in pages) == len(doc.measures)
    assert any(norm("PCL-5 total") in t and norm(SERIES_NAME) in t for t in pages)
    assert norm("are treatment series") in "".join(pages)
    # Part of the session timeline: left out with it, like the session markers.
    doc.sessions_included = False
    _, data = _write(tmp_path, doc, "no-sessions.pdf")
    text = norm("".join(page_texts(data)))
    assert norm(SERIES_NAME) not in text and norm("treatment series") not in text


def test_name_choices(tmp_path: Path) -> None:
    doc = make_document(entries=1, with_long_entry=False)
    doc.patient_name_display = None
    doc.therapist_name = None
    path, _ = _write(tmp_path, doc, "anon.pdf")
    text = norm(pdftotext(path))
    assert norm(PATIENT) not in text
    assert norm(THERAPIST) not in text
    doc.patient_name_display = "J. M."
    path, _ = _write(tmp_path, doc, "initials.pdf")
    assert norm("Patient J. M.") in norm(pdftotext(path))


def test_optional_sections_can_be_left_out(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    doc.safety_plan = None
    doc.what_helps = []
    doc.measures = []
    doc.sessions = []
    path, _ = _write(tmp_path, doc)
    text = pdftotext(path)
    for heading in (
        "Safety plan",
        "What helps me",
        "Session timeline",
        "Journal entries",
        "Measures",
    ):
        assert heading not in text
    assert int(pdfinfo(path)["Pages"]) == 1


@pytest.mark.parametrize("count", [7, 11, 16, 23, 31])
def test_headings_are_never_last_on_a_page(tmp_path: Path, count: int) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    base = doc.generated_at - timedelta(days=60)
    doc.entries = [
        EntryRow(
            created_at=base + timedelta(days=i),
            title=f"Heading-{i:02d}",
            body=("Some words to fill a line. " * (3 + i % 9)).strip(),
            prompt="A prompt?" if i % 2 else None,
        )
        for i in range(count)
    ]
    _, data = _write(tmp_path, doc)
    for page in page_texts(data):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.search(r"Page \d+ of \d+", ln)]
        assert body, "empty page"
        last = body[-1]
        assert not last.startswith("Heading-"), f"orphaned heading {last!r}"
        assert not last.startswith("Prompt:"), f"orphaned prompt {last!r}"


def test_charts_are_vectors(sample_pdf: tuple[Path, bytes], tmp_path: Path) -> None:
    path, _ = sample_pdf
    doc = make_document(entries=0, with_long_entry=False)
    charts_only, _ = _write(tmp_path, doc, "charts.pdf")
    assert image_count(charts_only) == 0  # charts drawn as paths and text, not pictures
    text = pdftotext(charts_only)
    assert "PCL-5 total" in text  # chart legend is real text


def test_export_writes_private_encrypted_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    export_pdf(make_document(entries=2, with_long_entry=False), target, password="correct horse")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert pdfinfo(target, "-upw", "correct horse")["Encrypted"].startswith("yes")
    assert run("pdfinfo", "-upw", "wrong", str(target)).returncode != 0
    with pytest.raises(FileExistsError):
        export_pdf(make_document(entries=1, with_long_entry=False), target)
    assert os.listdir(tmp_path) == ["summary.pdf"]


def test_preview_renders_every_page(sample_pdf: tuple[Path, bytes]) -> None:
    path, data = sample_pdf
    images = render_page_images(data, dpi=30)
    assert len(images) == int(pdfinfo(path)["Pages"])
    assert all(not img.isNull() and img.width() > 100 for img in images)


def test_clean_text_keeps_visible_text() -> None:
    assert clean_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert clean_text("x\x00y\x07z") == "xyz"
    assert clean_text("tab\tkept") == "tab\tkept"


# Letters, digits and punctuation from scripts the test fonts cover, written left to
# right, so extraction can be compared exactly (after NFKC, without whitespace).
_ROUND_TRIP = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd", "Po", "Zs"),
        max_codepoint=0x04FF,
    )
    | st.sampled_from(list("今日は落ち着いている散歩をしました中文한국어")),
    min_size=1,
    max_size=120,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=_ROUND_TRIP)
def test_property_unicode_entries_round_trip(tmp_path: Path, body: str) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    doc.measures = []
    doc.entries = [EntryRow(created_at=doc.generated_at, title="T", body=f"START{body}END")]
    data = render_pdf(doc)
    path = tmp_path / "prop.pdf"
    path.write_bytes(data)
    text = norm(pdftotext(path))
    expected = norm(f"START{body.strip()}END")
    assert expected in text


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(max_size=60),
    body=st.text(max_size=400),
    prompt=st.none() | st.text(max_size=80),
    tags=st.lists(st.text(max_size=12), max_size=3),
)
def test_property_arbitrary_unicode_never_crashes(
    title: str, body: str, prompt: str | None, tags: list[str]
) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    doc.measures = []
    doc.note = body[:50]
    doc.entries = [
        EntryRow(created_at=doc.generated_at, title=title, body=body, prompt=prompt, tags=tags)
    ]
    data = render_pdf(doc)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2


def test_long_note_flows_across_pages(tmp_path: Path) -> None:
    doc = make_document(entries=0, with_long_entry=False)
    doc.note = "\n".join(f"Note line {i:03d} with a few more words to read." for i in range(120))
    path, data = _write(tmp_path, doc)
    texts = [norm(t) for t in page_texts(data)]
    assert norm("Note line 000") in texts[0]
    assert norm("Note line 119") not in texts[0]
    joined = "".join(texts)
    for i in range(120):
        assert norm(f"Note line {i:03d}") in joined


def _same_page(pages: list[str], first: str, then: str) -> list[tuple[int, int]]:
    """For each occurrence of `first`, the pages of it and of the next `then` after it."""
    marked = "".join(f"\f{i}\f{norm(p)}" for i, p in enumerate(pages))
    out = []
    start = 0
    while (at := marked.find(norm(first), start)) != -1:
        end = marked.find(norm(then), at)
        assert end != -1, f"{then!r} missing after {first!r}"
        page_of = [int(m.group(1)) for m in re.finditer(r"\f(\d+)\f", marked[:at])][-1]
        page_end = [int(m.group(1)) for m in re.finditer(r"\f(\d+)\f", marked[:end])][-1]
        out.append((page_of, page_end))
        start = at + 1
    return out


@pytest.mark.parametrize("extra_rows", [0, 5, 13, 22, 31])
def test_measure_blocks_and_short_lists_are_not_split(tmp_path: Path, extra_rows: int) -> None:
    # Extra timeline rows move the measures down the page in small steps, so every
    # position relative to a page break is tried: a measure's heading, chart and table
    # stay on one page, and a safety-plan heading keeps its whole (short) list.
    doc = make_document(entries=1, with_long_entry=False, include_item9=True)
    first = doc.sessions[0]
    doc.sessions += [
        dataclasses.replace(first, at=first.at + timedelta(hours=i + 1), intention=None)
        for i in range(extra_rows)
    ]
    _, data = _write(tmp_path, doc)
    pages = page_texts(data)
    last_day = fmt_day(doc.measures[0].sorted_points()[-1].taken_at)
    for m in doc.measures:
        for head, end in _same_page(pages, f"{m.name} \u2013 {m.title}", last_day):
            assert head == end, f"{m.name}: heading on page {head + 1}, last row on {end + 1}"
    for section, items in (doc.safety_plan or {}).items():
        for head, end in _same_page(pages, section, items[-1]):
            assert head == end, f"{section!r} split from its last item"
