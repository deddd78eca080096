"""Words typed into a journal entry that another screen deletes meanwhile are never lost.

`EntryRepository.save_text` reports an entry that no longer exists; the editor then keeps
what it shows (title, words, tags, flag, links) as a new entry and says so calmly.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from integrate.core.model import Entry
from integrate.ui.journal.journal import JournalPage
from integrate.ui.journal.journal_model import EntryRole, KindRole
from integrate.vault.db import connect
from tests.ui.helpers_sessions import add_session


def _journal(app) -> JournalPage:  # noqa: ANN001
    page = app.area("journal")
    assert isinstance(page, JournalPage)
    return page


def _stored(app) -> list[tuple[str, str, int, int | None]]:  # noqa: ANN001
    """Every entry on disk (title, body, flagged, session), through a second connection."""
    conn = connect(app.paths.db, app.services.vault.key)
    try:
        rows = conn.execute("SELECT title, body, flagged, session_id FROM entries").fetchall()
        return [(str(r[0]), str(r[1]), int(r[2]), r[3]) for r in rows]
    finally:
        conn.close()


def _listed_ids(page: JournalPage) -> list[int]:
    model = page.model
    return [
        model.index(i).data(EntryRole).id
        for i in range(model.rowCount())
        if model.index(i).data(KindRole) == "entry"
    ]


@pytest.mark.parametrize("told", [True, False], ids=["screen-notifies", "silent-delete"])
def test_words_typed_into_an_entry_deleted_elsewhere_become_a_new_entry(
    running_app, qtbot, told: bool
) -> None:
    services = running_app.services
    session = add_session(services, hours_ago=5)
    old = services.entries.add(
        Entry(
            title="After the session",
            body="It felt like floating.",
            tags=["calm"],
            flagged=True,
            session_id=session.id,
        )
    )
    services.notify("entries")
    page = _journal(running_app)
    page.open_entry(old.id or 0)
    editor = page.editor
    qtbot.keyClick(editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body, " Then I cried, and it was fine.")
    assert editor.dirty

    # Another screen (the check-in view, say) deletes the entry while the words wait.
    services.entries.delete(old.id or 0)
    if told:
        services.notify("entries")

    words = "It felt like floating. Then I cried, and it was fine."
    # Only the autosave timers run: no focus change, no switching entries.
    qtbot.waitUntil(
        lambda: ("After the session", words, 1, session.id) in _stored(running_app),
        timeout=3000,
    )
    running_app.settle(2)
    assert len(_stored(running_app)) == 1  # nothing written into nothing, no duplicate
    new_id = editor.entry_id
    assert new_id is not None  # (SQLite may hand the freed id out again)
    kept = services.entries.get(new_id)
    assert (
        kept is not None
        and kept.uid != old.uid
        and kept.body == words
        and kept.tags == ["calm"]
        and kept.flagged
    )
    assert not editor.dirty
    assert "kept as a new entry" in editor.status.text()
    assert editor.status.textFormat() == Qt.TextFormat.PlainText
    # The journal lists it and has it selected; the editor still shows the words.
    assert _listed_ids(page) == [new_id]
    assert page.list.currentIndex().data(EntryRole).id == new_id
    assert editor.body.toPlainText() == words

    # Writing on goes into the new entry.
    qtbot.keyClicks(editor.body, " More.")
    qtbot.waitUntil(lambda: services.entries.get(new_id).body == words + " More.", timeout=3000)  # type: ignore[union-attr]


def test_retagging_an_entry_deleted_elsewhere_keeps_it_as_a_new_entry(running_app) -> None:
    services = running_app.services
    old = services.entries.add(Entry(title="Tags only", body="short"))
    services.notify("entries")
    page = _journal(running_app)
    page.open_entry(old.id or 0)
    services.entries.delete(old.id or 0)
    page.editor.tags.setText("hope, sleep")
    page.editor.tags.editingFinished.emit()  # as leaving the field does
    running_app.settle(2)
    kept = services.entries.get(page.editor.entry_id or 0)
    assert kept is not None and kept.uid != old.uid
    assert (kept.title, kept.body, sorted(kept.tags)) == ("Tags only", "short", ["hope", "sleep"])
    assert _listed_ids(page) == [kept.id]


def test_switching_away_from_an_entry_deleted_elsewhere_keeps_its_words(running_app, qtbot) -> None:
    services = running_app.services
    other = services.entries.add(Entry(title="Other", body="older words"))
    old = services.entries.add(Entry(title="Gone", body="first"))
    services.notify("entries")
    page = _journal(running_app)
    page.open_entry(old.id or 0)
    qtbot.keyClicks(page.editor.body, "typed ")
    services.entries.delete(old.id or 0)
    page.open_entry(other.id or 0)  # saving on the way out finds the entry gone
    running_app.settle(2)
    assert page.editor.entry_id == other.id  # the entry asked for is the one shown
    assert page.list.currentIndex().data(EntryRole).id == other.id
    titles = {e.title: e.body for e in (services.entries.get(i) for i in _listed_ids(page)) if e}
    assert titles == {"Other": "older words", "Gone": "typed first"}
    assert "kept as a new entry" in page.editor.status.text()
