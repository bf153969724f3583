"""Groups on SQLite and PostgreSQL: create, rename with optimistic locking, add many parties
at once, remove, count and page from SQL, the groups of a party, trash and restore."""

from __future__ import annotations

import pytest

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.services.contacts import ContactService
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.groups import GROUP, GroupService
from ekocrm_desktop.services.paging import PageRequest

from .segment_fixtures import TODAY, organisation, person


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def groups(db: Database) -> GroupService:
    return GroupService(db, today=lambda: TODAY)


def test_create_rename_and_unique_names(db: Database, groups: GroupService) -> None:
    heard: list[Changes] = []
    db.add_listener(heard.append)
    board = groups.create("  Bureau   2026 ", "Le bureau élu")
    assert board.name == "Bureau 2026" and board.count == 0
    assert heard and heard[-1].touches(GROUP)
    with pytest.raises(ValidationFailedError) as taken:
        groups.create("bureau 2026")
    assert taken.value.errors[0].code == "duplicate_name"
    with pytest.raises(ValidationFailedError):
        groups.create("   ")
    renamed = groups.update(board.id, board.version, name="Bureau 2027")
    assert renamed.version == board.version + 1
    with pytest.raises(ConflictError):
        groups.update(board.id, board.version, name="Bureau 2028")
    assert [g.name for g in groups.groups()] == ["Bureau 2027"]


def test_add_many_remove_count_and_page(contacts: ContactService, groups: GroupService) -> None:
    salon = groups.create("Salon de Lyon 2026")
    newsletter = groups.create("Newsletter")
    people = [
        person(contacts, "Jean", name, city="Lyon", postcode="69001") for name in ("Aubert", "Bérard", "Colin", "Dupré")
    ]
    org = organisation(contacts, "Éditions Vidal")
    assert groups.add(salon.id, [*people, org]) == 5
    assert groups.add(salon.id, people[:2]) == 0  # already in it: nothing twice
    groups.add(newsletter.id, people[:1])
    assert groups.count(salon.id) == 5
    assert groups.count(salon.id, "colin") == 1
    page = groups.page(salon.id, "", "name", False, PageRequest(0, 3, 5))
    assert [r.display_name for r in page] == ["Jean Aubert", "Jean Bérard", "Jean Colin"]
    rest = groups.page(salon.id, "", "name", False, PageRequest(3, 3, 5, after=page[-1].sort_key))
    assert [r.display_name for r in rest] == ["Jean Dupré", "Éditions Vidal"]
    assert [(g.name, g.count) for g in groups.groups()] == [("Newsletter", 1), ("Salon de Lyon 2026", 5)]
    assert [g.name for g in groups.groups_of(people[0])] == ["Newsletter", "Salon de Lyon 2026"]

    assert groups.remove(salon.id, people[1:3]) == 2
    assert groups.member_ids(salon.id) == [people[0], people[3], org]
    # A trashed party is not counted, and comes back with its groups.
    contacts.delete([org])
    assert groups.count(salon.id) == 2
    contacts.restore([org])
    assert groups.count(salon.id) == 3


def test_trash_and_restore(contacts: ContactService, groups: GroupService) -> None:
    board = groups.create("Bureau 2026")
    groups.add(board.id, [person(contacts, "Ada", "Lovelace")])
    groups.delete(board.id)
    assert groups.groups() == []
    assert [g.name for g in groups.groups(trash=True)] == ["Bureau 2026"]
    fresh = groups.create("Bureau 2026")  # the trashed one steps aside, keeping its members
    assert fresh.id != board.id
    groups.restore(board.id)
    restored = groups.get(board.id)
    assert restored.deleted_at is None and restored.count == 1
    assert restored.name.startswith("Bureau 2026 (")
    assert [g.count for g in groups.groups()] == [0, 1]
