"""Regenerate the team-mode screenshots of the README: the Team page and a record's History tab.

    EKOCRM_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres python tools/screenshot_team.py [--lang fr|en]

Creates a throw-away team database on that server (dropped at the end, with its roles), runs
the window offscreen in a throw-away home folder and an in-memory keychain.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    raw = os.environ.get("EKOCRM_TEST_PG_URL")
    if not raw:
        print("set EKOCRM_TEST_PG_URL to a PostgreSQL server where databases and roles may be created")
        return 2
    os.environ["EKOCRM_HOME"] = tempfile.mkdtemp(prefix="ekocrm-team-shots-")

    import keyring
    from keyring.backend import KeyringBackend
    from sqlalchemy import make_url, text
    from sqlalchemy.pool import NullPool

    from PySide6.QtCore import QThreadPool

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.access import AccessService, drop_team_roles, init_shared_database
    from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, PhoneEntry
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import POSTGRESQL, PostgresSettings, Workspace, WorkspaceRegistry
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())
    app = make_application([])
    install_translators(app, args.lang)
    server = make_url(raw).set(drivername="postgresql+psycopg")
    tag = uuid.uuid4().hex[:6]
    database, prefix = f"ekocrm_shots_{tag}", f"eks_{tag}"
    url = server.set(database=database)
    try:
        init_shared_database(
            url,
            role_prefix=prefix,
            first_admin="marie",
            first_admin_password="Marie-1234",
            first_admin_name=("Marie", "Lefèvre"),
        )
        superuser = Database(make_engine(url, poolclass=NullPool), actor="demo")
        generate_demo_data(superuser, DemoSize(300, 40))
        superuser.dispose()
        marie = Database(make_engine(url.set(username="marie", password="Marie-1234")), actor="marie")
        team = AccessService(marie)
        for login, first, last, role in (
            ("bruno", "Bruno", "Martin", "collaborator"),
            ("chloe", "Chloé", "Roux", "collaborator"),
            ("denis", "Denis", "Garnier", "reader"),
        ):
            team.invite(login, app_role=role, password=f"{login}-1234", first_name=first, last_name=last)
        team.set_scope("collaborator", "own")
        bruno = Database(make_engine(url.set(username="bruno", password="bruno-1234")), actor="bruno")
        caps = AccessService(bruno).capabilities()
        contacts = ContactService(bruno, default_owner_id=caps.my_party_id)
        record = contacts.create(
            PartyDraft(
                first_name="Hélène",
                last_name="Dupré",
                emails=(EmailEntry("helene.dupre@orange.fr"),),
                phones=(PhoneEntry("06 12 34 56 78"),),
            )
        )
        record = contacts.update(
            record.id,
            record.version,
            dataclasses.replace(record.draft, job_title="Trésorière", emails=(EmailEntry("h.dupre@asso-lyon.fr"),)),
        )
        contacts.update(
            record.id,
            record.version,
            dataclasses.replace(
                record.draft, last_name="Dupré-Lefèvre", tags=("Bureau",), notes="Rappeler avant l'assemblée générale"
            ),
        )
        bruno.dispose()

        registry = WorkspaceRegistry()
        settings = PostgresSettings(
            host=url.host or "localhost", port=url.port or 5432, database=database, username="marie"
        )
        workspace = registry.add(Workspace("w", "Association", "#8e24aa", POSTGRESQL, postgres=settings))
        SecretStore().set(workspace.secret_key, "Marie-1234")
        window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences(language=args.lang))
        window.resize(1280, 760)
        window.show()
        window.open_workspace(workspace)
        deadline = time.monotonic() + 20
        while window.session is None and time.monotonic() < deadline:
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(20)
        window.show_page("team")
        for _ in range(30):
            app.processEvents()
        args.out.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.out / "screenshot-team.png"))
        editor = window.edit_party(record.id)
        assert editor is not None and editor.history is not None
        editor.tabs.setCurrentWidget(editor.history)
        for _ in range(30):
            app.processEvents()
        editor.grab().save(str(args.out / "screenshot-history.png"))
        editor._closing_confirmed = True
        editor.close()
        window.close()
        marie.dispose()
        print(f"wrote {args.out / 'screenshot-team.png'} and {args.out / 'screenshot-history.png'}")
    finally:
        QThreadPool.globalInstance().waitForDone(5000)
        admin = make_engine(server, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
        drop_team_roles(server, prefix)  # the logins created in its groups go with it
    return 0


if __name__ == "__main__":
    sys.exit(main())
