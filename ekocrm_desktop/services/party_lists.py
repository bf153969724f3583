"""The paged, searchable, sortable list of a subset of parties (a group's members, a segment's
members), with the same rows, sort keys and search as the contacts list, so the window shows
them in the same table model.

The subset is any SQL condition on `Party` (a correlated EXISTS, an IN, a segment compiled to
SQL): counting and paging never leave the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from ekocrm_desktop.db.search import SearchBackend
from ekocrm_desktop.models.party import Party, PartyRole, Tag, party_tag
from ekocrm_desktop.services.contacts import LIST_SEPARATOR, ROLE_ORDER, SORT_COLUMNS, PartyRow
from ekocrm_desktop.services.paging import PageRequest, fetch_window


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
        tags = (
            select(func.aggregate_strings(Tag.name, LIST_SEPARATOR))
            .select_from(party_tag.join(Tag, Tag.id == party_tag.c.tag_id))
            .where(party_tag.c.party_id == Party.id)
            .scalar_subquery()
        )
        roles = (
            select(func.aggregate_strings(PartyRole.role, LIST_SEPARATOR))
            .where(
                PartyRole.party_id == Party.id,
                PartyRole.since <= today,
                or_(PartyRole.until.is_(None), PartyRole.until >= today),
            )
            .scalar_subquery()
        )
        stmt = select(
            Party.id,
            Party.kind,
            Party.display_name,
            Party.organisation_name,
            Party.primary_email,
            Party.primary_phone,
            Party.city,
            Party.postcode,
            Party.updated_at,
            Party.deleted_at,
            sort_column.label("sort_value"),
            tags.label("tags"),
            roles.label("roles"),
        ).where(Party.deleted_at.is_(None), condition)
        stmt = self._search.restrict(stmt, text)
        rows = fetch_window(
            session, stmt, sort_column=sort_column, id_column=Party.id, descending=descending, request=request
        )
        return [
            PartyRow(
                id=r.id,
                kind=r.kind,
                display_name=r.display_name,
                organisation_name=r.organisation_name or "",
                email=r.primary_email,
                phone=r.primary_phone,
                city=r.city or "",
                postcode=r.postcode,
                updated_at=r.updated_at,
                deleted_at=r.deleted_at,
                sort_key=(r.sort_value, r.id),
                tags=tuple(sorted(set(r.tags.split(LIST_SEPARATOR)), key=str.casefold)) if r.tags else (),
                roles=tuple(x for x in ROLE_ORDER if x in r.roles) if r.roles else (),
            )
            for r in rows
        ]
