"""The Journal screen driven like a patient would: write, autosave, search, filter, delete."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from integrate.core.model import Entry
from integrate.core.timeutil import now_local
from integrate.ui.journal.journal import JournalPage
from integrate.ui.journal.journal_model import EntryRole, KindRole, SnippetRole
from integrate.vault.db import connect, transaction
from integrate.vault.entries import EntryRepository
from integrate.vault.vault import unlock_with_passphrase
from tests.ui.conftest import PASSPHRASE

MARKUP = '<b>x</b><img src=file:///etc/passwd><a href="http://e.invalid">link</a>'


def _journal(app) -> JournalPage:  # noqa: ANN001
    page = app.area("journal")
    assert isinstance(page, JournalPage)
    return page


def _stored_body(app, entry_id: int) -> str | None:  # noqa: ANN001
    """Read through a second, independent connection: what is really on disk.

    (Read-write on purpose: a `mode=ro` connection currently does not see the WAL.)"""
    conn = connect(app.paths.db, app.services.vault.key)
    try:
        row = conn.execute("SELECT body FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else str(row[0])
    finally:
        conn.close()


def _entry_rows(page: JournalPage) -> list:
    model = page.model
    return [
        model.index(i).data(EntryRole)
        for i in range(model.rowCount())
        if model.index(i).data(KindRole) == "entry"
    ]


def test_empty_journal_explains_and_new_entry_autosaves_within_two_seconds(
    running_app, qtbot
) -> None:
    page = _journal(running_app)
    assert page.list_stack.currentIndex() == 1
    assert "No entries yet" in page.empty.text()
    page.new_button.click()
    entry_id = page.editor.entry_id
    assert entry_id is not None
    text = "Slept badly, but walked by the pond and felt calmer."
    qtbot.keyClicks(page.editor.body, text)
    # No focus change, no lock: only the debounce timers can have saved it.
    qtbot.waitUntil(lambda: _stored_body(running_app, entry_id) == text, timeout=2000)
    assert page.editor.status.text() == "Saved"
    # The list shows it without reloading, and Ctrl+Z undoes typing in this session.
    rows = _entry_rows(page)
    assert [r.id for r in rows] == [entry_id] and rows[0].preview == text
    page.editor.body.undo()
    assert page.editor.body.toPlainText() != text


def test_search_finds_entry_with_highlighted_snippet_and_opens_it(running_app, qtbot) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    target = repo.add(Entry(body="The rain on the window was calming today.", title="Rain"))
    repo.add(Entry(body="Work was loud.", title="Work"))
    running_app.services.notify("entries")
    qtbot.keyClicks(page.search, "calm*")
    qtbot.waitUntil(lambda: page.model.filter.query == "calm*", timeout=2000)
    assert page.model.total == 1 and page.count_label.text() == "1 found"
    index = page.model.index(0)
    assert index.data(KindRole) == "entry"  # no group headers in search results
    text, ranges = index.data(SnippetRole)
    assert [text[s : s + n] for s, n in ranges] == ["calming"]
    page.list.grab()  # the delegate paints the highlight without error
    page.list.setCurrentIndex(index)
    assert page.editor.entry_id == target.id and page.editor.title.text() == "Rain"

    page.search.setText("nothing like this anywhere")
    page.apply_filter()
    assert page.list_stack.currentIndex() == 1
    assert "Nothing matches; try fewer words" in page.empty.text()
    page.clear_button.click()
    assert page.model.total == 2 and page.search.text() == ""


def test_tag_flag_and_date_filters(running_app) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    now = now_local()
    sleep = repo.add(Entry(body="a", title="Sleep", tags=["sleep"], created_at=now))
    flagged = repo.add(
        Entry(body="b", title="For Dr. O", flagged=True, created_at=now - timedelta(days=1))
    )
    old = repo.add(
        Entry(body="c", title="Old", tags=["sleep"], created_at=now - timedelta(days=90))
    )
    running_app.services.notify("entries")
    assert page.model.total == 3
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("sleep"))
    assert {r.id for r in _entry_rows(page)} == {sleep.id, old.id}
    page.date_filter.setCurrentIndex(page.date_filter.findData("30"))
    assert [r.id for r in _entry_rows(page)] == [sleep.id]
    page.clear_filters()
    page.flagged_filter.setChecked(True)
    assert [r.id for r in _entry_rows(page)] == [flagged.id]
    assert "No entries match" not in page.empty.text() or page.model.total
    # Flagging from the editor shows up under the flag filter.
    page.open_entry(sleep.id or 0)
    page.editor.flag.setChecked(True)
    page.apply_filter()
    assert {r.id for r in _entry_rows(page)} == {sleep.id, flagged.id}


def test_delete_asks_then_undo_brings_it_back(running_app) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    entry = repo.add(Entry(body="Keep me safe", title="Precious", tags=["mine"]))
    stored = repo.get(entry.id or 0)
    assert stored is not None
    running_app.services.notify("entries")
    page.open_entry(entry.id or 0)
    page.editor.delete_button.click()
    assert page.editor.confirm.isVisibleTo(page)
    assert repo.get(entry.id or 0) is not None  # asking deletes nothing
    page.editor.keep_button.click()
    assert repo.get(entry.id or 0) is not None
    page.editor.delete_button.click()
    page.editor.confirm_delete.click()
    assert repo.get_by_uid(entry.uid) is None
    assert page.undo_bar.isVisibleTo(page) and "Precious" in page.undo_label.text()
    assert page.model.total == 0
    page.undo_button.click()
    back = repo.get_by_uid(entry.uid)
    assert back is not None and back.body == "Keep me safe" and back.tags == ["mine"]
    assert back.created_at == stored.created_at
    assert page.editor.entry_id == back.id and not page.undo_bar.isVisibleTo(page)


def test_markup_in_entries_is_shown_literally(running_app) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    entry = repo.add(Entry(body=MARKUP + "\nsecond line", title=MARKUP, tags=["<i>t</i>"]))
    running_app.services.notify("entries")
    page.open_entry(entry.id or 0)
    assert page.editor.title.text() == MARKUP
    assert page.editor.body.toPlainText() == MARKUP + "\nsecond line"
    assert page.editor.body.document().toPlainText() == MARKUP + "\nsecond line"
    for label in page.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    row = _entry_rows(page)[0]
    assert row.title == MARKUP and MARKUP in row.preview
    assert MARKUP in page.model.index(1).data(Qt.ItemDataRole.DisplayRole)
    page.search.setText("passwd")
    page.apply_filter()
    text, ranges = page.model.index(0).data(SnippetRole)
    assert "<img src=file:///etc/passwd>" in text
    assert [text[s : s + n] for s, n in ranges] == ["passwd"]
    page.list.grab()
    page.search.clear()
    page.apply_filter()
    page.editor.delete_button.click()
    page.editor.confirm_delete.click()
    assert page.undo_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x</b>" in page.undo_label.text()


def test_lock_saves_what_was_just_typed(running_app, qtbot) -> None:
    page = _journal(running_app)
    page.new_button.click()
    entry_id = page.editor.entry_id
    qtbot.keyClicks(page.editor.body, "typed right before locking")
    assert page.editor.dirty  # the debounce has not fired yet
    running_app.window.lock_button.click()
    running_app.settle()
    result = unlock_with_passphrase(running_app.paths, PASSPHRASE)
    assert result.vault is not None
    with result.vault as vault:
        got = EntryRepository(vault.conn).get(entry_id or 0)
        assert got is not None and got.body == "typed right before locking"


def test_switching_entries_saves_and_blank_new_entry_is_dropped(running_app, qtbot) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    other = repo.add(Entry(body="older", title="Older"))
    running_app.services.notify("entries")
    page.new_button.click()
    blank_id = page.editor.entry_id
    page.open_entry(other.id or 0)
    assert repo.get(blank_id or 0) is None  # nothing written: no empty entry left behind
    page.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.editor.body, " and more")
    page.new_button.click()  # switching away saves at once
    assert repo.get(other.id or 0).body == "older and more"  # type: ignore[union-attr]


def test_navigate_opens_entry_by_uid(running_app) -> None:
    repo = running_app.services.entries
    entry = repo.add(Entry(body="find me from Today", title="Linked"))
    running_app.area("today")
    running_app.services.navigate.emit("journal", entry.uid)
    page = _journal(running_app)
    assert running_app.window.shell.current_key() == "journal"
    assert page.editor.entry_id == entry.id and page.editor.title.text() == "Linked"


def test_ten_years_of_entries_load_lazily(running_app) -> None:
    page = _journal(running_app)
    repo = running_app.services.entries
    now = now_local()
    with transaction(running_app.services.vault.conn):
        for day in range(3650):
            repo.add(
                Entry(body=f"day {day}", title=f"Day {day}", created_at=now - timedelta(days=day))
            )
    running_app.services.notify("entries")
    assert page.model.total == 3650
    assert page.model.rowCount() <= 150  # one page (plus headers), not 3650 rows
    assert page.model.canFetchMore()
    page.list.scrollToBottom()
    running_app.settle(2)
    # Pages grow, so the end of ten years is a page or two away, not 36: each fetch makes
    # the view lay out every loaded row again.
    fetches = 0
    while page.model.canFetchMore():
        page.model.fetchMore()
        fetches += 1
    assert fetches <= 1
    rows = _entry_rows(page)
    assert len(rows) == 3650 and rows[-1].title == "Day 3649"
    assert len({r.id for r in rows}) == 3650  # keyset paging: none twice, none missed


def test_demo_journal_groups_by_session_and_shows_links(demo_app) -> None:
    page = _journal(demo_app)
    model = page.model
    assert model.index(0).data(KindRole) == "header"
    headers = [
        model.index(i).data()
        for i in range(model.rowCount())
        if model.index(i).data(KindRole) == "header"
    ]
    assert any("Initial series" in h and "session 6" in h for h in headers)
    page.list.setCurrentIndex(model.index(1))
    assert page.editor.entry_id is not None
    assert "Linked to:" in page.editor.links.text()


def test_search_finds_other_forms_and_explains_a_one_word_miss(running_app, qtbot) -> None:
    """Issue 18: "brothers" found nothing while "brother" found the entry; a one-word
    query was told to "try fewer words"; the editor kept an entry the search left out."""
    page = _journal(running_app)
    repo = running_app.services.entries
    brother = repo.add(Entry(body="Long talk with my brother at the lake.", title="Lake"))
    repo.add(Entry(body="Work was loud.", title="Work"))
    running_app.services.notify("entries")
    page.open_entry(brother.id)
    assert page.editor_stack.currentIndex() == 1
    page.search.setText("brothers")
    page.apply_filter()
    assert page.model.total == 1 and page.model.row_of(brother.id) is not None
    assert page.editor.entry_id == brother.id  # still matching: still open
    page.search.setText("zebra")
    page.apply_filter()
    assert page.list_stack.currentIndex() == 1
    assert "fewer words" not in page.empty.text()
    assert "zebra" in page.empty.text()
    # The entry the search leaves out is no longer shown beside the empty list.
    assert page.editor.entry_id is None and page.editor_stack.currentIndex() == 0
    page.search.setText("zebra lake")
    page.apply_filter()
    assert "Nothing matches; try fewer words" in page.empty.text()
    # The clear button sits beside the field, not on its border, and takes focus.
    assert page.search_clear.isVisibleTo(page)
    assert page.search_clear.parent() is not page.search
    assert page.search_clear.focusPolicy() != Qt.FocusPolicy.NoFocus
    page.search_clear.click()
    assert page.search.text() == "" and page.model.total == 2
    assert not page.search_clear.isVisibleTo(page)
