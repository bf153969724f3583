"""The campaign report (issue 7) built from a campaign really sent (SMTP on loopback) and read
back: its figures equal the campaigns service's SQL results, money is French, the command line
writes the same report as the window's builder, and page 1 is rendered to PNG for a look."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.reports.catalog import KINDS, ReportRequest, build_report
from ekocrm_desktop.services.campaigns import CampaignService
from ekocrm_desktop.services.errors import NotFoundError
from ekocrm_desktop.services.reporting import ReportingService
from tests.integration.campaign_helpers import Inbox, smtp_server
from tests.integration.campaign_report_helpers import seed_campaign
from tests.integration.reporting_helpers import FR
from tests.integration.test_reports import pdf_text, plain, plumber_lines


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    yield from smtp_server()


def service(db: Database) -> ReportingService:
    return ReportingService(db, today=lambda: dt.date(2026, 12, 3))


def line_of(lines: list[str], label: str) -> str:
    """The table row that starts with `label` (pdfplumber keeps a row on one line)."""
    return next(line for line in lines if line.startswith(label + " "))


def test_campaign_report_figures_equal_the_services_sql_results(db: Database, smtp: tuple[Inbox, int]) -> None:
    _inbox, port = smtp
    seeded = seed_campaign(db, port)
    results = CampaignService(db).results(seeded.id)
    reporting = service(db)
    data = reporting.campaign_report(seeded.id)
    assert data.results == results
    # Independent SQL over the ledger: states and responses per send.
    with db.session() as session:
        campaign = seeded.id if db.dialect == "postgresql" else seeded.id.hex
        per_step = {
            (int(position), state): int(count)
            for position, state, count in session.execute(
                text(
                    "SELECT s.position, r.state, count(*) FROM campaign_recipient r"
                    " JOIN campaign_step s ON s.id = r.step_id WHERE r.campaign_id = :c GROUP BY s.position, r.state"
                ),
                {"c": campaign},
            )
        }
    assert [(s.position, s.sent, s.failed, s.bounced) for s in data.steps] == [
        (p, per_step.get((p, "sent"), 0), per_step.get((p, "failed"), 0), per_step.get((p, "bounced"), 0))
        for p in (1, 2)
    ]
    assert data.bounced == results.bounced == 1 and data.failed_only == results.failed == 1
    assert sum(s.sent for s in data.steps) == results.sent
    assert results.responded == 6 and results.responses["interested"] == 3
    assert results.cost_per_response == Decimal("205.75")  # 1 234,50 € for 6 people
    assert [d.title for d in data.deals] == sorted(seeded.won_titles)
    assert results.revenue == sum((d.amount for d in data.deals), Decimal(0)) == Decimal("2800.50")

    pdf = build_report(reporting, ReportRequest("campaign", campaign_id=seeded.id), labels={"page": "Page %1 sur %2"})
    content = pdf_text(pdf)
    lines = plumber_lines(pdf)
    assert "Campaign report" in content and "Fête du patrimoine" in content
    assert line_of(lines, "Recipients") == f"Recipients {results.recipients}"
    assert line_of(lines, "Sent") == f"Sent {results.sent}"
    assert line_of(lines, "Failed").startswith("Failed 1 ") and line_of(lines, "Bounced").startswith("Bounced 1 ")
    assert line_of(lines, "People who responded").startswith(f"People who responded {results.responded} ")
    assert line_of(lines, "Interested") == plain(f"Interested 3 {FR.percent(3 / 6, 1)}")
    # French money: "1 234,50 €" (narrow no-break space, decimal comma, euro after).
    assert line_of(lines, "Actual cost") == plain(f"Actual cost {FR.money(Decimal('1234.50'))}")
    assert plain(FR.money(Decimal("1234.50"))) == "1 234,50 €"
    assert line_of(lines, "Budget left") == plain(f"Budget left {FR.money(Decimal('265.50'))}")
    assert line_of(lines, "Budget used") == plain(f"Budget used {FR.percent(Decimal('1234.5') / 1500, 1)}")
    assert line_of(lines, "Cost per response") == plain(f"Cost per response {FR.money(Decimal('205.75'))}")
    assert line_of(lines, "Revenue (deals won)") == plain(f"Revenue (deals won) {FR.money(results.revenue)}")
    # The sends: the first one and the follow-up, and their totals.
    total_line = next(line for line in lines if line.startswith("Total ") and "€" not in line)
    totals = [sum(getattr(s, n) for s in data.steps) for n in ("sent", "failed", "bounced", "skipped", "waiting")]
    assert total_line.startswith("Total " + " ".join(str(t) for t in totals))
    words = " ".join(content.split())  # a wrapped cell reads as one line
    assert "First send" in words and "Follow-up 1" in words and "Those who did not respond" in words
    assert "Adhésion bienfaiteur" in content and "Mécénat" not in content and "Hors campagne" not in content
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page {pages} sur {pages}" in content
    assert "campaign" in KINDS


def test_over_budget_no_response_and_unknown_campaign(db: Database, smtp: tuple[Inbox, int]) -> None:
    _inbox, port = smtp
    reporting = service(db)
    campaigns = CampaignService(db)
    from ekocrm_desktop.services.campaigns import CampaignDraft

    draft = campaigns.create(CampaignDraft(name="Brouillon", budget=Decimal("100"), actual_cost=Decimal("150.25")))
    pdf = build_report(reporting, ReportRequest("campaign", campaign_id=draft.id))
    lines = plumber_lines(pdf)
    assert line_of(lines, "Over budget by") == plain(f"Over budget by {FR.money(Decimal('50.25'))}")
    assert line_of(lines, "Cost per response") == "Cost per response \u2013"
    assert "The campaign has not been sent yet." in pdf_text(pdf) and "No response recorded yet." in pdf_text(pdf)
    assert reporting.find_campaign("brouillon") == draft.id
    with pytest.raises(NotFoundError):
        reporting.find_campaign("Nulle part")
    del port


def test_campaign_report_first_page_rendered_for_a_look(db: Database, smtp: tuple[Inbox, int]) -> None:
    """Writes artifacts/reports/campaign-<dialect>.png (git-ignored) from the report's first page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _inbox, port = smtp
    seeded = seed_campaign(db, port)
    folder = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"campaign-{db.dialect}.pdf"  # the whole report beside its picture
    build_report(service(db), ReportRequest("campaign", campaign_id=seeded.id, requested_by="Alice"), pdf)
    stem = folder / f"campaign-{db.dialect}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    assert stem.with_suffix(".png").stat().st_size > 5000
    with pdfplumber.open(pdf) as document:
        assert "\ufffd" not in (document.pages[0].extract_text() or "")


def test_cli_writes_the_same_campaign_report_as_the_window(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], smtp: tuple[Inbox, int]
) -> None:
    """`ekocrm report campaign` writes what the window's builder writes for the same campaign."""
    from ekocrm_desktop.cli import main as cli_main
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, open_workspace

    _inbox, port = smtp
    assert cli_main(["workspace", "add", "Asso", "--sqlite", str(tmp_path / "asso.sqlite")]) == 0
    db = open_workspace(WorkspaceRegistry().get("Asso")).db
    seeded = seed_campaign(db, port)
    out = tmp_path / "cli.pdf"
    args = ["report", "campaign", "--workspace", "Asso", "--campaign", "fête du patrimoine"]
    assert cli_main([*args, "--out", str(out)]) == 0
    assert "report written" in capsys.readouterr().out
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.report_labels import report_labels

    reporting = ReportingService(db)
    install_translators(qapp, "fr")  # the window of a French user
    try:
        labels = report_labels(reporting.lost_reasons())
    finally:
        install_translators(qapp, "en")
    window = build_report(
        reporting, ReportRequest("campaign", campaign_id=seeded.id, requested_by=db.actor), labels=labels
    )
    generated = re.compile(r"\d{2}:\d{2}:\d{2}")
    cli_text = generated.sub("", pdf_text(out.read_bytes()))
    assert "Rapport de campagne" in cli_text and "Fête du patrimoine" in cli_text and "Intéressé" in cli_text
    assert plain(FR.money(Decimal("1234.50"))) in cli_text
    assert cli_text == generated.sub("", pdf_text(window))
    missing = ["report", "campaign", "--workspace", "Asso", "--campaign", "Inconnue", "--out", str(tmp_path / "x.pdf")]
    assert cli_main(missing) == 2
    assert "not found" in capsys.readouterr().err
    db.dispose()
