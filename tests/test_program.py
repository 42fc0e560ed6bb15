"""The general program reader: what it infers and says, what it refuses, and that hostile text
never makes it fail with anything but agenda's own errors, in linear time."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.errors import AgendaError, PageError, TimingError
from agenda.models import Kind, Status
from agenda.readers import decode
from agenda.schedule import build_schedule
from agenda.timing import TimeSettings

from .conftest import PAGES
from .helpers import page, read, times


def test_papers_under_a_session_time_each_get_the_sessions_window(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "# Workshop\n\n## Monday, 8 July 2024\n\n"
                "### Session 1 (10:00-11:30, CEST)\n\n- Learning Clocks (Ann Lee)\n"
                "- Faster Calendars (Bo Chen)\n")
    schedule = read(path)
    papers = [t for t in schedule.talks if t.kind is Kind.PAPER]
    assert [(t.title, t.authors, t.track) for t in papers] == [
        ("Faster Calendars", ("Bo Chen",), "Session 1"),
        ("Learning Clocks", ("Ann Lee",), "Session 1")]
    # CEST is UTC+2: 10:00-11:30 is 08:00-09:30 UTC, for both papers, never split.
    assert {(t.start.isoformat(), t.end.isoformat()) for t in papers} == {
        ("2024-07-08T08:00:00+00:00", "2024-07-08T09:30:00+00:00")}


def test_a_page_naming_no_day_asks_for_date(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "| Time | Talk |\n|---|---|\n| 09:00-09:30 | Opening |\n")
    with pytest.raises(TimingError, match="--date"):
        read(path, source_tz="UTC")
    schedule = read(path, source_tz="UTC", date=date(2024, 3, 1))
    assert times(schedule) == [("2024-03-01T09:00Z", "2024-03-01T09:30Z", "Opening")]


def test_a_page_naming_only_weekdays_is_the_week_starting_on_date(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## Wednesday\n\n- 09:00-10:00 A Talk\n")
    with pytest.raises(TimingError, match="only weekdays.*--date"):
        read(path, source_tz="UTC")
    schedule = read(path, source_tz="UTC", date=date(2024, 3, 4))  # a Monday
    assert times(schedule) == [("2024-03-06T09:00Z", "2024-03-06T10:00Z", "A Talk")]


def test_a_page_naming_no_zone_asks_for_source_tz(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 4 March 2024\n\n- 09:00-10:00 A Talk\n")
    with pytest.raises(TimingError, match="--source-tz"):
        read(path)


def test_times_without_titles_say_what_was_found(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "| 09:00 | |\n| 10:00 | |\n| 11:00 | |\n")
    with pytest.raises(PageError, match="3 times but no titles"):
        read(path)


def test_a_page_without_times_says_so(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "# Our Workshop\n\nTalks to be announced.\n")
    with pytest.raises(PageError, match="no times at all"):
        read(path)


def test_a_struck_item_is_cancelled_and_a_struck_time_gives_way(tmp_path: Path) -> None:
    path = page(tmp_path, "p.html", "<h2>4 March 2024</h2><ul>"
                "<li><s>09:00</s> 09:30-10:00 Moved Talk</li>"
                "<li><del>10:00-10:30 Dropped Talk</del></li></ul>")
    schedule = read(path, source_tz="UTC")
    assert [(t.title, t.start.hour, t.status) for t in schedule.talks] == [
        ("Moved Talk", 9, Status.CONFIRMED), ("Dropped Talk", 10, Status.CANCELLED)]
    assert schedule.talks[0].start.minute == 30


def test_every_inference_is_told_once_per_page(tmp_path: Path) -> None:
    lines = "".join(f"{h}:00 Talk {h}\n" for h in (9, 10, 11, 12, 1, 2, 3))
    path = page(tmp_path, "p.txt", lines)
    schedule = read(path, source_tz="UTC", date=date(2024, 3, 4))
    messages = [n.message for n in schedule.notices]
    assert len(messages) == len(set(messages)) == 3
    assert [t.start.hour for t in schedule.talks] == [9, 10, 11, 12, 13, 14, 15]


def test_the_specialised_layouts_keep_their_pages() -> None:
    from agenda.readers import LAYOUTS, decode, detect, program

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").iterdir())
    assert LAYOUTS[-1] is program
    for seed in seeds:
        assert detect(decode(str(seed), seed.read_bytes())) is not program, seed.name


FRAGMENTS = [
    "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>Time (PDT)</th>", "<br>", "<s>", "</s>",
    "<!--", "-->", "{% if %}", "{{ x }}", "| 09:00 | Talk |", "|---|---|", "## Monday",
    "### 10:00-11:30", "- 9am Opening", "12:00 pm - 13:15 pm", "Session 1 (10:00-11:30, CEST)",
    "All times are PST", "Day 2 – Wed, April 26th", "2024-02-30", "31 February", "24:30",
    "Ann Lee: Title", "Title (Ann Lee)", "---\ntitle: x\n---", "UTC+99", "IST", "Europe/Nowhere",
    "\n", " ", "\t", "noon", "11:05pm-12:00pm", "Theme 1:", "& more", "**", "[x](y)", "\u00a0",
]


def _check(text: str, year: int | None, tz: str | None, on: date | None) -> None:
    opts = TimeSettings(today=date(2026, 11, 23), year=year, source_tz=tz, date=on)
    try:
        schedule = build_schedule([("page.md", text.encode("utf-8", "replace"))], opts)
    except AgendaError:
        return
    for talk in schedule.talks:
        assert talk.start.utcoffset() is not None and talk.end >= talk.start


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("\n".join),
       st.sampled_from([None, 2024]), st.sampled_from([None, "UTC"]),
       st.sampled_from([None, date(2024, 3, 4)]))
def test_program_fragments_read_or_raise_agenda_errors(text: str, year: int | None,
                                                       tz: str | None, on: date | None) -> None:
    _check(text, year, tz, on)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.sampled_from([None, "UTC"]))
def test_any_text_reads_or_raises_agenda_errors(text: str, tz: str | None) -> None:
    _check("9:00 " + text, 2024, tz, date(2024, 3, 4))


@pytest.mark.parametrize("text", [
    "1:" * 50_000, "9:00-" * 30_000, "<div>" * 20_000 + "9:00 x", "|" * 100_000 + "\n9:00 x",
    "9:00 " + "Ann Lee, " * 20_000, "9:00 " + "(" * 50_000, "Monday " * 30_000 + "9:00 x",
    "<table>" + "<tr><td>9:00</td><td>x</td></tr>" * 5_000 + "</table>",
    "9:00 " + "a: " * 30_000, "{%" * 30_000 + "9:00 x", "9:00 " + "- " * 50_000,
])
def test_hostile_pages_are_read_in_linear_time(text: str) -> None:
    began = time.perf_counter()
    _check(text, 2024, "UTC", date(2024, 3, 4))
    assert time.perf_counter() - began < 4


def test_a_column_per_day_puts_each_cell_on_its_day(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "All times are UTC.\n\n"
                "| Time | Monday, July 1 | Tuesday, July 2 |\n|---|---|---|\n"
                "| 09:00-10:30 | Clocks (Ann Lee) | Calendars (Bo Chen) |\n")
    schedule = read(path, year=2024)
    assert [(t.title, t.authors, t.start.isoformat()) for t in schedule.talks] == [
        ("Clocks", ("Ann Lee",), "2024-07-01T09:00:00+00:00"),
        ("Calendars", ("Bo Chen",), "2024-07-02T09:00:00+00:00")]


def test_parallel_rooms_are_one_talk_each_with_its_room(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## 1 July 2024 (UTC)\n\n"
                "| Time | Room A | Room B |\n|---|---|---|\n"
                "| 09:00-09:30 | Clocks | Calendars |\n| 09:30-10:00 | Lunch | Lunch |\n")
    schedule = read(path, year=2024)
    assert [(t.title, t.room) for t in schedule.talks if t.is_talk] == [
        ("Calendars", "Room B"), ("Clocks", "Room A")]


def test_important_dates_are_neither_days_nor_items(tmp_path: Path) -> None:
    path = page(tmp_path, "p.md", "## Important Dates\n\n| Event | Date |\n|---|---|\n"
                "| Submission deadline | May 15, 2024 (11:59 pm AoE) |\n"
                "| Notification | June 10, 2024 |\n\n"
                "- Camera-ready due: June 20, 2024, 23:59 AoE\n\n"
                "## Schedule (July 26, 2024, all times CEST)\n\n| Time | Talk |\n|---|---|\n"
                "| 09:00-09:30 | Opening by the organizers |\n")
    schedule = read(path, year=2024)
    assert times(schedule) == [("2024-07-26T07:00Z", "2024-07-26T07:30Z",
                                "Opening by the organizers")]


@pytest.mark.parametrize(("text", "found"), [
    ("8:30 a.m. CST – 8:45 a.m. CST", [((8, 30), (8, 45))]),
    ("10:00 (CEST) - 10:30 (CEST)", [((10, 0), (10, 30))]),
    ("9:00 PT-10:00 PT", [((9, 0), (10, 0))]),
    # a word that is no zone between two times leaves them two starts
    ("9:00 TBA - 10:00", [((9, 0), None), ((10, 0), None)]),
])
def test_a_zone_label_after_the_start_still_makes_a_range(
        text: str, found: list[tuple[tuple[int, int], tuple[int, int] | None]]) -> None:
    from agenda.readers.program import clock

    got = [((s.start.hour, s.start.minute), None if s.end is None else (s.end.hour, s.end.minute))
           for s in clock.spans(text)]
    assert got == found


def test_a_saved_html_page_of_a_site_layout_points_at_its_own_lines() -> None:
    from agenda.readers import choose, read_page

    path = PAGES / "saved_html_session.html"
    page = decode(str(path), path.read_bytes())
    layout, shown = choose(page)
    assert layout.NAME == "neurips-session" and shown is not page
    found = read_page(page)
    assert [slot.line for slot in found.slots] == [19, 27, 33]
    assert "Seeing Through" in page.lines[21 - 1] and found.slots[0].abstract.startswith(
        "A page saved as HTML carries the same slots as its text.")
