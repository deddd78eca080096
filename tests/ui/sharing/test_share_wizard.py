"""The share wizard driven like a patient would, on the demo journal; the PDF read with pypdf."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from integrate.ui.sharing.share import SharePage
from integrate.vault.shares import ShareRepository, shared_dates_for
from tests.share.pdfcheck import unprintable_text

PDF_PW = "say it aloud 7"


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_wizard_saves_encrypted_summary_of_ticked_entries_and_logs_it(
    demo_app, tmp_path: Path
) -> None:
    page = demo_app.area("share")
    assert isinstance(page, SharePage)
    assert not page.table.isVisible() and page.empty.isVisible()  # nothing shared yet
    wizard = page.open_wizard()
    demo_app.settle()

    # (1) period: the default (last 30 days) is fine.
    wizard.next_button.click()
    assert wizard.index == 1
    # (2) content: flagged entries are ticked already; untick one.
    step = wizard.content_step
    flagged = [c for c in step.items if c.kind == "entry" and c.flagged]
    assert len(flagged) >= 2
    ticked = {c.uid for c in step.items if c.uid in step.ticked}
    assert ticked == {c.uid for c in flagged}
    assert not step.item9.isChecked()
    dropped = max(flagged, key=lambda c: len(c.title))  # a title no heading repeats
    kept = [c for c in flagged if c is not dropped]
    step.set_ticked(dropped.uid, False)
    assert dropped.uid not in step.ticked
    wizard.next_button.click()
    # (3) note and names
    note = wizard.note_step
    note.note.setPlainText("Could we start with the sleep entries?")
    note.therapist.setText("Dr. Okafor")
    note.name_buttons["initials"].setChecked(True)
    note.name.setText("Jordan Miller")
    wizard.next_button.click()
    # (4) preview: the real document, page by page.
    assert wizard.index == 3
    demo_app.qtbot.waitUntil(lambda: wizard.preview_step.page_count > 0, timeout=30_000)
    pages = wizard.preview_step.page_count
    assert pages >= 2
    assert wizard.preview_step.page_number.text() == f"Page 1 of {pages}"
    wizard.preview_step.next_page.click()
    assert wizard.preview_step.page_number.text() == f"Page 2 of {pages}"
    wizard.next_button.click()
    # (5) options: password on by default; a mismatch is refused in plain words.
    save = wizard.save_step
    assert save.protect.isChecked()
    assert save.file_name.text().startswith("summary-")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    save.folder.setText(str(out_dir))
    save.pw1.setText(PDF_PW)
    save.pw2.setText("something else")
    wizard.save_button.click()
    assert "not the same" in save.error.text()
    assert list(out_dir.iterdir()) == []
    save.pw1.setText(PDF_PW)
    save.pw2.setText(PDF_PW)
    wizard.save_button.click()
    demo_app.settle()
    assert wizard.saved is not None
    target = out_dir / save.file_name.text()
    assert target.exists() and str(target) in save.done_label.text()
    assert save.open_folder.isVisible() and wizard.close_button.isVisible()
    assert save.pw1.text() == ""  # the password does not linger

    reader = PdfReader(target)
    assert reader.is_encrypted
    assert reader.decrypt("wrong") == 0
    assert reader.decrypt(PDF_PW) != 0
    assert len(reader.pages) == pages  # what was previewed is what was saved
    text = norm("".join(p.extract_text() or "" for p in reader.pages))
    for c in kept:
        assert norm(c.title) in text
    assert norm(dropped.title) not in text
    assert norm(dropped.preview[:60]) not in text
    assert norm("J. M.") in text and norm("Dr. Okafor") in text
    assert norm("sleep entries") in text
    assert norm("PHQ-9 item 9 answers are not included") in text

    vault = demo_app.services.vault
    [rec] = ShareRepository(vault.conn).list()
    assert rec.password and rec.recipient == "Dr. Okafor" and rec.file_name == target.name
    assert {u for t, u in rec.items if t == "entry"} == {c.uid for c in kept}
    assert shared_dates_for(vault.conn, "entry", kept[0].uid)
    assert shared_dates_for(vault.conn, "entry", dropped.uid) == []

    wizard.close_button.click()
    demo_app.settle()
    assert page.table.rowCount() == 1 and page.table.isVisible()
    row = [page.table.item(0, c).text() for c in range(5)]
    assert row[2] == "Dr. Okafor" and row[3] == target.name and row[4] == "Yes"


def test_item9_is_unticked_by_default_and_explained(demo_app) -> None:
    page = demo_app.area("share")
    wizard = page.open_wizard()
    wizard.next_button.click()
    step = wizard.content_step
    assert not step.item9.isChecked()
    assert step.item9.accessibleName()
    # Unticking everything is refused with a plain sentence.
    step.none_button.click()
    for box in (step.measures, step.sessions, step.what_helps, step.safety_plan):
        box.setChecked(False)
    wizard.next_button.click()
    assert wizard.index == 1 and "Tick at least one" in wizard.error.text()
    wizard.reject()


def test_search_filters_a_long_list(demo_app) -> None:
    page = demo_app.area("share")
    wizard = page.open_wizard()
    wizard.next_button.click()
    step = wizard.content_step
    if len(step.items) <= 8:
        wizard.reject()
        return
    assert not step.search.isHidden()
    title = next(c.title for c in step.items if c.kind == "entry" and c.title)
    step.search.setText(title)
    visible = [
        step.entries.item(i)
        for i in range(step.entries.count())
        if not step.entries.item(i).isHidden()
    ]
    assert visible and all(title.lower() in i.text().lower() for i in visible)
    assert all(i.checkState() in (Qt.CheckState.Checked, Qt.CheckState.Unchecked) for i in visible)
    wizard.reject()


def test_content_step_list_is_not_nested_in_a_scrolling_page(demo_app) -> None:
    """Issue 18: the entry list scrolls on its own, not inside a page that scrolls too; the
    "Also include" choices below it scroll on their own and keep clear of their scrollbar.
    Both stay usable in the wizard's first size."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    wizard = demo_app.area("share").open_wizard()
    wizard.next_button.click()
    demo_app.settle(2)
    step = wizard.content_step
    holder = step.entries.parentWidget()
    while holder is not None and holder is not wizard:
        assert not isinstance(holder, QScrollArea), "the entry list sits in a scrolling page"
        holder = holder.parentWidget()
    assert step.entries.count() > 5
    lines = step.entries.fontMetrics().lineSpacing()
    assert step.entries.viewport().height() >= 5 * lines  # room to read several entries
    [choices] = [a for a in step.findChildren(QScrollArea) if a.accessibleName() == "Also include"]
    assert step.item9.isVisibleTo(choices) and choices.isAncestorOf(step.item9)
    assert choices.viewport().height() >= 3 * lines
    for widget in (step.measures, step.item9):
        right = widget.mapTo(choices.viewport(), QPoint(widget.width(), 0)).x()
        assert choices.viewport().width() - right >= 8, widget.accessibleName()
    # One column, top to bottom: the list, its buttons, then the choices.
    below = step.none_button.mapTo(step, QPoint(0, step.none_button.height())).y()
    assert choices.mapTo(step, QPoint(0, 0)).y() >= below
    wizard.reject()


def test_preview_fits_the_width_and_zooms(demo_app) -> None:
    """Issue 18: the page is shown as wide as the preview (readable), larger and smaller
    on request (buttons, Ctrl++ / Ctrl+-), and back to the width."""
    wizard = demo_app.area("share").open_wizard()
    for _ in range(3):
        wizard.next_button.click()
    preview = wizard.preview_step
    demo_app.qtbot.waitUntil(lambda: preview.page_count > 0, timeout=30_000)
    demo_app.settle(1)
    fit = preview.page_label.pixmap().width()
    assert abs(fit - (preview.scroller.viewport().width() - 24)) <= 2
    assert not preview.fit_width.isEnabled()  # already fitted
    preview.zoom_in.click()
    larger = preview.page_label.pixmap().width()
    assert larger > fit * 1.2
    preview.zoom_out.click()
    preview.zoom_out.click()
    assert preview.page_label.pixmap().width() < larger
    preview.fit_width.click()
    assert preview.page_label.pixmap().width() == fit
    wizard.reject()


def test_page_size_is_chosen_on_the_preview_and_saved_as_previewed(
    demo_app, tmp_path: Path
) -> None:
    wizard = demo_app.area("share").open_wizard()
    for _ in range(3):
        wizard.next_button.click()
    preview = wizard.preview_step
    assert wizard.index == 3 and not hasattr(wizard.save_step, "page_size")
    demo_app.qtbot.waitUntil(lambda: preview.page_count > 0, timeout=30_000)
    first = preview.images[0]
    other = "Letter" if wizard.selection.page_size == "A4" else "A4"
    preview.page_size.setCurrentIndex(preview.page_size.findData(other))
    assert not preview.page_size.isEnabled()  # no second change while this one renders
    demo_app.qtbot.waitUntil(
        lambda: preview.page_count > 0 and preview.images[0].size() != first.size(),
        timeout=30_000,
    )
    assert preview.page_size.isEnabled()
    ratio = preview.images[0].height() / preview.images[0].width()
    expected = 297 / 210 if other == "A4" else 11 / 8.5
    assert abs(ratio - expected) < 0.02  # the preview shows the new paper
    wizard.next_button.click()
    save = wizard.save_step
    save.protect.setChecked(False)
    save.folder.setText(str(tmp_path))
    wizard.save_button.click()
    demo_app.settle()
    assert wizard.saved is not None
    reader = PdfReader(tmp_path / save.file_name.text())
    box = reader.pages[0].mediabox
    assert abs(float(box.height) / float(box.width) - expected) < 0.01
    assert len(reader.pages) == preview.page_count
    wizard.close_button.click()


def test_wizard_names_unprintable_characters_then_saves_with_attached_data(
    demo_app, tmp_path: Path
) -> None:
    """Issue 16: no silent loss of characters; the data attachments are a wizard choice."""
    page = demo_app.area("share")
    wizard = page.open_wizard()
    demo_app.settle()
    wizard.next_button.click()
    step = wizard.content_step
    assert not step.attach_data.isChecked()  # opt-in
    assert step.ratings_chart.isChecked()
    step.attach_data.setChecked(True)
    wizard.next_button.click()
    # e.g. Khmer has no font on the test machine (CJK and emoji do: fonts-noto-*).
    odd = unprintable_text()
    wizard.note_step.note.setPlainText(f"Notes in Khmer: {odd} and \u4eca\u65e5 \U0001f331")
    wizard.next_button.click()
    demo_app.qtbot.waitUntil(lambda: wizard.preview_step.page_count > 0, timeout=30_000)
    wizard.next_button.click()
    save = wizard.save_step
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    save.folder.setText(str(out_dir))
    save.protect.setChecked(False)
    wizard.save_button.click()
    demo_app.settle()
    assert wizard.saved is None and list(out_dir.iterdir()) == []
    warning = save.error.text()
    assert f"{odd[0]} {odd[1]}" in warning and "Save again" in warning
    assert "\u4eca" not in warning  # installed here: not named
    wizard.save_button.click()  # the patient continues knowingly
    demo_app.settle()
    assert wizard.saved is not None
    target = out_dir / save.file_name.text()
    reader = PdfReader(target)
    assert "scores.csv" in reader.attachments
    assert any(name.endswith(".fhir.json") for name in reader.attachments)
    text = "".join(p.extract_text() or "" for p in reader.pages)
    assert norm("Notes in Khmer") in norm(text)
    assert odd in text and "\U0001f331" in text  # the text layer keeps what prints as a box
