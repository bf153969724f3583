"""Campaigns and association life (issue 6). This file holds the membership figures; the campaigns
developer adds the mailing ones (recipient list of 50,000, mail merge rate) beside them.

Target of the issue: PDF letters for 5,000 members < 60 s. Also measured, with targets of our
own: the members' dues statuses and the reminders due computed in SQL for 5,000 members, the
convocations (letter + agenda + proxy form) and the attendance sheet of a 5,000-member assembly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from common import report, stopwatch

FULL_MEMBERS = 5_000
QUICK_MEMBERS = 1_000
FULL_RECIPIENTS = 50_000
QUICK_RECIPIENTS = 5_000
TODAY = dt.date(2026, 12, 10)


def _association(folder: Path, members: int):  # type: ignore[no-untyped-def]
    """A SQLite workspace with `members` members, each paid up to 31/12 (so all due soon)."""
    from sqlalchemy import insert

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.models import Subscription
    from ekocrm_desktop.models.ids import uuid7
    from ekocrm_desktop.services.demo import DemoGenerator, DemoSize
    from ekocrm_desktop.services.demo_membership import RULES, TYPES
    from ekocrm_desktop.services.membership import MembershipService, MembershipSettings

    path = folder / "association.sqlite"
    upgrade_sqlite_file(path)
    db = Database(make_engine(sqlite_url(path)), actor="bench")
    from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
    from ekocrm_desktop.services.contacts import RoleEntry

    generator = DemoGenerator(DemoSize(members, 0, association=False), seed=7)
    people = []
    for party in generator.people():
        member = (RoleEntry("member", dt.date(2020, 1, 1)),)
        people.append(BulkParty(party.id, dataclasses.replace(party.draft, roles=member)))
    bulk_insert_parties(db, people)
    membership = MembershipService(db, today=lambda: TODAY)
    membership.save_settings(
        MembershipSettings(
            organisation_name="Les Amis du Patrimoine Lyonnais",
            organisation_address="3 place des Terreaux\n69001 Lyon",
            signatory="La trésorière,\nGeneviève Morel",
            city="Lyon",
        )
    )
    kind = membership.save_type(TYPES["actif"])
    membership.ensure_default_rules(RULES)
    now = db.clock()
    rows = [
        {
            "id": uuid7(),
            "party_id": party.id,
            "type_id": kind.id,
            "period_start": dt.date(2026, 1, 1),
            "period_end": dt.date(2026, 12, 31),
            "amount": Decimal("35"),
            "currency": "EUR",
            "paid_on": dt.date(2026, 1, 15),
            "payment_method": "cheque",
            "receipt_year": 2026,
            "receipt_seq": index + 1,
            "note": "",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for index, party in enumerate(people)
    ]
    with db.write_session() as session:
        session.execute(insert(Subscription), rows)
        session.commit()
    return db, membership


def run(quick: bool = False) -> None:
    from ekocrm_desktop.reports.assemblies import attendance_sheet_pdf, convocations_pdf
    from ekocrm_desktop.reports.membership import reminder_letters_pdf
    from ekocrm_desktop.services.assemblies import AgendaEntry, AssemblyDraft, AssemblyService
    from ekocrm_desktop.services.audience import Audience
    from ekocrm_desktop.services.demo_membership import CONVOCATION

    members = QUICK_MEMBERS if quick else FULL_MEMBERS
    folder = Path(tempfile.mkdtemp(prefix="bench-campaigns-"))
    try:
        db, membership = _association(folder, members)
        with stopwatch() as elapsed:
            counts = membership.status_counts()
        assert counts["due_soon"] == members, counts
        report(f"membership.status_counts.{members}", elapsed(), "ms", "<=", 1000)
        with stopwatch() as elapsed:
            due = membership.due_reminders()
        assert len(due) == members
        report(f"membership.reminders_due.{members}", elapsed(), "ms", "<=", 2000)

        with stopwatch() as elapsed:
            messages = membership.render_reminders(due)
            reminder_letters_pdf(messages, membership.organisation(), folder / "letters.pdf", today=TODAY)
        report(f"membership.reminder_letters_pdf.{members}", elapsed() / 1000, "s", "<=", 60)

        assemblies = AssemblyService(db, membership=membership, today=lambda: TODAY)
        assembly = assemblies.create(
            AssemblyDraft(
                title="Assemblée générale ordinaire 2026",
                starts_at=dt.datetime(2026, 12, 19, 13, 30, tzinfo=dt.UTC),
                place="Salle des fêtes, Lyon",
                agenda=tuple(AgendaEntry(t) for t in ("Rapport moral", "Rapport financier", "Élection du bureau")),
                convocation=CONVOCATION,
            )
        )
        assemblies.invite(assembly.id, Audience())
        with stopwatch() as elapsed:
            letters = assemblies.convocations(assembly.id, organisation="Les Amis du Patrimoine Lyonnais")
            convocations_pdf(letters, assembly, membership.organisation(), folder / "conv.pdf", today=TODAY)
        report(f"assemblies.convocations_pdf.{members}", elapsed() / 1000, "s", "<=", 60)
        with stopwatch() as elapsed:
            attendance_sheet_pdf(assemblies.attendance_sheet(assembly.id), folder / "sheet.pdf")
        report(f"assemblies.attendance_sheet_pdf.{members}", elapsed() / 1000, "s", "<=", 20)
        with stopwatch() as elapsed:
            assemblies.quorum(assembly.id)
        report(f"assemblies.quorum.{members}", elapsed(), "ms", "<=", 500)
        db.dispose()
        _campaign_figures(folder, QUICK_RECIPIENTS if quick else FULL_RECIPIENTS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _campaign_figures(folder: Path, people: int) -> None:
    """A campaign to a segment of `people` (a few opted out, some sharing an address): the
    recipient list with its exclusion reasons (< 2 s for 50,000), then the mail merge of every
    message without SMTP (> 2,000 messages/s)."""
    import uuid

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
    from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
    from ekocrm_desktop.services.consent import ConsentService
    from ekocrm_desktop.services.contacts import AddressEntry, EmailEntry, PartyDraft
    from ekocrm_desktop.services.segments import SegmentService, leaf

    path = folder / "campaigns.sqlite"
    upgrade_sqlite_file(path)
    db = Database(make_engine(sqlite_url(path)), actor="bench")
    parties = [
        BulkParty(
            uuid.uuid4(),
            PartyDraft(
                kind="person",
                civility="Mme" if i % 2 else "M.",
                first_name="Élodie" if i % 2 else "Jérôme",
                last_name=f"Guérin-{i:06d}",
                # One in 50 shares a household address: a duplicate the list leaves out.
                emails=(EmailEntry(f"foyer{i // 2}@exemple.fr" if i % 50 == 0 else f"p{i}@exemple.fr"),),
                addresses=(AddressEntry("3 rue des Écoles", "", "69001", "Lyon"),),
            ),
        )
        for i in range(people)
    ]
    bulk_insert_parties(db, parties, rebuild_indexes=True)
    ConsentService(db).record_many([p.id for p in parties[::100]], "email", "opt_out", source="bench")
    segment = SegmentService(db).create("Tous les Lyonnais", leaf("city", "equals", "Lyon")).id
    campaigns = CampaignService(db)
    campaign = campaigns.create(
        CampaignDraft(
            name="Fête du patrimoine",
            subject="Invitation, {first_name}",
            body=(
                "Bonjour {civility} {last_name},{% if organisation %} ({organisation}){% endif %}\nÀ bientôt à {city} !"
            ),
            targets=(TargetRef("segment", segment),),
        )
    ).id
    with stopwatch() as elapsed:
        preview, ids = campaigns.recipient_list(campaign)
    assert preview.recipients == len(ids) and preview.excluded["opted_out"] > 0, preview
    report(f"campaigns.recipient_list.{people}", elapsed() / 1000, "s", "<=", 2)
    with stopwatch() as elapsed:
        messages = campaigns.merge_messages(campaign, ids)
    assert len(messages) == len(ids) and messages[0].body.startswith("Bonjour")
    report(f"campaigns.mail_merge.{people}", len(messages) / (elapsed() / 1000), "messages/s", ">=", 2000)
    _campaign_letters(db, campaigns, ids[: min(people // 10, 5_000)], folder)
    db.dispose()


def _campaign_letters(db, campaigns, ids, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The letter channel for `ids` (5,000 recipients at full size): the ledger written,
    every letter merged, then the letters PDF and the address labels PDF (< 60 s for 5,000)."""
    from ekocrm_desktop.reports.campaigns import campaign_letters_pdf, labels_pdf
    from ekocrm_desktop.reports.letters import Letter
    from ekocrm_desktop.services.campaigns import CampaignDraft, TargetRef
    from ekocrm_desktop.services.groups import GroupService

    groups = GroupService(db)
    group = groups.create("Courrier d'automne")
    groups.add(group.id, ids)
    campaign = campaigns.create(
        CampaignDraft(
            name="Courrier d'automne",
            channel="letter",
            subject="Journées du patrimoine",
            body="{civility} {last_name},\n\nNous avons le plaisir de vous inviter à {city}.\n\nBien à vous.",
            targets=(TargetRef("group", group.id),),
        )
    ).id
    sender = ("Les Amis du Patrimoine Lyonnais", ("3 place des Terreaux", "69001 Lyon"))
    with stopwatch() as elapsed:
        merged = campaigns.letters(campaign)
        documents = [
            Letter(sender[0], sender[1], lines, "Lyon, le 10/12/2026", subject, body, "La présidente")
            for _party, lines, subject, body in merged
        ]
        campaign_letters_pdf(documents, folder / "campaign-letters.pdf", title="Courrier d'automne")
        labels_pdf([lines for _party, lines, _s, _b in merged], folder / "labels.pdf", title="Courrier d'automne")
    assert len(merged) == len(ids), (len(merged), len(ids))
    report(f"campaigns.letters_pdf.{len(merged)}", elapsed() / 1000, "s", "<=", 60)


if __name__ == "__main__":
    import sys

    run(quick="--quick" in sys.argv)
