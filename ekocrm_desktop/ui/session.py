"""The open workspace as the window sees it: its database, its services and the change signal."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Signal

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.live import LiveUpdates
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.access import FULL_ACCESS, AccessService, Capabilities
from ekocrm_desktop.services.activities import ActivityService
from ekocrm_desktop.services.agenda import AgendaService
from ekocrm_desktop.services.alerts import AlertService
from ekocrm_desktop.services.articles import ArticleService
from ekocrm_desktop.services.assemblies import AssemblyService
from ekocrm_desktop.services.contacts import ContactService
from ekocrm_desktop.services.conversations import ConversationService
from ekocrm_desktop.services.deals import DealService
from ekocrm_desktop.services.domains import DomainService
from ekocrm_desktop.services.duplicates import DuplicateService
from ekocrm_desktop.services.eml import EmlImporter, ImapReader
from ekocrm_desktop.services.exporting import ExportService
from ekocrm_desktop.services.groups import GroupService
from ekocrm_desktop.services.history import HistoryService
from ekocrm_desktop.services.ical import IcsService
from ekocrm_desktop.services.importing import ImportService
from ekocrm_desktop.services.mailing import MailService
from ekocrm_desktop.services.membership import MailSend, MembershipService
from ekocrm_desktop.services.merge import MergeService
from ekocrm_desktop.services.news import NewsService
from ekocrm_desktop.services.preferences import Preferences
from ekocrm_desktop.services.segments import SegmentService
from ekocrm_desktop.services.settings_lists import SettingsListService
from ekocrm_desktop.services.sms import SmsService
from ekocrm_desktop.services.tasks import TaskService
from ekocrm_desktop.services.teams import TeamService
from ekocrm_desktop.services.workspaces import OpenedWorkspace, Workspace
from ekocrm_desktop.ui.alert_panel import AlertScheduler
from ekocrm_desktop.ui.bridge import ChangeBridge

log = logging.getLogger(__name__)


class WorkspaceSession(QObject):
    """Services of one open workspace; pages get it, never a database session."""

    #: The shared database became unreachable (False) or answers again (True); GUI thread.
    connection_changed = Signal(bool)
    _state_from_thread = Signal(bool)

    def __init__(self, opened: OpenedWorkspace, preferences: Preferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.opened = opened
        self.preferences = preferences
        self.bridge = ChangeBridge(self)
        self.bridge.attach(opened.db)
        self.access = AccessService(opened.db)
        #: What the connected role may do (the server enforces it; the window hides the rest).
        self.capabilities: Capabilities = FULL_ACCESS
        if not opened.db.read_only:
            try:
                self.capabilities = self.access.capabilities()
            except Exception:  # an old shared schema answers without our functions: full rights
                log.exception("could not read the connected role's rights")
        self.contacts = self.make_contacts(preferences)
        self.history = HistoryService(opened.db, self.contacts)
        self.membership = MembershipService(opened.db)
        self.assemblies = AssemblyService(opened.db, membership=self.membership)
        self.news = NewsService(opened.db, membership=self.membership)
        self.articles = ArticleService(opened.db)
        #: New deals belong to the connected collaborator on a team database.
        self.deals = DealService(
            opened.db, default_owner_id=self.capabilities.my_party_id if self.capabilities.team else None
        )
        self.domains = DomainService(
            opened.db, today=self.membership.today, due_soon_days=lambda: self.membership.settings().due_soon_days
        )
        self.teams = TeamService(opened.db, today=self.membership.today)
        self.settings_lists = SettingsListService(opened.db)
        # Actions (issue 5): "me" is the connected collaborator on a team database.
        me = self.capabilities.my_party_id if self.capabilities.team else None
        # One clock for them all, read at each call: a test that moves the database's clock moves
        # "today" of the agenda and tasks pages and the alerts together.
        self.activities = ActivityService(opened.db, me=me, clock=self.now)
        self.tasks = TaskService(opened.db, me=me, activities=self.activities, clock=self.now)
        self.alerts = AlertService(opened.db, me=me, clock=self.now)
        self.agenda = AgendaService(opened.db, me=me, time_zone=system_time_zone(), clock=self.now)
        self.ical = IcsService(opened.db, me=me, clock=self.now)
        self.imports = ImportService(opened.db, contacts=self.contacts)
        self.exports = ExportService(opened.db, contacts=self.contacts)
        self.groups = GroupService(opened.db, today=self.membership.today)
        self.segments = SegmentService(
            opened.db, today=self.membership.today, due_soon_days=lambda: self.membership.settings().due_soon_days
        )
        self.duplicates = DuplicateService(opened.db, phone_region=preferences.phone_region)
        self.merges = MergeService(opened.db)
        # Communications (issue 5, part C): the SMTP account's password and the SMS key are in the keychain.
        self.secrets = SecretStore()
        self.conversations = ConversationService(opened.db, me=me)
        self.mail = MailService(opened.db, secrets=self.secrets, me=me)
        self.sms = SmsService(opened.db, secrets=self.secrets, me=me)
        self.eml = EmlImporter(opened.db, me=me)
        self.imap = ImapReader(opened.db, self.eml, secrets=self.secrets)
        self.connected = True
        self.live: LiveUpdates | None = None
        self._state_from_thread.connect(self._on_state)
        if not opened.workspace.is_sqlite and not opened.db.read_only:
            # Queued: the listening thread's state reaches the GUI thread as a signal.
            self.live = LiveUpdates(opened.db, opened.db.engine.url, on_state=self._state_from_thread.emit)
            self.live.start()
        #: Checks the alerts on start and every 30 s (in a worker); the window shows what fires.
        self.alert_scheduler = AlertScheduler(self.alerts, parent=self)
        if not opened.db.read_only:
            self.alert_scheduler.start()

    def make_contacts(self, preferences: Preferences) -> ContactService:
        """The contacts service for these preferences (new records belong to the connected collaborator)."""
        return ContactService(
            self.opened.db,
            phone_region=preferences.phone_region,
            default_owner_id=self.capabilities.my_party_id if self.capabilities.team else None,
        )

    def apply_preferences(self, preferences: Preferences) -> None:
        """New preferences (the phone region changes how numbers are read)."""
        self.preferences = preferences
        self.contacts = self.make_contacts(preferences)
        self.history = HistoryService(self.opened.db, self.contacts)
        self.imports = ImportService(self.opened.db, contacts=self.contacts)
        self.exports = ExportService(self.opened.db, contacts=self.contacts)
        self.duplicates = DuplicateService(self.opened.db, phone_region=preferences.phone_region)

    def mail_sender(self) -> MailSend | None:
        """The workspace's mail account as a `MailSend` (campaigns, follow-ups), None until it is set up."""
        if not self.mail.account().configured:
            return None
        return self.mail.mail_send()

    @property
    def workspace(self) -> Workspace:
        """The workspace this session is on."""
        return self.opened.workspace

    @property
    def db(self) -> Database:
        """Its database (for services only: widgets never open sessions)."""
        return self.opened.db

    def now(self) -> dt.datetime:
        """The session's clock (aware UTC): the database's, which tests replace; pages ask it for "today"."""
        return self.opened.db.clock()

    @property
    def read_only(self) -> bool:
        """Whether the database was opened read-only."""
        return self.opened.db.read_only

    @property
    def can_create(self) -> bool:
        """Whether new records may be created here."""
        return not self.read_only and self.capabilities.can_create

    @property
    def can_edit(self) -> bool:
        """Whether records may be changed here (moving to the trash is a change too)."""
        return not self.read_only and self.capabilities.can_edit

    def _on_state(self, connected: bool) -> None:
        self.connected = connected
        self.connection_changed.emit(connected)

    def close(self) -> None:
        """Stop listening and release the database connections."""
        self.alert_scheduler.stop()
        if self.live is not None:
            # Do not hold the window while a connection attempt to a dead server times out:
            # the (daemon) thread ends by itself right after.
            self.live.stop(timeout=1.0)
            self.live = None
        self.bridge.attach(None)
        self.opened.db.dispose()


def system_time_zone() -> str:
    """The computer's IANA time zone (the agenda draws and repeats appointments in it), else Paris."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from PySide6.QtCore import QTimeZone

    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "Europe/Paris"
    return name
