"""Everything Qt: the main window, pages, dialogs, item models and workers.

Importing this package first loads the Qt-free core that the window needs at start-up. Once
PySide6 is imported, its import hook reads the source of every module imported after it
(looking for `from __feature__ import ...`): SQLAlchemy, the models and the services loaded
before PySide6 skip that, which saves about a fifth of a second of every start.
"""

import importlib

#: The core modules the main window and a workspace session use as soon as the app starts.
STARTUP_CORE_MODULES = (
    "sqlalchemy.orm",
    "ekocrm_desktop.secrets",
    "ekocrm_desktop.db.database",
    "ekocrm_desktop.db.history",
    "ekocrm_desktop.db.live",
    "ekocrm_desktop.db.migrate",
    "ekocrm_desktop.models",
    "ekocrm_desktop.services.access",
    "ekocrm_desktop.services.activities",
    "ekocrm_desktop.services.agenda",
    "ekocrm_desktop.services.alerts",
    "ekocrm_desktop.services.articles",
    "ekocrm_desktop.services.assemblies",
    "ekocrm_desktop.services.audience",
    "ekocrm_desktop.services.consent",
    "ekocrm_desktop.services.contacts",
    "ekocrm_desktop.services.conversations",
    "ekocrm_desktop.services.deals",
    "ekocrm_desktop.services.domains",
    "ekocrm_desktop.services.duplicates",
    "ekocrm_desktop.services.eml",
    "ekocrm_desktop.services.exporting",
    "ekocrm_desktop.services.groups",
    "ekocrm_desktop.services.history",
    "ekocrm_desktop.services.ical",
    "ekocrm_desktop.services.importing",
    "ekocrm_desktop.services.mailing",
    "ekocrm_desktop.services.membership",
    "ekocrm_desktop.services.merge",
    "ekocrm_desktop.services.news",
    "ekocrm_desktop.services.preferences",
    "ekocrm_desktop.services.privacy",
    "ekocrm_desktop.services.segments",
    "ekocrm_desktop.services.settings_lists",
    "ekocrm_desktop.services.sms",
    "ekocrm_desktop.services.tasks",
    "ekocrm_desktop.services.teams",
    "ekocrm_desktop.services.workspaces",
)

for _name in STARTUP_CORE_MODULES:
    importlib.import_module(_name)
