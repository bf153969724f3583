"""Alembic environment: runs on the connection handed over by `ekocrm_desktop.db.migrate`."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool

import ekocrm_desktop.models  # noqa: F401 - registers every table
from ekocrm_desktop.models.base import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata

# Objects that live outside the ORM metadata on purpose, each on one backend only: the SQLite
# FTS5 index (and its shadow tables) and the PostgreSQL text-search index.
_UNMANAGED_PREFIXES = ("party_fts",)
_UNMANAGED_INDEXES = frozenset({"ix_party_search_doc_tsv"})


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Keep autogenerate (and `alembic check`) away from objects the ORM does not declare."""
    if type_ == "table" and name is not None:
        return not name.startswith(_UNMANAGED_PREFIXES)
    if type_ == "index":
        return name not in _UNMANAGED_INDEXES
    return True


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our column types as the plain SQL types they store, so scripts stay frozen."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        render_item=render_item,
        compare_type=True,
    )


def run_migrations_online() -> None:
    """Run on the caller's connection if given, else on one built from the ini URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; upgrade a database instead")
run_migrations_online()
