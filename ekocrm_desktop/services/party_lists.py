"""The paged, searchable, sortable list of a subset of parties (a group's members, a segment's
members), with the same rows, sort keys and search as the contacts list, so the window shows
them in the same table model.

The subset is any SQL condition on `Party` (a correlated EXISTS, an IN, a segment compiled to
SQL): counting and paging never leave the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ekocrm_desktop.db.search import SearchBackend
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.contacts import SORT_COLUMNS, PartyRow, list_row_select, list_rows
from ekocrm_desktop.services.paging import PageRequest, WindowQueries


class PartySubsetList:
    """Counts and pages the live parties matching a condition, searched by typed text."""

    def __init__(self, search: SearchBackend) -> None:
        self._search = search
        self._row_security: bool | None = None

    def _prepare(self, session: Session) -> None:
        # Once: on a team login the search goes through the row-level-security-aware function.
        if self._row_security is None:
            self._row_security = self._search.detect_row_security(session)

    def count(self, session: Session, condition: ColumnElement[bool], text: str = "") -> int:
        """How many live parties match `condition` and the typed text."""
        self._prepare(session)
        stmt = select(func.count()).select_from(Party).where(Party.deleted_at.is_(None), condition)
        stmt = self._search.restrict(stmt, text)
        return int(session.execute(stmt).scalar_one())

    def page(
        self,
        session: Session,
        condition: ColumnElement[bool],
        *,
        text: str,
        sort: str,
        descending: bool,
        request: PageRequest,
        today: dt.date,
    ) -> list[PartyRow]:
        """One window of the list, in display order (rows shaped as the contacts list's)."""
        self._prepare(session)
        sort_column: Any = SORT_COLUMNS.get(sort, Party.sort_name)
        postgres = session.get_bind().dialect.name == "postgresql"
        stmt = list_row_select(sort_column, today, summaries=postgres).where(Party.deleted_at.is_(None), condition)
        stmt = self._search.restrict(stmt, text)
        rows = WindowQueries(stmt, sort_column, Party.id).fetch(session.connection(), descending, request)
        return list_rows(rows, roles_on=today if postgres else None)
