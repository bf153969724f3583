"""Icons from one set (Font Awesome 6 solid), sharp at any DPI and tinted by the palette.

The font and its character map come from the qtawesome package's data files, but the glyphs
are painted by our own small icon engine: importing qtawesome pulls in qtpy, which imports
nearly every Qt module (OpenGL, data visualisation, ...) and cost a quarter of the start-up.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

_SOLID_FONT = "fontawesome6-solid-webfont-6.7.2.ttf"
_SOLID_CHARMAP = "fontawesome6-solid-webfont-charmap-6.7.2.json"
#: The share of the icon's height the glyph takes (Font Awesome glyphs sit on a square em box).
_GLYPH_SCALE = 0.875

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


def _font_folder() -> Path:
    # find_spec locates the package without importing it (importing is what we avoid).
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the qtawesome package (icon font files) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _solid_font() -> tuple[str, dict[str, str]]:
    """The family name of the loaded Font Awesome solid font and its glyph names."""
    folder = _font_folder()
    font_id = QFontDatabase.addApplicationFont(str(folder / _SOLID_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"the icon font {folder / _SOLID_FONT} could not be loaded")
    charmap = json.loads((folder / _SOLID_CHARMAP).read_text(encoding="utf-8"))
    return families[0], {name: chr(int(code, 16)) for name, code in charmap.items()}


class GlyphIconEngine(QIconEngine):
    """Paints one glyph of the icon font, in a fixed colour or the palette's text colour."""

    def __init__(self, glyph: str, family: str, color: str | None) -> None:
        super().__init__()
        self._glyph = glyph
        self._family = family
        self._color = color

    def _pen(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if self._color:
            return QColor(self._color)
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(self._family)
        font.setPixelSize(max(1, round(_GLYPH_SCALE * rect.height())))
        painter.save()
        painter.setFont(font)
        painter.setPen(self._pen(mode))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self._glyph, self._family, self._color)


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon for a logical name (see NAMES) or a Font Awesome name such as "fa6s.check"."""
    full_name = NAMES.get(name, name)
    prefix, _, glyph_name = full_name.partition(".")
    family, glyphs = _solid_font()
    if prefix != "fa6s" or glyph_name not in glyphs:
        raise KeyError(f"unknown icon {name!r}")
    return QIcon(GlyphIconEngine(glyphs[glyph_name], family, color))
