"""The deals kanban board: one column per pipeline stage, cards dragged between columns.

Each column is a QListWidget whose items carry a deal id; dragging a card puts the deal id
in the drag's MIME data, and dropping it on a column (at a place among its cards) asks the
service to move the deal there. The board never moves items itself: it reloads what the
service returns, so what is shown is what is stored. Columns load their first page of cards
and a "more" button fetches the next ones; counts and totals come from SQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QByteArray, QLocale, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.deals import BoardColumn, DealCard, cents
from ekocrm_desktop.ui.deal_labels import money_text
from ekocrm_desktop.ui.formatting import date_text

#: MIME type of a dragged card: the deal's id.
DEAL_MIME = "application/x-ekocrm-deal"
IdRole = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTH = 218


def whole_money_text(value: Decimal) -> str:
    """An amount rounded to the euro, for headers where cents are noise: "45 300 €"."""
    return QLocale().toCurrencyString(float(cents(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)), "€", 0)


class CardList(QListWidget):
    """The cards of one column; accepts cards dropped from any column of the board."""

    #: (deal id, stage id, id of the card it was dropped below or None for the top)
    dropped = Signal(object, object, object)

    def __init__(self, stage_id: uuid.UUID, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.setObjectName("kanbanCards")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(
            "QListWidget { background: palette(window); border: none; }"
            "QListWidget::item { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 4px; margin: 1px 2px; color: palette(text); }"
            "QListWidget::item:selected { border: 2px solid palette(highlight); }"
        )
        if editable:
            self.setDragEnabled(True)
            self.setAcceptDrops(True)
            self.viewport().setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def deal_ids(self) -> list[uuid.UUID]:
        """Ids of the cards, top to bottom."""
        return [uuid.UUID(self.item(i).data(IdRole)) for i in range(self.count())]

    def item_of(self, deal_id: uuid.UUID) -> QListWidgetItem | None:
        """The card of a deal, if loaded in this column."""
        for i in range(self.count()):
            if self.item(i).data(IdRole) == str(deal_id):
                return self.item(i)
        return None

    # ------------------------------------------------------------------ drag and drop
    def mimeTypes(self) -> list[str]:
        return [DEAL_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(DEAL_MIME, QByteArray(str(items[0].data(IdRole)).encode("ascii")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(DEAL_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(DEAL_MIME):
            super().dragMoveEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        raw = event.mimeData().data(DEAL_MIME)
        if raw.isEmpty():
            event.ignore()
            return
        deal_id = uuid.UUID(bytes(raw.data()).decode("ascii"))
        row = self.indexAt(event.position().toPoint()).row()
        ids = [i for i in self.deal_ids() if i != deal_id]
        if row < 0:
            after = ids[-1] if ids else None
        else:
            target = self.item(row)
            # Dropped on the upper half of a card: above it; on the lower half: below it.
            rect = self.visualItemRect(target)
            below = event.position().toPoint().y() > rect.center().y()
            target_id = uuid.UUID(target.data(IdRole))
            if target_id == deal_id:
                event.ignore()
                return
            index = ids.index(target_id) + (1 if below else 0)
            after = ids[index - 1] if index > 0 else None
        # Copy, not move: the list must not delete the source item; the board reloads instead.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(deal_id, self.stage_id, after)


class KanbanColumn(QFrame):
    """A stage: its header (name, count, totals), its cards, and "more"."""

    more_requested = Signal(object)

    def __init__(self, column: BoardColumn, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setObjectName("kanbanColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName("kanbanColumnTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("kanbanColumnSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.cards = CardList(column.stage.id, editable=editable)
        self.cards.setAccessibleName(column.stage.name)
        layout.addWidget(self.cards, 1)
        self.more_button = QPushButton()
        self.more_button.setObjectName("kanbanMore")
        self.more_button.clicked.connect(lambda: self.more_requested.emit(self))
        layout.addWidget(self.more_button)
        self.add_cards(column.cards)
        self._update_header()

    def header_text(self) -> str:
        """ "Négociation — 12 affaires — 45 300 € (pondéré 27 180 €)", as the column shows it."""
        return f"{self.title.text()} — {self.summary.text()}"

    def _update_header(self) -> None:
        column = self.column
        self.title.setText(column.stage.name)
        self.summary.setText(
            self.tr("%n deal(s) — %1 (weighted %2)", "", column.count)
            .replace("%1", whole_money_text(column.total))
            .replace("%2", whole_money_text(column.weighted))
        )
        rest = column.count - self.cards.count()
        self.more_button.setVisible(rest > 0)
        self.more_button.setText(self.tr("Show more (%n left)", "", rest))

    def add_cards(self, cards: Sequence[DealCard]) -> None:
        """Append cards below the loaded ones."""
        metrics = self.cards.fontMetrics()
        # Room for the text inside a card: the column less the scroll bar, margins and padding.
        width = COLUMN_WIDTH - 56
        for card in cards:
            lines = [card.title]
            if card.party_name:
                lines.append(card.party_name)
            amount = money_text(card.amount, card.currency)
            lines.append(f"{amount} · {card.probability}\u00a0%")
            last = [card.owner_name] if card.owner_name else []
            if card.expected_close is not None:
                last.append(date_text(card.expected_close))
            if last:
                lines.append(" · ".join(last))
            text = "\n".join(lines)
            item = QListWidgetItem(text)
            item.setData(IdRole, str(card.id))
            item.setToolTip(text)
            flags = int(Qt.TextFlag.TextWordWrap.value)
            height = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()
            item.setSizeHint(QSize(width, height + 14))
            self.cards.addItem(item)
        self._update_header()


class KanbanBoard(QScrollArea):
    """Columns side by side, scrolling horizontally when the pipeline is long."""

    #: A card was dropped: (deal id, stage id, id of the card above it or None).
    card_dropped = Signal(object, object, object)
    #: A card was double-clicked (or Enter pressed on it).
    card_activated = Signal(object)
    #: A card was selected (None: no selection).
    card_selected = Signal(object)
    #: A column asked for more cards: (column widget).
    more_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kanbanBoard")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._inner = QWidget()
        self._row = QHBoxLayout(self._inner)
        self._row.setContentsMargins(4, 4, 4, 4)
        self._row.setSpacing(6)
        self._row.addStretch(1)
        self.setWidget(self._inner)
        self.columns: list[KanbanColumn] = []
        self.editable = True

    def set_columns(self, columns: Sequence[BoardColumn], *, editable: bool) -> None:
        """Show a new state of the board (the selected card stays selected when still there)."""
        selected = self.selected_id()
        self.editable = editable
        for widget in self.columns:
            self._row.removeWidget(widget)
            # Hidden at once: deleteLater alone would leave it painted under the new column.
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self.columns = []
        for index, column in enumerate(columns):
            widget = KanbanColumn(column, editable=editable)
            widget.cards.dropped.connect(self.card_dropped)
            widget.cards.itemDoubleClicked.connect(lambda item: self.card_activated.emit(uuid.UUID(item.data(IdRole))))
            widget.cards.itemActivated.connect(lambda item: self.card_activated.emit(uuid.UUID(item.data(IdRole))))
            widget.cards.itemSelectionChanged.connect(lambda w=widget: self._selection_changed(w))
            widget.more_requested.connect(self.more_requested)
            self._row.insertWidget(index, widget)
            self.columns.append(widget)
        if selected is not None:
            self.select(selected)

    def column_of_stage(self, stage_id: uuid.UUID) -> KanbanColumn | None:
        """The column of a stage."""
        return next((c for c in self.columns if c.column.stage.id == stage_id), None)

    def column_of_deal(self, deal_id: uuid.UUID) -> KanbanColumn | None:
        """The column where a deal's card is loaded."""
        return next((c for c in self.columns if c.cards.item_of(deal_id) is not None), None)

    def selected_id(self) -> uuid.UUID | None:
        """The deal of the selected card."""
        for column in self.columns:
            items = column.cards.selectedItems()
            if items:
                return uuid.UUID(items[0].data(IdRole))
        return None

    def select(self, deal_id: uuid.UUID) -> bool:
        """Select a deal's card (and scroll to it); False when it is not loaded."""
        column = self.column_of_deal(deal_id)
        if column is None:
            return False
        item = column.cards.item_of(deal_id)
        column.cards.setCurrentItem(item)
        column.cards.scrollToItem(item)
        self.ensureWidgetVisible(column)
        return True

    def _selection_changed(self, widget: KanbanColumn) -> None:
        items = widget.cards.selectedItems()
        if not items:
            return
        # One selection on the whole board.
        for other in self.columns:
            if other is not widget:
                other.cards.blockSignals(True)
                other.cards.clearSelection()
                other.cards.blockSignals(False)
        self.card_selected.emit(uuid.UUID(items[0].data(IdRole)))
