"""The follow-up centre ("relances", issue 6 item 8): one worklist joining late dues, unanswered
assembly invitations and campaign recipients who did not respond, and one action to remind a
selection by e-mail, letter or call task, every reminder logged on the person's timeline.

Each source is one SQL query; consent applies to each channel as for campaigns (an opted-out
person is never reminded through that channel, `services.consent.excluded_condition`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from uuid import UUID

from sqlalchemy import and_, func, select

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.assemblies import Assembly, Invitation
from ekocrm_desktop.models.campaigns import Campaign, CampaignRecipient
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.services.campaigns import check_campaign_template, render_template
from ekocrm_desktop.services.consent import bounced_address, excluded_condition
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.membership import (
    MailSend,
    MembershipService,
    OutgoingMail,
    members_condition,
    paid_until_expression,
)
from ekocrm_desktop.services.paging import slices
from ekocrm_desktop.services.tasks import BulkTaskPlan, TaskService

#: Kinds of items in the worklist.
KINDS = ("dues", "invitation", "campaign")
#: A campaign recipient is overdue after this many days without a response.
CAMPAIGN_OVERDUE_DAYS = 14


@dataclasses.dataclass(frozen=True)
class FollowUpItem:
    """One line of the worklist: who, about what (kind + the record's title), since when."""

    kind: str
    party_id: UUID
    name: str
    email: str
    about: str
    since: dt.date | None
    source_id: UUID

    @property
    def key(self) -> tuple[str, UUID, UUID]:
        """Unique within the worklist."""
        return (self.kind, self.party_id, self.source_id)


@dataclasses.dataclass(frozen=True)
class ReminderOutcome:
    """What a reminder action did."""

    done: int
    skipped: int
    errors: tuple[str, ...] = ()


class FollowUpService:
    """The worklist and the reminder actions."""

    def __init__(self, db: Database, *, today: Callable[[], dt.date] | None = None, me: UUID | None = None) -> None:
        self._db = db
        #: The connected collaborator on a team database: owns the logged reminders and tasks.
        self.me = me
        self._membership = MembershipService(db, today=today)
        self._today = today or self._membership.today

    def worklist(self, kinds: Sequence[str] = KINDS) -> list[FollowUpItem]:
        """Everything to follow up today, by kind then name."""
        today = self._today()
        items: list[FollowUpItem] = []
        with self._db.session() as session:
            if "dues" in kinds:
                soon = self._membership.settings().due_soon_days
                stmt = (
                    select(Party.id, Party.display_name, Party.primary_email, paid_until_expression(Party.id))
                    .where(members_condition(Party.id, today, soon, ("late",)))
                    .order_by(Party.sort_name, Party.id)
                )
                # "Since": the last day paid for (None: never paid).
                items += [FollowUpItem("dues", p, n, e or "", "", _date(u), p) for p, n, e, u in session.execute(stmt)]
            if "invitation" in kinds:
                start = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
                stmt2 = (
                    select(
                        Party.id,
                        Party.display_name,
                        Party.primary_email,
                        Assembly.title,
                        Assembly.starts_at,
                        Assembly.id,
                    )
                    .join(Invitation, Invitation.party_id == Party.id)
                    .join(Assembly, Assembly.id == Invitation.assembly_id)
                    .where(
                        Invitation.response == "pending",
                        Assembly.state == "planned",
                        Assembly.deleted_at.is_(None),
                        Assembly.starts_at >= start,
                        Party.deleted_at.is_(None),
                    )
                    .order_by(Assembly.starts_at, Party.sort_name, Party.id)
                )
                items += [
                    FollowUpItem("invitation", p, n, e or "", t, s.date(), a)
                    for p, n, e, t, s, a in session.execute(stmt2)
                ]
            if "campaign" in kinds:
                limit = dt.datetime.combine(today - dt.timedelta(days=CAMPAIGN_OVERDUE_DAYS), dt.time(), tzinfo=dt.UTC)
                answered = select(CampaignRecipient.party_id).where(
                    CampaignRecipient.campaign_id == Campaign.id, CampaignRecipient.response != ""
                )
                last_sent = func.max(CampaignRecipient.sent_at)
                stmt3 = (
                    select(Party.id, Party.display_name, Party.primary_email, Campaign.name, last_sent, Campaign.id)
                    .join(CampaignRecipient, CampaignRecipient.party_id == Party.id)
                    .join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
                    .where(
                        CampaignRecipient.state == "sent",
                        Campaign.deleted_at.is_(None),
                        Party.deleted_at.is_(None),
                        Party.id.not_in(answered.correlate(Campaign)),
                    )
                    .group_by(Party.id, Party.display_name, Party.primary_email, Campaign.name, Campaign.id)
                    .having(and_(last_sent.is_not(None), last_sent <= limit))
                    .order_by(Campaign.name, Party.display_name)
                )
                items += [
                    FollowUpItem("campaign", p, n, e or "", t, _date(s), c)
                    for p, n, e, t, s, c in session.execute(stmt3)
                ]
        return items

    def remind_by_email(
        self, items: Sequence[FollowUpItem], subject: str, body: str, send: MailSend
    ) -> ReminderOutcome:
        """One e-mail per person (merge fields as in campaigns, plus `{about}`), each logged.

        A template naming an unknown field is refused before anything is sent.
        """
        check_texts(subject, body)
        done = skipped = 0
        errors: list[str] = []
        allowed = self._reachable([i.party_id for i in items], "email")
        for item in items:
            if item.party_id not in allowed or not item.email:
                skipped += 1
                continue
            values = self._values(item)
            try:
                mail_subject, mail_body = render_template(subject, values), render_template(body, values)
                send(OutgoingMail(item.email, mail_subject, mail_body, item.party_id))
            except Exception as exc:  # the server's words, for the person to act on
                errors.append(f"{item.name}: {exc}")
                continue
            self._log(item.party_id, "email_out", mail_subject, mail_body)
            done += 1
        return ReminderOutcome(done, skipped, tuple(errors))

    def remind_by_letter(
        self, items: Sequence[FollowUpItem], subject: str, body: str
    ) -> list[tuple[FollowUpItem, str, str]]:
        """The letters' merged (item, subject, body), each logged; people who refuse post are left out."""
        check_texts(subject, body)
        allowed = self._reachable([i.party_id for i in items], "post")
        result = []
        for item in items:
            if item.party_id not in allowed:
                continue
            values = self._values(item)
            merged = (item, render_template(subject, values), render_template(body, values))
            self._log(item.party_id, "note", merged[1], merged[2])
            result.append(merged)
        return result

    def remind_by_call(self, items: Sequence[FollowUpItem], plan: BulkTaskPlan) -> int:
        """A call task per person (who does not refuse phone calls); the tasks are the log."""
        allowed = self._reachable([i.party_id for i in items], "phone")
        return (
            TaskService(self._db, me=self.me)
            .bulk_create([i.party_id for i in items if i.party_id in allowed], plan)
            .created
        )

    # ------------------------------------------------------------------ internals
    def _reachable(self, party_ids: Sequence[UUID], channel: str) -> set[UUID]:
        stmt = select(Party.id).where(Party.deleted_at.is_(None), ~excluded_condition(channel))
        if channel == "email":  # nor an address that bounced for good (as for campaigns)
            stmt = stmt.where(~bounced_address())
        reachable: set[UUID] = set()
        with self._db.session() as session:
            for part in slices(list(party_ids)):  # a selection of any size
                reachable.update(session.scalars(stmt.where(Party.id.in_(part))))
        return reachable

    def _values(self, item: FollowUpItem) -> dict[str, str | dt.date]:
        with self._db.session() as session:
            party = session.get(Party, item.party_id)
            assert party is not None
            return {
                "civility": party.civility or "",
                "first_name": party.first_name or "",
                "last_name": party.last_name or party.display_name,
                "name": party.display_name,
                "organisation": party.organisation_name or "",
                "email": party.primary_email or "",
                "city": party.city or "",
                "campaign": item.about,
                "about": item.about,
            }

    def _log(self, party_id: UUID, kind: str, subject: str, body: str) -> None:
        now = self._db.clock()
        with self._db.write_session() as session:
            activity = Activity(
                id=uuid7(), type=kind, subject=subject[:250], body=body, occurred_at=now, owner_id=self.me
            )
            session.add(activity)
            session.flush()
            session.add(ActivityLink(id=uuid7(), activity_id=activity.id, party_id=party_id, occurred_at=now))
            session.commit()
        self._db.announce(Changes.of("activity", [activity.id]))


def check_texts(subject: str, body: str) -> None:
    """ValidationFailedError naming each unknown merge field of a reminder."""
    errors = list(check_campaign_template(subject.replace("{about}", ""), body.replace("{about}", "")))
    if errors:
        raise ValidationFailedError(errors)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:  # SQLite may hand max() back as text
        return dt.datetime.fromisoformat(value).date()
    return None
