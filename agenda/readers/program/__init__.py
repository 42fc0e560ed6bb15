"""Program pages of any site: HTML, Markdown or plain text with a time column or `time – title`
lines, day headings and zone statements (the general reader, tried after the specialised ones).

blocks turns a page into neutral blocks, entries finds timed items among them, infer settles
what the page leaves unsaid (stating each decision once as a notice).
"""

from __future__ import annotations

import re

from ...errors import PageError
from ...models import Notice
from ..page import Page, PageRead
from . import infer, microformats
from .blocks import Block, blocks_of
from .entries import walk

NAME = "program"
DESCRIPTION = "a program page (HTML, Markdown or text with times and titles)"

_ANY_TIME = re.compile(r"\d[:.h：][0-5]\d|\d\s?[ap]\.?m\b|"
                       r"\b[012]\d[0-5]\d\s?[-–—]\s?[012]\d[0-5]\d\b", re.IGNORECASE | re.ASCII)
MAX_CHARS = 20_000_000
# hCalendar / h-event markup: events whose title and start the page marks exactly.
_MARKED = re.compile(r"\b(?:vevent|h-event)\b", re.ASCII)


def detect(page: Page) -> float:
    """A modest claim on any page with a time in it: the specialised layouts score higher.
    A page opening with '{' or '[' that no JSON document could start ('{{{#!rst' of a wiki,
    '{% extends %}' of a template) is claimed a little more than broken JSON is."""
    if not _ANY_TIME.search(page.text, 0, MAX_CHARS):
        return 0.0
    return 0.6 if _not_json(page.text) else 0.5


def _not_json(text: str) -> bool:
    """Text opening with a bracket that cannot open JSON: an object's '{' is followed by a
    quoted key or '}', an array's '[' by a value or ']'."""
    head = text[:200].lstrip()
    if head[:1] not in ("{", "["):
        return False
    after = head[1:].lstrip()[:1]
    allowed = '"}' if head[0] == "{" else '"{[]-0123456789tfn'
    return after != "" and after not in allowed


def page_blocks(page: Page) -> list[Block]:
    """The page's blocks, made once: the text a saved HTML page shows is made of them too."""
    if len(page.text) > MAX_CHARS:
        raise PageError(f"the page is larger than {MAX_CHARS // 1_000_000} MB", page.path)
    return page.remember("blocks", lambda: blocks_of(page.text))  # type: ignore[no-any-return]


def read(page: Page) -> PageRead:
    found = walk(page_blocks(page))
    notes: list[Notice] = []
    entries = microformats.events(page.text) if _MARKED.search(page.text, 0, MAX_CHARS) \
        else []
    entries = entries or infer.flatten(found)
    infer.numbered(entries)
    if not any(e.title for e in entries):
        raise PageError(f"no program found: {infer.summary(found, entries)}; a program needs "
                        "times beside titles (a table with a time column, or lines like "
                        "'09:00 - 09:30 Opening')", page.path)
    infer.zone_of(found, entries, page.path, notes)
    infer.page_day(found, entries, page.path, notes)
    infer.meridiem(entries, page.path, notes)
    infer.backwards(entries, page.path, notes)
    infer.columns(entries, page.path, notes)
    entries = infer.ends(entries, page.path, notes)
    slots = infer.slots(entries)
    if not slots:
        raise PageError(f"no program found: {infer.summary(found, entries)}", page.path)
    return PageRead(page.path, NAME, found.title, (), found.year, tuple(slots), tuple(notes))
