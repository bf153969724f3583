"""A printable sheet of business cards (85.6 × 54 mm, ten to an A4 page), each with the QR code of its vCard."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, HEADER_BACKGROUND, PdfDocument
from ekocrm_desktop.services.cards import BusinessCard, printed_phone, qr_code

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 54 * mm
QR_SIZE = 30 * mm


class BusinessCardFlowable(Flowable):  # type: ignore[misc]
    """One card: name, function, organisation, contact lines on the left; the vCard's QR code on the right."""

    def __init__(self, card: BusinessCard) -> None:
        super().__init__()
        self.card = card

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return CARD_WIDTH, CARD_HEIGHT

    def draw(self) -> None:
        canvas: Canvas = self.canv
        card = self.card
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#90a4ae"))
        canvas.setLineWidth(0.4)
        canvas.roundRect(0, 0, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
        canvas.setFillColor(HEADER_BACKGROUND)
        canvas.rect(0, CARD_HEIGHT - 3 * mm, CARD_WIDTH, 1.2 * mm, stroke=0, fill=1)
        text_width = CARD_WIDTH - QR_SIZE - 10 * mm
        canvas.setFillColor(colors.black)
        size = 11.0
        while size > 7.5 and canvas.stringWidth(card.display_name, FONT_BOLD, size) > text_width:
            size -= 0.5
        canvas.setFont(FONT_BOLD, size)
        y = CARD_HEIGHT - 10 * mm
        canvas.drawString(4 * mm, y, _fit(canvas, card.display_name, FONT_BOLD, size, text_width))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#37474f"))
        for line in (card.job_title, card.organisation):
            if line:
                y -= 4.2 * mm
                canvas.drawString(4 * mm, y, _fit(canvas, line, FONT, 8, text_width))
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, 7)
        lines = [*(printed_phone(p) for p in card.phones[:2]), *card.emails[:2]]
        if card.address is not None:
            lines.append(" ".join(p for p in (card.address.postcode, card.address.city) if p))
        if card.website:
            lines.append(card.website)
        y = 4 * mm + (len(lines) - 1) * 3.4 * mm
        for line in lines:
            canvas.drawString(4 * mm, y, _fit(canvas, line, FONT, 7, text_width))
            y -= 3.4 * mm
        # The vCard as a QR code, drawn module by module (vector, sharp at any print size).
        matrix = list(qr_code(card.vcard).matrix)
        module = QR_SIZE / len(matrix)
        left, bottom = CARD_WIDTH - QR_SIZE - 3 * mm, (CARD_HEIGHT - QR_SIZE) / 2 - 1 * mm
        for row_index, row in enumerate(matrix):
            y = bottom + QR_SIZE - (row_index + 1) * module
            for col_index, value in enumerate(row):
                if value:
                    canvas.rect(left + col_index * module, y, module, module, stroke=0, fill=1)
        canvas.restoreState()


def business_cards_pdf(
    cards: Sequence[BusinessCard],
    target: Path | BinaryIO | None = None,
    *,
    title: str = "Business cards",
    page_label: str = "Page %1 / %2",
) -> bytes:
    """Cards two across and four down on each A4 page (under the running header), with dashed cutting lines."""
    flowables = [BusinessCardFlowable(card) for card in cards]
    rows = [flowables[i : i + 2] + [""] * (2 - len(flowables[i : i + 2])) for i in range(0, len(flowables), 2)]
    story: list[Flowable] = []
    if rows:
        table = Table(rows, colWidths=[CARD_WIDTH + 4 * mm] * 2, rowHeights=[CARD_HEIGHT + 4 * mm] * len(rows))
        table.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cfd8dc"), None, (2, 2)),
                ]
            )
        )
        story.append(table)
    return PdfDocument(title=title, page_label=page_label, margins_mm=10).build(story, target)


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis to fit `width`."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
