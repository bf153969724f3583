"""Membership, assemblies and news through the real window, as a treasurer or a secretary works:
create a membership type, record a subscription and see the status change, print a receipt and
the reminder letters, create an assembly, invite, record answers and proxies, print the
attendance sheet, publish news and read it."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QWidget

from ekocrm_desktop.services.assemblies import AssemblyDraft
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import AddressEntry, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.membership import SubscriptionDraft, TypeDraft
from ekocrm_desktop.ui.dialogs.assembly_dialogs import AssemblyDialog, InviteDialog, ProxyDialog
from ekocrm_desktop.ui.dialogs.membership_dialogs import MembershipTypeDialog, ResignDialog
from ekocrm_desktop.ui.dialogs.subscription_dialog import SubscriptionDialog
from ekocrm_desktop.ui.i18n import install_translators
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.assemblies_page import AssembliesPage
from ekocrm_desktop.ui.pages.membership_page import MembershipPage
from ekocrm_desktop.ui.pages.news_page import NewsPage, PublishDialog

from .conftest import type_text

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(p.extract_text() or "" for p in reader.pages).replace("\u202f", " ").replace("\u00a0", " ")
    return " ".join(text.split())  # table cells wrap: compare words, not lines


@pytest.fixture
def club(window: MainWindow) -> dict[str, uuid.UUID]:
    """The window's workspace on 10 March 2026, with a few members."""
    session = window.session
    assert session is not None
    session.db.clock = lambda: NOW  # type: ignore[method-assign]
    people = {}
    for first, last in (("Hélène", "Lefèvre"), ("Jérôme", "Martin"), ("Zoé", "Dupré"), ("Loïc", "Noël")):
        people[first] = session.contacts.create(
            PartyDraft(
                kind="person",
                civility="Mme" if first in ("Hélène", "Zoé") else "M.",
                first_name=first,
                last_name=last,
                emails=(EmailEntry(f"{last.lower()}@exemple.fr"),),
                addresses=(AddressEntry("3 rue Mercière", "", "69002", "Lyon"),),
                roles=(RoleEntry("member", dt.date(2024, 1, 1)),),
            )
        ).id
    return people


def find(window: MainWindow, kind: type[QWidget], qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    """The dialog of `kind` the window just opened."""
    found: list[QWidget] = []

    def opened() -> bool:
        found[:] = [w for w in window.findChildren(kind) if w.isVisible()]
        return bool(found)

    qtbot.waitUntil(opened)
    return found[-1]


def pdf_to(page: QWidget, target: Path) -> None:
    """Answer the page's "save as" with `target` and keep the viewer closed."""
    page.documents.choose_path = lambda *_a: target  # type: ignore[attr-defined]
    page.documents.open_after = False  # type: ignore[attr-defined]


def click_and_wait_for_pdf(qtbot, page: QWidget, button: QWidget, target: Path) -> str:  # type: ignore[no-untyped-def]
    """Click a PDF button, wait until the document is written, return its text."""
    pdf_to(page, target)
    with qtbot.waitSignal(page.documents.written, timeout=30_000):  # type: ignore[attr-defined]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return pdf_text(target)


def test_record_a_subscription_and_see_the_status_change(  # type: ignore[no-untyped-def]
    window: MainWindow, club, qtbot, tmp_path: Path
) -> None:
    page = window.show_page("membership")
    assert isinstance(page, MembershipPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert {page.model.index(r, 1).data() for r in range(4)} == {"Never paid"}

    # A membership type, created in its tab.
    page.tabs.setCurrentIndex(2)
    qtbot.mouseClick(page.findChild(QWidget, "addType"), Qt.MouseButton.LeftButton)
    type_dialog = find(window, MembershipTypeDialog, qtbot)
    type_text(type_dialog.name, "Membre bienfaiteur")
    type_dialog.fee.clear()
    type_text(type_dialog.fee, "1 234,50")
    type_dialog.category.setCurrentIndex(type_dialog.category.findData("benefactor"))
    qtbot.mouseClick(type_dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.types_table.rowCount() == 1)
    assert page.types_table.item(0, 2).text() == "€1,234.50"

    # Hélène pays: select her, record a subscription from the panel.
    page.tabs.setCurrentIndex(0)
    type_text(page.search_edit, "helene")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.panel.party_id == club["Hélène"])
    assert page.panel.status_label.text().endswith("Never paid</span>")
    qtbot.mouseClick(page.panel.record_button, Qt.MouseButton.LeftButton)
    dialog = find(window, SubscriptionDialog, qtbot)
    assert dialog.amount.text() == "1,234.50"  # the type's fee
    assert dialog.period_label.text() == "Period: 01/01/2026 to 31/12/2026"
    # Saving without a payment method is refused, next to the field.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["payment_method"].text() == "This field is required."
    dialog.method.setCurrentIndex(dialog.method.findData("cheque"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # The list and the panel show the new status, paid until the end of the year.
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.index(0, 1).data() == "Up to date")
    assert page.model.index(0, 2).data() == "31/12/2026"
    qtbot.waitUntil(lambda: page.panel.status_label.text().endswith("Up to date</span>"))
    assert page.panel.table.item(0, 5).text() == "2026-0001"
    assert "Subscription recorded, receipt 2026-0001." in window.message_label.text()

    # Her receipt as a PDF, in the interface's language (French: see the French test).
    text = click_and_wait_for_pdf(qtbot, page.panel, page.panel.receipt_button, tmp_path / "receipt.pdf")
    assert "No. 2026-0001" in text and "Mme Hélène Lefèvre" in text and "€1,234.50" in text

    # The person editor has a Membership tab with the same facts.
    editor = window.edit_party(club["Hélène"])
    assert editor is not None and editor.membership_panel is not None
    tab_titles = [editor.tabs.tabText(index) for index in range(editor.tabs.count())]
    assert "Membership" in tab_titles and tab_titles.index("Membership") < tab_titles.index("History")
    assert editor.membership_panel.status_label.text().endswith("Up to date</span>")
    editor.close()

    # The status filter finds the ones who never paid.
    page.search_edit.clear()
    page.status_combo.setCurrentIndex(page.status_combo.findData("never_paid"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)

    # Resigning: the member shows as resigned after the last day.
    page.status_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    for row in range(4):
        if page.model.row_at(row).id == club["Loïc"]:
            page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.panel.party_id == club["Loïc"])
    qtbot.mouseClick(page.panel.resign_button, Qt.MouseButton.LeftButton)
    resign = find(window, ResignDialog, qtbot)
    resign.last_day.setDate(QDate(2026, 3, 9))
    qtbot.mouseClick(resign.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.panel.status_label.text().endswith("Resigned</span>"))
    assert window.undo_button.isVisible()


def test_reminder_letters_are_printed_once_and_logged(window: MainWindow, club, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    kind = session.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    session.db.clock = lambda: dt.datetime(2025, 2, 1, 9, tzinfo=dt.UTC)  # type: ignore[method-assign]
    session.membership.record(
        SubscriptionDraft(club["Zoé"], kind, dt.date(2025, 1, 1), Decimal("35"), dt.date(2025, 2, 1), "cash")
    )
    session.db.clock = lambda: NOW  # type: ignore[method-assign]
    page = window.show_page("membership")
    assert isinstance(page, MembershipPage)
    page.tabs.setCurrentIndex(1)
    page.refresh_reminders()
    # Zoé's 2025 ended on 31/12: the "fifteen days after" letter is due, once.
    assert page.rules_table.rowCount() == 3
    qtbot.waitUntil(lambda: page.due_table.rowCount() == 1)
    assert page.due_table.item(0, 0).text() == "Zoé Dupré"
    assert page.due_label.text() == "1 reminder due today"
    text = click_and_wait_for_pdf(qtbot, page, page.letters_button, tmp_path / "letters.pdf")
    qtbot.waitUntil(lambda: page.due_table.rowCount() == 0 and page.ledger_table.rowCount() == 1)
    assert page.ledger_table.item(0, 5).text() == "Letter printed"
    assert "Mme Zoé Dupré" in text and "31 December 2025" in text and "€35.00" in text
    assert not page.email_button.isEnabled()  # e-mail comes with the mail account feature


def test_an_assembly_with_invitations_answers_proxies_and_its_attendance_sheet(  # type: ignore[no-untyped-def]
    window: MainWindow, club, qtbot, answers, tmp_path: Path
) -> None:
    session = window.session
    assert session is not None
    kind = session.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    for name in ("Hélène", "Jérôme", "Zoé"):
        session.membership.record(
            SubscriptionDraft(club[name], kind, dt.date(2026, 1, 1), Decimal("35"), TODAY, "cash")
        )
    page = window.show_page("assemblies")
    assert isinstance(page, AssembliesPage)
    assert "No assembly yet" in page.empty_label.text()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = find(window, AssemblyDialog, qtbot)
    type_text(dialog.title, "Assemblée générale 2026")
    type_text(dialog.place, "Salle des fêtes, Lyon")
    dialog.agenda.setPlainText("Rapport moral\nRapport financier\nÉlection du bureau")
    dialog.starts.setDateTime(QDateTime(QDate(2026, 4, 18), QTime(14, 30)))
    dialog.max_proxies.setValue(1)
    dialog.quorum.setValue(50)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current is not None and page.current.draft.title == "Assemblée générale 2026")
    assert "Rapport financier" in page.agenda_label.text()

    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    invite = find(window, InviteDialog, qtbot)
    assert invite.chooser.count_label.text() == "4 people selected today."
    qtbot.mouseClick(invite.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.invitees.rowCount() == 4)
    assert "Quorum not reached: 2 missing" in page.quorum_label.text()  # half of 3 up to date → 2

    def select(name: str) -> None:
        assert page.select_invitee(club[name])

    select("Hélène")
    qtbot.mouseClick(page.attending_button, Qt.MouseButton.LeftButton)
    select("Jérôme")
    qtbot.mouseClick(page.proxy_button, Qt.MouseButton.LeftButton)
    proxy = find(window, ProxyDialog, qtbot)
    assert proxy.choose(club["Hélène"])
    qtbot.mouseClick(proxy.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Quorum reached" in page.quorum_label.text())

    # A second proxy for Hélène goes beyond the maximum of 1: refused, with who and why.
    select("Zoé")
    qtbot.mouseClick(page.proxy_button, Qt.MouseButton.LeftButton)
    refused = find(window, ProxyDialog, qtbot)
    refused.choose(club["Hélène"])
    qtbot.mouseClick(refused.save_button, Qt.MouseButton.LeftButton)
    assert refused.isVisible()
    assert refused.errors["proxy_holder"].text() == (
        "Hélène Lefèvre already holds 1 proxies, the most allowed for this assembly. Choose someone else."
    )
    refused.reject()
    select("Hélène")
    qtbot.mouseClick(page.absent_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == "Hélène Lefèvre holds proxies (Jérôme Martin): give them to someone else first."

    rows = {page.invitees.row_at(r).display_name: page.invitees.row_at(r) for r in range(4)}
    assert rows["Jérôme Martin"].proxy_holder_name == "Hélène Lefèvre" and rows["Hélène Lefèvre"].proxies_held == 1

    text = click_and_wait_for_pdf(qtbot, page, page.sheet_button, tmp_path / "sheet.pdf")
    assert "Attendance sheet" in text and "Assemblée générale 2026" in text and "Saturday, 18 April 2026 14:30" in text
    assert "Represented by Hélène" in text and "Proxy of Jérôme" in text
    assert "The quorum is reached." in text

    convocations = tmp_path / "convocations.pdf"
    page.table.clearSelection()
    text = click_and_wait_for_pdf(qtbot, page, page.convocations_button, convocations)
    assert len(PdfReader(str(convocations)).pages) == 4
    assert text.count("Convocation: Assemblée générale 2026") == 4 and "Mme Zoé Dupré" in text
    qtbot.waitUntil(
        lambda: page.invitees.row_at(0) is not None and page.invitees.row_at(0).convocation_sent_at is not None
    )


def test_publish_news_and_read_it_in_the_feed(window: MainWindow, club, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("news")
    assert isinstance(page, NewsPage)
    assert "No news yet" in page.viewer.toPlainText()
    attachment = tmp_path / "Programme été.txt"
    attachment.write_text("Samedi : visite des traboules", encoding="utf-8")
    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    dialog = find(window, PublishDialog, qtbot)
    type_text(dialog.title, "Journées du patrimoine : bénévoles")
    dialog.body.setPlainText("Nous cherchons des bénévoles.\n\nMerci !")
    dialog.set_attachment(attachment)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "4 people listed for the e-mail" in window.message_label.text()

    # Another user of the workspace sees it unread: here, mark it unread, then read it.
    page.select_news(page.model.row_at(0).id)
    qtbot.waitUntil(lambda: page.current is not None)
    qtbot.mouseClick(page.unread_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sidebar.currentItem().text() == "News (1)")
    page.table.clearSelection()
    page.select_news(page.model.row_at(0).id)
    qtbot.waitUntil(lambda: window.sidebar.currentItem().text() == "News")
    assert "Nous cherchons des bénévoles." in page.viewer.toPlainText()
    page.choose_attachment_path = lambda name: tmp_path / f"saved-{name}"
    saved = page.save_attachment()
    assert saved is not None and saved.read_text(encoding="utf-8") == "Samedi : visite des traboules"


def test_membership_pages_and_receipt_in_french(window: MainWindow, club, qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    kind = session.membership.save_type(TypeDraft("Membre bienfaiteur", "benefactor", Decimal("1234.50"))).id
    session.membership.record(
        SubscriptionDraft(club["Zoé"], kind, dt.date(2026, 1, 1), Decimal("1234.50"), TODAY, "transfer")
    )
    install_translators(qapp, "fr")
    try:
        window.set_session(session)  # rebuilds the pages in French
        page = window.show_page("membership")
        assert isinstance(page, MembershipPage)
        qtbot.waitUntil(lambda: page.model.rowCount() == 4)
        statuses = {page.model.index(r, 1).data() for r in range(4)}
        assert statuses == {"Jamais payé", "À jour"}
        assert page.tabs.tabText(1) == "Relances"
        assert page.record_button.text() == "Enregistrer une cotisation…"
        type_text(page.search_edit, "zoe")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        page.table.selectRow(0)
        qtbot.waitUntil(lambda: page.panel.party_id == club["Zoé"])
        text = click_and_wait_for_pdf(qtbot, page.panel, page.panel.receipt_button, tmp_path / "reçu.pdf")
        assert "Reçu de cotisation" in text and "N° 2026-0001" in text
        assert "la somme de 1 234,50 € au titre de la cotisation « Membre bienfaiteur »" in text
        assert "du 1 janvier 2026 au 31 décembre 2026" in text and "Virement" in text
        assemblies = window.show_page("assemblies")
        assert isinstance(assemblies, AssembliesPage)
        assert assemblies.new_button.text() == "Nouvelle assemblée…"
        titles = {
            window.sidebar.item(row).data(Qt.ItemDataRole.UserRole): window.sidebar.item(row).text()
            for row in range(window.sidebar.count())
        }
        assert titles["assemblies"] == "Assemblées"
    finally:
        install_translators(qapp, "en")


def test_the_new_table_models_pass_the_qt_model_tester(window: MainWindow, club, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    kind = session.membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    session.membership.record(SubscriptionDraft(club["Zoé"], kind, dt.date(2026, 1, 1), Decimal("35"), TODAY, "cash"))
    membership = window.show_page("membership")
    assert isinstance(membership, MembershipPage)
    qtmodeltester.check(membership.model)
    assemblies = window.show_page("assemblies")
    assert isinstance(assemblies, AssembliesPage)
    assembly = session.assemblies.create(AssemblyDraft(title="AG", starts_at=NOW + dt.timedelta(days=30)))
    session.assemblies.invite(assembly.id, Audience())
    assemblies.refresh()
    assert assemblies.select_assembly(assembly.id)
    qtmodeltester.check(assemblies.model)
    qtmodeltester.check(assemblies.invitees)
    news = window.show_page("news")
    assert isinstance(news, NewsPage)
    qtmodeltester.check(news.model)
