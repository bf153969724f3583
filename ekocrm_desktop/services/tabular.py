"""Reading contact files as tables: CSV (encoding and separator detected), XLSX and vCard.

Every reader gives the same shape: headers, then one `SourceRow` per record with its values
as text, or with the problem that kept it from being read (a truncated line, too many
fields). Nothing is dropped silently: what was ignored (empty lines, merged cells, photos)
is listed in `TableInfo.notes`.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CANDIDATE_ENCODINGS = ["cp1252", "iso8859_15", "mac_roman"]
DELIMITERS = ";,\t|"
_SAMPLE = 1 << 20


@dataclasses.dataclass(frozen=True)
class ReadOptions:
    """What the user chose in the preview; None means "detect"."""

    encoding: str | None = None
    delimiter: str | None = None


@dataclasses.dataclass(frozen=True)
class Note:
    """Something the reader noticed about the whole file (shown above the preview)."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        """One parameter's value ("" if absent)."""
        return dict(self.params).get(name, "")


@dataclasses.dataclass(frozen=True)
class SourceRow:
    """One record of the file: its 1-based number among data rows, the line it starts on,
    its values (as many as headers), or the problem that prevented reading it."""

    number: int
    line: int
    values: tuple[str, ...]
    problem: str = ""


@dataclasses.dataclass(frozen=True)
class TableInfo:
    """What was detected about a file."""

    format: str
    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    notes: tuple[Note, ...] = ()


class FileFormatError(ValueError):
    """The file cannot be read at all (not a CSV/XLSX/vCard, empty, corrupt)."""


def file_format(path: Path) -> str:
    """csv, xlsx or vcard, from the file name (and the first bytes for text files)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    with path.open("rb") as handle:
        head = handle.read(4096)
    if b"BEGIN:VCARD" in head.upper() or b"B\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D" in head.upper():
        return "vcard"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    return "csv"


# ------------------------------------------------------------------------- text decoding
def detect_encoding(path: Path) -> str:
    """BOMs first, then strict UTF-8 over the whole file, then a restricted charset guess.

    Unrestricted detection takes French Windows-1252 for cp1250 (ecosystem §8): only the
    encodings French office files really use are candidates.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_SAMPLE):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8"
        handle.seek(0)
        sample = handle.read(_SAMPLE)
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=CANDIDATE_ENCODINGS).best()
    return best.encoding if best is not None else "cp1252"


def detect_delimiter(first_line: str) -> str:
    """The separator of the header line: csv.Sniffer on that line only, else the most frequent.

    Sniffing a whole sample fails on a comma file with quoted "1 234,56" (ecosystem §8).
    """
    try:
        return csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ";"


def unquote_formula(value: str) -> str:
    """Drop the `'` our exports put before a formula trigger ("'+33 6…" → "+33 6…")."""
    bare = value.lstrip("'")
    if value[:1] == "'" and bare and bare[0] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def _unique_headers(raw: list[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    result: list[str] = []
    for i, header in enumerate(raw):
        name = " ".join(header.replace("\ufeff", "").split()) or f"#{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        result.append(name)
    return tuple(result)


# ------------------------------------------------------------------------- the source
class SourceFile:
    """A file to import, read again from disk each time its rows are walked (never all in memory)."""

    def __init__(self, path: Path, options: ReadOptions | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileFormatError(f"{self.path} is not a file")
        self.options = options or ReadOptions()
        self.format = file_format(self.path)
        self._info: TableInfo | None = None
        self._notes: list[Note] = []

    def info(self) -> TableInfo:
        """Format, encoding, separator, headers and notes (the notes are complete once rows were walked)."""
        if self._info is None:
            if self.format == "csv":
                self._info = self._csv_info()
            elif self.format == "xlsx":
                self._info = self._xlsx_info()
            else:
                self._info = TableInfo("vcard", self._text_encoding(), "", VCARD_HEADERS)
        return dataclasses.replace(self._info, notes=tuple(self._notes))

    def rows(self) -> Iterator[SourceRow]:
        """Every data record, in file order."""
        self.info()
        self._notes = []
        if self.format == "csv":
            yield from self._csv_rows()
        elif self.format == "xlsx":
            yield from self._xlsx_rows()
        else:
            yield from self._vcard_rows()

    def preview(self, limit: int = 50) -> list[SourceRow]:
        """The first `limit` records as parsed."""
        result: list[SourceRow] = []
        for row in self.rows():
            result.append(row)
            if len(result) >= limit:
                break
        return result

    def count(self) -> int:
        """How many data records the file holds (walks it)."""
        return sum(1 for _ in self.rows())

    # ---------------------------------------------------------------- CSV
    def _text_encoding(self) -> str:
        return self.options.encoding or detect_encoding(self.path)

    def _csv_info(self) -> TableInfo:
        encoding = self._text_encoding()
        try:
            with self.path.open(encoding=encoding, newline="") as handle:
                first = handle.readline()
        except (UnicodeDecodeError, LookupError) as exc:
            raise FileFormatError(f"cannot read the file as {encoding}: {exc}") from exc
        if not first.strip():
            raise FileFormatError("the file is empty or its first line is blank")
        delimiter = self.options.delimiter or detect_delimiter(first.rstrip("\r\n"))
        with self.path.open(encoding=encoding, errors="replace", newline="") as handle:
            header = next(csv.reader(handle, delimiter=delimiter), [])
        return TableInfo("csv", encoding, delimiter, _unique_headers(header))

    def _ends_with_newline(self) -> bool:
        size = self.path.stat().st_size
        with self.path.open("rb") as handle:
            handle.seek(max(0, size - 4))
            tail = handle.read()
        return tail.rstrip(b"\x00").endswith((b"\n", b"\r"))

    def _csv_rows(self) -> Iterator[SourceRow]:
        info = self._info
        assert info is not None
        width = len(info.headers)
        ends_cleanly = self._ends_with_newline()
        empty = 0
        number = 0
        with self.path.open(encoding=info.encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=info.delimiter, strict=True)
            try:
                next(reader)
            except (StopIteration, csv.Error):
                return
            line = reader.line_num + 1
            pending: SourceRow | None = None
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    number += 1
                    if pending is not None:
                        yield _settled(pending)
                        pending = None
                    # An unterminated quote at the end of the file, or a stray quote: report the row.
                    problem = "truncated" if "end of data" in str(exc) else "malformed"
                    yield SourceRow(number, line, ("",) * width, problem)
                    line = reader.line_num + 1
                    continue
                start, line = line, reader.line_num + 1
                if not any(v.strip() for v in record):
                    empty += 1
                    continue
                number += 1
                # NUL never means anything in a contact file, and PostgreSQL refuses it in text.
                # A record without NUL or quote (nearly all) is left as read: nothing to change.
                joined = "".join(record)
                if "\x00" in joined or "'" in joined:
                    values = [unquote_formula(v.replace("\x00", "")) for v in record]
                else:
                    values = record
                problem = ""
                if len(values) > width:
                    if any(v.strip() for v in values[width:]):
                        problem = "too_many_fields"
                    values = values[:width]
                elif len(values) < width:
                    values.extend([""] * (width - len(values)))
                    problem = "short"
                if pending is not None:
                    yield _settled(pending)
                pending = SourceRow(number, start, tuple(values), problem)
            if pending is not None:
                # A last record shorter than the header, in a file that stops mid-line, was cut.
                if pending.problem == "short" and not ends_cleanly:
                    yield dataclasses.replace(pending, problem="truncated")
                else:
                    yield _settled(pending)
        if empty:
            self._notes.append(Note("empty_lines", (("count", str(empty)),)))

    # ---------------------------------------------------------------- XLSX
    def _open_workbook(self) -> Any:
        from openpyxl import load_workbook

        try:
            # Values, not formulas: what the spreadsheet last computed.
            return load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a corrupt file
            raise FileFormatError(f"cannot open the workbook: {exc}") from exc

    def _xlsx_info(self) -> TableInfo:
        wb = self._open_workbook()
        try:
            ws = wb.worksheets[0]
            # Some writers leave a wrong sheet size: read to the real end, not to what it claims.
            ws.reset_dimensions()
            header: list[str] = []
            for row in ws.iter_rows(min_row=1, max_row=1, values_only=True):
                header = [_cell_text(v) for v in row]
        finally:
            wb.close()
        while header and not header[-1]:
            header.pop()
        if not header:
            raise FileFormatError("the first sheet has no header row")
        return TableInfo("xlsx", "", "", _unique_headers(header))

    def _xlsx_rows(self) -> Iterator[SourceRow]:
        info = self._info
        assert info is not None
        width = len(info.headers)
        merged, formulas = _sheet_extras(self.path)
        if merged:
            self._notes.append(Note("merged_cells", (("ranges", ", ".join(merged[:10])), ("count", str(len(merged))))))
        if formulas:
            self._notes.append(Note("formulas", (("count", str(formulas)),)))
        wb = self._open_workbook()
        empty = 0
        number = 0
        try:
            ws = wb.worksheets[0]
            ws.reset_dimensions()
            for index, row in enumerate(ws.iter_rows(min_row=2), start=2):
                # No quote to remove here: a spreadsheet's own "'" prefix is a style, never in the value,
                # and our XLSX exports write formulas-looking text as string cells, unquoted.
                values = [_cell_text(c.value, getattr(c, "number_format", None)) for c in row]
                if not any(v.strip() for v in values):
                    empty += 1
                    continue
                number += 1
                problem = ""
                if len(values) > width:
                    if any(v.strip() for v in values[width:]):
                        problem = "too_many_fields"
                    values = values[:width]
                values.extend([""] * (width - len(values)))
                yield SourceRow(number, index, tuple(values), problem)
        finally:
            wb.close()
        if empty:
            self._notes.append(Note("empty_lines", (("count", str(empty)),)))

    # ---------------------------------------------------------------- vCard
    def _vcard_rows(self) -> Iterator[SourceRow]:
        import vobject

        encoding = self._text_encoding()
        text = self.path.read_text(encoding=encoding, errors="replace")
        photos = 0
        number = 0
        for line, block in _vcard_blocks(text):
            number += 1
            try:
                card = vobject.readOne(block)
            except Exception:  # vobject raises ParseError and others on broken cards
                yield SourceRow(number, line, ("",) * len(VCARD_HEADERS), "malformed")
                continue
            if "photo" in card.contents:
                photos += 1
            yield SourceRow(number, line, _vcard_values(card))
        if photos:
            self._notes.append(Note("photos_ignored", (("count", str(photos)),)))


def _settled(row: SourceRow) -> SourceRow:
    """A short row that is not the last one is normal (trailing empty cells left out)."""
    return dataclasses.replace(row, problem="") if row.problem == "short" else row


def _cell_text(value: Any, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if _is_percent(value, number_format):
        # What the spreadsheet shows: 0.2 formatted as a percentage is "20 %", not a rate of 0.2 %.
        shown = Decimal(repr(value)) * 100 if isinstance(value, float) else Decimal(value) * 100
        return f"{format_decimal(shown.normalize())} %"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format_decimal(Decimal(repr(value)))
    return str(value).replace("\x00", "")


def _is_percent(value: Any, number_format: str | None) -> bool:
    """A number shown as a percentage ("0%", "0.0%"; a "%" quoted as text does not count)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not number_format:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format)


_MERGE = re.compile(rb'<mergeCell ref="([A-Z0-9:]+)"')
_FORMULA = re.compile(rb"<f[ >]")


def _sheet_extras(path: Path) -> tuple[list[str], int]:
    """Merged ranges and the number of formula cells of the first sheet (read-only mode hides both)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
            if not names:
                return [], 0
            first = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else names[0]
            merged: list[str] = []
            formulas = 0
            tail = b""
            with archive.open(first) as handle:
                while chunk := handle.read(_SAMPLE):
                    data = tail + chunk
                    merged.extend(m.decode() for m in _MERGE.findall(data[len(tail) // 2 :]))
                    formulas += len(_FORMULA.findall(chunk))
                    tail = chunk[-64:]
            return list(dict.fromkeys(merged)), formulas
    except (zipfile.BadZipFile, KeyError):
        return [], 0


# ------------------------------------------------------------------------- vCard fields
VCARD_HEADERS = (
    "kind",
    "civility",
    "first_name",
    "last_name",
    "full_name",
    "organisation",
    "job_title",
    "email",
    "other_emails",
    "phone",
    "mobile",
    "other_phones",
    "street",
    "street2",
    "postcode",
    "city",
    "country",
    "website",
    "registration_number",
    "birth_date",
    "tags",
    "notes",
)
#: Our own vCard property for a registration number (SIRET…), which vCard has no field for.
REGISTRATION_PROPERTY = "x-ekocrm-registration"


def _vcard_blocks(text: str) -> Iterator[tuple[int, str]]:
    """Each BEGIN:VCARD … END:VCARD block with its first line: one broken card spoils only itself.

    vCard 2.1 quoted-printable values continue on the next line after a final "=" (a soft
    line break) that vobject does not follow: those lines are joined here first.
    """
    lines: list[str] = []
    joining = False
    for raw in text.splitlines():
        if joining:
            lines[-1] = lines[-1][:-1] + raw
        else:
            lines.append(raw)
        head = lines[-1].split(":", 1)[0].upper()
        joining = "QUOTED-PRINTABLE" in head and lines[-1].endswith("=")
    start: int | None = None
    for i, line in enumerate(lines):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            start = i
        elif upper == "END:VCARD" and start is not None:
            yield start + 1, "\r\n".join(lines[start : i + 1]) + "\r\n"
            start = None
    if start is not None:
        yield start + 1, "\r\n".join(lines[start:]) + "\r\n"


def _vcard_values(card: Any) -> tuple[str, ...]:
    def first(name: str) -> Any:
        items = card.contents.get(name) or []
        return items[0] if items else None

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return " ".join(str(v) for v in value if v)
        return str(value)

    values = dict.fromkeys(VCARD_HEADERS, "")
    n = first("n")
    if n is not None and not isinstance(n.value, str):
        values["last_name"] = text(n.value.family)
        values["first_name"] = text(n.value.given)
        values["civility"] = text(n.value.prefix)
    fn = first("fn")
    values["full_name"] = text(fn.value) if fn is not None else ""
    org = first("org")
    if org is not None:
        values["organisation"] = text(org.value[0] if isinstance(org.value, list) and org.value else org.value)
    kind = first("kind") or first("x-abshowas")
    declared_org = kind is not None and str(kind.value).strip().lower() in ("org", "organization", "company")
    only_org = not (values["first_name"] or values["last_name"]) and values["organisation"] != ""
    if declared_org or (only_org and values["full_name"] in ("", values["organisation"])):
        values["kind"] = "organisation"
    title = first("title")
    values["job_title"] = text(title.value) if title is not None else ""
    emails = [str(e.value).strip() for e in card.contents.get("email", []) if str(e.value).strip()]
    if emails:
        values["email"] = emails[0]
        values["other_emails"] = ", ".join(emails[1:])
    mobiles: list[str] = []
    others: list[str] = []
    for tel in card.contents.get("tel", []):
        number = str(tel.value).strip()
        if number.lower().startswith("tel:"):
            number = number[4:].replace("-", " ")
        if not number:
            continue
        types = {str(t).lower() for t in tel.params.get("TYPE", [])}
        # vCard 2.1 writes bare parameters ("TEL;CELL:"), which vobject keeps apart.
        types |= {str(k).lower() for k in getattr(tel, "singletonparams", [])}
        types |= {str(t).lower() for t in tel.params.get("TYPE", []) for t in str(t).split(",")}
        (mobiles if "cell" in types else others).append(number)
    values["mobile"] = mobiles[0] if mobiles else ""
    values["phone"] = others[0] if others else ""
    values["other_phones"] = ", ".join(mobiles[1:] + others[1:])
    adr = first("adr")
    if adr is not None and not isinstance(adr.value, str):
        a = adr.value
        values["street"] = text(a.street).replace("\n", " ")
        values["street2"] = " ".join(p for p in (text(a.extended), text(a.box)) if p)
        values["postcode"] = text(a.code)
        values["city"] = text(a.city)
        values["country"] = text(a.country)
    url = first("url")
    values["website"] = text(url.value) if url is not None else ""
    registration = first(REGISTRATION_PROPERTY)
    values["registration_number"] = text(registration.value) if registration is not None else ""
    bday = first("bday")
    values["birth_date"] = text(bday.value) if bday is not None else ""
    categories = first("categories")
    if categories is not None:
        values["tags"] = ", ".join(categories.value) if isinstance(categories.value, list) else text(categories.value)
    note = first("note")
    values["notes"] = text(note.value) if note is not None else ""
    return tuple(values[h].replace("\x00", "") for h in VCARD_HEADERS)


# ------------------------------------------------------------------------- values
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(raw: str) -> Decimal:
    """A number as French or English spreadsheets write it: "1 234,56", "-12,50", "1,234.56", "12 €"."""
    text = _SPACES.sub("", raw.replace("€", "").strip())
    if not text:
        raise ValueError("empty number")
    if "," in text and "." in text:
        # The last one is the decimal separator.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {raw!r}") from exc


def format_decimal(value: Decimal, decimal_separator: str = ",") -> str:
    """A number written back without grouping, so it parses the same way ("-12,50")."""
    text = format(value, "f")
    return text.replace(".", decimal_separator)


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T].*)?$")
_DATE_YMD = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$")


def parse_date(raw: str) -> dt.date:
    """A date as French users write it ("31/12/2026", "31.12.26") or ISO ("2026-12-31", vCard "20261231")."""
    text = raw.strip()
    match = _DATE_YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _DATE_DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            # Two-digit years: a birth date is in the past.
            year += 2000 if year <= dt.date.today().year % 100 else 1900  # noqa: DTZ011
        return dt.date(year, month, day)
    raise ValueError(f"not a date: {raw!r}")
