"""K1 (reliability anchors §3.1): the PostgreSQL passwords of a team appear in no file the app writes.

Sentinel passwords go through every flow that touches them: `ekocrm db init` (the server
administrator's and the first administrator's), `ekocrm workspace add`, `ekocrm user add`
and `user password`, opening the window, saving, reverting, inviting from the Team page,
failed logins. Then every file under the app's home (configuration, logs, data) and the
test's temporary folder is read: none may contain any of them.
"""

from __future__ import annotations

import io
import logging
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from PySide6.QtCore import Qt

from ekocrm_desktop.cli import main as cli_main
from ekocrm_desktop.db.engine import make_engine
from ekocrm_desktop.logs import setup_logging
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.access import drop_team_roles
from ekocrm_desktop.services.contacts import ContactService, PartyDraft
from ekocrm_desktop.services.preferences import Preferences
from ekocrm_desktop.services.workspaces import ConnectionFailedError, WorkspaceRegistry, open_workspace
from ekocrm_desktop.ui.dialogs.invite_dialog import InviteDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.team_page import TeamPage

from .conftest import type_text, when_modal

pytestmark = pytest.mark.postgres


def run_cli(args: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli_main(args)


def test_team_passwords_are_in_no_file_the_app_writes(
    qtbot,
    pg_admin_url,
    ekocrm_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    tag = uuid.uuid4().hex[:6]
    sentinels = {name: f"S3ntinel-{name}-{uuid.uuid4().hex}" for name in ("server", "admin", "bob", "bob2", "zoe")}
    database, admin_login, bob_login = f"ekocrm_k1_{tag}", f"t{tag}_admin", f"t{tag}_bob"
    setup_logging(logging.DEBUG)
    server = pg_admin_url.set(drivername="postgresql", database=database, password=None)
    try:
        url = server.render_as_string(hide_password=False)
        assert (
            run_cli(
                ["db", "init", "--url", url, "--password-stdin", "--admin", admin_login, "--admin-password-stdin"],
                f"{sentinels['server']}\n{sentinels['admin']}\n",
                monkeypatch,
            )
            == 0
        )
        mine = server.set(username=admin_login).render_as_string(hide_password=False)
        assert (
            run_cli(
                ["workspace", "add", "Équipe", "--url", mine, "--password-stdin"],
                sentinels["admin"] + "\n",
                monkeypatch,
            )
            == 0
        )
        assert (
            run_cli(
                ["user", "add", bob_login, "--last-name", "Bob", "--workspace", "Équipe", "--new-password-stdin"],
                sentinels["bob"] + "\n",
                monkeypatch,
            )
            == 0
        )
        assert (
            run_cli(
                ["user", "password", bob_login, "--workspace", "Équipe", "--new-password-stdin"],
                sentinels["bob2"] + "\n",
                monkeypatch,
            )
            == 0
        )
        assert run_cli(["user", "list", "--workspace", "Équipe"], "", monkeypatch) == 0
        printed = capsys.readouterr()
        assert not any(s in printed.out + printed.err for s in sentinels.values())

        # The window: open from the keychain, save, revert, invite someone with a chosen password.
        registry = WorkspaceRegistry()
        window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
        qtbot.addWidget(window)
        window.show()
        window.open_workspace(registry.get("Équipe"))
        qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
        session = window.session
        assert session is not None
        created = session.contacts.create(PartyDraft(first_name="Secret", last_name="Gardé"))
        editor = window.edit_party(created.id)
        assert editor is not None
        type_text(editor.job_title, "Trésorier")
        assert editor.save()
        change = session.history.party_history(created.id)[0]
        session.history.revert_party(created.id, change.tx, expected_version=created.version + 1)
        page = window.show_page("team")
        assert isinstance(page, TeamPage)

        def invite(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, InviteDialog)
            type_text(dialog.last_name, "Zoé")
            dialog.login.setText(f"t{tag}_zoe")
            dialog._login_touched = True
            dialog.choose_radio.setChecked(True)
            type_text(dialog.password, sentinels["zoe"])
            dialog.ok_button.click()

        when_modal(invite)
        qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(m.login == f"t{tag}_zoe" for m in page.members))
        window.close()

        # A failed connection (wrong database) must not leak the password in its message or the log.
        broken = registry.get("Équipe")
        assert broken.postgres is not None
        import dataclasses

        wrong = dataclasses.replace(broken, postgres=dataclasses.replace(broken.postgres, database="nope_" + tag))
        with pytest.raises(ConnectionFailedError) as refused:
            open_workspace(wrong, secrets=SecretStore())
        assert not any(s in str(refused.value) for s in sentinels.values())
        bob_db = open_workspace(
            dataclasses.replace(broken, postgres=dataclasses.replace(broken.postgres, username=bob_login)),
            password=sentinels["bob2"],
        ).db
        ContactService(bob_db).create(PartyDraft(first_name="Par", last_name="Bob"))
        bob_db.dispose()
        for handler in logging.getLogger().handlers:
            handler.flush()

        # Every file the app wrote: configuration, logs, data, and this test's temporary folder.
        scanned = 0
        for folder in (ekocrm_home, tmp_path):
            for path in folder.rglob("*"):
                if path.is_file():
                    content = path.read_bytes()
                    scanned += 1
                    for name, secret in sentinels.items():
                        assert secret.encode() not in content, f"the {name} password leaked into {path}"
        assert scanned >= 3  # workspaces.json, the log file, preferences...
        assert (ekocrm_home / "logs" / "ekocrm.log").stat().st_size > 0
        # The server keeps verifiers only, and the history nothing of them.
        engine = make_engine(pg_admin_url.set(database=database), poolclass=NullPool)
        with engine.connect() as conn:
            stored = (
                conn.execute(
                    text("SELECT rolpassword FROM pg_authid WHERE rolname IN (:a, :b)"),
                    {"a": admin_login, "b": bob_login},
                )
                .scalars()
                .all()
            )
            history = conn.execute(text("SELECT coalesce(string_agg(changes::text, ''), '') FROM record_history"))
            dump = history.scalar_one()
        engine.dispose()
        assert all(value.startswith("SCRAM-SHA-256$") for value in stored)
        assert not any(s in dump for s in sentinels.values())
    finally:
        engine = make_engine(pg_admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        engine.dispose()
        drop_team_roles(pg_admin_url, database)
