"""Alembic environment: runs on the connection handed over by `ekocrm_desktop.db.migrate`."""

from __future__ import annotations

import warnings
from typing import Any

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlalchemy.exc import SAWarning

import ekocrm_desktop.models  # noqa: F401 - registers every table
from ekocrm_desktop.db.migrate import include_name
from ekocrm_desktop.models.base import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata

# SQLite's reflection cannot read an index on an expression (party_email's lower(address)):
# the comparison with the models then leaves it aside, which is all it can do.
warnings.filterwarnings(
    "ignore", r"Skipped unsupported reflection of expression-based index ix_party_email_lower_address", SAWarning
)
warnings.filterwarnings("ignore", r"autogenerate skipping metadata-specified expression-based index 'ix_party_email")


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
