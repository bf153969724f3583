"""Deals and articles through the real window, as a salesperson works: create a deal with a
line from the catalogue, find it on the board, drag it to the won column and see the prospect
become a client; sort the list; keep bad input in the form with a clear message; edit the
pipeline; create an article."""

from __future__ import annotations

import datetime as dt
import uuid
import warnings
from decimal import Decimal

import pytest

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog

from ekocrm_desktop.services.articles import ArticleDraft
from ekocrm_desktop.services.contacts import PartyDraft, RoleEntry
from ekocrm_desktop.services.deals import DealDraft, LineEntry
from ekocrm_desktop.ui.dialogs.deal_dialogs import COL_PRICE, COL_QUANTITY, DealDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.articles_page import ArticlesPage
from ekocrm_desktop.ui.pages.deals_page import LIST, DealsPage
from ekocrm_desktop.ui.widgets.pipeline_stages_editor import PipelineStagesEditor

from .conftest import type_text


def deals_page(window: MainWindow) -> DealsPage:
    page = window.show_page("deals")
    assert isinstance(page, DealsPage)
    return page


@pytest.fixture
def shop(window: MainWindow) -> dict[str, uuid.UUID]:
    """A prospect organisation, a collaborator and two articles."""
    session = window.session
    assert session is not None
    prospect = session.contacts.create(
        PartyDraft(kind="organisation", name="Boulangerie Dupré", roles=(RoleEntry("prospect", dt.date(2025, 3, 1)),))
    ).id
    seller = session.contacts.create(
        PartyDraft(first_name="Zoé", last_name="Vendeuse", roles=(RoleEntry("collaborator", dt.date(2024, 1, 1)),))
    ).id
    excel = session.articles.create(
        ArticleDraft("FOR-XL", "Formation Excel", "formation", Decimal("450"), Decimal("20"))
    ).id
    session.articles.create(ArticleDraft("LIV-01", "Livre de cuisine", "materiel", Decimal("25.90"), Decimal("5.5")))
    return {"prospect": prospect, "seller": seller, "excel": excel}


def test_create_a_deal_drag_it_to_won_and_the_prospect_becomes_a_client(
    window: MainWindow, shop: dict[str, uuid.UUID], qtbot
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    page = deals_page(window)
    assert page.board.columns and [c.column.stage.name for c in page.board.columns] == [
        "Qualification",
        "Proposition",
        "Négociation",
        "Gagnée",
        "Perdue",
    ]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in page.findChildren(DealDialog) if w.isVisible())
    type_text(dialog.title, "Formation équipe")
    type_text(dialog.party, "Dupré")
    dialog.party.refresh()
    dialog.party.choose_row(0)
    assert dialog.party.chosen_id() == shop["prospect"]
    dialog.owner.setCurrentIndex(dialog.owner.findData(str(shop["seller"])))
    dialog.choose_article(shop["excel"])
    qtbot.mouseClick(dialog.add_article_button, Qt.MouseButton.LeftButton)
    assert dialog.lines_table.rowCount() == 1
    # Bad input stays in the form with a message; nothing is saved.
    dialog.set_line_cell(0, COL_QUANTITY, "deux")
    assert not dialog.save()
    assert dialog.isVisible() and "“deux” is not a valid quantity" in dialog.errors["lines"].text()
    dialog.set_line_cell(0, COL_QUANTITY, "-2")
    assert not dialog.save()
    assert "“-2” is not a valid quantity" in dialog.errors["lines"].text()
    assert session.deals.count(page.query()) == 0
    dialog.set_line_cell(0, COL_QUANTITY, "3")
    dialog.set_line_cell(0, COL_PRICE, "450,50")
    assert dialog.errors["lines"].isHidden()
    assert "1 351,50" in dialog.totals_label.text().replace("\u202f", " ").replace("\u00a0", " ") or (
        "1,351.50" in dialog.totals_label.text()
    )
    assert dialog.amount.isReadOnly()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = dialog.saved
    assert saved is not None and saved.totals.net == Decimal("1351.50") and saved.totals.gross == Decimal("1621.80")
    assert saved.draft.lines[0].article_id == shop["excel"]

    # On the board, in the first column, with the totals in its header.
    first = page.board.columns[0]
    assert first.cards.deal_ids() == [saved.id]
    assert "Formation équipe" in first.cards.item(0).text() and "Boulangerie Dupré" in first.cards.item(0).text()
    assert "1 deal" in first.header_text()

    # Drag the card onto the won column: a real drop event with the card's drag data.
    won = next(c for c in page.board.columns if c.column.stage.is_won)
    mime = first.cards.mimeData([first.cards.item(0)])
    # Qt delivers a drop to the widget that accepted the drag entering it, as during a real drag.
    target = won.cards.viewport()
    args = (Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide6 marks the only constructor deprecated
        enter = QDragEnterEvent(QPoint(20, 20), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), *args)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    won = next(c for c in page.board.columns if c.column.stage.is_won)
    assert won.cards.deal_ids() == [saved.id]
    assert page.board.columns[0].cards.count() == 0
    detail = session.deals.get(saved.id)
    assert (detail.status, detail.draft.probability) == ("won", 100)
    roles = {(r.role, r.until) for r in session.contacts.get(shop["prospect"]).draft.roles}
    today = session.deals.today()
    assert roles == {("prospect", today), ("client", None)}

    # The contacts page shows it as a client now.
    contacts = window.show_page("contacts")
    contacts.apply_filters()  # type: ignore[attr-defined]
    window.show_page("deals")


def test_drop_path_reorders_within_a_column_and_lost_asks_a_reason(
    window: MainWindow, shop: dict[str, uuid.UUID], qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    page = deals_page(window)
    a = session.deals.create(DealDraft("Alpha", party_id=shop["prospect"], amount=Decimal("100"))).id
    b = session.deals.create(DealDraft("Bravo", amount=Decimal("200"))).id
    page.reload_board()
    first = page.board.columns[0]
    assert first.cards.deal_ids() == [b, a]  # new deals on top
    assert page.drop_card(b, first.column.stage.id, a)
    assert page.board.columns[0].cards.deal_ids() == [a, b]
    lost = next(c for c in page.board.columns if c.column.stage.is_lost)
    from PySide6.QtWidgets import QDialog

    from ekocrm_desktop.ui.dialogs.deal_dialogs import LostReasonDialog

    def answer(self: LostReasonDialog) -> int:
        self.reason.setEditText("Trop cher")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(LostReasonDialog, "exec", answer)
    assert page.drop_card(a, lost.column.stage.id)
    detail = session.deals.get(a)
    assert (detail.status, detail.draft.lost_reason) == ("lost", "Trop cher")
    # A lost deal is not a won one: the prospect stays a prospect.
    assert {r.role for r in session.contacts.get(shop["prospect"]).draft.roles} == {"prospect"}


def test_list_view_sorts_by_clicking_headers_and_models_pass_the_tester(
    window: MainWindow, shop: dict[str, uuid.UUID], qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    for i, amount in enumerate((300, 100, 200)):
        session.deals.create(DealDraft(f"Affaire {i}", amount=Decimal(amount), owner_id=shop["seller"]))
    page = deals_page(window)
    qtbot.mouseClick(page.list_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentIndex() == LIST
    page.apply_filters()
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model, force_py=True)
    header = page.table.horizontalHeader()
    amount_column = 3
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_center(header, amount_column))
    assert page.model.sort_key == "amount"
    amounts = [page.model.row_at(r).amount for r in range(3)]
    assert amounts == sorted(amounts) or amounts == sorted(amounts, reverse=True)
    page.table.selectRow(0)
    assert "Affaire" in page.details.text()
    # Ctrl+F (the window's Find) goes to the list's search box, from the board too.
    page.show_view(0)
    window.find_action.trigger()
    assert page.stack.currentIndex() == LIST and page.search_edit.hasFocus()
    page.search_edit.setText("Affaire 2")
    page.apply_filters()
    assert page.model.rowCount() == 1

    articles = window.show_page("articles")
    assert isinstance(articles, ArticlesPage)
    articles.apply_filters()
    assert articles.model.rowCount() == 2
    qtmodeltester.check(articles.model, force_py=True)


def _center(header, column):  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_create_an_article_with_a_bad_price_then_a_good_one(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("articles")
    assert isinstance(page, ArticlesPage)
    dialog = page.new_article()
    type_text(dialog.code, "con-jour")
    type_text(dialog.name, "Journée de conseil")
    type_text(dialog.price, "9OO")
    # A new workspace has the default categories: the category is chosen from that list.
    assert not dialog.category.isEditable()
    dialog.category.setCurrentIndex(dialog.category.findData("conseil"))
    assert dialog.category.currentText() == "Conseil"
    assert not dialog.save()
    assert dialog.isVisible()
    assert "“9OO” is not a valid amount" in dialog.errors["unit_price"].text()
    dialog.price.setText("900")
    dialog.vat.setCurrentIndex(dialog.vat.findData("10.00"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.model.rowCount() == 1
    row = page.model.article_at(0)
    assert row is not None and (row.code, row.unit_price, row.vat_rate, row.category) == (
        "CON-JOUR",
        Decimal("900.00"),
        Decimal("10.00"),
        "conseil",
    )
    # A second article with the same code is refused beside the field.
    again = page.new_article()
    type_text(again.code, "CON-JOUR")
    type_text(again.name, "Doublon")
    assert not again.save()
    assert "already exists" in again.errors["code"].text()
    again.reject()


def test_pipeline_editor_adds_renames_reorders_and_refuses_deleting_a_stage_in_use(
    window: MainWindow, qtbot, monkeypatch, answers
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    editor = PipelineStagesEditor(session)
    qtbot.addWidget(editor)
    assert editor.list.count() == 5
    assert editor.add_stage()
    assert editor.list.count() == 6
    editor.name.setText("Démonstration")
    editor.probability.setValue(45)
    assert editor.save_current()
    editor.move_current(-1)
    assert [s.name for s in editor.stages][4] == "Démonstration"
    stage = next(s for s in session.deals.stages() if s.name == "Démonstration")
    session.deals.create(DealDraft("Démo chez Dupré", stage_id=stage.id))
    session.deals.create(DealDraft("Démo chez Noël", stage_id=stage.id))
    editor.select("Démonstration")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))
    assert not editor.delete_current()
    assert "holds 2 deals" in editor.message.text()
    assert len(session.deals.stages()) == 6
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Proposition", True)))
    assert editor.delete_current()
    assert [s.name for s in session.deals.stages()] == [
        "Qualification",
        "Proposition",
        "Négociation",
        "Gagnée",
        "Perdue",
    ]
    # Two stages cannot have the same name: said beside the field.
    editor.select("Proposition")
    editor.name.setText("qualification")
    assert not editor.save_current()
    assert "already exists" in editor.name_error.text()
    # The deals page opens the same editor.
    page = deals_page(window)
    dialog = page.configure_stages()
    assert dialog.editor.list.count() == 5
    dialog.reject()


def test_lines_fill_price_and_vat_from_the_article(window: MainWindow, shop: dict[str, uuid.UUID]) -> None:
    session = window.session
    assert session is not None
    page = deals_page(window)
    dialog = page.new_deal()
    dialog.choose_article(shop["excel"])
    dialog.add_article_line()
    lines, errors = dialog.lines()
    assert not errors and lines == (
        LineEntry("Formation Excel", Decimal("1"), Decimal("450.00"), Decimal("20"), shop["excel"]),
    )
    type_text(dialog.amount, "abc")
    dialog.reject()  # answered "Discard" by the fixture


def test_a_long_column_loads_more_cards_and_the_won_party_is_a_client_on_the_contacts_page(
    window: MainWindow, shop: dict[str, uuid.UUID], qtbot
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    for i in range(57):
        session.deals.create(DealDraft(f"Affaire {i:02d}", amount=Decimal(10)))
    deal = session.deals.create(DealDraft("La bonne", party_id=shop["prospect"], amount=Decimal("990")))
    page = deals_page(window)
    page.reload_board()
    first = page.board.columns[0]
    assert first.cards.count() == 50 and first.column.count == 58
    assert not first.more_button.isHidden() and "8" in first.more_button.text()
    qtbot.mouseClick(first.more_button, Qt.MouseButton.LeftButton)
    assert first.cards.count() == 58 and first.more_button.isHidden()
    assert len(set(first.cards.deal_ids())) == 58
    # Select the card and use the button, as a keyboard user would.
    assert page.board.select(deal.id)
    assert page.won_button.isEnabled()
    qtbot.mouseClick(page.won_button, Qt.MouseButton.LeftButton)
    assert session.deals.get(deal.id).status == "won"
    contacts = window.show_page("contacts")
    contacts.search_edit.setText("Dupré")  # type: ignore[attr-defined]
    contacts.apply_filters()  # type: ignore[attr-defined]
    row = contacts.model.row_at(0)  # type: ignore[attr-defined]
    assert row.display_name == "Boulangerie Dupré" and "client" in row.roles


def test_readers_see_the_board_and_forms_read_only(window: MainWindow, shop: dict[str, uuid.UUID], qtbot) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    session = window.session
    assert session is not None
    deal = session.deals.create(DealDraft("À lire seulement", party_id=shop["prospect"], amount=Decimal("50")))
    # What a reader's session says (the server enforces it; the window only hides what it would refuse).
    session.capabilities = dataclasses.replace(session.capabilities, can_create=False, can_edit=False)
    page = DealsPage(session)
    qtbot.addWidget(page)
    assert not page.new_button.isEnabled()
    first = page.board.columns[0]
    assert not first.cards.acceptDrops() and not first.cards.dragEnabled()
    assert not page.drop_card(deal.id, page.board.columns[2].column.stage.id)
    assert session.deals.get(deal.id).stage_name == "Qualification"
    page.board.select(deal.id)
    page._selection_changed()
    assert page.edit_button.isEnabled() and not page.won_button.isEnabled() and not page.delete_button.isEnabled()
    dialog = page.open_deal(deal.id)
    assert dialog is not None
    assert (
        dialog.title.isReadOnly() and not dialog.save_button.isEnabled() and not dialog.add_article_button.isEnabled()
    )
    assert not dialog.save()
    dialog.reject()
    articles = ArticlesPage(session)
    qtbot.addWidget(articles)
    assert not articles.new_button.isEnabled() and not articles.delete_button.isEnabled()


def test_two_people_editing_one_deal_choose_field_by_field(
    window: MainWindow, shop: dict[str, uuid.UUID], qtbot
) -> None:  # type: ignore[no-untyped-def]
    from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog

    from .conftest import when_modal

    session = window.session
    assert session is not None
    created = session.deals.create(DealDraft("Audit", party_id=shop["prospect"], amount=Decimal("1000")))
    page = deals_page(window)
    dialog = page.open_deal(created.id)
    assert dialog is not None
    # Someone else raises the amount meanwhile.
    import dataclasses

    session.deals.update(created.id, created.version, dataclasses.replace(created.draft, amount=Decimal("1500")))
    dialog.title.setText("Audit complet")
    seen: dict[str, object] = {}

    def merge(widget: object) -> None:
        assert isinstance(widget, ConflictDialog)
        seen["fields"] = widget.differing_fields()
        widget.merge_button.click()

    when_modal(merge)
    assert dialog.save() is True
    assert set(seen["fields"]) == {"title", "amount"}  # type: ignore[arg-type]
    final = session.deals.get(created.id)
    # My title, their amount (only they changed it): nothing overwritten silently.
    assert (final.draft.title, final.draft.amount) == ("Audit complet", Decimal("1500.00"))
