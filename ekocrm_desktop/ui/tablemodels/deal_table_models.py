"""The deals and articles tables: paged from SQL, sorted in SQL (see PagedTableModel)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from ekocrm_desktop.services.articles import ArticleInfo
from ekocrm_desktop.services.deals import DealRow
from ekocrm_desktop.ui.deal_labels import money_text, percent_text, rate_text, status_name
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
STATUS_COLOURS = {"won": "#2e7d32", "lost": "#c62828"}


class DealTableModel(PagedTableModel):
    """Deals: title, party, owner, amount, probability, stage, expected close, status."""

    COL_STATUS = 7

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column("title", lambda: QCoreApplication.translate("DealTableModel", "Deal"), lambda r: r.title, "title"),
            Column(
                "party", lambda: QCoreApplication.translate("DealTableModel", "Client"), lambda r: r.party_name, "party"
            ),
            Column(
                "owner", lambda: QCoreApplication.translate("DealTableModel", "Owner"), lambda r: r.owner_name, "owner"
            ),
            Column(
                "amount",
                lambda: QCoreApplication.translate("DealTableModel", "Amount"),
                lambda r: money_text(r.amount, r.currency),
                "amount",
                alignment=RIGHT,
            ),
            Column(
                "probability",
                lambda: QCoreApplication.translate("DealTableModel", "Probability"),
                lambda r: percent_text(r.probability),
                "probability",
                alignment=RIGHT,
            ),
            Column(
                "stage", lambda: QCoreApplication.translate("DealTableModel", "Stage"), lambda r: r.stage_name, "stage"
            ),
            Column(
                "expected_close",
                lambda: QCoreApplication.translate("DealTableModel", "Expected close"),
                lambda r: date_text(r.expected_close),
                "expected_close",
                alignment=RIGHT,
            ),
            Column(
                "status",
                lambda: QCoreApplication.translate("DealTableModel", "Status"),
                lambda r: status_name(r.status),
                "status",
            ),
        ]
        super().__init__(columns, default_sort="title", parent=parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.COL_STATUS:
            row: DealRow | None = self.row_at(index.row())
            colour = STATUS_COLOURS.get(row.status) if row is not None else None
            return QColor(colour) if colour else None
        return super().data(index, role)


class ArticleTableModel(PagedTableModel):
    """Articles: code, name, category, unit price, VAT rate, active."""

    def __init__(self, category_name: Any = None, parent: QObject | None = None) -> None:
        self._category_name = category_name or (lambda code: code)
        columns = [
            Column("code", lambda: QCoreApplication.translate("ArticleTableModel", "Code"), lambda r: r.code, "code"),
            Column("name", lambda: QCoreApplication.translate("ArticleTableModel", "Name"), lambda r: r.name, "name"),
            Column(
                "category",
                lambda: QCoreApplication.translate("ArticleTableModel", "Category"),
                lambda r: self._category_name(r.category),
                "category",
            ),
            Column(
                "unit_price",
                lambda: QCoreApplication.translate("ArticleTableModel", "Unit price (excl. VAT)"),
                lambda r: money_text(r.unit_price, r.currency),
                "unit_price",
                alignment=RIGHT,
            ),
            Column(
                "vat_rate",
                lambda: QCoreApplication.translate("ArticleTableModel", "VAT"),
                lambda r: rate_text(r.vat_rate),
                "vat_rate",
                alignment=RIGHT,
            ),
            Column(
                "active",
                lambda: QCoreApplication.translate("ArticleTableModel", "Offered"),
                lambda r: (
                    QCoreApplication.translate("ArticleTableModel", "Yes")
                    if r.active
                    else QCoreApplication.translate("ArticleTableModel", "No")
                ),
            ),
        ]
        super().__init__(columns, default_sort="code", parent=parent)

    def set_category_names(self, category_name: Any) -> None:
        """How category codes show (labels of the settings list when it has them)."""
        self._category_name = category_name

    def article_at(self, row: int) -> ArticleInfo | None:
        """The article shown on a row."""
        found: ArticleInfo | None = self.row_at(row)
        return found
