"""The plain-row path of contact imports gives exactly what the general (draft) path gives.

Plain person rows skip the drafts and go straight to insert tuples (services.importing
`_PlainReader`, services.bulk `_PlainWriter`); every other row still goes through the drafts.
Both paths run here on the same mixed file and must leave the same rows, counts and reasons.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models import ImportBatchItem, Party
from ekocrm_desktop.models.party import Affiliation, PartyAddress, PartyEmail, PartyPhone
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PhoneEntry
from ekocrm_desktop.services.importing import (
    ImportOptions,
    ImportResult,
    ImportService,
    _Planner,
    suggest_mapping,
)
from ekocrm_desktop.services.tabular import SourceFile, SourceRow

HEADER = "Civilité;Prénom;Nom;Société;Fonction;Courriel;Téléphone;Portable;Adresse;Code postal;Ville;Notes\r\n"
MIXED_ROWS = [
    # Plain rows: accents, inner spaces, an upper-case domain, dots and dashes in numbers.
    "Mme;Zoé;Lefèvre;Œuvre d'Orient;Trésorière;zoe@Example.FR;04 78 00 00 01;06 12 34 56 78;"
    "12 rue  Mercière;69002;Lyon;",
    "M.;Jean  Paul;Martin;œuvre  d'orient;;jp@example.fr;;06.98.76.54.32;;69 002;Lyon;note",
    ";Anne;Petit;Société 7;Gérante;anne@example.fr;+33 4 72 10 30 30;;;;Paris;",
    ";;Durand;;;;;0033612345679;;;;",
    ";Hélène;Dupuis;Existante SA;;h.dupuis+news@sub.example.org;;;;;;",
    # A match on the e-mail of a stored person (fill), and a repeat of it further down.
    ";Claire;Stored;;;claire@example.fr;;06 11 11 11 11;;;Nantes;",
    ";Claire;Stored;;;CLAIRE@example.fr;;;;;;repeat",
    # Duplicates inside the file (same key twice, close together and far apart).
    ";Marc;Twin;;;twin@example.fr;;;;;;",
    ";Marc;Twin;;;twin@example.fr;;;;;;",
    # Rows the plain reader leaves to the drafts: bad e-mail, bad phone, several values,
    # international and special numbers, unicode and punycode addresses, bad postcode, long names.
    ";Paul;Bad;;;pas-une-adresse;;;;;;",
    ";Luc;Phone;;;luc@example.fr;0612;;;;;",
    ";Eve;Multi;;;eve@example.fr; eve2@example.fr;;;;;;",
    ";Ivo;Multi;;;ivo@example.fr;;06 22 22 22 22 ::: 06 33 33 33 33;;;;",
    ";Jan;Belge;;;jan@example.be;+32 2 123 45 67;;;;;",
    ";Noé;Unicode;;;noé@exemple.fr;;;;;;",
    ";Xi;Puny;;;xi@xn--exmple-cua.fr;;;;;;",
    ";Ana;Postcode;;;ana@example.fr;;;;6900;Lyon;",
    ";Ana;Corse;;;anac@example.fr;;;;20000;Ajaccio;",
    ";" + "L" * 121 + ";Long;;;long@example.fr;;;;;;",
    ";Sans;;;;;;;;;;pas de nom",
    ";;;;;seule@example.fr;;;;;;",
    ";Num;Premium;;;num@example.fr;08 99 12 34 56;;;;;",
    ";Num;Court;;;court@example.fr;06 12 34 56;;;;;",
    "Docteur en médecine généraliste;Ana;Titre;;;titre@example.fr;;;;;;",
]
MIXED = HEADER + "".join(f"{row}\r\n" for row in MIXED_ROWS)


def _stored(db: Database) -> None:
    contacts = ContactService(db)
    contacts.create(
        PartyDraft(kind="person", first_name="Claire", last_name="Stored", emails=(EmailEntry("claire@example.fr"),))
    )
    contacts.create(PartyDraft(kind="organisation", name="Existante SA"))
    contacts.create(
        PartyDraft(kind="person", first_name="Old", last_name="Phone", phones=(PhoneEntry("+33612345679", "mobile"),))
    )


def _snapshot(db: Database) -> list[tuple[Any, ...]]:
    """Every live party with its child rows, without ids, keys, versions or timestamps (they differ by design)."""
    with db.session() as session:
        parties = session.scalars(select(Party).where(Party.deleted_at.is_(None))).all()
        names = {p.id: p.display_name for p in parties}
        result: list[tuple[Any, ...]] = []
        for p in parties:
            emails = session.execute(
                select(PartyEmail.address, PartyEmail.label, PartyEmail.is_primary, PartyEmail.position).where(
                    PartyEmail.party_id == p.id
                )
            ).all()
            phones = session.execute(
                select(PartyPhone.number, PartyPhone.label, PartyPhone.is_primary, PartyPhone.position).where(
                    PartyPhone.party_id == p.id
                )
            ).all()
            addresses = session.execute(
                select(
                    PartyAddress.label,
                    PartyAddress.street,
                    PartyAddress.street2,
                    PartyAddress.postcode,
                    PartyAddress.city,
                    PartyAddress.country,
                    PartyAddress.is_primary,
                    PartyAddress.position,
                ).where(PartyAddress.party_id == p.id)
            ).all()
            links = session.execute(
                select(
                    Affiliation.organisation_id, Affiliation.function, Affiliation.is_primary, Affiliation.position
                ).where(Affiliation.person_id == p.id)
            ).all()
            result.append(
                (
                    p.kind,
                    p.civility,
                    p.first_name,
                    p.last_name,
                    p.display_name,
                    p.job_title,
                    p.birth_date,
                    p.website,
                    p.registration_number,
                    p.notes,
                    p.sort_name,
                    p.organisation_name,
                    p.organisation_key,
                    p.primary_email,
                    p.primary_phone,
                    p.city,
                    p.city_key,
                    p.postcode,
                    p.search_doc,
                    p.owner_id,
                    bool(p.private),
                    sorted(tuple(r) for r in emails),
                    sorted(tuple(r) for r in phones),
                    sorted(tuple(r) for r in addresses),
                    sorted((names.get(r[0]), *r[1:]) for r in links),
                )
            )
        return sorted(result, key=repr)


def _items(db: Database, result: ImportResult) -> list[str]:
    with db.session() as session:
        return sorted(
            session.scalars(select(ImportBatchItem.action).where(ImportBatchItem.batch_id == result.batch_id)).all()
        )


def _outcomes(result: ImportResult) -> list[tuple[Any, ...]]:
    return [(o.number, o.action, o.display_name, o.issues) for o in result.outcomes]


@pytest.mark.parametrize("match", ["email", "phone", "name_org"])
def test_plain_and_draft_paths_write_the_same_rows(db: Database, tmp_path: Path, match: str) -> None:
    _stored(db)
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED.encode("utf-8"))
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers), match=match)
    before = _snapshot(db)

    outcomes = {}
    snapshots = {}
    for plain in (False, True):
        importer = ImportService(db, plain_rows=plain)
        dry = importer.dry_run(path, options)
        result = importer.run(path, options, errors_path=tmp_path / f"errors-{plain}.csv")
        assert result.created + result.updated + result.skipped + result.errors == result.rows == len(MIXED_ROWS)
        assert (dry.created, dry.updated, dry.skipped, dry.errors) == (
            result.created,
            result.updated,
            result.skipped,
            result.errors,
        )
        outcomes[plain] = (
            (result.rows, result.created, result.updated, result.skipped, result.errors),
            result.organisations_created,
            _outcomes(result),
            _items(db, result),
            (tmp_path / f"errors-{plain}.csv").read_text(encoding="utf-8-sig"),
        )
        snapshots[plain] = _snapshot(db)
        importer.undo(result.batch_id)  # type: ignore[arg-type]
        assert _snapshot(db) == before

    assert outcomes[True] == outcomes[False]
    assert snapshots[True] == snapshots[False]
    # The file really mixes the cases: creations, errors, and (on the e-mail) an update.
    counts = outcomes[True][0]
    assert counts[1] >= 8 and counts[4] >= 8
    if match == "email":
        assert counts[2] == 1


def test_plain_rows_of_a_big_file_match_the_draft_path(db: Database, tmp_path: Path) -> None:
    """Several plan chunks, organisations repeated across chunks, a duplicate far from its first row."""
    rows = [
        f";Prénom{i % 7};Nom{i};{'Société ' + str(i % 13) if i % 3 == 0 else ''};;p{i}@exemple.fr;;"
        f"06 {i // 10_000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d} 1{i % 10};;69002;Lyon;"
        for i in range(4500)
    ]
    rows.append(";Prénom0;Nom0;;;p0@exemple.fr;;;;;;")
    path = tmp_path / "big.csv"
    path.write_bytes((HEADER + "".join(f"{r}\r\n" for r in rows)).encode("cp1252"))
    options = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers))
    snapshots = {}
    results = {}
    for plain in (False, True):
        importer = ImportService(db, plain_rows=plain)
        result = importer.run(path, options)
        results[plain] = (result.created, result.updated, result.skipped, result.errors, _outcomes(result))
        snapshots[plain] = _snapshot(db)
        importer.undo(result.batch_id)  # type: ignore[arg-type]
    assert results[True] == results[False]
    assert results[True][:4] == (4500, 0, 0, 1)
    assert snapshots[True] == snapshots[False]


# ---------------------------------------------------------------------------- the reader, cell by cell
@pytest.fixture
def sqlite_db(sqlite_path: Path) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    yield database
    database.dispose()


_NAMES = st.text(alphabet=" AZaz-'éÉœŒßç\t", max_size=12)
_EMAILS = st.one_of(
    st.just(""),
    st.from_regex(r"[A-Za-z0-9._%+\-]{1,10}@[A-Za-z0-9\-]{1,8}(\.[A-Za-z0-9\-]{1,6}){1,2}", fullmatch=True),
    st.text(alphabet="ab.@-+_éxn;, ", max_size=16),
)
_PHONES = st.one_of(
    st.just(""),
    st.from_regex(r"(\+33|0033|0)[ .\-]?[0-9]([ .\-]?[0-9]){8}", fullmatch=True),
    st.from_regex(r"\+?[0-9 .\-()]{3,16}", fullmatch=True),
    st.text(alphabet="0123456789 +:;", max_size=14),
)
_POSTCODES = st.one_of(st.just(""), st.from_regex(r"[0-9 ]{4,7}", fullmatch=True), st.text(max_size=6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.tuples(_NAMES, _NAMES, _NAMES, _NAMES),
    email=_EMAILS,
    phones=st.tuples(_PHONES, _PHONES),
    postcode=_POSTCODES,
    city=_NAMES,
)
def test_plain_reader_agrees_with_the_drafts(
    sqlite_db: Database,
    names: tuple[str, str, str, str],
    email: str,
    phones: tuple[str, str],
    postcode: str,
    city: str,
) -> None:
    headers = ("Civilité", "Prénom", "Nom", "Société", "Fonction", "Courriel", "Téléphone", "Portable", "Code postal")
    headers = (*headers, "Ville")
    options = ImportOptions(mapping=suggest_mapping(headers))
    planner = _Planner(ImportService(sqlite_db), options, headers, set())
    assert planner.plain is not None and planner.plain.enabled
    civility, first, last, job = names
    values = (civility, first, last, "", job, email, phones[0], phones[1], postcode, city)
    read = planner.plain.read(values)
    draft, issues, organisation = planner._draft(SourceRow(1, 2, values, ""))
    if read is None:
        return
    person, plain_organisation = read
    assert not issues, issues
    assert draft is not None
    assert plain_organisation == organisation
    assert (person.civility, person.first_name, person.last_name, person.job_title, person.notes) == (
        draft.civility,
        draft.first_name,
        draft.last_name,
        draft.job_title,
        draft.notes,
    )
    assert draft.kind == "person" and draft.name == "" and not draft.tags and draft.birth_date is None
    assert (person.email,) == tuple(e.address for e in draft.emails) or (not person.email and not draft.emails)
    assert all(e.label == "work" for e in draft.emails)
    assert person.phones == tuple((p.number, p.label) for p in draft.phones)
    if person.address is None:
        assert draft.addresses == ()
    else:
        (address,) = draft.addresses
        assert person.address == (address.street, address.street2, address.postcode, address.city)
        assert (address.country, address.label) == ("FR", "work")


def test_cancel_after_chunks_were_written_leaves_nothing(db: Database, tmp_path: Path) -> None:
    """The writer thread has written whole chunks when the cancel comes: all of it rolls back."""
    rows = [
        f";P{i};Nom{i};Société {i % 3};;p{i}@exemple.fr;;06 12 34 {i // 100 % 100:02d} {i % 100:02d};;;;"
        for i in range(12_000)
    ]
    path = tmp_path / "cancel.csv"
    path.write_bytes((HEADER + "".join(f"{r}\r\n" for r in rows)).encode("cp1252"))
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] >= 20  # after 10,000 rows: two chunks of 5,000 handed to the writer

    result = ImportService(db).run(
        path, ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers)), cancelled=cancelled
    )
    assert result.cancelled and result.created == 0
    with db.session() as session:
        assert session.scalars(select(Party.id)).first() is None
        assert session.scalars(select(ImportBatchItem.id)).first() is None
