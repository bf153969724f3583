"""The import wizard: file → preview → mapping → matching → dry run → import (undoable), and the
import history dialog. The work runs in workers; the wizard holds DTOs only."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ekocrm_desktop.db.engine import is_busy_error
from ekocrm_desktop.services.importing import (
    FINISH_STEP,
    MATCH_KEYS,
    ON_MATCH,
    TARGETS,
    UPDATE_STEP,
    ImportCancelledError,
    ImportOptions,
    ImportResult,
    ImportService,
    RowIssue,
    UndoResult,
    fields_for,
    load_mapping,
    save_mapping,
    suggest_mapping,
    write_errors,
)
from ekocrm_desktop.services.tabular import FileFormatError, ReadOptions, SourceFile, TableInfo
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.errors import show_error
from ekocrm_desktop.ui.exchange_labels import (
    field_label,
    issue_text,
    match_label,
    note_text,
    on_match_label,
    target_label,
)
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.tablemodels.exchange_table_models import (
    BatchTableModel,
    MappingTableModel,
    OutcomeTableModel,
    PreviewTableModel,
)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "iso8859_15", "mac_roman")
SEPARATORS = ((";", ";"), (",", ","), ("\t", "Tab"), ("|", "|"))


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _outcome_table(model: OutcomeTableModel) -> QTableView:
    view = _table(model)
    header = view.horizontalHeader()
    for column in (0, 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    view.setColumnWidth(2, 220)
    return view


class FieldDelegate(QStyledItemDelegate):
    """A combo of import fields for the mapping table's last column."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        model = index.model()
        allowed = getattr(model, "allowed", ())
        for field in ("", *allowed):
            combo.addItem(field_label(field), field)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ImportWizard(QWizard):
    """Import people and organisations from a CSV, XLSX or vCard file, honestly."""

    def __init__(self, service: ImportService, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(900, 600)
        self.path: Path | None = path
        self.info: TableInfo | None = None
        self.read_options = ReadOptions()
        self.dry_result: ImportResult | None = None
        self.result: ImportResult | None = None
        self.errors_file: Path | None = None
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.options_page = OptionsPage(self)
        self.dry_run_page = DryRunPage(self)
        self.run_page = RunPage(self)
        for page in (
            self.file_page,
            self.preview_page,
            self.mapping_page,
            self.options_page,
            self.dry_run_page,
            self.run_page,
        ):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        if path is not None:
            self.file_page.path_edit.setText(str(path))

    def reject(self) -> None:
        """Closing while the import runs first stops it (what was committed stays undoable)."""
        page = self.run_page
        if page.job is not None and not page.finished:
            page.cancel()
            return
        if self.dry_run_page.job is not None and not self.dry_run_page.done:
            self.dry_run_page.job.token.cancel()
        super().reject()

    def options(self) -> ImportOptions:
        """What the user chose so far."""
        return ImportOptions(
            target=self.target(),
            mapping=self.mapping_page.model.mapping(),
            match=str(self.options_page.match_combo.currentData()),
            on_match=str(self.options_page.on_match_combo.currentData()),
            encoding=self.read_options.encoding,
            delimiter=self.read_options.delimiter,
        )

    def target(self) -> str:
        """What the file holds: contacts, members (with subscriptions) or articles."""
        return str(self.file_page.target_combo.currentData())

    def reason(self, issue: RowIssue) -> str:
        """Reasons in the errors file, in the user's language."""
        return issue_text(issue)

    def save_errors(self) -> None:
        """Save the rows in error (of the import, else of the dry run) where the user chooses."""
        result = self.result or self.dry_result
        if result is None or not result.errors or self.info is None:
            return
        assert self.path is not None
        suggested = str(self.path.with_name(f"{self.path.stem}-erreurs.csv"))
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the rows in error"), suggested, self.tr("CSV files (*.csv)")
        )
        if target:
            self.write_errors_to(Path(target))

    def write_errors_to(self, target: Path) -> None:
        """Write the rows in error to `target` (the import's own file when it made one)."""
        if self.result is not None and self.errors_file is not None and self.errors_file.exists():
            shutil.copyfile(self.errors_file, target)
        elif self.dry_result is not None and self.info is not None:
            write_errors(self.dry_result, self.info.headers, target, self.reason)


class FilePage(QWizardPage):
    """Step 1: the file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "CSV (Excel, Google Contacts, Outlook), Excel workbook (.xlsx) or vCard (.vcf). "
                "Nothing is written before you have seen the dry run."
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        browse = QPushButton(icon("open"), self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        target_row = QHBoxLayout()
        self.target_combo = QComboBox()
        for target in TARGETS:
            self.target_combo.addItem(target_label(target), target)
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        target_text = QLabel(self.tr("The file &holds:"))
        target_text.setBuddy(self.target_combo)
        target_row.addWidget(target_text)
        target_row.addWidget(self.target_combo)
        target_row.addStretch(1)
        layout.addLayout(target_row)
        self.target_hint = QLabel()
        self.target_hint.setWordWrap(True)
        layout.addWidget(self.target_hint)
        self._target_changed()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("errorLabel")
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _target_changed(self) -> None:
        # Another kind of file means other fields: the mapping is suggested again.
        mapping_page = getattr(self._wizard, "mapping_page", None)
        if mapping_page is not None:
            mapping_page.loaded = False
        hints = {
            "contacts": self.tr("People and organisations; a matching key finds those already in the workspace."),
            "members": self.tr(
                "One row per subscription: the member (matched or created like a contact), the membership "
                "type by name or category, the period, the amount, the payment date and method, the receipt "
                "number. The member role is added; a subscription already recorded is skipped."
            ),
            "articles": self.tr(
                "The catalogue: code, name, category, unit price, VAT rate, active. An article with the same "
                "code is updated."
            ),
        }
        self.target_hint.setText(hints.get(str(self.target_combo.currentData()), ""))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a file"),
            self.path_edit.text(),
            self.tr("Contact, member or article files (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        try:
            info = SourceFile(path).info()
        except (FileFormatError, OSError) as exc:
            self.error_label.setText(self.tr("This file cannot be read: %1").replace("%1", str(exc)))
            return False
        self.error_label.clear()
        wizard = self._wizard
        if wizard.path != path:
            wizard.mapping_page.loaded = False
        wizard.path = path
        wizard.read_options = ReadOptions()
        wizard.info = info
        return True


class PreviewPage(QWizardPage):
    """Step 2: the file as read, with its encoding and separator (changed here, re-read live)."""

    LIMIT = 50

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Check how the file is read"))
        self.setSubTitle(self.tr("If accents or columns look wrong, change the encoding or the separator."))
        layout = QVBoxLayout(self)
        form = QHBoxLayout()
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_combo.addItem(name, name)
        self.separator_combo = QComboBox()
        self.separator_combo.addItem(self.tr("Detect"), None)
        for value, label in SEPARATORS:
            self.separator_combo.addItem(label, value)
        encoding_label = QLabel(self.tr("&Encoding:"))
        encoding_label.setBuddy(self.encoding_combo)
        separator_label = QLabel(self.tr("&Separator:"))
        separator_label.setBuddy(self.separator_combo)
        for widget in (encoding_label, self.encoding_combo, separator_label, self.separator_combo):
            form.addWidget(widget)
        form.addStretch(1)
        layout.addLayout(form)
        self.detected_label = QLabel()
        self.detected_label.setWordWrap(True)
        layout.addWidget(self.detected_label)
        self.model = PreviewTableModel(self)
        self.view = _table(self.model)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setDefaultSectionSize(130)
        layout.addWidget(self.view, 1)
        self._shown: Path | None = None
        self.encoding_combo.currentIndexChanged.connect(lambda _i: self.reparse())
        self.separator_combo.currentIndexChanged.connect(lambda _i: self.reparse())

    def initializePage(self) -> None:
        # Coming back from a later page keeps the user's choices; another file starts from detection.
        if self._shown != self._wizard.path:
            for combo in (self.encoding_combo, self.separator_combo):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self._shown = self._wizard.path
        self.reparse()

    def reparse(self) -> None:
        """Read the file again with the chosen encoding and separator."""
        wizard = self._wizard
        assert wizard.path is not None
        options = ReadOptions(self.encoding_combo.currentData(), self.separator_combo.currentData())
        try:
            source = SourceFile(wizard.path, options)
            rows = source.preview(self.LIMIT)
            info = source.info()
        except (FileFormatError, OSError, UnicodeError, LookupError) as exc:
            self.detected_label.setText(self.tr("This file cannot be read: %1").replace("%1", str(exc)))
            self.model.set_rows((), ())
            return
        if info.headers != (wizard.info.headers if wizard.info else ()):
            wizard.mapping_page.loaded = False
        wizard.read_options = options
        wizard.info = info
        text_file = info.format == "csv"
        self.encoding_combo.setEnabled(info.format != "xlsx")
        self.separator_combo.setEnabled(text_file)
        if text_file:
            separator = dict(SEPARATORS).get(info.delimiter, info.delimiter)
            detected = self.tr("CSV file, encoding %1, separator %2, %n column(s).", "", len(info.headers))
            detected = detected.replace("%1", info.encoding).replace("%2", separator)
        elif info.format == "xlsx":
            detected = self.tr("Excel workbook, first sheet, %n column(s).", "", len(info.headers))
        else:
            detected = self.tr("vCard file (one contact per card).")
        notes = " ".join(note_text(n) for n in info.notes)
        self.detected_label.setText(f"{detected} {notes}".strip())
        self.model.set_rows(info.headers, rows)


class MappingPage(QWizardPage):
    """Step 3: which field each column goes to (suggested from the headers; saved and loaded as JSON)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.loaded = False
        self.setTitle(self.tr("Match the columns with contact fields"))
        self.setSubTitle(
            self.tr("Suggested from the column names; double-click a field to change it. Unmapped columns are ignored.")
        )
        layout = QVBoxLayout(self)
        self.model = MappingTableModel(self)
        self.model.dataChanged.connect(lambda *_a: self.completeChanged.emit())
        self.model.modelReset.connect(lambda: self.completeChanged.emit())
        self.view = _table(self.model)
        self.view.setItemDelegateForColumn(2, FieldDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 240)
        self.view.setColumnWidth(1, 280)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.load_button = QPushButton(icon("open"), self.tr("Load a mapping…"))
        self.load_button.clicked.connect(self._load)
        self.save_button = QPushButton(icon("save"), self.tr("Save this mapping…"))
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        self.summary = QLabel()
        buttons.addWidget(self.summary)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        if self.loaded:
            return
        wizard = self._wizard
        assert wizard.path is not None and wizard.info is not None
        first = next(iter(SourceFile(wizard.path, wizard.read_options).preview(1)), None)
        samples = list(first.values) if first is not None else []
        target = wizard.target()
        self.model.set_columns(
            wizard.info.headers, samples, suggest_mapping(wizard.info.headers, target), fields_for(target)
        )
        self.loaded = True

    def isComplete(self) -> bool:
        mapped = len(self.model.mapping())
        self.summary.setText(self.tr("%n column(s) imported", "", mapped))
        return mapped > 0

    def apply_options(self, options: ImportOptions) -> None:
        """Use a saved mapping (and its matching choices)."""
        wizard = self._wizard
        assert wizard.info is not None
        samples = [self.model.index(r, 1).data() or "" for r in range(self.model.rowCount())]
        combo = wizard.file_page.target_combo
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(options.target)))
        combo.blockSignals(False)
        self.model.set_columns(wizard.info.headers, samples, options.mapping, fields_for(options.target))
        wizard.options_page.set_choices(options.match, options.on_match)
        self.loaded = True

    def _load(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Load a mapping"), "", self.tr("Mappings (*.json)"))
        if not path:
            return
        try:
            self.apply_options(load_mapping(Path(path)))
        except (OSError, ValueError) as exc:
            show_error(self, self.tr("Load a mapping"), self.tr("This mapping cannot be read."), str(exc))

    def _save(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Save this mapping"), "", self.tr("Mappings (*.json)"))
        if path:
            save_mapping(self._wizard.options(), Path(path))


class OptionsPage(QWizardPage):
    """Step 4: how a row is recognised as a contact already in the workspace, and what happens then."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Contacts already in the workspace"))
        self.setSubTitle(
            self.tr(
                "A row is the same contact as a stored one when this key is equal. "
                "Rows without it are compared by name and organisation."
            )
        )
        form = QFormLayout(self)
        self.match_combo = QComboBox()
        for key in MATCH_KEYS:
            self.match_combo.addItem(match_label(key), key)
        self.on_match_combo = QComboBox()
        for key in ON_MATCH:
            self.on_match_combo.addItem(on_match_label(key), key)
        form.addRow(self.tr("&Matching key:"), self.match_combo)
        form.addRow(self.tr("When a contact &exists:"), self.on_match_combo)
        hint = QLabel(
            self.tr(
                "Empty cells never erase anything. Two rows of the file with the same key are reported, "
                "not imported twice."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.articles_hint = QLabel(self.tr("Articles are matched on their code (case and spaces ignored)."))
        self.articles_hint.setWordWrap(True)
        form.addRow(self.articles_hint)

    def initializePage(self) -> None:
        articles = self._wizard.target() == "articles"
        self.match_combo.setEnabled(not articles)
        self.articles_hint.setVisible(articles)
        self.setTitle(
            self.tr("Articles already in the catalogue") if articles else self.tr("Contacts already in the workspace")
        )

    def set_choices(self, match: str, on_match: str) -> None:
        """Select a matching key and policy."""
        self.match_combo.setCurrentIndex(max(0, self.match_combo.findData(match)))
        self.on_match_combo.setCurrentIndex(max(0, self.on_match_combo.findData(on_match)))


class DryRunPage(QWizardPage):
    """Step 5: what the import would do, row by row, before anything is written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Dry run: nothing has been written yet"))
        self.setSubTitle(
            self.tr("Rows listed here will not be imported: save them, fix them and import that file again.")
        )
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        font = self.counts_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.counts_label.setFont(font)
        layout.addWidget(self.counts_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        layout.addWidget(self.progress)
        self.model = OutcomeTableModel(self)
        self.view = _outcome_table(self.model)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.save_errors_button = QPushButton(icon("save"), self.tr("Save rows in error…"))
        self.save_errors_button.clicked.connect(wizard.save_errors)
        row.addWidget(self.save_errors_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.done = False
        self.job: workers.Worker | None = None

    def initializePage(self) -> None:
        wizard = self._wizard
        self.done = False
        self.completeChanged.emit()
        self.progress.show()
        self.save_errors_button.setEnabled(False)
        self.counts_label.setText(self.tr("Reading the whole file…"))
        self.model.set_outcomes(())
        path, options, service = wizard.path, wizard.options(), wizard.service
        assert path is not None

        def work(report: Any, token: workers.CancelToken) -> ImportResult:
            return service.dry_run(path, options, progress=report, cancelled=lambda: token.cancelled)

        self.job = workers.start(work, on_done=self._done, on_error=self._failed)

    def _done(self, result: ImportResult) -> None:
        self._wizard.dry_result = result
        self.progress.hide()
        notes = " ".join(note_text(n) for n in result.info.notes)
        self.counts_label.setText(f"{counts_text(result, dry=True)} {notes}".strip())
        self.model.set_outcomes(result.outcomes)
        self.save_errors_button.setEnabled(result.errors > 0)
        self.done = True
        self.completeChanged.emit()

    def _failed(self, exc: Exception, details: str) -> None:
        self.progress.hide()
        self.counts_label.setText(self.tr("The file could not be read to the end: %1").replace("%1", str(exc)))

    def isComplete(self) -> bool:
        result = self._wizard.dry_result
        return self.done and result is not None and (result.created + result.updated) > 0


def counts_text(result: ImportResult, *, dry: bool) -> str:
    """ "120 rows: 100 created, 15 updated, 3 skipped, 2 in error." (would be, for a dry run)."""
    if dry:
        text = QCoreApplication.translate(
            "Exchange", "%n row(s) read: %1 to create, %2 to update, %3 to skip, %4 in error.", None, result.rows
        )
    else:
        text = QCoreApplication.translate(
            "Exchange", "%n row(s): %1 created, %2 updated, %3 skipped, %4 in error.", None, result.rows
        )
    text = (
        text.replace("%1", str(result.created))
        .replace("%2", str(result.updated))
        .replace("%3", str(result.skipped))
        .replace("%4", str(result.errors))
    )
    if result.organisations_created:
        text += " " + QCoreApplication.translate(
            "Exchange",
            "%n new organisation(s) created for the people's organisations.",
            None,
            result.organisations_created,
        )
    return text


class RunPage(QWizardPage):
    """Step 6: the import itself, with progress and cancel; then its summary and Undo."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Import"))
        layout = QVBoxLayout(self)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel the import"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.model = OutcomeTableModel(self)
        self.view = _outcome_table(self.model)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(icon("fa6s.rotate-left"), self.tr("Undo this import"))
        self.undo_button.clicked.connect(self.undo)
        self.save_errors_button = QPushButton(icon("save"), self.tr("Save rows in error…"))
        self.save_errors_button.clicked.connect(wizard.save_errors)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_errors_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.finished = False
        self.job: workers.Worker | None = None
        self.undo_result: UndoResult | None = None

    def initializePage(self) -> None:
        wizard = self._wizard
        self.finished = False
        self.undo_button.setEnabled(False)
        self.save_errors_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status_label.setText(self.tr("Importing…"))
        total = wizard.dry_result.rows if wizard.dry_result else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        handle, name = tempfile.mkstemp(prefix="ekocrm-import-errors-", suffix=".csv")
        import os

        os.close(handle)
        wizard.errors_file = Path(name)
        path, options, service, errors_path = wizard.path, wizard.options(), wizard.service, wizard.errors_file
        assert path is not None

        def work(report: Any, token: workers.CancelToken) -> ImportResult:
            return service.run(
                path,
                options,
                errors_path=errors_path,
                progress=report,
                cancelled=lambda: token.cancelled,
                total=total,
                reason=issue_text,
            )

        self.job = workers.start(work, on_done=self._done, on_error=self._failed, on_progress=self._progress)

    def _progress(self, done: int, total: int, step: str) -> None:
        if self.cancel_button.isEnabled():  # else it says "Cancelling…"
            self.status_label.setText(self._step_text(step))
        if step == FINISH_STEP:
            # The last writes, the index rebuild and the commit have no count: a busy bar.
            self.progress.setRange(0, 0)
            return
        if total:
            self.progress.setRange(0, total)
        self.progress.setValue(min(done, self.progress.maximum()))

    def _step_text(self, step: str) -> str:
        if step == FINISH_STEP:
            return self.tr("Finishing: saving the new contacts and building the search indexes…")
        if step == UPDATE_STEP:
            return self.tr("Updating the contacts already there…")
        return self.tr("Importing…")

    def cancel(self) -> None:
        """Ask the running import to stop."""
        if self.job is not None and not self.finished:
            self.job.token.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _done(self, result: ImportResult) -> None:
        self._wizard.result = result
        if self.progress.maximum() == 0:  # busy since FINISH_STEP
            self.progress.setRange(0, max(result.rows, 1))
        if not result.cancelled:  # a cancelled import keeps the bar where it stopped
            self.progress.setValue(self.progress.maximum())
        self.cancel_button.setEnabled(False)
        text = counts_text(result, dry=False)
        if result.cancelled and result.created + result.updated == 0:
            # No counts: a cancel before the commit drops the whole tally ("0 rows" would read as
            # if nothing had been read); the bar shows how far the import got.
            text = self.tr("Import cancelled: nothing was written.")
        elif result.cancelled:
            text = self.tr("Import cancelled. What was written before the cancel can be undone.") + " " + text
        self.status_label.setText(text)
        self.model.set_outcomes(result.outcomes)
        self.undo_button.setEnabled(result.batch_id is not None and (result.created + result.updated) > 0)
        self.save_errors_button.setEnabled(result.errors > 0)
        self.finished = True
        self.completeChanged.emit()

    def _failed(self, exc: Exception, details: str) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)  # no longer busy
        self.finished = True
        self.completeChanged.emit()
        if is_busy_error(exc):
            text = self.tr(
                "Another window or program is writing to this workspace, so nothing was imported. "
                "Import the file again once it is done."
            )
            self.status_label.setText(text)
            show_error(self, self.tr("Import"), text, details)
            return
        self.status_label.setText(self.tr("The import failed; nothing of the failed part was kept."))
        show_error(self, self.tr("Import"), self.tr("The import failed."), details)

    def undo(self) -> None:
        """Undo the import just made."""
        result = self._wizard.result
        if result is None or result.batch_id is None:
            return
        outcome = undo_batch(self, self._wizard.service, result.batch_id)
        if outcome is not None:
            self.undo_result = outcome
            self.undo_button.setEnabled(False)

    def isComplete(self) -> bool:
        return self.finished


def undo_batch(parent: QWidget, service: ImportService, batch_id: Any) -> UndoResult | None:
    """Undo an import after asking; tells what was undone and what was left (changed since)."""
    title = QCoreApplication.translate("Exchange", "Undo this import")
    answer = QMessageBox.question(
        parent,
        title,
        QCoreApplication.translate(
            "Exchange", "Remove the contacts this import created and give the updated ones back their previous values?"
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        outcome = _undo_behind_progress(parent, service, batch_id, title)
    except ImportCancelledError:
        QMessageBox.information(
            parent, title, QCoreApplication.translate("Exchange", "Undo cancelled: nothing was changed.")
        )
        return None
    except Exception as exc:  # shown to the user: a refusal by the server, a lost connection
        message = QCoreApplication.translate("Exchange", "The import could not be undone.")
        show_error(parent, title, message, str(exc))
        return None
    text = QCoreApplication.translate(
        "Exchange", "Import undone: %n contact(s) removed", None, outcome.removed
    ) + QCoreApplication.translate(
        "Exchange", ", %n contact(s) given back their previous values.", None, outcome.restored
    )
    if outcome.records_removed:
        text += " " + QCoreApplication.translate(
            "Exchange", "%n subscription(s) or article(s) removed.", None, outcome.records_removed
        )
    if outcome.records_restored:
        text += " " + QCoreApplication.translate(
            "Exchange", "%n article(s) given back their previous values.", None, outcome.records_restored
        )
    if outcome.trashed:
        text += " " + QCoreApplication.translate(
            "Exchange",
            "%n contact(s) moved to the trash (only an administrator can delete for good).",
            None,
            outcome.trashed,
        )
    if outcome.refused:
        names = ", ".join(r.display_name for r in outcome.refused[:10])
        text += " " + QCoreApplication.translate(
            "Exchange", "%n contact(s) changed since the import were left as they are: %1", None, len(outcome.refused)
        ).replace("%1", names)
    QMessageBox.information(parent, title, text)
    return outcome


def _undo_behind_progress(parent: QWidget, service: ImportService, batch_id: Any, title: str) -> UndoResult:
    """Run the undo in a worker and wait for it behind a progress dialog; return its result or raise its error.

    A big import takes minutes to undo (a million contacts: each deletion goes through every
    table that points at a contact): the window keeps drawing, the bar shows the contacts done,
    and Cancel rolls the whole undo back. The dialog is application-modal: on a local workspace
    the undo holds the write lock until it ends, so nothing else could be saved meanwhile anyway.
    """
    progress = QProgressDialog(
        QCoreApplication.translate("Exchange", "Undoing the import…"),
        QCoreApplication.translate("Exchange", "Cancel"),
        0,
        0,
        parent,
    )
    progress.setObjectName("undoProgress")
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.setMinimumDuration(400)  # a small import's undo ends before the dialog would show
    loop = QEventLoop()
    ended: dict[str, Any] = {}

    def work(report: Any, token: workers.CancelToken) -> UndoResult:
        return service.undo(batch_id, report=report, cancelled=lambda: token.cancelled)

    def done(result: UndoResult) -> None:
        ended["result"] = result
        loop.quit()

    def failed(exc: Exception, _details: str) -> None:
        ended["error"] = exc
        loop.quit()

    def advanced(count: int, total: int, _text: str) -> None:
        if job.token.cancelled:
            return
        progress.setMaximum(total)
        progress.setValue(count)
        progress.setLabelText(
            QCoreApplication.translate("Exchange", "Undoing the import… %1 of %2 contacts")
            .replace("%1", QLocale().toString(count))
            .replace("%2", QLocale().toString(total))
        )

    def cancel() -> None:
        job.token.cancel()
        # The page in progress ends first (a fraction of a second), then everything is rolled back.
        progress.setLabelText(QCoreApplication.translate("Exchange", "Cancelling: putting everything back…"))
        progress.setCancelButton(None)
        progress.setRange(0, 0)  # busy: the rollback has no count

    job = workers.start(work, on_done=done, on_error=failed, on_progress=advanced, expected=(ImportCancelledError,))
    progress.canceled.connect(cancel)
    progress.setValue(0)  # starts the minimum-duration timer
    # A modal dialog's setValue handles pending events: the job may have reported back already.
    if not ended:
        loop.exec()
    progress.close()
    progress.deleteLater()
    if "error" in ended:
        raise ended["error"]  # ImportCancelledError after a cancel
    result: UndoResult = ended["result"]
    return result


class ImportHistoryDialog(QDialog):
    """The imports made in this workspace, each undoable."""

    def __init__(self, service: ImportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Import history"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        self.model = BatchTableModel(self)
        self.view = _table(self.model)
        self.view.setColumnWidth(0, 240)
        self.view.setColumnWidth(1, 140)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = buttons.addButton(self.tr("Undo this import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setIcon(icon("fa6s.rotate-left"))
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the history again."""
        self.model.set_batches(self.service.batches())
        self._update()

    def _selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.batch(rows[0].row()) if rows else None

    def _update(self) -> None:
        batch = self._selected()
        # A batch left "running" by a crash is undoable too: its items were committed with its rows.
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)

    def undo_selected(self) -> None:
        """Undo the selected import."""
        batch = self._selected()
        if batch is not None and undo_batch(self, self.service, batch.id) is not None:
            self.refresh()
