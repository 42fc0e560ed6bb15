"""The general program reader on shapes met on real pages the corpus added blind: typos that
must not cost the page, other languages' days and clocks, other encodings, title marks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .helpers import page, read, times


def test_an_end_before_its_start_is_ignored_not_fatal(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 4 March 2024\n\n| Time | Talk |\n|---|---|\n"
                "| 10:00 - 11:00 | Bees |\n| 13:00 - 12:30 | Honey |\n| 14:00 - 15:00 | Wax |\n")
    schedule = read(path, source_tz="UTC")
    # The typo'd item keeps its start and ends when the next one begins.
    assert times(schedule) == [("2024-03-04T10:00Z", "2024-03-04T11:00Z", "Bees"),
                               ("2024-03-04T13:00Z", "2024-03-04T14:00Z", "Honey"),
                               ("2024-03-04T14:00Z", "2024-03-04T15:00Z", "Wax")]
    assert any("before it starts" in n.message for n in schedule.notices)


def test_days_named_in_german_french_spanish_and_portuguese_are_read(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## Mardi 22 juin 2021\n\n- 09:00-10:00 Exposé\n\n"
                "## Jueves 24 de junio de 2021\n\n- 09:00-10:00 Charla\n\n"
                "## Samstag, 26. Juni 2021\n\n- 09:00-10:00 Vortrag\n\n"
                "## Domingo, 27 de junho de 2021\n\n- 09:00-10:00 Palestra\n")
    schedule = read(path, source_tz="UTC")
    assert times(schedule) == [("2021-06-22T09:00Z", "2021-06-22T10:00Z", "Exposé"),
                               ("2021-06-24T09:00Z", "2021-06-24T10:00Z", "Charla"),
                               ("2021-06-26T09:00Z", "2021-06-26T10:00Z", "Vortrag"),
                               ("2021-06-27T09:00Z", "2021-06-27T10:00Z", "Palestra")]


def test_a_month_name_of_another_language_needs_the_day_before_it() -> None:
    from agenda.readers.program.days import find

    assert find("Life on Mars 3") is None
    found = find("3 mars 2024")
    assert found is not None and found.ref[:3] == (3, 3, 2024)


def test_uhr_after_a_time_belongs_to_the_time_not_the_title(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 4 March 2024\n\n- 09:00 - 09:15 Uhr Begrüßung\n"
                "- 9 Uhr - 10 Uhr Vortrag\n- 14h - 15h Atelier\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2024-03-04T09:00Z", "2024-03-04T09:15Z", "Begrüßung"),
        ("2024-03-04T09:00Z", "2024-03-04T10:00Z", "Vortrag"),
        ("2024-03-04T14:00Z", "2024-03-04T15:00Z", "Atelier")]


def test_a_duration_in_hours_is_not_a_time() -> None:
    from agenda.readers.program.clock import spans

    assert spans("a 2 hrs hands-on") == [] and spans("about 3 h of talks") == []
    assert spans("a 2h workshop") == []  # alone, "2h" is a length; "14h - 16h" is a range


def test_a_layout_table_cell_listing_timed_lines_under_its_weekday(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "<table>\n<tr><td>Freitag</td><td><ul>\n"
                "<li>09:00 - 09:30 Uhr Begrüßung</li>\n<li>09:30 - 10:00 Uhr Keynote</li>\n"
                "</ul></td></tr>\n<tr><td>Samstag</td><td><ul>\n"
                "<li>09:00 - 09:30 Uhr Frühstück</li>\n<li>09:30 - 10:00 Uhr Abschluss</li>\n"
                "</ul></td></tr>\n</table>\n")
    schedule = read(path, source_tz="UTC", date=date(2019, 11, 22))  # a Friday
    assert times(schedule) == [("2019-11-22T09:00Z", "2019-11-22T09:30Z", "Begrüßung"),
                               ("2019-11-22T09:30Z", "2019-11-22T10:00Z", "Keynote"),
                               ("2019-11-23T09:00Z", "2019-11-23T09:30Z", "Frühstück"),
                               ("2019-11-23T09:30Z", "2019-11-23T10:00Z", "Abschluss")]


def test_a_heading_with_a_month_day_date_beside_its_weekday(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "### Day 1 (Tuesday, 10/21)\n\n- 10:00-11:00 Tutorial\n\n"
                "### Day 2 (Wednesday, 10/22)\n\n- 09:00-10:00 Keynote Talks\n")
    assert times(read(path, source_tz="UTC", year=2025)) == [
        ("2025-10-21T10:00Z", "2025-10-21T11:00Z", "Tutorial"),
        ("2025-10-22T09:00Z", "2025-10-22T10:00Z", "Keynote Talks")]


def test_an_acronym_of_the_title_in_parentheses_is_not_a_speaker() -> None:
    from agenda.readers.program.items import read_item

    item = read_item("Birds-of-a-Feather (BoF)")
    assert (item.title, item.authors) == ("Birds-of-a-Feather (BoF)", ())
    item = read_item("Deep Learning (Ann Lee)")
    assert (item.title, item.authors) == ("Deep Learning", ("Ann Lee",))


def test_columns_named_for_kinds_of_item_are_parallel_tracks(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 18 April 2020\n\n| Start | End | Talks | Workshops |\n"
                "|---|---|---|---|\n| 10:00 | 10:30 | Talk 1 | Workshop 1 |\n"
                "| 10:30 | 11:00 | Talk 2 | Workshop 1 |\n| 11:00 | 11:30 | Coffee Break "
                "| Workshop 1 |\n| 11:30 | 12:00 | Talk 3 | Workshop 2 |\n")
    got = times(read(path, source_tz="UTC"))
    # The workshop repeated down its column is one workshop, 10:00 to 11:30.
    assert ("2020-04-18T10:00Z", "2020-04-18T11:30Z", "Workshop 1") in got
    assert ("2020-04-18T11:30Z", "2020-04-18T12:00Z", "Workshop 2") in got
    assert ("2020-04-18T10:30Z", "2020-04-18T11:00Z", "Talk 2") in got
    assert [t for t in got if t[2] == "Workshop 1"] == [
        ("2020-04-18T10:00Z", "2020-04-18T11:30Z", "Workshop 1")]


def test_a_title_repeated_in_a_single_list_stays_separate_sessions(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 24 June 2017\n\n| Time | Talk |\n|---|---|\n"
                "| 11:00 - 11:30 | Telescope Tour |\n| 11:30 - 12:00 | Telescope Tour |\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2017-06-24T11:00Z", "2017-06-24T11:30Z", "Telescope Tour"),
        ("2017-06-24T11:30Z", "2017-06-24T12:00Z", "Telescope Tour")]


GRID = """<table>
<tr><th></th><th>Mardi 22 juin 2021</th><th>Mercredi 23 juin 2021</th><th></th></tr>
<tr><td>14:00</td><td rowspan="3">Session A</td><td rowspan="2">Exposé invité</td>
<td>14:00</td></tr>
<tr></tr>
<tr><td>14:50</td><td>Pause</td><td>14:50</td></tr>
<tr><td>15:00</td><td>Session B</td><td>Session D</td><td>15:00</td></tr>
<tr><td>15:30</td><td></td><td></td><td>15:30</td></tr>
</table>
"""


def test_a_rowspan_cell_over_empty_rows_ends_where_its_column_next_changes(
        tmp_path: Path) -> None:
    schedule = read(page(tmp_path, "grid.html", GRID), source_tz="UTC")
    got = times(schedule)
    # Session A spans the 14:00 row, an empty <tr></tr> and the 14:50 row: it ends at 15:00.
    # The talk spans two rows (14:00 and the empty one): it ends at 14:50, when Pause begins.
    assert ("2021-06-22T14:00Z", "2021-06-22T15:00Z", "Session A") in got
    assert ("2021-06-23T14:00Z", "2021-06-23T14:50Z", "Exposé invité") in got
    assert ("2021-06-22T15:00Z", "2021-06-22T15:30Z", "Session B") in got
    assert ("2021-06-23T15:00Z", "2021-06-23T15:30Z", "Session D") in got


def test_the_weekday_tells_a_day_first_numeric_date_from_a_month_first_one(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h4>07/05/2013 – Terça-Feira:</h4>\n"
                "<table><tr><th>Horário</th><th>Evento</th></tr>\n"
                "<tr><td>19:30</td><td>Cerimônia de Abertura</td></tr></table>\n")
    # 7 May 2013 was a Tuesday; 5 July 2013 a Friday.
    assert times(read(path, source_tz="UTC"))[0][:1] == ("2013-05-07T19:30Z",)


def test_a_weekday_alone_after_a_dated_day_is_the_next_such_day(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## Friday 10 May 2013\n\n- 09:00-10:00 Opening\n\n"
                "## Saturday\n\n- 09:00-10:00 Closing\n")
    schedule = read(path, source_tz="UTC")
    assert times(schedule) == [("2013-05-10T09:00Z", "2013-05-10T10:00Z", "Opening"),
                               ("2013-05-11T09:00Z", "2013-05-11T10:00Z", "Closing")]
    assert any("weekday alone" in n.message for n in schedule.notices)


HCALENDAR = """<ol>
<li class="vevent"><div class="done">Finished</div><span class="time">
<time class="dtstart" datetime="2012-11-09T09:50">09:50</time> &mdash;
<time class="dtend" datetime="2012-11-09T10:30">10:30</time><span>Up Next</span></span>
<a class="pullout summary" href="/s/j">All you need is &lt;body/&gt;</a></li>
<li class="h-event"><time class="dt-start" datetime="2012-11-09T10:30Z">10:30</time>
<span class="p-name">Writing Testable JavaScript</span></li>
</ol>
"""


def test_microformat_events_are_read_as_marked(tmp_path: Path) -> None:
    # The day is only in the datetime attributes; status badges around the title are noise.
    schedule = read(page(tmp_path, "p.html", HCALENDAR), source_tz="Europe/London")
    got = times(schedule)
    assert got[0] == ("2012-11-09T09:50Z", "2012-11-09T10:30Z", "All you need is <body/>")
    assert got[1][0] == "2012-11-09T10:30Z" and got[1][2] == "Writing Testable JavaScript"


def test_a_time_elements_date_is_the_day_of_a_page_naming_none(tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<ul><li><time datetime='2012-11-09T09:00'>09:00</time> "
                "Opening</li><li><time datetime='2012-11-09T10:00'>10:00</time> Talk</li></ul>")
    got = times(read(path, source_tz="UTC"))
    assert got[0] == ("2012-11-09T09:00Z", "2012-11-09T10:00Z", "Opening")


def test_a_card_heading_then_a_when_line_gives_the_item_its_title_and_time(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "# Lectures\n\n### Lecture 1\n"
                "- **When**: December 10, 2025 (Wed) 20:00~21:00\n"
                "- **Meet URL**: https://meet.example/abc\n\n### Lecture 2\n"
                "- **Date**: December 17, 2025 (Wed) 20:00~21:00\n- **Room**: 3.01\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2025-12-10T20:00Z", "2025-12-10T21:00Z", "Lecture 1"),
        ("2025-12-17T20:00Z", "2025-12-17T21:00Z", "Lecture 2")]


def test_japanese_dates_and_full_width_range_marks(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "### 第1回 WEB講義\n"
                "- **日時**: 2025年12月10日（水）20:00～21:00\n\n"
                "### 第2回 WEB講義\n- **日時**: 2026年1月7日（水）20:00〜21:00\n")
    # Tokyo is UTC+9 all year.
    assert times(read(path, source_tz="Asia/Tokyo")) == [
        ("2025-12-10T11:00Z", "2025-12-10T12:00Z", "第1回 WEB講義"),
        ("2026-01-07T11:00Z", "2026-01-07T12:00Z", "第2回 WEB講義")]
