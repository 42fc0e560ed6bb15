"""iCalendar content lines, read in one linear pass: unfolding, parameters, escapes, and the
components they make (the calendar, its events, its VTIMEZONE spans).

`icalendar.Calendar.from_ical` builds a typed object for every property; a large conference's
calendar would take longer to parse that way than agenda takes to read and write it. What
needs the library (a VTIMEZONE's rules, recurrences) is handed the raw lines of its component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import PageError
from ..page import Page

# Events in one file: a bound for hostile input.
MAX_EVENTS = 250_000
_ESCAPES = {"n": "\n", "N": "\n"}
_UNESCAPE = re.compile(r"\\(.)")

Props = dict[str, list[tuple[str, str]]]  # NAME -> [(raw parameters, raw value)]


@dataclass(slots=True)
class Event:
    props: Props
    line: int
    span: tuple[int, int]  # indices of its BEGIN and END in the unfolded lines


@dataclass(slots=True)
class Calendar:
    lines: list[str]
    calendar: Props = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    zones: dict[str, tuple[int, int]] = field(default_factory=dict)  # TZID -> span
    loose: int = 0  # lines without a colon, read as part of the value before them


def _unfolded(text: str) -> tuple[list[str], list[int]]:
    """The logical lines (folding undone) and the physical line each begins on."""
    physical = text.split("\n")
    numbers = [1]
    numbers.extend(i for i, s in enumerate(physical[1:], 2) if not s.startswith((" ", "\t")))
    lines = text.replace("\n ", "").replace("\n\t", "").split("\n")
    if len(lines) != len(numbers):  # cannot happen; keep errors pointing somewhere sane
        numbers = list(range(1, len(lines) + 1))
    return lines, numbers


def split_line(line: str) -> tuple[str, str, str] | None:
    """(NAME, raw parameters, value) of a content line; None when it has no colon."""
    colon = line.find(":")
    if colon < 0:
        return None
    semi = line.find(";", 0, colon)
    if semi < 0:
        return line[:colon].strip().upper(), "", line[colon + 1:]
    if '"' in line[semi:colon]:
        quoted = False
        for i in range(semi, len(line)):
            char = line[i]
            if char == '"':
                quoted = not quoted
            elif char == ":" and not quoted:
                colon = i
                break
        else:
            return None
    return line[:semi].strip().upper(), line[semi + 1:colon], line[colon + 1:]


def lex(page: Page) -> Calendar:
    lines, numbers = _unfolded(page.text)
    cal = Calendar(lines)
    stack: list[tuple[str, int]] = []  # (component, index of its BEGIN)
    props: Props | None = None
    last: list[tuple[str, str]] | None = None
    for index, line in enumerate(lines):
        if not line or line.isspace():
            continue
        parts = split_line(line)
        if parts is None:
            if last is None:
                raise PageError(f"not an iCalendar content line (NAME:value): {line[:60]!r}",
                                page.path, numbers[index])
            params, value = last[-1]
            last[-1] = (params, value + "\\n" + line)
            cal.loose += 1
            continue
        name, params, value = parts
        if name == "BEGIN":
            component = value.strip().upper()
            stack.append((component, index))
            last = None
            if component == "VEVENT" and len(stack) == 2:
                props = {}
            continue
        if name == "END":
            component = value.strip().upper()
            if not stack or stack[-1][0] != component:
                if any(name == component for name, _ in stack):
                    inner, begun = stack[-1]
                    raise PageError(f"{inner} begun here has no END:{inner} (END:{component} "
                                    f"comes first, on line {numbers[index]})", page.path,
                                    numbers[begun])
                raise PageError(f"END:{component} without its BEGIN", page.path,
                                numbers[index])
            _, begun = stack.pop()
            last = None
            if component == "VEVENT" and props is not None and len(stack) == 1:
                cal.events.append(Event(props, numbers[begun], (begun, index)))
                if len(cal.events) > MAX_EVENTS:
                    raise PageError(f"more than {MAX_EVENTS} events; agenda reads calendars of "
                                    "at most that many", page.path, numbers[begun])
                props = None
            elif component == "VTIMEZONE" and len(stack) == 1:
                tzid = _tzid_in(lines, begun, index)
                if tzid:
                    cal.zones.setdefault(tzid, (begun, index))
            continue
        depth = len(stack)
        if depth == 2 and props is not None:
            last = props.setdefault(name, [])
            last.append((params, value))
        elif depth == 1:
            last = cal.calendar.setdefault(name, [])
            last.append((params, value))
        else:
            last = None
    if stack:
        component, begun = stack[-1]
        raise PageError(f"the file ends inside {component} begun on line {numbers[begun]} "
                        "(a truncated download?)", page.path, numbers[begun])
    return cal


def _tzid_in(lines: list[str], begun: int, end: int) -> str:
    for line in lines[begun + 1:end]:
        if line[:5].upper() == "TZID:" or line[:5].upper() == "TZID;":
            parts = split_line(line)
            return parts[2].strip() if parts else ""
        if line[:6].upper() == "BEGIN:":
            break
    return ""


def plain_tzid(line: str) -> str:
    """A VTIMEZONE's TZID line without parameters: RFC 5545 allows X- parameters there (ri_cal
    writes TZID;X-RICAL-TZSOURCE=TZINFO:Europe/London), which icalendar refuses."""
    if line[:5].upper() != "TZID;":
        return line
    parts = split_line(line)
    return f"TZID:{parts[2]}" if parts else line


def parameters(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if '"' not in raw:
        for item in raw.split(";"):
            name, _, value = item.partition("=")
            out[name.strip().upper()] = value.strip()
        return out
    key: str | None = None
    current: list[str] = []
    quoted = False
    for char in raw + ";":
        if char == '"':
            quoted = not quoted
        elif char == "=" and not quoted and key is None:
            key, current = "".join(current).strip().upper(), []
        elif char == ";" and not quoted:
            if key is not None:
                out[key] = "".join(current).strip()
            key, current = None, []
        else:
            current.append(char)
    return out


def unescape(value: str) -> str:
    """An iCalendar TEXT value: \\n is a line break, \\, \\; \\\\ the character (and any
    other escaped character itself)."""
    if "\\" not in value:
        return value
    if "\x00" not in value:  # plain replacements, C loops, for the common escapes
        value = value.replace("\\\\", "\x00").replace("\\,", ",").replace("\\;", ";") \
            .replace("\\n", "\n").replace("\\N", "\n")
        if "\\" not in value:
            return value.replace("\x00", "\\")
        value = value.replace("\x00", "\\\\")
    return _UNESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


def texts(value: str) -> list[str]:
    """A multi-valued TEXT (CATEGORIES): split at unescaped commas."""
    out, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            out.append(unescape("".join(current)).strip())
            current = []
        else:
            current.append(char)
    out.append(unescape("".join(current)).strip())
    return [t for t in out if t]
