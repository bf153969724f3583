"""The domain pages: parties seen through one role (prospects, clients, members, partners,
suppliers, competitors, collaborators) with the columns that matter for it, computed in SQL;
and the role changes made from them: converting prospects into clients, ending or adding a role.

Built on the contacts list machinery: the same search backend, the same keyset paging
(`services.paging`), the same party aggregate (roles are rows of the party, version-checked).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, exists, func, literal, not_, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.db.textnorm import sort_key
from ekocrm_desktop.models.access import UserAccount
from ekocrm_desktop.models.domains import Deal, DealStatus, Team, TeamMember
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.party import Party, PartyRole, Tag, party_tag
from ekocrm_desktop.services import paging
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError, denied
from ekocrm_desktop.services.membership import dues_status_expression, paid_until_expression
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window

PARTY = "party"
ROLES = tuple(r.value for r in RoleKind)
#: Sort keys read from the role period itself.
PERIOD_SORTS = frozenset({"since", "until", "status", "category"})
#: Sort value of a missing date (sort keys are never NULL: keysets cannot compare NULLs).
EARLIEST = dt.date(1900, 1, 1)
LIST_SEPARATOR = "\x1f"


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class RoleQuery:
    """Filters of a domain page."""

    role: str
    text: str = ""
    status: str = ""
    category: str = ""
    tag: str | None = None
    city: str = ""
    #: False: parties holding the role today; True: former ones (held it, no longer do).
    former: bool = False
    #: Collaborators only: members of this team.
    team_id: UUID | None = None


@dataclasses.dataclass(frozen=True)
class RoleRow:
    """One line of a domain page: the party, its role (latest period) and the role's own columns."""

    id: UUID
    kind: str
    display_name: str
    organisation_name: str
    email: str
    phone: str
    city: str
    since: dt.date | None
    until: dt.date | None
    status: str
    category: str
    sort_key: SortKey
    #: Prospects: the source of their first deal.
    source: str = ""
    #: Clients: closing date of their first won deal, and the sum of their won deals.
    first_purchase: dt.date | None = None
    revenue: Decimal = Decimal("0")
    #: Members: dues status today and end of the last paid period.
    dues_status: str = ""
    paid_until: dt.date | None = None
    #: Collaborators: function, teams, login.
    function: str = ""
    teams: tuple[str, ...] = ()
    login: str = ""


@dataclasses.dataclass(frozen=True)
class RoleChange:
    """What a conversion (or role change) did, so it can be undone."""

    day: dt.date
    party_ids: tuple[UUID, ...]
    #: Parties skipped: not (or no longer) holding the role to end.
    skipped: tuple[UUID, ...] = ()


# ---------------------------------------------------------------------------- service
class DomainService:
    """Per-role lists and role changes (prospect → client)."""

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], dt.date] | None = None,
        due_soon_days: Callable[[], int] | None = None,
    ) -> None:
        self._db = db
        self._today = today or (lambda: db.clock().astimezone().date())
        self._due_soon_days = due_soon_days or (lambda: 30)
        self._search = search_backend(db.dialect)
        self._row_security: bool | None = None

    def today(self) -> dt.date:
        """The day roles are read for."""
        return self._today()

    # ------------------------------------------------------------------ lists
    def count(self, query: RoleQuery) -> int:
        """How many parties the page shows."""
        _check_role(query.role)
        today = self.today()
        with self._db.session() as session:
            self._prepare(session)
            stmt = self._filtered(select(func.count()).select_from(Party), query, today, counting=True)
            return int(session.execute(stmt).scalar_one())

    def page(self, query: RoleQuery, sort: str, descending: bool, request: PageRequest) -> list[RoleRow]:
        """One window of the page, in display order."""
        _check_role(query.role)
        today = self.today()
        # Sorted on the role period (current holders): the period is joined, one row each, so the
        # sort reads plain columns instead of a sub-query per holder (a 2 to 10 times faster first
        # page). Sorted on a party column, the page walks that column's index and reads the
        # period of the window's rows only.
        joined = not query.former and sort in PERIOD_SORTS
        period = aliased(PartyRole, name="period") if joined else None
        columns = self._columns(query.role, today, period)
        sort_column = columns["sort"].get(sort, Party.sort_name)
        base = select(
            Party.id,
            Party.kind,
            Party.display_name,
            Party.organisation_name,
            Party.primary_email,
            Party.primary_phone,
            Party.city,
            Party.job_title,
            *(expr.label(name) for name, expr in columns["show"].items()),
            sort_column.label("sort_value"),
        )
        if period is not None:
            later = aliased(PartyRole, name="later")
            base = base.join(period, and_(period.party_id == Party.id, *_current(period, query.role, today))).where(
                ~exists().where(
                    later.party_id == period.party_id,
                    *_current(later, query.role, today),
                    or_(later.since > period.since, and_(later.since == period.since, later.id > period.id)),
                )
            )
        stmt = self._filtered(base, query, today)
        with self._db.session() as session:
            self._prepare(session)
            rows = fetch_window(
                session, stmt, sort_column=sort_column, id_column=Party.id, descending=descending, request=request
            )
        result: list[RoleRow] = []
        for r in rows:
            values = r._mapping
            result.append(
                RoleRow(
                    id=r.id,
                    kind=r.kind,
                    display_name=r.display_name,
                    organisation_name=r.organisation_name or "",
                    email=r.primary_email,
                    phone=r.primary_phone,
                    city=r.city or "",
                    since=values["since"],
                    until=values["until"],
                    status=values["status"] or "",
                    category=values["category"] or "",
                    sort_key=(r.sort_value, r.id),
                    source=values.get("source") or "",
                    first_purchase=values.get("first_purchase"),
                    revenue=Decimal(values.get("revenue") or 0),
                    dues_status=values.get("dues_status") or "",
                    paid_until=values.get("paid_until"),
                    function=r.job_title or "",
                    teams=tuple(sorted(set(values["teams"].split(LIST_SEPARATOR)), key=str.casefold))
                    if values.get("teams")
                    else (),
                    login=values.get("login") or "",
                )
            )
        return result

    def statuses_in_use(self, role: str) -> list[str]:
        """Distinct states stored on a role (filters offer them beside the configured ones)."""
        return self._distinct(role, PartyRole.status)

    def categories_in_use(self, role: str) -> list[str]:
        """Distinct categories stored on a role."""
        return self._distinct(role, PartyRole.category)

    def role_history(self, party_id: UUID) -> list[tuple[str, dt.date, dt.date | None, str, str]]:
        """(role, since, until, status, category) of every role period of a party, oldest first."""
        with self._db.session() as session:
            rows = session.execute(
                select(PartyRole.role, PartyRole.since, PartyRole.until, PartyRole.status, PartyRole.category)
                .where(PartyRole.party_id == party_id)
                .order_by(PartyRole.since, PartyRole.role)
            ).all()
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    # ------------------------------------------------------------------ role changes
    def convert_to_clients(
        self, party_ids: Iterable[UUID], *, expected_versions: Mapping[UUID, int] | None = None
    ) -> RoleChange:
        """Turn prospects into clients by hand: each open prospect role ends today and a client role
        starts today with the prospect's category. One transaction; the role history keeps both."""

        def change(party: Party, day: dt.date) -> bool:
            return turn_into_client(party, day, only_prospects=True)

        return self._change_roles(party_ids, expected_versions, change)

    def undo_conversion(self, change: RoleChange) -> RoleChange:
        """Undo `convert_to_clients` done on `change.day`: the client role started that day goes,
        the prospect role ended that day opens again."""

        def undo(party: Party, _day: dt.date) -> bool:
            day = change.day
            clients = [r for r in party.roles if r.role == RoleKind.CLIENT.value and r.since == day]
            prospects = [r for r in party.roles if r.role == RoleKind.PROSPECT.value and r.until == day]
            if not prospects:
                return False
            for role in clients:
                party.roles.remove(role)
            for role in prospects:
                role.until = None
            return True

        return self._change_roles(change.party_ids, None, undo)

    def end_role(
        self,
        party_ids: Iterable[UUID],
        role: str,
        *,
        day: dt.date | None = None,
        expected_versions: Mapping[UUID, int] | None = None,
    ) -> RoleChange:
        """End a role for each party holding it: its last day is `day`, by default yesterday, so
        that the party no longer holds it today (a period that started today ends today)."""
        _check_role(role)

        def end(party: Party, today: dt.date) -> bool:
            last = day or today - dt.timedelta(days=1)
            open_roles = [r for r in party.roles if r.role == role and (r.until is None or r.until > last)]
            for r in open_roles:
                r.until = max(last, r.since)
            return bool(open_roles)

        return self._change_roles(party_ids, expected_versions, end)

    def add_role(
        self,
        party_ids: Iterable[UUID],
        role: str,
        *,
        since: dt.date | None = None,
        category: str = "",
        status: str = "",
        expected_versions: Mapping[UUID, int] | None = None,
    ) -> RoleChange:
        """Give a role from `since` (default today) to each party not already holding it."""
        _check_role(role)

        def add(party: Party, today: dt.date) -> bool:
            start = since or today
            if _open_roles(party, role, start):
                return False
            party.roles.append(PartyRole(role=role, since=start, category=category[:60], status=status[:60]))
            return True

        return self._change_roles(party_ids, expected_versions, add)

    # ------------------------------------------------------------------ internals
    def _change_roles(
        self,
        party_ids: Iterable[UUID],
        expected_versions: Mapping[UUID, int] | None,
        change: Callable[[Party, dt.date], bool],
    ) -> RoleChange:
        ids = list(dict.fromkeys(party_ids))
        day = self.today()
        changed: list[UUID] = []
        skipped: list[UUID] = []
        try:
            with self._db.write_session() as session:
                parties = {
                    p.id: p
                    for part in paging.slices(ids)  # a selection of any size (PostgreSQL: 65,535 parameters)
                    for p in session.scalars(
                        select(Party)
                        .where(Party.id.in_(part), Party.deleted_at.is_(None))
                        .options(selectinload(Party.roles))
                        .execution_options(populate_existing=True)
                    )
                }
                for party_id in ids:
                    party = parties.get(party_id)
                    if party is None:
                        raise NotFoundError(f"party {party_id} not found")
                    expected = (expected_versions or {}).get(party_id)
                    if expected is not None and party.version != expected:
                        raise ConflictError(party_id, expected_version=expected)
                    with session.no_autoflush:
                        done = change(party, day)
                    if done:
                        # The party's version moves: an editor open on it sees the change.
                        party.updated_at = self._db.clock()
                        changed.append(party_id)
                    else:
                        skipped.append(party_id)
                session.commit()
        except StaleDataError:
            raise ConflictError(None, expected_version=-1) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        if changed:
            self._db.announce(Changes.of(PARTY, changed))
        return RoleChange(day, tuple(changed), tuple(skipped))

    def _prepare(self, session: Session) -> None:
        if self._row_security is None:
            self._row_security = self._search.detect_row_security(session)

    def _distinct(self, role: str, column: Any) -> list[str]:
        with self._db.session() as session:
            values = session.scalars(
                select(column).where(PartyRole.role == role, column != "").distinct().order_by(column)
            )
            return list(values)

    def _filtered(self, stmt: AnySelect, query: RoleQuery, today: dt.date, *, counting: bool = False) -> AnySelect:
        stmt = stmt.where(Party.deleted_at.is_(None))
        current = _holds(query.role, today, counting=counting)
        if query.role == RoleKind.PROSPECT.value:
            # A prospect converted today still holds the role today (its last day): it is a client now.
            current = and_(current, not_(_holds(RoleKind.CLIENT.value, today, counting=counting)))
        if query.former:
            stmt = stmt.where(
                not_(current),
                exists().where(PartyRole.party_id == Party.id, PartyRole.role == query.role, PartyRole.until <= today),
            )
        else:
            stmt = stmt.where(current)
        if query.status or query.category:
            conditions: list[ColumnElement[bool]] = [PartyRole.party_id == Party.id, PartyRole.role == query.role]
            if not query.former:
                conditions += [PartyRole.since <= today, or_(PartyRole.until.is_(None), PartyRole.until >= today)]
            if query.status:
                conditions.append(PartyRole.status == query.status)
            if query.category:
                conditions.append(PartyRole.category == query.category)
            stmt = stmt.where(exists().where(*conditions))
        if query.tag:
            stmt = stmt.where(
                exists().where(
                    party_tag.c.party_id == Party.id,
                    party_tag.c.tag_id == Tag.id,
                    func.lower(Tag.name) == query.tag.lower(),
                )
            )
        if query.city.strip():
            stmt = stmt.where(Party.city_key == sort_key(query.city))
        if query.team_id is not None:
            stmt = stmt.where(exists().where(TeamMember.party_id == Party.id, TeamMember.team_id == query.team_id))
        return self._search.restrict(stmt, query.text)

    def _columns(self, role: str, today: dt.date, period: Any = None) -> dict[str, dict[str, Any]]:
        """Columns shown (name → SQL) and sortable (sort key → NOT NULL SQL) for a role's page;
        `period` is the joined current role period, if any."""

        def latest(column: Any) -> Any:
            # The role's latest period (the current one on the "active" page).
            return (
                select(column)
                .where(PartyRole.party_id == Party.id, PartyRole.role == role, PartyRole.since <= today)
                .order_by(PartyRole.since.desc(), PartyRole.id.desc())
                .limit(1)
                .correlate_except(PartyRole)
                .scalar_subquery()
            )

        if period is not None:
            since, until, status, category = period.since, period.until, period.status, period.category
        else:
            since, until = latest(PartyRole.since), latest(PartyRole.until)
            status, category = latest(PartyRole.status), latest(PartyRole.category)
        show: dict[str, Any] = {"since": since, "until": until, "status": status, "category": category}
        sort: dict[str, Any] = {
            "name": Party.sort_name,
            "city": Party.city_key,
            "organisation": Party.organisation_key,
            "email": Party.primary_email,
            "since": since if period is not None else func.coalesce(since, EARLIEST),
            "until": func.coalesce(until, EARLIEST),
            "status": status if period is not None else func.coalesce(status, ""),
            "category": category if period is not None else func.coalesce(category, ""),
        }
        if role == RoleKind.PROSPECT.value:
            show["source"] = (
                select(Deal.source)
                .where(Deal.party_id == Party.id, Deal.deleted_at.is_(None), Deal.source != "")
                .order_by(Deal.created_at, Deal.id)
                .limit(1)
                .correlate_except(Deal)
                .scalar_subquery()
            )
        elif role == RoleKind.CLIENT.value:
            won = and_(Deal.party_id == Party.id, Deal.status == DealStatus.WON.value, Deal.deleted_at.is_(None))
            first = select(func.min(Deal.closed_on)).where(won).correlate_except(Deal).scalar_subquery()
            revenue = select(func.sum(Deal.amount)).where(won).correlate_except(Deal).scalar_subquery()
            show["first_purchase"] = first
            show["revenue"] = revenue
            sort["first_purchase"] = func.coalesce(first, EARLIEST)
            sort["revenue"] = func.coalesce(revenue, literal(Decimal("0")))
        elif role == RoleKind.MEMBER.value:
            dues = dues_status_expression(Party.id, today, self._due_soon_days())
            paid = paid_until_expression(Party.id)
            show["dues_status"] = dues
            show["paid_until"] = paid
            sort["paid_until"] = func.coalesce(paid, EARLIEST)
            sort["dues_status"] = dues
        elif role == RoleKind.COLLABORATOR.value:
            show["teams"] = (
                select(func.aggregate_strings(Team.name, LIST_SEPARATOR))
                .select_from(TeamMember.__table__.join(Team.__table__, Team.id == TeamMember.team_id))
                .where(TeamMember.party_id == Party.id, Team.deleted_at.is_(None))
                .correlate_except(TeamMember, Team)
                .scalar_subquery()
            )
            show["login"] = (
                select(func.min(UserAccount.login))
                .where(UserAccount.party_id == Party.id)
                .correlate_except(UserAccount)
                .scalar_subquery()
            )
            sort["function"] = func.coalesce(Party.job_title, "")
        return {"show": show, "sort": sort}


def _holds(role: str, today: dt.date, *, counting: bool = False) -> ColumnElement[bool]:
    """The party holds `role` on `today`.

    Counting, an IN over the role's rows: the database starts from the (role, party_id) index
    and looks the holders up instead of probing every party (a count 3 to 100 times faster on
    SQLite). A page walks the sort index and stops after a window: a correlated EXISTS suits it.
    """
    period = (
        PartyRole.role == role,
        PartyRole.since <= today,
        or_(PartyRole.until.is_(None), PartyRole.until >= today),
    )
    if counting:
        return Party.id.in_(select(PartyRole.party_id).where(*period))
    return exists().where(PartyRole.party_id == Party.id, *period)


def _current(period: Any, role: str, today: dt.date) -> tuple[ColumnElement[bool], ...]:
    """Conditions for a (possibly aliased) role row to be a current period of `role`."""
    return (
        period.role == role,
        period.since <= today,
        or_(period.until.is_(None), period.until >= today),
    )


def turn_into_client(party: Party, day: dt.date, *, only_prospects: bool) -> bool:
    """End the party's prospect periods open on `day` and give it a client role from `day`, with the
    prospect's category; True when anything changed.

    Shared by the conversion by hand (`only_prospects`: someone who is no prospect is left alone)
    and by a won deal, which makes its client a client in any case. Done on the party's roles
    collection, so the caller's save bumps the party's version and records the history.
    """
    prospects = _open_roles(party, RoleKind.PROSPECT.value, day)
    if only_prospects and not prospects:
        return False
    for role in prospects:
        role.until = max(day, role.since)
    if _open_roles(party, RoleKind.CLIENT.value, day):
        return bool(prospects)
    latest = max(prospects, key=lambda r: r.since) if prospects else None
    party.roles.append(
        PartyRole(
            role=RoleKind.CLIENT.value,
            since=day,
            category=latest.category if latest else "",
            note=latest.note if latest else "",
        )
    )
    return True


def _open_roles(party: Party, role: str, day: dt.date) -> list[PartyRole]:
    """The party's periods of `role` still open on `day` (started, not ended before it)."""
    return [r for r in party.roles if r.role == role and r.since <= day and (r.until is None or r.until >= day)]


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationFailedError([FieldError("role", "required", role)])
