"""Page readers, one module per layout, and the detector that picks one by content.

To add a layout, write a module with NAME, DESCRIPTION, detect(page) -> score and
read(page) -> PageRead, and list it in LAYOUTS. The highest score wins; 0 means "not mine".
"""

from __future__ import annotations

from types import ModuleType

from ..errors import PageError
from . import icml_text, neurips_markdown, neurips_session, neurips_text
from .page import Page, PageRead, decode

LAYOUTS: tuple[ModuleType, ...] = (neurips_markdown, neurips_session, icml_text, neurips_text)

__all__ = ["LAYOUTS", "Page", "PageRead", "decode", "detect", "read_page"]


def detect(page: Page) -> ModuleType:
    """The layout that claims the page most strongly; never decided by file name."""
    best = max(LAYOUTS, key=lambda layout: layout.detect(page))
    if best.detect(page) <= 0:
        known = "; ".join(layout.DESCRIPTION for layout in LAYOUTS)
        raise PageError(f"no known schedule layout found (known: {known})", page.path)
    return best


def read_page(page: Page) -> PageRead:
    return detect(page).read(page)  # type: ignore[no-any-return]
