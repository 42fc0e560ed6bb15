"""Reading time grows linearly with a hostile line, whatever the line: no pattern that sees page
text backtracks super-linearly. Times are compared between sizes (see tests/adversarial.py),
never against a fixed number of seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.errors import AgendaError
from agenda.models import Kind

from .adversarial import FAMILIES, assert_linear, assert_ratio, growth, pages_with, read_all
from .helpers import read


def _pages(line: object) -> list[tuple[str, bytes]]:
    return list(pages_with(str(line)))


def _read(pages: object) -> None:
    read_all(pages)  # type: ignore[arg-type]


def test_an_abstract_of_forty_bracketed_references_reads_as_fast_as_twenty() -> None:
    # '[1] [2] ... [40] shows that' doubled the reading time with every bracket: 40 never ended.
    brackets = FAMILIES["brackets"]
    steps = growth(lambda n: _pages(brackets(n)), _read, start=5, stop=40)
    twenty, forty = dict(steps)[20], dict(steps)[40]
    assert forty <= 5 * max(twenty, 0.005)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_reader_reads_a_hostile_line_in_linear_time(family: str) -> None:
    make = FAMILIES[family]
    assert_linear(lambda n: _pages(make(n)), _read, start=8, stop=4096)


def test_a_markdown_heading_with_a_long_run_of_spaces_reads_in_linear_time() -> None:
    # '# a' + 20 KB of spaces + 'b' took 2.4 s, 80 KB 37 s (quadratic).
    def page(size: int) -> list[tuple[str, bytes]]:
        heading = "# a" + " " * size + "b"
        return [("spaces.md", ("## Track\n\n### Schedule\n\n"
                               "2020-12-10T18:00:00-08:00 - 2020-12-10T18:15:00-08:00\n\n"
                               f"##### 1 - Oral: A title\n\nAnn Author\n\n{heading}\n"
                               ).encode())] * 20

    small, large = page(20_000), page(80_000)
    assert_ratio(lambda: read_all(small), lambda: read_all(large), 10)


def test_a_markdown_page_of_many_slots_reads_in_linear_time() -> None:
    # Each slot's end was found by scanning every later slot line: quadratic in slots.
    def page(slots: int) -> list[tuple[str, bytes]]:
        body = "".join(f"2020-12-10T18:{i % 60:02d}:00-08:00 - 2020-12-10T18:{i % 60:02d}:00-08:00"
                       f"\n\n##### {i} - Oral: Talk {i}\n\nAnn Author\n\n" for i in range(slots))
        return [("many.md", f"## Track\n\n### Schedule\n\n{body}".encode())]

    small, large = page(1_000), page(8_000)
    assert_ratio(lambda: read_all(small), lambda: read_all(large), 20)


def test_bracketed_link_lines_are_still_site_noise_and_references_are_not(tmp_path: Path) -> None:
    path = tmp_path / "links.txt"
    path.write_text("Track\n\nTue 20 July 17:00 - 17:20 PDT\n\nA Title\n\nAnn Author\n\n"
                    "An abstract.\n\n[ Paper PDF ] [ ]\n\n[1] [2] [3] shows that\n",
                    encoding="utf-8")
    talk = read(path).talks[0]
    assert talk.title == "A Title"
    assert talk.abstract == "An abstract.\n\n[1] [2] [3] shows that"


@pytest.mark.parametrize(("heading", "kind", "title", "number"), [
    ("##### 3 - Oral: A Title", Kind.ORAL, "A Title", 3),
    ("##### Oral   :  A Title ##", Kind.ORAL, "A Title", None),
    ("##### Lessons: what we learned", Kind.PAPER, "Lessons: what we learned", None),
    ("##### 12. Spotlight: Deep #hashtags", Kind.SPOTLIGHT, "Deep #hashtags", 12),
    ("#####\tPoster: A Title", Kind.POSTER, "A Title", None),
])
def test_talk_headings_read_as_before(tmp_path: Path, heading: str, kind: Kind, title: str,
                                      number: int | None) -> None:
    path = tmp_path / "one.md"
    path.write_text("## Track\n\n### Schedule\n\n"
                    "2020-12-10T18:00:00-08:00 - 2020-12-10T18:15:00-08:00\n\n"
                    f"{heading}\n\nAnn Author\n\nAn abstract.\n", encoding="utf-8")
    talk = read(path).talks[0]
    assert (talk.kind, talk.title, talk.number) == (kind, title, number)


@pytest.mark.parametrize("slot", ["\u017fat 12 Dec. 2020 6:00 - 6:15 PST",  # long s
                                  "Fr\u0131 11 Dec. 2020 6:00 - 6:15 PST",  # dotless i
                                  "Fri 11 \u017fep. 2020 6:00 - 6:15 PST",
                                  "Fri 11 Dec. 2020 \u0666:00 - 6:15 PST"])  # Arabic-Indic 6
def test_unicode_lookalikes_do_not_make_a_slot_line(tmp_path: Path, slot: str) -> None:
    # Unicode case folding matched 'ſat' as 'sat' and 'Frı' as 'fri': names no table has
    # (a KeyError traceback).
    path = tmp_path / "lookalike.txt"
    path.write_text(f"Track\n\n{slot}\n\nA Title\n\nAnn Author · Bo Builder\n", encoding="utf-8")
    # the lookalike is no date: the general reader finds a time but no day, or nothing at all
    with pytest.raises(AgendaError, match="no known schedule layout|no program found|names no day"):
        read(path)
