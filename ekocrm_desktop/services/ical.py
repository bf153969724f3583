"""iCalendar (.ics) export and import of appointments (issue 5, part B).

Export writes one VCALENDAR with a VTIMEZONE per zone used, a VEVENT per appointment (UID,
DTSTART/DTEND with TZID, RRULE, EXDATE for cancelled occurrences, one VEVENT with RECURRENCE-ID per
moved occurrence, VALARM from the appointment's alert, ATTENDEE mailto of linked people).

Import reads what it can: a broken event does not stop the others. Events land as appointments
linked to the people whose e-mail matches an ATTENDEE or the ORGANIZER; a UID seen before updates
its appointment instead of duplicating it. What was skipped, or imported with a change (unknown
time zone read as UTC, a recurrence too large dropped), is listed in the report with a reason code
the window translates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ekocrm_desktop.db.database import Changes, Clock, Database
from ekocrm_desktop.models.activities import (
    Activity,
    ActivityException,
    ActivityLink,
    ActivityType,
    Alert,
    AlertState,
)
from ekocrm_desktop.models.party import Party, PartyEmail
from ekocrm_desktop.services.activities import ACTIVITY, ActivityDraft, ActivityService
from ekocrm_desktop.services.agenda import DEFAULT_TIME_ZONE, rule_problem, series_end, zone
from ekocrm_desktop.services.alerts import AlertRequest, refresh_series_alerts
from ekocrm_desktop.services.paging import slices

if TYPE_CHECKING:
    from icalendar import Component, Event, Timezone

PRODID = "-//EkoCRM Desktop//Agenda//FR"
#: Our own appointments without an imported UID are exported as "<activity id>@ekocrm".
UID_SUFFIX = "@ekocrm"
#: Events one file may bring (a bigger file imports this many and says so).
MAX_EVENTS = 20000

_EVENT_BLOCK = re.compile(rb"BEGIN:VEVENT\r?\n.*?END:VEVENT\r?\n?", re.DOTALL)
_TIMEZONE_BLOCK = re.compile(rb"BEGIN:VTIMEZONE\r?\n.*?END:VTIMEZONE\r?\n?", re.DOTALL)


@dataclasses.dataclass(frozen=True)
class ImportIssue:
    """Something skipped or changed while importing, with a reason code.

    Codes: "unreadable_file", "unreadable_event", "ignored_lines" (the event without them),
    "no_start", "unknown_time_zone" (read as UTC),
    "recurrence_frequency" / "recurrence_count" / "recurrence_dense" / "recurrence_invalid"
    (imported without its repetition), "orphan_exception", "too_many_events", "cancelled" (detail: how many were left).
    """

    code: str
    summary: str = ""
    uid: str = ""
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class IcsImportReport:
    """What an import did: appointments created and updated, events skipped, notes on the others."""

    created: tuple[UUID, ...]
    updated: tuple[UUID, ...]
    skipped: tuple[ImportIssue, ...]
    notes: tuple[ImportIssue, ...]


@dataclasses.dataclass
class _Parsed:
    uid: str
    summary: str
    description: str
    location: str
    start: dt.datetime
    end: dt.datetime
    time_zone: str
    rule: str
    exdates: list[dt.datetime]
    emails: list[str]
    alert: AlertRequest | None
    private: bool
    overrides: list[tuple[dt.datetime, dt.datetime, dt.datetime]] = dataclasses.field(default_factory=list)


class IcsService:
    """Export appointments to iCalendar and import them back; announces `Changes.of("activity")`."""

    def __init__(self, db: Database, *, me: UUID | None = None, clock: Clock | None = None) -> None:
        self._db = db
        self.me = me
        self._clock = clock or db.clock
        self._activities = ActivityService(db, me=me, clock=self._clock)

    # ------------------------------------------------------------------ export
    def appointment_ids(self, collaborator_ids: Sequence[UUID] | None = None) -> list[UUID]:
        """The appointments a collaborator's agenda holds (owned, assigned or attended), all without ids."""
        with self._db.session() as session:
            stmt = select(Activity.id).where(
                Activity.deleted_at.is_(None),
                Activity.type == ActivityType.APPOINTMENT.value,
                Activity.starts_at.is_not(None),
            )
            if collaborator_ids is not None:
                people = list(collaborator_ids)
                linked = select(ActivityLink.activity_id).where(ActivityLink.party_id.in_(people))
                stmt = stmt.where(
                    or_(Activity.owner_id.in_(people), Activity.assignee_id.in_(people), Activity.id.in_(linked))
                )
            return list(session.scalars(stmt.order_by(Activity.starts_at, Activity.id)))

    def export(self, activity_ids: Iterable[UUID]) -> bytes:
        """An .ics file with these appointments (others, and activities without a start, are left out)."""
        import icalendar  # loaded when a calendar is read or written, not at start-up

        ids = list(dict.fromkeys(activity_ids))
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        now = self._clock().astimezone(dt.UTC)
        with self._db.session() as session:
            for chunk in slices(ids):
                activities = list(
                    session.scalars(
                        select(Activity)
                        .where(
                            Activity.id.in_(chunk),
                            Activity.deleted_at.is_(None),
                            Activity.type == ActivityType.APPOINTMENT.value,
                            Activity.starts_at.is_not(None),
                        )
                        .order_by(Activity.starts_at, Activity.id)
                    )
                )
                emails = _emails_of(session, [a.id for a in activities], [a.owner_id for a in activities])
                alerts = _alerts_of(session, [a.id for a in activities])
                exceptions = _exceptions_of(session, [a.id for a in activities if a.recurrence_rule])
                for activity in activities:
                    for component in _events(activity, emails, alerts.get(activity.id), exceptions, now):
                        calendar.add_component(component)
        used = {
            str(prop.params["TZID"])
            for event in calendar.walk("VEVENT")
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID")
            if (prop := event.get(name)) is not None and "TZID" in prop.params
        }
        for key in sorted(used):
            vtz = vtimezone(key)
            if vtz is not None:
                calendar.add_component(vtz)
        # Zones whose rules we could not write compactly get icalendar's (transition-list) form.
        calendar.add_missing_timezones()
        data: bytes = calendar.to_ical()
        return data

    # ------------------------------------------------------------------ import
    def import_ics(
        self,
        data: bytes,
        *,
        owner_id: UUID | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> IcsImportReport:
        """Import the events of an .ics file as appointments of `owner_id` (default: the connected person).

        `progress(done, total, "")` is called as events are saved; when `cancelled()` turns true the
        import stops after the event being saved (those saved stay, the report says how many).
        """
        skipped: list[ImportIssue] = []
        notes: list[ImportIssue] = []
        events = _read_events(data, skipped)
        if len(events) > MAX_EVENTS:
            skipped.append(ImportIssue("too_many_events", detail=str(len(events) - MAX_EVENTS)))
            events = events[:MAX_EVENTS]
        masters: dict[str, _Parsed] = {}
        overrides: list[tuple[str, Component]] = []
        for event in events:
            uid = str(event.get("UID", "")).strip()
            summary = str(event.get("SUMMARY", "")).strip()
            if event.get("RECURRENCE-ID") is not None:
                overrides.append((uid, event))
                continue
            parsed = _parse_event(event, uid, summary, skipped, notes)
            if parsed is not None:
                if getattr(event, "errors", None):
                    # icalendar left out the lines it could not read and kept the rest of the event.
                    notes.append(ImportIssue("ignored_lines", summary, uid, str(len(event.errors))))
                if not parsed.uid:
                    parsed.uid = f"import-{len(masters)}-{parsed.start:%Y%m%dT%H%M%S}"
                masters[parsed.uid] = parsed
        for uid, event in overrides:
            master = masters.get(uid)
            summary = str(event.get("SUMMARY", "")).strip()
            moved = _override(event, master, skipped, notes, uid, summary)
            if master is not None and moved is not None:
                master.overrides.append(moved)
        created: list[UUID] = []
        updated: list[UUID] = []
        owner = owner_id if owner_id is not None else self.me
        parties = self._parties_by_email({email for m in masters.values() for email in m.emails})
        total = len(masters)
        for done, parsed in enumerate(masters.values()):
            if cancelled is not None and cancelled():
                skipped.append(ImportIssue("cancelled", detail=str(total - done)))
                break
            activity_id, is_new = self._save(parsed, owner, parties)
            (created if is_new else updated).append(activity_id)
            if progress is not None:
                progress(done + 1, total, "")
        if created or updated:
            self._db.announce(Changes.of(ACTIVITY, [*created, *updated]))
        return IcsImportReport(tuple(created), tuple(updated), tuple(skipped), tuple(notes))

    def _parties_by_email(self, emails: set[str]) -> dict[str, UUID]:
        if not emails:
            return {}
        folded = sorted({e.casefold() for e in emails})
        found: dict[str, UUID] = {}
        with self._db.session() as session:
            for chunk in slices(folded):
                rows: list[Any] = list(
                    session.execute(
                        select(func.lower(PartyEmail.address), PartyEmail.party_id)
                        .join(Party, Party.id == PartyEmail.party_id)
                        .where(func.lower(PartyEmail.address).in_(chunk), Party.deleted_at.is_(None))
                        .order_by(PartyEmail.is_primary.desc(), PartyEmail.position)
                    ).all()
                )
                rows += session.execute(
                    select(func.lower(Party.primary_email), Party.id).where(
                        func.lower(Party.primary_email).in_(chunk), Party.deleted_at.is_(None)
                    )
                ).all()
                for address, party_id in rows:
                    found.setdefault(address, party_id)
        return found

    def _existing(self, uid: str) -> tuple[UUID, int] | None:
        with self._db.session() as session:
            row = session.execute(
                select(Activity.id, Activity.version)
                .where(Activity.ical_uid == uid, Activity.deleted_at.is_(None))
                .order_by(Activity.created_at)
                .limit(1)
            ).first()
            if row is None and uid.endswith(UID_SUFFIX):
                try:
                    own = UUID(uid[: -len(UID_SUFFIX)])
                except ValueError:
                    own = None
                if own is not None:
                    row = session.execute(
                        select(Activity.id, Activity.version).where(Activity.id == own, Activity.deleted_at.is_(None))
                    ).first()
            return (row[0], row[1]) if row is not None else None

    def _save(self, parsed: _Parsed, owner: UUID | None, parties: dict[str, UUID]) -> tuple[UUID, bool]:
        # The organizer is linked like an attendee, unless it is the collaborator who gets the appointment.
        linked = tuple(
            dict.fromkeys(p for e in parsed.emails if (p := parties.get(e.casefold())) is not None and p != owner)
        )
        draft = ActivityDraft(
            type=ActivityType.APPOINTMENT.value,
            subject=parsed.summary[:250] or "—",
            body=parsed.description,
            occurred_at=parsed.start,
            starts_at=parsed.start,
            ends_at=parsed.end,
            place=parsed.location[:250],
            owner_id=owner,
            private=parsed.private,
            party_ids=linked,
            alert=parsed.alert,
        )
        existing = self._existing(parsed.uid)
        if existing is None:
            activity_id = self._activities.log(draft).id
            is_new = True
        else:
            activity_id, version = existing
            current = self._activities.get(activity_id).draft
            draft = dataclasses.replace(
                draft,
                owner_id=current.owner_id or owner,
                party_ids=tuple(dict.fromkeys((*current.party_ids, *linked))),
                deal_ids=current.deal_ids,
            )
            self._activities.update(activity_id, version, draft)
            is_new = False
        with self._db.write_session() as session:
            activity = session.get(Activity, activity_id)
            assert activity is not None
            tz = zone(parsed.time_zone)
            activity.ical_uid = parsed.uid
            activity.time_zone = parsed.time_zone
            activity.recurrence_rule = parsed.rule
            activity.recurrence_until = series_end(parsed.rule, parsed.start, tz) if parsed.rule else None
            for old in session.scalars(select(ActivityException).where(ActivityException.activity_id == activity_id)):
                session.delete(old)
            session.flush()
            if parsed.rule:
                seen: set[dt.datetime] = set()
                for original in parsed.exdates:
                    if original not in seen:
                        seen.add(original)
                        session.add(ActivityException(activity_id=activity_id, original_start=original, cancelled=True))
                for original, start, end in parsed.overrides:
                    if original not in seen:
                        seen.add(original)
                        session.add(
                            ActivityException(
                                activity_id=activity_id, original_start=original, moved_start=start, moved_end=end
                            )
                        )
            session.flush()
            # Its alarm follows the series now that the rule and exceptions are known.
            refresh_series_alerts(session, activity, self._clock())
            session.commit()
        return activity_id, is_new


# ---------------------------------------------------------------------------- export helpers


def _emails_of(
    session: Session, activity_ids: list[UUID], owner_ids: list[UUID | None]
) -> dict[UUID, list[tuple[UUID, str, str]]]:
    """Per activity, its linked people with an e-mail: (party id, name, address); owners under their own id."""
    result: dict[UUID, list[tuple[UUID, str, str]]] = {}
    if not activity_ids:
        return result
    links = session.execute(
        select(ActivityLink.activity_id, Party.id, Party.display_name, Party.primary_email)
        .join(Party, Party.id == ActivityLink.party_id)
        .where(ActivityLink.activity_id.in_(activity_ids), Party.primary_email != "")
        .order_by(Party.sort_name)
    ).all()
    for activity_id, party_id, name, email in links:
        result.setdefault(activity_id, []).append((party_id, name, email))
    owners = [o for o in owner_ids if o is not None]
    if owners:
        for party_id, name, email in session.execute(
            select(Party.id, Party.display_name, Party.primary_email).where(
                Party.id.in_(owners), Party.primary_email != ""
            )
        ).all():
            result.setdefault(party_id, []).append((party_id, name, email))
    return result


def _alerts_of(session: Session, activity_ids: list[UUID]) -> dict[UUID, Alert]:
    result: dict[UUID, Alert] = {}
    if not activity_ids:
        return result
    for alert in session.scalars(
        select(Alert)
        .where(
            Alert.activity_id.in_(activity_ids),
            # A series' alert dismissed for one occurrence still reminds of the next ones.
            or_(Alert.state != AlertState.DISMISSED.value, Alert.next_fire_at.is_not(None)),
        )
        .order_by(Alert.created_at)
    ):
        result.setdefault(alert.activity_id, alert)
    return result


def _exceptions_of(session: Session, activity_ids: list[UUID]) -> dict[UUID, list[ActivityException]]:
    result: dict[UUID, list[ActivityException]] = {}
    if not activity_ids:
        return result
    for exc in session.scalars(
        select(ActivityException)
        .where(ActivityException.activity_id.in_(activity_ids))
        .order_by(ActivityException.original_start)
    ):
        result.setdefault(exc.activity_id, []).append(exc)
    return result


def _zone_of(activity: Activity) -> dt.tzinfo:
    if activity.time_zone == "UTC":
        return dt.UTC
    return zone(activity.time_zone)


def _events(
    activity: Activity,
    emails: dict[UUID, list[tuple[UUID, str, str]]],
    alert: Alert | None,
    exceptions: dict[UUID, list[ActivityException]],
    now: dt.datetime,
) -> Iterable[Event]:
    import icalendar  # loaded when a calendar is read or written, not at start-up

    assert activity.starts_at is not None
    tz = _zone_of(activity)
    uid = activity.ical_uid or f"{activity.id}{UID_SUFFIX}"
    start = activity.starts_at.astimezone(tz)
    end = (activity.ends_at or activity.starts_at).astimezone(tz)

    def base(event: Event) -> Event:
        event.add("uid", uid)
        event.add("dtstamp", now)
        event.add("summary", activity.subject)
        if activity.body:
            event.add("description", activity.body)
        if activity.place:
            event.add("location", activity.place)
        if activity.private:
            event.add("class", "PRIVATE")
        event.add("last-modified", activity.updated_at.astimezone(dt.UTC))
        event.add("sequence", max(activity.version - 1, 0))
        owner = activity.owner_id
        for party_id, name, email in emails.get(owner, []) if owner is not None else []:
            if party_id == owner:
                organizer = icalendar.vCalAddress(f"mailto:{email}")
                organizer.params["CN"] = name
                event.add("organizer", organizer)
        for _party_id, name, email in emails.get(activity.id, []):
            attendee = icalendar.vCalAddress(f"mailto:{email}")
            attendee.params["CN"] = name
            attendee.params["ROLE"] = "REQ-PARTICIPANT"
            event.add("attendee", attendee)
        if alert is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", activity.subject or "Rappel")
            if alert.offset_minutes is not None:
                alarm.add("trigger", dt.timedelta(minutes=-alert.offset_minutes))
            else:
                alarm.add("trigger", alert.fire_at.astimezone(dt.UTC))
            event.add_component(alarm)
        return event

    master = base(icalendar.Event())
    master.add("dtstart", start)
    master.add("dtend", end)
    moved: list[ActivityException] = []
    if activity.recurrence_rule:
        master.add("rrule", icalendar.vRecur.from_ical(activity.recurrence_rule))
        cancelled = [e.original_start.astimezone(tz) for e in exceptions.get(activity.id, []) if e.cancelled]
        if cancelled:
            master.add("exdate", cancelled)
        moved = [e for e in exceptions.get(activity.id, []) if not e.cancelled and e.moved_start is not None]
    yield master
    for exc in moved:
        assert exc.moved_start is not None
        override = base(icalendar.Event())
        override.add("recurrence-id", exc.original_start.astimezone(tz))
        override.add("dtstart", exc.moved_start.astimezone(tz))
        override.add("dtend", (exc.moved_end or exc.moved_start).astimezone(tz))
        yield override


# ---------------------------------------------------------------------------- VTIMEZONE
_POSIX_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_POSIX_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_POSIX_RULE = r"(M\d{1,2}\.\d\.\d(?:/[+-]?\d{1,3}(?::\d{2}){0,2})?)"
_POSIX = re.compile(rf"^{_POSIX_NAME}{_POSIX_OFFSET}(?:{_POSIX_NAME}{_POSIX_OFFSET}?,{_POSIX_RULE},{_POSIX_RULE})?$")
_ICAL_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def _posix_footer(key: str) -> str | None:
    """The POSIX TZ rule a TZif file ends with ("CET-1CEST,M3.5.0,M10.5.0/3"): today's rule of the zone."""
    candidates = []
    try:
        from importlib import resources

        candidates.append(resources.files("tzdata.zoneinfo").joinpath(*key.split("/")))
    except (ModuleNotFoundError, ValueError):
        pass
    from pathlib import Path

    candidates += [Path(base, key) for base in zoneinfo.TZPATH]
    for candidate in candidates:
        try:
            raw = candidate.read_bytes()
        except (OSError, ValueError):
            continue
        lines = raw.rstrip(b"\n").rsplit(b"\n", 1)
        if len(lines) == 2 and raw.startswith(b"TZif"):
            return lines[1].decode("ascii", "replace")
    return None


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _transition(component: Component, rule: str, offset_from: int, offset_to: int, name: str) -> Component:
    date_part, _, time_part = rule[1:].partition("/")
    month, week, weekday = (int(x) for x in date_part.split("."))
    at = _seconds(time_part) if time_part else 7200
    # DTSTART: the first such day in 1970, at the local time (before the change) it happens.
    first = dt.date(1970, month, 1)
    days = [first + dt.timedelta(days=i) for i in range(31) if (first + dt.timedelta(days=i)).month == month]
    matching = [d for d in days if (d.weekday() + 1) % 7 == weekday]
    day = matching[-1] if week == 5 else matching[week - 1]
    component.add("dtstart", dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=at))
    by_week = -1 if week == 5 else week
    component.add("rrule", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{by_week}{_ICAL_DAYS[weekday]}"})
    component.add("tzoffsetfrom", dt.timedelta(seconds=offset_from))
    component.add("tzoffsetto", dt.timedelta(seconds=offset_to))
    component.add("tzname", name.strip("<>"))
    return component


def vtimezone(key: str) -> Timezone | None:
    """A compact VTIMEZONE (yearly RRULEs, as Thunderbird and Outlook write) for an IANA zone.

    Written from the zone's current POSIX rule, so readers that only understand RRULE-based
    zones (dateutil, hence vobject) place every occurrence right; None when the rule has
    another form (the caller falls back to icalendar's list of transitions).
    """
    import icalendar  # loaded when a calendar is read or written, not at start-up

    footer = _posix_footer(key)
    match = _POSIX.match(footer or "")
    if match is None:
        return None
    std_name, std_offset, dst_name, dst_offset, dst_rule, std_rule = match.groups()
    standard = -_seconds(std_offset)  # POSIX offsets count west of Greenwich
    component = icalendar.Timezone()
    component.add("tzid", key)
    if dst_name is None:
        fixed = icalendar.TimezoneStandard()
        fixed.add("dtstart", dt.datetime.combine(dt.date(1970, 1, 1), dt.time()))
        fixed.add("tzoffsetfrom", dt.timedelta(seconds=standard))
        fixed.add("tzoffsetto", dt.timedelta(seconds=standard))
        fixed.add("tzname", std_name.strip("<>"))
        component.add_component(fixed)
        return component
    daylight = -_seconds(dst_offset) if dst_offset else standard + 3600
    component.add_component(_transition(icalendar.TimezoneStandard(), std_rule, daylight, standard, std_name))
    component.add_component(_transition(icalendar.TimezoneDaylight(), dst_rule, standard, daylight, dst_name))
    return component


# ---------------------------------------------------------------------------- import helpers
def _read_events(data: bytes, skipped: list[ImportIssue]) -> list[Component]:
    """The VEVENTs of a file; when the file does not parse as a whole, each event on its own."""
    import icalendar  # loaded when a calendar is read or written, not at start-up

    text = data.replace(b"\r\n ", b"").replace(b"\n ", b"")
    blocks = _EVENT_BLOCK.findall(text)
    events: list[Component]
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
        # An unterminated calendar parses as nothing at all: then read event by event.
        if len(events) >= len(blocks):
            return events
    except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
        pass
    if not blocks:
        skipped.append(ImportIssue("unreadable_file"))
        return []
    zones = b"".join(_TIMEZONE_BLOCK.findall(text))
    events = []
    for block in blocks:
        wrapped = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n" + zones + block + b"END:VCALENDAR\r\n"
        try:
            events.extend(icalendar.Calendar.from_ical(wrapped).walk("VEVENT"))
        except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
            uid = re.search(rb"^UID:(.*)$", block, re.MULTILINE)
            summary = re.search(rb"^SUMMARY[^:]*:(.*)$", block, re.MULTILINE)
            skipped.append(
                ImportIssue(
                    "unreadable_event",
                    summary=summary.group(1).decode("utf-8", "replace").strip() if summary else "",
                    uid=uid.group(1).decode("utf-8", "replace").strip() if uid else "",
                )
            )
    return events


def _when(event: Component, name: str, default_zone: str) -> tuple[dt.datetime | None, str, bool, str]:
    """A date-time property as (aware UTC value, its zone name, all-day?, problem code or "")."""
    prop = event.get(name)
    if prop is None:
        return None, "", False, ""
    try:
        value = prop.dt
    except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
        return None, "", False, "broken"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            if tzid:
                try:
                    tz: dt.tzinfo = ZoneInfo(str(tzid))
                    return value.replace(tzinfo=tz).astimezone(dt.UTC), str(tzid), False, ""
                except (ZoneInfoNotFoundError, ValueError):
                    return value.replace(tzinfo=dt.UTC), "UTC", False, "unknown_time_zone"
            # Floating time: the user's own wall clock.
            return value.replace(tzinfo=zone(default_zone)).astimezone(dt.UTC), default_zone, False, ""
        key = getattr(value.tzinfo, "key", None)
        if key is None:
            key = "UTC" if value.utcoffset() == dt.timedelta(0) else default_zone
        return value.astimezone(dt.UTC), str(key), False, ""
    if isinstance(value, dt.date):
        local = dt.datetime.combine(value, dt.time(0), zone(default_zone))
        return local.astimezone(dt.UTC), default_zone, True, ""
    return None, "", False, "broken"


def _parse_event(
    event: Component, uid: str, summary: str, skipped: list[ImportIssue], notes: list[ImportIssue]
) -> _Parsed | None:
    start, zone_name, all_day, problem = _when(event, "DTSTART", DEFAULT_TIME_ZONE)
    if start is None:
        skipped.append(ImportIssue("no_start", summary, uid, problem))
        return None
    if problem == "unknown_time_zone":
        notes.append(ImportIssue("unknown_time_zone", summary, uid, str(event["DTSTART"].params.get("TZID", ""))))
    end, _zone, _all_day, _problem = _when(event, "DTEND", zone_name)
    if end is None:
        duration = event.get("DURATION")
        try:
            length = duration.dt if duration is not None else None
        except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
            length = None
        if isinstance(length, dt.timedelta):
            end = start + length
        else:
            end = start + (dt.timedelta(days=1) if all_day else dt.timedelta(0))
    if end < start:
        end = start
    tz = zone(zone_name) if zone_name != "UTC" else dt.UTC
    rule = ""
    if event.get("RRULE") is not None:
        rule, issue = _rule(event, start, tz)
        if issue:
            notes.append(ImportIssue(issue, summary, uid, rule))
            rule = ""
    exdates: list[dt.datetime] = []
    if rule:
        raw = event.get("EXDATE")
        for prop in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
            for item in getattr(prop, "dts", []):
                value = item.dt
                if isinstance(value, dt.datetime):
                    aware = value if value.tzinfo is not None else value.replace(tzinfo=tz)
                    exdates.append(aware.astimezone(dt.UTC))
                elif isinstance(value, dt.date):
                    local_start = start.astimezone(tz)
                    exdates.append(dt.datetime.combine(value, local_start.time(), tz).astimezone(dt.UTC))
    emails = []
    for name in ("ORGANIZER", "ATTENDEE"):
        raw = event.get(name)
        for address in raw if isinstance(raw, list) else ([raw] if raw is not None else []):
            text = str(address)
            if text.lower().startswith("mailto:"):
                emails.append(text[7:].strip())
    return _Parsed(
        uid=uid,
        summary=summary,
        description=str(event.get("DESCRIPTION", "")).strip(),
        location=str(event.get("LOCATION", "")).strip(),
        start=start,
        end=end,
        time_zone="UTC" if tz is dt.UTC else zone_name,
        rule=rule,
        exdates=exdates,
        emails=emails,
        alert=_alarm(event, start),
        private=str(event.get("CLASS", "")).upper() in {"PRIVATE", "CONFIDENTIAL"},
    )


def _rule(event: Component, start: dt.datetime, tz: dt.tzinfo) -> tuple[str, str]:
    """The RRULE as text with UNTIL in UTC (as dateutil needs with an aware start), and its problem."""
    import icalendar  # loaded when a calendar is read or written, not at start-up

    raw = event.get("RRULE")
    if isinstance(raw, list):
        raw = raw[0]
    try:
        parts = dict(raw)
        until = parts.get("UNTIL")
        if until:
            value = until[0]
            if isinstance(value, dt.datetime):
                aware = value if value.tzinfo is not None else value.replace(tzinfo=tz)
            else:
                aware = dt.datetime.combine(value, dt.time(23, 59, 59), tz)
            parts["UNTIL"] = [aware.astimezone(dt.UTC)]
        text = icalendar.vRecur(parts).to_ical().decode()  # type: ignore[no-untyped-call]
    except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
        return "", "recurrence_invalid"
    problem = rule_problem(text, start, tz)
    return text, (f"recurrence_{problem}" if problem else "")


def _alarm(event: Component, start: dt.datetime) -> AlertRequest | None:
    for alarm in event.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        if trigger is None:
            continue
        try:
            value = trigger.dt
        except Exception:  # icalendar raises anything from ValueError to IndexError on bad input
            continue
        if isinstance(value, dt.timedelta):
            if str(trigger.params.get("RELATED", "START")).upper() == "END":
                continue
            if value <= dt.timedelta(0):
                return AlertRequest(minutes_before=int(-value.total_seconds() // 60))
            return AlertRequest(at=start + value)
        if isinstance(value, dt.datetime):
            return AlertRequest(at=value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC))
    return None


def _override(
    event: Component,
    master: _Parsed | None,
    skipped: list[ImportIssue],
    notes: list[ImportIssue],
    uid: str,
    summary: str,
) -> tuple[dt.datetime, dt.datetime, dt.datetime] | None:
    if master is None or not master.rule:
        skipped.append(ImportIssue("orphan_exception", summary, uid))
        return None
    original, _z, _a, _p = _when(event, "RECURRENCE-ID", master.time_zone)
    start, _z, _a, problem = _when(event, "DTSTART", master.time_zone)
    if original is None or start is None:
        skipped.append(ImportIssue("no_start", summary, uid, problem))
        return None
    if problem == "unknown_time_zone":
        notes.append(ImportIssue("unknown_time_zone", summary, uid))
    end, _z, _a, _p = _when(event, "DTEND", master.time_zone)
    if end is None or end < start:
        end = start + (master.end - master.start)
    return original, start, end


__all__ = ["MAX_EVENTS", "PRODID", "UID_SUFFIX", "IcsImportReport", "IcsService", "ImportIssue"]
