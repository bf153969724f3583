"""Groups: static lists of parties ("Bureau 2026", "Salon de Lyon 2026").

Create, rename (optimistic locking), move to the trash and restore; add many parties at once
(a selection of the contacts page) and remove them; count and page a group's members from SQL
through the same list as the contacts page; the groups a party belongs to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from uuid import UUID

from sqlalchemy import ColumnElement, delete, exists, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.models.domains import GroupMember, PartyGroup
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.contacts import PartyRow
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationFailedError,
    denied,
)
from ekocrm_desktop.services.membership import local_today
from ekocrm_desktop.services.paging import PageRequest, slices
from ekocrm_desktop.services.party_lists import PartySubsetList

#: Change kind announced when a group or its members change.
GROUP = "party_group"
NAME_MAX = 120


@dataclasses.dataclass(frozen=True)
class GroupInfo:
    """A group and how many live parties are in it."""

    id: UUID
    name: str
    description: str
    color: str
    version: int
    count: int
    deleted_at: dt.datetime | None = None


def in_group(group_id: UUID) -> ColumnElement[bool]:
    """The condition on `Party` "is in this group" (a correlated EXISTS)."""
    return exists().where(GroupMember.party_id == Party.id, GroupMember.group_id == group_id)


class GroupService:
    """Use cases on groups and their members."""

    def __init__(self, db: Database, *, today: Callable[[], dt.date] | None = None) -> None:
        self._db = db
        self._today = today or local_today(db)
        self._list = PartySubsetList(search_backend(db.dialect))

    # ------------------------------------------------------------------ reads
    def groups(self, *, trash: bool = False) -> list[GroupInfo]:
        """Every live group (or, with `trash`, every deleted one) with its member count, by name."""
        counts = (
            select(GroupMember.group_id, func.count().label("n"))
            .join(Party, Party.id == GroupMember.party_id)
            .where(Party.deleted_at.is_(None))
            .group_by(GroupMember.group_id)
            .subquery()
        )
        stmt = (
            select(PartyGroup, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.group_id == PartyGroup.id)
            .where(PartyGroup.deleted_at.is_not(None) if trash else PartyGroup.deleted_at.is_(None))
            .order_by(func.lower(PartyGroup.name), PartyGroup.id)
        )
        with self._db.session() as session:
            return [_info(g, int(n)) for g, n in session.execute(stmt)]

    def get(self, group_id: UUID) -> GroupInfo:
        """One group (deleted or not); NotFoundError if it never existed."""
        with self._db.session() as session:
            group = self._load(session, group_id)
            return _info(group, self._count(session, group_id, ""))

    def count(self, group_id: UUID, text: str = "") -> int:
        """How many live members the group has (matching the typed text)."""
        with self._db.session() as session:
            return self._count(session, group_id, text)

    def page(self, group_id: UUID, text: str, sort: str, descending: bool, request: PageRequest) -> list[PartyRow]:
        """One window of the group's members, as rows of the contacts list."""
        with self._db.session() as session:
            return self._list.page(
                session,
                in_group(group_id),
                text=text,
                sort=sort,
                descending=descending,
                request=request,
                today=self._today(),
            )

    def groups_of(self, party_id: UUID) -> list[GroupInfo]:
        """The live groups a party is in, by name."""
        member_of = set(self._scalars(select(GroupMember.group_id).where(GroupMember.party_id == party_id)))
        return [g for g in self.groups() if g.id in member_of]

    def member_ids(self, group_id: UUID) -> list[UUID]:
        """Ids of the group's live members (for campaigns and tests; lists page instead)."""
        stmt = (
            select(Party.id).where(Party.deleted_at.is_(None), in_group(group_id)).order_by(Party.sort_name, Party.id)
        )
        return self._scalars(stmt)

    # ------------------------------------------------------------------ writes
    def create(self, name: str, description: str = "", color: str = "#607d8b") -> GroupInfo:
        """A new, empty group; ValidationFailedError when the name is empty or taken."""
        clean = self._valid_name(name)
        try:
            with self._db.write_session() as session:
                self._check_unique(session, clean, None)
                group = PartyGroup(name=clean, description=description.strip(), color=color)
                session.add(group)
                session.flush()
                info = _info(group, 0)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(GROUP, [info.id]))
        return info

    def update(self, group_id: UUID, expected_version: int, *, name: str, description: str | None = None) -> GroupInfo:
        """Rename a group (and change its description) loaded at `expected_version`."""
        clean = self._valid_name(name)
        try:
            with self._db.write_session() as session:
                group = self._load(session, group_id)
                if group.version != expected_version:
                    raise ConflictError(
                        _info(group, self._count(session, group_id, "")), expected_version=expected_version
                    )
                self._check_unique(session, clean, group_id)
                group.name = clean
                if description is not None:
                    group.description = description.strip()
                session.flush()
                info = _info(group, self._count(session, group_id, ""))
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(GROUP, [group_id]))
        return info

    def delete(self, group_id: UUID) -> None:
        """Move a group to the trash (its members stay listed there, for a restore)."""
        self._set_deleted(group_id, self._db.clock())

    def restore(self, group_id: UUID) -> None:
        """Bring a group back from the trash."""
        self._set_deleted(group_id, None)

    def add(self, group_id: UUID, party_ids: Iterable[UUID]) -> int:
        """Put parties in a group (those already in it are left alone); returns how many were added."""
        wanted = list(dict.fromkeys(party_ids))
        if not wanted:
            return 0
        added: list[UUID] = []
        try:
            with self._db.write_session() as session:
                self._load(session, group_id)
                for chunk in slices(wanted):
                    present = set(
                        session.scalars(
                            select(GroupMember.party_id).where(
                                GroupMember.group_id == group_id, GroupMember.party_id.in_(chunk)
                            )
                        )
                    )
                    existing = set(session.scalars(select(Party.id).where(Party.id.in_(chunk))))
                    for party_id in chunk:
                        if party_id not in present and party_id in existing:
                            session.add(GroupMember(group_id=group_id, party_id=party_id))
                            added.append(party_id)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(GROUP, [group_id]))
        return len(added)

    def remove(self, group_id: UUID, party_ids: Iterable[UUID]) -> int:
        """Take parties out of a group; returns how many were removed."""
        wanted = list(dict.fromkeys(party_ids))
        removed = 0
        try:
            with self._db.write_session() as session:
                for chunk in slices(wanted):
                    result = session.execute(
                        delete(GroupMember)
                        .where(GroupMember.group_id == group_id, GroupMember.party_id.in_(chunk))
                        .execution_options(synchronize_session=False)
                    )
                    removed += int(getattr(result, "rowcount", 0) or 0)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(GROUP, [group_id]))
        return removed

    # ------------------------------------------------------------------ internals
    def _scalars(self, stmt: object) -> list[UUID]:
        with self._db.session() as session:
            return list(session.scalars(stmt))  # type: ignore[call-overload]

    def _count(self, session: Session, group_id: UUID, text: str) -> int:
        return self._list.count(session, in_group(group_id), text)

    def _load(self, session: Session, group_id: UUID) -> PartyGroup:
        group = session.get(PartyGroup, group_id, populate_existing=True)
        if group is None:
            raise NotFoundError(f"group {group_id} not found")
        return group

    @staticmethod
    def _valid_name(name: str) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise ValidationFailedError([FieldError("name", "required")])
        if len(clean) > NAME_MAX:
            raise ValidationFailedError([FieldError("name", "too_long", clean[:40], {"max": NAME_MAX})])
        return clean

    @staticmethod
    def _check_unique(session: Session, name: str, own_id: UUID | None) -> None:
        same = session.scalars(select(PartyGroup).where(func.lower(PartyGroup.name) == name.lower())).all()
        for other in same:
            if other.id == own_id:
                continue
            if other.deleted_at is None:
                raise ValidationFailedError([FieldError("name", "duplicate_name", name)])
            # A group in the trash keeps its name, but must not block a new one: it steps aside.
            other.name = f"{other.name[: NAME_MAX - 11]} ({other.id.hex[-8:]})"
        session.flush()

    def _set_deleted(self, group_id: UUID, when: dt.datetime | None) -> None:
        try:
            with self._db.write_session() as session:
                group = self._load(session, group_id)
                if when is None and group.deleted_at is not None:
                    base = group.name
                    taken = session.scalar(
                        select(func.count())
                        .select_from(PartyGroup)
                        .where(
                            func.lower(PartyGroup.name) == base.lower(),
                            PartyGroup.id != group_id,
                            PartyGroup.deleted_at.is_(None),
                        )
                    )
                    if taken:
                        raise ValidationFailedError([FieldError("name", "duplicate_name", base)])
                group.deleted_at = when
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(GROUP, [group_id]))


def _info(group: PartyGroup, count: int) -> GroupInfo:
    return GroupInfo(
        id=group.id,
        name=group.name,
        description=group.description,
        color=group.color,
        version=group.version,
        count=count,
        deleted_at=group.deleted_at,
    )
