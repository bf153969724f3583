"""Change history (issue 4 point 6): every save is recorded with who, when, the fields and their old
and new values, on both engines; a revert puts the old values back as a new, recorded,
version-checked save. On PostgreSQL, raw SQL is recorded too (triggers)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.errors import ConflictError
from ekocrm_desktop.services.history import HistoryService, NothingToRevertError


def login_of(db: Database) -> str:
    """Who the history names: the app's actor on SQLite, the server's login on PostgreSQL."""
    if db.is_sqlite:
        return db.actor
    with db.session() as session:
        return str(session.execute(text("SELECT session_user")).scalar_one())


def services(db: Database) -> tuple[ContactService, HistoryService]:
    contacts = ContactService(db)
    return contacts, HistoryService(db, contacts)


def test_a_save_is_recorded_field_by_field_with_old_and_new_values(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(
        PartyDraft(
            first_name="Hélène",
            last_name="Durand",
            emails=(EmailEntry("helene@exemple.fr"),),
            phones=(PhoneEntry("06 12 34 56 78"),),
            tags=("VIP",),
        )
    )
    changes = history.party_history(created.id)
    assert len(changes) == 1 and changes[0].created and changes[0].actor == login_of(db)

    edited = dataclasses.replace(
        created.draft,
        job_title="Trésorière",
        emails=(EmailEntry("helene@exemple.fr"), EmailEntry("h.durand@asso.fr", "home")),
        phones=(),
        tags=("Bureau",),
        addresses=(AddressEntry("3 rue Neuve", "", "69002", "Lyon"),),
        roles=(RoleEntry("member", dt.date(2026, 1, 1), category="bienfaiteur"),),
    )
    contacts.update(created.id, created.version, edited)

    latest = history.party_history(created.id)[0]
    assert not latest.created and latest.actor == login_of(db)
    fields = {f.field: f for f in latest.fields}
    assert fields["job_title"].old is None and fields["job_title"].new == "Trésorière"
    # Lists show what was removed and added, not the rows the save rewrote.
    assert fields["emails"].removed == () and fields["emails"].added == (EmailEntry("h.durand@asso.fr", "home"),)
    assert fields["phones"].removed == (PhoneEntry("+33612345678", "mobile"),) and fields["phones"].added == ()
    assert fields["tags"].removed == ("VIP",) and fields["tags"].added == ("Bureau",)
    assert fields["addresses"].added[0].city == "Lyon"
    assert fields["roles"].added == (RoleEntry("member", dt.date(2026, 1, 1), category="bienfaiteur"),)
    assert set(fields) == {"job_title", "emails", "phones", "tags", "addresses", "roles"}


def test_a_save_that_changes_nothing_adds_no_history(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(PartyDraft(first_name="Léa", last_name="Roux", emails=(EmailEntry("lea@x.fr"),)))
    contacts.update(created.id, created.version, created.draft)
    assert len(history.party_history(created.id)) == 1


def test_trash_and_restore_are_in_the_history(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(PartyDraft(first_name="Paul", last_name="Petit"))
    contacts.delete([created.id])
    contacts.restore([created.id])
    trash, restore = history.party_history(created.id)[1], history.party_history(created.id)[0]
    assert trash.fields[0].field == "deleted_at" and trash.fields[0].old is None and trash.fields[0].new is not None
    assert restore.fields[0].field == "deleted_at" and restore.fields[0].new is None


def test_a_selection_trashed_and_restored_is_recorded_versioned_and_written_a_slice_at_a_time(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import paging
    from tests.support.counting import statements

    contacts, history = services(db)
    people = [contacts.create(PartyDraft(first_name="Paul", last_name=f"Petit{i}")) for i in range(12)]
    ids = [p.id for p in people]
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 10)
    with statements(db) as few:
        assert contacts.delete(ids[:3]) == 3
    with statements(db) as more:
        assert contacts.delete(ids[3:]) == 9
    # Statements per slice of 10, not per contact: 3 contacts or 9, the same statements.
    assert len(more) == len(few)
    assert contacts.restore(ids) == 12
    for before in people:
        after = contacts.get(before.id)
        # Trashed then restored: two versions more, each a save of the deletion date by this login.
        assert after.version == before.version + 2 and after.deleted_at is None
        assert after.updated_by == db.actor
        restore, trash = history.party_history(before.id)[:2]
        assert [(f.field, f.old is None, f.new is None) for f in trash.fields] == [("deleted_at", True, False)]
        assert [(f.field, f.old is None, f.new is None) for f in restore.fields] == [("deleted_at", False, True)]
        assert trash.fields[0].new == restore.fields[0].old
        assert trash.actor == restore.actor == login_of(db)
    # A form opened before the trash cannot overwrite the restored contact unseen.
    with pytest.raises(ConflictError):
        contacts.update(people[0].id, people[0].version, PartyDraft(first_name="Pierre", last_name="Petit0"))


def test_revert_round_trip_is_itself_recorded_and_version_checked(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(
        PartyDraft(first_name="Marc", last_name="Blanc", emails=(EmailEntry("marc@x.fr"),), tags=("Salon",))
    )
    bad = contacts.update(
        created.id,
        created.version,
        dataclasses.replace(
            created.draft, last_name="Noir", emails=(EmailEntry("faux@x.fr"),), tags=(), notes="erreur de saisie"
        ),
    )
    later = contacts.update(bad.id, bad.version, dataclasses.replace(bad.draft, job_title="Gérant"))
    wrong_change = history.party_history(created.id)[1]
    assert {f.field for f in wrong_change.fields} == {"last_name", "emails", "tags", "notes"}

    # Someone saved since the administrator read the record: the revert is refused, nothing changes.
    with pytest.raises(ConflictError):
        history.revert_party(created.id, wrong_change.tx, expected_version=bad.version)

    reverted = history.revert_party(created.id, wrong_change.tx, expected_version=later.version)
    assert reverted.draft.last_name == "Blanc"
    assert reverted.draft.emails == (EmailEntry("marc@x.fr"),)
    assert reverted.draft.tags == ("Salon",)
    assert reverted.draft.notes == ""
    assert reverted.draft.job_title == "Gérant"  # a later change of another field is kept
    assert reverted.version == later.version + 1

    newest = history.party_history(created.id)[0]
    assert newest.reverted_tx == wrong_change.tx
    assert {f.field for f in newest.fields} == {"last_name", "emails", "tags", "notes"}
    with pytest.raises(NothingToRevertError):
        history.revert_party(created.id, wrong_change.tx, expected_version=reverted.version)


def test_reverting_a_move_to_the_trash_restores_the_record(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(PartyDraft(first_name="Iris", last_name="Vert"))
    contacts.delete([created.id])
    trashed = contacts.get(created.id)
    change = history.party_history(created.id)[0]
    restored = history.revert_party(created.id, change.tx, expected_version=trashed.version)
    assert restored.deleted_at is None


def test_erasing_a_record_history_leaves_none_of_its_values(db: Database) -> None:
    contacts, history = services(db)
    created = contacts.create(PartyDraft(first_name="Efface", last_name="Moi", emails=(EmailEntry("efface@x.fr"),)))
    contacts.update(created.id, created.version, dataclasses.replace(created.draft, emails=()))
    assert history.rows("party", created.id)
    history.erase("party", created.id)
    assert history.rows("party", created.id) == []
    with db.session() as session:
        dump = session.execute(text("SELECT count(*) FROM record_history")).scalar_one()
    assert dump == 0


@pytest.mark.postgres
def test_raw_sql_changes_are_recorded_with_the_login_that_made_them(pg_db: Database) -> None:
    contacts, history = services(pg_db)
    created = contacts.create(PartyDraft(first_name="Brut", last_name="Sql", emails=(EmailEntry("brut@x.fr"),)))
    with pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE party SET job_title = 'Console' WHERE id = :id"), {"id": created.id})
        conn.execute(text("UPDATE party_email SET address = 'autre@x.fr' WHERE party_id = :id"), {"id": created.id})
    latest = history.party_history(created.id)
    by_field = {f.field: f for change in latest[:2] for f in change.fields}
    assert by_field["job_title"].new == "Console"
    assert by_field["emails"].removed[0].address == "brut@x.fr"
    assert by_field["emails"].added[0].address == "autre@x.fr"
    assert {c.actor for c in latest[:2]} == {"postgres"}


@pytest.mark.postgres
def test_rows_inserted_with_their_new_record_are_part_of_its_creation_others_are_changes(pg_db: Database) -> None:
    """One statement inserting e-mails for a record created in the same transaction and for an
    older one: only the older one's e-mail is a change (bulk imports insert children per chunk)."""
    contacts, history = services(pg_db)
    older = contacts.create(PartyDraft(first_name="Ancien", last_name="Dossier"))
    with pg_db.engine.begin() as conn:
        columns = [
            name
            for (name,) in conn.execute(
                text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'party' "
                    "AND column_name NOT IN ('id', 'search_tsv', 'search_key') AND is_generated = 'NEVER'"
                )
            )
        ]
        listed = ", ".join(columns)
        newer = conn.execute(
            text(
                f"INSERT INTO party (id, {listed}) SELECT gen_random_uuid(), {listed} "
                "FROM party WHERE id = :id RETURNING id"
            ),
            {"id": older.id},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO party_email (id, party_id, address, label, is_primary, position, created_at, updated_at) "
                "SELECT gen_random_uuid(), p.id, 'mail' || p.n || '@x.fr', 'work', true, 0, now(), now() "
                "FROM (VALUES (CAST(:older AS uuid), 1), (CAST(:newer AS uuid), 2)) AS p(id, n)"
            ),
            {"older": older.id, "newer": newer},
        )
        recorded = conn.execute(
            text(
                "SELECT root_id, table_name, operation, changes -> 'address' FROM record_history "
                "WHERE root_id IN (:older, :newer) ORDER BY id"
            ),
            {"older": older.id, "newer": newer},
        ).all()
    assert [(r[0], r[1], r[2]) for r in recorded if r[0] == newer] == [(newer, "party", "I")]
    older_rows = [(r[1], r[2], r[3]) for r in recorded if r[0] == older.id]
    assert older_rows == [("party", "I", None), ("party_email", "I", [None, "mail1@x.fr"])]
    assert history.party_history(older.id)[0].fields[0].added[0].address == "mail1@x.fr"
