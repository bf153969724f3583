"""Assembly forms: the assembly itself, inviting members, and choosing a proxy holder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ekocrm_desktop.services.assemblies import (
    CONVOCATION_FIELDS,
    AgendaEntry,
    AssemblyDraft,
    AssemblyInfo,
    InvitationQuery,
)
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.ui.association_labels import assembly_kind_name, assembly_state_name
from ekocrm_desktop.ui.dialogs.membership_dialogs import _Form
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.audience_widget import AudienceWidget


def to_qdatetime(value: dt.datetime) -> QDateTime:
    """A UTC datetime as a local QDateTime."""
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.utc()).toLocalTime()


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """A QDateTime (local) as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(value.toSecsSinceEpoch(), dt.UTC)


class AssemblyDialog(_Form):
    """Create or edit an assembly: when, where, agenda, quorum rule, proxies, convocation text."""

    def __init__(
        self, session: WorkspaceSession, info: AssemblyInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("AssemblyDialog")
        self.info = info
        self.created: AssemblyInfo | None = None
        self.setWindowTitle(self.tr("Edit the assembly") if info else self.tr("New assembly"))
        self.resize(680, 720)
        draft = info.draft if info else self._new_draft()
        self.title = QLineEdit(draft.title)
        self.title.setObjectName("assemblyTitle")
        self.row(self.tr("Title *"), self.title, "title")
        self.kind = QComboBox()
        for code in ("general", "extraordinary", "board", "meeting"):
            self.kind.addItem(assembly_kind_name(code), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self.row(self.tr("Kind"), self.kind, "kind")
        self.starts = QDateTimeEdit(to_qdatetime(draft.starts_at))
        self.starts.setObjectName("assemblyStarts")
        self.starts.setCalendarPopup(True)
        self.row(self.tr("Date and time"), self.starts, "starts_at")
        self.place = QLineEdit(draft.place)
        self.place.setObjectName("assemblyPlace")
        self.row(self.tr("Place"), self.place, "place")
        self.agenda = QPlainTextEdit("\n".join(item.title for item in draft.agenda))
        self.agenda.setObjectName("assemblyAgenda")
        self.agenda.setPlaceholderText(self.tr("One point per line"))
        self.agenda.setMaximumHeight(120)
        self.row(self.tr("Agenda"), self.agenda, "agenda")
        self.quorum = QDoubleSpinBox()
        self.quorum.setObjectName("quorumPercent")
        self.quorum.setRange(0, 100)
        self.quorum.setDecimals(2)
        self.quorum.setSuffix(" %")
        self.quorum.setValue(float(draft.quorum_percent))
        self.row(self.tr("Quorum"), self.quorum, "quorum_percent")
        self.quorum_base = QComboBox()
        self.quorum_base.addItem(self.tr("of the members up to date with dues"), "members")
        self.quorum_base.addItem(self.tr("of the invitees"), "invitees")
        self.quorum_base.setCurrentIndex(max(0, self.quorum_base.findData(draft.quorum_base)))
        self.row(self.tr("Counted"), self.quorum_base, "quorum_base")
        self.max_proxies = QSpinBox()
        self.max_proxies.setObjectName("maxProxies")
        self.max_proxies.setRange(0, 100)
        self.max_proxies.setValue(draft.max_proxies)
        self.row(self.tr("Most proxies per member present"), self.max_proxies, "max_proxies")
        self.state = QComboBox()
        for code in ("planned", "held", "cancelled"):
            self.state.addItem(assembly_state_name(code), code)
        self.state.setCurrentIndex(max(0, self.state.findData(draft.state)))
        self.row(self.tr("State"), self.state, "state")
        self.convocation = QPlainTextEdit(draft.convocation)
        self.convocation.setObjectName("convocationText")
        self.row(self.tr("Convocation text"), self.convocation, "convocation")
        hint = QLabel(self.tr("Merge fields: %1").replace("%1", " ".join("{" + f + "}" for f in CONVOCATION_FIELDS)))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        self.form.addRow("", hint)
        self.finish()

    def _new_draft(self) -> AssemblyDraft:
        draft = self.session.assemblies.new_draft()
        text = self.tr(
            "{civility} {last_name},\n\nWe are pleased to invite you to the general assembly of {organisation}, "
            "on {date} at {time}, {place}.\n\nOnly members up to date with their dues take part in the votes. "
            "If you cannot attend, you may be represented by another member: give them the proxy below.\n\n"
            "Kind regards,"
        )
        return dataclasses.replace(draft, convocation=text)

    def draft(self) -> AssemblyDraft:
        """The form as a draft."""
        agenda = tuple(AgendaEntry(line) for line in self.agenda.toPlainText().splitlines() if line.strip())
        return AssemblyDraft(
            title=self.title.text(),
            starts_at=from_qdatetime(self.starts.dateTime()),
            kind=self.kind.currentData(),
            place=self.place.text(),
            agenda=agenda,
            quorum_percent=Decimal(str(round(self.quorum.value(), 2))),
            quorum_base=self.quorum_base.currentData(),
            max_proxies=self.max_proxies.value(),
            convocation=self.convocation.toPlainText(),
            notes=self.info.draft.notes if self.info else "",
            state=self.state.currentData(),
        )

    def save(self) -> bool:
        """Create or update the assembly."""
        info = self.info
        assemblies = self.session.assemblies

        def write() -> None:
            if info is None:
                self.created = assemblies.create(self.draft())
            else:
                self.created = assemblies.update(info.id, info.version, self.draft())

        return self.attempt(write)


class InviteDialog(_Form):
    """Invite members chosen by dues status and membership type."""

    def __init__(self, session: WorkspaceSession, assembly_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("InviteDialog")
        self.assembly_id = assembly_id
        self.added = 0
        self.setWindowTitle(self.tr("Invite members"))
        self.chooser = AudienceWidget(session)
        self.layout_.insertWidget(0, self.chooser)
        self.layout_.insertWidget(1, self.chooser.count_label)
        note = QLabel(self.tr("Those already invited keep their answer."))
        note.setStyleSheet("color: gray;")
        self.layout_.insertWidget(2, note)
        self.finish()
        self.save_button.setText(self.tr("Invite"))

    def audience(self) -> Audience:
        """Who the ticks select."""
        return self.chooser.audience()

    def save(self) -> bool:
        """Invite them."""

        def write() -> None:
            self.added = self.session.assemblies.invite(self.assembly_id, self.audience())

        return self.attempt(write)


class ProxyDialog(_Form):
    """Choose who holds an invitee's proxy (an invitee who is not absent or represented)."""

    def __init__(
        self,
        session: WorkspaceSession,
        assembly_id: uuid.UUID,
        party_id: uuid.UUID,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("ProxyDialog")
        self.assembly_id = assembly_id
        self.party_id = party_id
        self.setWindowTitle(self.tr("Proxy of %1").replace("%1", name))
        assemblies = session.assemblies
        query = InvitationQuery(assembly_id)
        total = assemblies.count_invitations(query)
        rows = assemblies.invitations(query, "name", False, PageRequest(0, max(total, 1), total))
        self.holder = QComboBox()
        self.holder.setObjectName("holderCombo")
        self.holder.setEditable(True)
        self.holder.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for row in rows:
            if row.party_id == party_id or row.response in ("absent", "represented"):
                continue
            label = row.display_name
            if row.proxies_held:
                label = self.tr("%1 (holds %2)").replace("%1", label).replace("%2", str(row.proxies_held))
            self.holder.addItem(label, str(row.party_id))
        completer = self.holder.completer()
        if completer is not None:
            # Typing any part of the name finds the holder among hundreds of invitees.
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.row(self.tr("Gives power to"), self.holder, "proxy_holder")
        self.finish()

    def choose(self, party_id: uuid.UUID) -> bool:
        """Select a holder (keyboard users type the name; tests call this)."""
        index = self.holder.findData(str(party_id))
        self.holder.setCurrentIndex(index)
        return index >= 0

    def save(self) -> bool:
        """Record the proxy (refused beyond the holder's maximum, with the reason)."""
        data = self.holder.currentData()
        holder = uuid.UUID(data) if data else None

        def write() -> None:
            self.session.assemblies.respond(self.assembly_id, self.party_id, "represented", proxy_holder_id=holder)

        return self.attempt(write)
