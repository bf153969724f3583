"""Issue 8 part B through the real window: erase with the typed name, receive a card, show a card, retention."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt

from ekocrm_desktop.services.cards import CardService, parse_card
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    EmailEntry,
    PartyDraft,
    PartyQuery,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.ui.dialogs.privacy_dialogs import (
    BusinessCardDialog,
    EraseDialog,
    ReceiveCardDialog,
    RetentionDialog,
)
from ekocrm_desktop.ui.i18n import install_translators
from ekocrm_desktop.ui.main_window import MainWindow

from .conftest import type_text


def helene(window: MainWindow) -> object:
    assert window.session is not None
    return window.session.contacts.create(
        PartyDraft(
            first_name="Hélène",
            last_name="Dupré-Lefèvre",
            job_title="Chargée de mission",
            emails=(EmailEntry("helene.dupre@orange.fr"),),
            phones=(PhoneEntry("06 12 34 56 78"),),
            addresses=(AddressEntry(street="12 rue Mercière", postcode="69002", city="Lyon"),),
            roles=(RoleEntry("collaborator", dt.date(2024, 1, 1)),),
        )
    ).id


def test_erase_a_person_through_the_window_with_the_typed_name(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    person = helene(window)
    editor = window.edit_party(person)  # type: ignore[arg-type]
    assert editor is not None and editor.privacy_button is not None

    written = editor.export_everything(tmp_path)
    assert sorted(p.suffix for p in written) == [".json", ".pdf"]
    assert json.loads(written[0].read_text(encoding="utf-8"))["display_name"] == "Hélène Dupré-Lefèvre"
    assert "Hélène Dupré-Lefèvre" in PdfReader(str(written[1])).pages[0].extract_text()

    dialog = editor.open_erase()
    assert isinstance(dialog, EraseDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.erase_button.isEnabled()
    type_text(dialog.confirm_edit, "Hélène Dupré")  # not the whole name yet
    assert not dialog.erase_button.isEnabled()
    type_text(dialog.confirm_edit, "-Lefèvre")
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert window.session is not None
    with pytest.raises(NotFoundError):
        window.session.contacts.get(person)  # type: ignore[arg-type]
    assert window.session.contacts.count(PartyQuery()) == 0


def test_receive_a_card_through_the_window_goes_through_the_duplicate_check(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person = helene(window)
    dialog = window.receive_card()
    assert isinstance(dialog, ReceiveCardDialog)
    type_text(dialog.text_edit, "MECARD:N:Dupré,Hélène;TEL:06 12 34 56 78;EMAIL:h.dupre@exemple.fr;;")
    assert dialog.duplicates.count() == 1  # the same mobile number
    assert dialog.open_existing.isVisible()
    assert dialog.create_button.text() == "Create anyway"
    dialog.grab().save(str(tmp_path / "receive.png"))
    qtbot.mouseClick(dialog.open_existing, Qt.MouseButton.LeftButton)
    assert person in window.editors  # "open existing" opened her form

    dialog = window.receive_card()
    assert isinstance(dialog, ReceiveCardDialog)
    type_text(dialog.text_edit, "MECARD:N:Martin,Paul;ORG:Brasserie Æther;EMAIL:paul@aether.fr;;")
    assert dialog.duplicates.count() == 0
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    # A .vcf file sent by e-mail (Windows-1252, as old phones write them) is read the same way.
    vcf = tmp_path / "carte.vcf"
    vcf.write_bytes(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lefèvre;Zoé\r\nEMAIL:zoe@exemple.fr\r\nEND:VCARD\r\n".encode("cp1252")
    )
    dialog = window.receive_card()
    assert isinstance(dialog, ReceiveCardDialog)
    dialog.open_file(vcf)
    assert "Zoé Lefèvre" in dialog.preview.text() and dialog.create_button.isEnabled()
    dialog.reject()
    found = CardService(window.session.db).find_duplicates(parse_card("MECARD:N:Martin,Paul;EMAIL:paul@aether.fr;;"))
    assert [h.display_name for h in found] == ["Paul Martin"]
    assert found[0].party_id in window.editors  # the new contact's form is open


def test_business_card_dialog_and_screenshots(window: MainWindow, qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install_translators(qapp, "fr")
    person = helene(window)
    editor = window.edit_party(person)  # type: ignore[arg-type]
    assert editor is not None and editor.card_button is not None
    qtbot.waitExposed(editor)
    editor.grab().save(str(tmp_path / "editor.png"))
    card = editor.open_card()
    assert isinstance(card, BusinessCardDialog)
    qtbot.waitExposed(card)
    assert card.qr_label.pixmap() is not None and not card.qr_label.pixmap().isNull()
    vcf = card.save_vcard(tmp_path / "carte.vcf")
    assert vcf is not None and "FN:Hélène Dupré-Lefèvre" in vcf.read_text(encoding="utf-8")
    sheet = card.save_sheet(tmp_path / "cartes.pdf")
    assert sheet is not None and PdfReader(str(sheet)).pages[0].extract_text().count("Hélène Dupré-Lefèvre") == 8
    card.grab().save(str(tmp_path / "card.png"))
    erase = editor.open_erase()
    assert isinstance(erase, EraseDialog)
    qtbot.waitExposed(erase)
    type_text(erase.confirm_edit, "Hélène")
    erase.grab().save(str(tmp_path / "erase.png"))
    # Kept beside the test's folder to be looked at (docs/screenshot-privacy.png is one of them).
    shutil.copy(tmp_path / "card.png", tmp_path.parent / "last-card.png")
    shutil.copy(tmp_path / "erase.png", tmp_path.parent / "last-erase.png")
    erase.reject()
    card.accept()


def test_retention_dialog_lists_and_erases(window: MainWindow, qtbot, answers, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install_translators(qapp, "fr")
    assert window.session is not None
    old = window.session.contacts.create(
        PartyDraft(first_name="Ancien", last_name="Prospect", roles=(RoleEntry("prospect", dt.date(2019, 1, 1)),))
    ).id
    dialog = window.retention()
    assert isinstance(dialog, RetentionDialog)
    assert dialog.table.rowCount() == 0  # changed today: not concerned
    later = dt.date.today() + dt.timedelta(days=4 * 366)
    dialog.refresh(today=later)
    assert dialog.checked_ids() == [old]
    dialog.grab().save(str(tmp_path / "retention.png"))
    dialog.erase_checked()  # asks (answered yes), then erases in a worker
    assert "Effacer définitivement 1 personne\u202f? C'est irréversible." in answers
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and dialog.job is None, timeout=15_000)
    with pytest.raises(NotFoundError):
        window.session.contacts.get(old)


def test_move_the_selected_people_to_another_workspace(window: MainWindow, qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    from ekocrm_desktop.services.contacts import ContactService
    from ekocrm_desktop.services.workspaces import open_workspace
    from ekocrm_desktop.ui.dialogs.privacy_dialogs import TransferDialog
    from ekocrm_desktop.ui.pages.contacts_page import ContactsPage

    person = helene(window)
    page = window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectionModel().setCurrentIndex(
        page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    dialog = window.transfer_selected()
    assert isinstance(dialog, TransferDialog)
    assert [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())] == ["Association"]
    dialog.move_radio.setChecked(True)
    dialog.run()  # in a worker: the window stays usable
    qtbot.waitUntil(lambda: bool(answers) and "copied" in answers[-1], timeout=15_000)
    assert answers[-1] == "1 copied, 0 already there, 0 refused."
    assert window.session is not None
    with pytest.raises(NotFoundError):
        window.session.contacts.get(person)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    other = open_workspace(window.registry.get("Association"))
    try:
        assert ContactService(other.db).get(person).display_name == "Hélène Dupré-Lefèvre"  # type: ignore[arg-type]
    finally:
        other.db.dispose()
