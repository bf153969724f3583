"""The readable side of a personal data export (GDPR Art. 15): every row held, table by table."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from ekocrm_desktop.reports.base import PdfDocument, data_table, styles
from ekocrm_desktop.services.privacy import PersonExport

#: Bookkeeping columns left out of the readable copy (they are in the JSON).
_HIDDEN = frozenset({"search_doc", "search_key", "sort_name", "organisation_key", "city_key", "version"})


def build_person_pdf(
    export: PersonExport,
    target: Path | BinaryIO | None = None,
    *,
    title: str,
    page_label: str = "Page %1 / %2",
    headings: Mapping[str, str] | None = None,
    intro: str = "",
) -> bytes:
    """A PDF listing, per table, each row as "column: value" pairs; `headings` translate table names."""
    sheet = styles()
    headings = headings or {}
    story: list[Flowable] = [
        Paragraph(html.escape(title), sheet["Title"]),
        Paragraph(html.escape(export.display_name), sheet["Subtitle"]),
        Paragraph(html.escape(export.exported_at.isoformat(timespec="seconds")), sheet["Small"]),
    ]
    if intro:
        story += [Spacer(1, 3 * mm), Paragraph(html.escape(intro), sheet["Body"])]
    sections: list[tuple[str, list[dict[str, Any]]]] = list(export.tables.items())
    sections += [(f"linked:{name}", rows) for name, rows in export.linked.items()]
    if export.history:
        sections.append(("record_history", export.history))
    for name, rows in sections:
        label = headings.get(name, name)
        story.append(Paragraph(f"{html.escape(label)} ({len(rows)})", sheet["Heading2"]))
        for number, row in enumerate(rows, start=1):
            cells = [
                [Paragraph(html.escape(str(k)), sheet["CellBold"]), Paragraph(_value(v), sheet["Cell"])]
                for k, v in row.items()
                if k not in _HIDDEN and v not in (None, "", [], {})
            ]
            if cells:
                # The header band numbers the rows of a section (it repeats if a row breaks across pages).
                header = [f"{label} · {number}/{len(rows)}", ""]  # plain text: the table's white header font
                story.append(data_table([header, *cells], col_widths=[45 * mm, 135 * mm]))
                story.append(Spacer(1, 2 * mm))
    if export.looked_after:
        story.append(Paragraph(html.escape(headings.get("looked_after", "looked_after")), sheet["Heading2"]))
        for name, ids in export.looked_after.items():
            story.append(Paragraph(f"{html.escape(name)}: {len(ids)}", sheet["Body"]))
    return PdfDocument(title=title, page_label=page_label).build(story, target)


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return html.escape(text).replace("\n", "<br/>")
