"""Bidirectional and other invisible formatting controls never reach a reader of agenda's
output: removed from pages as they are read, and from titles, names and tracks by every writer
and the terminal listing (for talks from any source)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from agenda import listing
from agenda.formats import NAMES
from agenda.pipeline import ExportOptions, render

from .helpers import make_talk, page, read

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _hidden(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if c in BIDI]


def test_a_page_s_bidirectional_controls_are_removed_as_it_is_read(tmp_path: Path) -> None:
    path = page(tmp_path, "p.txt",
                "Track \u2067One\u2069\n\nWed 9 Dec. 2020 6:00 - 6:15 PST\n\n"
                "A \u202eTitle\u202c Read\u200f Plainly\n\nAnn\u200e Author · Bo \u061cBuilder\n\n"
                "An \u202aabstract\u202c.\n")
    [talk] = read(path).talks
    assert talk.title == "A Title Read Plainly"
    assert talk.authors == ("Ann Author", "Bo Builder")
    assert talk.track == "Track One"
    assert talk.abstract == "An abstract."


def _talk() -> object:
    return make_talk(title="Sneaky \u202eeltit\u202c title", authors=("Ann \u2066Author\u2069",
                                                                  "\u200fBo Builder\u200e"),
                     track="Track \u202d1\u202c", chairs=("Chair\u061c",),
                     abstract="An \u202babstract\u202c.\n\nSecond \u2068paragraph\u2069.")


@pytest.mark.parametrize("fmt", [n for n in NAMES if n != "pdf"])  # PDF: its text is the HTML's
def test_every_writer_removes_bidirectional_controls(fmt: str) -> None:
    talk = _talk()
    data = render(fmt, [talk], ExportOptions(), datetime(2020, 1, 1, tzinfo=UTC),  # type: ignore[list-item]
                  "America/Los_Angeles").decode("utf-8")
    assert "Sneaky eltit title" in data
    assert _hidden(data) == []


def test_the_terminal_listing_and_json_remove_bidirectional_controls() -> None:
    talk = _talk()
    lines = [*listing.text_lines([talk]), listing.as_json([talk])]  # type: ignore[list-item]
    assert "Sneaky eltit title" in lines[0] and "Ann Author" in lines[0]
    assert _hidden("".join(lines)) == []
