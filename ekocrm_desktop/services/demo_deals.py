"""Demo deals for the training company of the demo workspace: the default pipeline, a catalogue
of about fifty articles (training, consulting, software, hardware), and about three hundred deals
over the organisations that are prospects or clients, followed by the collaborators, with lines
of articles, some won and some lost with a reason.

Deterministic for a seed and a day (laid out relative to `today`).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from uuid import UUID

from sqlalchemy import or_, select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import (
    Article,
    ChoiceItem,
    ChoiceListKey,
    Deal,
    DealContact,
    DealLine,
    DealStatus,
)
from ekocrm_desktop.models.enums import PartyKind, RoleKind
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Affiliation, Party, PartyRole
from ekocrm_desktop.services.articles import ARTICLE
from ekocrm_desktop.services.deals import DEAL, RANK_STEP, STAGE, DealService, LineEntry, totals

#: (code, label) of the article categories and of the reasons a deal is lost.
CATEGORIES = (("formation", "Formation"), ("conseil", "Conseil"), ("logiciel", "Logiciel"), ("materiel", "Matériel"))
LOST_REASONS = (
    ("prix", "Prix trop élevé"),
    ("concurrent", "Choix d'un concurrent"),
    ("budget", "Pas de budget cette année"),
    ("sans_suite", "Projet abandonné"),
    ("delai", "Délais trop longs"),
)

#: (code prefix, category, VAT rate, names and prices) of the catalogue.
CATALOGUE: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "FOR",
        "formation",
        "20.00",
        (
            ("Excel niveau 1 (2 jours)", "690"),
            ("Excel niveau 2 — tableaux croisés (2 jours)", "790"),
            ("Word — documents longs (1 jour)", "390"),
            ("PowerPoint efficace (1 jour)", "390"),
            ("Bureautique pour débutants (3 jours)", "950"),
            ("Management d'équipe (3 jours)", "1450"),
            ("Prise de parole en public (2 jours)", "980"),
            ("Gestion du temps (1 jour)", "450"),
            ("Conduite de réunion (1 jour)", "450"),
            ("Relation client au téléphone (2 jours)", "820"),
            ("RGPD pour les associations (1 jour)", "520"),
            ("Comptabilité associative (2 jours)", "860"),
            ("Sécurité informatique — sensibilisation (½ jour)", "290"),
            ("Anglais professionnel (20 heures)", "1200"),
            ("Formation intra-entreprise (par jour)", "1350"),
        ),
    ),
    (
        "CON",
        "conseil",
        "20.00",
        (
            ("Journée de conseil", "950"),
            ("Demi-journée de conseil", "520"),
            ("Audit organisationnel", "3200"),
            ("Audit du système d'information", "4500"),
            ("Accompagnement au changement (forfait)", "6800"),
            ("Diagnostic RGPD", "2400"),
            ("Rédaction du cahier des charges", "2900"),
            ("Coaching individuel (séance)", "180"),
            ("Assistance à maîtrise d'ouvrage (jour)", "890"),
            ("Atelier de créativité", "1500"),
            ("Étude de satisfaction client", "3600"),
            ("Plan de formation annuel", "1900"),
        ),
    ),
    (
        "LOG",
        "logiciel",
        "20.00",
        (
            ("Licence EkoCRM — 1 poste (an)", "240"),
            ("Licence EkoCRM — 5 postes (an)", "990"),
            ("Licence EkoCRM — 20 postes (an)", "3400"),
            ("Maintenance logicielle (an)", "480"),
            ("Hébergement et sauvegarde (an)", "360"),
            ("Module e-mailing (an)", "300"),
            ("Paramétrage sur mesure (jour)", "850"),
            ("Reprise de données", "1200"),
            ("Licence suite bureautique (an)", "99"),
            ("Antivirus professionnel (an)", "45"),
            ("Connecteur comptable", "650"),
            ("Application mobile (an)", "420"),
        ),
    ),
    (
        "MAT",
        "materiel",
        "20.00",
        (
            ("Ordinateur portable 14 pouces", "1090"),
            ("Écran 27 pouces", "289"),
            ("Station d'accueil USB-C", "189"),
            ("Vidéoprojecteur de salle", "749"),
            ("Casque audio avec micro", "79"),
            ("Webcam HD", "69"),
            ("Imprimante laser réseau", "399"),
            ("Tablette de démonstration", "549"),
            ("Disque de sauvegarde 2 To", "99"),
            ("Borne Wi-Fi professionnelle", "239"),
            ("Support ordinateur ergonomique", "45"),
        ),
    ),
)
#: Books go at the reduced rate: one article shows that the catalogue takes any VAT rate.
REDUCED_RATE_ARTICLES = (("LIV-01", "Guide pratique de la bureautique (livre)", "materiel", "29.90", "5.50"),)

DEAL_SUBJECTS = (
    "Formation bureautique",
    "Plan de formation",
    "Audit SI",
    "Équipement des postes",
    "Renouvellement des licences",
    "Accompagnement RGPD",
    "Séminaire management",
    "Déploiement CRM",
    "Salle de réunion",
    "Coaching de direction",
    "Formation anglais",
    "Migration messagerie",
)
CONTACT_FUNCTIONS = ("Décideur", "Acheteur")
SOURCE_CHOICES = (
    ("salon", "Salon"),
    ("site_web", "Site web"),
    ("recommandation", "Recommandation"),
    ("prospection", "Prospection"),
    ("client_existant", "Client existant"),
)
SOURCES = tuple(code for code, _label in SOURCE_CHOICES)


def _ensure_choices(db: Database, list_key: str, values: tuple[tuple[str, str], ...]) -> None:
    """Add the values a settings list lacks (another part of the demo may have written some)."""
    with db.write_session() as session:
        known = set(session.scalars(select(ChoiceItem.code).where(ChoiceItem.list_key == list_key)))
        for position, (code, label) in enumerate(values, start=1):
            if code not in known:
                session.add(ChoiceItem(list_key=list_key, code=code, label=label, position=position))
        session.commit()


def generate_deals_demo(db: Database, *, today: dt.date, seed: int = 2026, deals: int = 300) -> int:
    """Write the catalogue and the deals; returns how many deals were written."""
    rng = random.Random(seed * 7 + 3)
    service = DealService(db, today=lambda: today)
    service.ensure_default_pipeline()
    _ensure_choices(db, ChoiceListKey.ARTICLE_CATEGORY.value, CATEGORIES)
    _ensure_choices(db, ChoiceListKey.LOST_REASON.value, LOST_REASONS)
    _ensure_choices(db, ChoiceListKey.DEAL_SOURCE.value, SOURCE_CHOICES)
    stages = service.stages()
    open_stages = [s for s in stages if not s.is_closing]
    won_stage = next(s for s in stages if s.is_won)
    lost_stage = next(s for s in stages if s.is_lost)

    with db.write_session() as session:
        catalogue: list[Article] = []
        for prefix, category, rate, items in CATALOGUE:
            for number, (name, price) in enumerate(items, start=1):
                catalogue.append(
                    Article(
                        code=f"{prefix}-{number:02d}",
                        name=name,
                        category=category,
                        unit_price=Decimal(price),
                        vat_rate=Decimal(rate),
                        active=not (prefix == "MAT" and number == len(items)),  # one article withdrawn
                    )
                )
        for code, name, category, price, rate in REDUCED_RATE_ARTICLES:
            catalogue.append(
                Article(code=code, name=name, category=category, unit_price=Decimal(price), vat_rate=Decimal(rate))
            )
        session.add_all(catalogue)
        session.flush()

        def holders(role: str) -> list[UUID]:
            stmt = (
                select(Party.id)
                .join(PartyRole, PartyRole.party_id == Party.id)
                .where(
                    PartyRole.role == role,
                    Party.deleted_at.is_(None),
                    or_(PartyRole.until.is_(None), PartyRole.until >= today),
                )
                .order_by(Party.id)
            )
            return list(dict.fromkeys(session.scalars(stmt)))

        organisations = set(
            session.scalars(
                select(Party.id).where(Party.kind == PartyKind.ORGANISATION.value, Party.deleted_at.is_(None))
            )
        )
        prospects = [p for p in holders(RoleKind.PROSPECT.value) if p in organisations]
        clients = [p for p in holders(RoleKind.CLIENT.value) if p in organisations]
        owners = holders(RoleKind.COLLABORATOR.value)
        if not (prospects or clients):
            session.commit()
            return 0
        # People working for each organisation: the deal's contacts.
        staff: dict[UUID, list[UUID]] = {}
        for person, organisation in session.execute(
            select(Affiliation.person_id, Affiliation.organisation_id).order_by(Affiliation.person_id)
        ):
            staff.setdefault(organisation, []).append(person)
        ranks: dict[UUID, int] = {}
        written = 0
        for number in range(deals):
            roll = rng.random()
            # Clients have won deals; prospects have the open and the lost ones.
            if roll < 0.22 and clients:
                stage, party = won_stage, rng.choice(clients)
            elif roll < 0.34:
                stage, party = lost_stage, rng.choice(prospects or clients)
            else:
                stage, party = rng.choice(open_stages), rng.choice(prospects or clients)
            articles = rng.sample([a for a in catalogue if a.active], rng.randint(1, 3))
            lines = [
                LineEntry(a.name, Decimal(rng.choice((1, 1, 1, 2, 3, 5, 10))), a.unit_price, a.vat_rate, a.id)
                for a in articles
            ]
            subject = rng.choice(DEAL_SUBJECTS)
            status = (
                DealStatus.WON.value
                if stage.is_won
                else DealStatus.LOST.value
                if stage.is_lost
                else DealStatus.OPEN.value
            )
            closed_on = today - dt.timedelta(days=rng.randint(0, 400)) if status != DealStatus.OPEN.value else None
            rank = ranks.get(stage.id, 0) + RANK_STEP
            ranks[stage.id] = rank
            deal = Deal(
                id=uuid7(),
                title=f"{subject} {2025 + number % 2}",
                party_id=party,
                owner_id=rng.choice(owners) if owners else None,
                stage_id=stage.id,
                status=status,
                amount=totals(lines).net,
                probability=stage.probability if rng.random() < 0.8 else max(5, stage.probability - 10),
                expected_close=today + dt.timedelta(days=rng.randint(-20, 180)) if status == "open" else closed_on,
                closed_on=closed_on,
                lost_reason=rng.choice(LOST_REASONS)[0] if status == DealStatus.LOST.value else "",
                source=rng.choice(SOURCES),
                rank=rank,
                lines=[
                    DealLine(
                        article_id=line.article_id,
                        description=line.description,
                        quantity=line.quantity,
                        unit_price=line.unit_price,
                        vat_rate=line.vat_rate,
                        position=position,
                    )
                    for position, line in enumerate(lines)
                ],
            )
            people = staff.get(party, [])
            for person, function in zip(
                rng.sample(people, min(len(people), rng.randint(0, 2))), CONTACT_FUNCTIONS, strict=False
            ):
                deal.contacts.append(DealContact(party_id=person, function=function))
            session.add(deal)
            written += 1
        session.commit()
    db.announce(Changes.of(DEAL, (), STAGE, ARTICLE))
    return written
