"""The Journal area: the list (search, filters, groups by session) beside the entry editor."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from integrate.core.i18n import tr_noop
from integrate.core.model import Entry
from integrate.core.timeutil import now_local
from integrate.share.phase_labels import PHASES, journal_label
from integrate.ui.base.context import AppServices
from integrate.ui.base.timers import idle_timer
from integrate.ui.journal.entry_editor import EntryEditor
from integrate.ui.journal.journal_model import (
    EntryIdRole,
    JournalDelegate,
    JournalModel,
    one_line,
)
from integrate.ui.widgets.common import (
    TallScrollArea,
    button,
    page_layout,
    page_title,
    plain_label,
    unseen_label,
)
from integrate.ui.widgets.flow import WrapCheckBox
from integrate.vault.entries import JournalFilter

SEARCH_DELAY_MS = 250


# services.navigate.emit("journal", NEW_ENTRY_ITEM) opens a new, empty entry.
NEW_ENTRY_ITEM = "new"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Journal", text)


DATE_CHOICES = [
    ("any", tr_noop("Journal", "Any time")),
    ("7", tr_noop("Journal", "Last 7 days")),
    ("30", tr_noop("Journal", "Last 30 days")),
    ("365", tr_noop("Journal", "Last 12 months")),
    ("custom", tr_noop("Journal", "Choose dates…")),
]


class JournalPage(QWidget):
    def __init__(self, services: AppServices) -> None:
        super().__init__()
        self.services = services
        self._deleted: list[Entry] = []  # undo stack for this unlocked session only
        self._fresh_id: int | None = None  # made by "New entry", removed again if left blank
        self._own_change = False

        layout = page_layout(self)
        top = QHBoxLayout()
        top.addWidget(page_title(_tr("Journal")))
        top.addStretch(1)
        self.new_button = button(
            _tr("New entry"), primary=True, accessible=_tr("Start a new entry")
        )
        self.new_button.setShortcut("Ctrl+N")
        self.new_button.setToolTip(_tr("Start a new entry (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_entry)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undoBar")
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(12, 6, 12, 6)
        self.undo_label = plain_label("")
        undo_row.addWidget(self.undo_label, 1)
        self.undo_button = button(_tr("Undo delete"), accessible=_tr("Undo delete"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        layout.addWidget(self.undo_bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list_side())
        splitter.addWidget(self._build_editor_side())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 480])
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        splitter.installEventFilter(self)  # narrow: the filters go one under the other

        self._search_timer = idle_timer(self, SEARCH_DELAY_MS, self.apply_filter)

        services.changed.connect(self._on_changed)
        about_to_lock = getattr(services, "about_to_lock", None)
        if about_to_lock is not None:
            about_to_lock.connect(self.flush)
        self._fill_tags()
        self.apply_filter()

    # -- building

    def _build_list_side(self) -> QWidget:
        side = QWidget()
        col = QVBoxLayout(side)
        self.list_column = col
        col.setContentsMargins(0, 0, 8, 0)
        col.setSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_tr("Search your journal"))
        self.search.setAccessibleName(_tr("Search your journal"))
        # Our own Clear button beside the field, not Qt's clear icon inside it: with the
        # stylesheet's padding that icon sat on the field's border, and it takes no focus.
        self.search.setClearButtonEnabled(False)
        self.search.setToolTip(
            _tr('Words are all found; "a phrase" in quotes; calm* finds calm, calmer, calming.')
        )
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.search_clear = button(_tr("Clear"), accessible=_tr("Clear the search"))
        self.search_clear.clicked.connect(self._clear_search)
        self.search_clear.setVisible(False)
        self.search.textChanged.connect(lambda t: self.search_clear.setVisible(bool(t)))
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_clear)
        col.addLayout(search_row)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.filter_grid = grid
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName(_tr("Show entries with this tag"))
        self.tag_filter.currentIndexChanged.connect(self.apply_filter)
        self.phase_filter = QComboBox()
        self.phase_filter.setAccessibleName(_tr("Show entries from this check-in phase"))
        self.phase_filter.addItem(_tr("Any check-in"), None)
        for phase in PHASES:
            self.phase_filter.addItem(journal_label(phase), str(phase))
        self.phase_filter.currentIndexChanged.connect(self.apply_filter)
        self.date_filter = QComboBox()
        self.date_filter.setAccessibleName(_tr("Show entries from this time"))
        for key, label in DATE_CHOICES:
            self.date_filter.addItem(_tr(label), key)  # i18n: marked
        self.date_filter.currentIndexChanged.connect(self._date_choice_changed)
        self.flagged_filter = WrapCheckBox(_tr("Flagged for therapist"))
        self.flagged_filter.setAccessibleName(_tr("Only entries flagged for my therapist"))
        self.flagged_filter.toggled.connect(self.apply_filter)
        self._filter_columns = 0
        self._place_filters(2)
        col.addLayout(grid)
        # Screen readers on Linux hear a combo box by its label, not its accessible name.
        for box in (self.tag_filter, self.phase_filter, self.date_filter):
            unseen_label(box, box.accessibleName())

        self.custom_dates = QWidget()
        dates_row = QHBoxLayout(self.custom_dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit, name in ((self.date_from, _tr("From date")), (self.date_to, _tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self.apply_filter)
        dates_row.addWidget(plain_label(_tr("From"), wrap=False))
        dates_row.addWidget(self.date_from, 1)
        dates_row.addWidget(plain_label(_tr("to"), wrap=False))
        dates_row.addWidget(self.date_to, 1)
        self.custom_dates.setVisible(False)
        col.addWidget(self.custom_dates)

        status_row = QHBoxLayout()
        self.count_label = plain_label("", object_name="muted", wrap=False)
        self.count_label.setAccessibleName(_tr("Number of entries shown"))
        status_row.addWidget(self.count_label, 1)
        self.clear_button = button(_tr("Show all"), accessible=_tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        status_row.addWidget(self.clear_button)
        col.addLayout(status_row)
        # After-effect notes that match a search (issue 17): links to their session.
        self.effects_links = QWidget()
        self.effects_links.setAccessibleName(_tr("Matching after-effects notes"))
        self.effects_box = QVBoxLayout(self.effects_links)
        self.effects_box.setContentsMargins(0, 0, 0, 0)
        self.effects_box.setSpacing(0)
        self.effects_links.setVisible(False)
        col.addWidget(self.effects_links)

        self.model = JournalModel(self.services.use.journal, self)
        self.list = QListView()
        self.list.setObjectName("journalList")
        self.list.setAccessibleName(_tr("Journal entries"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(JournalDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.empty = plain_label("", object_name="notice")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName(_tr("Nothing to show"))
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list)
        empty_holder = QWidget()
        holder = QVBoxLayout(empty_holder)
        holder.setContentsMargins(0, 8, 0, 0)
        holder.addWidget(self.empty)
        holder.addStretch(1)
        self.list_stack.addWidget(empty_holder)
        col.addWidget(self.list_stack, 1)
        return side

    def _build_editor_side(self) -> QWidget:
        self.editor_stack = QStackedWidget()
        self.editor = EntryEditor(self.services)
        self.editor.saved.connect(self._entry_saved)
        self.editor.flag_changed.connect(lambda i, on: self._entry_meta_changed(i, flagged=on))
        self.editor.tags_changed.connect(self._tags_changed)
        self.editor.delete_requested.connect(self.delete_entry)
        # Queued: it can be emitted from inside load() while the list is switching entries.
        self.editor.recreated.connect(self._entry_recreated, Qt.ConnectionType.QueuedConnection)
        nothing = QWidget()
        col = QVBoxLayout(nothing)
        col.setContentsMargins(16, 8, 0, 0)
        self.nothing_label = plain_label(
            _tr("Choose an entry on the left to read or change it, or start a new one."),
            object_name="muted",
        )
        col.addWidget(self.nothing_label)
        col.addStretch(1)
        self.editor_stack.addWidget(nothing)
        holder = QWidget()
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(8, 0, 0, 0)
        hl.addWidget(self.editor)
        # With large text the entry's fields need more height than the window has:
        # scroll rather than squash the title and body to a sliver.
        self.editor_scroll = TallScrollArea(holder)
        self.editor_scroll.setAccessibleName(_tr("Entry"))
        self.editor_stack.addWidget(self.editor_scroll)
        return self.editor_stack

    def _filters(self) -> list[QWidget]:
        return [self.tag_filter, self.phase_filter, self.date_filter, self.flagged_filter]

    def _place_filters(self, columns: int) -> None:
        """The four filters in two columns, or in one when two would not fit."""
        if columns == self._filter_columns:
            return
        self._filter_columns = columns
        grid = self.filter_grid
        for widget in self._filters():
            grid.removeWidget(widget)
        for n, widget in enumerate(self._filters()):
            grid.addWidget(widget, n // columns, n % columns)
        for column in range(2):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.splitter:
            # Two columns of filters while the list side can have their width and the
            # entry its least; one column otherwise (large text, a narrow window).
            left, right = self._filters()[0::2], self._filters()[1::2]
            needed = (
                max(w.sizeHint().width() for w in left)
                + self.filter_grid.horizontalSpacing()
                + max(w.sizeHint().width() for w in right)
            )
            margins = self.list_column.contentsMargins()
            needed += margins.left() + margins.right()
            editor = self.editor_stack.minimumSizeHint().width()
            room = self.splitter.width() - self.splitter.handleWidth() - editor
            self._place_filters(2 if room >= needed else 1)
        return super().eventFilter(watched, event)

    # -- filters and the list

    def current_filter(self) -> JournalFilter:
        date_from: date | None = None
        date_to: date | None = None
        choice = self.date_filter.currentData()
        today = now_local().date()
        if choice == "custom":
            date_from = self.date_from.date().toPython()  # type: ignore[assignment]
            date_to = self.date_to.date().toPython()  # type: ignore[assignment]
        elif choice and choice != "any":
            date_from = today - timedelta(days=int(choice) - 1)
        return JournalFilter(
            query=self.search.text(),
            tag=self.tag_filter.currentData(),
            flagged_only=self.flagged_filter.isChecked(),
            phase=self.phase_filter.currentData(),
            date_from=date_from,
            date_to=date_to,
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self._reload()
        # A search or filter that leaves out the entry being read closes it, so the page
        # never shows an entry beside a list that does not contain it.
        entry_id = self.editor.entry_id
        flt = self.model.filter
        if (
            entry_id is not None
            and flt.active
            and not self.services.use.journal.matches(flt, entry_id)
        ):
            self.editor.flush()  # what was typed is saved before the editor lets go
            self._show_entry(None)
            self._select_current()

    def _reload(self) -> None:
        self.model.set_filter(self.current_filter())
        self._after_reload()

    def _after_reload(self) -> None:
        flt = self.model.filter
        total = self.model.total
        if total == 0:
            if flt.active:
                text = self._no_match_text(flt)
            else:
                text = _tr(
                    "No entries yet - write your first one with “New entry”. "
                    "Whatever you write is saved as you type, and stays on this "
                    "computer, encrypted."
                )
            self.empty.setText(text)
            self.list_stack.setCurrentIndex(1)
        else:
            self.list_stack.setCurrentIndex(0)
        if flt.searching:
            self.count_label.setText(
                _tr("{n} found").format(n=total) if total != 1 else _tr("1 found")
            )
            # After-effect notes are free text too (issue 17); they live on the session.
            from integrate.ui.widgets.tracking import effects_search_hint

            hint = effects_search_hint(self.services, flt.query)
            if hint:
                self.count_label.setText(self.count_label.text() + " · " + hint)
        else:
            self.count_label.setText(
                _tr("{n} entries").format(n=total) if total != 1 else _tr("1 entry")
            )
        self._show_effects_links(flt.query if flt.searching else "")
        if total == 0 and self.effects_links.isVisibleTo(self):
            # Found, but not in an entry: say where, rather than "nothing matches".
            self.empty.setText(_tr("No journal entry matches; the after-effects notes above do."))
        self.clear_button.setVisible(flt.active)
        self._select_current()

    def _show_effects_links(self, query: str) -> None:
        """List the after-effect notes matching `query`, each opening its session."""
        from integrate.ui.widgets.tracking import effects_search_links

        while self.effects_box.count():
            item = self.effects_box.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        links = (
            effects_search_links(
                self.services,
                query,
                lambda uid: self.services.navigate.emit("sessions", f"effects:{uid}"),
            )
            if query
            else []
        )
        for link in links:
            self.effects_box.addWidget(link)
        self.effects_links.setVisible(bool(links))

    @staticmethod
    def _no_match_text(flt: JournalFilter) -> str:
        """Why nothing shows, and the one thing most likely to help."""
        words = flt.query.split()
        others = bool(flt.tag or flt.flagged_only or flt.phase or flt.date_from or flt.date_to)
        if len(words) > 1:
            text = _tr("Nothing matches; try fewer words.")
        elif words:
            text = _tr(
                "No entry has “{word}”. Try another word, or the start of one with * "
                "(calm* finds calm, calmer, calming)."
            ).format(word=words[0].strip('"'))
        else:
            return _tr("No entries match these filters. “Show all” brings everything back.")
        if others:
            text += " " + _tr("The filters above may also hide entries: “Show all” clears them.")
        return text

    def _select_current(self) -> None:
        entry_id = self.editor.entry_id
        row = None if entry_id is None else self.model.row_of(entry_id)
        sel = self.list.selectionModel()
        sel.blockSignals(True)
        try:
            if row is None:
                sel.clearSelection()
                sel.setCurrentIndex(self.model.index(-1), QItemSelectionModel.SelectionFlag.Clear)
            else:
                index = self.model.index(row)
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list.scrollTo(index)
        finally:
            sel.blockSignals(False)
        self.list.viewport().update()

    def clear_filters(self) -> None:
        filters = (
            self.search,
            self.tag_filter,
            self.phase_filter,
            self.date_filter,
            self.flagged_filter,
        )
        for widget in filters:
            widget.blockSignals(True)  # one filter pass at the end, not one per control
        self.search.clear()
        self.tag_filter.setCurrentIndex(0)
        self.phase_filter.setCurrentIndex(0)
        self.date_filter.setCurrentIndex(0)
        self.flagged_filter.setChecked(False)
        self.custom_dates.setVisible(False)
        for widget in filters:
            widget.blockSignals(False)
        self.apply_filter()

    def _clear_search(self) -> None:
        self.search.clear()
        self.apply_filter()
        self.search.setFocus()

    def _date_choice_changed(self) -> None:
        self.custom_dates.setVisible(self.date_filter.currentData() == "custom")
        self.apply_filter()

    def _fill_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(_tr("Any tag"), None)
        for name, count in self.services.entries.all_tags():
            self.tag_filter.addItem(f"#{name} ({count})", name)
        index = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)

    def _on_changed(self, area: str) -> None:
        if self._own_change or area not in ("entries", "sessions", "checkins", "shares"):
            return
        self._fill_tags()
        self._reload()
        if self.editor.entry_id is not None and not self.editor.dirty:
            if self.services.entries.get(self.editor.entry_id) is None:
                self._show_entry(None)
            else:
                self.editor.load(self.editor.entry_id)

    def _notify(self) -> None:
        self._own_change = True
        try:
            self.services.notify("entries")
        finally:
            self._own_change = False

    # -- opening entries

    def _current_changed(self, current, _previous) -> None:  # noqa: ANN001
        entry_id = current.data(EntryIdRole) if current.isValid() else None
        if entry_id is not None and entry_id != self.editor.entry_id:
            self._show_entry(int(entry_id))

    def _show_entry(self, entry_id: int | None) -> None:
        leaving = self.editor.entry_id
        blank = self.editor.is_blank()
        self.editor.load(entry_id)
        if leaving is not None and leaving == self._fresh_id and leaving != entry_id and blank:
            # A new entry nobody wrote in: remove it quietly rather than keep an empty page.
            self.services.entries.delete(leaving)
            self._fresh_id = None
            self.model.reload()
            self._after_reload()
            self._notify()
        self.editor_stack.setCurrentIndex(0 if entry_id is None else 1)

    def open_entry(self, entry_id: int) -> None:
        """Show entry `entry_id` in the editor and select it in the list if it is loaded."""
        self._show_entry(entry_id)
        self._select_current()

    def open_item(self, uid: str) -> None:
        """Navigate here from another screen: services.navigate.emit("journal", uid), or
        "new" for a new entry (Today's Write)."""
        if uid == NEW_ENTRY_ITEM:
            self.new_entry()
            return
        entry = self.services.entries.get_by_uid(uid)
        if entry is None or entry.id is None:
            return
        if self.model.row_of(entry.id) is None and self.model.filter.active:
            self.clear_filters()
        while self.model.row_of(entry.id) is None and self.model.canFetchMore():
            self.model.fetchMore()
        self.open_entry(entry.id)
        self.editor.body.setFocus()

    def new_entry(self) -> None:
        self.flush()
        entry = self.services.entries.add(Entry(body=""))
        assert entry.id is not None
        if self.model.filter.active:
            self.clear_filters()
        else:
            self.model.reload()
            self._after_reload()
        self._show_entry(entry.id)
        self._fresh_id = entry.id
        self._select_current()
        self.editor.body.setFocus()
        self._notify()

    # -- keeping the list in step with the editor

    def _entry_saved(self, entry_id: int, title: str, body: str) -> None:
        self.model.update_entry(entry_id, title=title, preview=body)
        self._notify()

    def _entry_meta_changed(self, entry_id: int, **changes: object) -> None:
        self.model.update_entry(entry_id, **changes)
        self._notify()

    def _tags_changed(self, entry_id: int, tags: list[str]) -> None:
        self.model.update_entry(entry_id, tags=tuple(tags))
        self._fill_tags()
        self._notify()

    def _entry_recreated(self, old_id: int, new_id: int) -> None:
        """The editor kept words from an entry deleted elsewhere as entry `new_id`: list it."""
        if not self.services.vault.is_open:
            return  # saved on the way to locking; the list is built afresh on unlock
        if self._fresh_id == old_id:
            self._fresh_id = None
        self._fill_tags()
        self.model.reload()
        if (
            self.editor.entry_id == new_id
            and self.model.row_of(new_id) is None
            and self.model.filter.active
        ):
            self.clear_filters()  # the words must be in sight, not behind a filter
        else:
            self._after_reload()
        self._notify()

    def flush(self) -> None:
        """Save whatever is typed (before lock, close, or leaving the journal)."""
        self.editor.flush()

    def current_item(self) -> str:
        """The uid of the open entry ("" for none): unlocking reopens it (ui/shell/autolock.py)."""
        entry = self.editor.entry
        return entry.uid if entry is not None else ""

    # -- delete and undo

    def delete_entry(self, entry_id: int) -> None:
        deleted = self.services.entries.delete(entry_id)
        if deleted is None:
            return
        self._deleted.append(deleted)
        if self._fresh_id == entry_id:
            self._fresh_id = None
        self.editor.entry = None  # nothing left to save for it
        self._show_entry(None)
        self._fill_tags()
        self.model.reload()
        self._after_reload()
        title = one_line(deleted.title) or _tr("Untitled entry")
        if len(title) > 40:
            title = title[:39] + "…"
        self.undo_label.setText(_tr("Deleted “{title}”.").format(title=title))
        self.undo_bar.setVisible(True)
        self.undo_button.setFocus()
        self._notify()

    def undo_delete(self) -> None:
        if not self._deleted:
            self.undo_bar.setVisible(False)
            return
        restored = self.services.entries.restore(self._deleted.pop())
        self.undo_bar.setVisible(bool(self._deleted))
        if self._deleted:
            title = one_line(self._deleted[-1].title) or _tr("Untitled entry")
            self.undo_label.setText(_tr("Deleted “{title}”.").format(title=title[:40]))
        self._fill_tags()
        self.model.reload()
        self._after_reload()
        assert restored.id is not None
        self.open_entry(restored.id)
        self._notify()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802
        self.flush()  # leaving the journal for another area
        super().hideEvent(event)


def journal_page(services: AppServices) -> QWidget:
    return JournalPage(services)
