"""ICML virtual-site text: 'Tue 20 July 17:00 - 17:20 PDT', title, authors, abstract,
'[ Paper PDF ] [ ]' (seed 002)."""

from __future__ import annotations

import re

from ..models import Kind
from .page import Page, PageRead
from .slot_text import count_slot_lines, read_slot_page

NAME = "icml-text"
CONFERENCE = "ICML"
DESCRIPTION = "ICML virtual-site text (slot line, title, authors, abstract, '[ Paper PDF ]')"
_MARKERS = re.compile(r"^(?:\[ ?paper pdf ?\]|moderators?:)", re.IGNORECASE)


def detect(page: Page) -> float:
    """Slot lines plus the ICML site's paper links or 'Moderator:' line."""
    if not count_slot_lines(page):
        return 0.0
    return 2.0 if any(_MARKERS.match(s) for s in page.lines
                      if s.startswith(("[", "M", "m"))) else 0.0


def read(page: Page) -> PageRead:
    return read_slot_page(page, NAME, Kind.PAPER)._replace(series=CONFERENCE)
