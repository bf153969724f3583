"""News broadcasts on real SQLite and PostgreSQL: publishing to an audience, the feed with read
marks per user of the workspace, attachments, and the e-mail ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.audience import Audience
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.errors import NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import MembershipService, SubscriptionDraft, TypeDraft
from ekocrm_desktop.services.news import MAX_ATTACHMENT_BYTES, NewsDraft, NewsService
from ekocrm_desktop.services.paging import PageRequest

TODAY = dt.date(2026, 6, 1)


def as_user(db: Database, actor: str) -> Database:
    """The same database opened by another user of the workspace."""
    return Database(db.engine, actor=actor)


@pytest.fixture
def news(db: Database) -> NewsService:
    contacts = ContactService(db)
    membership = MembershipService(db, today=lambda: TODAY)
    kind = membership.save_type(TypeDraft("Membre actif", "active", Decimal("35"))).id
    for first, email, paid in (
        ("Hélène", "helene@exemple.fr", True),
        ("Jérôme", "", True),
        ("Zoé", "zoe@ex.fr", False),
    ):
        party = contacts.create(
            PartyDraft(
                kind="person",
                first_name=first,
                last_name="Membre",
                emails=(EmailEntry(email),) if email else (),
                roles=(RoleEntry("member", dt.date(2020, 1, 1)),),
            )
        ).id
        if paid:
            membership.record(SubscriptionDraft(party, kind, dt.date(2026, 1, 1), Decimal("35"), TODAY, "cash"))
    contacts.create(PartyDraft(kind="person", first_name="Pas", last_name="Membre", emails=(EmailEntry("x@y.fr"),)))
    return NewsService(db, membership=membership, today=lambda: TODAY)


def feed(service: NewsService) -> list[tuple[str, bool]]:
    total = service.count()
    return [(r.title, r.read) for r in service.page(PageRequest(0, max(total, 1), total))]


def test_publish_to_members_feed_and_read_marks_per_user(news: NewsService, db: Database) -> None:
    item = news.publish(
        NewsDraft(
            title="  Journées du patrimoine : appel aux bénévoles ",
            body="Nous cherchons des bénévoles pour les 19 et 20 septembre.",
            audience=Audience(statuses=("up_to_date", "due_soon", "never_paid")),
            audience_label="Tous les membres",
            attachment_name="C:\\Users\\hélène\\Programme été.pdf",
            attachment=b"%PDF-1.4 programme",
            attachment_type="application/pdf",
        )
    )
    assert item.title == "Journées du patrimoine : appel aux bénévoles"
    assert item.attachment_name == "Programme été.pdf" and item.attachment_size == 18
    # Three members; Jérôme has no address: listed, but nothing to send.
    assert item.recipients == {"pending": 2, "sending": 0, "sent": 0, "failed": 0, "no_email": 1}
    assert news.attachment(item.id).data == b"%PDF-1.4 programme"
    assert news.attachment(item.id).content_type == "application/pdf"

    # The author has read it; a read-only user of the workspace has not.
    assert feed(news) == [("Journées du patrimoine : appel aux bénévoles", True)]
    reader = NewsService(as_user(db, "lecteur"), today=lambda: TODAY)
    assert reader.unread_count() == 1
    second = news.publish(NewsDraft("Compte rendu du bureau", "Texte", Audience(statuses=("up_to_date",))))
    assert reader.unread_count() == 2
    reader.mark_read(item.id)
    reader.mark_read(item.id)  # twice is harmless
    assert feed(reader) == [("Compte rendu du bureau", False), ("Journées du patrimoine : appel aux bénévoles", True)]
    assert reader.unread_count() == 1 and news.unread_count() == 0
    reader.mark_read(item.id, read=False)
    assert reader.mark_all_read() == 2 and reader.unread_count() == 0
    assert reader.count(unread_only=True) == 0
    news.delete(second.id)
    assert [t for t, _r in feed(reader)] == ["Journées du patrimoine : appel aux bénévoles"]
    with pytest.raises(NotFoundError):
        news.attachment(second.id)


def test_bad_input_is_refused_naming_the_field(news: NewsService) -> None:
    with pytest.raises(ValidationFailedError) as error:
        news.publish(
            NewsDraft(
                " ", "", Audience(members=False), attachment=b"x" * (MAX_ATTACHMENT_BYTES + 1), attachment_name=""
            )
        )
    assert {(e.field, e.code) for e in error.value.errors} == {
        ("title", "required"),
        ("body", "required"),
        ("audience", "required"),
        ("attachment", "attachment_too_large"),
        ("attachment", "required"),
    }
    assert news.count() == 0


def test_email_ledger_never_lists_a_recipient_twice(news: NewsService) -> None:
    item = news.publish(NewsDraft("Lettre d'information", "Texte", Audience()))
    pending = news.pending_emails(item.id)
    assert [p.email for p in pending] == ["helene@exemple.fr", "zoe@ex.fr"]
    news.record_email(pending[0].recipient_id)
    news.record_email(pending[1].recipient_id, error="550 mailbox unavailable")
    # The failed one stays out of the pending list; a sent one is never reset by a late failure.
    news.record_email(pending[0].recipient_id, error="late error")
    assert news.pending_emails(item.id) == []
    assert news.get(item.id).recipients == {"pending": 0, "sending": 0, "sent": 1, "failed": 1, "no_email": 1}


def test_a_broadcast_never_emails_who_opted_out_or_an_address_that_bounced(news: NewsService, db: Database) -> None:
    # As for campaigns (issue 6): opted out of e-mail, or a hard-bounced address, means no e-mail.
    from sqlalchemy import select

    from ekocrm_desktop.models.campaigns import BouncedAddress
    from ekocrm_desktop.models.party import Party
    from ekocrm_desktop.services.consent import ConsentService

    with db.session() as session:
        ids = dict(session.execute(select(Party.primary_email, Party.id)).all())
    ConsentService(db).record(ids["helene@exemple.fr"], "email", "opt_out", source="test")
    with db.write_session() as session:
        session.add(BouncedAddress(address="zoe@ex.fr", bounced_at=dt.datetime(2026, 5, 1, tzinfo=dt.UTC)))
        session.commit()
    item = news.publish(NewsDraft("Lettre d'information", "Texte", Audience()))
    assert news.pending_emails(item.id) == []
    assert news.get(item.id).recipients["no_email"] == 3
    assert feed(news)[0] == ("Lettre d'information", True)  # they all still have it in the feed
    # Opting in again brings the e-mail back for the next item.
    ConsentService(db).record(ids["helene@exemple.fr"], "email", "opt_in", source="test")
    later = news.publish(NewsDraft("Suite", "Texte", Audience()))
    assert [p.email for p in news.pending_emails(later.id)] == ["helene@exemple.fr"]
