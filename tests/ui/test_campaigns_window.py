"""Campaigns through the real window (issue 6 B): build a campaign from a segment, see the live
count and who is excluded and why, preview a recipient, send to a local SMTP server, record a
response and read the results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from PySide6.QtCore import QItemSelectionModel

from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft
from ekocrm_desktop.services.segments import leaf
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.campaigns_page import CampaignsPage

from ..integration.campaign_helpers import Inbox, smtp_server
from .conftest import type_text


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def test_build_preview_send_and_see_results(
    window: MainWindow, qtbot, smtp: tuple[Inbox, int], qtmodeltester, answers: list[str]
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    session = window.session
    assert session is not None
    contacts = session.contacts
    people = {}
    for first, last, address in (
        ("Élodie", "Guérin", "elodie@exemple.fr"),
        ("Gaëtan", "Lefèvre", "gaetan@exemple.fr"),
        ("Zoé", "Mercier", "zoe@exemple.fr"),
        ("Noël", "Sans-Adresse", ""),
    ):
        emails = (EmailEntry(address),) if address else ()
        people[first] = contacts.create(PartyDraft(kind="person", first_name=first, last_name=last, emails=emails)).id
    ConsentService(session.db).record(people["Zoé"], "email", "opt_out", source="formulaire")
    segment = session.segments.create("Lyonnais du bureau", leaf("name", "contains", "e")).id

    page = window.show_page("campaigns")
    assert isinstance(page, CampaignsPage)
    page.new_campaign()
    type_text(page.name_edit, "Fête du patrimoine")
    page.check_target("segment", segment)
    assert page.count_label.text().startswith("2 recipient")
    assert "opted out" in page.count_label.text() and "no address" in page.count_label.text()
    page.subject_edit.clear()
    type_text(page.subject_edit, "Invitation à la fête")
    page.body_edit.clear()
    type_text(page.body_edit, "Bonjour ")
    page.field_combo.setCurrentIndex(page.field_combo.findData("first_name"))
    page.insert_field()
    assert page.body_edit.toPlainText() == "Bonjour {first_name}"
    assert page.preview_combo.count() == 2
    page.preview_combo.setCurrentIndex(page.preview_combo.findData(str(people["Gaëtan"])))
    assert "Bonjour Gaëtan" in page.preview_view.toPlainText()

    # Without a mail account the window says where to configure it.
    page.send()
    assert any("mail account" in text for text in answers)
    assert page.current is not None and page.worker is None

    use_mail_account(session, port)
    page.send()
    qtbot.waitUntil(lambda: page.worker is None and page.last_report is not None, timeout=15_000)
    assert sorted(str(m["To"]) for m in inbox.messages) == ["elodie@exemple.fr", "gaetan@exemple.fr"]
    assert {str(m["Subject"]) for m in inbox.messages} == {"Invitation à la fête"}
    assert page.result_labels["sent"].text() == "2"
    assert page.list_model.rows[0].sent == 2

    page.ledger_view.selectionModel().select(
        page.ledger_model.index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    page.response_combo.setCurrentIndex(page.response_combo.findData("registered"))
    page.record_response()
    assert page.result_labels["responded"].text() == "1"
    assert "Registered" in page.result_labels["responses"].text()
    qtmodeltester.check(page.ledger_model)
    page.delete_campaign()
    assert page.list_model.rows == [] and page.current is None
    qtmodeltester.check(page.list_model)
    qtmodeltester.check(page.ledger_model)


def test_letters_and_labels_from_the_window_and_consent_in_the_person_form(window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from ekocrm_desktop.services.contacts import AddressEntry
    from ekocrm_desktop.ui.widgets.consent_panel import ConsentPanel

    session = window.session
    assert session is not None
    ids = [
        session.contacts.create(
            PartyDraft(
                kind="person",
                first_name=first,
                last_name=last,
                addresses=(AddressEntry("12 rue Mercière", "", "69002", "Lyon"),),
            )
        ).id
        for first, last in (("Hélène", "Bérard"), ("Jérôme", "Côté"))
    ]
    # The person form's consent tab: Jérôme refuses post; recorded at once, with its history.
    panel = ConsentPanel(session, ids[1])
    combo = panel.combos["post"]
    combo.setCurrentIndex(combo.findData("opt_out"))
    panel.record("post")
    assert panel.table.rowCount() == 1 and panel.table.item(0, 3).text() == "form"
    segment = session.segments.create("Lyon", leaf("city", "equals", "Lyon")).id
    page = window.show_page("campaigns")
    assert isinstance(page, CampaignsPage)
    page.refresh()
    page.new_campaign()
    type_text(page.name_edit, "Courrier d’automne")
    page.channel_combo.setCurrentIndex(page.channel_combo.findData("letter"))
    page.check_target("segment", segment)
    assert page.count_label.text().startswith("1 recipient")
    target = tmp_path / "lettres.pdf"
    page.choose_pdf_path = lambda _name: str(target)
    page.send()
    letters = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Hélène Bérard" in letters and "Côté" not in letters
    labels = next(tmp_path.glob("lettres*labels*.pdf"))
    assert "12 rue Mercière" in PdfReader(labels).pages[0].extract_text()


def test_follow_up_centre_lists_late_dues_and_reminds_by_e_mail(
    window: MainWindow, qtbot, smtp: tuple[Inbox, int]
) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    from decimal import Decimal

    from ekocrm_desktop.services.membership import SubscriptionDraft, TypeDraft
    from ekocrm_desktop.ui.pages.follow_ups_page import FollowUpsPage

    inbox, port = smtp
    session = window.session
    assert session is not None
    late = session.contacts.create(
        PartyDraft(
            kind="person", first_name="Aurélien", last_name="Lefèbvre", emails=(EmailEntry("aurelien@exemple.fr"),)
        )
    ).id
    kind = session.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    session.membership.record(
        SubscriptionDraft(late, kind, dt.date(2024, 1, 1), Decimal("35"), dt.date(2024, 1, 10), "cheque")
    )
    page = window.show_page("follow_ups")
    assert isinstance(page, FollowUpsPage)
    page.refresh()
    assert [(i.kind, i.party_id) for i in page.model.items] == [("dues", late)]
    assert page.model.data(page.model.index(0, 0)) == "Late dues"
    use_mail_account(session, port)
    page.ask_reminder = lambda: ("Cotisation", "Bonjour {first_name}, votre cotisation est en retard.")
    page.remind_by_email()
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=10_000)
    assert [str(m["To"]) for m in inbox.messages] == ["aurelien@exemple.fr"]
    assert inbox.messages[0].get_content().startswith("Bonjour Aurélien")
    page.remind_by_call()
    assert page.status.text() == "1 call task created."


def use_mail_account(session, port: int) -> None:  # type: ignore[no-untyped-def]
    """The workspace's SMTP account on the loopback server (as File › E-mail and SMS accounts saves it)."""
    from ekocrm_desktop.services.mailing import SmtpAccount

    account = SmtpAccount(
        host="127.0.0.1", port=port, security="none", from_address="association@exemple.fr", from_name="Asso", timeout=5
    )
    session.mail.save_account(account)
