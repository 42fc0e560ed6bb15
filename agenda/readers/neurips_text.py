"""NeurIPS virtual-site text: slot line, title, ' · '-joined authors, abstract (seed 000)."""

from __future__ import annotations

from ..models import Kind
from .page import Page, PageRead
from .slot_text import count_slot_lines, read_slot_page

NAME = "neurips-text"
CONFERENCE = "NeurIPS"
DESCRIPTION = "NeurIPS virtual-site text ('Wed 9 Dec. 6:00 - 6:15 PST', title, authors, abstract)"


def detect(page: Page) -> float:
    """The plainest form of the shared grammar: any slot lines at all."""
    return 1.0 if count_slot_lines(page) else 0.0


def read(page: Page) -> PageRead:
    return read_slot_page(page, NAME, Kind.PAPER)._replace(series=CONFERENCE)
