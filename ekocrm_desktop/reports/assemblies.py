"""Assembly documents: convocation letters with the agenda and a proxy form to return, and the
attendance sheet (names, dues, answers, proxies, a signature column, the quorum)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table, TableStyle

from ekocrm_desktop.reports.base import FONT, FONT_BOLD, RULE, Formatter, PdfDocument, data_table, styles
from ekocrm_desktop.reports.letters import Letter, SharedLayout, letters_pdf
from ekocrm_desktop.services.assemblies import AssemblyInfo, AttendanceSheet, Convocation
from ekocrm_desktop.services.membership import Organisation


@dataclasses.dataclass(frozen=True)
class ConvocationLabels:
    """Translated texts around a convocation."""

    document_title: str = "Convocations"
    #: %1 city, %2 date.
    place_and_date: str = "%1, %2"
    subject: str = "Convocation: %1"
    agenda: str = "Agenda"
    proxy_title: str = "PROXY (to return if you cannot attend)"
    #: %1 organisation, %2 assembly title, %3 its date.
    proxy_text: str = (
        "I, the undersigned ______________________________, member of %1, give proxy to "
        "______________________________ to represent me at “%2” on %3 and to vote in my name."
    )
    proxy_signature: str = "Signed at ______________ on ____________      Signature:"


def convocations_pdf(
    convocations: Sequence[Convocation],
    assembly: AssemblyInfo,
    organisation: Organisation,
    target: Path | BinaryIO | None = None,
    *,
    today: dt.date,
    labels: ConvocationLabels = ConvocationLabels(),
    with_proxy_form: bool = True,
    fmt: Formatter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """One convocation letter per invitee, with the agenda and (optionally) a proxy form."""
    fmt = fmt or Formatter()
    when = fmt.date(today, "long")
    place = labels.place_and_date.replace("%1", organisation.city).replace("%2", when) if organisation.city else when
    starts = fmt.date(assembly.draft.starts_at.astimezone().date(), "full")
    letters = [
        Letter(
            sender_name=organisation.name,
            sender_lines=organisation.address_lines,
            recipient_lines=c.recipient.address_lines,
            place_and_date=place,
            subject=labels.subject.replace("%1", assembly.draft.title),
            body=c.body,
            signature=organisation.signatory,
            reference=assembly.draft.title,
        )
        for c in convocations
    ]

    shared: dict[str, SharedLayout] = {}

    def agenda(_index: int, _letter: Letter, sheet: StyleSheet1) -> list[Flowable]:
        if "agenda" in shared:
            return [shared["agenda"].block()]
        flowables: list[Flowable] = []
        if assembly.draft.agenda:
            items = [
                ListItem(
                    Paragraph(
                        f"<b>{_e(item.title)}</b>" + (f"<br/>{_e(item.description)}" if item.description else ""),
                        sheet["LetterBody"],
                    ),
                    leftIndent=14,
                )
                for item in assembly.draft.agenda
            ]
            shared["agenda"] = SharedLayout(
                "agenda",
                [
                    Paragraph(_e(labels.agenda), sheet["LetterSubject"]),
                    ListFlowable(items, bulletType="1", bulletFontName=FONT_BOLD, bulletFontSize=10, leftIndent=14),
                ],
            )
            flowables.append(shared["agenda"].block())
        return flowables

    def proxy_form(_index: int, _letter: Letter, sheet: StyleSheet1) -> list[Flowable]:
        flowables: list[Flowable] = []
        if with_proxy_form and "proxy_form" in shared:
            return [Spacer(1, 5 * mm), shared["proxy_form"].block()]
        if with_proxy_form:
            text = (
                labels.proxy_text.replace("%1", organisation.name)
                .replace("%2", assembly.draft.title)
                .replace("%3", starts)
            )
            box = Table(
                [
                    [Paragraph(f"<b>{_e(labels.proxy_title)}</b>", sheet["LetterSmall"])],
                    [Paragraph(_e(text), sheet["LetterSmall"])],
                    [Spacer(1, 2 * mm)],
                    [Paragraph(_e(labels.proxy_signature), sheet["LetterSmall"])],
                    [Spacer(1, 12 * mm)],
                ],
                colWidths=[170 * mm],
            )
            box.setStyle(
                TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#546e7a"), None, (3, 2)),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            shared["proxy_form"] = SharedLayout("proxy_form", [box])
            flowables += [Spacer(1, 5 * mm), shared["proxy_form"].block()]
        return flowables

    return letters_pdf(
        letters,
        target,
        title=labels.document_title,
        author=organisation.name,
        extra=agenda,
        after=proxy_form,
        progress=progress,
    )


@dataclasses.dataclass(frozen=True)
class AttendanceLabels:
    """Translated texts of the attendance sheet."""

    document_title: str = "Attendance sheet"
    title: str = "Attendance sheet"
    when_where: str = "%1 — %2"
    number: str = "No."
    name: str = "Name"
    membership: str = "Membership"
    dues: str = "Dues paid"
    up_to_date: str = "Yes"
    not_up_to_date: str = "No"
    answer: str = "Answer"
    proxies: str = "Proxies"
    signature: str = "Signature"
    represented_by: str = "Represented by %1"
    proxies_from: str = "Proxy of %1"
    #: %1 eligible members, %2 percent, %3 required.
    quorum_rule: str = "Quorum: %2 of %1 members up to date, that is %3."
    quorum_rule_invitees: str = "Quorum: %2 of %1 invitees, that is %3."
    #: %1 present, %2 represented, %3 counted.
    quorum_count: str = "Announced: %1 present and %2 represented, %3 counted."
    reached: str = "The quorum is reached."
    not_reached: str = "The quorum is not reached (%1 missing)."
    totals: str = "Present: ____   Represented: ____   Total: ____"
    page: str = "Page %1 of %2"
    responses: Mapping[str, str] = dataclasses.field(default_factory=dict)


def attendance_sheet_pdf(
    sheet: AttendanceSheet,
    target: Path | BinaryIO | None = None,
    *,
    labels: AttendanceLabels = AttendanceLabels(),
    fmt: Formatter | None = None,
) -> bytes:
    """The attendance sheet ("feuille d'émargement"): one line per invitee, a column to sign."""
    fmt = fmt or Formatter()
    style = styles()
    draft = sheet.assembly.draft
    local = draft.starts_at.astimezone()
    when = fmt.date(local.date(), "full") + " " + local.strftime("%H:%M")
    story: list[Flowable] = [
        Paragraph(_e(labels.title), style["Title"]),
        Paragraph(_e(draft.title), style["Heading"]),
        Paragraph(_e(labels.when_where.replace("%1", when).replace("%2", draft.place or "—")), style["Subtitle"]),
        Spacer(1, 4 * mm),
    ]
    quorum = sheet.quorum
    rule = labels.quorum_rule if quorum.base == "members" else labels.quorum_rule_invitees
    story.append(
        Paragraph(
            _e(
                rule.replace("%1", fmt.number(quorum.eligible))
                .replace("%2", fmt.percent(quorum.percent / 100, 2 if quorum.percent % 1 else 0))
                .replace("%3", fmt.number(quorum.required))
            ),
            style["Body"],
        )
    )
    verdict = labels.reached if quorum.reached else labels.not_reached.replace("%1", fmt.number(quorum.missing))
    story.append(
        Paragraph(
            _e(
                labels.quorum_count.replace("%1", fmt.number(quorum.present))
                .replace("%2", fmt.number(quorum.represented))
                .replace("%3", fmt.number(quorum.counted))
            )
            + " <b>"
            + _e(verdict)
            + "</b>",
            style["Body"],
        )
    )
    story.append(Spacer(1, 5 * mm))
    cell = style["Cell"]
    # Paragraphs wrap in their column where plain strings would run into the next one.
    head = ParagraphStyle("HeadCell", parent=style["CellBold"], textColor=colors.white)
    header: list[object] = [
        Paragraph(_e(text), head)
        for text in (
            labels.number,
            labels.name,
            labels.membership,
            labels.dues,
            labels.answer,
            labels.proxies,
            labels.signature,
        )
    ]
    rows: list[list[object]] = [header]
    for index, line in enumerate(sheet.lines, start=1):
        notes: list[str] = []
        if line.represented_by:
            notes.append(labels.represented_by.replace("%1", line.represented_by))
        if line.proxies_from:
            notes.append(labels.proxies_from.replace("%1", ", ".join(line.proxies_from)))
        rows.append(
            [
                str(index),
                Paragraph(f"<b>{_e(line.display_name)}</b>", cell),
                Paragraph(_e(line.type_name), cell),
                Paragraph(_e(labels.up_to_date if line.up_to_date else labels.not_up_to_date), cell),
                Paragraph(_e(labels.responses.get(line.response, line.response)), cell),
                Paragraph("<br/>".join(_e(n) for n in notes), cell),
                Spacer(1, 8 * mm),  # room to sign
            ]
        )
    # Tables of 100 lines, each with its header: platypus splits a 5,000-line table across pages
    # about twice as slowly (perf anchors §5), and the header repeats on every page either way.
    widths = [10 * mm, 38 * mm, 24 * mm, 14 * mm, 23 * mm, 37 * mm, 34 * mm]
    body = rows[1:]
    for start in range(0, max(len(body), 1), 100):
        table = data_table([header, *body[start : start + 100]], col_widths=widths)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 1), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
                    # A grid: each line and column stands apart when people sign by hand.
                    ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                    ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                    ("FONT", (0, 1), (0, -1), FONT, 7),
                    ("TEXTCOLOR", (0, 1), (0, -1), colors.HexColor("#607d8b")),
                ]
            )
        )
        story.append(table)
    story += [Spacer(1, 6 * mm), Paragraph(_e(labels.totals), style["Body"])]
    document = PdfDocument(
        title=labels.document_title,
        organisation=sheet.organisation,
        header=f"{labels.title} — {draft.title}",
        page_label=labels.page,
    )
    return document.build(story, target)


def _e(text: str) -> str:
    return html.escape(text, quote=False)
