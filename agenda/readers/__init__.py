"""Page readers, one module per layout, and the detector that picks one by content.

To add a layout, write a module with NAME, DESCRIPTION, detect(page) -> score and
read(page) -> PageRead, and list it in LAYOUTS. The highest score wins; 0 means "not mine".
"""

from __future__ import annotations

from types import ModuleType

from ..errors import PageError
from ..models import Kind
from . import (
    icml_text,
    neurips_markdown,
    neurips_session,
    neurips_text,
    program,
)
from .page import Page, PageRead, decode
from .published import calendar_file, frab_xml, indico_json, schedule_json, table_file

# The general program reader comes last, with a modest score: the specialised layouts win.
LAYOUTS: tuple[ModuleType, ...] = (neurips_markdown, neurips_session, icml_text, neurips_text,
                                   calendar_file, table_file, frab_xml, schedule_json,
                                   indico_json, program)

__all__ = ["LAYOUTS", "Page", "PageRead", "decode", "detect", "read_page"]


# A structured format (a published file) that recognises a page by its first bytes is certain:
# the text layouts need not scan the lines of a 100 MB XML or JSON file to agree.
CERTAIN = 10.0


def detect(page: Page) -> ModuleType:
    """The layout that claims the page most strongly; never decided by file name."""
    sure = [(layout.detect(page), -i) for i, layout in enumerate(LAYOUTS)
            if getattr(layout, "STRUCTURED", False)]
    score, first = max(sure) if sure and max(sure)[0] >= CERTAIN else \
        max((layout.detect(page), -i) for i, layout in enumerate(LAYOUTS))
    if score <= 0:
        raise PageError("no schedule found: no times at all; agenda reads pages whose items "
                        "have times (a table with a time column, or lines like "
                        "'09:00 - 09:30 Opening')", page.path)
    return LAYOUTS[-first]


def read_page(page: Page) -> PageRead:
    """Read a page with its layout; a page whose slots hold no talk at all is an error, since it
    is almost always a truncated save."""
    read: PageRead = detect(page).read(page)
    if not any(slot.kind.is_talk for slot in read.slots):
        empty = next((s for s in read.slots if s.kind is Kind.EMPTY), read.slots[0])
        raise PageError("the slot line has no talk under it, and the page has no talks; "
                        "save the whole schedule page", page.path, empty.line)
    return read
