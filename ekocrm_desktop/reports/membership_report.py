"""The membership report: members by category and dues status on a day, and the receipts of a
period with their totals by payment method."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ekocrm_desktop.reports.activity import clip
from ekocrm_desktop.reports.base import Formatter, PdfDocument, styles
from ekocrm_desktop.reports.common import Labels, chunked_tables, cover, esc, head_cells, period_text
from ekocrm_desktop.services.membership import STATUSES
from ekocrm_desktop.services.reporting import MembershipReportData


def membership_report_pdf(
    data: MembershipReportData,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
) -> bytes:
    """Lay out the membership report."""
    fmt = fmt or Formatter()
    lab = Labels(labels)
    sheet = styles()
    cur = data.currency
    story: list[Flowable] = cover(data.header, lab["membership.title"], lab, fmt, sheet)

    story.append(Paragraph(esc(lab["members_grid"]), sheet["Heading"]))
    story.append(Paragraph(esc(lab.fill("statuses_on", fmt.date(data.today, "long"))), sheet["Small"]))
    statuses = [s for s in STATUSES if data.statuses.get(s)] or [STATUSES[0]]
    categories = sorted({c for c, _s in data.grid}, key=lambda c: (c == "", c))
    first = 40 * mm
    other = (180 * mm - first) / (len(statuses) + 1)
    head = head_cells([lab["category"], *[lab.code("status", s) for s in statuses], lab["total"]])
    rows = []
    for category in categories:
        counts = [data.grid.get((category, s), 0) for s in statuses]
        name = lab.code("category", category) if category else lab["no_category"]
        rows.append([clip(name, 40), *[fmt.number(c) for c in counts], fmt.number(sum(counts))])
    total = [
        lab["total"],
        *[fmt.number(data.statuses.get(s, 0)) for s in statuses],
        fmt.number(sum(data.statuses.values())),
    ]
    story += chunked_tables(
        head,
        rows,
        [first] + [other] * (len(statuses) + 1),
        right_columns=tuple(range(1, len(statuses) + 2)),
        total=total,
    )

    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["by_method"]), sheet["Heading"])]
    method_rows = [
        [lab.code("method", m) if m else "\u2013", fmt.money(v, cur)] for m, v in sorted(data.by_method.items())
    ]
    story += chunked_tables(
        [lab["method"], lab["amount"]],
        method_rows,
        [90 * mm, 45 * mm],
        right_columns=(1,),
        total=[lab["total"], fmt.money(data.receipts_total, cur)],
    )

    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["receipts"]), sheet["Heading"])]
    if data.receipts:
        body = [
            [
                r.number,
                fmt.date(r.paid_on),
                clip(r.member, 50),
                clip(r.type_name, 40),
                clip(lab.code("method", r.method), 24),
                fmt.money(r.amount, r.currency),
            ]
            for r in data.receipts
        ]
        story += chunked_tables(
            head_cells(
                [
                    lab["receipt_no"],
                    lab["paid_on"],
                    lab["member"],
                    lab["membership_type"],
                    lab["method"],
                    lab["amount"],
                ],
                right_from=5,
            ),
            body,
            [22 * mm, 20 * mm, 50 * mm, 40 * mm, 24 * mm, 24 * mm],
            right_columns=(5,),
            total=[
                lab["total"],
                "",
                fmt.number(len(data.receipts)),
                "",
                "",
                fmt.money(sum((r.amount for r in data.receipts), Decimal(0)), cur),
            ],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))
    document = PdfDocument(
        title=lab["membership.title"],
        author=data.header.requested_by,
        organisation=data.header.organisation,
        header=f"{lab['membership.title']} · {period_text(data.period, lab, fmt)}",
        page_label=lab["page"],
    )
    return document.build(story, target)
