"""Schedule JSON (c3voc / frab / pretalx) and Indico JSON: published files (tests/corpus/json,
see its README) read into talks whose UTC instants were computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import AgendaError, PageError
from agenda.models import Kind, Status
from agenda.readers import decode, detect, table_file
from agenda.readers.published import events, schedule_json

from .helpers import page, read, times, utc

CORPUS = Path(__file__).parent / "corpus" / "json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


def test_c3voc_schedule_json_in_its_conference_zone_past_midnight() -> None:
    # Camp 2019, Europe/Berlin (CEST, UTC+2): 11:00 is 09:00Z; 'Achtung, Datenpannen!' starts
    # 23:00 on the 22nd and lasts 01:30, ending 00:30 CEST on the 23rd = 22:30Z on the 22nd.
    schedule = read(CORPUS / "camp2019-schedule.json")
    assert times(schedule) == [
        ("2019-08-21T09:00Z", "2019-08-21T09:30Z", "Opening Ceremony"),
        ("2019-08-21T20:00Z", "2019-08-21T21:30Z", "20 Jahre Camp"),
        ("2019-08-22T21:00Z", "2019-08-22T22:30Z", "Achtung, Datenpannen!"),
    ]
    opening = schedule.talks[0]
    assert opening.zone == "Europe/Berlin"
    assert opening.authors == ("jinxx", "smtw")
    assert (opening.room, opening.track, opening.kind) == ("Curie", "CCC", Kind.TALK)
    assert opening.url == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html"
    assert opening.uid == "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4"
    assert opening.line == 24  # the line of its guid in the file


def test_pretalx_export_without_zone_name_keeps_its_offsets() -> None:
    schedule = read(CORPUS / "rc3-pretalx-no-zone.json")
    assert times(schedule) == [
        ("2020-12-27T10:30Z", "2020-12-27T11:10Z",
         "Der faule Admin automatisiert: Gluon auf echter Hardware testen"),
        ("2020-12-27T21:00Z", "2020-12-27T21:40Z", "What have we lost?"),
    ]
    assert schedule.talks[0].kind is Kind.TALK  # 'Talk 30 min + 10min Q&A'


def test_utc_given_as_the_zone_of_offset_times_is_taken_for_a_default() -> None:
    schedule = read(CORPUS / "democon-pretalx-utc-default.json")
    assert times(schedule)[0] == ("2020-12-14T08:00Z", "2020-12-14T08:30Z",
                                  "Focused 5thgeneration hardware")
    assert any("given as UTC" in n.message for n in schedule.notices)


def test_schedule2_events_with_start_and_end_after_midnight() -> None:
    # 2024-12-28T00:15:00+01:00 is 2024-12-27T23:15Z.
    schedule = read(CORPUS / "38c3-hub-schedule2.json")
    assert [t[:2] for t in times(schedule)] == [("2024-12-27T09:30Z", "2024-12-27T10:00Z"),
                                                ("2024-12-27T23:15Z", "2024-12-27T23:55Z")]
    first = schedule.talks[0]
    assert (first.room, first.track) == ("Saal 1", "CCC")  # the track's slug, named
    assert first.authors == ("Gabriela Bogk", "Aline Blankertz", "Senficon")
    assert first.zone == "Europe/Berlin"


def test_schedule2_canceled_state_is_kept(tmp_path: Path) -> None:
    doc = json.loads((CORPUS / "38c3-hub-schedule2.json").read_text(encoding="utf-8"))
    doc["schedule"]["events"][0]["state"] = "CANCELED"
    schedule = read(page(tmp_path, "hub.json", json.dumps(doc)))
    assert [t.status for t in schedule.talks] == [Status.CANCELLED, Status.CONFIRMED]


def test_pretalx_widget_in_a_half_hour_zone_across_its_dst_end() -> None:
    # Adelaide: ACDT is UTC+10:30, ACST UTC+9:30 (clocks back at 03:00 on 2024-04-07).
    # 09:00+10:30 = 22:30Z the day before; 01:30+10:30 = 15:00Z, 03:00+09:30 = 17:30Z.
    schedule = read(CORPUS / "pretalx-widget-adelaide.json")
    assert times(schedule, talks_only=False) == [
        ("2024-01-19T22:30Z", "2024-01-19T23:15Z",
         "Packaging Python for the southern hemisphere"),
        ("2024-01-19T23:30Z", "2024-01-20T00:00Z", "Morning tea"),
        ("2024-04-06T15:00Z", "2024-04-06T17:30Z", "Hacking through the daylight-saving change"),
    ]
    talk, tea, night = schedule.talks
    assert (talk.room, talk.track, talk.authors) == ("Hall A", "Packaging", ("Jess Tran",))
    assert tea.kind is Kind.BREAK
    assert night.authors == ("Jess Tran", "Mark Wills")
    assert night.status is Status.CANCELLED
    assert {t.zone for t in schedule.talks} == {"Australia/Adelaide"}


def test_pretalx_api_talks_with_their_slots() -> None:
    schedule = read(CORPUS / "pretalx-api-talks.json")
    assert times(schedule) == [("2023-06-10T08:00Z", "2023-06-10T08:30Z",
                                "Secure boot, explained"),
                               ("2023-06-10T11:00Z", "2023-06-10T12:30Z", "Nanoseconds")]
    boot, nano = schedule.talks
    assert (boot.room, boot.track, boot.authors, boot.uid) == (
        "Hall 1", "Security", ("Ada Byron",), "ABC123")
    assert (nano.kind, nano.status) == (Kind.WORKSHOP, Status.CANCELLED)


def test_indico_documentation_example() -> None:
    # 2013-04-29 16:00 Europe/Zurich (CEST, UTC+2) = 14:00Z.
    schedule = read(CORPUS / "indico-docs-timetable.json")
    assert times(schedule) == [("2013-04-29T14:00Z", "2013-04-29T14:30Z", "Contrib 1")]
    talk = schedule.talks[0]
    assert (talk.room, talk.zone, talk.uid) == ("160-1-009", "Europe/Zurich", "137346-c0")


def test_indico_sessions_breaks_and_a_half_hour_zone() -> None:
    # Asia/Kolkata is UTC+5:30: 09:30 IST = 04:00Z.
    schedule = read(CORPUS / "indico-kolkata-sessions.json")
    assert times(schedule, talks_only=False) == [
        ("2024-01-10T04:00Z", "2024-01-10T04:30Z", "Entanglement witnesses in practice"),
        ("2024-01-10T04:30Z", "2024-01-10T05:00Z", "Noisy channels, clean bounds"),
        ("2024-01-10T05:00Z", "2024-01-10T05:30Z", "Tea break"),
        ("2024-01-10T05:30Z", "2024-01-10T06:30Z",
         "Keynote: Fifty years of quantum optics in India"),
        ("2024-01-10T08:30Z", "2024-01-10T10:00Z", "Poster session"),
    ]
    talks = {t.title: t for t in schedule.talks}
    witnesses = talks["Entanglement witnesses in practice"]
    assert (witnesses.track, witnesses.room, witnesses.authors) == (
        "Quantum Information", "Faculty Hall", ("Arjun Iyer",))
    assert witnesses.url == "https://indico.example.org/event/1234/contributions/301/"
    noisy = talks["Noisy channels, clean bounds"]
    assert noisy.room == "Faculty Hall"  # inherited from its session
    assert noisy.url is None  # a relative link is no URL
    assert talks["Tea break"].room == "Faculty Hall, Lecture Hall 2"  # one break, two rooms
    assert talks["Keynote: Fifty years of quantum optics in India"].kind is Kind.KEYNOTE
    assert talks["Poster session"].kind is Kind.POSTER
    assert {t.zone for t in schedule.talks} == {"Asia/Kolkata"}


def test_malformed_json_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    text = (CORPUS / "camp2019-schedule.json").read_text(encoding="utf-8")
    broken = text.replace('"room": "Curie",', '"room": "Curie"', 1)
    path = page(tmp_path, "broken.json", broken)
    code, out, err = run("list", path)
    line = broken[: broken.index('"room": "Curie"')].count("\n") + 2
    assert code == 1 and out == ""
    assert err == (f"error: {path}:{line}: malformed JSON: Expecting ',' delimiter "
                   "(column 17)\n")


def test_keep_going_skips_the_malformed_file(tmp_path: Path) -> None:
    bad = page(tmp_path, "bad.json", '{"schedule": {"conference": ')
    code, out, err = run("list", bad, str(CORPUS / "indico-docs-timetable.json"), "--keep-going")
    assert code == 0 and "Contrib 1" in out
    assert f"warning: {bad}:1: skipped: malformed JSON" in err


def test_a_huge_file_is_refused_with_the_limit_named(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "MAX_CHARS", 1000)
    with pytest.raises(PageError, match=r"over agenda's limit of 0 MB") as caught:
        read(CORPUS / "camp2019-schedule.json")
    assert "JSON schedule is" in caught.value.message
    with pytest.raises(PageError, match="XML schedule is"):
        read(Path(__file__).parent / "corpus" / "frab" / "31c3-offsets-after-midnight.xml")


def test_json_that_is_no_schedule_is_not_claimed(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="no schedule found: no times at all"):
        read(page(tmp_path, "package.json", '{"name": "x", "version": "1.0.0"}'))


def test_floating_flat_times_need_source_tz(tmp_path: Path) -> None:
    doc = {"talks": [{"code": "A1", "title": "Floating", "start": "2024-05-01T10:00:00",
                      "end": "2024-05-01T10:30:00"}]}
    path = page(tmp_path, "f.json", json.dumps(doc))
    with pytest.raises(AgendaError, match="--source-tz"):
        read(path)
    assert times(read(path, source_tz="Asia/Kathmandu")) == [  # UTC+5:45
        ("2024-05-01T04:15Z", "2024-05-01T04:45Z", "Floating")]


def test_indico_event_export_with_contributions_and_the_event_zone(tmp_path: Path) -> None:
    # /export/event/ID.json?detail=contributions: the event names its zone; a contribution
    # whose startDate carries none is read in it. 2023-03-26 is the day Europe/Zurich moves
    # from CET to CEST at 02:00: 01:30 CET = 00:30Z, and 90 minutes later is 02:00Z (04:00
    # CEST); adding them to the wall clock would give 03:00 CEST, 01:00Z.
    doc = {"count": 1, "results": [{
        "_type": "Conference", "id": "77", "title": "Spring school", "timezone": "Europe/Zurich",
        "startDate": {"date": "2023-03-26", "time": "00:00:00", "tz": "Europe/Zurich"},
        "contributions": [
            {"_type": "Contribution", "id": "5", "title": "Night shift physics",
             "startDate": {"date": "2023-03-26", "time": "01:30:00"}, "duration": 90,
             "room": "Aula", "speakers": [{"fullName": "Dr. Eva Koch"}],
             "session": {"title": "Night session"}, "url": "https://indico.example.org/c/5"},
        ]}]}
    schedule = read(page(tmp_path, "event.json", json.dumps(doc)))
    assert times(schedule) == [("2023-03-26T00:30Z", "2023-03-26T02:00Z",
                                "Night shift physics")]
    talk = schedule.talks[0]
    assert (talk.track, talk.room, talk.authors, talk.zone) == (
        "Night session", "Aula", ("Dr. Eva Koch",), "Europe/Zurich")


def test_pretalx_talks_nested_in_a_sites_own_shape_are_found() -> None:
    """PyCon FR 2024 files pretalx submissions as {"schedule": {day: {minute: {room: talk}}}};
    each talk's slot has +01:00 offsets: 09:00+01:00 is 08:00Z."""
    schedule = read(CORPUS / "pyconfr2024-pretalx-by-day-and-minute.json")
    assert len(schedule.talks) == 11
    talks = {t.title: t for t in schedule.talks}
    welcome = talks["Accueil / Welcome"]
    assert (welcome.start, welcome.end) == (utc("2024-11-02T08:00Z"), utc("2024-11-02T08:30Z"))
    assert (welcome.authors, welcome.room, welcome.uid) == (("Lucie Anglade",), "GAM", "JDQLRV")
    pandas = talks["Introduction to Data Analysis Using Pandas"]
    assert (pandas.start, pandas.end) == (utc("2024-11-02T09:30Z"), utc("2024-11-02T11:55Z"))
    assert pandas.kind is Kind.WORKSHOP and pandas.room == "C04"
    assert talks["Zero Python"].authors == ("Dorian Turba", "Karine Bauch")
    nlp = next(t for t in schedule.talks if t.title.startswith("Reality Is Not"))
    assert (nlp.start, nlp.end) == (utc("2024-11-03T09:00Z"), utc("2024-11-03T09:55Z"))


def test_a_json_document_is_never_read_as_a_csv_table() -> None:
    """Before, PyCon FR's file was claimed by the CSV reader ('a header but no rows')."""
    path = CORPUS / "pyconfr2024-pretalx-by-day-and-minute.json"
    found = decode(str(path), path.read_bytes())
    assert table_file.detect(found) == 0.0
    assert detect(found) is schedule_json


def test_indico_event_export_with_contributions_in_utc() -> None:
    """XDC 2021 (indico.freedesktop.org /export/event/1.json?detail=contributions): dates are
    given with tz UTC."""
    schedule = read(CORPUS / "xdc2021-indico-event-contributions.json")
    assert times(schedule, talks_only=False) == [
        ("2021-09-15T11:00Z", "2021-09-15T11:10Z", "Opening Session"),
        ("2021-09-15T11:15Z", "2021-09-15T12:00Z", "Raspberry Pi Vulkan driver update"),
        ("2021-09-15T12:05Z", "2021-09-15T12:50Z", "Lima driver status update 2021"),
        ("2021-09-15T12:55Z", "2021-09-15T13:40Z", "The Occult and the Apple GPU"),
        ("2021-09-17T15:25Z", "2021-09-17T15:45Z", "State of the X.Org"),
        ("2021-09-17T17:25Z", "2021-09-17T17:35Z", "Closing session"),
    ]


def test_indico_times_given_in_utc_are_shown_in_the_events_own_zone() -> None:
    schedule = read(CORPUS / "xdc2021-indico-event-contributions.json")
    assert {t.zone for t in schedule.talks} == {"Europe/Warsaw"}  # the event's "timezone"
    # fullName "Toral, Iago"; its first_name and last_name give the name as spoken
    assert schedule.talks[1].authors == ("Iago Toral",)


def test_sessionize_sessions_keyed_by_their_ids_are_read_in_the_source_tz() -> None:
    # Vermont Code Camp 2018 (a site's _data/sessions.json from Sessionize): floating times,
    # 2018-09-15 in America/New_York (EDT, UTC-4): 09:00 = 13:00Z.
    path = CORPUS / "vtcodecamp2018-sessionize-sessions-by-id.json"
    with pytest.raises(AgendaError, match="--source-tz"):
        read(path)
    schedule = read(path, source_tz="America/New_York")
    assert len(schedule.talks) == 8
    talks = {t.title: t for t in schedule.talks}
    dotnoobs = talks["For the DotNoobs! Leveling Up Your C#"]
    assert (dotnoobs.start, dotnoobs.end) == (utc("2018-09-15T13:00Z"), utc("2018-09-15T14:00Z"))
    assert dotnoobs.kind is Kind.TALK and dotnoobs.uid == "43893"
    assert dotnoobs.authors == ()  # speaker ids of a speakers list the file does not carry
    assert not dotnoobs.room  # a room id of a rooms list the file does not carry
    closing = talks["Closing Remarks"]  # 17:15-17:30 EDT
    assert (closing.start, closing.end) == (utc("2018-09-15T21:15Z"), utc("2018-09-15T21:30Z"))
    registration = talks["Registration (& Coffee, Tea, Juice, Pastries)"]
    assert registration.kind is Kind.BREAK  # isServiceSession


def test_sessionize_rooms_and_speakers_listed_beside_the_sessions_are_named(
        tmp_path: Path) -> None:
    doc = {"sessions": [{"id": "7", "title": "Rust at the edge", "startsAt": "2024-03-02T10:00:00",
                         "endsAt": "2024-03-02T10:45:00", "isServiceSession": False,
                         "speakers": ["3f1c2a4e-0000-4000-8000-000000000001"], "roomId": 12}],
           "rooms": [{"id": 12, "name": "Hall B"}],
           "speakers": [{"id": "3f1c2a4e-0000-4000-8000-000000000001",
                         "fullName": "Noor Haddad"}]}
    (talk,) = read(page(tmp_path, "s.json", json.dumps(doc)), source_tz="Europe/Lisbon").talks
    # Lisbon in March is WET (UTC+0)
    assert (talk.start, talk.room, talk.authors) == (utc("2024-03-02T10:00Z"), "Hall B",
                                                     ("Noor Haddad",))


def test_javascript_date_strings_with_their_gmt_offsets_are_exact_instants() -> None:
    # DevRelCon Tokyo 2023: 'Fri Mar 10 2023 12:00:00 GMT+0900 (日本標準時)' = 03:00Z; titles
    # in title_en / title_ja (English read); the same break listed for two stages is one event.
    schedule = read(CORPUS / "devrelcon-tokyo2023-js-date-strings.json")
    assert len(schedule.talks) == 15
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    for title, start, end in [
            ("Registration", "2023-03-10T03:00Z", "2023-03-10T04:00Z"),
            ("Welcome", "2023-03-10T04:00Z", "2023-03-10T04:10Z"),
            ("Your Job Doesn’t End (Or Start) With Your Talk", "2023-03-10T05:35Z",
             "2023-03-10T06:05Z"),
            ("Developer Ecosystem in Japan", "2023-03-11T02:10Z", "2023-03-11T03:00Z")]:
        assert (title, utc(start), utc(end)) in got, title
    two_lines = [t for t in schedule.talks if t.title.startswith("How to Create a Chain")]
    assert two_lines and "\n" not in two_lines[0].title


def test_a_javascript_date_string_that_is_no_date_is_refused_with_its_line(
        tmp_path: Path) -> None:
    doc = [{"title": "Talk", "start_datetime": "Fri Mar 10 2023 12:00:00 GMT+0900",
            "end_datetime": "Fri Feb 30 2023 13:00:00 GMT+0900"}]
    with pytest.raises(AgendaError, match="neither an end nor a duration"):
        read(page(tmp_path, "bad.json", json.dumps(doc)))


def test_a_site_timetable_of_days_and_clock_times_reads_parallel_talks_and_infers_the_year(
        ) -> None:
    # DevFest Baltics 2018 (the site's data/schedule.json): "Friday, November 16" with no year
    # (2018 is the latest past year where 16 Nov is a Friday), slots with a start only, each
    # ending when the next begins; Riga in November is EET (UTC+2): 10:15 = 08:15Z.
    schedule = read(CORPUS / "devfestbaltics2018-days-timetable-no-year.json",
                    source_tz="Europe/Riga")
    assert len(schedule.talks) == 24
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    for title, start, end in [
            ("Registration & breakfast", "2018-11-16T07:00Z", "2018-11-16T08:00Z"),
            ("Keynote: The art of coding disasters and failures", "2018-11-16T08:15Z",
             "2018-11-16T09:20Z"),
            ("Themes, styles & more: from zero to hero", "2018-11-16T09:20Z", "2018-11-16T10:30Z"),
            ("Coding for Curiosity", "2018-11-16T09:20Z", "2018-11-16T10:30Z"),
            # the last slot (20:00) is given the day's most common length, 70 minutes
            ("After party", "2018-11-16T18:00Z", "2018-11-16T19:10Z")]:
        assert (title, utc(start), utc(end)) in got, title
    talks = {t.title: t for t in schedule.talks}
    assert talks["Coding for Curiosity"].track == "iOS"
    assert talks["Integrating Your Android Apps with the Google Assistant"].authors == (
        "Aygul Zagidullina", "Kaan Mamikoglu")
    said = " ".join(str(n) for n in schedule.notices)
    assert "assuming 2018" in said and "each ends when the next slot" in said


def test_a_site_timetable_with_iso_days_and_written_ends(tmp_path: Path) -> None:
    doc = {"days": [{"date": "2024-03-30", "slots": [
        {"start": "23:00", "end": "23:45", "title": "Late talk", "speaker": "Ana Ruiz"},
        {"start": "09:00", "title": "Opening"}]}]}
    talks = read(page(tmp_path, "days.json", json.dumps(doc)), source_tz="Europe/Madrid").talks
    # 30 March 2024 in Madrid is CET (UTC+1): 09:00 = 08:00Z, ending at the next slot 23:00
    assert [(t.title, t.start, t.end, t.authors) for t in talks] == [
        ("Opening", utc("2024-03-30T08:00Z"), utc("2024-03-30T22:00Z"), ()),
        ("Late talk", utc("2024-03-30T22:00Z"), utc("2024-03-30T22:45Z"), ("Ana Ruiz",))]


def test_sessionize_all_data_with_rooms_and_speakers_by_id_read_blind() -> None:
    """DDD Melbourne 2025 (Sessionize 'All' export): floating startsAt read in --source-tz;
    22 Feb 2025 is AEDT (+11): 09:00 = 22:00Z on the 21st, 10:15-12:00 = 23:15Z-01:00Z,
    16:45-17:15 = 05:45-06:15Z."""
    talks = read(CORPUS / "dddmelbourne2025-sessionize-all-floating.json",
                 source_tz="Australia/Melbourne").talks
    assert len(talks) == 8
    got = {t.title: t for t in talks}
    robotics = got["Emerging trends in robotics"]
    assert (robotics.start, robotics.end) == (utc("2025-02-21T22:00Z"), utc("2025-02-21T22:45Z"))
    assert (robotics.authors, robotics.room) == (("Sue Keay",), "Main hall")
    storming = got["Beginner's Guide to Event Storming"]
    assert (storming.start, storming.end) == (utc("2025-02-21T23:15Z"), utc("2025-02-22T01:00Z"))
    assert storming.room == "Hoddle room"
    last = got["Coding Like it's 2005"]
    assert (last.start, last.end) == (utc("2025-02-22T05:45Z"), utc("2025-02-22T06:15Z"))


def test_a_flat_list_of_dated_items_with_a_twelve_hour_time_is_a_timetable() -> None:
    """A Jekyll `_data` list of {title, date, time: '2:00 PM', location}: each item starts at
    its time in --source-tz (Vienna, CEST +2 in June: 10:00 = 08:00Z, 14:00 = 12:00Z) and,
    giving no end, lasts the usual hour, which is said."""
    schedule = read(CORPUS / "lps2025-jekyll-date-and-12h-time.json", source_tz="Europe/Vienna")
    assert [(t.title, t.start, t.room) for t in schedule.talks] == [
        ("Session 1", utc("2025-06-18T08:00Z"), "Room A"),
        ("Session 2", utc("2025-06-19T12:00Z"), "Room B")]
    assert any("gives no end" in str(n) for n in schedule.notices)
