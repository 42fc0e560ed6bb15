"""Dates far in the past or future, offsets past the zones' +-12/14 hours and slots of absurd
length end in a talk or in agenda's own error with file and line, and a page that lists also
exports. Expected instants are computed by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import AgendaError, PageError, TimingError
from agenda.listing import Listing
from agenda.pipeline import ExportOptions, ReadOptions, export, list_talks

from .conftest import ROOT
from .helpers import page, read, talk_page, utc

MARKDOWN = ("## Track\n\n### Schedule\n\n{range}\n\n##### 1 - Oral: A Title\n\nAnn Author\n\n"
            "An abstract.\n")


def _md(tmp_path: Path, when: str) -> str:
    return page(tmp_path, "p.md", MARKDOWN.format(range=when))


@pytest.mark.parametrize("slot", ["Wed 9 Dec. 0000 6:00 - 6:15 PST",
                                  "Fri 31 Dec. 9999 23:00 - 23:30 PST",
                                  "Wed 1 Jan. 1969 0:00 - 0:10 UTC+14",
                                  "Sat 1 Jan. 2101 6:00 - 6:15 PST"])
def test_a_slot_year_outside_the_years_agenda_reads_is_a_timing_error(tmp_path: Path,
                                                                       slot: str) -> None:
    path = page(tmp_path, "p.txt", talk_page(slot))
    with pytest.raises(TimingError) as err:
        read(path)
    assert err.value.line == 3 and "outside the years agenda reads" in err.value.message


@pytest.mark.parametrize("year", [1, 9999])
def test_an_extreme_year_option_is_a_timing_error_not_an_overflow(tmp_path: Path,
                                                                  year: int) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 6:15 PST"))
    with pytest.raises(TimingError):
        read(path, year=year)


@pytest.mark.parametrize("when", [
    "0001-01-01T00:00:00-13:00 - 0001-01-01T00:15:00-13:00",
    "9999-12-31T23:00:00+14:00 - 9999-12-31T23:59:00-14:00",
    "9999-12-31T23:00:00-08:00 - 9999-12-31T23:15:00-08:00",
])
def test_iso_dates_at_the_ends_of_the_calendar_are_timing_errors(tmp_path: Path,
                                                                 when: str) -> None:
    with pytest.raises(TimingError) as err:
        read(_md(tmp_path, when))
    assert err.value.line == 5


def test_an_iso_offset_no_zone_uses_keeps_exact_instants_shown_in_utc(tmp_path: Path) -> None:
    # 18:00 at -13:00 is 07:00 UTC the next day.
    schedule = read(_md(tmp_path, "2020-12-10T18:00:00-13:00 - 2020-12-10T18:15:00-13:00"))
    [talk] = schedule.talks
    assert (talk.start, talk.end) == (utc("2020-12-11T07:00Z"), utc("2020-12-11T07:15Z"))
    assert talk.zone == "UTC"
    assert any("UTC-13:00" in n.message and "UTC" in n.message for n in schedule.notices)


def test_a_utc_minus_14_label_reads_exactly_and_says_times_are_shown_in_utc(
        tmp_path: Path) -> None:
    # 6:00 at UTC-14 on 9 Dec 2020 is 20:00 UTC the same day.
    schedule = read(page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 2020 6:00 - 6:15 UTC-14")))
    [talk] = schedule.talks
    assert (talk.start, talk.end) == (utc("2020-12-09T20:00Z"), utc("2020-12-09T20:15Z"))
    assert talk.zone == "UTC"
    assert any("no zone uses" in n.message for n in schedule.notices)


def test_a_slot_lasting_decades_is_a_page_error(tmp_path: Path) -> None:
    with pytest.raises(PageError) as err:
        read(_md(tmp_path, "2020-12-10T18:00:00-08:00 - 2099-12-10T18:00:00-08:00"))
    assert "lasts 28854 days" in err.value.message and err.value.line == 5


@pytest.mark.parametrize("today", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_far_off_today_is_a_timing_error_naming_the_years_agenda_reads(
        tmp_path: Path, today: date) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 6:15 PST"))
    with pytest.raises(TimingError) as err:
        read(path, today=today)
    assert "1970 to 2100" in err.value.message


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_the_cli_answers_a_far_off_today_with_one_error_line(today: str,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["list", "seeds", "--today", today])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: seeds/") and result.stderr.count("\n") == 1


EXTREMES = [
    "Wed 9 Dec. 2020 6:00 - 6:15 UTC-14", "Sat 1 Jan. 2100 23:00 - 23:59 UTC+14",
    "Thu 1 Jan. 1970 0:00 - 0:10 UTC-12", "Thu 1 Jan. 1970 0:00 - 0:10 UTC+14",
    "Fri 31 Dec. 2100 23:00 - 23:59 UTC-12", "Fri 31 Dec. 2100 23:00 - 23:59 UTC+14",
    "Fri 31 Dec. 9999 23:00 - 23:59 UTC-12", "Mon 1 Jan. 0001 0:00 - 0:10 UTC+14",
]


@pytest.mark.parametrize("slot", EXTREMES)
def test_a_page_that_lists_also_exports(tmp_path: Path, slot: str) -> None:
    path = page(tmp_path, "p.txt", talk_page(slot))
    options = ReadOptions(sources=(path,), today=date(2026, 11, 23))
    try:
        listed = list_talks(options, None, Listing())
    except AgendaError as exc:
        with pytest.raises(type(exc)):
            export(options, ExportOptions(output=str(tmp_path / "out")))
        return
    assert listed.lines
    for tz in (None, "Pacific/Kiritimati", "Etc/GMT+12"):
        result = export(options, ExportOptions(output=str(tmp_path / "out"), tz=tz))
        assert result.talks == 1
        assert (tmp_path / "out" / "agenda.ics").read_bytes().count(b"BEGIN:VEVENT") == 1


def test_keep_going_skips_a_page_whose_times_cannot_be_settled(tmp_path: Path) -> None:
    good = page(tmp_path, "good.txt", talk_page("Wed 9 Dec. 2020 6:00 - 6:15 PST"))
    bad = page(tmp_path, "bad.txt", talk_page("Fri 31 Dec. 9999 23:00 - 23:30 PST"))
    schedule = read(good, bad, keep_going=True)
    assert [(t.source, t.start) for t in schedule.talks] == [(good, utc("2020-12-09T14:00Z"))]
    [skipped] = [n for n in schedule.notices if n.message.startswith("skipped:")]
    assert (skipped.path, skipped.line) == (bad, 3)
    assert "outside the years agenda reads" in skipped.message
    with pytest.raises(TimingError):
        read(good, bad)


def test_keep_going_with_no_page_settled_is_an_error(tmp_path: Path) -> None:
    bad = page(tmp_path, "bad.txt", talk_page("Fri 31 Dec. 9999 23:00 - 23:30 PST"))
    with pytest.raises(AgendaError, match="no page could be read"):
        read(bad, keep_going=True)
