"""Copy and move people between workspaces: SQLite → SQLite and SQLite → PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.models import ErasureTombstone, Party, PrivacyLog, SuppressionEntry
from ekocrm_desktop.services.activities import ActivityDraft, ActivityService
from ekocrm_desktop.services.contacts import (
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.privacy import PrivacyService
from ekocrm_desktop.services.transfer import TransferService
from tests.integration.test_privacy import scan


@pytest.fixture
def source(sqlite_path: Path) -> Iterator[Database]:
    database = Database(make_engine(sqlite_url(sqlite_path)), actor="source")
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        path = tmp_path / "target.sqlite"
        shutil.copy(sqlite_template, path)
        database = Database(make_engine(sqlite_url(path)), actor="target")
        yield database
        database.dispose()
    else:
        yield request.getfixturevalue("pg_db")


def helene(db: Database) -> tuple[ContactService, object]:
    contacts = ContactService(db)
    org = contacts.create(PartyDraft(kind="organisation", name="Œuvre d'Orient")).id
    person = contacts.create(
        PartyDraft(
            civility="Mme",
            first_name="Hélène",
            last_name="Lefèvre",
            emails=(EmailEntry("helene@oeuvre.fr"), EmailEntry("h.lefevre@exemple.fr", "home")),
            phones=(PhoneEntry("06 12 34 56 78"),),
            tags=("Bénévole", "Salon 2026"),
            roles=(RoleEntry("member", dt.date(2024, 1, 1)),),
            affiliations=(AffiliationEntry(org, "Trésorière"),),
            notes="Préfère être appelée le matin.\nAllergique aux noix.",
        )
    ).id
    return contacts, person


def comparable(draft: PartyDraft) -> PartyDraft:
    return dataclasses.replace(
        draft,
        owner_id=None,
        affiliations=tuple(dataclasses.replace(a, organisation_id=None) for a in draft.affiliations),  # type: ignore[arg-type]
    )


def test_copy_keeps_the_data_and_the_id_and_does_not_duplicate_on_retry(source: Database, target: Database) -> None:
    contacts, person = helene(source)
    target_contacts = ContactService(target)
    existing_org = target_contacts.create(PartyDraft(kind="organisation", name="OEUVRE D'ORIENT")).id
    result = TransferService(source, target).copy([person])  # type: ignore[list-item]
    assert [i.outcome for i in result.items] == ["copied"]
    assert result.items[0].target_id == person
    assert result.organisations_created == 0  # matched by name, accents and case aside
    copied = target_contacts.get(person)  # type: ignore[arg-type]
    original = contacts.get(person)  # type: ignore[arg-type]
    assert comparable(copied.draft) == dataclasses.replace(
        comparable(original.draft),
        affiliations=(AffiliationEntry(None, "Trésorière", "OEUVRE D'ORIENT"),),  # type: ignore[arg-type]
    )
    assert copied.draft.affiliations[0].organisation_id == existing_org
    assert contacts.get(person).display_name == "Hélène Lefèvre"  # type: ignore[arg-type]  # the source keeps her

    again = TransferService(source, target).copy([person])  # type: ignore[list-item]
    assert [i.outcome for i in again.items] == ["already_there"]
    with target.session() as session:
        assert session.scalar(select(func.count()).select_from(Party).where(Party.kind == "person")) == 1


def test_move_leaves_nothing_behind_in_the_source(source: Database, target: Database) -> None:
    _contacts, person = helene(source)
    ActivityService(source).log(
        ActivityDraft(type="note", body="Hélène Lefèvre veut changer d'antenne", party_ids=(person,))
    )  # type: ignore[arg-type]
    result = TransferService(source, target).move([person])  # type: ignore[list-item]
    assert result.removed_from_source == 1
    assert result.organisations_created == 1
    assert ContactService(target).get(person).draft.notes.startswith("Préfère")  # type: ignore[arg-type]
    assert scan(source, ("Lefèvre", "helene@oeuvre.fr", "h.lefevre@exemple.fr", "+33612345678"), person) == []  # type: ignore[arg-type]
    with source.session() as session:
        assert session.get(ErasureTombstone, person).reason == "moved"  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(SuppressionEntry)) == 0  # moved, not erased
        assert [e.action for e in session.scalars(select(PrivacyLog))] == ["moved"]
    # Moving back: the source's tombstone says "moved away", so she comes back under a new id.
    back = TransferService(target, source).move([person])  # type: ignore[list-item]
    assert back.items[0].outcome == "copied" and back.items[0].target_id != person


def test_a_person_erased_in_the_target_is_not_brought_back(source: Database, target: Database) -> None:
    _contacts, person = helene(source)
    twin = (
        ContactService(target)
        .create(PartyDraft(first_name="Hélène", last_name="Lefèvre", emails=(EmailEntry("helene@oeuvre.fr"),)))
        .id
    )
    PrivacyService(target).erase_person(twin)
    result = TransferService(source, target).copy([person])  # type: ignore[list-item]
    assert [(i.outcome, i.reason) for i in result.items] == [("refused", "erased_in_target")]


def test_a_move_interrupted_after_the_target_commit_finishes_on_retry(source: Database, target: Database) -> None:
    """The target was written but the source not erased (a crash in between): moving again completes it."""
    _contacts, person = helene(source)
    service = TransferService(source, target)
    assert service.copy([person]).count("copied") == 1  # type: ignore[list-item]
    retried = service.move([person])  # type: ignore[list-item]
    assert [i.outcome for i in retried.items] == ["already_there"]
    assert retried.removed_from_source == 1
    with source.session() as session:
        assert session.get(Party, person) is None
    with target.session() as session:
        assert session.scalar(select(func.count()).select_from(Party).where(Party.kind == "person")) == 1
