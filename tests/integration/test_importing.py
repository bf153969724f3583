"""Imports on real SQLite and PostgreSQL: dry run, run, matching, errors file, undo, and round trips."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models import ImportBatch, ImportBatchItem, Party
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PartyQuery,
    PhoneEntry,
)
from ekocrm_desktop.services.exporting import ExportService
from ekocrm_desktop.services.importing import (
    ImportOptions,
    ImportResult,
    ImportService,
    load_mapping,
    save_mapping,
    suggest_mapping,
)
from ekocrm_desktop.services.tabular import SourceFile
from tests.support import counting

FRENCH = (
    "Civilité;Prénom;Nom;Société;Fonction;Courriel;Téléphone;Portable;Adresse;Code postal;Ville;Notes\r\n"
    "Mme;Zoé;Lefèvre;Œuvre d'Orient;Trésorière;zoe@example.fr;04 78 00 00 01;06 12 34 56 78;"
    '12 rue Mercière;69002;Lyon;"Rappeler\r\nen janvier"\r\n'
    "M.;François;Müller;Brasserie Æther;Gérant;francois@example.fr;;06 98 76 54 32;;75011;Paris;\r\n"
    ";Hélène;Durand;;;pas-une-adresse;;;;;Lyon;\r\n"
    ";Paul;;;;;;;;;;sans nom ni courriel\r\n"
    ";Jean;Martin;;;jean@example.fr;0612;;;;;\r\n"
    ";;;Mairie de Lyon;;;04 72 10 30 30;;1 place de la Comédie;69001;Lyon;\r\n"
    "Mme;Zoé;Lefèvre;;;ZOE@example.fr;;;;;;doublon\r\n"
    ";Anne;Petit;;;anne@example.fr;;;;6900;Lyon;\r\n"
)


def write_csv(tmp_path: Path, text: str = FRENCH, name: str = "contacts.csv", encoding: str = "cp1252") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def options_for(path: Path, **kw: object) -> ImportOptions:
    return ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers), **kw)  # type: ignore[arg-type]


def check_invariant(result: ImportResult, path: Path) -> None:
    assert result.created + result.updated + result.skipped + result.errors == result.rows
    assert result.rows == SourceFile(path).count()


def reasons(result: ImportResult) -> dict[int, set[str]]:
    return {o.number: {i.code for i in o.issues} for o in result.outcomes if o.action == "error"}


@pytest.fixture
def importer(db: Database) -> ImportService:
    return ImportService(db)


def test_dry_run_counts_and_reasons_per_row(db: Database, importer: ImportService, tmp_path: Path) -> None:
    path = write_csv(tmp_path)
    result = importer.dry_run(path, options_for(path))
    check_invariant(result, path)
    assert (result.rows, result.created, result.updated, result.skipped, result.errors) == (8, 3, 0, 0, 5)
    assert reasons(result) == {
        3: {"email_invalid"},
        4: {"missing_person"},
        5: {"phone_invalid"},
        7: {"duplicate_in_file"},
        8: {"postcode_invalid"},
    }
    duplicate = next(o for o in result.outcomes if o.number == 7)
    assert dict(duplicate.issues[0].params) == {"line": "2"}
    assert result.organisations_created == 2  # Œuvre d'Orient, Brasserie Æther (the Mairie is a row of its own)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_run_creates_people_organisations_and_an_errors_file(
    db: Database, importer: ImportService, tmp_path: Path
) -> None:
    path = write_csv(tmp_path)
    errors_path = tmp_path / "errors.csv"
    result = importer.run(path, options_for(path), errors_path=errors_path)
    check_invariant(result, path)
    assert (result.created, result.errors) == (3, 5)
    contacts = ContactService(db)
    rows = {r.display_name: r for r in contacts.page(PartyQuery(), "name", False, _all())}
    assert set(rows) == {"Zoé Lefèvre", "François Müller", "Mairie de Lyon", "Œuvre d'Orient", "Brasserie Æther"}
    zoe = contacts.get(rows["Zoé Lefèvre"].id).draft
    assert [p.number for p in zoe.phones] == ["+33478000001", "+33612345678"]
    assert zoe.notes == "Rappeler\r\nen janvier"
    assert zoe.affiliations[0].organisation_name == "Œuvre d'Orient"
    assert zoe.job_title == "Trésorière"
    assert zoe.addresses[0] == AddressEntry("12 rue Mercière", "", "69002", "Lyon", "FR", "work")
    mairie = contacts.get(rows["Mairie de Lyon"].id).draft
    assert mairie.kind == "organisation"
    # The errors file: original columns plus a reason, readable by the importer itself.
    with errors_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[0][-1] == "Erreur / Error"
    assert [line[2] for line in lines[1:]] == ["Durand", "", "Martin", "Lefèvre", "Petit"]
    assert "invalid e-mail address: pas-une-adresse" in lines[1][-1]
    with db.session() as s:
        batch = s.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert (batch.status, batch.created_count, batch.error_count, batch.rows) == ("done", 3, 5, 8)
        # 3 rows created + 2 organisations, each recorded for undo.
        assert s.scalar(select(func.count()).select_from(ImportBatchItem)) == 5


def test_fixed_errors_file_imports_and_matches(db: Database, importer: ImportService, tmp_path: Path) -> None:
    path = write_csv(tmp_path)
    errors_path = tmp_path / "errors.csv"
    options = options_for(path)
    importer.run(path, options, errors_path=errors_path)
    fixed = errors_path.read_text(encoding="utf-8-sig").replace("pas-une-adresse", "helene@example.fr")
    fixed = fixed.replace(";0612;", ";06 12 00 00 00;").replace(";6900;", ";69009;")
    fixed_path = tmp_path / "fixed.csv"
    fixed_path.write_text(fixed, encoding="utf-8-sig")
    second = importer.dry_run(fixed_path, ImportOptions.from_json(options.to_json()))
    check_invariant(second, fixed_path)
    # Hélène, Jean and Anne now import; Paul still has no name; the Zoé duplicate now matches
    # the stored Zoé, whose note is not empty: nothing to fill.
    assert (second.created, second.updated, second.skipped, second.errors) == (3, 0, 1, 1)
    assert [i.code for o in second.outcomes if o.action == "skip" for i in o.issues] == ["unchanged"]


def test_on_match_fill_overwrite_skip_and_undo(db: Database, importer: ImportService, tmp_path: Path) -> None:
    contacts = ContactService(db)
    stored = contacts.create(
        PartyDraft(
            first_name="Zoé",
            last_name="Lefèvre",
            job_title="Présidente",
            emails=(EmailEntry("zoe@example.fr"),),
            phones=(PhoneEntry("0478000001", "work"),),
        )
    )
    text = "Prénom;Nom;Courriel;Fonction;Ville;Portable\nZoé;LEFÈVRE;Zoe@Example.fr;Trésorière;Lyon;06 12 34 56 78\n"
    path = write_csv(tmp_path, text, encoding="utf-8")

    skip = importer.dry_run(path, options_for(path, on_match="skip"))
    assert (skip.skipped, skip.updated) == (1, 0)

    fill = importer.run(path, options_for(path, on_match="fill"))
    assert fill.updated == 1
    after_fill = contacts.get(stored.id)
    assert after_fill.draft.job_title == "Présidente"  # not empty: kept
    assert after_fill.draft.last_name == "Lefèvre"
    assert after_fill.draft.addresses[0].city == "Lyon"  # empty: filled
    assert [p.number for p in after_fill.draft.phones] == ["+33478000001", "+33612345678"]

    again = importer.dry_run(path, options_for(path, on_match="fill"))
    assert (again.skipped, again.updated) == (1, 0)
    assert again.outcomes[0].issues[0].code == "unchanged"

    over = importer.run(path, options_for(path, on_match="overwrite"))
    assert over.updated == 1
    after_over = contacts.get(stored.id).draft
    assert (after_over.job_title, after_over.last_name) == ("Trésorière", "LEFÈVRE")

    # Undo the overwrite, then the fill: back exactly to what was stored.
    assert importer.undo(over.batch_id).restored == 1  # type: ignore[arg-type]
    assert contacts.get(stored.id).draft == after_fill.draft
    assert importer.undo(fill.batch_id).restored == 1  # type: ignore[arg-type]
    assert contacts.get(stored.id).draft == stored.draft
    history = importer.batches()
    assert [b.status for b in history] == ["undone", "undone"]


def test_undo_removes_created_and_refuses_changed_parties(
    db: Database, importer: ImportService, tmp_path: Path
) -> None:
    path = write_csv(tmp_path)
    result = importer.run(path, options_for(path))
    assert result.batch_id is not None
    contacts = ContactService(db)
    rows = {r.display_name: r for r in contacts.page(PartyQuery(), "name", False, _all())}
    # Someone edits François after the import: undo must leave him alone and say so.
    francois = contacts.get(rows["François Müller"].id)
    contacts.update(francois.id, francois.version, dataclasses.replace(francois.draft, notes="vu au salon"))
    undo = importer.undo(result.batch_id)
    assert undo.removed == 4
    assert [(r.display_name, r.reason) for r in undo.refused] == [("François Müller", "changed_since")]
    remaining = {r.display_name for r in contacts.page(PartyQuery(), "name", False, _all())}
    # His organisation was created by the import and is removed; he stays, without it.
    assert remaining == {"François Müller"}
    assert importer.batches()[0].status == "undone"
    assert importer.undo(result.batch_id).removed == 0


def test_cancel_during_creation_writes_nothing(db: Database, importer: ImportService, tmp_path: Path) -> None:
    lines = ["Prénom;Nom;Courriel"] + [f"P{i};Nom{i};p{i}@example.fr" for i in range(1200)]
    path = write_csv(tmp_path, "\n".join(lines) + "\n", encoding="utf-8")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] >= 2

    result = importer.run(path, options_for(path), cancelled=cancelled)
    assert result.cancelled
    assert result.created == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0
        assert s.scalar(select(ImportBatch.status)) == "cancelled"


@pytest.mark.parametrize("match", ["email", "phone", "external_id", "name_org"])
def test_matching_keys(db: Database, importer: ImportService, tmp_path: Path, match: str) -> None:
    text = (
        "Prénom;Nom;Société;Courriel;Portable;Identifiant\n"
        "Zoé;Lefèvre;ACME;zoe@example.fr;06 12 34 56 78;C-1\n"
        "Jean;Dupont;;jean@example.fr;06 11 11 11 11;C-2\n"
    )
    path = write_csv(tmp_path, text, encoding="utf-8")
    first = importer.run(path, options_for(path, match=match))
    assert first.created == 2
    second_path = write_csv(tmp_path, _with_city(text), name="second.csv", encoding="utf-8")
    second = importer.dry_run(second_path, options_for(second_path, match=match))
    check_invariant(second, second_path)
    assert (second.created, second.updated) == (0, 2)


@pytest.mark.parametrize("match", ["email", "phone"])
def test_a_match_is_the_oldest_live_record_holding_the_key(
    db: Database, importer: ImportService, tmp_path: Path, match: str
) -> None:
    contacts = ContactService(db)
    holding = {"emails": (EmailEntry("Zoe@Example.fr"),), "phones": (PhoneEntry("+33612345678"),)}
    trashed = contacts.create(PartyDraft(first_name="Zoé", last_name="Corbeille", **holding))  # type: ignore[arg-type]
    contacts.delete([trashed.id])
    oldest = contacts.create(PartyDraft(first_name="Zoé", last_name="Première", **holding))  # type: ignore[arg-type]
    contacts.create(PartyDraft(first_name="Zoé", last_name="Seconde", **holding))  # type: ignore[arg-type]
    path = write_csv(tmp_path, "Prénom;Nom;Courriel;Portable\nZoé;Lefèvre;zoe@example.fr;06 12 34 56 78\n", "z.csv")
    result = importer.dry_run(path, options_for(path, match=match))
    # Nothing to fill in on the match: skipped, against the oldest of the two live records.
    assert [(o.action, o.party_id) for o in result.outcomes] == [("skip", oldest.id)]


def _with_city(text: str) -> str:
    lines = text.strip().split("\n")
    return "\n".join([lines[0] + ";Ville", *(line + ";Lyon" for line in lines[1:])]) + "\n"


def test_mapping_saved_and_reused(tmp_path: Path) -> None:
    options = ImportOptions(mapping={"Courriel": "email", "Nom": "last_name"}, match="phone", on_match="skip")
    path = tmp_path / "m.json"
    save_mapping(options, path)
    assert load_mapping(path) == options
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"Nom": "last_name"}), encoding="utf-8")
    assert load_mapping(bare).mapping == {"Nom": "last_name"}
    bare.write_text(json.dumps({"Nom": "shoe_size"}), encoding="utf-8")
    with pytest.raises(ValueError, match="shoe_size"):
        load_mapping(bare)


def test_corpus_never_crashes_and_counts_hold(db: Database, importer: ImportService, tmp_path: Path) -> None:
    """Every awkward file of the corpus: read or reported per row; the invariant always holds."""
    from openpyxl import Workbook

    files: list[Path] = [
        write_csv(tmp_path, FRENCH, "cp1252.csv"),
        write_csv(tmp_path, FRENCH, "utf8.csv", "utf-8"),
        write_csv(tmp_path, FRENCH, "bom.csv", "utf-8-sig"),
        write_csv(tmp_path, "Nom;Courriel\nDupont;d@example.fr\nMart", "truncated.csv", "utf-8"),
        write_csv(tmp_path, 'Nom;Notes\nDupont;"jamais fermé', "quote.csv", "utf-8"),
        write_csv(tmp_path, "Nom;Courriel\nA;a@x.fr;en trop\n\n\nB;b@x.fr\n", "mixed.csv", "utf-8"),
    ]
    outlook = tmp_path / "outlook.csv"
    outlook.write_bytes(
        codecs.BOM_UTF16_LE
        + "First Name\tLast Name\tE-mail Address\r\nHélène\tDurand\th@example.fr\r\n".encode("utf-16-le")
    )
    files.append(outlook)
    wb = Workbook()
    ws = wb.active
    ws.append(["Nom", "Prénom", "Courriel", "Total"])
    ws.append(["Dupont", "Jean", "jean@example.fr", "=1+1"])
    ws.append(["Fusion", None, "f@example.fr", None])
    ws.merge_cells("A3:B3")
    files.append(tmp_path / "book.xlsx")
    wb.save(files[-1])
    broken = tmp_path / "broken.csv"
    # A file whose encoding is broken: UTF-8 and Windows-1252 accents mixed, a NUL byte, a stray BOM.
    broken.write_bytes(
        b"Nom;Courriel\n"
        + "Lefèvre;zoe@example.fr\n".encode()
        + "Müller;m@example.fr\n".encode("cp1252")
        + b"Du\x00rand;d@example.fr\n\xef\xbb\xbfPetit;p@example.fr\n"
    )
    files.append(broken)
    wide = tmp_path / "wide.csv"
    wide.write_text(
        ";".join(["Nom", "Courriel", *(f"C{i}" for i in range(998))])
        + "\n"
        + ";".join(["Dupont", "d@example.fr", *("x" * 998)])
        + "\n",
        encoding="utf-8",
    )
    files.append(wide)
    for path in files:
        result = importer.dry_run(path, options_for(path))
        check_invariant(result, path)
    # The broken file imports for real too (a NUL byte would make PostgreSQL refuse the whole batch).
    written = importer.run(broken, options_for(broken))
    check_invariant(written, broken)
    assert written.created == 4
    truncated = importer.dry_run(files[3], options_for(files[3]))
    assert reasons(truncated) == {2: {"truncated"}}


def test_vcard_import(db: Database, importer: ImportService, tmp_path: Path) -> None:
    from tests.unit.test_tabular import VCARD_21, VCARD_30, VCARD_40

    path = tmp_path / "cards.vcf"
    path.write_text(VCARD_21 + VCARD_30 + VCARD_40, encoding="utf-8")
    result = importer.run(path, options_for(path))
    check_invariant(result, path)
    assert (result.created, result.errors) == (3, 0)
    contacts = ContactService(db)
    names = {r.display_name for r in contacts.page(PartyQuery(), "name", False, _all())}
    assert names == {"Zoé Lefèvre", "François Müller", "Brasserie Æther", "Association Les Amis"}


# ---------------------------------------------------------------------------- round trips
SAMPLES = [
    PartyDraft(
        civility="Mme",
        first_name="Zoé",
        last_name="Lefèvre-Ørsted",
        job_title='=HYPERLINK("http://x","y")',
        emails=(EmailEntry("zoe@example.fr"), EmailEntry("zoe.perso@example.org")),
        phones=(PhoneEntry("+33478000001", "work"), PhoneEntry("+33612345678", "mobile")),
        addresses=(AddressEntry("12 rue Mercière", "Bâtiment B", "69002", "Lyon", "FR"),),
        notes="Première ligne\nDeuxième ligne ; avec « guillemets », -12,50 € et +1+1",
        tags=("Bénévole", "Salon 2026"),
    ),
    PartyDraft(first_name="François", last_name="@SUM(1+1)", phones=(PhoneEntry("+32470123456", "mobile"),)),
    PartyDraft(
        kind="organisation", name="Œuvre d'Orient", registration_number="-1+1", website="https://oeuvre.example"
    ),
]


def _comparable(draft: PartyDraft) -> tuple[object, ...]:
    return (
        draft.kind,
        draft.civility,
        draft.first_name,
        draft.last_name,
        draft.name,
        draft.job_title,
        tuple(e.address for e in draft.emails),
        tuple(p.number for p in draft.phones),
        tuple((a.street, a.street2, a.postcode, a.city, a.country) for a in draft.addresses),
        draft.notes,
        tuple(sorted(draft.tags)),
        draft.registration_number,
        draft.website,
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_export_then_import_gives_back_the_same_contacts(db: Database, tmp_path: Path, fmt: str) -> None:
    contacts = ContactService(db)
    for draft in SAMPLES:
        contacts.create(draft)
    before = sorted(_comparable(contacts.get(r.id).draft) for r in contacts.page(PartyQuery(), "name", False, _all()))
    out = tmp_path / f"export.{fmt}"
    assert ExportService(db).export_contacts(out, fmt) == 3
    # Into an empty workspace: purge everything, then import the file back.
    ids = [r.id for r in contacts.page(PartyQuery(), "name", False, _all())]
    contacts.delete(ids)
    contacts.purge(ids)
    result = ImportService(db).run(out, options_for(out))
    assert (result.created, result.errors) == (3, 0), result.outcomes
    after = sorted(_comparable(contacts.get(r.id).draft) for r in contacts.page(PartyQuery(), "name", False, _all()))
    assert after == before


def _all() -> object:
    from ekocrm_desktop.services.paging import PageRequest

    return PageRequest(0, 1000, 1000)


def test_google_contacts_csv(db: Database, importer: ImportService, tmp_path: Path) -> None:
    text = (
        "Name,Given Name,Family Name,Name Prefix,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,"
        "Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country\n"
        'Zoé Lefèvre,Zoé,Lefèvre,Mme,1980-05-17,"Vue au salon\nà rappeler",* myContacts ::: Bénévoles,* Work,'
        "zoe@example.fr ::: zoe.perso@example.org,,Mobile,+33 6 12 34 56 78 ::: 04 78 00 00 01,Œuvre d'Orient,"
        "Trésorière,12 rue Mercière,Lyon,69002,France\n"
    )
    path = write_csv(tmp_path, text, "google.csv", "utf-8")
    result = importer.run(path, options_for(path))
    assert (result.created, result.errors) == (1, 0), result.outcomes
    contacts = ContactService(db)
    zoe = next(r for r in contacts.page(PartyQuery(kind="person"), "name", False, _all()))
    draft = contacts.get(zoe.id).draft
    assert (draft.civility, draft.first_name, draft.last_name) == ("Mme", "Zoé", "Lefèvre")
    assert [e.address for e in draft.emails] == ["zoe@example.fr", "zoe.perso@example.org"]
    assert draft.tags == ("Bénévoles",)
    assert draft.birth_date is not None and draft.birth_date.isoformat() == "1980-05-17"
    assert draft.notes == "Vue au salon\nà rappeler"
    assert draft.addresses[0].country == "FR"
    assert draft.affiliations[0].organisation_name == "Œuvre d'Orient"
    assert draft.affiliations[0].function == "Trésorière"


def test_cancel_during_updates_leaves_nothing_or_what_was_committed_undoable(
    db: Database, importer: ImportService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import importing

    contacts = ContactService(db)
    for i in range(5):
        contacts.create(PartyDraft(last_name=f"Nom{i}", emails=(EmailEntry(f"p{i}@example.fr"),)))
    lines = ["Nom;Courriel;Ville"] + [f"Nom{i};p{i}@example.fr;Lyon" for i in range(5)]
    path = write_csv(tmp_path, "\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(importing, "UPDATE_CHUNK", 2)
    calls = {"n": 0}

    def cancelled() -> bool:
        # 1: after planning the only chunk of rows; 2: before the first 2 updates; 3: before the next.
        calls["n"] += 1
        return calls["n"] >= 3

    result = importer.run(path, options_for(path), cancelled=cancelled)
    if db.is_sqlite:
        # SQLite writes the updates in the import's one transaction: a cancel leaves nothing.
        assert result.cancelled and result.updated == 0
        assert {r.city for r in contacts.page(PartyQuery(), "name", False, _all())} == {""}
        assert importer.batches()[0].status == "cancelled"
        return
    assert result.cancelled and result.updated == 2
    cities = sorted(r.city for r in contacts.page(PartyQuery(), "name", False, _all()))
    assert cities == ["", "", "", "Lyon", "Lyon"]
    assert importer.batches()[0].status == "cancelled"
    assert result.batch_id is not None
    assert importer.undo(result.batch_id).restored == 2
    assert {r.city for r in contacts.page(PartyQuery(), "name", False, _all())} == {""}


def _most_parameters(db: Database) -> tuple[list[int], object]:
    """The parameters of each statement with an IN list run on `db` from now on (per row for an executemany)."""
    from sqlalchemy import event

    counts: list[int] = []

    def count(_conn: object, _cursor: object, sql: str, parameters: object, _context: object, many: bool) -> None:
        if " IN (" not in sql.upper():
            return
        rows = parameters if many else [parameters]
        counts.append(max((len(r) for r in rows if r is not None), default=0))  # type: ignore[union-attr]

    event.listen(db.engine, "before_cursor_execute", count)
    return counts, lambda: event.remove(db.engine, "before_cursor_execute", count)


def test_a_big_batch_is_undone_page_by_page_with_progress_and_cancel(
    db: Database, importer: ImportService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo names at most UNDO_PAGE parties a statement, whatever the batch's size: it named
    them all at once, and PostgreSQL refused any batch over 65,535 parties (SQLite over its own limit)."""
    from ekocrm_desktop.services import importing

    monkeypatch.setattr(importing, "UNDO_PAGE", 7)
    contacts = ContactService(db)
    stored = [
        contacts.create(PartyDraft(last_name=f"Ancien{i}", emails=(EmailEntry(f"a{i}@example.fr"),))) for i in range(10)
    ]
    lines = ["Nom;Courriel;Ville"]
    lines += [f"Nouveau{i};n{i}@example.fr;Nantes" for i in range(40)]
    lines += [f"Ancien{i};a{i}@example.fr;Lyon" for i in range(10)]
    path = write_csv(tmp_path, "\n".join(lines) + "\n", encoding="utf-8")
    result = importer.run(path, options_for(path))
    assert (result.created, result.updated) == (40, 10)
    assert result.batch_id is not None
    rows = {r.display_name: r.id for r in contacts.page(PartyQuery(), "name", False, _all())}
    # Changed after the import: two it created, one it updated. Undo leaves them alone.
    for name in ("Nouveau3", "Nouveau31", "Ancien5"):
        edited = contacts.get(rows[name])
        contacts.update(edited.id, edited.version, dataclasses.replace(edited.draft, notes="vu au salon"))

    def everyone() -> dict[str, str]:
        return {r.display_name: r.city for r in contacts.page(PartyQuery(), "name", False, _all())}

    before_undo = everyone()
    calls = {"n": 0}

    def cancel_on_third_page() -> bool:
        calls["n"] += 1
        return calls["n"] >= 3

    with pytest.raises(importing.ImportCancelledError):
        importer.undo(result.batch_id, cancelled=cancel_on_third_page)
    assert everyone() == before_undo  # nothing of the cancelled undo was kept
    assert importer.batches()[0].status == "done"

    reports: list[tuple[int, int]] = []
    counts, stop = _most_parameters(db)
    try:
        undo = importer.undo(result.batch_id, report=lambda done, total, _text: reports.append((done, total)))
    finally:
        stop()  # type: ignore[operator]
    # A page of 7 ids at most, with the batch's id and the like; naming the whole batch took 47 or more.
    assert counts and max(counts) <= 7 + 3
    assert (undo.removed, undo.restored) == (38, 9)
    assert sorted(r.display_name for r in undo.refused) == ["Ancien5", "Nouveau3", "Nouveau31"]
    # Pages of 7: the 9 updated ones in 2 pages, then the 38 created ones in 6.
    assert len(reports) == 8 and reports[-1] == (47, 47)
    assert [done for done, _total in reports] == sorted(done for done, _total in reports)
    after = everyone()
    assert set(after) == {s.draft.last_name for s in stored} | {"Nouveau3", "Nouveau31"}
    assert after["Ancien0"] == "" and after["Ancien5"] == "Lyon"  # given back, or left as changed
    assert importer.batches()[0].status == "undone"


def test_export_of_a_selection_and_vcard_40(db: Database, tmp_path: Path) -> None:
    contacts = ContactService(db)
    ids = [contacts.create(draft).id for draft in SAMPLES]
    out = tmp_path / "two.vcf"
    assert ExportService(db).export_contacts(out, "vcf", ids=ids[1:], vcard_version="4.0") == 2
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2 and "VERSION:4.0" in text and "KIND:org" in text
    rows = list(SourceFile(out).rows())
    headers = SourceFile(out).info().headers
    by_kind = {dict(zip(headers, r.values, strict=True))["kind"] for r in rows}
    assert by_kind == {"", "organisation"}
    csv_out = tmp_path / "search.csv"
    assert ExportService(db).export_contacts(csv_out, "csv", query=PartyQuery(text="lefevre")) == 1


def test_an_export_over_the_xlsx_row_limit_is_refused_before_writing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import exporting

    contacts = ContactService(db)
    for draft in SAMPLES:
        contacts.create(draft)
    monkeypatch.setattr(exporting, "XLSX_MAX_ROWS", len(SAMPLES) - 1)
    target = tmp_path / "all.xlsx"
    with pytest.raises(exporting.ExportTooBigError) as refused:
        ExportService(db).export_contacts(target, "xlsx")
    assert refused.value.rows == len(SAMPLES)
    assert not target.exists()
    # The same list fits a CSV, and a selection under the limit still fits a sheet.
    assert ExportService(db).export_contacts(tmp_path / "all.csv", "csv") == len(SAMPLES)
    ids = [r.id for r in contacts.page(PartyQuery(), "name", False, _all())][:2]
    assert ExportService(db).export_contacts(target, "xlsx", ids=ids) == 2


def test_a_small_import_gives_sqlite_its_statistics(sqlite_path: Path, tmp_path: Path) -> None:
    """A workspace filled by small imports (indexes kept, no rebuild) still gets planner statistics:
    without them the next import's look-ups by e-mail read every party."""
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    lines = ["Prénom;Nom;Courriel"] + [f"Zoé;Martin{i};z{i}@example.fr" for i in range(300)]
    path = write_csv(tmp_path, "\r\n".join(lines) + "\r\n")
    result = ImportService(db).run(path, options_for(path))
    assert result.created == 300
    with db.engine.connect() as conn:
        stats = {
            row[0]: row[1]
            for row in conn.exec_driver_sql("SELECT tbl, stat FROM sqlite_stat1 WHERE tbl IN ('party', 'party_email')")
        }
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT party_id FROM party_email WHERE address IN ('z1@example.fr', 'x@y.fr')"
            )
        )
    assert int(stats["party"].split()[0]) == 300 and int(stats["party_email"].split()[0]) == 300
    assert "USING" in plan and "INDEX" in plan, plan
    db.dispose()


def _undo_flushes(db: Database, importer: ImportService, tmp_path: Path, people: int) -> int:
    header = "Prénom;Nom;Courriel;Ville\r\n"
    first = tmp_path / f"first-{people}.csv"
    first.write_bytes(
        (header + "".join(f"Zoé;Nom{i};u{people}-{i}@exemple.fr;Lyon\r\n" for i in range(people))).encode("cp1252")
    )
    second = tmp_path / f"second-{people}.csv"
    second.write_bytes(
        (header + "".join(f"Zoé;Nom{i};u{people}-{i}@exemple.fr;Paris\r\n" for i in range(people))).encode("cp1252")
    )
    importer.run(first, ImportOptions(mapping=suggest_mapping(SourceFile(first).info().headers)))
    options = ImportOptions(mapping=suggest_mapping(SourceFile(second).info().headers), on_match="overwrite")
    updated = importer.run(second, options)
    assert updated.updated == people and updated.batch_id is not None
    with counting.flushes() as flushes:
        undone = importer.undo(updated.batch_id)
    assert undone.restored == people and not undone.refused
    cities = {row.city for row in ContactService(db).page(PartyQuery(text=f"u{people}"), "name", False, _all())}
    assert cities == {"Lyon"}
    return len(flushes)


def test_an_update_import_is_undone_in_as_many_flushes_for_thirty_contacts_as_for_three(
    db: Database, importer: ImportService, tmp_path: Path
) -> None:
    """The undo restored each updated contact on its own (a flush and ten statements each):
    20,000 updated contacts took 141 s to undo. Now a page of them at a time."""
    few = _undo_flushes(db, importer, tmp_path, 3)
    many = _undo_flushes(db, importer, tmp_path, 30)
    assert many <= few + 1, (few, many)
