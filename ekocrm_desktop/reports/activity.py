"""The activity report (8sens' "rapport d'activité"): one collaborator, a team or everyone over a
period, with totals per type compared with the previous period, a bar chart per week, the
activities grouped by day, tasks, and deals won or moved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from ekocrm_desktop.reports.base import Formatter, PdfDocument, data_table, styles
from ekocrm_desktop.reports.common import (
    Labels,
    change_percent,
    chunked_tables,
    cover,
    esc,
    fit,
    head_cells,
    period_text,
    signed,
    week_chart,
)
from ekocrm_desktop.services.reporting import ActivityReportData, DealLine

Progress = Callable[[int, int, str], None]


def clip(text: str, width_mm: float) -> str:
    """Shorten to fit a column `width_mm` wide (less the cell padding)."""
    return fit(text, width_mm * mm - 12)


def deal_rows(deals: tuple[DealLine, ...], labels: Labels, fmt: Formatter) -> list[list[str]]:
    """Deals as table rows."""
    return [
        [
            fmt.date(d.day) if d.day else "",
            clip(d.title, 50),
            clip(d.party, 36),
            clip(d.owner, 28),
            clip(d.stage, 22),
            fmt.money(d.amount, d.currency),
        ]
        for d in deals
    ]


def activity_pdf(
    data: ActivityReportData,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Lay out the activity report; returns the PDF bytes (and writes `target` when given)."""
    fmt = fmt or Formatter()
    lab = Labels(labels)
    sheet = styles()
    story: list[Flowable] = cover(data.header, lab["activity.title"], lab, fmt, sheet)
    story.append(Paragraph(esc(period_text(data.previous_period, lab, fmt, "previous.value")), sheet["Small"]))

    # Totals per type against the previous period.
    story.append(Paragraph(esc(lab["totals_by_type"]), sheet["Heading"]))
    rows = [
        [
            lab.code("type", t.type),
            fmt.number(t.count),
            fmt.number(t.previous),
            signed(fmt, t.change),
            change_percent(fmt, t.change_ratio),
        ]
        for t in data.types
    ]
    total_ratio = None if data.previous_total == 0 else (data.total - data.previous_total) / data.previous_total
    rows.append(
        [
            lab["total"],
            fmt.number(data.total),
            fmt.number(data.previous_total),
            signed(fmt, data.total - data.previous_total),
            change_percent(fmt, total_ratio),
        ]
    )
    story.append(
        data_table(
            [[lab["type"], lab["count"], lab["previous"], lab["change"], lab["change_pct"]], *rows],
            [60 * mm, 28 * mm, 35 * mm, 25 * mm, 32 * mm],
            right_columns=(1, 2, 3, 4),
            total_row=True,
        )
    )

    # Per week.
    story += [CondPageBreak(80 * mm), Paragraph(esc(lab["per_week"]), sheet["Heading"])]
    story.append(week_chart(data.weeks, lab, fmt, period=data.period))

    # Per collaborator: the types that occur, as columns.
    used = [t.type for t in data.types if t.count] or [data.types[0].type]
    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["by_collaborator"]), sheet["Heading"])]
    width = 180 * mm
    first = 45 * mm
    other = (width - first) / (len(used) + 1)
    head = head_cells([lab["collaborator"], *[lab.code("type", t) for t in used], lab["total"]])
    body = [
        [clip(c.name or lab["unassigned"], 45), *[fmt.number(c.by_type[t]) for t in used], fmt.number(c.total)]
        for c in data.collaborators
    ]
    totals = [
        lab["total"],
        *[fmt.number(next(x.count for x in data.types if x.type == t)) for t in used],
        fmt.number(data.total),
    ]
    story += chunked_tables(
        head, body, [first] + [other] * (len(used) + 1), right_columns=tuple(range(1, len(used) + 2)), total=totals
    )

    # Tasks.
    story += [CondPageBreak(30 * mm), Paragraph(esc(lab["tasks"]), sheet["Heading"])]
    story.append(
        data_table(
            [
                [lab["tasks"], lab["count"]],
                [lab["tasks.completed"], fmt.number(data.tasks.completed)],
                [lab["tasks.overdue"], fmt.number(data.tasks.overdue)],
                [lab["tasks.open"], fmt.number(data.tasks.open)],
            ],
            [90 * mm, 30 * mm],
            right_columns=(1,),
        )
    )

    # Deals.
    deal_head = [lab["date"], lab["deal"], lab["client"], lab["owner"], lab["stage"], lab["amount"]]
    deal_widths = [20 * mm, 50 * mm, 36 * mm, 28 * mm, 22 * mm, 24 * mm]
    for key, deals in (("deals_won", data.deals_won), ("deals_moved", data.deals_moved)):
        story += [CondPageBreak(30 * mm), Paragraph(esc(lab[key]), sheet["Heading"])]
        if deals:
            story += chunked_tables(deal_head, deal_rows(deals, lab, fmt), deal_widths, right_columns=(5,))
        else:
            story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    # The activities, day by day.
    story += [CondPageBreak(40 * mm), Paragraph(esc(lab["activities_by_day"]), sheet["Heading"])]
    if not data.activities:
        story.append(Paragraph(esc(lab["no_activity"]), sheet["Body"]))
    tz = fmt._tz()
    head = [lab["time"], lab["type"], lab["subject"], lab["collaborator"], lab["people"], lab["deals"]]
    widths = [13 * mm, 26 * mm, 52 * mm, 28 * mm, 36 * mm, 25 * mm]
    days = groupby(data.activities, key=lambda a: a.occurred_at.astimezone(tz).date())
    for index, (day, items) in enumerate(days):
        if progress is not None and index % 10 == 0:
            progress(index, 0, "layout")
        day_rows = [
            [
                a.occurred_at.astimezone(tz).strftime("%H:%M"),
                lab.code("type", a.type),
                clip(a.subject, 52),
                clip(a.owner, 28),
                clip(", ".join(a.people), 36),
                clip(", ".join(a.deals), 25),
            ]
            for a in items
        ]
        story += [CondPageBreak(25 * mm), Paragraph(esc(fmt.date(day, "full").capitalize()), sheet["Heading2"])]
        story += chunked_tables(head, day_rows, widths)
    story.append(Spacer(1, 2 * mm))
    document = PdfDocument(
        title=lab["activity.title"],
        author=data.header.requested_by,
        organisation=data.header.organisation,
        header=f"{lab['activity.title']} · {data.header.scope_name} · {period_text(data.period, lab, fmt)}",
        page_label=lab["page"],
    )
    return document.build(story, target)
