"""The groups page: static lists of parties ("Bureau 2026") on the left with their counts, the
selected group's members in the paged contacts table on the right; and the "Add to group…"
dialog the contacts page opens on its selection."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.contacts import PARTY
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.groups import GROUP, GroupInfo, GroupService
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.party_table_model import PartyTableModel

IdRole = Qt.ItemDataRole.UserRole + 1


def members_table(model: PartyTableModel, name: str) -> QTableView:
    """The contacts-like table of a group's or a segment's members."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate((180, 160, 190, 110, 110, 70, 110, 110, 110)):
        table.setColumnWidth(column, width)
    return table


def _error_text(exc: ValidationFailedError) -> str:
    return "\n".join(field_error_text(e) for e in exc.errors)


class GroupsPage(QWidget):
    """Groups on the left, the selected group's members on the right."""

    open_requested = Signal(object)
    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("GroupsPage")
        self.model = PartyTableModel(phone_region=session.preferences.phone_region, parent=self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._show_members)
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    @property
    def groups(self) -> GroupService:
        """The groups service of the session."""
        return self.session.groups

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Groups"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.count_label = QLabel()
        header.addWidget(self.count_label)
        header.addStretch(1)
        self.new_button = QPushButton(icon("fa6s.plus"), self.tr("New group…"))
        self.new_button.clicked.connect(self.new_group)
        self.rename_button = QPushButton(icon("fa6s.pen"), self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename_group)
        self.delete_button = QPushButton(icon("trash"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_group)
        for button in (self.new_button, self.rename_button, self.delete_button):
            header.addWidget(button)
            if not self.session.can_edit:
                button.hide()
        # As on the segments page: "a follow-up call for everyone of the group".
        self.plan_button = QPushButton(icon("fa6s.list-check"), self.tr("Plan tasks…"))
        self.plan_button.setObjectName("planGroupTasks")
        self.plan_button.setToolTip(self.tr("One task for each member of the group (a follow-up call, a visit…)"))
        self.plan_button.clicked.connect(self.plan_tasks)
        header.addWidget(self.plan_button)
        if not self.session.can_create:
            self.plan_button.hide()
        layout.addLayout(header)

        self.list = QListWidget()
        self.list.setObjectName("groupList")
        self.list.setAccessibleName(self.tr("Groups"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_a: self._show_members())

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search in the group (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search in the group"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        tools.addWidget(self.search_edit, 1)
        self.remove_button = QPushButton(icon("fa6s.user-minus"), self.tr("Remove from the group"))
        self.remove_button.clicked.connect(self.remove_selected)
        tools.addWidget(self.remove_button)
        if not self.session.can_edit:
            self.remove_button.hide()
        right_layout.addLayout(tools)
        self.table = members_table(self.model, "groupMembersTable")
        self.table.doubleClicked.connect(self._open_index)
        right_layout.addWidget(self.table, 1)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right_layout.addWidget(self.empty_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([240, 960])
        layout.addWidget(splitter, 1)
        self.model.count_changed.connect(self._on_count)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Reload the groups (keeps the selected one)."""
        current = self.current_group_id()
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.groups.groups():
            item = QListWidgetItem(icon("fa6s.users"), self._item_text(info))
            item.setData(IdRole, str(info.id))
            item.setData(IdRole + 1, info.version)
            item.setData(IdRole + 2, info.name)
            self.list.addItem(item)
            if info.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show_members()

    def _item_text(self, info: GroupInfo) -> str:
        return self.tr("%1 (%2)").replace("%1", info.name).replace("%2", str(info.count))

    def current_group_id(self) -> uuid.UUID | None:
        """The group shown on the right."""
        item = self.list.currentItem()
        return uuid.UUID(item.data(IdRole)) if item is not None else None

    def select_group(self, name: str) -> bool:
        """Select a group by name."""
        for row in range(self.list.count()):
            if self.list.item(row).data(IdRole + 2) == name:
                self.list.setCurrentRow(row)
                return True
        return False

    def _show_members(self) -> None:
        self._search_timer.stop()
        group_id = self.current_group_id()
        for button in (self.rename_button, self.delete_button, self.remove_button, self.plan_button):
            button.setEnabled(group_id is not None)
        if group_id is None:
            self.model.set_source(lambda: 0, lambda _s, _d, _r: [])
            self.empty_label.setText(
                self.tr(
                    "No group yet. A group is a list you fill by hand: create one, then add contacts to it "
                    "from the Contacts page (select them, then “Add to group…”)."
                )
            )
            return
        groups, text = self.groups, self.search_edit.text()

        def page(sort: str, descending: bool, request: PageRequest) -> list[object]:
            return list(groups.page(group_id, text, sort, descending, request))

        self.model.set_source(lambda: groups.count(group_id, text), page)

    def _on_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%n member(s)", "", total) if self.current_group_id() else "")
        if self.current_group_id() is not None:
            if total:
                self.empty_label.setText("")
            elif self.search_edit.text().strip():
                self.empty_label.setText(self.tr("Nobody in this group matches the search."))
            else:
                self.empty_label.setText(
                    self.tr("This group is empty. On the Contacts page, select people, then “Add to group…”.")
                )
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def selected_ids(self) -> list[uuid.UUID]:
        """Ids of the selected members."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def _open_index(self, index: object) -> None:
        record_id = self.model.id_at(index.row())  # type: ignore[attr-defined]
        if record_id is not None:
            self.open_requested.emit(record_id)

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ actions
    def new_group(self, name: str | None = None) -> GroupInfo | None:
        """Ask for a name and create a group."""
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New group"), self.tr("Name of the group:"))
            if not ok:
                return None
        try:
            info = self.groups.create(name)
        except ValidationFailedError as exc:
            show_error(self, self.tr("New group"), _error_text(exc))
            return None
        self.refresh()
        self.select_group(info.name)
        return info

    def rename_group(self, name: str | None = None) -> None:
        """Rename the selected group."""
        item = self.list.currentItem()
        if item is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Rename the group"), self.tr("New name:"), text=str(item.data(IdRole + 2))
            )
            if not ok:
                return
        try:
            self.groups.update(uuid.UUID(item.data(IdRole)), int(item.data(IdRole + 1)), name=name)
        except ValidationFailedError as exc:
            show_error(self, self.tr("Rename the group"), _error_text(exc))
        except Exception as exc:
            show_error(self, self.tr("Rename the group"), self.tr("The group could not be renamed."), str(exc))
        self.refresh()

    def delete_group(self) -> None:
        """Move the selected group to the trash, after saying what it affects; undoable."""
        item = self.list.currentItem()
        if item is None:
            return
        group_id = uuid.UUID(item.data(IdRole))
        info = self.groups.get(group_id)
        question = self.tr("Delete the group “%1” (%n member(s))? The contacts themselves stay.", "", info.count)
        if (
            QMessageBox.question(self, self.tr("Delete"), question.replace("%1", info.name))
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.groups.delete(group_id)
        self.status_message.emit(
            self.tr("Group “%1” deleted.").replace("%1", info.name), lambda: self.groups.restore(group_id)
        )

    def remove_selected(self) -> None:
        """Take the selected members out of the group (undoable)."""
        group_id, ids = self.current_group_id(), self.selected_ids()
        if group_id is None or not ids:
            return
        removed = self.groups.remove(group_id, ids)
        self.status_message.emit(
            self.tr("%n contact(s) removed from the group.", "", removed), lambda: self.groups.add(group_id, ids)
        )

    def plan_tasks(self) -> workers.Worker | None:
        """Plan one task per member of the selected group (members found in a worker)."""
        from ekocrm_desktop.ui.dialogs.bulk_task_dialog import plan_tasks_for

        item, groups = self.list.currentItem(), self.groups
        if item is None:
            return None
        group_id = uuid.UUID(item.data(IdRole))
        return plan_tasks_for(
            self,
            self.session,
            lambda: groups.member_ids(group_id),
            label=str(item.data(IdRole + 2)),
            button=self.plan_button,
            planned=lambda result: self.status_message.emit(self.tr("%n task(s) planned.", "", result.created), None),
            error_title=self.tr("Plan tasks"),
        )

    def on_changes(self, changes: Changes) -> None:
        """Groups or parties changed (here or elsewhere)."""
        if changes.touches(GROUP, PARTY):
            self.refresh()


class AddToGroupDialog(QDialog):
    """Choose a group (or name a new one) for the contacts selected on the contacts page."""

    def __init__(self, groups: GroupService, party_ids: Sequence[uuid.UUID], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addToGroupDialog")
        self._groups = groups
        self._ids = list(party_ids)
        self.added = 0
        self.group_name = ""
        self.setWindowTitle(self.tr("Add to group"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Add %n contact(s) to:", "", len(self._ids))))
        form = QFormLayout()
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName(self.tr("Group"))
        self.group_combo.addItem(self.tr("A new group…"), None)
        for info in groups.groups():
            self.group_combo.addItem(icon("fa6s.users"), info.name, str(info.id))
        if self.group_combo.count() > 1:
            self.group_combo.setCurrentIndex(1)
        form.addRow(self.tr("Group:"), self.group_combo)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name of the new group"))
        self.name_edit.setPlaceholderText(self.tr("Salon de Lyon 2026"))
        form.addRow(self.tr("New group:"), self.name_edit)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.group_combo.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.name_edit.setEnabled(self.group_combo.currentData() is None)

    def accept(self) -> None:
        """Add the contacts (creating the group first when asked)."""
        try:
            data = self.group_combo.currentData()
            if data is None:
                info = self._groups.create(self.name_edit.text())
                group_id, self.group_name = info.id, info.name
            else:
                group_id, self.group_name = uuid.UUID(data), self.group_combo.currentText()
            self.added = self._groups.add(group_id, self._ids)
        except ValidationFailedError as exc:
            self.error_label.setText(_error_text(exc))
            self.error_label.show()
            return
        super().accept()
