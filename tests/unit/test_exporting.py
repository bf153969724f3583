"""Exports: typed XLSX cells, neutralised formulas in CSV and XLSX, and a lossless read back."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ekocrm_desktop.services.exporting import ExportColumn, neutralise, write_csv, write_xlsx
from ekocrm_desktop.services.tabular import FORMULA_TRIGGERS, SourceFile, parse_number

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "+1+1",
    "-1+1",
    "+33 6 12 34 56 78",
    "-12,50",
]
COLUMNS = [
    ExportColumn("text", "Texte"),
    ExportColumn("day", "Date", "date"),
    ExportColumn("amount", "Montant", "money"),
    ExportColumn("phone", "Téléphone", "phone"),
]


def rows() -> list[list[object]]:
    return [[p, dt.date(2026, 12, 31), Decimal("-12.50"), "+33612345678"] for p in PAYLOADS]


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("Dupont") == "Dupont"
    assert neutralise("") == ""
    assert all(neutralise(p)[0] == "'" for p in PAYLOADS)


def test_csv_has_no_live_formula_and_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    assert write_csv(path, COLUMNS, rows()) == len(PAYLOADS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: French Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = list(csv.reader(handle, delimiter=";"))
    assert cells[0] == ["Texte", "Date", "Montant", "Téléphone"]
    for line in cells[1:]:
        assert not line[0].startswith(FORMULA_TRIGGERS)
        assert line[1] == "31/12/2026"
        assert line[2] == "-12,50"  # a number: not neutralised
        assert line[3] == "'+33 6 12 34 56 78"
    # Our importer gives back the exact strings.
    back = [r.values for r in SourceFile(path).rows()]
    assert [v[0] for v in back] == PAYLOADS
    assert {v[3] for v in back} == {"+33 6 12 34 56 78"}
    assert {parse_number(v[2]) for v in back} == {Decimal("-12.50")}


def test_csv_with_comma_uses_a_decimal_point(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, COLUMNS, rows()[:1], delimiter=",")
    line = path.read_text(encoding="utf-8-sig").splitlines()[1]
    assert ",-12.50," in line


def test_xlsx_cells_are_typed_and_never_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_xlsx(path, COLUMNS, rows())
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["Texte", "Date", "Montant", "Téléphone"]
    for index, row in enumerate(ws.iter_rows(min_row=2), start=0):
        text, day, amount, phone = row
        assert text.data_type == "s"
        assert text.value == PAYLOADS[index].replace("\r", "\n")
        assert day.is_date and day.value == dt.datetime(2026, 12, 31)
        assert day.number_format == "DD/MM/YYYY"
        assert amount.data_type == "n" and amount.value == -12.5
        assert phone.data_type == "s" and phone.value == "+33 6 12 34 56 78"
    # XML turns a carriage return into a line feed (the cell is still a string, not a formula).
    expected = [p.replace("\r", "\n") for p in PAYLOADS]
    assert [r.values[0] for r in SourceFile(path).rows()] == expected


def test_an_xlsx_sheet_stops_at_its_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel holds 1,048,576 rows a sheet: a longer one is refused, not written for Excel to cut."""
    from ekocrm_desktop.services import exporting

    monkeypatch.setattr(exporting, "XLSX_MAX_ROWS", 3)
    full = tmp_path / "full.xlsx"
    assert write_xlsx(full, COLUMNS, rows()[:3]) == 3
    assert len(list(SourceFile(full).rows())) == 3
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    pending = list(ALL_TEMP_FILES)
    with pytest.raises(exporting.ExportTooBigError) as refused:
        write_xlsx(tmp_path / "over.xlsx", COLUMNS, rows()[:4])
    assert (refused.value.rows, refused.value.limit) == (4, 3)
    assert not (tmp_path / "over.xlsx").exists()
    assert pending == ALL_TEMP_FILES  # the sheet's temporary file is gone too


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@\t"), min_size=1),
        min_size=1,
        max_size=5,
    )
)
@example(["'=1+1", "'t Hooft", "'"])
def test_any_text_round_trips_through_csv(tmp_path: Path, texts: list[str]) -> None:
    texts = [t for t in texts if t.strip()] or ["x"]
    path = tmp_path / "h.csv"
    write_csv(path, [ExportColumn("t", "Texte")], [[t] for t in texts])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [line[0] for line in list(csv.reader(handle, delimiter=";"))[1:]]
    assert not any(c.startswith(FORMULA_TRIGGERS) for c in cells)
    read = [r.values[0] for r in SourceFile(path, None).rows()]
    assert read == texts


def _to_ods(path: Path, profile: Path) -> str:
    """LibreOffice opens `path` and saves it as ODS; the sheet's XML."""
    import zipfile

    out = path.parent / "converted"
    args = ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "ods"]
    if path.suffix == ".csv":
        # Separator ;, UTF-8, and "evaluate formulas" on (13th token): the strongest test.
        args.append("--infilter=CSV:59,34,76,1,,1036,false,true,false,false,false,-1,true,false,true")
    subprocess.run([*args, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(out / (path.stem + ".ods")) as archive:
        return archive.read("content.xml").decode()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_finds_no_formula(tmp_path: Path) -> None:
    """The exports opened by LibreOffice headless: no cell holds a formula (a raw CSV control does)."""
    profile = tmp_path / "lo"
    control = tmp_path / "control.csv"
    control.write_text("A;B\n=2+2;x\n", encoding="utf-8-sig")
    assert "table:formula" in _to_ods(control, profile)
    csv_path = tmp_path / "payloads.csv"
    write_csv(csv_path, COLUMNS, rows())
    xlsx_path = tmp_path / "sheet.xlsx"
    write_xlsx(xlsx_path, COLUMNS, rows())
    for path in (csv_path, xlsx_path):
        content = _to_ods(path, profile)
        assert "table:formula" not in content, path.name
        assert "HYPERLINK" in content  # the payloads are there, as text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("=+-@\t'"), min_size=1),
        min_size=1,
        max_size=5,
    )
)
@example(["=1+1", "'=1+1", "+33 6 12 34 56 78"])
def test_any_text_round_trips_through_xlsx_as_string_cells(tmp_path: Path, texts: list[str]) -> None:
    from openpyxl import load_workbook

    texts = [t for t in texts if t.strip()] or ["x"]
    path = tmp_path / "h.xlsx"
    write_xlsx(path, [ExportColumn("t", "Texte")], [[t] for t in texts])
    cells = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells] == texts
    assert [r.values[0] for r in SourceFile(path).rows()] == texts
