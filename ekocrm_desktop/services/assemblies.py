"""General assemblies and meetings: the assembly and its agenda, invitations from an audience,
answers (attending, absent, represented) and proxies with a maximum per holder, the quorum,
and the data behind convocation letters and the attendance sheet.

The quorum is counted from members up to date with dues on the assembly's day (or, for a
board meeting, from the invitees): those attending, plus those represented by a proxy holder
who attends. None of the association tools compared handles proxies or the quorum (mission
anchors §3.3).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, exists, func, insert, select, true, update
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.db.search import search_backend
from ekocrm_desktop.models.assemblies import AgendaItem, Assembly, AssemblyKind, AssemblyState, Invitation, Response
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.membership import MembershipType
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services import merge_fields as merge
from ekocrm_desktop.services.audience import Audience, audience_condition
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import (
    PAID_STATUSES,
    MailSend,
    MembershipService,
    OutgoingMail,
    Recipient,
    SendReport,
    dues_status_expression,
    latest_type_expression,
    local_today,
    members_condition,
    recipients,
)
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window

ASSEMBLY = "assembly"
INVITATION = "invitation"
KINDS = tuple(k.value for k in AssemblyKind)
STATES = tuple(s.value for s in AssemblyState)
RESPONSES = tuple(r.value for r in Response)
QUORUM_BASES = ("members", "invitees")
#: Merge fields of a convocation.
CONVOCATION_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "name",
    "title",
    "date",
    "time",
    "place",
    "organisation",
)


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class AgendaEntry:
    """One point of the agenda."""

    title: str
    description: str = ""


@dataclasses.dataclass(frozen=True)
class AssemblyDraft:
    """What the assembly form edits."""

    title: str
    starts_at: dt.datetime
    kind: str = AssemblyKind.GENERAL.value
    place: str = ""
    agenda: tuple[AgendaEntry, ...] = ()
    quorum_percent: Decimal = Decimal("25")
    quorum_base: str = "members"
    max_proxies: int = 2
    convocation: str = ""
    notes: str = ""
    state: str = AssemblyState.PLANNED.value


@dataclasses.dataclass(frozen=True)
class AssemblyInfo:
    """A stored assembly."""

    id: UUID
    version: int
    draft: AssemblyDraft
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None

    @property
    def title(self) -> str:
        """Its title."""
        return self.draft.title


@dataclasses.dataclass(frozen=True)
class AssemblyRow:
    """One line of the assemblies list."""

    id: UUID
    title: str
    kind: str
    state: str
    starts_at: dt.datetime
    place: str
    invited: int
    answered: int
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class InvitationQuery:
    """Filters of an assembly's invitees."""

    assembly_id: UUID
    text: str = ""
    response: str | None = None


@dataclasses.dataclass(frozen=True)
class InvitationRow:
    """One invitee."""

    id: UUID
    party_id: UUID
    display_name: str
    email: str
    dues_status: str
    type_name: str
    response: str
    proxy_holder_id: UUID | None
    proxy_holder_name: str
    proxies_held: int
    convocation_sent_at: dt.datetime | None
    convocation_channel: str
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class Quorum:
    """Where the quorum stands."""

    base: str
    #: Members up to date on the day (or invitees): what the percentage applies to.
    eligible: int
    percent: Decimal
    required: int
    present: int
    represented: int
    invited: int
    answers: dict[str, int]
    #: Attending or represented, but not counted (dues not up to date, or holder not attending).
    not_counted: int

    @property
    def counted(self) -> int:
        """Present plus represented, among those who count."""
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        """Whether enough members are present or represented."""
        return self.counted >= self.required

    @property
    def missing(self) -> int:
        """How many more are needed (0 when reached)."""
        return max(0, self.required - self.counted)


@dataclasses.dataclass(frozen=True)
class Convocation:
    """One convocation to print or send: the invitee and the merged text."""

    invitation_id: UUID
    recipient: Recipient
    subject: str
    body: str


@dataclasses.dataclass(frozen=True)
class AttendanceLine:
    """One line of the attendance sheet."""

    display_name: str
    type_name: str
    up_to_date: bool
    response: str
    represented_by: str
    proxies_from: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class AttendanceSheet:
    """Everything the attendance sheet prints."""

    assembly: AssemblyInfo
    organisation: str
    lines: tuple[AttendanceLine, ...]
    quorum: Quorum


# ---------------------------------------------------------------------------- service
class AssemblyService:
    """Use cases on assemblies, invitations, answers, proxies and the quorum."""

    def __init__(
        self,
        db: Database,
        *,
        membership: MembershipService | None = None,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        self._db = db
        self._today = today or local_today(db)
        self._membership = membership or MembershipService(db, today=self._today)
        self._search = search_backend(db.dialect)

    # ------------------------------------------------------------------ assemblies
    def new_draft(self) -> AssemblyDraft:
        """A new assembly with the workspace's defaults (quorum, proxies)."""
        settings = self._membership.settings()
        start = dt.datetime.combine(self._today() + dt.timedelta(days=30), dt.time(18, 0)).astimezone(dt.UTC)
        return AssemblyDraft(
            title="",
            starts_at=start,
            quorum_percent=settings.quorum_percent,
            max_proxies=settings.max_proxies,
        )

    def validate(self, draft: AssemblyDraft) -> tuple[AssemblyDraft, list[FieldError]]:
        """The draft normalised, and its problems."""
        errors: list[FieldError] = []
        title = " ".join(draft.title.split())
        if not title:
            errors.append(FieldError("title", "required"))
        elif len(title) > 200:
            errors.append(FieldError("title", "too_long", title[:40], {"max": 200}))
        if draft.starts_at.tzinfo is None:
            errors.append(FieldError("starts_at", "date_invalid"))
        if draft.kind not in KINDS:
            errors.append(FieldError("kind", "required"))
        if draft.state not in STATES:
            errors.append(FieldError("state", "required"))
        if draft.quorum_base not in QUORUM_BASES:
            errors.append(FieldError("quorum_base", "required"))
        try:
            percent = Decimal(draft.quorum_percent).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError, TypeError):
            percent = Decimal(-1)
        if not Decimal(0) <= percent <= Decimal(100):
            errors.append(
                FieldError("quorum_percent", "out_of_range", str(draft.quorum_percent), {"min": 0, "max": 100})
            )
            percent = Decimal(0)
        if not 0 <= draft.max_proxies <= 100:
            errors.append(FieldError("max_proxies", "out_of_range", str(draft.max_proxies), {"min": 0, "max": 100}))
        agenda: list[AgendaEntry] = []
        for index, item in enumerate(draft.agenda):
            text = " ".join(item.title.split())
            if not text:
                continue
            if len(text) > 250:
                errors.append(FieldError(f"agenda.{index}", "too_long", text[:40], {"max": 250}))
            agenda.append(AgendaEntry(text[:250], item.description.strip()))
        errors += merge.check_template(draft.convocation, CONVOCATION_FIELDS, field="convocation")
        clean = dataclasses.replace(
            draft,
            title=title,
            place=" ".join(draft.place.split())[:250],
            agenda=tuple(agenda),
            quorum_percent=percent,
            convocation=draft.convocation.strip(),
            notes=draft.notes.strip(),
        )
        return clean, errors

    def create(self, draft: AssemblyDraft) -> AssemblyInfo:
        """Create an assembly."""
        clean = self._validated(draft)
        with self._db.write_session() as session:
            row = Assembly()
            session.add(row)
            _apply(row, clean)
            session.flush()
            info = _info(row)
            session.commit()
        self._db.announce(Changes.of(ASSEMBLY, [info.id]))
        return info

    def update(self, assembly_id: UUID, expected_version: int, draft: AssemblyDraft) -> AssemblyInfo:
        """Save an assembly loaded at `expected_version`; ConflictError if someone saved it since."""
        clean = self._validated(draft)
        try:
            with self._db.write_session() as session:
                row = self._load(session, assembly_id)
                if row.version != expected_version:
                    raise ConflictError(_info(row), expected_version=expected_version)
                _apply(row, clean)
                row.updated_at = self._db.clock()  # the agenda is part of the assembly: its version moves
                session.flush()
                info = _info(row)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(assembly_id), expected_version=expected_version) from None
        self._db.announce(Changes.of(ASSEMBLY, [info.id]))
        return info

    def delete(self, assembly_id: UUID) -> None:
        """Move an assembly to the trash."""
        self._set_deleted(assembly_id, self._db.clock())

    def restore(self, assembly_id: UUID) -> None:
        """Bring an assembly back from the trash."""
        self._set_deleted(assembly_id, None)

    def _set_deleted(self, assembly_id: UUID, when: dt.datetime | None) -> None:
        with self._db.write_session() as session:
            self._load(session, assembly_id).deleted_at = when
            session.commit()
        self._db.announce(Changes.of(ASSEMBLY, [assembly_id]))

    def get(self, assembly_id: UUID) -> AssemblyInfo:
        """One assembly."""
        with self._db.session() as session:
            return _info(self._load(session, assembly_id))

    def count(self, text: str = "") -> int:
        """How many live assemblies match `text`."""
        stmt = select(func.count()).select_from(Assembly).where(Assembly.deleted_at.is_(None))
        stmt = _title_filter(stmt, text)
        with self._db.session() as session:
            return int(session.execute(stmt).scalar_one())

    def page(self, text: str, sort: str, descending: bool, request: PageRequest) -> list[AssemblyRow]:
        """One window of the assemblies list (sorted by date)."""
        invited = (
            select(func.count()).where(Invitation.assembly_id == Assembly.id).correlate(Assembly).scalar_subquery()
        )
        answered = (
            select(func.count())
            .where(Invitation.assembly_id == Assembly.id, Invitation.response != Response.PENDING.value)
            .correlate(Assembly)
            .scalar_subquery()
        )
        stmt = select(
            Assembly.id,
            Assembly.title,
            Assembly.kind,
            Assembly.state,
            Assembly.starts_at,
            Assembly.place,
            invited.label("invited"),
            answered.label("answered"),
        ).where(Assembly.deleted_at.is_(None))
        stmt = _title_filter(stmt, text)
        with self._db.session() as session:
            rows = fetch_window(
                session,
                stmt,
                sort_column=_column(Assembly.starts_at),
                id_column=Assembly.id,
                descending=descending,
                request=request,
            )
        return [
            AssemblyRow(
                r.id,
                r.title,
                r.kind,
                r.state,
                r.starts_at,
                r.place,
                int(r.invited),
                int(r.answered),
                (r.starts_at, r.id),
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ invitations
    def invite(self, assembly_id: UUID, audience: Audience) -> int:
        """Invite the audience (members by status and type, chosen people); returns how many were added.

        People already invited are left as they are (their answer is kept).
        """
        with self._db.write_session() as session:
            assembly = self._load(session, assembly_id)
            day = _local_day(assembly.starts_at)
            soon = self._membership.settings().due_soon_days
            already = exists().where(Invitation.assembly_id == assembly_id, Invitation.party_id == Party.id)
            found = session.execute(
                select(Party.id, Party.sort_name).where(audience_condition(audience, day, soon), ~already)
            ).all()
            now = self._db.clock()
            rows = [
                {
                    "id": uuid7(),
                    "assembly_id": assembly_id,
                    "party_id": party_id,
                    "response": Response.PENDING.value,
                    "proxy_holder_id": None,
                    "responded_at": None,
                    "convocation_sent_at": None,
                    "convocation_channel": "",
                    "sort_name": sort_name,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": self._db.actor,
                    "updated_by": self._db.actor,
                }
                for party_id, sort_name in found
            ]
            if rows:
                session.execute(insert(Invitation), rows)
            session.commit()
        self._db.announce(Changes.of(INVITATION, [assembly_id]))
        return len(rows)

    def uninvite(self, assembly_id: UUID, party_ids: Sequence[UUID]) -> int:
        """Remove invitees (their proxies given to others go with them); refused for a proxy holder."""
        with self._db.write_session() as session:
            holders = session.execute(
                select(Party.display_name)
                .join(Invitation, Invitation.proxy_holder_id == Party.id)
                .where(Invitation.assembly_id == assembly_id, Invitation.proxy_holder_id.in_(list(party_ids)))
                .limit(1)
            ).first()
            if holders is not None:
                raise ValidationFailedError([FieldError("party_id", "holds_proxies", holders[0], {"count": 1})])
            result = session.execute(
                delete(Invitation).where(
                    Invitation.assembly_id == assembly_id, Invitation.party_id.in_(list(party_ids))
                )
            )
            session.commit()
        self._db.announce(Changes.of(INVITATION, [assembly_id]))
        return int(getattr(result, "rowcount", 0) or 0)

    def respond(self, assembly_id: UUID, party_id: UUID, response: str, *, proxy_holder_id: UUID | None = None) -> None:
        """Record an invitee's answer; "represented" needs a proxy holder.

        Refused, with a message naming who and why: a holder who is not invited, is the invitee,
        is absent or represented, or already holds the maximum of proxies; and an invitee who
        holds proxies cannot become absent or represented.
        """
        if response not in RESPONSES:
            raise ValidationFailedError([FieldError("response", "required")])
        if response == Response.REPRESENTED.value and proxy_holder_id is None:
            raise ValidationFailedError([FieldError("proxy_holder", "required")])
        with self._db.write_session() as session:
            assembly = session.get(Assembly, assembly_id)
            if assembly is None:
                raise NotFoundError(f"assembly {assembly_id} not found")
            invitation = self._invitation(session, assembly_id, party_id)
            if response in (Response.ABSENT.value, Response.REPRESENTED.value):
                held = (
                    session.execute(
                        select(Party.display_name)
                        .join(Invitation, Invitation.party_id == Party.id)
                        .where(Invitation.assembly_id == assembly_id, Invitation.proxy_holder_id == party_id)
                        .order_by(Party.sort_name)
                    )
                    .scalars()
                    .all()
                )
                if held:
                    name = session.scalar(select(Party.display_name).where(Party.id == party_id)) or ""
                    raise ValidationFailedError(
                        [FieldError("response", "holds_proxies", name, {"count": len(held), "from": ", ".join(held)})]
                    )
            holder_id = proxy_holder_id if response == Response.REPRESENTED.value else None
            if holder_id is not None:
                self._check_holder(session, assembly, invitation, holder_id)
            invitation.response = response
            invitation.proxy_holder_id = holder_id
            invitation.responded_at = self._db.clock()
            session.commit()
        self._db.announce(Changes.of(INVITATION, [assembly_id, party_id]))

    def record_answers(
        self,
        assembly_id: UUID,
        answers: Sequence[tuple[UUID, str, UUID | None]],
        *,
        when: dt.datetime | None = None,
    ) -> None:
        """Write many answers at once (imports, demo data): (party, response, proxy holder).

        The whole set is checked first as `respond` checks one answer (holders invited and
        attending, at most `max_proxies` each); nothing is written if one is refused.
        """
        with self._db.write_session() as session:
            assembly = session.get(Assembly, assembly_id)
            if assembly is None:
                raise NotFoundError(f"assembly {assembly_id} not found")
            invited = set(session.scalars(select(Invitation.party_id).where(Invitation.assembly_id == assembly_id)))
            current = select(Invitation.party_id, Invitation.response).where(Invitation.assembly_id == assembly_id)
            final: dict[UUID, str] = {row[0]: row[1] for row in session.execute(current)}
            final.update({party: response for party, response, _holder in answers})
            held: dict[UUID, int] = {}
            for party, response, holder in answers:
                if response not in RESPONSES or party not in invited:
                    raise ValidationFailedError([FieldError("response", "required", str(party))])
                if response == Response.REPRESENTED.value:
                    if holder is None or holder == party or holder not in invited:
                        raise ValidationFailedError([FieldError("proxy_holder", "proxy_not_invited", str(holder))])
                    if final.get(holder) in (Response.ABSENT.value, Response.REPRESENTED.value):
                        raise ValidationFailedError([FieldError("proxy_holder", "proxy_holder_away", str(holder))])
                    held[holder] = held.get(holder, 0) + 1
                    if held[holder] > assembly.max_proxies:
                        raise ValidationFailedError(
                            [FieldError("proxy_holder", "proxy_limit", str(holder), {"max": assembly.max_proxies})]
                        )
            stamp = when or self._db.clock()
            pairs = select(Invitation.party_id, Invitation.id).where(Invitation.assembly_id == assembly_id)
            ids: dict[UUID, UUID] = {row[0]: row[1] for row in session.execute(pairs)}
            # ORM bulk UPDATE by primary key: one executemany.
            session.execute(
                update(Invitation),
                [
                    {
                        "id": ids[party],
                        "response": response,
                        "proxy_holder_id": holder if response == Response.REPRESENTED.value else None,
                        "responded_at": stamp,
                        "updated_at": stamp,
                        "updated_by": self._db.actor,
                    }
                    for party, response, holder in answers
                ],
            )
            session.commit()
        self._db.announce(Changes.of(INVITATION, [assembly_id]))

    def _check_holder(self, session: Session, assembly: Assembly, invitation: Invitation, holder_id: UUID) -> None:
        if holder_id == invitation.party_id:
            raise ValidationFailedError([FieldError("proxy_holder", "proxy_self")])
        holder_query = select(Invitation).where(Invitation.assembly_id == assembly.id, Invitation.party_id == holder_id)
        if self._db.dialect == "postgresql":
            # Two desktops giving proxies to the same holder queue here, so the count below is exact.
            holder_query = holder_query.with_for_update()
        holder = session.scalars(holder_query).one_or_none()
        holder_name = session.scalar(select(Party.display_name).where(Party.id == holder_id)) or ""
        if holder is None:
            raise ValidationFailedError([FieldError("proxy_holder", "proxy_not_invited", holder_name)])
        if holder.response in (Response.ABSENT.value, Response.REPRESENTED.value):
            raise ValidationFailedError(
                [FieldError("proxy_holder", "proxy_holder_away", holder_name, {"response": holder.response})]
            )
        held = session.scalar(
            select(func.count()).where(
                Invitation.assembly_id == assembly.id,
                Invitation.proxy_holder_id == holder_id,
                Invitation.id != invitation.id,
            )
        )
        if int(held or 0) >= assembly.max_proxies:
            raise ValidationFailedError(
                [FieldError("proxy_holder", "proxy_limit", holder_name, {"max": assembly.max_proxies})]
            )

    def invitation(self, assembly_id: UUID, party_id: UUID) -> InvitationRow:
        """One invitee."""
        query = InvitationQuery(assembly_id)
        with self._db.session() as session:
            assembly = self._load(session, assembly_id)
            stmt = self._invitation_select(assembly, query).where(Invitation.party_id == party_id)
            row = session.execute(stmt).first()
            if row is None:
                raise NotFoundError("not invited")
            return _invitation_row(row)

    def count_invitations(self, query: InvitationQuery) -> int:
        """How many invitees match."""
        with self._db.session() as session:
            stmt = self._invitation_filter(
                select(func.count()).select_from(Invitation).join(Party, Party.id == Invitation.party_id), query
            )
            return int(session.execute(stmt).scalar_one())

    def invitations(
        self, query: InvitationQuery, sort: str, descending: bool, request: PageRequest
    ) -> list[InvitationRow]:
        """One window of an assembly's invitees, by name."""
        with self._db.session() as session:
            assembly = self._load(session, query.assembly_id)
            stmt = self._invitation_select(assembly, query)
            rows = fetch_window(
                session,
                stmt,
                sort_column=_column(Invitation.sort_name),
                id_column=Invitation.id,
                descending=descending,
                request=request,
            )
            return [_invitation_row(r) for r in rows]

    def _invitation_filter(self, stmt: AnySelect, query: InvitationQuery) -> AnySelect:
        stmt = stmt.where(Invitation.assembly_id == query.assembly_id)
        if query.response:
            stmt = stmt.where(Invitation.response == query.response)
        return self._search.restrict(stmt, query.text)

    def _invitation_select(self, assembly: Assembly, query: InvitationQuery) -> AnySelect:
        day = _local_day(assembly.starts_at)
        soon = self._membership.settings().due_soon_days
        holder = aliased(Party)
        given = aliased(Invitation)
        proxies = (
            select(func.count())
            .where(given.assembly_id == Invitation.assembly_id, given.proxy_holder_id == Invitation.party_id)
            .scalar_subquery()
        )
        type_name = (
            select(MembershipType.name).where(MembershipType.id == latest_type_expression(Party.id)).scalar_subquery()
        )
        stmt = (
            select(
                Invitation.id,
                Invitation.party_id,
                Party.display_name,
                Party.primary_email,
                dues_status_expression(Party.id, day, soon).label("dues_status"),
                type_name.label("type_name"),
                Invitation.response,
                Invitation.proxy_holder_id,
                holder.display_name.label("holder_name"),
                proxies.label("proxies_held"),
                Invitation.convocation_sent_at,
                Invitation.convocation_channel,
                Invitation.sort_name,
            )
            .join(Party, Party.id == Invitation.party_id)
            .outerjoin(holder, holder.id == Invitation.proxy_holder_id)
        )
        return self._invitation_filter(stmt, query)

    # ------------------------------------------------------------------ quorum
    def quorum(self, assembly_id: UUID) -> Quorum:
        """Where the quorum stands for an assembly, counted on its day."""
        with self._db.session() as session:
            assembly = self._load(session, assembly_id)
            day = _local_day(assembly.starts_at)
            soon = self._membership.settings().due_soon_days
            by_members = assembly.quorum_base == "members"
            if by_members:
                eligible = int(
                    session.scalar(select(func.count()).where(members_condition(Party.id, day, soon, PAID_STATUSES)))
                    or 0
                )
                counts: ColumnElement[bool] = dues_status_expression(Invitation.party_id, day, soon).in_(PAID_STATUSES)
            else:
                eligible = int(session.scalar(select(func.count()).where(Invitation.assembly_id == assembly_id)) or 0)
                counts = true()
            holder = aliased(Invitation)
            holder_attends = exists().where(
                holder.assembly_id == Invitation.assembly_id,
                holder.party_id == Invitation.proxy_holder_id,
                holder.response == Response.ATTENDING.value,
            )
            mine = Invitation.assembly_id == assembly_id
            attending = Invitation.response == Response.ATTENDING.value
            represented = Invitation.response == Response.REPRESENTED.value
            present = int(session.scalar(select(func.count()).where(mine, attending, counts)) or 0)
            represented_ok = int(
                session.scalar(select(func.count()).where(mine, represented, counts, holder_attends)) or 0
            )
            answers = dict.fromkeys(RESPONSES, 0)
            for response, count in session.execute(
                select(Invitation.response, func.count()).where(mine).group_by(Invitation.response)
            ):
                answers[str(response)] = int(count)
            percent = assembly.quorum_percent
        invited = sum(answers.values())
        required = math.ceil(Decimal(eligible) * percent / Decimal(100))
        not_counted = answers[Response.ATTENDING.value] + answers[Response.REPRESENTED.value] - present - represented_ok
        return Quorum(
            base=assembly.quorum_base,
            eligible=eligible,
            percent=percent,
            required=required,
            present=present,
            represented=represented_ok,
            invited=invited,
            answers=answers,
            not_counted=not_counted,
        )

    # ------------------------------------------------------------------ documents
    def convocations(
        self,
        assembly_id: UUID,
        *,
        party_ids: Sequence[UUID] | None = None,
        only_not_sent: bool = False,
        organisation: str = "",
        locale: str = "fr_FR",
        time_text: Callable[[dt.datetime], str] | None = None,
    ) -> list[Convocation]:
        """The convocations of an assembly's invitees (or of some of them), texts merged, by name."""
        with self._db.session() as session:
            assembly = self._load(session, assembly_id)
            stmt = select(Invitation.id, Invitation.party_id).where(Invitation.assembly_id == assembly_id)
            if party_ids is not None:
                stmt = stmt.where(Invitation.party_id.in_(list(party_ids)))
            if only_not_sent:
                stmt = stmt.where(Invitation.convocation_sent_at.is_(None))
            found = session.execute(stmt.order_by(Invitation.sort_name, Invitation.id)).all()
            people = recipients(session, [party for _i, party in found])
            info = _info(assembly)
        local = info.draft.starts_at.astimezone()
        clock = time_text(info.draft.starts_at) if time_text else local.strftime("%H:%M")
        result = []
        for invitation_id, party_id in found:
            person = people[party_id]
            values: dict[str, merge.MergeValue] = {
                "civility": person.civility,
                "first_name": person.first_name,
                "last_name": person.last_name or person.display_name,
                "name": person.display_name,
                "title": info.draft.title,
                "date": local.date(),
                "time": clock,
                "place": info.draft.place,
                "organisation": organisation,
            }
            result.append(
                Convocation(
                    invitation_id=invitation_id,
                    recipient=person,
                    subject=info.draft.title,
                    body=merge.render(info.draft.convocation, values, locale=locale),
                )
            )
        return result

    def mark_convoked(self, invitation_ids: Sequence[UUID], channel: str) -> None:
        """Record that these convocations went out (by "letter" or "email")."""
        now = self._db.clock()
        with self._db.write_session() as session:
            for start in range(0, len(invitation_ids), 500):
                session.execute(
                    update(Invitation)
                    .where(Invitation.id.in_(list(invitation_ids[start : start + 500])))
                    .values(
                        convocation_sent_at=now, convocation_channel=channel, updated_at=now, updated_by=self._db.actor
                    )
                )
            session.commit()
        self._db.announce(Changes.of(INVITATION, invitation_ids))

    def send_convocations(
        self,
        convocations: Sequence[Convocation],
        send: MailSend,
        *,
        agenda_title: str = "Agenda",
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """E-mail convocations (text and agenda), one per invitee with an address.

        Each is claimed first (marked sent by e-mail if not yet sent), so two desktops, or a
        second run after an interruption, never send one twice; a refusal by the server gives
        the claim back and is reported. Invitees without an address get a letter instead.
        """
        sent = failed = skipped = 0
        errors: list[str] = []
        agendas: dict[UUID, str] = {}
        for index, convocation in enumerate(convocations):
            if cancelled():
                break
            if not convocation.recipient.email or not self._claim_convocation(convocation.invitation_id):
                skipped += 1
                continue
            body = convocation.body + self._agenda_text(convocation.invitation_id, agenda_title, agendas)
            mail = OutgoingMail(convocation.recipient.email, convocation.subject, body, convocation.recipient.party_id)
            try:
                send(mail)
            except Exception as exc:  # reported; this invitee stays to convoke
                failed += 1
                errors.append(f"{convocation.recipient.display_name}: {exc}")
                self._release_convocation(convocation.invitation_id)
            else:
                sent += 1
            if progress is not None:
                progress(index + 1, len(convocations))
        self._db.announce(Changes.of(INVITATION, [c.invitation_id for c in convocations]))
        return SendReport(sent, failed, skipped, tuple(errors))

    def _agenda_text(self, invitation_id: UUID, title: str, cache: dict[UUID, str]) -> str:
        with self._db.session() as session:
            assembly_id = session.scalar(select(Invitation.assembly_id).where(Invitation.id == invitation_id))
            if assembly_id is None:
                return ""
            if assembly_id not in cache:
                items = session.scalars(
                    select(AgendaItem.title).where(AgendaItem.assembly_id == assembly_id).order_by(AgendaItem.position)
                ).all()
                lines = "\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))
                cache[assembly_id] = f"\n\n{title}\n{lines}" if items else ""
        return cache[assembly_id]

    def _claim_convocation(self, invitation_id: UUID) -> bool:
        now = self._db.clock()
        with self._db.write_session() as session:
            taken = session.execute(
                update(Invitation)
                .where(Invitation.id == invitation_id, Invitation.convocation_sent_at.is_(None))
                .values(convocation_sent_at=now, convocation_channel="email", updated_at=now, updated_by=self._db.actor)
                .returning(Invitation.id)
            ).first()
            session.commit()
        return taken is not None

    def _release_convocation(self, invitation_id: UUID) -> None:
        with self._db.write_session() as session:
            session.execute(
                update(Invitation)
                .where(Invitation.id == invitation_id)
                .values(convocation_sent_at=None, convocation_channel="")
            )
            session.commit()

    def attendance_sheet(self, assembly_id: UUID) -> AttendanceSheet:
        """Everyone invited, by name, with dues, answer and proxies, and the quorum."""
        quorum = self.quorum(assembly_id)
        info = self.get(assembly_id)
        query = InvitationQuery(assembly_id)
        total = self.count_invitations(query)
        rows = self.invitations(query, "name", False, PageRequest(0, max(total, 1), total))
        given: dict[UUID, list[str]] = {}
        for row in rows:
            if row.proxy_holder_id is not None:
                given.setdefault(row.proxy_holder_id, []).append(row.display_name)
        lines = tuple(
            AttendanceLine(
                display_name=row.display_name,
                type_name=row.type_name or "",
                up_to_date=row.dues_status in PAID_STATUSES,
                response=row.response,
                represented_by=row.proxy_holder_name,
                proxies_from=tuple(given.get(row.party_id, ())),
            )
            for row in rows
        )
        organisation = self._membership.settings().organisation_name
        return AttendanceSheet(assembly=info, organisation=organisation, lines=lines, quorum=quorum)

    # ------------------------------------------------------------------ internals
    def _validated(self, draft: AssemblyDraft) -> AssemblyDraft:
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        return clean

    def _load(self, session: Session, assembly_id: UUID) -> Assembly:
        row = session.scalars(
            select(Assembly)
            .where(Assembly.id == assembly_id)
            .options(selectinload(Assembly.agenda))
            .execution_options(populate_existing=True)
        ).one_or_none()
        if row is None:
            raise NotFoundError(f"assembly {assembly_id} not found")
        return row

    def _invitation(self, session: Session, assembly_id: UUID, party_id: UUID) -> Invitation:
        row = session.scalars(
            select(Invitation).where(Invitation.assembly_id == assembly_id, Invitation.party_id == party_id)
        ).one_or_none()
        if row is None:
            name = session.scalar(select(Party.display_name).where(Party.id == party_id)) or ""
            raise ValidationFailedError([FieldError("party_id", "not_invited", name)])
        return row


# ---------------------------------------------------------------------------- helpers
def _column(attribute: Any) -> Any:
    """An ORM attribute where a column expression is expected (typing only)."""
    return attribute


def _local_day(when: dt.datetime) -> dt.date:
    """The calendar day of a UTC instant in this computer's time zone."""
    return when.astimezone().date()


def _title_filter(stmt: AnySelect, text: str) -> AnySelect:
    words = [w for w in text.casefold().split() if w]
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(func.lower(Assembly.title).like(f"%{escaped}%", escape="\\"))
    return stmt


def _apply(row: Assembly, draft: AssemblyDraft) -> None:
    row.title = draft.title
    row.kind = draft.kind
    row.state = draft.state
    row.starts_at = draft.starts_at
    row.place = draft.place
    row.quorum_percent = draft.quorum_percent
    row.quorum_base = draft.quorum_base
    row.max_proxies = draft.max_proxies
    row.convocation = draft.convocation
    row.notes = draft.notes
    row.agenda = [
        AgendaItem(position=index, title=item.title, description=item.description)
        for index, item in enumerate(draft.agenda)
    ]


def _info(row: Assembly) -> AssemblyInfo:
    return AssemblyInfo(
        id=row.id,
        version=row.version,
        draft=AssemblyDraft(
            title=row.title,
            starts_at=row.starts_at,
            kind=row.kind,
            place=row.place,
            agenda=tuple(AgendaEntry(a.title, a.description) for a in row.agenda),
            quorum_percent=row.quorum_percent,
            quorum_base=row.quorum_base,
            max_proxies=row.max_proxies,
            convocation=row.convocation,
            notes=row.notes,
            state=row.state,
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
    )


def _invitation_row(r: Any) -> InvitationRow:
    return InvitationRow(
        id=r.id,
        party_id=r.party_id,
        display_name=r.display_name,
        email=r.primary_email,
        dues_status=r.dues_status,
        type_name=r.type_name or "",
        response=r.response,
        proxy_holder_id=r.proxy_holder_id,
        proxy_holder_name=r.holder_name or "",
        proxies_held=int(r.proxies_held or 0),
        convocation_sent_at=r.convocation_sent_at,
        convocation_channel=r.convocation_channel,
        sort_key=(r.sort_name, r.id),
    )
