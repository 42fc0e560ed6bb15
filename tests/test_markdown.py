"""The Markdown agenda: days in the reader's zone, conflicts flagged, valid CommonMark."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from markdown_it import MarkdownIt

from agenda.markdown import escape, write_markdown
from agenda.models import Kind

from .conftest import ROOT
from .helpers import make_talk, read


def test_seed_agenda_matches_golden(golden: Callable[[str, bytes], None],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    talks = [t for t in read("seeds").talks if t.is_talk]
    golden("seeds.md", write_markdown(talks, "America/Los_Angeles", "NeurIPS 2020 + ICML 2021"))


def test_days_are_those_of_the_reader_s_zone() -> None:
    talks = [t for t in read(ROOT / "seeds").talks if t.is_talk and "Track 34" in t.track]
    la = write_markdown(talks, "America/Los_Angeles", "x").decode()
    berlin = write_markdown(talks, "Europe/Berlin", "x").decode()
    assert "## Thursday, 10 December 2020" in la and "- **18:00–18:15** Is normalization" in la
    assert "## Friday, 11 December 2020" in berlin and "10 December" not in berlin
    assert "- **03:00–03:15** Is normalization" in berlin
    assert berlin.splitlines()[2] == "Times are in Europe/Berlin (CET). 11 talks."


def test_overlapping_talks_from_different_tracks_are_flagged() -> None:
    a = make_talk("Talk A", start="2020-12-10T14:00Z", minutes=30, track="Track 1")
    b = make_talk("Talk B", start="2020-12-10T14:15Z", minutes=30, track="Track 2")
    c = make_talk("Talk C", start="2020-12-10T14:45Z", minutes=10, track="Track 2")
    text = write_markdown([a, b, c], "UTC", "x").decode()
    assert "2 in conflict (marked ⚠)" in text
    assert "  ⚠ conflicts with **14:15–14:45** Talk B (Track 2)" in text
    assert "  ⚠ conflicts with **14:00–14:30** Talk A (Track 1)" in text
    assert "Talk C (Track" not in text  # C touches B's end but does not overlap


def test_breaks_are_shown_as_slots_not_talks() -> None:
    slots = [t for t in read(ROOT / "seeds").talks if "Track 28" in t.track]
    text = write_markdown(slots, "America/Los_Angeles", "x").decode()
    assert "- **06:45–07:00** *Break*" in text
    assert "- **07:40–07:50** Joint Q\\&A for Preceeding Spotlights *(Q&amp;A)*" not in text
    assert "- **07:40–07:50** Joint Q&A for Preceeding Spotlights *(Q&amp;A)*" in text
    assert sum(1 for t in slots if t.kind is Kind.BREAK) == 2


@pytest.mark.parametrize("title", ["$L_2$ regularization", "a | b | c", "*not emphasis*",
                                   "<script>alert(1)</script>", "`code` and ``more``",
                                   "[link](http://x)", "# not a heading", "1. not a list",
                                   "- not a list", "__init__ & &amp; entity", "back\\slash"])
def test_titles_render_as_the_same_plain_text(title: str) -> None:
    """CommonMark renders an escaped title back to exactly its text, with no markup."""
    html = MarkdownIt("commonmark").renderInline(escape(title))
    unescaped = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
        .replace("&amp;", "&")
    assert unescaped == title
    for tag in ("<em>", "<strong>", "<code>", "<a ", "<script>"):
        assert tag not in html


def test_a_title_with_markup_does_not_break_the_document() -> None:
    talk = make_talk("A | title with *stars* and $L_2$")
    html = MarkdownIt("commonmark").render(write_markdown([talk], "UTC", "x|y").decode())
    assert "<em>" not in html and "<table" not in html
    assert "A | title with *stars* and $L_2$" in html


def test_empty_selection_is_a_valid_document() -> None:
    assert write_markdown([], "UTC", "Mine").decode() == (
        "# Mine\n\nTimes are in UTC. 0 talks.\n\nNo talks were selected.\n")


def test_many_conflicts_are_counted_and_the_first_few_named() -> None:
    talks = [make_talk(f"Parallel {i}", start="2020-12-10T14:00Z", minutes=30, track=f"T{i}")
             for i in range(10)]
    text = write_markdown(sorted(talks, key=lambda t: t.uid), "UTC", "x").decode()
    assert "10 in conflict (marked ⚠)" in text
    assert text.count("  ⚠ and 6 more") == 10
    assert text.count("  ⚠ conflicts with") == 30


def test_a_talk_crossing_midnight_in_the_reader_s_zone() -> None:
    talk = make_talk("Late Talk", start="2020-12-10T22:50Z", minutes=30)  # 23:50-00:20 in Berlin
    text = write_markdown([talk], "Europe/Berlin", "x").decode()
    assert "## Thursday, 10 December 2020" in text
    assert "- **23:50–Fri 00:20** Late Talk  " in text
