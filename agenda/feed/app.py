"""The feed as a standard WSGI application: any WSGI server can run it (see server.py).

    GET /calendar.ics?author=Ba&tz=Europe/Berlin   a selection, by the CLI's own rule code
    GET /calendar.csv, /agenda.md                  the same, as CSV and Markdown
    GET /agenda.html, /agenda.pdf                  the same, printable (PDF with agenda[pdf])
    GET /feeds/<name>.ics|.csv|.md                 a saved profile from --profile-dir
    GET /changes.atom?author=Ba, /feeds/<name>.atom  an Atom feed of the selection's changes
    GET /                                          a page that builds feed URLs
    GET /healthz                                   liveness

Feed bytes depend only on the schedule and the query (and, with a history, on what it
recorded), so ETags change only when the schedule does. Rendered feeds and each talk's VEVENT
block are cached per schedule version. With a history (agenda.history) each selection is
recorded when a new version of the schedule is first served for it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from .. import formats, options, settings
from ..changes import KEEP_CANCELLED, Change, Plan
from ..choice import Choice
from ..errors import AgendaError, OptionError, OutputError
from ..ics import IcsOptions, assemble, base_block, with_alarm
from ..models import Talk
from ..pipeline import ExportOptions, ReadOptions, decide, described, reading_zone, render
from ..profiles import Profile, load_profile
from .http import Body, http_date, not_modified, wants_gzip
from .state import LiveSchedule, Loaded, default_interval

log = logging.getLogger("agenda.feed")
StartResponse = Callable[..., Any]

MAX_QUERY = 2048
# A Host header as RFC 9110 allows it: a name or IPv4 address, or an IPv6 address in brackets,
# and an optional port. Feed URLs are built from it, so anything else is refused.
_HOST = re.compile(r"^(?:[A-Za-z0-9._~-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$")
# the query parameters are the options agenda.options marks for the feed
LISTS = tuple(o.name for o in options.QUERY if o.shape == "list")
FLAGS = tuple(o.name for o in options.QUERY if o.shape == "flag")
KNOWN = tuple(o.name for o in options.QUERY)
_EXTENSIONS = "|".join(re.escape(ext) for ext in formats.BY_EXTENSION)
# /calendar.<ext> and /agenda.<ext> serve every registered format (agenda.formats).
FEED_PATH = re.compile(rf"^/(?:calendar|agenda)\.(?P<fmt>{_EXTENSIONS})$")
NAMED_PATH = re.compile(rf"^/feeds/(?P<name>[A-Za-z0-9][A-Za-z0-9_-]{{0,63}})\.(?P<fmt>"
                        rf"{_EXTENSIONS})$")
NAMED_ATOM = re.compile(r"^/feeds/(?P<name>[A-Za-z0-9][A-Za-z0-9_-]{0,63})\.atom$")
CHANGES_PATH = "/changes.atom"
CACHE_CONTROL = "public, max-age=300"
# A PDF takes WeasyPrint about a second per hundred talks: a feed lays out no more than this.
MAX_PDF_TALKS = 2_000
RECENT = 50  # changes in an Atom feed


@dataclass(frozen=True, slots=True)
class Response:
    status: str
    headers: list[tuple[str, str]]
    body: bytes = b""


def text_response(status: str, message: str, extra: list[tuple[str, str]] | None = None
                  ) -> Response:
    return Response(status, [("Content-Type", "text/plain; charset=utf-8"),
                             *(extra or [])], (message + "\n").encode())


def printable(text: str) -> str:
    """Text safe to log or echo: control characters (CR, LF, ESC, ...) as escapes, so a
    request cannot forge a log line or colour a terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)


class BadRequest(Exception):
    """A query the feed cannot answer; the message names the parameter."""


GROUPED = frozenset(options.INTEREST)  # after an `or`, these belong to the next interest


def parse_query(query: str) -> dict[str, Any]:
    """The query string as option values; unknown or repeated single parameters are errors.
    An `or` parameter starts another interest: the rules after it (and its priority) are one
    more group, listed under "or"; exclusions and everything else apply to all."""
    given: dict[str, Any] = {}
    groups: list[dict[str, Any]] = []
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False,
                          max_num_fields=100)
    except ValueError as exc:
        raise BadRequest(f"malformed query: {exc}") from None
    for key, value in pairs:
        if key not in KNOWN:
            raise BadRequest(f"unknown query parameter {key!r}; known: {', '.join(KNOWN)}")
        if key == "or":
            groups.append({})
            continue
        target = groups[-1] if groups and key in GROUPED else given
        if target is not given:
            if key == "priority":
                if key in target:
                    raise BadRequest(f"{key}: give it once per interest")
                if value.strip():
                    target[key] = value.strip()
            elif value.strip():
                target.setdefault(key, []).append(value)
            continue
        if key in LISTS:
            if value.strip():
                given.setdefault(key, []).append(value)
        elif key in FLAGS:
            if value.lower() not in ("", "1", "0", "true", "false", "yes", "no", "on", "off"):
                raise BadRequest(f"{key}: expected true or false, got {value!r}")
            given[key] = value.lower() in ("", "1", "true", "yes", "on")
        elif key in given:
            raise BadRequest(f"{key}: give it once")
        elif value.strip():
            given[key] = value.strip()
    if groups:
        given["or"] = groups
    return given


def records(given: dict[str, Any], profile: Profile | None) -> tuple[Choice, ExportOptions]:
    """The CLI's own records from query values over a profile; errors name the parameter."""
    try:
        chosen, out = settings.over_profile(given, profile)
        export = settings.export_options(out)
    except OptionError as exc:
        raise BadRequest(exc.message.removeprefix("--")) from None
    return chosen, export


class FeedApp:
    """The WSGI callable."""

    def __init__(self, live: LiveSchedule, profile_dir: str | None = None,
                 base_url: str | None = None, cache_size: int = 1024,
                 cache_bytes: int = 256 << 20, history: str | None = None,
                 keep_cancelled: timedelta = KEEP_CANCELLED) -> None:
        self.live = live
        self.history = history
        self.keep_cancelled = keep_cancelled
        self.profile_dir = Path(profile_dir).resolve() if profile_dir else None
        self.base_url = base_url.rstrip("/") if base_url else None
        self.cache_size = cache_size
        # Rendered feeds and VEVENT blocks are each bounded by bytes, not only by count: one
        # feed of a large conference is tens of megabytes.
        self.cache_bytes = cache_bytes
        self._lock = threading.Lock()
        self._bodies: OrderedDict[tuple[Any, ...], Body] = OrderedDict()
        self._body_bytes = 0
        self._blocks: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._block_bytes = 0
        self._version = 0
        self._profiles: dict[Path, tuple[int, Profile]] = {}

    # --- WSGI ---------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        began = time.perf_counter()
        try:
            response = self.handle(environ)
        except Exception:  # a bug must not take the server down; it is logged with its trace
            log.exception("internal error")
            response = text_response("500 Internal Server Error", "internal error")
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.body
        start_response(response.status, [*response.headers,
                                         ("X-Content-Type-Options", "nosniff")])
        query = environ.get("QUERY_STRING", "")
        path = printable(environ.get("PATH_INFO", "") + (f"?{query[:200]}" if query else ""))
        log.info('%s "%s %s" %s %d %.1fms', environ.get("REMOTE_ADDR", "-"),
                 environ.get("REQUEST_METHOD"), path, response.status.split()[0],
                 len(response.body), (time.perf_counter() - began) * 1000)
        return [body]

    def handle(self, environ: dict[str, Any]) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return text_response("405 Method Not Allowed", f"method {method} is not allowed; "
                                 "use GET or HEAD", [("Allow", "GET, HEAD")])
        query = environ.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY:
            return text_response("414 URI Too Long", f"the query is over {MAX_QUERY} characters")
        host = environ.get("HTTP_HOST")
        if host is not None and not _HOST.match(host):
            return text_response("400 Bad Request", "malformed Host header; send the server's "
                                 "name or address, with its port if not the default")
        path = environ.get("PATH_INFO", "/") or "/"
        loaded = self.live.current()
        try:
            if path == "/healthz":
                return text_response("200 OK", self.health(loaded),
                                     [("Cache-Control", "no-store")])
            if path == "/":
                from .page import index

                status, html = index(loaded, query, self.profiles(), self.base(environ),
                                     self.page_notes, self.history is not None)
                return Response(status, [("Content-Type", "text/html; charset=utf-8"),
                                         ("Cache-Control", "no-cache")], html.encode())
            if (m := FEED_PATH.match(path)) is not None:
                return self.feed(environ, loaded, formats.BY_EXTENSION[m["fmt"]].name,
                                 parse_query(query), None)
            if (m := NAMED_PATH.match(path)) is not None:
                profile = self.profile(m["name"])
                if profile is not None:
                    return self.feed(environ, loaded, formats.BY_EXTENSION[m["fmt"]].name,
                                     parse_query(query), profile)
            if path == CHANGES_PATH:
                return self.feed(environ, loaded, "atom", parse_query(query), None)
            if (m := NAMED_ATOM.match(path)) is not None:
                profile = self.profile(m["name"])
                if profile is not None:
                    return self.feed(environ, loaded, "atom", parse_query(query), profile)
        except BadRequest as exc:
            return text_response("400 Bad Request", str(exc))
        except OutputError as exc:  # a format this server cannot make (PDF without WeasyPrint)
            return text_response("501 Not Implemented", exc.message)
        return text_response("404 Not Found", f"no such page: {printable(path[:200])}")

    def health(self, loaded: Loaded) -> str:
        said = f"ok: {len(loaded.schedule.talks)} slots, version {loaded.version}"
        problem = self.live.problem
        if problem is None:
            return said
        message, since = problem
        return (f"{said}; serving an older schedule since {since:%Y-%m-%d %H:%M:%S} UTC "
                f"because {message}")

    # --- feeds --------------------------------------------------------------------------------
    def base(self, environ: dict[str, Any]) -> str:
        if self.base_url:
            return self.base_url
        host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:" \
            f"{environ.get('SERVER_PORT')}"
        return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"

    def profiles(self) -> list[str]:
        if self.profile_dir is None or not self.profile_dir.is_dir():
            return []
        return sorted(p.stem for p in self.profile_dir.glob("*.toml")
                      if NAMED_PATH.match(f"/feeds/{p.stem}.ics") and self._servable(p))

    def _servable(self, path: Path) -> Path | None:
        """The profile file itself, only when it lies inside the profile folder (a symlink
        out of it is neither listed nor served)."""
        real = path.resolve()
        return real if self.profile_dir is not None and real.parent == self.profile_dir \
            and real.is_file() else None

    def profile(self, name: str) -> Profile | None:
        """The profile named `name`, only from inside the profile folder."""
        if self.profile_dir is None:
            return None
        path = self._servable(self.profile_dir / f"{name}.toml")
        if path is None:
            return None
        changed = path.stat().st_mtime_ns
        cached = self._profiles.get(path)
        if cached is not None and cached[0] == changed:
            return cached[1]  # read and parsed once per change, not on every request
        try:
            profile = load_profile(str(path))
        except AgendaError as exc:
            raise BadRequest(f"profile {name}: {exc.message}") from None
        self._profiles[path] = (changed, profile)
        return profile

    def feed(self, environ: dict[str, Any], loaded: Loaded, fmt: str, given: dict[str, Any],
             profile: Profile | None) -> Response:
        if fmt == "atom" and self.history is None:
            return text_response("404 Not Found", "this server keeps no history, so it has no "
                                 "changes to tell (agenda serve --history FILE)")
        # with a history, kept cancellations expire by the day: a new day is a new body
        day = date.today() if self.history else None
        key = (loaded.version, fmt, tuple(sorted((k, str(v)) for k, v in given.items())),
               profile.path if profile else None, repr(profile) if profile else None, day)
        body = self._cached(key)
        if body is None:
            chosen, options = records(given, profile)
            if fmt == "atom":
                body = Body.of(self.atom(environ, loaded, chosen, options, profile),
                               "application/atom+xml; charset=utf-8")
            else:
                body = Body.of(self.render(loaded, fmt, chosen, options),
                               formats.BY_NAME[fmt].media_type)
            self._store(key, body)
        zipped = wants_gzip(environ)
        etag = body.tag(zipped)
        modified = max(loaded.modified, self._edited(profile))
        headers = [("ETag", etag), ("Last-Modified", http_date(modified)),
                   ("Cache-Control", CACHE_CONTROL), ("Vary", "Accept-Encoding")]
        if not_modified(environ, etag, modified):
            return Response("304 Not Modified", headers)
        data = body.gzipped if zipped else body.data
        headers += [("Content-Type", body.content_type), ("Content-Length", str(len(data)))]
        if zipped:
            headers.append(("Content-Encoding", "gzip"))
        return Response("200 OK", headers, data)

    def render(self, loaded: Loaded, fmt: str, chosen: Choice, options: ExportOptions
               ) -> bytes:
        """The same bytes `agenda export` writes; .ics built from cached VEVENT blocks."""
        schedule = loaded.schedule
        decision = decide(schedule, chosen, options.include_all, loaded.index)
        talks, options = decision.talks, replace(options, plan=decision.plan)
        if self.history is not None:
            talks = self.followed(loaded, chosen, options.include_all, talks).talks
        stamp = loaded.stamp
        if fmt == "pdf" and len(talks) > MAX_PDF_TALKS:
            raise BadRequest(f"a PDF holds at most {MAX_PDF_TALKS:,} talks and this selection "
                             f"has {len(talks):,}; narrow it, or print /agenda.html")
        if fmt != "ics":
            zone = reading_zone(talks or schedule.talks, options.tz)
            return render(fmt, talks, described(options, chosen), stamp, zone)
        ics = options.ics_options(stamp)
        return assemble(talks, ics, (self.block(loaded.version, t, ics) for t in talks))

    # --- history ------------------------------------------------------------------------------
    def _scope(self, chosen: Choice, include_all: bool) -> tuple[str, str]:
        from ..history import selection_scope

        return selection_scope(self.live.options.sources, chosen.identity(), include_all, "feed",
                               repr(self.live.keep))

    def followed(self, loaded: Loaded, chosen: Choice, include_all: bool,
                 talks: list[Talk]) -> Plan:
        """Record the selection's talks in the history (SEQUENCE, kept cancellations)."""
        from ..history import HistoryOptions, follow

        assert self.history is not None
        options = HistoryOptions(self.history, datetime.now(UTC), self.keep_cancelled)
        return follow(options, self._scope(chosen, include_all), loaded.schedule.talks, talks)

    def atom(self, environ: dict[str, Any], loaded: Loaded, chosen: Choice,
             options: ExportOptions, profile: Profile | None) -> bytes:
        """The selection's latest recorded changes, recording the current version first."""
        from ..atom import write_atom
        from ..history import recent

        assert self.history is not None
        talks = decide(loaded.schedule, chosen, options.include_all, loaded.index).talks
        self.followed(loaded, chosen, options.include_all, talks)
        scope_id = self._scope(chosen, options.include_all)[0]
        base = self.base(environ)
        query = environ.get("QUERY_STRING", "")
        suffix = f"?{query}" if query else ""
        calendar = (f"{base}/feeds/{Path(profile.path).stem}.ics" if profile
                    else f"{base}/calendar.ics") + suffix
        return write_atom(recent(self.history, scope_id, RECENT),
                          feed_id=f"urn:agenda:changes:{scope_id}",
                          title=f"Changes: {options.calendar_name}",
                          self_url=f"{base}{environ.get('PATH_INFO', '')}{suffix}",
                          calendar_url=calendar, updated=loaded.modified, tz=options.tz)

    def page_notes(self, loaded: Loaded, query: str) -> tuple[list[Change], int, int]:
        """For the page: the selection's latest changes (with a history), and the size and
        event count of its .ics."""
        from ..history import recent

        chosen, options = records(parse_query(query), None)
        data = self.render(loaded, "ics", chosen, options)
        events = data.count(b"BEGIN:VEVENT\r\n")
        if self.history is None:
            return [], len(data), events
        scope_id = self._scope(chosen, options.include_all)[0]
        return recent(self.history, scope_id, 10), len(data), events

    def block(self, version: int, talk: Talk, options: IcsOptions) -> bytes:
        """A talk's VEVENT. The event without its reminder is cached; a reminder is spliced in
        per request, so a new `alarm` value costs string joins, not a re-render."""
        # every option that shapes the event, and nothing else (not the name, not the alarm)
        plan = options.plan
        key = (talk.uid, talk.sequence, talk.modified, talk.status, options.dtstamp, options.tz,
               options.utc, options.free, options.brief,
               plan.words_for(talk) if plan is not None else None)
        with self._lock:
            if version != self._version:
                self._blocks.clear()
                self._bodies.clear()
                self._block_bytes = self._body_bytes = 0
                self._version = version
            found = self._blocks.get(key)
        if found is None:
            found = base_block(talk, options)
            with self._lock:
                if key not in self._blocks:
                    self._blocks[key] = found
                    self._block_bytes += len(found)
                while self._block_bytes > self.cache_bytes // 2 and self._blocks:
                    self._block_bytes -= len(self._blocks.popitem(last=False)[1])
        return with_alarm(found, talk, options.alarm)

    def _edited(self, profile: Profile | None) -> datetime:
        """When the profile behind a named feed last changed (its edits change the feed)."""
        if profile is None:
            return datetime.fromtimestamp(0, UTC)
        for changed, known in self._profiles.values():
            if known is profile:
                return datetime.fromtimestamp(changed // 1_000_000_000, UTC)
        return datetime.fromtimestamp(0, UTC)

    def _cached(self, key: tuple[Any, ...]) -> Body | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def _store(self, key: tuple[Any, ...], body: Body) -> None:
        with self._lock:
            if key in self._bodies:
                return
            self._bodies[key] = body
            self._body_bytes += len(body.data)
            while self._bodies and (len(self._bodies) > self.cache_size
                                    or self._body_bytes > self.cache_bytes // 2):
                self._body_bytes -= len(self._bodies.popitem(last=False)[1].data)


def make_app(sources: Iterable[str] = ("seeds",), profile_dir: str | None = None,
             base_url: str | None = None, interval: float | None = None,
             history: str | None = None, **read: Any) -> FeedApp:
    """A ready WSGI app over `sources` (for gunicorn: 'agenda.feed.app:make_app()')."""
    options = ReadOptions(sources=tuple(sources), **read)
    every = default_interval(options.sources) if interval is None else interval
    return FeedApp(LiveSchedule(options, every), profile_dir, base_url, history=history)
