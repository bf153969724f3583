"""News broadcasts (Ekooni's "diffuser du contenu"): publish a news item (title, text, optional
attachment) to an audience; it goes into the workspace's news feed, which every user of the
workspace (collaborators and read-only users alike) reads with their own read/unread marks,
and each person of the audience gets a ledger row for the e-mail (pending, sent, failed, or
no address), so an interrupted sending resumes without sending anyone twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.news import NewsAttachment, NewsItem, NewsRead, NewsRecipient
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.audience import Audience, audience_condition
from ekocrm_desktop.services.consent import bounced_address, excluded_condition
from ekocrm_desktop.services.errors import FieldError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.membership import MailSend, MembershipService, OutgoingMail, SendReport, local_today
from ekocrm_desktop.services.paging import PageRequest, SortKey, fetch_window

NEWS = "news"
#: Attachments live in the (shared) database: keep them reasonable.
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class NewsDraft:
    """What the publish form holds."""

    title: str
    body: str
    audience: Audience
    #: How the audience reads for people ("Members up to date", "3 people"), already translated.
    audience_label: str = ""
    attachment_name: str = ""
    attachment: bytes = b""
    attachment_type: str = "application/octet-stream"


@dataclasses.dataclass(frozen=True)
class NewsRow:
    """One item of the feed, with the reader's mark."""

    id: UUID
    title: str
    published_at: dt.datetime
    published_by: str
    audience_label: str
    attachment_name: str
    attachment_size: int
    read: bool
    sort_key: SortKey


@dataclasses.dataclass(frozen=True)
class NewsDetail:
    """One item in full (without the attachment's bytes)."""

    id: UUID
    title: str
    body: str
    published_at: dt.datetime
    published_by: str
    audience_label: str
    attachment_name: str
    attachment_size: int
    recipients: dict[str, int]


@dataclasses.dataclass(frozen=True)
class Attachment:
    """An attached file."""

    name: str
    content_type: str
    data: bytes


@dataclasses.dataclass(frozen=True)
class PendingEmail:
    """A recipient still to e-mail (the ledger row and the address)."""

    recipient_id: UUID
    party_id: UUID
    display_name: str
    email: str


class NewsService:
    """Publishing, the per-user feed, and the e-mail ledger of news items."""

    def __init__(
        self,
        db: Database,
        *,
        membership: MembershipService | None = None,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        self._db = db
        self._today = today or local_today(db)
        self._membership = membership or MembershipService(db, today=self._today)

    @property
    def reader(self) -> str:
        """Whose read marks the feed shows: the user of this workspace connection."""
        return self._db.actor

    # ------------------------------------------------------------------ publishing
    def validate(self, draft: NewsDraft) -> tuple[NewsDraft, list[FieldError]]:
        """The draft normalised, and its problems."""
        errors: list[FieldError] = []
        title = " ".join(draft.title.split())
        if not title:
            errors.append(FieldError("title", "required"))
        elif len(title) > 200:
            errors.append(FieldError("title", "too_long", title[:40], {"max": 200}))
        body = draft.body.strip()
        if not body:
            errors.append(FieldError("body", "required"))
        if draft.audience.is_empty():
            errors.append(FieldError("audience", "required"))
        if len(draft.attachment) > MAX_ATTACHMENT_BYTES:
            errors.append(
                FieldError(
                    "attachment",
                    "attachment_too_large",
                    f"{len(draft.attachment) // 1024 // 1024} MB",
                    {"max": f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB"},
                )
            )
        name = draft.attachment_name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:250]
        if draft.attachment and not name:
            errors.append(FieldError("attachment", "required"))
        clean = dataclasses.replace(
            draft,
            title=title,
            body=body,
            attachment_name=name if draft.attachment else "",
            audience_label=draft.audience_label.strip()[:250],
            attachment_type=(draft.attachment_type or "application/octet-stream")[:120],
        )
        return clean, errors

    def publish(self, draft: NewsDraft) -> NewsDetail:
        """Publish to the audience: the feed shows it, and its people are listed for the e-mail."""
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        now = self._db.clock()
        soon = self._membership.settings().due_soon_days
        with self._db.write_session() as session:
            item = NewsItem(
                title=clean.title,
                body=clean.body,
                published_at=now,
                published_by=self._db.actor,
                audience=clean.audience.to_json(),
                audience_label=clean.audience_label,
                attachment_name=clean.attachment_name,
                attachment_size=len(clean.attachment),
            )
            session.add(item)
            session.flush()
            if clean.attachment:
                session.add(NewsAttachment(news_id=item.id, content_type=clean.attachment_type, data=clean.attachment))
            # Like a campaign, a broadcast never e-mails someone who opted out of e-mail, nor an
            # address that bounced for good: they stay in the feed's audience, without the e-mail.
            people = session.execute(
                select(
                    Party.id,
                    Party.primary_email,
                    excluded_condition("email").label("opted_out"),
                    bounced_address().label("bounced"),
                ).where(audience_condition(clean.audience, self._today(), soon))
            ).all()
            rows = []
            for party_id, email, opted_out, is_bounced in people:
                reason = "opted_out" if opted_out else "bounced_address" if email and is_bounced else ""
                reachable = bool(email) and not reason
                rows.append(
                    {
                        "id": uuid7(),
                        "news_id": item.id,
                        "party_id": party_id,
                        "email": email if reachable else "",
                        "status": "pending" if reachable else "no_email",
                        "sent_at": None,
                        "error": reason,
                        "created_at": now,
                        "updated_at": now,
                        "created_by": self._db.actor,
                        "updated_by": self._db.actor,
                    }
                )
            if rows:
                session.execute(insert(NewsRecipient), rows)
            # The author has read what they wrote.
            session.add(NewsRead(news_id=item.id, reader=self._db.actor, read_at=now))
            session.commit()
            news_id = item.id
        self._db.announce(Changes.of(NEWS, [news_id]))
        return self.get(news_id)

    def delete(self, news_id: UUID) -> None:
        """Withdraw an item from the feed."""
        with self._db.write_session() as session:
            session.execute(update(NewsItem).where(NewsItem.id == news_id).values(deleted_at=self._db.clock()))
            session.commit()
        self._db.announce(Changes.of(NEWS, [news_id]))

    # ------------------------------------------------------------------ the feed
    def count(self, *, unread_only: bool = False) -> int:
        """How many items the feed shows (unread ones for this user)."""
        stmt = select(func.count()).select_from(NewsItem).where(NewsItem.deleted_at.is_(None))
        if unread_only:
            stmt = stmt.where(~self._is_read())
        with self._db.session() as session:
            return int(session.execute(stmt).scalar_one())

    def unread_count(self) -> int:
        """How many items this user has not read."""
        return self.count(unread_only=True)

    def page(self, request: PageRequest, *, unread_only: bool = False) -> list[NewsRow]:
        """One window of the feed, newest first."""
        read = self._is_read()
        stmt = select(
            NewsItem.id,
            NewsItem.title,
            NewsItem.published_at,
            NewsItem.published_by,
            NewsItem.audience_label,
            NewsItem.attachment_name,
            NewsItem.attachment_size,
            read.label("is_read"),
        ).where(NewsItem.deleted_at.is_(None))
        if unread_only:
            stmt = stmt.where(~read)
        with self._db.session() as session:
            rows = fetch_window(
                session,
                stmt,
                sort_column=_column(NewsItem.published_at),
                id_column=NewsItem.id,
                descending=True,
                request=request,
            )
        return [
            NewsRow(
                id=r.id,
                title=r.title,
                published_at=r.published_at,
                published_by=r.published_by,
                audience_label=r.audience_label,
                attachment_name=r.attachment_name,
                attachment_size=int(r.attachment_size),
                read=bool(r.is_read),
                sort_key=(r.published_at, r.id),
            )
            for r in rows
        ]

    def get(self, news_id: UUID) -> NewsDetail:
        """One item with its e-mail counts."""
        with self._db.session() as session:
            item = session.get(NewsItem, news_id)
            if item is None:
                raise NotFoundError(f"news {news_id} not found")
            counts = {"pending": 0, "sending": 0, "sent": 0, "failed": 0, "no_email": 0}
            for status, count in session.execute(
                select(NewsRecipient.status, func.count())
                .where(NewsRecipient.news_id == news_id)
                .group_by(NewsRecipient.status)
            ):
                counts[str(status)] = int(count)
            return NewsDetail(
                id=item.id,
                title=item.title,
                body=item.body,
                published_at=item.published_at,
                published_by=item.published_by,
                audience_label=item.audience_label,
                attachment_name=item.attachment_name,
                attachment_size=item.attachment_size,
                recipients=counts,
            )

    def attachment(self, news_id: UUID) -> Attachment:
        """The attached file; NotFoundError if there is none."""
        with self._db.session() as session:
            row = session.execute(
                select(NewsItem.attachment_name, NewsAttachment.content_type, NewsAttachment.data)
                .join(NewsAttachment, NewsAttachment.news_id == NewsItem.id)
                .where(NewsItem.id == news_id)
            ).first()
        if row is None:
            raise NotFoundError("no attachment")
        return Attachment(row[0], row[1], bytes(row[2]))

    def mark_read(self, news_id: UUID, read: bool = True) -> None:
        """Set this user's read mark on an item."""
        with self._db.write_session() as session:
            if read:
                values = {"news_id": news_id, "reader": self.reader, "read_at": self._db.clock()}
                if self._db.dialect == "postgresql":
                    session.execute(postgresql.insert(NewsRead).values(**values).on_conflict_do_nothing())
                else:
                    session.execute(sqlite.insert(NewsRead).values(**values).on_conflict_do_nothing())
            else:
                session.execute(delete(NewsRead).where(NewsRead.news_id == news_id, NewsRead.reader == self.reader))
            session.commit()
        self._db.announce(Changes.of(NEWS, [news_id]))

    def mark_all_read(self) -> int:
        """Mark every unread item read for this user; returns how many."""
        now = self._db.clock()
        with self._db.write_session() as session:
            unread = list(session.scalars(select(NewsItem.id).where(NewsItem.deleted_at.is_(None), ~self._is_read())))
            if unread:
                session.execute(
                    insert(NewsRead), [{"news_id": i, "reader": self.reader, "read_at": now} for i in unread]
                )
            session.commit()
        self._db.announce(Changes.of(NEWS, unread))
        return len(unread)

    # ------------------------------------------------------------------ e-mail ledger
    def pending_emails(self, news_id: UUID) -> list[PendingEmail]:
        """Recipients whose e-mail is still to send (never those already sent)."""
        with self._db.session() as session:
            rows = session.execute(
                select(NewsRecipient.id, NewsRecipient.party_id, Party.display_name, NewsRecipient.email)
                .join(Party, Party.id == NewsRecipient.party_id)
                .where(NewsRecipient.news_id == news_id, NewsRecipient.status == "pending", Party.deleted_at.is_(None))
                .order_by(Party.sort_name, NewsRecipient.id)
            ).all()
        return [PendingEmail(*row) for row in rows]

    def record_email(self, recipient_id: UUID, *, error: str = "") -> None:
        """Write the outcome of one e-mail into the ledger (sent, or failed with its reason)."""
        now = self._db.clock()
        with self._db.write_session() as session:
            session.execute(
                update(NewsRecipient)
                .where(NewsRecipient.id == recipient_id, NewsRecipient.status != "sent")
                .values(
                    status="failed" if error else "sent",
                    error=error[:500],
                    sent_at=None if error else now,
                    updated_at=now,
                    updated_by=self._db.actor,
                )
            )
            session.commit()

    def send_emails(
        self,
        news_id: UUID,
        send: MailSend,
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """E-mail the item to its recipients still pending, one message each, logged one by one.

        Run again after an interruption, it sends only to those not yet sent (never twice).
        """
        detail = self.get(news_id)
        attachments: tuple[tuple[str, str, bytes], ...] = ()
        if detail.attachment_name:
            file = self.attachment(news_id)
            attachments = ((file.name, file.content_type, file.data),)
        pending = self.pending_emails(news_id)
        sent = failed = 0
        errors: list[str] = []
        for index, person in enumerate(pending):
            if cancelled():
                break
            if not self._claim(person.recipient_id):
                continue  # another desktop is sending to this person
            try:
                send(OutgoingMail(person.email, detail.title, detail.body, person.party_id, attachments))
            except Exception as exc:  # logged in the ledger; the others go on
                failed += 1
                errors.append(f"{person.display_name}: {exc}")
                self.record_email(person.recipient_id, error=str(exc) or type(exc).__name__)
            else:
                sent += 1
                self.record_email(person.recipient_id)
            if progress is not None:
                progress(index + 1, len(pending))
        self._db.announce(Changes.of(NEWS, [news_id]))
        return SendReport(sent, failed, 0, tuple(errors))

    def _claim(self, recipient_id: UUID) -> bool:
        """Mark a recipient "sending" if it is still pending; False if someone else took it.

        A crash between the server's acceptance and the "sent" mark leaves it "sending": it is
        not sent again by itself (never twice); the counts show it for a person to check.
        """
        with self._db.write_session() as session:
            taken = session.execute(
                update(NewsRecipient)
                .where(NewsRecipient.id == recipient_id, NewsRecipient.status == "pending")
                .values(status="sending", updated_at=self._db.clock(), updated_by=self._db.actor)
                .returning(NewsRecipient.id)
            ).first()
            session.commit()
        return taken is not None

    def _is_read(self) -> Any:
        return exists().where(and_(NewsRead.news_id == NewsItem.id, NewsRead.reader == self.reader))


def _column(attribute: Any) -> Any:
    """An ORM attribute where a column expression is expected (typing only)."""
    return attribute
