"""The dashboard's dues status counts (one pass over the members' roles) equal the membership
service's own, for the cases the single pass treats apart: several member roles for one person,
a payer without a member role, a trashed member, a future member."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import delete

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.party import PartyRole
from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.reporting import ReportingService

TODAY = dt.date(2026, 12, 3)


def test_status_counts_equal_the_membership_services(db: Database) -> None:
    membership = MembershipService(db, today=lambda: TODAY)
    contacts = ContactService(db)
    kind = membership.save_type(TypeDraft(name="Active", category="active", fee=Decimal("30")))

    def member(name: str, *roles: RoleEntry) -> object:
        return contacts.create(PartyDraft(first_name=name, last_name="Test", roles=roles)).id

    since = RoleEntry("member", dt.date(2024, 1, 1))
    paid = member("Payé", since)
    membership.record(
        SubscriptionDraft(paid, kind.id, dt.date(2026, 1, 1), Decimal("30"), dt.date(2026, 1, 5), "cash")  # type: ignore[arg-type]
    )
    soon = member("Bientôt", since)
    membership.record(
        SubscriptionDraft(soon, kind.id, dt.date(2025, 12, 20), Decimal("30"), dt.date(2025, 12, 20), "cash")  # type: ignore[arg-type]
    )
    member("Jamais", since)
    # Two member roles: an old one that ended, a current one: a member, not resigned.
    member(
        "Revenu",
        RoleEntry("member", dt.date(2020, 1, 1), dt.date(2021, 1, 1)),
        RoleEntry("member", dt.date(2023, 1, 1)),
    )
    member("Parti", RoleEntry("member", dt.date(2020, 1, 1), dt.date(2022, 1, 1)))
    member("Futur", RoleEntry("member", dt.date(2027, 6, 1)))
    trashed = member("Corbeille", since)
    contacts.delete([trashed])
    # Paid without a member role (the role was removed afterwards).
    payer = member("Payeur", since)
    membership.record(
        SubscriptionDraft(payer, kind.id, dt.date(2024, 1, 1), Decimal("30"), dt.date(2024, 1, 3), "cash")  # type: ignore[arg-type]
    )
    with db.write_session() as session:
        session.execute(delete(PartyRole).where(PartyRole.party_id == payer))
        session.commit()
    reporting = ReportingService(db, today=lambda: TODAY, membership=membership)
    expected = membership.status_counts(TODAY)
    assert reporting.status_counts(TODAY) == expected
    assert expected["resigned"] == 1 and expected["never_paid"] == 2 and sum(expected.values()) >= 6
