"""Business cards: a collaborator's vCard and QR code, the printable sheet, a received card made a contact."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.reports.cards import business_cards_pdf
from ekocrm_desktop.services.cards import CardParseError, CardService, parse_card, qr_code, qr_png, qr_svg
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)


def collaborator(db: Database) -> tuple[ContactService, CardService, object]:
    contacts = ContactService(db)
    org = contacts.create(PartyDraft(kind="organisation", name="Œuvre d'Orient")).id
    person = contacts.create(
        PartyDraft(
            civility="Mme",
            first_name="Hélène",
            last_name="Lefèvre-Dürr",
            job_title="Trésorière",
            emails=(EmailEntry("helene@oeuvre.fr"),),
            phones=(PhoneEntry("06 12 34 56 78", "mobile"), PhoneEntry("04 78 00 00 01", "work")),
            addresses=(AddressEntry(street="12 rue Mercière", postcode="69002", city="Lyon"),),
            affiliations=(AffiliationEntry(org, "Trésorière"),),
            roles=(RoleEntry("collaborator", dt.date(2024, 1, 1)),),
            notes="Ne figure pas sur la carte",
        )
    )
    return contacts, CardService(db, contacts=contacts), person.id


def test_card_round_trips_through_vcard_and_its_qr_code_encodes_it(db: Database, tmp_path: Path) -> None:
    _contacts, cards, person = collaborator(db)
    card = cards.card_of(person)  # type: ignore[arg-type]
    text = card.vcard
    assert "VERSION:3.0" in text and "FN:Hélène Lefèvre-Dürr" in text and "ORG:Œuvre d'Orient" in text
    assert "Ne figure pas" not in text  # a card is not the whole record
    received = parse_card(text)
    assert received.organisation == "Œuvre d'Orient"
    draft = received.draft
    assert (draft.first_name, draft.last_name, draft.civility) == ("Hélène", "Lefèvre-Dürr", "Mme")
    assert draft.job_title == "Trésorière"
    assert [e.address for e in draft.emails] == ["helene@oeuvre.fr"]
    assert [p.number for p in draft.phones] == ["+33612345678", "+33478000001"]
    assert draft.phones[0].label == "mobile"
    assert draft.addresses[0].city == "Lyon" and draft.addresses[0].postcode == "69002"

    # No decoder ships with the app: the QR code is checked by re-encoding the same text.
    qr = qr_code(text)
    assert list(qr.matrix) == list(segno.make(text, error="m", micro=False).matrix)
    assert qr.error == "M"
    assert qr_png(text).startswith(b"\x89PNG\r\n\x1a\n")
    assert ET.fromstring(qr_svg(text)).tag.endswith("svg")

    pdf = tmp_path / "cartes.pdf"
    business_cards_pdf([card, card, card], pdf, title="Cartes de visite", page_label="Page %1 sur %2")
    reader = PdfReader(str(pdf))
    page_text = reader.pages[0].extract_text()
    assert page_text.count("Hélène Lefèvre-Dürr") == 3
    assert "helene@oeuvre.fr" in page_text


def test_received_card_finds_the_existing_contact_or_creates_a_new_one(db: Database) -> None:
    contacts, cards, person = collaborator(db)
    # Same mobile number written the national way: the duplicate check finds Hélène.
    scanned = parse_card("MECARD:N:Lefèvre,Hélène;TEL:06 12 34 56 78;EMAIL:autre@exemple.fr;;")
    hits = cards.find_duplicates(scanned)
    # The duplicates service's rules: the same phone (the name differs: "Lefèvre" is not "Lefèvre-Dürr").
    assert [(h.party_id, h.reasons) for h in hits] == [(person, ("phone",))]
    assert hits[0].value == "+33612345678"
    # Only a close name at the same organisation, no e-mail or phone in common: still found.
    colleague = parse_card("MECARD:N:Lefevre-Durr,Helene;ORG:Œuvre d'Orient;EMAIL:h.lefevre@autre.fr;;")
    found = cards.find_duplicates(colleague)
    assert [h.party_id for h in found] == [person]
    assert found[0].reason in ("name_organisation", "similar_name_organisation")

    vcf = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Martin;Paul\r\nFN:Paul Martin\r\nORG:Brasserie Æther\r\n"
        "TITLE:Gérant\r\nTEL;CELL:+32 470 12 34 56\r\nEMAIL;INTERNET:paul@aether.be\r\nEND:VCARD\r\n"
    )
    fresh = parse_card(vcf)
    assert cards.find_duplicates(fresh) == []
    created = cards.create_contact(fresh)
    detail = contacts.get(created.id)
    assert detail.display_name == "Paul Martin"
    assert detail.draft.phones[0].number == "+32470123456"
    assert detail.draft.affiliations[0].organisation_name == "Brasserie Æther"
    # The second time, the duplicate check sees him, and the organisation is reused.
    assert [h.party_id for h in cards.find_duplicates(parse_card(vcf))] == [created.id]
    again = cards.create_contact(parse_card(vcf))
    assert contacts.get(again.id).draft.affiliations[0].organisation_id == detail.draft.affiliations[0].organisation_id


@pytest.mark.parametrize("text", ["", "bonjour", "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "MECARD:;;"])
def test_unusable_cards_are_refused(text: str) -> None:
    with pytest.raises(CardParseError):
        parse_card(text)
