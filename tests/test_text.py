"""Text cleaning: the fast path for clean text gives what the full cleaning gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.text import multi_line, one_line

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff\ufff9-\ufffb]")
_SPACE = re.compile(r"[ \t]+")


def slow_multi(text: str) -> str:
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()


def slow_one(text: str) -> str:
    return _SPACE.sub(" ", _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("\t", " ")).strip()


ALPHABET = st.sampled_from(list("ab ć\n\r\t\x00\x1b\u2028\u2029\x85\ufeff\x0b"
                                "\xa0\xad\u2000\ufff9\x1f"))


@settings(deadline=None)
@given(st.text(ALPHABET, max_size=30))
def test_fast_paths_agree_with_the_full_cleaning(text: str) -> None:
    assert multi_line(text) == slow_multi(text)
    assert one_line(text) == slow_one(text)


def test_examples() -> None:
    assert one_line("Title\r\nBEGIN:VEVENT\x00") == "Title BEGIN:VEVENT"
    assert multi_line("para one\n\npara\u2028two  ") == "para one\n\npara\ntwo"
