"""A domain page: the parties holding one role (prospects, clients, members, partners, suppliers,
competitors, collaborators), the same shape as the contacts page, with the role's own columns and
actions (convert prospects into clients, end the role)."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.models.domains import ChoiceListKey, role_category_list, role_status_list
from ekocrm_desktop.services.contacts import PARTY, TAG
from ekocrm_desktop.services.domains import RoleChange, RoleQuery
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, ServiceError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.settings_lists import CHOICE
from ekocrm_desktop.services.teams import TEAM
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import date_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import role_name
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.role_table_model import RoleTableModel
from ekocrm_desktop.ui.widgets import table_selection

SEARCH_DELAY_MS = 150


def can_administer(session: WorkspaceSession) -> bool:
    """Whether the connected person may change teams and settings lists (administrators; anyone on a
    one-user file). The server refuses the others; the window only hides what would be refused."""
    return session.can_edit and session.capabilities.app_role in ("administrator", "owner")


def role_page_title(role: str) -> str:
    """The title of a role's page ("Prospects", "Member directory", ...)."""
    titles = {
        "prospect": QCoreApplication.translate("DomainPage", "Prospects"),
        "client": QCoreApplication.translate("DomainPage", "Clients"),
        "member": QCoreApplication.translate("DomainPage", "Member directory"),
        "partner": QCoreApplication.translate("DomainPage", "Partners"),
        "supplier": QCoreApplication.translate("DomainPage", "Suppliers"),
        "competitor": QCoreApplication.translate("DomainPage", "Competitors"),
        "collaborator": QCoreApplication.translate("DomainPage", "Collaborators"),
    }
    return titles.get(role, role)


class DomainPage(QWidget):
    """Parties holding one role: search, filters, the paged table and the selected one beside it."""

    open_requested = Signal(object)
    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.role = role
        self.setObjectName(f"DomainPage_{role}")
        self._status_labels: dict[str, str] = {}
        self._category_labels: dict[str, str] = {}
        self._source_labels: dict[str, str] = {}
        self.model = RoleTableModel(
            role,
            phone_region=session.preferences.phone_region,
            status_label=lambda code: self._status_labels.get(code, code),
            category_label=lambda code: self._category_labels.get(code, code),
            source_label=lambda code: self._source_labels.get(code, code),
            parent=self,
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._selected_id: uuid.UUID | None = None
        self._loaded = False
        self._build()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(role_page_title(self.role))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.convert_button = QPushButton(icon("fa6s.handshake"), self.tr("Convert to client"))
        self.convert_button.setObjectName("convertButton")
        self.convert_button.setToolTip(
            self.tr("The selected prospects become clients today; their role history keeps both.")
        )
        self.convert_button.clicked.connect(self.convert_selected)
        self.end_button = QPushButton(icon("fa6s.calendar-xmark"), self.tr("End the role"))
        self.end_button.setObjectName("endRoleButton")
        self.end_button.setToolTip(
            self.tr("The selected records no longer hold this role from today on: its last day was yesterday.")
        )
        self.end_button.clicked.connect(self.end_selected)
        header.addWidget(self.convert_button)
        header.addWidget(self.end_button)
        # hide(), never setVisible(True), before the layouts are attached: a parentless widget
        # made visible becomes a window of its own (and takes the focus from the main window).
        if not (self.role == "prospect" and self.session.can_edit):
            self.convert_button.hide()
        if not (self.role != "prospect" and self.session.can_edit):
            self.end_button.hide()
        self.convert_button.setEnabled(False)
        self.end_button.setEnabled(False)
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search name, organisation, e-mail, phone, city… (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search_edit, 2)

        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(self.tr("Current or former"))
        self.period_combo.addItem(self.tr("Current"), False)
        self.period_combo.addItem(self.tr("Former"), True)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.period_combo)

        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("State"))
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.status_combo)
        if self.role != "prospect":
            self.status_combo.hide()

        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(self.tr("Category"))
        self.category_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.category_combo)

        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.team_combo)
        if self.role != "collaborator":
            self.team_combo.hide()

        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.tag_combo)

        for combo in (self.period_combo, self.status_combo, self.category_combo, self.team_combo, self.tag_combo):
            # Wide enough for "Toutes les catégories": a cut label hides what the filter is.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(220)
        self.city_edit = QLineEdit()
        self.city_edit.setMaximumWidth(140)
        self.city_edit.setAccessibleName(self.tr("City"))
        self.city_edit.setPlaceholderText(self.tr("City"))
        self.city_edit.setClearButtonEnabled(True)
        self._city_model = QStringListModel(self)
        completer = QCompleter(self._city_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.city_edit.setCompleter(completer)
        self.city_edit.textEdited.connect(
            lambda text: self._city_model.setStringList(self.session.contacts.cities(text))
        )
        self.city_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.city_edit)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("domainTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        horizontal = self.table.horizontalHeader()
        horizontal.setStretchLastSection(True)
        widths = (200, 110, 110, 110, 95, 95, 110, 190, 110)
        metrics = horizontal.fontMetrics()
        for column, width in enumerate(widths[: self.model.columnCount()]):
            # Never narrower than the header (French headers are longer: "Adhérent depuis").
            header_text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(header_text) + 28))
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        open_action = QAction(self.tr("Open"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)

        self.detail = QTextBrowser()
        self.detail.setObjectName("domainDetail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setMinimumWidth(220)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.clear_filters_button = QPushButton(self.tr("Clear the search and filters"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        buttons.addWidget(self.clear_filters_button)
        buttons.addStretch(1)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(2)

        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table_stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 260])
        layout.addWidget(splitter, 1)

        self.model.count_changed.connect(self._on_count)
        self.model.count_pending.connect(
            lambda shown: self.count_label.setText(self.tr("%n record(s) or more, counting…", "", shown))
        )
        self.model.fetch_failed.connect(
            lambda text: self.status_message.emit(self.tr("The list could not be read: %1").replace("%1", text), None)
        )

    def showEvent(self, event: QShowEvent) -> None:
        # Pages are built when a workspace opens: a page's list is read the first time it shows.
        super().showEvent(event)
        if self._loaded:
            # Settings lists are not announced across a shared database: read their labels again.
            self._load_filter_choices()
            self.table.viewport().update()
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Read the filters' choices and the list, once."""
        if not self._loaded:
            self._loaded = True
            self._load_filter_choices()
            self.apply_filters()

    # ------------------------------------------------------------------ filters
    def query(self) -> RoleQuery:
        """The filters as typed and chosen."""
        return RoleQuery(
            role=self.role,
            text=self.search_edit.text(),
            status=self.status_combo.currentData() or "",
            category=self.category_combo.currentData() or "",
            tag=self.tag_combo.currentData(),
            city=self.city_edit.text(),
            former=bool(self.period_combo.currentData()),
            team_id=uuid.UUID(team)
            if self.role == "collaborator" and (team := self.team_combo.currentData())
            else None,
        )

    def has_filters(self) -> bool:
        """Whether anything narrows the list (besides current/former)."""
        q = self.query()
        return bool(q.text.strip() or q.status or q.category or q.tag or q.city.strip() or q.team_id)

    def apply_filters(self) -> None:
        """Re-run the list with the current filters."""
        self._search_timer.stop()
        self._loaded = True
        query = self.query()
        domains = self.session.domains

        def count() -> int:
            return domains.count(query)

        def page(sort: str, descending: bool, request: PageRequest) -> list[object]:
            return list(domains.page(query, sort, descending, request))

        # The first rows show at once; the count (every holder of the role) runs in a worker.
        self.model.set_source(count, page, count_in_background=True)
        self._reselect()

    def clear_filters(self) -> None:
        """Show every current holder again."""
        for widget in (self.search_edit, self.city_edit):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for combo in (self.status_combo, self.category_combo, self.tag_combo, self.team_combo, self.period_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _load_filter_choices(self) -> None:
        lists = self.session.settings_lists
        self._status_labels = lists.labels(role_status_list(self.role))
        self._category_labels = lists.labels(role_category_list(self.role))
        self._source_labels = lists.labels(ChoiceListKey.DEAL_SOURCE.value)

        def fill(combo: QComboBox, first: str, values: list[tuple[object, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for data, text in values:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        domains = self.session.domains

        def merged(labels: dict[str, str], in_use: list[str]) -> list[tuple[object, str]]:
            # Configured values first, in their order; then codes found on records but not configured.
            codes = list(labels) + [c for c in in_use if c not in labels]
            return [(code, labels.get(code, code)) for code in codes]

        if self.role == "prospect":
            fill(
                self.status_combo,
                self.tr("All states"),
                merged(self._status_labels, domains.statuses_in_use(self.role)),
            )
        fill(
            self.category_combo,
            self.tr("All categories"),
            merged(self._category_labels, domains.categories_in_use(self.role)),
        )
        fill(self.tag_combo, self.tr("All tags"), [(n, n) for n in self.session.contacts.tag_names()])
        if self.role == "collaborator":
            fill(self.team_combo, self.tr("All teams"), [(str(t.id), t.name) for t in self.session.teams.teams()])

    def _on_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%n record(s)", "", total))
        if total == 0:
            if self.has_filters():
                self.empty_label.setText(self.tr("Nothing matches the search and filters."))
            elif self.period_combo.currentData():
                self.empty_label.setText(self.tr("No former %1 yet.").replace("%1", role_name(self.role).lower()))
            else:
                self.empty_label.setText(
                    self.tr(
                        "Nobody holds this role today. Give the role to a contact in its form "
                        "(tab “Roles and tags”), or open the demo to see an example."
                    )
                )
            self.clear_filters_button.setVisible(self.has_filters())
            self.table_stack.setCurrentWidget(self.empty)
        else:
            self.table_stack.setCurrentWidget(self.table)

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[uuid.UUID]:
        """Ids of the selected rows, in list order."""
        return table_selection.selected_ids(self.table, self.model)

    def select_id(self, record_id: uuid.UUID) -> bool:
        """Select a record if it is among the loaded rows."""
        return table_selection.select_id(self.table, self.model, record_id)

    def _reselect(self) -> None:
        if self._selected_id is None or not self.select_id(self._selected_id):
            self._show_selected()

    def _open_index(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id is not None:
            self.open_requested.emit(record_id)

    def open_selected(self) -> None:
        """Open the first selected record in its editor."""
        ids = self.selected_ids()
        if ids:
            self.open_requested.emit(ids[0])

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        current = not self.period_combo.currentData()
        self.convert_button.setEnabled(bool(ids) and current)
        self.end_button.setEnabled(bool(ids) and current)
        self._selected_id = ids[0] if len(ids) == 1 else None
        if self._selected_id is None:
            if ids:
                text = self.tr("%n record(s) selected", "", len(ids))
                self.detail.setHtml(f"<p>{html.escape(text)}</p>")
            else:
                text = self.tr("Select a record to see it here; double-click to open it.")
                self.detail.setHtml(f"<p style='color: gray'>{html.escape(text)}</p>")
            return
        try:
            detail = self.session.contacts.get(self._selected_id)
        except NotFoundError:
            self.detail.clear()
            return
        e = html.escape
        d = detail.draft
        parts = [f"<h2>{e(detail.display_name)}</h2>"]
        if d.job_title:
            parts.append(f"<p><i>{e(d.job_title)}</i></p>")
        lines = [f"<a href='mailto:{e(m.address)}'>{e(m.address)}</a>" for m in d.emails[:2]]
        lines += [e(phone_text(p.number, self.session.preferences.phone_region)) for p in d.phones[:2]]
        if d.addresses:
            a = d.addresses[0]
            lines.append(e(f"{a.postcode} {a.city}".strip()))
        if lines:
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        history = []
        for r in d.roles:
            text = role_name(r.role)
            labels = self._category_labels if r.role == self.role else {}
            if r.category:
                text += f" — {labels.get(r.category, r.category)}"
            if r.status:
                text += f" ({self._status_labels.get(r.status, r.status) if r.role == self.role else r.status})"
            dates = self.tr("since %1").replace("%1", date_text(r.since))
            if r.until:
                dates += ", " + self.tr("until %1").replace("%1", date_text(r.until))
            history.append(f"{e(text)} <small>{e(dates)}</small>")
        # Titles translated first: lupdate does not see tr() inside an f-string.
        history_title, teams_title, tags_title = self.tr("Role history"), self.tr("Teams"), self.tr("Tags")
        if history:
            parts.append(f"<p><b>{e(history_title)}</b><br>{'<br>'.join(history)}</p>")
        if self.role == "collaborator":
            teams = self.session.teams.teams_of(detail.id)
            if teams:
                parts.append(f"<p><b>{e(teams_title)}</b><br>{e(', '.join(teams))}</p>")
        if d.tags:
            parts.append(f"<p><b>{e(tags_title)}</b><br>{e(', '.join(d.tags))}</p>")
        self.detail.setHtml("".join(parts))

    # ------------------------------------------------------------------ actions
    def convert_selected(self) -> None:
        """Turn the selected prospects into clients, after confirmation; undoable from the status bar."""
        ids = self.selected_ids()
        if not ids or self.role != "prospect":
            return
        row = self.model.row_at(self.model.cached_row_of(ids[0]))
        if len(ids) == 1 and row is not None:
            question = self.tr("Convert “%1” into a client?").replace("%1", row.display_name)
        else:
            question = self.tr("Convert %n prospect(s) into clients?", "", len(ids))
        answer = QMessageBox.question(self, self.tr("Convert to client"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = self.session.domains.convert_to_clients(ids)
        except (ConflictError, ServiceError) as exc:
            show_error(self, self.tr("Not converted"), self.tr("The prospects could not be converted."), str(exc))
            return
        undo: Callable[[], RoleChange] = lambda: self.session.domains.undo_conversion(change)  # noqa: E731
        self.status_message.emit(self.tr("%n prospect(s) converted into clients.", "", len(change.party_ids)), undo)

    def end_selected(self) -> None:
        """End the page's role for the selected records (last day yesterday), after confirmation."""
        ids = self.selected_ids()
        if not ids:
            return
        question = self.tr("End the role “%1” of %n record(s)? Its last day was yesterday.", "", len(ids)).replace(
            "%1", role_name(self.role)
        )
        if QMessageBox.question(self, self.tr("End the role"), question) != QMessageBox.StandardButton.Yes:
            return
        try:
            change = self.session.domains.end_role(ids, self.role)
        except ServiceError as exc:
            show_error(self, self.tr("Not changed"), self.tr("The role could not be ended."), str(exc))
            return
        self.status_message.emit(self.tr("%n role(s) ended.", "", len(change.party_ids)), None)

    # ------------------------------------------------------------------ changes
    def on_changes(self, changes: Changes) -> None:
        """Refresh when parties, tags, teams or settings lists changed."""
        if not self._loaded:
            return
        if changes.touches(TAG, CHOICE, TEAM):
            self._load_filter_choices()
        if changes.touches(PARTY, CHOICE, TEAM, "deal", "subscription"):
            selected = self._selected_id
            scroll = self.table.verticalScrollBar().value()
            self.model.refresh()
            self.table.verticalScrollBar().setValue(scroll)
            if selected is not None:
                self._selected_id = selected
                self._reselect()
