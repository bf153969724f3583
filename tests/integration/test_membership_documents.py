"""Membership and assembly PDFs built from real data, read back with pypdf and pdfplumber: the
right names, amounts and dates in French, one receipt or letter per page, the attendance sheet."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.reports.assemblies import (
    AttendanceLabels,
    ConvocationLabels,
    attendance_sheet_pdf,
    convocations_pdf,
)
from ekocrm_desktop.reports.membership import (
    CardLabels,
    LetterLabels,
    ReceiptLabels,
    cards_pdf,
    receipts_pdf,
    reminder_letters_pdf,
)
from ekocrm_desktop.services.assemblies import AgendaEntry, AssemblyDraft, AssemblyService
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import AddressEntry, ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.membership import (
    MembershipService,
    MembershipSettings,
    RuleDraft,
    SubscriptionDraft,
    TypeDraft,
)

TODAY = dt.date(2026, 12, 5)
FRENCH_RECEIPT = ReceiptLabels(
    document_title="Reçus de cotisation",
    title="Reçu de cotisation",
    number="N° %1",
    statement="Nous avons reçu de %1 la somme de %2 au titre de la cotisation « %3 » pour la période du %4 au %5.",
    membership="Adhésion",
    period="Période",
    period_value="du %1 au %2",
    amount="Montant",
    paid_on="Payée le",
    method="Mode de paiement",
    issued="Fait à %1, le %2",
    issued_no_city="Fait le %1",
    cancelled="ANNULÉ",
    page="Page %1 sur %2",
    methods={"cheque": "Chèque", "cash": "Espèces"},
)


def text_of(pdf: bytes) -> list[str]:
    """Each page's text, with the French no-break spaces made plain."""
    reader = PdfReader(io.BytesIO(pdf))
    return [(p.extract_text() or "").replace("\u202f", " ").replace("\u00a0", " ") for p in reader.pages]


@pytest.fixture
def association(db: Database) -> tuple[MembershipService, ContactService, dict[str, uuid.UUID]]:
    contacts = ContactService(db)
    membership = MembershipService(db, today=lambda: TODAY)
    membership.save_settings(
        MembershipSettings(
            organisation_name="Les Amis du Patrimoine Lyonnais",
            organisation_address="3 place des Terreaux\n69001 Lyon",
            signatory="La trésorière,\nHélène Lefèvre",
            city="Lyon",
        )
    )
    benefactor = membership.save_type(TypeDraft("Membre bienfaiteur", "benefactor", Decimal("1234.50"))).id
    people: dict[str, uuid.UUID] = {}
    for first, last, street in (
        ("Élodie", "Guérin", "12 rue de la République"),
        ("François", "Lefèvre-Ørsted", "4 quai Saint-Antoine"),
        ("Zoé", "Dupré", "8 montée de la Grande-Côte"),
    ):
        party = contacts.create(
            PartyDraft(
                kind="person",
                civility="Mme" if first != "François" else "M.",
                first_name=first,
                last_name=last,
                emails=(EmailEntry(f"{last.lower()}@exemple.fr"),),
                addresses=(AddressEntry(street, "", "69002", "Lyon"),),
                roles=(RoleEntry("member", dt.date(2015, 5, 1)),),
            )
        ).id
        membership.record(
            SubscriptionDraft(
                party, benefactor, dt.date(2026, 1, 1), Decimal("1234.50"), dt.date(2026, 1, 20), "cheque"
            )
        )
        people[first] = party
    return membership, contacts, people


def test_receipts_print_the_number_names_and_french_amounts_one_page_each(association) -> None:  # type: ignore[no-untyped-def]
    membership, _contacts, people = association
    receipts = membership.receipts_for([people["Élodie"], people["François"]])
    membership.delete_subscription(membership.subscriptions_of(people["François"])[0].id)
    receipts[1] = membership.receipt(membership.subscriptions_of(people["François"], include_cancelled=True)[0].id)
    pdf = receipts_pdf(receipts, labels=FRENCH_RECEIPT, issued_on=TODAY)
    pages = text_of(pdf)
    assert len(pages) == 2
    first = pages[0]
    assert "Reçu de cotisation" in first and "N° 2026-0001" in first
    assert "Les Amis du Patrimoine Lyonnais" in first and "3 place des Terreaux" in first
    assert "Mme Élodie Guérin" in first and "12 rue de la République" in first
    assert "la somme de 1 234,50 €" in first
    assert "du 1 janvier 2026 au 31 décembre 2026" in first
    assert "Chèque" in first and "20/01/2026" in first
    assert "Fait à Lyon, le 5 décembre 2026" in first and "Hélène Lefèvre" in first
    assert "ANNULÉ" not in first
    assert "N° 2026-0002" in pages[1] and "ANNULÉ" in pages[1] and "François Lefèvre-Ørsted" in pages[1]
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Reçus de cotisation"  # type: ignore[union-attr]


def test_member_cards_fit_eight_to_a_page_with_validity(association) -> None:  # type: ignore[no-untyped-def]
    membership, _contacts, people = association
    cards = membership.cards(list(people.values())) * 4  # twelve cards
    labels = CardLabels(
        document_title="Cartes de membre",
        title="CARTE DE MEMBRE",
        valid_until="Valable jusqu'au %1",
        member_since="Membre depuis %1",
        page="Page %1 sur %2",
        categories={"benefactor": "bienfaiteur"},
    )
    pages = text_of(cards_pdf(cards, labels=labels))
    assert len(pages) == 2
    assert pages[0].count("Valable jusqu'au 31/12/2026") == 8 and pages[1].count("CARTE DE MEMBRE 2026") == 4
    assert "Élodie Guérin" in pages[0] and "Membre depuis 2015" in pages[0]


def test_reminder_letters_are_merged_per_member_one_letter_per_page(association, db: Database) -> None:  # type: ignore[no-untyped-def]
    membership, _contacts, _people = association
    membership.ensure_default_rules(
        [
            RuleDraft(
                "Un mois avant",
                -30,
                "letter",
                "Votre adhésion prend fin le {paid_until}",
                "{civility} {last_name},\n\nVotre adhésion « {type} » prend fin le {paid_until}. "
                "Merci de renouveler votre cotisation de {fee}.\n\nBien cordialement,",
            )
        ]
    )
    due = membership.due_reminders()
    assert len(due) == 3
    messages = membership.render_reminders(due)
    progress: list[tuple[int, int]] = []
    pdf = reminder_letters_pdf(
        messages,
        membership.organisation(),
        today=TODAY,
        labels=LetterLabels(document_title="Relances d'adhésion", place_and_date="%1, le %2"),
        progress=lambda done, total: progress.append((done, total)),
    )
    pages = text_of(pdf)
    assert len(pages) == 3 and progress[-1] == (3, 3)
    names = ["M. Lefèvre-Ørsted", "Mme Dupré", "Mme Guérin"]
    for page, message in zip(pages, messages, strict=True):
        assert message.reminder.recipient.address_lines[0] in page
        assert "Lyon, le 5 décembre 2026" in page
        assert "Votre adhésion prend fin le 31 décembre 2026" in page
        assert "cotisation de 1 234,50 €" in page
        assert "La trésorière," in page
    assert sorted(n for n in names if any(n in p for p in pages)) == sorted(names)


def test_convocations_and_attendance_sheet(association, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    membership, _contacts, people = association
    assemblies = AssemblyService(db, membership=membership, today=lambda: TODAY)
    assembly = assemblies.create(
        AssemblyDraft(
            title="Assemblée générale 2026",
            starts_at=dt.datetime(2026, 12, 19, 13, 30, tzinfo=dt.UTC),
            place="Salle des fêtes, Lyon",
            agenda=(
                AgendaEntry("Rapport moral"),
                AgendaEntry("Rapport financier", "Comptes 2026"),
                AgendaEntry("Élection du bureau"),
            ),
            convocation="{civility} {last_name},\n\nVous êtes convoqué(e) le {date}.",
            max_proxies=1,
        )
    )
    assemblies.invite(assembly.id, Audience())
    assemblies.respond(assembly.id, people["Élodie"], "attending")
    assemblies.respond(assembly.id, people["Zoé"], "represented", proxy_holder_id=people["Élodie"])
    labels = ConvocationLabels(
        document_title="Convocations",
        place_and_date="%1, le %2",
        subject="Convocation : %1",
        agenda="Ordre du jour",
        proxy_title="POUVOIR",
        proxy_text="Je soussigné(e) ____, membre de %1, donne pouvoir à ____ pour me représenter à « %2 » le %3.",
        proxy_signature="Fait à ____ le ____ Signature :",
    )
    letters = assemblies.convocations(assembly.id)
    pdf = convocations_pdf(letters, assembly, membership.organisation(), tmp_path / "c.pdf", today=TODAY, labels=labels)
    pages = text_of(pdf)
    assert len(pages) == 3 and (tmp_path / "c.pdf").read_bytes() == pdf
    assert "Convocation : Assemblée générale 2026" in pages[0]
    assert "Vous êtes convoqué(e) le 19 décembre 2026." in pages[0]
    assert "Ordre du jour" in pages[0] and "Élection du bureau" in pages[0] and "Comptes 2026" in pages[0]
    assert "POUVOIR" in pages[0] and "le samedi 19 décembre 2026" in pages[0]

    french = AttendanceLabels(
        document_title="Feuille d'émargement",
        title="Feuille d'émargement",
        number="N°",
        name="Nom",
        membership="Adhésion",
        dues="À jour",
        up_to_date="Oui",
        not_up_to_date="Non",
        answer="Réponse",
        proxies="Pouvoirs",
        signature="Signature",
        represented_by="Représenté(e) par %1",
        proxies_from="Pouvoir de %1",
        quorum_rule="Quorum : %2 des %1 membres à jour, soit %3.",
        quorum_count="Annoncés : %1 présent(s) et %2 représenté(s), %3 comptés.",
        reached="Le quorum est atteint.",
        not_reached="Le quorum n'est pas atteint (il manque %1).",
        page="Page %1 sur %2",
        responses={"attending": "Présent(e)", "represented": "Représenté(e)", "pending": "Sans réponse"},
    )
    sheet_pdf = attendance_sheet_pdf(assemblies.attendance_sheet(assembly.id), labels=french)
    page = text_of(sheet_pdf)[0]
    assert "Feuille d'émargement" in page and "Assemblée générale 2026" in page
    assert "Quorum : 25 % des 3 membres à jour, soit 1." in page
    assert "Le quorum est atteint." in page
    with pdfplumber.open(io.BytesIO(sheet_pdf)) as document:
        table = document.pages[0].extract_tables()[0]
    header, *rows = table
    assert header[:2] == ["N°", "Nom"] and header[-1] == "Signature"
    by_name = {row[1].replace("\n", " "): row for row in rows}
    assert by_name["Zoé Dupré"][5].replace("\n", " ") == "Représenté(e) par Élodie Guérin"
    assert by_name["Élodie Guérin"][5].replace("\n", " ") == "Pouvoir de Zoé Dupré"
    assert (
        by_name["François Lefèvre-Ørsted"][4].replace("\n", " ") == "Sans réponse"
        and by_name["Élodie Guérin"][3] == "Oui"
    )
    if shutil.which("pdftoppm"):
        # The pages render (the PNGs are what a reviewer looks at).
        target = tmp_path / "sheet.pdf"
        target.write_bytes(sheet_pdf)
        command = ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target), str(tmp_path / "sheet")]
        subprocess.run(command, check=True)
        assert (tmp_path / "sheet-1.png").stat().st_size > 5_000
