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
    shown,
)
from .page import Page, PageRead, decode
from .published import calendar_file, frab_xml, indico_json, schedule_json, table_file

# The general program reader comes last, with a modest score: the specialised layouts win.
LAYOUTS: tuple[ModuleType, ...] = (neurips_markdown, neurips_session, icml_text, neurips_text,
                                   calendar_file, table_file, frab_xml, schedule_json,
                                   indico_json, program)

# The layouts of the sites' text, which also read the text a saved HTML page shows.
SHOWN_TEXT: tuple[ModuleType, ...] = (neurips_session, icml_text, neurips_text)

__all__ = ["LAYOUTS", "Page", "PageRead", "decode", "detect", "read_page"]


# A structured format (a published file) that recognises a page by its first bytes is certain:
# the text layouts need not scan the lines of a 100 MB XML or JSON file to agree.
CERTAIN = 10.0


def detect(page: Page) -> ModuleType:
    """The layout that claims the page most strongly; never decided by file name."""
    return choose(page)[0]


def choose(page: Page) -> tuple[ModuleType, Page]:
    """The layout that claims the page most strongly, and the page it reads: an HTML page in
    a site's layout is read as the text it shows."""
    sure = [(layout.detect(page), -i) for i, layout in enumerate(LAYOUTS)
            if getattr(layout, "STRUCTURED", False)]
    score, first = max(sure) if sure and max(sure)[0] >= CERTAIN else \
        max((layout.detect(page), -i) for i, layout in enumerate(LAYOUTS))
    if LAYOUTS[-first] is program and (text := shown.shown(page)) is not None:
        site, index = max((layout.detect(text), -i) for i, layout in enumerate(SHOWN_TEXT))
        if site > score:
            return SHOWN_TEXT[-index], text
    if score <= 0:
        raise PageError("no schedule found: no times at all; agenda reads pages whose items "
                        "have times (a table with a time column, or lines like "
                        "'09:00 - 09:30 Opening')", page.path)
    return LAYOUTS[-first], page


def read_page(page: Page) -> PageRead:
    """Read a page with its layout; a page whose slots hold no talk at all is an error, since it
    is almost always a truncated save."""
    layout, text = choose(page)
    read: PageRead = layout.read(page) if text is page else shown.read(layout, page, text)
    if page.notices:
        read = read._replace(notices=page.notices + read.notices)
    if not any(slot.kind.is_talk for slot in read.slots):
        empty = next((s for s in read.slots if s.kind is Kind.EMPTY), read.slots[0])
        raise PageError("the slot line has no talk under it, and the page has no talks; "
                        "save the whole schedule page", page.path, empty.line)
    return read
