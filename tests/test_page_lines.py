"""A page's lines are split from its text only when a layout reads lines: markup (XML, JSON,
HTML) is read whole by real parsers, and a large published file should not pay for a million
lines it never uses. Whenever they are made, they are the same lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.readers.page import decode

TEXT = st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\t", "é", "<", "{"]),
               max_size=40)


def test_a_markup_page_is_not_split_into_lines_until_a_layout_asks() -> None:
    page = decode("s.xml", b"<schedule>\n  <title> A </title>\n\n</schedule>\n")
    assert page.stripped is None
    assert page.lines == ("<schedule>", "<title> A </title>", "", "</schedule>", "")
    assert page.stripped is page.lines  # split once
    assert page.nonblank() == [(1, "<schedule>"), (2, "<title> A </title>"), (4, "</schedule>")]


def test_a_text_page_is_split_when_decoded_to_check_its_line_budget() -> None:
    page = decode("p.txt", b"09:00 - 09:30 Opening\n  Keynote  \n")
    assert page.stripped == ("09:00 - 09:30 Opening", "Keynote", "")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["x", "<", "{"]), TEXT, st.integers(min_value=0, max_value=12))
def test_the_first_lines_of_a_page_are_its_lines_head_whether_or_not_split(
        first: str, rest: str, count: int) -> None:
    data = (first + rest).encode()
    untouched, split = decode("p", data), decode("p", data)
    expected = tuple(line.strip() for line in split.text.split("\n"))
    assert untouched.first_lines(count) == expected[:count]
    assert split.lines == expected
    assert split.first_lines(count) == expected[:count]
