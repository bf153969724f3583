"""A campaign as the campaign report tests need it: sent through a real SMTP server on loopback
(one address refused), one bounce, responses of several types, a follow-up, deals linked to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import select, update

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.campaigns import CampaignRecipient
from ekocrm_desktop.models.domains import Deal, PipelineStage
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft
from ekocrm_desktop.services.paging import PageRequest
from tests.integration.campaign_helpers import REFUSED, group_of, load_people, smtp_sender
from tests.integration.segment_fixtures import stages


@dataclasses.dataclass
class SeededCampaign:
    """The campaign and what was done with it."""

    id: uuid.UUID
    people: list[uuid.UUID]
    won_titles: list[str]


def seed_campaign(
    db: Database, port: int, *, name: str = "Fête du patrimoine", people: int = 12, follow_up: bool = True
) -> SeededCampaign:
    """Send a campaign to `people` people and a refused address, record what came back."""
    campaigns = CampaignService(db, sleep=lambda _s: None, unsubscribe_address="stop@exemple.fr")
    ids = load_people(db, people, prefix=f"{abs(hash(name)) % 10_000}-")
    refused = (
        ContactService(db)
        .create(PartyDraft(kind="person", first_name="Refusé", last_name="Serveur", emails=(EmailEntry(REFUSED),)))
        .id
    )
    group = group_of(db, f"Invités {name}", [*ids, refused])
    campaign = campaigns.create(
        CampaignDraft(
            name=name,
            objective="Faire venir les adhérents aux journées du patrimoine.",
            subject="Invitation, {first_name}",
            body="Bonjour {first_name},\nÀ bientôt !",
            targets=(TargetRef("group", group),),
            per_minute=100_000,
            budget=Decimal("1500"),
            actual_cost=Decimal("1234.50"),
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2026, 9, 30),
        )
    ).id
    campaigns.send(campaign, smtp_sender(port))
    rows = {r.party_id: r.id for r in campaigns.ledger(campaign, PageRequest(0, 500, 500))}
    # A bounce notice came back for the last person (the mailbox was full).
    with db.write_session() as session:
        session.execute(update(CampaignRecipient).where(CampaignRecipient.id == rows[ids[-1]]).values(state="bounced"))
        session.commit()
    campaigns.set_response([rows[ids[0]], rows[ids[1]], rows[ids[2]]], "interested")
    campaigns.set_response([rows[ids[3]]], "paid")
    campaigns.set_response([rows[ids[4]]], "not_interested")
    if follow_up:
        campaigns.follow_up(campaign, "no_response", "Relance : {first_name}", "Nous n’avons pas eu de réponse.")
        campaigns.send(campaign, smtp_sender(port))
        second = {r.party_id: r.id for r in campaigns.ledger(campaign, PageRequest(0, 500, 500), step=2)}
        campaigns.set_response([second[ids[5]]], "registered")
    with db.session() as session:
        stage = {n: i for i, n in session.execute(select(PipelineStage.id, PipelineStage.name))}
    if "Gagné" not in stage:
        stage = stages(db)
    won_titles = []
    with db.write_session() as session:
        for title, amount, status, linked in (
            ("Adhésion bienfaiteur", "2500.50", "won", True),
            ("Visite guidée", "300", "won", True),
            ("Mécénat", "999", "lost", True),
            ("Hors campagne", "50", "won", False),
        ):
            session.add(
                Deal(
                    title=title,
                    stage_id=stage["Gagné"] if status == "won" else stage["Perdu"],
                    status=status,
                    amount=Decimal(amount),
                    closed_on=dt.date(2026, 9, 20),
                    campaign_id=campaign if linked else None,
                )
            )
            if linked and status == "won":
                won_titles.append(title)
        session.commit()
    return SeededCampaign(campaign, ids, won_titles)
