"""Shared set-up for the actions tests: people, collaborators, a team and a clock that tests advance."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import Team, TeamMember
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry

T0 = dt.datetime(2026, 3, 28, 9, 0, tzinfo=dt.UTC)  # a Saturday, the eve of the spring DST change in Paris


class Clock:
    """A clock the test moves by hand (forwards, or backwards like a corrected system time)."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now = self.now + dt.timedelta(**delta)
        return self.now


def person(db: Database, first: str, last: str, *, owner_id: UUID | None = None, collaborator: bool = False) -> UUID:
    roles = (RoleEntry("collaborator", dt.date(2020, 1, 1)),) if collaborator else ()
    draft = PartyDraft(first_name=first, last_name=last, owner_id=owner_id, roles=roles)
    return ContactService(db).create(draft).id


def organisation(db: Database, name: str) -> UUID:
    return ContactService(db).create(PartyDraft(kind="organisation", name=name)).id


def team(db: Database, name: str, members: list[UUID]) -> UUID:
    with db.write_session() as session:
        row = Team(name=name)
        session.add(row)
        session.flush()
        for member in members:
            session.add(TeamMember(team_id=row.id, party_id=member))
        session.commit()
        return row.id


def deal(db: Database, title: str, party_id: UUID | None = None) -> UUID:
    """A deal (the deals service is written in parallel: rows straight from the models)."""
    from ekocrm_desktop.models.domains import Deal, PipelineStage

    with db.write_session() as session:
        stage = PipelineStage(name="Qualification", position=1)
        session.add(stage)
        session.flush()
        row = Deal(title=title, party_id=party_id, stage_id=stage.id)
        session.add(row)
        session.commit()
        return row.id
