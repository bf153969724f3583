"""Duplicates and merge through the real window: the warning while typing, the finder, merge and undo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from ekocrm_desktop.services.contacts import AffiliationEntry, EmailEntry, PartyDraft, PhoneEntry
from ekocrm_desktop.services.merge import LOSER
from ekocrm_desktop.ui.dialogs.merge_dialog import MergeDialog
from ekocrm_desktop.ui.dialogs.party_dialog import PartyDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.duplicates_page import DuplicatesPage

from .conftest import type_text


def duplicates_page(window: MainWindow) -> DuplicatesPage:
    page = window.show_page("duplicates")
    assert isinstance(page, DuplicatesPage)
    return page


def test_typing_a_known_email_shows_the_warning_without_taking_focus(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    existing = window.session.contacts.create(
        PartyDraft(kind="person", first_name="Hélène", last_name="Lefèvre", emails=(EmailEntry("helene@example.fr"),))
    )
    dialog = window.new_party("person")
    assert isinstance(dialog, PartyDialog)
    type_text(dialog.last_name, "Durand")
    qtbot.wait(500)
    assert not dialog.duplicate_bar.isVisible()  # nothing alike
    qtbot.mouseClick(dialog.emails.add_button, Qt.MouseButton.LeftButton)
    email_edit = dialog.emails.rows[0].edit  # type: ignore[attr-defined]
    type_text(email_edit, "HELENE@example.fr")
    qtbot.waitUntil(dialog.duplicate_bar.isVisible, timeout=5000)
    assert "Hélène Lefèvre" in dialog.duplicate_label.text()
    assert "same e-mail" in dialog.duplicate_label.text()
    assert email_edit.hasFocus()  # the warning never takes the focus
    # "Open" shows the existing record; "Merge later" hides the warning for this form.
    qtbot.mouseClick(dialog.duplicate_open, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: existing.id in window.editors)
    window.editors[existing.id].reject()
    qtbot.mouseClick(dialog.duplicate_later, Qt.MouseButton.LeftButton)
    assert not dialog.duplicate_bar.isVisible()
    dialog.last_name.clear()
    type_text(dialog.last_name, "Lefèvre")
    qtbot.wait(500)
    assert not dialog.duplicate_bar.isVisible()


def test_find_merge_and_undo_through_the_window(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    org = session.contacts.create(PartyDraft(kind="organisation", name="Atelier Dupré"))
    kept = session.contacts.create(
        PartyDraft(
            kind="person",
            first_name="Hélène",
            last_name="Lefèvre",
            emails=(EmailEntry("helene@example.fr"),),
            affiliations=(AffiliationEntry(org.id),),
        )
    )
    other = session.contacts.create(
        PartyDraft(
            kind="person",
            first_name="Helene",
            last_name="Lefevre",
            job_title="Trésorière",
            emails=(EmailEntry("Helene@example.fr"),),
            phones=(PhoneEntry("06 12 34 56 78"),),
            tags=("Bureau",),
        )
    )
    third = session.contacts.create(
        PartyDraft(kind="person", first_name="H.", last_name="Lefèvre", affiliations=(AffiliationEntry(org.id),))
    )
    window.duplicates_action.trigger()  # Contacts → Find duplicates…
    page = window.current_page()
    assert isinstance(page, DuplicatesPage)
    qtbot.waitUntil(lambda: page.job is None and page.scanned, timeout=10_000)
    assert page.pairs.rowCount() == 2  # kept and other (same e-mail), kept and third (same organisation)
    row = next(r for r, p in enumerate(page.pairs.pairs) if {p.first.id, p.second.id} == {kept.id, other.id})
    assert "same e-mail" in page.pairs.index(row, 3).data()
    qtmodeltester.check(page.pairs, force_py=True)

    page.table.selectionModel().setCurrentIndex(
        page.pairs.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    dialog = page.merge_selected()
    assert isinstance(dialog, MergeDialog)
    if dialog.preview.winner.id != kept.id:
        dialog.keep(1)
    assert dialog.preview.winner.id == kept.id
    assert "job_title" in dialog.differing_fields() and "first_name" in dialog.differing_fields()
    dialog.choose("job_title", LOSER)
    combined = {
        dialog.combined.item(r, 0).text(): dialog.combined.item(r, 1).text() for r in range(dialog.combined.rowCount())
    }
    assert combined["Phone"] == "06 12 34 56 78" and combined["Tags"] == "Bureau"
    assert "1 other linked record" not in dialog.moves_label.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    merged = session.contacts.get(kept.id)
    assert merged.draft.first_name == "Hélène" and merged.draft.job_title == "Trésorière"
    assert [p.number for p in merged.draft.phones] == ["+33612345678"] and merged.draft.tags == ("Bureau",)
    assert session.contacts.get(other.id).deleted_at is not None
    # The pair of the kept record with the third one is still proposed.
    assert [{p.first.id, p.second.id} for p in page.pairs.pairs] == [{kept.id, third.id}]
    assert page.merges.rowCount() == 1
    qtmodeltester.check(page.merges, force_py=True)
    # The merge is in the kept record's history.
    assert session.history.party_history(kept.id)[0].reason is not None

    # The status bar offers to undo it.
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    back = session.contacts.get(kept.id)
    assert back.draft == kept.draft
    assert session.contacts.get(other.id).deleted_at is None
    assert session.contacts.get(other.id).draft == other.draft
    qtbot.waitUntil(lambda: page.merges.merge(0) is not None and page.merges.merge(0).undone_at is not None)  # type: ignore[union-attr]


def test_merges_list_undo_is_refused_once_the_record_changed(window: MainWindow, qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    a = session.contacts.create(PartyDraft(kind="person", last_name="Martin", emails=(EmailEntry("m@x.fr"),)))
    b = session.contacts.create(PartyDraft(kind="person", last_name="Martin", emails=(EmailEntry("M@x.fr"),)))
    result = session.merges.merge(a.id, b.id, {}, winner_version=a.version, loser_version=b.version)
    session.contacts.update(a.id, result.winner.version, PartyDraft(kind="person", last_name="Martin-Durand"))
    page = duplicates_page(window)
    page.refresh_merges()
    page.merges_table.selectRow(0)
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert any("changed by" in text for text in answers)
    assert session.contacts.get(b.id).deleted_at is not None


def test_a_merge_runs_in_the_background_and_a_change_meanwhile_leaves_both_records(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, answers
) -> None:
    session = window.session
    assert session is not None
    a = session.contacts.create(PartyDraft(kind="person", last_name="Bernard", emails=(EmailEntry("b@x.fr"),)))
    b = session.contacts.create(PartyDraft(kind="person", last_name="Bernard", emails=(EmailEntry("B@x.fr"),)))
    dialog = MergeDialog(session, a.id, b.id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # Someone saves the record to be kept after the dialog read it.
    session.contacts.update(a.id, a.version, PartyDraft(kind="person", last_name="Bernard-Petit"))
    dialog.merge()
    # Meanwhile the button says so, and closing the dialog would lose the merge's word: refused.
    assert not dialog.merge_button.isEnabled() and dialog.merge_button.text() == "Merging…"
    assert not dialog.cancel_button.isEnabled()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10_000)
    assert any("was changed meanwhile" in text for text in answers)
    assert dialog.isVisible() and dialog.merge_button.isEnabled() and dialog.result_ is None
    assert session.contacts.get(b.id).deleted_at is None
    # Looked at again, the merge goes through and the dialog closes.
    dialog.merge()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result_ is not None and session.contacts.get(b.id).deleted_at is not None
