"""HTTP details of feed responses: strong ETags, Last-Modified, conditional requests, gzip."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import cached_property


@dataclass(frozen=True)
class Body:
    """A rendered feed with its digest, and its gzip form made once, when first asked for
    (calendar clients that never send Accept-Encoding: gzip do not pay for it)."""

    data: bytes
    content_type: str
    etag: str

    @classmethod
    def of(cls, data: bytes, content_type: str) -> Body:
        return cls(data, content_type, hashlib.sha256(data).hexdigest()[:32])

    @cached_property
    def gzipped(self) -> bytes:
        return gzip.compress(self.data, 6, mtime=0)

    def tag(self, gzipped: bool) -> str:
        """Each representation has its own strong ETag."""
        return f'"{self.etag}-gz"' if gzipped else f'"{self.etag}"'


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def _tags(header: str) -> list[str]:
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


def not_modified(environ: dict[str, object], etag: str, modified: datetime) -> bool:
    """RFC 9110: If-None-Match (weak comparison, lists, '*') wins over If-Modified-Since."""
    none_match = str(environ.get("HTTP_IF_NONE_MATCH") or "")
    if none_match:
        tags = _tags(none_match)
        return "*" in tags or etag in tags
    since = str(environ.get("HTTP_IF_MODIFIED_SINCE") or "")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        if when.tzinfo is None:
            return False
        return modified.replace(microsecond=0) <= when
    return False


def wants_gzip(environ: dict[str, object]) -> bool:
    accepted = str(environ.get("HTTP_ACCEPT_ENCODING") or "").lower()
    for part in accepted.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=")
            return not (params.strip().startswith("q=") and q in ("0", "0.0", "0.00", "0.000"))
    return False
