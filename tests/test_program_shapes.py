"""The general program reader on shapes the third blind round met: table cells written without
a <tr>, zone columns in such a header, a kind-and-speaker line over its title, Russian and
Vietnamese days, numbered bracket labels and guillemet-quoted titles under their kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agenda.errors import AgendaError

from .helpers import page, read, times


def test_header_cells_without_a_row_still_name_the_zone_of_each_time_column(
        tmp_path: Path) -> None:
    # '<thead><th>BST</th>...' with no <tr>: a browser shows a header row, so must we.
    path = page(tmp_path, "p.html", "<h1>Thursday October 22nd</h1>\n<table>\n<thead>\n"
                "<th>BST</th>\n<th>EDT</th>\n<th>Activity</th>\n</thead>\n<tbody>\n"
                "<tr><td>16:00</td><td>11:00</td><td>Welcome</td></tr>\n"
                "<tr><td>16:10</td><td>11:10</td><td>Bees</td></tr>\n"
                "<tr><td>16:50</td><td>11:50</td><td>End</td></tr>\n</tbody>\n</table>\n")
    schedule = read(path, year=2020)
    # 16:00 BST (UTC+1) is 15:00 UTC, as is 11:00 EDT (UTC-4).
    assert times(schedule)[:2] == [("2020-10-22T15:00Z", "2020-10-22T15:10Z", "Welcome"),
                                   ("2020-10-22T15:10Z", "2020-10-22T15:50Z", "Bees")]


def test_a_kind_and_speaker_line_over_a_title_gives_that_title_its_speaker(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h2>4 March 2024</h2>\n<table>\n"
                "<tr><th>Time</th><th>Activity</th></tr>\n"
                "<tr><td>9:00</td><td><p><strong>Keynote</strong>: Ann Lee (MIT)</p>"
                "<p>Doing for Robots What Nature Did</p></td></tr>\n"
                "<tr><td>9:40</td><td><p>Pre-recorded Talk: Bo Chen (Oxford) [video]</p>"
                "<p>Bean Machine: A Declarative Language</p></td></tr>\n"
                "<tr><td>10:00</td><td>End</td></tr>\n</table>\n")
    talks = read(path, source_tz="UTC").talks
    assert [(t.title, t.authors, t.kind.value) for t in talks[:2]] == [
        ("Doing for Robots What Nature Did", ("Ann Lee (MIT)",), "keynote"),
        # A title that starts like a name stays whole when the speaker is known above it.
        ("Bean Machine: A Declarative Language", ("Bo Chen (Oxford)",), "talk")]


def test_russian_and_vietnamese_dates_name_the_day(tmp_path: Path) -> None:
    from agenda.readers.program.days import find

    russian = find("Деловая программа, вторник, 29 сентября 2020 года")
    assert russian is not None and russian.ref[:4] == (29, 9, 2020, 1)
    vietnamese = find("Buổi 1, Thứ Bảy ngày 22 tháng 7 năm 2023")
    assert vietnamese is not None and vietnamese.ref[:3] == (22, 7, 2023)
    assert find("22 тестов") is None
    path = page(tmp_path, "p.html", "<p>Деловая программа, вторник, 29 сентября 2020 года</p>\n"
                "<ul><li>10:00 – 12:00 Пленарная сессия</li></ul>\n"
                "<h2>ngày 30 tháng 9 năm 2020</h2>\n<ul><li>8:30-9:00 Khai mạc</li></ul>\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2020-09-29T10:00Z", "2020-09-29T12:00Z", "Пленарная сессия"),
        ("2020-09-30T08:30Z", "2020-09-30T09:00Z", "Khai mạc")]


def test_a_short_line_over_a_title_in_guillemets_is_its_kind(tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h2>29 September 2020</h2>\n<table>\n"
                "<tr><td>10:00 – 12:00</td><td><div>Панельная дискуссия</div>"
                "<p>«Умные города: от объектов к решениям»</p><p>Темы для обсуждения:</p>"
                "</td></tr>\n</table>\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2020-09-29T10:00Z", "2020-09-29T12:00Z", "Умные города: от объектов к решениям")]


def test_a_markdown_item_left_in_a_raw_html_block_is_an_item_of_its_own(tmp_path: Path) -> None:
    # CommonMark keeps '* 15:30 ...' after '</ul>' as raw text; the page's renderer lists it.
    path = page(tmp_path, "p.md", "## 6 November 2024\n\n* 13:30 Bees\n  <ul>\n"
                "    <li>A paper</li>\n  </ul>\n* 15:00 Break\n* 15:30 Honey\n  <ul>\n"
                "    <li>Another paper</li>\n  </ul>\n* 17:00 Wax\n")
    got = [(s, t) for s, _, t in times(read(path, source_tz="UTC"))]
    assert ("2024-11-06T15:30Z", "Honey") in got and ("2024-11-06T13:30Z", "Bees") in got


def test_a_name_column_is_the_items_name_when_no_other_column_is_its_title(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## Friday, June 14, 2024\n\n"
                "| Program | Start | End | Name | Rooms |\n|---|---|---|---|---|\n"
                "| Keynote | 9:00 | 10:00 | Human Centered NLP (Diyi Yang) | Adelita |\n"
                "| Panel A | 11:30 | 13:00 | Getting into NLP | Adelita |\n")
    talks = read(path, source_tz="UTC").talks
    assert [(t.title, t.authors) for t in talks] == [("Human Centered NLP", ("Diyi Yang",)),
                                                    ("Getting into NLP", ())]
    # The same under a first column whose header names no role ('Progam', as one page has it).
    path = page(tmp_path, "r.md", "## Friday, June 14, 2024\n\n"
                "| Progam | Start | End | Name |\n|---|---|---|---|\n"
                "| Tutorial B | 9:00 | 10:30 | Attention in Transformers (Ann Lee / Spanish) |\n")
    assert [t.title for t in read(path, source_tz="UTC").talks] == ["Attention in Transformers"]
    # Beside a title column, 'Name' stays the speakers' column.
    path = page(tmp_path, "q.md", "## Friday, June 14, 2024\n\n| Time | Title | Name |\n"
                "|---|---|---|\n| 9:00 - 10:00 | Bees | Ann Lee |\n")
    assert [(t.title, t.authors) for t in read(path, source_tz="UTC").talks] == [
        ("Bees", ("Ann Lee",))]


def test_a_long_sentence_alone_in_its_cell_is_the_title_not_an_abstract(tmp_path: Path) -> None:
    long = ("From publish or perish to publicize or perish: navigating the challenges and "
            "opportunities for careers in Latin American communities in the current era of "
            "publication trends.")
    path = page(tmp_path, "p.md", "## 14 June 2024\n\n| Time | Session |\n|---|---|\n"
                f"| 11:30 - 13:00 | {long} |\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2024-06-14T11:30Z", "2024-06-14T13:00Z", long)]


def test_a_numbered_lecture_or_lab_cell_is_the_kind_of_the_title_beside_it(
        tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h2>Monday, 12 June 2023</h2>\n<table>\n"
                "<tr><td>08:30–09:15</td><td><strong>Lecture 01</strong></td>"
                "<td>Introduction to Bioconductor (Lori Kern)</td></tr>\n"
                "<tr><td>14:00–17:00</td><td><strong>Lab</strong></td>"
                "<td>R and Bioconductor Basics</td></tr>\n</table>\n")
    talks = read(path, source_tz="UTC").talks
    # 'R' alone is no one's name: the lab's title stays whole.
    assert [(t.title, t.authors) for t in talks] == [
        ("Introduction to Bioconductor", ("Lori Kern",)), ("R and Bioconductor Basics", ())]


def test_a_stray_letter_typed_before_a_time_alone_does_not_lose_the_item(tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h2>22 July 2023</h2>\n"
                "<p>13:00-13:20</p><p>Bees</p>\n<p>s13:20-13:40</p><p>Honey</p>\n"
                "<p>13:40-14:00</p><p>Wax</p>\n<p>Vitamin B12 in bees</p>\n")
    assert times(read(path, source_tz="UTC")) == [
        ("2023-07-22T13:00Z", "2023-07-22T13:20Z", "Bees"),
        ("2023-07-22T13:20Z", "2023-07-22T13:40Z", "Honey"),
        ("2023-07-22T13:40Z", "2023-07-22T14:00Z", "Wax")]


def test_a_numeric_day_beside_its_weekday_in_a_plain_block_is_that_day(tmp_path: Path) -> None:
    # '28/04 - Friday' in a <div> (no heading): the weekday says the numbers are a date, day
    # first since 28 is no month; '02/05 - Tuesday' could be either order, and follows
    # Monday 1 May, so it is the next day.
    path = page(tmp_path, "p.html",
                "<div>28/04 - Friday</div>\n<table><tr><td>15.00 - 15.15</td><td>Welcome</td>"
                "</tr></table>\n<div>01/05 - Monday</div>\n<table><tr><td>15:00 - 18:00</td>"
                "<td>Visits</td></tr></table>\n<div>02/05 - Tuesday</div>\n<table><tr>"
                "<td>17:00 - 17:30</td><td>Closing</td></tr></table>\n")
    # Rome is UTC+2 in spring 2023.
    assert times(read(path, year=2023, source_tz="Europe/Rome")) == [
        ("2023-04-28T13:00Z", "2023-04-28T13:15Z", "Welcome"),
        ("2023-05-01T13:00Z", "2023-05-01T16:00Z", "Visits"),
        ("2023-05-02T15:00Z", "2023-05-02T15:30Z", "Closing")]


def test_inline_markdown_in_an_item_left_in_a_raw_html_block_is_shown_as_its_words(
        tmp_path: Path) -> None:
    # A '<div>' line with items right under it (no blank line): CommonMark keeps the items as
    # raw HTML text, kramdown renders them, links and bold marks included.
    path = page(tmp_path, "p.md", "## Monday 2nd of July, 2018\n\n"
                '<div style="border-left: 5px"> <h3>Session</h3></div>\n'
                "* 14:15 - 14:50: [**Debian security: behind the curtains**](#debian) <br />\n"
                "  by **Ann Lee** (Debian)\n"
                "* 14:50 - 15:25: __Bees__ <br />\n")
    got = [(s, t) for s, _, t in times(read(path, source_tz="UTC"))]
    assert got[:2] == [("2018-07-02T14:15Z", "Debian security: behind the curtains"),
                       ("2018-07-02T14:50Z", "Bees")]


def test_a_capitalised_acronym_like_sat_in_a_session_heading_is_no_weekday(
        tmp_path: Path) -> None:
    # 'Encoding SAT' names satisfiability, not Saturday: the talks stay on Monday.
    path = page(tmp_path, "p.md", "## Monday\n\n### Afternoon 1: Higher-order SAT\n\n"
                "* 14:00-14:30 Bees\n\n### Afternoon 2: Encoding SAT\n\n* 16:00-16:30 Honey\n\n"
                "## Tuesday\n\n* 09:00-09:30 Wax\n")
    assert times(read(path, date=date(2023, 10, 2), source_tz="UTC")) == [
        ("2023-10-02T14:00Z", "2023-10-02T14:30Z", "Bees"),
        ("2023-10-02T16:00Z", "2023-10-02T16:30Z", "Honey"),
        ("2023-10-03T09:00Z", "2023-10-03T09:30Z", "Wax")]


def test_a_weekday_after_an_impossible_dated_day_is_an_agenda_error(tmp_path: Path) -> None:
    """29/02 in 2023 cannot count the days to the Thursday after it: the page is refused with
    agenda's own error, never a crash."""
    path = page(tmp_path, "p.md", "# Workshop 2023\n\n## 29/02 - Wednesday\n\n"
                "| Time | Talk |\n|---|---|\n| 9:00 - 10:00 | Leap Talk |\n\n## Thursday\n\n"
                "| Time | Talk |\n|---|---|\n| 9:00 - 10:00 | Next Talk |\n")
    with pytest.raises(AgendaError):
        read(path, source_tz="UTC")
