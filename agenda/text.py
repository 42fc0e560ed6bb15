"""Cleaning text before any writer sees it, so no input can smuggle in structure.

Pages are copied from browsers and may carry CR, NUL, U+2028 and other controls. Writers escape
what their format needs; these helpers make sure what they escape is plain text to begin with.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff\ufff9-\ufffb]")
_SPACE = re.compile(r"[ \t]+")


def multi_line(text: str) -> str:
    """Paragraphs kept as '\\n', every other control removed, tabs as spaces."""
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()


def one_line(text: str) -> str:
    """A single line: breaks become spaces, controls are removed, spaces collapsed."""
    return _SPACE.sub(" ", _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("\t", " ")).strip()
