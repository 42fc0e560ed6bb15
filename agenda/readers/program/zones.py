"""Zones as programs state them: `All times are CEST`, `(UTC+2)`, `Time (PDT)`, `Eastern
Standard Time`, `9:00 PT`, an IANA name. The result is a label `agenda.timing` reads: a zone
abbreviation it knows, a numeric offset (`UTC+2`), or an IANA name whose rules decide.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...timing import AMBIGUOUS_LABELS, ZONE_LABELS, zone_names

# Abbreviations that mean a region whose clocks change: read by the region's rules.
_REGIONS = {"PT": "America/Los_Angeles", "ET": "America/New_York", "CT": "America/Chicago",
            "MT": "America/Denver", "AOE": "UTC-12", "SGT": "Asia/Singapore",
            "HKT": "Asia/Hong_Kong", "CAT": "Africa/Maputo", "EAT": "Africa/Nairobi",
            "WAT": "Africa/Lagos", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
            "ACST": "Australia/Adelaide", "AWST": "Australia/Perth", "BRT": "America/Sao_Paulo",
            "ART": "America/Argentina/Buenos_Aires", "ICT": "Asia/Bangkok", "PHT": "Asia/Manila",
            "WIB": "Asia/Jakarta", "PKT": "Asia/Karachi", "MSK": "Europe/Moscow"}
_ABBREVIATIONS = sorted({*ZONE_LABELS, *AMBIGUOUS_LABELS, *_REGIONS} - {"Z", "UT"},
                        key=lambda s: (-len(s), s))
_LONG = {
    "pacific daylight time": "PDT", "pacific standard time": "PST", "pacific time":
    "America/Los_Angeles", "eastern daylight time": "EDT", "eastern standard time": "EST",
    "eastern time": "America/New_York", "central daylight time": "CDT",
    "central standard time": "CST", "mountain daylight time": "MDT",
    "mountain standard time": "MST", "mountain time": "America/Denver",
    "central european summer time": "CEST", "central european standard time": "CET",
    "central european time": "Europe/Paris", "eastern european summer time": "EEST",
    "eastern european time": "Europe/Athens", "western european summer time": "WEST",
    "british summer time": "BST", "greenwich mean time": "GMT",
    "coordinated universal time": "UTC", "universal time": "UTC", "japan standard time": "JST",
    "korea standard time": "KST", "india standard time": "Asia/Kolkata",
    "indian standard time": "Asia/Kolkata", "singapore time": "Asia/Singapore",
    "singapore standard time": "Asia/Singapore", "china standard time": "Asia/Shanghai",
    "beijing time": "Asia/Shanghai", "hawaii standard time": "HST",
    "hawaii-aleutian standard time": "HST", "australian eastern standard time": "AEST",
    "australian eastern daylight time": "AEDT", "anywhere on earth": "UTC-12",
    "israel standard time": "Asia/Jerusalem", "hong kong time": "Asia/Hong_Kong",
    "alaska daylight time": "AKDT", "alaska standard time": "AKST",
    "atlantic standard time": "AST", "atlantic daylight time": "ADT",
}
_LONG_RE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(_LONG, key=len,
                                                                         reverse=True))
                      + r")\b", re.IGNORECASE | re.ASCII)
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s?(?P<sign>[+−-])\s?(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)",
                     re.IGNORECASE | re.ASCII)
_ABBR = re.compile(r"(?<![\w/])(?:" + "|".join(_ABBREVIATIONS) + r"|AoE)(?![\w/])")
_IANA = re.compile(r"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|"
                   r"Pacific|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?\b")
_STATES = re.compile(r"\btimes?\b|\bzone\b|\btimezone\b|\btz\b|\bclock\b", re.IGNORECASE | re.ASCII)


class Mention(NamedTuple):
    label: str
    first: int
    last: int


def normalise(found: str) -> str | None:
    """The label timing reads for a mention; None for what is not a zone after all."""
    text = found.strip()
    m = _OFFSET.fullmatch(text)
    if m:
        minutes = int(m.group("m") or 0)
        sign = "-" if m.group("sign") in "-−" else "+"
        return f"UTC{sign}{int(m.group('h'))}" + (f":{minutes:02d}" if minutes else "")
    if "/" in text:
        return text if text in zone_names() else None
    low = text.lower()
    if low in _LONG:
        return _LONG[low]
    upper = text.upper()
    return _REGIONS.get(upper, upper if upper in ZONE_LABELS or upper in AMBIGUOUS_LABELS
                        else None)


def mentions(text: str) -> list[Mention]:
    """Every zone the text names, in order."""
    found: list[Mention] = []
    for pattern in (_OFFSET, _LONG_RE, _IANA, _ABBR):
        for m in pattern.finditer(text):
            if any(m.start() < f.last and f.first < m.end() for f in found):
                continue
            label = normalise(m.group(0))
            if label is not None:
                found.append(Mention(label, m.start(), m.end()))
    return sorted(found, key=lambda f: f.first)


def after(text: str, pos: int) -> Mention | None:
    """The zone written right after a time (`9:00 PT`, `10:00-11:30, CEST`, `9am (UTC+2)`)."""
    head = text[pos:pos + 60]
    for mention in mentions(head):
        between = head[:mention.first]
        if between.strip(" ,(/[") == "":
            return Mention(mention.label, pos + mention.first, pos + mention.last)
        return None
    return None


def statement(text: str, heading: bool) -> Mention | None:
    """The zone a block states for the page: `All times are CEST`, `Time (PDT)`, a heading's
    `(UTC+2)`; not a zone named in passing."""
    if len(text) > 400:
        return None
    found = mentions(text)
    if not found:
        return None
    first = found[0]
    if heading or _STATES.search(text) or text[max(0, first.first - 1):first.first] == "(" \
            or len(text) <= len(text[first.first:first.last]) + 3:
        return first
    return None


def offset_minutes(label: str) -> int | None:
    """The fixed offset of a label, when it has one (for comparing columns and statements)."""
    upper = label.upper()
    if upper in ZONE_LABELS:
        return ZONE_LABELS[upper][0]
    m = re.fullmatch(r"UTC([+-])(\d{1,2})(?::(\d{2}))?", label)
    if m:
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        return -minutes if m.group(1) == "-" else minutes
    return None
