"""A Markdown agenda to read and print: one section per day in the reader's zone, each talk with
its time, title, authors, kind and track, and overlapping talks flagged as conflicts.

Text from pages is escaped so that `|`, `*`, `_`, `<` or backticks in a title (`$L_2$`) never
turn into markup: the output is valid CommonMark whatever the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .conflicts import overlaps
from .models import Status, Talk
from .plan import Plan, attending, tight
from .text import one_line

if TYPE_CHECKING:
    from .pipeline import ExportOptions

_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?\w+;))")
_LEADING = re.compile(r"^([-+=#])|^(\d+)([.)])")
# A URL shown as an autolink only when it cannot break out of one.
_SAFE_URL = re.compile(r"^https?://[^\s<>`\\]{1,2000}$")
_LABEL = {"break": "Break", "q&a": "Q&amp;A", "empty": "Empty slot"}


@lru_cache(maxsize=1 << 16)
def escape(text: str) -> str:
    """Plain text as CommonMark inline text (cached: titles and tracks recur as conflicts)."""
    text = _INLINE.sub(r"\\\1", one_line(text))
    return _LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _span(start: datetime, end: datetime) -> str:
    # Integer formatting: strftime costs a microsecond a call, and a conflict-rich agenda has
    # several spans a talk.
    until = f"{end.hour:02d}:{end.minute:02d}"
    if end.date() != start.date():
        until = f"{end:%a} {until}"
    return f"{start.hour:02d}:{start.minute:02d}–{until}"


def _zone_names(talks: Sequence[Talk], zone: ZoneInfo) -> str:
    names = sorted({t.start.astimezone(zone).tzname() or "" for t in talks} - {""})
    return f"{zone.key} ({'/'.join(names)})" if names and names != [zone.key] else zone.key


def write_markdown(talks: Sequence[Talk], tz: str, title: str) -> bytes:
    """The agenda of `talks` (in time order) shown in zone `tz`."""
    return b"".join(iter_markdown(talks, tz, title))


def stream(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, zone: str
           ) -> Iterator[bytes]:
    """The registry's writer (see agenda.formats)."""
    return iter_markdown(talks, zone, options.calendar_name, options.plan)


def iter_markdown(talks: Sequence[Talk], tz: str, title: str, plan: Plan | None = None
                  ) -> Iterator[bytes]:
    """The same agenda as one chunk per day, so a large export streams to disk. With a plan,
    each kept talk lists the alternatives set aside for it, and only what still overlaps (two
    must-see talks) is flagged."""
    zone = ZoneInfo(tz)
    clashes = overlaps(attending(talks, plan))
    count = sum(t.is_talk for t in talks)
    out = [f"# {escape(title) or 'Conference agenda'}", "",
           f"Times are in {_zone_names(talks, zone)}. {count} talk{'s' * (count != 1)}"
           + (f", {len(clashes)} in conflict (marked ⚠)." if clashes else "."), ""]
    if not talks:
        out += ["No talks were selected.", ""]
    for day, group in groupby(talks, key=lambda t: t.start.astimezone(zone).date()):
        if len(out) > 1:
            yield ("\n".join(out) + "\n").encode("utf-8")
            out = []
        out += [f"## {day:%A}, {day.day} {day:%B %Y}", ""]
        for talk in group:
            start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
            line = f"- **{_span(start, end)}** "
            if not talk.is_talk:
                label = _LABEL[talk.kind.value]
                named = talk.title and talk.title.lower() != talk.kind.value
                out.append(line + (f"{escape(talk.title)} *({label})*" if named else f"*{label}*"))
                continue
            cancelled = talk.status is Status.CANCELLED
            line += f"~~{escape(talk.title)}~~ (cancelled)" if cancelled else escape(talk.title)
            if plan is not None and talk.uid in plan.alternative_to:
                line += " *(alternative)*"
            out.append(line + "  ")
            details = [escape(", ".join(talk.authors))] if talk.authors else []
            details += [talk.kind.value.capitalize()] + ([escape(talk.track)] if talk.track else [])
            details += [escape(talk.room)] if talk.room else []
            details += [f"<{talk.url}>"] if talk.url and _SAFE_URL.match(talk.url) else []
            out.append("  " + " · ".join(details))
            clash = clashes.get(talk.uid)
            for other in clash.first if clash else ():
                when = _span(other.start.astimezone(zone), other.end.astimezone(zone))
                where = f" ({escape(other.track)})" if other.track else ""
                out.append(f"  ⚠ conflicts with **{when}** {escape(other.title)}{where}")
            if clash and clash.count > len(clash.first):
                out.append(f"  ⚠ and {clash.count - len(clash.first)} more")
            for first, other in plan.clashes if plan is not None else ():
                if first.uid == talk.uid and tight(first, other):
                    when = _span(other.start.astimezone(zone), other.end.astimezone(zone))
                    out.append(f"  ⚠ too little time to change rooms before **{when}** "
                               f"{escape(other.title)}")
            for other in plan.alternatives.get(talk.uid, ()) if plan is not None else ():
                when = _span(other.start.astimezone(zone), other.end.astimezone(zone))
                where = f" ({escape(other.room or other.track)})" if other.room or other.track \
                    else ""
                out.append(f"  ↳ alternative: **{when}** {escape(other.title)}{where}")
        out.append("")
    yield ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")
