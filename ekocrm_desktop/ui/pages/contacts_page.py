"""The contacts page (and its trash twin): search, filters, the paged table and the selected record."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
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
from ekocrm_desktop.db.live import is_connection_error
from ekocrm_desktop.services.contacts import PARTY, TAG, PartyDetail, PartyQuery
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.ui.formatting import date_text, local_datetime_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import contact_label_name, kind_name, role_name, role_names
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.party_table_model import PartyTableModel
from ekocrm_desktop.ui.widgets import table_selection

SEARCH_DELAY_MS = 150


class ContactsPage(QWidget):
    """People and organisations of the workspace; in trash mode, the deleted ones."""

    #: Ask the window to open the editor of a record (id) or a new record ("person"/"organisation").
    open_requested = Signal(object)
    new_requested = Signal(str)
    #: A status-bar message, with an optional undo callback.
    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, *, trash: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.trash = trash
        self.setObjectName("TrashPage" if trash else "ContactsPage")

        self.model = PartyTableModel(phone_region=session.preferences.phone_region, parent=self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._selected_id: uuid.UUID | None = None

        self._build()
        self._load_filter_choices()
        self.apply_filters()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)

        header = QHBoxLayout()
        title = QLabel(self.tr("Trash") if self.trash else self.tr("Contacts"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        header.addWidget(self.count_label)
        header.addStretch(1)
        if self.trash:
            self.restore_button = QPushButton(icon("restore"), self.tr("Restore"))
            self.restore_button.clicked.connect(self.restore_selected)
            self.purge_button = QPushButton(icon("purge"), self.tr("Delete permanently"))
            self.purge_button.clicked.connect(self.purge_selected)
            header.addWidget(self.restore_button)
            header.addWidget(self.purge_button)
            # What the connected role may not do is not offered (the server would refuse it).
            if not self.session.can_edit:
                self.restore_button.hide()
            if not (self.session.can_edit and self.session.capabilities.can_purge):
                self.purge_button.hide()
        else:
            self.new_person_button = QPushButton(icon("new_person"), self.tr("New person"))
            self.new_person_button.clicked.connect(lambda: self.new_requested.emit("person"))
            self.new_org_button = QPushButton(icon("new_organisation"), self.tr("New organisation"))
            self.new_org_button.clicked.connect(lambda: self.new_requested.emit("organisation"))
            self.add_to_group_button = QPushButton(icon("fa6s.users"), self.tr("Add to group…"))
            self.add_to_group_button.setToolTip(self.tr("Put the selected contacts in a group"))
            self.add_to_group_button.clicked.connect(self.add_selected_to_group)
            header.addWidget(self.add_to_group_button)
            if not self.session.can_edit:
                self.add_to_group_button.hide()
            header.addWidget(self.new_person_button)
            header.addWidget(self.new_org_button)
            self.export_button = QPushButton(icon("fa6s.file-export"), self.tr("Export…"))
            self.export_button.setToolTip(self.tr("Export the list as filtered, or the selected rows"))
            self.export_button.clicked.connect(self.export_contacts)
            header.addWidget(self.export_button)
            if not self.session.can_create:
                self.new_person_button.hide()
                self.new_org_button.hide()
        layout.addLayout(header)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search name, organisation, e-mail, phone, city… (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search contacts"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search_edit, 3)

        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        self.kind_combo.addItem(self.tr("People and organisations"), None)
        self.kind_combo.addItem(icon("person"), self.tr("People"), "person")
        self.kind_combo.addItem(icon("organisation"), self.tr("Organisations"), "organisation")
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.kind_combo, 1)

        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Role"))
        self.role_combo.addItem(self.tr("All roles"), None)
        for code, name in role_names():
            self.role_combo.addItem(name, code)
        self.role_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.role_combo, 1)

        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(self.tr("Tag"))
        self.tag_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.tag_combo, 1)

        self.city_edit = QLineEdit()
        self.city_edit.setAccessibleName(self.tr("City"))
        self.city_edit.setPlaceholderText(self.tr("City"))
        self.city_edit.setClearButtonEnabled(True)
        self._city_model = QStringListModel(self)
        city_completer = QCompleter(self._city_model, self)
        city_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        city_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.city_edit.setCompleter(city_completer)
        self.city_edit.textEdited.connect(self._update_city_choices)
        self.city_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.city_edit, 1)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("contactsTable")
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
        for column, width in enumerate((190, 180, 210, 110, 120, 70, 130, 130, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        open_action = QAction(self.tr("Open"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)

        self.detail = QTextBrowser()
        self.detail.setObjectName("contactDetail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setMinimumWidth(220)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty_layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if not self.trash:
            first_person = QPushButton(icon("new_person"), self.tr("Create a person"))
            first_person.clicked.connect(lambda: self.new_requested.emit("person"))
            first_org = QPushButton(icon("new_organisation"), self.tr("Create an organisation"))
            first_org.clicked.connect(lambda: self.new_requested.emit("organisation"))
            buttons.addWidget(first_person)
            buttons.addWidget(first_org)
            if not self.session.can_create:
                first_person.hide()
                first_org.hide()
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
        self.model.count_pending.connect(self._on_count_pending)
        self.model.fetch_failed.connect(
            lambda text: self.status_message.emit(self.tr("The list could not be read: %1").replace("%1", text), None)
        )

    # ------------------------------------------------------------------ filters
    def query(self) -> PartyQuery:
        """The filters as typed and chosen."""
        return PartyQuery(
            text=self.search_edit.text(),
            kind=self.kind_combo.currentData(),
            role=self.role_combo.currentData(),
            tag=self.tag_combo.currentData(),
            city=self.city_edit.text(),
            trash=self.trash,
        )

    def has_filters(self) -> bool:
        """Whether anything narrows the list."""
        q = self.query()
        return bool(q.text.strip() or q.kind or q.role or q.tag or q.city.strip())

    def apply_filters(self) -> None:
        """Re-run the list with the current filters (keeps the selected record when still listed)."""
        self._search_timer.stop()
        query = self.query()
        contacts = self.session.contacts

        def count() -> int:
            return contacts.count(query)

        def page(sort: str, descending: bool, request: PageRequest) -> list[object]:
            return list(contacts.page(query, sort, descending, request))

        # Counting a filtered or searched list can take a while on a big workspace: show the first
        # rows at once and count in the background. The whole list counts fast (an index scan).
        self.model.set_source(count, page, count_in_background=self.has_filters())
        self._reselect()

    def clear_filters(self) -> None:
        """Show everything again."""
        for widget in (self.search_edit, self.city_edit):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for combo in (self.kind_combo, self.role_combo, self.tag_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _load_filter_choices(self) -> None:
        current = self.tag_combo.currentData()
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("All tags"), None)
        for name in self.session.contacts.tag_names():
            self.tag_combo.addItem(name, name)
        index = self.tag_combo.findData(current)
        self.tag_combo.setCurrentIndex(max(index, 0))
        self.tag_combo.blockSignals(False)

    def _update_city_choices(self, text: str) -> None:
        self._city_model.setStringList(self.session.contacts.cities(text))

    def _on_count_pending(self, shown: int) -> None:
        self.count_label.setText(self.tr("%n contact(s) or more, counting…", "", shown))
        self.table_stack.setCurrentWidget(self.table)

    def _on_count(self, total: int) -> None:
        if self.trash:
            text = self.tr("%n contact(s) in the trash", "", total)
        else:
            text = self.tr("%n contact(s)", "", total)
        self.count_label.setText(text)
        if total == 0:
            if self.has_filters():
                self.empty_label.setText(self.tr("No contact matches the search and filters."))
            elif self.trash:
                self.empty_label.setText(self.tr("The trash is empty."))
            else:
                self.empty_label.setText(
                    self.tr(
                        "No contact yet. Create a person or an organisation, import a file, "
                        "or start EkoCRM with --demo to try it on sample data."
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
        if record_id is not None and not self.trash:
            self.open_requested.emit(record_id)

    def open_selected(self) -> None:
        """Open the first selected record."""
        ids = self.selected_ids()
        if ids and not self.trash:
            self.open_requested.emit(ids[0])

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        self._selected_id = ids[0] if len(ids) == 1 else None
        if self._selected_id is None:
            if ids:
                text = self.tr("%n contact(s) selected", "", len(ids))
                self.detail.setHtml(f"<p>{html.escape(text)}</p>")
            else:
                text = self.tr("Select a contact to see it here.")
                self.detail.setHtml(f"<p style='color: gray'>{html.escape(text)}</p>")
            return
        try:
            detail = self.session.contacts.get(self._selected_id)
        except NotFoundError:
            self.detail.clear()
            return
        except Exception as exc:
            if not is_connection_error(exc):
                raise
            # The shared database is unreachable: the status bar says so; keep what is shown.
            return
        self.detail.setHtml(self._detail_html(detail))

    def _detail_html(self, detail: PartyDetail) -> str:
        """The selected record as HTML for the side panel (every value escaped)."""
        d = detail.draft
        e = html.escape
        region = self.session.preferences.phone_region

        def section(title: str, body: str, note: str = "") -> str:
            small = f" <small>{e(note)}</small>" if note else ""
            return f"<p><b>{e(title)}</b>{small}<br>{body}</p>"

        subtitle = e(kind_name(d.kind)) + (f" — {e(d.job_title)}" if d.job_title else "")
        parts = [f"<h2>{e(detail.display_name)}</h2>", f"<p><i>{subtitle}</i></p>"]
        if d.affiliations:
            orgs = ", ".join(
                e(a.organisation_name) + (f" ({e(a.function)})" if a.function else "") for a in d.affiliations
            )
            parts.append(section(self.tr("Organisations"), orgs))
        if d.emails:
            mails = "<br>".join(
                f"<a href='mailto:{e(m.address)}'>{e(m.address)}</a> <small>{e(contact_label_name(m.label))}</small>"
                for m in d.emails
            )
            parts.append(section(self.tr("E-mail"), mails))
        if d.phones:
            phones = "<br>".join(
                f"<a href='tel:{e(p.number)}'>{e(phone_text(p.number, region))}</a> "
                f"<small>{e(contact_label_name(p.label))}</small>"
                for p in d.phones
            )
            parts.append(section(self.tr("Phone"), phones))
        address_title = self.tr("Address")
        for address in d.addresses:
            lines = [address.street, address.street2, f"{address.postcode} {address.city}".strip()]
            if address.country and address.country != "FR":
                lines.append(address.country)
            body = "<br>".join(e(x) for x in lines if x)
            parts.append(section(address_title, body, contact_label_name(address.label)))
        if d.roles:
            since, until = self.tr("since %1"), self.tr("until %1")
            lines = []
            for r in d.roles:
                text = (
                    role_name(r.role)
                    + (f" — {r.category}" if r.category else "")
                    + (f" ({r.status})" if r.status else "")
                )
                dates = since.replace("%1", date_text(r.since))
                if r.until:
                    dates += ", " + until.replace("%1", date_text(r.until))
                lines.append(f"{e(text)} <small>{e(dates)}</small>")
            parts.append(section(self.tr("Roles"), "<br>".join(lines)))
        if d.tags:
            parts.append(section(self.tr("Tags"), e(", ".join(d.tags))))
        if d.notes:
            parts.append(section(self.tr("Notes"), e(d.notes).replace("\n", "<br>")))
        changed = self.tr("Modified %1 by %2").replace("%1", local_datetime_text(detail.updated_at))
        changed = changed.replace("%2", detail.updated_by or "?")
        parts.append(f"<p style='color: gray'><small>{e(changed)}</small></p>")
        return "".join(parts)

    # ------------------------------------------------------------------ actions
    def delete_selected(self) -> None:
        """Move the selection to the trash, after saying what will be affected; undoable."""
        ids = self.selected_ids()
        if not ids or self.trash:
            return
        if len(ids) == 1:
            name = self.model.row_at(self.model.cached_row_of(ids[0])).display_name
            question = self.tr("Move “%1” to the trash?").replace("%1", name)
        else:
            question = self.tr("Move %n contact(s) to the trash?", "", len(ids))
        answer = QMessageBox.question(self, self.tr("Delete"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        moved = self.session.contacts.delete(ids)
        undo: Callable[[], None] = lambda: self.session.contacts.restore(ids)  # noqa: E731
        self.status_message.emit(self.tr("%n contact(s) moved to the trash.", "", moved), undo)

    def add_selected_to_group(self) -> None:
        """Put the selection in a group chosen (or named) in a dialog."""
        from ekocrm_desktop.ui.pages.groups_page import AddToGroupDialog

        ids = self.selected_ids()
        if not ids or self.trash:
            self.status_message.emit(self.tr("Select the contacts to add to a group first."), None)
            return
        dialog = AddToGroupDialog(self.session.groups, ids, parent=self)
        if dialog.exec():
            text = self.tr("%n contact(s) added to “%1”.", "", dialog.added).replace("%1", dialog.group_name)
            self.status_message.emit(text, None)

    def restore_selected(self) -> None:
        """Bring the selection back from the trash."""
        ids = self.selected_ids()
        if not ids:
            return
        restored = self.session.contacts.restore(ids)
        self.status_message.emit(self.tr("%n contact(s) restored.", "", restored), None)

    def purge_selected(self) -> None:
        """Delete the selection for good, after a clear warning."""
        ids = self.selected_ids()
        if not ids:
            return
        question = self.tr("Delete %n contact(s) permanently? This cannot be undone.", "", len(ids))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete permanently"), question, parent=self)
        box.addButton(QMessageBox.StandardButton.Cancel)
        confirm = box.addButton(self.tr("Delete permanently"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not confirm:
            return
        purged = self.session.contacts.purge(ids)
        self.status_message.emit(self.tr("%n contact(s) deleted permanently.", "", purged), None)

    def export_contacts(self) -> None:
        """Export the current list (search and filters) or the selection to CSV, XLSX or vCard."""
        from ekocrm_desktop.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.session.exports, self.query(), self.selected_ids(), self.model.rowCount(), self)
        if dialog.exec() == ExportDialog.DialogCode.Accepted and dialog.count is not None:
            self.status_message.emit(self.tr("%n contact(s) exported.", "", dialog.count), None)

    # ------------------------------------------------------------------ changes
    def on_changes(self, changes: Changes) -> None:
        """Refresh when parties or tags changed (here or, on a shared database, elsewhere)."""
        if changes.touches(TAG):
            self._load_filter_choices()
        if changes.touches(PARTY):
            selected = self._selected_id
            scroll = self.table.verticalScrollBar().value()
            self.model.refresh()
            self.table.verticalScrollBar().setValue(scroll)
            if selected is not None:
                self._selected_id = selected
                self._reselect()
