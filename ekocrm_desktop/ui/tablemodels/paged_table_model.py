"""A table model over a list of any length that fetches rows from SQL in pages.

It holds the row count and an LRU of 200-row pages; a page next to one already loaded is
fetched by keyset, a far jump by OFFSET from the nearer end (services.paging). Sorting
is done in SQL. Every list page of the app uses it (ARCHITECTURE §5, issue 2).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Protocol
from uuid import UUID

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ekocrm_desktop.services.paging import PageRequest, SortKey

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class PagedRow(Protocol):
    """What every row DTO offers the model."""

    @property
    def id(self) -> UUID: ...

    @property
    def sort_key(self) -> SortKey: ...


@dataclasses.dataclass(frozen=True)
class Column:
    """One column: its header, how to show a row, and the SQL sort key (None: not sortable)."""

    key: str
    header: Callable[[], str]
    display: Callable[[Any], Any]
    sort: str | None = None
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[Any], str] | None = None
    decoration: Callable[[Any], Any] | None = None


CountFn = Callable[[], int]
PageFn = Callable[[str, bool, PageRequest], Sequence[Any]]


class PagedTableModel(QAbstractTableModel):
    """Rows fetched on demand in pages; `set_source()` or `refresh()` starts over."""

    PAGE_SIZE = 200
    MAX_PAGES = 50
    IdRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2

    #: Emitted when a page could not be fetched (database unreachable...), with the error text.
    fetch_failed = Signal(str)
    #: Emitted after the row count was (re)computed.
    count_changed = Signal(int)
    #: Emitted when rows are shown before their count is known (at least this many).
    count_pending = Signal(int)

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        default_sort: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._sort = default_sort
        self._descending = False
        self._count_fn: CountFn = lambda: 0
        self._page_fn: PageFn = lambda _s, _d, _r: []
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._count_in_background = False
        self._exact = True
        self._generation = 0
        self._count_job: object = None

    # ------------------------------------------------------------------ configuration
    def set_source(self, count_fn: CountFn, page_fn: PageFn, *, count_in_background: bool = False) -> None:
        """Use new fetch functions (a new filter or search) and start over.

        With `count_in_background`, the first rows show at once and the list grows as it is
        scrolled, while the exact count runs in a worker: counting the matches of a short
        prefix on a million contacts can take longer than typing the next letter.
        """
        self._count_fn = count_fn
        self._page_fn = page_fn
        self._count_in_background = count_in_background
        self.refresh()

    def refresh(self) -> None:
        """Forget every cached page and re-count (after a change)."""
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._exact = True
        if self._count_in_background:
            self._total = 0
            try:
                first = list(self._page_fn(self._sort, self._descending, PageRequest(0, self.PAGE_SIZE, 0)))
            except Exception as exc:
                log.exception("fetching the first rows failed")
                first = []
                self.fetch_failed.emit(str(exc))
            self._pages[0] = first
            self._total = len(first)
            self._exact = len(first) < self.PAGE_SIZE
        else:
            try:
                self._total = max(0, int(self._count_fn()))
            except Exception as exc:
                log.exception("counting rows failed")
                self._total = 0
                self.fetch_failed.emit(str(exc))
        self.endResetModel()
        if self._exact:
            self.count_changed.emit(self._total)
        else:
            self.count_pending.emit(self._total)
            self._start_background_count()

    def _start_background_count(self) -> None:
        from ekocrm_desktop.ui import workers

        generation, count_fn = self._generation, self._count_fn
        self._count_job = workers.start(
            lambda _report, _token: (generation, int(count_fn())),
            on_done=self._background_count_done,
            on_error=lambda exc, _details: self.fetch_failed.emit(str(exc)),
        )

    def _background_count_done(self, result: tuple[int, int]) -> None:
        generation, total = result
        if generation != self._generation or self._exact:
            return  # a newer search started meanwhile, or the whole list was already read
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self._exact = True
        self.count_changed.emit(self._total)

    def is_count_exact(self) -> bool:
        """False while the count of a background-counted list is still running."""
        return self._exact

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if parent.isValid() or self._exact:
            return
        page = self._total // self.PAGE_SIZE
        rows = self._fetch(page, limit=self.PAGE_SIZE)
        if rows is None:
            return
        if len(rows) < self.PAGE_SIZE:
            self._exact = True
        if rows:
            self.beginInsertRows(QModelIndex(), self._total, self._total + len(rows) - 1)
            self._total += len(rows)
            self.endInsertRows()
        if self._exact:
            self.count_changed.emit(self._total)

    @property
    def sort_key(self) -> str:
        """The SQL sort key in use."""
        return self._sort

    @property
    def descending(self) -> bool:
        """Whether the sort is descending."""
        return self._descending

    # ------------------------------------------------------------------ Qt overrides
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header()
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._total):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment.value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.DecorationRole and column.decoration is not None:
            return column.decoration(row)
        if role == self.IdRole:
            return str(row.id)
        if role == self.RowRole:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        key = self._columns[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._sort and descending == self._descending:
            return
        self._sort, self._descending = key, descending
        self.refresh()

    # ------------------------------------------------------------------ rows
    def sort_column(self) -> int:
        """Index of the column currently sorted on (-1 if none shows it)."""
        for i, column in enumerate(self._columns):
            if column.sort == self._sort:
                return i
        return -1

    def row_at(self, row: int) -> Any | None:
        """The DTO of a row, fetching its page if needed (None if the fetch failed)."""
        if not (0 <= row < self._total):
            return None
        page = row // self.PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
            if rows is None:
                return None
        else:
            self._pages.move_to_end(page)
        offset = row - page * self.PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def id_at(self, row: int) -> UUID | None:
        """The id of a row."""
        found = self.row_at(row)
        return found.id if found is not None else None

    def cached_row_of(self, record_id: UUID) -> int:
        """Row number of a record among the loaded pages, or -1."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == record_id:
                    return page * self.PAGE_SIZE + offset
        return -1

    def loaded_pages(self) -> int:
        """How many pages are cached (for tests and benchmarks)."""
        return len(self._pages)

    def _fetch(self, page: int, limit: int | None = None) -> list[Any] | None:
        offset = page * self.PAGE_SIZE
        if limit is None:
            limit = min(self.PAGE_SIZE, self._total - offset)
        before_page, after_page = self._pages.get(page - 1), self._pages.get(page + 1)
        after = before_page[-1].sort_key if before_page and len(before_page) == self.PAGE_SIZE else None
        before = after_page[0].sort_key if after_page and after is None else None
        # While the count runs, the end of the list is unknown: never read it backwards.
        total = self._total if self._exact else 0
        request = PageRequest(offset=offset, limit=limit, total=total, after=after, before=before)
        try:
            rows = list(self._page_fn(self._sort, self._descending, request))
        except Exception as exc:
            log.exception("fetching rows %s-%s failed", offset, offset + limit)
            self.fetch_failed.emit(str(exc))
            return None
        self._pages[page] = rows
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return rows
