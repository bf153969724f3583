"""Postal letters (mail merge): each recipient's letter starts on a new page, with the address
where a French window envelope (DL, window on the right) shows it, the place and date, the
subject, the text and the signature. Reminder letters and assembly convocations use it.

Letters use the shared fonts and styles of reports.base but not its running header or its
"page X of Y" over the whole file: a batch of 5,000 letters is 5,000 documents to post, so
each page only carries the letter's own reference at its foot.
"""

from __future__ import annotations

import dataclasses
import html
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, register_fonts, styles

#: Where a DL window envelope shows the address, measured from the paper's top-left corner.
WINDOW_LEFT = 100 * mm
WINDOW_TOP = 47 * mm
MARGIN = 20 * mm
HEAD_HEIGHT = 68 * mm

Progress = Callable[[int, int], None]


@dataclasses.dataclass(frozen=True)
class Letter:
    """One letter, every text already merged and translated."""

    sender_name: str
    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    place_and_date: str
    subject: str
    body: str
    signature: str = ""
    #: Printed small at the foot of each page of this letter (a reference, the member's name).
    reference: str = ""


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """Plain text as paragraphs: a blank line separates paragraphs, a single line break stays."""
    result: list[Flowable] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        block = block.strip("\n")
        if not block.strip():
            continue
        markup = "<br/>".join(html.escape(line, quote=False) for line in block.split("\n"))
        result.append(Paragraph(markup, style))
    return result


class LetterHead(Flowable):  # type: ignore[misc]
    """The sender at the top left and the recipient in the envelope window (first flowable of a page)."""

    def __init__(self, letter: Letter) -> None:
        super().__init__()
        self.letter = letter

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, HEAD_HEIGHT

    def draw(self) -> None:
        canvas: Canvas = self.canv
        top = HEAD_HEIGHT
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(0, top - 11, self.letter.sender_name)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.HexColor("#37474f"))
        y = top - 23
        for line in self.letter.sender_lines[:6]:
            canvas.drawString(0, y, line)
            y -= 11
        canvas.setFillColor(colors.black)
        # This flowable starts at the top margin; the window is measured from the paper's edge.
        x = WINDOW_LEFT - MARGIN
        y = top - (WINDOW_TOP - MARGIN) - 11
        for index, line in enumerate(self.letter.recipient_lines[:7]):
            canvas.setFont(FONT_BOLD if index == 0 else FONT, 10.5)
            canvas.drawString(x, y, line)
            y -= 13.5


class SharedLayout:
    """Flowables that are the same in every letter (an agenda, a proxy form), laid out once.

    The first letter draws them into a PDF form (XObject); every other letter places that form:
    5,000 convocations lay out one agenda, not 5,000, and the file stores it once. Each letter
    takes its own `block()` (platypus keeps per-placement state on a flowable).
    """

    def __init__(self, key: str, flowables: Sequence[Flowable]) -> None:
        self.key = key
        self.flowables = list(flowables)
        self.size: tuple[float, float] | None = None
        self.placed: list[tuple[Flowable, float, float]] = []

    def layout(self, width: float, canvas: Canvas) -> tuple[float, float]:
        """Lay the flowables out for `width` (once)."""
        if self.size is None or self.size[0] != width:
            self.placed = []
            y = 0.0
            for flowable in self.flowables:
                flowable.canv = canvas  # some flowables (lists) measure with the canvas
                _w, h = flowable.wrap(width, 10_000)
                y += flowable.getSpaceBefore()
                self.placed.append((flowable, y, h))
                y += h + flowable.getSpaceAfter()
            self.size = (width, y)
        return self.size

    def block(self) -> SharedBlock:
        """A flowable placing the shared layout (kept in one piece: it moves to the next page rather than split)."""
        return SharedBlock(self)


class SharedBlock(Flowable):  # type: ignore[misc]
    """One placement of a `SharedLayout`."""

    def __init__(self, shared: SharedLayout) -> None:
        super().__init__()
        self.shared = shared

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width, self.height = self.shared.layout(available_width, self.canv)
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        shared = self.shared
        width, height = self.width, self.height
        if not canvas.hasForm(shared.key):
            canvas.beginForm(shared.key, lowerx=0, lowery=0, upperx=width, uppery=height)
            for flowable, top, h in shared.placed:
                flowable.drawOn(canvas, 0, height - top - h)
            canvas.endForm()
        canvas.doForm(shared.key)


class _Marker(Flowable):  # type: ignore[misc]
    """Zero-size: records, when drawn, which letter the current page belongs to."""

    def __init__(self, state: dict[str, Any], letter: Letter) -> None:
        super().__init__()
        self.state = state
        self.letter = letter

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["letter"] = self.letter


def letter_styles() -> StyleSheet1:
    """The shared styles plus the letter's own."""
    register_fonts()
    sheet = styles()
    body = sheet["Body"]
    sheet.add(ParagraphStyle("LetterBody", parent=body, fontSize=10.5, leading=14.5, spaceAfter=7))
    sheet.add(ParagraphStyle("LetterDate", parent=body, fontSize=10.5, leading=14, leftIndent=WINDOW_LEFT - MARGIN))
    sheet.add(
        ParagraphStyle(
            "LetterSubject", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=12, spaceAfter=12
        )
    )
    sheet.add(
        ParagraphStyle("LetterSignature", parent=body, fontSize=10.5, leading=14, leftIndent=WINDOW_LEFT - MARGIN)
    )
    sheet.add(ParagraphStyle("LetterSmall", parent=body, fontSize=8.5, leading=11))
    return sheet


def letters_pdf(
    letters: Sequence[Letter],
    target: Path | BinaryIO | None = None,
    *,
    title: str,
    author: str = "",
    extra: Callable[[int, Letter, StyleSheet1], Sequence[Flowable]] | None = None,
    after: Callable[[int, Letter, StyleSheet1], Sequence[Flowable]] | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Lay out the letters, each from a new page. `extra(i, letter, styles)` adds flowables
    after a letter's text (an agenda), `after(...)` after its signature (a form to return).
    Returns the PDF bytes (also written to `target` when given)."""
    sheet = letter_styles()
    state: dict[str, Any] = {"letter": None}
    story: list[Flowable] = []
    total = len(letters)
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story.append(_Marker(state, letter))
        story.append(LetterHead(letter))
        story.append(Paragraph(html.escape(letter.place_and_date), sheet["LetterDate"]))
        if letter.subject:
            story.append(Paragraph(html.escape(letter.subject), sheet["LetterSubject"]))
        story.extend(paragraphs(letter.body, sheet["LetterBody"]))
        if extra is not None:
            story.extend(extra(index, letter, sheet))
        if letter.signature:
            story.append(CondPageBreak(28 * mm))
            story.append(Spacer(1, 6 * mm))
            story.append(KeepTogether(paragraphs(letter.signature, sheet["LetterSignature"])))
        if after is not None:
            story.extend(after(index, letter, sheet))
    if progress is not None:
        progress(0, total)

    def page_end(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        letter = state["letter"]
        if letter is None or not letter.reference:
            return
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#78909c"))
        canvas.drawString(MARGIN, MARGIN - 9 * mm, letter.reference)
        canvas.restoreState()

    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="EkoCRM",
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        document.width,
        document.height,
        id="body",
        leftPadding=0,
        topPadding=0,
        rightPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPageEnd=page_end)])
    document.build(story)
    if progress is not None:
        progress(total, total)
    data = buffer.getvalue()
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    elif target is not None:
        target.write(data)
    return data
