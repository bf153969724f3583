"""Settings lists on real SQLite and PostgreSQL: defaults seeded once with the demo's codes,
add/rename/reorder/deactivate, deleting a value in use refused with its counts or replaced in
one transaction, and tags (rename, colour, delete or merge)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import Article, ChoiceListKey, Deal, DealStatus, PipelineStage
from ekocrm_desktop.models.party import PartyRole
from ekocrm_desktop.services import demo
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery, RoleEntry
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.settings_lists import (
    ARTICLE_CATEGORY_USE,
    DEAL_LOST_REASON_USE,
    ROLE_CATEGORY_USE,
    ROLE_STATUS_USE,
    TAG_USE,
    InUseError,
    SettingsListService,
)
from ekocrm_desktop.services.workspaces import SQLITE, Workspace, new_workspace_id, open_workspace

PROSPECT_CATEGORY = "role_category:prospect"
PROSPECT_STATUS = "role_status:prospect"
SINCE = dt.date(2025, 1, 1)


@pytest.fixture
def lists(db: Database) -> SettingsListService:
    service = SettingsListService(db)
    service.ensure_defaults()
    return service


def prospect(db: Database, name: str, category: str, status: str = "froid", tags: tuple[str, ...] = ()) -> None:
    ContactService(db).create(
        PartyDraft(
            kind="organisation",
            name=name,
            tags=tags,
            roles=(RoleEntry("prospect", SINCE, status=status, category=category),),
        )
    )


def by_code(lists: SettingsListService, key: str, code: str):  # type: ignore[no-untyped-def]
    return next(i for i in lists.items(key) if i.code == code)


def test_defaults_are_seeded_once_with_the_codes_the_demo_writes(db: Database) -> None:
    service = SettingsListService(db)
    added = service.ensure_defaults()
    assert added > 30
    assert service.ensure_defaults() == 0
    assert [c for c, _l in service.choices(PROSPECT_CATEGORY)][:5] == list(demo.PROSPECT_CATEGORIES)
    assert set(demo.PROSPECT_STATES) <= {c for c, _l in service.choices(PROSPECT_STATUS)}
    assert [c for c, _l in service.choices("role_category:member")] == list(demo.MEMBER_CATEGORIES)
    assert service.choices(ChoiceListKey.ARTICLE_CATEGORY.value) == [
        ("formation", "Formation"),
        ("conseil", "Conseil"),
        ("logiciel", "Logiciel"),
        ("materiel", "Matériel"),
    ]
    vat = service.items(ChoiceListKey.VAT_RATE.value)
    assert [i.value for i in vat] == [Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal("0")]
    assert service.labels(ChoiceListKey.LOST_REASON.value)["budget"] == "Pas de budget"
    # A list emptied by the office is not filled again behind its back, but a missing one is.
    for item in service.items(ChoiceListKey.DEAL_SOURCE.value):
        service.delete(item.id, item.version)
    assert service.ensure_defaults() == len(service.items(ChoiceListKey.DEAL_SOURCE.value)) > 0


def test_add_rename_reorder_and_deactivate_keep_codes(lists: SettingsListService) -> None:
    added = lists.add(PROSPECT_CATEGORY, "  Start-up  ")
    assert (added.code, added.label) == ("Start-up", "Start-up")
    assert lists.items(PROSPECT_CATEGORY)[-1].id == added.id
    with pytest.raises(ValidationFailedError) as error:
        lists.add(PROSPECT_CATEGORY, "pme")
    assert error.value.errors[0].code == "duplicate"
    with pytest.raises(ValidationFailedError):
        lists.add(PROSPECT_CATEGORY, "   ")

    with pytest.raises(ValidationFailedError):
        lists.rename(added.id, added.version, "collectivité")  # SQLite's lower() would not see it
    renamed = lists.rename(added.id, added.version, "Jeune pousse")
    assert (renamed.code, renamed.label) == ("Start-up", "Jeune pousse")
    with pytest.raises(ConflictError):
        lists.rename(added.id, added.version, "Encore")

    lists.move(added.id, -10)
    assert lists.items(PROSPECT_CATEGORY)[0].id == added.id
    assert [i.position for i in lists.items(PROSPECT_CATEGORY)] == list(range(1, 8))

    moved = lists.items(PROSPECT_CATEGORY)[0]  # reordering moved its version
    off = lists.set_active(moved.id, moved.version, False)
    assert "Start-up" not in dict(lists.choices(PROSPECT_CATEGORY))
    assert lists.labels(PROSPECT_CATEGORY)["Start-up"] == "Jeune pousse"  # old rows still show it
    lists.set_active(off.id, off.version, True)
    assert "Start-up" in dict(lists.choices(PROSPECT_CATEGORY))


def test_a_vat_rate_needs_a_number(lists: SettingsListService) -> None:
    with pytest.raises(ValidationFailedError):
        lists.add(ChoiceListKey.VAT_RATE.value, "Taux spécial")
    with pytest.raises(ValidationFailedError):
        lists.add(ChoiceListKey.VAT_RATE.value, "Taux spécial", value="abc")
    rate = lists.add(ChoiceListKey.VAT_RATE.value, "8,5 %", value="8,5")
    assert (rate.code, rate.value) == ("8.5", Decimal("8.5"))


def test_deleting_a_role_value_in_use_is_refused_with_counts_or_replaced(
    db: Database, lists: SettingsListService
) -> None:
    prospect(db, "Alpha", "PME", "chaud")
    prospect(db, "Bêta", "PME")
    prospect(db, "Gamma", "TPE")
    announced: list[Changes] = []
    db.add_listener(announced.append)

    pme = by_code(lists, PROSPECT_CATEGORY, "PME")
    with pytest.raises(InUseError) as refused:
        lists.delete(pme.id, pme.version)
    assert refused.value.usage.places == {ROLE_CATEGORY_USE: 2}
    assert lists.usage(pme.id).total == 2
    chaud = by_code(lists, PROSPECT_STATUS, "chaud")
    assert lists.usage(chaud.id).places == {ROLE_STATUS_USE: 1}

    # Another list's value cannot replace it.
    member = by_code(lists, "role_category:member", "actif")
    with pytest.raises(ValidationFailedError):
        lists.delete(pme.id, pme.version, replace_with=member.id)

    tpe = by_code(lists, PROSPECT_CATEGORY, "TPE")
    assert lists.delete(pme.id, pme.version, replace_with=tpe.id) == 2
    with db.session() as session:
        categories = sorted(session.scalars(select(PartyRole.category).where(PartyRole.role == "prospect")))
    assert categories == ["TPE", "TPE", "TPE"]
    assert "PME" not in lists.labels(PROSPECT_CATEGORY)
    assert any(c.touches("party") for c in announced)

    unused = by_code(lists, PROSPECT_CATEGORY, "Collectivité")
    assert lists.delete(unused.id, unused.version) == 0
    assert "Collectivité" not in lists.labels(PROSPECT_CATEGORY)


def test_deal_and_article_values_count_their_uses(db: Database, lists: SettingsListService) -> None:
    with db.write_session() as session:
        stage = PipelineStage(name="Perdu", position=9, probability=0, is_lost=True)
        session.add(stage)
        session.flush()
        session.add(Article(code="F1", name="Formation Excel", category="formation", unit_price=Decimal("900")))
        session.add(Article(code="F2", name="Formation Word", category="formation", unit_price=Decimal("700")))
        for title in ("Refus A", "Refus B", "Refus C"):
            session.add(
                Deal(title=title, stage_id=stage.id, status=DealStatus.LOST.value, lost_reason="prix", source="salon")
            )
        session.commit()
    formation = by_code(lists, ChoiceListKey.ARTICLE_CATEGORY.value, "formation")
    with pytest.raises(InUseError) as refused:
        lists.delete(formation.id, formation.version)
    assert refused.value.usage.places == {ARTICLE_CATEGORY_USE: 2}
    price = by_code(lists, ChoiceListKey.LOST_REASON.value, "prix")
    assert lists.usage(price.id).places == {DEAL_LOST_REASON_USE: 3}
    other = by_code(lists, ChoiceListKey.LOST_REASON.value, "delai")
    assert lists.delete(price.id, price.version, replace_with=other.id) == 3
    with db.session() as session:
        assert set(session.scalars(select(Deal.lost_reason))) == {"delai"}
    vat20 = by_code(lists, ChoiceListKey.VAT_RATE.value, "20")
    assert lists.usage(vat20.id).total == 2  # both articles at the default 20 %


def test_tags_are_renamed_coloured_and_deleted_or_merged(db: Database, lists: SettingsListService) -> None:
    prospect(db, "Alpha", "PME", tags=("Salon 2026", "VIP"))
    prospect(db, "Bêta", "PME", tags=("Salon 2026",))
    tags = {t.name: t for t in lists.tags()}
    assert tags["Salon 2026"].count == 2
    salon = lists.update_tag(tags["Salon 2026"].id, tags["Salon 2026"].version, name="Salon de Lyon", color="#FF0000")
    assert (salon.name, salon.color, salon.count) == ("Salon de Lyon", "#ff0000", 2)
    with pytest.raises(ValidationFailedError):
        lists.update_tag(salon.id, salon.version, name="vip")
    with pytest.raises(ConflictError):
        lists.update_tag(salon.id, tags["Salon 2026"].version, color="#00ff00")
    with pytest.raises(InUseError) as refused:
        lists.delete_tag(salon.id, salon.version)
    assert refused.value.usage.places == {TAG_USE: 2}
    vip = tags["VIP"]
    assert lists.delete_tag(salon.id, salon.version, replace_with=vip.id) == 2
    assert {t.name: t.count for t in lists.tags()} == {"VIP": 2}
    contacts = ContactService(db)
    assert contacts.tag_names() == ["VIP"]
    fresh = lists.add_tag("Presse", "#123456")
    assert lists.delete_tag(fresh.id, fresh.version) == 0
    assert [t.name for t in lists.tags()] == ["VIP"]


def test_a_new_workspace_gets_the_default_lists(tmp_path: Path) -> None:
    workspace = Workspace(new_workspace_id(), "Neuf", "#1e88e5", SQLITE, path=str(tmp_path / "neuf.sqlite"))
    opened = open_workspace(workspace)
    try:
        service = SettingsListService(opened.db)
        assert "formation" in service.labels(ChoiceListKey.ARTICLE_CATEGORY.value)
        item = by_code(service, ChoiceListKey.ARTICLE_CATEGORY.value, "formation")
        service.delete(item.id, item.version)
    finally:
        opened.db.dispose()
    # Opening it again does not bring back what the office deleted.
    opened = open_workspace(workspace)
    try:
        assert "formation" not in SettingsListService(opened.db).labels(ChoiceListKey.ARTICLE_CATEGORY.value)
    finally:
        opened.db.dispose()


def test_db_upgrade_of_a_new_file_seeds_the_lists(tmp_path: Path) -> None:
    from ekocrm_desktop.cli import main as cli_main
    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    path = tmp_path / "cli.sqlite"
    assert cli_main(["db", "upgrade", "--url", f"sqlite:///{path}"]) == 0
    db = Database(make_engine(sqlite_url(path)), actor="tester")
    try:
        assert "formation" in SettingsListService(db).labels(ChoiceListKey.ARTICLE_CATEGORY.value)
    finally:
        db.dispose()


def test_a_tag_on_many_contacts_is_merged_in_sql_whatever_their_number(
    db: Database, lists: SettingsListService
) -> None:
    """The merge named every carrier in one IN list: over 65,535 contacts PostgreSQL refused it."""
    from tests.integration.test_importing import _most_parameters

    for i in range(12):
        prospect(db, f"Société {i:02d}", "PME", tags=("Salon", "VIP") if i % 3 == 0 else ("Salon",))
    prospect(db, "Autre", "PME", tags=("VIP",))
    tags = {t.name: t for t in lists.tags()}
    counts, stop = _most_parameters(db)
    try:
        moved = lists.delete_tag(tags["Salon"].id, tags["Salon"].version, replace_with=tags["VIP"].id)
    finally:
        stop()
    assert moved == 12
    assert max(counts, default=0) <= 2, counts  # no list of the carriers
    assert {t.name: t.count for t in lists.tags()} == {"VIP": 13}
    contacts = ContactService(db)
    carriers = contacts.page(PartyQuery(tag="VIP"), "name", False, PageRequest(0, 50, 50))
    assert len(carriers) == 13 and all(row.tags == ("VIP",) for row in carriers)
