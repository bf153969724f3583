"""Reports and dashboard through the real window: generate a report in a worker, preview it,
save it, print it to a PDF printer; the dashboard's charts show the services' numbers and a
click on a bar opens the matching list."""

from __future__ import annotations

import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel

from ekocrm_desktop.models.activities import Activity
from ekocrm_desktop.services.membership import SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.reporting import ReportingService
from ekocrm_desktop.ui.main_window import MainWindow
from tests.integration.reporting_helpers import NOVEMBER, add_activities, seed_people

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def test_generate_preview_save_and_print_an_activity_report(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = window.session.db  # type: ignore[union-attr]
    page = window.show_page("reports")  # built before the team exists: it must show up
    seeded = seed_people(db)
    from ekocrm_desktop.db.database import Changes

    db.announce(Changes.of("team", [seeded.team_id], "party"))  # what the teams service announces
    add_activities(db, seeded, 120, *NOVEMBER)
    add_activities(db, seeded, 40, dt.date(2026, 10, 2), dt.date(2026, 10, 31), seed=2)
    window.resize(1280, 800)
    page = window.show_page("reports")
    page.set_kind("activity")
    page.set_scope(team_id=seeded.team_id)
    page.set_period(*NOVEMBER)
    with qtbot.waitSignal(page.generated, timeout=60_000) as signal:
        assert page.generate()
        assert page.progress.isVisible() and not page.generate_button.isEnabled()  # in a worker
    pdf: bytes = signal.args[0]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    expected = ReportingService(db).activity_report(
        page.request().scope,
        page.request().period,  # type: ignore[arg-type]
    )
    assert "Ventes Lyon" in text and str(expected.total) in text
    previews = page.preview_pages.findChildren(QLabel, "previewPage")
    assert previews and not previews[0].pixmap().isNull() and previews[0].pixmap().width() > 500
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the layout place the preview pages
    window.grab().save(str(SCREENSHOTS / "reports-page.png"))

    target = tmp_path / "rapport.pdf"
    page.choose_path = lambda *_args: target
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    assert target.read_bytes() == pdf

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert page.print_to(printer)
    assert len(PdfReader(printed).pages) == len(PdfReader(io.BytesIO(pdf)).pages)


def test_contact_sheet_picked_by_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    db = window.session.db  # type: ignore[union-attr]
    seeded = seed_people(db)
    add_activities(db, seeded, 10, *NOVEMBER)
    page = window.show_page("reports")
    page.set_kind("contact")
    page.party_edit.setText("cafe")  # accents and case ignored by the search
    page.party_edit.refresh()
    page.party_edit.choose_row(0)
    assert page.party_edit.chosen_id() == seeded.client
    with qtbot.waitSignal(page.generated, timeout=60_000) as signal:
        page.generate_button.click()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(signal.args[0])).pages)
    assert "Société Générale de Café" in text and "Machines à café Lyon" in text


def test_cancel_a_report(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("reports")
    page.set_kind("membership")
    page.generate()
    page.cancel()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    assert page.generate_button.isEnabled()


def test_dashboard_shows_the_services_numbers_and_bars_open_lists(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    db = session.db
    seeded = seed_people(db)
    today = dt.date.today()
    add_activities(db, seeded, 60, today - dt.timedelta(days=20), today)
    with db.write_session() as writing:
        writing.add_all(
            [
                Activity(
                    type="call_out",
                    subject="Relancer",
                    occurred_at=dt.datetime.now(dt.UTC),
                    is_task=True,
                    assignee_id=seeded.bruno,
                    due_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                ),
                Activity(
                    type="call_out",
                    subject="Préparer",
                    occurred_at=dt.datetime.now(dt.UTC),
                    is_task=True,
                    assignee_id=seeded.bruno,
                    due_at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
                ),
            ]
        )
        writing.commit()
    kind = session.membership.save_type(TypeDraft(name="Active", category="active", fee=Decimal("30")))
    from ekocrm_desktop.services.contacts import PartyDraft, RoleEntry

    member = session.contacts.create(
        PartyDraft(first_name="Léa", last_name="Roux", roles=(RoleEntry("member", dt.date(2024, 1, 1)),))
    ).id
    session.membership.record(
        SubscriptionDraft(member, kind.id, dt.date(today.year, 1, 1), Decimal("30"), today, "cash")
    )
    window.resize(1280, 800)
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    with qtbot.waitSignal(page.loaded, timeout=30_000):
        page.reload()
    expected = ReportingService(db, membership=session.membership).dashboard()
    data = page.data
    assert data == expected
    # What the charts draw is what the service counted.
    weeks_chart = page.views["activities"].chart()
    drawn = [sum(s.at(i) for s in weeks_chart.series()[0].barSets()) for i in range(len(expected.weeks))]
    assert drawn == [w.total for w in expected.weeks] and sum(drawn) == 62  # 60 activities and 2 tasks
    bruno = next(row for row in expected.tasks if row[0] == seeded.bruno)
    assert bruno[2:] == (2, 1)
    index = [row[0] for row in expected.tasks].index(seeded.bruno)
    assert page.task_sets["open"].at(index) == 2 and page.task_sets["overdue"].at(index) == 1
    stage_index = next(i for i, s in enumerate(expected.stages) if s.key == seeded.stages[1])
    assert page.stage_set is not None and page.stage_set.at(stage_index) == 12345.5
    axis = page.views["pipeline"].chart().axes()[0]
    assert isinstance(axis, QBarCategoryAxis) and axis.categories()[stage_index] == "Proposition"
    assert page.status_set is not None
    codes = page._status_codes
    assert [page.status_set.at(i) for i in range(len(codes))] == [expected.statuses[c] for c in codes]
    léa_status = session.membership.status_of(member).status
    status_index = codes.index(léa_status)
    assert page.status_set.at(status_index) == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)
    window.grab().save(str(SCREENSHOTS / "dashboard.png"))

    # Clicking a bar (the bar set's own signal, as QtCharts emits it) opens the matching list.
    page.stage_set.clicked.emit(stage_index)
    deals = window.current_page()
    assert deals.objectName() == "DealsPage" or type(deals).__name__ == "DealsPage"
    assert deals.query().stage_id == seeded.stages[1]
    assert deals.model.rowCount() == 1
    window.show_page("dashboard")
    page.status_set.clicked.emit(status_index)
    membership = window.current_page()
    assert membership.query().status == léa_status
    qtbot.waitUntil(lambda: membership.model.rowCount() == 1)
    window.show_page("dashboard")
    page.task_sets["overdue"].clicked.emit(index)
    tasks = window.current_page()
    assert tasks.view() == "overdue" and tasks.assignee_filter == seeded.bruno
    assert tasks.model.rowCount() == 1  # Bruno's overdue task only
    window.show_page("dashboard")
    page.task_sets["open"].clicked.emit(index)
    assert tasks.view() == "all" and tasks.model.rowCount() == 2  # both of Bruno's open tasks
    assert os.environ.get("QT_QPA_PLATFORM") == "offscreen"
