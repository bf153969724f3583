"""Duplicate warnings and the duplicates finder on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

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
