"""What a user wants from a schedule, as a whole: several interests, exclusions that apply to all
of them, single talks picked or hidden, and how much each matters.

A talk is kept when any interest selects it (each interest is one `Selection`: an AND of ORs),
unless the exclusions drop it; a pick keeps a talk whatever the rules say and a hide drops it
whatever they say (a hide wins over a pick). With no interest at all every talk is in, unless
there are picks: then the picks alone are the selection ("just these talks").

Each interest and each pick has a priority, `must` or `maybe`; a talk's priority is the highest
of everything that keeps it. The plan (agenda.plan) reads it; picks are `must` by default,
interests `maybe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from .errors import OptionError
from .models import Talk
from .rules import Matcher, Selection, TextIndex

Priority = Literal["must", "maybe"]
MUST: Priority = "must"
MAYBE: Priority = "maybe"
PRIORITIES: tuple[Priority, ...] = (MUST, MAYBE)


def priority_named(value: str, option: str) -> Priority:
    word = value.strip().lower()
    if word == MUST:
        return MUST
    if word == MAYBE:
        return MAYBE
    raise OptionError(f"{option}: expected must or maybe, got {value!r}")


@dataclass(frozen=True, slots=True)
class Interest:
    """One group of rules and how much its talks matter."""

    selection: Selection
    priority: Priority = MAYBE


@dataclass(frozen=True, slots=True)
class Pick:
    """One talk named by its UID or by words of its title (a phrase, `word*` a prefix). Written
    `must:words` or `maybe:words` it carries its priority."""

    value: str
    priority: Priority = MUST
    matcher: Matcher | None = field(default=None, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str, option: str, default: Priority = MUST) -> Pick:
        value, priority = text.strip(), default
        head, colon, rest = value.partition(":")
        if colon and head.strip().lower() in PRIORITIES and rest.strip():
            value, priority = rest.strip(), priority_named(head, option)
        if not value:
            raise OptionError(f"{option}: expected a talk's UID or words of its title")
        try:
            matcher: Matcher | None = Matcher.build(value, False, option)
        except OptionError:
            matcher = None  # no words (a UID of symbols): only the UID can match
        return cls(value, priority, matcher)

    def matches(self, talk: Talk) -> bool:
        if talk.uid == self.value:
            return True
        return self.matcher is not None and self.matcher.matches(talk.title)


@dataclass(frozen=True, slots=True)
class Choice:
    """A user's whole choice. `plan` asks for a clash-free agenda (agenda.plan) with
    `room_change` between talks in different rooms; `alternatives` also writes the talks the
    plan set aside, as tentative, free-time events."""

    interests: tuple[Interest, ...] = ()
    exclude: Selection = Selection()
    picks: tuple[Pick, ...] = ()
    hides: tuple[Pick, ...] = ()
    tz: str | None = None
    plan: bool = False
    room_change: timedelta = timedelta(0)
    alternatives: bool = False

    @classmethod
    def of(cls, selection: Selection | None) -> Choice:
        """One interest, as agenda's rules were before interests could be several."""
        if selection is None or selection.is_empty():
            return cls(tz=selection.tz if selection else None)
        return cls((Interest(selection),), tz=selection.tz)

    def is_empty(self) -> bool:
        """Whether every talk is kept as it is (nothing selects, drops or plans)."""
        return not (any(not i.selection.is_empty() for i in self.interests) or self.picks
                    or self.hides or not self.exclude.is_empty() or self.plan)

    def simple(self) -> Selection | None:
        """The one Selection this choice is, when it is no more than one (so it keeps the
        identity it had before interests could be several), else None."""
        if self.picks or self.hides or not self.exclude.is_empty() or self.plan:
            return None
        if not self.interests:
            return Selection(tz=self.tz)
        if len(self.interests) == 1 and self.interests[0].priority == MAYBE:
            return self.interests[0].selection
        return None

    def identity(self) -> Selection | Choice:
        """What a history's scope names this choice by: the Selection when it is no more than
        one (so histories recorded before interests could be several still match)."""
        return self.simple() or self

    # the fields a history's scope reads (agenda.history.selection_scope)
    @property
    def days(self) -> bool:
        return any(i.selection.days for i in self.interests)

    @property
    def between(self) -> bool:
        return any(i.selection.between for i in self.interests)

    def priority(self, talk: Talk) -> Priority | None:
        """The talk's priority if the choice keeps it, else None: the one test behind select,
        explain and the plan."""
        return self._decide(talk, None)

    def explain(self, talk: Talk) -> str | None:
        """Why the talk is kept, naming the interest (by its number) or the pick that keeps it;
        None when it is not kept. One interest and no picks say what its rules said."""
        reasons: list[str] = []
        if self._decide(talk, reasons) is None:
            return None
        return "; ".join(reasons)

    def _decide(self, talk: Talk, reasons: list[str] | None) -> Priority | None:
        if any(h.matches(talk) for h in self.hides):
            return None
        picked = [p for p in self.picks if p.matches(talk)]
        priorities: list[Priority] = [p.priority for p in picked]
        if reasons is not None:
            reasons.extend(f"pick {p.value!r} ({p.priority})" for p in picked)
        if self.exclude.is_empty() or self.exclude._keeps(talk):
            live = [i for i in self.interests if not i.selection.is_empty()]
            if not live and not self.picks:
                priorities.append(MAYBE)  # no rules at all: every talk
            several = len(live) > 1 or bool(self.picks) or \
                any(i.priority == MUST for i in live)
            for number, interest in enumerate(live, 1):
                said: list[str] | None = [] if reasons is not None else None
                if interest.selection._keeps(talk, said):
                    priorities.append(interest.priority)
                    if reasons is not None and said is not None:
                        text = "; ".join(said)
                        must = " (must)" if interest.priority == MUST else ""
                        reasons.append(f"interest {number}{must}: {text}" if several else text)
                    elif interest.priority == MUST:
                        break  # nothing can raise it further
        if not priorities:
            return None
        return MUST if MUST in priorities else MAYBE

    def select(self, talks: Sequence[Talk], index: TextIndex | None = None) -> list[Talk]:
        """The talks the choice keeps, in their original order. A single interest goes through
        the index as before; several are each narrowed through it, and every candidate then
        passes the full test."""
        one = self.simple()
        if one is not None:
            return one.select(talks, index)
        live = [i for i in self.interests if not i.selection.is_empty()]
        if not live and not self.picks:
            candidates: Iterable[Talk] = talks  # every talk, less exclusions and hides
        else:
            ids: set[int] = set()
            for interest in live:
                ids.update(map(id, interest.selection.select(talks, index)))
            for pick in self.picks:
                ids.update(id(t) for t in talks if pick.matches(t))
            candidates = [t for t in talks if id(t) in ids]
        return [t for t in candidates if self._decide(t, None) is not None]

    def priorities(self, talks: Iterable[Talk]) -> dict[str, Priority]:
        """uid -> priority of kept talks (for the plan)."""
        out: dict[str, Priority] = {}
        for talk in talks:
            found = self._decide(talk, None)
            if found is not None:
                out[talk.uid] = found
        return out
