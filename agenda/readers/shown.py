"""The text a saved HTML page shows, for the layouts that read a site's text.

A user who saves a NeurIPS or ICML virtual-site page as "Web page, HTML only" has the same
slots in markup that a text save has in lines. Rendering the page as a browser shows it (one
line per block: headings, paragraphs, list items, table rows) lets those layouts read it
unchanged, and each line keeps the number of the source line it came from.
"""

from __future__ import annotations

from types import ModuleType

from .page import Page, PageRead
from .program import page_blocks
from .program.blocks import is_html_document
from .slot_text import HEADING_YEAR


def shown(page: Page) -> Page | None:
    """The page as the lines a browser shows, or None when it is not an HTML document."""
    if not is_html_document(page.text):
        return None
    blocks = [b for b in page_blocks(page) if b.kind != "aside"]
    lines = tuple(b.text.strip() for b in blocks)
    return Page(page.path, lines, "\n".join(lines), numbers=tuple(b.line for b in blocks))


def read(layout: ModuleType, page: Page, text: Page) -> PageRead:
    """The shown text read by a site's layout. A saved page's <title> ("NeurIPS 2020 ...")
    names the conference's year when its content does not."""
    found: PageRead = layout.read(text)
    if found.heading_year is None:
        for block in page_blocks(page):
            if block.kind == "aside" and (m := HEADING_YEAR.search(block.text)):
                return found._replace(heading_year=int(m.group("year")))
    return found
