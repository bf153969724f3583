"""Tables of the assemblies page: the assemblies, and one assembly's invitees."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor

from ekocrm_desktop.services.assemblies import InvitationRow
from ekocrm_desktop.ui.association_labels import (
    assembly_kind_name,
    assembly_state_name,
    channel_name,
    dues_status_colour,
    dues_status_name,
    response_name,
)
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.tablemodels.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RESPONSE_COLOURS = {"attending": "#2e7d32", "absent": "#757575", "represented": "#1565c0", "pending": "#ef6c00"}


class AssemblyTableModel(PagedTableModel):
    """Assemblies and meetings, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(
                "date",
                lambda: QCoreApplication.translate("AssemblyTableModel", "Date"),
                lambda r: local_datetime_text(r.starts_at),
                sort="date",
            ),
            Column(
                "title",
                lambda: QCoreApplication.translate("AssemblyTableModel", "Title"),
                lambda r: r.title,
                tooltip=lambda r: assembly_kind_name(r.kind),
            ),
            Column(
                "state",
                lambda: QCoreApplication.translate("AssemblyTableModel", "State"),
                lambda r: assembly_state_name(r.state),
            ),
            Column(
                "answers",
                lambda: QCoreApplication.translate("AssemblyTableModel", "Answers"),
                lambda r: f"{r.answered} / {r.invited}",
                alignment=RIGHT,
            ),
        ]
        super().__init__(columns, default_sort="date", parent=parent)


class InvitationTableModel(PagedTableModel):
    """One assembly's invitees: dues on the day, answer, proxies."""

    COL_DUES = 1
    COL_ANSWER = 3

    def __init__(self, parent: QObject | None = None) -> None:
        columns = [
            Column(
                "name",
                lambda: QCoreApplication.translate("InvitationTableModel", "Name"),
                lambda r: r.display_name,
                sort="name",
            ),
            Column(
                "dues",
                lambda: QCoreApplication.translate("InvitationTableModel", "Dues on the day"),
                lambda r: dues_status_name(r.dues_status),
            ),
            Column(
                "type",
                lambda: QCoreApplication.translate("InvitationTableModel", "Membership"),
                lambda r: r.type_name,
            ),
            Column(
                "answer",
                lambda: QCoreApplication.translate("InvitationTableModel", "Answer"),
                lambda r: response_name(r.response),
            ),
            Column(
                "holder",
                lambda: QCoreApplication.translate("InvitationTableModel", "Represented by"),
                lambda r: r.proxy_holder_name,
            ),
            Column(
                "proxies",
                lambda: QCoreApplication.translate("InvitationTableModel", "Proxies held"),
                lambda r: str(r.proxies_held) if r.proxies_held else "",
                alignment=RIGHT,
            ),
            Column(
                "convocation",
                lambda: QCoreApplication.translate("InvitationTableModel", "Convocation"),
                lambda r: (
                    f"{channel_name(r.convocation_channel)} · {local_datetime_text(r.convocation_sent_at)}"
                    if r.convocation_sent_at
                    else ""
                ),
            ),
        ]
        super().__init__(columns, default_sort="name", parent=parent)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            row: InvitationRow | None = self.row_at(index.row())
            if row is None:
                return None
            if index.column() == self.COL_DUES:
                return dues_status_colour(row.dues_status)
            if index.column() == self.COL_ANSWER:
                return QColor(RESPONSE_COLOURS.get(row.response, "#757575"))
        return super().data(index, role)
