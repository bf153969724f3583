"""Membership on real SQLite and PostgreSQL: dues statuses over time with an injected day,
subscriptions and their gapless receipt numbers, resignations, the members list."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models import Subscription
from ekocrm_desktop.services.contacts import AddressEntry, ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import (
    MemberQuery,
    MembershipService,
    MembershipSettings,
    SubscriptionDraft,
    TypeDraft,
    next_period_start,
    period_for,
    take_receipt_number,
)
from ekocrm_desktop.services.paging import PageRequest


class Today:
    """A settable "today" injected into the service."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def today() -> Today:
    return Today(dt.date(2026, 3, 1))


@pytest.fixture
def membership(db: Database, today: Today) -> MembershipService:
    return MembershipService(db, today=today)


@pytest.fixture
def contacts(db: Database) -> ContactService:
    return ContactService(db)


def member(contacts: ContactService, first: str, last: str, since: dt.date | None = None, **kw: object) -> uuid.UUID:
    roles = (RoleEntry("member", since),) if since else ()
    draft = PartyDraft(kind="person", first_name=first, last_name=last, roles=roles, **kw)  # type: ignore[arg-type]
    return contacts.create(draft).id


def active_type(membership: MembershipService, **kw: object) -> uuid.UUID:
    values: dict[str, object] = {"name": "Membre actif", "category": "active", "fee": Decimal("35")}
    values.update(kw)
    return membership.save_type(TypeDraft(**values)).id  # type: ignore[arg-type]


def pay(
    membership: MembershipService,
    party: uuid.UUID,
    kind: uuid.UUID,
    start: dt.date,
    paid_on: dt.date | None,
    amount: str = "35",
    method: str = "cheque",
):  # type: ignore[no-untyped-def]
    return membership.record(SubscriptionDraft(party, kind, start, Decimal(amount), paid_on, method if paid_on else ""))


def status_on(membership: MembershipService, today: Today, party: uuid.UUID, day: dt.date) -> str:
    today.day = day
    return membership.status_of(party).status


# ---------------------------------------------------------------------------- statuses over time
def test_calendar_year_status_moves_from_never_paid_to_up_to_date_due_soon_and_late(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    hélène = member(contacts, "Hélène", "Lefèvre", dt.date(2025, 9, 1))
    outsider = member(contacts, "Jérôme", "Martin")

    assert status_on(membership, today, hélène, dt.date(2025, 8, 31)) == "none"  # not yet a member
    assert status_on(membership, today, hélène, dt.date(2025, 9, 1)) == "never_paid"
    assert status_on(membership, today, outsider, dt.date(2026, 1, 1)) == "none"

    today.day = dt.date(2026, 1, 15)
    sub = pay(membership, hélène, kind, dt.date(2026, 1, 15), dt.date(2026, 1, 15))
    assert (sub.period_start, sub.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    # Due-soon window of 30 days: the period ends on 31/12, so "due soon" from 01/12 on.
    assert status_on(membership, today, hélène, dt.date(2026, 6, 1)) == "up_to_date"
    assert status_on(membership, today, hélène, dt.date(2026, 11, 30)) == "up_to_date"
    assert status_on(membership, today, hélène, dt.date(2026, 12, 1)) == "due_soon"
    assert status_on(membership, today, hélène, dt.date(2026, 12, 31)) == "due_soon"
    assert status_on(membership, today, hélène, dt.date(2027, 1, 1)) == "late"
    status = membership.status_of(hélène)
    assert status.paid_until == dt.date(2026, 12, 31)
    assert status.type_name == "Membre actif" and status.member_since == dt.date(2025, 9, 1)

    # A wider window is a setting: with 45 days, "due soon" from 16/11 on.
    membership.save_settings(MembershipSettings(due_soon_days=45))
    assert status_on(membership, today, hélène, dt.date(2026, 11, 16)) == "due_soon"
    assert status_on(membership, today, hélène, dt.date(2026, 11, 15)) == "up_to_date"

    # Paying the next year puts her back up to date.
    today.day = dt.date(2027, 1, 20)
    renewal = membership.suggest(hélène)
    assert renewal.period_start == dt.date(2027, 1, 1) and renewal.type_id == kind and renewal.amount == Decimal("35")
    membership.record(SubscriptionDraft(hélène, kind, renewal.period_start, Decimal("35"), today.day, "transfer"))
    assert membership.status_of(hélène).status == "up_to_date"
    assert membership.status_of(hélène).paid_until == dt.date(2027, 12, 31)


def test_rolling_twelve_months_runs_from_the_payment(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(
        membership, name="Jeune (moins de 26 ans)", category="youth", fee=Decimal("15"), duration="rolling_year"
    )
    zoé = member(contacts, "Zoé", "Dupré", dt.date(2026, 3, 15))
    today.day = dt.date(2026, 3, 15)
    sub = pay(membership, zoé, kind, dt.date(2026, 3, 15), dt.date(2026, 3, 15), "15")
    assert (sub.period_start, sub.period_end) == (dt.date(2026, 3, 15), dt.date(2027, 3, 14))
    assert status_on(membership, today, zoé, dt.date(2027, 2, 11)) == "up_to_date"
    assert status_on(membership, today, zoé, dt.date(2027, 2, 12)) == "due_soon"
    assert status_on(membership, today, zoé, dt.date(2027, 3, 14)) == "due_soon"
    assert status_on(membership, today, zoé, dt.date(2027, 3, 15)) == "late"
    # Renewing before the end continues the period; renewing after a lapse starts on the day.
    today.day = dt.date(2027, 3, 1)
    assert membership.suggest(zoé).period_start == dt.date(2027, 3, 15)
    today.day = dt.date(2027, 9, 10)
    assert membership.suggest(zoé).period_start == dt.date(2027, 9, 10)


def test_period_rules() -> None:
    assert period_for("calendar_year", dt.date(2026, 7, 4)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period_for("rolling_year", dt.date(2024, 2, 29)) == (dt.date(2024, 2, 29), dt.date(2025, 2, 27))
    assert period_for("rolling_year", dt.date(2026, 1, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    today = dt.date(2026, 11, 20)
    assert next_period_start("calendar_year", None, today) == dt.date(2026, 1, 1)
    assert next_period_start("calendar_year", dt.date(2026, 12, 31), today) == dt.date(2027, 1, 1)
    assert next_period_start("calendar_year", dt.date(2023, 12, 31), today) == dt.date(2026, 1, 1)
    assert next_period_start("rolling_year", dt.date(2026, 12, 3), today) == dt.date(2026, 12, 4)
    assert next_period_start("rolling_year", dt.date(2026, 5, 3), today) == today


def test_resignation_takes_effect_the_day_after_and_can_be_undone(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    paul = member(contacts, "Paul", "Girard", dt.date(2020, 1, 1))
    today.day = dt.date(2026, 2, 1)
    pay(membership, paul, kind, dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    before = contacts.get(paul).version
    membership.resign(paul, dt.date(2026, 6, 30))
    assert contacts.get(paul).version == before + 1  # the roles are part of the party
    assert status_on(membership, today, paul, dt.date(2026, 6, 30)) == "up_to_date"
    assert status_on(membership, today, paul, dt.date(2026, 7, 1)) == "resigned"
    assert membership.status_of(paul).member_until == dt.date(2026, 6, 30)
    # Resigning someone who is no member on that day says so and changes nothing.
    with pytest.raises(ValidationFailedError) as error:
        membership.resign(paul, dt.date(2026, 8, 1))
    assert error.value.errors[0].code == "not_member"
    membership.cancel_resignation(paul)
    assert status_on(membership, today, paul, dt.date(2026, 7, 1)) == "up_to_date"
    with pytest.raises(ValidationFailedError) as error:
        membership.resign(paul, dt.date(2019, 6, 30))
    assert error.value.errors[0].code == "resign_before_join"


def test_rejoining_after_resigning_gives_a_new_member_role(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    anne = member(contacts, "Anne", "Roux", dt.date(2019, 1, 1))
    membership.resign(anne, dt.date(2023, 12, 31))
    today.day = dt.date(2026, 4, 2)
    assert membership.status_of(anne).status == "resigned"
    pay(membership, anne, kind, dt.date(2026, 1, 1), dt.date(2026, 4, 2))
    assert membership.status_of(anne).status == "up_to_date"
    roles = [r for r in contacts.get(anne).draft.roles if r.role == "member"]
    assert [(r.since, r.until) for r in roles] == [
        (dt.date(2019, 1, 1), dt.date(2023, 12, 31)),
        (dt.date(2026, 1, 1), None),
    ]
    # Recording a subscription for someone who was never a member makes them one.
    newcomer = member(contacts, "Loïc", "Noël")
    pay(membership, newcomer, kind, dt.date(2026, 1, 1), dt.date(2026, 4, 2))
    assert [r.role for r in contacts.get(newcomer).draft.roles] == ["member"]


def test_an_unpaid_subscription_does_not_count_until_it_is_paid(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    léa = member(contacts, "Léa", "Faure", dt.date(2026, 1, 1))
    today.day = dt.date(2026, 2, 10)
    pending = pay(membership, léa, kind, dt.date(2026, 1, 1), None)
    assert pending.receipt_number == "" and not pending.is_paid
    assert membership.status_of(léa).status == "never_paid"
    paid = membership.update_subscription(
        pending.id, pending.version, SubscriptionDraft(léa, kind, dt.date(2026, 1, 1), Decimal("35"), today.day, "cash")
    )
    assert paid.receipt_number == "2026-0001"
    assert membership.status_of(léa).status == "up_to_date"
    # A stale form conflicts instead of overwriting.
    with pytest.raises(ConflictError):
        membership.update_subscription(pending.id, pending.version, pending.draft())
    # Once a receipt exists, the payment cannot be removed: cancel the subscription instead.
    unpay = SubscriptionDraft(léa, kind, paid.period_start, paid.amount, None, "")
    with pytest.raises(ValidationFailedError) as error:
        membership.update_subscription(paid.id, paid.version, unpay)
    assert error.value.errors[0].code == "receipt_issued"


def test_bad_input_is_refused_with_the_field_and_nothing_is_written(
    membership: MembershipService, contacts: ContactService, today: Today, db: Database
) -> None:
    kind = active_type(membership)
    marc = member(contacts, "Marc", "Henry", dt.date(2024, 1, 1))
    today.day = dt.date(2026, 5, 5)
    pay(membership, marc, kind, dt.date(2026, 1, 1), dt.date(2026, 1, 10))
    may, next_year = dt.date(2026, 5, 1), dt.date(2027, 1, 1)
    cases = [
        (SubscriptionDraft(marc, kind, dt.date(2026, 6, 1), Decimal("35"), may, "cash"), "period_overlap"),
        (SubscriptionDraft(marc, kind, next_year, Decimal("35"), dt.date(2026, 5, 6), "cash"), "date_future"),
        (SubscriptionDraft(marc, kind, next_year, Decimal("-5"), may, "cash"), "amount_invalid"),
        (SubscriptionDraft(marc, kind, next_year, Decimal("3.505"), may, "cash"), "amount_invalid"),
        (SubscriptionDraft(marc, kind, next_year, Decimal("35"), may, ""), "required"),
        (SubscriptionDraft(marc, uuid.uuid4(), next_year, Decimal("35"), None, ""), "required"),
    ]
    for draft, code in cases:
        with pytest.raises(ValidationFailedError) as error:
            membership.record(draft)
        assert code in [e.code for e in error.value.errors], (draft, error.value.errors)
    overlap = membership.validate_subscription(cases[0][0])[1][0]
    assert overlap.params == {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}
    with db.session() as session:
        assert len(session.scalars(select(Subscription)).all()) == 1
    # A zero amount (honorary members) needs no payment method.
    honorary = active_type(membership, name="Membre d'honneur", category="honorary", fee=Decimal("0"))
    free = membership.record(SubscriptionDraft(marc, honorary, dt.date(2027, 1, 1), Decimal("0"), today.day, ""))
    assert free.receipt_number == "2026-0002"


def test_membership_types_validate_and_keep_the_ones_in_use(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    with pytest.raises(ValidationFailedError) as error:
        membership.save_type(TypeDraft(name="  membre ACTIF ", fee=Decimal("10")))
    assert error.value.errors[0].code == "duplicate_name"
    with pytest.raises(ValidationFailedError) as error:
        membership.save_type(TypeDraft(name="", category="king", duration="forever", fee=Decimal("-1")))
    assert {e.field for e in error.value.errors} == {"name", "category", "duration", "fee"}
    spare = membership.save_type(TypeDraft(name="Bienfaiteur", category="benefactor", fee=Decimal("100.5")))
    assert spare.fee == Decimal("100.50")
    updated = membership.save_type(
        TypeDraft(name="Membre bienfaiteur", category="benefactor", fee=Decimal("120")),
        type_id=spare.id,
        expected_version=spare.version,
    )
    assert updated.version == spare.version + 1
    with pytest.raises(ConflictError):
        membership.save_type(spare.draft, type_id=spare.id, expected_version=spare.version)
    payer = member(contacts, "Noémie", "Blanc", dt.date(2026, 1, 1))
    pay(membership, payer, kind, dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    membership.delete_type(kind)  # in use: deactivated, not removed
    membership.delete_type(spare.id)
    assert [(t.name, t.is_active) for t in membership.types()] == [("Membre actif", False)]
    assert membership.types(include_inactive=False) == []


# ---------------------------------------------------------------------------- receipts
def test_receipts_are_numbered_per_year_without_gaps_and_cancelling_keeps_the_number(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    people = [member(contacts, "Adhérent", f"N{i}", dt.date(2025, 1, 1)) for i in range(4)]
    today.day = dt.date(2026, 12, 30)
    first = pay(membership, people[0], kind, dt.date(2026, 1, 1), dt.date(2025, 12, 20))
    second = pay(membership, people[1], kind, dt.date(2026, 1, 1), dt.date(2026, 1, 3))
    third = pay(membership, people[2], kind, dt.date(2026, 1, 1), dt.date(2026, 1, 4))
    assert [first.receipt_number, second.receipt_number, third.receipt_number] == [
        "2025-0001",
        "2026-0001",
        "2026-0002",
    ]
    cancelled = membership.delete_subscription(second.id)
    assert cancelled.deleted_at is not None and cancelled.receipt_number == "2026-0001"
    fourth = pay(membership, people[3], kind, dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert fourth.receipt_number == "2026-0003"  # 0001 stays used by the cancelled receipt
    assert membership.receipt(second.id).cancelled
    restored = membership.restore_subscription(second.id)
    assert restored.deleted_at is None and restored.receipt_number == "2026-0001"
    receipt = membership.receipt(third.id)
    assert receipt.amount == Decimal("35.00") and receipt.member.display_name == "Adhérent N2"
    unpaid = pay(membership, people[0], kind, dt.date(2027, 1, 1), None)
    with pytest.raises(NotFoundError):
        membership.receipt(unpaid.id)


@pytest.mark.postgres
def test_concurrent_payments_on_postgresql_take_numbers_without_gaps_or_duplicates(pg_db: Database) -> None:
    today = Today(dt.date(2026, 6, 1))
    membership = MembershipService(pg_db, today=today)
    contacts = ContactService(pg_db)
    kind = active_type(membership)
    workers, per_worker = 6, 8
    role = RoleEntry("member", dt.date(2026, 1, 1))
    people = contacts.create_many(
        [
            PartyDraft(kind="person", first_name="Membre", last_name=f"{w}-{i}", roles=(role,))
            for w in range(workers)
            for i in range(per_worker)
        ]
    )
    barrier = threading.Barrier(workers + 2)
    errors: list[BaseException] = []

    def pay_many(worker: int) -> None:
        try:
            barrier.wait()
            for i in range(per_worker):
                party = people[worker * per_worker + i]
                pay(membership, party, kind, dt.date(2026, 1, 1), dt.date(2026, 5, 1 + i))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def take_and_roll_back() -> None:
        # A payment that takes a number and then fails must give it back.
        try:
            barrier.wait()
            for _ in range(5):
                with pg_db.write_session() as session:
                    take_receipt_number(session, 2026)
                    session.rollback()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pay_many, args=(w,)) for w in range(workers)]
    threads += [threading.Thread(target=take_and_roll_back) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    with pg_db.session() as session:
        numbers = sorted(session.scalars(select(Subscription.receipt_seq).where(Subscription.receipt_year == 2026)))
    assert numbers == list(range(1, workers * per_worker + 1))


# ---------------------------------------------------------------------------- lists
def test_members_list_filters_sorts_and_pages_by_status_in_sql(
    membership: MembershipService, contacts: ContactService, today: Today
) -> None:
    kind = active_type(membership)
    youth = active_type(membership, name="Jeune", category="youth", fee=Decimal("15"), duration="rolling_year")
    today.day = dt.date(2026, 1, 10)
    ids = {}
    for name, paid_for in (("Alice", 2026), ("Bruno", 2025), ("Chloé", None), ("Denis", 2026), ("Éva", 2024)):
        ids[name] = member(
            contacts,
            name,
            "Membre",
            dt.date(2023, 1, 1),
            emails=(EmailEntry(f"{name[0]}@ex.fr"),),
            addresses=(AddressEntry(city="Lyon", postcode="69001"),),
        )
        if paid_for:
            pay(membership, ids[name], kind, dt.date(paid_for, 1, 1), dt.date(paid_for, 1, 5), "35")
    pay(membership, ids["Denis"], youth, dt.date(2027, 1, 1), dt.date(2026, 1, 9), "15")
    gone = member(contacts, "Gaston", "Parti", dt.date(2020, 1, 1))
    membership.resign(gone, dt.date(2025, 12, 31))
    member(contacts, "Not", "Member")

    def listed(query: MemberQuery, sort: str = "name", descending: bool = False) -> list[str]:
        total = membership.count(query)
        rows = membership.page(query, sort, descending, PageRequest(0, 50, total))
        assert len(rows) == total
        return [r.display_name for r in rows]

    everyone = ["Alice Membre", "Bruno Membre", "Chloé Membre", "Denis Membre", "Éva Membre", "Gaston Parti"]
    assert listed(MemberQuery()) == everyone
    assert listed(MemberQuery(status="late")) == ["Bruno Membre", "Éva Membre"]
    assert listed(MemberQuery(status="never_paid")) == ["Chloé Membre"]
    assert listed(MemberQuery(status="resigned")) == ["Gaston Parti"]
    assert listed(MemberQuery(type_id=youth)) == ["Denis Membre"]
    assert listed(MemberQuery(text="chloe")) == ["Chloé Membre"]
    by_status = listed(MemberQuery(), "status")
    assert by_status[:3] == ["Bruno Membre", "Éva Membre", "Chloé Membre"] and by_status[-1] == "Gaston Parti"
    assert listed(MemberQuery(), "paid_until", descending=True)[0] == "Denis Membre"
    rows = membership.page(MemberQuery(), "name", False, PageRequest(0, 2, 6))
    assert rows[0].type_name == "Membre actif" and rows[0].last_amount == Decimal("35.00")
    assert rows[0].paid_until == dt.date(2026, 12, 31) and rows[0].status == "up_to_date"
    # The next window by keyset, as the table model asks for it.
    more = membership.page(MemberQuery(), "name", False, PageRequest(2, 2, 6, after=rows[-1].sort_key))
    assert [r.display_name for r in more] == ["Chloé Membre", "Denis Membre"]
    counts = membership.status_counts()
    assert counts["up_to_date"] == 2 and counts["late"] == 2 and counts["never_paid"] == 1 and counts["resigned"] == 1
    assert membership.member_ids(statuses=("up_to_date", "due_soon")) == [ids["Alice"], ids["Denis"]]
    assert membership.member_ids(type_ids=(youth,)) == [ids["Denis"]]
    cards = membership.cards([ids["Alice"], ids["Bruno"], ids["Denis"]])
    assert [(c.member_name, c.valid_until) for c in cards] == [
        ("Alice Membre", dt.date(2026, 12, 31)),
        ("Denis Membre", dt.date(2027, 12, 31)),
    ]


def test_settings_round_trip_and_refuse_values_out_of_range(membership: MembershipService) -> None:
    assert membership.settings() == MembershipSettings()
    saved = membership.save_settings(
        MembershipSettings(
            due_soon_days=20,
            quorum_percent=Decimal("33.33"),
            max_proxies=3,
            organisation_name=" Les Amis du Patrimoine ",
            organisation_address="3 place des Terreaux\n69001 Lyon",
            signatory="La trésorière, Hélène Lefèvre",
        )
    )
    assert membership.settings() == saved and saved.organisation_name == "Les Amis du Patrimoine"
    assert membership.organisation().address_lines == ("3 place des Terreaux", "69001 Lyon")
    with pytest.raises(ValidationFailedError) as error:
        membership.save_settings(MembershipSettings(due_soon_days=-1, quorum_percent=Decimal("120"), max_proxies=-2))
    assert {e.field for e in error.value.errors} == {"due_soon_days", "quorum_percent", "max_proxies"}
    assert membership.settings() == saved
    assert MembershipSettings.from_json("not json") == MembershipSettings()
    assert MembershipSettings.from_json('{"due_soon_days": "x"}') == MembershipSettings()
