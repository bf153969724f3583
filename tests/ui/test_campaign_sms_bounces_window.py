"""SMS campaigns, bounces, unsubscribe replies and the deal's campaign through the real window
(issue 6): send an SMS campaign to a local HTTP gateway with progress, pause and resume; without
a gateway, tasks to send by hand; drop bounce and reply files on the campaigns page and see the
ledger, the results and the next campaign's exclusions; link a won deal to a campaign from the
deal form and see its revenue in the campaign's results."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ekocrm_desktop.models.activities import Activity
from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft, PhoneEntry
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.ui.dialogs.deal_dialogs import DealDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.campaigns_page import CampaignsPage
from ekocrm_desktop.ui.pages.deals_page import DealsPage

from ..integration.campaign_helpers import Inbox, smtp_server
from ..integration.sms_gateway import KEY, SmsGatewayServer, gateway_server
from ..integration.test_campaign_bounces import dsn, reply
from .conftest import type_text
from .test_campaigns_window import use_mail_account


@pytest.fixture
def gateway() -> Iterator[SmsGatewayServer]:
    yield from gateway_server()


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def campaigns_page(window: MainWindow) -> CampaignsPage:
    page = window.show_page("campaigns")
    assert isinstance(page, CampaignsPage)
    page.refresh()
    return page


def build(page: CampaignsPage, name: str, channel: str, group: uuid.UUID, body: str, subject: str = "") -> None:
    page.new_campaign()
    type_text(page.name_edit, name)
    page.channel_combo.setCurrentIndex(page.channel_combo.findData(channel))
    page.check_target("group", group)
    page.subject_edit.setText(subject)
    page.body_edit.setPlainText(body)


def test_an_sms_campaign_from_the_window_with_progress_pause_and_resume(
    window: MainWindow, qtbot, gateway: SmsGatewayServer, answers: list[str]
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    ids = [
        session.contacts.create(
            PartyDraft(
                kind="person",
                first_name="Aurélie",
                last_name=f"Bénard-{i:02d}",
                phones=(PhoneEntry(f"06 20 00 00 {i:02d}"),),
            )
        ).id
        for i in range(24)
    ]
    ConsentService(session.db).record(ids[0], "sms", "opt_out", source="téléphone")
    groups = GroupService(session.db)
    group = groups.create("Bénévoles")
    groups.add(group.id, ids)
    session.sms.save_config(gateway.config(), KEY)

    page = campaigns_page(window)
    build(page, "Rappel AG", "sms", group.id, "Bonjour {first_name}, AG samedi 10 h.")
    page.per_minute_edit.setValue(600)  # one every 0.1 s: long enough to press Pause
    assert page.count_label.text().startswith("23 recipient") and "opted out" in page.count_label.text()
    preview = page.preview_view.toPlainText()
    assert "Bonjour Aurélie, AG samedi 10 h.\nSTOP : répondez STOP" in preview and "SMS of" in preview
    assert not page.subject_edit.isEnabled()
    # A test to my own mobile first; a wrong number is said so.
    page.test_address.setText("abc")
    page.test_send()
    assert any("“abc” is not a mobile number." in text for text in answers) and gateway.accepted == []
    page.test_address.setText("06 99 88 77 66")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert gateway.accepted == [("+33699887766", "[TEST] Bonjour Aurélie, AG samedi 10 h.\nSTOP : répondez STOP")]
    assert page.campaigns.results(page.current.id).sent == 0
    gateway.accepted.clear()
    page.tabs.setCurrentIndex(1)
    page.send()
    assert page.worker is not None and page.pause_button.isEnabled() and not page.send_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.value() >= 3, timeout=15_000)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.worker is None, timeout=15_000)
    assert page.last_report is not None and page.last_report.cancelled and page.last_report.remaining > 0
    assert "left to send" in page.send_status.text()
    paused_at = len(gateway.accepted)
    assert 3 <= paused_at < 23
    page.send()
    qtbot.waitUntil(lambda: page.worker is None and not page.last_report.cancelled, timeout=30_000)
    counts = gateway.per_number()
    assert len(counts) == 23 and set(counts.values()) == {1} and "+33620000000" not in counts
    assert page.result_labels["sent"].text() == "23" and page.result_labels["skipped"].text() == "1"
    assert page.list_model.rows[0].sent == 23
    assert page.send_status.text() == f"Done: {23 - paused_at} messages sent."


def test_without_a_gateway_the_window_asks_then_logs_tasks_by_hand(
    window: MainWindow, qtbot, answers: list[str]
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    ids = [
        session.contacts.create(
            PartyDraft(
                kind="person", first_name="Léon", last_name=f"Ménard-{i}", phones=(PhoneEntry(f"06 30 00 00 {i:02d}"),)
            )
        ).id
        for i in range(2)
    ]
    groups = GroupService(session.db)
    group = groups.create("Bureau")
    groups.add(group.id, ids)
    page = campaigns_page(window)
    build(page, "Convocation", "sms", group.id, "Bureau lundi 18 h")
    page.send()
    assert any("No SMS gateway" in text for text in answers)
    qtbot.waitUntil(lambda: page.worker is None and page.last_report is not None, timeout=15_000)
    assert page.result_labels["sent"].text() == "2"
    assert page.ledger_model.rowCount() == 2
    reason = page.ledger_model.index(0, 4).data()
    assert reason == "to send by hand (no SMS gateway)"
    with session.db.session() as db_session:
        tasks = db_session.scalars(select(Activity.is_task).where(Activity.type == "sms")).all()
    assert tasks == [True, True]


def drop_files(page: CampaignsPage, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(page, drop)


def test_stop_replies_to_an_sms_campaign_dropped_on_the_campaigns_page(
    window: MainWindow, qtbot, gateway: SmsGatewayServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    ids = [
        session.contacts.create(
            PartyDraft(kind="person", first_name=first, last_name="Morel", phones=(PhoneEntry(f"06 40 00 00 0{i}"),))
        ).id
        for i, first in enumerate(("Agnès", "Benoît", "Céline"))
    ]
    groups = GroupService(session.db)
    group = groups.create("Adhérents SMS")
    groups.add(group.id, ids)
    session.sms.save_config(gateway.config(), KEY)
    page = campaigns_page(window)
    build(page, "Relance cotisation", "sms", group.id, "Bonjour {first_name}, pensez à la cotisation.")
    page.send()
    qtbot.waitUntil(lambda: page.worker is None and page.last_report is not None, timeout=15_000)
    assert len(gateway.per_number()) == 3
    # The provider's export of the SMS received, dropped on the page like the returned e-mails.
    export = tmp_path / "sms-recus.csv"
    export.write_text(
        "Date;Expéditeur;Message\r\n"
        "07/12/2026 10:02;33640000000;STOP\r\n"
        "07/12/2026 10:04;33640000001;Merci, c'est fait\r\n"
        "07/12/2026 10:05;33699999999;Stop\r\n",
        encoding="utf-8",
    )
    drop_files(page, [export])
    qtbot.waitUntil(lambda: page.reading is None, timeout=15_000)
    status = page.send_status.text()
    assert status.startswith("1 unsubscribe request, 1 other message ignored. ")  # no bounce in such a file
    assert "1 request from a number or an address that no contact has: sms-recus.csv:4" in status
    assert ConsentService(session.db).current(ids[0])["sms"] == "opt_out"
    assert ConsentService(session.db).current(ids[1])["sms"] == ""
    # The next SMS campaign leaves Agnès out, saying why.
    build(page, "Relance 2", "sms", group.id, "Dernier rappel")
    text = page.count_label.text()
    assert text.startswith("2 recipient") and "opted out\u00a0: 1" in text


def test_bounces_and_unsubscribe_replies_dropped_on_the_campaigns_page(
    window: MainWindow, qtbot, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    session = window.session
    assert session is not None
    ids = [
        session.contacts.create(
            PartyDraft(
                kind="person", first_name=first, last_name="Roux", emails=(EmailEntry(f"{first.lower()}@exemple.fr"),)
            )
        ).id
        for first in ("Anaïs", "Bruno", "Chloé")
    ]
    groups = GroupService(session.db)
    group = groups.create("Lecteurs")
    groups.add(group.id, ids)
    use_mail_account(session, port)
    page = campaigns_page(window)
    build(page, "Lettre d’info", "email", group.id, "Bonjour {first_name} !", subject="Nouvelles de l’association")
    page.send()
    qtbot.waitUntil(lambda: page.worker is None and page.last_report is not None, timeout=15_000)
    sent = {str(m["To"]): m for m in inbox.messages}
    assert len(sent) == 3
    # The workspace's mail service keeps the campaign's Message-ID (bounces quote it back).
    assert all(str(m["Message-ID"]).startswith("<ekocrm.") and m["X-EkoCRM-Campaign"] for m in sent.values())
    # The unsubscribe link writes to the workspace's address, whose mailbox is read for replies.
    assert all(
        str(m["List-Unsubscribe"]).startswith("<mailto:association@exemple.fr?subject=STOP%20") for m in sent.values()
    )
    assert all(str(m["Message-ID"]).endswith("@exemple.fr>") for m in sent.values())
    bounce = tmp_path / "retour.eml"
    bounce.write_bytes(
        dsn(
            "anaïs@exemple.fr",
            sent["anaïs@exemple.fr"],
            action="failed",
            status="5.1.1",
            diagnostic="550 5.1.1 <anaïs@exemple.fr>: User unknown",
        )
    )
    answer = tmp_path / "reponse.eml"
    answer.write_bytes(reply("Bruno Roux <bruno@exemple.fr>", "RE: Nouvelles de l’association", "Désinscription svp"))
    junk = tmp_path / "notes.txt"
    junk.write_text("pas un e-mail")
    # Dropped on the page (the .txt is not taken); the file button takes any choice.
    drop_files(page, [bounce, answer, junk])
    qtbot.waitUntil(lambda: page.reading is None, timeout=15_000)
    assert page.last_import is not None and len(page.last_import.outcomes) == 2
    status = page.send_status.text()
    assert status.startswith("1 bounce recorded, 1 unsubscribe request.")
    assert page.result_labels["bounced"].text() == "1" and page.result_labels["sent"].text() == "2"
    states = {
        page.ledger_model.index(r, 2).data(): (
            page.ledger_model.index(r, 3).data(),
            page.ledger_model.index(r, 4).data(),
        )
        for r in range(3)
    }
    assert states["anaïs@exemple.fr"][0] == "Bounced" and states["anaïs@exemple.fr"][1].startswith(
        "permanent bounce: 5.1.1"
    )
    page.tabs.setCurrentIndex(1)
    assert ConsentService(session.db).current(ids[1])["email"] == "opt_out"
    page.choose_eml_paths = lambda: [str(junk)]
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.reading is None, timeout=15_000)
    assert "Not understood: notes.txt" in page.send_status.text()

    # The next campaign leaves the bounced address and the unsubscribed person out, saying why.
    build(page, "Lettre de janvier", "email", group.id, "Bonjour", subject="Janvier")
    text = page.count_label.text()
    assert text.startswith("1 recipient") and "bounced address\u00a0: 1" in text and "opted out\u00a0: 1" in text
    # Anaïs fixed her mailbox: the address is put back from the list of bounced addresses.
    dialog = page.show_bounced()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "anaïs@exemple.fr"
    assert dialog.table.item(0, 2).text().startswith("5.1.1 550 5.1.1")
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and not dialog.clear_button.isEnabled()
    dialog.reject()
    assert page.count_label.text().startswith("2 recipients")
    page.tabs.setCurrentIndex(0)


def test_a_won_deal_linked_to_a_campaign_in_the_deal_form_counts_in_its_results(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    client = session.contacts.create(PartyDraft(kind="organisation", name="Boulangerie Dupré")).id
    groups = GroupService(session.db)
    group = groups.create("Prospects")
    groups.add(group.id, [client])
    page = campaigns_page(window)
    build(page, "Salon de printemps", "phone", group.id, "Appeler")
    assert page.save() and page.current is not None
    campaign = page.current.id

    deals = window.show_page("deals")
    assert isinstance(deals, DealsPage)
    dialog = deals.new_deal()
    assert isinstance(dialog, DealDialog)
    type_text(dialog.title, "Commande salon")
    assert dialog.campaign.itemText(0) == "(none)"
    dialog.campaign.setCurrentIndex(dialog.campaign.findData(str(campaign)))
    won = next(s for s in session.deals.stages() if s.is_won)
    dialog.stage.setCurrentIndex(dialog.stage.findData(str(won.id)))
    dialog.amount.setText("1 250,00")
    assert dialog.save()
    saved = dialog.saved
    assert saved is not None and saved.draft.campaign_id == campaign and saved.draft.status == "won"
    # Reopened, the form shows the campaign; unlinked, the results drop it.
    again = deals.open_deal(saved.id)
    assert again is not None and again.campaign.currentText() == "Salon de printemps"
    again.reject()

    page = campaigns_page(window)
    page.select_campaign(campaign)
    assert page.result_labels["deals_won"].text() == "1"
    assert page.result_labels["revenue"].text().replace("\u202f", " ").replace("\u00a0", " ") == "1 250,00 €"
    detail = session.deals.get(saved.id)
    session.deals.update(saved.id, detail.version, dataclasses.replace(detail.draft, campaign_id=None))
    page.select_campaign(campaign)
    page._refresh_figures()
    assert page.result_labels["deals_won"].text() == "0"
