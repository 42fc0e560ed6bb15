"""The general program reader on shapes a second blind round of real pages showed: room grids
whose breaks span some rooms while a workshop spans rows, kind labels over titles, wiki and
template pages, full-width clocks, and titles whose parts look like other things (a length,
a list of instructors, a two-word phrase that is no one's name)."""

from __future__ import annotations

from pathlib import Path

from .helpers import page, read, times

GRID = """## 9 February 2019

<table>
<tr><th>Time</th><th>Auditorium</th><th>Room 100</th><th>Room 300</th></tr>
<tr><td>9:00am</td><td colspan="3"><span class="title">Opening Keynote</span><br/>
<a href="/z">Running from Zombies</a><br/>Ann Lee</td></tr>
<tr><td>10:15am</td><td>Bees<br/>Bo Chen</td><td>Wax<br/>Cy Diaz</td>
<td rowspan="3">Intro to Python<br/>Di Eng</td></tr>
<tr><td>11:00am</td><td colspan="2">Break</td></tr>
<tr><td>11:15am</td><td>Honey<br/>Ed Fox</td><td>Hives<br/>Flo Gale</td></tr>
<tr><td>12:00pm</td><td colspan="3">Lunch</td></tr>
</table>
"""


def test_a_break_spanning_some_rooms_ends_their_talks_but_not_a_workshop_spanning_rows(
        tmp_path: Path) -> None:
    got = times(read(page(tmp_path, "p.md", GRID), source_tz="UTC"))
    # Bees and Wax end at the 11:00 break that spans their two rooms; the workshop in Room 300
    # runs under it, down its three rows, until lunch spans every room at 12:00.
    assert ("2019-02-09T10:15Z", "2019-02-09T11:00Z", "Bees") in got
    assert ("2019-02-09T10:15Z", "2019-02-09T11:00Z", "Wax") in got
    assert ("2019-02-09T10:15Z", "2019-02-09T12:00Z", "Intro to Python") in got


def test_a_kind_label_over_a_title_in_one_cell_is_the_kind_not_the_title(tmp_path: Path) -> None:
    schedule = read(page(tmp_path, "p.md", GRID), source_tz="UTC")
    keynote = next(t for t in schedule.talks if t.start.hour == 9)
    assert (keynote.title, keynote.kind.value, keynote.authors) == (
        "Running from Zombies", "keynote", ("Ann Lee",))


def test_a_plural_kind_label_still_heads_a_sessions_papers() -> None:
    from agenda.readers.program.items import kind_label

    assert kind_label("Opening Keynote") is not None and kind_label("Invited Talk 2:")
    assert kind_label("Contributed Talks:") is None and kind_label("Spotlights") is None
    assert kind_label("Running from Zombies") is None


def test_a_wiki_page_opening_with_braces_is_a_program_not_broken_json(tmp_path: Path) -> None:
    text = ("{{{#!rst\n\nMonday\n------\n\n* 9 am: Welcome\n* 10am-10:45: Overview\n"
            "* 11am: Tutorial: `Contributing to Sage <http://example.org/contribute/>`_\n\n}}}\n")
    schedule = read(page(tmp_path, "p.txt", text), source_tz="UTC", year=2011,
                    date=__import__("datetime").date(2011, 5, 2))
    assert [t for _, _, t in times(schedule)] == ["Welcome", "Overview", "Contributing to Sage"]


def test_a_template_page_opening_with_a_tag_is_claimed_over_broken_json() -> None:
    from agenda.readers import program
    from agenda.readers.page import decode

    assert program.detect(decode("p.html", b"{% extends 'base' %}\n09:00 Welcome\n")) > 0.5
    assert program.detect(decode("p.json", b'{"talks": [{"start": "09:00"')) == 0.5


def test_full_width_colons_in_chinese_clocks(tmp_path: Path) -> None:
    text = ("<p>会议时间：2018年5月18日</p><table><tr><th>时间</th><th>主题</th></tr>"
            "<tr><td>9：30-10：00</td><td>签到</td></tr>"
            "<tr><td>10：00-10：30</td><td>项目推介</td></tr></table>")
    got = times(read(page(tmp_path, "p.html", text), source_tz="Asia/Shanghai"),
                talks_only=False)
    # Shanghai is UTC+8 all year.
    assert ("2018-05-18T02:00Z", "2018-05-18T02:30Z", "项目推介") in got


def test_rows_under_a_time_spanning_them_are_their_own_items_not_the_time(
        tmp_path: Path) -> None:
    text = ("<h2>18 May 2018</h2><table><tr><th>Time</th><th>Topic</th></tr>"
            "<tr><td rowspan=\"3\">10:55-11:10</td><td>Signing one</td></tr>"
            "<tr><td>Signing two</td></tr><tr><td>Signing three</td></tr></table>")
    titles = [t for _, _, t in times(read(page(tmp_path, "p.html", text), source_tz="UTC"),
                                     talks_only=False)]
    assert sorted(titles) == ["Signing one", "Signing three", "Signing two"]


def test_names_joined_by_a_slash_are_speakers() -> None:
    from agenda.readers.program.items import read_item

    item = read_item("Tutorial: programming Python (Franco/Jason)")
    assert (item.title, item.authors) == ("programming Python", ("Franco", "Jason"))


def test_a_phrase_of_abstract_nouns_before_a_colon_is_no_speaker() -> None:
    from agenda.readers.program.items import read_item

    for title in ("Tracing Connections: Network Modelling of Obsidian in Italy",
                  "Linear Foundations and Nonlinear Frontiers: A Journey Through Methods",
                  "Open Floor - Pitch your own Project"):
        assert read_item(title) == (title, (), read_item(title).kind)
    assert read_item("Wykłady plenarne (Keynotes)").authors == ()  # a kind, not a person
    assert read_item("Anders Buch: Strategies for Schubert Calculus").authors == (
        "Anders Buch",)


def test_instructors_named_after_a_title_in_one_cell_are_its_speakers(tmp_path: Path) -> None:
    text = ("| Day 1 (09/23) | |\n|---|---|\n| 11:00am - 1:00pm | **Spike Analysis with "
            "Pynapple** _Instructors: Ann Lee (NYU), Bo Chen (MIT)_ |\n")
    schedule = read(page(tmp_path, "p.md", text), source_tz="America/New_York", year=2024)
    talk = schedule.talks[0]
    # New York in September is EDT, UTC-4.
    assert times(schedule) == [("2024-09-23T15:00Z", "2024-09-23T17:00Z",
                                "Spike Analysis with Pynapple")]
    assert [a.split(" (")[0] for a in talk.authors] == ["Ann Lee", "Bo Chen"]


def test_numeric_day_columns_are_read_in_the_order_that_makes_one_event() -> None:
    from agenda.readers.program.days import numeric_columns

    refs = numeric_columns(["", "08/07/2024", "09/07/2024", "12/07/2024"])
    assert [(r.day, r.month) for r in refs if r] == [(8, 7), (9, 7), (12, 7)]
    month_first = numeric_columns(["07/30/2024", "07/31/2024"])
    assert [(r.day, r.month) for r in month_first if r] == [(30, 7), (31, 7)]
    assert numeric_columns(["03/03/2024", "04/04/2024"]) == [None, None]  # either order fits


def test_a_table_of_day_columns_with_start_dash_end_cells(tmp_path: Path) -> None:
    text = ("<table><tr><td></td><td></td><td></td><td><b>08/07/2024</b></td>"
            "<td><b>09/07/2024</b></td></tr>"
            "<tr><td>9:00</td><td>-</td><td>10:30</td><td>Welcome</td><td>Ann Lee</td></tr>"
            "<tr><td>19:00</td><td>-</td><td>22:00</td><td>Reception</td><td></td></tr></table>")
    got = times(read(page(tmp_path, "p.md", text), source_tz="Europe/Rome"))
    # Rome in July is CEST, UTC+2; the days are 8 and 9 July, not 7 August and 7 September.
    assert ("2024-07-08T07:00Z", "2024-07-08T08:30Z", "Welcome") in got
    assert ("2024-07-09T07:00Z", "2024-07-09T08:30Z", "Ann Lee") in got
    assert ("2024-07-08T17:00Z", "2024-07-08T20:00Z", "Reception") in got


def test_a_table_nested_in_a_cell_keeps_the_outer_item_and_its_own_rows(tmp_path: Path) -> None:
    text = ("<p>All times are in UTC</p><table>"
            "<tr><th>Tuesday, May 12, 2020</th><th>Day 1</th></tr>"
            "<tr><td>10am - 1pm</td><td>Elective tutorials<table>"
            "<tr><td>10 - 11am</td><td>Extracellular recordings</td></tr>"
            "<tr><td>11am - 12pm</td><td>Optical imaging</td></tr></table>"
            "Attend the ones you need.</td></tr>"
            "<tr><td>1 - 1:50pm</td><td>Overview of tools, Part 1:<br>- DANDI<br>- CaImAn</td></tr>"
            "</table>")
    got = times(read(page(tmp_path, "p.md", text)))
    assert ("2020-05-12T10:00Z", "2020-05-12T13:00Z", "Elective tutorials") in got
    assert ("2020-05-12T10:00Z", "2020-05-12T11:00Z", "Extracellular recordings") in got
    assert ("2020-05-12T11:00Z", "2020-05-12T12:00Z", "Optical imaging") in got
    # A list under a title ending in a colon is not joined to the title.
    assert ("2020-05-12T13:00Z", "2020-05-12T13:50Z", "Overview of tools, Part 1") in got


def test_a_company_beside_a_name_is_still_a_speaker_line() -> None:
    from agenda.readers.program.items import names, read_item

    # Abstract-noun endings only stop a phrase before a colon or dash from being a speaker.
    assert names("Alessio Fabiani Geosolutions") is not None
    assert read_item("Final Round: Presentations").title == "Final Round: Presentations"


def test_breakout_groups_are_no_break() -> None:
    from agenda.readers.program.items import kind_of

    assert kind_of("Breakout Working Groups").value == "talk"
    assert kind_of("Break-out rooms: feedback").value == "talk"
    assert kind_of("Coffee Break").value == "break"


CARDS = """<html><body><h2>10/27 議程表</h2>
<div class="time">08:30 ~ 09:00</div><div class="name">報到</div>
<div class="time">海景會議廳<br>10:00 ~ 10:50</div>
<div class="name">hlb</div><div class="head">Registrano: 網路售票平台的技術與挑戰</div>
<p>講者為和多 Handlino Inc. 的設計師兼創辦人。</p>
<div class="time">16:20 ~ 17:00</div><div class="name">交流時間</div><div class="head"></div>
<p>這是會後開放給與會者與所有講師的交流時間。</p>
</body></html>"""


def test_a_card_name_line_above_a_title_line_is_its_speakers(tmp_path: Path) -> None:
    schedule = read(page(tmp_path, "p.html", CARDS), source_tz="Asia/Taipei", year=2012)
    got = {t.title: (t.start.strftime("%H:%MZ"), t.authors) for t in schedule.talks}
    # Taipei is UTC+8: 10:00 is 02:00Z.
    assert got["Registrano: 網路售票平台的技術與挑戰"] == ("02:00Z", ("hlb",))


def test_a_card_name_line_with_no_title_line_is_the_items_name(tmp_path: Path) -> None:
    schedule = read(page(tmp_path, "p.html", CARDS), source_tz="Asia/Taipei", year=2012)
    titles = {t.title: t.start.strftime("%H:%MZ") for t in schedule.talks}
    # The name stands alone (registration), or its title element is empty: the paragraph
    # under it describes it, never names it.
    assert titles.get("報到") == "00:30Z" and titles.get("交流時間") == "08:20Z"
    assert not any(title.startswith("這是") for title in titles)
