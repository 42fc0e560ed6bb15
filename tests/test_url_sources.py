"""Schedules read from URLs: fetched politely, cached on disk, revalidated with the server's
validators, used from the cache when the server is away, and every failure one line naming the
URL. A real HTTP server on a loopback port stands in for the conference's site; nothing here
reaches past 127.0.0.1."""

from __future__ import annotations

import gzip
import os
import shlex
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agenda import __version__, reading, remote
from agenda.cli import cli
from agenda.feed.state import LiveSchedule, default_interval
from agenda.pipeline import ReadOptions, load
from agenda.sources import expand, split_sources

from .conftest import ROOT, SEEDS, TODAY
from .feed_server import running
from .test_feed import eventually
from .upstream import Resource, Upstream, serving

TRACK_18 = (SEEDS / "000_bc3a9835493b4eaa.txt").read_bytes()  # NeurIPS 2020, Track 18
TRACK_28 = (SEEDS / "001_5935d07d5e2db98a.txt").read_bytes()
FIRST_TITLE = "Ultra-Low Precision 4-bit Training of Deep Neural Networks"
# The seed's first talk is on Wed 9 Dec 6:00-6:15 PST; with today 2026-11-23 the year is 2026,
# so it starts at 14:00 UTC (PST is UTC-8).
FIRST_START_UTC = "2026-12-09T14:00:00Z"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own cache folder; the user's real one is never touched."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("AGENDA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    with serving({"/track18.txt": Resource(TRACK_18)}) as server:
        yield server


def agenda(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--today", TODAY.isoformat()], prog_name="agenda")


def listed(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def the_list_of_the_file() -> list[str]:
    return listed(agenda("list", str(SEEDS / "000_bc3a9835493b4eaa.txt")))


def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each page agenda parses (reading.read_page is the one entry to the readers)."""
    parsed: list[str] = []
    real = reading.read_page

    def counting(page: Any) -> Any:
        parsed.append(page.path)
        return real(page)

    monkeypatch.setattr(reading, "read_page", counting)
    return parsed


# -- fetching and the cache ------------------------------------------------------------------

def test_a_url_reads_like_the_file_it_serves(upstream: Upstream) -> None:
    result = agenda("list", upstream.at("/track18.txt"))
    assert listed(result) == the_list_of_the_file()
    assert FIRST_TITLE in result.stdout
    (first,) = upstream.seen
    assert first.headers["user-agent"].startswith(f"agenda/{__version__} ")
    assert "if-none-match" not in first.headers and "if-modified-since" not in first.headers


def test_talks_from_a_url_name_it_as_their_source_and_keep_exact_times(
        upstream: Upstream) -> None:
    url = upstream.at("/track18.txt")
    result = agenda("list", url, "--json")
    assert result.exit_code == 0
    assert f'"start": "{FIRST_START_UTC}"' in result.stdout
    schedule = load(ReadOptions(sources=(url,), today=TODAY))
    assert {t.source for t in schedule.talks} == {url}
    assert schedule.talks[0].start.isoformat() == FIRST_START_UTC.replace("Z", "+00:00")


def test_the_second_run_revalidates_and_the_body_is_not_sent_again(upstream: Upstream) -> None:
    first = listed(agenda("list", upstream.at("/track18.txt")))
    second = listed(agenda("list", upstream.at("/track18.txt")))
    assert second == first
    one, two = upstream.requests_for("/track18.txt")
    assert one.status == 200
    assert two.headers["if-none-match"] == '"v1"'
    assert two.headers["if-modified-since"] == "Wed, 01 Jan 2025 00:00:00 GMT"
    assert two.status == 304


def test_last_modified_alone_is_enough_to_revalidate() -> None:
    """A plain file server sends no ETag: the cache still keeps the answer and asks with
    If-Modified-Since only (an If-None-Match it made up would make the server send it all)."""
    with serving({"/s.txt": Resource(TRACK_18, etag=None)}) as server:
        first = listed(agenda("list", server.at("/s.txt")))
        assert listed(agenda("list", server.at("/s.txt"))) == first
        _, again = server.seen
    assert again.headers["if-modified-since"] == "Wed, 01 Jan 2025 00:00:00 GMT"
    assert "if-none-match" not in again.headers
    assert again.status == 304


def test_an_answer_the_server_calls_fresh_is_reused_without_asking() -> None:
    fresh = Resource(TRACK_18, extra={"Cache-Control": "max-age=3600",
                                      "Date": time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                                            time.gmtime())})
    with serving({"/s.txt": fresh}) as server:
        first = listed(agenda("list", server.at("/s.txt")))
        assert listed(agenda("list", server.at("/s.txt"))) == first
        assert len(server.seen) == 1


def test_an_upstream_change_is_picked_up(upstream: Upstream) -> None:
    before = agenda("list", upstream.at("/track18.txt")).stdout
    upstream.resources["/track18.txt"] = Resource(
        TRACK_18.replace(FIRST_TITLE.encode(), b"Ultra-Low Precision Training, Revised"),
        etag='"v2"', last_modified="Thu, 02 Jan 2025 00:00:00 GMT")
    after = agenda("list", upstream.at("/track18.txt")).stdout
    assert FIRST_TITLE in before and FIRST_TITLE not in after
    assert "Ultra-Low Precision Training, Revised" in after
    assert [s.status for s in upstream.seen] == [200, 200]
    assert upstream.seen[1].headers["if-none-match"] == '"v1"'


def age_the_cache(folder: Path, seconds: float) -> None:
    """Pretend every cached answer was stored `seconds` ago."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


def test_offline_the_cached_copy_is_used_with_its_age(upstream: Upstream, cache: Path) -> None:
    """The answer varies on Accept-Encoding, as gzipping servers' do: the cached copy still
    matches the request agenda would have sent."""
    upstream.resources["/track18.txt"].extra["Vary"] = "Accept-Encoding"
    url = upstream.at("/track18.txt")
    online = listed(agenda("list", url))
    age_the_cache(cache, 3 * 3600 + 5)
    upstream.stop()
    result = agenda("list", url)
    assert listed(result) == online
    port = url.split(":")[2].split("/")[0]
    assert result.stderr.splitlines()[0] == (
        f"warning: {url}: cannot connect to 127.0.0.1:{port}: connection refused; "
        "using the copy cached 3 hours ago")


def test_a_failing_server_falls_back_to_the_cached_copy(upstream: Upstream, cache: Path) -> None:
    url = upstream.at("/track18.txt")
    online = listed(agenda("list", url))
    age_the_cache(cache, 2 * 86400 + 60)
    upstream.resources["/track18.txt"] = Resource(status=500)
    result = agenda("list", url)
    assert listed(result) == online
    assert result.stderr.splitlines()[0] == (
        f"warning: {url}: the server answered 500 Internal Server Error; "
        "using the copy cached 2 days ago")


def test_a_redirect_is_followed() -> None:
    with serving({"/old.txt": Resource(location="/new.txt"),
                  "/new.txt": Resource(TRACK_18)}) as server:
        assert listed(agenda("list", server.at("/old.txt"))) == the_list_of_the_file()


def test_text_in_another_charset_is_read_as_that_charset() -> None:
    latin = Resource(TRACK_18.decode("utf-8").encode("latin-1"),
                     content_type="text/plain; charset=ISO-8859-1")
    assert b"Hvilsh\xf8j" in latin.body  # not UTF-8: read as UTF-8 it would be refused
    with serving({"/latin.txt": latin}) as server:
        assert listed(agenda("list", server.at("/latin.txt"))) == the_list_of_the_file()


# -- failures: one line naming the URL -------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def error_line(result: Result) -> str:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    return line


def test_not_found() -> None:
    with serving({}) as server:
        url = server.at("/gone.xml")
        assert error_line(agenda("list", url)) == \
            f"error: {url}: the server answered 404 Not Found"


def test_server_error_without_a_cached_copy() -> None:
    with serving({"/s.xml": Resource(status=500)}) as server:
        url = server.at("/s.xml")
        assert error_line(agenda("export", url, "-f", "ics", "-o", "-")) == \
            f"error: {url}: the server answered 500 Internal Server Error"


def test_connection_refused() -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/schedule.xml"
    assert error_line(agenda("list", url)) == \
        f"error: {url}: cannot connect to 127.0.0.1:{port}: connection refused"


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookup fails here, so no query ever leaves the machine."""

    def no_such_host(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    url = "https://schedule.conference.invalid/schedule.xml"
    assert error_line(agenda("list", url)) == \
        f"error: {url}: cannot find the host schedule.conference.invalid (DNS lookup failed)"


def test_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "TIMEOUT", 0.3)
    with serving({"/slow.xml": Resource(TRACK_18, delay=2.0)}) as server:
        url = server.at("/slow.xml")
        started = time.monotonic()
        line = error_line(agenda("list", url))
        took = time.monotonic() - started
    assert line == f"error: {url}: the server sent nothing for 0.3 s (timed out)"
    assert took < 1.5


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_a_trickling_answer_is_cut_at_the_deadline(monkeypatch: pytest.MonkeyPatch,
                                                   declared: bool, cache: Path) -> None:
    """Each piece comes well within the timeout, but the whole would take 4 s."""
    monkeypatch.setattr(remote, "TIMEOUT", 0.3)
    monkeypatch.setattr(remote, "DEADLINE", 0.6)
    slow = Resource(TRACK_18[:4000], trickle=0.1, declare_length=declared)
    with serving({"/slow.txt": slow}) as server:
        url = server.at("/slow.txt")
        started = time.monotonic()
        line = error_line(agenda("list", url))
        took = time.monotonic() - started
    assert line == f"error: {url}: the answer took longer than 0.6 s to arrive"
    assert took < 2
    assert not [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".lock"]


def test_a_redirect_to_another_scheme_is_refused() -> None:
    with serving({"/away": Resource(location="ftp://127.0.0.1/schedule.xml")}) as server:
        url = server.at("/away")
        assert error_line(agenda("list", url)) == \
            f"error: {url}: redirected to a URL that is not http or https"


def test_redirect_loop() -> None:
    with serving({"/loop": Resource(location="/loop")}) as server:
        url = server.at("/loop")
        assert error_line(agenda("list", url)) == \
            f"error: {url}: redirected more than 5 times (a redirect loop?)"
        assert len(server.seen) == 6


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_too_large_a_body_is_refused_while_it_streams(monkeypatch: pytest.MonkeyPatch,
                                                      declared: bool, cache: Path) -> None:
    monkeypatch.setattr(remote, "MAX_BYTES", 1000)
    with serving({"/big.txt": Resource(TRACK_18, declare_length=declared)}) as server:
        url = server.at("/big.txt")
        assert error_line(agenda("list", url)) == (
            f"error: {url}: the answer is larger than 1,000 bytes, agenda's limit for a URL; "
            "download it and read the file instead")
    assert not [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".lock"]


def test_a_body_that_is_not_a_schedule() -> None:
    with serving({"/index.html": Resource(b"<html><body>Welcome!</body></html>\n",
                                          content_type="text/html")}) as server:
        url = server.at("/index.html")
        assert error_line(agenda("list", url)) == (
            f"error: {url}: no schedule found: no times at all; agenda reads pages whose items "
            "have times (a table with a time column, or lines like '09:00 - 09:30 Opening')")


@pytest.mark.parametrize("url", ["ftp://example.org/schedule.xml", "file:///etc/passwd"])
def test_only_http_and_https(url: str) -> None:
    scheme = url.split(":")[0]
    assert error_line(agenda("list", url)) == \
        f"error: {url}: only http:// and https:// URLs can be read, not {scheme}://"


def test_keep_going_skips_a_url_that_fails(upstream: Upstream) -> None:
    missing = upstream.at("/missing.txt")
    result = agenda("list", "--keep-going", missing, upstream.at("/track18.txt"))
    assert listed(result) == the_list_of_the_file()
    assert f"warning: {missing}: skipped: the server answered 404 Not Found" in \
        result.stderr.splitlines()


def test_urls_and_files_are_sources_side_by_side(upstream: Upstream) -> None:
    url = upstream.at("/track18.txt")
    other = str(SEEDS / "001_5935d07d5e2db98a.txt")
    assert expand([url, other, url]) == [url, other]


# -- the feed follows the conference's own changes -------------------------------------------

def test_serve_follows_an_upstream_change_with_conditional_requests(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = parse_counter(monkeypatch)
    with serving({"/track28.txt": Resource(TRACK_28)}) as upstream, \
            running(tmp_path, interval=0.05, sources=(upstream.at("/track28.txt"),)) as feed:
        assert feed.get("/healthz").body.endswith(b"version 1\n")
        assert len(parsed) == 1
        eventually(lambda: len(upstream.seen) >= 5, "the feed never checked the URL again")
        checks = upstream.seen[1:]
        assert all(s.headers.get("if-none-match") == '"v1"' and s.status == 304
                   for s in checks)
        assert len(parsed) == 1  # nothing re-parsed while the URL is unchanged
        assert feed.get("/healthz").body.endswith(b"version 1\n")

        title = next(t.title for t in feed.app.live.current().schedule.talks if t.is_talk)
        upstream.resources["/track28.txt"] = Resource(
            TRACK_28.replace(title.encode(), b"A Talk the Conference Renamed"), etag='"v2"')
        eventually(lambda: feed.get("/healthz").body.endswith(b"version 2\n"),
                   "the upstream change never reached the feed")
        assert b"SUMMARY:[Oral] A Talk the Conference Renamed" in feed.get("/calendar.ics").body
        assert len(parsed) == 2
        # the change cost one full answer, not two: the reading used what the check fetched
        assert [s.status for s in upstream.seen].count(200) == 2


def test_serve_keeps_serving_when_the_url_goes_away(tmp_path: Path) -> None:
    with serving({"/track28.txt": Resource(TRACK_28)}) as upstream:
        url = upstream.at("/track28.txt")
        live = LiveSchedule(ReadOptions(sources=(url,), today=TODAY), interval=3600)
        upstream.stop()
        loaded = live.refresh()
        live.close()
    assert loaded.version == 1 and len(loaded.schedule.talks) > 0
    assert live.fetcher.latest[url].notice is not None


def test_the_age_reads_like_a_person_would_say_it() -> None:
    assert [remote._age(s) for s in (0, 1, 59, 60, 3599, 3 * 3600 + 5, 47 * 3600,
                                     2 * 86400, 400 * 86400)] == [
        "0 seconds", "1 second", "59 seconds", "1 minute", "59 minutes", "3 hours",
        "47 hours", "2 days", "400 days"]


def test_the_cache_folder_is_the_users_unless_told(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("AGENDA_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert remote.cache_folder() == tmp_path / "elsewhere"
    monkeypatch.delenv("AGENDA_CACHE_DIR")
    from platformdirs import user_cache_dir

    assert remote.cache_folder() == Path(user_cache_dir("agenda")) / "http"


def test_a_wsgi_deployment_names_urls_among_its_sources() -> None:
    listed = "seeds:https://example.org/s.xml:http://127.0.0.1:8000/a/b.ics:x"
    assert split_sources(listed, ":") == [
        "seeds", "https://example.org/s.xml", "http://127.0.0.1:8000/a/b.ics", "x"]
    assert split_sources("seeds;https://example.org:8443/s.xml", ";") == [
        "seeds", "https://example.org:8443/s.xml"]


# -- docs/sources.md's examples are true -----------------------------------------------------

DOC_HOST = "https://conference.example.org"


def doc_examples() -> list[list[tuple[str, str]]]:
    """The console blocks of docs/sources.md, each a list of (command, expected output)."""
    from .test_readme import BLOCK, _commands

    text = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    return [_commands(m.group(2)) for m in BLOCK.finditer(text)]


def test_the_url_guide_examples_are_true(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first block runs with the server up, the second with it gone and the cache three
    hours old."""
    online, offline = doc_examples()
    with serving({"/track18.txt": Resource(TRACK_18)}) as server:
        netloc = server.url.removeprefix("http://")

        def run(command: str) -> str:
            args = shlex.split(command.replace(DOC_HOST, server.url))
            result = CliRunner().invoke(cli, args[1:], prog_name="agenda",
                                        env={"AGENDA_TODAY": TODAY.isoformat()})
            return result.output.replace(server.url, DOC_HOST).replace(netloc, DOC_HOST[8:])

        for command, expected in online:
            assert run(command) == expected
        age_the_cache(cache, 3 * 3600 + 5)
        server.stop()
        for command, expected in offline:
            assert run(command) == expected


def test_an_unusable_cache_folder_costs_the_cache_not_the_run(
        upstream: Upstream, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("AGENDA_CACHE_DIR", str(blocker / "cache"))
    url = upstream.at("/track18.txt")
    assert listed(agenda("list", url)) == the_list_of_the_file()
    assert listed(agenda("list", url)) == the_list_of_the_file()
    assert [s.status for s in upstream.seen] == [200, 200]  # nothing cached, nothing broken


def test_a_gzipped_answer_is_read_and_its_size_counted_unpacked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    packed = Resource(gzip.compress(TRACK_18), extra={"Content-Encoding": "gzip"})
    bomb = Resource(gzip.compress(b"\n" * 5_000_000), extra={"Content-Encoding": "gzip"})
    assert len(bomb.body) < 10_000
    monkeypatch.setattr(remote, "MAX_BYTES", 1_000_000)
    with serving({"/s.txt": packed, "/bomb.txt": bomb}) as server:
        assert listed(agenda("list", server.at("/s.txt"))) == the_list_of_the_file()
        url = server.at("/bomb.txt")
        assert error_line(agenda("list", url)) == (
            f"error: {url}: the answer is larger than 1 MB, agenda's limit for a URL; "
            "download it and read the file instead")


def test_serve_checks_urls_less_often_than_files() -> None:
    assert default_interval(("seeds",)) == 2.0
    assert default_interval(("seeds", "https://conference.example.org/schedule.xml")) == 60.0
