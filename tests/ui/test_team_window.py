"""Team mode through the real window (issue 4): several people on one PostgreSQL database, each with
their own login. Live updates between windows, a lost connection during a save, what a reader
is (not) offered, inviting and promoting people, history and revert, and creating a new
shared database from the workspace dialog."""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid

import pytest
from sqlalchemy import text

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.access import drop_team_roles
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PartyQuery
from ekocrm_desktop.services.history import HistoryService
from ekocrm_desktop.services.preferences import Preferences
from ekocrm_desktop.services.workspaces import (
    POSTGRESQL,
    PostgresSettings,
    Workspace,
    WorkspaceRegistry,
    new_workspace_id,
)
from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from ekocrm_desktop.ui.dialogs.invite_dialog import InviteDialog, PasswordShownOnceDialog
from ekocrm_desktop.ui.dialogs.workspace_dialog import WorkspaceDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.contacts_page import ContactsPage
from ekocrm_desktop.ui.pages.team_page import TeamPage
from tests.conftest import TeamDatabase

from .conftest import type_text, when_modal

pytestmark = pytest.mark.postgres


def settings_for(team: TeamDatabase, person: str) -> PostgresSettings:
    url = team.admin_url
    return PostgresSettings(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        database=url.database or "",
        username=team.logins[person],
        sslmode="prefer",
    )


def open_window(qtbot, team: TeamDatabase, person: str, *, port: int | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    """The real window of `person`, on the team workspace, their password in the (test) keychain."""
    settings = settings_for(team, person)
    if port is not None:
        settings = dataclasses.replace(settings, port=port)
    registry = WorkspaceRegistry(WorkspaceRegistry().path.with_name(f"workspaces-{person}.json"))
    workspace = registry.add(
        Workspace(new_workspace_id(), f"Équipe {person}", "#8e24aa", POSTGRESQL, postgres=settings)
    )
    secrets = SecretStore()
    secrets.set(workspace.secret_key, team.passwords[person])
    window = MainWindow(registry=registry, secrets=secrets, preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(workspace)
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    qtbot.waitUntil(
        lambda: window.session is not None and window.session.live is not None and window.session.live.connected,
        timeout=10_000,
    )
    return window


def contacts_page(window: MainWindow) -> ContactsPage:
    page = window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def names_listed(page: ContactsPage) -> set[str]:
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    return {r.display_name for r in rows if r is not None}


def close(window: MainWindow) -> None:
    for dialog in list(window.editors.values()):
        dialog._closing_confirmed = True  # leave without the discard question
        dialog.close()
    window.close()


# ---------------------------------------------------------------------------- live updates
def test_what_one_person_saves_appears_on_the_others_screen_within_two_seconds(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    bob = open_window(qtbot, team, "bob")
    cleo = open_window(qtbot, team, "cleo")
    try:
        cleo_page = contacts_page(cleo)
        qtbot.waitUntil(lambda: cleo_page.model.rowCount() > 0)
        # Cléo is typing in the search box: live updates must not disturb it.
        type_text(cleo_page.search_edit, "Live")
        qtbot.waitUntil(lambda: cleo_page.model.rowCount() == 0)

        assert bob.session is not None
        created = bob.session.contacts.create(PartyDraft(first_name="Live", last_name="Nouveau"))
        qtbot.waitUntil(lambda: "Live Nouveau" in names_listed(cleo_page), timeout=2000)
        assert cleo_page.search_edit.text() == "Live"

        # Cléo opens the record without changing it, and starts another one she types in.
        assert cleo.session is not None
        untouched = cleo.edit_party(created.id)
        assert untouched is not None
        other = bob.session.contacts.create(PartyDraft(first_name="Autre", last_name="Fiche"))
        typing = cleo.edit_party(other.id)
        assert typing is not None
        type_text(typing.job_title, "Ce que Cléo tape")

        current = bob.session.contacts.get(created.id)
        bob.session.contacts.update(created.id, current.version, dataclasses.replace(current.draft, job_title="Maire"))
        other_now = bob.session.contacts.get(other.id)
        bob.session.contacts.update(other.id, other_now.version, dataclasses.replace(other_now.draft, notes="Bob"))

        # The untouched form shows Bob's change; the one being typed in keeps Cléo's text.
        qtbot.waitUntil(lambda: untouched.job_title.text() == "Maire", timeout=2000)
        qtbot.waitUntil(lambda: typing.notice.isVisible(), timeout=2000)
        assert typing.job_title.text() == "Ce que Cléo tape"
        assert team.logins["bob"] in typing.notice.text()

        # Her save then shows both versions side by side; she keeps her title and Bob's note.
        def merge(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, ConflictDialog)
            assert set(dialog.differing_fields()) == {"job_title", "notes"}
            dialog.keep("notes", "theirs")
            dialog.merge_button.click()

        when_modal(merge)
        typing.save()
        qtbot.waitUntil(lambda: not typing.isVisible())
        saved = bob.session.contacts.get(other.id)
        assert (saved.draft.job_title, saved.draft.notes) == ("Ce que Cléo tape", "Bob")
    finally:
        close(bob)
        close(cleo)


# ---------------------------------------------------------------------------- lost connection
def test_connection_killed_mid_save_keeps_the_form_reconnects_and_saves_once(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    admin = team.superuser()
    bob_db = team.database("bob")
    record = ContactService(bob_db).create(PartyDraft(first_name="Coupure", last_name="Réseau"))
    bob = open_window(qtbot, team, "bob")
    try:
        editor = bob.edit_party(record.id)
        assert editor is not None
        type_text(editor.job_title, "Trésorier")
        with admin.engine.connect() as holder:
            # Someone holds the row: Bob's UPDATE waits on it, then his connection is killed.
            holder.execute(text("SELECT 1 FROM party WHERE id = :i FOR UPDATE"), {"i": record.id})

            def kill_when_waiting() -> None:
                with admin.engine.connect() as killer:
                    for _ in range(200):
                        pid = killer.execute(
                            text("SELECT pid FROM pg_stat_activity WHERE usename = :u AND wait_event_type = 'Lock'"),
                            {"u": team.logins["bob"]},
                        ).scalar()
                        if pid:
                            killer.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                            killer.commit()
                            return
                        killer.rollback()
                        time.sleep(0.05)

            killer_thread = threading.Thread(target=kill_when_waiting)
            killer_thread.start()
            saved = editor.save()
            killer_thread.join(15)
            assert not saved
            # The form keeps what Bob typed and says why it is not saved yet.
            assert editor.isVisible() and editor.job_title.text() == "Trésorier"
            assert editor.waiting_for_server and editor.notice.isVisible()
            holder.rollback()
        # The app reconnects by itself and the kept save goes through, once.
        qtbot.waitUntil(lambda: not editor.isVisible(), timeout=15_000)
        final = ContactService(bob_db).get(record.id)
        assert final.draft.job_title == "Trésorier"
        assert final.version == record.version + 1
        changes = HistoryService(bob_db, ContactService(bob_db)).party_history(record.id)
        assert [c.created for c in changes] == [False, True]
    finally:
        close(bob)
        bob_db.dispose()
        admin.dispose()


def test_an_unreachable_server_is_shown_and_the_kept_save_goes_through_when_it_is_back(
    qtbot, team: TeamDatabase
) -> None:  # type: ignore[no-untyped-def]
    from tests.support.tcp_proxy import TcpProxy

    bob_db = team.database("bob")
    record = ContactService(bob_db).create(PartyDraft(first_name="Serveur", last_name="Absent"))
    url = team.admin_url
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    bob = open_window(qtbot, team, "bob", port=proxy.port)
    try:
        label = bob.connection_label
        assert "127.0.0.1" in label.text()
        editor = bob.edit_party(record.id)
        assert editor is not None
        type_text(editor.notes, "Écrit pendant la panne")

        proxy.cut()  # the network goes away: every connection dropped, new ones refused
        qtbot.waitUntil(lambda: "unreachable" in label.text(), timeout=10_000)
        assert not editor.save()
        assert editor.waiting_for_server and editor.notes.toPlainText() == "Écrit pendant la panne"
        QApplication.processEvents()
        assert editor.isVisible()

        proxy.resume()
        qtbot.waitUntil(lambda: not editor.isVisible(), timeout=20_000)
        assert "unreachable" not in label.text()
        final = ContactService(bob_db).get(record.id)
        assert final.draft.notes == "Écrit pendant la panne" and final.version == record.version + 1
    finally:
        close(bob)
        proxy.stop()
        bob_db.dispose()


# ---------------------------------------------------------------------------- roles in the window
def test_a_reader_is_offered_nothing_that_changes_data(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    admin_db = team.database("ada")
    record = ContactService(admin_db).create(PartyDraft(first_name="Lu", last_name="Seulement"))
    admin_db.dispose()
    rita = open_window(qtbot, team, "rita")
    try:
        assert rita.session is not None and rita.session.capabilities.app_role == "reader"
        assert not rita.new_person_action.isVisible() and not rita.new_person_action.isEnabled()
        assert not rita.delete_action.isVisible()
        page = contacts_page(rita)
        assert page.new_person_button.isHidden() and page.new_org_button.isHidden()
        assert not rita.has_page("team")
        assert "Reader" in rita.connection_label.text()
        trash = rita.show_page("trash")
        assert isinstance(trash, ContactsPage) and trash.restore_button.isHidden() and trash.purge_button.isHidden()
        assert rita.new_party("person") is None

        editor = rita.edit_party(record.id)
        assert editor is not None
        assert editor.last_name.isReadOnly() and not editor.save_button.isVisible()
        assert not editor.emails.add_button.isEnabled()
        assert "your role does not allow" in editor.summary.text()
        assert not editor.save()
    finally:
        close(rita)


def test_a_collaborator_does_not_get_the_team_page_nor_permanent_deletion(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    bob = open_window(qtbot, team, "bob")
    try:
        assert not bob.has_page("team")
        trash = bob.show_page("trash")
        assert isinstance(trash, ContactsPage)
        assert not trash.restore_button.isHidden() and trash.purge_button.isHidden()
        assert bob.new_person_action.isEnabled()
    finally:
        close(bob)


def test_an_administrator_invites_promotes_and_demotes_people(qtbot, team: TeamDatabase, answers) -> None:  # type: ignore[no-untyped-def]
    ada = open_window(qtbot, team, "ada")
    login = f"t{team.tag}_zoe"
    shown: list[str] = []
    try:
        page = ada.show_page("team")
        assert isinstance(page, TeamPage)
        assert {m.login for m in page.members} == set(team.logins.values())

        def fill_invitation(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, InviteDialog)
            type_text(dialog.first_name, "Zoé")
            type_text(dialog.last_name, "Nouvelle")
            assert dialog.login.text() == "zoe.nouvelle"
            dialog.login.setText(login)
            dialog._login_touched = True
            when_modal(read_password)
            dialog.ok_button.click()

        def read_password(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, PasswordShownOnceDialog)
            shown.append(dialog.password.text())
            dialog.accept()

        when_modal(fill_invitation)
        qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(m.login == login for m in page.members))
        member = next(m for m in page.members if m.login == login)
        assert member.app_role == "collaborator" and member.display_name == "Zoé Nouvelle"
        assert len(shown) == 1 and len(shown[0]) >= 12
        # The generated password works (the server checks it in the SCRAM test); Zoé has a record.
        assert member.party_id is not None

        assert page.set_role(login, "administrator")
        assert next(m for m in page.members if m.login == login).app_role == "administrator"
        assert page.set_role(login, "reader")
        # The last administrator cannot be demoted: the server refuses, the page says why.
        answers.clear()
        assert not page.set_role(team.logins["ada"], "collaborator")
        assert any("at least one administrator" in text for text in answers)
        assert next(m for m in page.members if m.login == team.logins["ada"]).app_role == "administrator"

        page.select_login(login)
        page.toggle_enabled()
        assert not next(m for m in page.members if m.login == login).enabled
    finally:
        close(ada)


def test_history_tab_shows_who_changed_what_and_an_administrator_reverts_it(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    bob_db = team.database("bob")
    bob_contacts = ContactService(bob_db)
    record = bob_contacts.create(PartyDraft(first_name="Histo", last_name="Rique", emails=(EmailEntry("h@x.fr"),)))
    wrong = bob_contacts.update(
        record.id, record.version, dataclasses.replace(record.draft, last_name="Erreur", emails=())
    )
    ada = open_window(qtbot, team, "ada")
    try:
        editor = ada.edit_party(record.id)
        assert editor is not None and editor.history is not None
        editor.tabs.setCurrentWidget(editor.history)
        view = editor.history
        assert len(view.changes) == 2
        top = view.tree.topLevelItem(0)
        assert team.logins["bob"] in top.text(0)
        rows = {top.child(i).text(0): (top.child(i).text(1), top.child(i).text(2)) for i in range(top.childCount())}
        assert rows["Last name"] == ("Rique", "Erreur")
        assert "h@x.fr" in rows["E-mail"][0]
        view.select_tx(view.changes[0].tx)
        assert view.revert_button.isEnabled()
        qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.last_name.text() == "Rique")
        assert len(view.changes) == 3 and view.changes[0].reverted_tx == view.changes[1].tx
        reverted = bob_contacts.get(record.id)
        assert reverted.draft.emails == (EmailEntry("h@x.fr"),) and reverted.version == wrong.version + 1
    finally:
        close(ada)
        bob_db.dispose()
    # A collaborator sees the history but is not offered the revert.
    bob = open_window(qtbot, team, "bob")
    try:
        editor = bob.edit_party(record.id)
        assert editor is not None and editor.history is not None
        editor.tabs.setCurrentWidget(editor.history)
        assert not editor.history.revert_button.isVisible()
        assert len(editor.history.changes) == 3
    finally:
        close(bob)


def test_private_record_stays_with_its_owner_in_the_window(qtbot, team: TeamDatabase) -> None:  # type: ignore[no-untyped-def]
    bob = open_window(qtbot, team, "bob")
    try:
        page = contacts_page(bob)
        bob.new_party("person")
        dialog = next(d for d in bob.editors.values() if d.isVisible())
        type_text(dialog.last_name, "Confidentiel")
        # New records are looked after by the person who creates them.
        assert dialog.owner_combo.currentData() == team.party_ids["bob"]
        dialog.private_check.setChecked(True)
        assert dialog.save()
        qtbot.waitUntil(lambda: "Confidentiel" in names_listed(page))
    finally:
        close(bob)
    for person, sees in (("cleo", False), ("ada", False), ("bob", True)):
        db = team.database(person)
        assert (ContactService(db).count(PartyQuery(text="confidentiel")) == 1) is sees, person
        db.dispose()


# ---------------------------------------------------------------------------- a new shared database
def test_creating_a_new_shared_database_from_the_workspace_dialog(qtbot, pg_admin_url, answers) -> None:  # type: ignore[no-untyped-def]
    tag = uuid.uuid4().hex[:6]
    database, login = f"ekocrm_new_{tag}", f"t{tag}_marie"
    registry = WorkspaceRegistry()
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    finished: list[bool] = []

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, WorkspaceDialog)
        type_text(dialog.name_edit, "Équipe neuve")
        dialog.init_radio.setChecked(True)
        assert dialog.init_box.isVisible() and not dialog.test_button.isVisible()
        dialog.host_edit.setText(pg_admin_url.host or "127.0.0.1")
        dialog.port_spin.setValue(pg_admin_url.port or 5432)
        dialog.database_edit.setText(database)
        dialog.user_edit.setText(login)
        type_text(dialog.password_edit, "Mot-de-passe-1")
        dialog.admin_user_edit.setText(pg_admin_url.username or "postgres")
        type_text(dialog.first_name_edit, "Marie")
        type_text(dialog.last_name_edit, "Lefèvre")
        dialog.create_button.click()
        finished.append(True)

    when_modal(fill)
    window.new_workspace()
    try:
        assert finished
        qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
        session = window.session
        assert session is not None
        assert session.capabilities.team and session.capabilities.app_role == "administrator"
        assert session.capabilities.login == login
        assert window.has_page("team")
        workspace = registry.get("Équipe neuve")
        assert workspace.postgres is not None and workspace.postgres.username == login
        assert SecretStore().get(workspace.secret_key) == "Mot-de-passe-1"
    finally:
        close(window)
        admin = pg_admin_url
        from sqlalchemy.pool import NullPool

        from ekocrm_desktop.db.engine import make_engine

        engine = make_engine(admin, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        engine.dispose()
        drop_team_roles(admin, database)


def test_a_person_changes_their_own_password_from_the_window(qtbot, team: TeamDatabase, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from ekocrm_desktop.ui.dialogs.invite_dialog import ChangePasswordDialog

    cleo = open_window(qtbot, team, "cleo")
    try:
        assert cleo.password_action.isVisible()

        def change(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, ChangePasswordDialog)
            type_text(dialog.password, "Nouveau-mot-2026")
            type_text(dialog.again, "Autre-chose")
            dialog.ok_button.click()
            assert "differ" in dialog.error_label.text() and dialog.isVisible()
            dialog.again.clear()
            type_text(dialog.again, "Nouveau-mot-2026")
            dialog.ok_button.click()

        when_modal(change)
        cleo.change_password()
        assert cleo.session is not None
        assert SecretStore().get(cleo.session.workspace.secret_key) == "Nouveau-mot-2026"
        assert "Nouveau-mot-2026" in memory_keyring.entries.values()
    finally:
        close(cleo)
        # Back to the fixture's password (the trusting test server ignores it, the keychain does not).
        admin = team.superuser()
        with admin.engine.begin() as conn:
            conn.execute(text(f"ALTER ROLE \"{team.logins['cleo']}\" PASSWORD '{team.passwords['cleo']}'"))
        admin.dispose()
