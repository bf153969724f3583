"""Declarative base, naming convention, column types and mixins shared by every entity."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Integer, MetaData, Numeric, String, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from ekocrm_desktop.models.ids import uuid7

# Stable constraint names on both databases; Alembic batch mode needs names to drop them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware datetimes, stored in UTC on every backend.

    SQLite has no time zone type: values are stored as naive UTC and given back aware.
    Naive values are refused on the way in so a local time can never be stored by mistake.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], dt.datetime | None] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def parse(value: Any) -> dt.datetime | None:
            # SQLite hands back the stored text. The C ISO parser reads it in a tenth of the
            # time of SQLAlchemy's regular expression: a list page of 200 rows parses 200 dates.
            if value is None:
                return None
            parsed = dt.datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                return parsed.replace(tzinfo=dt.UTC)
            return parsed.astimezone(dt.UTC)

        return parse


def Money() -> Numeric[Decimal]:
    """Amounts: Decimal with two places (the currency lives in its own column)."""
    return Numeric(14, 2, asdecimal=True)


class Base(DeclarativeBase):
    """Root of every entity; carries the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {
        uuid.UUID: Uuid(as_uuid=True),
        dt.datetime: UTCDateTime(),
        Decimal: Numeric(14, 2, asdecimal=True),
    }


def utcnow() -> dt.datetime:
    """Now, aware, in UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


class IdMixin:
    """Client-generated time-ordered UUID primary key."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid(as_uuid=True), primary_key=True, default=uuid7, sort_order=-100)


class AuditMixin(IdMixin):
    """Who created and last changed the row, and when (filled by the session's flush hook)."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, sort_order=100)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, sort_order=100)
    created_by: Mapped[str | None] = mapped_column(String(120), sort_order=100)
    updated_by: Mapped[str | None] = mapped_column(String(120), sort_order=100)


class VersionedMixin(AuditMixin):
    """Aggregate roots: optimistic locking with `version` and soft delete with `deleted_at`.

    Child value rows (e-mails, phones, addresses of a party) are part of their root and are
    protected by the root's version: every save of the aggregate bumps it.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, sort_order=90)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), sort_order=90)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
