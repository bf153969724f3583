"""Teams of collaborators (by geography, product line, objective): name, kind, leader, members.

On a team database teams decide what "team" scope shows (`ekocrm_team_parties_of`), so only
administrators change them: the server refuses the others (GRANTs of revision 0009) and the
window hides the actions (`session.capabilities`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from uuid import UUID

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import Team, TeamKind, TeamMember
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.party import Party, PartyRole
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError, denied

TEAM = "team"
KINDS = tuple(k.value for k in TeamKind)


@dataclasses.dataclass(frozen=True)
class TeamDraft:
    """What the team form edits."""

    name: str
    kind: str = TeamKind.OTHER.value
    description: str = ""
    leader_id: UUID | None = None
    member_ids: tuple[UUID, ...] = ()


@dataclasses.dataclass(frozen=True)
class TeamMemberInfo:
    """A collaborator in a team."""

    party_id: UUID
    display_name: str


@dataclasses.dataclass(frozen=True)
class TeamInfo:
    """A stored team with its leader's name and its members."""

    id: UUID
    version: int
    name: str
    kind: str
    description: str
    leader_id: UUID | None
    leader_name: str
    members: tuple[TeamMemberInfo, ...]

    @property
    def member_count(self) -> int:
        """How many collaborators are in the team."""
        return len(self.members)

    @property
    def draft(self) -> TeamDraft:
        """The editable content."""
        return TeamDraft(
            self.name, self.kind, self.description, self.leader_id, tuple(m.party_id for m in self.members)
        )


@dataclasses.dataclass(frozen=True)
class CollaboratorChoice:
    """A collaborator offered as leader or member."""

    id: UUID
    display_name: str


class TeamService:
    """Create, change and delete teams of collaborators; optimistic locking on every change."""

    def __init__(self, db: Database, *, today: Callable[[], dt.date] | None = None) -> None:
        self._db = db
        self._today = today or (lambda: db.clock().astimezone().date())

    # ------------------------------------------------------------------ reads
    def teams(self) -> list[TeamInfo]:
        """Every team, by name, with its members."""
        with self._db.session() as session:
            rows = session.scalars(
                select(Team)
                .where(Team.deleted_at.is_(None))
                .options(selectinload(Team.members))
                .order_by(func.lower(Team.name))
            ).all()
            names = self._names(session, {p for t in rows for p in _party_ids(t)})
            return [_info(t, names) for t in rows]

    def get(self, team_id: UUID) -> TeamInfo:
        """One team; NotFoundError if it does not exist."""
        with self._db.session() as session:
            team = self._load(session, team_id)
            return _info(team, self._names(session, set(_party_ids(team))))

    def collaborators(self) -> list[CollaboratorChoice]:
        """Parties holding the collaborator role today, by name."""
        today = self._today()
        stmt = (
            select(Party.id, Party.display_name)
            .where(Party.deleted_at.is_(None), _is_collaborator(today))
            .order_by(Party.sort_name, Party.id)
        )
        with self._db.session() as session:
            return [CollaboratorChoice(r[0], r[1]) for r in session.execute(stmt)]

    def teams_of(self, party_id: UUID) -> list[str]:
        """Names of the teams a party is in."""
        with self._db.session() as session:
            return list(
                session.scalars(
                    select(Team.name)
                    .join(TeamMember, TeamMember.team_id == Team.id)
                    .where(TeamMember.party_id == party_id, Team.deleted_at.is_(None))
                    .order_by(Team.name)
                )
            )

    # ------------------------------------------------------------------ writes
    def create(self, draft: TeamDraft) -> TeamInfo:
        """A new team; ValidationFailedError when the draft is invalid (name taken, not collaborators)."""
        try:
            with self._db.write_session() as session:
                clean = self._validated(session, draft, None)
                team = Team(name=clean.name, kind=clean.kind, description=clean.description, leader_id=clean.leader_id)
                team.members = [TeamMember(party_id=p) for p in clean.member_ids]
                session.add(team)
                session.flush()
                info = _info(team, self._names(session, set(_party_ids(team))))
                session.commit()
        except IntegrityError:
            raise ValidationFailedError([FieldError("name", "duplicate", draft.name)]) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(TEAM, [info.id], "party"))
        return info

    def update(self, team_id: UUID, expected_version: int, draft: TeamDraft) -> TeamInfo:
        """Save a team loaded at `expected_version` (ConflictError with the current team otherwise)."""
        try:
            with self._db.write_session() as session:
                team = self._load(session, team_id)
                if team.version != expected_version:
                    raise ConflictError(
                        _info(team, self._names(session, set(_party_ids(team)))), expected_version=expected_version
                    )
                clean = self._validated(session, draft, team_id)
                team.name, team.kind, team.description = clean.name, clean.kind, clean.description
                team.leader_id = clean.leader_id
                wanted = list(clean.member_ids)
                keep = [m for m in team.members if m.party_id in wanted]
                have = {m.party_id for m in keep}
                team.members = keep + [TeamMember(party_id=p) for p in wanted if p not in have]
                # The version moves also when only members changed.
                team.updated_at = self._db.clock()
                session.flush()
                info = _info(team, self._names(session, set(_party_ids(team))))
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(team_id), expected_version=expected_version) from None
        except IntegrityError:
            raise ValidationFailedError([FieldError("name", "duplicate", draft.name)]) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(TEAM, [team_id], "party"))
        return info

    def add_members(self, team_id: UUID, expected_version: int, party_ids: Sequence[UUID]) -> TeamInfo:
        """Add collaborators to a team."""
        current = self.get(team_id)
        members = tuple(dict.fromkeys((*current.draft.member_ids, *party_ids)))
        return self.update(team_id, expected_version, dataclasses.replace(current.draft, member_ids=members))

    def remove_members(self, team_id: UUID, expected_version: int, party_ids: Sequence[UUID]) -> TeamInfo:
        """Take collaborators out of a team."""
        current = self.get(team_id)
        members = tuple(p for p in current.draft.member_ids if p not in set(party_ids))
        return self.update(team_id, expected_version, dataclasses.replace(current.draft, member_ids=members))

    def delete(self, team_id: UUID, expected_version: int) -> None:
        """Delete a team (its collaborators stay; only their membership of it goes)."""
        try:
            with self._db.write_session() as session:
                team = self._load(session, team_id)
                if team.version != expected_version:
                    raise ConflictError(_info(team, {}), expected_version=expected_version)
                session.delete(team)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(TEAM, [team_id], "party"))

    # ------------------------------------------------------------------ internals
    def _validated(self, session: Session, draft: TeamDraft, team_id: UUID | None) -> TeamDraft:
        errors: list[FieldError] = []
        name = " ".join(draft.name.split())
        if not name:
            errors.append(FieldError("name", "required"))
        elif len(name) > 120:
            errors.append(FieldError("name", "too_long", name[:40], {"max": 120}))
        else:
            # Compared in Python: SQLite's lower() leaves accented capitals as they are ("Équipe").
            others = session.execute(select(Team.id, Team.name)).all()
            if any(n.casefold() == name.casefold() and i != team_id for i, n in others):
                errors.append(FieldError("name", "duplicate", name))
        if draft.kind not in KINDS:
            errors.append(FieldError("kind", "required", draft.kind))
        members = tuple(dict.fromkeys(draft.member_ids))
        wanted = set(members) | ({draft.leader_id} if draft.leader_id else set())
        if wanted:
            today = self._today()
            ok = set(
                session.scalars(
                    select(Party.id).where(Party.id.in_(wanted), Party.deleted_at.is_(None), _is_collaborator(today))
                )
            )
            if draft.leader_id is not None and draft.leader_id not in ok:
                errors.append(FieldError("leader_id", "not_collaborator"))
            for i, party_id in enumerate(members):
                if party_id not in ok:
                    errors.append(FieldError(f"members.{i}", "not_collaborator"))
        if errors:
            raise ValidationFailedError(errors)
        return TeamDraft(name, draft.kind, draft.description.strip(), draft.leader_id, members)

    def _load(self, session: Session, team_id: UUID) -> Team:
        team = session.scalars(
            select(Team)
            .where(Team.id == team_id, Team.deleted_at.is_(None))
            .options(selectinload(Team.members))
            .execution_options(populate_existing=True)
        ).one_or_none()
        if team is None:
            raise NotFoundError(f"team {team_id} not found")
        return team

    def _names(self, session: Session, ids: set[UUID]) -> dict[UUID, tuple[str, str]]:
        if not ids:
            return {}
        rows = session.execute(select(Party.id, Party.display_name, Party.sort_name).where(Party.id.in_(ids)))
        return {r[0]: (r[1], r[2]) for r in rows}


def _is_collaborator(today: dt.date) -> ColumnElement[bool]:
    return exists().where(
        PartyRole.party_id == Party.id,
        PartyRole.role == RoleKind.COLLABORATOR.value,
        PartyRole.since <= today,
        or_(PartyRole.until.is_(None), PartyRole.until >= today),
    )


def _party_ids(team: Team) -> list[UUID]:
    ids = [m.party_id for m in team.members]
    if team.leader_id is not None:
        ids.append(team.leader_id)
    return ids


def _info(team: Team, names: dict[UUID, tuple[str, str]]) -> TeamInfo:
    # A member another login cannot see (row-level security) is still listed, without a name.
    members = sorted(
        (TeamMemberInfo(m.party_id, names.get(m.party_id, ("?", "?"))[0]) for m in team.members),
        key=lambda m: names.get(m.party_id, ("", ""))[1],
    )
    leader = names.get(team.leader_id, ("", ""))[0] if team.leader_id else ""
    return TeamInfo(
        id=team.id,
        version=team.version,
        name=team.name,
        kind=team.kind,
        description=team.description or "",
        leader_id=team.leader_id,
        leader_name=leader,
        members=tuple(members),
    )
