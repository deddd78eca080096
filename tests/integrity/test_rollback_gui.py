"""The app's side of rollback detection: a recovery screen that opens an older journal
only after an explicit acknowledgement, and the state recorded while the app runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from integrate.core.model import Entry
from integrate.ui.shell import controller as controller_module
from integrate.ui.shell.recovery import RecoveryScreen
from integrate.ui.shell.unlock import UnlockScreen
from integrate.vault.entries import EntryRepository
from integrate.vault.state_record import state_path
from integrate.vault.vault import UnlockOutcome, unlock_with_passphrase
from tests.ui.conftest import PASSPHRASE, make_vault, start_app


def test_an_older_journal_needs_an_acknowledgement_to_open(qtbot, tmp_path: Path, fast_kdf) -> None:  # noqa: ANN001
    paths = make_vault(tmp_path / "v")
    older = paths.db.read_bytes()
    with unlock_with_passphrase(paths, PASSPHRASE).vault as vault:  # type: ignore[union-attr]
        EntryRepository(vault.conn).add(Entry(body="written later", title="later"))
    paths.db.write_bytes(older)

    app = start_app(qtbot, paths)
    app.unlock_screen = app.window.screens.currentWidget()
    app.unlock_screen.passphrase.setText(PASSPHRASE)
    app.unlock_screen.unlock_button.click()
    qtbot.waitUntil(
        lambda: isinstance(app.window.screens.currentWidget(), RecoveryScreen), timeout=10_000
    )
    screen = app.window.screens.currentWidget()
    shown = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "older than the last state" in shown
    assert screen.open_anyway.isVisible() and not screen.open_anyway.isEnabled()
    assert paths.db.read_bytes() == older  # nothing written while it asks

    screen.understood.setChecked(True)
    assert screen.open_anyway.isEnabled()
    screen.open_anyway.click()
    assert isinstance(app.window.screens.currentWidget(), UnlockScreen)
    app.unlock()
    assert app.window.shell is not None
    app.controller.shutdown()
    app.settle()
    again = unlock_with_passphrase(paths, PASSPHRASE)
    assert again.outcome is UnlockOutcome.OK  # the accepted state is the new baseline
    again.vault.close()  # type: ignore[union-attr]


def test_the_running_app_records_written_changes(
    qtbot,
    tmp_path: Path,
    fast_kdf,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    monkeypatch.setattr(controller_module, "STATE_RECORD_MS", 100)
    app = start_app(qtbot, make_vault(tmp_path / "v"))
    app.unlock()
    qtbot.waitUntil(lambda: app.services.vault.writable, timeout=10_000)
    record = state_path(app.paths)
    qtbot.wait(500)  # the start-up writes (settings, schedule) are recorded first
    before = json.loads(record.read_text())["counter"]
    qtbot.wait(400)
    assert json.loads(record.read_text())["counter"] == before  # nothing written, no record
    app.services.entries.add(Entry(body="typed", title="t"))
    qtbot.waitUntil(lambda: json.loads(record.read_text())["counter"] > before, timeout=5000)
    app.controller.shutdown()
