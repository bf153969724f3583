"""The members table: name, dues status, paid until, membership, last payment, e-mail, city."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ekocrm_desktop.services.membership import MemberRow
from ekocrm_desktop.ui.association_labels import category_name, dues_status_colour, dues_status_name, money_text
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MemberTableModel(PagedTableModel):
    """Members and former members, their dues computed in SQL for today."""

    COL_STATUS = 1

    def __init__(self, parent: QObject | None = None) -> None:
        self._person = icon("person")
        self._organisation = icon("organisation")
        columns = [
            Column(
                "name",
                lambda: QCoreApplication.translate("MemberTableModel", "Name"),
                lambda r: r.display_name,
                sort="name",
                decoration=lambda r: self._person if r.kind == "person" else self._organisation,
            ),
            Column(
                "status",
                lambda: QCoreApplication.translate("MemberTableModel", "Dues"),
                lambda r: dues_status_name(r.status),
                sort="status",
            ),
            Column(
                "paid_until",
                lambda: QCoreApplication.translate("MemberTableModel", "Paid until"),
                lambda r: date_text(r.paid_until),
                sort="paid_until",
                alignment=RIGHT,
            ),
            Column(
                "type",
                lambda: QCoreApplication.translate("MemberTableModel", "Membership"),
                lambda r: r.type_name,
                tooltip=lambda r: category_name(r.category),
            ),
            Column(
                "last_paid",
                lambda: QCoreApplication.translate("MemberTableModel", "Last payment"),
                lambda r: date_text(r.last_paid_on),
                alignment=RIGHT,
            ),
            Column(
                "amount",
                lambda: QCoreApplication.translate("MemberTableModel", "Amount"),
                lambda r: money_text(r.last_amount),
                alignment=RIGHT,
            ),
            Column("email", lambda: QCoreApplication.translate("MemberTableModel", "E-mail"), lambda r: r.email),
            Column("city", lambda: QCoreApplication.translate("MemberTableModel", "City"), lambda r: r.city),
        ]
        super().__init__(columns, default_sort="name", parent=parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.COL_STATUS:
            row: MemberRow | None = self.row_at(index.row())
            return dues_status_colour(row.status) if row is not None else None
        return super().data(index, role)
