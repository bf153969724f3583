"""The main window: workspace bar, sidebar of pages, toolbar, status bar, and the editors it opens."""

from __future__ import annotations

import importlib
import logging
import uuid
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QDesktopServices, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop import APP_NAME, __version__
from ekocrm_desktop.db.live import is_connection_error
from ekocrm_desktop.db.migrate import (
    MigrationFailedError,
    NotEnoughDiskError,
    SchemaMismatchError,
    SchemaState,
)
from ekocrm_desktop.logs import log_dir
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.preferences import Preferences, save_preferences
from ekocrm_desktop.services.workspaces import (
    ConnectionFailedError,
    OpenedWorkspace,
    Workspace,
    WorkspaceRegistry,
    ensure_demo_workspace,
    open_workspace,
)
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.alert_panel import AlertButton
from ekocrm_desktop.ui.dialogs.invite_dialog import ChangePasswordDialog
from ekocrm_desktop.ui.dialogs.party_dialog import PartyDialog
from ekocrm_desktop.ui.dialogs.settings_dialog import SettingsDialog
from ekocrm_desktop.ui.dialogs.workspace_dialog import WorkspaceDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import app_role_name, connection_hint
from ekocrm_desktop.ui.pages.contacts_page import ContactsPage
from ekocrm_desktop.ui.session import WorkspaceSession

log = logging.getLogger(__name__)

UNDO_SECONDS = 12
# Pages built without waiting to be shown, because the sidebar shows a count of theirs; all but
# the first page are built COUNTED_PAGES_DELAY_MS after it, once the window has painted.
EAGER_PAGES = frozenset({"contacts", "news", "conversations"})
COUNTED_PAGES_DELAY_MS = 250
#: (page key, role, icon) of the domain pages, in sidebar order.
DOMAIN_PAGES = (
    ("prospects", "prospect", "fa6s.bullseye"),
    ("clients", "client", "fa6s.handshake"),
    ("member_directory", "member", "fa6s.address-card"),
    ("partners", "partner", "fa6s.link"),
    ("suppliers", "supplier", "fa6s.truck"),
    ("competitors", "competitor", "fa6s.chess-knight"),
    ("collaborators", "collaborator", "fa6s.user-tie"),
)


def color_icon(color: str) -> QIcon:
    """A small square of a workspace's colour."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class WorkspaceBar(QFrame):
    """Always-visible strip with the current workspace's name and colour, and the switcher."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.name_label = QLabel()
        self.name_label.setObjectName("workspaceName")
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name_label.setFont(font)
        self.where_label = QLabel()
        self.where_label.setObjectName("workspaceWhere")
        self.badge = QLabel()
        self.badge.setObjectName("readOnlyBadge")
        self.switch_button = QToolButton()
        self.switch_button.setObjectName("workspaceSwitcher")
        self.switch_button.setIcon(icon("switch", "white"))
        self.switch_button.setText(self.tr("Change workspace"))
        self.switch_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.switch_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.switch_button.setAccessibleName(self.tr("Change workspace"))
        layout.addWidget(self.name_label)
        layout.addWidget(self.where_label, 1)
        layout.addWidget(self.badge)
        layout.addWidget(self.switch_button)
        self.show_workspace(None)

    def show_workspace(self, workspace: Workspace | None, *, read_only: bool = False) -> None:
        """Paint the bar in the workspace's colour."""
        color = workspace.color if workspace else "#607d8b"
        self.setStyleSheet(
            f"QFrame#workspaceBar {{ background: {color}; }} "
            "QFrame#workspaceBar QLabel { color: white; } "
            "QFrame#workspaceBar QToolButton { color: white; background: rgba(0, 0, 0, 40); "
            "border: 1px solid rgba(255, 255, 255, 160); border-radius: 3px; padding: 3px 8px; } "
            "QFrame#workspaceBar QToolButton:hover { background: rgba(0, 0, 0, 70); }"
        )
        if workspace is None:
            self.name_label.setText(self.tr("No workspace open"))
            self.where_label.setText("")
        else:
            self.name_label.setText(workspace.name)
            kind = self.tr("local file") if workspace.is_sqlite else self.tr("shared database")
            self.where_label.setText(f"  {kind} · {workspace.describe()}")
            self.where_label.setToolTip(workspace.describe())
        self.badge.setText(self.tr("READ-ONLY") if read_only else "")


class WelcomePage(QWidget):
    """Shown when no workspace is open: what to do first."""

    demo_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(self.tr("Welcome to EkoCRM"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.message = QLabel(
            self.tr(
                "A workspace holds your contacts: a file on this computer, or a database shared by your team.\n"
                "Create one, or try EkoCRM on French demo data."
            )
        )
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        new = QPushButton(icon("workspace"), self.tr("Create a workspace"))
        new.clicked.connect(self.new_requested)
        demo = QPushButton(icon("open"), self.tr("Open the demo"))
        demo.setObjectName("openDemoButton")
        demo.clicked.connect(self.demo_requested)
        buttons.addWidget(new)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """The application window."""

    #: The language changed: the app rebuilds the window (editors stay open).
    restart_requested = Signal()
    #: A workspace was opened (or failed to open: None).
    workspace_opened = Signal(object)

    def __init__(
        self,
        *,
        registry: WorkspaceRegistry,
        secrets: SecretStore,
        preferences: Preferences,
        session: WorkspaceSession | None = None,
        editors: dict[Any, PartyDialog] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.registry = registry
        self.secrets = secrets
        self.preferences = preferences
        self.session: WorkspaceSession | None = None
        self.editors: dict[Any, PartyDialog] = editors if editors is not None else {}
        #: The pages built so far, by key (see `_build_page`).
        self.pages: dict[str, QWidget] = {}
        self._page_factories: dict[str, tuple[str, Callable[[], QWidget]]] = {}
        self._undo: Callable[[], object] | None = None
        self._job: workers.Worker | None = None
        self._build()
        self._restore_geometry()
        if session is not None:
            self.set_session(session)
        else:
            self._show_welcome()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 760)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.workspace_bar = WorkspaceBar()
        layout.addWidget(self.workspace_bar)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(18, 18))
        self.sidebar.setMaximumWidth(220)
        self.sidebar.setMinimumWidth(150)
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.new_requested.connect(self.new_workspace)
        self.stack.addWidget(self.welcome)
        self.sidebar.currentRowChanged.connect(self._page_selected)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1100])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()

    def _action(self, text: str, icon_name: str | None, slot: Callable[[], object], shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_person_action = self._action(
            self.tr("New person…"), "new_person", lambda: self.new_party("person"), "Ctrl+N"
        )
        self.new_org_action = self._action(
            self.tr("New organisation…"),
            "new_organisation",
            lambda: self.new_party("organisation"),
            "Ctrl+Shift+N",
        )
        self.open_action = self._action(self.tr("Open"), "edit", self._open_selected)
        self.delete_action = self._action(
            self.tr("Move to trash"), "delete", self._delete_selected, QKeySequence.StandardKey.Delete
        )
        self.refresh_action = self._action(
            self.tr("Refresh"), "refresh", self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.find_action = self._action(self.tr("Find"), "search", self.focus_search, QKeySequence.StandardKey.Find)
        self.duplicates_action = self._action(self.tr("Find duplicates…"), "fa6s.clone", self.find_duplicates)
        self.new_workspace_action = self._action(self.tr("New workspace…"), "workspace", self.new_workspace)
        self.demo_action = self._action(self.tr("Open the demo workspace"), "open", self.open_demo)
        self.password_action = self._action(self.tr("Change my password…"), "key", self.change_password)
        self.settings_action = self._action(
            self.tr("Settings…"), "settings", self.edit_settings, QKeySequence.StandardKey.Preferences
        )
        self.comms_settings_action = self._action(
            self.tr("E-mail and SMS accounts…"), "fa6s.envelope", self.edit_comms_settings
        )
        self.import_action = self._action(self.tr("Import…"), "fa6s.file-import", self.import_contacts)
        self.import_history_action = self._action(self.tr("Import history…"), "history", self.import_history)
        self.export_action = self._action(self.tr("Export…"), "fa6s.file-export", self.export_contacts)
        # Issue 8 part B: business cards, transfers between workspaces, retention (dialogs in privacy_dialogs).
        self.receive_card_action = self._action(
            self.tr("Receive a business card…"), "fa6s.address-card", self.receive_card
        )
        self.transfer_action = self._action(
            self.tr("Copy or move to a workspace…"), "fa6s.right-left", self.transfer_selected
        )
        self.retention_action = self._action(self.tr("Retention of personal data…"), "fa6s.user-clock", self.retention)
        self.quit_action = self._action(self.tr("Quit"), None, self.close, QKeySequence.StandardKey.Quit)
        self.logs_action = self._action(self.tr("Open the log folder"), None, self._open_logs)
        self.about_action = self._action(self.tr("About EkoCRM"), "info", self._about)
        self.workspace_menu = QMenu(self.tr("Change workspace"), self)
        self.workspace_menu.aboutToShow.connect(self._fill_workspace_menu)
        self.workspace_bar.switch_button.setMenu(self.workspace_menu)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addMenu(self.workspace_menu)
        file_menu.addAction(self.new_workspace_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_history_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.password_action)
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.comms_settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        contacts_menu = bar.addMenu(self.tr("&Contacts"))
        for action in (self.new_person_action, self.new_org_action, self.open_action, self.delete_action):
            contacts_menu.addAction(action)
        contacts_menu.addSeparator()
        for action in (self.receive_card_action, self.transfer_action, self.retention_action):
            contacts_menu.addAction(action)
        contacts_menu.addSeparator()
        contacts_menu.addAction(self.find_action)
        contacts_menu.addAction(self.duplicates_action)
        contacts_menu.addAction(self.refresh_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.logs_action)
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (self.new_person_action, self.new_org_action, self.open_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.settings_action)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.message_label = QLabel()
        self.message_label.setObjectName("statusMessage")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._run_undo)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._clear_undo)
        status.addWidget(self.message_label, 1)
        status.addWidget(self.undo_button)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionLabel")
        status.addPermanentWidget(self.connection_label)
        # Alerts (issue 5): the bell with the number of open alerts, and their pop-up.
        self.alert_button = AlertButton(self)
        self.alert_button.hide()
        status.addPermanentWidget(self.alert_button)

    # ------------------------------------------------------------------ pages
    def _page_specs(self, session: WorkspaceSession) -> list[tuple[str, str, str, Callable[[], QWidget]]]:
        """(key, title, icon, factory) of every page, in sidebar order.

        A page is built (and its module imported) when it is first shown: the window opens on
        the contacts page without paying for the others.
        """

        def lazy(module: str, class_name: str, *args: Any) -> Callable[[], QWidget]:
            def build() -> QWidget:
                page_class = getattr(importlib.import_module(f"ekocrm_desktop.ui.pages.{module}"), class_name)
                return cast(QWidget, page_class(session, *args))

            return build

        from ekocrm_desktop.ui.pages.domain_page import role_page_title

        specs: list[tuple[str, str, str, Callable[[], QWidget]]] = [
            ("contacts", self.tr("Contacts"), "contacts", lambda: ContactsPage(session)),
            # Built when first shown (figures read in a worker); after Contacts so startup stays fast.
            ("dashboard", self.tr("Dashboard"), "fa6s.chart-column", lazy("dashboard_page", "DashboardPage")),
            ("reports", self.tr("Reports"), "fa6s.file-pdf", lazy("reports_page", "ReportsPage")),
            ("tasks", self.tr("Tasks"), "fa6s.list-check", lazy("tasks_page", "TasksPage")),
            ("agenda", self.tr("Agenda"), "fa6s.calendar-days", lazy("agenda_page", "AgendaPage")),
            ("journal", self.tr("Journal"), "fa6s.book", lazy("journal_page", "JournalPage")),
            (
                "conversations",
                self.tr("Conversations"),
                "fa6s.comments",
                lazy("conversations_page", "ConversationsPage"),
            ),
            ("outbox", self.tr("Outbox"), "fa6s.paper-plane", lazy("outbox_page", "OutboxPage")),
            *(
                (key, role_page_title(role), icon_name, lazy("domain_page", "DomainPage", role))
                for key, role, icon_name in DOMAIN_PAGES
            ),
            ("teams", self.tr("Teams"), "fa6s.people-group", lazy("teams_page", "TeamsPage")),
            ("deals", self.tr("Deals"), "fa6s.handshake", lazy("deals_page", "DealsPage")),
            ("articles", self.tr("Articles"), "fa6s.boxes-stacked", lazy("articles_page", "ArticlesPage")),
            ("duplicates", self.tr("Duplicates"), "fa6s.clone", lazy("duplicates_page", "DuplicatesPage")),
            ("groups", self.tr("Groups"), "fa6s.users", lazy("groups_page", "GroupsPage")),
            ("segments", self.tr("Segments"), "fa6s.filter", lazy("segments_page", "SegmentsPage")),
            ("campaigns", self.tr("Campaigns"), "fa6s.bullhorn", lazy("campaigns_page", "CampaignsPage")),
            ("follow_ups", self.tr("Follow-ups"), "fa6s.rotate", lazy("follow_ups_page", "FollowUpsPage")),
            ("membership", self.tr("Membership"), "fa6s.id-card", lazy("membership_page", "MembershipPage")),
            ("assemblies", self.tr("Assemblies"), "fa6s.landmark", lazy("assemblies_page", "AssembliesPage")),
            ("news", self.tr("News"), "fa6s.newspaper", lazy("news_page", "NewsPage")),
            (
                "settings_lists",
                self.tr("Settings lists"),
                "fa6s.sliders",
                lazy("settings_lists_page", "SettingsListsPage"),
            ),
            ("trash", self.tr("Trash"), "trash", lambda: ContactsPage(session, trash=True)),
        ]
        if session.capabilities.can_manage_users:
            specs.append(("team", self.tr("Users and rights"), "team", lazy("team_page", "TeamPage")))
        return specs

    def _sidebar_sections(self) -> dict[str, str]:
        """The heading shown above the first page of each group of the sidebar, by that page's key."""
        return {
            "tasks": self.tr("Actions"),
            "prospects": self.tr("Domains"),
            "groups": self.tr("Targets"),
            "membership": self.tr("Association"),
            "settings_lists": self.tr("Settings"),
        }

    def _section_item(self, text: str) -> QListWidgetItem:
        """A heading of the sidebar: neither selectable nor reachable with the arrow keys."""
        item = QListWidgetItem(text.upper())
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        item.setFont(font)
        item.setForeground(self.palette().placeholderText())
        return item

    def _clear_pages(self) -> None:
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        self.sidebar.blockSignals(False)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._page_factories.clear()

    def _show_welcome(self) -> None:
        self._clear_pages()
        self.sidebar.hide()
        self.stack.setCurrentWidget(self.welcome)
        self.workspace_bar.show_workspace(None)
        self.connection_label.setText("")
        self.alert_button.attach(None)
        self._update_actions()
        self.setWindowTitle(APP_NAME)

    def set_session(self, session: WorkspaceSession) -> None:
        """Show a workspace: build its pages and paint the bar in its colour."""
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self._clear_pages()
        self.sidebar.show()
        self._page_factories.clear()
        sections = self._sidebar_sections()
        for key, title, icon_name, factory in self._page_specs(session):
            self._page_factories[key] = (title, factory)
            if key in sections:
                self.sidebar.addItem(self._section_item(sections[key]))
            item = QListWidgetItem(icon(icon_name), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        # Pages that show a count in the sidebar ("News (3)") are built right after the first
        # one has painted (they only add their counts); the rest when first shown.
        first = next(iter(self._page_factories), None)
        if first in EAGER_PAGES:
            self._build_page(first)
        QTimer.singleShot(COUNTED_PAGES_DELAY_MS, lambda opened=session: self._build_counted_pages(opened))
        self.sidebar.setCurrentRow(0)
        workspace = session.workspace
        self.workspace_bar.show_workspace(workspace, read_only=session.read_only)
        self.setWindowTitle(f"{workspace.name} — {APP_NAME}")
        if getattr(self, "_watched_session", None) is not session:
            session.connection_changed.connect(self._connection_changed)
            self._watched_session = session
        self._connection_changed(session.connected)
        self.alert_button.attach(session)
        self._update_actions()

    def _connection_changed(self, connected: bool) -> None:
        """The status bar says whether the shared database answers; the pages keep what they show."""
        session = self.session
        if session is None:
            return
        workspace = session.workspace
        kind = "SQLite" if workspace.is_sqlite else "PostgreSQL"
        text = f"{kind} · {workspace.describe()}"
        if session.capabilities.team:
            text += " · " + app_role_name(session.capabilities.app_role)
        if connected:
            self.connection_label.setStyleSheet("")
            self.connection_label.setToolTip("")
        else:
            text = self.tr("Server unreachable — reconnecting… (%1)").replace("%1", workspace.describe())
            self.connection_label.setStyleSheet("color: white; background: #c62828; padding: 1px 6px;")
            self.connection_label.setToolTip(
                self.tr("Open forms keep what you typed; saves are made once the server answers again.")
            )
        self.connection_label.setText(text)

    def _build_counted_pages(self, opened: WorkspaceSession) -> None:
        if self.session is not opened:  # another workspace was opened meanwhile
            return
        for key in sorted(EAGER_PAGES & self._page_factories.keys()):
            try:
                self._build_page(key)
            except Exception as exc:
                # The server went away since the workspace opened: the page is built when it is
                # first shown (the status bar already says the server is unreachable).
                if not is_connection_error(exc):
                    raise
                log.warning("%s page not built yet: the server is unreachable", key)

    def _build_page(self, key: str) -> QWidget:
        """The page of `key`, built the first time it is needed."""
        page = self.pages.get(key)
        if page is not None:
            return page
        factory = self._page_factories[key][1]
        page = factory()
        self.pages[key] = page
        self.stack.addWidget(page)
        if hasattr(page, "status_message"):
            page.status_message.connect(self.show_status)
        if hasattr(page, "open_requested"):
            page.open_requested.connect(self.edit_party)
        if hasattr(page, "new_requested"):
            page.new_requested.connect(self.new_party)
        if hasattr(page, "unread_changed"):
            page.unread_changed.connect(lambda count, k=key, p=page: self._show_unread(k, p, count))
            page.refresh()
        return page

    def _show_unread(self, key: str, page: QWidget, count: int) -> None:
        """ "News (3)": how many items of a page this user has not read, on its sidebar entry."""
        if self.pages.get(key) is not page:
            # A page of the workspace just left, whose last read ended after the switch: its
            # sidebar entry is gone, and the count is not this workspace's.
            return
        row = self._sidebar_row(key)
        if row >= 0:
            title = self._page_factories[key][0]
            self.sidebar.item(row).setText(f"{title} ({count})" if count else title)

    def _sidebar_row(self, key: str) -> int:
        """The sidebar row of the page of `key` (-1 when the sidebar has none)."""
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                return row
        return -1

    def has_page(self, key: str) -> bool:
        """Whether the sidebar offers the page of `key` (built or not yet)."""
        return key in self._page_factories

    def current_page(self) -> QWidget | None:
        """The page on screen."""
        widget = self.stack.currentWidget()
        return None if widget is self.welcome else widget

    def find_duplicates(self) -> None:
        """Show the Duplicates page and look through the workspace."""
        if self.session is None:
            return
        page = self.show_page("duplicates")
        from ekocrm_desktop.ui.pages.duplicates_page import DuplicatesPage

        if isinstance(page, DuplicatesPage):
            page.scan()

    def show_page(self, key: str) -> QWidget:
        """Switch to a page by key."""
        row = self._sidebar_row(key)
        if row >= 0:
            self.sidebar.setCurrentRow(row)
        return self._build_page(key)

    def _page_selected(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if key in self._page_factories:
            self.stack.setCurrentWidget(self._build_page(key))
        self._update_actions()

    def _update_actions(self) -> None:
        has_session = self.session is not None
        creatable = self.session is not None and self.session.can_create
        editable = self.session is not None and self.session.can_edit
        page = self.current_page()
        contacts = isinstance(page, ContactsPage) and not page.trash
        for action in (self.new_person_action, self.new_org_action):
            action.setEnabled(creatable)
            # A reader is not offered what the server would refuse.
            action.setVisible(not has_session or creatable)
        self.delete_action.setEnabled(editable and contacts)
        self.delete_action.setVisible(not has_session or editable)
        self.open_action.setEnabled(has_session and contacts)
        self.refresh_action.setEnabled(has_session)
        self.find_action.setEnabled(has_session)
        self.import_action.setEnabled(creatable)
        self.comms_settings_action.setEnabled(has_session)
        self.import_history_action.setEnabled(has_session)
        self.export_action.setEnabled(contacts)
        self.duplicates_action.setEnabled(has_session)
        team = self.session is not None and self.session.capabilities.team
        self.password_action.setVisible(team)
        self.password_action.setEnabled(team)

    # ------------------------------------------------------------------ workspaces
    def _fill_workspace_menu(self) -> None:
        menu = self.workspace_menu
        menu.clear()
        current = self.session.workspace.id if self.session else None
        for workspace in self.registry.all():
            action = menu.addAction(color_icon(workspace.color), workspace.name)
            action.setCheckable(True)
            action.setChecked(workspace.id == current)
            action.setToolTip(workspace.describe())
            action.triggered.connect(lambda _c=False, w=workspace: self.open_workspace(w))
        menu.addSeparator()
        menu.addAction(self.new_workspace_action)
        menu.addAction(self.demo_action)

    def new_workspace(self) -> None:
        """Create a workspace and open it."""
        dialog = WorkspaceDialog(self.registry, self.secrets, self)
        if dialog.exec() and dialog.created is not None:
            self.open_workspace(dialog.created)

    def open_demo(self) -> None:
        """Open the demo workspace, creating it (with its data) on first use."""
        if not self._close_editors():
            return
        self._busy(self.tr("Preparing the demo workspace…"))
        registry = self.registry

        def work(_report: Any, _token: Any) -> Workspace:
            return ensure_demo_workspace(registry)

        def done(workspace: Workspace) -> None:
            registry.load()
            self.open_workspace(workspace)

        self._job = workers.start(work, on_done=done, on_error=self._open_failed)

    def open_workspace(self, workspace: Workspace, *, password: str | None = None) -> None:
        """Open a workspace in the background; the window stays usable."""
        if self.session is not None and self.session.workspace.id == workspace.id:
            return
        if not self._close_editors():
            return
        if not workspace.is_sqlite and password is None and self.secrets.get(workspace.secret_key) is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Password"),
                self.tr("Password of %1 for %2:")
                .replace("%1", workspace.postgres.username if workspace.postgres else "")
                .replace("%2", workspace.describe()),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
            password = text
        self._busy(self.tr("Opening “%1”…").replace("%1", workspace.name))
        secrets = self.secrets

        def work(_report: Any, _token: Any) -> OpenedWorkspace:
            return open_workspace(workspace, password=password, secrets=secrets)

        def done(opened: OpenedWorkspace) -> None:
            if password is not None:
                secrets.remember_for_session(workspace.secret_key, password)
            self._opened(opened)

        self._job = workers.start(
            work, on_done=done, on_error=lambda exc, details: self._open_failed(exc, details, workspace)
        )

    def _opened(self, opened: OpenedWorkspace) -> None:
        self.registry.set_last_used(opened.workspace)
        self.set_session(WorkspaceSession(opened, self.preferences))
        self.message_label.setText("")
        if opened.upgrade is not None and opened.upgrade.backup is not None:
            self.show_status(
                self.tr("The workspace was upgraded; a backup was kept in %1").replace("%1", str(opened.upgrade.backup))
            )
        if opened.db.read_only:
            QMessageBox.information(
                self,
                self.tr("Read-only workspace"),
                self.tr(
                    "This workspace was written by a newer version of EkoCRM. It is open read-only: "
                    "you can look, but not change anything. Update EkoCRM to work in it."
                ),
            )
        self.workspace_opened.emit(opened.workspace)

    def _open_failed(self, exc: Exception, details: str, workspace: Workspace | None = None) -> None:
        self.message_label.setText("")
        name = workspace.name if workspace else ""
        title = self.tr("Cannot open the workspace")
        if isinstance(exc, MigrationFailedError):
            message = self.tr(
                "Upgrading “%1” to this version failed. The database was put back exactly as it was%2.\n\nReason: %3"
            ).replace("%1", name)
            backup = self.tr(" (backup: %1)").replace("%1", str(exc.backup)) if exc.backup else ""
            message = message.replace("%2", backup).replace("%3", str(exc))
        elif isinstance(exc, NotEnoughDiskError):
            message = (
                self.tr(
                    "There is not enough free disk space to back up “%1” before upgrading it. Nothing was changed. "
                    "Free some space and try again.\n\n%2"
                )
                .replace("%1", name)
                .replace("%2", str(exc))
            )
        elif isinstance(exc, SchemaMismatchError):
            if exc.state is SchemaState.FOREIGN:
                message = self.tr("“%1” is not an EkoCRM database: it was left untouched.").replace("%1", name)
            elif exc.state is SchemaState.NEWER:
                message = self.tr("“%1” was created by a newer version of EkoCRM. Update EkoCRM to open it.").replace(
                    "%1", name
                )
            else:
                message = self.tr(
                    "The shared database of “%1” is not at this version of EkoCRM. "
                    'An administrator must upgrade it with:\n\nekocrm db upgrade --workspace "%1"'
                ).replace("%1", name)
        elif isinstance(exc, ConnectionFailedError):
            if workspace is not None and "password" in str(exc).lower():
                # A refused password must be asked again next time, not retried forever.
                self.secrets.delete(workspace.secret_key)
            message = (
                self.tr("The server did not accept the connection to “%1”.\n\nReason: %2")
                .replace("%1", name)
                .replace("%2", str(exc))
            )
            hint = connection_hint(str(exc))
            if hint:
                message += "\n\n" + hint
        else:
            message = self.tr("“%1” could not be opened: %2").replace("%1", name).replace("%2", str(exc))
        show_error(self, title, message, details)
        if self.session is None:
            self._show_welcome()
        self.workspace_opened.emit(None)

    def _busy(self, text: str) -> None:
        self.message_label.setText(text)

    # ------------------------------------------------------------------ records
    def new_party(self, kind: str) -> PartyDialog | None:
        """Open an editor for a new person or organisation."""
        if self.session is None or not self.session.can_create:
            return None
        dialog = PartyDialog(self.session, kind=kind)
        dialog.open_requested.connect(self.edit_party)
        key = ("new", uuid.uuid4())
        self._track(key, dialog)
        dialog.show()
        return dialog

    def edit_party(self, party_id: uuid.UUID) -> PartyDialog | None:
        """Open (or bring forward) the editor of a record."""
        if self.session is None:
            return None
        existing = self.editors.get(party_id)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = PartyDialog(self.session, party_id=party_id)
        self._track(party_id, dialog)
        dialog.show()
        return dialog

    # ------------------------------------------------------------------ cards, transfers, retention (issue 8)
    def receive_card(self) -> QDialog | None:
        """A received business card (file or pasted QR text) made a contact, after the duplicate check."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import ReceiveCardDialog

        if self.session is None or not self.session.can_create:
            return None
        dialog = ReceiveCardDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self.edit_party)
        dialog.open_requested.connect(self.edit_party)
        dialog.show()
        return dialog

    def transfer_selected(self) -> QDialog | None:
        """Copy or move the people selected on the Contacts page to another workspace."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import TransferDialog

        page = self.current_page()
        if self.session is None or not isinstance(page, ContactsPage) or not page.selected_ids():
            return None
        dialog = TransferDialog(self.session, page.selected_ids(), self.registry.all(), self.secrets, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def retention(self) -> QDialog | None:
        """The retention rule: who it concerns, erased through the GDPR path."""
        from ekocrm_desktop.ui.dialogs.privacy_dialogs import RetentionDialog

        if self.session is None:
            return None
        dialog = RetentionDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _track(self, key: Any, dialog: PartyDialog) -> None:
        self.editors[key] = dialog
        dialog.finished.connect(lambda _r, k=key: self.editors.pop(k, None))
        dialog.saved.connect(lambda _id: self.show_status(self.tr("Saved.")))

    def _close_editors(self) -> bool:
        """Close every editor, asking about unsaved changes; False if the user kept one open."""
        for dialog in list(self.editors.values()):
            if not dialog.close():
                dialog.raise_()
                return False
        return True

    def _open_selected(self) -> None:
        page = self.current_page()
        if isinstance(page, ContactsPage):
            page.open_selected()

    def _delete_selected(self) -> None:
        page = self.current_page()
        if isinstance(page, ContactsPage):
            page.delete_selected()

    def refresh(self) -> None:
        """Re-read the current page (F5)."""
        page = self.current_page()
        if isinstance(page, ContactsPage):
            page.apply_filters()
        elif page is not None and hasattr(page, "refresh"):
            page.refresh()

    def focus_search(self) -> None:
        """Ctrl+F: the current page's search box."""
        page = self.current_page()
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    # ------------------------------------------------------------------ status and undo
    def show_status(self, text: str, undo: Callable[[], object] | None = None) -> None:
        """A message in the status bar, with an "Undo" button for a while when given."""
        self.message_label.setText(text)
        self._undo = undo
        self.undo_button.setVisible(undo is not None)
        if undo is not None:
            self._undo_timer.start(UNDO_SECONDS * 1000)

    def _run_undo(self) -> None:
        undo = self._undo
        self._clear_undo()
        if undo is not None:
            undo()
            self.message_label.setText(self.tr("Undone."))

    def _clear_undo(self) -> None:
        self._undo = None
        self.undo_button.hide()

    # ------------------------------------------------------------------ settings, help
    def edit_settings(self) -> None:
        """Preferences; a new language rebuilds the window."""
        dialog = SettingsDialog(self.preferences, self)
        if not dialog.exec():
            return
        new = dialog.result_preferences()
        if new == self.preferences:
            return
        language_changed = new.language != self.preferences.language
        self.preferences = new
        save_preferences(new)
        if self.session is not None:
            self.session.preferences = new
            self.session.apply_preferences(new)
        if language_changed:
            self.restart_requested.emit()
        elif self.session is not None:
            self.set_session(self.session)

    def edit_comms_settings(self) -> QWidget | None:
        """The workspace's SMTP account and SMS gateway (issue 5, part C)."""
        if self.session is None:
            return None
        from ekocrm_desktop.ui.dialogs.comms_settings_dialog import CommsSettingsDialog

        dialog = CommsSettingsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def change_password(self) -> None:
        """A team member chooses a new password; the keychain gets it too."""
        if self.session is None or not self.session.capabilities.team:
            return
        dialog = ChangePasswordDialog(self.session.access, self.session.capabilities.login, self)
        if dialog.exec() and dialog.changed_to is not None:
            # The keychain (or, without one, this session) gets the new password: the next start logs in.
            self.secrets.set(self.session.workspace.secret_key, dialog.changed_to)
            self.show_status(self.tr("Your password was changed."))

    def import_contacts(self, path: Any = None) -> None:
        """The import wizard (modal); `path` pre-fills the file."""
        if self.session is None:
            return
        from ekocrm_desktop.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.session.imports, self, path)
        wizard.exec()
        wizard.deleteLater()

    def import_history(self) -> None:
        """The imports made in this workspace, each undoable."""
        if self.session is None:
            return
        from ekocrm_desktop.ui.dialogs.import_wizard import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.session.imports, self)
        dialog.exec()
        dialog.deleteLater()

    def export_contacts(self) -> None:
        """Export the contacts list shown (or its selection)."""
        page = self.current_page()
        if isinstance(page, ContactsPage) and not page.trash:
            page.export_contacts()

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About EkoCRM"),
            self.tr("EkoCRM Desktop %1\nA CRM for small offices and associations.").replace("%1", __version__),
        )

    # ------------------------------------------------------------------ window state
    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def take_session(self) -> WorkspaceSession | None:
        """Hand the open workspace over to a new window (language change)."""
        session, self.session = self.session, None
        return session

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_editors():
            event.ignore()
            return
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        if self.session is not None:
            self.session.close()
            self.session = None
        event.accept()


def active_main_window() -> MainWindow | None:
    """The main window, if one is open (used by tests and the excepthook)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None
