"""Icons from one set (qtawesome's Font Awesome 6), sharp at any DPI and tinted by the palette."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtGui import QIcon

NAMES = {
    "contacts": "fa6s.address-book",
    "person": "fa6s.user",
    "organisation": "fa6s.building",
    "new_person": "fa6s.user-plus",
    "new_organisation": "fa6s.building",
    "edit": "fa6s.pen",
    "delete": "fa6s.trash-can",
    "trash": "fa6s.trash-can",
    "restore": "fa6s.trash-arrow-up",
    "purge": "fa6s.eraser",
    "refresh": "fa6s.rotate",
    "settings": "fa6s.gear",
    "workspace": "fa6s.database",
    "switch": "fa6s.right-left",
    "search": "fa6s.magnifying-glass",
    "filter": "fa6s.filter",
    "add": "fa6s.plus",
    "remove": "fa6s.xmark",
    "save": "fa6s.floppy-disk",
    "warning": "fa6s.triangle-exclamation",
    "error": "fa6s.circle-exclamation",
    "info": "fa6s.circle-info",
    "connect": "fa6s.plug",
    "open": "fa6s.folder-open",
    "team": "fa6s.users",
    "copy": "fa6s.copy",
    "key": "fa6s.key",
    "role": "fa6s.user-shield",
    "disable": "fa6s.user-slash",
    "enable": "fa6s.user-check",
    "history": "fa6s.clock-rotate-left",
    "offline": "fa6s.plug-circle-xmark",
    "online": "fa6s.plug-circle-check",
}


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon for a logical name (see NAMES)."""
    options = {"color": color} if color else {}
    return qta.icon(NAMES.get(name, name), **options)
