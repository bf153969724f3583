"""The campaign report: one campaign's results (recipients, sent, failed, bounced, responses by
type), its costs against its budget and what it brought (cost per response, deals won, revenue),
and each send and follow-up as its ledger stands."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ekocrm_desktop.reports.activity import clip, deal_rows
from ekocrm_desktop.reports.base import FONT, Formatter, PdfDocument, data_table, styles
from ekocrm_desktop.reports.common import PALETTE, Labels, chunked_tables, cover, esc, head_cells, pairs_table
from ekocrm_desktop.services.reporting import CampaignReportData

#: Response codes in the order the campaigns service lists them.
RESPONSE_ORDER = ("interested", "not_interested", "registered", "attended", "paid", "other")


def _ratio(fmt: Formatter, part: int, whole: int) -> str:
    return fmt.percent(part / whole, 1) if whole else "\u2013"


def _responses_chart(data: CampaignReportData, lab: Labels, fmt: Formatter) -> Drawing:
    """A bar per response type (the counts of the table beside it)."""
    codes = list(RESPONSE_ORDER)
    width, height = 180 * mm, (14 + 7 * len(codes)) * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 8 * mm
    chart.width, chart.height = width - 60 * mm, height - 12 * mm
    chart.data = [[data.results.responses.get(c, 0) for c in reversed(codes)]]
    chart.categoryAxis.categoryNames = [lab.code("response", c) for c in reversed(codes)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max(chart.data[0], default=0)
    if top < 5:
        # Whole people: ticks 0, 1, 2... never 0.5.
        chart.valueAxis.valueMax = max(top, 1)
        chart.valueAxis.valueStep = 1
    chart.valueAxis.labelTextFormat = lambda value: fmt.number(value)
    chart.bars[0].fillColor = colors.HexColor(PALETTE[1])
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def campaign_pdf(
    data: CampaignReportData,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
) -> bytes:
    """Lay out the campaign report."""
    fmt = fmt or Formatter()
    lab = Labels(labels)
    sheet = styles()
    res = data.results
    cur = data.currency
    title = lab["campaign.title"]
    story: list[Flowable] = cover(data.header, title, lab, fmt, sheet, subject=data.name)

    about = [
        [lab["channel"], lab.code("channel", data.channel)],
        [lab["campaign_status"], lab.code("campaign_status", data.status)],
    ]
    if data.objective:
        about.append([lab["objective"], clip(" ".join(data.objective.split()), 130)])
    story += [pairs_table(about)]

    story.append(Paragraph(esc(lab["results"]), sheet["Heading"]))
    attempted = res.sent + res.failed + res.bounced  # a bounced message had been sent first
    rows = [
        [lab["recipients"], fmt.number(res.recipients), ""],
        [lab["sent"], fmt.number(res.sent), ""],
        [lab["failed"], fmt.number(data.failed_only), _ratio(fmt, data.failed_only, attempted)],
        [lab["bounced"], fmt.number(data.bounced), _ratio(fmt, data.bounced, attempted)],
        [lab["skipped"], fmt.number(res.skipped), ""],
        [lab["to_check"], fmt.number(res.to_check), ""],
        [lab["responded"], fmt.number(res.responded), _ratio(fmt, res.responded, res.recipients)],
    ]
    story.append(
        data_table(
            [head_cells([lab["figure"], lab["count"], lab["rate"]]), *rows],
            [95 * mm, 40 * mm, 45 * mm],
            right_columns=(1, 2),
        )
    )

    story += [CondPageBreak(50 * mm), Paragraph(esc(lab["responses_by_type"]), sheet["Heading"])]
    if res.responded:
        counts = [(code, res.responses.get(code, 0)) for code in RESPONSE_ORDER]
        # Shares of the people who responded: one person may give two responses (two sends).
        rows = [
            [lab.code("response", code), fmt.number(count), _ratio(fmt, count, res.responded)] for code, count in counts
        ]
        story.append(
            data_table(
                [head_cells([lab["response"], lab["people_count"], lab["share"]]), *rows],
                [95 * mm, 40 * mm, 45 * mm],
                right_columns=(1, 2),
            )
        )
        story.append(_responses_chart(data, lab, fmt))
    else:
        story.append(Paragraph(esc(lab["no_response"]), sheet["Body"]))

    story += [CondPageBreak(60 * mm), Paragraph(esc(lab["costs"]), sheet["Heading"])]
    left = data.budget_left
    money_rows = [
        [lab["budget"], fmt.money(res.budget, cur)],
        [lab["actual_cost"], fmt.money(res.actual_cost, cur)],
        [lab["over_budget"] if left < 0 else lab["budget_left"], fmt.money(abs(left), cur)],
        [lab["budget_used"], fmt.percent(data.budget_used, 1) if data.budget_used is not None else "\u2013"],
        [
            lab["cost_per_response"],
            fmt.money(res.cost_per_response, cur) if res.cost_per_response is not None else "\u2013",
        ],
        [lab["deals_won"], fmt.number(res.deals_won)],
        [lab["revenue"], fmt.money(res.revenue, cur)],
        [lab["net"], fmt.money(res.revenue - res.actual_cost, cur)],
    ]
    story.append(
        data_table([head_cells([lab["figure"], lab["amount"]]), *money_rows], [95 * mm, 85 * mm], right_columns=(1,))
    )

    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["steps"]), sheet["Heading"])]
    if data.steps:
        step_rows = [
            [
                Paragraph(
                    esc(lab["first_send"] if s.position == 1 else lab.fill("follow_up_n", fmt.number(s.position - 1))),
                    sheet["Cell"],
                ),
                # A wrapping cell: a handful of sends, and the audience's name must read whole.
                Paragraph(esc(lab.code("audience", s.audience)), sheet["Cell"]),
                fmt.date(s.first_sent) if s.first_sent else "\u2013",
                fmt.number(s.sent),
                fmt.number(s.failed),
                fmt.number(s.bounced),
                fmt.number(s.skipped),
                fmt.number(s.waiting),
                fmt.number(s.responses),
            ]
            for s in data.steps
        ]
        total = [
            lab["total"],
            "",
            "",
            *(
                fmt.number(sum(getattr(s, name) for s in data.steps))
                for name in ("sent", "failed", "bounced", "skipped", "waiting", "responses")
            ),
        ]
        texts = [
            lab["send"],
            lab["audience"],
            lab["sent_on"],
            *(lab[k] for k in ("sent", "failed", "bounced", "skipped", "waiting", "responses")),
        ]
        # Nine columns: a smaller header keeps "Réponses" and "Envoyés" on one line.
        heads = [
            Paragraph(esc(text), ParagraphStyle("SmallHead", parent=cell.style, fontSize=6.8, leading=8.5))
            for text, cell in zip(texts, head_cells(texts, right_from=3), strict=True)
        ]
        story += chunked_tables(
            heads,
            step_rows,
            [22 * mm, 34 * mm, 21 * mm, 17 * mm, 16 * mm, 17 * mm, 17 * mm, 17 * mm, 19 * mm],
            right_columns=(3, 4, 5, 6, 7, 8),
            total=total,
        )
    else:
        story.append(Paragraph(esc(lab["not_sent"]), sheet["Body"]))

    story += [CondPageBreak(30 * mm), Paragraph(esc(lab["campaign_deals"]), sheet["Heading"])]
    if data.deals:
        story += chunked_tables(
            head_cells([lab["date"], lab["deal"], lab["client"], lab["owner"], lab["stage"], lab["amount"]], 5),
            deal_rows(data.deals, lab, fmt),
            [20 * mm, 50 * mm, 36 * mm, 28 * mm, 22 * mm, 24 * mm],
            right_columns=(5,),
            total=[lab["total"], fmt.number(len(data.deals)), "", "", "", fmt.money(res.revenue, cur)],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    document = PdfDocument(
        title=f"{title} · {data.name}",
        author=data.header.requested_by,
        organisation=data.header.organisation,
        header=f"{title} · {data.name}",
        page_label=lab["page"],
    )
    return document.build(story, target)
