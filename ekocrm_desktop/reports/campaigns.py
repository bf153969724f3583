"""Campaign mail merge on paper (issue 6 B): window-envelope letters (through `reports.letters`)
and sheets of address labels (A4, 3 x 8 labels of 70 x 37 mm, the common office format).

Texts arrive merged and translated: this layer never imports Qt.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, register_fonts
from ekocrm_desktop.reports.letters import Letter, letters_pdf

COLUMNS, ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70 * mm, 37 * mm
PADDING = 6 * mm


def campaign_letters_pdf(letters: Sequence[Letter], target: Path | BinaryIO | None = None, *, title: str) -> bytes:
    """The campaign's letters, one per recipient, address in the envelope window."""
    return letters_pdf(letters, target, title=title)


def labels_pdf(addresses: Sequence[Sequence[str]], target: Path | BinaryIO | None = None, *, title: str) -> bytes:
    """Address labels, first line (the name) in bold; long lines shrink to fit their label."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(title)
    width, height = A4
    left = (width - COLUMNS * LABEL_WIDTH) / 2
    top = height - (height - ROWS * LABEL_HEIGHT) / 2
    per_page = COLUMNS * ROWS
    for index, lines in enumerate(addresses):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        x = left + (slot % COLUMNS) * LABEL_WIDTH + PADDING
        y = top - (slot // COLUMNS) * LABEL_HEIGHT - PADDING - 10
        for number, line in enumerate(list(lines)[:6]):
            font = FONT_BOLD if number == 0 else FONT
            size = 10.0
            while size > 6 and canvas.stringWidth(line, font, size) > LABEL_WIDTH - 2 * PADDING:
                size -= 0.5
            canvas.setFont(font, size)
            canvas.drawString(x, y - number * 12, line)
    canvas.save()
    data = buffer.getvalue()
    if isinstance(target, Path):
        target.write_bytes(data)
    elif target is not None:
        target.write(data)
    return data
