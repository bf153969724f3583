"""The open workspace as the window sees it: its database, its services and the change signal."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.assemblies import AssemblyService
from ekocrm_desktop.services.contacts import ContactService
from ekocrm_desktop.services.membership import MembershipService
from ekocrm_desktop.services.news import NewsService
from ekocrm_desktop.services.preferences import Preferences
from ekocrm_desktop.services.workspaces import OpenedWorkspace, Workspace
from ekocrm_desktop.ui.bridge import ChangeBridge


class WorkspaceSession(QObject):
    """Services of one open workspace; pages get it, never a database session."""

    def __init__(self, opened: OpenedWorkspace, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.opened = opened
        self.preferences = preferences
        self.bridge = ChangeBridge(self)
        self.bridge.attach(opened.db)
        self.contacts = ContactService(opened.db, phone_region=preferences.phone_region)
        self.membership = MembershipService(opened.db)
        self.assemblies = AssemblyService(opened.db, membership=self.membership)
        self.news = NewsService(opened.db, membership=self.membership)

    @property
    def workspace(self) -> Workspace:
        """The workspace this session is on."""
        return self.opened.workspace

    @property
    def db(self) -> Database:
        """Its database (for services only: widgets never open sessions)."""
        return self.opened.db

    @property
    def read_only(self) -> bool:
        """Whether the database was opened read-only."""
        return self.opened.db.read_only

    def close(self) -> None:
        """Stop listening and release the database connections."""
        self.bridge.attach(None)
        self.opened.db.dispose()
