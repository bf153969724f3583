"""Choosing an audience: members by dues status and membership type, with a live count."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.ui.association_labels import dues_status_names
from ekocrm_desktop.ui.session import WorkspaceSession


class AudienceWidget(QWidget):
    """Ticks for statuses and membership types; `audience()` is what they select."""

    changed = Signal()

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        statuses: tuple[str, ...] = ("up_to_date", "due_soon", "late", "never_paid"),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        status_box = QGroupBox(self.tr("Members whose dues are"))
        inner = QVBoxLayout(status_box)
        self.status_checks: dict[str, QCheckBox] = {}
        for code, name in dues_status_names():
            check = QCheckBox(name)
            check.setChecked(code in statuses)
            check.toggled.connect(lambda _c: self._update())
            self.status_checks[code] = check
            inner.addWidget(check)
        layout.addWidget(status_box)
        type_box = QGroupBox(self.tr("Of the memberships (none ticked: all)"))
        type_inner = QVBoxLayout(type_box)
        self.type_checks: dict[uuid.UUID, QCheckBox] = {}
        for info in session.membership.types():
            check = QCheckBox(info.name)
            check.toggled.connect(lambda _c: self._update())
            self.type_checks[info.id] = check
            type_inner.addWidget(check)
        type_inner.addStretch(1)
        layout.addWidget(type_box)
        self.count_label = QLabel()
        self.count_label.setObjectName("audienceCount")
        self.count_label.setWordWrap(True)
        self._update()

    def audience(self) -> Audience:
        """Who the ticks select."""
        return Audience(
            statuses=tuple(code for code, check in self.status_checks.items() if check.isChecked()),
            type_ids=tuple(type_id for type_id, check in self.type_checks.items() if check.isChecked()),
        )

    def count(self) -> int:
        """How many people the audience holds today."""
        audience = self.audience()
        if not audience.statuses:
            return 0
        return len(self.session.membership.member_ids(statuses=audience.statuses, type_ids=audience.type_ids))

    def label(self) -> str:
        """The audience in words, for the feed ("Up to date, Due soon · Membre actif")."""
        statuses = [check.text() for check in self.status_checks.values() if check.isChecked()]
        types = [check.text() for check in self.type_checks.values() if check.isChecked()]
        text = ", ".join(statuses)
        if types:
            text += " · " + ", ".join(types)
        return text

    def _update(self) -> None:
        self.count_label.setText(self.tr("%n person(s) selected today.", "", self.count()))
        self.changed.emit()
