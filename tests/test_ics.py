"""The .ics output: what Google Calendar, Outlook, Apple Calendar and Thunderbird need, each a
known way real clients break, checked on the bytes and through independent parsers."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil import tz as dateutil_tz
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from icalendar.parser.content_line import Contentline

from agenda.ics import PRODID, IcsOptions, event_block, fold, write_ics
from agenda.models import Talk

from .conftest import ROOT
from .helpers import make_talk, read, utc

STAMP = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def seed_talks() -> list[Talk]:
    return [t for t in read(ROOT / "seeds").talks if t.is_talk]


def ics(talks: list[Talk], **options: object) -> bytes:
    return write_ics(talks, IcsOptions(dtstamp=STAMP, **options))  # type: ignore[arg-type]


def lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


def test_seed_calendar_matches_golden(golden: Callable[[str, bytes], None],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden("seeds.ics", ics([t for t in read("seeds").talks if t.is_talk]))


def test_one_calendar_crlf_folded_at_75_octets_without_splitting_characters() -> None:
    talk = make_talk("ć" * 80 + " Dokmanić " + "é" * 60, abstract="ø" * 500)
    data = ics([talk, *seed_talks()])
    assert data.count(b"BEGIN:VCALENDAR") == 1 and data.count(b"END:VCALENDAR") == 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in lines(data):
        assert len(line) <= 75
        line.decode("utf-8")  # a folded line never ends inside a character


def test_calendar_properties_for_subscribing_clients() -> None:
    text = unfolded(ics(seed_talks(), calendar_name="My; NeurIPS, 2020"))
    header = text[: text.index("BEGIN:VTIMEZONE")]
    assert header[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}"]
    assert "X-WR-CALNAME:My\\; NeurIPS\\, 2020" in header and "NAME:My\\; NeurIPS\\, 2020" in header
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in header and "X-PUBLISHED-TTL:PT12H" in header
    assert not any(h.startswith(("UID", "METHOD")) for h in header)


def test_calendar_name_cannot_inject_properties() -> None:
    text = unfolded(ics(seed_talks(), calendar_name="Evil\r\nMETHOD:CANCEL\nX:\x00"))
    assert "X-WR-CALNAME:Evil METHOD:CANCEL X:" in text
    assert not any(line.startswith("METHOD") for line in text)


def test_every_event_has_uid_dtstamp_and_zoned_times() -> None:
    talks = seed_talks()
    text = unfolded(ics(talks))
    assert text.count("BEGIN:VEVENT") == len(talks) == 39
    uids = sorted(line[4:] for line in text if line.startswith("UID:"))
    assert uids == sorted(t.uid for t in talks)
    assert text.count("DTSTAMP:20231114T221320Z") == len(talks)
    events = text[text.index("BEGIN:VEVENT"):]
    starts = [line for line in events if line.startswith("DTSTART")]
    assert all(s.startswith("DTSTART;TZID=America/Los_Angeles:") for s in starts)
    assert "DTSTART;TZID=America/Los_Angeles:20201209T060000" in starts


def test_uids_are_stable_across_runs_and_selections() -> None:
    talks = seed_talks()
    some = [t for t in talks if "Track 34" in t.track]
    uid = re.compile(rb"UID:(\S+)")
    assert set(uid.findall(ics(some))) <= set(uid.findall(ics(talks)))
    assert ics(talks) == ics(seed_talks())


def test_vtimezone_uses_yearly_rrules_and_nothing_the_grammar_forbids() -> None:
    text = unfolded(ics(seed_talks()))
    block = text[text.index("BEGIN:VTIMEZONE"): text.index("END:VTIMEZONE") + 1]
    assert block[1] == "TZID:America/Los_Angeles"
    assert "BEGIN:STANDARD" in block and "BEGIN:DAYLIGHT" in block
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in block
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in block
    assert not any(line.startswith(("RDATE", "COMMENT", "LAST-MODIFIED")) for line in block)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Europe/Berlin", "Australia/Sydney",
                                  "Asia/Kolkata", "America/Sao_Paulo", "Etc/GMT+8"])
def test_vtimezone_gives_the_zone_s_real_offsets(zone: str) -> None:
    """dateutil reads our VTIMEZONE; its offsets must equal zoneinfo's every 6 hours over the
    years the events span."""
    talks = [make_talk(start="2019-06-01T12:00Z", zone=zone),
             make_talk("B", start="2021-12-01T12:00Z", zone=zone)]
    data = ics(talks).decode()
    vtz = data[data.index("BEGIN:VTIMEZONE"): data.index("END:VTIMEZONE") + len("END:VTIMEZONE")]
    parsed = dateutil_tz.tzical(io.StringIO(vtz)).get(zone)
    real = ZoneInfo(zone)
    moment = datetime(2019, 1, 1, tzinfo=UTC)
    while moment < datetime(2022, 1, 1, tzinfo=UTC):
        assert moment.astimezone(parsed).utcoffset() == moment.astimezone(real).utcoffset(), moment
        moment += timedelta(hours=6)


def test_time_in_a_repeated_hour_is_written_in_utc() -> None:
    talk = make_talk(start="2020-11-01T08:30Z")  # 01:30 PDT, and 01:30 happens twice
    text = unfolded(ics([talk]))
    assert "DTSTART:20201101T083000Z" in text
    assert "DTEND;TZID=America/Los_Angeles:20201101T014500" not in text


def test_utc_option_writes_only_utc_times_and_no_vtimezone() -> None:
    text = unfolded(ics(seed_talks(), utc=True))
    assert "BEGIN:VTIMEZONE" not in text
    assert "DTSTART:20201209T140000Z" in text
    assert all(line.endswith("Z") for line in text if line.startswith(("DTSTART", "DTEND")))


def test_viewer_zone_across_a_dst_change() -> None:
    talks = seed_talks()
    text = unfolded(ics(talks, tz="Europe/Berlin"))
    assert "DTSTART;TZID=Europe/Berlin:20201209T150000" in text  # CET, UTC+1
    assert "DTSTART;TZID=Europe/Berlin:20210721T020000" in text  # CEST, UTC+2
    assert "TZID:Europe/Berlin" in text and "TZID:America/Los_Angeles" not in text


def test_summary_description_categories_location() -> None:
    talk = next(t for t in seed_talks() if t.title == "A shooting formulation of deep learning")
    text = unfolded(ics([talk]))
    text = text[text.index("BEGIN:VEVENT"):]
    assert "SUMMARY:[Oral] A shooting formulation of deep learning" in text
    description = next(line for line in text if line.startswith("DESCRIPTION"))
    assert description.startswith("DESCRIPTION:Authors: François-Xavier Vialard\\, Roland Kwitt")
    assert "\\nTrack: Orals & Spotlights Track 28: Deep Learning\\nChairs: Oriol Vinyals" \
        in description
    assert "CATEGORIES:Orals & Spotlights Track 28: Deep Learning,Oral" in text
    assert "LOCATION:Orals & Spotlights Track 28: Deep Learning" in text
    assert "TRANSP:OPAQUE" in text


def test_free_and_alarm() -> None:
    text = unfolded(ics(seed_talks()[:1], free=True, alarm=timedelta(minutes=10)))
    assert "TRANSP:TRANSPARENT" in text
    alarm = text[text.index("BEGIN:VALARM"): text.index("END:VALARM")]
    assert "ACTION:DISPLAY" in alarm and "TRIGGER:-PT10M" in alarm


@pytest.mark.parametrize("evil", ["Title\r\nBEGIN:VEVENT\r\nUID:x", "NUL\x00here", "line\u2028sep",
                                  "para\u2029sep", "tab\tand\x1bescape", "END:VCALENDAR\n"])
def test_control_characters_never_reach_a_value_raw(evil: str) -> None:
    talk = make_talk(evil, abstract=evil, authors=(evil,), track=evil)
    data = ics([talk])
    text = unfolded(data)
    assert text.count("BEGIN:VEVENT") == 1 and text.count("END:VCALENDAR") == 1
    assert [line.split(":")[0].split(";")[0] for line in text if line.startswith("UID")] == ["UID"]
    for bad in (b"\x00", "\u2028".encode(), "\u2029".encode(), b"\x1b", b"\t"):
        assert bad not in data
    assert all(not line.startswith(b"UID:x") for line in lines(data))
    assert len(IcsCalendarStream.calendar_from_ics(data.decode()).events) == 1


def _instants(events: list[tuple[str, datetime, datetime]]) -> list[tuple[str, datetime, datetime]]:
    return sorted((uid, s.astimezone(UTC), e.astimezone(UTC)) for uid, s, e in events)


@pytest.mark.parametrize("options", [{}, {"utc": True}, {"tz": "Asia/Kolkata"}])
def test_independent_parsers_read_back_the_same_instants(options: dict[str, object]) -> None:
    talks = seed_talks() + [make_talk(start="2020-11-01T08:30Z", title="Repeated hour")]
    data = ics(talks, **options).decode()
    expected = _instants([(t.uid, t.start, t.end) for t in talks])
    home_assistant = IcsCalendarStream.calendar_from_ics(data)
    assert _instants([(e.uid or "", e.dtstart, e.dtend) for e in home_assistant.events]) == expected
    parsed = vobject.readOne(data)
    got = [(e.uid.value, e.dtstart.value, e.dtend.value) for e in parsed.vevent_list]
    assert all(s.tzinfo is not None for _, s, _ in got)
    assert _instants(got) == expected
    titles = {e.summary.value for e in parsed.vevent_list}
    assert "[Spotlight] Learning the Geometry of Wave-Based Imaging" in titles


def test_non_ascii_names_survive_the_round_trip() -> None:
    talk = make_talk("Café ∑ 東京", authors=("Ivan Dokmanić", "François-Xavier Vialard"))
    event = vobject.readOne(ics([talk]).decode()).vevent
    assert event.summary.value == "[Oral] Café ∑ 東京"
    assert "Ivan Dokmanić, François-Xavier Vialard" in event.description.value


def test_same_input_same_bytes_and_dtstamp_from_input() -> None:
    first = read(ROOT / "seeds")
    second = read(ROOT / "seeds")
    assert ics(list(first.talks)) == ics(list(second.talks))
    assert utc("2020-12-09T14:00Z") == min(t.start for t in first.talks)


def test_parallel_export_is_byte_identical_to_serial() -> None:
    from agenda.ics import PARALLEL_FROM

    base = seed_talks()
    talks = [make_talk(f"Talk {i}", start=f"2020-12-{10 + i % 5}T{i % 24:02d}:00Z",
                       track=f"Track {i % 7}") for i in range(PARALLEL_FROM + 10)] + base
    talks.sort(key=lambda t: (t.start, t.uid))
    options = IcsOptions(dtstamp=STAMP, tz="Europe/Berlin", alarm=timedelta(minutes=5))
    assert write_ics(talks, options, workers=2) == write_ics(talks, options, workers=1)


def test_url_is_written_where_known() -> None:
    talk = make_talk(url="https://example.org/paper?id=1&x=2")
    text = unfolded(ics([talk]))
    assert "URL:https://example.org/paper?id=1&x=2" in text
    assert "URL:" not in "".join(unfolded(ics([make_talk()])))


FOLD_TEXT = st.lists(st.sampled_from([*"ab ,;:\\^\"é€𝔘\u0301", "\\n", "\\,", "^^"]),
                     max_size=300).map("".join)


@settings(max_examples=400, deadline=None)
@given(FOLD_TEXT, st.integers(min_value=0, max_value=80))
def test_folding_gives_icalendars_own_bytes(text: str, pad: int) -> None:
    """agenda folds content lines itself for speed; the bytes must be icalendar's."""
    line = "DESCRIPTION:" + "x" * pad + text
    assert fold(line) == Contentline(line).to_ical()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=60), st.lists(st.text(max_size=30), max_size=4))
def test_event_blocks_are_what_icalendar_serializes(abstract: str, title: str,
                                                    authors: list[str]) -> None:
    talk = make_talk(title=title, abstract=abstract, authors=tuple(authors))
    options = IcsOptions(dtstamp=STAMP, alarm=timedelta(minutes=5))
    event = Calendar.from_ical(write_ics([talk], options)).walk("VEVENT")[0]
    assert event_block(talk, options) == bytes(event.to_ical())


def test_properties_come_before_the_reminder() -> None:
    """RFC 5545: an event's properties, then its alarms (SEQUENCE after a VALARM is invalid)."""
    from dataclasses import replace

    talk = replace(make_talk(), sequence=2, modified=STAMP)  # type: ignore[type-var]
    block = event_block(talk, IcsOptions(dtstamp=STAMP, alarm=timedelta(minutes=5))).decode()
    assert block.index("SEQUENCE:2") < block.index("BEGIN:VALARM")
    assert block.endswith("END:VALARM\r\nEND:VEVENT\r\n")
