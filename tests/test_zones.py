"""Zone labels fix the UTC offset; ambiguous or missing ones need the user's word."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.errors import OptionError, TimingError
from agenda.timing import ZONE_LABELS

from .helpers import page, read, talk_page, utc


@pytest.mark.parametrize(("label", "expected"), [
    ("PST", "2020-12-09T14:00Z"), ("PDT", "2020-12-09T13:00Z"), ("EST", "2020-12-09T11:00Z"),
    ("CET", "2020-12-09T05:00Z"), ("UTC", "2020-12-09T06:00Z"), ("GMT", "2020-12-09T06:00Z"),
    ("+05:30", "2020-12-09T00:30Z"), ("UTC-3", "2020-12-09T09:00Z"),
    ("GMT+0100", "2020-12-09T05:00Z"),
    ("JST", "2020-12-08T21:00Z"), ("NST", "2020-12-09T09:30Z"),
])
def test_label_fixes_the_offset(tmp_path: Path, label: str, expected: str) -> None:
    path = page(tmp_path, "p.txt", talk_page(f"Wed 9 Dec. 6:00 - 7:00 {label}"))
    assert read(path, year=2020).talks[0].start == utc(expected)


def test_every_label_names_a_real_zone_that_uses_its_offset_at_some_time() -> None:
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    for label, (minutes, zone) in ZONE_LABELS.items():
        offsets = {ZoneInfo(zone).utcoffset(datetime(2021, m, 15)) for m in range(1, 13)}
        assert timedelta(minutes=minutes) in offsets, label


def test_ambiguous_label_is_an_error_naming_the_choices(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 7:00 IST"))
    with pytest.raises(TimingError) as err:
        read(path, year=2020)
    assert err.value.line == 3
    assert "'IST' is ambiguous: India Standard Time, UTC+05:30 (--source-tz Asia/Kolkata); " \
           "Irish Standard Time" in err.value.message


def test_source_tz_settles_an_ambiguous_label(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 7:00 IST"))
    talk = read(path, year=2020, source_tz="Asia/Kolkata").talks[0]
    assert talk.start == utc("2020-12-09T00:30Z") and talk.zone == "Asia/Kolkata"


def test_unknown_label_asks_for_source_tz(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 7:00 XYZ"))
    with pytest.raises(TimingError, match="unknown zone label 'XYZ'; name the zone with"):
        read(path, year=2020)


def test_no_label_needs_source_tz(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 7:00"))
    with pytest.raises(TimingError, match="the page gives no time zone"):
        read(path, year=2020)
    talk = read(path, year=2020, source_tz="Europe/Berlin").talks[0]
    assert talk.start == utc("2020-12-09T05:00Z")


def test_label_contradicting_the_zone_is_read_as_labelled_with_a_warning(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Tue 20 July 17:00 - 17:20 PST"))
    schedule = read(path, year=2021)
    assert schedule.talks[0].start == utc("2021-07-21T01:00Z")
    [note] = schedule.notices
    assert note.message == ("PST on 2021-07-20 contradicts America/Los_Angeles, which observes "
                            "PDT then; read as labelled (UTC-08:00)")


def test_unlabelled_time_in_the_repeated_hour_is_read_as_the_first_with_a_warning(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Sun 1 Nov 1:30 - 1:45"))
    schedule = read(path, year=2020, source_tz="America/Los_Angeles")
    assert schedule.talks[0].start == utc("2020-11-01T08:30Z")
    assert "2020-11-01 01:30 happens twice in America/Los_Angeles; read as PDT (UTC-07:00)" in \
        [n.message for n in schedule.notices]


def test_unlabelled_time_in_the_spring_gap_is_reported(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Sun 8 Mar 2:30 - 3:30"))
    schedule = read(path, year=2020, source_tz="America/Los_Angeles")
    assert schedule.talks[0].start == utc("2020-03-08T10:30Z")
    assert any("does not exist (clocks jump forward)" in n.message for n in schedule.notices)


def test_unknown_source_tz_suggests_close_names(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 7:00 PST"))
    with pytest.raises(OptionError, match="unknown time zone 'Europe/Berln'; did you mean "
                                          "Europe/Berlin"):
        read(path, year=2020, source_tz="Europe/Berln")


def test_end_before_start_is_an_error_but_midnight_crossing_is_not(tmp_path: Path) -> None:
    from agenda.errors import PageError

    bad = page(tmp_path, "bad.txt", talk_page("Wed 9 Dec. 10:00 - 9:00 PST"))
    with pytest.raises(PageError, match="the slot ends \\(9:00\\) before it starts \\(10:00\\)"):
        read(bad, year=2020)
    late = page(tmp_path, "late.txt", talk_page("Wed 9 Dec. 23:50 - 0:10 PST"))
    talk = read(late, year=2020).talks[0]
    assert (talk.start, talk.end) == (utc("2020-12-10T07:50Z"), utc("2020-12-10T08:10Z"))
