"""What every PDF the app writes shares: the embedded font, French formatting, styles, and a
page template with the title, the organisation and "page X of Y".

ReportLab's built-in Helvetica has no glyph for U+202F, the French thousands separator: it
prints a black box (ecosystem notes §8). Every PDF therefore embeds DejaVu Sans, shipped in
resources/fonts so Windows and macOS have it too. Numbers, money and dates are formatted with
Babel (this layer never imports Qt).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from ekocrm_desktop.paths import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
#: Quiet colours that print well in grey: headers, zebra rows, rules.
HEADER_BACKGROUND = colors.HexColor("#1e4f7a")
ZEBRA = colors.HexColor("#f1f5f9")
RULE = colors.HexColor("#b0bec5")

_registered = False


def register_fonts() -> None:
    """Register the embedded TTF fonts once per process."""
    global _registered
    if _registered:
        return
    folder = resources_dir() / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    _registered = True


# ---------------------------------------------------------------------------- formatting
class Formatter:
    """Numbers, money, percentages and dates in one locale (French by default)."""

    def __init__(self, locale: str = "fr_FR", timezone: str = "Europe/Paris") -> None:
        self.locale = locale
        self.timezone = timezone

    def number(self, value: int | float | Decimal, decimals: int = 0) -> str:
        """1 234 or 1 234,50 (French uses a narrow no-break space as thousands separator)."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def money(self, value: Decimal | int | float, currency: str = "EUR") -> str:
        """1 234,50 €."""
        return str(format_currency(value, currency, locale=self.locale))

    def percent(self, value: float | Decimal, decimals: int = 0) -> str:
        """12 % for the ratio 0.12."""
        # The locale's own sign placement ("12\u00a0%" in French) around our number.
        suffix = str(format_percent(0, locale=self.locale))[1:]
        return self.number(Decimal(str(value)) * 100, decimals) + suffix

    def date(self, value: dt.date, length: str = "short") -> str:
        """14/03/2026 (short), 14 mars 2026 (long), samedi 14 mars 2026 (full)."""
        return str(format_date(value, format=length, locale=self.locale))

    def datetime(self, value: dt.datetime, length: str = "short") -> str:
        """A UTC datetime shown in the user's time zone."""
        return str(format_datetime(value, format=length, tzinfo=self._tz(), locale=self.locale))

    def _tz(self) -> Any:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)


# ---------------------------------------------------------------------------- styles
def styles() -> StyleSheet1:
    """Paragraph styles on the embedded font."""
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=12.5))
    sheet.add(
        ParagraphStyle("Small", parent=sheet["Body"], fontSize=7.5, leading=9.5, textColor=colors.HexColor("#455a64"))
    )
    sheet.add(ParagraphStyle("Title", fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=6))
    sheet.add(ParagraphStyle("Subtitle", fontName=FONT, fontSize=12, leading=16, textColor=colors.HexColor("#37474f")))
    sheet.add(ParagraphStyle("Heading", fontName=FONT_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=5))
    sheet.add(ParagraphStyle("Heading2", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3))
    sheet.add(ParagraphStyle("Cell", fontName=FONT, fontSize=8, leading=10))
    sheet.add(ParagraphStyle("CellRight", parent=sheet["Cell"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"], fontName=FONT_BOLD))
    return sheet


def data_table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float] | None = None,
    *,
    header_rows: int = 1,
    right_columns: Sequence[int] = (),
    total_row: bool = False,
) -> Table:
    """A table whose header repeats on every page it breaks across, with zebra rows."""
    register_fonts()
    table = Table(list(rows), colWidths=col_widths, repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, 8),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1 if not total_row else -2), [colors.white, ZEBRA]),
    ]
    for column in right_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if total_row:
        commands += [("FONT", (0, -1), (-1, -1), FONT_BOLD, 8), ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
    table.setStyle(TableStyle(commands))
    return table


# ---------------------------------------------------------------------------- document
class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until the end, so each can say "page X of Y"."""

    footer: Callable[[Canvas, int, int], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self.footer is not None:
                self.footer(self, number, total)
            super().showPage()
        super().save()


class PdfDocument:
    """An A4 document with a running header (title, organisation) and "Page X of Y" footer.

    `page_label` is the translated pattern with %1 and %2 ("Page %1 sur %2"); services pass
    the strings in their user's language, this layer has no translations of its own.
    """

    def __init__(
        self,
        *,
        title: str,
        author: str = "",
        organisation: str = "",
        header: str = "",
        page_label: str = "Page %1 / %2",
        margins_mm: float = 15,
    ) -> None:
        register_fonts()
        self.title = title
        self.author = author
        self.organisation = organisation
        self.header = header or title
        self.page_label = page_label
        self.margin = margins_mm * mm

    def _decorate(self, canvas: Canvas, number: int, total: int) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#546e7a"))
        if number > 1:
            canvas.drawString(self.margin, height - self.margin + 4 * mm, self.header)
            canvas.drawRightString(width - self.margin, height - self.margin + 4 * mm, self.organisation)
        canvas.drawRightString(
            width - self.margin,
            self.margin - 7 * mm,
            self.page_label.replace("%1", str(number)).replace("%2", str(total)),
        )
        canvas.setStrokeColor(RULE)
        canvas.line(self.margin, self.margin - 4 * mm, width - self.margin, self.margin - 4 * mm)
        canvas.restoreState()

    def build(self, story: Sequence[Flowable], target: Path | BinaryIO | None = None) -> bytes:
        """Lay out `story`; writes to `target` when given and returns the PDF bytes."""
        buffer = io.BytesIO()
        document = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin + 2 * mm,
            bottomMargin=self.margin,
            title=self.title,
            author=self.author,
            creator="EkoCRM",
        )
        frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, id="body")
        document.addPageTemplates([PageTemplate(id="page", frames=[frame])])

        decorate = self._decorate

        class Numbered(_NumberedCanvas):
            footer = staticmethod(decorate)

        document.build(list(story), canvasmaker=Numbered)
        data = buffer.getvalue()
        if isinstance(target, Path):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        elif target is not None:
            target.write(data)
        return data
