"""The reports (issue 7) built from generated data and read back: totals in the PDF equal totals
counted independently in SQL, French figures, the previous-period comparison, page counts that
grow with the data, every report's first page rendered to PNG for a look."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.activities import Activity
from ekocrm_desktop.models.domains import Deal, TeamMember
from ekocrm_desktop.reports.activity import activity_pdf
from ekocrm_desktop.reports.catalog import ReportRequest, build_report
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.deals import DealDraft, DealService
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.reporting import ACTIVITY_TYPES, Period, ReportingService, Scope, day_bounds
from tests.integration.reporting_helpers import FR, NOVEMBER, add_activities, seed_people

PARIS = dt.timezone(dt.timedelta(hours=1))


def pdf_text(data: bytes) -> str:
    """The text of every page (pypdf)."""
    return plain("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def plain(text: str) -> str:
    """French spaces as text extraction gives them back (the PDF draws U+202F and U+00A0 as spaces)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def plumber_lines(data: bytes) -> list[str]:
    """Lines as laid out (pdfplumber keeps a table row on one line)."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [plain(line) for page in document.pages for line in (page.extract_text() or "").splitlines()]


def service(db: Database) -> ReportingService:
    return ReportingService(db, today=lambda: dt.date(2026, 12, 3))


def sql_count(db: Database, where: str, **params: object) -> int:
    """Counted with hand-written SQL, independently of the service's queries."""
    with db.session() as session:
        return int(
            session.execute(
                text(f"SELECT count(*) FROM activity WHERE deleted_at IS NULL AND {where}"), params
            ).scalar_one()
        )


def test_activity_report_totals_match_sql_and_compare_with_the_previous_period(db: Database) -> None:
    seeded = seed_people(db)
    add_activities(db, seeded, 240, *NOVEMBER)
    add_activities(db, seeded, 90, dt.date(2026, 10, 2), dt.date(2026, 10, 31), seed=3)
    reporting = service(db)
    period = Period(*NOVEMBER)
    data = reporting.activity_report(Scope(team_id=seeded.team_id), period)
    start, end = day_bounds(period, reporting.tz)
    prev_start, prev_end = day_bounds(period.previous(), reporting.tz)
    assert period.previous() == Period(dt.date(2026, 10, 2), dt.date(2026, 10, 31))

    # Independent SQL: activities of Alice and Bruno (the team), per type, in both periods.
    members = "owner_id IN (SELECT party_id FROM team_member WHERE team_id = :team)"
    bounds = "occurred_at >= :start AND occurred_at < :end"
    team = seeded.team_id if db.dialect == "postgresql" else seeded.team_id.hex
    for kind in ACTIVITY_TYPES:
        now = sql_count(
            db,
            f"{members} AND {bounds} AND type = :type",
            team=team,
            start=_bind(db, start),
            end=_bind(db, end),
            type=kind,
        )
        before = sql_count(
            db,
            f"{members} AND {bounds} AND type = :type",
            team=team,
            start=_bind(db, prev_start),
            end=_bind(db, prev_end),
            type=kind,
        )
        found = next(t for t in data.types if t.type == kind)
        assert (found.count, found.previous) == (now, before), kind
    total = sql_count(db, f"{members} AND {bounds}", team=team, start=_bind(db, start), end=_bind(db, end))
    previous = sql_count(db, f"{members} AND {bounds}", team=team, start=_bind(db, prev_start), end=_bind(db, prev_end))
    assert data.total == total and data.previous_total == previous and 0 < previous < total
    assert sum(w.total for w in data.weeks) == total
    assert sum(c.total for c in data.collaborators) == total
    assert {c.name for c in data.collaborators} == {"Alice Martin", "Bruno Lefèvre"}  # Chloé is not in the team
    assert len(data.activities) == total

    labels = {"page": "Page %1 sur %2", "total": "Total", "activity.title": "Rapport d’activité"}
    pdf = activity_pdf(data, labels=labels)
    content = pdf_text(pdf)
    assert "Rapport d’activité" in content and "Ventes Lyon" in content
    change = (total - previous) / previous
    expected_pct = "+" + FR.percent(change, 1)
    # The totals row: count, previous, absolute and relative change, in French.
    total_line = next(line for line in plumber_lines(pdf) if line.startswith("Total ") and plain(expected_pct) in line)
    assert total_line == plain(
        f"Total {FR.number(total)} {FR.number(previous)} +{FR.number(total - previous)} {expected_pct}"
    )
    assert "," in expected_pct and "\u00a0%" in expected_pct  # French decimal comma and no-break space
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page 1 sur {pages}" in content and f"Page {pages} sur {pages}" in content
    # Grouped by day with the people and the deals.
    assert "dimanche 1 novembre 2026".capitalize() in content
    assert "Société Générale de" in content and "Machines à" in content


def _bind(db: Database, value: dt.datetime) -> object:
    # SQLite stores naive UTC text; PostgreSQL an aware timestamp.
    return value.replace(tzinfo=None).isoformat(" ") if db.dialect == "sqlite" else value


def test_cover_has_the_organisation_name_and_logo(db: Database, tmp_path: Path) -> None:
    from PIL import Image

    from ekocrm_desktop.models.settings import AppSetting
    from ekocrm_desktop.services.membership import MembershipSettings
    from ekocrm_desktop.services.reporting import LOGO_KEY

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (30, 79, 122)).save(logo)
    MembershipService(db).save_settings(MembershipSettings(organisation_name="Les Amis du Café"))
    reporting = service(db)
    without = build_report(reporting, ReportRequest("pipeline", Period(*NOVEMBER)))
    with db.write_session() as session:
        session.add(AppSetting(key=LOGO_KEY, value=f'"{logo}"'))
        session.commit()
    with_logo = build_report(reporting, ReportRequest("pipeline", Period(*NOVEMBER)))
    assert "Les Amis du Café" in pdf_text(with_logo)
    first = PdfReader(io.BytesIO(with_logo)).pages[0]
    assert len(first.images) == 1 and not PdfReader(io.BytesIO(without)).pages[0].images


def test_one_collaborator_and_everyone(db: Database) -> None:
    seeded = seed_people(db)
    add_activities(db, seeded, 90, *NOVEMBER)
    reporting = service(db)
    period = Period(*NOVEMBER)
    chloe = reporting.activity_report(Scope(collaborator_id=seeded.chloe), period)
    everyone = reporting.activity_report(Scope(), period)
    assert chloe.total == 30 and everyone.total == 90  # every third activity is Chloé's
    assert [c.name for c in chloe.collaborators] == ["Chloé Durand"]
    assert chloe.header.scope_name == "Chloé Durand" and everyone.header.scope_name == "Everyone"


def test_page_count_grows_with_the_data(db: Database) -> None:
    seeded = seed_people(db)
    reporting = service(db)
    period = Period(*NOVEMBER)
    add_activities(db, seeded, 30, *NOVEMBER)
    small = len(PdfReader(io.BytesIO(activity_pdf(reporting.activity_report(Scope(), period)))).pages)
    add_activities(db, seeded, 600, *NOVEMBER, seed=11)
    data = reporting.activity_report(Scope(), period)
    pdf = activity_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > small + 5
    # A day's table broken across pages repeats its header on the next page.
    for page in reader.pages[3:6]:
        assert "Subject" in page.extract_text()


def test_tasks_and_deals_of_the_period(db: Database) -> None:
    seeded = seed_people(db)
    reporting = service(db)
    with db.write_session() as session:

        def task(status: str, due: dt.datetime | None, done: dt.datetime | None, who: object) -> Activity:
            return Activity(
                type="call_out",
                subject="Rappeler",
                occurred_at=dt.datetime(2026, 11, 5, 9, tzinfo=dt.UTC),
                is_task=True,
                status=status,
                due_at=due,
                done_at=done,
                assignee_id=who,
                owner_id=who,
            )

        session.add_all(
            [
                task("done", None, dt.datetime(2026, 11, 10, 9, tzinfo=dt.UTC), seeded.alice),
                task("done", None, dt.datetime(2026, 10, 10, 9, tzinfo=dt.UTC), seeded.alice),  # before the period
                task("todo", dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), None, seeded.bruno),  # overdue
                task("in_progress", dt.datetime(2026, 12, 20, 9, tzinfo=dt.UTC), None, seeded.alice),  # open, not late
                task("todo", dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), None, seeded.chloe),  # not in the team
            ]
        )
        deal = session.get(Deal, seeded.deal_id)
        assert deal is not None
        deal.status, deal.closed_on = "won", dt.date(2026, 11, 15)
        session.commit()
    # Moved to another stage in November (the history says so), by Bruno (in the team) and Chloé (not).
    clock = {"now": dt.datetime(2026, 11, 12, 10, tzinfo=dt.UTC)}
    deals = DealService(db)
    mover = Database(db.engine, actor="tester", clock=lambda: clock["now"]) if db.dialect == "sqlite" else db
    moved_deals = DealService(mover)
    bruno_deal = moved_deals.create(
        DealDraft(title="Formation barista", owner_id=seeded.bruno, stage_id=seeded.stages[0], amount=Decimal("900"))
    )
    chloe_deal = moved_deals.create(
        DealDraft(title="Torréfacteur", owner_id=seeded.chloe, stage_id=seeded.stages[0], amount=Decimal("500"))
    )
    for created in (bruno_deal, chloe_deal):
        moved_deals.move_to_stage(created.id, seeded.stages[2])
    assert deals.get(bruno_deal.id).draft.stage_id == seeded.stages[2]
    data = reporting.activity_report(Scope(team_id=seeded.team_id), Period(*NOVEMBER))
    assert (data.tasks.completed, data.tasks.overdue, data.tasks.open) == (1, 1, 2)
    assert [d.title for d in data.deals_won] == ["Machines à café Lyon"]
    if db.dialect == "sqlite":  # the PostgreSQL triggers stamp the server's time: today, not November
        assert [(d.title, d.stage, d.day) for d in data.deals_moved] == [
            ("Formation barista", "Négociation", dt.date(2026, 11, 12))
        ]
    everyone = reporting.activity_report(Scope(), Period(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
    assert {d.title for d in everyone.deals_moved} == {"Formation barista", "Torréfacteur"}
    content = pdf_text(activity_pdf(data))
    assert plain(FR.money(Decimal("12345.50"))) in content


def test_pipeline_report_weighted_forecast_and_lost_reasons(db: Database) -> None:
    seeded = seed_people(db)
    deals = DealService(db)
    with db.write_session() as session:
        session.add_all(
            [
                Deal(
                    title="Formation",
                    owner_id=seeded.bruno,
                    stage_id=seeded.stages[0],
                    amount=Decimal("1000.00"),
                    probability=20,
                ),
                Deal(
                    title="Logiciel",
                    owner_id=seeded.bruno,
                    stage_id=seeded.stages[2],
                    amount=Decimal("2500.25"),
                    probability=80,
                ),
                Deal(
                    title="Perdue 1",
                    owner_id=seeded.alice,
                    stage_id=seeded.stages[0],
                    amount=Decimal("700.00"),
                    status="lost",
                    lost_reason="prix",
                    closed_on=dt.date(2026, 11, 3),
                ),
                Deal(
                    title="Perdue 2",
                    owner_id=seeded.alice,
                    stage_id=seeded.stages[0],
                    amount=Decimal("300.00"),
                    status="lost",
                    lost_reason="prix",
                    closed_on=dt.date(2026, 11, 4),
                ),
            ]
        )
        session.commit()
    assert deals.stages()
    reporting = service(db)
    data = reporting.pipeline_report(Period(*NOVEMBER))
    with db.session() as session:
        amount, weighted = session.execute(
            text(
                "SELECT sum(amount), sum(amount * probability) / 100 FROM deal"
                " WHERE status = 'open' AND deleted_at IS NULL"
            )
        ).one()
    assert data.open_amount == Decimal(str(amount)).quantize(Decimal("0.01"))
    assert data.weighted == Decimal(str(weighted)).quantize(Decimal("0.01"))
    assert [(r.reason, r.count, r.amount) for r in data.lost_reasons] == [("prix", 2, Decimal("1000.00"))]
    pdf = build_report(
        reporting, ReportRequest("pipeline", Period(*NOVEMBER)), labels={"lost_reason.prix": "Prix trop élevé"}
    )
    content = pdf_text(pdf)
    assert plain(FR.money(data.weighted)) in content and plain(FR.money(data.open_amount)) in content
    assert "Prix trop élevé" in content and plain(FR.money(Decimal("1000"))) in content


def test_membership_report_counts_and_receipts(db: Database) -> None:
    membership = MembershipService(db, today=lambda: dt.date(2026, 12, 3))
    contacts = ContactService(db)
    kind = membership.save_type(TypeDraft(name="Adhésion active", category="active", fee=Decimal("35.00")))
    amounts = []
    for index in range(12):
        party = contacts.create(
            PartyDraft(
                first_name=f"Membre{index}", last_name="Dupré", roles=(RoleEntry("member", dt.date(2025, 1, 1)),)
            )
        ).id
        if index % 3:
            amount = Decimal("35.00") + index
            membership.record(
                SubscriptionDraft(
                    party,
                    kind.id,
                    dt.date(2026, 1, 1),
                    amount,
                    dt.date(2026, 11, 1 + index),
                    "cheque" if index % 2 else "cash",
                )
            )
            amounts.append(amount)
    # Former members and late payers too, for the dashboard's counts below.
    late = contacts.create(
        PartyDraft(first_name="Ancien", last_name="Retard", roles=(RoleEntry("member", dt.date(2024, 1, 1)),))
    ).id
    membership.record(SubscriptionDraft(late, kind.id, dt.date(2025, 1, 1), Decimal("35"), dt.date(2025, 2, 1), "cash"))
    gone = contacts.create(
        PartyDraft(first_name="Parti", last_name="Démission", roles=(RoleEntry("member", dt.date(2024, 1, 1)),))
    ).id
    membership.resign(gone, dt.date(2026, 6, 30))
    reporting = ReportingService(db, today=lambda: dt.date(2026, 12, 3), membership=membership)
    data = reporting.membership_report(Period(*NOVEMBER))
    assert data.statuses == {k: v for k, v in membership.status_counts(dt.date(2026, 12, 3)).items() if v}
    # The dashboard counts from the members' rows: the same figures as the membership service.
    assert reporting.status_counts(dt.date(2026, 12, 3)) == membership.status_counts(dt.date(2026, 12, 3))
    assert sum(data.statuses.values()) == 14
    assert {k for k, v in data.statuses.items() if v} == {"due_soon", "never_paid", "late", "resigned"}
    with db.session() as session:
        total = session.execute(
            text(
                "SELECT sum(amount) FROM membership_subscription"
                " WHERE paid_on BETWEEN '2026-11-01' AND '2026-11-30' AND deleted_at IS NULL"
            )
        ).scalar_one()
    assert data.receipts_total == Decimal(str(total)).quantize(Decimal("0.01")) == sum(amounts)
    content = pdf_text(build_report(reporting, ReportRequest("membership", Period(*NOVEMBER))))
    assert plain(FR.money(sum(amounts, Decimal(0)))) in content
    assert len(data.receipts) == 8 and "2026-0001" in content


def test_contact_sheet_has_everything_about_a_person(db: Database) -> None:
    seeded = seed_people(db)
    add_activities(db, seeded, 20, *NOVEMBER)
    contacts = ContactService(db)
    from ekocrm_desktop.services.contacts import AffiliationEntry, EmailEntry, PhoneEntry

    hélène = contacts.create(
        PartyDraft(
            first_name="Hélène",
            last_name="Lefèvre",
            job_title="Directrice",
            emails=(EmailEntry("helene@cafe.fr"),),
            phones=(PhoneEntry("+33612345678"),),
            affiliations=(AffiliationEntry(seeded.client, "Acheteuse"),),
        )
    ).id
    reporting = service(db)
    assert reporting.find_party("hélène lefèvre") == hélène
    sheet = reporting.contact_sheet(hélène)
    assert sheet.organisations == (("Société Générale de Café", "Acheteuse"),)
    org_sheet = reporting.contact_sheet(seeded.client)
    assert len(org_sheet.activities) == 20 and [d.title for d in org_sheet.deals] == ["Machines à café Lyon"]
    content = pdf_text(build_report(reporting, ReportRequest("contact", party_id=hélène)))
    assert "Hélène Lefèvre" in content and "helene@cafe.fr" in content and "Directrice" in content


def test_dashboard_figures(db: Database) -> None:
    seeded = seed_people(db)
    add_activities(db, seeded, 50, dt.date(2026, 11, 23), dt.date(2026, 12, 3))
    reporting = service(db)
    board = reporting.dashboard()
    assert len(board.weeks) == 8 and board.weeks[-1].monday == dt.date(2026, 11, 30)
    assert sum(w.total for w in board.weeks) == 50
    assert [s.name for s in board.stages] == [s.name for s in DealService(db).stages() if not s.is_closing]
    proposition = next(s for s in board.stages if s.key == seeded.stages[1])
    assert proposition.amount == Decimal("12345.50") and proposition.count == 1


def test_first_pages_rendered_for_a_look(db: Database, tmp_path: Path) -> None:
    """Writes artifacts/reports/*.png (git-ignored) from every report's first page."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    seeded = seed_people(db)
    add_activities(db, seeded, 150, *NOVEMBER)
    add_activities(db, seeded, 60, dt.date(2026, 10, 2), dt.date(2026, 10, 31), seed=5)
    reporting = service(db)
    folder = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    requests = {
        "activity": ReportRequest("activity", Period(*NOVEMBER), Scope(team_id=seeded.team_id), requested_by="Alice"),
        "pipeline": ReportRequest("pipeline", Period(*NOVEMBER)),
        "membership": ReportRequest("membership", Period(*NOVEMBER)),
        "contact": ReportRequest("contact", party_id=seeded.client),
    }
    for name, request in requests.items():
        pdf = tmp_path / f"{name}.pdf"
        build_report(reporting, request, pdf)
        stem = folder / f"{name}-{db.dialect}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
        )
        assert stem.with_suffix(".png").stat().st_size > 5000
        with pdfplumber.open(pdf) as document:
            assert "\ufffd" not in (document.pages[0].extract_text() or "")


def test_cli_and_window_builder_write_the_same_report(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ekocrm report activity` writes what the window's builder writes for the same request."""
    from ekocrm_desktop.cli import main as cli_main
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, open_workspace

    assert cli_main(["workspace", "add", "Asso", "--sqlite", str(tmp_path / "asso.sqlite")]) == 0
    opened = open_workspace(WorkspaceRegistry().get("Asso"))
    db = opened.db
    seeded = seed_people(db)
    add_activities(db, seeded, 80, *NOVEMBER)
    out = tmp_path / "cli.pdf"
    args = [
        "report",
        "activity",
        "--workspace",
        "Asso",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--team",
        "Ventes Lyon",
    ]
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
        reporting,
        ReportRequest("activity", Period(*NOVEMBER), Scope(team_id=seeded.team_id), requested_by=db.actor),
        labels=labels,
    )
    # Only the generation time may differ (the cover's "Établi le 6 déc. 2026, 11:31:28").
    generated = re.compile(r"\d{2}:\d{2}:\d{2}")
    cli_text = generated.sub("", pdf_text(out.read_bytes()))
    assert "Rapport d’activité" in cli_text and "Ventes Lyon" in cli_text and "Établi le" in cli_text
    assert cli_text == generated.sub("", pdf_text(window))
    assert (
        cli_main(
            [
                "report",
                "contact",
                "--workspace",
                "Asso",
                "--party",
                "Personne Inconnue",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    db.dispose()


def test_membership_count_matches_team_members(db: Database) -> None:
    """Team scope uses the team's members as stored (a guard against counting by name)."""
    seeded = seed_people(db)
    with db.session() as session:
        members = session.scalar(
            select(func.count()).select_from(TeamMember).where(TeamMember.team_id == seeded.team_id)
        )
    assert members == 2
