"""The program reader on saved HTML pages: card layouts, <time> elements, a saved page's head."""

from __future__ import annotations

from pathlib import Path

from .helpers import page, read, times

DOC = ('<!DOCTYPE html><html><head><title>Schedule</title>'
       '<meta name="keywords" content="event, conference, title, start, schedule"></head>'
       '<body><nav><a href="/">Home</a> <a href="/s">Schedule</a></nav>{}'
       '<footer>© 2024 Some Workshop</footer></body></html>')


def test_spans_classed_as_fields_are_a_cards_lines(tmp_path: Path) -> None:
    body = ('<h2>Monday, 8 July 2024</h2><div class="session"><span class="time">09:00 - 09:45'
            '</span><span class="title">Learning Clocks</span><span class="speaker">Ann Lee'
            '</span></div>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="UTC")
    # UTC page: 09:00-09:45 is 09:00Z-09:45Z; the speaker is not part of the title.
    assert times(schedule) == [("2024-07-08T09:00Z", "2024-07-08T09:45Z", "Learning Clocks")]
    assert schedule.talks[0].authors == ("Ann Lee",)


def test_time_elements_give_their_datetime_clock_and_a_heading_under_one_is_its_title(
        tmp_path: Path) -> None:
    slot = ('<div class="slot"><div class="label"><time datetime="December 07T{a}">{a1}<span>'
            '{a2}</span></time> <time datetime="December 07T{b}">{b1}<span>{b2}</span></time>'
            '</div><div><h5>{title}</h5>{who}</div></div>')
    body = ('<h4>December 07</h4><h5>Conference Room</h5>'
            + slot.format(a="09:00", a1="09", a2="00", b="09:50", b1="09", b2="50",
                          title="Securing Databases", who="<p>Joe Conway</p>")
            + slot.format(a="14:30", a1="14", a2="30", b="17:30", b1="17", b2="30",
                          title="Users Workshop", who="<p>Ann Lee</p><h5>Developers Workshop"
                          "</h5><p>Bo Chen</p>"))
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), year=2018,
                    source_tz="Australia/Melbourne")
    # Melbourne in December is AEDT, UTC+11: 09:00 is 22:00Z the day before.
    assert sorted(times(schedule)) == [
        ("2018-12-06T22:00Z", "2018-12-06T22:50Z", "Securing Databases"),
        ("2018-12-07T03:30Z", "2018-12-07T06:30Z", "Developers Workshop"),
        ("2018-12-07T03:30Z", "2018-12-07T06:30Z", "Users Workshop")]


def test_cards_of_time_then_heading_read_start_only_times(tmp_path: Path) -> None:
    card = ('<article class="schedule-item"><time class="schedule-time">{}</time><div>'
            '<h3>{}</h3><p class="schedule-details">{}</p></div></article>')
    body = ('<h2>Friday, 17th May 2024</h2>' + card.format("09:45", "Hotwire Revisited",
                                                           "Marco Roth")
            + card.format("10:15", "The Boring Bits", "Katie Miller"))
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="Europe/Zurich")
    # CEST, UTC+2; each item ends when the next begins.
    assert ("2024-05-17T07:45Z", "2024-05-17T08:15Z", "Hotwire Revisited") in times(schedule)
    assert [t.title for t in schedule.talks] == ["Hotwire Revisited", "The Boring Bits"]


def test_a_cell_of_four_digit_clocks_is_a_range_but_a_range_of_years_is_not(
        tmp_path: Path) -> None:
    body = ('<p>The workshop is held at the convention centre on July 28th 2023, with a tutorial,'
            ' invited talks, contributed talks, posters and a panel discussion; the times below '
            'are local. Click the talks to see their abstracts.</p><table>'
            '<tr><td>2019 - 2020</td><td>Past editions</td></tr>'
            '<tr><td>0830 - 0850</td><td><b>Opening</b></td></tr>'
            '<tr><td>1400 - 1530</td><td><b>Panel Discussion</b></td></tr></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="UTC")
    # The day comes from the paragraph; "2019 - 2020" is years, not 20:19-20:20.
    assert times(schedule, talks_only=False) == [
        ("2023-07-28T08:30Z", "2023-07-28T08:50Z", "Opening"),
        ("2023-07-28T14:00Z", "2023-07-28T15:30Z", "Panel Discussion")]


def test_a_page_naming_no_day_takes_the_one_date_of_its_header_but_never_its_footers(
        tmp_path: Path) -> None:
    body = ('<div class="header-nav"><span>Some Summit</span><span>February 16th, 2018</span>'
            '</div><table><tr><td>09:15 – 10:00</td><td>Ann Lee<br>'
            '<a href="#">Forecasting Train Delays with Python</a></td></tr></table>'
            '<footer>Updated 3 March 2018</footer>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), year=2018,
                    source_tz="Europe/Zurich")
    # Zurich in February is CET, UTC+1; the speaker line above the title is its speaker.
    assert times(schedule) == [("2018-02-16T08:15Z", "2018-02-16T09:00Z",
                                "Forecasting Train Delays with Python")]
    assert schedule.talks[0].authors == ("Ann Lee",)
    assert any("header or title" in n.message for n in schedule.notices)


def test_the_title_element_names_the_day_when_the_content_does_not(tmp_path: Path) -> None:
    doc = ('<!DOCTYPE html><html><head><title>Workshop, 5 May 2021</title></head><body>'
           '<table><tr><td>10:00-10:30</td><td>Opening remarks</td></tr></table></body></html>')
    schedule = read(page(tmp_path, "p.html", doc), year=2021, source_tz="UTC")
    assert times(schedule, talks_only=False) == [
        ("2021-05-05T10:00Z", "2021-05-05T10:30Z", "Opening remarks")]


def test_a_numeric_day_heading_is_read_when_its_order_is_certain(tmp_path: Path) -> None:
    body = ('<h4>17/08</h4><table><tr><td>09:00 - 12:00</td><td>Learning JavaScript</td></tr>'
            '</table><h4>3/4</h4><table><tr><td>14:00 - 15:00</td><td>Other Things</td></tr>'
            '</table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), year=2019,
                    source_tz="America/Bahia")
    # 17/08 is 17 August (no 17th month); Bahia is UTC-3. '3/4' could be either order, so it
    # is no day heading and its item stays on 17 August.
    assert times(schedule) == [
        ("2019-08-17T12:00Z", "2019-08-17T15:00Z", "Learning JavaScript"),
        ("2019-08-17T17:00Z", "2019-08-17T18:00Z", "Other Things")]


def test_a_details_column_beside_the_plan_column_is_notes_not_the_title(tmp_path: Path) -> None:
    body = ('<h2>28 April 2025</h2><table><thead><tr><th>Start Time</th><th>Plan</th>'
            '<th>Details</th></tr></thead><tbody>'
            '<tr><td>9:10</td><td>Invited Talk 1</td><td>35 + 15 minutes for Q&amp;A</td></tr>'
            '<tr><td>10:00</td><td>Invited Talk 2</td><td>35 + 15 minutes for Q&amp;A</td></tr>'
            '<tr><td>10:50</td><td>Break</td><td>20 minutes break</td></tr>'
            '</tbody></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="Asia/Singapore")
    # Singapore is UTC+8: 9:10 is 01:10Z; each talk ends when the next begins.
    assert times(schedule)[:2] == [
        ("2025-04-28T01:10Z", "2025-04-28T02:00Z", "Invited Talk 1"),
        ("2025-04-28T02:00Z", "2025-04-28T02:50Z", "Invited Talk 2")]


def test_a_numbered_list_in_one_cell_is_the_sessions_papers(tmp_path: Path) -> None:
    body = ('<h2>April 18, 2025</h2><table><tr><td>3:30pm - 4:00pm</td><td>Contributed Talks:'
            '<br><br>1. <a href="#">Verified Search for Programs</a><br>Ann Lee, Harvard<br><br>'
            '2. <a href="#">Scaling Laws of Inference</a><br>Bo Chen, CMU</td></tr></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="America/New_York")
    # New York in April is EDT, UTC-4: 3:30pm is 19:30Z; each paper has the session's window.
    got = times(schedule, talks_only=False)
    for title in ("Verified Search for Programs", "Scaling Laws of Inference"):
        assert ("2025-04-18T19:30Z", "2025-04-18T20:00Z", title) in got


def test_a_title_cell_beside_a_speaker_cell_is_all_title_but_its_kind_prefix(
        tmp_path: Path) -> None:
    body = ('<h2>July 4, 2015</h2><table>'
            '<tr><td>08:50 - 10:00</td><td>Keynote: Open Source Roller Coasters</td>'
            '<td>Stephen McDonald</td></tr>'
            '<tr><td>13:00 - 14:00</td><td>MySQL Fabric: Python and MySQL are meant to be</td>'
            '<td>Ronen Baram</td></tr></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="Asia/Manila")
    # Manila is UTC+8: 08:50 is 00:50Z. 'MySQL Fabric' is no speaker: the speaker cell says who.
    assert times(schedule, talks_only=False) == [
        ("2015-07-04T00:50Z", "2015-07-04T02:00Z", "Open Source Roller Coasters"),
        ("2015-07-04T05:00Z", "2015-07-04T06:00Z",
         "MySQL Fabric: Python and MySQL are meant to be")]
    assert [t.authors for t in schedule.talks] == [("Stephen McDonald",), ("Ronen Baram",)]


def test_a_speaker_line_under_a_card_title_keeps_the_title_whole(tmp_path: Path) -> None:
    body = ('<h4>December 07</h4><div class="slot"><div class="label"><time datetime="09:00">'
            '09:00</time> <time datetime="09:50">09:50</time></div><div><h5>Securing '
            'PostgreSQL -- Exploring the STIG</h5><p>Joe Conway</p></div></div>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), year=2018,
                    source_tz="Australia/Melbourne")
    # Melbourne in December is AEDT, UTC+11; 'Securing PostgreSQL' is no speaker: Joe Conway is.
    assert times(schedule) == [("2018-12-06T22:00Z", "2018-12-06T22:50Z",
                                "Securing PostgreSQL -- Exploring the STIG")]
    assert schedule.talks[0].authors == ("Joe Conway",)


def test_rows_numbered_one_two_three_are_a_list_whose_numbers_are_not_titles(
        tmp_path: Path) -> None:
    body = ('<h2>July 5, 2015</h2><table>'
            '<tr><td>13:00 - 13:30</td><td>1. How to set up your machine</td></tr>'
            '<tr><td>13:30 - 14:00</td><td>2. How to start a project</td></tr>'
            '<tr><td>14:00 - 14:30</td><td>42. The answer to everything</td></tr></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="UTC")
    # '42.' does not continue the list 1., 2.: it keeps its number.
    assert [t.title for t in schedule.talks] == [
        "How to set up your machine", "How to start a project", "42. The answer to everything"]


def test_a_cell_naming_only_a_kind_of_talk_is_the_kind_of_the_next_cells_item(
        tmp_path: Path) -> None:
    body = ('<h2>April 27, 2025</h2><table>'
            '<tr><td>10:45 - 11:45</td><td>Spotlights</td><td><i>Spotlight Talks (4)</i></td></tr>'
            '<tr><td>12:00 - 13:00</td><td>Lunch</td><td>Hall B</td></tr></table>')
    schedule = read(page(tmp_path, "p.html", DOC.format(body)), source_tz="Asia/Singapore")
    # Singapore is UTC+8. 'Lunch' is a break's name, not a kind column: it stays the title.
    assert times(schedule, talks_only=False)[0] == (
        "2025-04-27T02:45Z", "2025-04-27T03:45Z", "Spotlight Talks (4)")
    assert schedule.talks[0].kind.value == "spotlight"
    assert times(schedule, talks_only=False)[1][2] == "Lunch"
