"""Domains through the real window: convert a prospect and find it among clients (and undo),
organise collaborators in a team, edit a settings list (add a value; deleting one in use says
where it is used, then replaces it), the role combos of the party editor; every new model
passes the Qt model tester."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ekocrm_desktop.services.access import FULL_ACCESS
from ekocrm_desktop.services.contacts import PartyDraft, RoleEntry
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.domain_page import DomainPage
from ekocrm_desktop.ui.pages.settings_lists_page import ReplaceDialog, SettingsListsPage
from ekocrm_desktop.ui.pages.teams_page import TeamsPage

from .conftest import type_text, when_modal

SINCE = dt.date(2025, 1, 1)


def organisation(window: MainWindow, name: str, *roles: RoleEntry) -> uuid.UUID:
    assert window.session is not None
    return window.session.contacts.create(PartyDraft(kind="organisation", name=name, roles=roles)).id


def collaborator(window: MainWindow, first: str) -> uuid.UUID:
    assert window.session is not None
    draft = PartyDraft(first_name=first, last_name="Dupré", roles=(RoleEntry("collaborator", SINCE),))
    return window.session.contacts.create(draft).id


def test_convert_a_prospect_and_see_it_among_clients(window: MainWindow, qtbot, answers, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    alpha = organisation(window, "Alpha Conseil", RoleEntry("prospect", SINCE, status="chaud", category="PME"))
    organisation(window, "Bêta Formation", RoleEntry("prospect", SINCE, status="froid", category="TPE"))
    prospects = window.show_page("prospects")
    assert isinstance(prospects, DomainPage)
    qtbot.waitUntil(lambda: prospects.model.rowCount() == 2)
    qtmodeltester.check(prospects.model, force_py=True)
    # The configured label of the state shows, not its stored code.
    assert prospects.model.index(0, 1).data() == "Chaud"
    assert prospects.select_id(alpha)
    assert prospects.convert_button.isEnabled()
    qtbot.mouseClick(prospects.convert_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == "Convert “Alpha Conseil” into a client?"
    qtbot.waitUntil(lambda: prospects.model.rowCount() == 1)
    assert "converted" in window.message_label.text()

    clients = window.show_page("clients")
    assert isinstance(clients, DomainPage)
    qtbot.waitUntil(lambda: clients.model.rowCount() == 1)
    row = clients.model.row_at(0)
    assert (row.display_name, row.category, row.since) == ("Alpha Conseil", "PME", window.session.domains.today())
    qtmodeltester.check(clients.model, force_py=True)
    assert clients.select_id(alpha)
    assert "Role history" in clients.detail.toPlainText() and "Prospect" in clients.detail.toPlainText()

    # Undo from the status bar: a prospect again, no longer a client.
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clients.model.rowCount() == 0)
    assert clients.table_stack.currentWidget() is clients.empty
    window.show_page("prospects")
    qtbot.waitUntil(lambda: prospects.model.rowCount() == 2)

    # Several at once: the question says how many.
    prospects.table.selectAll()
    qtbot.mouseClick(prospects.convert_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == "Convert 2 prospects into clients?"
    qtbot.waitUntil(lambda: prospects.model.rowCount() == 0)


def test_every_role_page_opens_with_its_columns(window: MainWindow, qtbot, answers, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    organisation(window, "Fournitures Rhône", RoleEntry("supplier", SINCE, category="Matériel"))
    collaborator(window, "Zoé")
    for key in ("member_directory", "partners", "suppliers", "competitors", "collaborators"):
        page = window.show_page(key)
        assert isinstance(page, DomainPage)
        qtmodeltester.check(page.model, force_py=True)
    suppliers = window.show_page("suppliers")
    assert isinstance(suppliers, DomainPage)
    qtbot.waitUntil(lambda: suppliers.model.rowCount() == 1)
    headers = [suppliers.model.headerData(c, Qt.Orientation.Horizontal) for c in range(suppliers.model.columnCount())]
    assert headers[:3] == ["Name", "Category", "Since"]
    window.find_action.trigger()  # Ctrl+F
    assert suppliers.focusWidget() is suppliers.search_edit
    # End the role: the supplier leaves the page and shows among the former ones.
    suppliers.table.selectRow(0)
    qtbot.mouseClick(suppliers.end_button, Qt.MouseButton.LeftButton)
    assert answers[-1] == "End the role “Supplier” of 1 record? Its last day was yesterday."
    qtbot.waitUntil(lambda: suppliers.model.rowCount() == 0)
    suppliers.period_combo.setCurrentIndex(1)
    assert suppliers.model.rowCount() == 1


def test_create_a_team_of_collaborators(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    zoe, loic = collaborator(window, "Zoé"), collaborator(window, "Loïc")
    page = window.show_page("teams")
    assert isinstance(page, TeamsPage)
    assert page.editable  # the owner of a local file changes teams
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.name_edit, "Équipe Lyon Nord")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("geography"))
    page.leader_combo.setCurrentIndex(page.leader_combo.findData(str(zoe)))
    for i in range(page.members_list.count()):
        page.members_list.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    (team,) = window.session.teams.teams()
    assert (team.name, team.kind, team.leader_id) == ("Équipe Lyon Nord", "geography", zoe)
    assert {m.party_id for m in team.members} == {zoe, loic}
    assert page.model.rowCount() == 1
    qtmodeltester.check(page.model, force_py=True)
    # The same name twice is said next to the field.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    type_text(page.name_edit, "équipe lyon nord")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.name_error.text() == "Another team already has this name."
    # The collaborators page shows the team and filters on it.
    collaborators = window.show_page("collaborators")
    assert isinstance(collaborators, DomainPage)
    qtbot.waitUntil(lambda: collaborators.model.rowCount() == 2)
    assert collaborators.model.row_at(0).teams == ("Équipe Lyon Nord",)
    collaborators.team_combo.setCurrentIndex(collaborators.team_combo.findData(str(team.id)))
    assert collaborators.model.rowCount() == 2


def test_edit_a_settings_list(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    organisation(window, "Alpha", RoleEntry("prospect", SINCE, category="PME"))
    organisation(window, "Bêta", RoleEntry("prospect", SINCE, category="PME"))
    page = window.show_page("settings_lists")
    assert isinstance(page, SettingsListsPage)
    editor = page.editor("role_category:prospect")
    qtmodeltester.check(editor.model, force_py=True)
    type_text(editor.new_edit, "Start-up innovante")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    labels = [i.label for i in editor.model.items]
    assert labels[-1] == "Start-up innovante"
    # It stays selected: move it up, deactivate it (no longer offered), activate it again.
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert [i.label for i in editor.model.items][-2] == "Start-up innovante"
    qtbot.mouseClick(editor.active_button, Qt.MouseButton.LeftButton)
    assert editor.model.index(len(labels) - 2, 0).data() == "Start-up innovante (inactive)"
    assert editor.active_button.text() == "Activate"
    qtbot.mouseClick(editor.active_button, Qt.MouseButton.LeftButton)
    assert editor.model.index(len(labels) - 2, 0).data() == "Start-up innovante"

    # Deleting a value in use: the dialog says where; cancelled, nothing is deleted.
    seen: list[str] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplaceDialog)
        seen.append(dialog.message.text())
        dialog.reject()

    editor.select(next(i.id for i in editor.model.items if i.code == "PME"))
    when_modal(cancel)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert seen == ["“PME” is used by 2 contact roles. It can only be deleted if another value takes its place."]
    assert editor.error.text() == "“PME” was not deleted: it is used by 2 contact roles."
    assert "PME" in [i.code for i in editor.model.items]

    # Replaced by "TPE": both prospects now carry it, and "PME" is gone.
    def replace(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplaceDialog)
        dialog.replacement.setCurrentIndex(dialog.replacement.findText("TPE"))
        dialog.accept()

    when_modal(replace)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert "PME" not in [i.code for i in editor.model.items]
    assert window.session is not None
    assert window.session.domains.categories_in_use("prospect") == ["TPE"]

    # Renaming in place keeps the code.
    row = next(r for r, i in enumerate(editor.model.items) if i.code == "TPE")
    assert editor.model.setData(editor.model.index(row, 0), "Très petite entreprise")
    assert editor.model.items[row].code == "TPE"
    assert editor.model.index(row, 0).data() == "Très petite entreprise"
    # Last: the tester follows the last model it was given.
    qtmodeltester.check(page.tags_editor.model, force_py=True)


def test_the_party_editor_offers_the_configured_states_and_categories(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    alpha = organisation(window, "Alpha", RoleEntry("prospect", SINCE, status="chaud", category="Ancienne valeur"))
    window.edit_party(alpha)
    dialog = window.editors[alpha]
    (row,) = dialog.roles.rows
    assert [row.status.itemText(i) for i in range(row.status.count())] == ["Froid", "Tiède", "Chaud", "Perdu"]
    assert row.status.currentText() == "Chaud"
    # A category no longer configured is kept as it is.
    assert row.category.currentText() == "Ancienne valeur"
    assert row.value().category == "Ancienne valeur"
    row.category.setCurrentIndex(row.category.findText("Grand compte"))
    assert row.value().category == "Grand compte"
    row.role.setCurrentIndex(row.role.findData("member"))
    assert row.category.findText("Bienfaiteur") >= 0
    dialog.close()


def test_a_collaborator_reads_teams_and_settings_lists_without_changing_them(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    # As the server would report it for a collaborator of a team database (it refuses their writes).
    session.capabilities = dataclasses.replace(FULL_ACCESS, team=True, app_role="collaborator")
    settings = SettingsListsPage(session)
    editor = settings.editor("role_category:prospect")
    editor.reload()
    assert editor.model.items and not editor.add_button.isVisibleTo(settings)
    assert not editor.delete_button.isVisibleTo(settings)
    assert not editor.model.flags(editor.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    teams = TeamsPage(session)
    assert not teams.new_button.isVisibleTo(teams) and not teams.save_button.isVisibleTo(teams)
    assert not teams.name_edit.isEnabled()
    prospects = DomainPage(session, "prospect")
    assert prospects.convert_button.isVisibleTo(prospects)  # collaborators edit contacts
    for page in (settings, teams, prospects):
        page.deleteLater()


def test_tags_are_renamed_and_merged_from_the_settings_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    window.session.contacts.create(PartyDraft(kind="organisation", name="Alpha", tags=("Salon 2026",)))
    window.session.contacts.create(PartyDraft(kind="organisation", name="Bêta", tags=("Salon 2026", "VIP")))
    page = window.show_page("settings_lists")
    assert isinstance(page, SettingsListsPage)
    tags = page.tags_editor
    assert [tags.model.index(r, 0).data() for r in range(tags.model.rowCount())] == ["Salon 2026 (2)", "VIP (1)"]
    assert tags.model.setData(tags.model.index(0, 0), "Salon de Lyon")
    assert window.session.contacts.tag_names() == ["Salon de Lyon", "VIP"]
    type_text(tags.new_edit, "Presse")
    tags.new_edit.returnPressed.emit()
    assert window.session.contacts.tag_names() == ["Presse", "Salon de Lyon", "VIP"]

    def merge(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplaceDialog)
        assert dialog.message.text().startswith("“Salon de Lyon” is used by 2 contacts.")
        dialog.replacement.setCurrentIndex(dialog.replacement.findText("VIP"))
        dialog.accept()

    row = next(r for r, t in enumerate(tags.model.tags) if t.name == "Salon de Lyon")
    tags.view.setCurrentIndex(tags.model.index(row, 0))
    when_modal(merge)
    qtbot.mouseClick(tags.delete_button, Qt.MouseButton.LeftButton)
    assert {t.name: t.count for t in window.session.settings_lists.tags()} == {"Presse": 0, "VIP": 2}
    assert "moved" in window.message_label.text()
