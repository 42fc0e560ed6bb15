"""An Atom feed (RFC 4287) of a selection's recorded changes: feed readers are how people are
told that a talk moved, since subscribed calendars refresh only every 8-24 hours and say
nothing of what changed.

Built with the standard library's ElementTree, which escapes every text and attribute; the
same changes give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from .changelist import LABEL, told
from .changes import Change

NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def write_atom(changes: Sequence[Change], *, feed_id: str, title: str, self_url: str,
               calendar_url: str, updated: datetime, tz: str | None = None) -> bytes:
    """The feed of `changes` (newest first). `updated` is used when there is no change yet."""
    feed = ET.Element("feed", {"xmlns": NS})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(max((c.seen for c in changes), default=updated)))
    ET.SubElement(feed, "link", {"rel": "self", "href": self_url})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/calendar",
                                 "href": calendar_url})
    author = ET.SubElement(feed, "author")
    _text(author, "name", "agenda")
    _text(feed, "generator", "agenda")
    for change in changes:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", f"{feed_id}:{change.uid}:{change.kind}:{int(change.seen.timestamp())}")
        label = LABEL[change.kind]
        _text(entry, "title", f"{label[:1].upper()}{label[1:]}: {change.talk.title}")
        _text(entry, "updated", _stamp(change.seen))
        ET.SubElement(entry, "link", {"rel": "related", "href": calendar_url})
        _text(entry, "summary", told(change, tz))
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
