"""The contact sheet: everything about one person or organisation on a few pages, for a meeting."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ekocrm_desktop.reports.activity import clip, deal_rows
from ekocrm_desktop.reports.base import Formatter, PdfDocument, data_table, styles
from ekocrm_desktop.reports.common import Labels, chunked_tables, cover, esc, pairs_table
from ekocrm_desktop.services.reporting import ContactSheetData


def contact_sheet_pdf(
    data: ContactSheetData,
    target: Path | BinaryIO | None = None,
    *,
    labels: Mapping[str, str] | None = None,
    fmt: Formatter | None = None,
) -> bytes:
    """Lay out one party's contact sheet."""
    fmt = fmt or Formatter()
    lab = Labels(labels)
    sheet = styles()
    story: list[Flowable] = cover(data.header, lab["contact.title"], lab, fmt, sheet, subject=data.display_name)

    def section(key: str) -> None:
        story.extend([CondPageBreak(25 * mm), Paragraph(esc(lab[key]), sheet["Heading"])])

    def pairs(rows: list[list[str]]) -> None:
        if rows:
            story.append(pairs_table(rows))
        else:
            story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    section("identity")
    identity = [[lab["type"], lab.code("kind", data.kind)]]
    if data.civility:
        identity.append([lab["identity"], f"{data.civility} {data.display_name}"])
    if data.job_title:
        identity.append([lab["job_title"], data.job_title])
    if data.birth_date:
        identity.append([lab["birth_date"], fmt.date(data.birth_date, "long")])
    if data.website:
        identity.append([lab["website"], data.website])
    if data.groups:
        identity.append([lab["groups"], clip(", ".join(data.groups), 135)])
    pairs(identity)
    if data.notes:
        story.append(Paragraph(esc(data.notes).replace("\n", "<br/>"), sheet["Body"]))

    section("contact_points")
    points = [[lab.code("label", label) + " · " + lab["email"], value] for value, label in data.emails]
    points += [[lab.code("label", label) + " · " + lab["phone"], value] for value, label in data.phones]
    points += [[lab.code("label", label) + " · " + lab["address"], clip(value, 135)] for value, label in data.addresses]
    pairs(points)

    section("roles")
    if data.roles:
        story.append(
            data_table(
                [[lab["role"], lab["since"], lab["until"], lab["status"], lab["category"]]]
                + [
                    [lab.code("role", r[0]), fmt.date(r[1]), fmt.date(r[2]) if r[2] else "", r[3], r[4]]
                    for r in data.roles
                ],
                [40 * mm, 25 * mm, 25 * mm, 45 * mm, 45 * mm],
            )
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    links = data.organisations or data.people
    section("organisations" if data.kind == "person" else "members_of_org")
    if links:
        story += chunked_tables(
            [lab["organisations"] if data.kind == "person" else lab["people"], lab["function"]],
            [[clip(n, 100), clip(f, 80)] for n, f in links],
            [100 * mm, 80 * mm],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    section("membership")
    # Someone who never was a member gets "None." rather than a "not a member" status line.
    member = [] if data.dues_status == "none" else [[lab["status"], lab.code("status", data.dues_status)]]
    if data.paid_until:
        member.append([lab["paid_until"], fmt.date(data.paid_until, "long")])
    pairs(member)
    if data.subscriptions:
        story += chunked_tables(
            [lab["receipt_no"], lab["paid_on"], lab["membership_type"], lab["amount"]],
            [
                [s.number, fmt.date(s.paid_on), clip(s.type_name, 80), fmt.money(s.amount, s.currency)]
                for s in data.subscriptions
            ],
            [30 * mm, 30 * mm, 80 * mm, 40 * mm],
            right_columns=(3,),
        )

    section("deals")
    if data.deals:
        story += chunked_tables(
            [lab["date"], lab["deal"], lab["client"], lab["owner"], lab["stage"], lab["amount"]],
            deal_rows(data.deals, lab, fmt),
            [20 * mm, 50 * mm, 36 * mm, 28 * mm, 22 * mm, 24 * mm],
            right_columns=(5,),
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))

    tz = fmt._tz()
    section("tasks")
    if data.tasks:
        story += chunked_tables(
            [lab["due"], lab["subject"], lab["collaborator"], lab["status"]],
            [
                [
                    fmt.datetime(t.due_at) if t.due_at else "",
                    clip(t.subject, 90),
                    clip(t.owner, 40),
                    lab.code("task_status", t.status),
                ]
                for t in data.tasks
            ],
            [30 * mm, 90 * mm, 40 * mm, 20 * mm],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))
    section("activities")
    if data.activities:
        story += chunked_tables(
            [lab["date"], lab["type"], lab["subject"], lab["collaborator"]],
            [
                [
                    fmt.date(a.occurred_at.astimezone(tz).date()),
                    lab.code("type", a.type),
                    clip(a.subject, 95),
                    clip(a.owner, 40),
                ]
                for a in data.activities
            ],
            [20 * mm, 25 * mm, 95 * mm, 40 * mm],
        )
    else:
        story.append(Paragraph(esc(lab["none"]), sheet["Body"]))
    document = PdfDocument(
        title=f"{lab['contact.title']} · {data.display_name}",
        author=data.header.requested_by,
        organisation=data.header.organisation,
        header=f"{lab['contact.title']} · {data.display_name}",
        page_label=lab["page"],
    )
    return document.build(story, target)
