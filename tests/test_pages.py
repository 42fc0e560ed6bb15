"""Each page in tests/pages shows one feature of the readers; one parametrised test reads them.

Expectations are exact UTC instants, titles, authors and kinds, plus the track and chairs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from agenda.models import Kind

from .conftest import PAGES
from .helpers import read

OR, S, P, B = Kind.ORAL, Kind.SPOTLIGHT, Kind.PAPER, Kind.BREAK
T, OP = Kind.TALK, Kind.OPENING

EXPECTED: dict[str, dict[str, Any]] = {
    "crlf_bom_nbsp.txt": dict(
        options=dict(year=2020),
        track="Orals & Spotlights Track 1: Optimization", chairs=("Ana Lopez", "Bo Chen"),
        slots=[("2020-12-09T14:00Z", "2020-12-09T14:15Z", P, "A Title Read Through CRLF",
                ("José García", "Ivan Dokmanić"))]),
    "am_pm_times.txt": dict(
        track="Invited Talks", chairs=(),
        slots=[("2020-12-09T23:00Z", "2020-12-10T00:30Z", P, "Learning With Clocks That Say PM",
                ("Grace Hopper", "Alan Turing")),
               ("2020-12-10T16:30Z", "2020-12-10T17:15Z", P, "Noon Crossing Talk",
                ("Ada Lovelace",))]),
    "other_zone_labels.txt": dict(
        track="Workshop on Zones", chairs=(),
        slots=[("2021-07-13T07:00Z", "2021-07-13T07:30Z", P,
                "A Talk in Central European Summer Time", ("Marie Curie", "Lise Meitner")),
               ("2021-07-13T08:00Z", "2021-07-13T08:30Z", P, "A Talk With A Numeric Offset",
                ("Emmy Noether",)),
               ("2021-07-13T09:00Z", "2021-07-13T09:30Z", P, "A Talk in GMT", ("Alan Turing",))]),
    "heading_year.txt": dict(
        track="NeurIPS 2019 Orals & Spotlights Track 5: Theory", chairs=("Chair One", "Chair Two"),
        notices=[],
        slots=[("2019-12-11T18:00Z", "2019-12-11T18:15Z", P,
                "A Talk Whose Year Comes From The Heading", ("Author A", "Author B"))]),
    "prose_year_ignored.txt": dict(
        track="Orals & Spotlights Track 9: Vision", chairs=("Chair One", "Chair Two"),
        notices=["no year on the page; assuming 2026, the next year with Wed 9 Dec"],
        slots=[("2026-12-09T18:00Z", "2026-12-09T18:15Z", P,
                "A Talk That Cites NeurIPS 2017 In Its Abstract", ("Author A", "Author B"))]),
    "track_number_not_a_year.txt": dict(
        track="Orals & Spotlights Track 2019: Theory", chairs=("Chair One", "Chair Two"),
        notices=["no year on the page; assuming 2026, the next year with Wed 9 Dec"],
        slots=[("2026-12-09T18:00Z", "2026-12-09T18:15Z", P,
                "A Talk On Track Two Thousand Nineteen", ("Author A", "Author B"))]),
    "midnight_crossing.txt": dict(
        options=dict(year=2020), track="Late Night Session", chairs=("Chair One",),
        slots=[("2020-12-11T07:50Z", "2020-12-11T08:10Z", P, "A Talk That Ends Tomorrow",
                ("Night Owl", "Early Bird"))]),
    "dst_fall_back.txt": dict(
        options=dict(year=2020), track="Halloween Workshop", chairs=(), notices=[],
        slots=[("2020-11-01T08:30Z", "2020-11-01T08:45Z", P, "The First 1:30 (Daylight Time)",
                ("Author A",)),
               ("2020-11-01T09:30Z", "2020-11-01T09:45Z", P, "The Second 1:30 (Standard Time)",
                ("Author B",))]),
    "navigation_noise.txt": dict(
        options=dict(year=2020),
        track="Orals & Spotlights Track 12: Reinforcement Learning",
        chairs=("Rich Sutton", "Doina Precup"),
        slots=[("2020-12-10T02:00Z", "2020-12-10T02:15Z", OR, "Policy Gradients Without Noise",
                ("Author One", "Author Two")),
               ("2020-12-10T02:15Z", "2020-12-10T02:30Z", Kind.POSTER, "A Poster Slot",
                ("Author Three",)),
               ("2020-12-10T02:30Z", "2020-12-10T02:45Z", B, "Break", ())]),
    "markdown_variant.md": dict(
        track="Orals & Spotlights Track 7: Probabilistic Methods",
        chairs=("Zoubin Ghahramani", "Max Welling"),
        slots=[("2020-12-08T14:00Z", "2020-12-08T14:15Z", OR,
                "Variational Inference: A Second Look", ("Ada Lovelace", "Émile Borel")),
               ("2020-12-08T14:15Z", "2020-12-08T14:25Z", S, "A Talk Given In UTC",
                ("Carl Gauss",)),
               ("2020-12-08T14:25Z", "2020-12-08T14:35Z", B, "Break", ())]),
    "new_year_crossing.txt": dict(
        track="Winter School 2020", chairs=(), notices=[],
        slots=[("2020-12-31T23:00Z", "2020-12-31T23:30Z", P, "Last Talk Of The Year",
                ("Author A",)),
               ("2021-01-01T09:00Z", "2021-01-01T09:30Z", P, "First Talk Of The Year",
                ("Author B",))]),
    "labels_on_both_times.txt": dict(  # the sites since 2022; CST in November: UTC-6
        options=dict(year=2022), track="Oral 2 Track 3: Deep Learning",
        chairs=("Alice Chair", "Bob Chair"), notices=[],
        slots=[("2022-11-29T15:00Z", "2022-11-29T15:15Z", OR, "Sharpness-Aware Training for Free",
                ("Jiawei Du", "Daquan Zhou", "Jiashi Feng")),
               ("2022-11-29T15:15Z", "2022-11-29T15:30Z", OR,
                "A Paper Whose Labels Follow Both Times", ("Carol Author", "Dan Author")),
               ("2022-11-29T17:45Z", "2022-11-29T18:15Z", OR, "A Paper Across Noon",
                ("Eve Author",))]),
    "saved_html_session.html": dict(  # the session text saved as HTML; the <title> says 2020
        track="Orals & Spotlights Track 4: Vision", chairs=("Ana Lopez", "Bo Chen"), notices=[],
        slots=[("2020-12-09T14:00Z", "2020-12-09T14:15Z", OR, "Seeing Through Saved Pages",
                ("Émile Borel", "Grace Hopper")),
               ("2020-12-09T14:15Z", "2020-12-09T14:25Z", S, "Markup Is Only Presentation",
                ("Alan Turing",)),
               ("2020-12-09T14:25Z", "2020-12-09T14:35Z", B, "Break", ())]),
    "site_event_types.txt": dict(  # kind lines beyond Oral/Spotlight; PST = UTC-8
        options=dict(year=2020), track="Tutorials", chairs=(), notices=[],
        slots=[("2020-12-07T16:00Z", "2020-12-07T18:30Z", Kind.TUTORIAL,
                "Offline Reinforcement Learning: From Algorithms to Practical Challenges",
                ("Aviral Kumar", "Sergey Levine")),
               ("2020-12-07T19:00Z", "2020-12-07T21:30Z", Kind.PANEL,
                "Industry Perspectives on Robust ML", ("Ann Speaker",)),
               ("2020-12-07T22:00Z", "2020-12-07T22:30Z", T, "Town Hall", ())]),
    # Program pages (the general reader): times by hand from the page's stated zone.
    "program_label_after_each_time.md": dict(  # CST in December: UTC-6; gaps between items
        track="Workshop on Things 2023", chairs=(), notices=[],
        slots=[("2023-12-15T14:30Z", "2023-12-15T14:45Z", OP, "Opening remarks", ()),
               ("2023-12-15T15:00Z", "2023-12-15T15:45Z", T, "Deep Nets Are Shallow",
                ("Ann Lee",)),
               ("2023-12-15T16:00Z", "2023-12-15T16:30Z", B, "Coffee break", ()),
               ("2023-12-15T17:00Z", "2023-12-15T17:45Z", T, "Clocks Between Labels",
                ("Bo Chen",))]),
    "program_table_two_zones.html": dict(  # PDT = UTC-7; the CEST column is checked
        options=dict(year=2024), track="Workshop on Clocks", chairs=(),
        notices=["the CEST column says 19:15, which disagrees with 9:15 PDT"],
        slots=[("2024-07-26T15:00Z", "2024-07-26T15:30Z", OP, "Opening Remarks", ("Ann Lee",)),
               ("2024-07-26T15:30Z", "2024-07-26T16:15Z", T, "Keeping Time Across Zones",
                ("Bo Chen", "Cy Diaz")),
               ("2024-07-26T16:15Z", "2024-07-26T17:00Z", T, "A Row Whose Columns Disagree",
                ("Di Evans",))]),
    "program_contradicting_labels.md": dict(  # "All times are PST" wins over PDT: UTC-8
        track="Winter Workshop on Labels", chairs=(),
        notices=["PDT here contradicts the page's statement that times are PST (line 3)"],
        slots=[("2025-12-09T17:00Z", "2025-12-09T17:30Z", OP, "Opening Remarks", ()),
               ("2025-12-09T17:30Z", "2025-12-09T18:15Z", T, "Why Labels Lie", ("Ann Lee",)),
               ("2025-12-09T18:15Z", "2025-12-09T18:45Z", B, "Coffee break", ()),
               ("2025-12-09T18:45Z", "2025-12-09T19:30Z", T,
                "Clocks That Change Twice a Year", ("Bo Chen",))]),
    "program_weekdays_only.md": dict(  # the week starting Monday 16 June 2025, CEST = UTC+2
        options=dict(date=date(2025, 6, 16)), track="Summer School Timetable", chairs=(),
        notices=[],
        slots=[("2025-06-16T07:00Z", "2025-06-16T08:30Z", OP, "Introduction to Calendars",
                ("Ann Lee",)),
               ("2025-06-16T09:00Z", "2025-06-16T10:30Z", T, "Time Zones in Practice",
                ("Bo Chen",)),
               ("2025-06-17T07:00Z", "2025-06-17T08:30Z", T, "Recurring Events", ("Cy Diaz",))]),
    "program_start_only_twelve_hour.txt": dict(  # Europe/Berlin in June: UTC+2
        options=dict(date=date(2025, 6, 16), source_tz="Europe/Berlin"),
        track="", chairs=(),
        notices=["times carry no am/pm; read by their order through the day, so 1:30 is 13:30",
                 "items give only their start; each ends when the next begins",
                 "the last item of the day ('Closing') gives no end; given 60 minutes"],
        slots=[("2025-06-16T06:30Z", "2025-06-16T07:00Z", B, "Registration", ()),
               ("2025-06-16T07:00Z", "2025-06-16T07:15Z", OP, "Welcome and opening", ()),
               ("2025-06-16T07:15Z", "2025-06-16T08:30Z", Kind.KEYNOTE, "Keynote: Ann Lee",
                ("Ann Lee",)),
               ("2025-06-16T08:30Z", "2025-06-16T09:00Z", B, "Coffee", ()),
               ("2025-06-16T09:00Z", "2025-06-16T10:30Z", OR, "Contributed talks", ()),
               ("2025-06-16T10:30Z", "2025-06-16T11:30Z", B, "Lunch", ()),
               ("2025-06-16T11:30Z", "2025-06-16T13:00Z", Kind.PANEL, "Panel on clocks", ()),
               ("2025-06-16T13:00Z", "2025-06-16T14:00Z", OP, "Closing", ())]),
    "program_struck_and_linked_times.html": dict(  # CEST = UTC+2
        track="Workshop on Changes", chairs=(), notices=[],
        slots=[("2025-06-14T07:00Z", "2025-06-14T07:30Z", OP, "Opening Remarks", ()),
               ("2025-06-14T08:30Z", "2025-06-14T09:00Z", T, "Moved Talk on Scheduling",
                ("Ann Lee",)),
               ("2025-06-14T09:00Z", "2025-06-14T09:30Z", T, "Cancelled Talk About Nothing", ()),
               ("2025-06-14T11:00Z", "2025-06-14T11:45Z", T, "Templated Talk on Rendering",
                ())]),
}


def test_every_feature_page_has_an_expectation() -> None:
    assert sorted(p.name for p in PAGES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_feature_page_reads_exactly(name: str) -> None:
    want = EXPECTED[name]
    schedule = read(PAGES / name, **want.get("options", {}))
    got = [(t.start.strftime("%Y-%m-%dT%H:%MZ"), t.end.strftime("%Y-%m-%dT%H:%MZ"), t.kind,
            t.title, t.authors) for t in schedule.talks]
    assert got == want["slots"]
    assert {t.track for t in schedule.talks} == {want["track"]}
    assert {t.chairs for t in schedule.talks} == {want["chairs"]}
    assert all(t.start.utcoffset() is not None for t in schedule.talks)
    if "notices" in want:
        messages = [n.message for n in schedule.notices]
        assert len(messages) == len(want["notices"])
        for got_msg, expected in zip(messages, want["notices"], strict=True):
            assert got_msg.startswith(expected)
