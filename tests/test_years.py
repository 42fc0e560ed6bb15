"""Year resolution: --year, the page's own dates or heading, other pages of the run, then the
likeliest candidate; every inference is said, contradictions are errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agenda.errors import TimingError

from .helpers import page, read, talk_page, utc

WED_9_DEC = talk_page("Wed 9 Dec. 6:00 - 6:15 PST")


def test_year_option_wins_over_everything(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 6:15 PST", header="NeurIPS 2015"))
    schedule = read(path, year=2020)
    assert schedule.talks[0].start == utc("2020-12-09T14:00Z")
    assert schedule.notices == ()


def test_year_option_that_contradicts_the_weekday_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", WED_9_DEC)
    with pytest.raises(TimingError) as err:
        read(path, year=2021)
    assert err.value.line == 3 and err.value.path == path
    assert str(err.value).endswith("Wed 9 Dec is a Thu in 2021 (--year), not a Wed; "
                                   "it fits 2015, 2020, 2026")


def test_year_in_the_heading_is_used_without_a_warning(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 6:15 PST", header="NeurIPS 2015"))
    schedule = read(path)
    assert schedule.talks[0].start == utc("2015-12-09T14:00Z") and schedule.notices == ()


def test_heading_year_that_contradicts_the_weekday_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Wed 9 Dec. 6:00 - 6:15 PST", header="ICML 2019"))
    with pytest.raises(TimingError, match="is a Mon in 2019 \\(the page heading\\)"):
        read(path)


def test_years_cited_in_abstracts_are_ignored(tmp_path: Path) -> None:
    text = "Track\n\nWed 9 Dec. 6:00 - 6:15 PST\n\nT\n\nA · B\n\nAs NeurIPS 2017 showed.\n"
    schedule = read(page(tmp_path, "p.txt", text))
    assert schedule.talks[0].start.year == 2026


def test_full_dates_of_another_page_date_this_one(tmp_path: Path) -> None:
    undated = page(tmp_path, "a.txt", WED_9_DEC)
    dated = page(tmp_path, "b.md", "## T\n\n### Schedule\n\n2015-12-10T06:00:00-08:00 - "
                 "2015-12-10T06:15:00-08:00\n\n##### 1 - Oral: X\n\nA, B\n")
    schedule = read(undated, dated)
    assert schedule.talks[0].start == utc("2015-12-09T14:00Z")
    [note] = [n for n in schedule.notices if n.path == undated]
    assert note.line == 3
    assert note.message.startswith(f"no year on the page; using 2015 from {dated}")


def test_dates_months_away_do_not_date_a_page(tmp_path: Path) -> None:
    undated = page(tmp_path, "a.txt", WED_9_DEC)
    far = page(tmp_path, "b.md", "## T\n\n### Schedule\n\n2015-07-10T06:00:00-08:00 - "
               "2015-07-10T06:15:00-08:00\n\n##### 1 - Oral: X\n\nA, B\n")
    talks = read(undated, far).talks
    assert [t.start.year for t in talks if t.source == undated] == [2026]


@pytest.mark.parametrize(("today", "expected", "why"), [
    (date(2026, 11, 23), 2026, "the next year"),  # 16 days ahead: about to attend
    (date(2026, 6, 10), 2026, "the next year"),  # 182 days ahead: still within six months
    (date(2026, 6, 1), 2020, "the most recent past year"),  # over six months ahead
    (date(2027, 1, 5), 2026, "the most recent past year"),
])
def test_likeliest_year_without_other_clues(tmp_path: Path, today: date, expected: int,
                                            why: str) -> None:
    schedule = read(page(tmp_path, "p.txt", WED_9_DEC), today=today)
    assert schedule.talks[0].start.year == expected
    [note] = schedule.notices
    assert f"assuming {expected}, {why} with Wed 9 Dec" in note.message
    assert "(pass --year to choose)" in note.message


def test_weekday_matching_no_year_in_range_is_an_error(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt", talk_page("Mon 30 Feb 6:00 - 6:15 PST"))
    with pytest.raises(TimingError) as err:
        read(path)
    assert err.value.line == 3
    assert "Mon 30 Feb falls in no year from 1986 to 2027" in err.value.message


def test_a_year_on_a_slot_line_dates_the_whole_page(tmp_path: Path) -> None:
    text = ("T\n\nWed 9 Dec 2020 6:00 - 6:15 PST\n\nA\n\nX · Y\n\n"
            "Thu 10 Dec 6:00 - 6:15 PST\n\nB\n\nX · Y\n")
    schedule = read(page(tmp_path, "p.txt", text))
    assert [t.start for t in schedule.talks] == [utc("2020-12-09T14:00Z"),
                                                 utc("2020-12-10T14:00Z")]


def test_a_weekday_contradicting_a_date_on_the_same_page_names_that_source(
        tmp_path: Path) -> None:
    text = ("T\n\nWed 9 Dec 2020 6:00 - 6:15 PST\n\nA\n\nX · Y\n\n"
            "Fri 10 Dec 6:00 - 6:15 PST\n\nB\n\nX · Y\n")
    with pytest.raises(TimingError) as err:
        read(page(tmp_path, "p.txt", text))
    assert err.value.line == 9
    assert err.value.message.startswith("Fri 10 Dec is a Thu in 2020 (a date on the page), not "
                                        "a Fri")
