"""Demo actions (issue 5): a few hundred activities by the collaborators with the demo people
(calls, e-mails, appointments, notes over the last months), and open tasks, a few overdue and
some due today, with alerts, so the Tasks page, the timelines and the bell have something to show.

Written with bulk INSERTs in one transaction (no per-row history: it is the demo's starting state).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from sqlalchemy import insert, inspect, select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink, Alert, AlertState
from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyRole

SUBJECTS = {
    "call_out": [
        "Relance du devis",
        "Prise de nouvelles",
        "Confirmation du rendez-vous",
        "Proposition de formation",
        "Suivi de la commande",
    ],
    "call_in": ["Question sur la facture", "Demande d'information", "Inscription à l'atelier", "Rappel demandé"],
    "email_out": ["Envoi du devis", "Programme de la formation", "Compte rendu de réunion", "Convention à signer"],
    "email_in": ["Re: devis", "Demande de tarifs", "Disponibilités", "Re: programme"],
    "sms": ["Rappel du rendez-vous demain", "Merci pour votre appel"],
    "appointment": ["Rendez-vous de présentation", "Réunion de suivi", "Formation sur site", "Visite des locaux"],
    "note": [
        "Préfère être appelé(e) le matin",
        "Budget voté en mars",
        "Intéressé(e) par le bénévolat",
        "Nouveau directeur à partir de septembre",
    ],
}
PLACES = ["Lyon 3e", "Villeurbanne", "Visioconférence", "Au bureau", "Vienne", "Saint-Étienne"]
OUTCOMES = ["reached", "reached", "reached", "voicemail", "no_answer", "busy"]
TASKS = [
    ("call_out", "Rappeler pour le devis"),
    ("email_out", "Envoyer la documentation"),
    ("call_out", "Relancer l'adhésion"),
    ("note", "Préparer le rendez-vous"),
    ("note", "Mettre à jour la fiche"),
    ("call_out", "Proposer la formation de printemps"),
]


def generate_actions_demo(db: Database, *, activities: int = 400, tasks: int = 40, seed: int = 2026) -> int:
    """Write the demo's activities and tasks; returns how many activities were written."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("activity"):
            # A file at an older schema (tests build the data "the app of that time" wrote).
            return 0
    rng = random.Random(seed)
    now = db.clock().astimezone(dt.UTC).replace(second=0, microsecond=0)
    with db.write_session() as session:
        collaborators = list(
            session.scalars(
                select(PartyRole.party_id).where(PartyRole.role == RoleKind.COLLABORATOR.value).order_by(PartyRole.id)
            )
        )
        live = (Party.deleted_at.is_(None), Party.id.not_in(collaborators))
        # Mostly people, some organisations (the demo writes organisations first).
        people = list(
            session.scalars(select(Party.id).where(*live, Party.kind == "person").order_by(Party.id).limit(300))
        )
        people += list(
            session.scalars(
                select(Party.id).where(*live, Party.kind == "organisation").order_by(Party.id.desc()).limit(60)
            )
        )
        if not collaborators or not people:
            return 0
        rows: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        alerts: list[dict[str, Any]] = []

        def add(values: dict[str, Any], linked: list[uuid.UUID]) -> uuid.UUID:
            activity_id = uuid7()
            base = {
                "id": activity_id,
                "body": "",
                "starts_at": None,
                "ends_at": None,
                "place": "",
                "duration_seconds": None,
                "outcome": "",
                "private": False,
                "is_task": False,
                "assignee_id": None,
                "team_id": None,
                "due_at": None,
                "priority": "normal",
                "status": "todo",
                "done_at": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "created_by": db.actor,
                "updated_by": db.actor,
            }
            base.update(values)
            rows.append(base)
            for party_id in linked:
                links.append(
                    {
                        "id": uuid7(),
                        "activity_id": activity_id,
                        "party_id": party_id,
                        "deal_id": None,
                        "occurred_at": base["occurred_at"],
                        "created_at": now,
                        "updated_at": now,
                        "created_by": db.actor,
                        "updated_by": db.actor,
                    }
                )
            return activity_id

        for _ in range(activities):
            kind = rng.choices(list(SUBJECTS), weights=(30, 15, 15, 10, 5, 12, 13))[0]
            when = office_hours(now - dt.timedelta(days=rng.randint(1, 240)), rng)
            values: dict[str, Any] = {
                "type": kind,
                "subject": rng.choice(SUBJECTS[kind]),
                "occurred_at": when,
                "owner_id": rng.choice(collaborators),
            }
            if kind in ("call_in", "call_out"):
                values["duration_seconds"] = rng.randint(30, 1500)
                values["outcome"] = rng.choice(OUTCOMES)
            elif kind == "appointment":
                values["starts_at"] = when
                values["ends_at"] = when + dt.timedelta(hours=rng.choice((1, 1, 2)))
                values["place"] = rng.choice(PLACES)
            linked = [rng.choice(people)]
            if rng.random() < 0.15:
                linked.append(rng.choice(people))
            add(values, list(dict.fromkeys(linked)))

        for index in range(tasks):
            kind, subject = rng.choice(TASKS)
            if index < 5:
                due = office_hours(now - dt.timedelta(days=rng.randint(1, 6)), rng)  # overdue
            elif index < 12:
                local = now.astimezone()
                due = local.replace(hour=rng.choice((10, 14, 16, 17)), minute=0).astimezone(dt.UTC)  # today
            else:
                due = office_hours(now + dt.timedelta(days=rng.randint(1, 20)), rng)
            assignee = rng.choice(collaborators)
            activity_id = add(
                {
                    "type": kind,
                    "subject": subject,
                    "occurred_at": due,
                    "owner_id": assignee,
                    "is_task": True,
                    "assignee_id": assignee,
                    "due_at": due,
                    "priority": rng.choice(("low", "normal", "normal", "high")),
                },
                [rng.choice(people)],
            )
            if index % 2 == 0:
                fire_at = due - dt.timedelta(minutes=15)
                alerts.append(
                    {
                        "id": uuid7(),
                        "activity_id": activity_id,
                        "recipient_id": assignee,
                        "fire_at": fire_at,
                        "offset_minutes": 15,
                        "next_fire_at": fire_at,
                        "snoozed_until": None,
                        "state": AlertState.PENDING.value,
                        "occurrence": 1,
                        "created_at": now,
                        "updated_at": now,
                        "created_by": db.actor,
                        "updated_by": db.actor,
                    }
                )
        session.execute(insert(Activity), rows)
        session.execute(insert(ActivityLink), links)
        if alerts:
            session.execute(insert(Alert), alerts)
        session.commit()
    db.announce(Changes.of("activity", (), "alert"))
    return len(rows)


def office_hours(day: dt.datetime, rng: random.Random) -> dt.datetime:
    """A time of that day between 8:30 and 18:00 local time, on a quarter hour, in UTC."""
    local = day.astimezone().replace(hour=rng.randint(8, 17), minute=rng.choice((0, 15, 30, 45)))
    if local.hour == 8 and local.minute < 30:
        local = local.replace(minute=30)
    return local.astimezone(dt.UTC)


__all__ = ["generate_actions_demo"]
