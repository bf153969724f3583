"""Imports of members with their subscriptions and of articles, on real SQLite and PostgreSQL:
dry run, run, per-row reasons, re-import, undo, and the external id key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models import ImportBatchRecord, Party, PartyExternalId
from ekocrm_desktop.models.domains import Article, ChoiceItem
from ekocrm_desktop.models.membership import ReceiptCounter, Subscription
from ekocrm_desktop.services.articles import ArticleDraft, ArticleQuery, ArticleService
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PartyQuery
from ekocrm_desktop.services.exporting import ExportService
from ekocrm_desktop.services.importing import ImportOptions, ImportResult, ImportService, suggest_mapping
from ekocrm_desktop.services.importing_records import parse_amount
from ekocrm_desktop.services.membership import MembershipService, TypeDraft
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.tabular import SourceFile
from tests.support import counting

MEMBERS = (
    "Prénom;Nom;Courriel;Type d'adhésion;Début;Fin;Montant;Payé le;Mode de paiement;Reçu;Société\r\n"
    "Zoé;Lefèvre;zoe@example.fr;Membre actif;01/01/2025;31/12/2025;1 234,56;15/01/2025;Chèque;2025-0007;Œuvre\r\n"
    "Zoé;Lefèvre;zoe@example.fr;Membre actif;01/01/2026;;30,00;10/01/2026;virement;\r\n"
    "François;Müller;francois@example.fr;bienfaiteur;01/01/2026;;100;02/02/2026;CB;\r\n"
    "Anne;Petit;anne@example.fr;Membre actif;;;;;;\r\n"
    "Hélène;Durand;helene@example.fr;Platine;01/01/2026;;30;05/01/2026;chèque;;Atelier Hélène\r\n"
    "Paul;Martin;paul@example.fr;Membre actif;01/01/2026;;3O,00;05/01/2026;chèque;\r\n"
    "Jean;Roux;jean@example.fr;Membre actif;01/01/2026;;30;05/01/2026;;\r\n"
    "Léa;Blanc;lea@example.fr;Membre actif;01/01/2026;;30;05/01/2026;troc;\r\n"
    "Marc;Noir;marc@example.fr;Membre actif;01/01/2026;;30;05/01/2026;chèque;2025-0007\r\n"
    "Inès;Vert;ines@example.fr;Membre actif;01/01/2026;;30;05/01/2099;chèque;\r\n"
    "Zoé;Lefèvre;zoe@example.fr;Bienfaiteur;01/06/2026;;30;01/06/2026;chèque;\r\n"
)

ARTICLES = (
    "Code;Libellé;Catégorie;Prix unitaire HT;TVA;Actif\r\n"
    "form-1;Formation Excel;Formation;1 234,56;20 %;oui\r\n"
    "LOG 2;Licence annuelle;logiciel;99,90;5,5;non\r\n"
    ";Sans code;;10;20;oui\r\n"
    "BAD;Prix faux;;douze;20;oui\r\n"
    "TVA;TVA fausse;;10;120;oui\r\n"
    "FORM-1;Doublon;;10;20;oui\r\n"
    "NEW;;;10;20;oui\r\n"
)


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def options(path: Path, target: str, **kw: object) -> ImportOptions:
    headers = SourceFile(path).info().headers
    return ImportOptions(mapping=suggest_mapping(headers, target), target=target, **kw)  # type: ignore[arg-type]


def invariant(result: ImportResult, path: Path) -> None:
    assert result.created + result.updated + result.skipped + result.errors == result.rows == SourceFile(path).count()


def reasons(result: ImportResult) -> dict[int, set[str]]:
    return {o.number: {i.code for i in o.issues} for o in result.outcomes if o.issues}


@pytest.fixture
def membership(db: Database) -> MembershipService:
    service = MembershipService(db)
    service.save_type(TypeDraft(name="Membre actif", category="active", fee=Decimal("30")))
    service.save_type(TypeDraft(name="Bienfaiteur", category="benefactor", fee=Decimal("100")))
    return service


def test_parse_amount_french_and_english() -> None:
    assert parse_amount("1 234,56") == Decimal("1234.56")
    assert parse_amount("1\u202f234,56 €") == Decimal("1234.56")
    assert parse_amount("1.234,56") == Decimal("1234.56")
    assert parse_amount("1,234.56") == Decimal("1234.56")
    assert parse_amount("12.5") == Decimal("12.5")
    assert parse_amount("douze") is None


def test_members_suggested_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, MEMBERS, "adherents.csv")
    mapping = suggest_mapping(SourceFile(path).info().headers, "members")
    assert mapping == {
        "Prénom": "first_name",
        "Nom": "last_name",
        "Courriel": "email",
        "Type d'adhésion": "membership_type",
        "Début": "period_start",
        "Fin": "period_end",
        "Montant": "amount",
        "Payé le": "paid_on",
        "Mode de paiement": "payment_method",
        "Reçu": "receipt_number",
        "Société": "organisation",
    }


def test_members_dry_run_run_reimport_and_undo(db: Database, membership: MembershipService, tmp_path: Path) -> None:
    importer = ImportService(db)
    path = write(tmp_path, MEMBERS, "adherents.csv")
    opts = options(path, "members")
    dry = importer.dry_run(path, opts)
    invariant(dry, path)
    errors = {n: codes for n, codes in reasons(dry).items() if n != 2}
    assert errors == {
        4: {"period_missing"},
        5: {"type_unknown"},
        6: {"amount_invalid"},
        7: {"payment_method_missing"},
        8: {"payment_method_invalid"},
        9: {"receipt_taken"},
        10: {"date_future"},
        11: {"period_overlap"},
    }
    # Zoé twice (two years), François: two people created, Zoé's second year an update.
    assert (dry.created, dry.updated, dry.skipped, dry.errors) == (2, 1, 0, 8)
    # Hélène's organisation is named only on her row in error: it would not be created.
    assert dry.organisations_created == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0

    result = importer.run(path, opts)
    invariant(result, path)
    assert (result.created, result.updated, result.skipped, result.errors) == (2, 1, 0, 8)
    contacts = ContactService(db)
    rows = {r.display_name: r.id for r in contacts.page(PartyQuery(), "name", False, PageRequest(0, 50, 50))}
    assert set(rows) == {"Zoé Lefèvre", "François Müller", "Œuvre"}
    zoe = membership.subscriptions_of(rows["Zoé Lefèvre"])
    assert sorted((s.period_start, s.period_end, s.amount, s.payment_method, s.receipt_number) for s in zoe) == [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), Decimal("1234.56"), "cheque", "2025-0007"),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), Decimal("30.00"), "transfer", "2026-0001"),
    ]
    francois = membership.subscriptions_of(rows["François Müller"])
    assert [(s.type_name, s.amount, s.payment_method, s.receipt_number) for s in francois] == [
        ("Bienfaiteur", Decimal("100.00"), "card", "2026-0002")
    ]
    detail = contacts.get(rows["Zoé Lefèvre"])
    assert [(r.role, r.since) for r in detail.draft.roles] == [("member", dt.date(2025, 1, 1))]
    # The receipt given in the file moved the 2025 counter: the next 2025 receipt is 0008.
    with db.session() as s:
        assert s.get(ReceiptCounter, 2025).last_number == 7  # type: ignore[union-attr]

    # The same file again: nothing new (subscriptions recorded already are skipped).
    again = importer.dry_run(path, opts)
    invariant(again, path)
    assert (again.created, again.updated) == (0, 0)
    assert {i.code for o in again.outcomes if o.number in (1, 2, 3) for i in o.issues} == {"subscription_exists"}

    undone = importer.undo(result.batch_id)  # type: ignore[arg-type]
    assert undone.removed == 3 and undone.records_removed == 3
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0
        assert s.scalar(select(func.count()).select_from(Subscription)) == 0
        assert s.get(ReceiptCounter, 2025).last_number == 0  # type: ignore[union-attr]


def test_members_existing_person_gets_role_and_subscription_undone(
    db: Database, membership: MembershipService, tmp_path: Path
) -> None:
    contacts = ContactService(db)
    anne = contacts.create(
        PartyDraft(kind="person", first_name="Anne", last_name="Petit", emails=(EmailEntry("anne@example.fr"),))
    )
    text = (
        "Nom;Prénom;Courriel;Cotisation;Payé le;Montant;Mode de paiement\r\n"
        "Petit;Anne;ANNE@example.fr;Membre actif;03/03/2026;30;espèces\r\n"
    )
    path = write(tmp_path, text, "anne.csv")
    importer = ImportService(db)
    result = importer.run(path, options(path, "members"))
    assert (result.created, result.updated, result.skipped, result.errors) == (0, 1, 0, 0)
    status = membership.status_of(anne.id, dt.date(2026, 6, 1))
    assert status.paid_until == dt.date(2026, 12, 31)
    subs = membership.subscriptions_of(anne.id)
    assert [(s.period_start, s.payment_method) for s in subs] == [(dt.date(2026, 1, 1), "cash")]
    assert [r.role for r in contacts.get(anne.id).draft.roles] == ["member"]

    importer.undo(result.batch_id)  # type: ignore[arg-type]
    assert membership.subscriptions_of(anne.id) == []
    assert contacts.get(anne.id).draft.roles == ()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatchRecord)) == 2


def test_articles_dry_run_run_update_and_undo(db: Database, tmp_path: Path) -> None:
    with db.write_session() as s:
        s.add(ChoiceItem(list_key="article_category", code="formation", label="Formation", position=1))
        s.add(ChoiceItem(list_key="article_category", code="logiciel", label="Logiciel", position=2))
        s.commit()
    articles = ArticleService(db)
    old = articles.create(ArticleDraft(code="NEW", name="Ancien", unit_price=Decimal("5")))
    importer = ImportService(db)
    path = write(tmp_path, ARTICLES, "articles.csv")
    opts = options(path, "articles", on_match="overwrite")
    assert opts.mapping == {
        "Code": "code",
        "Libellé": "name",
        "Catégorie": "category",
        "Prix unitaire HT": "unit_price",
        "TVA": "vat_rate",
        "Actif": "active",
    }
    dry = importer.dry_run(path, opts)
    invariant(dry, path)
    assert reasons(dry) == {
        3: {"code_missing"},
        4: {"amount_invalid"},
        5: {"vat_rate_invalid"},
        6: {"duplicate_in_file"},
    }
    assert (dry.created, dry.updated, dry.skipped, dry.errors) == (2, 1, 0, 4)
    result = importer.run(path, opts)
    assert (result.created, result.updated, result.skipped, result.errors) == (2, 1, 0, 4)
    got = {a.code: a for a in articles.page(ArticleQuery(), "code", False, PageRequest(0, 50, 50))}
    assert set(got) == {"FORM-1", "LOG2", "NEW"}
    assert (got["FORM-1"].name, got["FORM-1"].category, got["FORM-1"].unit_price, got["FORM-1"].vat_rate) == (
        "Formation Excel",
        "formation",
        Decimal("1234.56"),
        Decimal("20.00"),
    )
    assert (got["LOG2"].vat_rate, got["LOG2"].active) == (Decimal("5.50"), False)
    assert (got["NEW"].name, got["NEW"].unit_price) == ("Ancien", Decimal("10.00"))
    # Again: nothing changes.
    again = importer.dry_run(path, opts)
    assert (again.created, again.updated, again.skipped) == (0, 0, 3)

    undone = importer.undo(result.batch_id)  # type: ignore[arg-type]
    assert (undone.records_removed, undone.records_restored) == (2, 1)
    got = {a.code: a for a in articles.page(ArticleQuery(), "code", False, PageRequest(0, 50, 50))}
    assert set(got) == {"NEW"}
    assert got["NEW"].unit_price == Decimal("5.00") and got["NEW"].id == old.id
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1


def test_external_id_is_stored_apart_matched_and_exported(db: Database, tmp_path: Path) -> None:
    text = "Prénom;Nom;Courriel;Identifiant;SIRET\nZoé;Lefèvre;zoe@example.fr;C-1;\nJean;Dupont;;c 2;123\n"
    path = tmp_path / "ext.csv"
    path.write_text(text, encoding="utf-8")
    importer = ImportService(db)
    opts = ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers), match="external_id")
    first = importer.run(path, opts)
    assert first.created == 2
    with db.session() as s:
        stored = sorted(s.execute(select(PartyExternalId.source, PartyExternalId.value, PartyExternalId.value_key)))
        regs = sorted(r or "" for r in s.scalars(select(Party.registration_number)))
    assert stored == [("import", "C-1", "c-1"), ("import", "c 2", "c2")]
    assert regs == ["", "123"]
    # Matched again on the id (case and spaces ignored), whatever the e-mail says.
    second = tmp_path / "ext2.csv"
    second.write_text("Nom;Prénom;Courriel;Identifiant\nLefèvre;Zoé;nouvelle@example.fr;c-1\n", encoding="utf-8")
    again = importer.run(
        second, ImportOptions(mapping=suggest_mapping(SourceFile(second).info().headers), match="external_id")
    )
    assert (again.created, again.updated) == (0, 1), [(o.action, o.issues) for o in again.outcomes]
    # Another source does not match.
    other = importer.dry_run(
        second,
        ImportOptions(
            mapping=suggest_mapping(SourceFile(second).info().headers), match="external_id", external_source="galette"
        ),
    )
    assert other.created == 1
    out = tmp_path / "out.csv"
    ExportService(db).export_contacts(out, "csv")
    exported = list(SourceFile(out).rows())
    headers = SourceFile(out).info().headers
    column = headers.index("External id")
    assert sorted(r.values[column] for r in exported) == ["C-1", "c 2"]
    # The export imports back onto the same people.
    back = importer.dry_run(out, ImportOptions(mapping=suggest_mapping(headers), match="external_id"))
    assert (back.created, back.errors) == (0, 0)


def test_updates_in_one_chunk_share_a_new_tag_and_are_undone(db: Database, tmp_path: Path) -> None:
    contacts = ContactService(db)
    for first, email in (("Zoé", "zoe@example.fr"), ("Jean", "jean@example.fr")):
        contacts.create(PartyDraft(kind="person", first_name=first, last_name="Durand", emails=(EmailEntry(email),)))
    path = tmp_path / "tags.csv"
    path.write_text("Courriel;Étiquettes;Ville\nzoe@example.fr;Nouveau;Lyon\njean@example.fr;Nouveau;Lyon\n", "utf-8")
    importer = ImportService(db)
    result = importer.run(path, ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers)))
    assert (result.updated, result.errors) == (2, 0)
    assert [t.name for t in contacts.tags()] == ["Nouveau"]
    rows = contacts.page(PartyQuery(), "name", False, PageRequest(0, 10, 10))
    assert all(contacts.get(r.id).draft.tags == ("Nouveau",) for r in rows)
    undone = importer.undo(result.batch_id)  # type: ignore[arg-type]
    assert (undone.restored, undone.refused) == (2, ())
    assert all(contacts.get(r.id).draft.tags == () for r in rows)


def test_external_id_added_to_a_matched_contact_is_removed_by_undo(db: Database, tmp_path: Path) -> None:
    contacts = ContactService(db)
    contacts.create(
        PartyDraft(kind="person", first_name="Zoé", last_name="Lefèvre", emails=(EmailEntry("zoe@example.fr"),))
    )
    path = tmp_path / "ids.csv"
    path.write_text("Courriel;Identifiant;Ville\nzoe@example.fr;Z-9;Lyon\n", encoding="utf-8")
    importer = ImportService(db)
    result = importer.run(path, ImportOptions(mapping=suggest_mapping(SourceFile(path).info().headers)))
    assert result.updated == 1
    with db.session() as s:
        assert list(s.scalars(select(PartyExternalId.value))) == ["Z-9"]
    importer.undo(result.batch_id)  # type: ignore[arg-type]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyExternalId)) == 0


def test_an_excel_percentage_is_read_as_the_rate_the_sheet_shows(db: Database, tmp_path: Path) -> None:
    # Excel stores "20 %" as 0.2 with a percentage format: the rate is 20, not 0.2 (a plain
    # number stays what it is, and a "%" quoted as text in the format is not a percentage).
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Code", "Libellé", "Prix unitaire HT", "TVA"])
    for code, rate, number_format in (
        ("PCT", 0.2, "0%"),
        ("PCT2", 0.055, "0.0%"),
        ("PLAIN", 10, "General"),
        ("QUOTED", 7, '0" %"'),
    ):
        sheet.append([code, f"Article {code}", 12.5, rate])
        sheet.cell(row=sheet.max_row, column=4).number_format = number_format
    path = tmp_path / "tarifs.xlsx"
    workbook.save(path)
    result = ImportService(db).run(path, options(path, "articles"))
    invariant(result, path)
    assert (result.created, result.errors) == (4, 0)
    got = {a.code: a.vat_rate for a in ArticleService(db).page(ArticleQuery(), "code", False, PageRequest(0, 50, 50))}
    assert got == {
        "PCT": Decimal("20.00"),
        "PCT2": Decimal("5.50"),
        "PLAIN": Decimal("10.00"),
        "QUOTED": Decimal("7.00"),
    }


@pytest.mark.parametrize("target", ["members", "articles"])
def test_a_cancel_while_the_rows_are_written_leaves_nothing(
    db: Database, membership: MembershipService, tmp_path: Path, target: str
) -> None:
    """Members and articles files are written in one transaction: a cancel between two rows of
    the write rolls it back whole, and the batch says it was cancelled."""
    from ekocrm_desktop.services.importing_records import WRITE_STEP

    if target == "members":
        lines = [MEMBERS.splitlines()[0]] + [
            f"Prénom{i};Nom{i};p{i}@example.fr;Membre actif;01/01/2026;;30,00;10/01/2026;virement;" for i in range(250)
        ]
    else:
        lines = [ARTICLES.splitlines()[0]] + [f"A{i};Article {i};Formation;10;20;oui" for i in range(250)]
    path = write(tmp_path, "\r\n".join(lines) + "\r\n", f"{target}.csv")
    written: list[tuple[int, int]] = []

    def progress(done: int, total: int, step: str) -> None:
        if step == WRITE_STEP:
            written.append((done, total))

    result = ImportService(db).run(
        path, options(path, target), progress=progress, cancelled=lambda: any(done >= 100 for done, _t in written)
    )
    assert written[0] == (0, 250) and written[-1] == (100, 250)
    assert result.cancelled and (result.created, result.updated) == (0, 0)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0
        assert s.scalar(select(func.count()).select_from(Subscription)) == 0
        assert s.scalar(select(func.count()).select_from(Article)) == 0
    assert [b.status for b in ImportService(db).batches()] == ["cancelled"]


def _undo_statements(db: Database, tmp_path: Path, members: int) -> int:
    from ekocrm_desktop.services import importing_records

    lines = [MEMBERS.splitlines()[0]] + [
        f"Prénom{i};Nom{i};m{members}-{i}@example.fr;Membre actif;01/01/2026;;30,00;10/01/2026;virement;"
        for i in range(members)
    ]
    path = write(tmp_path, "\r\n".join(lines) + "\r\n", f"members-{members}.csv")
    result = ImportService(db).run(path, options(path, "members"))
    assert result.created == members and result.batch_id is not None
    with counting.statements(db) as statements, db.write_session() as session:
        undone = importing_records.undo_records(session, result.batch_id)
        session.rollback()
    assert undone.removed == members and not undone.refused
    return len(statements)


def test_the_records_of_a_big_members_import_are_undone_in_as_many_statements_as_a_small_ones(
    db: Database, membership: MembershipService, tmp_path: Path
) -> None:
    """Each subscription was read and deleted on its own, through an ORM delete that looked
    through every object of the session: 5,000 members took 14 s, and the time grew with the
    square of their number. Now they go a slice at a time."""
    few = _undo_statements(db, tmp_path, 3)
    many = _undo_statements(db, tmp_path, 30)
    assert many <= few + 2, (few, many)


def _import_flushes(db: Database, tmp_path: Path, members: int) -> int:
    lines = [MEMBERS.splitlines()[0]] + [
        f"Prénom{i};Nom{i};f{members}-{i}@example.fr;Membre actif;01/01/2026;;30,00;10/01/2026;virement;"
        for i in range(members)
    ]
    path = write(tmp_path, "\r\n".join(lines) + "\r\n", f"flushes-{members}.csv")
    with counting.flushes() as flushes:
        result = ImportService(db).run(path, options(path, "members"))
    assert result.created == members
    return len(flushes)


def test_a_members_import_flushes_as_often_for_thirty_members_as_for_three(
    db: Database, membership: MembershipService, tmp_path: Path
) -> None:
    """Each member was flushed three or four times on its own (22.9 s for 5,000 members)."""
    few = _import_flushes(db, tmp_path, 3)
    many = _import_flushes(db, tmp_path, 30)
    assert many <= few + 2, (few, many)
    with db.session() as session:
        numbers = sorted(session.scalars(select(Subscription.receipt_seq).where(Subscription.receipt_year == 2026)))
    assert numbers == list(range(1, 34))  # one receipt each, in order, no gap


def test_a_cancel_once_the_members_are_written_before_their_subscriptions_leaves_nothing(
    db: Database, membership: MembershipService, tmp_path: Path
) -> None:
    from ekocrm_desktop.services.importing_records import WRITE_STEP

    lines = [MEMBERS.splitlines()[0]] + [
        f"Prénom{i};Nom{i};c{i}@example.fr;Membre actif;01/01/2026;;30,00;10/01/2026;virement;" for i in range(250)
    ]
    path = write(tmp_path, "\r\n".join(lines) + "\r\n", "members.csv")
    written: list[int] = []

    def progress(done: int, _total: int, step: str) -> None:
        if step == WRITE_STEP:
            written.append(done)

    # The last report of the members' rows is 200 of 250: the cancel comes with the subscriptions.
    result = ImportService(db).run(path, options(path, "members"), progress=progress, cancelled=lambda: 200 in written)
    assert written[-1] == 200 and result.cancelled and (result.created, result.updated) == (0, 0)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 0
        assert s.scalar(select(func.count()).select_from(Subscription)) == 0


def test_members_with_their_external_ids_are_matched_on_them_next_time_and_undone(
    db: Database, membership: MembershipService, tmp_path: Path
) -> None:
    text = (
        "Prénom;Nom;Courriel;Identifiant;Type d'adhésion;Début;Montant;Payé le;Mode de paiement\r\n"
        "Zoé;Lefèvre;zoe@example.fr;A-001;Membre actif;01/01/2026;30,00;10/01/2026;chèque\r\n"
        "Jean;Dupont;jean@example.fr;A-002;Membre actif;01/01/2026;30,00;10/01/2026;chèque\r\n"
        "Jeanne;Dupond;jeanne@example.fr;a -002;Membre actif;01/01/2026;30,00;10/01/2026;chèque\r\n"
    )
    path = write(tmp_path, text, "adherents-ids.csv")
    importer = ImportService(db)
    first = importer.run(path, options(path, "members"))
    assert first.created == 3 and first.batch_id is not None
    with db.session() as s:
        stored = sorted(s.execute(select(PartyExternalId.value_key, Party.last_name).join(Party)))
    # The third row's id is the second's (case and spaces do not count): the first one given keeps it.
    assert stored == [("a-001", "Lefèvre"), ("a-002", "Dupont")]
    # A later file finds them by their ids, whatever the e-mail says.
    later = write(
        tmp_path,
        "Prénom;Nom;Courriel;Identifiant;Type d'adhésion;Début;Montant;Payé le;Mode de paiement\r\n"
        "Zoé;Lefèvre;zoe.nouvelle@example.fr;A-001;Membre actif;01/06/2026;30,00;01/06/2026;chèque\r\n",
        "adherents-juin.csv",
    )
    again = importer.run(later, options(later, "members", match="external_id"))
    assert (again.created, again.updated) == (0, 1), [(o.action, o.issues) for o in again.outcomes]
    importer.undo(again.batch_id)  # type: ignore[arg-type]
    importer.undo(first.batch_id)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PartyExternalId)) == 0
        assert s.scalar(select(func.count()).select_from(Subscription)) == 0
