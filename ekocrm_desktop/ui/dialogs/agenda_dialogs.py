"""Small dialogs of the agenda: "this occurrence or the whole series", the repetition of an
appointment, and the report of an .ics import (what was skipped, and why)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ekocrm_desktop.services.agenda import Recurrence
from ekocrm_desktop.services.ical import IcsImportReport, ImportIssue


class ScopeDialog(QDialog):
    """Asks whether a change to a recurring appointment applies to this occurrence or the whole series."""

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScopeDialog")
        self.setWindowTitle(self.tr("Recurring appointment"))
        self.scope: str | None = None
        layout = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        layout.addWidget(label)
        buttons = QHBoxLayout()
        self.occurrence_button = QPushButton(self.tr("This occurrence only"))
        self.occurrence_button.setObjectName("scopeOccurrence")
        self.series_button = QPushButton(self.tr("The whole series"))
        self.series_button.setObjectName("scopeSeries")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("scopeCancel")
        self.occurrence_button.setDefault(True)
        for button, scope in (
            (self.occurrence_button, "occurrence"),
            (self.series_button, "series"),
            (self.cancel_button, None),
        ):
            button.clicked.connect(lambda _c=False, s=scope: self._choose(s))
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _choose(self, scope: str | None) -> None:
        self.scope = scope
        if scope is None:
            self.reject()
        else:
            self.accept()


class RecurrenceDialog(QDialog):
    """Edits how an appointment repeats: daily, weekly on some days, monthly; until a date or N times."""

    def __init__(self, current: Recurrence | None, start: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecurrenceDialog")
        self.setWindowTitle(self.tr("Repeat"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.frequency = QComboBox()
        self.frequency.setObjectName("recurrenceFrequency")
        self.frequency.addItem(self.tr("Does not repeat"), "")
        self.frequency.addItem(self.tr("Every day"), "daily")
        self.frequency.addItem(self.tr("Every week"), "weekly")
        self.frequency.addItem(self.tr("Every month"), "monthly")
        form.addRow(self.tr("Repeat"), self.frequency)
        self.interval = QSpinBox()
        self.interval.setObjectName("recurrenceInterval")
        self.interval.setRange(1, 99)
        form.addRow(self.tr("Every (days, weeks or months)"), self.interval)
        days = QHBoxLayout()
        self.days: list[QCheckBox] = []
        locale = self.locale()
        for weekday in range(7):
            box = QCheckBox(locale.dayName(weekday + 1, locale.FormatType.ShortFormat))
            box.setObjectName(f"recurrenceDay{weekday}")
            self.days.append(box)
            days.addWidget(box)
        self.days_row = QWidget()
        self.days_row.setLayout(days)
        days.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("On"), self.days_row)
        self.never = QRadioButton(self.tr("Never ends"))
        self.never.setObjectName("recurrenceNever")
        self.after = QRadioButton(self.tr("After"))
        self.after.setObjectName("recurrenceAfter")
        self.count = QSpinBox()
        self.count.setObjectName("recurrenceCount")
        self.count.setRange(1, 5000)
        self.count.setSuffix(self.tr(" times"))
        self.until_radio = QRadioButton(self.tr("Until"))
        self.until_radio.setObjectName("recurrenceUntilRadio")
        self.until = QDateEdit()
        self.until.setObjectName("recurrenceUntil")
        self.until.setCalendarPopup(True)
        ends = QVBoxLayout()
        ends.addWidget(self.never)
        after_row = QHBoxLayout()
        after_row.addWidget(self.after)
        after_row.addWidget(self.count)
        after_row.addStretch(1)
        ends.addLayout(after_row)
        until_row = QHBoxLayout()
        until_row.addWidget(self.until_radio)
        until_row.addWidget(self.until)
        until_row.addStretch(1)
        ends.addLayout(until_row)
        form.addRow(self.tr("Ends"), ends)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.frequency.currentIndexChanged.connect(lambda _i: self._update())

        self.count.setValue(10)
        later = start + dt.timedelta(days=90)
        self.until.setDate(QDate(later.year, later.month, later.day))
        self.never.setChecked(True)
        self.days[start.weekday()].setChecked(True)
        if current is not None:
            self.frequency.setCurrentIndex(self.frequency.findData(current.frequency))
            self.interval.setValue(current.interval)
            if current.weekdays:
                for index, box in enumerate(self.days):
                    box.setChecked(index in current.weekdays)
            if current.count is not None:
                self.after.setChecked(True)
                self.count.setValue(current.count)
            elif current.until is not None:
                self.until_radio.setChecked(True)
                self.until.setDate(QDate(current.until.year, current.until.month, current.until.day))
        self._update()

    def _update(self) -> None:
        repeats = bool(self.frequency.currentData())
        for widget in (self.interval, self.never, self.after, self.count, self.until_radio, self.until):
            widget.setEnabled(repeats)
        self.days_row.setEnabled(self.frequency.currentData() == "weekly")

    def recurrence(self) -> Recurrence | None:
        """The rule chosen (None: does not repeat)."""
        frequency = self.frequency.currentData()
        if not frequency:
            return None
        weekdays = tuple(i for i, box in enumerate(self.days) if box.isChecked()) if frequency == "weekly" else ()
        count = self.count.value() if self.after.isChecked() else None
        until = self.until.date().toPython() if self.until_radio.isChecked() else None
        return Recurrence(frequency, self.interval.value(), weekdays, count, until)  # type: ignore[arg-type]


class IcsReportDialog(QDialog):
    """What an .ics import did: counts, then every event skipped or changed with its reason."""

    def __init__(self, report: IcsImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("IcsReportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Calendar import"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr("%n appointment(s) created", "", len(report.created))
            + " · "
            + self.tr("%n updated", "", len(report.updated))
            + " · "
            + self.tr("%n skipped", "", len(report.skipped))
        )
        self.summary.setObjectName("icsSummary")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("icsIssues")
        self.table.setHorizontalHeaderLabels([self.tr("Event"), self.tr("What happened"), self.tr("Why")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for issue in report.skipped:
            self._add(issue, self.tr("Skipped"))
        for issue in report.notes:
            self._add(issue, self.tr("Imported with a change"))
        self.table.resizeColumnsToContents()
        if not report.skipped and not report.notes:
            self.table.hide()
            layout.addWidget(QLabel(self.tr("Every event was imported as it was.")))
        else:
            layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _add(self, issue: ImportIssue, what: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = issue.summary or issue.uid or self.tr("(whole file)")
        for column, text in enumerate((name, what, self.reason(issue))):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def reason(self, issue: ImportIssue) -> str:
        """The translated reason of an import issue."""
        reasons = {
            "unreadable_file": self.tr("The file is not an iCalendar file, or nothing in it could be read."),
            "unreadable_event": self.tr("This event could not be read (malformed lines)."),
            "ignored_lines": self.tr("Some lines of this event could not be read and were left out."),
            "no_start": self.tr("The event has no readable start date."),
            "unknown_time_zone": self.tr("Unknown time zone “%1”: the times were read as UTC."),
            "recurrence_frequency": self.tr("It repeats more often than daily: only the first one was imported."),
            "recurrence_count": self.tr("It repeats too many times: only the first one was imported."),
            "recurrence_dense": self.tr("It repeats too often: only the first one was imported."),
            "recurrence_invalid": self.tr("Its repetition rule could not be read: only the first one was imported."),
            "orphan_exception": self.tr("A changed occurrence of a series that is not in the file."),
            "too_many_events": self.tr("The file has too many events: %1 were left out."),
            "cancelled": self.tr("The import was stopped: %1 events were not imported."),
        }
        return reasons.get(issue.code, issue.code).replace("%1", issue.detail)


__all__ = ["IcsReportDialog", "RecurrenceDialog", "ScopeDialog"]
