"""Published iCalendar files read as talks: exact UTC instants (worked out by hand from each
file's wall times and the zone's rules, written next to each expectation), the fields a
conference calendar carries, and one clear line for every bad file.

The corpus files are in tests/corpus/ics (sources in tests/corpus/README.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import PageError, TimingError
from agenda.ics import IcsOptions, write_ics
from agenda.models import Kind, Status
from agenda.readers import decode, detect
from agenda.readers.published import calendar_file
from agenda.tables import write_csv

from .conftest import ROOT, SEEDS, TODAY
from .helpers import read, utc

CORPUS = Path(__file__).resolve().parent / "corpus" / "ics"
PRETALX = CORPUS / "pretalx_pyconau2023_half_hour_zone.ics"
MOCA = CORPUS / "moca2024_reused_uids.ics"
EXCHANGE = CORPUS / "exchange_windows_zones_dst_inside.ics"
FLOATING = CORPUS / "floating_and_all_day.ics"
RECURRING = CORPUS / "recurring_kolkata_series.ics"
INDICO = CORPUS / "indico_style_breaks_in_two_rooms.ics"
FIELDS = ("title", "authors", "abstract", "kind", "track", "room", "url", "start", "end",
          "status", "uid", "zone", "all_day")


def spans(schedule: object) -> list[tuple[datetime, datetime, str]]:
    return [(t.start, t.end, t.title) for t in schedule.talks]  # type: ignore[attr-defined]


def calendar(tmp_path: Path, body: str, name: str = "cal.ics") -> Path:
    path = tmp_path / name
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body
                    + "END:VCALENDAR\r\n", encoding="utf-8")
    return path


def test_a_calendar_is_detected_by_its_content_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "schedule.txt"
    path.write_bytes(PRETALX.read_bytes())
    assert detect(decode(str(path), path.read_bytes())) is calendar_file


def test_half_hour_zone_uses_iana_rules_and_says_the_embedded_vtimezone_is_wrong() -> None:
    """PyCon AU 2023 (pretalx): the file's VTIMEZONE gives Adelaide +09:00, the real zone is
    +09:30 in August (ACST; summer time starts in October)."""
    schedule = read(PRETALX)
    # 09:00 ACST (+09:30) on 18 Aug = 23:30Z on 17 Aug; 09:20 = 23:50Z; 09:50 = 00:20Z; 10:00 =
    # 00:30Z; 10:30 = 01:00Z.
    assert spans(schedule) == [
        (utc("2023-08-17T23:30Z"), utc("2023-08-17T23:50Z"),
         "Specialist Tracks Combined Opening Address"),
        (utc("2023-08-17T23:50Z"), utc("2023-08-18T00:20Z"),
         "Roll for Initiative: how to make the world of AI a more ethical place"),
        (utc("2023-08-18T00:30Z"), utc("2023-08-18T01:00Z"),
         "Unpacking the geospatial engineering toolbox – an overview of data science "
         "techniques for spatial data"),
        (utc("2023-08-18T00:30Z"), utc("2023-08-18T01:00Z"),
         "Wrapping up the Cruft - Making Wrappers to Hide Complexity"),
    ]
    said = [str(n) for n in schedule.notices]
    told = [s for s in said if "VTIMEZONE 'Australia/Adelaide' gives UTC+09:00" in s
            and "UTC+09:30" in s and "using the IANA rules" in s]
    assert len(told) == 1, said  # said once
    assert {t.zone for t in schedule.talks} == {"Australia/Adelaide"}


def test_pretalx_summaries_carry_the_speakers_after_the_last_dash() -> None:
    talks = {t.uid: t for t in read(PRETALX).talks}
    opening = talks["pretalx-pyconau-2023-EJWEMK@pretalx.com"]
    assert opening.authors == ("Pedro Junqueira", "Jack Skinner", "Nicky Ringland",
                               "Katie McLaughlin", "Lilly Ryan")
    cruft = talks["pretalx-pyconau-2023-7UHYUN@pretalx.com"]
    assert cruft.authors == ("Jack Reichelt",)
    assert cruft.room == "Hall B"
    assert cruft.url == "https://pretalx.com/pyconau-2023/talk/7UHYUN/"
    assert cruft.abstract.startswith("When working with students, the goal")
    assert "\n\nThis talk is about how writing wrappers" in cruft.abstract
    assert cruft.kind is Kind.TALK


def test_reused_uids_fall_back_to_agendas_own_identities_with_a_warning() -> None:
    """MOCA 2024 gives UID 46939 to most of its events."""
    schedule = read(MOCA)
    assert len({t.uid for t in schedule.talks}) == len(schedule.talks) == 5
    assert all(t.uid.endswith("@agenda") for t in schedule.talks)
    assert any("'46939'" in str(n) and "own identities" in str(n) for n in schedule.notices)
    gulp = next(t for t in schedule.talks if t.title.startswith("gULP"))
    assert (gulp.start, gulp.end) == (utc("2024-09-15T08:30Z"), utc("2024-09-15T09:00Z"))
    assert gulp.authors == ("Valerio Lupi", "Gabriele Zuddas")  # the ORGANIZER's CN
    assert gulp.room == "MOV"


def test_windows_zone_names_map_to_iana_and_a_dst_change_inside_an_event_is_exact() -> None:
    schedule = read(EXCHANGE)
    night, keynote, cancelled = schedule.talks
    # 22:00 CEST (+2) on 26 Oct = 20:00Z; clocks go back at 03:00, so 04:00 CET (+1) = 03:00Z.
    assert (night.start, night.end) == (utc("2024-10-26T20:00Z"), utc("2024-10-27T03:00Z"))
    assert night.zone == "Europe/Berlin"  # W. Europe Standard Time
    assert night.kind is Kind.WORKSHOP and night.room == "Lab 2"
    assert night.authors == ("Grace Hopper", "Lee, Ada")  # ATTENDEE CNs, quoted comma kept
    # Romance Standard Time = Europe/Paris: 09:30 CET (+1) on 28 Oct = 08:30Z, DURATION 1h15m.
    assert (keynote.start, keynote.end) == (utc("2024-10-28T08:30Z"), utc("2024-10-28T09:45Z"))
    assert keynote.zone == "Europe/Paris"
    assert (keynote.kind, keynote.track) == (Kind.KEYNOTE, "Security")
    assert keynote.authors == ("Jean Dupont",) and keynote.abstract == "Streamed from Paris."
    assert cancelled.status is Status.CANCELLED
    assert (cancelled.start, cancelled.end) == (utc("2024-10-28T13:00Z"),
                                                utc("2024-10-28T14:00Z"))
    assert not any("VTIMEZONE" in str(n) for n in schedule.notices)  # the file's rules agree


def test_floating_times_need_source_tz() -> None:
    with pytest.raises(TimingError, match="--source-tz"):
        read(FLOATING)


def test_floating_times_are_read_in_source_tz_and_dates_are_all_day_events() -> None:
    schedule = read(FLOATING, source_tz="America/New_York")
    talks = {t.title: t for t in schedule.talks}
    badge = talks["Badge pickup desk open"]
    assert badge.all_day
    assert (badge.start, badge.end) == (utc("2024-07-03T00:00Z"), utc("2024-07-05T00:00Z"))
    # 09:00 EDT (-4) = 13:00Z.
    welcome = talks["Welcome and opening"]
    assert (welcome.start, welcome.end) == (utc("2024-07-04T13:00Z"), utc("2024-07-04T13:30Z"))
    assert welcome.kind is Kind.OPENING and not welcome.all_day
    coffee = talks["Coffee Break"]
    assert coffee.kind is Kind.BREAK  # a title made of break words
    assert (coffee.start, coffee.end) == (utc("2024-07-04T14:30Z"), utc("2024-07-04T15:00Z"))
    typed = talks["Type hints in anger"]
    assert typed.authors == ("Sam Lowe", "Kim Ito")  # the description's "Speaker:" line
    assert typed.abstract == "What we learnt adding types to a large codebase."


def test_an_all_day_event_is_written_back_as_dates() -> None:
    schedule = read(FLOATING, source_tz="America/New_York")
    badge = [t for t in schedule.talks if t.all_day]
    text = write_ics(badge, IcsOptions(dtstamp=datetime(2024, 1, 1, tzinfo=UTC))).decode()
    assert "DTSTART;VALUE=DATE:20240703\r\n" in text
    assert "DTEND;VALUE=DATE:20240705\r\n" in text


def test_recurring_events_are_expanded_with_exceptions_and_overrides() -> None:
    schedule = read(RECURRING)
    group = [t for t in schedule.talks if t.title.startswith("ML reading group")]
    # 16:30 IST (+05:30) = 11:00Z. The 15 Jan occurrence is excluded (EXDATE); the 22 Jan one
    # is moved to 18:00 IST = 12:30Z; COUNT=4 ends on 29 Jan.
    assert spans(schedule)[:1] == [(utc("2024-01-08T11:00Z"), utc("2024-01-08T12:00Z"),
                                    "ML reading group")]
    assert [(t.start, t.end) for t in group] == [
        (utc("2024-01-08T11:00Z"), utc("2024-01-08T12:00Z")),
        (utc("2024-01-22T12:30Z"), utc("2024-01-22T13:30Z")),
        (utc("2024-01-29T11:00Z"), utc("2024-01-29T12:00Z")),
    ]
    assert group[1].title == "ML reading group (moved to the evening)"
    uids = [t.uid for t in group]
    assert len(set(uids)) == 3
    assert "reading-group-2024@cs.example.edu/20240122T163000" in uids
    cancelled = next(t for t in schedule.talks if t.title.startswith("Invited"))
    assert cancelled.status is Status.CANCELLED
    assert (cancelled.start, cancelled.end) == (utc("2024-01-10T05:30Z"),
                                                utc("2024-01-10T06:30Z"))


def test_an_endless_recurrence_is_capped_with_a_warning(tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VEVENT\r\nUID:daily@x\r\nSUMMARY:Daily standup\r\n"
                    "DTSTART:20240101T090000Z\r\nDTEND:20240101T091500Z\r\n"
                    "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n")
    schedule = read(path)
    assert len(schedule.talks) == calendar_file.MAX_OCCURRENCES
    assert schedule.talks[-1].start == utc("2026-09-26T09:00Z")  # 2024-01-01 + 999 days
    assert any("more than 1000 occurrences" in str(n) for n in schedule.notices)


def test_one_event_listed_in_two_rooms_is_one_talk_in_both() -> None:
    schedule = read(INDICO)
    breaks = [t for t in schedule.talks if t.kind is Kind.BREAK]
    assert len(breaks) == 1
    assert breaks[0].room == "Main Auditorium (500-1-001), Council Chamber (503-1-001)"
    talk = next(t for t in schedule.talks if t.is_talk)
    assert talk.authors == ("Maria Rossi (INFN)", "Jan Novak (CTU)")
    assert (talk.start, talk.end) == (utc("2024-03-05T08:00Z"), utc("2024-03-05T08:20Z"))


def test_a_tzid_known_only_from_its_vtimezone_uses_those_rules(tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
                    "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0530\r\n"
                    "TZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                    "BEGIN:VEVENT\r\nUID:c1\r\nSUMMARY:Custom zone talk\r\n"
                    "DTSTART;TZID=Customized Time Zone:20240110T100000\r\n"
                    "DTEND;TZID=Customized Time Zone:20240110T110000\r\nEND:VEVENT\r\n")
    (talk,) = read(path).talks
    assert (talk.start, talk.end) == (utc("2024-01-10T04:30Z"), utc("2024-01-10T05:30Z"))


def test_x_wr_timezone_places_floating_times(tmp_path: Path) -> None:
    path = calendar(tmp_path, "X-WR-TIMEZONE:Europe/Lisbon\r\nBEGIN:VEVENT\r\nUID:l1\r\n"
                    "SUMMARY:Lisbon talk\r\nDTSTART:20240710T100000\r\n"
                    "DTEND:20240710T110000\r\nEND:VEVENT\r\n")
    (talk,) = read(path).talks
    # 10:00 WEST (+1) = 09:00Z.
    assert (talk.start, talk.end, talk.zone) == (utc("2024-07-10T09:00Z"),
                                                 utc("2024-07-10T10:00Z"), "Europe/Lisbon")


@pytest.mark.parametrize("style", ["ics", "csv"])
def test_agendas_own_exports_read_back_to_the_same_talks(style: str, tmp_path: Path) -> None:
    talks = read(SEEDS).talks
    path = tmp_path / f"seeds.{style}"
    path.write_bytes(write_ics(talks, IcsOptions(dtstamp=datetime(2020, 1, 1, tzinfo=UTC)))
                     if style == "ics" else write_csv(talks, "data", None))
    back = read(path).talks
    assert len(back) == len(talks)
    for before, after in zip(talks, back, strict=True):
        assert {f: getattr(after, f) for f in FIELDS} == {f: getattr(before, f) for f in FIELDS}


def test_agendas_golden_ics_reads_back_with_its_uids_and_kinds() -> None:
    golden = read(ROOT / "tests" / "golden" / "seeds.ics").talks
    seeds = [t for t in read(SEEDS).talks if t.is_talk]
    assert [(t.uid, t.title, t.kind, t.start, t.end, t.authors) for t in golden] == \
        [(t.uid, t.title, t.kind, t.start, t.end, t.authors) for t in seeds]


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "message"), [
    ("BEGIN:VEVENT\r\nUID:lost-1\r\nSUMMARY:Lost talk\r\nEND:VEVENT\r\n",
     "the event 'Lost talk' (UID lost-1) has no DTSTART"),
    ("BEGIN:VEVENT\r\nUID:b-1\r\nSUMMARY:Backwards\r\nDTSTART:20240101T100000Z\r\n"
     "DTEND:20240101T090000Z\r\nEND:VEVENT\r\n",
     "the event 'Backwards' (UID b-1) ends (2024-01-01T09:00:00+00:00) before it starts"),
    ("BEGIN:VEVENT\r\nUID:t\r\nSUMMARY:x\r\nDTSTART;TZID=Mars/Olympus:20240101T100000\r\n"
     "END:VEVENT\r\n", "unknown time zone TZID='Mars/Olympus'"),
    ("BEGIN:VEVENT\r\nUID:t\r\nSUMMARY:x\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\n",
     "has an unreadable DTSTART 'tomorrow'"),
    ("END:VEVENT\r\n", "END:VEVENT without its BEGIN"),
    ("BEGIN:VEVENT\r\nUID:t\r\nDTSTART:20240101T100000Z\r\n",
     "VEVENT begun here has no END:VEVENT"),
])
def test_a_bad_calendar_is_one_error_naming_the_file_line_and_event(
        tmp_path: Path, body: str, message: str) -> None:
    path = calendar(tmp_path, body)
    with pytest.raises(PageError) as caught:
        read(path)
    assert message in caught.value.message
    assert caught.value.path == str(path) and caught.value.line == 4


def test_a_truncated_calendar_names_what_is_left_open(tmp_path: Path) -> None:
    path = tmp_path / "cut.ics"
    path.write_bytes(MOCA.read_bytes()[:1200].rsplit(b"\n", 1)[0] + b"\n")
    with pytest.raises(PageError, match=r"the file ends inside VEVENT begun on line \d+ \(a "
                       r"truncated download\?\)"):
        read(path)


def test_a_raw_line_break_inside_a_value_is_read_as_part_of_it(tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VEVENT\r\nUID:r\r\nSUMMARY:Raw breaks\r\n"
                    "DTSTART:20240101T100000Z\r\nDESCRIPTION:first line\r\nsecond line\r\n"
                    "END:VEVENT\r\n")
    schedule = read(path)
    assert schedule.talks[0].abstract == "first line\nsecond line"
    assert any("1 line without a colon" in str(n) for n in schedule.notices)


def test_a_hostile_cell_is_read_in_linear_time(tmp_path: Path) -> None:
    import time

    # just under the page budget's longest line (100,000 characters)
    body = ("BEGIN:VEVENT\r\nUID:h\r\nSUMMARY;X=\"" + ":" * 49_000 + "\":"
            + " " * 49_000 + "x\r\nDTSTART:20240101T100000Z\r\nEND:VEVENT\r\n")
    began = time.perf_counter()
    (talk,) = read(calendar(tmp_path, body)).talks
    assert time.perf_counter() - began < 2.0
    assert talk.title == "x"


def test_the_cli_prints_one_line_for_a_bad_calendar_and_keep_going_skips_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    calendar(tmp_path, "BEGIN:VEVENT\r\nUID:lost-1\r\nSUMMARY:Lost talk\r\nEND:VEVENT\r\n",
             "bad.ics")
    (tmp_path / "good.ics").write_bytes(MOCA.read_bytes())
    result = CliRunner().invoke(cli, ["list", "bad.ics", "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("error: bad.ics:4: the event 'Lost talk' (UID lost-1) has no "
                             "DTSTART; fix or remove the event, or pass --keep-going to skip "
                             "this file\n")
    result = CliRunner().invoke(cli, ["list", "bad.ics", "good.ics", "--keep-going",
                                      "--today", TODAY.isoformat()])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 5
    assert "warning: bad.ics:4: skipped: the event 'Lost talk'" in result.stderr


# Real calendars read blind (before agenda was changed for them): the event count and sampled
# instants, worked out by hand from each file's own DTSTART/DTEND and the zone's rules.
BLIND = [
    # PyCon UK 2015, all in UTC ('Z'); UIDs and summaries folded mid-word.
    ("pyconuk2015_utc_folded_uids.ics", 13, [
        ("Registration / Breakfast", "2015-09-18T07:00Z", "2015-09-18T08:30Z"),
        ("Keynote: Van Lindberg, PSF Chair", "2015-09-18T09:30Z", "2015-09-18T10:30Z"),
        ("Real-Time Data + Django = Fun,Growth + Profit", "2015-09-18T10:30Z",
         "2015-09-18T11:00Z")]),
    # Bristol Data Week 2025: 'Z' times, lines of 200+ characters never folded.
    ("bristol_data_week2025_long_unfolded_lines.ics", 8, [
        ("GW4 AI and Data Science: AI, Climate and Health", "2025-06-02T12:30Z",
         "2025-06-02T17:00Z"),
        ("Challenges and Solutions: Data Science and the Nuclear Industry",
         "2025-06-03T13:00Z", "2025-06-03T14:40Z")]),
    # ESUG 2011 (ri_cal): 09:00-10:00 BST (+1) on 22 Aug = 08:00-09:00Z, for every talk.
    ("esug2011_ri_cal_tzid_parameter.ics", 8, [
        ("Magritte Magic", "2011-08-22T08:00Z", "2011-08-22T09:00Z"),
        ("Simulated Annealing", "2011-08-22T08:00Z", "2011-08-22T09:00Z")]),
    # Utah: 12:15 MST (-7) = 19:15Z in January; 11:50 MDT (-6) = 17:50Z in August.
    ("utah_datascience_denver_mst_mdt.ics", 4, [
        ("Randomized FunctionalAnalysis", "2020-01-09T19:15Z", "2020-01-09T20:30Z"),
        ("InfoTabS: Inference on Tables as Semi-Structured Data", "2020-08-28T17:50Z",
         "2020-08-28T19:10Z")]),
    # Hackerspace Gent (Google Calendar, CRLF): 8 single events and a weekly series with no
    # end, read to its first 1000 occurrences. 21:00-23:59 Brussels: CEST (+2) on 29 May
    # 2025 = 19:00-21:59Z, CET (+1) on 6 Nov 2025 = 20:00-22:59Z. Newline 2025 is all day,
    # 23-25 May (DTEND 26 May is exclusive).
    ("hackerspace_gent_google_weekly_rrule.ics", 1008, [
        ("Weekly social", "2025-05-29T19:00Z", "2025-05-29T21:59Z"),
        ("Weekly social", "2025-11-06T20:00Z", "2025-11-06T22:59Z"),
        ("Newline 2025", "2025-05-23T00:00Z", "2025-05-26T00:00Z"),
        ("LAN Party", "2026-02-07T11:00Z", "2026-02-07T22:59Z")]),
    # PyCon US 2025 (ics.py): 'Z' times; '[tutorial] ', '[break] ', '[charla] ' labels.
    ("pycon_us2025_ics_py_bracket_kinds.ics", 15, [
        ("Comprehending comprehensions", "2025-05-14T13:00Z", "2025-05-14T16:30Z"),
        ("Lunch", "2025-05-14T16:30Z", "2025-05-14T17:30Z"),
        ("Diseñando y Construyendo Teclados ⌨️ Personalizados con Python", "2025-05-16T20:30Z",
         "2025-05-16T21:00Z"),
        ("Missing the Apex: Predicting F1 Races with Python", "2025-05-17T15:15Z",
         "2025-05-17T15:45Z")]),
    # doDDD meetup (ical.marudot.com): 19:00-22:00 Berlin on every third Saturday with no end,
    # read from March 2020 to December 2100 (the last year agenda reads): 10 + 80 * 12 = 970.
    # The file's VTIMEZONE puts the autumn change on the -4th Sunday (4 Oct 2020); the IANA
    # rules keep CEST (+2) to 25 Oct, so 17 Oct 2020 19:00 is 17:00Z. 21 Mar 2020 is CET (+1).
    ("doddd_meetup_endless_monthly_rrule.ics", 970, [
        ("Polystammtisch Dortmund", "2020-03-21T18:00Z", "2020-03-21T21:00Z"),
        ("Polystammtisch Dortmund", "2020-04-18T17:00Z", "2020-04-18T20:00Z"),
        ("Polystammtisch Dortmund", "2020-10-17T17:00Z", "2020-10-17T20:00Z"),
        ("Polystammtisch Dortmund", "2100-12-18T18:00Z", "2100-12-18T21:00Z")]),
    # Apple CalendarServer: a daily series of 20 (COUNT) from 15 Nov 2014, 07:45-09:15 PST
    # (-8) = 15:45-17:15Z, TZID with no VTIMEZONE; two RECURRENCE-ID overrides move 17 Nov to
    # 09:30-11:00 (17:30-19:00Z) and 19 Nov to 10:30-12:00 (18:30-20:00Z). Last: 4 Dec.
    ("apple_calendarserver_daily_count_overrides.ics", 20, [
        ("Other organizer", "2014-11-15T15:45Z", "2014-11-15T17:15Z"),
        ("Other organizer", "2014-11-17T17:30Z", "2014-11-17T19:00Z"),
        ("Other organizer", "2014-11-18T15:45Z", "2014-11-18T17:15Z"),
        ("Other organizer", "2014-11-19T18:30Z", "2014-11-19T20:00Z"),
        ("Other organizer", "2014-12-04T15:45Z", "2014-12-04T17:15Z")]),
    # nightlybuild.io 2014 (marudot): TZID=Europe/Berlin with no VTIMEZONE; 18:30-23:00 CEST
    # (+2) on 26 Sep 2014 = 16:30-21:00Z.
    ("nightlybuild2014_marudot_tzid_without_vtimezone.ics", 1, [
        ("nightlybuild.io Conference", "2014-09-26T16:30Z", "2014-09-26T21:00Z")]),
    # Exchange 2010, Windows zone names (US Eastern: EDT -4 from 12 Mar to 5 Nov 2017, else
    # EST -5; Pacific: PDT -7). Four series: a fortnightly Friday demo 13:00 from 24 Feb to 3
    # Nov (19 occurrences; 24 Feb 13:00 EST = 18:00Z, 7 Apr 13:00 EDT = 17:00Z); a daily
    # 12:00-13:00 from 24 Apr to 4 May without 29 and 30 Apr (9), its 1 May override lasting
    # to 14:00 (16:00-18:00Z); a Thursday 14:00-14:30 from 4 May to 9 Nov without 11 May (27;
    # 9 Nov is EST: 19:00Z); a Tuesday 09:45-10:30 PDT from 2 May to 8 Aug (15; 16:45Z).
    # 19 + 9 + 27 + 15 = 70: every override replaces its occurrence.
    ("exchange2010_windows_zones_recurrence_id_at_midnight.ics", 70, [
        ("FW: Triage 2.0 Bi-Weekly Demo", "2017-02-24T18:00Z", "2017-02-24T19:00Z"),
        ("FW: Triage 2.0 Bi-Weekly Demo", "2017-04-07T17:00Z", "2017-04-07T18:00Z"),
        ("Private Appointment", "2017-05-01T16:00Z", "2017-05-01T18:00Z"),
        ("T2 Milestones Update", "2017-11-09T19:00Z", "2017-11-09T19:30Z"),
        ("Core Team Meeting: Panorama and Quarterback", "2017-05-09T16:45Z",
         "2017-05-09T17:30Z")]),
    # Cloud Native Linz (TZID=Europe/Berlin): 18:00-21:00 CEST (+2) on 29 Sep 2020 =
    # 16:00-19:00Z; CET (+1) on 27 Oct 2020 = 17:00-20:00Z; 17:30-20:30 CET on 27 Jan 2026 =
    # 16:30-19:30Z.
    ("cloudnativelinz_meetups_folded_multibyte.ics", 8, [
        ("1. Cloud Native Computing Linz Meetup - CNCF Linz", "2020-09-29T16:00Z",
         "2020-09-29T19:00Z"),
        ("2. Cloud Native Computing Linz Meetup - CNCF Linz", "2020-10-27T17:00Z",
         "2020-10-27T20:00Z"),
        ("Container Images and Impact of Agentic DevOps at Microsoft - CNCF Linz",
         "2026-01-27T16:30Z", "2026-01-27T19:30Z")]),
    # .NET User Group Regensburg: 'Z' times, a VALARM before the event's properties.
    # GOOD 2025 (pretalx): TZID=US/Eastern with its VTIMEZONE; 13:00-17:00 EDT (-4) on 17 Mar
    # 2025 = 17:00-21:00Z; 08:30-10:00 on the 18th = 12:30-14:00Z.
    ("good2025-pretalx-us-eastern-vtimezone.ics", 8, [
        ("Contributor Jam", "2025-03-17T17:00Z", "2025-03-17T21:00Z"),
        ("Integrating XDMoD with OnDemand", "2025-03-18T12:30Z", "2025-03-18T14:00Z"),
        ("Extending Functionality with Initializers", "2025-03-18T14:30Z",
         "2025-03-18T16:00Z")]),
    ("dotnetregensburg_valarm_first_unfolded.ics", 5, [
        ("Microsoft Workflow Foundation", "2008-03-13T17:00Z", "2008-03-13T19:00Z"),
        ("DNX - Mittler zwischen den Welten", "2015-06-29T17:00Z", "2015-06-29T19:00Z")]),
]


@pytest.mark.parametrize(("name", "count", "samples"), BLIND, ids=[b[0] for b in BLIND])
def test_real_calendars_read_blind_give_their_events_at_exact_instants(
        name: str, count: int, samples: list[tuple[str, str, str]]) -> None:
    talks = read(CORPUS / name).talks
    assert len(talks) == count
    got = {(t.title, t.start, t.end) for t in talks}
    for title, start, end in samples:
        assert (title, utc(start), utc(end)) in got, title


def test_a_speakers_block_names_each_speaker_above_their_html_biography() -> None:
    talks = {t.title: t for t in read(CORPUS / "pycon_us2025_ics_py_bracket_kinds.ics").talks}
    assert talks["Comprehending comprehensions"].authors == ("Reuven M. Lerner",)
    assert talks["Comprehending comprehensions"].kind is Kind.TUTORIAL
    ibis = talks["Building machine learning pipelines that scale: a case study using Ibis and "
                 "IbisML"]
    assert ibis.authors == ("Anjali Datta", "Deepyaman Datta")
    # a biography over several lines is no name
    assert talks["Back to foundations: Automated testing with Python"].authors == (
        "Francesco Bruni",)
    charla = talks["Diseñando y Construyendo Teclados ⌨️ Personalizados con Python"]
    assert (charla.kind, charla.authors) == (Kind.TALK, ("Carlos A Aranibar",))
    lunch = talks["Lunch"]
    assert (lunch.kind, lunch.status) == (Kind.BREAK, Status.CANCELLED)  # as the file says


def test_a_speakers_line_followed_by_prose_gives_no_names(tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Panel\r\n"
                    "DTSTART:20240601T100000Z\r\nDTEND:20240601T110000Z\r\n"
                    "DESCRIPTION:About it.\\nSpeakers:\\nThis year we invited several guests "
                    "from industry to talk.\r\nEND:VEVENT\r\n")
    (talk,) = read(path).talks
    assert talk.authors == ()


def test_an_endless_series_stops_at_the_last_year_agenda_reads_and_says_so() -> None:
    schedule = read(CORPUS / "doddd_meetup_endless_monthly_rrule.ics")
    assert max(t.start for t in schedule.talks).year == 2100
    assert any("repeats past 2100" in str(n) for n in schedule.notices)


def test_a_vtimezone_whose_tzid_has_parameters_is_read() -> None:
    """ri_cal writes TZID;X-RICAL-TZSOURCE=TZINFO:Europe/London (parameters RFC 5545 allows)."""
    schedule = read(CORPUS / "esug2011_ri_cal_tzid_parameter.ics")
    assert {t.zone for t in schedule.talks} == {"Europe/London"}
    assert not any("VTIMEZONE" in str(n) for n in schedule.notices)


def test_an_unreadable_vtimezone_of_an_iana_zone_is_said_and_the_iana_rules_used(
        tmp_path: Path) -> None:
    path = calendar(tmp_path, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\n"
                    "DTSTART:19701025T030000\r\nTZOFFSETFROM:nonsense\r\nTZOFFSETTO:+0100\r\n"
                    "END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Talk\r\n"
                    "DTSTART;TZID=Europe/Berlin:20240601T100000\r\n"
                    "DTEND;TZID=Europe/Berlin:20240601T110000\r\nEND:VEVENT\r\n")
    schedule = read(path)
    (talk,) = schedule.talks
    # 10:00 CEST (+2) = 08:00Z
    assert (talk.start, talk.end) == (utc("2024-06-01T08:00Z"), utc("2024-06-01T09:00Z"))
    said = [str(n) for n in schedule.notices]
    assert any("VTIMEZONE 'Europe/Berlin' cannot be read" in s and "IANA rules" in s
               for s in said), said


def test_speakers_after_a_dash_in_most_titles_become_the_authors() -> None:
    talks = {t.title: t for t in read(CORPUS / "utah_datascience_denver_mst_mdt.ics").talks}
    assert talks["Learning to care"].authors == ("Matthew H. Samore", "Jeffrey Humpherys")
    assert talks["Randomized FunctionalAnalysis"].authors == ("Chris Musco",)
    esug = {t.title: t for t in read(CORPUS / "esug2011_ri_cal_tzid_parameter.ics").talks}
    assert esug["Magritte Magic"].authors == ("Nick Ager", "Esteban Lorenzano")
    assert esug["Now that I have a GC in Smalltalk, what can I do with it?"].authors == (
        "Javier Burroni", "Gerardo Richarte")


def test_a_talk_by_clause_gives_the_speakers() -> None:
    talks = {t.title: t for t in read(CORPUS / "pyconuk2015_utc_folded_uids.ics").talks}
    assert talks["Python's Infamous GIL"].authors == ("Larry Hastings",)
    assert talks["Real-Time Data + Django = Fun,Growth + Profit"].authors == ("Rachel Willmer",)
    assert talks["DjangoGirls"].authors == ()


def test_a_dash_in_a_few_titles_is_kept_in_the_title(tmp_path: Path) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{i}\r\nSUMMARY:{title}\r\nDTSTART:20240601T1{i}0000Z\r\n"
        f"DTEND:20240601T1{i}3000Z\r\nEND:VEVENT\r\n"
        for i, title in enumerate(["Templating - Past, Present and Future", "Opening",
                                   "Lunch", "Packaging in Python"]))
    titles = {t.title for t in read(calendar(tmp_path, events)).talks}
    assert "Templating - Past, Present and Future" in titles


def test_a_vcalendar_1_0_file_with_floating_times_is_read_in_the_source_zone() -> None:
    """nightlybuild.io 2014's first calendar: VERSION:1.0, no zone at all; 18:30-23:00 in
    Berlin (CEST, +2) on 26 Sep 2014 = 16:30-21:00Z."""
    path = CORPUS / "nightlybuild2014_vcalendar_1_0_floating.ics"
    with pytest.raises(TimingError, match="--source-tz"):
        read(path)
    (talk,) = read(path, source_tz="Europe/Berlin").talks
    assert (talk.title, talk.start, talk.end) == (
        "nightlybuild.io Conference", utc("2014-09-26T16:30Z"), utc("2014-09-26T21:00Z"))


def test_a_value_that_repeats_its_property_name_loses_the_repeat() -> None:
    """ical.marudot.com wrote 'LOCATION:LOCATION:Kölner Künstler Theater…'."""
    (talk,) = read(CORPUS / "nightlybuild2014_marudot_tzid_without_vtimezone.ics").talks
    assert talk.room == "Kölner Künstler Theater, Grüner Weg 5, 50825, Ehrenfeld, Köln, Germany"


def test_exchange_overrides_named_by_midnight_replace_that_days_occurrence() -> None:
    schedule = read(CORPUS / "exchange2010_windows_zones_recurrence_id_at_midnight.ics")
    first_of_may = [t for t in schedule.talks if t.title == "Private Appointment"
                    and t.start.date().isoformat() == "2017-05-01"]
    assert [(t.start, t.end) for t in first_of_may] == [
        (utc("2017-05-01T16:00Z"), utc("2017-05-01T18:00Z"))]  # the override alone
    assert not [t for t in schedule.talks if t.start.date().isoformat() in (
        "2017-04-29", "2017-04-30", "2017-05-11")]  # EXDATEs
    said = [str(n) for n in schedule.notices]
    assert any("6 overrides name their occurrence by midnight" in s for s in said), said


def test_a_suffix_every_title_repeats_is_the_series_not_a_speaker() -> None:
    talks = read(CORPUS / "cloudnativelinz_meetups_folded_multibyte.ics").talks
    assert all(t.title.endswith(" - CNCF Linz") and t.authors == () for t in talks)


def test_a_speaker_line_inside_a_description_names_the_speaker() -> None:
    talks = {t.title: t for t in read(CORPUS / "dotnetregensburg_valarm_first_unfolded.ics").talks}
    assert talks["Microsoft Workflow Foundation"].authors == ("Hardy Erlinger",)
    assert talks["Agile Softwareentwicklung mit TDD und Scrum"].authors == ("André Hofmann",)
