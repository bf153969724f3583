"""Record or edit a subscription: member, membership type, period, amount, payment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.db.database import ReadOnlyDatabaseError
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import SubscriptionDraft, SubscriptionInfo, period_for
from ekocrm_desktop.ui.association_labels import money_text, parse_money, payment_method_names
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.labels import field_error_text
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker
from ekocrm_desktop.ui.widgets.repeating import error_label, set_error


def to_qdate(value: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(value.year, value.month, value.day)


class SubscriptionDialog(QDialog):
    """A modal form: the next period is suggested, the amount follows the type's fee."""

    saved = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession,
        *,
        party_id: uuid.UUID | None = None,
        party_name: str = "",
        subscription: SubscriptionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SubscriptionDialog")
        self.session = session
        self.subscription = subscription
        self.result_info: SubscriptionInfo | None = None
        self._types = {t.id: t for t in session.membership.types(include_inactive=subscription is not None)}
        self._amount_edited = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.validate)
        self._build(party_id, party_name)
        self.setWindowTitle(self.tr("Edit a subscription") if subscription else self.tr("Record a subscription"))
        self.resize(520, 420)

    # ------------------------------------------------------------------ layout
    def _build(self, party_id: uuid.UUID | None, party_name: str) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}

        def row(label: str, widget: QWidget, key: str) -> None:
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(widget)
            self.errors[key] = error_label()
            inner.addWidget(self.errors[key])
            form.addRow(label, box)
            widget.setAccessibleName(label.rstrip(" *"))

        self.member = PartyPicker(self.session.contacts)
        self.member.setObjectName("memberPicker")
        if party_id is not None:
            self.member.set_choice(party_id, party_name)
            self.member.setReadOnly(True)
        row(self.tr("Member *"), self.member, "party_id")

        self.type_combo = QComboBox()
        self.type_combo.setObjectName("typeCombo")
        for info in self._types.values():
            self.type_combo.addItem(f"{info.name} — {money_text(info.fee, info.currency)}", str(info.id))
        row(self.tr("Membership *"), self.type_combo, "type_id")

        self.start = QDateEdit()
        self.start.setObjectName("periodStart")
        self.start.setCalendarPopup(True)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        period = QWidget()
        period_box = QHBoxLayout(period)
        period_box.setContentsMargins(0, 0, 0, 0)
        period_box.addWidget(self.start)
        period_box.addWidget(self.period_label, 1)
        row(self.tr("Period starts"), period, "period_start")
        self.start.setAccessibleName(self.tr("Period starts"))

        self.amount = QLineEdit()
        self.amount.setObjectName("amountEdit")
        self.amount.setPlaceholderText(self.tr("35,00"))
        self.amount.textEdited.connect(self._amount_typed)
        row(self.tr("Amount *"), self.amount, "amount")

        self.paid = QCheckBox(self.tr("Paid"))
        self.paid.setObjectName("paidCheck")
        self.paid_on = QDateEdit()
        self.paid_on.setObjectName("paidOn")
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setAccessibleName(self.tr("Paid on"))
        payment = QWidget()
        payment_box = QHBoxLayout(payment)
        payment_box.setContentsMargins(0, 0, 0, 0)
        payment_box.addWidget(self.paid)
        payment_box.addWidget(QLabel(self.tr("on")))
        payment_box.addWidget(self.paid_on, 1)
        row(self.tr("Payment"), payment, "paid_on")

        self.method = QComboBox()
        self.method.setObjectName("methodCombo")
        self.method.addItem("", "")
        for code, name in payment_method_names():
            self.method.addItem(name, code)
        row(self.tr("Payment method"), self.method, "payment_method")

        self.note = QLineEdit()
        row(self.tr("Note"), self.note, "note")
        layout.addLayout(form)

        self.summary = QLabel()
        self.summary.setObjectName("saveSummary")
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        hint = QLabel(self.tr("A paid subscription gets the next receipt number of its year."))
        hint.setStyleSheet("color: gray;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self._fill()
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.member.chosen.connect(lambda _id: self._suggest())
        for signal in (
            self.start.dateChanged,
            self.paid_on.dateChanged,
            self.paid.toggled,
            self.method.currentIndexChanged,
            self.amount.textChanged,
            self.member.textChanged,
        ):
            signal.connect(lambda *_a: self._changed())
        self.paid.toggled.connect(self.paid_on.setEnabled)
        self._update_period()
        if self.session.read_only:
            self.save_button.setEnabled(False)

    def _fill(self) -> None:
        today = self.session.membership.today()
        sub = self.subscription
        if sub is not None:
            self.member.set_choice(sub.party_id, sub.member_name)
            self.member.setReadOnly(True)
            self._select_type(sub.type_id)
            self.start.setDate(to_qdate(sub.period_start))
            self.amount.setText(_amount_text(sub.amount))
            self._amount_edited = True
            self.paid.setChecked(sub.paid_on is not None)
            self.paid_on.setDate(to_qdate(sub.paid_on or today))
            self.paid_on.setEnabled(sub.paid_on is not None)
            self.method.setCurrentIndex(max(0, self.method.findData(sub.payment_method)))
            self.note.setText(sub.note)
            return
        self.paid.setChecked(True)
        self.paid_on.setDate(to_qdate(today))
        self.start.setDate(to_qdate(today))
        if self.type_combo.count():
            self._type_changed()
        self._suggest()

    def _select_type(self, type_id: uuid.UUID) -> None:
        index = self.type_combo.findData(str(type_id))
        if index >= 0:
            self.type_combo.setCurrentIndex(index)

    def _suggest(self) -> None:
        """Pre-fill the next period and the member's usual membership."""
        party_id = self.member.chosen_id()
        if party_id is None or self.subscription is not None:
            return
        try:
            draft = self.session.membership.suggest(party_id)
        except NotFoundError:
            return
        self.type_combo.blockSignals(True)
        self._select_type(draft.type_id)
        self.type_combo.blockSignals(False)
        self.start.setDate(to_qdate(draft.period_start))
        if not self._amount_edited:
            self.amount.setText(_amount_text(draft.amount))
        self._update_period()

    def _type_changed(self, *_args: object) -> None:
        info = self._current_type()
        if info is not None and not self._amount_edited:
            self.amount.setText(_amount_text(info.fee))
        self._update_period()

    def _amount_typed(self, _text: str) -> None:
        self._amount_edited = True

    def _current_type(self):  # type: ignore[no-untyped-def]
        data = self.type_combo.currentData()
        return self._types.get(uuid.UUID(data)) if data else None

    def _update_period(self) -> None:
        info = self._current_type()
        if info is None:
            self.period_label.setText("")
            return
        start, end = period_for(info.duration, self.start.date().toPython())
        self.period_label.setText(
            self.tr("Period: %1 to %2").replace("%1", date_text(start)).replace("%2", date_text(end))
        )

    def _changed(self) -> None:
        self._update_period()
        self._timer.start()

    # ------------------------------------------------------------------ data
    def draft(self) -> SubscriptionDraft | None:
        """The form as a draft (None when the member or the type is missing)."""
        party_id = self.member.chosen_id()
        info = self._current_type()
        if party_id is None or info is None:
            return None
        amount = parse_money(self.amount.text())
        return SubscriptionDraft(
            party_id=party_id,
            type_id=info.id,
            period_start=self.start.date().toPython(),
            amount=amount if amount is not None else Decimal("-1"),
            paid_on=self.paid_on.date().toPython() if self.paid.isChecked() else None,
            payment_method=self.method.currentData() or "",
            note=self.note.text(),
        )

    def validate(self) -> list[FieldError]:
        """Check the form and show each problem beside its field."""
        self._timer.stop()
        draft = self.draft()
        errors: list[FieldError] = []
        if draft is None:
            if self.member.chosen_id() is None:
                errors.append(FieldError("party_id", "required"))
            if self._current_type() is None:
                errors.append(FieldError("type_id", "required"))
        else:
            if parse_money(self.amount.text()) is None:
                errors.append(FieldError("amount", "amount_invalid", self.amount.text()))
                draft = dataclasses.replace(draft, amount=Decimal("0"))
            subscription_id = self.subscription.id if self.subscription else None
            errors += self.session.membership.validate_subscription(draft, subscription_id=subscription_id)[1]
        self._show(errors)
        return errors

    def _show(self, errors: list[FieldError]) -> None:
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field, field_error_text(error))
        for key, label in self.errors.items():
            set_error(label, by_field.get(key, ""))
        self.summary.setText(self.tr("%n field(s) to correct before saving.", "", len(errors)) if errors else "")

    def save(self) -> bool:
        """Validate and write; True when saved."""
        if self.session.read_only:
            return False
        errors = self.validate()
        draft = self.draft()
        if errors or draft is None:
            return False
        try:
            if self.subscription is None:
                info = self.session.membership.record(draft)
            else:
                info = self.session.membership.update_subscription(
                    self.subscription.id, self.subscription.version, draft
                )
        except ValidationFailedError as exc:
            self._show(list(exc.errors))
            return False
        except ConflictError:
            QMessageBox.information(
                self,
                self.tr("Changed meanwhile"),
                self.tr("Someone changed this subscription meanwhile. Close the form and open it again."),
            )
            return False
        except (NotFoundError, ReadOnlyDatabaseError) as exc:
            show_error(self, self.tr("Not saved"), str(exc))
            return False
        self.result_info = info
        self.saved.emit(info)
        self.accept()
        return True

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter in the member picker chooses a person, it must not save the form.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.member.hasFocus():
            return
        super().keyPressEvent(event)


def _amount_text(value: Decimal) -> str:
    """An amount as the user types it (35,00 in French)."""
    return money_text(value).replace("€", "").strip()
