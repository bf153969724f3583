"""The pipeline report: open deals by stage and by owner with the weighted forecast, and the deals
won and lost in a period with the reasons for losing them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ekocrm_desktop.reports.activity import clip, deal_rows
from ekocrm_desktop.reports.base import Formatter, PdfDocument, styles
from ekocrm_desktop.reports.common import Labels, chunked_tables, cover, esc, head_cells, period_text
from ekocrm_desktop.services.reporting import PipelineReportData, StageFigures


def _figure_rows(rows: tuple[StageFigures, ...], lab: Labels, fmt: Formatter, currency: str) -> list[list[str]]:
    return [
        [
            clip(r.name or lab["unassigned"], 70),
            fmt.number(r.count),
            fmt.money(r.amount, currency),
            fmt.money(r.weighted, currency),
        ]
        for r in rows
    ]


def pipeline_pdf(
    data: PipelineReportData,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
) -> bytes:
    """Lay out the pipeline report."""
    fmt = fmt or Formatter()
    lab = Labels(labels)
    sheet = styles()
    cur = data.currency
    story: list[Flowable] = cover(data.header, lab["pipeline.title"], lab, fmt, sheet)
    widths = [70 * mm, 25 * mm, 42 * mm, 43 * mm]
    head = head_cells([lab["stage"], lab["deals_count"], lab["amount"], lab["weighted"]])
    total = [lab["total"], fmt.number(data.open_count), fmt.money(data.open_amount, cur), fmt.money(data.weighted, cur)]
    story.append(Paragraph(esc(lab["by_stage"]), sheet["Heading"]))
    story += chunked_tables(
        head, _figure_rows(data.by_stage, lab, fmt, cur), widths, right_columns=(1, 2, 3), total=total
    )
    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["by_owner"]), sheet["Heading"])]
    head = head_cells([lab["owner"], lab["deals_count"], lab["amount"], lab["weighted"]])
    story += chunked_tables(
        head, _figure_rows(data.by_owner, lab, fmt, cur), widths, right_columns=(1, 2, 3), total=total
    )

    deal_head = [lab["date"], lab["deal"], lab["client"], lab["owner"], lab["stage"], lab["amount"]]
    deal_widths = [20 * mm, 50 * mm, 36 * mm, 28 * mm, 22 * mm, 24 * mm]
    for key, deals, amount in (("won", data.won, data.won_amount), ("lost", data.lost, data.lost_amount)):
        story += [CondPageBreak(30 * mm), Paragraph(esc(lab[key]), sheet["Heading"])]
        if deals:
            story += chunked_tables(
                deal_head,
                deal_rows(deals, lab, fmt),
                deal_widths,
                right_columns=(5,),
                total=[lab["total"], fmt.number(len(deals)), "", "", "", fmt.money(amount, cur)],
            )
        else:
            story.append(Paragraph(esc(lab["none"]), sheet["Body"]))
    story += [CondPageBreak(30 * mm), Paragraph(esc(lab["lost_reasons"]), sheet["Heading"])]
    if data.lost_reasons:
        rows = [
            [
                clip(lab.code("lost_reason", r.reason) if r.reason else lab["no_reason"], 90),
                fmt.number(r.count),
                fmt.money(r.amount, cur),
            ]
            for r in data.lost_reasons
        ]
        story += chunked_tables(
            [lab["reason"], lab["deals_count"], lab["amount"]],
            rows,
            [90 * mm, 30 * mm, 45 * mm],
            right_columns=(1, 2),
            total=[lab["total"], fmt.number(sum(r.count for r in data.lost_reasons)), fmt.money(data.lost_amount, cur)],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))
    document = PdfDocument(
        title=lab["pipeline.title"],
        author=data.header.requested_by,
        organisation=data.header.organisation,
        header=f"{lab['pipeline.title']} · {period_text(data.period, lab, fmt)}",
        page_label=lab["page"],
    )
    return document.build(story, target)
