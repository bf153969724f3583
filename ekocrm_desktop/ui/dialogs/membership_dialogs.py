"""Small membership forms: a membership type, a step of the reminder sequence, a resignation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.errors import ConflictError, FieldError, ValidationFailedError
from ekocrm_desktop.services.membership import (
    REMINDER_FIELDS,
    MembershipTypeInfo,
    ReminderRuleInfo,
    RuleDraft,
    TypeDraft,
)
from ekocrm_desktop.ui.association_labels import category_names, money_text, parse_money
from ekocrm_desktop.ui.dialogs.subscription_dialog import to_qdate
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.repeating import error_label, set_error


class _Form(QDialog):
    """A modal form with errors beside fields, Save (Ctrl+S) and Cancel."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(self.form)
        self.errors: dict[str, QLabel] = {}
        self.summary = QLabel()
        self.summary.setObjectName("saveSummary")
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setWordWrap(True)

    def row(self, label: str, widget: QWidget, key: str) -> None:
        """A labelled field with its error line."""
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        self.errors[key] = error_label()
        inner.addWidget(self.errors[key])
        self.form.addRow(label, box)
        widget.setAccessibleName(label.rstrip(" *"))

    def finish(self) -> None:
        """Add the summary and the buttons (after the fields)."""
        self.layout_.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setEnabled(not self.session.read_only)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each problem beside its field."""
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field, field_error_text(error))
        for key, label in self.errors.items():
            set_error(label, by_field.get(key, ""))
        self.summary.setText(self.tr("%n field(s) to correct before saving.", "", len(errors)) if errors else "")

    def attempt(self, write: Callable[[], object]) -> bool:
        """Run a write; show what the service refused."""
        try:
            write()
        except ValidationFailedError as exc:
            self.show_errors(list(exc.errors))
            return False
        except ConflictError:
            self.summary.setText(self.tr("Someone changed this meanwhile: close the form and open it again."))
            return False
        self.accept()
        return True

    def save(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class MembershipTypeDialog(_Form):
    """Create or edit a membership type."""

    def __init__(
        self, session: WorkspaceSession, info: MembershipTypeInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("MembershipTypeDialog")
        self.info = info
        self.setWindowTitle(self.tr("Membership type"))
        self.name = QLineEdit()
        self.name.setObjectName("typeName")
        self.row(self.tr("Name *"), self.name, "name")
        self.category = QComboBox()
        for code, label in category_names():
            self.category.addItem(label, code)
        self.row(self.tr("Category"), self.category, "category")
        self.fee = QLineEdit()
        self.fee.setObjectName("typeFee")
        self.row(self.tr("Fee"), self.fee, "fee")
        self.duration = QComboBox()
        self.duration.addItem(self.tr("Calendar year (1 January to 31 December)"), "calendar_year")
        self.duration.addItem(self.tr("12 months from the payment"), "rolling_year")
        self.row(self.tr("Duration"), self.duration, "duration")
        self.reminders = QCheckBox(self.tr("Send renewal reminders"))
        self.reminders.setChecked(True)
        self.row("", self.reminders, "send_reminders")
        self.active = QCheckBox(self.tr("Offered to new members"))
        self.active.setChecked(True)
        self.row("", self.active, "is_active")
        self.description = QLineEdit()
        self.row(self.tr("Description"), self.description, "description")
        self.finish()
        if info is not None:
            self.name.setText(info.name)
            self.category.setCurrentIndex(max(0, self.category.findData(info.category)))
            self.fee.setText(money_text(info.fee).replace("€", "").strip())
            self.duration.setCurrentIndex(max(0, self.duration.findData(info.duration)))
            self.reminders.setChecked(info.send_reminders)
            self.active.setChecked(info.is_active)
            self.description.setText(info.description)

    def draft(self) -> TypeDraft:
        """The form as a draft."""
        fee = parse_money(self.fee.text()) if self.fee.text().strip() else Decimal("0")
        return TypeDraft(
            name=self.name.text(),
            category=self.category.currentData(),
            fee=fee if fee is not None else Decimal("-1"),
            duration=self.duration.currentData(),
            send_reminders=self.reminders.isChecked(),
            is_active=self.active.isChecked(),
            description=self.description.text(),
        )

    def save(self) -> bool:
        """Write the type."""
        info = self.info
        return self.attempt(
            lambda: self.session.membership.save_type(
                self.draft(),
                type_id=info.id if info else None,
                expected_version=info.version if info else None,
            )
        )


class ReminderRuleDialog(_Form):
    """Create or edit a step of the renewal reminder sequence."""

    def __init__(
        self, session: WorkspaceSession, info: ReminderRuleInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("ReminderRuleDialog")
        self.info = info
        self.setWindowTitle(self.tr("Reminder"))
        self.resize(620, 520)
        self.name = QLineEdit()
        self.row(self.tr("Name *"), self.name, "name")
        self.offset = QSpinBox()
        self.offset.setRange(-366, 366)
        self.offset.setSuffix(self.tr(" days"))
        self.offset.setToolTip(self.tr("Negative: before the membership ends; positive: after."))
        self.row(self.tr("When"), self.offset, "offset_days")
        self.channel = QComboBox()
        self.channel.addItem(self.tr("E-mail"), "email")
        self.channel.addItem(self.tr("Letter"), "letter")
        self.row(self.tr("Channel"), self.channel, "channel")
        self.subject = QLineEdit()
        self.row(self.tr("Subject"), self.subject, "subject")
        self.body = QPlainTextEdit()
        self.row(self.tr("Text *"), self.body, "body")
        fields = " ".join("{" + f + "}" for f in REMINDER_FIELDS)
        hint = QLabel(self.tr("Merge fields: %1").replace("%1", fields))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        self.form.addRow("", hint)
        self.active = QCheckBox(self.tr("Active"))
        self.active.setChecked(True)
        self.row("", self.active, "is_active")
        self.finish()
        if info is not None:
            self.name.setText(info.name)
            self.offset.setValue(info.offset_days)
            self.channel.setCurrentIndex(max(0, self.channel.findData(info.channel)))
            self.subject.setText(info.subject)
            self.body.setPlainText(info.body)
            self.active.setChecked(info.is_active)

    def draft(self) -> RuleDraft:
        """The form as a draft."""
        return RuleDraft(
            name=self.name.text(),
            offset_days=self.offset.value(),
            channel=self.channel.currentData(),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            is_active=self.active.isChecked(),
        )

    def save(self) -> bool:
        """Write the step."""
        info = self.info
        return self.attempt(
            lambda: self.session.membership.save_rule(
                self.draft(),
                rule_id=info.id if info else None,
                expected_version=info.version if info else None,
            )
        )


class ResignDialog(_Form):
    """Record a member's resignation: the last day of membership."""

    def __init__(
        self, session: WorkspaceSession, party_id: uuid.UUID, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("ResignDialog")
        self.party_id = party_id
        self.setWindowTitle(self.tr("Resignation of %1").replace("%1", name))
        intro = QLabel(
            self.tr("%1 stays a member until the day below included, and is shown as resigned after it.").replace(
                "%1", name
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.last_day = QDateEdit()
        self.last_day.setObjectName("lastDay")
        self.last_day.setCalendarPopup(True)
        self.last_day.setDate(to_qdate(session.membership.today()))
        self.row(self.tr("Last day of membership"), self.last_day, "last_day")
        self.finish()

    def save(self) -> bool:
        """Record the resignation."""
        day: dt.date = self.last_day.date().toPython()
        return self.attempt(lambda: self.session.membership.resign(self.party_id, day))
