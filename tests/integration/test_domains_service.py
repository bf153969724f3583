"""Domain pages on real SQLite and PostgreSQL: each role's list with its own columns computed in
SQL (a client's revenue equals a Python sum of its won deals), filters, active vs former, and
converting prospects into clients with a dated role history (and undoing it)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.domains import Deal, DealStatus, PipelineStage
from ekocrm_desktop.services.contacts import AddressEntry, ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.domains import DomainService, RoleQuery
from ekocrm_desktop.services.errors import ConflictError
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.teams import TeamDraft, TeamService

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def domains(db: Database) -> DomainService:
    return DomainService(db, today=lambda: TODAY)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


def party(
    contacts: ContactService, name: str, *roles: RoleEntry, city: str = "", tags: tuple[str, ...] = ()
) -> uuid.UUID:
    addresses = (AddressEntry(city=city, postcode="69001"),) if city else ()
    draft = PartyDraft(kind="organisation", name=name, roles=roles, addresses=addresses, tags=tags)
    return contacts.create(draft).id


def rows(domains: DomainService, query: RoleQuery, sort: str = "name", descending: bool = False):  # type: ignore[no-untyped-def]
    total = domains.count(query)
    found = domains.page(query, sort, descending, PageRequest(0, 500, total))
    assert len(found) == total
    return found


def test_each_role_page_lists_the_current_holders_with_filters(
    domains: DomainService, contacts: ContactService
) -> None:
    hot = party(
        contacts, "Alpha", RoleEntry("prospect", dt.date(2025, 1, 1), status="chaud", category="PME"), city="Lyon"
    )
    cold = party(
        contacts,
        "Bêta",
        RoleEntry("prospect", dt.date(2025, 6, 1), status="froid", category="TPE"),
        city="Vienne",
        tags=("VIP",),
    )
    former = party(contacts, "Gamma", RoleEntry("prospect", dt.date(2024, 1, 1), dt.date(2025, 1, 1), status="perdu"))
    future = party(contacts, "Delta", RoleEntry("prospect", dt.date(2027, 1, 1)))
    party(contacts, "Epsilon", RoleEntry("partner", dt.date(2020, 1, 1), category="Institutionnel"))

    assert [r.id for r in rows(domains, RoleQuery("prospect"))] == [hot, cold]
    assert future not in [r.id for r in rows(domains, RoleQuery("prospect"))]
    assert [r.id for r in rows(domains, RoleQuery("prospect", former=True))] == [former]
    assert [r.id for r in rows(domains, RoleQuery("prospect", status="chaud"))] == [hot]
    assert [r.id for r in rows(domains, RoleQuery("prospect", category="TPE"))] == [cold]
    assert [r.id for r in rows(domains, RoleQuery("prospect", tag="vip"))] == [cold]
    assert [r.id for r in rows(domains, RoleQuery("prospect", city="lyon"))] == [hot]
    assert [r.id for r in rows(domains, RoleQuery("prospect", text="beta"))] == [cold]
    found = {r.id: r for r in rows(domains, RoleQuery("prospect"))}
    assert (found[hot].status, found[hot].category, found[hot].since) == ("chaud", "PME", dt.date(2025, 1, 1))
    by_since = rows(domains, RoleQuery("prospect"), sort="since", descending=True)
    assert [r.id for r in by_since] == [cold, hot]
    partners = rows(domains, RoleQuery("partner"))
    assert [(r.display_name, r.category) for r in partners] == [("Epsilon", "Institutionnel")]
    assert domains.count(RoleQuery("supplier")) == 0
    assert domains.statuses_in_use("prospect") == ["chaud", "froid", "perdu"]


def test_client_revenue_and_first_purchase_come_from_won_deals(
    db: Database, domains: DomainService, contacts: ContactService
) -> None:
    rng = random.Random(7)
    clients = [party(contacts, f"Client {i}", RoleEntry("client", dt.date(2024, 1, 1 + i))) for i in range(5)]
    expected: dict[uuid.UUID, Decimal] = {c: Decimal("0") for c in clients}
    first: dict[uuid.UUID, dt.date | None] = dict.fromkeys(clients)
    with db.write_session() as session:
        stage = PipelineStage(name="Gagné", position=5, probability=100, is_won=True)
        session.add(stage)
        session.flush()
        for n in range(40):
            client = rng.choice(clients[:4])  # the last one never bought
            status = rng.choice([DealStatus.WON, DealStatus.WON, DealStatus.LOST, DealStatus.OPEN]).value
            amount = Decimal(rng.randint(100, 99999)) / 100
            closed = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 400))
            deleted = n == 3
            session.add(
                Deal(
                    title=f"Affaire {n}",
                    party_id=client,
                    stage_id=stage.id,
                    status=status,
                    amount=amount,
                    closed_on=closed if status != DealStatus.OPEN.value else None,
                    deleted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if deleted else None,
                )
            )
            if status == DealStatus.WON.value and not deleted:
                expected[client] += amount
                first[client] = min(closed, first[client] or closed)
        session.commit()
    found = {r.id: r for r in rows(domains, RoleQuery("client"))}
    assert {c: found[c].revenue for c in clients} == expected
    assert {c: found[c].first_purchase for c in clients} == first
    assert found[clients[4]].revenue == 0 and found[clients[4]].first_purchase is None
    by_revenue = [r.id for r in rows(domains, RoleQuery("client"), sort="revenue", descending=True)]
    assert by_revenue == sorted(clients, key=lambda c: (expected[c], c), reverse=True)


def test_members_show_category_and_dues(db: Database, domains: DomainService, contacts: ContactService) -> None:
    paid = party(contacts, "Amis A", RoleEntry("member", dt.date(2025, 1, 1), category="bienfaiteur"))
    unpaid = party(contacts, "Amis B", RoleEntry("member", dt.date(2025, 1, 1), category="actif"))
    membership = MembershipService(db, today=lambda: TODAY)
    kind = membership.save_type(TypeDraft(name="Membre", category="active", fee=Decimal("30"))).id
    membership.record(SubscriptionDraft(paid, kind, dt.date(2026, 1, 1), Decimal("30"), dt.date(2026, 1, 5), "cheque"))
    found = {r.id: r for r in rows(domains, RoleQuery("member"))}
    assert (found[paid].category, found[paid].dues_status, found[paid].paid_until) == (
        "bienfaiteur",
        "up_to_date",
        dt.date(2026, 12, 31),
    )
    assert (found[unpaid].dues_status, found[unpaid].paid_until) == ("never_paid", None)
    assert [r.id for r in rows(domains, RoleQuery("member", category="actif"))] == [unpaid]


def test_collaborators_show_function_and_teams(db: Database, domains: DomainService, contacts: ContactService) -> None:
    ana = contacts.create(
        PartyDraft(
            first_name="Ana",
            last_name="Roux",
            job_title="Commerciale",
            roles=(RoleEntry("collaborator", dt.date(2020, 1, 1)),),
        )
    ).id
    bruno = contacts.create(
        PartyDraft(first_name="Bruno", last_name="Vial", roles=(RoleEntry("collaborator", dt.date(2020, 1, 1)),))
    ).id
    teams = TeamService(db, today=lambda: TODAY)
    north = teams.create(TeamDraft("Lyon Nord", "geography", leader_id=ana, member_ids=(ana, bruno)))
    teams.create(TeamDraft("Formation", "product", member_ids=(ana,)))
    found = {r.id: r for r in rows(domains, RoleQuery("collaborator"))}
    assert found[ana].function == "Commerciale"
    assert found[ana].teams == ("Formation", "Lyon Nord")
    assert found[bruno].teams == ("Lyon Nord",)
    assert [r.id for r in rows(domains, RoleQuery("collaborator", team_id=north.id))] == [ana, bruno]


def test_converting_prospects_keeps_a_dated_history_and_can_be_undone(
    db: Database, domains: DomainService, contacts: ContactService
) -> None:
    alpha = party(contacts, "Alpha", RoleEntry("prospect", dt.date(2025, 1, 1), status="chaud", category="PME"))
    beta = party(contacts, "Bêta", RoleEntry("prospect", dt.date(2025, 2, 1), category="TPE"))
    partner = party(contacts, "Gamma", RoleEntry("partner", dt.date(2025, 2, 1)))
    version = contacts.get(alpha).version
    with pytest.raises(ConflictError):
        domains.convert_to_clients([alpha], expected_versions={alpha: version - 1})

    change = domains.convert_to_clients([alpha, beta, partner], expected_versions={alpha: version})
    assert set(change.party_ids) == {alpha, beta} and change.skipped == (partner,)
    assert domains.role_history(alpha) == [
        ("prospect", dt.date(2025, 1, 1), TODAY, "chaud", "PME"),
        ("client", TODAY, None, "", "PME"),
    ]
    assert contacts.get(alpha).version > version
    assert domains.count(RoleQuery("prospect")) == 0
    assert {r.id for r in rows(domains, RoleQuery("client"))} == {alpha, beta}
    assert {r.id for r in rows(domains, RoleQuery("prospect", former=True))} == {alpha, beta}
    assert {r.category for r in rows(domains, RoleQuery("client"))} == {"PME", "TPE"}

    domains.undo_conversion(change)
    assert domains.role_history(alpha) == [("prospect", dt.date(2025, 1, 1), None, "chaud", "PME")]
    assert domains.count(RoleQuery("client")) == 0
    assert domains.count(RoleQuery("prospect")) == 2


def test_ending_and_adding_roles(domains: DomainService, contacts: ContactService) -> None:
    supplier = party(contacts, "Fournitures", RoleEntry("supplier", dt.date(2020, 1, 1)))
    domains.end_role([supplier], "supplier", day=dt.date(2026, 1, 31))
    assert domains.count(RoleQuery("supplier")) == 0
    assert [r.until for r in rows(domains, RoleQuery("supplier", former=True))] == [dt.date(2026, 1, 31)]
    other = party(contacts, "Transports", RoleEntry("supplier", dt.date(2020, 1, 1)))
    domains.end_role([other], "supplier")  # by default its last day is yesterday: gone today
    assert [r.until for r in rows(domains, RoleQuery("supplier", former=True)) if r.id == other] == [
        TODAY - dt.timedelta(days=1)
    ]
    again = domains.add_role([supplier], "supplier", category="Matériel")
    assert again.party_ids == (supplier,)
    assert domains.add_role([supplier], "supplier").skipped == (supplier,)
    assert [(r.since, r.category) for r in rows(domains, RoleQuery("supplier"))] == [(TODAY, "Matériel")]


@pytest.mark.parametrize("sort", ["name", "since", "status", "category", "until"])
def test_a_party_with_two_open_periods_shows_once_with_the_latest(
    domains: DomainService, contacts: ContactService, sort: str
) -> None:
    twice = party(
        contacts,
        "Double",
        RoleEntry("prospect", dt.date(2024, 1, 1), status="froid", category="TPE"),
        RoleEntry("prospect", dt.date(2025, 1, 1), status="chaud", category="PME"),
    )
    party(contacts, "Simple", RoleEntry("prospect", dt.date(2023, 1, 1), status="tiède"))
    for descending in (False, True):
        found = rows(domains, RoleQuery("prospect"), sort=sort, descending=descending)
        assert len(found) == 2
        row = next(r for r in found if r.id == twice)
        assert (row.since, row.status, row.category) == (dt.date(2025, 1, 1), "chaud", "PME")
    by_status = [r.status for r in rows(domains, RoleQuery("prospect"), sort="status")]
    assert by_status == sorted(by_status)


def test_a_conversion_of_any_size_names_a_slice_of_the_selection_at_a_time(
    db: Database, domains: DomainService, contacts: ContactService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ekocrm_desktop.services import paging
    from tests.integration.test_importing import _most_parameters

    ids = [party(contacts, f"Prospect {i}", RoleEntry("prospect", dt.date(2025, 1, 1))) for i in range(7)]
    monkeypatch.setattr(paging, "IN_LIST_SIZE", 3)
    counts, stop = _most_parameters(db)
    try:
        change = domains.convert_to_clients(ids)
    finally:
        stop()
    assert set(change.party_ids) == set(ids)
    assert counts and max(counts) <= 3, counts
    assert {r.id for r in rows(domains, RoleQuery("client"))} == set(ids)
