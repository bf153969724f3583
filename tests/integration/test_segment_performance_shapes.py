"""The indexes and SQL shapes behind the segment and duplicates benchmarks (issue 3): migration
0019 up and down on both engines, the planner reading a role condition from its covering index,
and deal conditions giving the same members whatever the edge case (trashed deals, lines without
an article, categories typed in capitals, contacts of a deal without a client)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from alembic import command
from sqlalchemy import Connection, inspect, select, text, update
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import alembic_config
from ekocrm_desktop.models.domains import Article, Deal, DealContact, DealLine, DealStatus
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.contacts import ContactService, RoleEntry
from ekocrm_desktop.services.segments import AND, SegmentService, group, leaf

from .segment_fixtures import TODAY, articles, deal, organisation, person, stages

INDEXES = {
    "party_role": "ix_party_role_role_category_cover",
    "deal_line": "ix_deal_line_article_id_deal_id",
    "deal": "ix_deal_status_party_id_cover",
}


def present(conn: Connection) -> dict[str, bool]:
    found = {table: name in {i["name"] for i in inspect(conn).get_indexes(table)} for table, name in INDEXES.items()}
    if conn.dialect.name == "postgresql":
        found["statistics"] = bool(
            conn.execute(
                text("SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'st_article_lower_category'")
            ).scalar_one()
        )
    return found


def stairs(engine: object) -> None:
    cfg = alembic_config()
    for revision, expected in (("0019", True), ("0012", False), ("0019", True)):
        with engine.begin() as conn:  # type: ignore[attr-defined]
            cfg.attributes["connection"] = conn
            if expected:
                command.upgrade(cfg, revision)
            else:
                command.downgrade(cfg, revision)
            assert set(present(conn).values()) == {expected}, (revision, present(conn))


def test_migration_0019_adds_and_removes_the_indexes_on_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url(tmp_path / "w.sqlite"), foreign_keys=False, poolclass=NullPool)
    stairs(engine)
    engine.dispose()


def test_migration_0019_adds_and_removes_the_indexes_on_postgresql(pg_databases) -> None:  # type: ignore[no-untyped-def]
    url = pg_databases.create()
    engine = make_engine(url, poolclass=NullPool)
    stairs(engine)
    engine.dispose()
    pg_databases.drop(url)


def test_a_role_condition_is_read_from_its_covering_index(db: Database) -> None:
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    condition = segments.condition(group(AND, leaf("role", "current", {"role": "prospect", "category": "PME"})))
    stmt = select(Party.id).where(Party.deleted_at.is_(None), condition)
    with db.session() as session:
        sql = str(stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
        if db.is_sqlite:
            plan = " ".join(str(r[3]) for r in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            assert "COVERING INDEX ix_party_role_role_category_cover" in plan, plan
        else:
            # A few rows only: the planner may scan; with scans off it must find the index usable.
            session.execute(text("SET LOCAL enable_seqscan = off"))
            session.execute(text("SET LOCAL enable_bitmapscan = off"))
            plan = " ".join(r[0] for r in session.execute(text(f"EXPLAIN {sql}")))
            assert "ix_party_role_role_category_cover" in plan, plan


def test_deal_conditions_hold_for_live_deals_and_articles_of_the_category(db: Database) -> None:
    contacts = ContactService(db)
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    stage = stages(db)
    article = articles(db)
    with db.write_session() as session:
        capitals = Article(code="FORM-CAP", name="Formation capitales", category="FORMATION", unit_price=Decimal(1))
        session.add(capitals)
        session.flush()
        article["FORM-CAP"] = capitals.id
        session.commit()
    client = RoleEntry("client", dt.date(2024, 1, 1))
    capital_buyer = organisation(contacts, "Capitales SA", roles=(client,))
    trashed_deal = organisation(contacts, "Affaire jetée", roles=(client,))
    free_text = organisation(contacts, "Ligne libre", roles=(client,))
    contact_only = person(contacts, "Ana", "Contact", roles=(client,))
    contact_of_trashed = person(contacts, "Bruno", "Jeté", roles=(client,))
    deal(db, capital_buyer, stage["Gagné"], DealStatus.WON.value, (article["FORM-CAP"],))
    gone = deal(
        db, trashed_deal, stage["Gagné"], DealStatus.WON.value, (article["FORM-EXCEL"],), contacts=(contact_of_trashed,)
    )
    with db.write_session() as session:
        session.get(Deal, gone).deleted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # type: ignore[union-attr]
        # A line typed by hand (no article) on a won deal, and a won deal with only a contact.
        typed = Deal(title="Saisie libre", party_id=free_text, stage_id=stage["Gagné"], status=DealStatus.WON.value)
        typed.lines = [DealLine(article_id=None, description="Formation sur mesure", quantity=Decimal(1))]
        no_client = Deal(title="Sans client", party_id=None, stage_id=stage["Gagné"], status=DealStatus.WON.value)
        no_client.lines = [DealLine(article_id=article["FORM-RGPD"], quantity=Decimal(1))]
        no_client.contacts = [DealContact(party_id=contact_only)]
        session.add_all([typed, no_client])
        session.commit()

    bought = group(AND, leaf("bought_category", "has", "Formation"))
    assert set(segments.member_ids_of(bought)) == {capital_buyer, contact_only}
    assert segments.count_definition(bought) == 2
    won = group(AND, leaf("deal_status", "has", "won"))
    assert set(segments.member_ids_of(won)) == {capital_buyer, free_text, contact_only}
    # Exclusions meet no NULL (the deal without a client): everyone else stays.
    others = group(AND, leaf("role", "current", {"role": "client"}), exclude=[bought])
    assert set(segments.member_ids_of(others)) == {trashed_deal, free_text, contact_of_trashed}


def test_postcode_prefixes_read_as_ranges_keep_their_meaning(db: Database) -> None:
    contacts = ContactService(db)
    segments = SegmentService(db, today=lambda: TODAY, due_soon_days=lambda: 30)
    codes = ("69", "69000", "6999", "699", "7", "70000", "68999", "6", "", "6A000", "99100", "9", "38000", "39", "200")
    ids = {code: organisation(contacts, f"Code {code or 'vide'}") for code in codes}
    # Written straight into the list column: odd codes that the French address check refuses.
    with db.write_session() as session:
        for code, party_id in ids.items():
            session.execute(update(Party).where(Party.id == party_id).values(postcode=code))
        session.commit()

    def members(field: str, value: str) -> set[str]:
        found = set(segments.member_ids_of(group(AND, leaf(field, "is" if field == "department" else "starts", value))))
        return {code for code, party_id in ids.items() if party_id in found}

    assert members("department", "69") == {"69", "69000", "6999", "699"}
    assert members("department", "38") == {"38000"}
    assert members("postcode", "699") == {"6999", "699"}
    assert members("postcode", "99") == {"99100"}
    assert members("postcode", "9") == {"99100", "9"}
    assert members("postcode", "6") == {"69", "69000", "6999", "699", "68999", "6", "6A000"}
    assert members("postcode", "6A") == {"6A000"}
    assert members("department", "2A") == {"200"}
