"""Campaigns (issue 6, part B): build, preview, send safely, record responses, follow up, measure.

Who a campaign reaches is computed in SQL: the parties of its included segments and groups,
minus the excluded ones; each is then either a recipient or excluded with a reason (excluded
segment, opted out of the channel, no address, duplicate address) in one query with a window
function, so the builder's live count and the ledger agree.

Sending is the membership reminders' pattern at campaign scale: the step's ledger is written
first (one row per person, `pending` or `skipped` with its reason), then each row is claimed
(`sending`), sent, and marked (`sent`, `failed` + reason). A row is claimed before its message
leaves, so a send stopped at any point (cancel, crash, SIGKILL, network down) resumes from the
ledger without sending anyone twice: **at most once**. The one message being sent at a crash
stays `sending` ("to check" in the window): a person decides whether to send it again.
An exception from the sender for one recipient (a 5xx refusal of that address) fails that row
and the send goes on; any other failure (server unreachable, 4xx, disconnection) puts the row
back to `pending` and pauses the campaign with the error: the message was not accepted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
import smtplib
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.models.activities import Activity, ActivityLink
from ekocrm_desktop.models.campaigns import (
    CHANNELS,
    BouncedAddress,
    Campaign,
    CampaignRecipient,
    CampaignStep,
    CampaignTarget,
)
from ekocrm_desktop.models.domains import Deal
from ekocrm_desktop.models.ids import uuid7
from ekocrm_desktop.models.party import Party, PartyAddress
from ekocrm_desktop.services import merge_fields as merge
from ekocrm_desktop.services.consent import bounced_address, excluded_condition
from ekocrm_desktop.services.errors import ConflictError, FieldError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.groups import in_group
from ekocrm_desktop.services.membership import MailSend, OutgoingMail, recipients
from ekocrm_desktop.services.paging import PageRequest, slices
from ekocrm_desktop.services.segments import SegmentService
from ekocrm_desktop.services.sms import BY_HAND, SmsError, SmsGateway
from ekocrm_desktop.services.validation import InvalidValueError, normalize_email, normalize_phone

CAMPAIGN = "campaign"
#: Response codes offered (by hand or in bulk); "" is "no response yet".
RESPONSES = ("interested", "not_interested", "registered", "attended", "paid", "other")
#: Reasons a targeted person is not a recipient, in the order they are checked.
EXCLUSION_REASONS = ("excluded_target", "opted_out", "no_address", "bounced_address", "duplicate_address")
#: The header every campaign e-mail carries with its ledger row's token: a bounce or a reply
#: quoting it names the recipient and the campaign (services/bounces.py reads it back).
CAMPAIGN_HEADER = "X-EkoCRM-Campaign"
#: Closes a campaign SMS that has no STOP line of its own (French rules on marketing SMS).
SMS_STOP_LINE = "STOP : répondez STOP"
_STOP_WORD = re.compile(r"\bSTOP\b")
#: Merge fields a campaign template may name.
MERGE_FIELDS = ("civility", "first_name", "last_name", "name", "organisation", "email", "city", "campaign")

_IF = re.compile(
    r"\{%\s*if\s+(not\s+)?([^\W\d]\w*)\s*%\}(.*?)(?:\{%\s*else\s*%\}(.*?))?\{%\s*endif\s*%\}",
    re.DOTALL,
)
_STRAY_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
#: A phone number as stored (E.164): what an SMS gateway takes.
_E164 = re.compile(r"\+?[1-9]\d{5,14}")


# ---------------------------------------------------------------------------- DTOs
@dataclasses.dataclass(frozen=True)
class TargetRef:
    """A segment or a group the campaign includes or excludes."""

    kind: str  # "segment" or "group"
    id: UUID
    exclude: bool = False


@dataclasses.dataclass(frozen=True)
class CampaignDraft:
    """What the builder edits."""

    name: str
    channel: str = "email"
    objective: str = ""
    budget: Decimal = Decimal("0")
    actual_cost: Decimal = Decimal("0")
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    subject: str = ""
    body: str = ""
    per_minute: int = 60
    targets: tuple[TargetRef, ...] = ()
    owner_id: UUID | None = None
    private: bool = False


@dataclasses.dataclass(frozen=True)
class CampaignInfo:
    """A saved campaign."""

    id: UUID
    version: int
    draft: CampaignDraft
    status: str
    last_error: str
    updated_at: dt.datetime
    updated_by: str

    @property
    def name(self) -> str:
        """Its name."""
        return self.draft.name

    @property
    def display_name(self) -> str:
        """What a conflict dialog calls it."""
        return self.draft.name


@dataclasses.dataclass(frozen=True)
class CampaignRow:
    """A line of the campaigns list: status and key figures."""

    id: UUID
    name: str
    channel: str
    status: str
    start_date: dt.date | None
    recipients: int
    sent: int
    responses: int
    budget: Decimal


@dataclasses.dataclass(frozen=True)
class Preview:
    """The live recipient count and how many are excluded, by reason."""

    recipients: int
    excluded: Mapping[str, int]

    @property
    def targeted(self) -> int:
        """Everyone the targets select, recipients and excluded."""
        return self.recipients + sum(self.excluded.values())


@dataclasses.dataclass(frozen=True)
class RenderedMessage:
    """A message merged for one recipient."""

    party_id: UUID
    to: str
    subject: str
    body: str


@dataclasses.dataclass(frozen=True)
class StepInfo:
    """A send of the campaign: position 1 is the first, then the follow-ups."""

    id: UUID
    position: int
    audience: str
    subject: str
    body: str


@dataclasses.dataclass(frozen=True)
class LedgerRow:
    """A row of the sending ledger shown in the window."""

    id: UUID
    step: int
    party_id: UUID
    name: str
    address: str
    state: str
    reason: str
    sent_at: dt.datetime | None
    response: str
    response_on: dt.date | None

    @property
    def sort_key(self) -> tuple[int, str, UUID]:
        """Position in the ledger list (the window pages it by offset)."""
        return (self.step, self.name, self.id)


@dataclasses.dataclass(frozen=True)
class SendReport:
    """What a send (or a resumed send) did; `paused` carries the error that stopped it."""

    sent: int
    failed: int
    skipped: int
    remaining: int
    cancelled: bool = False
    paused: str = ""


@dataclasses.dataclass(frozen=True)
class Results:
    """A campaign's figures, all computed in SQL."""

    recipients: int
    sent: int
    failed: int
    skipped: int
    to_check: int
    responses: Mapping[str, int]
    #: Sent but returned by the recipient's server (bounce messages imported).
    bounced: int
    responded: int
    budget: Decimal
    actual_cost: Decimal
    cost_per_response: Decimal | None
    deals_won: int
    revenue: Decimal


Progress = Callable[[int, int], None]


# ---------------------------------------------------------------------------- templates
def check_campaign_template(subject: str, body: str) -> list[FieldError]:
    """Problems of a campaign's subject and body: each unknown field (or condition), named."""
    errors: list[FieldError] = []
    for field, text in (("subject", subject), ("body", body)):
        for match in _IF.finditer(text):
            if match.group(2) not in MERGE_FIELDS:
                errors.append(
                    FieldError(field, "unknown_merge_field", match.group(2), {"known": ", ".join(MERGE_FIELDS)})
                )
        errors += merge.check_template(_strip_conditions(text, None), MERGE_FIELDS, field=field)
    return errors


def _strip_conditions(text: str, values: Mapping[str, merge.MergeValue] | None) -> str:
    """Resolve `{% if field %}…{% else %}…{% endif %}` blocks (both branches kept for checking)."""

    def choose(match: re.Match[str]) -> str:
        negate, name, yes, no = bool(match.group(1)), match.group(2), match.group(3), match.group(4) or ""
        if values is None:
            return yes + no
        truthy = bool(str(values.get(name, "")).strip())
        return yes if truthy != negate else no

    resolved = _IF.sub(choose, text)
    if _STRAY_TAG.search(resolved):
        # An {% if %} without its {% endif %}: braces the merge layer reports as unbalanced.
        return resolved.replace("{%", "{").replace("%}", "}")
    return resolved


def render_template(text: str, values: Mapping[str, merge.MergeValue]) -> str:
    """A campaign template merged with one recipient's values."""
    return merge.render(_strip_conditions(text, values), values)


def _values(party: Any, campaign_name: str) -> dict[str, merge.MergeValue]:
    return {
        "civility": party.civility or "",
        "first_name": party.first_name or "",
        "last_name": party.last_name or party.display_name,
        "name": party.display_name,
        "organisation": party.organisation_name or "",
        "email": party.primary_email or "",
        "city": party.city or "",
        "campaign": campaign_name,
    }


def unsubscribe_line(token: str) -> str:
    """The line closing every campaign e-mail (French first: the reader is the association's)."""
    return (
        "\n\n--\nPour ne plus recevoir nos messages, répondez avec l’objet « STOP "
        f"{token} » ou utilisez le lien de désinscription de votre messagerie."
    )


def campaign_headers(token: str, unsubscribe_address: str) -> tuple[tuple[str, str], ...]:
    """The headers of one campaign e-mail: List-Unsubscribe, our token, and a Message-ID built
    from the token (a bounce that drops our header still quotes the Message-ID)."""
    domain = unsubscribe_address.rpartition("@")[2].strip() or "localhost"
    return (
        ("List-Unsubscribe", f"<mailto:{unsubscribe_address}?subject=STOP%20{token}>"),
        (CAMPAIGN_HEADER, token),
        ("Message-ID", f"<ekocrm.{token}@{domain}>"),
    )


def sms_text(body: str) -> str:
    """A campaign SMS: the merged text, and the STOP line unless the text already has one."""
    text = body.strip()
    return text if _STOP_WORD.search(text) else f"{text}\n{SMS_STOP_LINE}"


def is_recipient_refusal(exc: BaseException) -> bool:
    """Whether a send error is a permanent refusal of this one address (5xx), not of the server.

    A 4xx (421 "service not available" comes as SMTPRecipientsRefused too) or a lost
    connection is the server's problem: the campaign pauses and the message is tried again.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600 and not isinstance(exc, smtplib.SMTPServerDisconnected)


class CampaignService:
    """Use cases on campaigns. `unsubscribe_address` receives the `List-Unsubscribe` mails."""

    def __init__(
        self,
        db: Database,
        *,
        segments: SegmentService | None = None,
        unsubscribe_address: str = "desinscription@localhost",
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        me: UUID | None = None,
    ) -> None:
        self._db = db
        #: The connected collaborator on a team database: owns new campaigns, the logged e-mails
        #: and the call tasks (row-level security checks the owner of what is written).
        self.me = me
        self._segments = segments or SegmentService(db)
        #: Where the `List-Unsubscribe` mails go (the window sets the workspace's sender address,
        #: whose mailbox "Read the mailbox" reads); its domain also ends the campaign Message-IDs.
        self.unsubscribe_address = unsubscribe_address
        self._sleep = sleep
        self._monotonic = monotonic

    # ------------------------------------------------------------------ CRUD
    def validate(self, draft: CampaignDraft) -> tuple[CampaignDraft, list[FieldError]]:
        """The draft cleaned up, and its problems."""
        errors: list[FieldError] = []
        name = " ".join(draft.name.split())
        if not name:
            errors.append(FieldError("name", "required"))
        elif len(name) > 200:
            errors.append(FieldError("name", "too_long", name[:40], {"max": 200}))
        if draft.channel not in CHANNELS:
            errors.append(FieldError("channel", "invalid", draft.channel))
        for field in ("budget", "actual_cost"):
            value = getattr(draft, field)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0 or value >= Decimal("1e12"):
                errors.append(FieldError(field, "amount_invalid", str(value)))
        if draft.start_date and draft.end_date and draft.end_date < draft.start_date:
            errors.append(FieldError("end_date", "date_invalid", draft.end_date.isoformat()))
        if not 1 <= draft.per_minute <= 100_000:
            errors.append(FieldError("per_minute", "out_of_range", str(draft.per_minute), {"min": 1, "max": 100000}))
        if len(draft.subject) > 250:
            errors.append(FieldError("subject", "too_long", draft.subject[:40], {"max": 250}))
        errors += check_campaign_template(draft.subject, draft.body)
        if draft.private and draft.owner_id is None:
            errors.append(FieldError("private", "private_needs_owner"))
        return dataclasses.replace(draft, name=name), errors

    def create(self, draft: CampaignDraft) -> CampaignInfo:
        """Save a new campaign (status draft)."""
        if draft.owner_id is None and self.me is not None:
            draft = dataclasses.replace(draft, owner_id=self.me)
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            row = Campaign(id=uuid7(), status="draft")
            self._apply(session, row, clean)
            session.add(row)
            session.flush()
            self._write_targets(session, row.id, clean.targets)
            session.commit()
            info = self._info(session, row)
        self._db.announce(Changes.of(CAMPAIGN, [info.id]))
        return info

    def update(self, campaign_id: UUID, expected_version: int, draft: CampaignDraft) -> CampaignInfo:
        """Save the builder's changes; ConflictError when someone saved meanwhile."""
        clean, errors = self.validate(draft)
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            row = self._load(session, campaign_id)
            if row.version != expected_version:
                raise ConflictError(self._info(session, row), expected_version=expected_version)
            if session.scalar(select(CampaignStep.id).where(CampaignStep.campaign_id == campaign_id).limit(1)):
                # The ledger is written: who it goes to and how are fixed (a follow-up adds a step).
                before = self._info(session, row).draft
                locked = [
                    FieldError(field, "readonly", str(getattr(clean, field)))
                    for field in ("channel", "targets")
                    if _same(getattr(clean, field)) != _same(getattr(before, field))
                ]
                if locked:
                    raise ValidationFailedError(locked)
            self._apply(session, row, clean)
            self._write_targets(session, row.id, clean.targets)
            session.commit()
            info = self._info(session, row)
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))
        return info

    def delete(self, campaign_id: UUID) -> None:
        """Move a campaign to the trash (its ledger stays for the record)."""
        self._set_deleted(campaign_id, self._db.clock())

    def restore(self, campaign_id: UUID) -> None:
        """Take a campaign out of the trash."""
        self._set_deleted(campaign_id, None)

    def get(self, campaign_id: UUID) -> CampaignInfo:
        """One campaign."""
        with self._db.session() as session:
            return self._info(session, self._load(session, campaign_id))

    def campaigns(self) -> list[CampaignRow]:
        """Every live campaign with its key figures, newest first (a handful per year: no paging)."""
        first_step = (
            select(CampaignStep.id).where(CampaignStep.campaign_id == Campaign.id, CampaignStep.position == 1)
        ).scalar_subquery()
        recipients_count = (
            select(func.count())
            .where(CampaignRecipient.step_id == first_step, CampaignRecipient.state != "skipped")
            .scalar_subquery()
        )
        sent = (
            select(func.count())
            .where(CampaignRecipient.campaign_id == Campaign.id, CampaignRecipient.state == "sent")
            .scalar_subquery()
        )
        responses = (
            select(func.count(func.distinct(CampaignRecipient.party_id)))
            .where(CampaignRecipient.campaign_id == Campaign.id, CampaignRecipient.response != "")
            .scalar_subquery()
        )
        stmt = (
            select(Campaign, recipients_count, sent, responses)
            .where(Campaign.deleted_at.is_(None))
            .order_by(Campaign.created_at.desc(), Campaign.id.desc())
        )
        with self._db.session() as session:
            return [
                CampaignRow(c.id, c.name, c.channel, c.status, c.start_date, n or 0, s or 0, r or 0, c.budget)
                for c, n, s, r in session.execute(stmt)
            ]

    # ------------------------------------------------------------------ who it reaches
    def _targets_condition(
        self, session: Session, targets: Sequence[TargetRef]
    ) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
        """(included, excluded) conditions on `Party` for the targets."""

        def condition(target: TargetRef) -> ColumnElement[bool]:
            if target.kind == "group":
                return in_group(target.id)
            query = self._segments.members_query(target.id)
            froms = query.get_final_froms()
            if len(froms) == 1 and froms[0] is Party.__table__ and query.whereclause is not None:
                # The segment's own condition on the party rows scanned: the same people without
                # an IN list probed 50,000 times (a third of a campaign's recipient list).
                return query.whereclause
            return Party.id.in_(query)

        included = [condition(t) for t in targets if not t.exclude]
        excluded = [condition(t) for t in targets if t.exclude]
        return (or_(*included) if included else false()), (or_(*excluded) if excluded else false())

    def _classified(
        self, session: Session, channel: str, base: ColumnElement[bool], excluded: ColumnElement[bool]
    ) -> Select[Any]:
        """SELECT (party_id, address, reason) of everyone `base` selects: reason "" for a recipient."""
        if channel == "email":
            address: ColumnElement[str] = func.lower(Party.primary_email)
            missing: ColumnElement[bool] = Party.primary_email == ""
        elif channel in ("sms", "phone"):
            address = func.coalesce(Party.primary_phone, "")
            missing = Party.primary_phone == ""
        else:  # letter: the first postal address
            address = cast(literal(""), String)
            missing = ~exists().where(PartyAddress.party_id == Party.id)
        whens: list[tuple[ColumnElement[bool], str]] = [
            (excluded, "excluded_target"),
            (excluded_condition(channel), "opted_out"),
            (missing, "no_address"),
        ]
        if channel == "email":
            whens.append((bounced_address(address), "bounced_address"))
        first = case(*whens, else_="").label("pre")
        inner = (
            select(Party.id.label("party_id"), address.label("address"), first, Party.sort_name.label("sort_name"))
            .where(Party.deleted_at.is_(None), base)
            .cte("targeted")
            .prefix_with("MATERIALIZED")
        )
        if channel in ("email", "sms", "phone"):
            rank = func.row_number().over(
                partition_by=(inner.c.pre, inner.c.address), order_by=(inner.c.sort_name, inner.c.party_id)
            )
            reason: ColumnElement[str] = case(
                (inner.c.pre != "", inner.c.pre), (rank > 1, "duplicate_address"), else_=""
            )
        else:
            reason = inner.c.pre
        return select(inner.c.party_id, inner.c.address, reason.label("reason"), inner.c.sort_name)

    def preview(self, draft_or_id: CampaignDraft | UUID) -> Preview:
        """The live recipient count and the excluded by reason (unsaved drafts too)."""
        draft = draft_or_id if isinstance(draft_or_id, CampaignDraft) else self.get(draft_or_id).draft
        with self._db.session() as session:
            included, excluded = self._targets_condition(session, draft.targets)
            rows = self._classified(session, draft.channel, included, excluded).subquery()
            counts: dict[str, int] = {
                str(reason): int(count)
                for reason, count in session.execute(select(rows.c.reason, func.count()).group_by(rows.c.reason))
            }
        return Preview(
            recipients=int(counts.pop("", 0)),
            excluded={reason: int(counts.get(reason, 0)) for reason in EXCLUSION_REASONS},
        )

    def recipient_list(self, draft_or_id: CampaignDraft | UUID) -> tuple[Preview, list[UUID]]:
        """The preview and the recipients' ids by name in one query (the builder's live count)."""
        draft = draft_or_id if isinstance(draft_or_id, CampaignDraft) else self.get(draft_or_id).draft
        with self._db.session() as session:
            included, excluded = self._targets_condition(session, draft.targets)
            rows = self._classified(session, draft.channel, included, excluded).subquery()
            stmt = select(rows.c.party_id, rows.c.reason).order_by(rows.c.sort_name, rows.c.party_id)
            ids: list[UUID] = []
            counts = dict.fromkeys(EXCLUSION_REASONS, 0)
            for party_id, reason in session.execute(stmt):
                if reason:
                    counts[reason] += 1
                else:
                    ids.append(party_id)
        return Preview(recipients=len(ids), excluded=counts), ids

    def recipient_ids(self, draft_or_id: CampaignDraft | UUID) -> list[UUID]:
        """The recipients' ids by name (what the first step would send to)."""
        draft = draft_or_id if isinstance(draft_or_id, CampaignDraft) else self.get(draft_or_id).draft
        with self._db.session() as session:
            included, excluded = self._targets_condition(session, draft.targets)
            rows = self._classified(session, draft.channel, included, excluded).subquery()
            stmt = select(rows.c.party_id).where(rows.c.reason == "").order_by(rows.c.sort_name, rows.c.party_id)
            return list(session.scalars(stmt))

    def excluded(self, draft_or_id: CampaignDraft | UUID, limit: int = 500) -> list[tuple[UUID, str, str]]:
        """(party id, name, reason) of the first excluded people, for the builder's "why" list."""
        draft = draft_or_id if isinstance(draft_or_id, CampaignDraft) else self.get(draft_or_id).draft
        with self._db.session() as session:
            included, excluded = self._targets_condition(session, draft.targets)
            rows = self._classified(session, draft.channel, included, excluded).subquery()
            stmt = (
                select(rows.c.party_id, Party.display_name, rows.c.reason)
                .join(Party, Party.id == rows.c.party_id)
                .where(rows.c.reason != "")
                .order_by(rows.c.sort_name, rows.c.party_id)
                .limit(limit)
            )
            return [(p, n, r) for p, n, r in session.execute(stmt)]

    # ------------------------------------------------------------------ messages
    def render_for(self, campaign_id: UUID, party_id: UUID, step: int = 1) -> RenderedMessage:
        """The message as `party_id` would receive it (preview; no unsubscribe code yet)."""
        info = self.get(campaign_id)
        subject, body = self._step_texts(campaign_id, step, info)
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None:
                raise NotFoundError(f"party {party_id} not found")
            values = _values(party, info.name)
            to = party.primary_email
        return RenderedMessage(party_id, to, render_template(subject, values), render_template(body, values))

    def render_draft_for(self, draft: CampaignDraft, party_id: UUID) -> RenderedMessage:
        """An unsaved draft's message as `party_id` would receive it (the builder's preview)."""
        with self._db.session() as session:
            party = session.get(Party, party_id)
            if party is None:
                raise NotFoundError(f"party {party_id} not found")
            values = _values(party, draft.name)
            to = party.primary_email
        return RenderedMessage(
            party_id, to, render_template(draft.subject, values), render_template(draft.body, values)
        )

    def names(self, party_ids: Sequence[UUID]) -> dict[UUID, str]:
        """Display names of people (the preview's recipient chooser)."""
        if not party_ids:
            return {}
        with self._db.session() as session:
            rows = session.execute(select(Party.id, Party.display_name).where(Party.id.in_(list(party_ids)))).all()
        return {row[0]: row[1] for row in rows}

    def merge_messages(self, campaign_id: UUID, party_ids: Sequence[UUID] | None = None) -> list[RenderedMessage]:
        """Every recipient's message merged (no SMTP): what the send and the mail merge produce.

        Without `party_ids`, the campaign's recipients (opted-out people never among them).
        """
        info = self.get(campaign_id)
        errors = check_campaign_template(info.draft.subject, info.draft.body)
        if errors:
            raise ValidationFailedError(errors)
        wanted = list(party_ids) if party_ids is not None else self.recipient_ids(info.draft)
        result: list[RenderedMessage] = []
        with self._db.session() as session:
            for chunk in slices(wanted, 900):
                parties = session.scalars(
                    select(Party).where(
                        Party.id.in_(chunk), Party.deleted_at.is_(None), ~excluded_condition(info.draft.channel)
                    )
                ).all()
                for party in parties:
                    values = _values(party, info.name)
                    result.append(
                        RenderedMessage(
                            party.id,
                            party.primary_email,
                            render_template(info.draft.subject, values),
                            render_template(info.draft.body, values),
                        )
                    )
        return result

    def test_send(self, campaign_id: UUID, to: str, send: MailSend, *, party_id: UUID | None = None) -> None:
        """Send the message to myself (`to`), merged for `party_id` or the first recipient."""
        info = self.get(campaign_id)
        errors = check_campaign_template(info.draft.subject, info.draft.body)
        try:
            address = normalize_email(to)
        except InvalidValueError:
            errors.append(FieldError("to", "email_invalid", to, {"reason": "invalid"}))
        if errors:
            raise ValidationFailedError(errors)
        who = party_id or next(iter(self.recipient_ids(info.draft)), None)
        if who is None:
            raise NotFoundError("the campaign has no recipient to preview")
        message = self.render_for(campaign_id, who)
        send(
            OutgoingMail(
                address,
                f"[TEST] {message.subject}",
                message.body + unsubscribe_line("TEST"),
                who,
                headers=(("List-Unsubscribe", f"<mailto:{self.unsubscribe_address}?subject=STOP%20TEST>"),),
            )
        )

    def test_sms(
        self, campaign_id: UUID, to: str, gateway: SmsGateway, *, party_id: UUID | None = None, region: str = "FR"
    ) -> str:
        """Send the SMS to my own mobile (`to`, as typed), merged for `party_id` or the first
        recipient; returns the text sent. Nothing is written to the ledger."""
        info = self.get(campaign_id)
        errors = check_campaign_template("", info.draft.body)
        try:
            number = normalize_phone(to, region)
        except InvalidValueError:
            number = ""
        if not number:
            errors.append(FieldError("to", "phone_invalid", to))
        if errors:
            raise ValidationFailedError(errors)
        who = party_id or next(iter(self.recipient_ids(info.draft)), None)
        if who is None:
            raise NotFoundError("the campaign has no recipient to preview")
        text = "[TEST] " + sms_text(self.render_for(campaign_id, who).body)
        gateway.send(number, text)
        return text

    # ------------------------------------------------------------------ steps and ledger
    def steps(self, campaign_id: UUID) -> list[StepInfo]:
        """The campaign's sends, first one first."""
        stmt = select(CampaignStep).where(CampaignStep.campaign_id == campaign_id).order_by(CampaignStep.position)
        with self._db.session() as session:
            return [StepInfo(s.id, s.position, s.audience, s.subject, s.body) for s in session.scalars(stmt)]

    def prepare(self, campaign_id: UUID) -> StepInfo:
        """Write the first step's ledger (once): recipients `pending`, the excluded `skipped` with the reason.

        Called again (a resumed send), it returns the existing step: the ledger is written once.
        """
        with self._db.write_session() as session:
            campaign = self._load(session, campaign_id)
            step = session.scalars(
                select(CampaignStep).where(CampaignStep.campaign_id == campaign_id, CampaignStep.position == 1)
            ).first()
            if step is None:
                errors = check_campaign_template(campaign.subject, campaign.body)
                if errors:
                    raise ValidationFailedError(errors)
                step = CampaignStep(
                    id=uuid7(), campaign_id=campaign_id, position=1, audience="all", subject="", body=""
                )
                session.add(step)
                session.flush()
                targets = self._targets(session, campaign_id)
                included, excluded = self._targets_condition(session, targets)
                self._materialise(session, campaign, step, included, excluded)
                session.commit()
            info = StepInfo(step.id, step.position, step.audience, step.subject, step.body)
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))
        return info

    def follow_up(self, campaign_id: UUID, audience: str, subject: str, body: str) -> StepInfo:
        """A new step ("relance") to those who did not respond (or did not pay), ready to send.

        Its ledger is written now from the previous steps' ledger: people reached (sent) with no
        response anywhere in the campaign ("no_response"), or without a "paid" response
        ("not_paid"). Consent and addresses are checked again: someone who unsubscribed since
        is skipped.
        """
        if audience not in ("no_response", "not_paid"):
            raise ValidationFailedError([FieldError("audience", "invalid", audience)])
        errors = check_campaign_template(subject, body)
        if errors:
            raise ValidationFailedError(errors)
        with self._db.write_session() as session:
            campaign = self._load(session, campaign_id)
            last = session.scalar(
                select(func.max(CampaignStep.position)).where(CampaignStep.campaign_id == campaign_id)
            )
            step = CampaignStep(
                id=uuid7(),
                campaign_id=campaign_id,
                position=(last or 0) + 1,
                audience=audience,
                subject=subject,
                body=body,
            )
            session.add(step)
            session.flush()
            reached = select(CampaignRecipient.party_id).where(
                CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.state == "sent"
            )
            if audience == "no_response":
                answered = CampaignRecipient.response != ""
            else:
                answered = CampaignRecipient.response == "paid"
            responded = select(CampaignRecipient.party_id).where(CampaignRecipient.campaign_id == campaign_id, answered)
            base = and_(Party.id.in_(reached), Party.id.not_in(responded))
            _, excluded = self._targets_condition(session, self._targets(session, campaign_id))
            self._materialise(session, campaign, step, base, excluded)
            campaign.status = "paused" if campaign.status == "done" else campaign.status
            session.commit()
            info = StepInfo(step.id, step.position, step.audience, step.subject, step.body)
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))
        return info

    def _materialise(
        self,
        session: Session,
        campaign: Campaign,
        step: CampaignStep,
        base: ColumnElement[bool],
        excluded: ColumnElement[bool],
    ) -> int:
        rows = session.execute(self._classified(session, campaign.channel, base, excluded)).all()
        now = self._db.clock()
        actor = self._db.actor
        values = [
            {
                "id": uuid7(),
                "campaign_id": campaign.id,
                "step_id": step.id,
                "party_id": party_id,
                "address": address or "",
                "state": "skipped" if reason else "pending",
                "reason": reason,
                "response": "",
                "token": secrets.token_hex(16),
                "created_at": now,
                "updated_at": now,
                "created_by": actor,
                "updated_by": actor,
            }
            for party_id, address, reason, _sort in rows
        ]
        for chunk in slices(values, 1000):
            session.execute(insert(CampaignRecipient), list(chunk))
        return len(values)

    # ------------------------------------------------------------------ sending
    def send(
        self,
        campaign_id: UUID,
        send: MailSend,
        *,
        step: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """Send (or resume) an e-mail step: claim, send, mark, one message per recipient, throttled.

        Without `step`, the first step with pending rows (the first step's ledger is written
        on the first call). Returns when everything is sent, when cancelled (status "paused"),
        or when the server fails (status "paused", `last_error` set, the row pending again).
        """
        info = self.get(campaign_id)
        if info.draft.channel != "email":
            raise ValidationFailedError([FieldError("channel", "invalid", info.draft.channel)])
        self.prepare(campaign_id)
        steps = {s.position: s for s in self.steps(campaign_id)}
        chosen = steps[step] if step is not None else self._next_step(campaign_id, list(steps.values()))
        subject = chosen.subject or info.draft.subject
        body = chosen.body or info.draft.body
        errors = check_campaign_template(subject, body)
        if errors:
            raise ValidationFailedError(errors)
        self._set_status(campaign_id, "sending", "")
        total = self._count(chosen.id, ("pending",))
        interval = 60.0 / max(info.draft.per_minute, 1)
        sent = failed = skipped = done = 0
        last_sent: float | None = None
        while True:
            batch = self._pending(chosen.id, 200)
            if not batch:
                break
            for row_id, party_id, address, token in batch:
                if cancelled():
                    self._set_status(campaign_id, "paused", "")
                    return SendReport(sent, failed, skipped, self._count(chosen.id, ("pending",)), cancelled=True)
                if not self._claim(row_id):
                    continue  # another desktop took it
                try:
                    to = normalize_email(address)
                except InvalidValueError as exc:
                    self._mark(row_id, "skipped", f"invalid_address: {exc.reason}"[:500])
                    skipped += 1
                    done += 1
                    continue
                message = self._message(session_party=party_id, campaign=info, subject=subject, body=body)
                if message is None:  # erased or opted out since the ledger was written
                    self._mark(row_id, "skipped", "opted_out")
                    skipped += 1
                    done += 1
                    continue
                if last_sent is not None:
                    wait = interval - (self._monotonic() - last_sent)
                    if wait > 0:
                        self._sleep(wait)
                if self._bounced(to):  # a hard bounce imported since the ledger was written
                    self._mark(row_id, "skipped", "bounced_address")
                    skipped += 1
                    done += 1
                    continue
                mail = OutgoingMail(
                    to,
                    message[0],
                    message[1] + unsubscribe_line(token),
                    party_id,
                    headers=campaign_headers(token, self.unsubscribe_address),
                )
                try:
                    send(mail)
                except Exception as exc:  # the server's words go to the ledger or the campaign
                    reason = (str(exc) or type(exc).__name__)[:500]
                    if is_recipient_refusal(exc):
                        self._mark(row_id, "failed", reason)
                        failed += 1
                    else:
                        self._mark(row_id, "pending", reason)
                        self._set_status(campaign_id, "paused", reason)
                        return SendReport(sent, failed, skipped, self._count(chosen.id, ("pending",)), paused=reason)
                else:
                    last_sent = self._monotonic()
                    self._mark_sent(row_id, party_id, mail, info.draft.owner_id or self.me)
                    sent += 1
                done += 1
                if progress is not None:
                    progress(done, total)
        remaining_steps = any(self._count(s.id, ("pending",)) for s in steps.values())
        self._set_status(campaign_id, "paused" if remaining_steps else "done", "")
        return SendReport(sent, failed, skipped, 0)

    def send_sms(
        self,
        campaign_id: UUID,
        gateway: SmsGateway | None,
        *,
        step: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """Send (or resume) an SMS step through the workspace's gateway, exactly like `send`:
        the ledger first, then claim, send, mark, one message per recipient at the campaign's pace.

        Each text is the merged body (the subject is not sent) with a STOP line. A number the
        provider refuses fails its row and the send goes on; an unreachable gateway, a refused
        key, a quota or a server error pauses the campaign with the reason (the row is pending
        again). Without a gateway (`None`), each message becomes a task "SMS to send by hand"
        on the person's timeline and its row is marked sent with that reason.
        """
        info = self.get(campaign_id)
        if info.draft.channel != "sms":
            raise ValidationFailedError([FieldError("channel", "invalid", info.draft.channel)])
        self.prepare(campaign_id)
        steps = {s.position: s for s in self.steps(campaign_id)}
        chosen = steps[step] if step is not None else self._next_step(campaign_id, list(steps.values()))
        body = chosen.body or info.draft.body
        errors = check_campaign_template("", body)
        if not body.strip():
            errors.append(FieldError("body", "required"))
        if errors:
            raise ValidationFailedError(errors)
        self._set_status(campaign_id, "sending", "")
        total = self._count(chosen.id, ("pending",))
        interval = 0.0 if gateway is None else 60.0 / max(info.draft.per_minute, 1)
        owner = info.draft.owner_id or self.me
        sent = failed = skipped = done = 0
        last_sent: float | None = None
        while True:
            batch = self._pending(chosen.id, 200)
            if not batch:
                break
            for row_id, party_id, address, _token in batch:
                # The pace is kept before the claim, in short naps: Pause answers at once.
                wait = interval - (self._monotonic() - last_sent) if last_sent is not None else 0.0
                if cancelled() or not self._wait(wait, cancelled):
                    self._set_status(campaign_id, "paused", "")
                    return SendReport(sent, failed, skipped, self._count(chosen.id, ("pending",)), cancelled=True)
                if not self._claim(row_id):
                    continue
                number = "".join(address.split())
                message = self._message(session_party=party_id, campaign=info, subject="", body=body, channel="sms")
                if not _E164.fullmatch(number):
                    self._mark(row_id, "skipped", "invalid_number")
                    skipped += 1
                elif message is None:  # erased or opted out of SMS since the ledger was written
                    self._mark(row_id, "skipped", "opted_out")
                    skipped += 1
                else:
                    text = sms_text(message[1])
                    mail = OutgoingMail(number, text[:80], f"{number}\n\n{text}", party_id)
                    if gateway is None:
                        self._mark_sent(row_id, party_id, mail, owner, type_="sms", reason=BY_HAND, task=True)
                        sent += 1
                    else:
                        try:
                            gateway.send(number, text)
                        except SmsError as exc:
                            reason = f"{exc.kind}: {exc.detail}"[:500]
                            if not exc.number_refused:
                                self._mark(row_id, "pending", reason)
                                self._set_status(campaign_id, "paused", reason)
                                remaining = self._count(chosen.id, ("pending",))
                                return SendReport(sent, failed, skipped, remaining, paused=reason)
                            self._mark(row_id, "failed", reason)
                            failed += 1
                        else:
                            last_sent = self._monotonic()
                            self._mark_sent(row_id, party_id, mail, owner, type_="sms")
                            sent += 1
                done += 1
                if progress is not None:
                    progress(done, total)
        remaining_steps = any(self._count(s.id, ("pending",)) for s in steps.values())
        self._set_status(campaign_id, "paused" if remaining_steps else "done", "")
        return SendReport(sent, failed, skipped, 0)

    def _wait(self, seconds: float, cancelled: Callable[[], bool]) -> bool:
        """Sleep `seconds` in naps of at most 0.25 s; False as soon as `cancelled()` says so."""
        while seconds > 0:
            if cancelled():
                return False
            nap = min(seconds, 0.25)
            self._sleep(nap)
            seconds -= nap
        return True

    def to_check(self, campaign_id: UUID) -> list[LedgerRow]:
        """Rows left `sending` by an interrupted send: maybe delivered, a person decides."""
        return self.ledger(campaign_id, PageRequest(0, 10_000, 10_000), state="sending")

    def resolve(self, row_ids: Iterable[UUID], *, delivered: bool) -> int:
        """A person checked interrupted rows: delivered (sent) or to send again (pending)."""
        ids = list(row_ids)
        with self._db.write_session() as session:
            result = session.execute(
                update(CampaignRecipient)
                .where(CampaignRecipient.id.in_(ids), CampaignRecipient.state == "sending")
                .values(
                    state="sent" if delivered else "pending",
                    reason="checked",
                    sent_at=self._db.clock() if delivered else None,
                    updated_at=self._db.clock(),
                    updated_by=self._db.actor,
                )
            )
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, ids))
        return int(getattr(result, "rowcount", 0) or 0)

    # ------------------------------------------------------------------ other channels
    def letters(self, campaign_id: UUID) -> list[tuple[UUID, tuple[str, ...], str, str]]:
        """The letter channel's mail merge: (party, address lines, subject, body) per recipient.

        Recipients who opted out of post are not there; the ledger marks each letter sent.
        """
        info = self.get(campaign_id)
        step = self.prepare(campaign_id)
        with self._db.session() as session:
            rows = session.execute(
                select(CampaignRecipient.id, CampaignRecipient.party_id)
                .join(Party, Party.id == CampaignRecipient.party_id)
                .where(CampaignRecipient.step_id == step.id, CampaignRecipient.state.in_(("pending", "sent")))
                .where(~excluded_condition("letter", CampaignRecipient.party_id))
                .order_by(Party.sort_name, Party.id)
            ).all()
            people = recipients(session, [p for _, p in rows])
            parties = {p.id: p for p in session.scalars(select(Party).where(Party.id.in_([p for _, p in rows])))}
        result = []
        for _row_id, party_id in rows:
            values = _values(parties[party_id], info.name)
            result.append(
                (
                    party_id,
                    people[party_id].address_lines,
                    render_template(info.draft.subject, values),
                    render_template(info.draft.body, values),
                )
            )
        with self._db.write_session() as session:
            session.execute(
                update(CampaignRecipient)
                .where(CampaignRecipient.step_id == step.id, CampaignRecipient.state == "pending")
                .values(state="sent", sent_at=self._db.clock(), updated_at=self._db.clock())
            )
            session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status="done"))
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))
        return result

    def call_tasks(self, campaign_id: UUID, plan: Any) -> int:
        """The phone channel: one call task per recipient (services.tasks.bulk_create), ledger marked."""
        from ekocrm_desktop.services.tasks import TaskService

        step = self.prepare(campaign_id)
        with self._db.session() as session:
            party_ids = list(
                session.scalars(
                    select(CampaignRecipient.party_id).where(
                        CampaignRecipient.step_id == step.id,
                        CampaignRecipient.state == "pending",
                        ~excluded_condition("phone", CampaignRecipient.party_id),
                    )
                )
            )
        created = TaskService(self._db, me=self.me).bulk_create(party_ids, plan).created
        with self._db.write_session() as session:
            for part in slices(party_ids):  # a campaign of any size (PostgreSQL: 65,535 parameters)
                session.execute(
                    update(CampaignRecipient)
                    .where(CampaignRecipient.step_id == step.id, CampaignRecipient.party_id.in_(part))
                    .values(state="sent", reason="call_task", sent_at=self._db.clock(), updated_at=self._db.clock())
                )
            session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status="done"))
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id], "activity"))
        return created

    # ------------------------------------------------------------------ responses
    def set_response(self, row_ids: Iterable[UUID], response: str, on: dt.date | None = None) -> int:
        """Record a response ("" clears it) on ledger rows, one or many at once."""
        if response and response not in RESPONSES:
            raise ValidationFailedError([FieldError("response", "invalid", response)])
        ids = list(row_ids)
        day = on or self._db.clock().date()
        with self._db.write_session() as session:
            count = 0
            for chunk in slices(ids, 900):
                result = session.execute(
                    update(CampaignRecipient)
                    .where(CampaignRecipient.id.in_(chunk))
                    .values(
                        response=response,
                        response_on=day if response else None,
                        updated_at=self._db.clock(),
                        updated_by=self._db.actor,
                    )
                )
                count += int(getattr(result, "rowcount", 0) or 0)
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, ids))
        return count

    def link_deal(self, deal_id: UUID, campaign_id: UUID | None) -> None:
        """Say which campaign a deal came from (results count the won ones)."""
        with self._db.write_session() as session:
            deal = session.get(Deal, deal_id)
            if deal is None:
                raise NotFoundError(f"deal {deal_id} not found")
            deal.campaign_id = campaign_id
            session.commit()
        self._db.announce(Changes.of("deal", [deal_id], CAMPAIGN))

    # ------------------------------------------------------------------ ledger and results
    def ledger_count(self, campaign_id: UUID, *, state: str = "", step: int | None = None) -> int:
        """How many ledger rows (of a state, of a step)."""
        stmt = (
            select(func.count())
            .select_from(CampaignRecipient)
            .join(CampaignStep, CampaignStep.id == CampaignRecipient.step_id)
        )
        stmt = stmt.where(*self._ledger_filter(campaign_id, state, step))
        with self._db.session() as session:
            return int(session.scalar(stmt) or 0)

    def ledger(
        self, campaign_id: UUID, request: PageRequest, *, state: str = "", step: int | None = None
    ) -> list[LedgerRow]:
        """One page of the ledger, by step then name."""
        stmt = (
            select(CampaignRecipient, CampaignStep.position, Party.display_name)
            .join(CampaignStep, CampaignStep.id == CampaignRecipient.step_id)
            .join(Party, Party.id == CampaignRecipient.party_id)
            .where(*self._ledger_filter(campaign_id, state, step))
            .order_by(CampaignStep.position, Party.sort_name, CampaignRecipient.id)
            .offset(request.offset)
            .limit(request.limit)
        )
        with self._db.session() as session:
            return [
                LedgerRow(
                    r.id, position, r.party_id, name, r.address, r.state, r.reason, r.sent_at, r.response, r.response_on
                )
                for r, position, name in session.execute(stmt)
            ]

    @staticmethod
    def _ledger_filter(campaign_id: UUID, state: str, step: int | None) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [CampaignRecipient.campaign_id == campaign_id]
        if state:
            conditions.append(CampaignRecipient.state == state)
        if step is not None:
            conditions.append(CampaignStep.position == step)
        return conditions

    def results(self, campaign_id: UUID) -> Results:
        """Recipients, sent, failed, responses by type, cost per response, deals won, revenue."""
        with self._db.session() as session:
            campaign = self._load(session, campaign_id)
            ledger = CampaignRecipient.campaign_id == campaign_id
            counts = session.execute(
                select(
                    func.count(func.distinct(case((CampaignRecipient.state != "skipped", CampaignRecipient.party_id)))),
                    func.count(case((CampaignRecipient.state == "sent", 1))),
                    func.count(case((CampaignRecipient.state == "failed", 1))),
                    func.count(case((CampaignRecipient.state == "skipped", 1))),
                    func.count(case((CampaignRecipient.state == "sending", 1))),
                    func.count(func.distinct(case((CampaignRecipient.response != "", CampaignRecipient.party_id)))),
                    func.count(case((CampaignRecipient.state == "bounced", 1))),
                ).where(ledger)
            ).one()
            by_type = dict(
                session.execute(
                    select(CampaignRecipient.response, func.count(func.distinct(CampaignRecipient.party_id)))
                    .where(ledger, CampaignRecipient.response != "")
                    .group_by(CampaignRecipient.response)
                ).all()
            )
            deals = session.execute(
                select(func.count(), func.coalesce(func.sum(Deal.amount), 0)).where(
                    Deal.campaign_id == campaign_id, Deal.status == "won", Deal.deleted_at.is_(None)
                )
            ).one()
        responded = int(counts[5])
        cost = campaign.actual_cost
        return Results(
            recipients=int(counts[0]),
            sent=int(counts[1]),
            failed=int(counts[2]),
            skipped=int(counts[3]),
            to_check=int(counts[4]),
            responses={code: int(by_type.get(code, 0)) for code in RESPONSES},
            bounced=int(counts[6]),
            responded=responded,
            budget=campaign.budget,
            actual_cost=cost,
            cost_per_response=(cost / responded).quantize(Decimal("0.01")) if responded else None,
            deals_won=int(deals[0]),
            revenue=Decimal(deals[1]).quantize(Decimal("0.01")),
        )

    # ------------------------------------------------------------------ internals
    def _next_step(self, campaign_id: UUID, steps: list[StepInfo]) -> StepInfo:
        for step in steps:
            if self._count(step.id, ("pending",)):
                return step
        return steps[-1]

    def _count(self, step_id: UUID, states: tuple[str, ...]) -> int:
        with self._db.session() as session:
            return int(
                session.scalar(
                    select(func.count()).where(
                        CampaignRecipient.step_id == step_id, CampaignRecipient.state.in_(states)
                    )
                )
                or 0
            )

    def _pending(self, step_id: UUID, limit: int) -> list[tuple[UUID, UUID, str, str]]:
        stmt = (
            select(CampaignRecipient.id, CampaignRecipient.party_id, CampaignRecipient.address, CampaignRecipient.token)
            .where(CampaignRecipient.step_id == step_id, CampaignRecipient.state == "pending")
            .order_by(CampaignRecipient.id)
            .limit(limit)
        )
        with self._db.session() as session:
            return [(a, b, c, d) for a, b, c, d in session.execute(stmt)]

    def _claim(self, row_id: UUID) -> bool:
        """pending -> sending, committed before the message leaves (at most once)."""
        with self._db.write_session() as session:
            result = session.execute(
                update(CampaignRecipient)
                .where(CampaignRecipient.id == row_id, CampaignRecipient.state == "pending")
                .values(state="sending", updated_at=self._db.clock(), updated_by=self._db.actor)
            )
            session.commit()
        return int(getattr(result, "rowcount", 0) or 0) == 1

    def _mark(self, row_id: UUID, state: str, reason: str) -> None:
        with self._db.write_session() as session:
            session.execute(
                update(CampaignRecipient)
                .where(CampaignRecipient.id == row_id)
                .values(state=state, reason=reason, updated_at=self._db.clock(), updated_by=self._db.actor)
            )
            session.commit()

    def _bounced(self, address: str) -> bool:
        with self._db.session() as session:
            return (
                session.scalar(select(BouncedAddress.id).where(BouncedAddress.address == address.lower())) is not None
            )

    def _mark_sent(
        self,
        row_id: UUID,
        party_id: UUID,
        mail: OutgoingMail,
        owner_id: UUID | None,
        *,
        type_: str = "email_out",
        reason: str = "",
        task: bool = False,
    ) -> None:
        """Sent, and the message on the person's timeline (an `email_out` or `sms` activity), in one commit.

        `task`: an SMS nobody could send (no gateway) is a task for its owner, due now.
        """
        now = self._db.clock()
        with self._db.write_session() as session:
            session.execute(
                update(CampaignRecipient)
                .where(CampaignRecipient.id == row_id)
                .values(state="sent", reason=reason, sent_at=now, updated_at=now, updated_by=self._db.actor)
            )
            activity = Activity(
                id=uuid7(),
                type=type_,
                subject=" ".join(mail.subject.split())[:250],
                body=mail.body,
                occurred_at=now,
                owner_id=owner_id,
                private=False,
                outcome=BY_HAND if task else "",
                is_task=task,
                assignee_id=owner_id if task else None,
                due_at=now if task else None,
            )
            session.add(activity)
            session.flush()
            session.add(ActivityLink(id=uuid7(), activity_id=activity.id, party_id=party_id, occurred_at=now))
            session.commit()

    def _message(
        self, *, session_party: UUID, campaign: CampaignInfo, subject: str, body: str, channel: str = "email"
    ) -> tuple[str, str] | None:
        """The merged (subject, body) for a person still reachable through `channel`, else None."""
        with self._db.session() as session:
            party = session.scalars(
                select(Party).where(Party.id == session_party, Party.deleted_at.is_(None), ~excluded_condition(channel))
            ).first()
            if party is None:
                return None
            values = _values(party, campaign.name)
        return render_template(subject, values), render_template(body, values)

    def _set_status(self, campaign_id: UUID, status: str, error: str) -> None:
        with self._db.write_session() as session:
            session.execute(
                update(Campaign)
                .where(Campaign.id == campaign_id)
                .values(status=status, last_error=error[:500], updated_at=self._db.clock(), updated_by=self._db.actor)
            )
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))

    def _step_texts(self, campaign_id: UUID, position: int, info: CampaignInfo) -> tuple[str, str]:
        for step in self.steps(campaign_id):
            if step.position == position and (step.subject or step.body):
                return step.subject, step.body
        return info.draft.subject, info.draft.body

    def _load(self, session: Session, campaign_id: UUID) -> Campaign:
        row = session.get(Campaign, campaign_id)
        if row is None:
            raise NotFoundError(f"campaign {campaign_id} not found")
        return row

    @staticmethod
    def _targets(session: Session, campaign_id: UUID) -> list[TargetRef]:
        rows = session.scalars(
            select(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id).order_by(CampaignTarget.id)
        )
        return [
            TargetRef("segment" if r.segment_id else "group", r.segment_id or r.group_id, r.exclude)  # type: ignore[arg-type]
            for r in rows
        ]

    def _write_targets(self, session: Session, campaign_id: UUID, targets: Sequence[TargetRef]) -> None:
        for old in session.scalars(select(CampaignTarget).where(CampaignTarget.campaign_id == campaign_id)):
            session.delete(old)
        session.flush()
        for target in dict.fromkeys(targets):
            session.add(
                CampaignTarget(
                    id=uuid7(),
                    campaign_id=campaign_id,
                    segment_id=target.id if target.kind == "segment" else None,
                    group_id=target.id if target.kind == "group" else None,
                    exclude=target.exclude,
                )
            )

    @staticmethod
    def _apply(session: Session, row: Campaign, draft: CampaignDraft) -> None:
        del session
        row.name = draft.name
        row.channel = draft.channel
        row.objective = draft.objective
        row.budget = draft.budget
        row.actual_cost = draft.actual_cost
        row.start_date = draft.start_date
        row.end_date = draft.end_date
        row.subject = draft.subject
        row.body = draft.body
        row.per_minute = draft.per_minute
        row.owner_id = draft.owner_id
        row.private = draft.private
        row.last_error = row.last_error or ""

    def _info(self, session: Session, row: Campaign) -> CampaignInfo:
        draft = CampaignDraft(
            name=row.name,
            channel=row.channel,
            objective=row.objective,
            budget=row.budget,
            actual_cost=row.actual_cost,
            start_date=row.start_date,
            end_date=row.end_date,
            subject=row.subject,
            body=row.body,
            per_minute=row.per_minute,
            targets=tuple(self._targets(session, row.id)),
            owner_id=row.owner_id,
            private=row.private,
        )
        return CampaignInfo(
            row.id, row.version, draft, row.status, row.last_error, row.updated_at, row.updated_by or ""
        )

    def _set_deleted(self, campaign_id: UUID, when: dt.datetime | None) -> None:
        with self._db.write_session() as session:
            row = self._load(session, campaign_id)
            row.deleted_at = when
            session.commit()
        self._db.announce(Changes.of(CAMPAIGN, [campaign_id]))


def _same(value: Any) -> Any:
    """Targets compare as a set (their order means nothing)."""
    return frozenset(value) if isinstance(value, tuple) else value
