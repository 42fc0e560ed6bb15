"""frab / pentabarf schedule XML: real published files (tests/corpus/frab, see its README) read
into talks whose UTC instants were computed by hand from the files' own fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import AgendaError, PageError, TimingError
from agenda.models import Kind, Status

from .helpers import page, read, times, utc

CORPUS = Path(__file__).parent / "corpus" / "frab"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


def test_31c3_offsets_give_exact_instants_including_events_after_midnight() -> None:
    # <date> 2014-12-27T11:00:00+01:00 is 10:00Z; 'Citizenfour', listed under day 1 (which ends
    # 2014-12-28T04:00+01:00), starts at 00:00+01:00 on the 28th, 23:00Z on the 27th.
    schedule = read(CORPUS / "31c3-offsets-after-midnight.xml")
    assert times(schedule) == [
        ("2014-12-27T10:00Z", "2014-12-27T10:30Z", "31C3 Opening Event"),
        ("2014-12-27T10:30Z", "2014-12-27T11:30Z", "31C3 Keynote"),
        ("2014-12-27T22:00Z", "2014-12-27T23:00Z", "Crypto Tales from the Trenches"),
        ("2014-12-27T23:00Z", "2014-12-28T01:15Z", "Citizenfour"),
        ("2014-12-28T23:15Z", "2014-12-29T00:45Z", "Fnord News Show"),
    ]


def test_frab_fields_become_talk_fields_and_guids_become_uids() -> None:
    talks = {t.title: t for t in read(CORPUS / "31c3-offsets-after-midnight.xml").talks}
    opening = talks["31C3 Opening Event"]
    assert opening.authors == ("erdgeist", "Geraldine de Bastion")
    assert (opening.track, opening.room, opening.kind) == ("CCC", "Saal 1", Kind.TALK)
    assert opening.uid == "29aecfd7-2e44-4f49-ab86-29b5e0877325"
    keynote = talks["31C3 Keynote"]
    assert keynote.abstract == "A New Dawn\n\nThe 31C3 Keynote"  # subtitle, abstract (once)
    assert talks["Crypto Tales from the Trenches"].authors[2] == "Laura Poitras"  # stripped


def test_local_times_written_with_z_are_read_in_the_conference_zone_and_said() -> None:
    # The same events with <date> written as local wall times plus 'Z' (the bug of osem #1188
    # and wafer #437) and <time_zone_name>Europe/Berlin: <start> agrees with the wall clock.
    fixed = read(CORPUS / "31c3-offsets-after-midnight.xml")
    zulu = read(CORPUS / "31c3-local-times-with-z.xml")
    assert times(zulu) == times(fixed)
    assert {t.zone for t in zulu.talks} == {"Europe/Berlin"}
    said = [n.message for n in zulu.notices]
    assert any("contradicts the conference zone Europe/Berlin" in m and "5 events" in m
               and "wall times" in m for m in said)


def test_pentabarf_without_dates_or_zone_needs_source_tz() -> None:
    with pytest.raises(TimingError, match="--source-tz"):
        read(CORPUS / "fosdem-style-no-dates.xml")


def test_pentabarf_start_times_read_in_the_source_zone_after_midnight_next_day() -> None:
    # Day 2020-02-01 in Brussels (CET, UTC+1): 09:30 is 08:30Z; '00:30' under that day (no
    # day start given) is after midnight, 2020-02-02 00:30 CET = 2020-02-01T23:30Z. The
    # duration '00:50:00' is H:MM:SS.
    schedule = read(CORPUS / "fosdem-style-no-dates.xml", source_tz="Europe/Brussels")
    assert times(schedule) == [
        ("2020-02-01T08:30Z", "2020-02-01T08:55Z", "Welcome to FOSDEM 2020"),
        ("2020-02-01T09:00Z", "2020-02-01T09:50Z",
         "The Linux Kernel: We have to finish this thing one day ;)"),
        ("2020-02-01T23:30Z", "2020-02-02T00:30Z", "Late night hacking session"),
    ]
    assert any("after midnight" in n.message for n in schedule.notices)
    kinds = {t.title: t.kind for t in schedule.talks}
    assert kinds["Welcome to FOSDEM 2020"] is Kind.KEYNOTE
    assert kinds["Late night hacking session"] is Kind.WORKSHOP


def test_pentabarf_like_entries_with_hhmm_starts_and_minute_durations() -> None:
    # EuroPython 2014 (Berlin, CEST = UTC+2): <start>1100</start>, <duration>45</duration>.
    schedule = read(CORPUS / "europython2014-entries.xml", source_tz="Europe/Berlin")
    assert times(schedule, talks_only=False) == [
        ("2014-07-21T07:30Z", "2014-07-21T08:00Z", "Breakfast"),
        ("2014-07-21T08:30Z", "2014-07-21T09:00Z", "Welcome"),
        ("2014-07-21T09:00Z", "2014-07-21T09:45Z", "One year of Snowden, what's next?"),
        ("2014-07-21T10:30Z", "2014-07-21T12:00Z", "Lunch"),
        ("2014-07-21T12:00Z", "2014-07-21T15:00Z",
         "Deploying and managing FreeBSD jails with mr.awsome, fabric and ansible"),
    ]
    kinds = [t.kind for t in schedule.talks]
    assert kinds == [Kind.BREAK, Kind.OPENING, Kind.KEYNOTE, Kind.BREAK, Kind.TUTORIAL]
    assert schedule.talks[2].authors == ("Constanze Kurz",)
    assert schedule.talks[2].room == "C01"


BERLIN = CORPUS / "berlin-dst-cancelled-reused.xml"


def test_event_across_the_dst_change_lasts_its_duration() -> None:
    # 2019-10-27 01:30 CEST (UTC+2) = 2019-10-26T23:30Z; two hours later is 01:30Z, which is
    # 02:30 CET after the clocks went back at 03:00 CEST.
    talks = {t.title: t for t in read(BERLIN).talks}
    night = talks["The night of the long hour"]
    assert times(read(BERLIN))[-1] == ("2019-10-26T23:30Z", "2019-10-27T01:30Z",
                                       "The night of the long hour")
    assert night.zone == "Europe/Berlin"


def test_date_contradicting_start_is_read_by_start_and_said() -> None:
    # <date> 18:30+02:00 but <start> 16:30 (osem #3242: the date shifted twice): 16:30 CEST.
    schedule = read(BERLIN)
    assert ("2019-10-26T14:30Z", "2019-10-26T15:15Z", "Shifted dates and how to survive them") \
        in times(schedule)
    assert any("<start> of 1 event contradicts the <date>" in n.message and n.line == 39
               for n in schedule.notices)


def test_cancelled_title_keeps_the_event_cancelled() -> None:
    talks = {t.title: t for t in read(BERLIN).talks}
    lock = talks["[CANCELLED] Lockpicking basics"]
    assert lock.status is Status.CANCELLED
    assert (lock.kind, lock.url) == (Kind.WORKSHOP, "https://pretalx.example.org/hackcamp19/talk/LOCK42/")
    assert talks["Shifted dates and how to survive them"].status is Status.CONFIRMED


def test_break_listed_in_two_rooms_is_one_slot_in_both_rooms() -> None:
    breaks = [t for t in read(BERLIN).talks if t.kind is Kind.BREAK]
    assert [(b.title, b.room) for b in breaks] == [("Lunch break", "Room A, Room B")]


def test_reused_ids_fall_back_to_agendas_own_identities_with_a_warning() -> None:
    schedule = read(BERLIN)
    assert not any(t.uid == "event-42" for t in schedule.talks)
    assert all(t.uid.endswith("@agenda") for t in schedule.talks)
    assert any("'event-42'" in n.message and "reused" in n.message for n in schedule.notices)


def test_detected_by_content_whatever_the_file_is_called(tmp_path: Path) -> None:
    copy = page(tmp_path, "programme.txt",
                (CORPUS / "31c3-offsets-after-midnight.xml").read_text(encoding="utf-8"))
    assert times(read(copy)) == times(read(CORPUS / "31c3-offsets-after-midnight.xml"))


def test_rails_zone_name_is_read_as_its_iana_zone(tmp_path: Path) -> None:
    text = (CORPUS / "31c3-local-times-with-z.xml").read_text(encoding="utf-8")
    schedule = read(page(tmp_path, "s.xml", text.replace(">Europe/Berlin<", ">Berlin<")))
    assert times(schedule) == times(read(CORPUS / "31c3-offsets-after-midnight.xml"))
    assert any("'Berlin' is read as Europe/Berlin" in n.message for n in schedule.notices)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE schedule [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<schedule><conference><title>&lol4;</title></conference></schedule>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE schedule [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<schedule><day date="2020-01-01"><room name="A"><event id="1"><date>2020-01-01T10:00:00Z</date>
<duration>00:30</duration><title>&secret;</title></event></room></day></schedule>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE schedule SYSTEM "http://example.org/schedule.dtd">
<schedule/>
"""


@pytest.mark.parametrize(("text", "line"), [(BOMB, 3), (EXTERNAL, 2), (EXTERNAL_DTD, 2)],
                         ids=["xml-bomb", "external-entity", "external-dtd"])
def test_entities_and_external_dtds_are_refused_never_resolved(tmp_path: Path, text: str,
                                                               line: int) -> None:
    path = page(tmp_path, "evil.xml", text)
    with pytest.raises(PageError, match="never expands or fetches") as caught:
        read(path)
    assert caught.value.line == line
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


def test_malformed_xml_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    text = (CORPUS / "31c3-offsets-after-midnight.xml").read_text(encoding="utf-8")
    broken = text.replace("<title>31C3 Keynote</title>", "<title>31C3 Keynote</titel>")
    path = page(tmp_path, "broken.xml", broken)
    code, out, err = run("list", path)
    line = broken[: broken.index("</titel>")].count("\n") + 1
    assert code == 1 and out == ""
    assert err == (f"error: {path}:{line}: malformed XML: Opening and ending tag mismatch: "
                   f"title line {line} and titel, line {line}, column 28\n")


def test_keep_going_skips_the_bad_file_and_reads_the_rest(tmp_path: Path) -> None:
    bad = page(tmp_path, "evil.xml", BOMB)
    code, out, err = run("list", bad, str(CORPUS / "31c3-offsets-after-midnight.xml"),
                         "--keep-going")
    assert code == 0
    assert "Citizenfour" in out
    assert f"warning: {bad}:3: skipped: the XML declares XML entities" in err


def test_a_schedule_without_events_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, "empty.xml", "<?xml version='1.0'?>\n<schedule><conference>"
                "<title>X</title></conference></schedule>\n")
    with pytest.raises(AgendaError, match="lists no events"):
        read(path)


def test_a_hand_made_export_with_an_empty_duration_and_person_text_is_read() -> None:
    """LSWT 2019 (a Jekyll template): one <event> has an empty <duration>, names are one
    <person> text, and a coffee break is listed in two rooms. Leipzig in May is CEST (+2)."""
    schedule = read(CORPUS / "lswt2019-jekyll-wall-times-with-z.xml", source_tz="Europe/Berlin")
    assert len(schedule.talks) == 9  # 10 <event>s, the break in two rooms read once
    talks = {t.title: t for t in schedule.talks}
    hackathon = talks["Thinktank & Hackathon – “Artificial Intelligence for Smart Agriculture”"]
    assert hackathon.start == hackathon.end == utc("2019-05-22T07:40Z")  # 09:40 CEST
    said = [n.message for n in schedule.notices]
    assert any("1 event with an empty <duration>" in m and "no length" in m for m in said), said
    assert talks["Begrüßung"].authors == ("Dr. Sebastian Tramp", "Andreas Heinecke")
    coffee = talks["Coffee Break and Postersession"]
    assert coffee.kind is Kind.BREAK and coffee.room == "Main Track, Tutorials"


def test_z_dates_on_the_start_clock_with_no_zone_are_wall_times_of_the_source_tz() -> None:
    """LSWT 2019 writes <date>2019-05-22T09:00:00Z</date> with <start>09:00</start>: the 'Z'
    is a generator's, on Leipzig wall times. 09:00 CEST (+2) = 07:00Z; the social event at
    18:15 for 04:00 is 16:15-20:15Z."""
    schedule = read(CORPUS / "lswt2019-jekyll-wall-times-with-z.xml", source_tz="Europe/Berlin")
    talks = {t.title: t for t in schedule.talks}
    assert (talks["Begrüßung"].start, talks["Begrüßung"].end) == (
        utc("2019-05-22T07:00Z"), utc("2019-05-22T07:10Z"))
    social = talks["Social Event sponsored by eccenca GmbH"]
    assert (social.start, social.end) == (utc("2019-05-22T16:15Z"), utc("2019-05-22T20:15Z"))
    assert {t.zone for t in schedule.talks} == {"Europe/Berlin"}
    said = [n.message for n in schedule.notices]
    assert any("every <date> is written in UTC ('Z') at the very clock time of its <start>"
               in m for m in said), said
    # without it, the error carries the reason, which the stopped run never shows as a warning
    with pytest.raises(TimingError, match=r"--source-tz .*: the file names no conference zone "
                       r"and every <date> is written in UTC \('Z'\)"):
        read(CORPUS / "lswt2019-jekyll-wall-times-with-z.xml")


def test_z_dates_are_utc_when_any_start_shows_another_clock(tmp_path: Path) -> None:
    """One <start> at 11:00 for a 09:00Z <date> (as a CEST wall clock would be) and the 'Z's
    are believed: the file needs no --source-tz and its other events stay at their UTC."""
    text = (CORPUS / "lswt2019-jekyll-wall-times-with-z.xml").read_text(encoding="utf-8")
    path = page(tmp_path, "utc.xml", text.replace("<start>09:00</start>", "<start>11:00</start>"))
    schedule = read(path)
    talks = {t.title: t for t in schedule.talks}
    assert talks["Knowledge Graphs for Scholarly Communication"].start == utc("2019-05-22T09:10Z")
    assert not any("every <date>" in n.message for n in schedule.notices)


def test_an_unreadable_duration_is_still_an_error_with_its_line(tmp_path: Path) -> None:
    text = (CORPUS / "lswt2019-jekyll-wall-times-with-z.xml").read_text(encoding="utf-8")
    path = page(tmp_path, "bad.xml", text.replace("<duration></duration>",
                                                  "<duration>soon</duration>"))
    with pytest.raises(PageError, match="no readable duration") as caught:
        read(path)
    assert caught.value.line == 158


def test_offsets_written_without_a_colon_and_events_without_ids() -> None:
    # GUADEC 2016 (its own frab-like export): '2016-07-12T11:00:00+0200' = 09:00Z; no guid or
    # id, days listed with empty rooms.
    schedule = read(CORPUS / "guadec2016-offsets-without-colon-no-ids.xml")
    assert len(schedule.talks) == 7
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    for title, start, end in [
            ("GNOME-Games graph based health analytics", "2016-07-12T09:00Z", "2016-07-12T09:30Z"),
            ("An Asynchronous Internet for GNOME", "2016-07-12T08:00Z", "2016-07-12T09:00Z"),
            ("Keynote 1", "2016-07-12T10:00Z", "2016-07-12T11:00Z"),
            ("Unconference #2", "2016-07-12T11:30Z", "2016-07-12T12:00Z")]:
        assert (title, utc(start), utc(end)) in got, title
    assert len({t.uid for t in schedule.talks}) == 7


def test_pentabarf_day_change_puts_early_starts_after_midnight_of_their_day() -> None:
    # 28C3 (pentabarf, 2011): <day_change>04:00, no <date>, no zone; read in Europe/Berlin
    # (CET, UTC+1). 00:15 listed first under 2011-12-27 is 28 Dec 00:15 CET = 27 Dec 23:15Z.
    path = CORPUS / "28c3-day-change-0400-no-dates.xml"
    schedule = read(path, source_tz="Europe/Berlin")
    assert len(schedule.talks) == 14
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    for title, start, end in [
            ("Pentanews Game Show 2k11/3", "2011-12-27T23:15Z", "2011-12-28T00:15Z"),
            ("Keynote", "2011-12-27T10:30Z", "2011-12-27T11:30Z"),
            ("Defending mobile phones", "2011-12-27T22:00Z", "2011-12-27T23:00Z"),
            ("Hacker Jeopardy", "2011-12-28T23:15Z", "2011-12-29T01:15Z")]:
        assert (title, utc(start), utc(end)) in got, title


def test_pretalx_export_with_the_legacy_us_eastern_zone_name_read_blind() -> None:
    """GOOD 2025 (pretalx 2.3): <time_zone_name>US/Eastern, the tz database's old alias of
    America/New_York. 17-20 Mar 2025 is EDT (-4, from 9 Mar): 13:00 + 4:00 = 17:00-21:00Z;
    08:30 + 1:30 on the 18th = 12:30-14:00Z; 09:00 + 0:25 on the 20th = 13:00-13:25Z."""
    talks = read(CORPUS / "good2025-pretalx-us-eastern-alias.xml").talks
    assert len(talks) == 12
    got = {(t.title, t.start, t.end) for t in talks}
    assert ("Contributor Jam", utc("2025-03-17T17:00Z"), utc("2025-03-17T21:00Z")) in got
    assert ("Integrating XDMoD with OnDemand", utc("2025-03-18T12:30Z"),
            utc("2025-03-18T14:00Z")) in got
    assert ("Open OnDemand Governance & Sustainability", utc("2025-03-20T13:00Z"),
            utc("2025-03-20T13:25Z")) in got
    xdmod = next(t for t in talks if t.title == "Integrating XDMoD with OnDemand")
    assert xdmod.kind is Kind.TUTORIAL
