"""A user's regular expression can never stall agenda: RE2 matches in linear time with bounded
memory, and a pattern it refuses is a one-line error (400 on the feed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agenda.errors import OptionError
from agenda.rules import Selection

from .feed_server import Server, running
from .helpers import make_talk

CATASTROPHIC = r"(\w+)*!"


def test_a_backtracking_pattern_over_a_long_word_returns_at_once() -> None:
    talk = make_talk(title="x" * 5000, abstract="y" * 40 + " " + "z" * 10_000)
    began = time.perf_counter()
    assert Selection(keywords=(CATASTROPHIC,), regex=True).select([talk]) == []  # type: ignore[list-item]
    assert time.perf_counter() - began < 5  # Python's re would not return in a lifetime


@pytest.mark.parametrize(("pattern", "message"), [
    ("(" * 1000, "--keyword: invalid regular expression '" + "(" * 60 + "...': "),
    (r"(a)\1", "--keyword: invalid regular expression '(a)\\\\1': invalid escape sequence "
               "(agenda's regular expressions are RE2: no backreferences or lookarounds)"),
    ("x" * 1001, "--keyword: the regular expression is over 1000 characters"),
    ("x(", "--keyword: invalid regular expression 'x(': missing ), unterminated subpattern at "
           "position 1"),
])
def test_patterns_re2_refuses_are_one_line_errors(pattern: str, message: str) -> None:
    with pytest.raises(OptionError) as err:
        Selection(keywords=(pattern,), regex=True)
    assert err.value.message.startswith(message) and "\n" not in err.value.message


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running(tmp_path) as srv:
        yield srv


def test_the_feed_keeps_answering_health_checks_during_a_hostile_regex(server: Server) -> None:
    page = server.folder / "002_ba662fb86504df7e.txt"
    page.write_text(page.read_text().replace("Subspaces", "Subspaces " + "w" * 40))
    server.app.live.refresh()
    replies: list[int] = []
    hostile = "/calendar.ics?regex=1&keyword=(%5Cw%2B)*!"
    threads = [threading.Thread(target=lambda: replies.append(server.get(hostile).status))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    slowest = 0.0
    for _ in range(10):
        began = time.perf_counter()
        assert server.get("/healthz").status == 200
        slowest = max(slowest, time.perf_counter() - began)
    for thread in threads:
        thread.join(10)
    assert replies == [200, 200]
    assert slowest < 0.1


@pytest.mark.parametrize("query", ["regex=1&keyword=" + "(" * 1000,
                                   "regex=1&keyword=a{4294967295}"])
def test_hostile_patterns_on_the_feed_are_400_or_served(server: Server, query: str) -> None:
    reply = server.get("/calendar.ics?" + query)
    assert reply.status in (200, 400)
    if reply.status == 400:
        assert reply.body.startswith(b"keyword: ") and reply.body.count(b"\n") == 1
