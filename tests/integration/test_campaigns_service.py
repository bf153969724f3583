"""Campaigns and consent (issue 6 B): who a campaign reaches and why not, templates, sending
against a real SMTP server on loopback, an interrupted send that never sends twice, responses,
follow-ups and results checked against independent sums."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.campaigns import CampaignRecipient
from ekocrm_desktop.models.domains import Deal
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.reports.campaigns import campaign_letters_pdf, labels_pdf
from ekocrm_desktop.reports.letters import Letter
from ekocrm_desktop.services import paging
from ekocrm_desktop.services.campaigns import CampaignDraft, CampaignService, TargetRef, render_template
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.segments import SegmentService, leaf
from ekocrm_desktop.services.tasks import BulkTaskPlan
from tests.integration.campaign_helpers import (
    REFUSED,
    Inbox,
    group_of,
    load_people,
    smtp_sender,
    smtp_server,
)
from tests.integration.segment_fixtures import stages
from tests.support import counting

BODY = "Bonjour {civility} {last_name},{% if organisation %} ({organisation}){% endif %}\nÀ bientôt à {city} !"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def service(db: Database) -> CampaignService:
    return CampaignService(db, sleep=lambda _s: None, unsubscribe_address="stop@exemple.fr")


def email_campaign(db: Database, targets: tuple[TargetRef, ...], **changes: object) -> uuid.UUID:
    draft = CampaignDraft(
        name="Fête du patrimoine",
        subject="Invitation, {first_name}",
        body=BODY,
        targets=targets,
        per_minute=100_000,
        budget=Decimal("500"),
        actual_cost=Decimal("120"),
    )
    return service(db).create(CampaignDraft(**{**draft.__dict__, **changes})).id  # type: ignore[arg-type]


def test_preview_counts_recipients_and_says_why_the_others_are_excluded(db: Database) -> None:
    contacts = ContactService(db)

    def person(last: str, address: str = "", city: str = "Lyon") -> uuid.UUID:
        emails = (EmailEntry(address),) if address else ()
        return contacts.create(PartyDraft(kind="person", first_name="Zoé", last_name=last, emails=emails)).id

    ok = person("Arnaud", "arnaud@exemple.fr")
    twin_a = person("Bernard", "famille@exemple.fr")
    twin_b = person("Bernardin", "FAMILLE@exemple.fr")
    no_mail = person("Charpentier")
    opted = person("Dupré", "dupre@exemple.fr")
    left_out = person("Évrard", "evrard@exemple.fr")
    trashed = person("Fabre", "fabre@exemple.fr")
    contacts.delete([trashed])
    everyone = group_of(db, "Tous", [ok, twin_a, twin_b, no_mail, opted, left_out, trashed])
    board = group_of(db, "Bureau", [left_out])
    consent = ConsentService(db)
    consent.record(opted, "email", "opt_in", source="form", when=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    consent.record(opted, "email", "opt_out", source="phone", when=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    # An opt-in to letters says nothing about e-mail; a later opt-in wins over an earlier opt-out.
    consent.record(ok, "email", "opt_out", source="form", when=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    consent.record(ok, "email", "opt_in", source="form", when=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    campaigns = service(db)
    draft = CampaignDraft(
        name="Test", subject="s", body="b", targets=(TargetRef("group", everyone), TargetRef("group", board, True))
    )
    preview = campaigns.preview(draft)
    assert preview.recipients == 2
    assert dict(preview.excluded) == {
        "excluded_target": 1,
        "opted_out": 1,
        "no_address": 1,
        "bounced_address": 0,
        "duplicate_address": 1,
    }
    assert set(campaigns.recipient_ids(draft)) == {ok, twin_a}
    assert campaigns.recipient_list(draft) == (preview, campaigns.recipient_ids(draft))
    reasons = {party: reason for party, _name, reason in campaigns.excluded(draft)}
    assert reasons == {
        twin_b: "duplicate_address",
        no_mail: "no_address",
        opted: "opted_out",
        left_out: "excluded_target",
    }
    assert consent.current(opted)["email"] == "opt_out"
    assert [e.source for e in consent.history(opted)] == ["phone", "form"]


def test_templates_merge_french_fields_conditional_blocks_and_refuse_unknown_fields_by_name(db: Database) -> None:
    values = {
        "civility": "Mme",
        "last_name": "Guérin",
        "organisation": "",
        "city": "Besançon",
        "first_name": "Élodie",
        "name": "Élodie Guérin",
        "email": "",
        "campaign": "",
    }
    assert render_template(BODY, values) == "Bonjour Mme Guérin,\nÀ bientôt à Besançon !"
    assert "(Les Amis)" in render_template(BODY, {**values, "organisation": "Les Amis"})
    assert render_template("{% if not organisation %}Particulier{% else %}Pro{% endif %}", values) == "Particulier"
    campaigns = service(db)
    for body, field in (("Bonjour {prenom}", "prenom"), ("{% if adhérent %}x{% endif %}", "adhérent")):
        with pytest.raises(ValidationFailedError) as info:
            campaigns.create(CampaignDraft(name="x", subject="s", body=body))
        assert [(e.code, e.value) for e in info.value.errors] == [("unknown_merge_field", field)]
    with pytest.raises(ValidationFailedError):
        campaigns.create(CampaignDraft(name="x", subject="s", body="{% if city %}sans fin"))


def test_send_one_message_each_with_unsubscribe_then_smtp_failure_pauses_and_resume_finishes(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ids = load_people(db, 12)
    contacts = ContactService(db)
    refused = contacts.create(
        PartyDraft(kind="person", first_name="Rémi", last_name="Refusé", emails=(EmailEntry(REFUSED),))
    ).id
    bad = load_people(db, 1, prefix="bad")[0]
    with db.write_session() as session:  # an address imported before validation existed
        session.execute(update(Party).where(Party.id == bad).values(primary_email="pas une adresse"))
        session.commit()
    group = group_of(db, "Adhérents", [*ids, refused, bad])
    campaign = email_campaign(db, (TargetRef("group", group),))
    campaigns = service(db)
    send = smtp_sender(port)
    calls = [0]

    def failing_after_five(mail):  # type: ignore[no-untyped-def]
        calls[0] += 1
        inbox.down = calls[0] > 5
        send(mail)

    first = campaigns.send(campaign, failing_after_five)
    assert first.paused and "421" in first.paused
    info = campaigns.get(campaign)
    assert info.status == "paused" and "421" in info.last_error
    inbox.down = False
    second = campaigns.send(campaign, send)
    assert second.remaining == 0 and not second.paused
    assert campaigns.get(campaign).status == "done"
    received = inbox.per_address()
    assert set(received.values()) == {1}
    assert len(received) == 12  # the refused and the invalid address got nothing
    results = campaigns.results(campaign)
    assert (results.sent, results.failed, results.skipped) == (12, 1, 1)
    rows = {r.party_id: r for r in campaigns.ledger(campaign, PageRequest(0, 100, 100))}
    assert rows[refused].state == "failed" and "Mailbox unavailable" in rows[refused].reason
    assert rows[bad].state == "skipped" and rows[bad].reason.startswith("invalid_address")
    message = inbox.messages[0]
    assert message["Subject"] == "Invitation, Élodie"
    assert message.get_content().startswith("Bonjour Mme Guérin-")
    assert "À bientôt à Lyon !" in message.get_content()
    header = str(message["List-Unsubscribe"]).strip()
    assert header.startswith("<mailto:stop@exemple.fr?subject=STOP%20")
    token = header.split("STOP%20")[1].rstrip(">")
    assert token in message.get_content()
    # Each sent message is on the person's timeline.
    with db.session() as session:
        timeline = session.scalar(
            select(Activity.subject)
            .join(ActivityLink, ActivityLink.activity_id == Activity.id)
            .where(ActivityLink.party_id == ids[0], Activity.type == "email_out")
        )
    assert timeline == "Invitation, Élodie"
    # Unsubscribing by the code opts the person out: the next campaign leaves them out.
    entry = ConsentService(db).unsubscribe(token)
    assert entry.source == "unsubscribe" and entry.state == "opt_out"
    again = email_campaign(db, (TargetRef("group", group),), name="Seconde")
    assert entry.party_id not in campaigns.recipient_ids(again)
    assert campaigns.preview(again).excluded["opted_out"] == 1


def test_responses_follow_up_and_results_match_independent_sums(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    ids = load_people(db, 10)
    group = group_of(db, "Relance", ids)
    campaigns = service(db)
    campaign = email_campaign(db, (TargetRef("group", group),))
    campaigns.send(campaign, smtp_sender(port))
    rows = campaigns.ledger(campaign, PageRequest(0, 100, 100))
    by_party = {r.party_id: r.id for r in rows}
    campaigns.set_response([by_party[ids[0]], by_party[ids[1]]], "interested")
    campaigns.set_response([by_party[ids[2]]], "paid")
    campaigns.set_response([by_party[ids[3]]], "not_interested")
    # Two deals won from the campaign, one lost, one won elsewhere.
    stage = stages(db)
    with db.write_session() as session:
        for amount, status, linked in (
            ("1200.50", "won", True),
            ("300", "won", True),
            ("999", "lost", True),
            ("50", "won", False),
        ):
            session.add(
                Deal(
                    title="Adhésion",
                    stage_id=stage["Gagné"],
                    status=status,
                    amount=Decimal(amount),
                    campaign_id=campaign if linked else None,
                )
            )
        session.commit()
    results = campaigns.results(campaign)
    with db.session() as session:
        states = [
            s
            for (s,) in session.execute(
                select(CampaignRecipient.state).where(CampaignRecipient.campaign_id == campaign)
            )
        ]
        responses = [
            r
            for (r,) in session.execute(
                select(CampaignRecipient.response).where(CampaignRecipient.campaign_id == campaign)
            )
        ]
        won = [d for d in session.scalars(select(Deal)) if d.campaign_id == campaign and d.status == "won"]
    assert results.sent == states.count("sent") == 10
    assert results.responses["interested"] == responses.count("interested") == 2
    assert results.responded == sum(1 for r in responses if r) == 4
    assert results.cost_per_response == Decimal("30.00")  # 120 € for 4 responses
    assert (results.deals_won, results.revenue) == (len(won), sum((d.amount for d in won), Decimal(0)))
    assert results.revenue == Decimal("1500.50")
    # Follow-up to those who did not respond: the six others, nobody else.
    inbox.messages.clear()
    step = campaigns.follow_up(campaign, "no_response", "Relance : {first_name}", "Nous n’avons pas eu de réponse.")
    assert step.position == 2
    report = campaigns.send(campaign, smtp_sender(port))
    assert report.sent == 6
    expected = {f"p{i}@exemple.fr" for i in range(4, 10)}
    assert set(inbox.per_address()) == expected and set(inbox.per_address().values()) == {1}
    assert all(str(m["Subject"]) == "Relance : Élodie" for m in inbox.messages)
    # Once sent, who it goes to is fixed (a follow-up adds people back); the rest stays editable.
    info = campaigns.get(campaign)
    with pytest.raises(ValidationFailedError) as locked:
        campaigns.update(campaign, info.version, CampaignDraft(**{**info.draft.__dict__, "targets": ()}))
    assert [e.field for e in locked.value.errors] == ["targets"]
    edited = campaigns.update(
        campaign, info.version, CampaignDraft(**{**info.draft.__dict__, "actual_cost": Decimal("150")})
    )
    assert edited.draft.actual_cost == Decimal("150")
    # "Did not pay": everyone but the payer.
    unpaid = campaigns.follow_up(campaign, "not_paid", "Cotisation", "Merci de régler votre cotisation.")
    assert campaigns.ledger_count(campaign, step=unpaid.position, state="pending") == 9


def test_letters_and_call_tasks_leave_out_those_who_opted_out_of_that_channel(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = load_people(db, 5)
    group = group_of(db, "Courrier", ids)
    ConsentService(db).record(ids[0], "post", "opt_out", source="courrier")
    ConsentService(db).record(ids[1], "phone", "opt_out", source="appel")
    campaigns = service(db)
    letter = email_campaign(db, (TargetRef("group", group),), channel="letter", name="Lettre")
    letters = campaigns.letters(letter)
    assert {p for p, *_ in letters} == set(ids[1:])
    assert all(lines[-1] == "69001 Lyon" for _p, lines, _s, _b in letters)
    # The PDF mail merge and the labels, read back: the right names, accents kept.
    pdf = campaign_letters_pdf(
        [
            Letter("Les Amis", ("1 place Bellecour",), lines, "Lyon, le 6 décembre 2026", s, b)
            for _p, lines, s, b in letters
        ],
        title="Lettres",
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Bonjour Mme Guérin-0001" in text and "Guérin-0000" not in text
    labels = labels_pdf([lines for _p, lines, _s, _b in letters], title="Étiquettes")
    label_text = PdfReader(io.BytesIO(labels)).pages[0].extract_text()
    assert "Mme Élodie Guérin-0004" in label_text and "3 rue des Écoles" in label_text
    assert campaigns.results(letter).sent == 4
    with db.write_session() as session:
        for index, party_id in enumerate(ids):  # distinct numbers: a shared one is a duplicate
            session.execute(update(Party).where(Party.id == party_id).values(primary_phone=f"+3361234567{index}"))
        session.commit()
    phone = email_campaign(db, (TargetRef("group", group),), channel="phone", name="Appels")
    assert campaigns.preview(phone).excluded["opted_out"] == 1
    # The ledger is marked a slice of people at a time, whatever the campaign's size (one IN list
    # of every recipient failed over 65,535 on PostgreSQL).
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 2)
    with counting.statements(db) as run:
        created = campaigns.call_tasks(phone, BulkTaskPlan(subject="Appeler pour la fête", rule="account_owner"))
    assert created == 4 and campaigns.results(phone).sent == 4
    lengths = [
        n
        for sql in run
        if sql.lstrip().upper().startswith("UPDATE CAMPAIGN_RECIPIENT")
        for n in counting.in_list_lengths(sql)
    ]
    assert lengths and max(lengths) <= 2, lengths


def test_segment_targets_and_exclusions_are_computed_in_sql(db: Database) -> None:
    lyon = load_people(db, 4, prefix="lyon", city="Lyon")
    paris = load_people(db, 3, prefix="paris", city="Paris")
    segments = SegmentService(db)
    in_lyon = segments.create("Lyonnais", leaf("city", "equals", "Lyon")).id
    everyone = segments.create("Tous", leaf("email", "contains", "exemple")).id
    campaigns = service(db)
    draft = CampaignDraft(
        name="Ségments",
        subject="s",
        body="b",
        targets=(TargetRef("segment", everyone), TargetRef("segment", in_lyon, True)),
    )
    assert set(campaigns.recipient_ids(draft)) == set(paris)
    assert campaigns.preview(draft).excluded["excluded_target"] == len(lyon)
    saved = campaigns.create(draft)
    edited = campaigns.update(saved.id, saved.version, CampaignDraft(**{**draft.__dict__, "name": "Segments"}))
    assert edited.version == saved.version + 1 and edited.draft.targets == draft.targets
    from ekocrm_desktop.services.errors import ConflictError

    with pytest.raises(ConflictError):
        campaigns.update(saved.id, saved.version, draft)


def test_kill_the_sender_with_sigkill_halfway_and_resume_sends_nobody_twice(
    sqlite_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    ids = load_people(db, 1000)
    group = group_of(db, "Mille", ids)
    campaign = email_campaign(db, (TargetRef("group", group),))
    script = Path(__file__).with_name("campaign_sender.py")
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, str(script), str(sqlite_path), str(port), str(campaign)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "sent 400":
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    killed_at = len(inbox.messages)
    assert 400 <= killed_at < 1000
    campaigns = service(db)
    to_check = campaigns.to_check(campaign)
    assert len(to_check) <= 1  # the one message being sent at the kill, flagged for a person
    report = campaigns.send(campaign, smtp_sender(port))
    assert report.remaining == 0
    received = inbox.per_address()
    assert max(received.values()) == 1  # nobody twice
    flagged = {r.address for r in to_check}
    assert set(received) | flagged == {f"p{i}@exemple.fr" for i in range(1000)}
    assert len(received) >= 999
    # A person checks the flagged one: not received, send it again; then everyone has exactly one.
    if to_check and to_check[0].address not in received:
        campaigns.resolve([to_check[0].id], delivered=False)
        campaigns.send(campaign, smtp_sender(port))
    elif to_check:
        campaigns.resolve([to_check[0].id], delivered=True)
    received = inbox.per_address()
    assert len(received) == 1000 and set(received.values()) == {1}
    assert campaigns.results(campaign).sent == 1000
    first = inbox.messages[0]
    assert str(first["Subject"]) == "Invitation, Élodie" and "List-Unsubscribe" in first
    db.dispose()


def test_a_test_send_goes_to_me_only_and_refuses_a_bad_address_or_template(
    db: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    ids = load_people(db, 3)
    group = group_of(db, "Essai", ids)
    campaigns = service(db)
    campaign = email_campaign(db, (TargetRef("group", group),))
    campaigns.test_send(campaign, "moi@exemple.fr", smtp_sender(port), party_id=ids[1])
    assert [str(m["To"]) for m in inbox.messages] == ["moi@exemple.fr"]
    assert str(inbox.messages[0]["Subject"]) == "[TEST] Invitation, Élodie"
    assert "Guérin-0001" in inbox.messages[0].get_content()
    with pytest.raises(ValidationFailedError):
        campaigns.test_send(campaign, "pas une adresse", smtp_sender(port))
    assert campaigns.ledger_count(campaign) == 0  # a test writes no ledger
    assert len(inbox.messages) == 1


def test_sending_keeps_to_the_pace_with_an_injected_clock(db: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    group = group_of(db, "Rythme", load_people(db, 4))
    now = [1000.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    campaigns = CampaignService(db, sleep=sleep, monotonic=lambda: now[0])
    campaign = email_campaign(db, (TargetRef("group", group),), per_minute=30)  # one every 2 s
    report = campaigns.send(campaign, smtp_sender(port))
    assert report.sent == 4 and len(inbox.messages) == 4
    assert sleeps == [2.0, 2.0, 2.0]  # none before the first message
