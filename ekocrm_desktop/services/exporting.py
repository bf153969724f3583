"""Safe exports: any list to CSV or XLSX (typed cells, formulas neutralised), people to vCard.

Neutralisation (OWASP CSV injection, reliability §3.5): a text cell starting with `=`, `+`,
`-`, `@`, tab or carriage return gets a leading `'` in CSV, and is written as an explicit
string cell in XLSX, never a formula. Numbers stay numbers. Our importer removes that `'`,
so "+33 6 12 34 56 78" and "-12,50" come back unchanged.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.enums import ContactLabel, PartyKind
from ekocrm_desktop.models.exchange import PartyExternalId
from ekocrm_desktop.services import validation
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, PartyQuery
from ekocrm_desktop.services.importing import read_drafts
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.tabular import FORMULA_TRIGGERS, REGISTRATION_PROPERTY, format_decimal

KINDS = ("text", "date", "datetime", "money", "number", "phone", "email")
FORMATS = ("csv", "xlsx", "vcf")


@dataclasses.dataclass(frozen=True)
class ExportColumn:
    """One column of an export: a key, its (translated) title and the kind of its values."""

    key: str
    title: str
    kind: str = "text"


class ExportCancelledError(Exception):
    """The user cancelled an export (the partial file is removed)."""


#: Rows an XLSX sheet holds under its header: Excel's limit is 1,048,576 rows a sheet. A longer
#: sheet is a file Excel repairs by cutting it, and LibreOffice opens cut, with a warning.
XLSX_MAX_ROWS = 1_048_575


class ExportTooBigError(ValueError):
    """More rows than an XLSX sheet holds: nothing is written (CSV has no such limit)."""

    def __init__(self, rows: int) -> None:
        super().__init__(f"{rows} rows: an XLSX sheet holds at most {XLSX_MAX_ROWS} under its header")
        self.rows = rows
        self.limit = XLSX_MAX_ROWS


def neutralise(text: str) -> str:
    """A text a spreadsheet cannot run as a formula: "'=1+1"; ordinary text is unchanged."""
    bare = text.lstrip("'")
    if bare and bare[0] in FORMULA_TRIGGERS:
        # Also when it already starts with quotes: the importer removes exactly one.
        return "'" + text
    return text


def _csv_value(value: Any, kind: str, decimal_separator: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "date" and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind == "datetime" and isinstance(value, dt.datetime):
        return value.astimezone().strftime("%d/%m/%Y %H:%M")
    if kind in ("money", "number") and isinstance(value, Decimal | int | float):
        # Numbers stay numbers: "-12,50" is not neutralised (Excel reads it as a number, not a formula).
        return format_decimal(Decimal(str(value)), decimal_separator)
    if kind == "phone":
        value = validation.format_phone(str(value), "")
    return neutralise(str(value))


def write_csv(
    path: Path,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ";",
    tick: Callable[[int], None] | None = None,
) -> int:
    """CSV in UTF-8 with a BOM (French Excel opens it right); `;` by default. Returns the row count."""
    decimal_separator = "," if delimiter != "," else "."
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(c.title) for c in columns])
        for row in rows:
            writer.writerow([_csv_value(v, c.kind, decimal_separator) for v, c in zip(row, columns, strict=True)])
            count += 1
            if tick is not None:
                tick(count)
    return count


def write_xlsx(
    path: Path,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_title: str = "Export",
    tick: Callable[[int], None] | None = None,
) -> int:
    """XLSX with typed cells: dates as dates, amounts as numbers, phones/e-mails/codes as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title[:31] or "Export")
    ws.freeze_panes = "A2"
    for index, column in enumerate(columns):
        from openpyxl.utils import get_column_letter

        width = {"date": 12, "datetime": 17, "money": 13, "number": 11, "phone": 18, "email": 30}.get(column.kind, 22)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    bold = Font(bold=True)

    def text_cell(value: str, font: Any = None) -> Any:
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # openpyxl makes any str starting with "=" a formula: force a string cell.
        cell.data_type = "s"
        if font is not None:
            cell.font = font
        return cell

    ws.append([text_cell(c.title, bold) for c in columns])
    count = 0
    try:
        for row in rows:
            if count >= XLSX_MAX_ROWS:
                raise ExportTooBigError(count + 1)
            cells: list[Any] = []
            for value, column in zip(row, columns, strict=True):
                if value is None or value == "":
                    cells.append(None)
                elif column.kind == "date" and isinstance(value, dt.date):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "DD/MM/YYYY"
                    cells.append(cell)
                elif column.kind == "datetime" and isinstance(value, dt.datetime):
                    # Excel has no time zones: the local time, as the user saw it in the window.
                    cell = WriteOnlyCell(ws, value=value.astimezone().replace(tzinfo=None))
                    cell.number_format = "DD/MM/YYYY HH:MM"
                    cells.append(cell)
                elif column.kind in ("money", "number") and isinstance(value, Decimal | int | float):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.number_format = "#,##0.00" if column.kind == "money" else "General"
                    cells.append(cell)
                elif column.kind == "phone":
                    cells.append(text_cell(validation.format_phone(str(value), "")))
                else:
                    cells.append(text_cell(str(value)))
            ws.append(cells)
            count += 1
            if tick is not None:
                tick(count)
    except BaseException:
        # A cancel or a refusal mid-sheet: end the sheet's temporary file cleanly and remove it now
        # (openpyxl would only at exit: a cancelled million-row export kept hundreds of MB).
        ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            writer.cleanup()
        raise
    wb.save(path)
    return count


# ---------------------------------------------------------------------------- contacts
CONTACT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("kind", "Type"),
    ExportColumn("civility", "Civility"),
    ExportColumn("first_name", "First name"),
    ExportColumn("last_name", "Last name"),
    ExportColumn("organisation", "Organisation"),
    ExportColumn("job_title", "Job title"),
    ExportColumn("email", "E-mail", "email"),
    ExportColumn("other_emails", "Other e-mails", "email"),
    ExportColumn("phone", "Phone", "phone"),
    ExportColumn("mobile", "Mobile", "phone"),
    ExportColumn("other_phones", "Other phones"),
    ExportColumn("street", "Street"),
    ExportColumn("street2", "Address line 2"),
    ExportColumn("postcode", "Postcode"),
    ExportColumn("city", "City"),
    ExportColumn("country", "Country"),
    ExportColumn("website", "Website"),
    ExportColumn("registration_number", "Registration number"),
    ExportColumn("external_id", "External id"),
    ExportColumn("birth_date", "Birth date", "date"),
    ExportColumn("tags", "Tags"),
    ExportColumn("roles", "Roles"),
    ExportColumn("notes", "Notes"),
    ExportColumn("updated_at", "Updated", "datetime"),
)


def contact_columns(titles: dict[str, str] | None = None) -> list[ExportColumn]:
    """The contacts export's columns, with translated titles where given."""
    titles = titles or {}
    return [dataclasses.replace(c, title=titles.get(c.key, c.title)) for c in CONTACT_COLUMNS]


def contact_row(
    draft: PartyDraft,
    updated_at: dt.datetime,
    today: dt.date,
    kind_titles: dict[str, str],
    external_id: str = "",
) -> list[Any]:
    """One party as a row of CONTACT_COLUMNS (phones in E.164: the writers format them)."""
    mobiles = [p.number for p in draft.phones if p.label == ContactLabel.MOBILE.value]
    others = [p.number for p in draft.phones if p.label != ContactLabel.MOBILE.value]
    phone = others[0] if others else ""
    mobile = mobiles[0] if mobiles else ""
    extra = [p for p in draft.phones if p.number not in (phone, mobile)]
    address = draft.addresses[0] if draft.addresses else None
    organisation = (
        draft.name if not draft.is_person else (draft.affiliations[0].organisation_name if draft.affiliations else "")
    )
    return [
        kind_titles.get(draft.kind, draft.kind),
        draft.civility,
        draft.first_name,
        draft.last_name,
        organisation,
        draft.job_title,
        draft.emails[0].address if draft.emails else "",
        ", ".join(e.address for e in draft.emails[1:]),
        phone,
        mobile,
        ", ".join(validation.format_phone(p.number, "") for p in extra),
        address.street if address else "",
        address.street2 if address else "",
        address.postcode if address else "",
        address.city if address else "",
        address.country if address else "",
        draft.website,
        draft.registration_number,
        external_id,
        draft.birth_date,
        ", ".join(draft.tags),
        ", ".join(r.role for r in draft.roles if r.is_current(today)),
        draft.notes,
        updated_at,
    ]


class ExportService:
    """Exports of the contacts list (a search, a filter or a selection) to CSV, XLSX or vCard."""

    PAGE = 500

    def __init__(self, db: Database, *, contacts: ContactService | None = None) -> None:
        self._db = db
        self._contacts = contacts or ContactService(db)

    def contact_ids(self, query: PartyQuery) -> Iterator[UUID]:
        """Ids of the list's rows in display order, page by page (keyset: never the whole table at once)."""
        total = self._contacts.count(query)
        offset = 0
        after = None
        while offset < total:
            page = self._contacts.page(query, "name", False, PageRequest(offset, self.PAGE, total, after=after))
            if not page:
                break
            for row in page:
                yield row.id
            offset += len(page)
            after = page[-1].sort_key

    def drafts(self, ids: Iterable[UUID]) -> Iterator[tuple[PartyDraft, dt.datetime]]:
        """Full drafts (children included), loaded PAGE parties per query."""
        for _id, draft, updated_at, _external in self._records(ids):
            yield draft, updated_at

    def rows(self, ids: Iterable[UUID], today: dt.date, kinds: dict[str, str]) -> Iterator[list[Any]]:
        """Rows of CONTACT_COLUMNS for these parties, external ids included."""
        for _id, draft, updated_at, external in self._records(ids):
            yield contact_row(draft, updated_at, today, kinds, external)

    def _records(self, ids: Iterable[UUID]) -> Iterator[tuple[UUID, PartyDraft, dt.datetime, str]]:
        chunk: list[UUID] = []
        for party_id in ids:
            chunk.append(party_id)
            if len(chunk) >= self.PAGE:
                yield from self._load(chunk)
                chunk = []
        if chunk:
            yield from self._load(chunk)

    def _load(self, ids: list[UUID]) -> list[tuple[UUID, PartyDraft, dt.datetime, str]]:
        external: dict[UUID, list[str]] = {}
        with self._db.session() as session:
            # Core reads, one query per table: the ORM's loading of full parties cost ~0.7 ms each
            # (a million-contact export took over ten minutes).
            found = {i: (draft, at) for i, (_version, draft, at) in read_drafts(session, ids).items()}
            # External ids live beside the party (one per source): the export lists them all.
            stmt = (
                select(PartyExternalId.party_id, PartyExternalId.value)
                .where(PartyExternalId.party_id.in_(ids))
                .order_by(PartyExternalId.created_at, PartyExternalId.id)
            )
            for party_id, value in session.execute(stmt):
                external.setdefault(party_id, []).append(value)
        return [(i, *found[i], ", ".join(external.get(i, ()))) for i in ids if i in found]

    def export_contacts(
        self,
        path: Path,
        fmt: str,
        *,
        query: PartyQuery | None = None,
        ids: Sequence[UUID] | None = None,
        titles: dict[str, str] | None = None,
        kind_titles: dict[str, str] | None = None,
        delimiter: str = ";",
        vcard_version: str = "3.0",
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Write the selection (`ids`) or the list for `query` to `path`; returns how many parties."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        total = len(ids) if ids is not None else self._contacts.count(query or PartyQuery())
        source: Iterable[UUID] = ids if ids is not None else self.contact_ids(query or PartyQuery())
        today = self._db.clock().date()
        kinds = kind_titles or {PartyKind.PERSON.value: "person", PartyKind.ORGANISATION.value: "organisation"}

        def tick(done: int) -> None:
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total, "")
            if cancelled is not None and done % 50 == 0 and cancelled():
                raise ExportCancelledError

        if fmt == "xlsx" and total > XLSX_MAX_ROWS:
            raise ExportTooBigError(total)  # said before the minutes of writing, not after
        try:
            if fmt == "vcf":
                return write_vcards(path, (d for d, _u in self.drafts(source)), version=vcard_version, tick=tick)
            rows = self.rows(source, today, kinds)
            columns = contact_columns(titles)
            if fmt == "csv":
                return write_csv(path, columns, rows, delimiter=delimiter, tick=tick)
            return write_xlsx(path, columns, rows, tick=tick)
        except (ExportCancelledError, ExportTooBigError):
            path.unlink(missing_ok=True)
            raise


# ---------------------------------------------------------------------------- vCard
_TEL_TYPES = {
    ContactLabel.MOBILE.value: "CELL",
    ContactLabel.WORK.value: "WORK",
    ContactLabel.HOME.value: "HOME",
    ContactLabel.FAX.value: "FAX",
}


def vcard_of(draft: PartyDraft, version: str = "3.0") -> str:
    """One party as a vCard (3.0 or 4.0)."""
    import vobject

    card = vobject.vCard()
    card.add("version").value = version
    if draft.is_person:
        card.add("n").value = vobject.vcard.Name(family=draft.last_name, given=draft.first_name, prefix=draft.civility)
        card.add("fn").value = " ".join(p for p in (draft.first_name, draft.last_name) if p) or draft.last_name
        if draft.affiliations:
            card.add("org").value = [draft.affiliations[0].organisation_name]
    else:
        card.add("n").value = vobject.vcard.Name(family="", given="")
        card.add("fn").value = draft.name
        card.add("org").value = [draft.name]
        if version == "4.0":
            card.add("kind").value = "org"
        else:
            card.add("x-abshowas").value = "COMPANY"
    if draft.job_title:
        card.add("title").value = draft.job_title
    for email in draft.emails:
        item = card.add("email")
        item.value = email.address
        item.type_param = "HOME" if email.label == ContactLabel.HOME.value else "WORK"
    for phone in draft.phones:
        item = card.add("tel")
        item.value = phone.number
        item.type_param = _TEL_TYPES.get(phone.label, "VOICE")
    for address in draft.addresses:
        item = card.add("adr")
        item.value = vobject.vcard.Address(
            street=address.street,
            extended=address.street2,
            city=address.city,
            code=address.postcode,
            country=address.country,
        )
    if draft.website:
        card.add("url").value = draft.website
    if draft.registration_number:
        card.add(REGISTRATION_PROPERTY).value = draft.registration_number
    if draft.birth_date is not None:
        card.add("bday").value = draft.birth_date.isoformat()
    if draft.tags:
        card.add("categories").value = list(draft.tags)
    if draft.notes:
        card.add("note").value = draft.notes
    return str(card.serialize())


def write_vcards(
    path: Path, drafts: Iterable[PartyDraft], *, version: str = "3.0", tick: Callable[[int], None] | None = None
) -> int:
    """Several cards in one .vcf file (UTF-8); returns how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        for draft in drafts:
            handle.write(vcard_of(draft, version))
            count += 1
            if tick is not None:
                tick(count)
    return count
