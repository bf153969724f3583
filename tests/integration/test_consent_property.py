"""Property (issue 6, ARCHITECTURE §7): for random people, consents and targets, nobody who
opted out of a channel (the latest consent decides) or was erased is ever in a send or a mail
merge, and every reachable address gets exactly one message."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.bulk import BulkParty, bulk_insert_parties
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import AddressEntry, EmailEntry, PartyDraft
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.services.paging import PageRequest

_run = itertools.count()
person = st.fixed_dictionaries(
    {
        "email": st.sampled_from(["", "a@exemple.fr", "b@exemple.fr", "c@exemple.fr", "unique"]),
        "consents": st.lists(
            st.tuples(st.sampled_from(["email", "post", "sms"]), st.sampled_from(["opt_in", "opt_out"])), max_size=4
        ),
        "groups": st.sets(st.sampled_from([0, 1]), max_size=2),
        "erased": st.booleans(),
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(person, min_size=1, max_size=10),
    include=st.sets(st.sampled_from([0, 1]), min_size=1),
    exclude=st.sets(st.sampled_from([0, 1]), max_size=1),
    channel=st.sampled_from(["email", "letter"]),
)
def test_no_opted_out_or_erased_person_is_ever_sent_to_or_merged(
    db: Database, people: list[dict], include: set[int], exclude: set[int], channel: str
) -> None:
    run = next(_run)
    rows = []
    for index, spec in enumerate(people):
        address = spec["email"]
        if address == "unique":
            address = f"u{run}-{index}@exemple.fr"
        draft = PartyDraft(
            kind="person",
            first_name="Gaëlle",
            last_name=f"Nom{run:03d}{index:03d}",
            emails=(EmailEntry(address),) if address else (),
            addresses=(AddressEntry("5 quai Saint-Antoine", "", "69002", "Lyon"),),
        )
        rows.append(BulkParty(uuid.uuid4(), draft))
    bulk_insert_parties(db, rows)
    ids = [r.id for r in rows]
    consent = ConsentService(db)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    latest: dict[tuple[uuid.UUID, str], str] = {}
    for index, spec in enumerate(people):
        for step, (kind, state) in enumerate(spec["consents"]):
            consent.record(ids[index], kind, state, source="test", when=base + dt.timedelta(days=step))
            latest[(ids[index], kind)] = state
    groups = GroupService(db)
    group_ids = [groups.create(f"G{run}-{g}").id for g in (0, 1)]
    for g in (0, 1):
        groups.add(group_ids[g], [ids[i] for i, spec in enumerate(people) if g in spec["groups"]])
    erased = [ids[i] for i, spec in enumerate(people) if spec["erased"]]
    if erased:  # GDPR erasure deletes the person for good (issue 10): rows cascade away
        with db.write_session() as session:
            session.execute(delete(Party).where(Party.id.in_(erased)))
            session.commit()
    consent_channel = "post" if channel == "letter" else "email"
    opted_out = {p for (p, kind), state in latest.items() if kind == consent_channel and state == "opt_out"}
    forbidden = opted_out | set(erased)

    campaigns = CampaignService(db, sleep=lambda _s: None)
    targets = tuple(TargetRef("group", group_ids[g]) for g in include) + tuple(
        TargetRef("group", group_ids[g], True) for g in exclude
    )
    campaign = campaigns.create(
        CampaignDraft(
            name=f"Propriété {run}", channel=channel, subject="Bonjour {first_name}", body="{name}", targets=targets
        )
    ).id
    recipients = set(campaigns.recipient_ids(campaign))
    assert not recipients & forbidden
    assert not {m.party_id for m in campaigns.merge_messages(campaign)} & forbidden
    assert not {m.party_id for m in campaigns.merge_messages(campaign, ids)} & forbidden  # even when asked
    # Who should be reached, computed here in Python.
    reachable = [
        i
        for i, spec in enumerate(people)
        if spec["groups"] & include
        and not spec["groups"] & exclude
        and ids[i] not in forbidden
        and (channel == "letter" or spec["email"])
    ]
    if channel == "email":
        addresses = {p: (people[i]["email"] if people[i]["email"] != "unique" else ids[i]) for i, p in enumerate(ids)}
        assert sorted((addresses[p] for p in recipients), key=str) == sorted(
            {addresses[ids[i]] for i in reachable}, key=str
        )
        campaigns.prepare(campaign)
        pending = {r.party_id for r in campaigns.ledger(campaign, PageRequest(0, 1000, 1000)) if r.state == "pending"}
        assert pending == recipients
    else:
        assert recipients == {ids[i] for i in reachable}
        assert not {p for p, *_ in campaigns.letters(campaign)} & forbidden
