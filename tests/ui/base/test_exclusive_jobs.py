"""Backup, import and friends run as exclusive jobs: typing meanwhile is kept, all or nothing.

The import is held open inside its transaction (a gate in the test) while the patient
types in the journal, so the test sees exactly the moment that used to go wrong: an
autosave landing inside the import's transaction and rolling back with it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from integrate.ui.base.exclusive import BusyBar, JobKind
from integrate.ui.base.worker import wait_for_background
from integrate.ui.journal.journal import JournalPage
from integrate.ui.settings import data_settings
from integrate.ui.settings.data_settings import DataSection
from integrate.vault.db import connect, transaction
from integrate.vault.entries import EntryRepository
from integrate.vault.export_json import export_json
from integrate.vault.import_json import import_json as real_import_json
from integrate.vault.vault import unlock_with_passphrase
from tests.ui.conftest import PASSPHRASE, make_vault


class HeldImport:
    """import_json that stops inside its transaction until released (then maybe fails)."""

    def __init__(self, *, fail_at_end: bool = False) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()
        self.fail_at_end = fail_at_end
        self.thread = ""

    def __call__(self, vault, path: Path):  # noqa: ANN001, ANN204 - as import_from_json
        self.thread = threading.current_thread().name
        conn = vault.conn
        with transaction(conn):
            summary = real_import_json(conn, path)  # a SAVEPOINT inside our transaction
            self.inside.set()
            assert self.release.wait(20), "the test never released the import"
            if self.fail_at_end:
                raise RuntimeError("the disk filled up at the very end")
        return summary


def _stored(app, entry_id: int) -> tuple[str | None, int]:  # noqa: ANN001
    """Body of one entry and the number of entries, as on disk (a connection of our own).

    Opened with the key while the app runs, or unlocked afresh once it has locked."""
    if app.controller.services is not None:
        conn = connect(app.paths.db, app.services.vault.key)
        try:
            return _read(conn, entry_id)
        finally:
            conn.close()
    result = unlock_with_passphrase(app.paths, PASSPHRASE)
    assert result.vault is not None
    with result.vault as vault:
        return _read(vault.conn, entry_id)


def _read(conn, entry_id: int) -> tuple[str | None, int]:  # noqa: ANN001
    got = EntryRepository(conn).get(entry_id)
    count = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    return (got.body if got else None), count


@pytest.fixture
def hold() -> Iterator[Callable[..., HeldImport]]:
    """Makes held imports; whatever the test does, each is released at teardown."""
    made: list[HeldImport] = []

    def make(**kw: bool) -> HeldImport:
        made.append(HeldImport(**kw))
        return made[-1]

    yield make
    for held in made:
        held.release.set()
    wait_for_background(20_000)


@pytest.fixture
def export_file(tmp_path: Path, fast_kdf: None) -> Path:
    """A real export of the demo journal (dozens of entries) to import."""
    source = make_vault(tmp_path / "source", demo=True)
    result = unlock_with_passphrase(source, PASSPHRASE)
    assert result.vault is not None
    target = tmp_path / "export.json"
    with result.vault as vault:
        export_json(vault.conn, target)
    return target


def _start_import(app, monkeypatch: pytest.MonkeyPatch, held: HeldImport, path: Path) -> None:  # noqa: ANN001
    monkeypatch.setattr(data_settings, "import_from_json", held)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    page = app.area("settings")
    section = page.findChildren(DataSection)[0]
    section.import_button.click()
    assert held.inside.wait(10), "the import did not start"
    assert app.services.jobs.busy == JobKind.IMPORT
    assert not section.import_button.isEnabled()  # no second job meanwhile


@pytest.mark.parametrize("fail_at_end", [False, True], ids=["import-commits", "import-fails"])
def test_typing_during_an_import_is_kept_and_the_import_is_all_or_nothing(
    running_app,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    export_file: Path,
    fail_at_end: bool,
    hold,
) -> None:
    app = running_app
    journal = app.area("journal")
    assert isinstance(journal, JournalPage)
    journal.new_button.click()
    entry_id = journal.editor.entry_id
    assert entry_id is not None
    qtbot.keyClicks(journal.editor.body, "before the import")
    journal.editor.flush()

    held = hold(fail_at_end=fail_at_end)
    _start_import(app, monkeypatch, held, export_file)
    assert held.thread != threading.current_thread().name  # off the GUI thread

    app.area("journal")
    words = " - and these words typed while it ran"
    started = time.monotonic()
    qtbot.keyClicks(journal.editor.body, words)
    qtbot.wait(2500)  # the autosave debounce fires (more than once) meanwhile
    # The GUI never waited on the import's write lock (busy_timeout is 5 s).
    assert time.monotonic() - started < 4.5
    assert journal.editor.dirty
    assert "saved when" in journal.editor.status.text()
    assert any(
        "Importing" in bar.label.text() and bar.isVisible()
        for bar in app.window.findChildren(BusyBar)
    )

    held.release.set()
    qtbot.waitUntil(lambda: not app.services.jobs.busy, timeout=10_000)
    qtbot.waitUntil(lambda: not journal.editor.dirty, timeout=5_000)
    body, count = _stored(app, entry_id)
    assert body == "before the import" + words
    if fail_at_end:
        assert count == 1  # nothing of the file, only the patient's own entry
    else:
        assert count > 10  # the demo journal's entries arrived, with the typed one


def test_lock_while_a_job_runs_waits_for_it_then_locks(
    running_app, qtbot, monkeypatch: pytest.MonkeyPatch, export_file: Path, hold
) -> None:
    app = running_app
    journal = app.area("journal")
    journal.new_button.click()
    entry_id = journal.editor.entry_id
    held = hold()
    _start_import(app, monkeypatch, held, export_file)
    app.area("journal")
    qtbot.keyClicks(journal.editor.body, "typed, then Ctrl+L during the import")
    app.controller.lock()
    assert app.controller.services is not None  # not yet: the import holds the journal
    bars = app.window.findChildren(BusyBar)
    assert any("locks when this finishes" in b.label.text() for b in bars)
    held.release.set()
    qtbot.waitUntil(lambda: app.controller.services is None, timeout=10_000)
    body, count = _stored(app, entry_id or 0)
    assert body == "typed, then Ctrl+L during the import"
    assert count > 10


def test_keyring_calls_after_a_recovery_unlock_never_block_the_window(
    running_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hung keyring daemon must not freeze the window: the repair offer asks off-thread."""
    from integrate.vault.keystore import KeystoreOutcome, KeystoreResult

    app = running_app
    threads: list[str] = []

    def slow_fetch(account: str) -> KeystoreResult:
        threads.append(threading.current_thread().name)
        time.sleep(1.5)  # a daemon that answers late
        return KeystoreResult(KeystoreOutcome.OK, "test")

    monkeypatch.setattr(app.controller.keystore, "fetch", slow_fetch)
    started = time.monotonic()
    app.controller._offer_keyring_repair(app.services.vault)
    assert time.monotonic() - started < 0.5
    app.settle()
    assert threads and threads[0] != threading.current_thread().name
