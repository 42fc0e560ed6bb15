"""Selection rules: which talks a user wants.

Matching is case- and accent-insensitive and on whole words (`GAN` does not find
`organization`; `Ba` finds `Jimmy Ba`, not `Shaojie Bai`). A value is one phrase
(`neural tangent kernel`); a trailing `*` makes its last word a prefix (`normaliz*`); quoted
parts (`"graph neural" attention`) must all match. With `regex` a value is a Python regular
expression instead.

Combination: the same rule given twice means OR, different rules mean AND, exclusions win.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from .errors import OptionError
from .models import Kind, Talk

KIND_NAMES = tuple(k.value for k in Kind)
_WORD = re.compile(r"\w+\*?")
_QUOTED = re.compile(r'"([^"]*)"|(\S+)')


def fold(text: str) -> str:
    """Lower case without accents: 'Dokmanić' -> 'dokmanic'."""
    if text.isascii():  # nothing to decompose: most abstracts, at C speed
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


@lru_cache(maxsize=1 << 18)
def folded_words(text: str) -> str:
    """' w1 w2 ... ' of a text, folded: whole-word, phrase and prefix tests become substring
    tests on it. Cached by the text itself, so a feed that filters the same schedule again and
    again folds each abstract once."""
    return " " + " ".join(words(text)) + " "


@lru_cache(maxsize=1 << 20)
def folded_all(texts: tuple[str, ...]) -> str:
    """The folded words of several texts, kept apart by ' ; ' so no phrase spans two."""
    return ";".join(folded_words(t) for t in texts)


@dataclass(frozen=True, slots=True)
class Matcher:
    """One rule value, compiled: padded folded phrases (with prefixes), or a regex."""

    value: str
    needles: tuple[str, ...] = ()
    pattern: Any = None  # a compiled RE2 pattern: .search in time linear in the text

    @classmethod
    def build(cls, value: str, regex: bool, option: str) -> Matcher:
        if regex:
            return cls(value, pattern=linear_pattern(value, option))
        parts = [q or w for q, w in _QUOTED.findall(value)] if '"' in value else [value]
        phrases = [_WORD.findall(fold(p)) for p in parts]
        needles = tuple(_needle(p) for p in phrases if p)
        if not needles:
            raise OptionError(f"{option}: {value!r} has no words to match")
        return cls(value, needles=needles)

    def matches(self, text: str) -> bool:
        if self.pattern is not None:
            return bool(self.pattern.search(text) or self.pattern.search(fold(text)))
        haystack = folded_words(text)
        return all(needle in haystack for needle in self.needles)

    def matches_any(self, texts: tuple[str, ...]) -> bool:
        """Whether any one of `texts` matches (a phrase never spans two of them)."""
        if self.pattern is not None:
            return any(self.matches(t) for t in texts)
        haystack = folded_all(texts)
        return any(all(needle in part for needle in self.needles)
                   for part in haystack.split(";")) if len(self.needles) > 1 else \
            self.needles[0] in haystack


MAX_PATTERN = 1000  # characters of a user's regular expression
PATTERN_MEMORY = 8 << 20  # bytes RE2 may use for one compiled pattern


def linear_pattern(value: str, option: str) -> Any:
    """A user's regular expression compiled by RE2, whose matching time is linear in the text
    and whose memory is bounded, so no pattern can stall a server (Python's `re` backtracks:
    `(\\w+)*!` over a long word never returns). Case is ignored. Syntax RE2 refuses (a
    backreference, a lookaround) is a one-line error."""
    import re2

    if len(value) > MAX_PATTERN:
        raise OptionError(f"{option}: the regular expression is over {MAX_PATTERN} characters")
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = False
    options.max_mem = PATTERN_MEMORY
    try:
        return re2.compile(value, options)
    except re2.error as exc:
        shown = value if len(value) <= 60 else value[:60] + "..."
        raise OptionError(f"{option}: invalid regular expression {shown!r}: "
                          f"{_why_invalid(value, exc)}") from None


def _why_invalid(value: str, exc: Exception) -> str:
    """Python's explanation where it has one (it names the position), else RE2's. Python's
    parser recurses once per group: a deeply nested pattern is explained by RE2 alone."""
    try:
        if value.count("(") > 50:
            raise RecursionError
        re.compile(value)
    except re.error as python:
        return str(python)
    except (RecursionError, OverflowError, MemoryError):
        pass
    said = exc.args[0] if exc.args else str(exc)
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    return text.split(":", 1)[0] + " (agenda's regular expressions are RE2: no backreferences " \
        "or lookarounds)"


def _needle(phrase: list[str]) -> str:
    """' w1 w2 ' for a phrase; a trailing '*' leaves the last word open: ' w1 pre'."""
    *head, last = [w.rstrip("*") if w.endswith("*") else w for w in phrase]
    prefix = phrase[-1].endswith("*")
    # a '*' inside the phrase is a prefix only at the end; elsewhere words must be whole
    return " " + " ".join([*head, last]) + ("" if prefix else " ")


@dataclass(frozen=True, slots=True)
class Selection:
    """A user's rules. Empty tuples mean 'no rule of this kind'; `tz` is the zone in which
    `days` and `between` are read (None: each talk's own zone)."""

    keywords: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    days: tuple[date, ...] = ()
    between: tuple[tuple[time, time], ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    exclude_authors: tuple[str, ...] = ()
    exclude_tracks: tuple[str, ...] = ()
    regex: bool = False
    tz: str | None = None
    conferences: tuple[str, ...] = ()
    exclude_conferences: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for kind in self.kinds:
            if kind not in KIND_NAMES:
                raise OptionError(f"--kind: unknown kind {kind!r}; choose from "
                                  f"{', '.join(KIND_NAMES)}")
        for name in ("keywords", "authors", "tracks", "exclude_keywords", "exclude_authors",
                     "exclude_tracks", "conferences", "exclude_conferences"):
            for value in getattr(self, name):
                self._matcher(name, value)  # validate early: a bad regex is an error up front

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("regex", "tz"))

    def _matcher(self, name: str, value: str) -> Matcher:
        return _compiled(value, self.regex, "--" + name.rstrip("s").replace("_", "-"))

    def _match(self, name: str, talk: Talk) -> list[str]:
        """The values of rule `name` that match `talk`."""
        texts = _TEXTS[name.replace("exclude_", "")](talk)
        return [v for v in getattr(self, name) if self._matcher(name, v).matches_any(texts)]

    def explain(self, talk: Talk) -> str | None:
        """Why `talk` is selected ('' when there are no rules), or None when it is not."""
        reasons: list[str] = []
        return "; ".join(reasons) if self._keeps(talk, reasons) else None

    def _keeps(self, talk: Talk, reasons: list[str] | None = None) -> bool:
        """The one test of every rule, shared by explain, select and the indexed selection.
        Cheap rules first; with `reasons`, each rule that held says why, in a fixed order."""
        said: list[tuple[int, str]] = []
        if self.kinds:
            if talk.kind.value not in self.kinds:
                return False
            said.append((3, f"kind {talk.kind.value}"))
        if self.days or self.between:
            zone = ZoneInfo(self.tz or talk.zone)
            start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
            if self.days:
                if start.date() not in self.days:
                    return False
                said.append((4, f"day {start.date().isoformat()}"))
            if self.between:
                window = next((w for w in self.between if _inside(start, end, w)), None)
                if window is None:
                    return False
                said.append((5, f"between {window[0]:%H:%M}-{_end_text(window[1])}"))
        for order, (name, label) in ((6, ("conferences", "conference")), (2, ("tracks", "track")),
                                     (1, ("authors", "author")), (0, ("keywords", "keyword"))):
            if getattr(self, name):
                hits = self._match(name, talk)
                if not hits:
                    return False
                said.append((order, f"{label} {' | '.join(repr(h) for h in hits)}"))
        for name in ("exclude_conferences", "exclude_tracks", "exclude_authors",
                     "exclude_keywords"):
            if getattr(self, name) and self._match(name, talk):
                return False
        if reasons is not None:
            reasons.extend(text for _, text in sorted(said))
        return True

    def select(self, talks: Iterable[Talk], index: TextIndex | None = None) -> list[Talk]:
        """The talks the rules keep, in their original order. With an `index` of exactly these
        talks, kinds, tracks and authors narrow the candidates through it first (a server
        selecting again and again from one schedule); every candidate then passes the same
        test as without it."""
        if self.is_empty():
            return list(talks)
        if index is not None and index.talks is talks:
            talks = self._candidates(index)
        return [talk for talk in talks if self._keeps(talk)]

    def _tests(self, names: Sequence[str]) -> list[tuple[str, list[Matcher]]]:
        tests = [(name, [self._matcher(name, v) for v in getattr(self, name)]) for name in names]
        return [(name, ms) for name, ms in tests if ms]

    def _candidates(self, index: TextIndex) -> list[Talk]:
        """The talks that kinds, tracks and authors can keep, found through the index: a
        superset of what the rules keep (never fewer), so the full test decides."""
        talks = index.talks
        chosen = index.of_kinds(self.kinds) if self.kinds else None
        for name, matchers in self._tests(("tracks", "authors")):
            found = index.matching(name, matchers, chosen)
            chosen = found if chosen is None else chosen & found
        return list(talks) if chosen is None else [talks[i] for i in sorted(chosen)]


def _inside(start: datetime, end: datetime, window: tuple[time, time]) -> bool:
    if start.time() < window[0]:
        return False
    if end.date() > start.date():
        return window[1] == time.max and end.time() == time(0, 0) and \
            (end.date() - start.date()).days == 1
    return end.time() <= window[1]


def _end_text(moment: time) -> str:
    return "24:00" if moment == time.max else f"{moment:%H:%M}"


class TextIndex:
    """Author and track texts of one fixed list of talks, folded and joined per field, so a
    name or track is found with a few str.find passes over one short string instead of a test
    per talk. Keywords stay talk by talk (after the cheaper rules have narrowed the talks): a
    common word over every abstract is no faster to find in one long string. Built once per
    schedule version by a server; building it folds every text the rules read, so the first
    request is as fast as the rest."""

    def __init__(self, talks: Sequence[Talk]) -> None:
        self.talks = talks
        self._kinds: dict[str, set[int]] = {}
        for i, talk in enumerate(talks):
            self._kinds.setdefault(talk.kind.value, set()).add(i)
        self._fields: dict[str, tuple[str, list[int]]] = {}
        for name, texts in _TEXTS.items():
            folded = [folded_all(texts(talk)) for talk in talks]
            if name in ("authors", "tracks"):
                starts, at = [], 0
                for text in folded:
                    starts.append(at)
                    at += len(text) + 1
                self._fields[name] = ("\n".join(folded), starts)

    def of_kinds(self, kinds: Iterable[str]) -> set[int]:
        return set().union(*(self._kinds.get(k, set()) for k in kinds))

    def matching(self, field: str, matchers: Sequence[Matcher],
                 among: set[int] | None) -> set[int]:
        """Indexes of talks that any matcher matches in `field`: all of them, or at least
        those of `among` (the only ones the caller still wants)."""
        found: set[int] = set()
        few = among is not None and len(among) * 16 < len(self.talks)
        for matcher in matchers:
            if matcher.pattern is None and len(matcher.needles) == 1 and not few \
                    and field in self._fields:
                found |= self._find(field, matcher.needles[0])
            else:  # a regex, parts that must share one text, keywords, or few talks left
                candidates = range(len(self.talks)) if among is None else among
                found |= {i for i in candidates
                          if matcher.matches_any(_TEXTS[field](self.talks[i]))}
        return found

    def _find(self, field: str, needle: str) -> set[int]:
        haystack, starts = self._fields[field]
        found: set[int] = set()
        at = haystack.find(needle)
        while at >= 0:
            talk = bisect_right(starts, at) - 1
            found.add(talk)
            # needles hold no '\n', so none spans two talks: go on with the next talk
            at = haystack.find(needle, starts[talk + 1]) if talk + 1 < len(starts) else -1
        return found


_TEXTS: dict[str, Callable[[Talk], tuple[str, ...]]] = {
    "keywords": lambda t: (t.title, t.abstract),
    "authors": lambda t: t.authors,
    "tracks": lambda t: (t.track,),
    "conferences": lambda t: (t.conference,),
}
_CACHE: dict[tuple[str, bool, str], Matcher] = {}


def _compiled(value: str, regex: bool, option: str) -> Matcher:
    key = (value, regex, option)
    if key not in _CACHE:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = Matcher.build(value, regex, option)
    return _CACHE[key]
