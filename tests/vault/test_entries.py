"""The entry repository on a real SQLCipher vault: writing, tags, FTS5 search, paging."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from integrate.core.model import Entry, Series, Session
from integrate.paths import VaultPaths
from integrate.vault.db import transaction
from integrate.vault.entries import (
    EntryRepository,
    JournalFilter,
    count_matching,
    entry_links,
    fts_query,
    list_page,
    normalise_tag,
    session_infos,
)
from integrate.vault.sessions import SessionRepository
from integrate.vault.vault import Vault, create_vault

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def vault(tmp_path: Path, fast_kdf: None) -> Iterator[Vault]:
    created = create_vault(VaultPaths(tmp_path / "v"), keystore=None, passphrase="pass phrase!")
    yield created.vault
    created.vault.close()


@pytest.fixture
def repo(vault: Vault) -> EntryRepository:
    return EntryRepository(vault.conn)


def _add(
    repo: EntryRepository,
    body: str,
    title: str = "",
    tags: list[str] | None = None,
    days: int = 0,
    **kw: object,
) -> Entry:
    return repo.add(
        Entry(body=body, title=title, tags=tags or [], created_at=T0 + timedelta(days=days), **kw)
    )  # type: ignore[arg-type]


def test_add_get_and_autosave_round_trip(repo: EntryRepository) -> None:
    e = _add(repo, "first words", "A title", ["Body", "body", " two words "])
    assert e.id and e.uid
    assert e.tags == ["Body", "two-words"]  # unique case-insensitively, normalised
    assert repo.save_text(e.id, "New title", "first words and more")
    got = repo.get(e.id)
    assert got is not None
    assert (got.title, got.body) == ("New title", "first words and more")
    assert got.updated_at is not None and got.created_at == T0
    assert got.updated_at > T0
    assert repo.get_by_uid(e.uid) == got


def test_autosave_into_a_deleted_entry_says_so(repo: EntryRepository) -> None:
    """The check-in screen relies on this to keep words whose entry was deleted meanwhile."""
    e = _add(repo, "words")
    assert e.id is not None
    repo.delete(e.id)
    assert repo.save_text(e.id, "", "more words") is False
    assert repo.count() == 0


def test_search_words_phrases_prefix_and_ranking(repo: EntryRepository) -> None:
    _add(repo, "The rain on the window was calming", "Rain", days=0)
    _add(repo, "I felt calm after the walk", "Walk", days=1)
    _add(repo, "window rain", "Other order", days=2)
    assert {h.title for h in repo.search("rain window")} == {"Rain", "Other order"}
    assert [h.title for h in repo.search('"rain on the window"')] == ["Rain"]
    assert {h.title for h in repo.search("calm*")} == {"Rain", "Walk"}
    # Stemming (porter): "calm" finds "calming" too, "calmer" is no prefix search.
    assert {h.title for h in repo.search("calm")} == {"Walk", "Rain"}
    assert [h.title for h in repo.search("calmer*")] == []
    # Title matches weigh more: "rain" is the title of one entry.
    assert repo.search("rain")[0].title == "Rain"
    hits = repo.search("calming", marks=("<<", ">>"))
    assert {h.snippet for h in hits} >= {"I felt <<calm>> after the walk"}
    assert any("<<calming>>" in h.snippet for h in hits)


@pytest.mark.parametrize(
    "query",
    [
        "NEAR(",
        '"',
        '""',
        "*",
        "**",
        "a OR",
        "AND",
        "NOT x",
        "body:",
        "title:x",
        "(",
        ")",
        "^start",
        "-",
        "'; DROP TABLE entries; --",
        "\\",
        "\x00",
        "💚",
        "שלום",
        'a"b',
        "{x y}:z",
    ],
)
def test_odd_input_never_raises_and_is_treated_as_text(repo: EntryRepository, query: str) -> None:
    _add(repo, "plain text")
    repo.search(query)  # must not raise an FTS5 syntax error
    list_page(repo.conn, JournalFilter(query=query), limit=10)
    count_matching(repo.conn, JournalFilter(query=query))
    assert repo.count() == 1


def test_operators_and_unicode_are_searchable_text(repo: EntryRepository) -> None:
    _add(repo, "We talked about the NEAR( future and AND gates", "ops")
    _add(repo, "Ein Café in Zürich, naïve plan 🌱", "accents")
    _add(repo, "שלום עולם - a line in Hebrew", "rtl")
    _add(repo, 'she said "it\'s fine" (it was not)', "quotes")
    assert [h.title for h in repo.search("NEAR(")] == ["ops"]
    assert [h.title for h in repo.search("AND")] == ["ops"]
    assert [h.title for h in repo.search("cafe zurich")] == ["accents"]  # diacritics folded
    assert [h.title for h in repo.search("naive")] == ["accents"]
    assert [h.title for h in repo.search("שלום")] == ["rtl"]
    assert [h.title for h in repo.search('"it\'s fine"')] == ["quotes"]
    assert [h.title for h in repo.search("it's")] == ["quotes"]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('a "b c" d*') == '"a" "b c" "d"*'
    assert fts_query("NEAR(x, y)") == '"NEAR(x," "y)"'
    assert fts_query("   ") == ""
    assert fts_query('say "hi') == '"say" "hi"'


def test_tags_filter_search_and_cleanup(repo: EntryRepository) -> None:
    a = _add(repo, "walking by the pond", tags=["walk"])
    _add(repo, "walking to work", tags=["work"])
    assert [h.entry_id for h in repo.search("walking", tag="walk")] == [a.id]
    # Tags are searchable as text too (and "walk" finds "walking": stemming); the tag
    # match ranks first.
    assert repo.search("walk")[0].entry_id == a.id
    assert a.id is not None
    assert repo.set_tags(a.id, ["Sleep", "", ",,", "sleep"]) == ["Sleep"]
    assert dict(repo.all_tags()) == {"Sleep": 1, "work": 1}  # "walk" is gone with its last use
    assert normalise_tag("  #for therapy, ") == "for-therapy"


def test_delete_and_restore_keep_uid_times_tags_and_search(repo: EntryRepository) -> None:
    e = _add(repo, "a private thought", "Title", ["mine"], flagged=True)
    assert e.id is not None
    deleted = repo.delete(e.id)
    assert deleted is not None and repo.get(e.id) is None
    assert repo.search("private") == [] and repo.all_tags() == []
    restored = repo.restore(deleted)
    again = repo.get(restored.id or 0)
    assert again is not None
    assert (again.uid, again.created_at, again.tags, again.flagged, again.body) == (
        e.uid,
        e.created_at,
        ["mine"],
        True,
        "a private thought",
    )
    assert [h.uid for h in repo.search("private")] == [e.uid]


def test_restore_after_its_session_was_deleted_keeps_the_words(vault: Vault) -> None:
    """Undo in the journal after the linked session (and its check-ins) went away."""
    from integrate.vault.checkins import CheckinRepository, sync

    repo = EntryRepository(vault.conn)
    sessions = SessionRepository(vault.conn)
    session = sessions.add(Session(at=datetime(2024, 5, 6, 9, 0, tzinfo=UTC), tz="UTC"))
    sync(vault, datetime(2024, 5, 7, 12, 0, tzinfo=UTC))
    checkin = CheckinRepository(vault.conn).get(f"{session.uid}:day_1")
    assert checkin is not None
    e = repo.add(Entry(body="words to keep", session_id=session.id, checkin_id=checkin.id))
    deleted = repo.delete(e.id or 0)
    assert deleted is not None
    sessions.delete(session.id or 0)
    sync(vault, datetime(2024, 5, 7, 12, 0, tzinfo=UTC))
    restored = repo.restore(deleted)
    again = repo.get(restored.id or 0)
    assert again is not None and again.body == "words to keep" and again.uid == e.uid
    assert again.session_id is None and again.checkin_id is None
    # A link that still exists is kept.
    other = sessions.add(Session(at=datetime(2024, 6, 6, 9, 0, tzinfo=UTC), tz="UTC"))
    f = repo.add(Entry(body="linked", session_id=other.id))
    back = repo.restore(repo.delete(f.id or 0))  # type: ignore[arg-type]
    assert repo.get(back.id or 0).session_id == other.id  # type: ignore[union-attr]


def test_paging_covers_every_entry_once_newest_first(repo: EntryRepository) -> None:
    with transaction(repo.conn):
        ids = [_add(repo, f"day {i} text", days=i).id for i in range(250)]
    seen: list[int] = []
    offset = 0
    while True:
        page = list_page(repo.conn, JournalFilter(), limit=100, offset=offset)
        if not page:
            break
        seen += [r.id for r in page]
        offset += len(page)
    assert seen == list(reversed(ids))
    assert count_matching(repo.conn, JournalFilter()) == 250
    first = list_page(repo.conn, JournalFilter(), limit=1)[0]
    assert first.preview == "day 249 text" and first.snippet is None


def test_filters_flag_tag_dates_phase_combined_with_search(
    vault: Vault, repo: EntryRepository
) -> None:
    sessions = SessionRepository(vault.conn)
    session = sessions.add(Session(at=T0 - timedelta(hours=30), tz="UTC"))
    vault.conn.execute(
        "INSERT INTO checkins(uid, session_id, phase, due_at, created_at, updated_at) "
        "VALUES ('k1', ?, 'day_1', ?, ?, ?)",
        (session.id, T0.isoformat(), T0.isoformat(), T0.isoformat()),
    )
    checkin_id = vault.conn.execute("SELECT id FROM checkins").fetchone()[0]
    a = _add(repo, "from the check-in about sleep", tags=["sleep"], days=0, checkin_id=checkin_id)
    b = _add(repo, "flagged note about sleep", days=5, flagged=True)
    c = _add(repo, "later note", tags=["sleep"], days=10)

    def ids(**kw: object) -> list[int]:
        return [r.id for r in list_page(vault.conn, JournalFilter(**kw), limit=50)]  # type: ignore[arg-type]

    assert ids(flagged_only=True) == [b.id]
    assert ids(tag="sleep") == [c.id, a.id]
    assert ids(phase="day_1") == [a.id]
    assert ids(date_from=date(2024, 3, 6), date_to=date(2024, 3, 6)) == [b.id]
    assert ids(date_from=date(2024, 3, 6)) == [c.id, b.id]
    assert ids(query="check", tag="sleep") == [a.id]
    assert sorted(ids(query="sleep", tag="sleep")) == [a.id, c.id]  # tags are text too
    assert ids(query="sleep", flagged_only=True) == [b.id]
    row = list_page(vault.conn, JournalFilter(phase="day_1"), limit=5)[0]
    assert row.phase == "day_1" and row.group_session_id == session.id
    assert count_matching(vault.conn, JournalFilter(query="note")) == 2


def test_grouping_falls_back_to_the_window_an_entry_was_written_in(
    vault: Vault, repo: EntryRepository
) -> None:
    sessions = SessionRepository(vault.conn)
    series = sessions.add_series(Series("Initial series", T0.date()))
    s1 = sessions.add(Session(at=T0, tz="UTC", series_id=series.id))
    s2 = sessions.add(Session(at=T0 + timedelta(days=7), tz="UTC", series_id=series.id))
    before = _add(repo, "before anything", days=-3)
    after1 = _add(repo, "unlinked, after session 1", days=2)
    after2 = _add(repo, "unlinked, after session 2", days=8)
    linked = _add(repo, "linked to session 1 explicitly", days=9, session_id=s1.id)
    groups = {r.id: r.group_session_id for r in list_page(vault.conn, JournalFilter(), limit=10)}
    assert groups == {before.id: None, after1.id: s1.id, after2.id: s2.id, linked.id: s1.id}
    infos = session_infos(vault.conn)
    assert infos[s2.id or 0].number == 2 and infos[s2.id or 0].series_name == "Initial series"


def test_entry_links_show_session_checkin_and_shares(vault: Vault, repo: EntryRepository) -> None:
    sessions = SessionRepository(vault.conn)
    session = sessions.add(Session(at=T0, tz="UTC"))
    e = _add(repo, "text", session_id=session.id)
    links = entry_links(vault.conn, e)
    assert links.session is not None and links.session.id == session.id
    assert links.shared_on == ()
    vault.conn.execute(
        "INSERT INTO shares(uid, created_at, file_name) VALUES "
        "('s1', '2024-04-02T10:00:00+00:00', 'summary.pdf')"
    )
    vault.conn.execute(
        "INSERT INTO share_items(share_id, item_type, item_uid) VALUES (1, 'entry', ?)", (e.uid,)
    )
    links = entry_links(vault.conn, e)
    assert [d.date() for d in links.shared_on] == [date(2024, 4, 2)]


def test_keyset_paging_continues_after_the_last_row(repo: EntryRepository) -> None:
    with transaction(repo.conn):
        ids = [_add(repo, f"day {i}", days=i // 3).id for i in range(250)]  # same-day ties
    seen: list[int] = []
    last = None
    while True:
        page = list_page(repo.conn, JournalFilter(), limit=70, after=last)
        if not page:
            break
        seen += [r.id for r in page]
        last = page[-1]
    newest_first = sorted(ids, key=lambda i: (-(ids.index(i) // 3), -i))
    assert seen == newest_first


def test_search_ranks_from_the_index_and_pages_ties_exactly_once(repo: EntryRepository) -> None:
    """Every match has the same score here: pages must still cover each exactly once
    (equal scores: newest entry first), and the count must agree."""
    with transaction(repo.conn):
        ids = [_add(repo, "the same calm words", days=i).id for i in range(230)]
        _add(repo, "nothing to find")
    flt = JournalFilter(query="calm")
    seen: list[int] = []
    offset = 0
    while page := list_page(repo.conn, flt, limit=100, offset=offset):
        seen += [r.id for r in page]
        assert all(r.snippet and "\x02calm\x03" in r.snippet for r in page)
        offset += len(page)
    assert seen == sorted(ids, reverse=True)
    assert count_matching(repo.conn, flt) == 230
    hits = repo.search("calm", limit=5)
    assert [h.entry_id for h in hits] == sorted(ids, reverse=True)[:5]
    better = _add(repo, "calm calm calm", title="calm")
    assert repo.search("calm", limit=5)[0].entry_id == better.id  # bm25 still decides


def test_journal_list_reads_the_covering_index(vault: Vault, repo: EntryRepository) -> None:
    """Migration 0002: the list reads `entries_list` (the columns after each body are
    behind its overflow pages), and `preview` follows the body on every save."""
    e = _add(repo, "x" * 500, days=1)
    plan = " ".join(
        str(r[3])
        for r in vault.conn.execute(
            "EXPLAIN QUERY PLAN SELECT e.id, e.uid, e.title, e.preview, e.created_at, "
            "e.flagged, e.tags_text, e.session_id, e.checkin_id FROM entries e "
            "ORDER BY e.created_at DESC, e.id DESC"
        )
    )
    assert "INDEX entries_list" in plan
    repo.save_text(e.id or 0, "t", "new start " + "y" * 400)
    row = list_page(vault.conn, JournalFilter(), limit=1)[0]
    assert row.preview == ("new start " + "y" * 400)[:240]
    columns = [r[1] for r in vault.conn.execute("PRAGMA table_info(entries)")]
    assert "preview" not in columns  # generated: backups and exports copy real columns only


def test_grouping_compares_instants_across_offsets(vault: Vault, repo: EntryRepository) -> None:
    sessions = SessionRepository(vault.conn)
    berlin = timezone(timedelta(hours=2))
    session = sessions.add(Session(at=datetime(2024, 5, 6, 10, 0, tzinfo=berlin), tz="UTC"))
    # 09:00 UTC is after 10:00+02:00 (08:00 UTC), though its text sorts first.
    after = repo.add(Entry(body="after", created_at=datetime(2024, 5, 6, 9, 0, tzinfo=UTC)))
    before = repo.add(Entry(body="before", created_at=datetime(2024, 5, 6, 7, 59, tzinfo=UTC)))
    groups = {r.id: r.group_session_id for r in list_page(vault.conn, JournalFilter(), limit=5)}
    assert groups == {after.id: session.id, before.id: None}


def test_list_between_compares_instants_across_offsets_and_keeps_tags(
    repo: EntryRepository,
) -> None:
    """One query for a period (the summary's): times written in other zones compare by
    the instant, not the text; tags come along."""
    from zoneinfo import ZoneInfo

    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    # Around the spring DST change in Berlin (2026-03-29, 02:00 -> 03:00).
    inside_ny = repo.add(
        Entry(
            "in New York", created_at=datetime(2026, 3, 28, 20, 30, tzinfo=new_york), tags=["trip"]
        )
    )  # 2026-03-29 00:30 UTC
    inside_berlin = repo.add(
        Entry("after the change", created_at=datetime(2026, 3, 29, 3, 30, tzinfo=berlin))
    )  # 01:30 UTC
    before = repo.add(
        Entry("too early", created_at=datetime(2026, 3, 29, 0, 59, tzinfo=berlin))
    )  # 2026-03-28 23:59 UTC
    at_end = repo.add(Entry("at the end", created_at=datetime(2026, 3, 29, 2, 0, tzinfo=UTC)))
    start = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    end = datetime(2026, 3, 29, 2, 0, tzinfo=UTC)
    got = repo.list_between(start, end)
    assert [e.id for e in got] == [inside_ny.id, inside_berlin.id]
    assert got[0].tags == ["trip"] and got[1].tags == []
    assert before.id not in {e.id for e in got} and at_end.id not in {e.id for e in got}


def test_search_finds_other_forms_of_a_word_and_folds_diacritics(repo: EntryRepository) -> None:
    """Issue 18: "brothers" found nothing while "brother" found the entry."""
    _add(repo, "Talked with my brother about the summer", "Family", days=0)
    _add(repo, "A café by the river, feeling calmer", "Out", days=1)
    assert [h.title for h in repo.search("brothers")] == ["Family"]
    assert [h.title for h in repo.search("brother")] == ["Family"]
    assert [h.title for h in repo.search("talking")] == ["Family"]
    assert [h.title for h in repo.search("cafe")] == ["Out"]  # diacritics still folded
    assert [h.title for h in repo.search("CAFÉS")] == ["Out"]
    assert [h.title for h in repo.search("rivers")] == ["Out"]
