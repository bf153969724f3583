"""Campaigns on a team database (issue 6 B): a collaborator builds and sends a campaign under
row-level security (the logged e-mails are theirs); consent is append-only for collaborators;
a reader cannot create a campaign."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from ekocrm_desktop.models.campaigns import Consent
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft
from ekocrm_desktop.services.groups import GroupService
from tests.conftest import TeamDatabase
from tests.integration.campaign_helpers import Inbox, smtp_sender, smtp_server

pytestmark = pytest.mark.postgres


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def test_a_collaborator_sends_a_campaign_and_consent_is_append_only(
    team: TeamDatabase, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    bob_id = team.party_ids["bob"]
    bob = team.database("bob")
    contacts = ContactService(bob, default_owner_id=bob_id)
    people = [
        contacts.create(
            PartyDraft(
                kind="person", first_name="Inès", last_name=f"Lefèvre{i}", emails=(EmailEntry(f"i{i}@exemple.fr"),)
            )
        ).id
        for i in range(3)
    ]
    groups = GroupService(bob)
    group = groups.create("Équipe de Bob").id
    groups.add(group, people)
    ConsentService(bob).record(people[2], "email", "opt_out", source="téléphone")
    campaigns = CampaignService(bob, sleep=lambda _s: None, me=bob_id)
    campaign = campaigns.create(
        CampaignDraft(
            name="Campagne de Bob", subject="Bonjour {first_name}", body="Texte", targets=(TargetRef("group", group),)
        )
    )
    assert campaign.draft.owner_id == bob_id
    report = campaigns.send(campaign.id, smtp_sender(port))
    assert report.sent == 2 and sorted(str(m["To"]) for m in inbox.messages) == ["i0@exemple.fr", "i1@exemple.fr"]
    assert campaigns.results(campaign.id).sent == 2
    # Consent history is proof: a collaborator cannot rewrite it.
    with pytest.raises(DBAPIError), bob.write_session() as session:
        session.execute(update(Consent).values(state="opt_in"))
        session.commit()
    with bob.session() as session:
        assert session.execute(text("SELECT state FROM consent")).scalars().all() == ["opt_out"]
    rita = team.database("rita")
    with pytest.raises(DBAPIError):
        CampaignService(rita, me=team.party_ids["rita"]).create(CampaignDraft(name="Interdit"))
    bob.dispose()
    rita.dispose()
