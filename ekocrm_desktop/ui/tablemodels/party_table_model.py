"""The contacts table: people and organisations, paged from SQL."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from ekocrm_desktop.services.contacts import PartyRow
from ekocrm_desktop.ui.formatting import local_datetime_text, phone_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.labels import role_name
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel


class PartyTableModel(PagedTableModel):
    """Contacts list: name, organisation, e-mail, phone, city, postcode, roles, tags, modified."""

    COL_NAME = 0

    def __init__(self, *, phone_region: str = "FR", parent: QObject | None = None) -> None:
        self._region = phone_region
        self._person_icon = icon("person")
        self._organisation_icon = icon("organisation")
        columns = [
            Column(
                "name",
                lambda: QCoreApplication.translate("PartyTableModel", "Name"),
                lambda r: r.display_name,
                sort="name",
                decoration=self._kind_icon,
            ),
            Column(
                "organisation",
                lambda: QCoreApplication.translate("PartyTableModel", "Organisation"),
                lambda r: r.organisation_name,
                sort="organisation",
            ),
            Column(
                "email",
                lambda: QCoreApplication.translate("PartyTableModel", "E-mail"),
                lambda r: r.email,
                sort="email",
            ),
            Column(
                "phone",
                lambda: QCoreApplication.translate("PartyTableModel", "Phone"),
                lambda r: phone_text(r.phone, self._region),
                sort="phone",
            ),
            Column(
                "city",
                lambda: QCoreApplication.translate("PartyTableModel", "City"),
                lambda r: r.city,
                sort="city",
            ),
            Column(
                "postcode",
                lambda: QCoreApplication.translate("PartyTableModel", "Postcode"),
                lambda r: r.postcode,
                sort="postcode",
            ),
            Column(
                "roles",
                lambda: QCoreApplication.translate("PartyTableModel", "Roles"),
                lambda r: ", ".join(role_name(x) for x in r.roles),
            ),
            Column(
                "tags",
                lambda: QCoreApplication.translate("PartyTableModel", "Tags"),
                lambda r: ", ".join(r.tags),
            ),
            Column(
                "updated",
                lambda: QCoreApplication.translate("PartyTableModel", "Modified"),
                lambda r: local_datetime_text(r.updated_at),
                sort="updated",
                alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            ),
        ]
        super().__init__(columns, default_sort="name", parent=parent)

    def _kind_icon(self, row: PartyRow) -> Any:
        return self._person_icon if row.kind == "person" else self._organisation_icon
