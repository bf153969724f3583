"""The deals page ("Affaires"): the kanban board by pipeline stage (drag a card to change its
stage) and the paged list (search, filters, sortable columns), with the selected deal's details
and the actions on it: edit, mark won, mark lost with a reason, reopen, move to the trash."""

from __future__ import annotations

import html
import uuid
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import Changes
from ekocrm_desktop.services.deals import DEAL, PARTY, STAGE, DealDetail, DealQuery
from ekocrm_desktop.services.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from ekocrm_desktop.ui.deal_labels import deal_error_text, money_text, percent_text, status_name, status_names
from ekocrm_desktop.ui.dialogs.deal_dialogs import DealDialog, LostReasonDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.tablemodels.deal_table_models import DealTableModel
from ekocrm_desktop.ui.widgets.kanban import KanbanBoard, KanbanColumn
from ekocrm_desktop.ui.widgets.pipeline_stages_editor import PipelineStagesDialog

SEARCH_DELAY_MS = 150
BOARD, LIST = 0, 1


class DealsPage(QWidget):
    """Deals as a kanban board and as a list."""

    status_message = Signal(str, object)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DealsPage")
        self.session = session
        self.deals = session.deals
        self.model = DealTableModel(self)
        self._board_stale = True
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self._build()
        self._load_filters()
        self.apply_filters()
        self.reload_board()
        self._update_actions()
        session.bridge.listen(self, self.on_changes)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        header = QHBoxLayout()
        title = QLabel(self.tr("Deals"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        header.addWidget(title)
        self.board_button = QPushButton(icon("fa6s.table-columns"), self.tr("Board"))
        self.board_button.setObjectName("boardViewButton")
        self.list_button = QPushButton(icon("fa6s.list"), self.tr("List"))
        self.list_button.setObjectName("listViewButton")
        self.view_group = QButtonGroup(self)
        for index, button in enumerate((self.board_button, self.list_button)):
            button.setCheckable(True)
            self.view_group.addButton(button, index)
            header.addWidget(button)
        self.board_button.setChecked(True)
        self.view_group.idClicked.connect(self.show_view)
        header.addSpacing(12)
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("ownerFilter")
        self.owner_combo.setAccessibleName(self.tr("Owner"))
        self.owner_combo.currentIndexChanged.connect(lambda _i: self._owner_changed())
        header.addWidget(self.owner_combo)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("dealsSummary")
        header.addWidget(self.summary_label, 1)
        self.stages_button = QPushButton(icon("settings"), self.tr("Configure stages…"))
        self.stages_button.setObjectName("configureStages")
        self.stages_button.clicked.connect(self.configure_stages)
        header.addWidget(self.stages_button)
        self.new_button = QPushButton(icon("add"), self.tr("New deal…"))
        self.new_button.setObjectName("newDealButton")
        self.new_button.setEnabled(self.session.can_create)
        self.new_button.clicked.connect(lambda: self.new_deal())
        header.addWidget(self.new_button)
        layout.addLayout(header)

        actions = QHBoxLayout()
        self.edit_button = QPushButton(icon("edit"), self.tr("Open"))
        self.edit_button.setObjectName("openDeal")
        self.edit_button.clicked.connect(lambda: self.open_selected())
        self.won_button = QPushButton(icon("fa6s.trophy"), self.tr("Mark won"))
        self.won_button.setObjectName("markWon")
        self.won_button.clicked.connect(lambda: self.mark_won())
        self.lost_button = QPushButton(icon("fa6s.thumbs-down"), self.tr("Mark lost…"))
        self.lost_button.setObjectName("markLost")
        self.lost_button.clicked.connect(lambda: self.mark_lost())
        self.reopen_button = QPushButton(icon("fa6s.rotate-left"), self.tr("Reopen"))
        self.reopen_button.setObjectName("reopenDeal")
        self.reopen_button.clicked.connect(lambda: self.reopen())
        self.delete_button = QPushButton(icon("delete"), self.tr("Move to the trash"))
        self.delete_button.setObjectName("deleteDeal")
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        for button in (self.edit_button, self.won_button, self.lost_button, self.reopen_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.stack = QStackedWidget()
        self.board = KanbanBoard()
        self.board.card_dropped.connect(self.drop_card)
        self.board.card_activated.connect(self.open_deal)
        self.board.card_selected.connect(lambda _id: self._selection_changed())
        self.board.more_requested.connect(self.more_cards)
        self.stack.addWidget(self.board)
        self.stack.addWidget(self._list_view())
        self.empty_label = QLabel(
            self.tr("No deals yet: create the first one with “New deal…”, or open the demo workspace.")
        )
        self.empty_label.setObjectName("emptyDeals")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        # Ctrl+F and F5 are the window's actions: they call focus_search() and refresh().

    def _list_view(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setPlaceholderText(self.tr("Search a deal or a client (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Search deals"))
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        filters.addWidget(self.search_edit, 3)
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("stageFilter")
        self.stage_combo.setAccessibleName(self.tr("Stage"))
        self.stage_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.stage_combo, 1)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        for code, name in status_names():
            self.status_combo.addItem(name, code)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        filters.addWidget(self.status_combo, 1)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("dealsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((175, 150, 110, 90, 75, 95, 95, 70)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        open_action = QAction(self.tr("Open"), self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        self.model.count_changed.connect(self._on_count)
        self.model.fetch_failed.connect(lambda text: self.status_message.emit(text, None))

        self.details = QLabel()
        self.details.setObjectName("dealDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setWordWrap(True)
        self.details.setMargin(8)
        self.details.setMinimumWidth(220)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([970, 230])
        layout.addWidget(splitter, 1)
        return page

    # ------------------------------------------------------------------ data
    def _load_filters(self) -> None:
        stage = self.stage_combo.currentData()
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        self.stage_combo.addItem(self.tr("All stages"), None)
        for info in self.deals.stages():
            self.stage_combo.addItem(info.name, str(info.id))
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(stage)))
        self.stage_combo.blockSignals(False)
        owner = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("Every owner"), None)
        for choice in self.deals.collaborators():
            self.owner_combo.addItem(choice.name, str(choice.id))
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(owner)))
        self.owner_combo.blockSignals(False)

    def _owner_id(self) -> uuid.UUID | None:
        data = self.owner_combo.currentData()
        return uuid.UUID(data) if data else None

    def query(self) -> DealQuery:
        """The list's filters as typed."""
        stage = self.stage_combo.currentData()
        return DealQuery(
            text=self.search_edit.text(),
            stage_id=uuid.UUID(stage) if stage else None,
            owner_id=self._owner_id(),
            status=self.status_combo.currentData(),
        )

    def apply_filters(self) -> None:
        """Show the list for the filters as they are now."""
        self._search_timer.stop()
        query = self.query()
        self.model.set_source(
            lambda: self.deals.count(query),
            lambda sort, descending, request: self.deals.page(query, sort, descending, request),
        )
        self._selection_changed()

    def _owner_changed(self) -> None:
        self.apply_filters()
        self.reload_board()

    def reload_board(self) -> None:
        """Read the board again (counts and totals from SQL, the first cards of each column)."""
        try:
            columns = self.deals.board(owner_id=self._owner_id())
        except Exception as exc:  # a lost connection: keep what is shown, say why
            self.status_message.emit(str(exc), None)
            return
        self.board.set_columns(columns, editable=self.session.can_edit)
        self._board_stale = False
        total = sum(c.count for c in columns)
        self.empty_label.setVisible(total == 0 and self.model.rowCount() == 0)
        open_columns = [c for c in columns if not c.stage.is_closing]
        self.summary_label.setText(
            self.tr("%n open deal(s) — %1 (weighted %2)", "", sum(c.count for c in open_columns))
            .replace("%1", money_text(sum((c.total for c in open_columns), start=Decimal("0.00"))))
            .replace("%2", money_text(sum((c.weighted for c in open_columns), start=Decimal("0.00"))))
        )

    def more_cards(self, column: KanbanColumn) -> None:
        """Load the next cards of a column."""
        cards = self.deals.column_cards(column.column.stage.id, column.cards.count(), owner_id=self._owner_id())
        column.add_cards(cards)

    def _on_count(self, count: int) -> None:
        if self.stack.currentIndex() == LIST:
            self.empty_label.setVisible(count == 0 and not self.search_edit.text())

    def on_changes(self, changes: Changes) -> None:
        """Refresh what shows deals, stages or parties' names."""
        if changes.touches(STAGE, PARTY):
            # New stages, or someone became (or stopped being) a collaborator who can own deals.
            self._load_filters()
        if changes.touches(DEAL, STAGE, PARTY):
            self.model.refresh()
            if self.isVisible() and self.stack.currentIndex() == BOARD:
                self.reload_board()
            else:
                self._board_stale = True
            self._selection_changed()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._board_stale:
            self.reload_board()

    def show_view(self, view: int) -> None:
        """Switch between the board (0) and the list (1)."""
        self.stack.setCurrentIndex(view)
        self.view_group.button(view).setChecked(True)
        if view == BOARD and self._board_stale:
            self.reload_board()
        self._selection_changed()

    def set_stage_filter(self, stage_id: uuid.UUID | None) -> None:
        """Show the list of one stage's deals (the dashboard's pipeline chart opens it)."""
        index = self.stage_combo.findData(str(stage_id)) if stage_id is not None else 0
        self.stage_combo.setCurrentIndex(max(index, 0))
        self.show_view(LIST)

    def refresh(self) -> None:
        """F5: read the stages, the board and the list again."""
        self._load_filters()
        self.model.refresh()
        self.reload_board()

    def focus_search(self) -> None:
        """Ctrl+F: the list's search box."""
        self.show_view(LIST)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # ------------------------------------------------------------------ selection
    def selected_id(self) -> uuid.UUID | None:
        """The deal selected in the view on screen."""
        if self.stack.currentIndex() == BOARD:
            return self.board.selected_id()
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        deal_id = self.selected_id()
        detail: DealDetail | None = None
        if deal_id is not None:
            try:
                detail = self.deals.get(deal_id)
            except NotFoundError:
                detail = None
        self._show_details(detail)
        self._update_actions(detail)

    def _update_actions(self, detail: DealDetail | None = None) -> None:
        editable = self.session.can_edit
        self.edit_button.setEnabled(detail is not None)
        self.won_button.setEnabled(editable and detail is not None and detail.status != "won")
        self.lost_button.setEnabled(editable and detail is not None and detail.status != "lost")
        self.reopen_button.setEnabled(editable and detail is not None and detail.status != "open")
        self.delete_button.setEnabled(editable and detail is not None)
        self.stages_button.setEnabled(True)

    def _show_details(self, detail: DealDetail | None) -> None:
        if detail is None:
            self.details.setText(self.tr("Select a deal to see it here."))
            return
        e = html.escape
        rows = [
            (self.tr("Client"), detail.party_name or "—"),
            (self.tr("Owner"), detail.owner_name or "—"),
            (self.tr("Stage"), detail.stage_name),
            (self.tr("Status"), status_name(detail.status)),
            (self.tr("Probability"), percent_text(detail.draft.probability or 0)),
            (self.tr("Expected close"), date_text(detail.draft.expected_close) or "—"),
            (self.tr("Amount excl. VAT"), money_text(detail.totals.net)),
        ]
        if detail.draft.lines:
            rows.append((self.tr("Total incl. VAT"), money_text(detail.totals.gross)))
        if detail.status == "lost" and detail.draft.lost_reason:
            reasons = dict(self.deals.lost_reasons())
            rows.append((self.tr("Reason lost"), reasons.get(detail.draft.lost_reason, detail.draft.lost_reason)))
        if detail.draft.contacts:
            rows.append((self.tr("Contacts"), ", ".join(c.name for c in detail.draft.contacts)))
        body = "".join(f"<tr><td><b>{e(k)}</b>&nbsp;</td><td>{e(v)}</td></tr>" for k, v in rows)
        lines = "".join(
            f"<li>{e(str(line.quantity.normalize()))} × {e(line.description)} — {e(money_text(line.total))}</li>"
            for line in detail.draft.lines
        )
        self.details.setText(
            f"<h3>{e(detail.draft.title)}</h3><table>{body}</table>" + (f"<ul>{lines}</ul>" if lines else "")
        )

    # ------------------------------------------------------------------ actions
    def new_deal(self, stage_id: uuid.UUID | None = None) -> DealDialog:
        """Open the form for a new deal (shown; the caller may exec it)."""
        dialog = DealDialog(self.session, stage_id=stage_id, parent=self)
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def open_deal(self, deal_id: uuid.UUID) -> DealDialog | None:
        """Open a deal's form."""
        try:
            detail = self.deals.get(deal_id)
        except NotFoundError:
            return None
        dialog = DealDialog(self.session, detail, parent=self)
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def open_selected(self) -> DealDialog | None:
        """Open the selected deal."""
        deal_id = self.selected_id()
        return self.open_deal(deal_id) if deal_id is not None else None

    def _after_save(self, dialog: DealDialog) -> None:
        if dialog.saved is not None:
            self.status_message.emit(self.tr("Deal “%1” saved.").replace("%1", dialog.saved.draft.title), None)
            self.reload_board()
            self.board.select(dialog.saved.id)

    def drop_card(self, deal_id: uuid.UUID, stage_id: uuid.UUID, after_id: uuid.UUID | None = None) -> bool:
        """A card dropped on a column (also what a test calls): move the deal there, below `after_id`."""
        if not self.session.can_edit:
            return False
        stage = next((s for s in self.deals.stages() if s.id == stage_id), None)
        if stage is None:
            return False
        reason = ""
        try:
            current = self.deals.get(deal_id)
        except NotFoundError:
            self.reload_board()
            return False
        if stage.is_lost and current.status != "lost":
            ask = LostReasonDialog(self.deals.lost_reasons(), current.draft.title, self)
            if ask.exec() != QDialog.DialogCode.Accepted:
                self.reload_board()
                return False
            reason = ask.code()
        try:
            moved = self.deals.move_to_stage(deal_id, stage_id, after_id=after_id, lost_reason=reason)
        except (ValidationFailedError, ConflictError, PermissionDeniedError, NotFoundError) as exc:
            self._refused(self.tr("Deal not moved"), exc)
            self.reload_board()
            return False
        self.reload_board()
        self.board.select(deal_id)
        if moved.status == "won" and current.status != "won":
            text = self.tr("“%1” won: %2 is now a client.").replace("%1", moved.draft.title)
            self.status_message.emit(text.replace("%2", moved.party_name or "—"), None)
        else:
            self.status_message.emit(
                self.tr("“%1” moved to %2.").replace("%1", moved.draft.title).replace("%2", moved.stage_name), None
            )
        return True

    def _refused(self, title: str, exc: Exception) -> None:
        if isinstance(exc, ValidationFailedError):
            message = "\n".join(deal_error_text(e) for e in exc.errors)
        elif isinstance(exc, ConflictError):
            message = self.tr("Someone changed this deal meanwhile: the board was read again.")
        elif isinstance(exc, PermissionDeniedError):
            message = self.tr("Your role does not allow this.")
        else:
            message = self.tr("This deal no longer exists.")
        show_error(self, title, message, str(exc))

    def mark_won(self) -> bool:
        """Close the selected deal as won (its client becomes a client)."""
        deal_id = self.selected_id()
        if deal_id is None:
            return False
        try:
            self.deals.mark_won(deal_id)
        except (ValidationFailedError, ConflictError, PermissionDeniedError, NotFoundError) as exc:
            self._refused(self.tr("Deal not changed"), exc)
            return False
        self.reload_board()
        self.board.select(deal_id)
        self._selection_changed()
        return True

    def mark_lost(self, reason: str | None = None) -> bool:
        """Close the selected deal as lost, asking the reason."""
        deal_id = self.selected_id()
        if deal_id is None:
            return False
        if reason is None:
            ask = LostReasonDialog(self.deals.lost_reasons(), self.deals.get(deal_id).draft.title, self)
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = ask.code()
        try:
            self.deals.mark_lost(deal_id, reason)
        except (ValidationFailedError, ConflictError, PermissionDeniedError, NotFoundError) as exc:
            self._refused(self.tr("Deal not changed"), exc)
            return False
        self.reload_board()
        self.board.select(deal_id)
        self._selection_changed()
        return True

    def reopen(self) -> bool:
        """Open the selected closed deal again."""
        deal_id = self.selected_id()
        if deal_id is None:
            return False
        try:
            self.deals.reopen(deal_id)
        except (ConflictError, PermissionDeniedError, NotFoundError) as exc:
            self._refused(self.tr("Deal not changed"), exc)
            return False
        self.reload_board()
        self.board.select(deal_id)
        self._selection_changed()
        return True

    def delete_selected(self) -> bool:
        """Move the selected deal to the trash (after asking)."""
        deal_id = self.selected_id()
        if deal_id is None:
            return False
        title = self.deals.get(deal_id).draft.title
        answer = QMessageBox.question(
            self, self.tr("Move to the trash"), self.tr("Move the deal “%1” to the trash?").replace("%1", title)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.deals.delete([deal_id])
        except PermissionDeniedError as exc:
            self._refused(self.tr("Deal not changed"), exc)
            return False
        self.status_message.emit(self.tr("Deal “%1” moved to the trash.").replace("%1", title), None)
        return True

    def configure_stages(self) -> PipelineStagesDialog:
        """Open the pipeline stages editor."""
        dialog = PipelineStagesDialog(self.session, self)
        dialog.open()
        return dialog
