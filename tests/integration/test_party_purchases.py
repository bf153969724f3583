"""`party_purchase` (migration 0021), the table behind "has bought an article of category X", on
SQLite and PostgreSQL: after any sequence of what users do to deals (create, edit lines,
contacts and client, win, lose, reopen, trash, restore, remove for good), to articles (change
a category) and to parties (merge, erase), the table holds exactly what the deals say and the
segment selects exactly the parties a Python filter over the deals read back selects. Under
row-level security, nobody learns of a purchase in a deal they cannot see. Migration 0021 up
and down on both engines, and the rows it writes for deals that were already there."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, inspect, select, text
from sqlalchemy.orm import selectinload
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import alembic_config
from ekocrm_desktop.models.domains import Article, Deal, DealStatus
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.models.purchases import party_purchase
from ekocrm_desktop.services.articles import ArticleDraft, ArticleService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.deals import ContactEntry, DealDraft, DealService, LineEntry
from ekocrm_desktop.services.merge import MergeService
from ekocrm_desktop.services.segments import AND, SegmentService, group, leaf

TODAY = dt.date(2026, 5, 12)
#: Categories as typed in the catalogue: the segment compares them without case.
CATEGORIES = ("Formation", "formation", "CONSEIL", "logiciel", "")
ASKED = ("formation", "Formation", "conseil", "logiciel", "materiel")
PEOPLE = 5


def bought(category: str) -> dict[str, Any]:
    return group(AND, leaf("bought_category", "has", category))


def expected_rows(session: Any) -> set[tuple[uuid.UUID, uuid.UUID, str]]:
    """What party_purchase must hold, computed in Python from the deals read back with the ORM."""
    categories = {a.id: a.category for a in session.scalars(select(Article))}
    rows = set()
    deals = session.scalars(select(Deal).options(selectinload(Deal.lines), selectinload(Deal.contacts)))
    for deal in deals:
        if deal.status != DealStatus.WON.value or deal.deleted_at is not None:
            continue
        parties = {c.party_id for c in deal.contacts} | ({deal.party_id} if deal.party_id else set())
        kinds = {categories[line.article_id].lower() for line in deal.lines if line.article_id}
        rows |= {(deal.id, p, k) for p in parties for k in kinds if k}
    return rows


def stored_rows(session: Any) -> set[tuple[uuid.UUID, uuid.UUID, str]]:
    return {(r.deal_id, r.party_id, r.category) for r in session.execute(select(party_purchase))}


def check(db: Database, segments: SegmentService) -> None:
    """The table equals its meaning, and each category's segment equals a Python filter."""
    with db.session() as session:
        expected = expected_rows(session)
        assert stored_rows(session) == expected
        live = set(session.scalars(select(Party.id).where(Party.deleted_at.is_(None))))
    for asked in ASKED:
        wanted = {p for _d, p, k in expected if k == asked.lower()} & live
        assert set(segments.member_ids_of(bought(asked))) == wanted, asked
        assert segments.count_definition(bought(asked)) == len(wanted)


# ---------------------------------------------------------------------------- property
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("create"),
            st.one_of(st.none(), st.integers(0, PEOPLE - 1)),  # the client
            st.lists(st.integers(0, PEOPLE - 1), max_size=2, unique=True),  # contacts
            st.lists(st.integers(0, len(CATEGORIES) - 1), max_size=3),  # articles of the lines
            st.sampled_from(("open", "won", "lost")),
        ),
        st.tuples(st.just("lines"), st.integers(0, 9), st.lists(st.integers(0, len(CATEGORIES) - 1), max_size=3)),
        st.tuples(
            st.just("contacts"), st.integers(0, 9), st.lists(st.integers(0, PEOPLE - 1), max_size=2, unique=True)
        ),
        st.tuples(st.just("client"), st.integers(0, 9), st.one_of(st.none(), st.integers(0, PEOPLE - 1))),
        st.tuples(st.just("status"), st.integers(0, 9), st.sampled_from(("won", "lost", "reopen"))),
        st.tuples(st.just("trash"), st.integers(0, 9), st.booleans()),
        st.tuples(st.just("remove"), st.integers(0, 9)),
        st.tuples(st.just("category"), st.integers(0, len(CATEGORIES) - 1), st.sampled_from(CATEGORIES)),
        st.tuples(st.just("merge"), st.integers(0, PEOPLE - 1), st.integers(0, PEOPLE - 1)),
    ),
    min_size=1,
    max_size=8,
)


def run_operations(db: Database, max_examples: int) -> None:
    contacts = ContactService(db)
    deals = DealService(db, today=lambda: TODAY)
    deals.ensure_default_pipeline()
    catalogue = ArticleService(db)
    merges = MergeService(db)
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    articles = [
        catalogue.create(ArticleDraft(f"ART-{n}", f"Article {n}", category, Decimal("10"))).id
        for n, category in enumerate(CATEGORIES)
    ]
    reason = "prix"

    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(steps=operations)
    def run(steps: list[tuple[Any, ...]]) -> None:
        with db.write_session() as session:
            for table in ("deal", "party_role", "party"):
                session.execute(text(f"DELETE FROM {table}"))
            session.commit()
        for n, category in enumerate(CATEGORIES):
            info = catalogue.get(articles[n])
            if info.category != category:
                catalogue.update(info.id, info.version, ArticleDraft(info.code, info.name, category, Decimal("10")))
        people = [
            contacts.create(
                PartyDraft(first_name="Jean", last_name=f"Client{n}", roles=(RoleEntry("prospect", TODAY),))
            ).id
            for n in range(PEOPLE)
        ]
        made: list[uuid.UUID] = []

        def draft_of(deal_id: uuid.UUID) -> tuple[int, DealDraft]:
            detail = deals.get(deal_id)
            return detail.version, detail.draft

        def lines(picks: list[int]) -> tuple[LineEntry, ...]:
            return tuple(LineEntry("", Decimal(1), Decimal(10), Decimal(20), articles[i]) for i in picks)

        for step in steps:
            kind = step[0]
            if kind == "create":
                _k, client, who, picks, status = step
                party = people[client] if client is not None else None
                created = deals.create(
                    DealDraft(
                        "Affaire",
                        party_id=party,
                        lines=lines(picks),
                        contacts=tuple(ContactEntry(people[i]) for i in who),
                    )
                )
                if status == "won":
                    deals.mark_won(created.id)
                elif status == "lost":
                    deals.mark_lost(created.id, reason)
                made.append(created.id)
                continue
            if kind == "category":
                info = catalogue.get(articles[step[1]])
                catalogue.update(info.id, info.version, ArticleDraft(info.code, info.name, step[2], Decimal("10")))
                continue
            if kind == "merge":
                winner, loser = people[step[1]], people[step[2]]
                if winner == loser:
                    continue
                w, lo = contacts.get(winner), contacts.get(loser)
                if w.deleted_at is not None or lo.deleted_at is not None:
                    continue
                merges.merge(winner, loser, {}, winner_version=w.version, loser_version=lo.version)
                continue
            if not made:
                continue
            deal_id = made[step[1] % len(made)]
            with db.session() as session:
                row = session.get(Deal, deal_id)
                gone, trashed = row is None, row is not None and row.deleted_at is not None
            if gone:
                continue
            if kind == "trash":
                if step[2] and not trashed:
                    deals.delete([deal_id])
                elif not step[2] and trashed:
                    deals.restore([deal_id])
                continue
            if kind == "remove":
                with db.write_session() as session:
                    session.execute(delete(Deal).where(Deal.id == deal_id))
                    session.commit()
                continue
            if trashed:
                continue
            version, draft = draft_of(deal_id)
            if kind == "lines":
                deals.update(deal_id, version, _replace(draft, lines=lines(step[2])))
            elif kind == "contacts":
                who = tuple(ContactEntry(people[i]) for i in step[2])
                deals.update(deal_id, version, _replace(draft, contacts=who))
            elif kind == "client":
                party = people[step[2]] if step[2] is not None else None
                deals.update(deal_id, version, _replace(draft, party_id=party))
            elif kind == "status":
                if step[2] == "won" and draft.status != "won":
                    deals.mark_won(deal_id)
                elif step[2] == "lost" and draft.status != "lost":
                    deals.mark_lost(deal_id, reason)
                elif step[2] == "reopen" and draft.status != "open":
                    deals.reopen(deal_id)
        check(db, segments)

    run()


def _replace(draft: DealDraft, **changes: Any) -> DealDraft:
    import dataclasses

    return dataclasses.replace(draft, **changes)


def test_purchases_follow_every_change_to_deals_articles_and_parties(db: Database) -> None:
    run_operations(db, 40 if db.is_sqlite else 15)


def test_an_erased_person_leaves_no_purchase_behind(db: Database) -> None:
    from ekocrm_desktop.services.privacy import PrivacyService

    contacts = ContactService(db)
    deals = DealService(db, today=lambda: TODAY)
    deals.ensure_default_pipeline()
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    training = ArticleService(db).create(ArticleDraft("F-1", "Formation", "formation", Decimal("10"))).id
    company = contacts.create(PartyDraft(kind="organisation", name="Boulangerie Dupré")).id
    buyer = contacts.create(PartyDraft(first_name="Hélène", last_name="Lefèvre")).id
    line = LineEntry("", Decimal(1), Decimal(10), Decimal(20), training)
    won = deals.create(DealDraft("Formations", party_id=company, lines=(line,), contacts=(ContactEntry(buyer),))).id
    deals.mark_won(won)
    assert set(segments.member_ids_of(bought("formation"))) == {company, buyer}
    PrivacyService(db).erase_person(buyer)
    check(db, segments)
    assert set(segments.member_ids_of(bought("formation"))) == {company}


# ---------------------------------------------------------------------------- row-level security
@pytest.mark.postgres
def test_a_segment_tells_nobody_of_a_purchase_in_a_deal_they_cannot_see(team) -> None:  # type: ignore[no-untyped-def]
    ada, bob, cleo = team.database("ada"), team.database("bob"), team.database("cleo")
    try:
        DealService(ada, today=lambda: TODAY).ensure_default_pipeline()
        training = ArticleService(bob).create(ArticleDraft("F-RLS", "Formation", "Formation", Decimal("10"))).id
        line = LineEntry("", Decimal(1), Decimal(10), Decimal(20), training)
        bob_contacts = ContactService(bob)
        # Two companies everyone sees; one bought in a public deal, the other in Cléo's private deal only.
        seen = bob_contacts.create(PartyDraft(kind="organisation", name="Achat public")).id
        hidden = bob_contacts.create(PartyDraft(kind="organisation", name="Achat privé")).id
        bob_deals, cleo_deals = DealService(bob, today=lambda: TODAY), DealService(cleo, today=lambda: TODAY)
        bob_deals.mark_won(bob_deals.create(DealDraft("Public", party_id=seen, lines=(line,))).id)
        private = cleo_deals.create(
            DealDraft("Privé", party_id=hidden, owner_id=team.party_ids["cleo"], lines=(line,), private=True)
        )
        cleo_deals.mark_won(private.id)
        ours = {seen, hidden}

        def members(database: Database) -> tuple[set[uuid.UUID], int]:
            segments = SegmentService(database, today=lambda: TODAY, due_soon_days=lambda: 30)
            found = set(segments.member_ids_of(bought("formation"))) & ours
            count = segments.count_definition(group(AND, bought("formation"), leaf("name", "starts", "Achat")))
            return found, count

        assert members(cleo) == (ours, 2)
        assert members(bob) == ({seen}, 1)  # the private deal is Cléo's alone...
        assert members(ada) == ({seen}, 1)  # ...even for an administrator
        # Raw SQL as Bob sees no row of the private deal either, and cannot write any.
        with bob.engine.connect() as conn:
            rows = conn.execute(text("SELECT party_id FROM party_purchase")).scalars().all()
            assert hidden not in set(rows) and seen in set(rows)
        # Once the deal is public, everyone learns of it.
        detail = cleo_deals.get(private.id)
        cleo_deals.update(private.id, detail.version, _replace(detail.draft, private=False))
        assert members(bob) == (ours, 2)
    finally:
        for database in (ada, bob, cleo):
            database.dispose()
        # The team database is shared by the session's tests: leave no deal, article or stage behind.
        superuser = team.superuser()
        with superuser.engine.begin() as conn:
            conn.execute(text("DELETE FROM deal"))
            conn.execute(text("DELETE FROM article"))
            conn.execute(text("DELETE FROM pipeline_stage"))
        superuser.dispose()


# ---------------------------------------------------------------------------- migration
def present(conn: Connection) -> bool:
    return "party_purchase" in inspect(conn).get_table_names()


def stairs(engine: Any) -> None:
    """0017 with a won deal already there, up to 0021 (its rows written), down and up again."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0017")
    database = Database(engine, actor="tester")
    deals = DealService(database, today=lambda: TODAY)
    deals.ensure_default_pipeline()
    company = ContactService(database).create(PartyDraft(kind="organisation", name="Ancienne")).id
    article = ArticleService(database).create(ArticleDraft("A", "Formation", "Formation", Decimal("1"))).id
    line = LineEntry("", Decimal(1), Decimal(1), Decimal(20), article)
    deal_id = deals.create(DealDraft("Ancienne", party_id=company, lines=(line,))).id
    deals.mark_won(deal_id)
    for revision, expected in (("0021", True), ("0017", False), ("0021", True)):
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            if expected:
                command.upgrade(cfg, revision)
            else:
                command.downgrade(cfg, revision)
            assert present(conn) == expected, revision
            if expected:
                rows = conn.execute(text("SELECT deal_id, party_id, category FROM party_purchase")).all()
                assert [(uuid.UUID(str(d)), uuid.UUID(str(p)), c) for d, p, c in rows] == [
                    (deal_id, company, "formation")
                ]


def test_migration_0021_fills_and_removes_the_table_on_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url(tmp_path / "w.sqlite"), foreign_keys=False, poolclass=NullPool)
    stairs(engine)
    engine.dispose()


@pytest.mark.postgres
def test_migration_0021_fills_and_removes_the_table_on_postgresql(pg_databases) -> None:  # type: ignore[no-untyped-def]
    url = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    stairs(engine)
    engine.dispose()
    pg_databases.drop(url)
