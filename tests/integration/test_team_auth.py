"""Passwords and TLS on a server that really checks them (a private SCRAM cluster, see tests/support).

`ekocrm db init` from the command line with the server administrator's password on stdin;
each person's password reaches the server only as a SCRAM verifier; a wrong password, a
disabled login and a certificate for another host name are refused with a clear reason
(reliability anchors §3.1 K1 and §3.3 T1).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from ekocrm_desktop.cli import main as cli_main
from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.access import AccessService
from ekocrm_desktop.services.contacts import ContactService, PartyDraft
from ekocrm_desktop.services.workspaces import (
    POSTGRESQL,
    ConnectionFailedError,
    PostgresSettings,
    Workspace,
    WorkspaceRegistry,
    check_connection,
    open_workspace,
)
from tests.support.scram_cluster import ScramCluster, why_unavailable

pytestmark = pytest.mark.postgres

DATABASE = "ekocrm_scram"


@pytest.fixture(scope="module")
def cluster() -> Iterator[ScramCluster]:
    reason = why_unavailable()
    if reason is not None:
        if os.environ.get("EKOCRM_REQUIRE_PG") == "1":
            pytest.fail(f"the SCRAM/TLS cluster is required here but {reason}")
        pytest.skip(f"SCRAM/TLS cluster unavailable: {reason}")
    server = ScramCluster()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def team_on_cluster(cluster: ScramCluster) -> ScramCluster:
    """`ekocrm db init` run once, with the first administrator "marie"."""
    plain = cluster.url(password=None).set(drivername="postgresql", database=DATABASE, password=None)
    url = plain.render_as_string(hide_password=False)
    stdin = io.StringIO(f"{cluster.superuser_password}\nMarie-pw-123\n")
    import sys

    old_stdin, sys.stdin = sys.stdin, stdin
    try:
        code = cli_main(
            [
                "db",
                "init",
                "--url",
                url,
                "--password-stdin",
                "--admin",
                "marie",
                "--admin-name",
                "Marie Curie",
                "--admin-password-stdin",
            ]
        )
    finally:
        sys.stdin = old_stdin
    assert code == 0
    return cluster


def settings(cluster: ScramCluster, user: str, **changes: object) -> PostgresSettings:
    base = PostgresSettings(host="127.0.0.1", port=cluster.port, database=DATABASE, username=user)
    return PostgresSettings(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_each_person_logs_in_with_their_own_password_and_no_other(team_on_cluster: ScramCluster) -> None:
    cluster = team_on_cluster
    marie = Workspace("w-marie", "Équipe", "#000", POSTGRESQL, postgres=settings(cluster, "marie"))
    opened = open_workspace(marie, password="Marie-pw-123")
    team = AccessService(opened.db)
    assert team.capabilities().app_role == "administrator"
    invitation = team.invite("bruno", app_role="collaborator", password="Bruno-pw-456", last_name="Bruno")
    generated = team.invite("carla", app_role="reader", last_name="Carla").generated_password
    assert generated is not None

    bruno = Workspace("w-bruno", "Équipe B", "#000", POSTGRESQL, postgres=settings(cluster, "bruno"))
    with pytest.raises(ConnectionFailedError) as refused:
        open_workspace(bruno, password="Marie-pw-123")
    assert "password authentication failed" in str(refused.value)
    assert "Marie-pw-123" not in str(refused.value)
    as_bruno = open_workspace(bruno, password="Bruno-pw-456")
    assert AccessService(as_bruno.db).capabilities().my_party_id == invitation.party_id
    ContactService(as_bruno.db).create(PartyDraft(first_name="Créé", last_name="Par Bruno"))
    as_bruno.db.dispose()
    carla = Workspace("w-carla", "Équipe C", "#000", POSTGRESQL, postgres=settings(cluster, "carla"))
    as_carla = open_workspace(carla, password=generated)
    assert AccessService(as_carla.db).capabilities().app_role == "reader"
    as_carla.db.dispose()

    # The server holds verifiers, never the passwords themselves.
    admin = make_engine(cluster.url(database=DATABASE), poolclass=NullPool)
    with admin.connect() as conn:
        stored = dict(
            conn.execute(
                text("SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN ('marie', 'bruno', 'carla')")
            ).all()
        )
    admin.dispose()
    assert all(value.startswith("SCRAM-SHA-256$") for value in stored.values())
    assert "Bruno-pw-456" not in stored["bruno"] and generated not in stored["carla"]

    # A new password replaces the old one; a disabled login is refused.
    team.reset_password("bruno", "Bruno-new-789")
    with pytest.raises(ConnectionFailedError):
        open_workspace(bruno, password="Bruno-pw-456")
    open_workspace(bruno, password="Bruno-new-789").db.dispose()
    team.set_enabled("bruno", False)
    with pytest.raises(ConnectionFailedError) as disabled:
        open_workspace(bruno, password="Bruno-new-789")
    assert "not permitted to log in" in str(disabled.value)
    team.set_enabled("bruno", True)
    opened.db.dispose()


def test_a_person_changes_their_own_password(team_on_cluster: ScramCluster) -> None:
    cluster = team_on_cluster
    marie_ws = Workspace("w-marie", "Équipe", "#000", POSTGRESQL, postgres=settings(cluster, "marie"))
    admin = open_workspace(marie_ws, password="Marie-pw-123")
    AccessService(admin.db).invite("dora", app_role="collaborator", password="Dora-pw-111", last_name="Dora")
    admin.db.dispose()
    dora_ws = Workspace("w-dora", "Équipe D", "#000", POSTGRESQL, postgres=settings(cluster, "dora"))
    dora = open_workspace(dora_ws, password="Dora-pw-111")
    AccessService(dora.db).change_own_password("Dora-pw-222")
    dora.db.dispose()
    with pytest.raises(ConnectionFailedError):
        open_workspace(dora_ws, password="Dora-pw-111")
    open_workspace(dora_ws, password="Dora-pw-222").db.dispose()


def test_a_certificate_for_another_host_name_is_refused_with_a_clear_reason(team_on_cluster: ScramCluster) -> None:
    cluster = team_on_cluster
    ca = str(cluster.ca_file)
    # The certificate says "localhost": asking for 127.0.0.1 with verify-full must fail (T1).
    wrong_host = settings(cluster, "marie", sslmode="verify-full", sslrootcert=ca)
    with pytest.raises(ConnectionFailedError) as refused:
        check_connection(wrong_host, "Marie-pw-123")
    message = str(refused.value)
    assert "127.0.0.1" in message and "certificate" in message
    # Without the office CA the chain itself is refused.
    with pytest.raises(ConnectionFailedError):
        check_connection(settings(cluster, "marie", host="localhost", sslmode="verify-full"), "Marie-pw-123")
    # The right name and the CA file: connected, and the traffic is encrypted.
    good = settings(cluster, "marie", host="localhost", sslmode="verify-full", sslrootcert=ca)
    assert check_connection(good, "Marie-pw-123")
    opened = open_workspace(Workspace("w-tls", "TLS", "#000", POSTGRESQL, postgres=good), password="Marie-pw-123")
    with opened.db.session() as session:
        assert session.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar() is True
    opened.db.dispose()
    # The live-update connection uses the same TLS settings.
    conninfo = good.url("Marie-pw-123").set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        assert conn.info.pgconn.ssl_in_use


def test_the_workspace_password_is_read_from_the_keychain(team_on_cluster: ScramCluster) -> None:
    cluster = team_on_cluster
    registry = WorkspaceRegistry()
    workspace = registry.add(Workspace("w-k", "Clé", "#000", POSTGRESQL, postgres=settings(cluster, "marie")))
    secrets = SecretStore()
    secrets.set(workspace.secret_key, "Marie-pw-123")
    opened = open_workspace(workspace, secrets=secrets)
    assert isinstance(opened.db, Database) and opened.db.actor == "marie"
    opened.db.dispose()
    assert "Marie-pw-123" not in registry.path.read_text(encoding="utf-8")
