"""Duplicate warnings and the duplicates finder on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
)
from ekocrm_desktop.services.duplicates import (
    REASON_EMAIL,
    REASON_NAME,
    REASON_NAME_CITY,
    REASON_NAME_ORGANISATION,
    REASON_PHONE,
    REASON_SIMILAR_NAME_ORGANISATION,
    DuplicateService,
    ScanCancelledError,
    close_person_names,
    pair_key,
)


def person(first: str, last: str, **kw: Any) -> PartyDraft:
    return PartyDraft(kind="person", first_name=first, last_name=last, **kw)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def finder(db: Database) -> DuplicateService:
    return DuplicateService(db)


def test_close_names() -> None:
    assert close_person_names("Hélène", "Lefèvre", "helene", "LEFEVRE")
    assert close_person_names("J.", "Dupont", "Jean", "Dupont")
    assert close_person_names("Marie", "Dupont", "Marie-Claire", "Dupont")
    assert close_person_names("Hélène", "Lefebvre", "Helene", "Lefevre")
    assert not close_person_names("Jean", "Dupont", "Paul", "Dupont")
    assert not close_person_names("Jean", "Dupont", "Jean", "Durand")


def test_warning_finds_same_email_phone_and_names(contacts: ContactService, finder: DuplicateService) -> None:
    org = contacts.create(PartyDraft(kind="organisation", name="Atelier Dupré"))
    helene = contacts.create(
        person(
            "Hélène",
            "Lefèvre",
            emails=(EmailEntry("Helene.Lefevre@Example.fr"), EmailEntry("hl@orange.fr")),
            phones=(PhoneEntry("06 12 34 56 78"),),
            affiliations=(AffiliationEntry(org.id),),
        )
    )
    contacts.create(person("Paul", "Martin", emails=(EmailEntry("paul@martin.fr"),)))

    # Same e-mail, whatever the case; primary or not.
    found = finder.matches(person("", "X", emails=(EmailEntry("HELENE.LEFEVRE@example.FR"),)))
    assert [m.party_id for m in found] == [helene.id] and found[0].reasons == (REASON_EMAIL,)
    assert finder.matches(person("", "X", emails=(EmailEntry("hl@orange.fr"),)))[0].party_id == helene.id
    # Same phone, typed any way.
    for typed in ("+33 6 12 34 56 78", "0612345678", "06.12.34.56.78"):
        found = finder.matches(person("", "X", phones=(PhoneEntry(typed),)))
        assert [m.reasons for m in found] == [(REASON_PHONE,)]
    # Same name without accents; close name at the same organisation.
    assert finder.matches(person("Helene", "LEFEVRE"))[0].reasons == (REASON_NAME,)
    same_org = finder.matches(person("H.", "Lefebvre", affiliations=(AffiliationEntry(org.id),)))
    assert [m.reasons for m in same_org] == [(REASON_SIMILAR_NAME_ORGANISATION,)]
    exact_org = finder.matches(person("Hélène", "Lefèvre", affiliations=(AffiliationEntry(org.id),)))
    assert exact_org[0].reasons == (REASON_NAME_ORGANISATION,)
    # Several reasons add up; the record being edited is never its own duplicate.
    both = finder.matches(person("Helene", "Lefevre", emails=(EmailEntry("hl@orange.fr"),)))
    assert set(both[0].reasons) == {REASON_EMAIL, REASON_NAME}
    assert finder.matches(person("Helene", "Lefevre"), exclude=helene.id) == []
    # Nothing alike, half-typed or invalid input: no warning.
    assert finder.matches(person("Zoé", "Garnier", emails=(EmailEntry("zoe@"),), phones=(PhoneEntry("06"),))) == []
    # A trashed record is not proposed.
    contacts.delete([helene.id])
    assert finder.matches(person("Helene", "Lefevre", emails=(EmailEntry("hl@orange.fr"),))) == []


def test_scan_finds_planted_pairs_and_forgets_dismissed_ones(
    contacts: ContactService, finder: DuplicateService
) -> None:
    org = contacts.create(PartyDraft(kind="organisation", name="Mairie de Lyon"))
    a = contacts.create(person("Hélène", "Lefèvre", emails=(EmailEntry("helene@example.fr"),)))
    b = contacts.create(person("Helene", "Lefevre", emails=(EmailEntry("HELENE@example.fr"),)))
    c = contacts.create(person("Jean", "Dupont", phones=(PhoneEntry("04 72 10 20 30"),)))
    d = contacts.create(person("J.", "Dupond", phones=(PhoneEntry("+33472102030"),)))
    e = contacts.create(person("Marie", "Durand", affiliations=(AffiliationEntry(org.id),)))
    f = contacts.create(person("Marie", "Durand", affiliations=(AffiliationEntry(org.id),)))
    g = contacts.create(person("Lucie", "Bernard", addresses=(AddressEntry(postcode="69002", city="Lyon"),)))
    h = contacts.create(person("Lucie", "Bernard", addresses=(AddressEntry(postcode="69003", city="LYON"),)))
    i = contacts.create(person("Christophe", "Moreau", affiliations=(AffiliationEntry(org.id),)))
    j = contacts.create(person("Christophe", "Moreaux", affiliations=(AffiliationEntry(org.id),)))
    contacts.create(person("Christine", "Moreau", affiliations=(AffiliationEntry(org.id),)))
    trashed = contacts.create(person("Hélène", "Lefèvre", emails=(EmailEntry("helene@example.fr"),)))
    contacts.delete([trashed.id])
    progress: list[tuple[int, int]] = []
    pairs = {p.key: p for p in finder.scan(lambda done, total, _t: progress.append((done, total))).pairs}
    assert pairs[pair_key(a.id, b.id)].reasons[0] == REASON_EMAIL
    assert REASON_PHONE in pairs[pair_key(c.id, d.id)].reasons
    assert REASON_NAME_ORGANISATION in pairs[pair_key(e.id, f.id)].reasons
    assert REASON_NAME_CITY in pairs[pair_key(g.id, h.id)].reasons
    assert pairs[pair_key(i.id, j.id)].reasons == (REASON_SIMILAR_NAME_ORGANISATION,)
    assert len(pairs) == 5
    assert all(trashed.id not in key for key in pairs)
    assert progress[-1][0] == progress[-1][1]
    scores = [p.score for p in finder.scan().pairs]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 100 for s in scores)

    finder.dismiss(b.id, a.id)
    assert pair_key(a.id, b.id) not in {p.key for p in finder.scan().pairs}
    assert finder.dismissed() == [pair_key(a.id, b.id)]
    finder.dismiss(a.id, b.id)  # twice is harmless
    finder.undismiss(a.id, b.id)
    assert pair_key(a.id, b.id) in {p.key for p in finder.scan().pairs}


def test_scan_can_be_cancelled(contacts: ContactService, finder: DuplicateService) -> None:
    contacts.create(person("A", "B", emails=(EmailEntry("a@b.fr"),)))

    class Token:
        cancelled = True

    with pytest.raises(ScanCancelledError):
        finder.scan(None, Token())


def test_a_shared_address_is_not_a_duplicate(contacts: ContactService, finder: DuplicateService) -> None:
    for n in range(30):
        contacts.create(person(f"Bénévole{n}", f"Nom{n}", emails=(EmailEntry("contact@asso.fr"),)))
    assert finder.scan().pairs == []


def test_the_demo_has_duplicates_to_find(db: Database) -> None:
    from ekocrm_desktop.services.contacts import PartyQuery
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    generate_demo_data(db, DemoSize(300, 40))
    assert ContactService(db).count(PartyQuery()) == 340  # planted by rewriting records, not adding
    pairs = DuplicateService(db).scan().pairs
    reasons = {r for p in pairs for r in p.reasons}
    assert {REASON_EMAIL, REASON_PHONE, REASON_SIMILAR_NAME_ORGANISATION, REASON_NAME} <= reasons


# ---------------------------------------------------------------------------- property: scan == definition
NAMES = (("Jean", "Martin"), ("J.", "Martin"), ("Jean", "Martins"), ("Marie", "Martin"), ("Paul", "Morel"))
EMAILS = ("jean@a.fr", "JEAN@a.fr", "marie@b.fr", "Paul@C.fr")
PHONES = ("+33472102030", "04 72 10 20 30", "+33612345678")
PLACES = (("Lyon", "69003"), ("LYON", "69002"), ("Grenoble", "38000"), ("", ""))


@st.composite
def workspace(draw: st.DrawFn) -> list[dict[str, Any]]:
    parties = []
    for _ in range(draw(st.integers(2, 12))):
        parties.append(
            {
                "kind": draw(st.sampled_from(("person", "person", "organisation"))),
                "name": draw(st.sampled_from(NAMES)),
                "emails": draw(st.lists(st.sampled_from(EMAILS), max_size=2, unique=True)),
                "phones": draw(st.lists(st.sampled_from(PHONES[::2]), max_size=1)),
                "place": draw(st.sampled_from(PLACES)),
                "organisation": draw(st.sampled_from((None, 0, 1))),
                "trashed": draw(st.booleans()) and draw(st.booleans()),
            }
        )
    return parties


def expected_pairs(db: Database) -> dict[tuple[Any, Any], tuple[str, ...]]:
    """The finder's definition, evaluated in Python over the stored rows (what any SQL shape must give)."""
    from sqlalchemy import select

    from ekocrm_desktop.models.party import Party, PartyEmail, PartyPhone
    from ekocrm_desktop.services.duplicates import MAX_GROUP, NAME_PREFIX, WEIGHTS

    with db.session() as session:
        parties = {p.id: p for p in session.scalars(select(Party).where(Party.deleted_at.is_(None)))}
        emails = session.execute(select(PartyEmail.address, PartyEmail.party_id)).all()
        phones = session.execute(select(PartyPhone.number, PartyPhone.party_id)).all()
        found: dict[tuple[Any, Any], set[str]] = {}

        def groups(keyed: list[tuple[Any, Any]], reason: str) -> None:
            members: dict[Any, set[Any]] = {}
            for key, party_id in keyed:
                if party_id in parties:
                    members.setdefault(key, set()).add(party_id)
            for ids in members.values():
                if 2 <= len(ids) <= MAX_GROUP:
                    for a, b in itertools.combinations(ids, 2):
                        found.setdefault(pair_key(a, b), set()).add(reason)

        # SQL lower() folds ASCII letters only: the addresses here are ASCII.
        groups([(address.lower(), party_id) for address, party_id in emails], REASON_EMAIL)
        groups(list(phones), REASON_PHONE)
        named = [p for p in parties.values() if p.sort_name]
        groups(
            [((p.kind, p.sort_name, p.organisation_key), p.id) for p in named if p.organisation_key],
            REASON_NAME_ORGANISATION,
        )
        groups([((p.kind, p.sort_name, p.city_key), p.id) for p in named if p.city_key], REASON_NAME_CITY)
        groups([(p.sort_name, p.id) for p in named if p.kind == "organisation"], REASON_NAME)
        similar: dict[Any, list[Any]] = {}
        for p in named:
            if p.kind == "person" and p.organisation_key:
                similar.setdefault((p.organisation_key, p.sort_name[:NAME_PREFIX]), []).append(p)
        for people in similar.values():
            if 2 <= len(people) <= MAX_GROUP:
                for a, b in itertools.combinations(people, 2):
                    if a.sort_name != b.sort_name and close_person_names(
                        a.first_name or "", a.last_name or "", b.first_name or "", b.last_name or ""
                    ):
                        found.setdefault(pair_key(a.id, b.id), set()).add(REASON_SIMILAR_NAME_ORGANISATION)
        kinds = {i: p.kind for i, p in parties.items()}
    return {key: tuple(r for r in WEIGHTS if r in reasons) for key, reasons in found.items()} | {
        ("kinds", None): tuple(key for key in found if kinds[key[0]] != kinds[key[1]])  # type: ignore[dict-item]
    }


def check_scan_property(db: Database, max_examples: int) -> None:
    from sqlalchemy import text

    contacts = ContactService(db)
    finder = DuplicateService(db)

    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(parties=workspace())
    def run(parties: list[dict[str, Any]]) -> None:
        with db.write_session() as session:
            for table in ("affiliation", "party_email", "party_phone", "party_address", "party"):
                session.execute(text(f"DELETE FROM {table}"))
            session.commit()
        organisations = [contacts.create(PartyDraft(kind="organisation", name=f"Société {n}")).id for n in (0, 1)]
        trashed = []
        for p in parties:
            first, last = p["name"]
            city, postcode = p["place"]
            common: dict[str, Any] = {
                "emails": tuple(EmailEntry(e) for e in p["emails"]),
                "phones": tuple(PhoneEntry(n) for n in p["phones"]),
                "addresses": (AddressEntry(postcode=postcode, city=city),) if city else (),
            }
            if p["kind"] == "organisation":
                created = contacts.create(PartyDraft(kind="organisation", name=last, **common))
            else:
                where = p["organisation"]
                affiliations = (AffiliationEntry(organisations[where]),) if where is not None else ()
                created = contacts.create(person(first, last, affiliations=affiliations, **common))
            if p["trashed"]:
                trashed.append(created.id)
        contacts.delete(trashed)
        expected = expected_pairs(db)
        other_kinds = set(expected.pop(("kinds", None)))  # type: ignore[arg-type]
        scan = finder.scan()
        assert scan.total == len(expected)
        assert {p.key: p.reasons for p in scan.pairs} == {
            key: reasons for key, reasons in expected.items() if key not in other_kinds
        }

    run()


def test_the_scan_finds_exactly_the_pairs_its_definition_says(db: Database) -> None:
    check_scan_property(db, 25 if db.is_sqlite else 8)
