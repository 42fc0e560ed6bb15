"""JSON documents for the published-schedule readers: parsed once per page (the detectors and
the reader share it), bounded in size, and every failure an agenda error with its line.
"""

from __future__ import annotations

import json
from typing import Any

from ...errors import PageError
from ..page import Page
from .events import check_size


def looks_like_json(page: Page) -> bool:
    return page.text.lstrip()[:1] in ("{", "[")


def _parse(page: Page) -> Any:
    try:
        check_size(page, "JSON schedule")
        return json.loads(page.text)
    except PageError as exc:
        return exc
    except json.JSONDecodeError as exc:
        return PageError(f"malformed JSON: {exc.msg} (column {exc.colno})", page.path,
                         exc.lineno)
    except (ValueError, RecursionError) as exc:  # digits beyond Python's limit, deep nesting
        return PageError(f"unreadable JSON: {str(exc).split(':')[0]}", page.path)


def document(page: Page) -> Any:
    """The page's JSON value, or the PageError that says why it has none (parsed once)."""
    return page.remember("published.json", lambda: _parse(page))


def load(page: Page) -> Any:
    found = document(page)
    if isinstance(found, PageError):
        raise found
    return found


class Locator:
    """Line numbers for values of a JSON document (the json module keeps none): each value is
    looked for after the previous one, since readers walk the document in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.line = 1

    def line_of(self, value: str) -> int:
        if not value:
            return self.line
        found = -1
        for ascii_only in (False, True):
            found = self.text.find(json.dumps(value, ensure_ascii=ascii_only)[1:-1], self.at)
            if found >= 0:
                break
        if found < 0:
            return self.line
        self.line += self.text.count("\n", self.at, found)
        self.at = found
        return self.line
