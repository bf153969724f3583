"""The articles catalogue: products and services with a code, a category, a unit price (EUR)
and a VAT rate, sold on the lines of deals.

Categories are codes of the "article_category" settings list (`choice_item`); the list is
edited elsewhere, this service only reads it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.domains import Article, ChoiceItem, ChoiceListKey, DealLine
from ekocrm_desktop.services.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    ValidationFailedError,
    denied,
)
from ekocrm_desktop.services.paging import AnySelect, PageRequest, SortKey, fetch_window

#: Change kind announced by this service.
ARTICLE = "article"
CENT = Decimal("0.01")
#: The French VAT rates (percent) offered first; any rate from 0 to 100 is accepted.
FRENCH_VAT_RATES = (Decimal("20.00"), Decimal("10.00"), Decimal("5.50"), Decimal("2.10"), Decimal("0.00"))
MAX_AMOUNT = Decimal("1e12")


@dataclasses.dataclass(frozen=True)
class ArticleDraft:
    """What the article form edits."""

    code: str
    name: str
    category: str = ""
    unit_price: Decimal = Decimal("0")
    vat_rate: Decimal = Decimal("20.00")
    active: bool = True
    description: str = ""


@dataclasses.dataclass(frozen=True)
class ArticleInfo:
    """A stored article (also one row of the articles list)."""

    id: UUID
    version: int
    code: str
    name: str
    category: str
    unit_price: Decimal
    currency: str
    vat_rate: Decimal
    active: bool
    description: str
    updated_at: dt.datetime
    updated_by: str | None
    deleted_at: dt.datetime | None
    sort_key: SortKey = (None, None)

    @property
    def draft(self) -> ArticleDraft:
        """Its editable content."""
        return ArticleDraft(
            self.code, self.name, self.category, self.unit_price, self.vat_rate, self.active, self.description
        )

    @property
    def display_name(self) -> str:
        """ "CODE — Name", as pickers and conflicts show it."""
        return f"{self.code} — {self.name}"


@dataclasses.dataclass(frozen=True)
class ArticleQuery:
    """Filters of the articles list."""

    text: str = ""
    category: str | None = None
    #: None: active and inactive; True/False: only those.
    active: bool | None = None
    trash: bool = False


#: Sortable columns (all NOT NULL; the catalogue is small, a few hundred rows at most).
SORT_COLUMNS: dict[str, Any] = {
    "code": Article.code,
    "name": Article.name,
    "category": Article.category,
    "unit_price": Article.unit_price,
    "vat_rate": Article.vat_rate,
}


def read_choices(session: Session, list_key: str) -> list[tuple[str, str]]:
    """(code, label) of the active values of a settings list, in their order."""
    rows = session.execute(
        select(ChoiceItem.code, ChoiceItem.label)
        .where(ChoiceItem.list_key == list_key, ChoiceItem.active.is_(True), ChoiceItem.deleted_at.is_(None))
        .order_by(ChoiceItem.position, ChoiceItem.label)
    )
    return [(r[0], r[1]) for r in rows]


def parse_decimal(value: Any) -> Decimal | None:
    """A Decimal from a Decimal, int or text ("12,5"); None when it is not a finite number."""
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def check_money(value: Any, field: str, errors: list[FieldError]) -> Decimal:
    """A non-negative amount in cents, or an `amount_invalid` error."""
    amount = parse_decimal(value)
    if amount is None or amount < 0 or amount >= MAX_AMOUNT or amount != amount.quantize(CENT):
        errors.append(FieldError(field, "amount_invalid", str(value)))
        return Decimal("0.00")
    return amount.quantize(CENT)


def check_vat_rate(value: Any, field: str, errors: list[FieldError]) -> Decimal:
    """A VAT rate in percent, 0 to 100 with two decimals at most."""
    rate = parse_decimal(value)
    if rate is None or not Decimal(0) <= rate <= Decimal(100) or rate != rate.quantize(CENT):
        errors.append(FieldError(field, "vat_rate_invalid", str(value)))
        return Decimal("0.00")
    return rate.quantize(CENT)


class ArticleService:
    """Use cases on the articles catalogue."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ validation
    def validate(self, draft: ArticleDraft, *, article_id: UUID | None = None) -> tuple[ArticleDraft, list[FieldError]]:
        """The draft normalised, and its problems (a code already used included)."""
        errors: list[FieldError] = []
        code = "".join(draft.code.split()).upper()
        name = " ".join(draft.name.split())
        if not code:
            errors.append(FieldError("code", "required"))
        elif len(code) > 40:
            errors.append(FieldError("code", "too_long", code[:20], {"max": 40}))
        if not name:
            errors.append(FieldError("name", "required"))
        elif len(name) > 200:
            errors.append(FieldError("name", "too_long", name[:40], {"max": 200}))
        category = draft.category.strip()
        if len(category) > 60:
            errors.append(FieldError("category", "too_long", category[:20], {"max": 60}))
        price = check_money(draft.unit_price, "unit_price", errors)
        rate = check_vat_rate(draft.vat_rate, "vat_rate", errors)
        if code and len(code) <= 40:
            with self._db.session() as session:
                clash = session.scalar(select(Article.id).where(func.upper(Article.code) == code))
            if clash is not None and clash != article_id:
                errors.append(FieldError("code", "duplicate_name", code))
        clean = dataclasses.replace(
            draft,
            code=code,
            name=name,
            category=category,
            unit_price=price,
            vat_rate=rate,
            description=draft.description.strip(),
        )
        return clean, errors

    # ------------------------------------------------------------------ writes
    def create(self, draft: ArticleDraft) -> ArticleInfo:
        """Add an article; ValidationFailedError if the draft is invalid."""
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        try:
            with self._db.write_session() as session:
                row = Article()
                session.add(row)
                _apply(row, clean)
                session.flush()
                info = _info(row)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(ARTICLE, [info.id]))
        return info

    def update(self, article_id: UUID, expected_version: int, draft: ArticleDraft) -> ArticleInfo:
        """Save an article loaded at `expected_version`; ConflictError if someone saved it meanwhile."""
        clean, errors = self.validate(draft, article_id=article_id)
        if errors:
            raise ValidationFailedError(errors)
        try:
            with self._db.write_session() as session:
                row = _load(session, article_id)
                if row.version != expected_version:
                    raise ConflictError(_info(row), expected_version=expected_version)
                _apply(row, clean)
                session.flush()
                info = _info(row)
                session.commit()
        except StaleDataError:
            raise ConflictError(self.get(article_id), expected_version=expected_version) from None
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(ARTICLE, [article_id]))
        return info

    def delete(self, article_ids: Iterable[UUID]) -> int:
        """Move articles to the trash (deal lines keep pointing at them); returns how many."""
        return self._set_deleted(list(article_ids), self._db.clock())

    def restore(self, article_ids: Iterable[UUID]) -> int:
        """Bring articles back from the trash; returns how many."""
        return self._set_deleted(list(article_ids), None)

    def _set_deleted(self, ids: list[UUID], when: dt.datetime | None) -> int:
        try:
            with self._db.write_session() as session:
                rows = session.scalars(
                    select(Article).where(
                        Article.id.in_(ids),
                        Article.deleted_at.is_(None) if when is not None else Article.deleted_at.is_not(None),
                    )
                ).all()
                for row in rows:
                    row.deleted_at = when
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(ARTICLE, ids))
        return len(rows)

    # ------------------------------------------------------------------ reads
    def get(self, article_id: UUID) -> ArticleInfo:
        """One article, trashed or not."""
        with self._db.session() as session:
            return _info(_load(session, article_id))

    def count(self, query: ArticleQuery) -> int:
        """How many articles the list shows."""
        with self._db.session() as session:
            return int(session.execute(_filtered(select(func.count()).select_from(Article), query)).scalar_one())

    def page(self, query: ArticleQuery, sort: str, descending: bool, request: PageRequest) -> list[ArticleInfo]:
        """One window of the list, in display order."""
        sort_column = SORT_COLUMNS.get(sort, Article.code)
        stmt = _filtered(select(Article, sort_column.label("sort_value")), query)
        with self._db.session() as session:
            rows = fetch_window(
                session, stmt, sort_column=sort_column, id_column=Article.id, descending=descending, request=request
            )
            return [_info(r[0], (r.sort_value, r[0].id)) for r in rows]

    def find(self, text: str = "", limit: int = 30) -> list[ArticleInfo]:
        """Active articles whose code or name contains `text`, for the line picker."""
        query = ArticleQuery(text=text, active=True)
        return self.page(query, "code", False, PageRequest(0, limit, 0))

    def categories(self) -> list[tuple[str, str]]:
        """(code, label) of the article categories of the settings list; empty when none were set."""
        with self._db.session() as session:
            return read_choices(session, ChoiceListKey.ARTICLE_CATEGORY.value)

    def used_categories(self) -> list[str]:
        """Category codes that live articles carry (the filter offers them when the list is empty)."""
        with self._db.session() as session:
            stmt = (
                select(Article.category)
                .where(Article.deleted_at.is_(None), Article.category != "")
                .group_by(Article.category)
                .order_by(Article.category)
            )
            return list(session.scalars(stmt))

    def usage(self, article_ids: Sequence[UUID]) -> int:
        """How many deal lines use these articles."""
        with self._db.session() as session:
            return int(session.scalar(select(func.count()).where(DealLine.article_id.in_(list(article_ids)))) or 0)


def _filtered(stmt: AnySelect, query: ArticleQuery) -> AnySelect:
    stmt = stmt.where(Article.deleted_at.is_not(None) if query.trash else Article.deleted_at.is_(None))
    if query.category:
        stmt = stmt.where(Article.category == query.category)
    if query.active is not None:
        stmt = stmt.where(Article.active.is_(query.active))
    text = query.text.strip().lower()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(
            or_(
                func.lower(Article.code).like(pattern, escape="\\"), func.lower(Article.name).like(pattern, escape="\\")
            )
        )
    return stmt


def _load(session: Session, article_id: UUID) -> Article:
    row = session.get(Article, article_id, populate_existing=True)
    if row is None:
        raise NotFoundError(f"article {article_id} not found")
    return row


def _apply(row: Article, clean: ArticleDraft) -> None:
    row.code = clean.code
    row.name = clean.name
    row.category = clean.category
    row.unit_price = clean.unit_price
    row.vat_rate = clean.vat_rate
    row.active = clean.active
    row.description = clean.description
    row.currency = "EUR"


def _info(row: Article, sort_key: SortKey = (None, None)) -> ArticleInfo:
    return ArticleInfo(
        id=row.id,
        version=row.version,
        code=row.code,
        name=row.name,
        category=row.category,
        unit_price=Decimal(row.unit_price).quantize(CENT),
        currency=row.currency,
        vat_rate=Decimal(row.vat_rate).quantize(CENT),
        active=row.active,
        description=row.description,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        deleted_at=row.deleted_at,
        sort_key=sort_key,
    )
