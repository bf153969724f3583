"""Sending SMS from the app (issue 5, part C) through a configurable HTTP gateway.

Providers differ in URL, method and parameter names but nearly all take "to", "text", a
sender name and an API key: `GenericHttpGateway` is configured with those names, which covers
most of them without code. Other providers implement the `SmsGateway` protocol. The API key is
in the keychain. With no gateway configured, the SMS is logged as a task "to send by hand".
"""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Protocol
from uuid import UUID

from sqlalchemy import select, update

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import ActivityType
from ekocrm_desktop.models.communications import Channel, OutboxMessage, OutboxState
from ekocrm_desktop.models.party import Party
from ekocrm_desktop.models.settings import AppSetting
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.errors import FieldError, ServiceError, ValidationFailedError
from ekocrm_desktop.services.mailing import OUTBOX, record_activity, store_setting

SMS_SETTING = "comms.sms"
#: The outcome of an SMS activity that nobody could send: the user sends it from a phone.
BY_HAND = "to_send_by_hand"


class SmsError(ServiceError):
    """The gateway refused or could not be reached; `kind` is "connect", "refused" or "config".

    `status` is the HTTP status of a refusal (None when the answer lacked the success text).
    """

    def __init__(self, kind: str, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status

    @property
    def number_refused(self) -> bool:
        """Whether the provider refused this one message (a bad number), not every message.

        Connection failures, a missing key (401/403), a quota (429) and server errors (5xx)
        would refuse the next message too: a campaign pauses on them instead of failing everyone.
        """
        if self.kind != "refused":
            return False
        return self.status is None or (400 <= self.status < 500 and self.status not in (401, 403, 407, 429))


class SmsGateway(Protocol):
    """A provider adapter: sends one text to one number (E.164), raises SmsError with the reason."""

    def send(self, to: str, text: str) -> None:
        """Hand the message to the provider."""


@dataclasses.dataclass(frozen=True)
class HttpGatewayConfig:
    """How to call a provider's HTTP API (no key here: it is in the keychain)."""

    url: str = ""
    #: "GET" (parameters in the query string), "POST" (form) or "POST_JSON" (a JSON body).
    method: str = "POST"
    to_param: str = "to"
    text_param: str = "text"
    sender_param: str = ""
    sender: str = ""
    #: Where the key goes: "header" (name in key_name, e.g. Authorization) or "param".
    key_in: str = "header"
    key_name: str = "Authorization"
    #: Put before the key in a header ("Bearer ").
    key_prefix: str = ""
    #: Text the answer must contain to count as accepted ("" : any 2xx answer is success).
    success_contains: str = ""
    timeout: float = 15.0

    @property
    def configured(self) -> bool:
        """Whether a gateway is set up."""
        return self.url.startswith(("http://", "https://"))

    @property
    def secret_key(self) -> str:
        """Key of the API key in the keychain."""
        return f"sms:{urllib.parse.urlsplit(self.url).netloc}"

    def to_json(self) -> str:
        """As stored in `app_setting`."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, value: str | None) -> HttpGatewayConfig:
        """The stored settings (defaults for what is missing)."""
        try:
            data = json.loads(value or "null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


class GenericHttpGateway:
    """An SMS provider reached by one HTTP request per message, configured by parameter names."""

    def __init__(self, config: HttpGatewayConfig, api_key: str | None) -> None:
        self._config = config
        self._key = api_key or ""

    def request(self, to: str, text: str) -> urllib.request.Request:
        """The HTTP request for one message (exposed so the settings dialog can show it)."""
        config = self._config
        params = {config.to_param: to, config.text_param: text}
        if config.sender_param and config.sender:
            params[config.sender_param] = config.sender
        headers = {"User-Agent": "EkoCRM-Desktop"}
        if self._key:
            if config.key_in == "param":
                params[config.key_name] = self._key
            else:
                headers[config.key_name] = f"{config.key_prefix}{self._key}"
        url = config.url
        data: bytes | None = None
        method = "GET" if config.method == "GET" else "POST"
        if method == "GET":
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        elif config.method == "POST_JSON":
            data = json.dumps(params, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json; charset=utf-8"
        else:
            data = urllib.parse.urlencode(params).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        return urllib.request.Request(url, data=data, headers=headers, method=method)

    def send(self, to: str, text: str) -> None:
        """One request; SmsError("refused") on a non-2xx answer or a missing success text."""
        if not self._config.configured:
            raise SmsError("config", "no SMS gateway")
        try:
            with urllib.request.urlopen(self.request(to, text), timeout=self._config.timeout) as answer:
                body = answer.read(65536).decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace") if exc.fp else ""
            raise SmsError("refused", f"HTTP {exc.code} {exc.reason} {detail}".strip(), exc.code) from None
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError("connect", str(getattr(exc, "reason", exc))) from None
        if self._config.success_contains and self._config.success_contains not in body:
            raise SmsError("refused", body[:500])


@dataclasses.dataclass(frozen=True)
class SmsResult:
    """What happened to an SMS: sent by the gateway, or logged to send by hand."""

    activity_id: UUID
    outbox_id: UUID | None
    by_hand: bool


class SmsService:
    """Gateway settings, and sending one SMS to a person (stored as an `sms` activity)."""

    def __init__(
        self,
        db: Database,
        *,
        secrets: SecretStore | None = None,
        me: UUID | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._db = db
        self._secrets = secrets or SecretStore()
        self.me = me
        self._clock = clock or db.clock

    def config(self) -> HttpGatewayConfig:
        """The workspace's gateway (unconfigured by default)."""
        with self._db.session() as session:
            value = session.scalar(select(AppSetting.value).where(AppSetting.key == SMS_SETTING))
        return HttpGatewayConfig.from_json(value)

    def save_config(self, config: HttpGatewayConfig, api_key: str | None = None) -> bool:
        """Store the gateway; its key goes to the keychain (False: kept for this session only)."""
        errors: list[FieldError] = []
        if config.url and not config.configured:
            errors.append(FieldError("url", "invalid", config.url))
        if config.method not in ("GET", "POST", "POST_JSON"):
            errors.append(FieldError("method", "invalid", config.method))
        if config.key_in not in ("header", "param"):
            errors.append(FieldError("key_in", "invalid", config.key_in))
        for name in ("to_param", "text_param"):
            if not getattr(config, name).strip():
                errors.append(FieldError(name, "required"))
        if errors:
            raise ValidationFailedError(errors)
        store_setting(self._db, SMS_SETTING, config.to_json())
        if api_key is not None and config.configured:
            return self._secrets.set(config.secret_key, api_key)
        return True

    def gateway(self, config: HttpGatewayConfig | None = None) -> SmsGateway | None:
        """The configured adapter with its key, or None (SMS are then sent by hand)."""
        config = config or self.config()
        if not config.configured:
            return None
        return GenericHttpGateway(config, self._secrets.get(config.secret_key))

    def mobile(self, party_id: UUID) -> str:
        """A person's main phone number (E.164), or ""."""
        with self._db.session() as session:
            return session.scalar(select(Party.primary_phone).where(Party.id == party_id)) or ""

    def send(self, to: str, text: str, *, party_id: UUID | None = None, gateway: SmsGateway | None = None) -> SmsResult:
        """Send one SMS, claimed in the outbox first; unconfigured: a task "SMS to send by hand".

        Raises SmsError when the gateway refused it: the message stays in the outbox as failed.
        """
        errors: list[FieldError] = []
        number = "".join(to.split())
        if not number.lstrip("+").isdigit() or len(number) < 6:
            errors.append(FieldError("to", "invalid", to))
        if not text.strip():
            errors.append(FieldError("text", "required"))
        if errors:
            raise ValidationFailedError(errors)
        gateway = gateway or self.gateway()
        links = [party_id] if party_id else []
        now = self._clock()
        if gateway is None:
            with self._db.write_session() as session:
                activity = record_activity(
                    session,
                    type_=ActivityType.SMS.value,
                    subject=text[:80],
                    body=f"{number}\n\n{text}",
                    occurred_at=now,
                    owner_id=self.me,
                    party_ids=links,
                    outcome=BY_HAND,
                    is_task=True,
                )
                activity_id = activity.id
                session.commit()
            self._db.announce(Changes.of("activity", [activity_id]))
            return SmsResult(activity_id, None, by_hand=True)
        # The outbox row is inserted already claimed: nobody else can send it.
        with self._db.write_session() as session:
            row = OutboxMessage(
                channel=Channel.SMS.value,
                party_id=party_id,
                to_address=number,
                subject=text[:80],
                body=text,
                state=OutboxState.SENDING.value,
                attempts=1,
                owner_id=self.me,
            )
            session.add(row)
            session.flush()
            outbox_id = row.id
            session.commit()
        return self._deliver(outbox_id, number, text, party_id, gateway)

    def retry(self, outbox_id: UUID, *, gateway: SmsGateway | None = None) -> SmsResult:
        """Send a failed SMS again (claimed first: never twice)."""
        gateway = gateway or self.gateway()
        if gateway is None:
            raise SmsError("config", "no SMS gateway")
        with self._db.write_session() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == outbox_id,
                    OutboxMessage.channel == Channel.SMS.value,
                    OutboxMessage.state.in_((OutboxState.FAILED.value, OutboxState.QUEUED.value)),
                )
                .values(state=OutboxState.SENDING.value, attempts=OutboxMessage.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            row = session.get(OutboxMessage, outbox_id)
            claimed = bool(getattr(result, "rowcount", 0)) and row is not None
            number, text, party_id = (row.to_address, row.body, row.party_id) if row else ("", "", None)
            session.commit()
        if not claimed:
            raise ServiceError("this SMS was already sent or is being sent")
        return self._deliver(outbox_id, number, text, party_id, gateway)

    def _deliver(
        self, outbox_id: UUID, number: str, text: str, party_id: UUID | None, gateway: SmsGateway
    ) -> SmsResult:
        try:
            gateway.send(number, text)
        except SmsError as exc:
            with self._db.write_session() as session:
                row = session.get(OutboxMessage, outbox_id)
                if row is not None:
                    row.state = OutboxState.FAILED.value
                    row.error = f"{exc.kind}: {exc.detail}"[:1000]
                session.commit()
            self._db.announce(Changes.of(OUTBOX, [outbox_id]))
            raise
        with self._db.write_session() as session:
            row = session.get(OutboxMessage, outbox_id)
            assert row is not None
            now = self._clock()
            activity = record_activity(
                session,
                type_=ActivityType.SMS.value,
                subject=text[:80],
                body=f"{number}\n\n{text}",
                occurred_at=now,
                owner_id=row.owner_id,
                party_ids=[party_id] if party_id else [],
            )
            row.state = OutboxState.SENT.value
            row.error = ""
            row.sent_at = now
            row.activity_id = activity.id
            activity_id = activity.id
            session.commit()
        self._db.announce(Changes.of(OUTBOX, [outbox_id], "activity"))
        return SmsResult(activity_id, outbox_id, by_hand=False)
