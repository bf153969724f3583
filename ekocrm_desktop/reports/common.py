"""What the activity, pipeline and membership reports and the contact sheet share: their labels,
the cover (organisation, logo, period, who asked), the bar chart per week, and long tables cut
into chunks of 100 rows (one 5,000-row table lays out twice as slow: perf-anchors "Report PDF").

This layer has no translations of its own: `DEFAULT_LABELS` is English (the command line without
a language, and the keys' meaning); the window and the CLI pass the translated mapping.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, Formatter, data_table, register_fonts, styles
from ekocrm_desktop.services.reporting import ACTIVITY_TYPES, Header, Period, WeekCount

#: Rows per table: ReportLab lays out many short tables much faster than one long one.
CHUNK = 100
#: Series colours of the charts (print well in grey too).
PALETTE = (
    "#1e4f7a",
    "#4f8fbf",
    "#8fbfdf",
    "#2e7d32",
    "#81c784",
    "#f9a825",
    "#8d6e63",
    "#b0bec5",
)

DEFAULT_LABELS: dict[str, str] = {
    "page": "Page %1 of %2",
    "activity.title": "Activity report",
    "pipeline.title": "Pipeline report",
    "membership.title": "Membership report",
    "contact.title": "Contact sheet",
    "period": "Period",
    "period.value": "From %1 to %2",
    "previous.value": "Compared with %1 to %2",
    "scope": "Concerning",
    "requested_by": "Requested by",
    "generated": "Generated on",
    "everyone": "Everyone",
    "type": "Type",
    "count": "Count",
    "previous": "Previous period",
    "change": "Change",
    "change_pct": "Change (%)",
    "total": "Total",
    "totals_by_type": "Activities by type",
    "by_collaborator": "Activities by collaborator",
    "collaborator": "Collaborator",
    "unassigned": "Unassigned",
    "per_week": "Activities per week",
    "week_of": "Week of %1",
    "activities_by_day": "Activities by day",
    "time": "Time",
    "subject": "Subject",
    "people": "People",
    "deals": "Deals",
    "no_activity": "No activity in this period.",
    "tasks": "Tasks",
    "tasks.completed": "Completed in the period",
    "tasks.overdue": "Overdue at the end of the period",
    "tasks.open": "Open",
    "deals_won": "Deals won",
    "deals_moved": "Deals moved to another stage",
    "deal": "Deal",
    "client": "Client",
    "owner": "Owner",
    "stage": "Stage",
    "amount": "Amount",
    "date": "Date",
    "none": "None.",
    "by_stage": "Open deals by stage",
    "by_owner": "Open deals by owner",
    "deals_count": "Deals",
    "weighted": "Weighted forecast",
    "won": "Won in the period",
    "lost": "Lost in the period",
    "lost_reasons": "Lost deals by reason",
    "reason": "Reason",
    "no_reason": "(no reason given)",
    "members_grid": "Members by category and dues status",
    "category": "Category",
    "no_category": "(no membership type)",
    "status": "Status",
    "statuses_on": "Dues status on %1",
    "receipts": "Receipts in the period",
    "receipt_no": "Receipt",
    "member": "Member",
    "membership_type": "Membership type",
    "paid_on": "Paid on",
    "method": "Method",
    "by_method": "Receipts by payment method",
    "identity": "Identity",
    "kind.person": "Person",
    "kind.organisation": "Organisation",
    "job_title": "Job title",
    "birth_date": "Birth date",
    "website": "Website",
    "notes": "Notes",
    "contact_points": "Contact points",
    "email": "E-mail",
    "phone": "Phone",
    "address": "Address",
    "roles": "Roles",
    "role": "Role",
    "since": "Since",
    "until": "Until",
    "organisations": "Organisations",
    "function": "Function",
    "members_of_org": "People",
    "activities": "Latest activities",
    "due": "Due",
    "membership": "Membership",
    "paid_until": "Paid until",
    "groups": "Groups",
    "campaign.title": "Campaign report",
    "channel": "Channel",
    "campaign_status": "Status",
    "objective": "Objective",
    "results": "Results",
    "figure": "Figure",
    "rate": "Rate",
    "recipients": "Recipients",
    "sent": "Sent",
    "failed": "Failed",
    "bounced": "Bounced",
    "skipped": "Skipped",
    "to_check": "Interrupted, to check",
    "responded": "People who responded",
    "responses_by_type": "Responses by type",
    "response": "Response",
    "people_count": "People",
    "share": "Share",
    "no_response": "No response recorded yet.",
    "costs": "Costs and budget",
    "budget": "Budget",
    "actual_cost": "Actual cost",
    "budget_left": "Budget left",
    "over_budget": "Over budget by",
    "budget_used": "Budget used",
    "cost_per_response": "Cost per response",
    "revenue": "Revenue (deals won)",
    "net": "Revenue minus cost",
    "steps": "Sends and follow-ups",
    "send": "Send",
    "first_send": "First send",
    "follow_up_n": "Follow-up %1",
    "audience": "Sent to",
    "sent_on": "Sent on",
    "waiting": "Waiting",
    "responses": "Responses",
    "not_sent": "The campaign has not been sent yet.",
    "campaign_deals": "Deals won from the campaign",
}
for _type in ACTIVITY_TYPES:
    DEFAULT_LABELS.setdefault(f"type.{_type}", _type.replace("_", " ").capitalize())
DEFAULT_LABELS.update({"audience.all": "Everyone targeted", "audience.no_response": "Those who did not respond"})
DEFAULT_LABELS.update({"audience.not_paid": "Those who did not pay", "channel.email": "E-mail"})


class Labels:
    """Translated texts by key, English for what the caller left out."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = dict(DEFAULT_LABELS)
        self._values.update(values or {})

    def __getitem__(self, key: str) -> str:
        return self._values.get(key, key)

    def code(self, prefix: str, code: str) -> str:
        """The label of a stored code ("type.call_in"), the code itself when unknown."""
        return self._values.get(f"{prefix}.{code}") or code.replace("_", " ").capitalize()

    def fill(self, key: str, *values: str) -> str:
        """The text with %1, %2... replaced."""
        text = self[key]
        for index, value in enumerate(values, start=1):
            text = text.replace(f"%{index}", value)
        return text


def fit(text: str, width: float, size: float = 8) -> str:
    """Shorten `text` with an ellipsis to fit `width` points in the table font (plain cells lay out
    much faster than wrapping paragraphs)."""
    register_fonts()
    full = stringWidth(text, FONT, size)
    if full <= width:
        return text
    # Start from the proportional cut and step back: one or two measures instead of a search.
    keep = max(0, int(len(text) * width / full))
    while keep and stringWidth(text[:keep] + "…", FONT, size) > width:
        keep -= 1
    return text[:keep].rstrip() + "…"


def head_cells(texts: Sequence[str], right_from: int = 1) -> list[Paragraph]:
    """Header cells that wrap (long translated column names), white on the header colour."""
    sheet = styles()
    left = ParagraphStyle("HeadLeft", parent=sheet["CellBold"], textColor=colors.white)
    right = ParagraphStyle("HeadRight", parent=left, alignment=TA_RIGHT)
    return [Paragraph(esc(t), right if i >= right_from else left) for i, t in enumerate(texts)]


def pairs_table(rows: Sequence[Sequence[str]], widths: Sequence[float] = (45 * mm, 135 * mm)) -> Table:
    """Label / value lines (no header row)."""
    table = Table([list(r) for r in rows], colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 8.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cfd8dc")),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def esc(text: str) -> str:
    """Text safe inside a ReportLab Paragraph."""
    return html.escape(text, quote=False)


def cover(
    header: Header, title: str, labels: Labels, fmt: Formatter, sheet: Any, *, subject: str = ""
) -> list[Flowable]:
    """The first lines: logo and organisation, title, period, who it concerns, who asked and when."""
    story: list[Flowable] = []
    logo = _logo(header.logo or header.logo_path)
    name = Paragraph(f"<b>{esc(header.organisation)}</b>", sheet["Subtitle"]) if header.organisation else Spacer(1, 1)
    if logo is not None:
        # Fixed widths: with no organisation name the second cell is a 1-point spacer, and a
        # column sized from it left the logo a negative width (the report failed).
        top = Table([[logo, name]], colWidths=[45 * mm, 130 * mm])
        top.hAlign = "LEFT"
        top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(top)
    else:
        story.append(name)
    story += [Spacer(1, 4 * mm), Paragraph(esc(title), sheet["Title"])]
    if subject:
        story.append(Paragraph(esc(subject), sheet["Heading"]))
    rows: list[list[str]] = []
    if header.period is not None:
        rows.append(
            [
                labels["period"],
                labels.fill("period.value", fmt.date(header.period.start, "long"), fmt.date(header.period.end, "long")),
            ]
        )
    if header.scope_name:
        rows.append([labels["scope"], header.scope_name])
    rows.append([labels["requested_by"], header.requested_by])
    rows.append([labels["generated"], fmt.datetime(header.generated_at, "medium")])
    info = Table(rows, colWidths=[40 * mm, None])
    info.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.HexColor("#b0bec5")),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    info.hAlign = "LEFT"
    story += [Spacer(1, 2 * mm), info, Spacer(1, 4 * mm)]
    return story


def _logo(source: bytes | str) -> Image | None:
    """The stored image (bytes), else the older path setting; None when there is nothing to print."""
    if isinstance(source, bytes):
        file: Any = io.BytesIO(source)
    elif source and Path(source).is_file():
        file = source
    else:
        return None
    try:
        image = Image(file)
    except (OSError, ValueError):
        return None
    # Keep the aspect ratio inside a 40 × 20 mm box.
    ratio = min(40 * mm / image.imageWidth, 20 * mm / image.imageHeight)
    image.drawWidth = image.imageWidth * ratio
    image.drawHeight = image.imageHeight * ratio
    return image


def chunked_tables(
    header_row: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float] | None = None,
    *,
    right_columns: Sequence[int] = (),
    total: Sequence[Any] | None = None,
) -> list[Flowable]:
    """Tables of at most CHUNK rows, each with the header (so every page starts with it)."""
    out: list[Flowable] = []
    body = list(rows)
    for start in range(0, max(len(body), 1), CHUNK):
        part = [list(header_row), *body[start : start + CHUNK]]
        last = start + CHUNK >= len(body)
        if last and total is not None:
            part.append(list(total))
        out.append(data_table(part, col_widths, right_columns=right_columns, total_row=last and total is not None))
    return out


def week_chart(
    weeks: Sequence[WeekCount],
    labels: Labels,
    fmt: Formatter,
    *,
    width: float = 180 * mm,
    period: Period | None = None,
) -> Drawing:
    """A stacked bar per week, one colour per activity type, with a legend.

    A week cut by the period's start is labelled with the period's first day, not its Monday.
    """
    height = 62 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 60 * mm, height - 20 * mm
    used = [t for t in ACTIVITY_TYPES if any(w.by_type.get(t, 0) for w in weeks)] or [ACTIVITY_TYPES[0]]
    chart.data = [[w.by_type.get(t, 0) for w in weeks] for t in used]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [
        fmt.date(max(w.monday, period.start) if period else w.monday, "dd/MM") for w in weeks
    ]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(weeks) > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(weeks) > 12 else "n"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda value: fmt.number(value)
    chart.barSpacing = 1
    chart.groupSpacing = 4
    for index in range(len(used)):
        chart.bars[index].fillColor = colors.HexColor(PALETTE[index % len(PALETTE)])
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 44 * mm, height - 8 * mm
    legend.fontName = FONT
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 10
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), labels.code("type", t)) for i, t in enumerate(used)
    ]
    drawing.add(legend)
    return drawing


def signed(fmt: Formatter, value: int) -> str:
    """+3, −2, 0 (a real minus sign)."""
    if value > 0:
        return "+" + fmt.number(value)
    if value < 0:
        return "\u2212" + fmt.number(-value)
    return "0"


def change_percent(fmt: Formatter, ratio: float | None) -> str:
    """+25 %, −10 %, or an en dash when there is nothing to compare with."""
    if ratio is None:
        return "\u2013"
    text = fmt.percent(abs(ratio), 1)
    if ratio > 0:
        return "+" + text
    if ratio < 0:
        return "\u2212" + text
    return text


def period_text(period: Period, labels: Labels, fmt: Formatter, key: str = "period.value") -> str:
    """From 01/11/2026 to 30/11/2026."""
    return labels.fill(key, fmt.date(period.start), fmt.date(period.end))
