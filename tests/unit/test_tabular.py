"""Reading real-world contact files: a corpus of files built here, each read or reported, never a crash."""

from __future__ import annotations

import codecs
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ekocrm_desktop.services.importing import suggest_mapping
from ekocrm_desktop.services.tabular import (
    FileFormatError,
    ReadOptions,
    SourceFile,
    detect_delimiter,
    parse_date,
    parse_number,
)

FRENCH_EXCEL = "Civilité;Prénom;Nom;Société;Courriel;Téléphone;Code postal;Ville;Cotisation\r\n" + (
    'Mme;Zoé;Lefèvre;Œuvre d\'Orient;zoe@example.fr;06 12 34 56 78;69003;Lyon;"1 234,56"\r\n'
    "M.;François;Müller;Brasserie Æther;francois@example.fr;04 78 00 00 00;75011;Paris;-12,50\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def values(path: Path, options: ReadOptions | None = None) -> list[tuple[str, ...]]:
    return [r.values for r in SourceFile(path, options).rows()]


def test_french_excel_csv_in_cp1252_with_semicolons(tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", FRENCH_EXCEL.encode("cp1252"))
    source = SourceFile(path)
    info = source.info()
    assert info.encoding == "cp1252"
    assert info.delimiter == ";"
    assert info.headers[:3] == ("Civilité", "Prénom", "Nom")
    rows = values(path)
    assert rows[0][3] == "Œuvre d'Orient"
    assert rows[0][8] == "1 234,56"
    assert parse_number(rows[0][8]) == Decimal("1234.56")
    assert parse_number(rows[1][8]) == Decimal("-12.50")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "u.csv", FRENCH_EXCEL.encode(encoding))
    info = SourceFile(path).info()
    assert info.encoding == encoding
    assert info.headers[0] == "Civilité"  # no BOM left in the first header
    assert values(path)[1][2] == "Müller"


def test_utf16_from_outlook_with_tabs(tmp_path: Path) -> None:
    text = (
        "First Name\tLast Name\tE-mail Address\tBusiness Phone\tMobile Phone\tCompany\tBusiness City\r\n"
        "Hélène\tDurand\thelene@example.fr\t+33 4 78 00 00 01\t06 11 22 33 44\tÉcole Sainte-Anne\tLyon\r\n"
    )
    path = write(tmp_path, "outlook.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    source = SourceFile(path)
    assert source.info().encoding == "utf-16"
    assert source.info().delimiter == "\t"
    mapping = suggest_mapping(source.info().headers)
    assert mapping == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "E-mail Address": "email",
        "Business Phone": "phone",
        "Mobile Phone": "mobile",
        "Company": "organisation",
        "Business City": "city",
    }
    assert values(path)[0][0] == "Hélène"


def test_google_contacts_headers_are_recognised(tmp_path: Path) -> None:
    headers = [
        "Given Name",
        "Family Name",
        "Name Prefix",
        "E-mail 1 - Value",
        "E-mail 2 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Phone 2 - Value",
        "Organization 1 - Name",
        "Organization 1 - Title",
        "Address 1 - City",
        "Address 1 - Postal Code",
        "Group Membership",
        "Notes",
    ]
    mapping = suggest_mapping(headers)
    assert mapping["Given Name"] == "first_name"
    assert mapping["Family Name"] == "last_name"
    assert mapping["E-mail 1 - Value"] == "email"
    assert mapping["E-mail 2 - Value"] == "other_emails"
    assert mapping["Phone 1 - Value"] == "phone"
    assert mapping["Phone 2 - Value"] == "other_phones"
    assert mapping["Organization 1 - Name"] == "organisation"
    assert mapping["Organization 1 - Title"] == "job_title"
    assert mapping["Address 1 - Postal Code"] == "postcode"
    assert mapping["Group Membership"] == "tags"
    assert "Phone 1 - Type" not in mapping


def test_comma_file_with_quoted_french_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b'Nom,Montant\nDupont,"1 234,56"\nMartin,"-12,50"\n')
    assert SourceFile(path).info().delimiter == ","
    assert values(path) == [("Dupont", "1 234,56"), ("Martin", "-12,50")]


def test_quoted_newlines_and_empty_lines(tmp_path: Path) -> None:
    data = 'Nom;Notes\n\nDupont;"ligne 1\nligne 2"\n;\n\nMartin;ok\n'
    path = write(tmp_path, "q.csv", data.encode())
    source = SourceFile(path)
    rows = list(source.rows())
    assert [r.values for r in rows] == [("Dupont", "ligne 1\nligne 2"), ("Martin", "ok")]
    assert [r.line for r in rows] == [3, 7]
    notes = {n.code: n for n in source.info().notes}
    assert notes["empty_lines"].param("count") == "3"


def test_truncated_last_line_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b"Nom;Prenom;Ville\nDupont;Jean;Lyon\nMartin;Ju")
    rows = list(SourceFile(path).rows())
    assert len(rows) == 2
    assert rows[0].problem == ""
    assert rows[1].problem == "truncated"


def test_unterminated_quote_at_the_end_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b'Nom;Notes\nDupont;ok\nMartin;"jamais ferm')
    rows = list(SourceFile(path).rows())
    assert [r.problem for r in rows] == ["", "truncated"]


def test_short_rows_in_the_middle_are_padded(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", b"Nom;Prenom;Ville\nDupont\nMartin;Julie;Lyon\n")
    rows = list(SourceFile(path).rows())
    assert [r.problem for r in rows] == ["", ""]
    assert rows[0].values == ("Dupont", "", "")


def test_mixed_separators_give_a_row_error(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", b"Nom;Prenom\nDupont;Jean\nMartin;Julie;en trop;encore\n")
    rows = list(SourceFile(path).rows())
    assert [r.problem for r in rows] == ["", "too_many_fields"]


def test_a_thousand_columns(tmp_path: Path) -> None:
    headers = ["Nom", "Courriel", *(f"Colonne {i}" for i in range(998))]
    line = ["Dupont", "d@example.fr", *(str(i) for i in range(998))]
    path = write(tmp_path, "wide.csv", (";".join(headers) + "\n" + ";".join(line) + "\n").encode())
    source = SourceFile(path)
    assert len(source.info().headers) == 1000
    assert suggest_mapping(source.info().headers) == {"Nom": "last_name", "Courriel": "email"}
    assert values(path)[0][999] == "997"


def test_duplicate_header_names_stay_distinct(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", b"Nom;Telephone;Telephone\nDupont;0612345678;0478000000\n")
    headers = SourceFile(path).info().headers
    assert headers == ("Nom", "Telephone", "Telephone (2)")
    assert suggest_mapping(headers) == {"Nom": "last_name", "Telephone": "phone", "Telephone (2)": "other_phones"}


def test_overrides_replace_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "o.csv", FRENCH_EXCEL.encode("cp1252"))
    source = SourceFile(path, ReadOptions(encoding="latin-1", delimiter=","))
    assert source.info().encoding == "latin-1"
    assert source.info().delimiter == ","
    assert len(source.info().headers) == 1


def test_empty_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError):
        SourceFile(write(tmp_path, "e.csv", b"")).info()
    with pytest.raises(FileFormatError):
        SourceFile(write(tmp_path, "bad.xlsx", b"PK\x03\x04 not really")).info()


def test_sniffer_fallback_and_exported_quote_is_removed(tmp_path: Path) -> None:
    assert detect_delimiter("Nom") == ";"
    path = write(tmp_path, "f.csv", b"Nom;Tel;Montant\nDupont;'+33 6 12 34 56 78;'-12,50\nO'Brien;'t Hooft;x\n")
    assert values(path) == [("Dupont", "+33 6 12 34 56 78", "-12,50"), ("O'Brien", "'t Hooft", "x")]


def test_xlsx_with_formulas_and_merged_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Nom", "Prénom", "Ville", "Total", "Naissance", "Téléphone"])
    ws.append(["Dupont", "Jean", "Lyon", 12.5, dt.datetime(1980, 5, 17), 612345678])
    ws.append(["Martin", "Julie", "Paris", "=D2*2", None, "06 11 22 33 44"])
    ws.append([None, None, None, None, None, None])
    ws.append(["Durand", "Fusion", None, None, None, None])
    ws.merge_cells("B5:C5")
    path = tmp_path / "book.xlsx"
    wb.save(path)
    source = SourceFile(path)
    rows = list(source.rows())
    assert [r.values[0] for r in rows] == ["Dupont", "Martin", "Durand"]
    assert rows[0].values[3] == "12,5"
    assert rows[0].values[4] == "17/05/1980"
    assert rows[0].values[5] == "612345678"
    # A formula never computed by a spreadsheet has no value: empty, never "=D2*2".
    assert rows[1].values[3] == ""
    assert rows[2].values[1:3] == ("Fusion", "")
    notes = {n.code: n for n in source.info().notes}
    assert notes["merged_cells"].param("ranges") == "B5:C5"
    assert notes["formulas"].param("count") == "1"
    assert notes["empty_lines"].param("count") == "1"


VCARD_21 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;Zo=C3=A9;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=A9 Lef=C3=A8vre\r\n"
    "TEL;CELL:06 12 34 56 78\r\n"
    "EMAIL;INTERNET:zoe@example.fr\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Premi=C3=A8re ligne=0D=0A=\r\nDeuxi=C3=A8me ligne\r\n"
    "END:VCARD\r\n"
)
VCARD_30 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;François;;M.;\r\nFN:François Müller\r\n"
    "ORG:Brasserie Æther\r\nTITLE:Gérant\r\nTEL;TYPE=WORK:04 78 00 00 00\r\n"
    "ADR;TYPE=WORK:;;12 rue de la République;Lyon;;69002;France\r\n"
    "NOTE:Une note très longue qui est pliée sur plusieurs lignes pour vérifier que le\r\n  dépliage fonctionne\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR\r\n"
    " ofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/\r\n"
    "END:VCARD\r\n"
)
VCARD_40 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Association Les Amis\r\nORG:Association Les Amis\r\n"
    "TEL;VALUE=uri;TYPE=work:tel:+33-4-78-00-00-02\r\nEMAIL:contact@amis.example\r\nEND:VCARD\r\n"
)


def test_vcards_21_30_40_in_one_file(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.vcf", (VCARD_21 + VCARD_30 + VCARD_40 + "BEGIN:VCARD\r\nbroken\r\n").encode())
    source = SourceFile(path)
    assert source.format == "vcard"
    headers = source.info().headers
    rows = [dict(zip(headers, r.values, strict=True)) for r in source.rows()]
    assert len(rows) == 4
    zoe, francois, amis = rows[:3]
    assert (zoe["first_name"], zoe["last_name"], zoe["mobile"]) == ("Zoé", "Lefèvre", "06 12 34 56 78")
    assert zoe["notes"] == "Première ligne\r\nDeuxième ligne"
    assert francois["civility"] == "M."
    assert francois["organisation"] == "Brasserie Æther"
    assert francois["city"] == "Lyon" and francois["postcode"] == "69002" and francois["country"] == "France"
    assert francois["notes"].endswith("que le dépliage fonctionne")
    assert amis["kind"] == "organisation"
    assert amis["phone"] == "+33 4 78 00 00 02"
    assert list(source.rows())[3].problem == "malformed"
    assert {n.code for n in source.info().notes} == {"photos_ignored"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56", Decimal("1234.56")),
        ("1\u202f234,56 €", Decimal("1234.56")),
        ("-12,50", Decimal("-12.50")),
        ("1,234.56", Decimal("1234.56")),
        ("42", Decimal(42)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


def test_parse_date() -> None:
    assert parse_date("31/12/2026") == dt.date(2026, 12, 31)
    assert parse_date("2026-12-31") == dt.date(2026, 12, 31)
    assert parse_date("19800517") == dt.date(1980, 5, 17)
    assert parse_date("1.2.1999") == dt.date(1999, 2, 1)
    for bad in ("31/02/2026", "demain", "12/2026"):
        with pytest.raises(ValueError):
            parse_date(bad)
