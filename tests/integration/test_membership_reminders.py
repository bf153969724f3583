"""The renewal reminder sequence on real databases: who is reminded when, payers and resigned
members never, and the ledger that keeps any reminder from going out twice."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.db.engine import make_engine, sqlite_url
from ekocrm_desktop.services import merge_fields as merge
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.membership import MembershipService, RuleDraft, SubscriptionDraft, TypeDraft

BODY = "Bonjour {first_name},\nvotre adhésion « {type} » prend fin le {paid_until}. Cotisation : {fee}.\n{organisation}"
SEQUENCE = (
    RuleDraft("Un mois avant", -30, "email", "Votre adhésion prend fin le {paid_until}", BODY),
    RuleDraft("Le jour même", 0, "email", "Votre adhésion prend fin aujourd'hui", BODY),
    RuleDraft("Quinze jours après", 15, "letter", "", BODY),
)


class Today:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def today() -> Today:
    return Today(dt.date(2026, 1, 10))


@pytest.fixture
def membership(db: Database, today: Today) -> MembershipService:
    service = MembershipService(db, today=today)
    assert service.ensure_default_rules(SEQUENCE)
    assert not service.ensure_default_rules(SEQUENCE)  # once only
    return service


def add_member(db: Database, name: str, since: dt.date = dt.date(2020, 1, 1)) -> uuid.UUID:
    first, last = name.split()
    draft = PartyDraft(
        kind="person",
        civility="Mme",
        first_name=first,
        last_name=last,
        emails=(EmailEntry(f"{first.lower()}@exemple.fr"),),
        roles=(RoleEntry("member", since),),
    )
    return ContactService(db).create(draft).id


def due(membership: MembershipService, today: Today, day: dt.date) -> set[tuple[str, str]]:
    today.day = day
    return {(r.recipient.display_name, r.rule_name) for r in membership.due_reminders()}


def test_the_sequence_reminds_before_on_the_day_and_after_never_payers_resigned_or_honorary(
    db: Database, membership: MembershipService, today: Today
) -> None:
    active = membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    honorary = membership.save_type(TypeDraft("Membre d'honneur", "honorary", Decimal("0"), send_reminders=False)).id
    late_payer = add_member(db, "Hélène Lefèvre")
    early_payer = add_member(db, "Jérôme Martin")
    quitter = add_member(db, "Paul Girard")
    honoured = add_member(db, "Odile Roux")
    add_member(db, "Chloé Neuve", since=dt.date(2026, 1, 1))  # never paid: left to the follow-up list
    for party in (late_payer, early_payer, quitter):
        membership.record(SubscriptionDraft(party, active, dt.date(2026, 1, 1), Decimal("35"), today.day, "cheque"))
    membership.record(SubscriptionDraft(honoured, honorary, dt.date(2026, 1, 1), Decimal("0"), today.day, ""))
    membership.resign(quitter, dt.date(2026, 11, 15))
    today.day = dt.date(2026, 11, 20)
    membership.record(SubscriptionDraft(early_payer, active, dt.date(2027, 1, 1), Decimal("35"), today.day, "card"))

    assert due(membership, today, dt.date(2026, 11, 30)) == set()
    assert due(membership, today, dt.date(2026, 12, 1)) == {("Hélène Lefèvre", "Un mois avant")}
    reminders = membership.due_reminders()
    assert reminders[0].period_end == dt.date(2026, 12, 31) and reminders[0].status == "due_soon"
    assert reminders[0].recipient.email == "hélène@exemple.fr"

    # Claimed (sent): it is not due again, on the same day or the next.
    claimed = membership.claim_reminders(reminders)
    assert len(claimed) == 1
    assert membership.claim_reminders(reminders) == []  # a second desktop gets nothing
    assert due(membership, today, dt.date(2026, 12, 1)) == set()
    assert due(membership, today, dt.date(2026, 12, 15)) == set()
    membership.complete_reminder(claimed[0])
    assert membership.ledger()[0].status == "sent"

    assert due(membership, today, dt.date(2026, 12, 31)) == {("Hélène Lefèvre", "Le jour même")}
    membership.claim_reminders(membership.due_reminders())
    assert due(membership, today, dt.date(2027, 1, 14)) == set()
    after = due(membership, today, dt.date(2027, 1, 15))
    assert after == {("Hélène Lefèvre", "Quinze jours après")}
    letters = membership.due_reminders()
    assert letters[0].channel == "letter" and letters[0].status == "late"
    printed = membership.claim_reminders(letters, status="printed")
    assert [e.status for e in membership.ledger() if e.id in printed] == ["printed"]
    # The sequence is over for that period: nothing more, ever.
    assert due(membership, today, dt.date(2027, 2, 20)) == set()
    assert due(membership, today, dt.date(2027, 6, 1)) == set()

    # She pays: the next period starts its own sequence a year later, not before.
    today.day = dt.date(2027, 2, 3)
    membership.record(SubscriptionDraft(late_payer, active, dt.date(2027, 1, 1), Decimal("35"), today.day, "cash"))
    assert due(membership, today, dt.date(2027, 12, 1)) == {
        ("Hélène Lefèvre", "Un mois avant"),
        ("Jérôme Martin", "Un mois avant"),
    }


def test_a_desktop_closed_for_weeks_sends_only_the_current_step(
    db: Database, membership: MembershipService, today: Today
) -> None:
    active = membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    anne = add_member(db, "Anne Dumas")
    membership.record(SubscriptionDraft(anne, active, dt.date(2026, 1, 1), Decimal("35"), today.day, "cheque"))
    assert due(membership, today, dt.date(2027, 1, 20)) == {("Anne Dumas", "Quinze jours après")}
    # The last step stays due 60 days (a setting), then the member is left to the follow-up list.
    assert due(membership, today, dt.date(2027, 3, 15)) == {("Anne Dumas", "Quinze jours après")}
    assert due(membership, today, dt.date(2027, 3, 16)) == set()


def test_reminder_texts_are_merged_in_french_and_unknown_fields_are_refused(
    db: Database, membership: MembershipService, today: Today
) -> None:
    active = membership.save_type(TypeDraft("Membre bienfaiteur", "benefactor", Decimal("1234.5"))).id
    party = add_member(db, "Élodie Guérin")
    membership.record(SubscriptionDraft(party, active, dt.date(2026, 1, 1), Decimal("1234.50"), today.day, "cheque"))
    today.day = dt.date(2026, 12, 5)
    message = membership.render_reminders(membership.due_reminders())[0]
    assert message.subject == "Votre adhésion prend fin le 31 décembre 2026"
    assert "Bonjour Élodie," in message.body
    assert "« Membre bienfaiteur »" in message.body
    assert "1\u202f234,50\u00a0€" in message.body

    with pytest.raises(ValidationFailedError) as error:
        membership.save_rule(RuleDraft("Relance", -7, "email", "Fin le {date_fin}", "Bonjour {prénom}"))
    named = {(e.field, e.code, e.value) for e in error.value.errors}
    assert named == {("subject", "unknown_merge_field", "date_fin"), ("body", "unknown_merge_field", "prénom")}
    with pytest.raises(ValidationFailedError) as error:
        membership.save_rule(RuleDraft("Doublon", -30, "email", "Objet", "Texte"))
    assert error.value.errors[0].code == "duplicate_offset"
    assert len(membership.reminder_rules()) == 3


def test_merge_fields() -> None:
    assert merge.fields_in("{a} {b} {a} {{x}}") == ["a", "b"]
    assert merge.render("{{{a}}}", {"a": "1"}) == "{1}"
    assert merge.render("{d}", {"d": dt.date(2026, 3, 14)}, locale="en_GB") == "14 March 2026"
    assert [e.code for e in merge.check_template("{a", ["a"])] == ["unbalanced_braces"]
    with pytest.raises(ValidationFailedError):
        merge.render("{missing}", {"a": "1"})


# ---------------------------------------------------------------------------- property
STEP = dt.timedelta(days=9)


@pytest.mark.slow
# Every example builds a database: no shrinking phase (it would take minutes); a failure still shows its example.
@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    histories=st.lists(
        st.tuples(
            st.integers(min_value=-200, max_value=300),  # first payment, days from 2026-01-01
            st.lists(st.integers(min_value=-60, max_value=420), max_size=3),  # later payments, days after
            st.one_of(st.none(), st.integers(min_value=0, max_value=500)),  # resignation day
            st.booleans(),  # rolling twelve months or calendar year
        ),
        min_size=1,
        max_size=6,
    ),
    offsets=st.lists(st.integers(min_value=-60, max_value=60), min_size=1, max_size=4, unique=True),
)
def test_property_no_payer_no_resigned_member_and_nobody_twice(
    histories: list[tuple[int, list[int], int | None, bool]],
    offsets: list[int],
    sqlite_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = tmp_path_factory.mktemp("property") / "w.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(make_engine(sqlite_url(path)), actor="tester")
    try:
        start = dt.date(2026, 1, 1)
        today = Today(start - dt.timedelta(days=400))
        membership = MembershipService(db, today=today)
        membership.ensure_default_rules([RuleDraft(f"J{o:+d}", o, "email", "Objet {name}", "Texte") for o in offsets])
        calendar = membership.save_type(TypeDraft("Année civile", "active", Decimal("20"))).id
        rolling = membership.save_type(TypeDraft("Douze mois", "active", Decimal("20"), "rolling_year")).id
        events: list[tuple[dt.date, str, uuid.UUID, uuid.UUID]] = []
        parties: list[uuid.UUID] = []
        for index, (first, later, resign, is_rolling) in enumerate(histories):
            party = add_member(db, f"Membre N{index}", since=start - dt.timedelta(days=500))
            parties.append(party)
            kind = rolling if is_rolling else calendar
            day = start + dt.timedelta(days=first)
            events.append((day, "pay", party, kind))
            for gap in later:
                day = day + dt.timedelta(days=max(gap, 1))
                events.append((day, "pay", party, kind))
            if resign is not None:
                events.append((start + dt.timedelta(days=resign), "resign", party, kind))
        events.sort(key=lambda e: (e[0], e[1]))
        seen: set[tuple[uuid.UUID, uuid.UUID, dt.date]] = set()
        day = start - dt.timedelta(days=210)
        pending = list(events)
        while day <= start + dt.timedelta(days=900):
            while pending and pending[0][0] <= day:
                when, what, party, kind = pending.pop(0)
                today.day = when
                if what == "pay":
                    draft = membership.suggest(party, kind)
                    clean, problems = membership.validate_subscription(
                        SubscriptionDraft(party, kind, draft.period_start, Decimal("20"), when, "cash")
                    )
                    if not problems:
                        membership.record(clean)
                elif membership.status_of(party).status != "resigned":
                    with contextlib.suppress(ValidationFailedError):
                        membership.resign(party, when)
            today.day = day
            for reminder in membership.due_reminders():
                status = membership.status_of(reminder.party_id)
                # Never a resigned member; always about the latest paid period (so never a payer).
                assert status.status != "resigned"
                assert status.paid_until == reminder.period_end
                key = (reminder.rule_id, reminder.party_id, reminder.period_end)
                assert key not in seen  # never twice
                seen.add(key)
            membership.claim_reminders(membership.due_reminders())
            day += STEP
    finally:
        db.dispose()
