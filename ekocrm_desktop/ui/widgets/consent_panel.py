"""The person form's "Consent" tab (issue 6 B): opt-in or opt-out per channel, recorded at once
with its date and source, and the history (consent rows are appended, never edited)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.consent import ConsentService
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.session import WorkspaceSession


def consent_channel_label(code: str) -> str:
    """The translated name of a consent channel."""
    labels = {
        "email": QCoreApplication.translate("ConsentPanel", "E-mail"),
        "sms": QCoreApplication.translate("ConsentPanel", "SMS"),
        "post": QCoreApplication.translate("ConsentPanel", "Post"),
        "phone": QCoreApplication.translate("ConsentPanel", "Phone"),
    }
    return labels.get(code, code)


def consent_state_label(code: str) -> str:
    """The translated name of a consent state."""
    labels = {
        "": QCoreApplication.translate("ConsentPanel", "Not recorded"),
        "opt_in": QCoreApplication.translate("ConsentPanel", "Agrees (opt-in)"),
        "opt_out": QCoreApplication.translate("ConsentPanel", "Refuses (opt-out)"),
    }
    return labels.get(code, code)


class ConsentPanel(QWidget):
    """Per-channel consent of one stored person; a change is recorded at once (source "form")."""

    def __init__(self, session: WorkspaceSession, party_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConsentPanel")
        self.consent = ConsentService(session.db)
        self.party_id = party_id
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Consent per channel"))
        form = QFormLayout(box)
        self.combos: dict[str, QComboBox] = {}
        for channel in ("email", "sms", "post", "phone"):
            combo = QComboBox()
            combo.setObjectName(f"consent_{channel}")
            for state in ("", "opt_in", "opt_out"):
                combo.addItem(consent_state_label(state), state)
            combo.activated.connect(lambda _i, c=channel: self.record(c))
            self.combos[channel] = combo
            form.addRow(consent_channel_label(channel), combo)
        layout.addWidget(box)
        note = QLabel(
            self.tr("No campaign and no mail merge reaches a person who refuses a channel; unsubscribing sets it.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("consentHistory")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Channel"), self.tr("Choice"), self.tr("Source")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the current states and the history."""
        current = self.consent.current(self.party_id)
        for channel, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(current[channel])))
        history = self.consent.history(self.party_id)
        self.table.setRowCount(len(history))
        for row, entry in enumerate(history):
            cells = (
                local_datetime_text(entry.recorded_at),
                consent_channel_label(entry.channel),
                consent_state_label(entry.state),
                entry.source,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def record(self, channel: str) -> None:
        """Record the chosen state for a channel (nothing when "not recorded" is chosen)."""
        state = str(self.combos[channel].currentData())
        if state:
            self.consent.record(self.party_id, channel, state, source="form")
        self.refresh()
