"""The Tasks page: mine, my team's, overdue, today, this week (or all), counted and paged in SQL;
mark done, reopen, open, plan a new task."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.activities import ActivityDraft, TaskFields
from ekocrm_desktop.services.tasks import TaskQuery, TaskView
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.dialogs.bulk_task_dialog import BulkTaskDialog
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.activity_table_models import TaskTableModel


class TasksPage(QWidget):
    """Tasks by view, soonest due first; overdue ones in red."""

    status_message = Signal(str, object)
    #: An activity dialog was opened (tests follow it).
    dialog_opened = Signal(object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TasksPage")
        self.session = session
        self.tasks = session.tasks
        self.model = TaskTableModel(self)
        self._views = [
            (TaskView.MINE.value, self.tr("Mine")),
            (TaskView.TEAM.value, self.tr("My team's")),
            (TaskView.OVERDUE.value, self.tr("Overdue")),
            (TaskView.TODAY.value, self.tr("Today")),
            (TaskView.WEEK.value, self.tr("This week")),
            (TaskView.ALL.value, self.tr("All")),
        ]
        # Only this collaborator's tasks (the dashboard's tasks chart sets it; a change of view clears it).
        self.assignee_filter: uuid.UUID | None = None
        self._keep_filter = False
        self._build()
        self.refresh()
        session.bridge.listen(self, self.on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Tasks"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        header.addStretch(1)
        self.new_button = QPushButton(icon("add"), self.tr("New task…"))
        self.new_button.setObjectName("newTaskButton")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.new_task())
        header.addWidget(self.new_button)
        self.bulk_button = QPushButton(icon("fa6s.users"), self.tr("Plan for several people…"))
        self.bulk_button.setObjectName("bulkTasksButton")
        self.bulk_button.setEnabled(self.session.can_create)
        self.bulk_button.clicked.connect(lambda: self.plan_for_people([]))
        header.addWidget(self.bulk_button)
        layout.addLayout(header)

        bar = QHBoxLayout()
        self.view_tabs = QTabBar()
        self.view_tabs.setObjectName("taskViews")
        self.view_tabs.setExpanding(False)
        self.view_tabs.setDrawBase(False)
        for _code, name in self._views:
            self.view_tabs.addTab(name)
        self.view_tabs.currentChanged.connect(lambda _i: self._view_changed())
        bar.addWidget(self.view_tabs)
        bar.addStretch(1)
        self.closed_check = QCheckBox(self.tr("Show done and cancelled"))
        self.closed_check.setObjectName("showClosed")
        self.closed_check.toggled.connect(lambda _c: self.refresh())
        bar.addWidget(self.closed_check)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setObjectName("tasksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 80, 280, 200, 150)):
            self.table.setColumnWidth(column, width)
        # Double-click or Enter (one signal, so a double-click opens one form).
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        layout.addWidget(self.table, 1)

        footer = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("taskCount")
        footer.addWidget(self.count_label, 1)
        self.open_button = QPushButton(icon("edit"), self.tr("Open"))
        self.open_button.setObjectName("openTask")
        self.open_button.clicked.connect(self.open_selected)
        self.done_button = QPushButton(icon("fa6s.check"), self.tr("Mark done"))
        self.done_button.setObjectName("markDone")
        self.done_button.clicked.connect(self.mark_done)
        self.reopen_button = QPushButton(icon("fa6s.rotate-left"), self.tr("Reopen"))
        self.reopen_button.setObjectName("reopenTask")
        self.reopen_button.clicked.connect(self.reopen)
        for button in (self.open_button, self.done_button, self.reopen_button):
            footer.addWidget(button)
        layout.addLayout(footer)

    # ------------------------------------------------------------------ list
    def view(self) -> str:
        """The view shown ("mine", "team", ...)."""
        return self._views[max(self.view_tabs.currentIndex(), 0)][0]

    def set_view(self, code: str) -> None:
        """Show one of the views."""
        self.view_tabs.setCurrentIndex(next(i for i, (c, _n) in enumerate(self._views) if c == code))

    def set_assignee_filter(self, assignee_id: uuid.UUID | None, view: str = TaskView.ALL.value) -> None:
        """Show one collaborator's tasks in a view (None: everyone's again)."""
        self.assignee_filter = assignee_id
        self._keep_filter = True
        try:
            self.set_view(view)
        finally:
            self._keep_filter = False
        self.refresh()

    def _view_changed(self) -> None:
        if not self._keep_filter:
            self.assignee_filter = None
        self.refresh()

    def refresh(self) -> None:
        """Count every view (tab titles) and read the one shown."""
        query = TaskQuery(
            view=self.view(), include_closed=self.closed_check.isChecked(), assignee_id=self.assignee_filter
        )
        tasks = self.tasks
        self.model.now = tasks.now()
        self.model.set_source(lambda: tasks.count(query), lambda _s, desc, req: tasks.page(query, req, descending=desc))
        counts = tasks.counts()
        for index, (code, name) in enumerate(self._views):
            count = counts.get(code, 0)
            self.view_tabs.setTabText(index, f"{name} ({count})" if count else name)
        total = self.model.rowCount()
        self.count_label.setText(
            self.tr("%n task(s)", "", total) if total else self.tr("No task here. Plan one with “New task…”.")
        )
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        """Tasks saved here or on another machine (live updates)."""
        if changes.touches("activity", "alert", "party"):
            self.refresh()

    def selected_ids(self) -> list[uuid.UUID]:
        """The tasks selected in the table."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [task_id for row in rows if (task_id := self.model.id_at(row)) is not None]

    def _update_buttons(self) -> None:
        selected = bool(self.selected_ids())
        self.open_button.setEnabled(selected)
        self.done_button.setEnabled(selected and self.session.can_edit)
        self.reopen_button.setEnabled(selected and self.session.can_edit)

    # ------------------------------------------------------------------ actions
    def mark_done(self) -> None:
        """Mark the selected tasks done."""
        ids = self.selected_ids()
        count = self.tasks.complete(ids)
        tasks = self.tasks
        self.status_message.emit(self.tr("%n task(s) marked done.", "", count), lambda: tasks.reopen(ids))

    def reopen(self) -> None:
        """Put the selected tasks back to do."""
        count = self.tasks.reopen(self.selected_ids())
        self.status_message.emit(self.tr("%n task(s) reopened.", "", count), None)

    def open_selected(self) -> None:
        """Open the first selected task."""
        ids = self.selected_ids()
        if ids:
            self.open_task(ids[0])

    def _open_index(self, index: QModelIndex) -> None:
        task_id = self.model.id_at(index.row())
        if task_id is not None:
            self.open_task(task_id)

    def open_task(self, task_id: uuid.UUID) -> ActivityDialog:
        """Open a task's form."""
        dialog = ActivityDialog(self.session, activity_id=task_id, parent=self)
        dialog.trashed.connect(self._trashed)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def plan_for_people(self, party_ids: list[uuid.UUID], label: str = "") -> BulkTaskDialog:
        """One task per person (the segments and groups pages pass their people; more can be added)."""
        dialog = BulkTaskDialog(self.session, party_ids, label=label, parent=self)
        dialog.done.connect(
            lambda result: self.status_message.emit(self.tr("%n task(s) planned.", "", result.created), None)
        )
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog

    def _trashed(self, activity_id: uuid.UUID, subject: str) -> None:
        activities = self.session.activities
        self.status_message.emit(
            self.tr("“%1” moved to the trash.").replace("%1", subject), lambda: activities.restore([activity_id])
        )

    def new_task(self) -> ActivityDialog:
        """Plan a new task (for oneself, due tomorrow)."""
        now = self.tasks.now()
        preset = ActivityDraft(
            type="call_out",
            task=TaskFields(
                assignee_id=self.session.capabilities.my_party_id,
                due_at=(now + dt.timedelta(days=1)).replace(second=0, microsecond=0),
            ),
        )
        dialog = ActivityDialog(self.session, preset=preset, parent=self)
        dialog.show()
        self.dialog_opened.emit(dialog)
        return dialog
