"""The safety plan editor: edit, autosave, reopen after lock, crisis numbers, one-page PDF."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from integrate.core.safety import PlanContact
from integrate.ui.coping.exercises import ExercisesPage
from integrate.ui.coping.safety_plan import SafetyPlanEditor
from integrate.ui.shell.help_now import HelpNowDialog
from integrate.ui.widgets.crisis_view import shown_items
from integrate.vault.safety_plan import SafetyPlanRepository

MARKUP = '<b>not bold</b> <img src="file:///etc/hostname"> &amp; <a href="x">link</a>'


def _editor(app, country: str = "US") -> SafetyPlanEditor:  # noqa: ANN001
    app.controller.set_country(country)  # the crisis section is prefilled for it
    page = app.area("exercises")
    assert isinstance(page, ExercisesPage)
    page.open_item("safety-plan")
    assert page.tabs.currentWidget() is page.safety_plan
    return page.safety_plan


def _pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFKC", text).replace("\t", " ")


def test_edit_autosave_and_reopen_after_lock(running_app, qtbot) -> None:
    editor = _editor(running_app)
    crisis = editor.sections["crisis_lines"]
    assert crisis.values(), "the crisis section starts with the country's lines"
    editor.sections["warning_signs"].edit.setPlainText("Not sleeping\n\n  Pulling away  ")
    people = editor.sections["people_places"]
    row = people.add_row(PlanContact(""))
    row.name.setText("Jo")
    row.phone.setText("555-0100")
    assert editor.status.text() == "Saving…" and editor.timer.isActive()
    qtbot.waitUntil(lambda: editor.status.text() == "Saved.", timeout=5000)
    stored = SafetyPlanRepository(running_app.services.vault.conn).load()
    assert stored.warning_signs == ["Not sleeping", "Pulling away"]
    assert stored.people_places == [PlanContact("Jo", "555-0100")]
    assert stored.crisis_lines == crisis.values()

    running_app.window.lock_button.click()
    running_app.settle()
    running_app.unlock()
    editor = _editor(running_app)
    assert editor.sections["warning_signs"].values() == ["Not sleeping", "Pulling away"]
    assert [c.name for c in editor.sections["people_places"].values()] == ["Jo"]


def test_user_added_crisis_numbers_are_checked(running_app, qtbot) -> None:
    editor = _editor(running_app)
    crisis = editor.sections["crisis_lines"]
    row = crisis.add_row(PlanContact(""))
    row.name.setText("My local line")
    row.phone.setText("call me")
    assert not row.problem.isHidden()
    assert "Number may only contain digits" in row.problem.text()
    row.phone.setText("555-0199")
    assert row.problem.isHidden()
    row.name.setText("")
    assert "Name is empty" in row.problem.text()
    row.name.setText("My local line")
    editor.flush()
    # The patient's own number appears in "Need help now" (from the plan).
    running_app.window.help_button.click()
    running_app.settle()
    dialog = running_app.window.findChild(HelpNowDialog, "helpNowDialog")
    shown = [item.text() for item in shown_items(dialog)]
    assert "My local line - Call 555-0199" in shown
    dialog.close()


def test_pdf_is_one_page_with_the_text_and_no_markup(running_app, qtbot, tmp_path: Path) -> None:
    editor = _editor(running_app)
    editor.sections["warning_signs"].edit.setPlainText(f"Not sleeping\n{MARKUP}")
    editor.sections["reasons_for_living"].edit.setPlainText("My niece's drawings")
    pro = editor.sections["professionals"].add_row(PlanContact(""))
    pro.name.setText("Dr. Example")
    pro.phone.setText("555-0102")
    target = tmp_path / "plan.pdf"
    editor.write_pdf(target)
    assert target.stat().st_mode & 0o777 == 0o600
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1
    text = _pdf_text(target)
    for expected in (
        "My safety plan",
        "My warning signs",
        "Not sleeping",
        "Dr. Example",
        "555-0102",
        "My niece's drawings",
        "My reasons for living",
    ):
        assert expected in text
    # The markup is printed literally: no bold run, no image, no link.
    assert (
        '<b>not bold</b> <img src="file:///etc/hostname"> &amp; <a href="x">link</a>'
        in " ".join(text.split())
    )
    page = reader.pages[0]
    assert "/Annots" not in page or not page["/Annots"]
    xobjects = page["/Resources"].get("/XObject", {})
    assert not any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    meta = reader.metadata
    assert meta is not None and meta.title == "Safety plan"
    assert "Jo" not in str(dict(meta)) and "Example" not in str(dict(meta))
    # The plan was saved before printing.
    stored = SafetyPlanRepository(running_app.services.vault.conn).load()
    assert stored.professionals == [PlanContact("Dr. Example", "555-0102")]


def test_long_plan_still_fits_one_page(running_app, qtbot, tmp_path: Path) -> None:
    editor = _editor(running_app)
    lines = "\n".join(f"Warning sign number {n} written out at some length" for n in range(14))
    editor.sections["warning_signs"].edit.setPlainText(lines)
    editor.sections["coping_steps"].edit.setPlainText(lines.replace("Warning sign", "Step"))
    target = tmp_path / "long.pdf"
    editor.write_pdf(target)
    assert len(PdfReader(str(target)).pages) == 1
    assert "Step number 13" in _pdf_text(target)


def test_unreadable_plan_is_never_overwritten(running_app, qtbot) -> None:
    conn = running_app.services.vault.conn
    conn.execute("INSERT INTO safety_plan(id, data, updated_at) VALUES (1, '{broken', 'x')")
    editor = SafetyPlanEditor(running_app.services)
    qtbot.addWidget(editor)
    assert editor.read_failed and "could not be read" in editor.status.text()
    assert not editor.sections["warning_signs"].isEnabled()
    editor.save()
    assert conn.execute("SELECT data FROM safety_plan").fetchone()[0] == "{broken"
    QApplication.processEvents()


def test_save_as_pdf_suggests_a_neutral_name(
    running_app, qtbot, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    editor = _editor(running_app)
    suggested: list[str] = []
    target = tmp_path / "chosen"  # typed without .pdf: the extension is added

    def fake_dialog(parent, caption, directory, filters):  # noqa: ANN001, ANN202
        suggested.append(directory)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    editor.pdf_button.click()
    name = Path(suggested[0]).name.lower()
    assert name.endswith(".pdf")
    for word in ("safety", "crisis", "suicide", "integrate"):
        assert word not in name  # a folder listing does not say what the page is about
    written = tmp_path / "chosen.pdf"
    assert written.is_file() and written.stat().st_mode & 0o777 == 0o600
    assert editor.status.text() == "Saved as a PDF."
