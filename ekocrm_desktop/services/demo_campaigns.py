"""Demo campaigns (issue 6 B): a finished e-mail appeal with its ledger, responses and costs,
a draft invitation, and a few people who opted out, so the campaigns page has something to show.

The finished campaign is "sent" through a sender that delivers nowhere (demo data only): its
ledger and timeline entries are written by the real sending path.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import inspect, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.campaigns import Campaign
from ekocrm_desktop.models.domains import Segment
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.membership import OutgoingMail
from ekocrm_desktop.services.paging import PageRequest

APPEAL = (
    "Bonjour {first_name},\n\n"
    "Comme chaque automne, l’association restaure un élément du patrimoine de notre quartier."
    "{% if organisation %} Votre soutien, au nom de {organisation}, compte beaucoup.{% endif %}\n\n"
    "Merci de votre générosité,\nLe bureau"
)
INVITATION = (
    "Bonjour {civility} {last_name},\n\nNous serons heureux de vous accueillir à la Fête du patrimoine, à {city}."
)


def generate_campaigns_demo(db: Database, *, today: dt.date | None = None) -> None:
    """Write the demo campaigns once (skipped when the schema predates them or they exist)."""
    if not inspect(db.engine).has_table(Campaign.__tablename__):
        return
    with db.session() as session:
        if session.scalar(select(Campaign.id).limit(1)) is not None:
            return
        segments = list(session.execute(select(Segment.id, Segment.name).where(Segment.deleted_at.is_(None))).all())
    if not segments:
        return
    by_name = {name: segment_id for segment_id, name in segments}
    target = by_name.get("Bienfaiteurs lyonnais", segments[0][0])
    campaigns = CampaignService(db, sleep=lambda _s: None)
    day = today or db.clock().astimezone().date()
    recipients = campaigns.recipient_ids(CampaignDraft(name="x", targets=(TargetRef("segment", target),)))
    if recipients:
        ConsentService(db).record_many(recipients[:2], "email", "opt_out", source="désinscription")
    appeal = campaigns.create(
        CampaignDraft(
            name="Appel aux dons d’automne",
            objective="Financer la restauration du lavoir",
            budget=Decimal("300"),
            actual_cost=Decimal("85"),
            start_date=day - dt.timedelta(days=30),
            end_date=day - dt.timedelta(days=5),
            subject="{first_name}, aidez-nous à restaurer le lavoir",
            body=APPEAL,
            per_minute=100_000,
            targets=(TargetRef("segment", target),),
        )
    )

    def nowhere(_mail: OutgoingMail) -> None:
        """Demo data: the message goes nowhere."""

    campaigns.send(appeal.id, nowhere)
    rows = campaigns.ledger(appeal.id, PageRequest(0, 1000, 1000), state="sent")
    for index, code in enumerate(("paid", "paid", "interested", "not_interested", "registered")):
        if index < len(rows):
            campaigns.set_response([rows[index].id], code, day - dt.timedelta(days=20 - index))
    campaigns.create(
        CampaignDraft(
            name="Fête du patrimoine",
            objective="Inviter les adhérents et sympathisants",
            budget=Decimal("150"),
            start_date=day + dt.timedelta(days=10),
            end_date=day + dt.timedelta(days=40),
            subject="Invitation à la Fête du patrimoine",
            body=INVITATION,
            targets=tuple(TargetRef("segment", segment_id) for segment_id, _name in segments[:2]),
        )
    )
