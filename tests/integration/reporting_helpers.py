"""Generated data for the reports tests: collaborators, a team, activities in November 2026 and
October 2026 (the previous period), tasks, deals and members, inserted in bulk (Core inserts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal
from uuid import UUID

from sqlalchemy import insert

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.domains import Deal, PipelineStage
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.reports.base import Formatter
from ekocrm_desktop.services.reporting import ACTIVITY_TYPES
from tests.integration.actions_helpers import organisation, person, team

NOW = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
FR = Formatter()


@dataclasses.dataclass
class Seeded:
    """Who and what the generated data holds."""

    alice: UUID
    bruno: UUID
    chloe: UUID
    team_id: UUID
    client: UUID
    stages: list[UUID]
    deal_id: UUID


def seed_people(db: Database) -> Seeded:
    """Three collaborators (Alice and Bruno in the team « Ventes Lyon »), a client, a pipeline, a deal."""
    alice = person(db, "Alice", "Martin", collaborator=True)
    bruno = person(db, "Bruno", "Lefèvre", collaborator=True)
    chloe = person(db, "Chloé", "Durand", collaborator=True)
    team_id = team(db, "Ventes Lyon", [alice, bruno])
    client = organisation(db, "Société Générale de Café")
    stages = []
    with db.write_session() as session:
        for position, (name, probability) in enumerate(
            (("Qualification", 20), ("Proposition", 50), ("Négociation", 80))
        ):
            stage = PipelineStage(name=name, position=position, probability=probability)
            session.add(stage)
            session.flush()
            stages.append(stage.id)
        session.add_all(
            [
                PipelineStage(name="Gagnée", position=10, probability=100, is_won=True),
                PipelineStage(name="Perdue", position=11, probability=0, is_lost=True),
            ]
        )
        deal = Deal(
            title="Machines à café Lyon",
            party_id=client,
            owner_id=alice,
            stage_id=stages[1],
            amount=Decimal("12345.50"),
            probability=50,
        )
        session.add(deal)
        session.commit()
        deal_id = deal.id
    return Seeded(alice, bruno, chloe, team_id, client, stages, deal_id)


def add_activities(db: Database, seeded: Seeded, count: int, start: dt.date, end: dt.date, *, seed: int = 7) -> None:
    """`count` activities spread over [start, end] (local office hours), by the three collaborators."""
    rng = random.Random(seed)
    owners = [seeded.alice, seeded.bruno, seeded.chloe]
    days = (end - start).days + 1
    rows = []
    links = []
    for index in range(count):
        day = start + dt.timedelta(days=rng.randrange(days))
        # 07:00–17:00 UTC is inside the local day in Paris, whatever the season.
        at = dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)), tzinfo=dt.UTC)
        activity_id = uuid7()
        rows.append(
            {
                "id": activity_id,
                "type": rng.choice(ACTIVITY_TYPES),
                "subject": f"Échange n°{index} à propos du café",
                "body": "",
                "occurred_at": at,
                "owner_id": owners[index % 3],
                "created_at": NOW,
                "updated_at": NOW,
                "version": 1,
                "place": "",
                "outcome": "",
                "priority": "normal",
                "status": "todo",
                "private": False,
                "is_task": False,
            }
        )
        links.append(
            {
                "id": uuid7(),
                "activity_id": activity_id,
                "party_id": seeded.client,
                "occurred_at": at,
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
        if index % 5 == 0:
            links.append(
                {
                    "id": uuid7(),
                    "activity_id": activity_id,
                    "deal_id": seeded.deal_id,
                    "occurred_at": at,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
    with db.write_session() as session:
        for chunk in range(0, len(rows), 1000):
            session.execute(insert(Activity), rows[chunk : chunk + 1000])
        for chunk in range(0, len(links), 1000):
            session.execute(insert(ActivityLink), links[chunk : chunk + 1000])
        session.commit()
