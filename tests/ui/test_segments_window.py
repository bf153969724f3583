"""Groups and segments through the real window: build "clients who bought Formation" in the
visual builder and check its live count, members and "why"; a broken condition shown in red;
create a group, fill it from the contacts page's selection, remove a member."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.models.domains import DealStatus
from ekocrm_desktop.models.party import Tag
from ekocrm_desktop.services.contacts import RoleEntry
from ekocrm_desktop.services.segments import AND, group, leaf
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.contacts_page import ContactsPage
from ekocrm_desktop.ui.pages.groups_page import AddToGroupDialog, GroupsPage
from ekocrm_desktop.ui.pages.segments_page import SegmentsPage
from ekocrm_desktop.ui.widgets.segment_builder import RoleEditor

from ..integration.segment_fixtures import articles, deal, organisation, person, stages
from .conftest import type_text


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def select_rows(table: object, rows: list[int]) -> None:
    model = table.model()  # type: ignore[attr-defined]
    selection = table.selectionModel()  # type: ignore[attr-defined]
    selection.clearSelection()
    for row in rows:
        selection.select(
            model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


@pytest.fixture
def shop(window: MainWindow) -> dict[str, uuid.UUID]:
    """Clients with won, open and lost deals of training and software articles."""
    session = window.session
    assert session is not None
    db, contacts = session.db, session.contacts
    stage, article = stages(db), articles(db)
    client = (RoleEntry("client", dt.date(2024, 1, 1)),)
    ids = {
        "Garage Roux": organisation(contacts, "Garage Roux", city="Lyon", postcode="69003", roles=client),
        "Cabinet Girard": organisation(contacts, "Cabinet Girard", city="Bron", postcode="69500", roles=client),
        "Boulangerie Fabre": organisation(contacts, "Boulangerie Fabre", roles=client),
        "Zoé Dupré": person(contacts, "Zoé", "Dupré", city="Lyon", postcode="69001"),
    }
    deal(db, ids["Garage Roux"], stage["Gagné"], DealStatus.WON.value, (article["FORM-EXCEL"],))
    deal(db, ids["Cabinet Girard"], stage["Gagné"], DealStatus.WON.value, (article["LOG-CRM"], article["FORM-RGPD"]))
    deal(db, ids["Boulangerie Fabre"], stage["Proposition"], DealStatus.OPEN.value, (article["FORM-EXCEL"],))
    return ids


def test_build_the_segment_clients_who_bought_formation(
    window: MainWindow,
    shop: dict[str, uuid.UUID],
    qtbot,
    qtmodeltester,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    page.new_segment()
    type_text(page.name_edit, "Clients formés")
    builder = page.builder

    qtbot.mouseClick(builder.root_row().buttons[0], Qt.MouseButton.LeftButton)  # + Condition
    role_row = builder.rows()[0]
    choose(role_row.field, "role")
    choose(role_row.operator, "current")
    assert isinstance(role_row.value_widget, RoleEditor)
    choose(role_row.value_widget.role, "client")

    qtbot.mouseClick(builder.root_row().buttons[0], Qt.MouseButton.LeftButton)
    bought_row = builder.rows()[1]
    choose(bought_row.field, "bought_category")
    assert isinstance(bought_row.value_widget, QComboBox)
    choose(bought_row.value_widget, "formation")

    # The live count follows the edits (debounced, counted in a worker).
    with qtbot.waitSignal(page.live_count_done, timeout=10_000, check_params_cb=lambda n: n == 2):
        pass
    assert page.live_label.text() == "2 contacts match"
    assert page.definition()["children"] == [
        {"field": "role", "operator": "current", "value": {"role": "client", "category": "", "status": ""}},
        {"field": "bought_category", "operator": "has", "value": "formation", "label": "Formation"},
    ]

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.session.segments.segments()  # type: ignore[union-attr]
    assert [s.name for s in saved] == ["Clients formés"]
    assert window.session.segments.count(saved[0].id) == 2  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: page.list.count() == 1 and page.list.item(0).text() == "Clients formés (2)", timeout=10_000)

    qtbot.waitUntil(lambda: page.model.is_count_exact() and page.model.rowCount() == 2, timeout=10_000)
    names = [page.model.row_at(r).display_name for r in range(page.model.rowCount())]
    assert names == ["Cabinet Girard", "Garage Roux"]
    qtmodeltester.check(page.model)

    select_rows(page.table, [1])
    why = page.why.toPlainText()
    assert "Why is Garage Roux in it?" in why
    assert "Role is currently Client" in why and "Bought an article of the category Formation" in why
    # Searching within the segment.
    type_text(page.search_edit, "girard")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).display_name == "Cabinet Girard")

    page.resize(1280, 720)
    page.grab().save(str(tmp_path / "segments.png"))


def test_a_broken_condition_is_shown_in_red_and_the_segment_still_opens(
    window: MainWindow,
    shop: dict[str, uuid.UUID],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    session = window.session
    assert session is not None
    contacts = session.contacts
    person(contacts, "Hélène", "Lefèvre", tags=("Presse",))
    tag_id = next(t.id for t in contacts.tags() if t.name == "Presse")
    session.segments.create(
        "Presse lyonnaise", group(AND, leaf("tag", "has", str(tag_id), "Presse"), leaf("city", "equals", "Lyon"))
    )
    with session.db.write_session() as s:
        s.get_one(Tag, tag_id).deleted_at = session.db.clock()
        s.commit()
    session.db.announce(Changes.of("tag", [tag_id]))  # as the tags' settings list does

    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    page.refresh()
    assert page.select_segment("Presse lyonnaise")
    qtbot.waitUntil(lambda: page.broken_label.isVisible(), timeout=10_000)
    assert "The tag “Presse” was deleted." in page.broken_label.text()
    row = page.builder.rows()[0]
    assert row.broken_label.isVisible() and "Presse" in row.broken_label.text()
    assert row.value_widget.currentText() == "Presse"  # type: ignore[attr-defined]
    assert page.live_label.text() == "0 contacts match"


def test_groups_create_add_from_the_contacts_page_and_remove(
    window: MainWindow,
    shop: dict[str, uuid.UUID],
    qtbot,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    groups_page = window.show_page("groups")
    assert isinstance(groups_page, GroupsPage)
    assert groups_page.new_group("Salon de Lyon 2026") is not None

    contacts_page = window.show_page("contacts")
    assert isinstance(contacts_page, ContactsPage)
    contacts_page.clear_filters()
    qtbot.waitUntil(lambda: contacts_page.model.rowCount() == 4)
    select_rows(contacts_page.table, [0, 1, 3])  # Boulangerie, Cabinet, Zoé (by name)
    chosen = contacts_page.selected_ids()
    assert len(chosen) == 3

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, AddToGroupDialog)
        choose(dialog.group_combo, str(window.session.groups.groups()[0].id))  # type: ignore[union-attr]
        dialog.accept()

    when_modal_then_click(add, contacts_page.add_to_group_button, qtbot)
    assert window.session.groups.count(window.session.groups.groups()[0].id) == 3  # type: ignore[union-attr]

    window.show_page("groups")
    qtbot.waitUntil(lambda: groups_page.model.rowCount() == 3)
    assert groups_page.list.currentItem().text() == "Salon de Lyon 2026 (3)"
    qtmodeltester.check(groups_page.model)
    select_rows(groups_page.table, [0])
    removed = groups_page.model.row_at(0).display_name
    qtbot.mouseClick(groups_page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: groups_page.model.rowCount() == 2)
    assert removed not in [groups_page.model.row_at(r).display_name for r in range(2)]
    assert groups_page.list.currentItem().text() == "Salon de Lyon 2026 (2)"


def when_modal_then_click(action, button, qtbot) -> None:  # type: ignore[no-untyped-def]
    from .conftest import when_modal

    when_modal(action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_readers_see_segments_and_groups_but_cannot_change_them(
    window: MainWindow,
    shop: dict[str, uuid.UUID],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    import dataclasses

    session = window.session
    assert session is not None
    session.segments.create("Clients", group(AND, leaf("role", "current", {"role": "client"})))
    session.groups.create("Bureau 2026")
    session.capabilities = dataclasses.replace(session.capabilities, can_create=False, can_edit=False)
    page = SegmentsPage(session)
    qtbot.addWidget(page)
    page.show()
    assert page.select_segment("Clients") or page.list.currentItem() is not None
    qtbot.waitUntil(lambda: page.live_label.text() == "3 contacts match", timeout=10_000)
    assert page.save_button.isHidden() and page.new_button.isHidden() and page.delete_button.isHidden()
    assert page.name_edit.isReadOnly()
    assert page.builder.rows() and not any(row.isEnabled() for row in page.builder.rows())
    assert not page.builder.root_row().isEnabled()
    assert page.save() is None
    groups = GroupsPage(session)
    qtbot.addWidget(groups)
    assert groups.new_button.isHidden() and groups.remove_button.isHidden() and groups.delete_button.isHidden()


def test_rename_and_delete_a_group_with_undo(window: MainWindow, qtbot, answers: list[str]) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("groups")
    assert isinstance(page, GroupsPage)
    assert page.new_group("Bureau 2025") is not None
    page.rename_group("Bureau 2026")
    assert page.list.currentItem().text() == "Bureau 2026 (0)"
    page.delete_group()
    assert answers[-1] == "Delete the group “Bureau 2026” (0 members)? The contacts themselves stay."
    qtbot.waitUntil(lambda: page.list.count() == 0)
    assert "No group yet" in page.empty_label.text()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.list.count() == 1)
    assert page.list.item(0).text() == "Bureau 2026 (0)"


def test_saving_over_someone_elses_change_shows_theirs_and_delete_can_be_undone(
    window: MainWindow,
    qtbot,
    answers: list[str],  # type: ignore[no-untyped-def]
) -> None:
    session = window.session
    assert session is not None
    saved = session.segments.create("Lyonnais", group(AND, leaf("city", "equals", "Lyon")))
    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    assert page.select_segment("Lyonnais")
    # Someone else renames it meanwhile (another window, another person on a shared database).
    session.segments.update(saved.id, saved.version, name="Lyonnais et Villeurbannais")
    page.name_edit.setText("Mes Lyonnais")
    assert page.save() is None
    assert answers[-1] == "Someone else changed this segment meanwhile; it is shown again as they saved it."
    assert page.name_edit.text() == "Lyonnais et Villeurbannais"
    page.delete_segment()
    qtbot.waitUntil(lambda: page.list.count() == 0)
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.list.count() == 1)
    assert session.segments.segments()[0].name == "Lyonnais et Villeurbannais"


def test_people_left_without_activity_are_found_from_the_builder(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QSpinBox

    from ekocrm_desktop.services.activities import ActivityDraft

    session = window.session
    assert session is not None
    contacts = session.contacts
    quiet = person(contacts, "Odile", "Oubliée")
    busy = person(contacts, "Bruno", "Occupé")
    session.activities.log(ActivityDraft("call_out", "Point mensuel", party_ids=(busy,)))

    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    page.new_segment()
    type_text(page.name_edit, "Sans nouvelles")
    qtbot.mouseClick(page.builder.root_row().buttons[0], Qt.MouseButton.LeftButton)  # + Condition
    row = page.builder.rows()[0]
    choose(row.field, "no_activity")
    assert isinstance(row.value_widget, QSpinBox)
    row.value_widget.setValue(30)
    assert page.definition()["children"] == [{"field": "no_activity", "operator": "days", "value": "30"}]
    with qtbot.waitSignal(page.live_count_done, timeout=10_000):
        pass
    ids = set(session.segments.member_ids_of(page.definition()))
    assert quiet in ids and busy not in ids


def test_plan_a_follow_up_call_for_every_member_of_a_segment(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """8sens' first example: a follow-up call for all the prospects of category PME in Rhône."""
    from ekocrm_desktop.models.enums import RoleKind
    from ekocrm_desktop.services.activities import ActivityQuery

    session = window.session
    assert session is not None
    contacts = session.contacts
    since = dt.date(2024, 1, 1)
    seller = person(contacts, "Camille", "Commerciale", roles=(RoleEntry(RoleKind.COLLABORATOR.value, since),))
    pme = RoleEntry("prospect", since, category="PME")
    in_rhone = [
        person(contacts, "Anne", "Lyonnaise", city="Lyon", postcode="69003", roles=(pme,)),
        person(contacts, "Basile", "Villeurbannais", city="Villeurbanne", postcode="69100", roles=(pme,)),
    ]
    elsewhere = person(contacts, "Chloé", "Parisienne", city="Paris", postcode="75011", roles=(pme,))

    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    page.new_segment()
    type_text(page.name_edit, "Prospects PME du Rhône")
    page.builder.set_definition(
        group(AND, leaf("role", "current", {"role": "prospect", "category": "PME"}), leaf("department", "is", "69"))
    )
    page.plan_tasks()
    qtbot.waitUntil(lambda: getattr(page, "plan_dialog", None) is not None, timeout=10_000)
    dialog = page.plan_dialog
    assert sorted(dialog.party_ids) == sorted(in_rhone)
    assert "Prospects PME du Rhône" in dialog.count_label.text()
    type_text(dialog.subject, "Appel de relance")
    dialog.one_radio.setChecked(True)
    dialog.one_combo.setCurrentIndex(dialog.one_combo.findText("Camille Commerciale"))
    assert dialog.one_combo.currentData() == seller
    with qtbot.waitSignal(dialog.done, timeout=10_000) as done:
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert done.args[0].created == 2
    for party_id in in_rhone:
        assert session.activities.count(ActivityQuery(party_id=party_id, tasks_only=True)) == 1
    assert session.activities.count(ActivityQuery(party_id=elsewhere, tasks_only=True)) == 0
