"""The shared PDF base: embedded font, French figures, repeated table headers, page X of Y."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from pypdf import PdfReader
from reportlab.platypus import Paragraph, Spacer

from ekocrm_desktop.reports.base import Formatter, PdfDocument, data_table, styles


def test_french_formatting_uses_the_right_separators() -> None:
    fr = Formatter()
    assert fr.money(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert fr.number(1234567) == "1\u202f234\u202f567"
    assert fr.number(Decimal("-12.5"), 2) == "-12,50"
    assert fr.percent(0.125, 1) == "12,5\u00a0%"
    assert fr.date(dt.date(2026, 3, 14), "full") == "samedi 14 mars 2026"
    assert fr.date(dt.date(2026, 3, 14)) == "14/03/2026"
    assert fr.datetime(dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)) == "01/07/2026 10:30"


def test_a_long_table_repeats_its_header_and_pages_are_numbered() -> None:
    sheet = styles()
    fr = Formatter()
    rows = [["Nom", "Ville", "Montant"]] + [
        [f"Hélène Lefèvre {i}", "Saint-Étienne", fr.money(Decimal(i) * Decimal("1234.5"))] for i in range(400)
    ]
    story = [Paragraph("Rapport d'activité", sheet["Title"]), Spacer(1, 6), data_table(rows, right_columns=[2])]
    pdf = PdfDocument(title="Rapport", organisation="Les Amis du Patrimoine", page_label="Page %1 sur %2").build(story)
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages > 3
    assert reader.metadata is not None and reader.metadata.title == "Rapport"
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Nom" in text and "Montant" in text  # the header row on every page
        assert f"Page {number} sur {pages}" in text
    # The embedded font has the narrow no-break space: no black box, the real character.
    assert "1\u202f234,50" in reader.pages[0].extract_text()
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts
    first_fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("DejaVu" in str(first_fonts[key].get_object()["/BaseFont"]) for key in first_fonts)
