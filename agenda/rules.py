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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from .errors import OptionError
from .models import Kind, Talk

KIND_NAMES = tuple(k.value for k in Kind)
_WORD = re.compile(r"\w+\*?")
_QUOTED = re.compile(r'"([^"]*)"|(\S+)')


def fold(text: str) -> str:
    """Lower case without accents: 'Dokmanić' -> 'dokmanic'."""
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
    pattern: re.Pattern[str] | None = None

    @classmethod
    def build(cls, value: str, regex: bool, option: str) -> Matcher:
        if regex:
            try:
                return cls(value, pattern=re.compile(value, re.IGNORECASE))
            except re.error as exc:
                raise OptionError(
                    f"{option}: invalid regular expression {value!r}: {exc}") from None
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

    def __post_init__(self) -> None:
        for kind in self.kinds:
            if kind not in KIND_NAMES:
                raise OptionError(f"--kind: unknown kind {kind!r}; choose from "
                                  f"{', '.join(KIND_NAMES)}")
        for name in ("keywords", "authors", "tracks", "exclude_keywords", "exclude_authors",
                     "exclude_tracks"):
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
        reasons = []
        for name, label in (("keywords", "keyword"), ("authors", "author"), ("tracks", "track")):
            if getattr(self, name):
                hits = self._match(name, talk)
                if not hits:
                    return None
                reasons.append(f"{label} {' | '.join(repr(h) for h in hits)}")
        if self.kinds:
            if talk.kind.value not in self.kinds:
                return None
            reasons.append(f"kind {talk.kind.value}")
        if self.days or self.between:
            zone = ZoneInfo(self.tz or talk.zone)
            start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
            if self.days:
                if start.date() not in self.days:
                    return None
                reasons.append(f"day {start.date().isoformat()}")
            if self.between:
                window = next((w for w in self.between if _inside(start, end, w)), None)
                if window is None:
                    return None
                reasons.append(f"between {window[0]:%H:%M}-{_end_text(window[1])}")
        for name in ("exclude_keywords", "exclude_authors", "exclude_tracks"):
            if getattr(self, name) and self._match(name, talk):
                return None
        return "; ".join(reasons)

    def select(self, talks: Iterable[Talk]) -> list[Talk]:
        """The talks the rules keep, in their original order (cheap rules are tried first)."""
        if self.is_empty():
            return list(talks)
        kinds = set(self.kinds)
        tests = [(name, [self._matcher(name, v) for v in getattr(self, name)])
                 for name in ("tracks", "authors", "keywords")]
        tests = [(name, ms) for name, ms in tests if ms]
        excludes = [(name, [self._matcher(name, v) for v in getattr(self, name)])
                    for name in ("exclude_tracks", "exclude_authors", "exclude_keywords")]
        excludes = [(name, ms) for name, ms in excludes if ms]
        kept = []
        for talk in talks:
            if kinds and talk.kind.value not in kinds:
                continue
            if (self.days or self.between) and not self._in_time(talk):
                continue
            if not all(_any_match(ms, _TEXTS[name](talk)) for name, ms in tests):
                continue
            if any(_any_match(ms, _TEXTS[name.replace("exclude_", "")](talk))
                   for name, ms in excludes):
                continue
            kept.append(talk)
        return kept

    def _in_time(self, talk: Talk) -> bool:
        zone = ZoneInfo(self.tz or talk.zone)
        start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
        if self.days and start.date() not in self.days:
            return False
        return not self.between or any(_inside(start, end, w) for w in self.between)


def _inside(start: datetime, end: datetime, window: tuple[time, time]) -> bool:
    if start.time() < window[0]:
        return False
    if end.date() > start.date():
        return window[1] == time.max and end.time() == time(0, 0) and \
            (end.date() - start.date()).days == 1
    return end.time() <= window[1]


def _end_text(moment: time) -> str:
    return "24:00" if moment == time.max else f"{moment:%H:%M}"


def warm(talks: Iterable[Talk]) -> None:
    """Fold every text the rules look at now, so the first selection is as fast as the rest
    (a server does this in the background after each reload)."""
    for talk in talks:
        for texts in _TEXTS.values():
            folded_all(texts(talk))


def _any_match(matchers: Sequence[Matcher], texts: tuple[str, ...]) -> bool:
    return any(m.matches_any(texts) for m in matchers)


_TEXTS: dict[str, Callable[[Talk], tuple[str, ...]]] = {
    "keywords": lambda t: (t.title, t.abstract),
    "authors": lambda t: t.authors,
    "tracks": lambda t: (t.track,),
}
_CACHE: dict[tuple[str, bool, str], Matcher] = {}


def _compiled(value: str, regex: bool, option: str) -> Matcher:
    key = (value, regex, option)
    if key not in _CACHE:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = Matcher.build(value, regex, option)
    return _CACHE[key]
