"""The follow-up centre (issue 6 item 8): late dues, unanswered invitations and campaign
recipients who did not respond in one worklist; reminders by e-mail (against aiosmtpd), letter
or call task, each logged, never through a channel the person refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.campaigns import BouncedAddress
from ekocrm_desktop.services.assemblies import AgendaEntry, AssemblyDraft, AssemblyService
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.follow_ups import FollowUpService
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.tasks import BulkTaskPlan
from tests.integration.campaign_helpers import Inbox, group_of, load_people, smtp_sender, smtp_server


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def test_worklist_joins_the_three_sources_and_reminders_are_logged(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    today = db.clock().date() + dt.timedelta(days=20)
    late, invited, silent, answered = load_people(db, 4)
    membership = MembershipService(db, today=lambda: today)
    kind = membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    membership.record(SubscriptionDraft(late, kind, dt.date(2025, 1, 1), Decimal("35"), dt.date(2025, 1, 10), "cheque"))
    assemblies = AssemblyService(db, membership=membership, today=lambda: today)
    assembly = assemblies.create(
        AssemblyDraft(
            title="Assemblée générale 2027",
            starts_at=dt.datetime.combine(today + dt.timedelta(days=10), dt.time(18), tzinfo=dt.UTC),
            place="Salle des fêtes",
            agenda=(AgendaEntry("Rapport moral"),),
            convocation="Bonjour {first_name}",
        )
    )
    assemblies.invite(assembly.id, Audience(members=False, party_ids=(invited,)))
    campaigns = CampaignService(db, sleep=lambda _s: None)
    campaign = campaigns.create(
        CampaignDraft(
            name="Appel aux dons",
            subject="Bonjour",
            body="Texte",
            targets=(TargetRef("group", group_of(db, "Donateurs", [silent, answered])),),
        )
    ).id
    campaigns.send(campaign, smtp_sender(port))
    row = next(r for r in campaigns.ledger(campaign, PageRequest(0, 10, 10)) if r.party_id == answered)
    campaigns.set_response([row.id], "paid")
    inbox.messages.clear()

    centre = FollowUpService(db, today=lambda: today)
    items = centre.worklist()
    assert sorted((i.kind, i.party_id) for i in items) == sorted(
        [("dues", late), ("invitation", invited), ("campaign", silent)]
    )
    about = {i.kind: i.about for i in items}
    assert next(i.since for i in items if i.kind == "dues") == dt.date(2025, 12, 31)
    assert about["invitation"] == "Assemblée générale 2027" and about["campaign"] == "Appel aux dons"
    # The person who refused e-mail is skipped; the others get one reminder each, logged.
    ConsentService(db).record(invited, "email", "opt_out", source="formulaire")
    outcome = centre.remind_by_email(
        items, "Relance : {about}", "Bonjour {first_name}, petit rappel ({about}).", smtp_sender(port)
    )
    assert (outcome.done, outcome.skipped) == (2, 1)
    assert sorted(str(m["To"]) for m in inbox.messages) == ["p0@exemple.fr", "p2@exemple.fr"]
    with db.session() as session:
        logged = session.scalar(
            select(func.count())
            .select_from(Activity)
            .join(ActivityLink, ActivityLink.activity_id == Activity.id)
            .where(Activity.subject.like("Relance%"), ActivityLink.party_id.in_([late, silent]))
        )
    assert logged == 2
    # An address that bounced for good (a campaign's hard bounce) is skipped too.
    with db.write_session() as session:
        session.add(BouncedAddress(address="p2@exemple.fr", bounced_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)))
        session.commit()
    inbox.messages.clear()
    again = centre.remind_by_email(items, "Relance : {about}", "Bonjour {first_name}.", smtp_sender(port))
    assert (again.done, again.skipped) == (1, 2)
    assert [str(m["To"]) for m in inbox.messages] == ["p0@exemple.fr"]
    with pytest.raises(ValidationFailedError) as info:
        centre.remind_by_email(items, "Relance", "Bonjour {prénom}", smtp_sender(port))
    assert info.value.errors[0].value == "prénom"
    letters = centre.remind_by_letter(items, "Relance", "Bonjour {name}")
    assert len(letters) == 3 and letters[0][2].startswith("Bonjour Élodie")
    # Who may be reached is read a slice of people at a time (a selection of any size): the same three.
    from ekocrm_desktop.services import paging

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "IN_LIST_SIZE", 2)
        assert centre.remind_by_call(items, BulkTaskPlan(subject="Appeler", rule="account_owner")) == 3
