"""The contacts service on real SQLite and PostgreSQL: the same tests on both engines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Changes, Database, ReadOnlyDatabaseError
from ekocrm_desktop.models import Party, PartyEmail, Tag
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PartyQuery,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest


def person(first: str, last: str, **kw: object) -> PartyDraft:
    return PartyDraft(kind="person", first_name=first, last_name=last, **kw)  # type: ignore[arg-type]


def org(name: str, **kw: object) -> PartyDraft:
    return PartyDraft(kind="organisation", name=name, **kw)  # type: ignore[arg-type]


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


def all_ids(contacts: ContactService, query: PartyQuery, sort: str = "name", descending: bool = False) -> list:
    total = contacts.count(query)
    return [r.id for r in contacts.page(query, sort, descending, PageRequest(0, total or 1, total))]


def test_create_and_read_back_a_person_with_everything(contacts: ContactService) -> None:
    company = contacts.create(org("Atelier Dupré SARL", addresses=(AddressEntry(postcode="69002", city="Lyon"),)))
    created = contacts.create(
        person(
            "Hélène",
            "Lefèvre-Ørsted",
            civility="Mme",
            job_title="Trésorière",
            birth_date=dt.date(1971, 3, 14),
            emails=(EmailEntry("Helene.Lefevre@Example.FR"), EmailEntry("h.l@orange.fr", "home")),
            phones=(PhoneEntry("06 12 34 56 78"), PhoneEntry("04 72 10 20 30", "work")),
            addresses=(AddressEntry("3 rue Mercière", "", "69 002", "Lyon"),),
            tags=("VIP", "Bénévole", "vip"),
            roles=(RoleEntry("member", dt.date(2020, 1, 1), category="bienfaiteur"),),
            affiliations=(AffiliationEntry(company.id, "Trésorière"),),
            notes="Préfère être appelée\nle matin.",
        )
    )
    read = contacts.get(created.id)
    assert read == created
    d = read.draft
    assert read.display_name == "Hélène Lefèvre-Ørsted"
    assert [e.address for e in d.emails] == ["Helene.Lefevre@example.fr", "h.l@orange.fr"]
    assert [p.number for p in d.phones] == ["+33612345678", "+33472102030"]
    assert d.addresses[0].postcode == "69002"
    assert d.tags == ("Bénévole", "VIP")  # deduplicated case-insensitively, sorted
    assert d.affiliations[0].organisation_name == "Atelier Dupré SARL"
    assert d.notes == "Préfère être appelée\nle matin."
    assert read.version == 1
    assert read.created_by == "tester" and read.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("helene", {"Hélène Lefèvre"}),
        ("HÉLÈNE lef", {"Hélène Lefèvre"}),
        ("dupré", {"Hélène Lefèvre", "Atelier Dupré"}),  # the organisation matches its people
        ("0612", {"Hélène Lefèvre"}),
        ("06 12 34", {"Hélène Lefèvre"}),
        ("+33612345678", {"Hélène Lefèvre"}),
        ("orange", {"Hélène Lefèvre"}),
        ("saint etienne", {"Zoé Garçon"}),
        ("42000", {"Zoé Garçon"}),
        ("garcon", {"Zoé Garçon"}),
        ("oeuvre", {"Œuvre de Fourvière"}),
        ("xyzzy", set()),
        ("'; DROP TABLE party; --", set()),
        ('"*', {"Hélène Lefèvre", "Atelier Dupré", "Zoé Garçon", "Œuvre de Fourvière"}),
    ],
)
def test_search_ignores_case_and_accents(contacts: ContactService, text: str, expected: set[str]) -> None:
    company = contacts.create(org("Atelier Dupré"))
    contacts.create(
        person(
            "Hélène",
            "Lefèvre",
            emails=(EmailEntry("helene@orange.fr"),),
            phones=(PhoneEntry("0612345678"),),
            affiliations=(AffiliationEntry(company.id),),
        )
    )
    contacts.create(person("Zoé", "Garçon", addresses=(AddressEntry(postcode="42000", city="Saint-Étienne"),)))
    contacts.create(org("Œuvre de Fourvière"))
    query = PartyQuery(text=text)
    rows = contacts.page(query, "name", False, PageRequest(0, 50, 50))
    assert {r.display_name for r in rows} == expected
    assert contacts.count(query) == len(expected)


@pytest.mark.parametrize(
    ("text", "found"), [("12e4x", True), ("12E4", True), ("12e", True), ("x", False), ("4x", False)]
)
def test_a_word_that_starts_like_a_number_is_one_word_on_both_engines(
    contacts: ContactService, text: str, found: bool
) -> None:
    # PostgreSQL's text-search parser read "12e4x" as the number "12e4" and the word "x": "x"
    # found the studio there and not on SQLite, whose index keeps search_doc's words (0026).
    contacts.create(org("Studio 12E4X"))
    contacts.create(org("Atelier Dupré"))
    query = PartyQuery(text=text)
    expected = {"Studio 12E4X"} if found else set()
    assert {r.display_name for r in contacts.page(query, "name", False, PageRequest(0, 50, 50))} == expected
    assert contacts.count(query) == len(expected)


def test_filters_by_kind_role_tag_and_city(contacts: ContactService) -> None:
    today = dt.date.today()
    contacts.create(person("Ana", "Client", roles=(RoleEntry("client", today),), tags=("VIP",)))
    contacts.create(
        person(
            "Bob",
            "Ancien",
            roles=(RoleEntry("member", dt.date(2010, 1, 1), dt.date(2015, 1, 1)),),
            addresses=(AddressEntry(city="Écully", postcode="69130"),),
        )
    )
    contacts.create(org("Prospect SA", roles=(RoleEntry("prospect", today),), addresses=(AddressEntry(city="Lyon"),)))
    assert contacts.count(PartyQuery(kind="organisation")) == 1
    assert contacts.count(PartyQuery(kind="person")) == 2
    assert contacts.count(PartyQuery(role="client")) == 1
    assert contacts.count(PartyQuery(role="member")) == 0  # the membership ended
    assert contacts.count(PartyQuery(tag="vip")) == 1
    assert contacts.count(PartyQuery(city="ecully")) == 1
    assert contacts.count(PartyQuery(city="LYON", role="prospect")) == 1
    assert contacts.cities("e") == ["Écully"]
    assert contacts.tag_names() == ["VIP"]
    row = contacts.page(PartyQuery(role="client"), "name", False, PageRequest(0, 10, 1))[0]
    assert row.roles == ("client",) and row.tags == ("VIP",)
    # Several current roles come in the roles' own order, several tags alphabetically (any case).
    contacts.create(
        person(
            "Cléa",
            "Multiple",
            roles=(RoleEntry("partner", today), RoleEntry("prospect", today), RoleEntry("member", today)),
            tags=("zèbre", "Alpha", "bénévole"),
        )
    )
    row = contacts.page(PartyQuery(text="multiple"), "name", False, PageRequest(0, 10, 1))[0]
    assert row.roles == ("prospect", "member", "partner")
    assert row.tags == ("Alpha", "bénévole", "zèbre")


def test_sorting_by_every_column_and_both_directions(contacts: ContactService) -> None:
    names = ["Émile Zola", "Agnès Varda", "Éric Rohmer", "Zoé Valdés", "Jean Renoir"]
    cities = ["Lyon", "Paris", "Écully", "Bron", "Annecy"]
    for i, (name, city) in enumerate(zip(names, cities, strict=True)):
        first, last = name.split()
        contacts.create(
            person(
                first,
                last,
                emails=(EmailEntry(f"{first.lower()}{i}@ex.fr"),),
                addresses=(AddressEntry(city=city, postcode=f"6900{i}"),),
            )
        )
    query = PartyQuery()
    by_name = contacts.page(query, "name", False, PageRequest(0, 10, 5))
    assert [r.display_name for r in by_name] == [
        "Jean Renoir",
        "Éric Rohmer",
        "Zoé Valdés",
        "Agnès Varda",
        "Émile Zola",
    ]
    by_city_desc = contacts.page(query, "city", True, PageRequest(0, 10, 5))
    assert [r.city for r in by_city_desc] == ["Paris", "Lyon", "Écully", "Bron", "Annecy"]
    for key in ("kind", "organisation", "email", "phone", "postcode", "updated"):
        ascending = all_ids(contacts, query, key)
        assert all_ids(contacts, query, key, True) == list(reversed(ascending))


def test_keyset_offset_and_from_the_end_windows_agree(contacts: ContactService, db: Database) -> None:
    rng = random.Random(7)
    drafts = [person(rng.choice(["Léa", "Jean", "Zoé"]), rng.choice(["Dupont", "Martin", "Émery"])) for _ in range(230)]
    contacts.create_many(drafts)
    query = PartyQuery()
    total = contacts.count(query)
    assert total == 230
    for sort, descending in (("name", False), ("name", True), ("updated", False)):
        reference = [r.id for r in contacts.page(query, sort, descending, PageRequest(0, total, total))]
        size = 40
        by_offset, by_keyset = [], []
        previous = None
        for offset in range(0, total, size):
            window = contacts.page(query, sort, descending, PageRequest(offset, size, total))
            by_offset += [r.id for r in window]
            keyset = contacts.page(
                query,
                sort,
                descending,
                PageRequest(offset, size, total, after=previous[-1].sort_key if previous else None),
            )
            by_keyset += [r.id for r in keyset]
            previous = keyset
        assert by_offset == reference
        assert by_keyset == reference
        # Reading backwards with `before` gives the same windows.
        last_window = contacts.page(query, sort, descending, PageRequest(total - size, size, total))
        before = contacts.page(
            query, sort, descending, PageRequest(total - 2 * size, size, total, before=last_window[0].sort_key)
        )
        assert [r.id for r in before] == reference[total - 2 * size : total - size]


def test_update_with_optimistic_locking_refuses_a_stale_save_and_loses_nothing(contacts: ContactService) -> None:
    created = contacts.create(person("Jean", "Dupont", phones=(PhoneEntry("0612345678"),)))
    first_window = contacts.get(created.id)
    second_window = contacts.get(created.id)

    saved = contacts.update(
        first_window.id, first_window.version, dataclasses.replace(first_window.draft, job_title="Gérant")
    )
    assert saved.version == first_window.version + 1

    with pytest.raises(ConflictError) as conflict:
        contacts.update(
            second_window.id,
            second_window.version,
            dataclasses.replace(second_window.draft, phones=(PhoneEntry("0781223355"),)),
        )
    assert conflict.value.current.draft.job_title == "Gérant"
    assert conflict.value.current.version == saved.version
    after = contacts.get(created.id)
    assert after.draft.job_title == "Gérant"
    assert after.draft.phones[0].number == "+33612345678"

    # The second user merges on top of the current version: both changes survive.
    merged = dataclasses.replace(conflict.value.current.draft, phones=(PhoneEntry("0781223344"),))
    final = contacts.update(created.id, conflict.value.current.version, merged)
    assert final.draft.job_title == "Gérant"
    assert final.draft.phones[0].number == "+33781223344"


def test_changing_only_a_child_row_moves_the_version(contacts: ContactService) -> None:
    created = contacts.create(person("Jean", "Dupont", emails=(EmailEntry("j@ex.fr"),)))
    updated = contacts.update(
        created.id, created.version, dataclasses.replace(created.draft, emails=(EmailEntry("k@ex.fr"),))
    )
    assert updated.version == created.version + 1
    with pytest.raises(ConflictError):
        contacts.update(created.id, created.version, created.draft)


def test_validation_errors_say_which_field_and_write_nothing(contacts: ContactService, db: Database) -> None:
    draft = person(
        "",
        "",
        emails=(EmailEntry("ok@ex.fr"), EmailEntry("pas-une-adresse")),
        phones=(PhoneEntry("12"),),
        addresses=(AddressEntry(postcode="6900", city="Lyon"),),
        roles=(RoleEntry("client", dt.date(2025, 1, 1), dt.date(2024, 1, 1)),),
    )
    with pytest.raises(ValidationFailedError) as info:
        contacts.create(draft)
    fields = {(e.field, e.code) for e in info.value.errors}
    assert fields == {
        ("last_name", "required"),
        ("emails.1", "email_invalid"),
        ("phones.0", "phone_invalid"),
        ("addresses.0.postcode", "postcode_invalid"),
        ("roles.0", "role_dates"),
    }
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Party)) == 0
    with pytest.raises(ValidationFailedError):
        contacts.create(org("   "))


def test_an_affiliation_to_a_missing_organisation_is_refused(contacts: ContactService) -> None:
    with pytest.raises(ValidationFailedError) as info:
        contacts.create(person("A", "B", affiliations=(AffiliationEntry(uuid.uuid4()),)))
    assert info.value.errors[0].code == "organisation_missing"
    assert contacts.count(PartyQuery()) == 0


def test_renaming_an_organisation_updates_its_people_without_moving_their_version(contacts: ContactService) -> None:
    company = contacts.create(org("Ancien Nom"))
    member = contacts.create(person("Léa", "Martin", affiliations=(AffiliationEntry(company.id, "Directrice"),)))
    contacts.update(company.id, company.version, dataclasses.replace(company.draft, name="Nouveau Nom"))
    assert contacts.count(PartyQuery(text="nouveau")) == 2
    assert contacts.count(PartyQuery(text="ancien")) == 0
    row = contacts.page(PartyQuery(kind="person"), "name", False, PageRequest(0, 5, 1))[0]
    assert row.organisation_name == "Nouveau Nom"
    again = contacts.get(member.id)
    assert again.version == member.version
    assert again.draft.affiliations[0].organisation_name == "Nouveau Nom"


def test_trash_restore_and_purge_take_any_number_of_contacts_in_slices(
    contacts: ContactService, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A selection of any size: no statement names more than IN_LIST_SIZE contacts (PostgreSQL
    refuses 65,536 parameters), and the counts add up over the slices."""
    from ekocrm_desktop.services import paging
    from tests.integration.test_importing import _most_parameters

    ids = [contacts.create(person(f"P{i}", f"Nom{i}")).id for i in range(9)]
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 3)
    counts, stop = _most_parameters(db)
    try:
        assert contacts.delete(ids) == 9
        assert contacts.delete(ids) == 0
        assert contacts.restore(ids[:5]) == 5
        assert contacts.delete(ids) == 5
        assert contacts.purge(ids) == 9
    finally:
        stop()  # type: ignore[operator]
    # A slice's 3 ids with the values a statement sets (the deletion date, the stamp, the author,
    # the version's step); the whole selection would have been 9 or more.
    assert counts and max(counts) <= 7
    assert contacts.count(PartyQuery()) == 0 and contacts.count(PartyQuery(trash=True)) == 0


def test_trash_restore_and_purge(contacts: ContactService, db: Database) -> None:
    a = contacts.create(person("Anne", "Trash", emails=(EmailEntry("anne@ex.fr"),), tags=("X",)))
    b = contacts.create(person("Bruno", "Keep"))
    assert contacts.delete([a.id]) == 1
    assert contacts.delete([a.id]) == 0
    assert all_ids(contacts, PartyQuery()) == [b.id]
    assert all_ids(contacts, PartyQuery(trash=True)) == [a.id]
    assert contacts.count(PartyQuery(text="anne")) == 0
    assert contacts.count(PartyQuery(text="anne", kind="person")) == 0
    assert contacts.get(a.id).deleted_at is not None
    # The trash has its own search, on the same accent-free words.
    assert [
        r.display_name
        for r in contacts.page(PartyQuery(text="ANNE tra", trash=True), "name", False, PageRequest(0, 5, 1))
    ] == ["Anne Trash"]
    assert contacts.count(PartyQuery(text="anne tra", trash=True)) == 1
    assert contacts.count(PartyQuery(text="bruno", trash=True)) == 0

    assert contacts.restore([a.id]) == 1
    assert contacts.count(PartyQuery(text="anne")) == 1
    restored = contacts.get(a.id)
    assert restored.deleted_at is None and restored.draft.emails[0].address == "anne@ex.fr"

    assert contacts.purge([a.id]) == 0  # not in the trash: left alone
    contacts.delete([a.id])
    assert contacts.purge([a.id]) == 1
    with pytest.raises(NotFoundError):
        contacts.get(a.id)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(PartyEmail)) == 0
        assert session.scalar(select(func.count()).select_from(Tag)) == 1  # the tag itself stays


def test_writes_announce_changes(contacts: ContactService, db: Database) -> None:
    seen: list[Changes] = []
    db.add_listener(seen.append)
    created = contacts.create(person("A", "B", tags=("T",)))
    contacts.delete([created.id])
    assert seen[0].touches("party") and seen[0].touches("tag") and created.id in seen[0].ids
    assert seen[1] == Changes.of("party", [created.id])


def test_find_organisations_for_pickers(contacts: ContactService) -> None:
    contacts.create(org("Mairie de Écully", addresses=(AddressEntry(city="Écully"),)))
    contacts.create(org("Mairie de Lyon"))
    contacts.create(person("Mairie", "Personne"))
    found = contacts.find_organisations("mairie ec")
    assert [(c.name, c.city) for c in found] == [("Mairie de Écully", "Écully")]
    assert len(contacts.find_organisations("")) == 2


def test_a_read_only_database_refuses_writes(db: Database) -> None:
    db.read_only = True
    with pytest.raises(ReadOnlyDatabaseError):
        ContactService(db).create(person("A", "B"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=30))
def test_any_typed_text_is_searched_safely(contacts: ContactService, text: str) -> None:
    # Injection fuzz (reliability anchors I1): no SQL error, whatever is typed.
    contacts.count(PartyQuery(text=text, city=text))
    contacts.page(PartyQuery(text=text), "name", False, PageRequest(0, 5, 5))


def test_a_page_by_name_is_read_from_indexes_alone_on_sqlite(sqlite_path) -> None:  # type: ignore[no-untyped-def]
    """Scrolling by name must not read one table page per row (issue 2, next page ≤ 5 ms): the
    name index carries what a row shows and the roles come from a covering index. Adding a
    column to the list without adding it to that index (migration 0022) makes this fail.

    Contacts typed in one by one never go through the bulk loader's ANALYZE: closing the
    workspace gives the planner its statistics (PRAGMA optimize), without which it reads the
    deleted_at index and sorts every live row for each page."""
    from sqlalchemy import event

    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    database = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    contacts = ContactService(database)
    first = contacts.create(person("Zoé", "Lefèvre", roles=(RoleEntry("client", dt.date(2025, 1, 1)),)))
    contacts.create(person("Hélène", "Martin", tags=("Salon",)))
    contacts.page(PartyQuery(), "name", False, PageRequest(0, 200, 2))
    database.dispose()

    database = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    try:
        contacts = ContactService(database)
        seen: list[tuple[str, object]] = []

        def remember(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
            if statement.lstrip().startswith("SELECT party.id"):
                seen.append((statement, parameters))

        event.listen(database.engine, "before_cursor_execute", remember)
        rows = contacts.page(PartyQuery(), "name", False, PageRequest(0, 200, 2, after=("a", uuid.UUID(int=0))))
        event.remove(database.engine, "before_cursor_execute", remember)
        by_name = {r.display_name: r for r in rows}
        assert by_name["Zoé Lefèvre"].id == first.id and by_name["Zoé Lefèvre"].roles == ("client",)
        assert by_name["Hélène Martin"].tags == ("Salon",) and by_name["Hélène Martin"].roles == ()
        [(statement, parameters)] = seen
        with database.engine.connect() as conn:
            plan = [r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
        assert any("COVERING INDEX ix_party_live_list" in step for step in plan), plan
        assert any("COVERING INDEX ix_party_role_party_id_since_until_role" in step for step in plan), plan
        # Neither the party table itself nor a sort: the tiny tag tables may be scanned.
        table_reads = [step for step in plan if step.split(" ")[:2] == ["SCAN", "party"] or "party USING INDEX" in step]
        assert not table_reads and not any(step.startswith("USE TEMP") for step in plan), plan
    finally:
        database.dispose()


def test_a_dense_search_walking_the_name_index_finds_what_the_index_finds_on_sqlite(sqlite_path) -> None:  # type: ignore[no-untyped-def]
    """A prefix with many matches is paged by walking the name index and testing each row's
    words (issue 2's sorted search): the rows and their order must be those of the FTS path,
    for names, accents, e-mails, phone digits, cities and several words at once."""
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.search import SqliteFtsSearch

    database = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    try:
        contacts = ContactService(database)
        rng = random.Random(2)
        firsts = ["Hélène", "Loïc", "Anaïs", "Marc", "Maëlle", "Frédéric", "Amélie"]
        lasts = ["Lefèvre", "Martin", "Dupré", "Marchand", "Frère", "Amar"]
        cities = ["Lyon", "Lyon-Vaise", "Paris", "Fréjus"]
        for i in range(60):
            first, last = rng.choice(firsts), rng.choice(lasts)
            contacts.create(
                person(
                    first,
                    last,
                    emails=(EmailEntry(f"{first[:2].lower()}{i}@exemple.fr"),),
                    phones=(PhoneEntry(f"06 12 34 {i:02d} {i % 7:02d}"),),
                    addresses=(AddressEntry(city=rng.choice(cities), postcode="69001"),),
                )
            )
        contacts.delete([contacts.page(PartyQuery(text="martin"), "name", False, PageRequest(0, 1, 0))[0].id])
        backend = contacts._search
        assert isinstance(backend, SqliteFtsSearch)
        queries = ["ma", "hel", "LEFEVRE", "fre", "lyon", "lyon vaise", "exemple fr", "0612", "am", "ma dup", "zz"]
        first_page = PageRequest(0, 50, 0)
        found = {q: [r.id for r in contacts.page(PartyQuery(text=q), "name", False, first_page)] for q in queries}
        backend.dense_matches = 0
        backend._counts.clear()
        with database.session() as session:
            assert backend.prefers_walk(session, "ma") and not backend.prefers_walk(session, "zz")
        for q in queries:
            walked = [r.id for r in contacts.page(PartyQuery(text=q), "name", False, PageRequest(0, 50, 0))]
            assert walked == found[q], q
            for descending in (False, True):
                by_city = contacts.page(PartyQuery(text=q), "city", descending, PageRequest(0, 50, 0))
                backend.dense_matches = 10**9
                backend._counts.clear()
                indexed = contacts.page(PartyQuery(text=q), "city", descending, PageRequest(0, 50, 0))
                backend.dense_matches = 0
                backend._counts.clear()
                assert [r.id for r in by_city] == [r.id for r in indexed], (q, descending)
        assert found["ma"] and found["lyon vaise"] and found["0612"] and not found["zz"]
    finally:
        database.dispose()


def test_the_name_index_answers_a_search_walk_alone_on_postgresql(pg_db: Database) -> None:
    """On PostgreSQL the name index INCLUDEs what a list row shows and the stored tsvector: a
    search sorted by name that walks it tests each row's words without reading the table
    (issue 2: "lefebv" tested 21,000 rows through the heap in 100 ms, 10 ms from the index)."""
    from ekocrm_desktop.services.paging import WindowQueries

    contacts = ContactService(pg_db)
    contacts.create(person("Hélène", "Lefèvre", tags=("Salon",), roles=(RoleEntry("client", dt.date(2025, 1, 1)),)))
    windows = contacts._page_windows(PartyQuery(text="lef"), "name", dt.date(2026, 12, 6), False)
    assert isinstance(windows, WindowQueries)
    statement = windows._built_for(False, "offset", False).params(window_offset=0, window_limit=50)
    sql = str(statement.compile(pg_db.engine, compile_kwargs={"literal_binds": True}))
    with pg_db.engine.connect() as conn:
        # A five-row table is read whole by preference: ask for the plan a million rows get.
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            conn.exec_driver_sql(f"SET LOCAL {setting} = off")
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql.replace("%", "%%")))
    assert "Index Only Scan using ix_party_live_list on party" in plan, plan
    # Tags and roles come from the row's trigger-kept summaries, in the index (migration 0025).
    assert "search_tsv @@" in plan and "SubPlan" not in plan and "party_tag" not in plan, plan
    (row,) = contacts.page(PartyQuery(text="lef"), "name", False, PageRequest(0, 50, 1))
    assert (row.tags, row.roles) == (("Salon",), ("client",))
