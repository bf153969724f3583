"""Autogenerate the next Alembic revision against a scratch SQLite database at head.

Usage: python tools/new_migration.py 0002 "what changed"
Review the file it writes: SQLite-only and PostgreSQL-only objects (FTS5, GIN indexes,
row-level security) are added by hand.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy.pool import NullPool

from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.db.migrate import alembic_config, alembic_upgrade


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(sqlite_url(Path(tmp) / "scratch.sqlite"), foreign_keys=False, poolclass=NullPool)
        with engine.begin() as conn:
            alembic_upgrade(conn)
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    main()
