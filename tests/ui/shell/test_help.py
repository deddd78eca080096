"""In-app Help and About: our own Markdown, the data folder, licences, attributions."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from integrate.resources import resource_path
from integrate.ui.shell.about import AboutDialog, dependencies, instrument_attributions
from integrate.ui.shell.help import HelpDialog, help_topics


def test_every_indexed_topic_exists_and_covers_the_issue() -> None:
    topics = {t.key: t for t in help_topics("en")}
    assert list(topics) == ["window", "stored", "keys", "sharing", "not", "keyboard"]
    text = " ".join(t.markdown for t in topics.values()).lower()
    for phrase in (
        "quiet hours",
        "recovery code",
        "keyring",
        "not medical advice",
        "not monitored",
        "pdf",
        "vault.db",
        "shift+f1",
    ):
        assert phrase in text, phrase
    # Every .md file in resources/help is listed (nothing orphaned).
    on_disk = {p.stem for p in resource_path("help").glob("*.md")}
    assert on_disk == set(topics)


def test_help_opens_locked_with_shift_f1_and_shows_the_folder(qtbot, tmp_path, fast_kdf) -> None:
    from PySide6.QtCore import Qt

    from tests.ui.conftest import make_vault, start_app

    app = start_app(qtbot, make_vault(tmp_path / "v"))  # still locked
    qtbot.keyClick(app.window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    app.settle(1)
    dialog = app.window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    assert str(tmp_path / "v") in dialog.folder_label.text()
    dialog.open_topic("keys")
    assert "recovery code" in dialog.text.toPlainText().lower()
    # Markdown is rendered (no literal heading marks left).
    assert not dialog.text.toPlainText().lstrip().startswith("#")
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == str(tmp_path / "v")
    dialog.close()
    app.controller.shutdown()


def test_about_lists_licences_from_metadata_and_attributions(qapp) -> None:
    deps = {d.name: d for d in dependencies()}
    assert "LGPL-3.0" in deps["PySide6-Essentials"].licence
    assert deps["keyring"].licence == "MIT"
    assert "BSD" in deps["pypdf"].licence
    assert "BSD" in deps["icalendar"].licence
    assert "MIT" in deps["platformdirs"].licence
    assert "Apache" in deps["cryptography"].licence
    assert "SQLCipher" in deps["sqlcipher3"].licence
    text = AboutDialog.details_text()
    assert "PCL-5" in text and "Pfizer" in text
    names = [name for name, _ in instrument_attributions()]
    assert len(names) >= 5
    assert all(attr for _, attr in instrument_attributions())


def test_keyboard_topic_lists_the_real_shortcuts() -> None:
    from integrate.ui.shell.pages import areas

    text = next(t.markdown for t in help_topics("en") if t.key == "keyboard")
    shortcuts = [a.shortcut for a in areas()]
    assert shortcuts == [f"Ctrl+{n}" for n in range(1, len(shortcuts) + 1)]
    assert f"Ctrl+1 to Ctrl+{len(shortcuts)}" in text
    assert ", ".join(a.title for a in areas()) in text
    for keys in ("F1", "Shift+F1", "Ctrl+?", "Ctrl+L", "Space", "Esc", "Left arrow"):
        assert keys in text, keys
