"""Data the segment tests share: parties of the three examples, and deals with article lines
written straight with the ORM (the deals service is another area's)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import Article, Deal, DealContact, DealLine, PipelineStage
from ekocrm_desktop.services.contacts import AddressEntry, ContactService, PartyDraft, RoleEntry

TODAY = dt.date(2026, 3, 10)


def person(
    contacts: ContactService,
    first: str,
    last: str,
    *,
    city: str = "",
    postcode: str = "",
    roles: tuple[RoleEntry, ...] = (),
    tags: tuple[str, ...] = (),
) -> uuid.UUID:
    addresses = (AddressEntry("1 rue de la Paix", "", postcode, city),) if city or postcode else ()
    draft = PartyDraft(kind="person", first_name=first, last_name=last, addresses=addresses, roles=roles, tags=tags)
    return contacts.create(draft).id


def organisation(
    contacts: ContactService, name: str, *, city: str = "", postcode: str = "", roles: tuple[RoleEntry, ...] = ()
) -> uuid.UUID:
    addresses = (AddressEntry("2 place Bellecour", "", postcode, city),) if city or postcode else ()
    return contacts.create(PartyDraft(kind="organisation", name=name, addresses=addresses, roles=roles)).id


def stages(db: Database) -> dict[str, uuid.UUID]:
    """A small pipeline: Découverte, Proposition, Gagné (won), Perdu (lost)."""
    with db.write_session() as session:
        rows = {
            "Découverte": PipelineStage(name="Découverte", position=0, probability=10),
            "Proposition": PipelineStage(name="Proposition", position=1, probability=50),
            "Gagné": PipelineStage(name="Gagné", position=2, probability=100, is_won=True),
            "Perdu": PipelineStage(name="Perdu", position=3, probability=0, is_lost=True),
        }
        session.add_all(rows.values())
        session.flush()
        ids = {name: stage.id for name, stage in rows.items()}
        session.commit()
    return ids


def articles(db: Database) -> dict[str, uuid.UUID]:
    """Two articles of category "formation" and one "logiciel"."""
    with db.write_session() as session:
        rows = {
            "FORM-EXCEL": Article(
                code="FORM-EXCEL", name="Formation Excel", category="formation", unit_price=Decimal("450")
            ),
            "FORM-RGPD": Article(
                code="FORM-RGPD", name="Formation RGPD", category="formation", unit_price=Decimal("600")
            ),
            "LOG-CRM": Article(code="LOG-CRM", name="Licence CRM", category="logiciel", unit_price=Decimal("1200")),
        }
        session.add_all(rows.values())
        session.flush()
        ids = {code: article.id for code, article in rows.items()}
        session.commit()
    return ids


def deal(
    db: Database,
    party_id: uuid.UUID,
    stage_id: uuid.UUID,
    status: str,
    article_ids: tuple[uuid.UUID, ...],
    *,
    contacts: tuple[uuid.UUID, ...] = (),
    title: str = "Affaire",
) -> uuid.UUID:
    with db.write_session() as session:
        row = Deal(title=title, party_id=party_id, stage_id=stage_id, status=status)
        row.lines = [
            DealLine(article_id=a, quantity=Decimal("1"), unit_price=Decimal("100"), position=i)
            for i, a in enumerate(article_ids)
        ]
        row.contacts = [DealContact(party_id=p) for p in contacts]
        session.add(row)
        session.flush()
        deal_id = row.id
        session.commit()
    return deal_id
