"""Demo association life for "Les Amis du Patrimoine Lyonnais": membership types, several years
of subscriptions (with late payers, people who never paid and resignations), the renewal
reminder sequence, a general assembly with answers and proxies, and news items.

Deterministic for a seed and a day: the history is laid out relative to `today` (the day the
demo workspace is created), so the demo always shows members due soon, late payers and an
assembly to come.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import delete, insert

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.membership import ReceiptCounter, Subscription
from ekocrm_desktop.models.news import NewsRead
from ekocrm_desktop.services.assemblies import AgendaEntry, AssemblyDraft, AssemblyService, InvitationQuery
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.membership import (
    MEMBERSHIP,
    SUBSCRIPTION,
    MembershipService,
    MembershipSettings,
    RuleDraft,
    TypeDraft,
    period_for,
)
from ekocrm_desktop.services.news import NewsDraft, NewsService
from ekocrm_desktop.services.paging import PageRequest


@dataclasses.dataclass(frozen=True)
class DemoMember:
    """A member the party generator made: when they joined, left, and their category."""

    party_id: uuid.UUID
    since: dt.date
    until: dt.date | None
    category: str


#: The demo's membership types, keyed by the member categories of the party generator.
TYPES = {
    "actif": TypeDraft("Membre actif", "active", Decimal("35.00"), description="Cotisation annuelle"),
    "bienfaiteur": TypeDraft("Membre bienfaiteur", "benefactor", Decimal("100.00")),
    "honoraire": TypeDraft("Membre d'honneur", "honorary", Decimal("0.00"), send_reminders=False),
    "bureau": TypeDraft("Membre du bureau", "bureau", Decimal("35.00")),
    "jeune": TypeDraft("Jeune (moins de 26 ans)", "youth", Decimal("15.00"), "rolling_year"),
}
REMINDER_BODY = (
    "{civility} {last_name},\n\n"
    "Votre adhésion « {type} » aux {organisation} prend fin le {paid_until}. "
    "Pour continuer à soutenir nos actions en faveur du patrimoine lyonnais, merci de renouveler "
    "votre cotisation ({fee}) par chèque, virement ou en espèces lors de nos permanences.\n\n"
    "Si vous avez réglé votre cotisation entre-temps, merci de ne pas tenir compte de ce message.\n\n"
    "Bien cordialement,"
)
LATE_BODY = (
    "{civility} {last_name},\n\n"
    "Sauf erreur de notre part, votre adhésion « {type} » a pris fin le {paid_until} et nous n'avons "
    "pas encore reçu votre cotisation ({fee}). Nous serions heureux de vous compter encore parmi nous "
    "cette année.\n\nBien cordialement,"
)
RULES = (
    RuleDraft("Un mois avant l'échéance", -30, "email", "Votre adhésion prend fin le {paid_until}", REMINDER_BODY),
    RuleDraft("Le jour de l'échéance", 0, "email", "Votre adhésion prend fin aujourd'hui", REMINDER_BODY),
    RuleDraft("Quinze jours après", 15, "letter", "Renouvellement de votre adhésion", LATE_BODY),
)
CONVOCATION = (
    "{civility} {last_name},\n\n"
    "Nous avons le plaisir de vous convier à l'assemblée générale ordinaire des {organisation}, "
    "qui se tiendra le {date} à {time}, {place}.\n\n"
    "Seuls les membres à jour de leur cotisation prennent part aux votes. Si vous ne pouvez pas "
    "être présent(e), vous pouvez vous faire représenter par un autre membre en lui remettant le "
    "pouvoir ci-dessous (deux pouvoirs au plus par membre présent).\n\n"
    "Dans l'attente de vous y retrouver, nous vous prions d'agréer nos salutations distinguées."
)
METHODS = ("cheque", "cheque", "cheque", "transfer", "transfer", "cash", "card")


def generate_membership_demo(
    db: Database, members: Sequence[DemoMember], *, today: dt.date, seed: int = 2026
) -> dict[str, int]:
    """Write the association's membership life; returns what was written, by kind."""
    rng = random.Random(seed + 7)
    fixed_today = today
    membership = MembershipService(db, today=lambda: fixed_today)
    membership.save_settings(
        MembershipSettings(
            organisation_name="Les Amis du Patrimoine Lyonnais",
            organisation_address="3 place des Terreaux\n69001 Lyon\nassociation@amis-patrimoine-lyon.fr",
            signatory="La trésorière,\nGeneviève Morel",
            city="Lyon",
        )
    )
    types = {key: membership.save_type(draft) for key, draft in TYPES.items()}
    membership.ensure_default_rules(RULES)

    rows: list[dict[str, object]] = []
    now = db.clock()
    first_year = today.year - 4
    for member in members:
        kind = types.get(member.category, types["actif"])
        # Payment habits: most pay every year, some are late this year, a few never paid.
        habit = rng.random()
        if habit < 0.04:
            continue
        last_day = member.until or today
        start_year = max(member.since.year, first_year)
        if kind.duration == "rolling_year":
            start = max(member.since, dt.date(first_year, member.since.month, min(member.since.day, 28)))
            while start <= last_day:
                _, end = period_for(kind.duration, start)
                current = start <= today <= end or start > today - dt.timedelta(days=60)
                if not (current and habit < 0.2):
                    rows.append(_subscription(rng, member, kind.id, kind.fee, start, end, today, now))
                start = end + dt.timedelta(days=1)
            continue
        for year in range(start_year, last_day.year + 1):
            if year == today.year and habit < 0.2:
                break  # late payer: this year's subscription has not come in
            if year < today.year and rng.random() < 0.06:
                continue  # skipped a year, then came back
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            rows.append(_subscription(rng, member, kind.id, kind.fee, start, end, today, now))
    # Receipt numbers follow the payment dates, year by year, without gaps.
    rows.sort(key=lambda r: (r["paid_on"], str(r["id"])))
    counters: dict[int, int] = {}
    for row in rows:
        year = row["paid_on"].year  # type: ignore[attr-defined]
        counters[year] = counters.get(year, 0) + 1
        row["receipt_year"], row["receipt_seq"] = year, counters[year]
    with db.write_session() as session:
        if rows:
            session.execute(insert(Subscription), rows)
        if counters:
            session.execute(insert(ReceiptCounter), [{"year": y, "last_number": n} for y, n in counters.items()])
        session.commit()
    db.announce(Changes.of(SUBSCRIPTION, (), MEMBERSHIP))

    assemblies = AssemblyService(db, membership=membership, today=lambda: fixed_today)
    invited = _assemblies(assemblies, rng, today)
    published = _news(db, membership, today)
    return {"types": len(types), "subscriptions": len(rows), "invitations": invited, "news": published}


def _subscription(
    rng: random.Random,
    member: DemoMember,
    type_id: uuid.UUID,
    fee: Decimal,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    now: dt.datetime,
) -> dict[str, object]:
    # Paid in the first weeks of the period (or a few weeks before it, for renewals).
    paid_on = start + dt.timedelta(days=rng.randint(-25, 75))
    paid_on = min(max(paid_on, member.since), today)
    amount = fee
    if fee and rng.random() < 0.08:
        amount = fee + Decimal(rng.choice((5, 10, 15, 20, 50)))  # a donation on top
    method = rng.choice(METHODS) if amount else ""
    return {
        "id": uuid7(),
        "party_id": member.party_id,
        "type_id": type_id,
        "period_start": start,
        "period_end": end,
        "amount": amount,
        "currency": "EUR",
        "paid_on": paid_on,
        "payment_method": method,
        "note": "",
        "version": 1,
        "deleted_at": None,
        "created_at": now,
        "updated_at": now,
        "created_by": "demo",
        "updated_by": "demo",
    }


def _assemblies(assemblies: AssemblyService, rng: random.Random, today: dt.date) -> int:
    """Last year's assembly (held) and this year's, coming in three weeks, with answers."""
    agenda = (
        AgendaEntry("Accueil et émargement"),
        AgendaEntry("Rapport moral de la présidente"),
        AgendaEntry("Rapport financier", "Comptes de l'exercice et budget prévisionnel"),
        AgendaEntry("Montant des cotisations de l'an prochain"),
        AgendaEntry("Élection des membres du bureau"),
        AgendaEntry("Questions diverses"),
    )
    past = assemblies.create(
        AssemblyDraft(
            title=f"Assemblée générale ordinaire {today.year - 1}",
            starts_at=_local(dt.date(today.year - 1, 12, 6), dt.time(14, 30)),
            place="Salle des fêtes de la mairie du 1er, 2 place Sathonay, Lyon",
            agenda=agenda,
            convocation=CONVOCATION,
            state="held",
        )
    )
    coming_day = today + dt.timedelta(days=21)
    coming = assemblies.create(
        AssemblyDraft(
            title=f"Assemblée générale ordinaire {coming_day.year}",
            starts_at=_local(coming_day, dt.time(14, 30)),
            place="Salle des fêtes de la mairie du 1er, 2 place Sathonay, Lyon",
            agenda=agenda,
            convocation=CONVOCATION,
        )
    )
    total = 0
    now = dt.datetime.now(dt.UTC)
    for assembly, answered in ((past.id, 1.0), (coming.id, 0.7)):
        total += assemblies.invite(assembly, Audience())
        query = InvitationQuery(assembly)
        count = assemblies.count_invitations(query)
        rows = assemblies.invitations(query, "name", False, PageRequest(0, max(count, 1), count))
        # Answers drawn here and written in one go (a demo of a thousand clicks, not a thousand
        # transactions); the proxy maximum of the assembly holds as it does through `respond`.
        answers: dict[uuid.UUID, tuple[str, uuid.UUID | None]] = {}
        attending: list[uuid.UUID] = []
        givers: list[uuid.UUID] = []
        for row in rows:
            if rng.random() > answered:
                continue
            draw = rng.random()
            if draw < 0.45:
                answers[row.party_id] = ("attending", None)
                attending.append(row.party_id)
            elif draw < 0.75:
                answers[row.party_id] = ("absent", None)
            else:
                givers.append(row.party_id)
        held: dict[uuid.UUID, int] = {}
        limit = assemblies.get(assembly).draft.max_proxies
        for giver in givers:
            free = [h for h in attending if held.get(h, 0) < limit]
            if free:
                holder = rng.choice(free)
                held[holder] = held.get(holder, 0) + 1
                answers[giver] = ("represented", holder)
            else:
                answers[giver] = ("absent", None)
        assemblies.record_answers(
            assembly, [(party, response, holder) for party, (response, holder) in answers.items()], when=now
        )
        if assembly == past.id:
            assemblies.mark_convoked([r.id for r in rows], "letter")
    return total


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time of this computer's time zone, as the UTC instant stored."""
    return dt.datetime.combine(day, time).astimezone(dt.UTC)


def _news(db: Database, membership: MembershipService, today: dt.date) -> int:
    news = NewsService(db, membership=membership, today=lambda: today)
    items = (
        NewsDraft(
            title="Journées européennes du patrimoine : appel aux bénévoles",
            body=(
                "Comme chaque année, l'association assure l'accueil du public aux traboules du Vieux-Lyon "
                "pendant les Journées européennes du patrimoine.\n\n"
                "Nous cherchons une vingtaine de bénévoles pour des créneaux de deux heures, le samedi et le "
                "dimanche. Inscriptions auprès du secrétariat avant la fin du mois.\n\nMerci d'avance !"
            ),
            audience=Audience(),
            audience_label="Tous les membres",
        ),
        NewsDraft(
            title="Compte rendu de la réunion du bureau",
            body=(
                "Le bureau s'est réuni pour préparer l'assemblée générale : ordre du jour arrêté, "
                "rapport financier en cours de relecture, deux candidatures reçues pour le poste de "
                "secrétaire adjoint.\n\nLe compte rendu complet est joint."
            ),
            audience=Audience(statuses=("up_to_date", "due_soon")),
            audience_label="Membres à jour de cotisation",
            attachment_name="Compte rendu du bureau.txt",
            attachment="Compte rendu de la réunion du bureau\n\nPrésents : …\n".encode(),
            attachment_type="text/plain",
        ),
    )
    for item in items:
        news.publish(item)
    # Published by the demo, not by the person who opens it: nothing is read yet.
    with db.write_session() as session:
        session.execute(delete(NewsRead))
        session.commit()
    return len(items)
