"""NeurIPS 'Session' text: slot line, then a kind line (Oral, Spotlight, Break, Q&A) (seed 003)."""

from __future__ import annotations

from ..models import Kind
from .page import Page, PageRead
from .slot_text import KIND_WORDS, match_slot, read_slot_page

NAME = "neurips-session"
CONFERENCE = "NeurIPS"
DESCRIPTION = "NeurIPS session text (slot line, then 'Oral' / 'Spotlight' / 'Break' / 'Q&A')"


def detect(page: Page) -> float:
    """Most slot lines are followed by a kind line."""
    lines = [s for s in page.lines if s]
    slots = kinded = 0
    for i, s in enumerate(lines[:-1]):
        if match_slot(s):
            slots += 1
            kinded += lines[i + 1].lower() in KIND_WORDS
    return 3.0 if slots and kinded * 2 >= slots else 0.0


def read(page: Page) -> PageRead:
    return read_slot_page(page, NAME, Kind.PAPER)
