"""Imports on a team database, as a collaborator with their own login (row-level security applies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.contacts import ContactService, PartyQuery
from ekocrm_desktop.services.importing import ImportService
from ekocrm_desktop.services.paging import PageRequest
from tests.conftest import TeamDatabase
from tests.integration.test_importing import FRENCH, options_for

pytestmark = pytest.mark.postgres


def test_a_collaborator_imports_owns_the_rows_and_undo_trashes_them(team: TeamDatabase, tmp_path: Path) -> None:
    admin = team.database("ada")
    AccessService(admin).set_scope("collaborator", "own")
    admin.dispose()
    path = tmp_path / "contacts.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    bob = team.database("bob")
    try:
        contacts = ContactService(bob, default_owner_id=team.party_ids["bob"])
        importer = ImportService(bob, contacts=contacts)
        result = importer.run(path, options_for(path))
        assert (result.created, result.errors) == (3, 5)
        # Bob sees what he imported ("own" scope): the rows are his.
        rows = contacts.page(PartyQuery(), "name", False, PageRequest(0, 50, 50))
        imported = {r.display_name for r in rows} - {"Bob Collab"}
        assert imported == {"Zoé Lefèvre", "François Müller", "Mairie de Lyon", "Œuvre d'Orient", "Brasserie Æther"}
        assert result.batch_id is not None
        undo = importer.undo(result.batch_id)
        # A collaborator may not delete for good: the created contacts go to the trash.
        assert (undo.removed, undo.trashed, undo.refused) == (0, 5, ())
        assert contacts.count(PartyQuery(trash=True)) == 5
    finally:
        bob.dispose()
    cleo = team.database("cleo")
    try:
        # Another collaborator sees neither the contacts nor the batch's items (they follow the party).
        assert ContactService(cleo).count(PartyQuery(trash=True)) == 0
    finally:
        cleo.dispose()
