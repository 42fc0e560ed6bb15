"""Schedules read from http(s) URLs, through an on-disk HTTP cache.

A conference's published file changes while people follow it, so every fetch asks the server,
but cheaply: the cache (CacheControl's FileCache, in the user's cache folder or
AGENDA_CACHE_DIR) keeps each answer with its validators, later fetches send If-None-Match /
If-Modified-Since, and a 304 reuses the stored body. An answer the server declares fresh
(max-age) is reused without asking. When the server cannot be reached or fails, the stored
copy stands in and the user is told how old it is, because a schedule from this morning beats
no schedule in a conference hall with bad Wi-Fi.

Every fetch is bounded: connect and read timeouts, a total deadline, a size limit enforced
while the body streams in (a missing or lying Content-Length does not get past it) and a few
redirects.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from cachecontrol import CacheControlAdapter
from cachecontrol.caches import FileCache
from cachecontrol.caches.file_cache import url_to_file_path
from cachecontrol.controller import CacheController
from cachecontrol.heuristics import BaseHeuristic
from urllib3 import HTTPResponse

from . import __version__
from .errors import SourceError
from .models import Notice

log = logging.getLogger("agenda.remote")

TIMEOUT = 30.0  # seconds to connect, and at most between two reads of an answer
DEADLINE = 300.0  # seconds for a whole answer, however slowly it trickles in
MAX_BYTES = 50_000_000  # a 100k-event frab file is about 60 MB; real ones are far smaller
MAX_REDIRECTS = 5
USER_AGENT = f"agenda/{__version__} (conference schedule reader)"
SCHEMES = ("http", "https")
CACHE_ENV = "AGENDA_CACHE_DIR"
# The ETag agenda gives an answer that has only Last-Modified, so that CacheControl (which keeps
# only answers with an ETag or a lifetime) stores it; it is never sent to the server.
_SYNTHETIC = 'W/"agenda-last-modified:'


def cache_folder() -> Path:
    """Where fetched schedules are cached: AGENDA_CACHE_DIR, else the platform's user cache
    folder (e.g. ~/.cache/agenda/http)."""
    given = os.environ.get(CACHE_ENV, "").strip()
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("agenda")) / "http"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One URL's body as last fetched."""

    url: str
    body: bytes
    digest: str  # sha256 of the body: what tells a changed schedule from a revalidated one
    modified: datetime  # the server's Last-Modified, else when agenda first saw these bytes
    from_cache: bool = False  # the server said 304, or the cached answer was still fresh
    # The warning when a cached copy stands in for a fetch that failed.
    notice: Notice | None = None


class _Failed(Exception):
    """A fetch that failed, with the one-line reason the user reads."""


class _Refused(_Failed):
    """A body refused while it streamed in (too large, too slow): the cache may have kept it
    (or a truncated part), so that copy is dropped, and none stands in for it."""


class Fetcher:
    """Fetches URL sources for one run (or one server's life), each URL at most once unless
    asked to fetch it again: the feed's watcher calls `fetch` every interval, and the reading
    that follows a change uses the bytes that fetch brought (`body`), never a second request."""

    def __init__(self, cache_dir: str | Path | None = None, timeout: float | None = None,
                 max_bytes: int | None = None, max_redirects: int = MAX_REDIRECTS) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        # Read at construction, not import, so tests and callers may change the module's limits.
        self.timeout = TIMEOUT if timeout is None else timeout
        self.max_bytes = MAX_BYTES if max_bytes is None else max_bytes
        self.max_redirects = max_redirects
        self.latest: dict[str, Fetched] = {}
        self._http: requests.Session | None = None
        self._cache: FileCache | None = None
        self._pid = 0

    def body(self, url: str) -> bytes:
        """The URL's bytes: the ones this fetcher last brought, else fetched now."""
        got = self.latest.get(url)
        return (got or self.fetch(url)).body

    def fetch(self, url: str) -> Fetched:
        """Ask the server (a conditional request when a copy is cached); a failure falls back
        to the cached copy with a warning, or raises SourceError naming the URL."""
        check_scheme(url)
        try:
            body, response_from_cache, last_modified = self._get(url)
            notice = None
        except _Refused as failed:
            # The cache may have kept the body while it was being refused: drop it.
            self._file_cache().delete(CacheController.cache_url(url))
            raise SourceError(str(failed), url) from None
        except _Failed as failed:
            stored = self._stored(url)
            if stored is None:
                raise SourceError(str(failed), url) from None
            body, age = stored
            response_from_cache, last_modified = True, None
            notice = Notice(f"{failed}; using the copy cached {_age(age)} ago", url)
        digest = hashlib.sha256(body).hexdigest()
        before = self.latest.get(url)
        if last_modified is None:
            last_modified = before.modified if before is not None and before.digest == digest \
                else datetime.now(UTC).replace(microsecond=0)
        got = Fetched(url, body, digest, last_modified, response_from_cache, notice)
        self.latest[url] = got
        return got

    def notices(self, names: Iterable[str]) -> list[Notice]:
        """The warnings of the last fetches of these sources."""
        return [got.notice for name in names
                if (got := self.latest.get(name)) is not None and got.notice is not None]

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- the HTTP exchange ---------------------------------------------------------------

    def _session(self) -> requests.Session:
        """One session per process: a forked server worker must not share the parent's
        pooled connections."""
        if self._http is None or self._pid != os.getpid():
            self._pid = os.getpid()
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
            session.max_redirects = self.max_redirects
            adapter = CacheControlAdapter(cache=self._file_cache(), heuristic=_LastModifiedOnly(),
                                          controller_class=_Controller)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._http = session
        return self._http

    def _file_cache(self) -> FileCache:
        if self._cache is None:
            self._cache = _QuietFileCache(str(self.cache_dir or cache_folder()))
        return self._cache

    def _get(self, url: str) -> tuple[bytes, bool, datetime | None]:
        """(body, whether the cache supplied it, the server's Last-Modified)."""
        try:
            with self._session().get(url, timeout=self.timeout, stream=True) as response:
                if response.status_code != 200:
                    raise _Failed(f"the server answered {_status(response)}")
                if not _allowed(response.url):
                    raise _Failed(f"redirected to {response.url}, which is not http or https")
                body = self._read(response)
                from_cache = bool(getattr(response, "from_cache", False))
                return _as_utf8(body, response), from_cache, _last_modified(response)
        except requests.RequestException as exc:
            raise _Failed(self._explain(exc, url)) from None
        except OSError as exc:  # the cache folder, not the server
            raise _Failed(f"cannot use the HTTP cache: {exc.strerror or exc}") from None

    def _read(self, response: requests.Response) -> bytes:
        """The body, refused as soon as it passes the size limit or the deadline. A read waits
        for a whole chunk, so a server trickling a byte at a time would never be caught between
        chunks: a timer cuts the connection at the deadline instead."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes \
                and "Content-Encoding" not in response.headers:
            raise _Refused(self._too_large())
        deadline = max(DEADLINE, self.timeout)
        late = threading.Event()
        timer = threading.Timer(deadline, _cut, (response, late))
        timer.daemon = True
        timer.start()
        parts, size = [], 0
        try:
            for part in response.iter_content(65536):
                size += len(part)
                if size > self.max_bytes:
                    raise _Refused(self._too_large())
                parts.append(part)
        except requests.RequestException:
            if not late.is_set():
                raise
        finally:
            timer.cancel()
            timer.join()  # a cut under way ends before the response (and its socket) closes
        if late.is_set():
            raise _Refused(f"the answer took longer than {deadline:g} s to arrive")
        return b"".join(parts)

    def _too_large(self) -> str:
        return (f"the answer is larger than {_size(self.max_bytes)}, agenda's limit for a URL; "
                "download it and read the file instead")

    def _explain(self, exc: BaseException, url: str) -> str:
        host = urlsplit(url).netloc
        if isinstance(exc, requests.TooManyRedirects):
            return f"redirected more than {self.max_redirects} times (a redirect loop?)"
        if isinstance(exc, requests.ConnectTimeout):
            return f"cannot connect to {host}: no answer within {self.timeout:g} s"
        if isinstance(exc, requests.Timeout):
            return f"the server sent nothing for {self.timeout:g} s (timed out)"
        if isinstance(exc, requests.exceptions.InvalidSchema):
            return "redirected to a URL that is not http or https"
        if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
            return f"not a URL agenda can fetch ({exc})"
        causes = list(_causes(exc))
        if any(type(c).__name__ == "NameResolutionError" or isinstance(c, socket.gaierror)
               for c in causes):
            return f"cannot find the host {urlsplit(url).hostname} (DNS lookup failed)"
        if any(isinstance(c, ConnectionRefusedError) for c in causes):
            return f"cannot connect to {host}: connection refused"
        if isinstance(exc, requests.exceptions.SSLError):
            return f"the secure connection to {host} failed: {_last_words(causes)}"
        if isinstance(exc, requests.exceptions.ChunkedEncodingError | requests.ConnectionError):
            return f"the connection to {host} failed: {_last_words(causes)}"
        return f"cannot fetch: {_last_words(causes)}"

    def _stored(self, url: str) -> tuple[bytes, float] | None:
        """The cached body of `url` and its age in seconds (since the server last sent or
        confirmed it), if a copy is cached."""
        cache = self._file_cache()
        key = CacheController.cache_url(url)
        data = cache.get(key)
        if data is None:
            return None
        # the headers a fetch sends, so an answer that Varies on them (Accept-Encoding) matches
        request = self._session().prepare_request(requests.Request("GET", url))
        response = _Controller(cache).serializer.loads(request, data)
        if response is None or response.status != 200:
            return None
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return None
        try:
            body = response.read(decode_content=True)
            age = time.time() - os.stat(url_to_file_path(url, cache)).st_mtime
        except OSError:
            return None
        return _as_utf8(body, response), max(age, 0.0)


def _cut(response: requests.Response, late: threading.Event) -> None:
    """Shut the answer's socket, so a read blocked on it returns at once (through a duplicate
    descriptor: shutting down acts on the connection, whichever descriptor names it)."""
    late.set()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        handle = socket.socket(fileno=os.dup(response.raw.fileno()))
        with handle:
            handle.shutdown(socket.SHUT_RDWR)


def check_scheme(url: str) -> None:
    if not _allowed(url):
        raise SourceError(f"only http:// and https:// URLs can be read, not "
                          f"{urlsplit(url).scheme}://", url)


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what it wraps (requests wraps urllib3 wraps socket errors)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(c for c in (current.__cause__, current.__context__,
                                getattr(current, "reason", None), *current.args)
                    if isinstance(c, BaseException))


def _last_words(causes: list[BaseException]) -> str:
    """The innermost reason, shortened: what the OS or TLS library said."""
    text = str(causes[-1]) if causes else "unknown error"
    return text.rsplit(": ", 1)[-1].strip("()'\" ") or text


def _last_modified(response: requests.Response | HTTPResponse) -> datetime | None:
    value = response.headers.get("Last-Modified")
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _as_utf8(body: bytes, response: requests.Response | HTTPResponse) -> bytes:
    """Text the server says is in another charset, re-encoded as the UTF-8 pages are read in.
    XML and JSON carry their own encoding and are left as they are."""
    kind = response.headers.get("Content-Type", "")
    mime, _, params = kind.partition(";")
    if not mime.strip().lower().startswith("text/"):
        return body
    charset = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset in ("", "utf-8", "utf8", "us-ascii", "ascii"):
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body


def _status(response: requests.Response) -> str:
    """'404 Not Found': the standard phrase, which servers' own reasons vary from."""
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = response.reason or ""
    return f"{response.status_code} {phrase}".rstrip()


def _age(seconds: float) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size * (2 if unit == "day" else 1):
            count = int(seconds // size)
            return f"{count} {unit}{'s' * (count != 1)}"
    count = int(seconds)
    return f"{count} second{'s' * (count != 1)}"


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count:,} bytes"


class _LastModifiedOnly(BaseHeuristic):
    """Lets CacheControl keep an answer whose only validator is Last-Modified, so it too is
    revalidated (with If-Modified-Since) instead of downloaded again."""

    def update_headers(self, response: HTTPResponse) -> dict[str, str]:
        headers = response.headers
        if response.status == 200 and "Last-Modified" in headers and "ETag" not in headers:
            return {"ETag": f'{_SYNTHETIC}{headers["Last-Modified"]}"'}
        return {}

    def warning(self, response: HTTPResponse) -> str | None:
        return None


class _Controller(CacheController):
    """Never sends the made-up ETag: a server that has no ETags would answer it with the whole
    body, even when If-Modified-Since alone would have given a 304."""

    def conditional_headers(self, request: requests.PreparedRequest) -> dict[str, str]:
        headers = super().conditional_headers(request)
        if headers.get("If-None-Match", "").startswith(_SYNTHETIC):
            del headers["If-None-Match"]
        return headers


class _QuietFileCache(FileCache):
    """A cache folder that cannot be read or written (read-only home, full disk) costs the
    cache, not the run."""

    def get(self, key: str) -> bytes | None:
        try:
            return super().get(key)
        except OSError as exc:
            log.warning("cannot read the HTTP cache in %s: %s", self.directory, exc)
            return None

    def set(self, key: str, value: bytes, expires: Any = None) -> None:
        try:
            super().set(key, value, expires)
        except OSError as exc:
            log.warning("cannot write the HTTP cache in %s: %s", self.directory, exc)

    def delete(self, key: str) -> None:
        try:
            super().delete(key)
        except OSError as exc:
            log.warning("cannot update the HTTP cache in %s: %s", self.directory, exc)
