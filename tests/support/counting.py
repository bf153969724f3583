"""Counting what a piece of work asks of the database: the statements it runs and the flushes
of its sessions. Tests that a cost does not grow with the number of rows compare two counts."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from sqlalchemy import event
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Database


@contextlib.contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL of every statement run on `db` inside the block (an executemany counts once)."""
    seen: list[str] = []

    def remember(_conn: object, _cursor: object, sql: str, *_rest: object) -> None:
        seen.append(sql)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


@contextlib.contextmanager
def flushes() -> Iterator[list[Session]]:
    """The sessions flushed inside the block, once per flush."""
    seen: list[Session] = []

    def remember(session: Session, _context: object) -> None:
        seen.append(session)

    event.listen(Session, "after_flush", remember)
    try:
        yield seen
    finally:
        event.remove(Session, "after_flush", remember)


def in_list_lengths(sql: str) -> list[int]:
    """How many values each plain `IN (…)` list of a statement names."""
    placeholders = re.sub(r"%\([^)]*\)s", "?", sql)  # psycopg's named ones hold parentheses
    return [group.count(",") + 1 for group in re.findall(r" IN \(([^()]*)\)", placeholders)]
