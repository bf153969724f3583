"""The campaign report, the dashboard's campaign panel and the organisation's logo through the
real window: generate a campaign report from the Reports page, click a campaign's bar to open
it, choose a logo in the membership settings (a bad file refused) and see it on a report."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel

from ekocrm_desktop.reports.base import Formatter
from ekocrm_desktop.services.campaigns import CampaignService
from ekocrm_desktop.services.reporting import ReportingService
from ekocrm_desktop.ui.main_window import MainWindow
from tests.integration.campaign_helpers import Inbox, smtp_server
from tests.integration.campaign_report_helpers import seed_campaign

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def _text(pdf: bytes) -> str:
    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return raw.replace("\u202f", " ").replace("\u00a0", " ")


def test_campaign_report_generated_from_the_reports_page(qtbot, window: MainWindow, smtp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = window.session.db  # type: ignore[union-attr]
    window.resize(1280, 800)
    page = window.show_page("reports")
    page.set_kind("campaign")
    assert page.campaign_combo.isEnabled() and not page.period_combo.isEnabled()
    assert not page.generate()  # no campaign yet: said, nothing started
    assert page.info_label.text() == "There is no campaign to report on yet." and page.job is None
    _inbox, port = smtp
    first = seed_campaign(db, port, name="Portes ouvertes", people=6, follow_up=False)
    seeded = seed_campaign(db, port, name="Fête du patrimoine")
    # The campaigns service announces its writes; the picker follows.
    assert page.campaign_combo.findData(str(seeded.id)) >= 0 and page.campaign_combo.findData(str(first.id)) >= 0
    page.campaign_combo.setCurrentIndex(page.campaign_combo.findData(str(seeded.id)))
    with qtbot.waitSignal(page.generated, timeout=60_000) as signal:
        page.generate_button.click()
    pdf: bytes = signal.args[0]
    results = CampaignService(db).results(seeded.id)
    text = _text(pdf)
    assert "Campaign report" in text and "Fête du patrimoine" in text and "Portes ouvertes" not in text
    words = " ".join(text.split())
    assert f"Sent {results.sent} " in words and f"People who responded {results.responded} " in words
    # The interface is English here: British figures (the French ones are checked by the CLI test).
    english = Formatter("en_GB")
    assert english.money(results.actual_cost) in text and english.money(results.revenue) == "€2,800.50"
    assert english.money(results.revenue) in text
    previews = page.preview_pages.findChildren(QLabel, "previewPage")
    assert len(previews) == len(PdfReader(io.BytesIO(pdf)).pages)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)
    window.grab().save(str(SCREENSHOTS / "reports-campaign.png"))
    target = tmp_path / "campagne.pdf"
    page.choose_path = lambda *_args: target
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    assert target.read_bytes() == pdf


def test_dashboard_campaign_panel_shows_the_services_numbers_and_opens_the_campaign(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, smtp
) -> None:
    session = window.session
    assert session is not None
    db = session.db
    _inbox, port = smtp
    older = seed_campaign(db, port, name="Portes ouvertes", people=7, follow_up=False)
    newer = seed_campaign(db, port, name="Fête du patrimoine")
    CampaignService(db).create(
        __import__("ekocrm_desktop.services.campaigns", fromlist=["CampaignDraft"]).CampaignDraft(name="Brouillon")
    )
    window.resize(1280, 900)
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.reload()
    expected = ReportingService(db, membership=session.membership).dashboard()
    assert page.data == expected
    # Newest first in the data, drawn oldest first; the draft has no results to show.
    assert [c.name for c in expected.campaigns] == ["Fête du patrimoine", "Portes ouvertes"]
    campaigns = CampaignService(db)
    sent, answered = page.campaign_sets["sent"], page.campaign_sets["responded"]
    for index, campaign_id in enumerate((older.id, newer.id)):
        results = campaigns.results(campaign_id)
        assert (sent.at(index), answered.at(index)) == (results.sent, results.responded)
    assert (sent.at(1), answered.at(1)) == (17, 6)
    # Money on the pipeline axis in the user's locale, and every chart localises its numbers.
    pipeline = page.views["pipeline"].chart()
    values = next(a for a in pipeline.axes() if isinstance(a, QValueAxis))
    assert values.labelFormat() == "€%.0f"  # English window: "€12,500"
    assert all(page.views[key].chart().localizeNumbers() for key in page.views)
    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    from ekocrm_desktop.ui.pages.dashboard_page import money_label_format

    fr_format = money_label_format("EUR", french)
    assert fr_format == "%.0f\u00a0€"
    assert french.toString(12500.0, "f", 0) + fr_format[4:] == "12\u202f500\u00a0€"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)
    window.grab().save(str(SCREENSHOTS / "dashboard-campaigns.png"))
    # Clicking a campaign's bar opens the Campaigns page on it.
    answered.clicked.emit(0)
    opened = window.current_page()
    assert type(opened).__name__ == "CampaignsPage"
    assert opened.current is not None and opened.current.id == older.id
    window.show_page("dashboard")
    sent.clicked.emit(1)
    assert window.current_page().current.id == newer.id


def test_logo_chosen_in_the_settings_prints_on_report_covers(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    from ekocrm_desktop.reports.catalog import ReportRequest, build_report
    from ekocrm_desktop.services.reporting import Period

    db = window.session.db  # type: ignore[union-attr]
    window.resize(1280, 800)
    page = window.show_page("membership")
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    picker = page.logo_picker
    assert not picker.has_logo and picker.preview.text() == "No logo" and not picker.clear_button.isEnabled()
    # A file that is not an image: refused with the reason, nothing stored.
    bad = tmp_path / "logo.png"
    bad.write_text("ceci n'est pas une image")
    assert not picker.choose(str(bad))
    assert picker.error.isVisibleTo(picker) and "is not a PNG or JPEG image" in picker.error.text()
    assert ReportingService(db).logo() == b""
    missing = tmp_path / "absent.png"
    assert not picker.choose(str(missing)) and "cannot be read" in picker.error.text()
    gif = tmp_path / "anim.gif"
    Image.new("RGB", (40, 20), (200, 0, 0)).save(gif)
    assert not picker.choose(str(gif)) and "anim.gif" in picker.error.text()
    # A real PNG, through the "Choose…" button (the file dialog replaced).
    good = tmp_path / "amis-du-cafe.png"
    Image.new("RGB", (300, 120), (30, 79, 122)).save(good)
    picker.ask_path = lambda: str(good)
    with qtbot.waitSignal(picker.changed):
        picker.choose_button.click()
    assert picker.has_logo and not picker.error.isVisibleTo(picker)
    assert picker.preview.pixmap() is not None and not picker.preview.pixmap().isNull()
    assert ReportingService(db).logo() == good.read_bytes()
    good.unlink()  # stored in the workspace: the original file may go
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)
    window.grab().save(str(SCREENSHOTS / "membership-logo.png"))

    reports = window.show_page("reports")
    reports.set_kind("membership")
    with qtbot.waitSignal(reports.generated, timeout=60_000) as signal:
        reports.generate_button.click()
    assert len(PdfReader(io.BytesIO(signal.args[0])).pages[0].images) == 1

    window.show_page("membership")
    picker.clear_button.click()
    assert not picker.has_logo and ReportingService(db).logo() == b""
    plain = build_report(ReportingService(db), ReportRequest("membership", Period(*_november())))
    assert not PdfReader(io.BytesIO(plain)).pages[0].images


def _november():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2026, 11, 1), dt.date(2026, 11, 30)


def test_dashboard_paints_first_and_counts_dues_statuses_aside(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.job is None and page.status_job is None, timeout=30_000)
    # The figures without the dues statuses: every chart drawn, the dues chart says it is counting.
    quick = page.reporting.dashboard(statuses=False)
    assert quick.statuses == {}
    page.show_data(quick, statuses_ready=False)
    assert page.views["membership"].chart().title() == "Members by dues status (counting…)"
    # A reload paints first, then completes with the statuses: the service's figures.
    with qtbot.waitSignals([page.first_painted, page.loaded], timeout=30_000, order="strict"):
        page.reload()
    assert page.views["membership"].chart().title() == "Members by dues status"
    assert page.data == page.reporting.dashboard() and page.data is not None and page.data.statuses
