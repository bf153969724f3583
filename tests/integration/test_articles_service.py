"""The articles catalogue on real SQLite and PostgreSQL: validation, unique codes, optimistic
locking, soft delete and restore, the paged list with search and filters, categories read
from the settings list."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import ChoiceItem
from ekocrm_desktop.services.articles import ArticleDraft, ArticleQuery, ArticleService
from ekocrm_desktop.services.errors import ConflictError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest


@pytest.fixture
def articles(db: Database) -> ArticleService:
    return ArticleService(db)


def codes(service: ArticleService, query: ArticleQuery, sort: str = "code", descending: bool = False) -> list[str]:
    total = service.count(query)
    return [a.code for a in service.page(query, sort, descending, PageRequest(0, 100, total))]


def test_create_normalises_and_reads_back_decimal_money(articles: ArticleService) -> None:
    info = articles.create(
        ArticleDraft(" form-excel ", "  Formation   Excel  ", "formation", Decimal("450.5"), Decimal("20"))
    )
    assert (info.code, info.name) == ("FORM-EXCEL", "Formation Excel")
    again = articles.get(info.id)
    assert again.unit_price == Decimal("450.50") and isinstance(again.unit_price, Decimal)
    assert again.vat_rate == Decimal("20.00") and again.currency == "EUR" and again.active
    assert again.display_name == "FORM-EXCEL — Formation Excel"


def test_validation_messages_per_field(articles: ArticleService) -> None:
    articles.create(ArticleDraft("A1", "Un"))
    with pytest.raises(ValidationFailedError) as caught:
        articles.create(ArticleDraft("a1", "", unit_price=Decimal("-1"), vat_rate=Decimal("120")))
    found = {(e.field, e.code) for e in caught.value.errors}
    assert found == {
        ("code", "duplicate_name"),
        ("name", "required"),
        ("unit_price", "amount_invalid"),
        ("vat_rate", "vat_rate_invalid"),
    }
    with pytest.raises(ValidationFailedError) as caught:
        articles.create(ArticleDraft("B1", "Deux", unit_price=Decimal("1.005")))
    assert [e.code for e in caught.value.errors] == ["amount_invalid"]
    # Any rate from 0 to 100 is accepted, the French ones and others.
    for rate in ("0", "2.1", "5.5", "10", "20", "8.5"):
        articles.create(ArticleDraft(f"R{rate}", "Taux", vat_rate=Decimal(rate)))


def test_update_with_a_stale_version_raises_a_conflict_and_keeps_the_other_save(articles: ArticleService) -> None:
    info = articles.create(ArticleDraft("C1", "Conseil", unit_price=Decimal("900")))
    saved = articles.update(info.id, info.version, ArticleDraft("C1", "Conseil journée", unit_price=Decimal("950")))
    assert saved.version == info.version + 1
    with pytest.raises(ConflictError) as caught:
        articles.update(info.id, info.version, ArticleDraft("C1", "Écrasé", unit_price=Decimal("1")))
    assert caught.value.current.name == "Conseil journée"
    assert articles.get(info.id).unit_price == Decimal("950.00")
    # Keeping its own code is not a clash.
    articles.update(info.id, saved.version, ArticleDraft("c1", "Conseil journée", active=False))
    assert not articles.get(info.id).active


def test_list_search_filters_sort_trash_and_categories(db: Database, articles: ArticleService) -> None:
    articles.create(ArticleDraft("FOR-01", "Formation Word", "formation", Decimal("300")))
    articles.create(ArticleDraft("FOR-02", "Formation Excel avancé", "formation", Decimal("450")))
    articles.create(ArticleDraft("LOG-01", "Licence logiciel", "logiciel", Decimal("99.90")))
    old = articles.create(ArticleDraft("MAT-01", "Vidéoprojecteur", "materiel", Decimal("650"), active=False))
    assert codes(articles, ArticleQuery()) == ["FOR-01", "FOR-02", "LOG-01", "MAT-01"]
    assert codes(articles, ArticleQuery(text="excel")) == ["FOR-02"]
    assert codes(articles, ArticleQuery(text="log")) == ["LOG-01"]
    assert codes(articles, ArticleQuery(category="formation")) == ["FOR-01", "FOR-02"]
    assert codes(articles, ArticleQuery(active=True)) == ["FOR-01", "FOR-02", "LOG-01"]
    assert codes(articles, ArticleQuery(), "unit_price", True) == ["MAT-01", "FOR-02", "FOR-01", "LOG-01"]
    assert [a.code for a in articles.find("for")] == ["FOR-01", "FOR-02"]
    assert articles.delete([old.id]) == 1
    assert codes(articles, ArticleQuery()) == ["FOR-01", "FOR-02", "LOG-01"]
    assert codes(articles, ArticleQuery(trash=True)) == ["MAT-01"]
    assert articles.restore([old.id]) == 1
    assert articles.count(ArticleQuery()) == 4
    # Without a settings list, the filter offers the codes in use; with one, its labels.
    assert articles.categories() == []
    assert articles.used_categories() == ["formation", "logiciel", "materiel"]
    with db.write_session() as session:
        session.add(ChoiceItem(list_key="article_category", code="logiciel", label="Logiciel", position=2))
        session.add(ChoiceItem(list_key="article_category", code="formation", label="Formation", position=1))
        session.commit()
    assert articles.categories() == [("formation", "Formation"), ("logiciel", "Logiciel")]
