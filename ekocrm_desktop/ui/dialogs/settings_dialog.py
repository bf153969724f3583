"""Preferences: interface language and the region used to read phone numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ekocrm_desktop.services.preferences import Preferences

REGIONS = ("FR", "BE", "CH", "LU", "MC", "CA", "DE", "ES", "IT", "GB", "US")


class SettingsDialog(QDialog):
    """Edit `Preferences`; `result_preferences()` gives the new values after OK."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem(self.tr("Automatic (system language)"), "auto")
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        form.addRow(self.tr("Interface language"), self.language)
        self.region = QComboBox()
        for code in REGIONS:
            self.region.addItem(code, code)
        self.region.setCurrentIndex(max(0, self.region.findData(preferences.phone_region)))
        form.addRow(self.tr("Phone numbers without a country code are read as"), self.region)
        layout.addLayout(form)
        note = QLabel(self.tr("Changing the language reopens the main window; open forms are kept."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def result_preferences(self) -> Preferences:
        """The preferences as chosen."""
        return Preferences(language=self.language.currentData(), phone_region=self.region.currentData())
