"""Membership documents: receipts (one page each), member cards (credit-card size, ten to an A4
sheet, with a QR code), and the renewal reminder letters.

The services hand over DTOs; the UI hands over the labels already translated (this layer has no
translations of its own: the defaults below are English and for the command line).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import segno
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, HEADER_BACKGROUND, Formatter, PdfDocument, styles
from ekocrm_desktop.reports.letters import Letter, letters_pdf, paragraphs
from ekocrm_desktop.services.membership import CardData, Organisation, ReceiptData, ReminderMessage

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 54 * mm


# ---------------------------------------------------------------------------- receipts
@dataclasses.dataclass(frozen=True)
class ReceiptLabels:
    """Translated texts of a receipt (%1, %2... are filled in)."""

    document_title: str = "Membership receipts"
    title: str = "Membership receipt"
    number: str = "No. %1"
    #: %1 member, %2 amount, %3 membership type, %4 period start, %5 period end.
    statement: str = (
        "We acknowledge receipt from %1 of the sum of %2 as the membership fee “%3” for the period from %4 to %5."
    )
    membership: str = "Membership"
    period: str = "Period"
    period_value: str = "%1 to %2"
    amount: str = "Amount"
    paid_on: str = "Paid on"
    method: str = "Payment method"
    issued: str = "Issued in %1 on %2"
    issued_no_city: str = "Issued on %1"
    cancelled: str = "CANCELLED"
    page: str = "Page %1 of %2"
    methods: Mapping[str, str] = dataclasses.field(default_factory=dict)


def receipts_pdf(
    receipts: Sequence[ReceiptData],
    target: Path | BinaryIO | None = None,
    *,
    labels: ReceiptLabels = ReceiptLabels(),
    issued_on: dt.date,
    fmt: Formatter | None = None,
) -> bytes:
    """One page per receipt."""
    fmt = fmt or Formatter()
    sheet = styles()
    organisation = receipts[0].organisation if receipts else Organisation("", (), "", "")
    story: list[Flowable] = []
    for index, receipt in enumerate(receipts):
        if index:
            story.append(PageBreak())
        org = receipt.organisation
        head = Table(
            [
                [
                    Paragraph(
                        f"<b>{_e(org.name)}</b><br/>" + "<br/>".join(_e(x) for x in org.address_lines), sheet["Body"]
                    ),
                    Paragraph(
                        f"<b>{_e(labels.title)}</b><br/>{_e(labels.number.replace('%1', receipt.number))}",
                        sheet["Heading"],
                    ),
                ]
            ],
            colWidths=[95 * mm, 85 * mm],
        )
        head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
        story += [head, Spacer(1, 10 * mm)]
        address = Paragraph("<br/>".join(_e(x) for x in receipt.member.address_lines), sheet["Body"])
        story += [Table([["", address]], colWidths=[95 * mm, 85 * mm]), Spacer(1, 12 * mm)]
        statement = (
            labels.statement.replace("%1", receipt.member.display_name)
            .replace("%2", fmt.money(receipt.amount, receipt.currency))
            .replace("%3", receipt.type_name)
            .replace("%4", fmt.date(receipt.period_start, "long"))
            .replace("%5", fmt.date(receipt.period_end, "long"))
        )
        story += paragraphs(statement, sheet["Body"])
        story.append(Spacer(1, 6 * mm))
        method = labels.methods.get(receipt.payment_method, receipt.payment_method)
        rows = [
            [labels.membership, receipt.type_name],
            [
                labels.period,
                labels.period_value.replace("%1", fmt.date(receipt.period_start)).replace(
                    "%2", fmt.date(receipt.period_end)
                ),
            ],
            [labels.amount, fmt.money(receipt.amount, receipt.currency)],
            [labels.paid_on, fmt.date(receipt.paid_on)],
            [labels.method, method],
        ]
        details = Table(rows, colWidths=[50 * mm, 100 * mm])
        details.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 10),
                    ("FONT", (0, 0), (0, -1), FONT_BOLD, 10),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0bec5")),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story += [details, Spacer(1, 12 * mm)]
        when = fmt.date(issued_on, "long")
        if org.city:
            issued = labels.issued.replace("%1", org.city).replace("%2", when)
        else:
            issued = labels.issued_no_city.replace("%1", when)
        story.append(Paragraph(_e(issued), sheet["Body"]))
        if org.signatory:
            story += [Spacer(1, 4 * mm), *paragraphs(org.signatory, sheet["Body"])]
        if receipt.cancelled:
            story.append(_Stamp(labels.cancelled))
    document = PdfDocument(
        title=labels.document_title,
        organisation=organisation.name,
        page_label=labels.page,
        margins_mm=15,
    )
    return document.build(story, target)


class _Stamp(Flowable):  # type: ignore[misc]
    """A red diagonal stamp across the page (a cancelled receipt)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        # Flowables draw from where they stand on the page: go back to the page's corner.
        x, y = canvas.absolutePosition(0, 0)
        canvas.translate(-x, -y)
        width, height = canvas._pagesize
        canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.3))
        canvas.setFont(FONT_BOLD, 64)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(30)
        canvas.drawCentredString(0, 0, self.text)
        canvas.restoreState()


# ---------------------------------------------------------------------------- cards
@dataclasses.dataclass(frozen=True)
class CardLabels:
    """Translated texts of a member card."""

    document_title: str = "Member cards"
    title: str = "MEMBER CARD"
    valid_until: str = "Valid until %1"
    member_since: str = "Member since %1"
    page: str = "Page %1 of %2"
    categories: Mapping[str, str] = dataclasses.field(default_factory=dict)


class MemberCard(Flowable):  # type: ignore[misc]
    """One card, 85.6 × 54 mm, with a QR code naming the member and the validity."""

    def __init__(self, card: CardData, labels: CardLabels, fmt: Formatter) -> None:
        super().__init__()
        self.card = card
        self.labels = labels
        self.fmt = fmt

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return CARD_WIDTH, CARD_HEIGHT

    def draw(self) -> None:
        canvas: Canvas = self.canv
        card = self.card
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#90a4ae"))
        canvas.setLineWidth(0.4)
        canvas.roundRect(0, 0, CARD_WIDTH, CARD_HEIGHT, 3 * mm)
        # Band with the organisation's name.
        band = 12 * mm
        path = canvas.beginPath()
        path.roundRect(0, CARD_HEIGHT - band, CARD_WIDTH, band, 3 * mm)
        canvas.setFillColor(HEADER_BACKGROUND)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.rect(0, CARD_HEIGHT - band, CARD_WIDTH, band / 2, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(FONT_BOLD, 9)
        canvas.drawString(4 * mm, CARD_HEIGHT - 5.2 * mm, _fit(canvas, card.organisation.name, FONT_BOLD, 9, 76 * mm))
        canvas.setFont(FONT, 6.5)
        year = card.valid_until.year
        canvas.drawString(4 * mm, CARD_HEIGHT - 9.5 * mm, f"{self.labels.title} {year}")
        # Member.
        canvas.setFillColor(colors.black)
        size = 11.0
        while size > 7.5 and canvas.stringWidth(card.member_name, FONT_BOLD, size) > 52 * mm:
            size -= 0.5
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(4 * mm, CARD_HEIGHT - 20 * mm, _fit(canvas, card.member_name, FONT_BOLD, size, 52 * mm))
        canvas.setFont(FONT, 8)
        category = self.labels.categories.get(card.category, card.category)
        kind = card.type_name if not category or category in card.type_name else f"{card.type_name} · {category}"
        canvas.drawString(4 * mm, CARD_HEIGHT - 25 * mm, _fit(canvas, kind, FONT, 8, 52 * mm))
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawString(4 * mm, 11 * mm, self.labels.valid_until.replace("%1", self.fmt.date(card.valid_until)))
        if card.member_since is not None:
            canvas.setFont(FONT, 7)
            canvas.setFillColor(colors.HexColor("#455a64"))
            canvas.drawString(4 * mm, 6.5 * mm, self.labels.member_since.replace("%1", str(card.member_since.year)))
        # QR code: drawn module by module (vector, sharp at any print size).
        qr = segno.make(f"EKOCRM:MEMBER:{card.party_id}:{card.valid_until.isoformat()}", error="m")
        matrix = list(qr.matrix)
        size = 24 * mm
        module = size / len(matrix)
        left, bottom = CARD_WIDTH - size - 4 * mm, 4 * mm
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(matrix):
            y = bottom + size - (row_index + 1) * module
            for col_index, value in enumerate(row):
                if value:
                    canvas.rect(left + col_index * module, y, module, module, stroke=0, fill=1)
        canvas.restoreState()


def cards_pdf(
    cards: Sequence[CardData],
    target: Path | BinaryIO | None = None,
    *,
    labels: CardLabels = CardLabels(),
    fmt: Formatter | None = None,
) -> bytes:
    """Cards two across and five down on A4, with dashed cutting lines."""
    fmt = fmt or Formatter()
    flowables = [MemberCard(card, labels, fmt) for card in cards]
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
    organisation = cards[0].organisation.name if cards else ""
    document = PdfDocument(
        title=labels.document_title, organisation=organisation, page_label=labels.page, margins_mm=10
    )
    return document.build(story, target)


# ---------------------------------------------------------------------------- reminder letters
@dataclasses.dataclass(frozen=True)
class LetterLabels:
    """Translated texts around a letter."""

    document_title: str = "Membership reminders"
    #: %1 city, %2 date.
    place_and_date: str = "%1, %2"
    reference: str = "%1 · %2"


def reminder_letters_pdf(
    messages: Sequence[ReminderMessage],
    organisation: Organisation,
    target: Path | BinaryIO | None = None,
    *,
    today: dt.date,
    labels: LetterLabels = LetterLabels(),
    fmt: Formatter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """One letter per reminder, addressed for a window envelope."""
    fmt = fmt or Formatter()
    when = fmt.date(today, "long")
    place = labels.place_and_date.replace("%1", organisation.city).replace("%2", when) if organisation.city else when
    letters = [
        Letter(
            sender_name=organisation.name,
            sender_lines=organisation.address_lines,
            recipient_lines=message.reminder.recipient.address_lines,
            place_and_date=place,
            subject=message.subject,
            body=message.body,
            signature=organisation.signatory,
            reference=labels.reference.replace("%1", message.reminder.rule_name).replace(
                "%2", message.reminder.recipient.display_name
            ),
        )
        for message in messages
    ]
    return letters_pdf(letters, target, title=labels.document_title, author=organisation.name, progress=progress)


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis to fit `width`."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
