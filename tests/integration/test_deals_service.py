"""Deals and the pipeline on real SQLite and PostgreSQL: the default pipeline, stages (rename,
reorder, delete refused while in use), deals with lines and Decimal totals, optimistic locking,
kanban moves (a won stage turns the prospect into a client with dated roles), the board's SQL
totals against a Python sum, the paged list."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import ChoiceItem, Deal
from ekocrm_desktop.services.articles import ArticleDraft, ArticleService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.deals import (
    DEFAULT_PIPELINE,
    ContactEntry,
    DealDraft,
    DealQuery,
    DealService,
    LineEntry,
    StageDraft,
    StageInUseError,
    totals,
)
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest

TODAY = dt.date(2026, 5, 12)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


@pytest.fixture
def deals(db: Database) -> DealService:
    service = DealService(db, today=lambda: TODAY)
    service.ensure_default_pipeline()
    return service


def stage_id(deals: DealService, name: str) -> uuid.UUID:
    return next(s.id for s in deals.stages() if s.name == name)


def organisation(contacts: ContactService, name: str, role: str = "prospect") -> uuid.UUID:
    draft = PartyDraft(kind="organisation", name=name, roles=(RoleEntry(role, dt.date(2025, 1, 10)),))
    return contacts.create(draft).id


def test_default_pipeline_is_seeded_once(deals: DealService) -> None:
    stages = deals.stages()
    assert [(s.name, s.probability, s.is_won, s.is_lost) for s in stages] == [
        (d.name, d.probability, d.is_won, d.is_lost) for d in DEFAULT_PIPELINE
    ]
    assert [s.name for s in stages] == ["Qualification", "Proposition", "Négociation", "Gagnée", "Perdue"]
    assert deals.ensure_default_pipeline() is False
    assert len(deals.stages()) == 5


def test_stages_rename_reorder_validate_and_refuse_delete_in_use(deals: DealService) -> None:
    added = deals.save_stage(StageDraft("Démonstration", 45))
    assert deals.stages()[-1].name == "Démonstration"
    order = deals.move_stage(added.id, 2)
    assert [s.name for s in order][:4] == ["Qualification", "Proposition", "Démonstration", "Négociation"]
    assert [s.position for s in deals.stages()] == [1, 2, 3, 4, 5, 6]
    added = deals.stage(added.id)  # reordering moved its version
    renamed = deals.save_stage(StageDraft("Démo", 50), stage_id=added.id, expected_version=added.version)
    assert (renamed.name, renamed.probability) == ("Démo", 50)
    with pytest.raises(ConflictError):
        deals.save_stage(StageDraft("Démo bis", 50), stage_id=added.id, expected_version=added.version)
    with pytest.raises(ValidationFailedError) as caught:
        deals.save_stage(StageDraft("qualification", 120, is_won=True, is_lost=True))
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("name", "duplicate_name"),
        ("probability", "out_of_range"),
        ("is_lost", "stage_won_and_lost"),
    }
    for i in range(3):
        deals.create(DealDraft(f"Affaire {i}", stage_id=added.id))
    with pytest.raises(StageInUseError) as refused:
        deals.delete_stage(added.id)
    assert refused.value.count == 3
    assert deals.stage_usage(added.id) == 3
    moved = deals.delete_stage(added.id, move_to=stage_id(deals, "Proposition"))
    assert moved == 3
    assert "Démo" not in [s.name for s in deals.stages()]
    rows = deals.page(DealQuery(), "title", False, PageRequest(0, 10, 3))
    assert {r.stage_name for r in rows} == {"Proposition"} and {r.probability for r in rows} == {50}
    assert [s.position for s in deals.stages()] == [1, 2, 3, 4, 5]


def test_create_with_lines_computes_decimal_totals_half_up(
    db: Database, deals: DealService, contacts: ContactService
) -> None:
    catalogue = ArticleService(db)
    excel = catalogue.create(ArticleDraft("FOR-XL", "Formation Excel", "formation", Decimal("333.33"), Decimal("20")))
    client = organisation(contacts, "Boulangerie Dupré")
    buyer = contacts.create(PartyDraft(first_name="Hélène", last_name="Lefèvre")).id
    lines = (
        LineEntry("", Decimal("3"), Decimal("333.33"), Decimal("20"), excel.id),
        LineEntry("Livre", Decimal("1"), Decimal("10.05"), Decimal("5.5")),
        LineEntry("Frais", Decimal("0.5"), Decimal("0.01"), Decimal("20")),
    )
    detail = deals.create(
        DealDraft(
            "Formations 2026",
            party_id=client,
            expected_close=dt.date(2026, 6, 30),
            lines=lines,
            contacts=(ContactEntry(buyer, "Acheteuse"),),
            amount=Decimal("1"),  # ignored: the lines decide
        )
    )
    # 999.99 + 10.05 + 0.01 (0.005 rounded half-up); VAT 200.00 + 0.55 (0.55275) + 0.00.
    assert detail.totals.net == Decimal("1010.05")
    assert detail.totals.vat == Decimal("200.55")
    assert detail.totals.gross == Decimal("1210.60")
    assert detail.draft.amount == Decimal("1010.05")
    assert detail.stage_name == "Qualification" and detail.draft.probability == 10
    assert detail.draft.lines[0].description == "Formation Excel"  # the article's name fills a blank line
    assert detail.draft.contacts == (ContactEntry(buyer, "Acheteuse", "Hélène Lefèvre"),)
    assert detail.party_name == "Boulangerie Dupré"
    assert totals(detail.draft.lines) == detail.totals
    stored = deals.get(detail.id)
    assert stored.draft == detail.draft and isinstance(stored.draft.amount, Decimal)


def test_bad_input_is_refused_field_by_field_and_nothing_is_written(deals: DealService) -> None:
    with pytest.raises(ValidationFailedError) as caught:
        deals.create(
            DealDraft(
                "  ",
                amount=Decimal("-5"),
                probability=140,
                lines=(),
            )
        )
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("title", "required"),
        ("amount", "amount_invalid"),
        ("probability", "out_of_range"),
    }
    with pytest.raises(ValidationFailedError) as caught:
        deals.create(DealDraft("Lignes", lines=(LineEntry("x", Decimal("-2"), Decimal("10")), LineEntry(""))))
    assert {(e.field, e.code) for e in caught.value.errors} == {
        ("lines.0", "quantity_invalid"),
        ("lines.1", "line_description_required"),
    }
    assert deals.count(DealQuery()) == 0


def test_update_conflict_keeps_the_other_save(deals: DealService) -> None:
    detail = deals.create(DealDraft("Site web", amount=Decimal("4800")))
    import dataclasses

    saved = deals.update(detail.id, detail.version, dataclasses.replace(detail.draft, amount=Decimal("5200")))
    with pytest.raises(ConflictError) as caught:
        deals.update(detail.id, detail.version, dataclasses.replace(detail.draft, title="Écrasé"))
    assert caught.value.current.draft.amount == Decimal("5200.00")
    assert deals.get(detail.id).version == saved.version and deals.get(detail.id).draft.title == "Site web"


def test_kanban_move_to_won_turns_the_prospect_into_a_client(
    db: Database, deals: DealService, contacts: ContactService
) -> None:
    client = organisation(contacts, "Imprimerie Noël")
    before = contacts.get(client)
    first = deals.create(DealDraft("Catalogue", party_id=client, amount=Decimal("1200")))
    second = deals.create(DealDraft("Affiches", party_id=client, amount=Decimal("300")))
    seen: list[Changes] = []
    db.add_listener(seen.append)
    negotiation = stage_id(deals, "Négociation")
    moved = deals.move_to_stage(first.id, negotiation)
    assert moved.draft.probability == 60 and moved.status == "open"
    # Dropped below the first card of the column.
    deals.move_to_stage(second.id, negotiation, after_id=first.id)
    column = next(c for c in deals.board() if c.stage.id == negotiation)
    assert [c.title for c in column.cards] == ["Catalogue", "Affiches"]
    deals.move_to_stage(second.id, negotiation)  # back on top
    column = next(c for c in deals.board() if c.stage.id == negotiation)
    assert [c.title for c in column.cards] == ["Affiches", "Catalogue"]
    assert contacts.get(client).version == before.version  # no role change yet

    won = deals.move_to_stage(first.id, stage_id(deals, "Gagnée"))
    assert (won.status, won.closed_on, won.draft.probability) == ("won", TODAY, 100)
    party = contacts.get(client)
    assert party.version > before.version
    roles = {(r.role, r.since, r.until) for r in party.draft.roles}
    assert roles == {("prospect", dt.date(2025, 1, 10), TODAY), ("client", TODAY, None)}
    assert seen[-1].touches("party") and client in seen[-1].ids and first.id in seen[-1].ids
    # Winning a second deal of the same client adds no role.
    deals.mark_won(second.id)
    assert len(contacts.get(client).draft.roles) == 2
    assert deals.get(second.id).stage_name == "Gagnée"


def test_mark_lost_needs_a_reason_and_reopen_goes_back_to_an_open_stage(db: Database, deals: DealService) -> None:
    with db.write_session() as session:
        session.add(ChoiceItem(list_key="lost_reason", code="prix", label="Prix trop élevé"))
        session.commit()
    assert deals.lost_reasons() == [("prix", "Prix trop élevé")]
    detail = deals.create(DealDraft("Maintenance", amount=Decimal("800")))
    with pytest.raises(ValidationFailedError):
        deals.mark_lost(detail.id, " ")
    with pytest.raises(ValidationFailedError):
        deals.move_to_stage(detail.id, stage_id(deals, "Perdue"))
    lost = deals.mark_lost(detail.id, "prix")
    assert (lost.status, lost.draft.lost_reason, lost.stage_name, lost.closed_on) == ("lost", "prix", "Perdue", TODAY)
    again = deals.reopen(lost.id)
    assert (again.status, again.draft.lost_reason, again.closed_on, again.stage_name) == (
        "open",
        "",
        None,
        "Négociation",
    )
    # Dragging to the lost column with a reason closes it too.
    dropped = deals.move_to_stage(detail.id, stage_id(deals, "Perdue"), lost_reason="prix")
    assert dropped.status == "lost"


def test_board_totals_are_computed_in_sql_and_equal_a_python_sum(
    db: Database, deals: DealService, contacts: ContactService
) -> None:
    rng = random.Random(7)
    stages = [s for s in deals.stages() if not s.is_closing]
    owner = contacts.create(
        PartyDraft(first_name="Bob", last_name="Vendeur", roles=(RoleEntry("collaborator", TODAY),))
    )
    for i in range(60):
        stage = rng.choice(stages)
        probability = rng.choice([None, 0, 25, 90])
        deals.create(
            DealDraft(
                f"Affaire {i:02d}",
                stage_id=stage.id,
                amount=Decimal(rng.randint(0, 900_000)) / 100,
                probability=probability,
                owner_id=owner.id if i % 2 else None,
            )
        )
    won = deals.create(DealDraft("Déjà gagnée", amount=Decimal("10")))
    deals.mark_won(won.id)
    old = deals.create(DealDraft("Ancienne", amount=Decimal("20")))
    deals.mark_won(old.id)
    with db.write_session() as session:
        session.get(Deal, old.id).closed_on = TODAY - dt.timedelta(days=90)  # type: ignore[union-attr]
        session.commit()
    trashed = deals.create(DealDraft("Corbeille", amount=Decimal("999")))
    deals.delete([trashed.id])

    with db.session() as session:
        rows = session.execute(
            select(Deal.stage_id, Deal.amount, Deal.probability).where(Deal.deleted_at.is_(None), Deal.status == "open")
        ).all()
    board = deals.board(limit=10)
    for column in board:
        mine = [r for r in rows if r.stage_id == column.stage.id]
        if column.stage.is_won:
            assert column.count == 1 and column.total == Decimal("10.00")  # the old one is off the board
            continue
        assert column.count == len(mine)
        assert column.total == sum((Decimal(r.amount) for r in mine), Decimal("0.00"))
        weighted = sum((Decimal(r.amount) * r.probability for r in mine), Decimal(0)) / 100
        assert column.weighted == weighted.quantize(Decimal("0.01"))
        assert len(column.cards) == min(10, len(mine)) and column.has_more == (len(mine) > 10)
        if column.has_more:
            rest = deals.column_cards(column.stage.id, 10, 100)
            assert len(rest) == len(mine) - 10
            assert not {c.id for c in rest} & {c.id for c in column.cards}
    mine_only = deals.board(owner_id=owner.id)
    assert sum(c.count for c in mine_only) == 30


def test_trash_and_restore_take_any_number_of_deals_in_slices(
    db: Database, deals: DealService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import paging
    from tests.integration.test_importing import _most_parameters

    ids = [deals.create(DealDraft(f"Affaire {i}", amount=Decimal(i))).id for i in range(7)]
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 3)
    counts, stop = _most_parameters(db)
    try:
        assert deals.delete(ids) == 7
        assert deals.restore(ids[:4]) == 4
        assert deals.delete(ids) == 4
    finally:
        stop()  # type: ignore[operator]
    assert counts and max(counts) <= 5  # a slice's 3 ids and the like; the selection was 7
    assert deals.restore(ids) == 7


def test_list_pages_sorts_and_filters_in_sql(deals: DealService, contacts: ContactService) -> None:
    alpha = organisation(contacts, "Alpha Conseil")
    zeta = organisation(contacts, "Zêta Industrie")
    deals.create(DealDraft("Beta", party_id=zeta, amount=Decimal("50"), expected_close=dt.date(2026, 7, 1)))
    deals.create(DealDraft("alpha", party_id=alpha, amount=Decimal("700")))
    gamma = deals.create(
        DealDraft("Gamma", stage_id=stage_id(deals, "Négociation"), amount=Decimal("5"), expected_close=TODAY)
    )
    deals.mark_won(gamma.id)

    def titles(query: DealQuery, sort: str, descending: bool = False) -> list[str]:
        total = deals.count(query)
        return [r.title for r in deals.page(query, sort, descending, PageRequest(0, 50, total))]

    assert titles(DealQuery(), "title") == ["Beta", "Gamma", "alpha"] or titles(DealQuery(), "title") == [
        "alpha",
        "Beta",
        "Gamma",
    ]
    assert titles(DealQuery(), "amount", True) == ["alpha", "Beta", "Gamma"]
    assert titles(DealQuery(), "party") == ["Gamma", "alpha", "Beta"]  # no party first
    assert titles(DealQuery(), "expected_close") == ["Gamma", "Beta", "alpha"]  # no date last
    assert titles(DealQuery(), "stage") == ["Beta", "alpha", "Gamma"] or titles(DealQuery(), "stage") == [
        "alpha",
        "Beta",
        "Gamma",
    ]
    assert titles(DealQuery(status="won"), "title") == ["Gamma"]
    assert titles(DealQuery(text="zêta"), "title") == ["Beta"]
    assert titles(DealQuery(text="ZETA indus"), "title") == ["Beta"]  # the client's name, accents ignored
    assert titles(DealQuery(text="ALP"), "title") == ["alpha"]
    assert titles(DealQuery(stage_id=stage_id(deals, "Gagnée")), "title") == ["Gamma"]
    assert [r.title for r in deals.deals_of(zeta)] == ["Beta"]
    # Keyset paging gives the same rows as one big page.
    first = deals.page(DealQuery(), "amount", False, PageRequest(0, 2, 3))
    rest = deals.page(DealQuery(), "amount", False, PageRequest(2, 2, 3, after=first[-1].sort_key))
    assert [r.title for r in first + rest] == ["Gamma", "Beta", "alpha"]


def test_default_owner_is_given_to_new_deals(db: Database, contacts: ContactService) -> None:
    me = contacts.create(PartyDraft(first_name="Moi", last_name="Même", roles=(RoleEntry("collaborator", TODAY),)))
    service = DealService(db, default_owner_id=me.id, today=lambda: TODAY)
    service.ensure_default_pipeline()
    detail = service.create(DealDraft("À moi"))
    assert detail.draft.owner_id == me.id and detail.owner_name == "Moi Même"
    assert [c.name for c in service.collaborators()] == ["Moi Même"]


def test_demo_holds_a_catalogue_and_deals_over_prospects_and_clients(db: Database) -> None:
    from ekocrm_desktop.services.articles import ArticleQuery
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data

    generate_demo_data(db, DemoSize(people=150, organisations=80), today=TODAY)
    catalogue = ArticleService(db)
    assert 45 <= catalogue.count(ArticleQuery()) <= 60
    assert {code for code, _label in catalogue.categories()} == {"formation", "conseil", "logiciel", "materiel"}
    service = DealService(db, today=lambda: TODAY)
    assert service.count(DealQuery()) == 300
    assert service.count(DealQuery(status="won")) > 30 and service.count(DealQuery(status="lost")) > 20
    lost = service.page(DealQuery(status="lost"), "title", False, PageRequest(0, 5, 0))
    assert all(r.lost_reason in dict(service.lost_reasons()) for r in lost)
    board = service.board()
    assert sum(c.count for c in board if not c.stage.is_closing) == service.count(DealQuery(status="open"))
    # Lines make the amount: a deal's stored amount is its lines' total before VAT.
    sample = service.page(DealQuery(), "amount", True, PageRequest(0, 3, 0))
    for row in sample:
        detail = service.get(row.id)
        assert detail.draft.lines and detail.totals.net == row.amount
    # The same seed gives the same demo.
    assert [c.count for c in board] == [c.count for c in service.board()]


@pytest.mark.postgres
def test_on_a_team_database_readers_only_read_and_the_pipeline_is_for_administrators(team) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from ekocrm_desktop.services.errors import PermissionDeniedError

    ada, bob, rita = team.database("ada"), team.database("bob"), team.database("rita")
    try:
        DealService(ada).ensure_default_pipeline()
        bob_deals = DealService(bob, default_owner_id=team.party_ids["bob"], today=lambda: TODAY)
        with pytest.raises(PermissionDeniedError):
            bob_deals.save_stage(StageDraft("Étape de Bob", 10))
        deal = bob_deals.create(DealDraft("Contrat de Bob", amount=Decimal("100")))
        assert deal.draft.owner_id == team.party_ids["bob"]
        assert bob_deals.move_to_stage(deal.id, stage_id(bob_deals, "Proposition")).draft.probability == 30
        reader = DealService(rita, today=lambda: TODAY)
        assert reader.get(deal.id).draft.title == "Contrat de Bob"
        assert sum(c.count for c in reader.board()) == 1
        with pytest.raises(PermissionDeniedError):
            reader.create(DealDraft("Affaire de Rita"))
        with pytest.raises(PermissionDeniedError):
            reader.mark_won(deal.id)
        with pytest.raises(PermissionDeniedError):
            ArticleService(rita).create(ArticleDraft(f"R-{team.tag}", "Article de Rita"))
        assert bob_deals.get(deal.id).status == "open"
    finally:
        for database in (ada, bob, rita):
            database.dispose()
        # The team database is shared by the session's tests: leave no deal, article or stage behind.
        superuser = team.superuser()
        with superuser.engine.begin() as conn:
            conn.execute(text("DELETE FROM deal"))
            conn.execute(text("DELETE FROM article"))
            conn.execute(text("DELETE FROM pipeline_stage"))
        superuser.dispose()
