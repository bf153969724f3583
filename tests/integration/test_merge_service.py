"""Merging two parties and undoing it, on SQLite and PostgreSQL: no row is ever lost."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models import Party
from ekocrm_desktop.models.assemblies import Assembly, Invitation
from ekocrm_desktop.models.base import Base
from ekocrm_desktop.models.domains import (
    Deal,
    DealContact,
    GroupMember,
    MergeRecord,
    PartyGroup,
    PipelineStage,
    Team,
    TeamMember,
)
from ekocrm_desktop.models.membership import MembershipType, Subscription
from ekocrm_desktop.models.news import NewsItem, NewsRecipient
from ekocrm_desktop.services.contacts import (
    AddressEntry,
    AffiliationEntry,
    ContactService,
    EmailEntry,
    PartyDraft,
    PhoneEntry,
    RoleEntry,
)
from ekocrm_desktop.services.errors import ConflictError
from ekocrm_desktop.services.history import HistoryService
from ekocrm_desktop.services.merge import (
    LOSER,
    WINNER,
    MergeRefusedError,
    MergeService,
    references,
)
from tests.support import counting

TODAY = dt.date(2026, 3, 1)


def person(first: str, last: str, **kw: Any) -> PartyDraft:
    return PartyDraft(kind="person", first_name=first, last_name=last, **kw)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def merger(db: Database) -> MergeService:
    return MergeService(db)


class Rich:
    """Two duplicates of Hélène Lefèvre with rows in every table that points at parties."""

    def __init__(self, db: Database, contacts: ContactService) -> None:
        org = contacts.create(PartyDraft(kind="organisation", name="Atelier Dupré"))
        other_org = contacts.create(PartyDraft(kind="organisation", name="Mairie de Lyon"))
        self.org_id = org.id
        self.winner = contacts.create(
            person(
                "Hélène",
                "Lefèvre",
                civility="Mme",
                emails=(EmailEntry("helene.lefevre@example.fr"),),
                phones=(PhoneEntry("06 12 34 56 78"),),
                addresses=(AddressEntry("3 rue Mercière", "", "69002", "Lyon"),),
                tags=("VIP",),
                roles=(RoleEntry("prospect", TODAY),),
                affiliations=(AffiliationEntry(org.id, "Trésorière"),),
            )
        )
        self.loser = contacts.create(
            person(
                "Helene",
                "Lefevre",
                job_title="Trésorière",
                birth_date=dt.date(1971, 3, 14),
                emails=(EmailEntry("Helene.Lefevre@example.fr"), EmailEntry("h.l@orange.fr", "home")),
                phones=(PhoneEntry("+33 6 12 34 56 78"), PhoneEntry("04 72 10 20 30", "work")),
                addresses=(AddressEntry("3 rue Merciere", "", "69002", "LYON"),),
                tags=("VIP", "Salon de Lyon"),
                roles=(RoleEntry("prospect", TODAY), RoleEntry("member", TODAY, category="bienfaiteur")),
                affiliations=(AffiliationEntry(org.id, "Trésorière"), AffiliationEntry(other_org.id, "Élue")),
            )
        )
        self.someone = contacts.create(person("Paul", "Martin", owner_id=self.loser.id))
        with db.write_session() as s:
            stage = PipelineStage(name="Qualification", position=0, probability=20)
            s.add(stage)
            s.flush()
            deal = Deal(title="Formation", party_id=self.loser.id, owner_id=self.loser.id, stage_id=stage.id)
            deal2 = Deal(title="Logiciel", party_id=self.winner.id, stage_id=stage.id)
            s.add_all([deal, deal2])
            s.flush()
            s.add_all(
                [
                    DealContact(deal_id=deal.id, party_id=self.loser.id),
                    DealContact(deal_id=deal2.id, party_id=self.loser.id),
                    DealContact(deal_id=deal2.id, party_id=self.winner.id),
                ]
            )
            both = PartyGroup(name="Bureau 2026")
            only_loser = PartyGroup(name="Salon de Lyon")
            s.add_all([both, only_loser])
            s.flush()
            s.add_all(
                [
                    GroupMember(group_id=both.id, party_id=self.winner.id),
                    GroupMember(group_id=both.id, party_id=self.loser.id),
                    GroupMember(group_id=only_loser.id, party_id=self.loser.id),
                ]
            )
            team = Team(name="Rhône", leader_id=self.loser.id)
            s.add(team)
            s.flush()
            s.add_all(
                [
                    TeamMember(team_id=team.id, party_id=self.loser.id),
                    TeamMember(team_id=team.id, party_id=self.winner.id),
                ]
            )
            kind = MembershipType(name="Bienfaiteur", fee=Decimal("50"))
            s.add(kind)
            s.flush()
            s.add(
                Subscription(
                    party_id=self.loser.id,
                    type_id=kind.id,
                    period_start=dt.date(2026, 1, 1),
                    period_end=dt.date(2026, 12, 31),
                    amount=Decimal("50"),
                )
            )
            assembly = Assembly(title="AG 2026", starts_at=dt.datetime(2026, 6, 1, 18, tzinfo=dt.UTC))
            s.add(assembly)
            s.flush()
            s.add(Invitation(assembly_id=assembly.id, party_id=self.loser.id))
            s.add(
                Invitation(
                    assembly_id=assembly.id,
                    party_id=self.someone.id,
                    response="represented",
                    proxy_holder_id=self.loser.id,
                )
            )
            news = NewsItem(title="Lettre", published_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
            s.add(news)
            s.flush()
            s.add(NewsRecipient(news_id=news.id, party_id=self.loser.id, email="h.l@orange.fr"))
            s.commit()


def snapshot(db: Database) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every table that points at parties, as comparable tuples (bookkeeping left out)."""
    skip = {"created_at", "updated_at", "created_by", "updated_by", "version", "search_key"}
    result: dict[str, set[tuple[Any, ...]]] = {}
    with db.session() as s:
        for ref in references():
            table = Base.metadata.tables[ref.table]
            columns = [c for c in table.c if c.name not in skip]
            if ref.table == "party":
                columns = [table.c.id, table.c.owner_id]
            result[ref.key] = {tuple(r) for r in s.execute(select(*columns))}
    return result


def referencing(db: Database, party_id: uuid.UUID) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.session() as s:
        for ref in references():
            table = Base.metadata.tables[ref.table]
            n = len(s.execute(select(table.c[ref.column]).where(table.c[ref.column] == party_id)).all())
            if n:
                counts[ref.key] = n
    return counts


def test_references_are_read_from_the_metadata() -> None:
    keys = {r.key for r in references()}
    for expected in (
        "party.owner_id",
        "affiliation.organisation_id",
        "affiliation.person_id",
        "deal.party_id",
        "deal.owner_id",
        "deal_contact.party_id",
        "group_member.party_id",
        "team.leader_id",
        "team_member.party_id",
        "membership_subscription.party_id",
        "assembly_invitation.party_id",
        "assembly_invitation.proxy_holder_id",
        "news_recipient.party_id",
        "user_account.party_id",
        "party_tag.party_id",
    ):
        assert expected in keys
    assert not any(k.startswith(("merge_record.", "duplicate_dismissal.")) for k in keys)


def test_merge_moves_every_row_and_undo_puts_every_row_back(
    db: Database, contacts: ContactService, merger: MergeService
) -> None:
    rich = Rich(db, contacts)
    before = snapshot(db)
    loser_rows = referencing(db, rich.loser.id)
    winner_rows = referencing(db, rich.winner.id)
    seen: list[Changes] = []
    db.add_listener(seen.append)

    preview = merger.preview(rich.winner.id, rich.loser.id)
    assert preview.moves["deal.party_id"] == 1
    assert preview.moves["group_member.party_id"] == 2
    assert preview.default_choices()["birth_date"] == LOSER  # the winner has none
    assert preview.default_choices()["first_name"] == WINNER
    assert [e.address for e in preview.combined.emails] == ["helene.lefevre@example.fr", "h.l@orange.fr"]

    result = merger.merge(
        rich.winner.id,
        rich.loser.id,
        {"first_name": WINNER, "job_title": LOSER, "birth_date": LOSER},
        winner_version=rich.winner.version,
        loser_version=rich.loser.version,
    )
    assert seen and seen[-1].touches("party") and rich.winner.id in seen[-1].ids

    # Nothing points at the loser any more; the winner holds everything, each contact point once.
    assert referencing(db, rich.loser.id) == {}
    merged = contacts.get(rich.winner.id)
    assert merged.draft.first_name == "Hélène" and merged.draft.job_title == "Trésorière"
    assert merged.draft.birth_date == dt.date(1971, 3, 14)
    assert [e.address for e in merged.draft.emails] == ["helene.lefevre@example.fr", "h.l@orange.fr"]
    assert [p.number for p in merged.draft.phones] == ["+33612345678", "+33472102030"]
    assert len(merged.draft.addresses) == 1
    assert sorted(merged.draft.tags) == ["Salon de Lyon", "VIP"]
    assert sorted(r.role for r in merged.draft.roles) == ["member", "prospect"]
    assert len(merged.draft.affiliations) == 2
    after = referencing(db, rich.winner.id)
    assert after["deal.party_id"] == 2 and after["deal.owner_id"] == 1
    assert after["deal_contact.party_id"] == 2  # the loser's row on the shared deal was dropped
    assert after["group_member.party_id"] == 2  # "Bureau 2026" once, plus "Salon de Lyon"
    assert after["team.leader_id"] == 1 and after["team_member.party_id"] == 1
    assert after["membership_subscription.party_id"] == 1
    assert after["assembly_invitation.party_id"] == 1 and after["assembly_invitation.proxy_holder_id"] == 1
    assert after["news_recipient.party_id"] == 1
    assert after["party.owner_id"] == 1
    # Every row that pointed at the loser now points at the winner or was recorded as dropped.
    moved = sum(loser_rows.values())
    gained = sum(after.values()) - sum(winner_rows.values())
    with db.session() as s:
        record = s.get(MergeRecord, result.merge_id)
        assert record is not None
        dropped = sum(len(r["dropped"]) for r in record.undo["refs"])
    assert gained + dropped == moved
    assert result.dropped == dropped
    loser = contacts.get(rich.loser.id)
    assert loser.deleted_at is not None
    assert merger.merges()[0].loser_name == "Helene Lefevre"

    undone = merger.undo(result.merge_id)
    assert undone.skipped == 0
    assert snapshot(db) == before
    assert referencing(db, rich.loser.id) == loser_rows
    assert referencing(db, rich.winner.id) == winner_rows
    back = contacts.get(rich.winner.id)
    assert back.draft == rich.winner.draft
    restored_loser = contacts.get(rich.loser.id)
    assert restored_loser.deleted_at is None
    assert restored_loser.draft == rich.loser.draft
    assert merger.merges()[0].undone_at is not None
    with pytest.raises(MergeRefusedError) as again:
        merger.undo(result.merge_id)
    assert again.value.code == "already_undone"


def test_undo_is_refused_once_the_winner_changed(db: Database, contacts: ContactService, merger: MergeService) -> None:
    a = contacts.create(person("Jean", "Dupont", emails=(EmailEntry("jean@dupont.fr"),)))
    b = contacts.create(person("Jean", "Dupont", emails=(EmailEntry("JEAN@dupont.fr"),), job_title="Gérant"))
    result = merger.merge(a.id, b.id, {"job_title": LOSER}, winner_version=a.version, loser_version=b.version)
    changed = contacts.update(result.winner.id, result.winner.version, person("Jean", "Dupont-Martin"))
    with pytest.raises(MergeRefusedError) as refused:
        merger.undo(result.merge_id)
    assert refused.value.code == "winner_changed"
    assert refused.value.params["name"] == changed.display_name
    assert contacts.get(b.id).deleted_at is not None  # nothing was undone


def test_merge_checks_versions_kinds_and_trash(db: Database, contacts: ContactService, merger: MergeService) -> None:
    a = contacts.create(person("Ana", "Lopez"))
    b = contacts.create(person("Ana", "Lopes"))
    org = contacts.create(PartyDraft(kind="organisation", name="Lopez SA"))
    with pytest.raises(MergeRefusedError) as kinds:
        merger.merge(a.id, org.id, {}, winner_version=a.version, loser_version=org.version)
    assert kinds.value.code == "kinds_differ"
    with pytest.raises(MergeRefusedError) as same:
        merger.merge(a.id, a.id, {}, winner_version=a.version, loser_version=a.version)
    assert same.value.code == "same_record"
    stale = contacts.update(b.id, b.version, person("Ana", "Lopès"))
    with pytest.raises(ConflictError):
        merger.merge(a.id, b.id, {}, winner_version=a.version, loser_version=b.version)
    contacts.delete([b.id])
    with pytest.raises(MergeRefusedError) as trashed:
        merger.merge(a.id, b.id, {}, winner_version=a.version, loser_version=stale.version + 1)
    assert trashed.value.code == "trashed"
    assert contacts.get(a.id).version == a.version


def test_the_merge_is_in_the_winners_history(db: Database, contacts: ContactService, merger: MergeService) -> None:
    a = contacts.create(person("Marc", "Petit"))
    b = contacts.create(person("Marc", "Petit", emails=(EmailEntry("marc@petit.fr"),), job_title="Artisan"))
    result = merger.merge(a.id, b.id, {"job_title": LOSER}, winner_version=a.version, loser_version=b.version)
    history = HistoryService(db, contacts).party_history(a.id)
    latest = history[0]
    assert latest.reason == f"merge:{result.merge_id}"
    assert {f.field for f in latest.fields} >= {"job_title"}
    assert latest.is_merge and not latest.revertable  # undone from the Merges list, not reverted
    merger.undo(result.merge_id)
    assert HistoryService(db, contacts).party_history(a.id)[0].reason == f"unmerge:{result.merge_id}"
    # A merge that changes no visible field of the kept record is still in its history.
    c = contacts.create(person("Rose", "Vidal"))
    d = contacts.create(person("Rose", "Vidal"))
    quiet = merger.merge(c.id, d.id, {}, winner_version=c.version, loser_version=d.version)
    assert HistoryService(db, contacts).party_history(c.id)[0].reason == f"merge:{quiet.merge_id}"


def test_merging_organisations_moves_their_people(db: Database, contacts: ContactService, merger: MergeService) -> None:
    kept = contacts.create(PartyDraft(kind="organisation", name="Atelier Dupré"))
    gone = contacts.create(PartyDraft(kind="organisation", name="Atelier Dupre"))
    both = contacts.create(person("Lou", "Blanc", affiliations=(AffiliationEntry(kept.id), AffiliationEntry(gone.id))))
    one = contacts.create(person("Léa", "Noir", affiliations=(AffiliationEntry(gone.id, "Gérante"),)))
    result = merger.merge(kept.id, gone.id, {}, winner_version=kept.version, loser_version=gone.version)
    assert [a.organisation_id for a in contacts.get(one.id).draft.affiliations] == [kept.id]
    assert [a.organisation_id for a in contacts.get(both.id).draft.affiliations] == [kept.id]
    merger.undo(result.merge_id)
    assert [a.organisation_id for a in contacts.get(one.id).draft.affiliations] == [gone.id]
    assert {a.organisation_id for a in contacts.get(both.id).draft.affiliations} == {kept.id, gone.id}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    emails=st.lists(st.sampled_from(["a@x.fr", "A@x.fr", "b@x.fr", "c@y.fr"]), max_size=3, unique_by=str.casefold),
    other=st.lists(st.sampled_from(["a@x.fr", "b@x.fr", "d@z.fr"]), max_size=3, unique=True),
    tags=st.lists(st.sampled_from(["VIP", "Salon", "Presse"]), max_size=3, unique=True),
    other_tags=st.lists(st.sampled_from(["VIP", "Salon", "Bénévole"]), max_size=3, unique=True),
    choose_loser=st.sets(st.sampled_from(["first_name", "job_title", "notes"])),
)
def test_any_merge_round_trips(
    db: Database,
    emails: list[str],
    other: list[str],
    tags: list[str],
    other_tags: list[str],
    choose_loser: set[str],
) -> None:
    contacts = ContactService(db)
    merger = MergeService(db)
    a = contacts.create(
        person("Zoé", "Garnier", job_title="A", emails=tuple(EmailEntry(e) for e in emails), tags=tuple(tags))
    )
    b = contacts.create(
        person("Zoe", "Garnier", notes="b", emails=tuple(EmailEntry(e) for e in other), tags=tuple(other_tags))
    )
    before = snapshot(db)
    result = merger.merge(
        a.id, b.id, dict.fromkeys(choose_loser, LOSER), winner_version=a.version, loser_version=b.version
    )
    merged = contacts.get(a.id).draft
    keys = [e.address.casefold() for e in merged.emails]
    assert len(keys) == len(set(keys))
    assert set(keys) == {e.casefold() for e in emails + other}
    assert {t.casefold() for t in merged.tags} == {t.casefold() for t in tags + other_tags}
    for field in ("first_name", "job_title", "notes"):
        assert getattr(merged, field) == getattr((b if field in choose_loser else a).draft, field)
    merger.undo(result.merge_id)
    assert snapshot(db) == before
    assert contacts.get(a.id).draft == a.draft
    assert contacts.get(b.id).draft == b.draft
    with db.write_session() as s:
        for party in s.scalars(select(Party)):
            s.delete(party)
        s.commit()


# ---------------------------------------------------------------------------- team databases
@pytest.mark.postgres
def test_on_a_team_database_both_records_must_be_seen_and_editable(team) -> None:  # type: ignore[no-untyped-def]
    from ekocrm_desktop.services.access import AccessService
    from ekocrm_desktop.services.errors import NotFoundError, PermissionDeniedError

    def service(person: str) -> tuple[Database, ContactService, MergeService]:
        db = team.database(person)
        caps = AccessService(db).capabilities()
        return db, ContactService(db, default_owner_id=caps.my_party_id), MergeService(db)

    bob_db, bob_contacts, bob_merges = service("bob")
    cleo_db, cleo_contacts, _ = service("cleo")
    rita_db, _, rita_merges = service("rita")
    try:
        mine = bob_contacts.create(person("Hélène", "Lefèvre", emails=(EmailEntry("h@x.fr"),)))
        twin = bob_contacts.create(person("Helene", "Lefevre", emails=(EmailEntry("H@x.fr"),)))
        hidden = cleo_contacts.create(person("Hélène", "Lefèvre", private=True))
        # Cleo's private record is out of Bob's sight: refused, nothing written.
        with pytest.raises(NotFoundError):
            bob_merges.merge(mine.id, hidden.id, {}, winner_version=mine.version, loser_version=hidden.version)
        # A reader sees both but may change neither.
        with pytest.raises(PermissionDeniedError):
            rita_merges.merge(mine.id, twin.id, {}, winner_version=mine.version, loser_version=twin.version)
        assert bob_contacts.get(twin.id).deleted_at is None
        result = bob_merges.merge(mine.id, twin.id, {}, winner_version=mine.version, loser_version=twin.version)
        assert bob_contacts.get(twin.id).deleted_at is not None
        bob_merges.undo(result.merge_id)
        assert bob_contacts.get(twin.id).draft == twin.draft
    finally:
        for db in (bob_db, cleo_db, rita_db):
            db.dispose()


def test_chained_merges_are_undone_newest_first(db: Database, contacts: ContactService, merger: MergeService) -> None:
    a = contacts.create(person("Anne", "Roux", emails=(EmailEntry("anne@roux.fr"),)))
    b = contacts.create(person("Anne", "Roux", emails=(EmailEntry("ANNE@roux.fr"),), job_title="Trésorière"))
    c = contacts.create(person("A.", "Roux", phones=(PhoneEntry("06 11 22 33 44"),)))
    first = merger.merge(a.id, b.id, {"job_title": LOSER}, winner_version=a.version, loser_version=b.version)
    second = merger.merge(a.id, c.id, {}, winner_version=first.winner.version, loser_version=contacts.get(c.id).version)
    with pytest.raises(MergeRefusedError) as refused:
        merger.undo(first.merge_id)  # the kept record now holds C's phone
    assert refused.value.code == "winner_changed"
    merger.undo(second.merge_id)
    merger.undo(first.merge_id)  # everything the later merge brought is gone again: allowed
    assert contacts.get(a.id).draft == a.draft
    assert contacts.get(b.id).draft == b.draft and contacts.get(b.id).deleted_at is None
    assert contacts.get(c.id).draft == c.draft and contacts.get(c.id).deleted_at is None


def _statements_of_a_merge(db: Database, contacts: ContactService, merger: MergeService, activities: int) -> int:
    from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery, ActivityService
    from ekocrm_desktop.services.paging import PageRequest

    kept = contacts.create(person("Anne", "Roux"))
    gone = contacts.create(person("Anne", "Rousse"))
    journal = ActivityService(db)
    for i in range(activities):
        journal.log(ActivityDraft(type="note", subject=f"Note {i}", party_ids=(gone.id,)))
    with counting.statements(db) as statements:
        merger.merge(kept.id, gone.id, {}, winner_version=kept.version, loser_version=gone.version)
    timeline = [a.subject for a in journal.page(ActivityQuery(party_id=kept.id), PageRequest(0, 100, 100))]
    assert sorted(timeline) == sorted(f"Note {i}" for i in range(activities))
    return len(statements)


def test_a_record_on_many_activities_is_merged_in_as_many_statements_as_one_on_a_few(
    db: Database, contacts: ContactService, merger: MergeService
) -> None:
    """Each moved row was looked up on its own, after flushing the previous one: two statements a
    row, 4 s for a record on 5,000 activities. Now the rows come in one query a table."""
    few = _statements_of_a_merge(db, contacts, merger, 3)
    many = _statements_of_a_merge(db, contacts, merger, 30)
    assert many <= few + 2, (few, many)
