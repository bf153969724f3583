"""Demo agenda (issue 5, part B): a weekly team meeting, a monthly office meeting and
appointments this week for every collaborator, with the people they meet. Also feeds the agenda
benchmark (many collaborators, thousands of appointments in one week)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, inspect, select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyRole
from ekocrm_desktop.services.agenda import DEFAULT_TIME_ZONE, Recurrence, series_end, zone

SUBJECTS = (
    "Rendez-vous de présentation",
    "Visite sur site",
    "Point d'avancement",
    "Déjeuner client",
    "Signature du contrat",
    "Démonstration",
    "Entretien annuel",
    "Formation à l'outil",
)
PLACES = ("Bureau", "Chez le client", "Salle Rhône", "Visioconférence", "Café de la Gare", "Mairie")


def generate_agenda_demo(
    db: Database,
    *,
    per_collaborator: int = 6,
    seed: int = 2026,
    week_of: dt.date | None = None,
    collaborator_ids: Sequence[uuid.UUID] | None = None,
    time_zone: str = DEFAULT_TIME_ZONE,
) -> int:
    """Write the demo's agenda for the week of `week_of` (today); returns how many appointments were written."""
    with db.engine.connect() as conn:
        if "recurrence_rule" not in {c["name"] for c in inspect(conn).get_columns("activity")}:
            return 0
    rng = random.Random(seed)
    tz = zone(time_zone)
    now = db.clock().astimezone(dt.UTC).replace(second=0, microsecond=0)
    today = week_of or now.astimezone(tz).date()
    monday = today - dt.timedelta(days=today.weekday())
    with db.write_session() as session:
        if collaborator_ids is None:
            collaborators = list(
                dict.fromkeys(
                    session.scalars(
                        select(PartyRole.party_id)
                        .where(PartyRole.role == RoleKind.COLLABORATOR.value, PartyRole.until.is_(None))
                        .order_by(PartyRole.id)
                    )
                )
            )
        else:
            collaborators = list(collaborator_ids)
        people = list(
            session.scalars(
                select(Party.id)
                .where(Party.deleted_at.is_(None), Party.kind == "person", Party.id.not_in(collaborators))
                .order_by(Party.id)
                .limit(300)
            )
        )
        if not collaborators:
            return 0
        rows: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []

        def add(
            owner: uuid.UUID, subject: str, start: dt.datetime, minutes: int, linked: list[uuid.UUID], **more: Any
        ) -> None:
            activity_id = uuid7()
            starts = start.astimezone(dt.UTC)
            rows.append(
                {
                    "id": activity_id,
                    "type": "appointment",
                    "subject": subject,
                    "body": "",
                    "occurred_at": starts,
                    "starts_at": starts,
                    "ends_at": starts + dt.timedelta(minutes=minutes),
                    "place": more.get("place", rng.choice(PLACES)),
                    "duration_seconds": None,
                    "outcome": "",
                    "owner_id": owner,
                    "private": False,
                    "is_task": False,
                    "assignee_id": None,
                    "team_id": None,
                    "due_at": None,
                    "priority": "normal",
                    "status": "todo",
                    "done_at": None,
                    "recurrence_rule": more.get("rule", ""),
                    "recurrence_until": more.get("until"),
                    "time_zone": time_zone,
                    "ical_uid": None,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": db.actor,
                    "updated_by": db.actor,
                }
            )
            for party_id in dict.fromkeys(linked):
                links.append(
                    {
                        "id": uuid7(),
                        "activity_id": activity_id,
                        "party_id": party_id,
                        "deal_id": None,
                        "occurred_at": starts,
                        "created_at": now,
                        "updated_at": now,
                        "created_by": db.actor,
                        "updated_by": db.actor,
                    }
                )

        # The weekly team meeting (Monday 9:00, everyone attends) and the monthly office meeting,
        # both started a few weeks ago so the series are already running.
        first_monday = dt.datetime.combine(monday - dt.timedelta(weeks=4), dt.time(9), tz)
        weekly = Recurrence("weekly", weekdays=(0,)).to_rrule(tz)
        add(
            collaborators[0],
            "Réunion d'équipe",
            first_monday,
            60,
            collaborators[1:10],
            place="Salle Rhône",
            rule=weekly,
        )
        office = dt.datetime.combine(monday - dt.timedelta(weeks=8) + dt.timedelta(days=3), dt.time(18), tz)
        monthly = Recurrence("monthly", count=12).to_rrule(tz)
        add(
            collaborators[0],
            "Bureau de l'association",
            office,
            90,
            collaborators[1:4],
            place="Mairie",
            rule=monthly,
            until=series_end(monthly, office, tz),
        )
        for owner in collaborators:
            for _ in range(per_collaborator):
                day = monday + dt.timedelta(days=rng.randint(0, 4))
                start = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))), tz)
                linked = [rng.choice(people)] if people else []
                add(owner, rng.choice(SUBJECTS), start, rng.choice((30, 45, 60, 60, 90, 120)), linked)
        for chunk in range(0, len(rows), 2000):
            session.execute(insert(Activity), rows[chunk : chunk + 2000])
        for chunk in range(0, len(links), 2000):
            session.execute(insert(ActivityLink), links[chunk : chunk + 2000])
        session.commit()
    db.announce(Changes.of("activity"))
    return len(rows)


__all__ = ["generate_agenda_demo"]
