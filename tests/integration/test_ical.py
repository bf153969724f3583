"""iCalendar on SQLite and PostgreSQL: our export read back by `icalendar` and `vobject`, the round
trip export → import (idempotent by UID, people linked by e-mail, recurrence, exceptions, alarm,
time zone kept across DST), and bad files: broken events, unknown time zones, huge recurrences."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from uuid import UUID

import icalendar
import vobject

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.activities import ActivityService
from ekocrm_desktop.services.agenda import AgendaService, Recurrence
from ekocrm_desktop.services.alerts import AlertRequest
from ekocrm_desktop.services.contacts import ContactService, EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.services.ical import IcsService

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def someone(db: Database, first: str, last: str, email: str, *, collaborator: bool = False) -> UUID:
    roles = (RoleEntry("collaborator", dt.date(2020, 1, 1)),) if collaborator else ()
    draft = PartyDraft(first_name=first, last_name=last, emails=(EmailEntry(email),), roles=roles)
    return ContactService(db).create(draft).id


def _agenda_with_series(db: Database) -> tuple[UUID, UUID, UUID, UUID]:
    camille = someone(db, "Camille", "Commerciale", "camille@exemple.fr", collaborator=True)
    helene = someone(db, "Hélène", "Cliente", "helene.cliente@exemple.fr")
    agenda = AgendaService(db, me=camille)
    weekly = agenda.create_appointment(
        "Point hebdo « équipe »",
        paris(2026, 3, 16, 9),
        paris(2026, 3, 16, 10),
        party_ids=[helene],
        place="Salle Rhône",
        recurrence=Recurrence("weekly", weekdays=(0,), count=6),
        alert=AlertRequest(minutes_before=15),
    )
    first_three = agenda.occurrences(paris(2026, 3, 16), paris(2026, 4, 6), [camille])
    agenda.move(
        weekly,
        paris(2026, 3, 24, 14),
        paris(2026, 3, 24, 15),
        original_start=first_three[1].original_start,
        scope="occurrence",
    )
    agenda.delete_occurrence(weekly, paris(2026, 3, 30, 9))
    single = agenda.create_appointment("Visite", paris(2026, 10, 26, 11), paris(2026, 10, 26, 12, 30))
    return camille, helene, weekly, single


def test_export_reads_back_with_icalendar_and_vobject(db: Database) -> None:
    camille, _helene, weekly, single = _agenda_with_series(db)
    ics = IcsService(db, me=camille)
    data = ics.export(ics.appointment_ids([camille]))

    calendar = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = calendar.walk("VEVENT")
    master = next(e for e in events if e.get("RRULE") is not None and e.get("RECURRENCE-ID") is None)
    assert master["UID"] == f"{weekly}@ekocrm"
    assert master["DTSTART"].params["TZID"] == "Europe/Paris"
    assert master["DTSTART"].dt == paris(2026, 3, 16, 9)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["COUNT"] == [6]
    assert [d.dt for d in master["EXDATE"].dts] == [paris(2026, 3, 30, 9)]
    assert str(master["ATTENDEE"]) == "mailto:helene.cliente@exemple.fr"
    assert master["ATTENDEE"].params["CN"] == "Hélène Cliente"
    assert str(master["ORGANIZER"]) == "mailto:camille@exemple.fr"
    assert master["LOCATION"] == "Salle Rhône" and master["SUMMARY"] == "Point hebdo « équipe »"
    (alarm,) = master.walk("VALARM")
    assert alarm["TRIGGER"].dt == dt.timedelta(minutes=-15)
    moved = next(e for e in events if e.get("RECURRENCE-ID") is not None)
    assert moved["RECURRENCE-ID"].dt == paris(2026, 3, 23, 9) and moved["DTSTART"].dt == paris(2026, 3, 24, 14)
    assert any(e["UID"] == f"{single}@ekocrm" for e in events)

    # A second, independent reader: vobject expands our rule in Paris time across the DST change.
    parsed = vobject.readOne(data.decode())
    series = next(
        v for v in parsed.vevent_list if v.uid.value == f"{weekly}@ekocrm" and not hasattr(v, "recurrence_id")
    )
    starts = list(series.getrruleset(addRDate=True))
    assert len(starts) == 5  # six minus the EXDATE
    assert {s.astimezone(PARIS).time() for s in starts} == {dt.time(9)}
    assert paris(2026, 3, 30, 9) not in starts
    assert series.valarm.trigger.value == dt.timedelta(minutes=-15)


def test_round_trip_into_another_workspace_and_reimport_updates(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    camille, helene, weekly, _single = _agenda_with_series(db)
    ics = IcsService(db, me=camille)
    data = ics.export([weekly])
    # Importing our own export again updates the same appointment, it does not duplicate it.
    report = ics.import_ics(data)
    assert report.created == () and report.updated == (weekly,)
    assert report.skipped == () and report.notes == ()
    agenda = AgendaService(db, me=camille)
    window = agenda.occurrences(paris(2026, 3, 16), paris(2026, 5, 1), [camille])
    assert [o.start.astimezone(PARIS) for o in window] == [
        paris(2026, 3, 16, 9),
        paris(2026, 3, 24, 14),
        paris(2026, 4, 6, 9),
        paris(2026, 4, 13, 9),
        paris(2026, 4, 20, 9),
    ]

    # A foreign file (as from Thunderbird): a new UID, lands once, linked to Hélène by e-mail.
    foreign = data.replace(f"{weekly}@ekocrm".encode(), b"thunderbird-42").replace(b"HELENE.CLIENTE@EXEMPLE.FR", b"x")
    first = ics.import_ics(foreign.replace(b"helene.cliente@exemple.fr", b"Helene.Cliente@Exemple.fr"))
    (new_id,) = first.created
    detail = ActivityService(db).get(new_id)
    assert detail.draft.party_ids == (helene,)
    assert detail.draft.alert == AlertRequest(minutes_before=15)
    assert detail.draft.place == "Salle Rhône"
    again = ics.import_ics(foreign)
    assert again.created == () and again.updated == (new_id,)
    both = agenda.occurrences(paris(2026, 3, 16), paris(2026, 5, 1), [helene])
    assert len(both) == 10


def test_malformed_unknown_zone_and_huge_recurrence_import_what_they_can(db: Database) -> None:
    camille = someone(db, "Camille", "Commerciale", "camille@exemple.fr", collaborator=True)
    ics = IcsService(db, me=camille)
    data = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//FR\r
BEGIN:VEVENT\r
UID:good\r
DTSTART;TZID=Europe/Paris:20260401T100000\r
DTEND;TZID=Europe/Paris:20260401T110000\r
SUMMARY:Bon rendez-vous\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:nostart\r
SUMMARY:Sans d\xc3\xa9but\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:mars\r
DTSTART;TZID=Mars/Olympus_Mons:20260402T090000\r
DTEND;TZID=Mars/Olympus_Mons:20260402T100000\r
SUMMARY:Sur Mars\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:huge\r
DTSTART;TZID=Europe/Paris:20260403T090000\r
DURATION:PT30M\r
RRULE:FREQ=DAILY;COUNT=1000000\r
SUMMARY:Infini\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:secondly\r
DTSTART:20260404T090000Z\r
RRULE:FREQ=SECONDLY\r
SUMMARY:Chaque seconde\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:broken\r
DTSTART:2026-XX\r
SUMMARY:Date cass\xc3\xa9e\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:orphan\r
RECURRENCE-ID:20260405T090000Z\r
DTSTART:20260405T100000Z\r
SUMMARY:Orpheline\r
END:VEVENT\r
END:VCALENDAR\r
"""
    report = ics.import_ics(data)
    assert len(report.created) == 4  # good, mars (as UTC), huge and secondly (without repetition)
    assert {(i.uid, i.code) for i in report.skipped} == {
        ("nostart", "no_start"),
        ("broken", "no_start"),
        ("orphan", "orphan_exception"),
    }
    assert {(i.uid, i.code) for i in report.notes} == {
        ("mars", "unknown_time_zone"),
        ("huge", "recurrence_count"),
        ("secondly", "recurrence_frequency"),
    }
    agenda = AgendaService(db, me=camille)
    april = {o.subject: o for o in agenda.occurrences(paris(2026, 4, 1), paris(2026, 5, 1), [camille])}
    assert april["Sur Mars"].start == dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC)
    assert not april["Infini"].recurring and april["Infini"].end - april["Infini"].start == dt.timedelta(minutes=30)
    assert april["Bon rendez-vous"].start == paris(2026, 4, 1, 10)


def test_file_that_does_not_parse_imports_its_readable_events(db: Database) -> None:
    camille = someone(db, "Camille", "Commerciale", "camille@exemple.fr", collaborator=True)
    ics = IcsService(db, me=camille)
    # No END:VCALENDAR: icalendar refuses the whole file, so it is read event by event. A line
    # without a colon is left out of its event; an alarm never closed makes its event unreadable.
    data = (
        b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTART:20260601T080000Z\nDTEND:20260601T090000Z\n"
        b"SUMMARY:Lisible\nEND:VEVENT\nBEGIN:VEVENT\nUID:b\nDTSTART:20260602T080000Z\nCECI N EST PAS UNE LIGNE\n"
        b"SUMMARY:Presque\nEND:VEVENT\nBEGIN:VEVENT\nUID:c\nDTSTART:20260603T080000Z\nSUMMARY:Cass\xc3\xa9e\n"
        b"BEGIN:VALARM\nEND:VEVENT\n"
    )
    report = ics.import_ics(data)
    assert len(report.created) == 2
    assert [(i.code, i.uid, i.summary) for i in report.skipped] == [("unreadable_event", "c", "Cassée")]
    assert [(i.code, i.uid) for i in report.notes] == [("ignored_lines", "b")]
    assert ics.import_ics(b"\x00\x01 pas un calendrier").skipped[0].code == "unreadable_file"


def test_import_reports_progress_and_can_be_stopped(db: Database) -> None:
    camille = someone(db, "Camille", "Commerciale", "camille@exemple.fr", collaborator=True)
    ics = IcsService(db, me=camille)
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:e%d\r\nDTSTART:202606%02dT080000Z\r\nSUMMARY:R%d\r\nEND:VEVENT\r\n" % (i, i + 1, i)
        for i in range(5)
    )
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//FR\r\n" + events + b"END:VCALENDAR\r\n"
    seen: list[tuple[int, int]] = []
    report = ics.import_ics(
        data, progress=lambda done, total, _t: seen.append((done, total)), cancelled=lambda: len(seen) >= 2
    )
    assert seen == [(1, 5), (2, 5)]
    assert len(report.created) == 2
    assert [(i.code, i.detail) for i in report.skipped] == [("cancelled", "3")]
