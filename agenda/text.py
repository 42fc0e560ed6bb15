"""Cleaning text before any writer sees it, so no input can smuggle in structure.

Pages are copied from browsers and may carry CR, NUL, U+2028 and other controls. Writers escape
what their format needs; these helpers make sure what they escape is plain text to begin with.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Controls, and the invisible bidirectional controls that reorder how text is shown (U+061C,
# U+200E/F, U+202A-E, U+2066-9): a title must read in a calendar as it reads on the page.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff\ufff9-\ufffb"
                       "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[ \t]+")


def _plain(flat: str) -> bool:
    """True when cleaning would not change this line. str.isprintable() is False for every
    control, format and line/paragraph separator character (and for a few harmless ones, which
    then take the slow path); it runs in C, and a character-class regex is much slower."""
    return flat.isprintable() and "  " not in flat and flat[:1] != " " and flat[-1:] != " "


def multi_line(text: str) -> str:
    """Paragraphs kept as '\\n', every other control removed, tabs as spaces."""
    if _plain(text.replace("\n", "")) and "\n " not in text and " \n" not in text:
        return text.strip("\n")
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()


@lru_cache(maxsize=1 << 16)
def one_line(text: str) -> str:
    """A single line: breaks become spaces, controls are removed, spaces collapsed."""
    if _plain(text):
        return text
    return _SPACE.sub(" ", _CONTROLS.sub("", _BREAKS.sub(" ", text)).replace("\t", " ")).strip()


def fold(text: str) -> str:
    """Case, compatibility forms (full-width letters, ligatures) and runs of spaces folded
    away: what a word is, not how it was typed. Kind names, statuses and talk identities are
    compared this way."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
