"""SMS campaigns (issue 6): sent through the workspace's HTTP gateway (a real HTTP server on
loopback), one ledger row per recipient, consent per channel, a STOP line, the pace kept, an
outage that pauses and resumes without sending anyone twice (also after SIGKILL), each SMS on
the person's timeline; without a gateway, tasks "to send by hand"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.campaigns import Consent
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.bounces import SMS_STOP_SOURCE, BounceService
from ekocrm_desktop.services.campaigns import SMS_STOP_LINE, CampaignDraft, CampaignService, TargetRef, sms_text
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PhoneEntry
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.sms import BY_HAND, SmsService
from tests.integration.campaign_helpers import group_of
from tests.integration.sms_gateway import KEY, REFUSED_NUMBER, SmsGatewayServer, gateway_server

BODY = "Bonjour {first_name}, l’assemblée générale a lieu le 12/12 à 18 h à {city}."


@pytest.fixture
def gateway() -> Iterator[SmsGatewayServer]:
    yield from gateway_server()


def people(db: Database, count: int) -> list[uuid.UUID]:
    contacts = ContactService(db)
    return [
        contacts.create(
            PartyDraft(
                kind="person", first_name="Gaëlle", last_name=f"Hervé-{i}", phones=(PhoneEntry(f"06 10 00 00 {i:02d}"),)
            )
        ).id
        for i in range(count)
    ]


def sms_campaign(db: Database, group: uuid.UUID, *, per_minute: int = 100_000, body: str = BODY) -> uuid.UUID:
    draft = CampaignDraft(
        name="AG 2026", channel="sms", body=body, per_minute=per_minute, targets=(TargetRef("group", group),)
    )
    return CampaignService(db).create(draft).id


def test_an_sms_campaign_goes_through_the_gateway_once_each_with_consent_pace_and_timeline(
    db: Database, gateway: SmsGatewayServer
) -> None:
    sms = SmsService(db, secrets=SecretStore())
    sms.save_config(gateway.config(), KEY)
    ids = people(db, 6)
    contacts = ContactService(db)
    refused = contacts.create(
        PartyDraft(kind="person", first_name="Rémi", last_name="Refusé", phones=(PhoneEntry(REFUSED_NUMBER),))
    ).id
    no_phone = contacts.create(PartyDraft(kind="person", first_name="Noël", last_name="Sans-Mobile")).id
    consent = ConsentService(db)
    consent.record(ids[0], "sms", "opt_out", source="formulaire")
    consent.record(ids[1], "email", "opt_out", source="formulaire")  # e-mail only: still gets the SMS
    group = group_of(db, "Bureau", [*ids, refused, no_phone])
    campaign = sms_campaign(db, group, per_minute=30)
    sleeps: list[float] = []
    campaigns = CampaignService(db, sleep=sleeps.append, monotonic=lambda: 100.0)
    preview = campaigns.preview(campaign)
    assert preview.recipients == 6 and preview.excluded["opted_out"] == 1 and preview.excluded["no_address"] == 1

    # The gateway goes down after two messages: the campaign pauses with the reason.
    gateway_sms = sms.gateway()
    assert gateway_sms is not None
    sent_now = [0]

    class FlakyGateway:
        def send(self, to: str, text: str) -> None:
            if sent_now[0] == 2:
                gateway.mode = "down"
            gateway_sms.send(to, text)
            sent_now[0] += 1

    first = campaigns.send_sms(campaign, FlakyGateway())
    assert first.sent == 2 and "HTTP 503" in first.paused
    assert campaigns.get(campaign).status == "paused" and "503" in campaigns.get(campaign).last_error
    # A wrong key would refuse every message: it pauses too instead of failing everyone.
    gateway.mode = "auth"
    second = campaigns.send_sms(campaign, gateway_sms)
    assert second.sent == 0 and second.failed == 0 and "HTTP 401" in second.paused
    gateway.mode = "ok"
    done: list[tuple[int, int]] = []
    third = campaigns.send_sms(campaign, gateway_sms, progress=lambda d, t: done.append((d, t)))
    assert third.remaining == 0 and not third.paused and third.failed == 1
    assert campaigns.get(campaign).status == "done"
    assert done[-1][0] == done[-1][1] == 4

    received = gateway.per_number()
    assert set(received.values()) == {1} and len(received) == 5
    assert "+33610000000" not in received  # opted out of SMS
    text = dict(gateway.accepted)["+33610000003"]
    assert text == f"Bonjour Gaëlle, l’assemblée générale a lieu le 12/12 à 18 h à .\n{SMS_STOP_LINE}"
    # The pace: 30 a minute is one every 2 s, slept in short naps (the first of each send waits for nobody).
    assert max(sleeps) <= 0.25 and sum(sleeps) >= 4.0 and round(sum(sleeps), 6) % 2.0 == 0

    rows = {r.party_id: r for r in campaigns.ledger(campaign, PageRequest(0, 100, 100))}
    assert rows[refused].state == "failed" and "HTTP 400" in rows[refused].reason
    assert rows[ids[0]].state == "skipped" and rows[ids[0]].reason == "opted_out"
    assert rows[no_phone].state == "skipped" and rows[no_phone].reason == "no_address"
    assert rows[ids[1]].state == "sent" and rows[ids[1]].address == "+33610000001"
    results = campaigns.results(campaign)
    assert (results.sent, results.failed, results.skipped) == (5, 1, 2)
    with db.session() as session:
        timeline = session.execute(
            select(Activity.type, Activity.body, Activity.is_task)
            .join(ActivityLink, ActivityLink.activity_id == Activity.id)
            .where(ActivityLink.party_id == ids[3])
        ).all()
    assert [(t, task) for t, _b, task in timeline] == [("sms", False)]
    assert timeline[0][1].startswith("+33610000003\n\nBonjour Gaëlle") and SMS_STOP_LINE in timeline[0][1]


def test_cancel_resume_and_the_stop_line_is_not_doubled(db: Database, gateway: SmsGatewayServer) -> None:
    ids = people(db, 5)
    group = group_of(db, "Bureau", ids)
    campaign = sms_campaign(db, group, body="Rappel : cotisation 2027. STOP au 36111")
    sms = SmsService(db, secrets=SecretStore())
    sms.save_config(gateway.config(), KEY)
    gateway_sms = sms.gateway()
    assert gateway_sms is not None
    campaigns = CampaignService(db, sleep=lambda _s: None)
    asked = [0]

    def cancel_after_two() -> bool:
        asked[0] += 1
        return asked[0] > 2

    paused = campaigns.send_sms(campaign, gateway_sms, cancelled=cancel_after_two)
    assert paused.cancelled and paused.sent == 2 and paused.remaining == 3
    finished = campaigns.send_sms(campaign, gateway_sms)
    assert finished.sent == 3
    assert set(gateway.per_number().values()) == {1} and len(gateway.per_number()) == 5
    assert {text for _to, text in gateway.accepted} == {"Rappel : cotisation 2027. STOP au 36111"}
    assert sms_text("Bonjour") == f"Bonjour\n{SMS_STOP_LINE}"
    # An e-mail campaign is not sent as SMS (and the other way round).
    with pytest.raises(ValidationFailedError):
        campaigns.send(campaign, lambda _mail: None)
    empty = sms_campaign(db, group, body="   ")
    with pytest.raises(ValidationFailedError) as failure:
        campaigns.send_sms(empty, gateway_sms)
    assert failure.value.errors[0].field == "body"


def test_without_a_gateway_each_sms_is_a_task_to_send_by_hand(db: Database) -> None:
    ids = people(db, 3)
    group = group_of(db, "Bureau", ids)
    campaign = sms_campaign(db, group)
    campaigns = CampaignService(db)
    report = campaigns.send_sms(campaign, SmsService(db, secrets=SecretStore()).gateway())
    assert report.sent == 3
    rows = campaigns.ledger(campaign, PageRequest(0, 10, 10))
    assert {(r.state, r.reason) for r in rows} == {("sent", BY_HAND)}
    with db.session() as session:
        tasks = session.execute(
            select(Activity.type, Activity.is_task, Activity.outcome, Activity.due_at)
            .join(ActivityLink, ActivityLink.activity_id == Activity.id)
            .where(ActivityLink.party_id.in_(ids))
        ).all()
    assert len(tasks) == 3 and {(t, task, outcome) for t, task, outcome, _due in tasks} == {("sms", True, BY_HAND)}
    assert all(due is not None for *_rest, due in tasks)


def test_a_killed_sms_send_resumes_without_sending_anyone_twice(tmp_path: Path, gateway: SmsGatewayServer) -> None:
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file

    path = tmp_path / "sms.sqlite"
    upgrade_sqlite_file(path)
    db = Database(make_engine(sqlite_url(path)), actor="test")
    ids = people(db, 40)
    campaign = sms_campaign(db, group_of(db, "Tous", ids))
    script = Path(__file__).with_name("campaign_sms_sender.py")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, str(script), str(path), gateway.url, str(campaign)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "sent 10":
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert 10 <= len(gateway.accepted) < 40
    campaigns = CampaignService(db, sleep=lambda _s: None)
    # At most the one message in flight is "to check": the gateway has it, so it was delivered.
    checking = campaigns.to_check(campaign)
    assert len(checking) <= 1
    delivered = {to for to, _text in gateway.accepted}
    campaigns.resolve([r.id for r in checking if r.address in delivered], delivered=True)
    campaigns.resolve([r.id for r in checking if r.address not in delivered], delivered=False)
    sms = SmsService(db, secrets=SecretStore())
    sms.save_config(gateway.config(), KEY)
    gateway_sms = sms.gateway()
    assert gateway_sms is not None
    campaigns.send_sms(campaign, gateway_sms)
    counts = gateway.per_number()
    assert len(counts) == 40 and set(counts.values()) == {1}
    assert campaigns.results(campaign).sent == 40
    db.dispose()


def test_stop_replies_exported_by_the_provider_opt_the_senders_out_of_sms(
    db: Database, gateway: SmsGatewayServer, tmp_path: Path
) -> None:
    ids = people(db, 5)
    # A household: two people share the number of ids[2]; a STOP from it opts both out.
    partner = (
        ContactService(db)
        .create(
            PartyDraft(kind="person", first_name="Hervé", last_name="Foyer", phones=(PhoneEntry("06 10 00 00 02"),))
        )
        .id
    )
    group = group_of(db, "Bureau", [*ids, partner])
    sms = SmsService(db, secrets=SecretStore())
    sms.save_config(gateway.config(), KEY)
    gateway_sms = sms.gateway()
    assert gateway_sms is not None
    campaigns = CampaignService(db, sleep=lambda _s: None)
    assert campaigns.send_sms(sms_campaign(db, group), gateway_sms).sent == 5  # one SMS a number

    # The provider's site exports the SMS received: its numbers without "+", French headers,
    # a reply over two lines, a STOP sent twice, a stranger, a number that is none.
    export = tmp_path / "sms-recus.csv"
    export.write_text(
        "Date;Expéditeur;Message\r\n"
        "07/12/2026 10:02;33610000000;STOP\r\n"
        "07/12/2026 10:05;33610000001;Merci pour l'info, je viendrai\r\n"
        "07/12/2026 10:06;33610000002;Stop SMS, merci !\r\n"
        '07/12/2026 10:09;+33610000003;"Arrêt\r\nmerci"\r\n'
        "07/12/2026 11:00;33610000000;STOP\r\n"
        "07/12/2026 11:30;33699999999;STOP\r\n"
        "07/12/2026 11:31;SFR Info;STOP\r\n",
        encoding="utf-8",
    )
    bounces = BounceService(db)
    report = bounces.import_files([export])
    outcomes = {o.name: (o.status, o.reason, o.linked) for o in report.outcomes}
    assert outcomes == {
        "sms-recus.csv:2": ("unsubscribed", "", 1),
        "sms-recus.csv:3": ("ignored", "not_stop", 0),
        "sms-recus.csv:4": ("unsubscribed", "", 2),
        "sms-recus.csv:5": ("unsubscribed", "", 1),
        "sms-recus.csv:7": ("duplicate", "already_opted_out", 1),
        "sms-recus.csv:8": ("error", "unknown_number", 0),
        "sms-recus.csv:9": ("error", "bad_number", 0),
    }
    consent = ConsentService(db)
    stopped = {ids[0], ids[2], partner, ids[3]}
    for party in [*ids, partner]:
        assert consent.current(party)["sms"] == ("opt_out" if party in stopped else ""), party
        assert consent.current(party)["email"] == ""  # only the channel the reply came through
    assert consent.history(ids[0])[0].source == SMS_STOP_SOURCE
    # The next SMS campaign leaves them out, saying why.
    preview = campaigns.preview(sms_campaign(db, group))
    assert preview.recipients == 2 and preview.excluded["opted_out"] == 4

    # The same export read again records nothing more; an Excel export with English headers
    # and the numbers as numbers is read the same way.
    with db.session() as session:
        before = session.scalar(select(func.count()).select_from(Consent))
    again = bounces.import_files([export])
    assert again.count("unsubscribed") == 0 and again.count("duplicate") == 4
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Received", "From", "Text"])
    sheet.append(["2026-12-07 12:00", 33610000004, "stop"])
    sheet.append(["2026-12-07 12:01", 33610000001, "Thanks!"])
    workbook.save(tmp_path / "inbound.xlsx")
    excel = bounces.import_files([tmp_path / "inbound.xlsx"])
    assert [(o.name, o.status) for o in excel.outcomes] == [
        ("inbound.xlsx:2", "unsubscribed"),
        ("inbound.xlsx:3", "ignored"),
    ]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Consent)) == before + 1
    assert consent.current(ids[4])["sms"] == "opt_out" and consent.current(ids[1])["sms"] == ""


def test_an_export_that_is_not_one_of_received_sms_is_said_so_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    ids = people(db, 1)
    columns = tmp_path / "agenda.csv"
    columns.write_text("Date;Lieu\r\n07/12/2026;Lyon\r\n", encoding="utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    report = BounceService(db).import_files([columns, broken, empty])
    assert [(o.name, o.status, o.reason) for o in report.outcomes] == [
        ("agenda.csv", "error", "no_sms_columns"),
        ("broken.xlsx", "error", "unreadable"),
        ("empty.csv", "error", "unreadable"),
    ]
    assert ConsentService(db).history(ids[0]) == []


@pytest.mark.parametrize(
    "header",
    ["Date;SMS ID;From;Message", "Horodatage;Numéro de l'expéditeur;Texte reçu", "a;b;c"],
    ids=["english-with-an-id", "french", "no-known-header"],
)
def test_the_sender_and_message_columns_are_found_by_name_else_by_content(
    db: Database, tmp_path: Path, header: str
) -> None:
    ids = people(db, 1)
    columns = header.split(";")
    values = {"Date": "07/12/2026", "SMS ID": "88211", "From": "33610000000", "Message": "Stop"}
    french = {"Horodatage": "2026-12-07 10:00", "Numéro de l'expéditeur": "+33 6 10 00 00 00", "Texte reçu": "STOP"}
    plain = {"a": "2026-12-07", "b": "0610000000", "c": "stop svp"}
    row = [{**values, **french, **plain}[c] for c in columns]
    export = tmp_path / "recus.csv"
    export.write_text(f"{header}\r\n{';'.join(row)}\r\n", encoding="utf-8")
    report = BounceService(db).import_files([export])
    assert [(o.status, o.linked) for o in report.outcomes] == [("unsubscribed", 1)]
    assert ConsentService(db).current(ids[0])["sms"] == "opt_out"
