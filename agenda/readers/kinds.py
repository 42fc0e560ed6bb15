"""The words schedules use for kinds of item: one vocabulary for every reader.

A frab `<type>`, a CSV "Type" column, an iCalendar CATEGORY, a program page's "Coffee break"
row and a pretalx submission type all name kinds in the same words, so they read the same way
whatever the format (a lightning talk is the same kind in a pretalx file and on a workshop's
page). Two questions are asked of the vocabulary: which kind a whole value names (`named`: a
category, a type cell, agenda's own "[Oral] " label), and which kind the first kind word of a
text says (`found_in`: "Lightning talks", "Coffee break & posters").

The sites' own kind lines (NeurIPS "Oral", "Spotlight" under a slot line) are a layout's
grammar, not this vocabulary: see `slot_text.KIND_WORDS`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Kind
from ..text import fold
from ..wording import KIND_LABEL

# Words that name a kind wherever they stand. At one place in a text the longest wins
# ("invited talk" over "invited", "paper presentation" over nothing); a plural reads as its
# singular ("Posters", "Keynotes", "Lunches").
WORDS: tuple[tuple[str, Kind], ...] = (
    ("break", Kind.BREAK), ("coffee", Kind.BREAK), ("lunch", Kind.BREAK),
    ("breakfast", Kind.BREAK), ("pause", Kind.BREAK), ("registration", Kind.BREAK),
    ("dinner", Kind.SOCIAL), ("reception", Kind.SOCIAL), ("social", Kind.SOCIAL),
    ("networking", Kind.SOCIAL), ("banquet", Kind.SOCIAL), ("party", Kind.SOCIAL),
    ("concert", Kind.SOCIAL),
    ("opening", Kind.OPENING), ("closing", Kind.OPENING), ("welcome", Kind.OPENING),
    ("introduction", Kind.OPENING), ("concluding", Kind.OPENING), ("remarks", Kind.OPENING),
    ("award", Kind.OPENING), ("ceremony", Kind.OPENING),
    ("keynote", Kind.KEYNOTE), ("plenary", Kind.KEYNOTE),
    ("invited talk", Kind.INVITED), ("invited speaker", Kind.INVITED), ("invited", Kind.INVITED),
    ("panel", Kind.PANEL), ("podium", Kind.PANEL), ("fireside", Kind.PANEL),
    ("round table", Kind.PANEL), ("roundtable", Kind.PANEL), ("discussion", Kind.PANEL),
    ("tutorial", Kind.TUTORIAL), ("training", Kind.TUTORIAL),
    ("workshop", Kind.WORKSHOP), ("hands-on", Kind.WORKSHOP),
    ("poster", Kind.POSTER),
    # a short talk, as NeurIPS's spotlights are
    ("spotlight", Kind.SPOTLIGHT), ("lightning", Kind.SPOTLIGHT),
    ("oral", Kind.ORAL), ("contributed talk", Kind.ORAL), ("paper presentation", Kind.ORAL),
    ("lecture", Kind.TALK), ("talk", Kind.TALK),
    ("q&a", Kind.QA),
)
# Words that name a kind only as a whole value: a type column saying "Paper" or "Session"
# means it, a title merely containing them ("Best Paper Award") does not.
_VALUES: dict[str, Kind] = {
    "paper": Kind.PAPER, "papers": Kind.PAPER, "session": Kind.TALK, "presentation": Kind.TALK,
    "empty": Kind.EMPTY, "empty slot": Kind.EMPTY, "social event": Kind.SOCIAL,
    # the same labels in the other languages conference sites publish in ('[charla] ...')
    "charla": Kind.TALK, "ponencia": Kind.TALK, "vortrag": Kind.TALK, "vorträge": Kind.TALK,
    "exposé": Kind.TALK, "palestra": Kind.TALK,
    "taller": Kind.WORKSHOP, "atelier": Kind.WORKSHOP, "oficina": Kind.WORKSHOP,
    "lab": Kind.WORKSHOP, "practical": Kind.WORKSHOP,
}
_NAMED: dict[str, Kind] = {
    **{label.casefold(): kind for kind, label in KIND_LABEL.items()},
    **{word: kind for word, kind in WORDS}, **_VALUES,
}
_SEARCH = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w, _ in sorted(WORDS, key=lambda p: -len(p[0])))
    + r")(?:e?s)?(?![a-z])(?!-out)", re.IGNORECASE | re.ASCII)  # a break-out works
_BY_WORD = dict(WORDS)


# Words that join kind words in one value ("Coffee & tea", "Lunch and posters").
_JOINERS = frozenset(("and", "&", "+", "/", "-", "with"))


@lru_cache(maxsize=4096)
def named(text: str) -> Kind | None:
    """The kind a whole value names, if any: a kind word ('Keynotes', 'Q&A') or kind words
    only, the first deciding ('Coffee Break', 'Lightning talks', 'Poster session'). A value
    with any other word ('Best Paper Award') names none."""
    low = fold(text)
    kind = _single(low)
    if kind is not None or " " not in low:
        return kind
    words = [w for w in low.split() if w not in _JOINERS]
    found = [_single(w) for w in words]
    return found[0] if words and all(found) else None


def _single(low: str) -> Kind | None:
    """A folded value that is one vocabulary entry, singular or plural."""
    kind = _NAMED.get(low)
    if kind is None and low.endswith("s"):
        kind = _NAMED.get(low[:-1]) or (_NAMED.get(low[:-2]) if low.endswith("es") else None)
    return kind


@lru_cache(maxsize=4096)
def found_in(text: str) -> Kind | None:
    """The kind the first kind word of a text names ('Lightning talks' a spotlight, 'Lunch
    break' a break, 'Talk + Q&A' a talk)."""
    m = _SEARCH.search(text)
    return _BY_WORD[_word(m)] if m else None


def _word(m: re.Match[str]) -> str:
    """The vocabulary word a match found, without the plural ending the pattern allows."""
    found = m.group(0).lower()
    if found in _BY_WORD:
        return found
    return found[:-1] if found[:-1] in _BY_WORD else found[:-2]


# Kinds a title names by starting with them ('Keynote: ...', 'Coffee & cake'); a title merely
# starting with 'Poster' or 'Oral' ('Oral history of ...') is a talk's.
_TITLE_LEADS = frozenset((Kind.BREAK, Kind.KEYNOTE, Kind.PANEL, Kind.OPENING, Kind.WORKSHOP,
                          Kind.SOCIAL))


# Words after a leading kind that show it is the kind, not a word of the title.
_APART = frozenset(("by", "with", "on", "about", "and", "for", "of"))


# Kinds a short title's last word names ('Conference dinner', 'Industry panel'); breaks are
# told by titles made only of break words (a title 'Raw breaks' is about line breaks).
_TITLE_HEADS = frozenset((Kind.SOCIAL, Kind.OPENING, Kind.PANEL, Kind.KEYNOTE, Kind.TUTORIAL,
                          Kind.WORKSHOP, Kind.POSTER))


def of_title(title: str) -> Kind | None:
    """The kind a published event's title says, when its file gives no type: a short title
    whose last word is the kind, the head of its phrase ('Conference dinner', 'Welcome
    reception'); a title of kind words only ('Coffee Break', 'Lightning talks'); a plain kind
    set apart at its start ('Keynote: ...', 'Panel with ...'). 'Panel data methods' says
    none."""
    words = title.split()
    head = named(words[-1]) if 1 < len(words) <= 4 else None
    if head in _TITLE_HEADS:
        return head
    kind = named(title)
    if kind is not None:
        return kind
    stripped = title.lstrip()
    m = _SEARCH.match(stripped)
    kind = _BY_WORD[_word(m)] if m else None
    if kind not in _TITLE_LEADS:
        return None
    assert m is not None
    rest = stripped[m.end():].lstrip()
    following = rest.split()[0] if rest else ""
    apart = not rest or rest[0] in ":-–—(,|/&+" or following.lower() in _APART \
        or named(following) is not None  # 'Coffee Break and ...'
    return kind if apart else None
