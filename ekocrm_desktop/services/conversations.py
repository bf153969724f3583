"""Internal conversations (issue 5, part C): threads between collaborators, optionally about a
person, an organisation or a deal, with per-user unread counts.

Every collaborator sees every conversation (readers too, and they may take part): a thread is
the office's shared discussion, like a team chat, and its members are who was asked to join,
not a visibility rule. On a team database the `conversation` tables notify the other desktops
(history triggers, kind "conversation"), so a new message shows up on their screens at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.access import UserAccount
from ekocrm_desktop.models.communications import (
    Conversation,
    ConversationMember,
    ConversationMessage,
    ConversationRead,
)
from ekocrm_desktop.models.domains import Deal
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.errors import FieldError, NotFoundError, ValidationFailedError, denied

#: The `Changes` kind announced after a write (also the live-update kind of the tables).
CONVERSATION = "conversation"
MAX_BODY = 20_000


@dataclasses.dataclass(frozen=True)
class ConversationRow:
    """One thread in the list, with this user's unread count."""

    id: UUID
    title: str
    last_message_at: dt.datetime
    unread: int
    record_label: str
    party_id: UUID | None
    deal_id: UUID | None
    members: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class MessageRow:
    """One message of a thread."""

    id: UUID
    author: str
    author_name: str
    body: str
    sent_at: dt.datetime
    mine: bool


class ConversationService:
    """Threads, members, messages and read marks; announces `Changes.of("conversation", ids)`."""

    def __init__(self, db: Database, *, me: UUID | None = None, clock: Clock | None = None) -> None:
        self._db = db
        self.me = me
        self._clock = clock or db.clock

    @property
    def reader(self) -> str:
        """Whose read marks count: the login of this connection."""
        return self._db.actor

    # ------------------------------------------------------------------ writing
    def start(
        self,
        title: str,
        *,
        members: Sequence[str] = (),
        party_id: UUID | None = None,
        deal_id: UUID | None = None,
        first_message: str = "",
    ) -> ConversationRow:
        """Open a thread (its author is a member), optionally about a record, with a first message."""
        clean = " ".join(title.split())
        if not clean:
            raise ValidationFailedError([FieldError("title", "required")])
        if len(clean) > 200:
            raise ValidationFailedError([FieldError("title", "too_long", clean[:40], {"max": 200})])
        now = self._clock()
        try:
            conversation_id = self._create(
                title=clean, members=members, party_id=party_id, deal_id=deal_id, first_message=first_message, now=now
            )
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))
        return self.get(conversation_id)

    def _create(
        self,
        *,
        title: str,
        members: Sequence[str],
        party_id: UUID | None,
        deal_id: UUID | None,
        first_message: str,
        now: dt.datetime,
    ) -> UUID:
        clean = title
        with self._db.write_session() as session:
            conversation = Conversation(title=clean, party_id=party_id, deal_id=deal_id, last_message_at=now)
            logins = list(dict.fromkeys([self.reader, *members]))
            parties = _login_parties(session, logins)
            conversation.members = [ConversationMember(login=login, party_id=parties.get(login)) for login in logins]
            session.add(conversation)
            session.flush()
            if first_message.strip():
                self._add_message(session, conversation, first_message, now)
            self._mark(session, conversation.id, now)
            conversation_id = conversation.id
            session.commit()
        return conversation_id

    def post(self, conversation_id: UUID, body: str) -> MessageRow:
        """Add a message to a thread; the author has read everything up to it."""
        if not body.strip():
            raise ValidationFailedError([FieldError("body", "required")])
        if len(body) > MAX_BODY:
            raise ValidationFailedError([FieldError("body", "too_long", body[:40], {"max": MAX_BODY})])
        now = self._clock()
        try:
            with self._db.write_session() as session:
                conversation = session.get(Conversation, conversation_id)
                if conversation is None or conversation.deleted_at is not None:
                    raise NotFoundError("conversation", conversation_id)
                message = self._add_message(session, conversation, body, now)
                if not any(m.login == self.reader for m in conversation.members):
                    # Writing in a thread makes you one of its members.
                    parties = _login_parties(session, [self.reader])
                    member = ConversationMember(login=self.reader, party_id=parties.get(self.reader))
                    conversation.members.append(member)
                self._mark(session, conversation_id, now)
                row = MessageRow(message.id, message.author, self._name(session, message), message.body, now, True)
                session.commit()
        except DBAPIError as exc:
            raise denied(exc) or exc from None
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))
        return row

    def _add_message(
        self, session: Session, conversation: Conversation, body: str, now: dt.datetime
    ) -> ConversationMessage:
        message = ConversationMessage(
            conversation_id=conversation.id,
            author=self.reader,
            author_party_id=self.me,
            body=body.strip(),
            sent_at=now,
        )
        session.add(message)
        conversation.last_message_at = now
        session.flush()
        return message

    def add_members(self, conversation_id: UUID, logins: Sequence[str]) -> None:
        """Invite collaborators to a thread."""
        with self._db.write_session() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                raise NotFoundError("conversation", conversation_id)
            present = {m.login for m in conversation.members}
            parties = _login_parties(session, logins)
            for login in logins:
                if login not in present:
                    conversation.members.append(ConversationMember(login=login, party_id=parties.get(login)))
            session.commit()
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))

    def attach(self, conversation_id: UUID, *, party_id: UUID | None = None, deal_id: UUID | None = None) -> None:
        """Attach a thread to a record (or detach it with both None)."""
        with self._db.write_session() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                raise NotFoundError("conversation", conversation_id)
            conversation.party_id = party_id
            conversation.deal_id = deal_id
            session.commit()
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))

    def archive(self, conversation_id: UUID) -> None:
        """Hide a thread from the list (soft delete)."""
        with self._db.write_session() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is not None:
                conversation.deleted_at = self._clock()
            session.commit()
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))

    def mark_read(self, conversation_id: UUID) -> None:
        """This user has read the thread up to its newest message."""
        with self._db.write_session() as session:
            last = session.scalar(select(Conversation.last_message_at).where(Conversation.id == conversation_id))
            if last is None:
                return
            self._mark(session, conversation_id, max(last, self._clock()))
            session.commit()
        self._db.announce(Changes.of(CONVERSATION, [conversation_id]))

    def _mark(self, session: Session, conversation_id: UUID, when: dt.datetime) -> None:
        values = {"conversation_id": conversation_id, "reader": self.reader, "read_at": when}
        if self._db.dialect == "postgresql":
            pg = postgresql.insert(ConversationRead).values(**values)
            session.execute(
                pg.on_conflict_do_update(index_elements=["conversation_id", "reader"], set_={"read_at": when})
            )
        else:
            lite = sqlite.insert(ConversationRead).values(**values)
            session.execute(
                lite.on_conflict_do_update(index_elements=["conversation_id", "reader"], set_={"read_at": when})
            )

    # ------------------------------------------------------------------ reading
    def _unread_messages(self) -> object:
        read = select(ConversationRead.read_at).where(
            ConversationRead.conversation_id == ConversationMessage.conversation_id,
            ConversationRead.reader == self.reader,
        )
        return and_(
            ConversationMessage.author != self.reader,
            or_(~read.exists(), ConversationMessage.sent_at > read.scalar_subquery()),
        )

    def unread_count(self) -> int:
        """Messages of others this user has not read, over all live threads."""
        stmt = (
            select(func.count())
            .select_from(ConversationMessage)
            .join(Conversation, Conversation.id == ConversationMessage.conversation_id)
            .where(Conversation.deleted_at.is_(None), self._unread_messages())  # type: ignore[arg-type]
        )
        with self._db.session() as session:
            return int(session.execute(stmt).scalar_one())

    def threads(
        self, *, party_id: UUID | None = None, deal_id: UUID | None = None, limit: int = 300
    ) -> list[ConversationRow]:
        """Live threads, newest activity first (those about one record when asked)."""
        stmt = select(Conversation).where(Conversation.deleted_at.is_(None))
        if party_id is not None:
            stmt = stmt.where(Conversation.party_id == party_id)
        if deal_id is not None:
            stmt = stmt.where(Conversation.deal_id == deal_id)
        stmt = stmt.order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(limit)
        with self._db.session() as session:
            rows = session.scalars(stmt).all()
            return self._rows(session, rows)

    def get(self, conversation_id: UUID) -> ConversationRow:
        """One thread."""
        with self._db.session() as session:
            row = session.get(Conversation, conversation_id)
            if row is None:
                raise NotFoundError("conversation", conversation_id)
            return self._rows(session, [row])[0]

    def _rows(self, session: Session, rows: Sequence[Conversation]) -> list[ConversationRow]:
        ids = [r.id for r in rows]
        if not ids:
            return []
        unread = dict(
            session.execute(
                select(ConversationMessage.conversation_id, func.count())
                .where(ConversationMessage.conversation_id.in_(ids), self._unread_messages())  # type: ignore[arg-type]
                .group_by(ConversationMessage.conversation_id)
            ).all()
        )
        party_names = dict(
            session.execute(
                select(Party.id, Party.display_name).where(Party.id.in_([r.party_id for r in rows if r.party_id]))
            ).all()
        )
        deal_titles = dict(
            session.execute(
                select(Deal.id, Deal.title).where(Deal.id.in_([r.deal_id for r in rows if r.deal_id]))
            ).all()
        )
        result = []
        for r in rows:
            label = (
                party_names.get(r.party_id, "") if r.party_id else deal_titles.get(r.deal_id, "") if r.deal_id else ""
            )
            result.append(
                ConversationRow(
                    id=r.id,
                    title=r.title,
                    last_message_at=r.last_message_at,
                    unread=int(unread.get(r.id, 0)),
                    record_label=label,
                    party_id=r.party_id,
                    deal_id=r.deal_id,
                    members=tuple(m.login for m in r.members),
                )
            )
        return result

    def messages(self, conversation_id: UUID, *, limit: int = 500) -> list[MessageRow]:
        """The newest `limit` messages of a thread, oldest first (as a chat reads)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(ConversationMessage)
                .where(ConversationMessage.conversation_id == conversation_id)
                .order_by(ConversationMessage.sent_at.desc(), ConversationMessage.id.desc())
                .limit(limit)
            ).all()
            names = dict(
                session.execute(
                    select(Party.id, Party.display_name).where(
                        Party.id.in_([r.author_party_id for r in rows if r.author_party_id])
                    )
                ).all()
            )
            return [
                MessageRow(
                    r.id,
                    r.author,
                    names.get(r.author_party_id, r.author) if r.author_party_id else r.author,
                    r.body,
                    r.sent_at,
                    r.author == self.reader,
                )
                for r in reversed(rows)
            ]

    def _name(self, session: Session, message: ConversationMessage) -> str:
        if message.author_party_id is None:
            return message.author
        return session.scalar(select(Party.display_name).where(Party.id == message.author_party_id)) or message.author

    def colleagues(self) -> list[tuple[str, str]]:
        """Logins one can invite, with a display name (team databases; empty on a one-user file)."""
        with self._db.session() as session:
            rows = session.execute(
                select(UserAccount.login, Party.display_name)
                .outerjoin(Party, Party.id == UserAccount.party_id)
                .order_by(UserAccount.login)
            ).all()
            return [(login, name or login) for login, name in rows]


def _login_parties(session: Session, logins: Sequence[str]) -> dict[str, UUID]:
    if not logins:
        return {}
    rows = session.execute(
        select(UserAccount.login, UserAccount.party_id).where(
            UserAccount.login.in_(list(logins)), UserAccount.party_id.isnot(None)
        )
    ).all()
    return {login: party_id for login, party_id in rows if party_id is not None}
