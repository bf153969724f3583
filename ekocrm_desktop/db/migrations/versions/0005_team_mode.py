"""Team mode: private records, logins linked to collaborators, row-level security, change history.

On PostgreSQL: the functions, statement-level history/notification triggers, row-level
security policies on every table holding personal data, and (when `ekocrm db init` set the
database up for a team) the GRANTs of the group roles. On SQLite: the tables only (the
session records the history of a one-user file).

Revision ID: 0005
Revises: 0002b
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ekocrm_desktop.db.migrations.helpers import create_party_fts_v2, drop_party_fts_v2
from ekocrm_desktop.db.migrations.security import (
    ADMIN_FUNCTIONS,
    APP_ROLES,
    BOOKKEEPING,
    PARTY_DERIVED_V1,
    create_security_functions_v1,
    drop_history_v1,
    drop_policies_v1,
    drop_security_functions_v1,
    grant_v1,
    group_role,
    install_child_security_v1,
    install_history_security_v1,
    install_history_v1,
    install_receipt_security_v1,
    install_record_security_v1,
    is_postgres,
    role_prefix,
)

revision: str = "0005"
down_revision: str | None = "0002b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Party columns derived from the others on every save: not what a user changes.
PARTY_DERIVED = PARTY_DERIVED_V1
#: Rows that belong to a party, and the column pointing at it.
PARTY_CHILDREN = {
    "party_email": "party_id",
    "party_phone": "party_id",
    "party_address": "party_id",
    "party_role": "party_id",
    "affiliation": "person_id",
    "party_tag": "party_id",
}
CHILD_IGNORE = ("id", "created_at", "updated_at", "created_by", "updated_by")


def upgrade() -> None:
    json_type = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    op.create_table(
        "access_config",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=250), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_access_config")),
    )
    op.create_table(
        "user_account",
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("party_id", sa.Uuid(), nullable=True),
        sa.Column("display_name", sa.String(length=250), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_user_account_party_id_party"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_user_account")),
        sa.UniqueConstraint("party_id", name=op.f("uq_user_account_party_id")),
    )
    op.create_table(
        "record_history",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("root_table", sa.String(length=63), nullable=False),
        sa.Column("root_id", sa.Uuid(), nullable=False),
        sa.Column("operation", sa.String(length=1), nullable=False),
        sa.Column("changes", json_type, nullable=True),
        sa.Column("reason", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_history")),
    )
    op.create_index(
        "ix_record_history_root_table_root_id_id", "record_history", ["root_table", "root_id", "id"], unique=False
    )
    op.create_index("ix_record_history_tx_record_id", "record_history", ["tx", "record_id"], unique=False)
    op.create_table(
        "save_receipt",
        sa.Column("token", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_save_receipt")),
    )
    op.create_index(op.f("ix_save_receipt_created_at"), "save_receipt", ["created_at"], unique=False)
    # A plain ADD COLUMN on both engines (SQLite needs no table rebuild for it: the FTS
    # triggers stay in place).
    op.add_column("party", sa.Column("private", sa.Boolean(), server_default=sa.false(), nullable=False))

    if not is_postgres(op):
        return
    prefix = role_prefix(op)
    if prefix is not None:
        op.get_bind().execute(
            sa.text("INSERT INTO access_config (key, value) VALUES ('role_prefix', :p)"), {"p": prefix}
        )
    create_security_functions_v1(op)

    install_record_security_v1(op, "party", owner_column="owner_id", private_column="private")
    for child, column in PARTY_CHILDREN.items():
        install_child_security_v1(op, child, parent_table="party", parent_column=column)
    install_history_security_v1(op)
    install_receipt_security_v1(op)

    install_history_v1(op, "party", root_table="party", ignore=(*BOOKKEEPING, *PARTY_DERIVED))
    for child, column in PARTY_CHILDREN.items():
        install_history_v1(
            op,
            child,
            root_table="party",
            root_column=column,
            key_column="" if child == "party_tag" else "id",
            ignore=CHILD_IGNORE,
            full_update=True,
        )
    install_history_v1(op, "tag", root_table="tag")

    # Who may do what (GRANTs to the group roles; only once `db init` created them).
    write, create = "SELECT, INSERT, UPDATE, DELETE", "SELECT, INSERT, UPDATE"
    grant_v1(op, "party", collaborator=create)  # removing a record for good: administrators
    for child in PARTY_CHILDREN:
        grant_v1(op, child, collaborator=write)
    grant_v1(op, "tag", collaborator=create)
    for shared in ("app_setting",):
        grant_v1(op, shared, collaborator="SELECT")
    for read_only in ("record_history", "user_account", "access_config", "alembic_version"):
        grant_v1(op, read_only, collaborator="SELECT", administrator="SELECT")
    grant_v1(op, "save_receipt", reader="", collaborator="SELECT, INSERT", administrator="SELECT, INSERT")
    # Teams decide what "team" scope shows: only administrators may change who is in which team
    # (else a collaborator could join any team and see its records). The domains revision
    # creates these tables; when it runs before this one, they are secured here, else there.
    bind = op.get_bind()
    for table in ("team", "team_member", "collaborator"):
        if bind.execute(sa.text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar():
            grant_v1(op, table, collaborator="SELECT")
    if prefix is not None:
        admins = group_role(prefix, "administrator")
        for function in ADMIN_FUNCTIONS:
            op.execute(f'GRANT EXECUTE ON FUNCTION {function} TO "{admins}"')
        # Tables a later revision creates get working rights until it sets its own (grant_v1).
        owner = group_role(prefix, "owner")
        readers = ", ".join(f'"{group_role(prefix, r)}"' for r in APP_ROLES)
        writers = ", ".join(f'"{group_role(prefix, r)}"' for r in ("collaborator", "administrator"))
        op.execute(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" GRANT SELECT ON TABLES TO {readers}')
        op.execute(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" GRANT INSERT, UPDATE, DELETE ON TABLES TO {writers}')
        op.execute(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" GRANT USAGE ON SEQUENCES TO {writers}')


def downgrade() -> None:
    if is_postgres(op):
        prefix = role_prefix(op)
        if prefix is not None:
            owner = group_role(prefix, "owner")
            readers = ", ".join(f'"{group_role(prefix, r)}"' for r in APP_ROLES)
            writers = ", ".join(f'"{group_role(prefix, r)}"' for r in ("collaborator", "administrator"))
            for privileges, kind, groups in (
                ("SELECT", "TABLES", readers),
                ("INSERT, UPDATE, DELETE", "TABLES", writers),
                ("USAGE", "SEQUENCES", writers),
            ):
                op.execute(f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" REVOKE {privileges} ON {kind} FROM {groups}')
        for table in ("party", *PARTY_CHILDREN, "tag"):
            drop_history_v1(op, table)
        for table in ("party", *PARTY_CHILDREN, "record_history", "save_receipt"):
            drop_policies_v1(op, table)
        drop_security_functions_v1(op)
    op.drop_index(op.f("ix_save_receipt_created_at"), table_name="save_receipt")
    op.drop_table("save_receipt")
    op.drop_index("ix_record_history_tx_record_id", table_name="record_history")
    op.drop_index("ix_record_history_root_table_root_id_id", table_name="record_history")
    op.drop_table("record_history")
    op.drop_table("user_account")
    op.drop_table("access_config")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        # Recreating party (batch mode) would break the FTS view on it and kill its triggers:
        # take the live-only search index of revision 0002b down around it, then rebuild it.
        drop_party_fts_v2(op)
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_column("private")
    if sqlite:
        create_party_fts_v2(op)
