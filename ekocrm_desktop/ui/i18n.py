"""Interface language: French on a French system, English otherwise, or the user's choice.

Source strings are English; `resources/translations/ekocrm_fr.ts` is the French
translation (compiled to `.qm`). Qt's own `qtbase_fr.qm` translates standard buttons.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ekocrm_desktop.ui.resources import translations_dir

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def resolve_language(choice: str | None, system: QLocale | None = None) -> str:
    """ "fr" or "en" for a preference ("auto", "fr", "en")."""
    if choice in ("fr", "en"):
        return choice
    system = system or QLocale.system()
    return "fr" if system.language() == QLocale.Language.French else "en"


def install_translators(app: QCoreApplication, language: str) -> QLocale:
    """Load the translations for `language` ("fr" or "en"), replacing any loaded before."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = (
        QLocale(QLocale.Language.French, QLocale.Country.France)
        if language == "fr"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    if language == "en":
        # Only plural forms: "%n contact(s)" → "1 contact", "3 contacts".
        plurals = QTranslator(app)
        if plurals.load(str(translations_dir() / "ekocrm_en.qm")):
            app.installTranslator(plurals)
            _installed.append(plurals)
    if language == "fr":
        qt = QTranslator(app)
        if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / "ekocrm_fr.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.error("French translation not found in %s", translations_dir())
    return locale
