"""The page counts and lists exactly what the feed URL it offers serves, for every query."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from agenda.feed.app import FeedApp
from agenda.feed.state import LiveSchedule
from agenda.pipeline import ReadOptions

from .conftest import SEEDS


@lru_cache(maxsize=1)
def app() -> FeedApp:
    return FeedApp(LiveSchedule(ReadOptions(sources=(str(SEEDS),), today=date(2026, 11, 23)),
                                3600.0))


def get(path: str, query: str) -> tuple[str, bytes]:
    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": path,
                               "QUERY_STRING": query, "HTTP_HOST": "example.org"}
    response = app().handle(environ)
    return response.status, response.body


WORDS = ["neural", "deep", "Ba", "Dokmanic", "learning", "normaliz*", "Track 34", "break",
         "networks", "the", "Deep Learning 2"]
PAIRS = st.one_of(
    st.tuples(st.sampled_from(["keyword", "author", "track", "exclude-keyword",
                               "exclude-author", "exclude-track"]), st.sampled_from(WORDS)),
    st.tuples(st.just("kind"), st.sampled_from(["oral", "spotlight", "paper", "break", "q&a",
                                                "empty", "poster"])),
    st.tuples(st.just("day"), st.sampled_from(["2020-12-09", "2020-12-10", "2021-07-20"])),
    st.tuples(st.just("between"), st.sampled_from(["06:00-09:00", "00:00-24:00",
                                                   "17:00-18:00"])),
    st.tuples(st.just("tz"), st.sampled_from(["Europe/Berlin", "UTC", "Asia/Tokyo"])),
    st.tuples(st.just("all"), st.sampled_from(["1", "0"])),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PAIRS, min_size=1, max_size=4, unique_by=lambda p: p[0]
                if p[0] in ("tz", "all") else p))
def test_page_count_is_the_number_of_events_its_url_serves(pairs: list[tuple[str, str]]
                                                           ) -> None:
    query = urlencode(pairs)
    status, page = get("/", query)
    assert status == "200 OK"
    counted = re.search(rb"Your feed: (\d+) talks?</h2>", page)
    assert counted is not None
    url = re.search(rb'id="feed-url" value="[^"]*/calendar\.ics([^"]*)"', page)
    assert url is not None
    served_query = url.group(1).decode().replace("&amp;", "&").lstrip("?")
    status, calendar = get("/calendar.ics", served_query)
    assert status == "200 OK"
    assert calendar.count(b"BEGIN:VEVENT") == int(counted.group(1))


def test_breaks_with_all_are_counted_as_served() -> None:
    _, page = get("/", "kind=break&all=1")
    _, calendar = get("/calendar.ics", "kind=break&all=1")
    assert calendar.count(b"BEGIN:VEVENT") == 3
    assert b"Your feed: 3 talks</h2>" in page


def test_the_author_field_takes_several_names() -> None:
    _, page = get("/", "author=Jimmy+Ba%3B+Dokmanic")
    assert b"calendar.ics?author=Jimmy+Ba&amp;author=Dokmanic" in page
    _, calendar = get("/calendar.ics", "author=Jimmy+Ba&author=Dokmanic")
    counted = re.search(rb"Your feed: (\d+) talks?</h2>", page)
    assert counted is not None and int(counted.group(1)) == calendar.count(b"BEGIN:VEVENT") == 2


def test_the_page_offers_every_csv_style() -> None:
    _, page = get("/", "kind=oral")
    for style in (b"", b"&amp;csv-style=google", b"&amp;csv-style=outlook"):
        assert b'/calendar.csv?kind=oral' + style + b'"' in page


def test_loopback_links_are_flagged() -> None:
    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": "/",
                               "QUERY_STRING": "kind=oral", "HTTP_HOST": "127.0.0.1:8000"}
    page = app().handle(environ).body
    assert b"a phone or Google Calendar cannot reach them" in page
    assert b"cannot reach" not in get("/", "kind=oral")[1]


INTEREST_PAIRS = st.one_of(
    st.tuples(st.sampled_from(["keyword", "author", "track"]), st.sampled_from(WORDS)),
    st.tuples(st.just("kind"), st.sampled_from(["oral", "spotlight", "paper", "poster"])),
    st.tuples(st.just("priority"), st.sampled_from(["must", "maybe"])),
)
OTHER_PAIRS = st.one_of(
    st.tuples(st.sampled_from(["exclude-keyword", "exclude-author"]), st.sampled_from(WORDS)),
    st.tuples(st.just("plan"), st.just("1")),
    st.tuples(st.just("alternatives"), st.just("1")),
    st.tuples(st.just("room-change"), st.sampled_from(["5m", "10m"])),
    st.tuples(st.just("tz"), st.sampled_from(["Europe/Berlin", "UTC"])),
    st.tuples(st.just("conference"), st.sampled_from(["NeurIPS 2020", "ICML"])),
)


def _uids() -> list[str]:
    return sorted(t.uid for t in app().live.current().schedule.talks if t.is_talk)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(INTEREST_PAIRS, max_size=3, unique_by=lambda p: p[0]), min_size=1,
                max_size=3),
       st.lists(OTHER_PAIRS, max_size=3, unique_by=lambda p: p[0]),
       st.lists(st.tuples(st.sampled_from(["pick", "hide"]), st.integers(0, 30)), max_size=4))
def test_page_count_is_what_its_url_serves_with_interests_picks_and_plans(
        rows: list[list[tuple[str, str]]], others: list[tuple[str, str]],
        ticks: list[tuple[str, int]]) -> None:
    uids = _uids()
    pairs: list[tuple[str, str]] = []
    for number, row in enumerate(rows):
        pairs += ([("or", "")] if number else []) + row
    pairs += others + [(key, uids[i % len(uids)]) for key, i in ticks]
    assume(any(key != "or" for key, _ in pairs))
    status, page = get("/", urlencode(pairs))
    assert status == "200 OK"
    counted = re.search(rb"Your feed: (\d+) talks?</h2>", page)
    url = re.search(rb'id="feed-url" value="[^"]*/calendar\.ics([^"]*)"', page)
    assert counted is not None and url is not None
    served = url.group(1).decode().replace("&amp;", "&").lstrip("?")
    status, calendar = get("/calendar.ics", served)
    assert status == "200 OK"
    assert calendar.count(b"BEGIN:VEVENT") == int(counted.group(1))
    listed = len(re.findall(rb'type="checkbox" name="pick"', page))
    assert listed == min(int(counted.group(1)), 300)


def test_only_the_ticked_talks_makes_a_feed_of_exactly_them() -> None:
    uids = _uids()[:3]
    query = urlencode([("keyword", "neural"), ("tz", "UTC")] + [("pick", u) for u in uids]
                      + [("keep", "ticked")])
    _, page = get("/", query)
    url = re.search(rb'id="feed-url" value="[^"]*/calendar\.ics\?([^"]*)"', page)
    assert url is not None
    served = url.group(1).decode().replace("&amp;", "&")
    assert "keyword" not in served and "tz=UTC" in served
    _, calendar = get("/calendar.ics", served)
    assert sorted(re.findall(rb"UID:(\S+)", calendar)) == sorted(u.encode() for u in uids)
