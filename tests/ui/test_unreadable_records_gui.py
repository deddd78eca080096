"""Today, the journal, sessions, measures and the share wizard open on a journal holding
records the app cannot read (issue 15): they leave them out instead of stopping.

On main, unlocking this journal raised in Today's schedule sync (unknown time zone)
and the journal list raised on the entry dated 'not a time'.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from integrate.vault.vault import unlock_with_passphrase
from tests.cli.test_unreadable_records import DAMAGE, SECRET_BODY
from tests.ui.conftest import PASSPHRASE, make_vault, start_app


def test_every_area_opens_with_unreadable_records(qtbot, tmp_path: Path, fast_kdf: None) -> None:  # noqa: ANN001
    paths = make_vault(tmp_path / "vault", demo=True)
    opened = unlock_with_passphrase(paths, PASSPHRASE, take_lock=True)
    assert opened.vault is not None
    with opened.vault as vault:
        for statement in DAMAGE:
            assert vault.conn.execute(statement).rowcount == 1, statement
    app = start_app(qtbot, paths)
    try:
        app.unlock()
        for area in ("today", "journal", "sessions", "measures", "exercises", "share", "today"):
            widget = app.area(area)
            assert widget is not None
        app.settle(10)
        today = app.area("today")
        today.refresh()
        app.settle(10)
        notices = today.findChildren(QLabel, "unreadableNotice")
        assert notices, "Today says that records were left out"
        text = notices[0].text()
        assert "could not be read" in text and "session" in text
        assert SECRET_BODY not in text
    finally:
        app.controller.shutdown()
        app.settle()


def test_import_refusal_names_the_record_in_the_app(demo_app, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import json

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from integrate.ui.settings.data_settings import DataSection
    from integrate.vault.export_json import export_data

    app = demo_app
    vault = app.services.vault
    data = export_data(vault.conn)
    data["records"]["sessions"][0]["tz"] = "Mars/Olympus"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    counts = vault.counts()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    section = app.area("settings").findChildren(DataSection)[0]
    section.import_button.click()
    app.qtbot.waitUntil(lambda: bool(shown), timeout=10_000)  # type: ignore[attr-defined]
    assert "Record 1 of sessions" in shown[-1]
    assert "not a known IANA time zone" in shown[-1]
    assert vault.counts() == counts
