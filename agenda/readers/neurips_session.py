"""NeurIPS 'Session' text: slot line, then a kind line (Oral, Spotlight, Break, Q&A) (seed 003)."""

from __future__ import annotations

from ..models import Kind
from .page import Page, PageRead
from .slot_text import KIND_WORDS, read_slot_page, slot_lines

NAME = "neurips-session"
CONFERENCE = "NeurIPS"
DESCRIPTION = "NeurIPS session text (slot line, then 'Oral' / 'Spotlight' / 'Break' / 'Q&A')"


def detect(page: Page) -> float:
    """Most slot lines are followed by a kind line."""
    lines = page.nonblank()
    slots = slot_lines(page)
    kinded = sum(1 for i in slots
                 if i + 1 < len(lines) and lines[i + 1][1].lower() in KIND_WORDS)
    return 3.0 if slots and kinded * 2 >= len(slots) else 0.0


def read(page: Page) -> PageRead:
    return read_slot_page(page, NAME, Kind.PAPER)._replace(series=CONFERENCE)
