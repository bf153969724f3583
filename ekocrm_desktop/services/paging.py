"""Fetching one window of a sorted list from SQL, fast at any depth.

Every list page in the app holds a count and asks for windows of rows. A window next to
one already loaded is fetched by keyset (`(sort, id) > last`), which costs the same at
row 10 and row 999,990; a jump far away uses OFFSET from the nearer end of the list, so
"go to the last row" is as cheap as the first page even on PostgreSQL, where OFFSET
reads every skipped row (perf anchors §3).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, Select, tuple_
from sqlalchemy.orm import Session

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
    session: Session,
    stmt: AnySelect,
    *,
    sort_column: ColumnElement[Any],
    id_column: Any,
    descending: bool,
    request: PageRequest,
) -> Sequence[Row[Any]]:
    """Run `stmt` (already filtered; must select sort and id columns) for one window, in list order."""
    if request.limit <= 0:
        return []
    key = tuple_(sort_column, id_column)

    def ordered(reverse: bool) -> AnySelect:
        down = descending != reverse
        if down:
            return stmt.order_by(sort_column.desc(), id_column.desc())
        return stmt.order_by(sort_column.asc(), id_column.asc())

    if request.after is not None:
        condition = key < tuple_(*request.after) if descending else key > tuple_(*request.after)
        return session.execute(ordered(False).where(condition).limit(request.limit)).all()
    if request.before is not None:
        condition = key > tuple_(*request.before) if descending else key < tuple_(*request.before)
        rows = session.execute(ordered(True).where(condition).limit(request.limit)).all()
        return list(reversed(rows))
    if request.total and request.offset > request.total // 2:
        # Closer to the end: read the list backwards from its last row.
        end = min(request.offset + request.limit, request.total)
        count = end - request.offset
        if count <= 0:
            return []
        from_end = request.total - end
        rows = session.execute(ordered(True).offset(from_end).limit(count)).all()
        return list(reversed(rows))
    return session.execute(ordered(False).offset(request.offset).limit(request.limit)).all()
