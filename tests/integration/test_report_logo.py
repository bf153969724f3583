"""The organisation's logo stored in the workspace (issue 7): a PNG or JPEG is kept as bytes and
printed on covers even after its file is gone; anything else is refused and the logo kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.reports.catalog import ReportRequest, build_report
from ekocrm_desktop.services.reporting import MAX_LOGO_BYTES, LogoError, Period, ReportingService
from tests.integration.reporting_helpers import NOVEMBER


def test_logo_stored_printed_refused_and_cleared(db: Database, tmp_path: Path) -> None:
    reporting = ReportingService(db)
    jpeg = tmp_path / "logo.jpg"
    Image.new("RGB", (240, 90), (120, 40, 40)).save(jpeg, format="JPEG")
    data = reporting.set_logo(str(jpeg))
    jpeg.unlink()  # the workspace keeps its own copy
    assert reporting.logo() == data and reporting.header().logo == data
    pdf = build_report(reporting, ReportRequest("pipeline", Period(*NOVEMBER)))
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1

    truncated = tmp_path / "cut.png"
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), (1, 2, 3)).save(buffer, format="PNG")
    truncated.write_bytes(buffer.getvalue()[:200])
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\0" * MAX_LOGO_BYTES)
    for path, code in ((truncated, "not_image"), (big, "too_large"), (tmp_path / "absent.png", "unreadable")):
        with pytest.raises(LogoError) as caught:
            reporting.set_logo(str(path))
        assert caught.value.code == code and path.name in str(caught.value)
        assert reporting.logo() == data  # the stored logo is kept

    reporting.clear_logo()
    assert reporting.logo() == b""
    pdf = build_report(reporting, ReportRequest("pipeline", Period(*NOVEMBER)))
    assert not PdfReader(io.BytesIO(pdf)).pages[0].images


@pytest.mark.postgres
def test_on_a_team_database_a_reader_may_not_change_the_logo(team, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ekocrm_desktop.services.errors import PermissionDeniedError

    png = tmp_path / "logo.png"
    Image.new("RGB", (100, 50), (0, 90, 0)).save(png)
    ada, rita = team.database("ada"), team.database("rita")
    try:
        data = ReportingService(ada).set_logo(str(png))
        with pytest.raises(PermissionDeniedError):
            ReportingService(rita).clear_logo()
        assert ReportingService(rita).logo() == data  # every desk prints the same logo
    finally:
        ada.dispose()
        rita.dispose()
