"""Teams of collaborators on real SQLite and PostgreSQL (create, rename, members, leader, delete,
optimistic locking), and on a team database: only administrators change teams, and "team" scope
then shows a teammate's records."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery, RoleEntry
from ekocrm_desktop.services.domains import DomainService, RoleQuery
from ekocrm_desktop.services.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.teams import TeamDraft, TeamService

from ..conftest import TeamDatabase

TODAY = dt.date(2026, 3, 10)


def person(contacts: ContactService, first: str, *roles: RoleEntry) -> uuid.UUID:
    return contacts.create(PartyDraft(first_name=first, last_name="Test", roles=roles)).id


def collaborator(contacts: ContactService, first: str) -> uuid.UUID:
    return person(contacts, first, RoleEntry("collaborator", dt.date(2020, 1, 1)))


def test_teams_are_created_changed_and_deleted(db: Database) -> None:
    contacts = ContactService(db)
    ana, bruno, chloe = (collaborator(contacts, n) for n in ("Ana", "Bruno", "Chloé"))
    former = person(contacts, "Ex", RoleEntry("collaborator", dt.date(2019, 1, 1), dt.date(2020, 1, 1)))
    client = person(contacts, "Cliente", RoleEntry("client", dt.date(2020, 1, 1)))
    teams = TeamService(db, today=lambda: TODAY)
    assert [c.id for c in teams.collaborators()] == [ana, bruno, chloe]

    north = teams.create(TeamDraft(" Lyon  Nord ", "geography", "Le nord", leader_id=ana, member_ids=(ana, bruno)))
    assert (north.name, north.kind, north.leader_name, north.member_count) == ("Lyon Nord", "geography", "Ana Test", 2)
    for taken in ("lyon nord", "LYON NORD"):
        with pytest.raises(ValidationFailedError) as error:
            teams.create(TeamDraft(taken))
        assert error.value.errors[0].code == "duplicate"
    accented = teams.create(TeamDraft("Équipe Été"))
    with pytest.raises(ValidationFailedError):
        teams.create(TeamDraft("équipe été"))  # SQLite's lower() would not see it
    teams.delete(accented.id, accented.version)
    with pytest.raises(ValidationFailedError) as error:
        teams.create(TeamDraft("Autres", member_ids=(client, former)))
    assert [e.code for e in error.value.errors] == ["not_collaborator", "not_collaborator"]
    with pytest.raises(ValidationFailedError):
        teams.create(TeamDraft("Autres", kind="planète"))

    renamed = teams.update(
        north.id, north.version, TeamDraft("Lyon Nord-Est", "geography", leader_id=bruno, member_ids=(bruno,))
    )
    assert (renamed.name, renamed.leader_name, [m.display_name for m in renamed.members]) == (
        "Lyon Nord-Est",
        "Bruno Test",
        ["Bruno Test"],
    )
    with pytest.raises(ConflictError):
        teams.update(north.id, north.version, TeamDraft("Trop tard"))
    more = teams.add_members(renamed.id, renamed.version, [chloe, ana])
    assert {m.party_id for m in more.members} == {ana, bruno, chloe}
    fewer = teams.remove_members(more.id, more.version, [bruno])
    assert {m.party_id for m in fewer.members} == {ana, chloe}
    teams.create(TeamDraft("Formation", "product", member_ids=(ana,)))
    assert teams.teams_of(ana) == ["Formation", "Lyon Nord-Est"]
    assert [(t.name, t.member_count) for t in teams.teams()] == [("Formation", 1), ("Lyon Nord-Est", 2)]
    with pytest.raises(ConflictError):
        teams.delete(fewer.id, fewer.version - 1)
    teams.delete(fewer.id, fewer.version)
    assert [t.name for t in teams.teams()] == ["Formation"]
    assert contacts.get(ana).display_name == "Ana Test"  # the collaborators stay


@pytest.mark.postgres
def test_only_administrators_change_teams_and_team_scope_follows_them(team: TeamDatabase) -> None:
    admin = team.database("ada")
    bob_db = team.database("bob")
    cleo_db = team.database("cleo")
    teams = TeamService(admin)
    created: list[uuid.UUID] = []
    try:
        cleo_caps = AccessService(cleo_db).capabilities()
        cleo_record = ContactService(cleo_db, default_owner_id=cleo_caps.my_party_id).create(
            PartyDraft(kind="organisation", name="Client de Cléo")
        )
        bob_contacts = ContactService(bob_db)
        AccessService(admin).set_scope("collaborator", "team")
        # No team yet: Bob sees his own records only, not Cléo's.
        assert bob_contacts.count(PartyQuery(kind="organisation")) == 0
        # A collaborator may read teams, not change them (the server refuses).
        with pytest.raises(PermissionDeniedError):
            TeamService(bob_db).create(TeamDraft("Équipe de Bob", member_ids=(team.party_ids["bob"],)))
        assert {c.id for c in teams.collaborators()} >= {team.party_ids["bob"], team.party_ids["cleo"]}
        lyon = teams.create(
            TeamDraft(
                "Lyon",
                "geography",
                leader_id=team.party_ids["ada"],
                member_ids=(team.party_ids["bob"], team.party_ids["cleo"]),
            )
        )
        created.append(lyon.id)
        assert [t.name for t in TeamService(bob_db).teams()] == ["Lyon"]
        # Bob now sees the record of Cléo, his teammate, through the ordinary contacts list.
        ids = {r.id for r in bob_contacts.page(PartyQuery(kind="organisation"), "name", False, PageRequest(0, 50, 0))}
        assert cleo_record.id in ids
        assert bob_contacts.count(PartyQuery(kind="organisation")) == 1
        # His collaborators page shows his team and his login (a collaborator reads both).
        domains = DomainService(bob_db)
        found = {r.id: r for r in domains.page(RoleQuery("collaborator"), "name", False, PageRequest(0, 50, 0))}
        assert found[team.party_ids["bob"]].teams == ("Lyon",)
        assert found[team.party_ids["bob"]].login == team.logins["bob"]
        # Out of the team: Cléo's records are hidden again.
        teams.remove_members(lyon.id, lyon.version, [team.party_ids["cleo"]])
        assert bob_contacts.count(PartyQuery(kind="organisation")) == 0
    finally:
        for team_id in created:
            current = teams.get(team_id)
            teams.delete(team_id, current.version)
        for database in (admin, bob_db, cleo_db):
            database.dispose()


def test_the_demo_has_teams_led_by_its_collaborators(sqlite_path: Path) -> None:
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
    from ekocrm_desktop.services.settings_lists import SettingsListService

    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    try:
        generate_demo_data(db, DemoSize(people=400, organisations=60, association=False), today=TODAY)
        teams = TeamService(db, today=lambda: TODAY)
        staff = {c.id for c in teams.collaborators()}
        made = teams.teams()
        assert [t.name for t in made] == ["Formation", "Grands comptes 2026", "Lyon Nord"]
        assert all(t.leader_id in staff and {m.party_id for m in t.members} <= staff for t in made)
        assert "chaud" in dict(SettingsListService(db).choices("role_status:prospect"))
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_team_database_starts_with_the_settings_lists_only_administrators_change(team: TeamDatabase) -> None:
    from ekocrm_desktop.services.settings_lists import SettingsListService

    bob_db, admin = team.database("bob"), team.database("ada")
    try:
        bob_lists = SettingsListService(bob_db)
        assert "chaud" in dict(bob_lists.choices("role_status:prospect"))
        with pytest.raises(PermissionDeniedError):
            bob_lists.add("role_status:prospect", "Relancé")
        added = SettingsListService(admin).add("role_status:prospect", "Relancé")
        assert "Relancé" in dict(bob_lists.choices("role_status:prospect"))
        SettingsListService(admin).delete(added.id, added.version)
    finally:
        bob_db.dispose()
        admin.dispose()
