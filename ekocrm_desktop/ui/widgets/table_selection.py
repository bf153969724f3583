"""Selection by record id in the paged tables: what every list page needs, written once."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView

from ekocrm_desktop.ui.tablemodels.paged_table_model import PagedTableModel


def selected_ids(table: QTableView, model: PagedTableModel) -> list[uuid.UUID]:
    """Ids of the selected rows, in list order."""
    rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
    ids = [model.id_at(r) for r in rows]
    return [i for i in ids if i is not None]


def select_id(table: QTableView, model: PagedTableModel, record_id: uuid.UUID) -> bool:
    """Select a record if it is among the loaded rows (a row not fetched yet is not looked for)."""
    row = model.cached_row_of(record_id)
    if row < 0:
        return False
    index = model.index(row, 0)
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    table.scrollTo(index)
    return True
