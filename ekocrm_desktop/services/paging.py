"""Fetching one window of a sorted list from SQL, fast at any depth.

Every list page in the app holds a count and asks for windows of rows. A window next to
one already loaded is fetched by keyset (`(sort, id) > last`), which costs the same at
row 10 and row 999,990; a jump far away uses OFFSET from the nearer end of the list, so
"go to the last row" is as cheap as the first page even on PostgreSQL, where OFFSET
reads every skipped row (perf anchors §3).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Connection, Integer, Row, Select, bindparam, tuple_
from sqlalchemy.orm import Session

_T = TypeVar("_T")

#: Ids one statement names at most in an IN list, well under what the drivers take: PostgreSQL
#: 65,535 parameters a statement, SQLite 32,766 on default builds.
IN_LIST_SIZE = 500


def slices(items: Sequence[_T], size: int | None = None) -> Iterator[Sequence[_T]]:
    """`items` in consecutive slices of at most `size` (IN_LIST_SIZE by default), in order."""
    step = size or IN_LIST_SIZE
    for start in range(0, len(items), step):
        yield items[start : start + step]


SortKey = tuple[Any, Any]
#: A SELECT of any columns (SQLAlchemy 2.1 types selects by their column tuple).
AnySelect: TypeAlias = Select[*tuple[Any, ...]]


@dataclasses.dataclass(frozen=True)
class PageRequest:
    """Rows [offset, offset+limit) of a list of `total` rows.

    `after` is the sort key of row offset-1 and `before` that of row offset+limit, when the
    caller has them: either allows a keyset query instead of OFFSET.
    """

    offset: int
    limit: int
    total: int
    after: SortKey | None = None
    before: SortKey | None = None


def fetch_window(
    session: Session | Connection,
    stmt: AnySelect,
    *,
    sort_column: ColumnElement[Any],
    id_column: Any,
    descending: bool,
    request: PageRequest,
) -> Sequence[Row[Any]]:
    """Run `stmt` (already filtered; must select sort and id columns) for one window, in list order."""
    return WindowQueries(stmt, sort_column, id_column).fetch(session, descending, request)


class WindowQueries:
    """One list's SELECT, with its windows' ORDER BY, keyset condition and LIMIT built once.

    The window's values are bound at each call: building and coercing those clauses again for
    every page cost a third of a warm page of 200 rows. Keep one per filter and sort while the
    list scrolls; `fetch` runs on a session or, cheaper still, on a plain connection.
    """

    def __init__(self, stmt: AnySelect, sort_column: ColumnElement[Any], id_column: Any) -> None:
        self._stmt = stmt
        self._sort = sort_column
        self._id = id_column
        self._built: dict[tuple[bool, str], AnySelect] = {}

    def fetch(self, executor: Session | Connection, descending: bool, request: PageRequest) -> Sequence[Row[Any]]:
        """Rows of `request`'s window, in list order."""
        if request.limit <= 0:
            return []
        values: dict[str, Any] = {"window_limit": request.limit}
        if request.after is not None:
            kind, reverse = "after", False
            values["key_sort"], values["key_id"] = request.after
        elif request.before is not None:
            kind, reverse = "before", True
            values["key_sort"], values["key_id"] = request.before
        elif request.total and request.offset > request.total // 2:
            # Closer to the end: read the list backwards from its last row.
            end = min(request.offset + request.limit, request.total)
            if end - request.offset <= 0:
                return []
            kind, reverse = "offset", True
            values["window_limit"], values["window_offset"] = end - request.offset, request.total - end
        else:
            kind, reverse = "offset", False
            values["window_offset"] = request.offset
        rows = executor.execute(self._built_for(descending, kind, reverse), values).all()
        return list(reversed(rows)) if reverse else rows

    def _built_for(self, descending: bool, kind: str, reverse: bool) -> AnySelect:
        built = self._built.get((descending != reverse, kind))
        if built is not None:
            return built
        down = descending != reverse
        stmt = self._stmt.order_by(*((self._sort.desc(), self._id.desc()) if down else (self._sort, self._id)))
        if kind == "offset":
            stmt = stmt.offset(bindparam("window_offset", type_=Integer()))
        else:
            key = tuple_(self._sort, self._id)
            bound = tuple_(bindparam("key_sort", type_=self._sort.type), bindparam("key_id", type_=self._id.type))
            stmt = stmt.where(key < bound if down else key > bound)
        stmt = stmt.limit(bindparam("window_limit", type_=Integer()))
        self._built[(down, kind)] = stmt
        return stmt
