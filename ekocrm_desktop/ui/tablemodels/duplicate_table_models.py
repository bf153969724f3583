"""Table models of the duplicates page: the likely pairs the finder listed, and the recorded merges."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ekocrm_desktop.services.duplicates import DuplicatePair
from ekocrm_desktop.services.merge import MergeInfo
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.merge_labels import reasons_text

Index = QModelIndex | QPersistentModelIndex
#: Sort value of a cell (numbers as numbers), for a proxy that sorts.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicatePairTableModel(QAbstractTableModel):
    """Pairs of records that are probably one, best score first (the finder's result, held in memory)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        """Show a new result."""
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def remove_pair(self, row: int) -> None:
        """Drop one pair (merged, or said not to be duplicates)."""
        if 0 <= row < len(self.pairs):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.pairs[row]
            self.endRemoveRows()

    def pair(self, row: int) -> DuplicatePair | None:
        """The pair of a row."""
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Score"), self.tr("First record"), self.tr("Second record"), self.tr("Why"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.pairs):
            return None
        pair = self.pairs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(pair.score)
            if column in (1, 2):
                side = pair.first if column == 1 else pair.second
                details = [d for d in (side.organisation_name, side.email, side.city) if d]
                return side.display_name + (f" ({', '.join(details)})" if details else "")
            if column == 3:
                return reasons_text(pair.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return pair.score if column == 0 else self.data(index)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2, 3):
            return self.data(index)
        return None


class MergeTableModel(QAbstractTableModel):
    """Recorded merges, newest first: who was merged into whom, when, by whom, and whether undone."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.merges: list[MergeInfo] = []

    def set_merges(self, merges: list[MergeInfo]) -> None:
        """Show the merges."""
        self.beginResetModel()
        self.merges = list(merges)
        self.endResetModel()

    def merge(self, row: int) -> MergeInfo | None:
        """The merge of a row."""
        return self.merges[row] if 0 <= row < len(self.merges) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.merges)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Merged on"), self.tr("Record kept"), self.tr("Record merged into it"), self.tr("State"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.merges):
            return None
        merge = self.merges[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return local_datetime_text(merge.merged_at)
            if column == 1:
                return merge.winner_name
            if column == 2:
                return merge.loser_name
            if column == 3:
                if merge.undone_at is not None:
                    return self.tr("Undone on %1").replace("%1", local_datetime_text(merge.undone_at))
                return self.tr("Merged by %1").replace("%1", merge.merged_by or "?")
        if role == Qt.ItemDataRole.ForegroundRole and merge.undone_at is not None:
            return QBrush(QColor("#757575"))
        return None
