"""Item models of the import wizard: the file preview, the column mapping, row outcomes, import history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from ekocrm_desktop.services.importing import FIELDS, BatchInfo, RowOutcome
from ekocrm_desktop.services.tabular import SourceRow
from ekocrm_desktop.ui.exchange_labels import field_label, issue_text

AnyIndex = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole


class PreviewTableModel(QAbstractTableModel):
    """The first rows of the file as parsed, headers as in the file."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: list[SourceRow] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[SourceRow]) -> None:
        """Show another parse of the file."""
        self.beginResetModel()
        self._headers = tuple(headers)
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole) and index.column() < len(row.values):
            value = row.values[index.column()]
            return value if role == Qt.ItemDataRole.ToolTipRole else value.replace("\n", " ⏎ ")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(self._rows[section].line) if 0 <= section < len(self._rows) else None


class MappingTableModel(QAbstractTableModel):
    """One row per column of the file: its header, a sample value, and the field it goes to (editable)."""

    FieldRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._samples: list[str] = []
        self._fields: list[str] = []
        #: The fields a column may go to (those of contacts, members or articles).
        self.allowed: tuple[str, ...] = FIELDS

    def set_columns(
        self,
        headers: Sequence[str],
        samples: Sequence[str],
        mapping: dict[str, str],
        allowed: Sequence[str] | None = None,
    ) -> None:
        """The file's columns with the suggested (or loaded) mapping."""
        if allowed is not None:
            self.allowed = tuple(allowed)
        self.beginResetModel()
        self._headers = list(headers)
        self._samples = [samples[i] if i < len(samples) else "" for i in range(len(headers))]
        self._fields = [mapping.get(h, "") if mapping.get(h, "") in self.allowed else "" for h in headers]
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        """Column → field for the mapped columns."""
        return {h: f for h, f in zip(self._headers, self._fields, strict=True) if f}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 2:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._headers):
            return None
        row, column = index.row(), index.column()
        if role == self.FieldRole or (role == Qt.ItemDataRole.EditRole and column == 2):
            return self._fields[row]
        if role == _DISPLAY:
            if column == 0:
                return self._headers[row]
            if column == 1:
                return self._samples[row].replace("\n", " ⏎ ")
            return field_label(self._fields[row])
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and not self._fields[row]:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 2 or role != Qt.ItemDataRole.EditRole:
            return False
        field = str(value or "")
        if field not in self.allowed and field:
            return False
        self._fields[index.row()] = field
        self.dataChanged.emit(index, index, [_DISPLAY, Qt.ItemDataRole.EditRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            (self.tr("Column of the file"), self.tr("First value"), self.tr("Imported as"))[section]
            if section < 3
            else None
        )


class OutcomeTableModel(QAbstractTableModel):
    """Rows with a reason (errors, skipped rows): row number, line, name, reasons."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowOutcome] = []

    def set_outcomes(self, outcomes: Sequence[RowOutcome]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self._rows = list(outcomes)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        outcome = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                return outcome.number
            if column == 1:
                return outcome.line
            if column == 2:
                return outcome.display_name or " ".join(v for v in outcome.values[:3] if v)
            return " ; ".join(issue_text(i) for i in outcome.issues)
        if role == Qt.ItemDataRole.TextAlignmentRole and column < 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            from ekocrm_desktop.ui.icons import icon

            return icon("error" if outcome.action == "error" else "info")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal or section >= 4:
            return None
        return (self.tr("Row"), self.tr("Line"), self.tr("Name"), self.tr("Reason"))[section]


class BatchTableModel(QAbstractTableModel):
    """The import history: file, date, counts, state."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BatchInfo] = []

    def set_batches(self, batches: Sequence[BatchInfo]) -> None:
        """Show these imports."""
        self.beginResetModel()
        self._rows = list(batches)
        self.endResetModel()

    def batch(self, row: int) -> BatchInfo | None:
        """The import shown on a row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        batch = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                return batch.file_name
            if column == 1:
                locale = QLocale()
                return locale.toString(batch.started_at.astimezone(), QLocale.FormatType.ShortFormat)
            if column in (2, 3, 4, 5):
                return (batch.created, batch.updated, batch.skipped, batch.errors)[column - 2]
            return {
                "running": self.tr("Running or interrupted"),
                "done": self.tr("Done"),
                "cancelled": self.tr("Cancelled"),
                "undone": self.tr("Undone"),
            }.get(batch.status, batch.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal or section >= 7:
            return None
        return (
            self.tr("File"),
            self.tr("Started"),
            self.tr("Created"),
            self.tr("Updated"),
            self.tr("Skipped"),
            self.tr("Errors"),
            self.tr("State"),
        )[section]
