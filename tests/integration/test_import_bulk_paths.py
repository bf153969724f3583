"""The faster paths of big imports give what the slower ones gave.

- `importing.load_drafts` reads matched parties with Core queries: the same versions and
  drafts as loading them through the ORM and `_draft_of`.
- A big SQLite import indexes each chunk's search words as it writes them instead of
  rebuilding the whole FTS index: imported and stored people are all found, the index passes
  FTS5's integrity check, and an undo leaves the index as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.services import bulk, importing
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PartyQuery,
    PhoneEntry,
    RoleEntry,
    _draft_of,
)
from ekocrm_desktop.services.importing import (
    ImportOptions,
    ImportService,
    draft_from_json,
    draft_to_json,
    load_drafts,
    read_drafts,
    suggest_mapping,
)
from ekocrm_desktop.services.tabular import SourceFile


def _stored_parties(contacts: ContactService) -> list[object]:
    """Parties with every kind of child row, several of each, in tricky orders."""
    org = contacts.create(PartyDraft(kind="organisation", name="Œuvre d'Orient", notes="asso"))
    other = contacts.create(PartyDraft(kind="organisation", name="Brasserie Æther"))
    full = contacts.create(
        PartyDraft(
            kind="person",
            civility="Mme",
            first_name="Zoé",
            last_name="Lefèvre",
            job_title="Trésorière",
            birth_date=dt.date(1980, 2, 29),
            website="https://zoe.example.fr",
            registration_number="123",
            notes="Rappeler\nen janvier",
            emails=(EmailEntry("zoe@example.fr"), EmailEntry("zoe.perso@example.fr", "home")),
            phones=(PhoneEntry("+33612345678", "mobile"), PhoneEntry("+33478000001", "work")),
            addresses=(
                AddressEntry("12 rue Mercière", "", "69002", "Lyon"),
                AddressEntry("1 place Bellecour", "bât. B", "69001", "Lyon", "FR", "home"),
            ),
            tags=("vip", "Bénévole", "alpha"),
            roles=(
                RoleEntry("member", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "paid", "adult", "n"),
                RoleEntry("client", dt.date(2020, 5, 1)),
                RoleEntry("prospect", dt.date(2020, 5, 1)),
            ),
            affiliations=(AffiliationEntry(other.id, "Gérante"), AffiliationEntry(org.id, "Trésorière")),
        )
    )
    bare = contacts.create(PartyDraft(kind="person", last_name="Seul"))
    return [org.id, other.id, full.id, bare.id]


def test_load_drafts_equals_the_orm_drafts(db: Database) -> None:
    contacts = ContactService(db)
    ids = _stored_parties(contacts)
    with db.session() as session:
        fast = load_drafts(session, ids)  # type: ignore[arg-type]
        from ekocrm_desktop.services.importing import _load_parties

        loaded = list(session.scalars(_load_parties(ids)))  # type: ignore[arg-type]
        slow = {p.id: (p.version, _draft_of(p)) for p in loaded}
        # What an export writes of each party: the same draft, and its last change.
        with_stamps = read_drafts(session, ids)  # type: ignore[arg-type]
    assert fast == slow
    assert len(fast) == 4
    assert with_stamps == {p.id: (p.version, _draft_of(p), p.updated_at) for p in loaded}
    assert all(at.tzinfo is not None for _v, _d, at in with_stamps.values())
    # The full person really carries every kind of child (so the comparison covers them).
    full = fast[ids[2]][1]  # type: ignore[index]
    assert len(full.emails) == 2 and len(full.phones) == 2 and len(full.addresses) == 2
    assert len(full.tags) == 3 and len(full.roles) == 3 and len(full.affiliations) == 2
    assert [a.organisation_name for a in full.affiliations] == ["Brasserie Æther", "Œuvre d'Orient"]


def test_draft_to_json_equals_asdict(db: Database) -> None:
    """The undo record of an update: the JSON `dataclasses.asdict` gave, with dates and ids as text."""

    def reference(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, UUID):
            return str(value)
        if isinstance(value, list | tuple):
            return [reference(v) for v in value]
        if isinstance(value, dict):
            return {k: reference(v) for k, v in value.items()}
        return value

    ids = _stored_parties(ContactService(db))
    with db.session() as session:
        drafts = [d for _v, d in load_drafts(session, ids).values()]  # type: ignore[arg-type]
    drafts.append(PartyDraft())
    for draft in drafts:
        expected = {k: reference(v) for k, v in dataclasses.asdict(draft).items()}
        assert draft_to_json(draft) == expected
        assert json.dumps(draft_to_json(draft)) == json.dumps(expected)
        assert draft_from_json(draft_to_json(draft)) == draft


BIG_HEADER = "Prénom;Nom;Courriel;Portable;Code postal;Ville;Société\r\n"


def _big_file(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "big.csv"
    lines = [BIG_HEADER]
    for i in range(rows):
        org = f"Société {i % 7}" if i % 3 == 0 else ""
        lines.append(
            f"Hélène;Durand{i};p{i}@exemple.fr;06 00 00 {i // 100 % 100:02d} {i % 100:02d};69002;Lyon;{org}\r\n"
        )
    # A row matching a stored person on the e-mail: updated (through the FTS triggers, restored by then).
    lines.append("Claire;Stockée;claire@example.fr;06 11 11 11 11;44000;Nantes;\r\n")
    path.write_bytes("".join(lines).encode("cp1252"))
    return path


def _fts_ok(db: Database) -> None:
    with db.engine.begin() as conn:
        # Raises "database disk image is malformed" when the index and the parties disagree.
        conn.execute(text("INSERT INTO party_fts(party_fts, rank) VALUES ('integrity-check', 1)"))


@pytest.mark.parametrize("chunk", [7, 5000])
def test_big_sqlite_import_indexes_search_per_chunk(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    contacts = ContactService(db)
    stored = contacts.create(
        PartyDraft(kind="person", first_name="Claire", last_name="Stockée", emails=(EmailEntry("claire@example.fr"),))
    )
    contacts.create(PartyDraft(kind="person", first_name="Ancien", last_name="Zébulon"))
    # Every file counts as big here: indexes and FTS triggers dropped, rows indexed per chunk.
    monkeypatch.setattr(importing, "BIG_FILE_BYTES", 0)
    real_bulk = bulk.bulk_insert_parties
    monkeypatch.setattr(
        importing,
        "bulk_insert_parties",
        lambda *a, **kw: real_bulk(*a, **{**kw, "chunk_size": chunk}),
    )
    path = _big_file(tmp_path, 40)
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    result = ImportService(db).run(path, options)
    assert (result.created, result.updated, result.errors) == (40, 1, 0)
    _fts_ok(db)
    assert contacts.count(PartyQuery(text="durand17")) == 1
    assert contacts.count(PartyQuery(text="helene")) == 40
    assert contacts.count(PartyQuery(text="zebulon")) == 1
    assert contacts.count(PartyQuery(text="societe")) == 40 // 3 + 1 + 7  # the people, and the organisations
    # The updated person is found under their new number, and still under their name.
    assert contacts.count(PartyQuery(text="0611111111")) == 1
    assert contacts.count(PartyQuery(text="stockee")) == 1
    db.dispose()
    assert contacts.get(stored.id).version == 2

    ImportService(db).undo(result.batch_id)  # type: ignore[arg-type]
    _fts_ok(db)
    assert contacts.count(PartyQuery(text="helene")) == 0
    assert contacts.count(PartyQuery(text="zebulon")) == 1
    assert contacts.count(PartyQuery(text="0611111111")) == 0
    assert contacts.count(PartyQuery(text="stockee")) == 1
    db.dispose()


# ---------------------------------------------------------------------------- Core updates
UPDATES_HEADER = "Prénom;Nom;Courriel;Téléphone;Portable;Adresse;Code postal;Ville;Société;Mots-clés\r\n"
UPDATE_ROWS = [
    # New mobile, an organisation, a first address: phones, affiliations and addresses rewritten.
    "Zoé;Lefèvre;zoe@example.fr;;06 12 34 56 78;12 rue Mercière;69002;Lyon;Œuvre d'Orient;",
    # Nothing new but the name (filled: the stored one is kept): unchanged, skipped.
    "Autre;Nom;same@example.fr;;;;;;;",
    # A second e-mail cell is not mapped; the stored person has tags: left to the ORM path.
    "Tagué;Person;tag@example.fr;;06 22 22 22 22;;;;;",
    # A stored person with roles and two phones; a third number is added.
    "Rôle;Person;role@example.fr;04 78 00 00 01;06 33 33 33 33;;;;Brasserie Æther;",
    # A person with no first name stored: filled.
    "Prénom;Vide;vide@example.fr;;;;;Paris;;",
    # Tags in the file: ORM path.
    "Zoé;Tags;tags@example.fr;;;;;;;vip",
    # Two rows matching the same stored person (two of their e-mails): left to the ORM path.
    "Double;Un;dual1@example.fr;;06 55 55 55 55;;;;;",
    "Double;Deux;dual2@example.fr;;06 66 66 66 66;;;;;",
    # A new person.
    "Nouveau;Venu;new@example.fr;;06 44 44 44 44;;75011;Paris;Nouvelle Société;",
]


def _store_update_targets(db: Database) -> None:
    contacts = ContactService(db)
    org = contacts.create(PartyDraft(kind="organisation", name="Brasserie Æther"))
    contacts.create(PartyDraft(kind="organisation", name="Œuvre d'Orient"))
    contacts.create(
        PartyDraft(
            kind="person",
            first_name="Zoé",
            last_name="Lefèvre",
            emails=(EmailEntry("zoe@example.fr"),),
            phones=(PhoneEntry("+33478000009", "work"),),
        )
    )
    contacts.create(
        PartyDraft(kind="person", first_name="Même", last_name="Nom", emails=(EmailEntry("same@example.fr"),))
    )
    contacts.create(
        PartyDraft(kind="person", last_name="Person", emails=(EmailEntry("tag@example.fr"),), tags=("Ancien",))
    )
    contacts.create(
        PartyDraft(
            kind="person",
            first_name="Rôle",
            last_name="Person",
            emails=(EmailEntry("role@example.fr"),),
            phones=(PhoneEntry("+33478000001", "work"), PhoneEntry("+33611111111", "mobile")),
            addresses=(AddressEntry("1 quai", "", "69001", "Lyon"),),
            roles=(RoleEntry("client", dt.date(2021, 1, 1)),),
            affiliations=(AffiliationEntry(org.id, "Chef"),),
        )
    )
    contacts.create(PartyDraft(kind="person", last_name="Vide", emails=(EmailEntry("vide@example.fr"),)))
    contacts.create(
        PartyDraft(
            kind="person",
            last_name="Double",
            emails=(EmailEntry("dual1@example.fr"), EmailEntry("dual2@example.fr")),
        )
    )
    contacts.create(
        PartyDraft(kind="person", first_name="Zoé", last_name="Tags", emails=(EmailEntry("tags@example.fr"),))
    )


def _state(db: Database, batch_id: Any) -> dict[str, Any]:
    """What an import left, without the ids and times that differ between two runs."""
    with db.engine.connect() as conn:
        people = {
            r[0]: r[1:]
            for r in conn.execute(
                text(
                    "SELECT id, kind, civility, first_name, last_name, display_name, job_title, notes, sort_name, "
                    "organisation_name, organisation_key, primary_email, primary_phone, city, city_key, postcode, "
                    "search_doc, version, deleted_at FROM party WHERE created_at < (SELECT started_at FROM "
                    "import_batch WHERE id = :b)"
                ),
                {"b": batch_id.hex},
            )
        }
        children = sorted(
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT 'e', party_id, address, label, is_primary, position FROM party_email UNION ALL "
                    "SELECT 'p', party_id, number, label, is_primary, position FROM party_phone UNION ALL "
                    "SELECT 'a', party_id, street || '|' || postcode || '|' || city, label, is_primary, position "
                    "FROM party_address UNION ALL "
                    "SELECT 'f', person_id, organisation_id || function, '', is_primary, position FROM affiliation "
                    "UNION ALL SELECT 't', party_id, name, '', 0, 0 FROM party_tag JOIN tag ON tag.id = tag_id "
                    "UNION ALL "
                    "SELECT 'r', party_id, role || since, '', 0, 0 FROM party_role"
                )
            )
            if r[1] in people
        )
        items = sorted(
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT party_id, action, version_after, previous FROM import_batch_item "
                    "WHERE batch_id = :b AND action = 'updated'"
                ),
                {"b": batch_id.hex},
            )
        )
        history = sorted(
            # New child rows and new tags get fresh ids in each run; party_tag rows have no id.
            (
                r[0],
                r[1] or "" if r[2] != "I" or r[0] == "party" else "new",
                r[2],
                r[3],
                r[4] if r[0] != "party_tag" else "",
            )
            for r in conn.execute(
                text(
                    "SELECT table_name, record_id, operation, root_id, changes FROM record_history "
                    "WHERE root_id IN (SELECT party_id FROM import_batch_item WHERE batch_id = :b "
                    "AND action = 'updated') AND changed_at >= (SELECT started_at FROM import_batch WHERE id = :b)"
                ),
                {"b": batch_id.hex},
            )
        )
    return {"people": people, "children": children, "items": items, "history": history}


def test_core_updates_write_what_the_orm_writes(sqlite_path: Path, tmp_path: Path) -> None:
    seeded = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    _store_update_targets(seeded)
    seeded.dispose()
    csv_path = tmp_path / "updates.csv"
    csv_path.write_bytes((UPDATES_HEADER + "".join(f"{r}\r\n" for r in UPDATE_ROWS)).encode("cp1252"))
    states: list[dict[str, Any]] = []
    for core_updates in (False, True):
        copy = tmp_path / f"copy-{core_updates}.sqlite"
        copy.write_bytes(sqlite_path.read_bytes())
        db = Database(make_engine(sqlite_url(copy)), actor="tester")
        service = ImportService(db, core_updates=core_updates)
        options = ImportOptions(mapping=suggest_mapping(SourceFile(csv_path).info().headers))
        result = service.run(csv_path, options)
        assert (result.created, result.updated, result.skipped, result.errors) == (1, 7, 1, 0), result
        state = _state(db, result.batch_id)
        assert state["items"] and state["history"]
        _fts_ok(db)
        contacts = ContactService(db)
        assert contacts.count(PartyQuery(text="0612345678")) == 1
        assert contacts.count(PartyQuery(text="oeuvre")) == 2  # the organisation and Zoé
        undone = service.undo(result.batch_id)  # type: ignore[arg-type]
        assert undone.restored == 7 and not undone.refused
        _fts_ok(db)
        assert contacts.count(PartyQuery(text="0612345678")) == 0
        state["after_undo"] = _state(db, result.batch_id)["children"]
        states.append(state)
        db.dispose()
    orm, core = states
    for key in orm:
        assert core[key] == orm[key], key


def test_core_updates_reach_the_search_index_in_the_order_of_its_keys(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    contacts = ContactService(db)
    for i in range(6):
        contacts.create(
            PartyDraft(kind="person", first_name="Zoé", last_name=f"Avant{i}", emails=(EmailEntry(f"a{i}@x.fr"),))
        )
    # The file names them in the reverse order of their keys, as a file sorted otherwise would.
    csv_path = tmp_path / "reversed.csv"
    rows = "".join(f"Zoé;Après{i};a{i}@x.fr\r\n" for i in reversed(range(6)))
    csv_path.write_bytes(("Prénom;Nom;Courriel\r\n" + rows).encode("cp1252"))
    planned: list[list[Any]] = []
    real_plan = importing._CoreUpdates.plan

    def plan(self: Any, conn: Any, outcomes: Any) -> Any:
        statements, rest, conflicts = real_plan(self, conn, outcomes)
        planned.extend(values for sql, values in statements if sql.startswith("UPDATE party SET"))
        return statements, rest, conflicts

    monkeypatch.setattr(importing._CoreUpdates, "plan", plan)
    service = ImportService(db, core_updates=True)
    mapping = suggest_mapping(SourceFile(csv_path).info().headers)
    result = service.run(csv_path, ImportOptions(mapping=mapping, on_match="overwrite"))
    assert result.updated == 6
    with db.engine.connect() as conn:
        key_of = {row[0]: row[1] for row in conn.execute(text("SELECT id, search_key FROM party"))}
    assert len(planned) == 1 and len(planned[0]) == 6
    keys = [key_of[row[-2]] for row in planned[0]]  # each row ends with the id and the version
    assert keys == sorted(keys)
    assert contacts.count(PartyQuery(text="apres3")) == 1 and contacts.count(PartyQuery(text="avant3")) == 0
    db.dispose()
