"""The table of a domain page: parties holding one role, with that role's own columns, paged from SQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ekocrm_desktop.services.domains import RoleRow
from ekocrm_desktop.ui.association_labels import dues_status_colour, dues_status_name, money_text
from ekocrm_desktop.ui.formatting import date_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: Labels of stored codes (a settings list's code → label), read when a page refreshes.
LabelsFn = Callable[[str], str]


class RoleTableModel(PagedTableModel):
    """Prospects, clients, members, partners, suppliers, competitors or collaborators."""

    def __init__(
        self,
        role: str,
        *,
        phone_region: str = "FR",
        status_label: LabelsFn = str,
        category_label: LabelsFn = str,
        source_label: LabelsFn = str,
        parent: QObject | None = None,
    ) -> None:
        self.role = role
        self._region = phone_region
        self._person = icon("person")
        self._organisation = icon("organisation")
        self._dues_column = -1
        name = Column(
            "name",
            lambda: QCoreApplication.translate("RoleTableModel", "Name"),
            lambda r: r.display_name,
            sort="name",
            decoration=lambda r: self._person if r.kind == "person" else self._organisation,
        )
        category = Column(
            "category",
            lambda: QCoreApplication.translate("RoleTableModel", "Category"),
            lambda r: category_label(r.category),
            sort="category",
        )
        since = Column(
            "since",
            lambda: QCoreApplication.translate("RoleTableModel", "Since"),
            lambda r: date_text(r.since),
            sort="since",
            alignment=RIGHT,
        )
        until = Column(
            "until",
            lambda: QCoreApplication.translate("RoleTableModel", "Until"),
            lambda r: date_text(r.until),
            sort="until",
            alignment=RIGHT,
        )
        email = Column(
            "email", lambda: QCoreApplication.translate("RoleTableModel", "E-mail"), lambda r: r.email, sort="email"
        )
        phone = Column(
            "phone",
            lambda: QCoreApplication.translate("RoleTableModel", "Phone"),
            lambda r: phone_text(r.phone, self._region),
        )
        city = Column(
            "city", lambda: QCoreApplication.translate("RoleTableModel", "City"), lambda r: r.city, sort="city"
        )
        organisation = Column(
            "organisation",
            lambda: QCoreApplication.translate("RoleTableModel", "Organisation"),
            lambda r: r.organisation_name,
            sort="organisation",
        )
        columns: list[Column]
        if role == "prospect":
            state = Column(
                "status",
                lambda: QCoreApplication.translate("RoleTableModel", "State"),
                lambda r: status_label(r.status),
                sort="status",
            )
            source = Column(
                "source",
                lambda: QCoreApplication.translate("RoleTableModel", "Source"),
                lambda r: source_label(r.source),
            )
            columns = [name, state, category, source, since, until, city, email, phone]
        elif role == "client":
            first = Column(
                "first_purchase",
                lambda: QCoreApplication.translate("RoleTableModel", "First purchase"),
                lambda r: date_text(r.first_purchase),
                sort="first_purchase",
                alignment=RIGHT,
            )
            revenue = Column(
                "revenue",
                lambda: QCoreApplication.translate("RoleTableModel", "Revenue"),
                # Blank for a client who has not bought yet (no won deal), not "0,00 €".
                lambda r: money_text(r.revenue) if r.first_purchase is not None or r.revenue else "",
                sort="revenue",
                alignment=RIGHT,
            )
            client_since = Column(
                "since",
                lambda: QCoreApplication.translate("RoleTableModel", "Client since"),
                lambda r: date_text(r.since),
                sort="since",
                alignment=RIGHT,
            )
            columns = [name, category, client_since, first, revenue, until, city, email, phone]
        elif role == "member":
            dues = Column(
                "dues_status",
                lambda: QCoreApplication.translate("RoleTableModel", "Dues"),
                lambda r: dues_status_name(r.dues_status) if r.dues_status else "",
                sort="dues_status",
            )
            paid = Column(
                "paid_until",
                lambda: QCoreApplication.translate("RoleTableModel", "Paid until"),
                lambda r: date_text(r.paid_until),
                sort="paid_until",
                alignment=RIGHT,
            )
            member_since = Column(
                "since",
                lambda: QCoreApplication.translate("RoleTableModel", "Member since"),
                lambda r: date_text(r.since),
                sort="since",
                alignment=RIGHT,
            )
            columns = [name, category, dues, paid, member_since, until, city, email, phone]
            self._dues_column = 2
        elif role == "collaborator":
            function = Column(
                "function",
                lambda: QCoreApplication.translate("RoleTableModel", "Function"),
                lambda r: r.function,
                sort="function",
            )
            teams = Column(
                "teams", lambda: QCoreApplication.translate("RoleTableModel", "Teams"), lambda r: ", ".join(r.teams)
            )
            login = Column("login", lambda: QCoreApplication.translate("RoleTableModel", "Login"), lambda r: r.login)
            columns = [name, function, teams, login, category, since, until, email, phone]
        else:
            columns = [name, category, since, until, organisation, city, email, phone]
        super().__init__(columns, default_sort="name", parent=parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self._dues_column:
            row: RoleRow | None = self.row_at(index.row())
            return dues_status_colour(row.dues_status) if row is not None and row.dues_status else None
        return super().data(index, role)
