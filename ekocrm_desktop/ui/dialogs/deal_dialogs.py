"""The deal form (party, contacts, owner, stage, amount or lines of articles with live totals)
and the article form. Errors show beside their field as the service words them; Ctrl+S saves,
Esc cancels (asking only when something changed); a save that meets someone else's save opens
the conflict dialog."""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.services.articles import FRENCH_VAT_RATES, ArticleDraft, ArticleInfo
from ekocrm_desktop.services.deals import (
    ContactEntry,
    DealDetail,
    DealDraft,
    LineEntry,
    totals,
)
from ekocrm_desktop.services.errors import ConflictError, FieldError, PermissionDeniedError, ValidationFailedError
from ekocrm_desktop.ui.deal_labels import deal_error_text, money_text, parse_decimal_text, rate_text, status_name
from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.formatting import date_text
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.session import WorkspaceSession
from ekocrm_desktop.ui.widgets.party_picker import PartyPicker
from ekocrm_desktop.ui.widgets.repeating import OptionalDateEdit, error_label, set_error

IdRole = Qt.ItemDataRole.UserRole + 1
#: Lines table columns.
COL_DESCRIPTION, COL_QUANTITY, COL_PRICE, COL_VAT, COL_TOTAL = range(5)


def number_text(value: Decimal, places: int = 2) -> str:
    """A number for an edit field, in the user's locale ("1234,50"); trailing zeros of quantities dropped."""
    text = f"{value:.{places}f}"
    if places != 2 and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", QLocale().decimalPoint())


class _Form(QDialog):
    """A form with errors beside fields, Save (Ctrl+S), and Esc that asks before losing changes."""

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.errors: dict[str, QLabel] = {}
        self.boxes: dict[str, QWidget] = {}
        self.summary = QLabel()
        self.summary.setObjectName("saveSummary")
        self.summary.setStyleSheet("color: #c62828;")
        self.summary.setWordWrap(True)
        self._initial: Any = None

    def field(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        """A labelled field with its error line under it."""
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        self.errors[key] = error_label()
        inner.addWidget(self.errors[key])
        form.addRow(label, box)
        self.boxes[key] = box
        widget.setAccessibleName(label.rstrip(" *"))

    def buttons(self, layout: QVBoxLayout) -> None:
        """Summary line and Save / Cancel."""
        layout.addWidget(self.summary)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setEnabled(self.session.can_edit)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each problem beside its field; the count in the summary."""
        by_field: dict[str, str] = {}
        for error in errors:
            by_field.setdefault(error.field.split(".")[0], deal_error_text(error))
        for key, label in self.errors.items():
            set_error(label, by_field.get(key, ""))
        self.summary.setText(self.tr("%n field(s) to correct before saving.", "", len(errors)) if errors else "")

    def is_dirty(self) -> bool:
        """Whether the form differs from what was loaded."""
        try:
            return bool(self.current() != self._initial)
        except Exception:
            return True

    def current(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def reject(self) -> None:
        if self.session.can_edit and self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Discard your changes?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


# ---------------------------------------------------------------------------- article
class ArticleDialog(_Form):
    """Create or edit an article of the catalogue."""

    def __init__(
        self, session: WorkspaceSession, info: ArticleInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("ArticleDialog")
        self.info = info
        self.saved: ArticleInfo | None = None
        self.setWindowTitle(self.tr("New article") if info is None else self.tr("Article %1").replace("%1", info.code))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)
        self.code = QLineEdit()
        self.code.setObjectName("articleCode")
        self.field(form, self.tr("Code *"), self.code, "code")
        self.name = QLineEdit()
        self.name.setObjectName("articleName")
        self.field(form, self.tr("Name *"), self.name, "name")
        self.category = QComboBox()
        self.category.setObjectName("articleCategory")
        choices = session.articles.categories()
        if not choices:
            # No settings list yet: any category can be typed (the ones in use are offered).
            self.category.setEditable(True)
            self.category.addItem("", "")
            for code in session.articles.used_categories():
                self.category.addItem(code, code)
        else:
            self.category.addItem(self.tr("(none)"), "")
            for code, label in choices:
                self.category.addItem(label, code)
        self.field(form, self.tr("Category"), self.category, "category")
        self.price = QLineEdit()
        self.price.setObjectName("articlePrice")
        self.price.setPlaceholderText("0,00")
        self.field(form, self.tr("Unit price excl. VAT (€)"), self.price, "unit_price")
        self.vat = QComboBox()
        self.vat.setObjectName("articleVat")
        self.vat.setEditable(True)
        for rate in FRENCH_VAT_RATES:
            self.vat.addItem(rate_text(rate), str(rate))
        self.field(form, self.tr("VAT rate"), self.vat, "vat_rate")
        self.active = QCheckBox(self.tr("Offered (shown when adding lines to a deal)"))
        self.active.setObjectName("articleActive")
        self.active.setChecked(True)
        self.field(form, "", self.active, "active")
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)
        self.field(form, self.tr("Description"), self.description, "description")
        self.buttons(layout)
        if info is not None:
            self.code.setText(info.code)
            self.name.setText(info.name)
            index = self.category.findData(info.category)
            if index < 0:
                self.category.addItem(info.category, info.category)
                index = self.category.count() - 1
            self.category.setCurrentIndex(index)
            self.price.setText(number_text(info.unit_price))
            self._set_rate(info.vat_rate)
            self.active.setChecked(info.active)
            self.description.setPlainText(info.description)
        read_only = not session.can_edit
        for widget in (self.code, self.name, self.price, self.description):
            widget.setReadOnly(read_only)  # type: ignore[attr-defined]
        for other in (self.category, self.vat, self.active):
            other.setEnabled(not read_only)
        self.resize(480, self.sizeHint().height())
        self._initial = self.current()

    def _set_rate(self, rate: Decimal) -> None:
        index = self.vat.findData(str(rate))
        if index < 0:
            self.vat.setEditText(rate_text(rate))
        else:
            self.vat.setCurrentIndex(index)

    def _category(self) -> str:
        if self.category.isEditable():
            text = self.category.currentText().strip()
            index = self.category.findText(text)
            return str(self.category.itemData(index)) if index >= 0 else text
        return str(self.category.currentData() or "")

    def current(self) -> tuple[Any, ...]:
        return (
            self.code.text(),
            self.name.text(),
            self._category(),
            self.price.text(),
            self.vat.currentText(),
            self.active.isChecked(),
            self.description.toPlainText(),
        )

    def draft(self) -> tuple[ArticleDraft, list[FieldError]]:
        """The form as a draft, and what could not even be read (a price that is not a number)."""
        errors: list[FieldError] = []
        price_text = self.price.text().strip()
        price = parse_decimal_text(price_text) if price_text else Decimal("0")
        if price is None:
            errors.append(FieldError("unit_price", "amount_invalid", price_text))
        vat_text = self.vat.currentText().strip()
        rate = parse_decimal_text(vat_text)
        if rate is None:
            errors.append(FieldError("vat_rate", "vat_rate_invalid", vat_text))
        draft = ArticleDraft(
            code=self.code.text(),
            name=self.name.text(),
            category=self._category(),
            unit_price=price if price is not None else Decimal("0"),
            vat_rate=rate if rate is not None else Decimal("0"),
            active=self.active.isChecked(),
            description=self.description.toPlainText(),
        )
        return draft, errors

    def save(self) -> bool:
        """Write the article (the form stays open with what was typed when something is wrong)."""
        if not self.session.can_edit:
            return False
        draft, unreadable = self.draft()
        info = self.info
        if unreadable:
            _clean, others = self.session.articles.validate(draft, article_id=info.id if info else None)
            fields = {e.field for e in unreadable}
            self.show_errors(unreadable + [e for e in others if e.field not in fields])
            return False
        try:
            if info is None:
                self.saved = self.session.articles.create(draft)
            else:
                self.saved = self.session.articles.update(info.id, info.version, draft)
        except ValidationFailedError as exc:
            self.show_errors(list(exc.errors))
            return False
        except ConflictError as exc:
            return self._conflict(draft, exc.current)
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Article not saved"), self.tr("Your role does not allow this."), str(exc))
            return False
        self.accept()
        return True

    def _conflict(self, mine: ArticleDraft, theirs: ArticleInfo) -> bool:
        base = self.info.draft if self.info is not None else mine
        plain = lambda v: str(v)  # noqa: E731
        fields = [
            ("code", self.tr("Code"), plain),
            ("name", self.tr("Name"), plain),
            ("category", self.tr("Category"), plain),
            ("unit_price", self.tr("Unit price"), lambda v: money_text(v)),
            ("vat_rate", self.tr("VAT rate"), lambda v: rate_text(v)),
            ("active", self.tr("Offered"), lambda v: self.tr("Yes") if v else self.tr("No")),
            ("description", self.tr("Description"), plain),
        ]
        dialog = ConflictDialog(base=base, mine=mine, theirs=theirs, fields=fields, parent=self)
        dialog.exec()
        if dialog.choice == ConflictDialog.SAVE_MERGED and dialog.merged is not None:
            try:
                self.saved = self.session.articles.update(theirs.id, theirs.version, dialog.merged)
            except (ValidationFailedError, ConflictError):
                self.info = theirs
                return False
            self.accept()
            return True
        if dialog.choice == ConflictDialog.RELOAD:
            self.info = theirs
            self.code.setText(theirs.code)
            self.name.setText(theirs.name)
            self.price.setText(number_text(theirs.unit_price))
            self._set_rate(theirs.vat_rate)
            self.active.setChecked(theirs.active)
            self.description.setPlainText(theirs.description)
            self._initial = self.current()
        return False


# ---------------------------------------------------------------------------- deal
class DealDialog(_Form):
    """Create or edit a deal: who, owner, stage, amount or lines, contacts, notes."""

    def __init__(
        self,
        session: WorkspaceSession,
        detail: DealDetail | None = None,
        *,
        stage_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.setObjectName("DealDialog")
        self.detail = detail
        self.saved: DealDetail | None = None
        # Chosen before the first attempt, so a save retried after a lost connection is not doubled.
        self.deal_id = detail.id if detail is not None else uuid7()
        self.setWindowTitle(
            self.tr("New deal") if detail is None else self.tr("Deal: %1").replace("%1", detail.draft.title)
        )
        self.stages = session.deals.stages()
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)

        # Left: the deal itself.
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.left_form = left
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        # The fields keep their natural height; the space left goes below them.
        left_box.addStretch(1)
        columns.addLayout(left_box, 1)
        self.title = QLineEdit()
        self.title.setObjectName("dealTitle")
        self.field(left, self.tr("Title *"), self.title, "title")
        self.party = PartyPicker(session.contacts)
        self.party.setObjectName("dealParty")
        self.party.setPlaceholderText(self.tr("Type to find the organisation or person"))
        self.field(left, self.tr("Client"), self.party, "party_id")
        self.stage = QComboBox()
        self.stage.setObjectName("dealStage")
        for stage in self.stages:
            self.stage.addItem(stage.name, str(stage.id))
        self.field(left, self.tr("Stage"), self.stage, "stage_id")
        self.status_label = QLabel()
        self.status_label.setObjectName("dealStatus")
        left.addRow(self.tr("Status"), self.status_label)
        self.lost_reason = QComboBox()
        self.lost_reason.setObjectName("dealLostReason")
        self.lost_reason.setEditable(True)
        self.lost_reason.addItem("", "")
        for code, label in session.deals.lost_reasons():
            self.lost_reason.addItem(label, code)
        self.field(left, self.tr("Reason lost"), self.lost_reason, "lost_reason")
        self.owner = QComboBox()
        self.owner.setObjectName("dealOwner")
        self.owner.addItem(self.tr("(nobody)"), "")
        for choice in session.deals.collaborators():
            self.owner.addItem(choice.name, str(choice.id))
        self.field(left, self.tr("Owner"), self.owner, "owner_id")
        self.amount = QLineEdit()
        self.amount.setObjectName("dealAmount")
        self.amount.setPlaceholderText("0,00")
        self.field(left, self.tr("Amount excl. VAT (€)"), self.amount, "amount")
        self.probability = QSpinBox()
        self.probability.setObjectName("dealProbability")
        self.probability.setRange(0, 100)
        self.probability.setSuffix("\u00a0%")
        self.field(left, self.tr("Probability"), self.probability, "probability")
        self.expected_close = OptionalDateEdit(self.tr("Expected"))
        self.expected_close.setObjectName("dealExpectedClose")
        self.field(left, self.tr("Expected close"), self.expected_close, "expected_close")
        self.source = QComboBox()
        self.source.setObjectName("dealSource")
        self.source.setEditable(True)
        self.source.addItem("", "")
        for code, label in session.deals.sources():
            self.source.addItem(label, code)
        self.field(left, self.tr("Source"), self.source, "source")
        self.campaign = QComboBox()
        self.campaign.setObjectName("dealCampaign")
        self.campaign.setAccessibleName(self.tr("Campaign"))
        self.campaign.addItem(self.tr("(none)"), "")
        for campaign_id, name in session.deals.campaigns():
            self.campaign.addItem(name, str(campaign_id))
        self.field(left, self.tr("Campaign"), self.campaign, "campaign_id")
        self.private = QCheckBox(self.tr("Private (only its owner sees it)"))
        self.private.setVisible(session.capabilities.team)
        self.field(left, "", self.private, "private")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("dealNotes")
        self.notes.setFixedHeight(70)
        self.field(left, self.tr("Notes"), self.notes, "notes")

        # Right: contacts and lines.
        right = QVBoxLayout()
        columns.addLayout(right, 2)
        contacts_box = QGroupBox(self.tr("Contacts"))
        contacts_layout = QVBoxLayout(contacts_box)
        pick_row = QHBoxLayout()
        self.contact_picker = PartyPicker(session.contacts)
        self.contact_picker.setObjectName("dealContactPicker")
        pick_row.addWidget(self.contact_picker, 2)
        self.contact_function = QLineEdit()
        self.contact_function.setObjectName("dealContactFunction")
        self.contact_function.setPlaceholderText(self.tr("Function (buyer, decision maker…)"))
        self.contact_function.setAccessibleName(self.tr("Function"))
        pick_row.addWidget(self.contact_function, 2)
        self.add_contact_button = QPushButton(icon("add"), self.tr("Add"))
        self.add_contact_button.setObjectName("addDealContact")
        self.add_contact_button.clicked.connect(self.add_picked_contact)
        pick_row.addWidget(self.add_contact_button)
        contacts_layout.addLayout(pick_row)
        self.contacts_table = QTableWidget(0, 2)
        self.contacts_table.setObjectName("dealContacts")
        self.contacts_table.setHorizontalHeaderLabels([self.tr("Person"), self.tr("Function")])
        self.contacts_table.horizontalHeader().setStretchLastSection(True)
        self.contacts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.contacts_table.verticalHeader().setVisible(False)
        self.contacts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts_table.setMaximumHeight(110)
        contacts_layout.addWidget(self.contacts_table)
        remove_contact = QPushButton(icon("remove"), self.tr("Remove the selected contact"))
        remove_contact.clicked.connect(self.remove_contact)
        self.remove_contact_button = remove_contact
        contacts_layout.addWidget(remove_contact, 0, Qt.AlignmentFlag.AlignRight)
        self.errors["contacts"] = error_label()
        contacts_layout.addWidget(self.errors["contacts"])
        right.addWidget(contacts_box)

        lines_box = QGroupBox(self.tr("Lines (quote)"))
        lines_layout = QVBoxLayout(lines_box)
        article_row = QHBoxLayout()
        self.article_combo = QComboBox()
        self.article_combo.setObjectName("dealArticle")
        self.article_combo.setAccessibleName(self.tr("Article"))
        self.article_combo.setEditable(True)
        self.article_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.article_combo.lineEdit().setPlaceholderText(self.tr("Type an article's code or name"))
        self._articles: dict[str, ArticleInfo] = {}
        for article in session.articles.find("", 1000):
            self._articles[str(article.id)] = article
            self.article_combo.addItem(
                f"{article.code} — {article.name} ({money_text(article.unit_price)})", str(article.id)
            )
        self.article_combo.setCurrentIndex(-1)
        article_row.addWidget(self.article_combo, 3)
        self.add_article_button = QPushButton(icon("add"), self.tr("Add the article"))
        self.add_article_button.setObjectName("addArticleLine")
        self.add_article_button.clicked.connect(lambda: self.add_article_line())
        article_row.addWidget(self.add_article_button)
        self.add_free_button = QPushButton(icon("add"), self.tr("Free line"))
        self.add_free_button.setObjectName("addFreeLine")
        self.add_free_button.clicked.connect(lambda: self.add_line(LineEntry("", Decimal("1"), Decimal("0"))))
        article_row.addWidget(self.add_free_button)
        lines_layout.addLayout(article_row)
        self.lines_table = QTableWidget(0, 5)
        self.lines_table.setObjectName("dealLines")
        self.lines_table.setHorizontalHeaderLabels(
            [
                self.tr("Description"),
                self.tr("Qty"),
                self.tr("Unit price"),
                self.tr("VAT %"),
                self.tr("Total excl. VAT"),
            ]
        )
        header = self.lines_table.horizontalHeader()
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_QUANTITY, 60), (COL_PRICE, 95), (COL_VAT, 60), (COL_TOTAL, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.lines_table.setColumnWidth(column, width)
        self.lines_table.verticalHeader().setVisible(False)
        self.lines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_table.itemChanged.connect(lambda _i: self._lines_changed())
        lines_layout.addWidget(self.lines_table, 1)
        bottom = QHBoxLayout()
        self.remove_line_button = QPushButton(icon("remove"), self.tr("Remove the selected line"))
        self.remove_line_button.setObjectName("removeLine")
        self.remove_line_button.clicked.connect(self.remove_line)
        bottom.addWidget(self.remove_line_button)
        bottom.addStretch(1)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("dealTotals")
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        bottom.addWidget(self.totals_label)
        lines_layout.addLayout(bottom)
        self.errors["lines"] = error_label()
        self.errors["lines"].setObjectName("linesError")
        lines_layout.addWidget(self.errors["lines"])
        right.addWidget(lines_box, 1)

        self.info_label = QLabel()
        self.info_label.setObjectName("dealInfo")
        self.info_label.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.info_label)
        self.buttons(layout)

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(250)
        self._validate_timer.timeout.connect(self.validate)
        self.title.textEdited.connect(lambda _t: self._validate_timer.start())
        self.amount.textEdited.connect(lambda _t: self._validate_timer.start())
        self.stage.currentIndexChanged.connect(self._stage_changed)

        if detail is not None:
            self._load(detail)
        else:
            if stage_id is not None:
                self.stage.setCurrentIndex(max(0, self.stage.findData(str(stage_id))))
            me = session.capabilities.my_party_id if session.capabilities.team else None
            if me is not None:
                self.owner.setCurrentIndex(max(0, self.owner.findData(str(me))))
            self._stage_changed()
            self._update_status(None)
        self._lines_changed()
        self._apply_rights()
        self.resize(1120, 660)
        self._initial = self.current()

    # ------------------------------------------------------------------ loading
    def _load(self, detail: DealDetail) -> None:
        draft = detail.draft
        self.detail = detail
        self.title.setText(draft.title)
        if draft.party_id is not None:
            self.party.set_choice(draft.party_id, detail.party_name)
        else:
            self.party.clear()
        self.stage.blockSignals(True)
        self.stage.setCurrentIndex(max(0, self.stage.findData(str(draft.stage_id))))
        self.stage.blockSignals(False)
        owner = self.owner.findData(str(draft.owner_id)) if draft.owner_id else 0
        if owner < 0:
            self.owner.addItem(detail.owner_name, str(draft.owner_id))
            owner = self.owner.count() - 1
        self.owner.setCurrentIndex(owner)
        self.amount.setText(number_text(draft.amount))
        self.probability.setValue(draft.probability or 0)
        self.expected_close.set_value(draft.expected_close)
        self._set_combo(self.source, draft.source)
        self._set_combo(self.lost_reason, draft.lost_reason)
        campaign = self.campaign.findData(str(draft.campaign_id)) if draft.campaign_id else 0
        if campaign < 0:  # in the trash since: still shown, so saving does not drop the link
            self.campaign.addItem(self.tr("(deleted campaign)"), str(draft.campaign_id))
            campaign = self.campaign.count() - 1
        self.campaign.setCurrentIndex(campaign)
        self.private.setChecked(draft.private)
        self.notes.setPlainText(draft.notes)
        self.contacts_table.setRowCount(0)
        for contact in draft.contacts:
            self._add_contact_row(contact)
        self.lines_table.blockSignals(True)
        self.lines_table.setRowCount(0)
        self.lines_table.blockSignals(False)
        for line in draft.lines:
            self.add_line(line)
        self._update_status(detail)
        closed = f" · {date_text(detail.closed_on)}" if detail.closed_on else ""
        self.info_label.setText(
            self.tr("Last saved by %1 on %2")
            .replace("%1", detail.updated_by or "?")
            .replace("%2", date_text(detail.updated_at.date()))
            + closed
        )

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        if index < 0 and code:
            combo.addItem(code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(max(0, index))

    @staticmethod
    def _combo_code(combo: QComboBox) -> str:
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0:
            return str(combo.itemData(index) or "")
        return text

    def _apply_rights(self) -> None:
        editable = self.session.can_edit
        for widget in (self.title, self.party, self.amount, self.contact_picker, self.contact_function):
            widget.setReadOnly(not editable)
        self.notes.setReadOnly(not editable)
        for other in (
            self.stage,
            self.owner,
            self.probability,
            self.expected_close,
            self.source,
            self.campaign,
            self.lost_reason,
            self.private,
            self.article_combo,
            self.add_article_button,
            self.add_free_button,
            self.remove_line_button,
            self.add_contact_button,
            self.remove_contact_button,
        ):
            other.setEnabled(editable)
        if not editable:
            self.lines_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.contacts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _stage_info(self) -> Any:
        data = self.stage.currentData()
        return next((s for s in self.stages if str(s.id) == data), None)

    def _stage_changed(self, _index: int = 0) -> None:
        stage = self._stage_info()
        if stage is not None:
            self.probability.setValue(stage.probability)
        self._update_status(self.detail)

    def _update_status(self, detail: DealDetail | None) -> None:
        stage = self._stage_info()
        status = detail.status if detail is not None else "open"
        if stage is not None and stage.is_won:
            status = "won"
        elif stage is not None and stage.is_lost:
            status = "lost"
        elif (
            detail is not None
            and detail.status != "open"
            and stage is not None
            and str(stage.id) != str(detail.draft.stage_id)
        ):
            status = "open"
        self._status = status
        self.status_label.setText(status_name(status))
        self.lost_reason.setEnabled(status == "lost" and self.session.can_edit)
        # The reason matters only for a lost deal: the row shows then.
        self.left_form.setRowVisible(self.boxes["lost_reason"], status == "lost")

    # ------------------------------------------------------------------ contacts
    def add_picked_contact(self) -> None:
        """Add the person picked above with the typed function."""
        party_id = self.party_id_of(self.contact_picker)
        if party_id is None:
            set_error(self.errors["contacts"], self.tr("Pick a person in the list first."))
            return
        self._add_contact_row(ContactEntry(party_id, self.contact_function.text().strip(), self.contact_picker.text()))
        self.contact_picker.clear()
        self.contact_function.clear()
        set_error(self.errors["contacts"], "")

    @staticmethod
    def party_id_of(picker: PartyPicker) -> uuid.UUID | None:
        """The party a picker names."""
        return picker.chosen_id()

    def _add_contact_row(self, contact: ContactEntry) -> None:
        row = self.contacts_table.rowCount()
        self.contacts_table.insertRow(row)
        name = QTableWidgetItem(contact.name)
        name.setData(IdRole, str(contact.party_id))
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.contacts_table.setItem(row, 0, name)
        self.contacts_table.setItem(row, 1, QTableWidgetItem(contact.function))

    def remove_contact(self) -> None:
        """Remove the selected contact from the deal."""
        row = self.contacts_table.currentRow()
        if row >= 0:
            self.contacts_table.removeRow(row)

    def contacts(self) -> tuple[ContactEntry, ...]:
        """The contacts listed."""
        result = []
        for row in range(self.contacts_table.rowCount()):
            name = self.contacts_table.item(row, 0)
            function = self.contacts_table.item(row, 1)
            result.append(ContactEntry(uuid.UUID(name.data(IdRole)), function.text() if function else "", name.text()))
        return tuple(result)

    # ------------------------------------------------------------------ lines
    def choose_article(self, article_id: uuid.UUID) -> None:
        """Select an article in the picker (keyboard users type and pick; tests call this)."""
        self.article_combo.setCurrentIndex(self.article_combo.findData(str(article_id)))

    def add_article_line(self) -> None:
        """Add a line for the picked article, with its price and VAT rate."""
        index = self.article_combo.currentIndex()
        if index < 0 or self.article_combo.currentText() != self.article_combo.itemText(index):
            set_error(self.errors["lines"], self.tr("Choose an article in the list first."))
            return
        article = self._articles[str(self.article_combo.itemData(index))]
        self.add_line(LineEntry(article.name, Decimal("1"), article.unit_price, article.vat_rate, article.id))
        self.article_combo.setCurrentIndex(-1)

    def add_line(self, line: LineEntry) -> None:
        """Append a line to the table."""
        self.lines_table.blockSignals(True)
        row = self.lines_table.rowCount()
        self.lines_table.insertRow(row)
        description = QTableWidgetItem(line.description)
        description.setData(IdRole, str(line.article_id) if line.article_id else "")
        self.lines_table.setItem(row, COL_DESCRIPTION, description)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for column, text in (
            (COL_QUANTITY, number_text(line.quantity, 3)),
            (COL_PRICE, number_text(line.unit_price)),
            (COL_VAT, number_text(line.vat_rate, 3)),
        ):
            item = QTableWidgetItem(text)
            item.setTextAlignment(right)
            self.lines_table.setItem(row, column, item)
        total = QTableWidgetItem()
        total.setFlags(total.flags() & ~Qt.ItemFlag.ItemIsEditable)
        total.setTextAlignment(right)
        self.lines_table.setItem(row, COL_TOTAL, total)
        self.lines_table.blockSignals(False)
        self._lines_changed()

    def remove_line(self) -> None:
        """Remove the selected line."""
        row = self.lines_table.currentRow()
        if row >= 0:
            self.lines_table.removeRow(row)
            self._lines_changed()

    def set_line_cell(self, row: int, column: int, text: str) -> None:
        """Type into a cell of the lines table (as the in-place editor commits it)."""
        self.lines_table.item(row, column).setText(text)

    def lines(self) -> tuple[tuple[LineEntry, ...], list[FieldError]]:
        """The lines as typed, and the cells that are not numbers (line by line)."""
        result: list[LineEntry] = []
        errors: list[FieldError] = []
        for row in range(self.lines_table.rowCount()):
            description = self.lines_table.item(row, COL_DESCRIPTION)
            article = description.data(IdRole) if description else ""
            quantity_text = self.lines_table.item(row, COL_QUANTITY).text().strip()
            price_text = self.lines_table.item(row, COL_PRICE).text().strip()
            vat_text = self.lines_table.item(row, COL_VAT).text().strip()
            quantity = parse_decimal_text(quantity_text)
            price = parse_decimal_text(price_text) if price_text else Decimal("0")
            rate = parse_decimal_text(vat_text) if vat_text else Decimal("0")
            if quantity is None:
                errors.append(FieldError(f"lines.{row}", "quantity_invalid", quantity_text))
            if price is None:
                errors.append(FieldError(f"lines.{row}", "amount_invalid", price_text))
            if rate is None:
                errors.append(FieldError(f"lines.{row}", "vat_rate_invalid", vat_text))
            result.append(
                LineEntry(
                    description.text() if description else "",
                    quantity if quantity is not None else Decimal("1"),
                    price if price is not None else Decimal("0"),
                    rate if rate is not None else Decimal("0"),
                    uuid.UUID(article) if article else None,
                )
            )
        return tuple(result), errors

    def _lines_changed(self) -> None:
        lines, errors = self.lines()
        bad_rows = {int(e.field.split(".")[1]) for e in errors}
        self.lines_table.blockSignals(True)
        for row, line in enumerate(lines):
            item = self.lines_table.item(row, COL_TOTAL)
            if item is not None:
                item.setText("" if row in bad_rows else money_text(line.total))
        self.lines_table.blockSignals(False)
        has_lines = bool(lines)
        # With lines, the amount is their total: the field shows it and cannot be typed.
        self.amount.setReadOnly(has_lines or not self.session.can_edit)
        if has_lines:
            quote = totals(line for row, line in enumerate(lines) if row not in bad_rows)
            self.amount.setText(number_text(quote.net))
            self.totals_label.setText(
                self.tr("Total excl. VAT <b>%1</b> · VAT %2 · <b>Total incl. VAT %3</b>")
                .replace("%1", money_text(quote.net))
                .replace("%2", money_text(quote.vat))
                .replace("%3", money_text(quote.gross))
            )
        else:
            self.totals_label.setText(self.tr("No lines: the amount is typed by hand."))
        self._show_line_errors(errors)

    def _show_line_errors(self, errors: list[FieldError]) -> None:
        texts = [
            self.tr("Line %1: %2").replace("%1", str(int(e.field.split(".")[1]) + 1)).replace("%2", deal_error_text(e))
            for e in errors
        ]
        set_error(self.errors["lines"], "\n".join(texts))

    # ------------------------------------------------------------------ draft and save
    def current(self) -> tuple[Any, ...]:
        lines, _errors = self.lines()
        return (
            self.title.text(),
            self.party.chosen_id(),
            self.party.text(),
            self.stage.currentData(),
            self.owner.currentData(),
            self.amount.text(),
            self.probability.value(),
            self.expected_close.value(),
            self.source.currentText(),
            self.campaign.currentData(),
            self.lost_reason.currentText(),
            self.private.isChecked(),
            self.notes.toPlainText(),
            lines,
            self.contacts(),
        )

    def draft(self) -> tuple[DealDraft, list[FieldError]]:
        """The form as a draft, and what could not be read (an amount or a quantity that is not a number)."""
        errors: list[FieldError] = []
        lines, line_errors = self.lines()
        errors.extend(line_errors)
        amount = Decimal("0")
        amount_text = self.amount.text().strip()
        if not lines and amount_text:
            parsed = parse_decimal_text(amount_text)
            if parsed is None:
                errors.append(FieldError("amount", "amount_invalid", amount_text))
            else:
                amount = parsed
        party_id = self.party.chosen_id()
        if party_id is None and self.party.text().strip():
            errors.append(FieldError("party_id", "party_not_picked", self.party.text()))
        owner = self.owner.currentData()
        stage = self.stage.currentData()
        campaign = self.campaign.currentData()
        draft = DealDraft(
            title=self.title.text(),
            stage_id=uuid.UUID(stage) if stage else None,
            party_id=party_id,
            owner_id=uuid.UUID(owner) if owner else None,
            amount=amount,
            probability=self.probability.value(),
            expected_close=self.expected_close.value(),
            status=self._status,
            lost_reason=self._combo_code(self.lost_reason) if self._status == "lost" else "",
            source=self._combo_code(self.source),
            notes=self.notes.toPlainText(),
            private=self.private.isChecked(),
            lines=lines,
            contacts=self.contacts(),
            campaign_id=uuid.UUID(campaign) if campaign else None,
        )
        return draft, errors

    def validate(self) -> list[FieldError]:
        """Check the form as typed and show the problems (nothing is written)."""
        draft, unreadable = self.draft()
        _clean, errors = self.session.deals.validate(draft)
        taken = {e.field for e in unreadable}
        found = unreadable + [e for e in errors if e.field not in taken]
        self._show(found)
        return found

    def _show(self, errors: list[FieldError]) -> None:
        self.show_errors([e for e in errors if not e.field.startswith("lines.")])
        line_errors = [e for e in errors if e.field.startswith("lines.")]
        self._show_line_errors(line_errors)
        if errors:
            self.summary.setText(self.tr("%n field(s) to correct before saving.", "", len(errors)))

    def save(self) -> bool:
        """Write the deal; the form stays open, with what was typed, when something is wrong."""
        if not self.session.can_edit:
            return False
        draft, unreadable = self.draft()
        if unreadable:
            self.validate()
            return False
        try:
            if self.detail is None:
                self.saved = self.session.deals.create(draft, deal_id=self.deal_id)
            else:
                self.saved = self.session.deals.update(self.detail.id, self.detail.version, draft)
        except ValidationFailedError as exc:
            self._show(list(exc.errors))
            return False
        except ConflictError as exc:
            # Compare normalised drafts, so only real differences are shown ("1" and "1,000" are one quantity).
            return self._conflict(self.session.deals.validate(draft)[0], exc.current)
        except PermissionDeniedError as exc:
            show_error(self, self.tr("Deal not saved"), self.tr("Your role does not allow this."), str(exc))
            return False
        self.accept()
        return True

    def _conflict(self, mine: DealDraft, theirs: DealDetail) -> bool:
        base = self.detail.draft if self.detail is not None else mine
        stage_names = {s.id: s.name for s in self.stages}
        campaign_names = dict(self.session.deals.campaigns())
        plain = lambda v: str(v or "")  # noqa: E731
        fields = [
            ("title", self.tr("Title"), plain),
            (
                "party_id",
                self.tr("Client"),
                lambda v: theirs.party_name if v == theirs.draft.party_id else str(v or ""),
            ),
            ("stage_id", self.tr("Stage"), lambda v: stage_names.get(v, "")),
            ("owner_id", self.tr("Owner"), lambda v: theirs.owner_name if v == theirs.draft.owner_id else str(v or "")),
            ("amount", self.tr("Amount"), lambda v: money_text(v)),
            ("probability", self.tr("Probability"), plain),
            ("expected_close", self.tr("Expected close"), date_text),
            ("status", self.tr("Status"), status_name),
            ("lost_reason", self.tr("Reason lost"), plain),
            ("source", self.tr("Source"), plain),
            ("campaign_id", self.tr("Campaign"), lambda v: campaign_names.get(v, "") if v else ""),
            ("notes", self.tr("Notes"), plain),
            ("private", self.tr("Private"), lambda v: self.tr("Yes") if v else self.tr("No")),
            ("lines", self.tr("Lines"), lambda v: "\n".join(f"{x.quantity} × {x.description}" for x in v)),
            ("contacts", self.tr("Contacts"), lambda v: "\n".join(c.name for c in v)),
        ]
        dialog = ConflictDialog(base=base, mine=mine, theirs=theirs, fields=fields, parent=self)
        dialog.exec()
        if dialog.choice == ConflictDialog.RELOAD:
            self._load(theirs)
            self._lines_changed()
            self._initial = self.current()
            return False
        if dialog.choice == ConflictDialog.SAVE_MERGED and dialog.merged is not None:
            try:
                self.saved = self.session.deals.update(theirs.id, theirs.version, dialog.merged)
            except ConflictError as again:
                return self._conflict(dialog.merged, again.current)
            except ValidationFailedError as exc:
                self._load(dataclasses.replace(theirs, draft=dialog.merged))
                self._show(list(exc.errors))
                return False
            self.accept()
            return True
        return False


class LostReasonDialog(QDialog):
    """Ask why a deal was lost (a value of the "lost_reason" list, or typed)."""

    def __init__(self, reasons: list[tuple[str, str]], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LostReasonDialog")
        self.setWindowTitle(self.tr("Deal lost"))
        layout = QGridLayout(self)
        label = QLabel(self.tr("Why was “%1” lost?").replace("%1", title))
        label.setWordWrap(True)
        layout.addWidget(label, 0, 0, 1, 2)
        self.reason = QComboBox()
        self.reason.setObjectName("lostReason")
        self.reason.setEditable(True)
        self.reason.setAccessibleName(self.tr("Reason lost"))
        for code, text in reasons:
            self.reason.addItem(text, code)
        layout.addWidget(self.reason, 1, 0, 1, 2)
        self.error = error_label()
        layout.addWidget(self.error, 2, 0, 1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons, 3, 0, 1, 2)

    def code(self) -> str:
        """The reason chosen: its code, or the text typed."""
        text = self.reason.currentText().strip()
        index = self.reason.findText(text)
        return str(self.reason.itemData(index)) if index >= 0 else text

    def accept(self) -> None:
        if not self.code():
            set_error(self.error, self.tr("Give a reason."))
            return
        super().accept()
