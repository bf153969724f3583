"""The organisation's logo on report covers: a preview, "Choose…" (a PNG or JPEG file) and
"Remove". The image is stored in the workspace at once (every desk of a team database prints
it); a file that is not a usable image is refused with the reason under the preview, and the
logo already stored stays as it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ekocrm_desktop.services.errors import PermissionDeniedError
from ekocrm_desktop.services.reporting import LogoError, ReportingService
from ekocrm_desktop.ui.icons import icon
from ekocrm_desktop.ui.widgets.repeating import error_label, set_error

PREVIEW_WIDTH, PREVIEW_HEIGHT = 160, 80


class LogoPicker(QWidget):
    """Choose, preview and remove the logo printed on report covers."""

    #: The stored logo changed (its bytes, b"" when removed).
    changed = Signal(bytes)

    def __init__(self, reporting: ReportingService, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("logoPicker")
        self.reporting = reporting
        self.read_only = read_only
        #: Replaced by tests (no file dialog offscreen): returns the chosen path or "".
        self.ask_path: Callable[[], str] = self._ask_path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px dashed #90a4ae; background: white; color: #607d8b;")
        self.preview.setAccessibleName(self.tr("Logo preview"))
        row.addWidget(self.preview)
        buttons = QVBoxLayout()
        self.choose_button = QPushButton(icon("fa6s.image"), self.tr("Choose…"))
        self.choose_button.setObjectName("chooseLogo")
        self.choose_button.setToolTip(self.tr("A PNG or JPEG image of at most 2 MB"))
        self.choose_button.clicked.connect(lambda: self.choose())
        self.clear_button = QPushButton(icon("fa6s.trash-can"), self.tr("Remove"))
        self.clear_button.setObjectName("clearLogo")
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = error_label()
        self.error.setObjectName("logoError")
        layout.addWidget(self.error)
        self.load()

    def load(self) -> None:
        """Show the stored logo."""
        self._show(self.reporting.logo())

    def _show(self, data: bytes) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_WIDTH - 4,
                    PREVIEW_HEIGHT - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.clear()
            self.preview.setText(self.tr("No logo"))
        self.has_logo = bool(data)
        self.choose_button.setEnabled(not self.read_only)
        self.clear_button.setEnabled(bool(data) and not self.read_only)

    def _ask_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        return path

    def choose(self, path: str | None = None) -> bool:
        """Store the image at `path` (asked when not given) as the logo; False when refused."""
        chosen = path if path is not None else self.ask_path()
        if not chosen:
            return False
        try:
            data = self.reporting.set_logo(chosen)
        except LogoError as exc:
            set_error(self.error, self.error_text(exc))
            return False
        except PermissionDeniedError as exc:
            set_error(self.error, self.tr("You may not change the logo: %1").replace("%1", str(exc)))
            return False
        set_error(self.error, "")
        self._show(data)
        self.changed.emit(data)
        return True

    def clear(self) -> None:
        """No logo on the covers any more."""
        try:
            self.reporting.clear_logo()
        except PermissionDeniedError as exc:
            set_error(self.error, self.tr("You may not change the logo: %1").replace("%1", str(exc)))
            return
        set_error(self.error, "")
        self._show(b"")
        self.changed.emit(b"")

    def error_text(self, exc: LogoError) -> str:
        """Why the file was refused, in the user's language."""
        texts = {
            "unreadable": self.tr("“%1” cannot be read."),
            "not_image": self.tr("“%1” is not a PNG or JPEG image: the logo was not changed."),
            "too_large": self.tr("“%1” is larger than 2 MB: choose a smaller image."),
        }
        from pathlib import Path

        return texts.get(exc.code, str(exc)).replace("%1", Path(exc.path).name)
