"""Saved choices: a TOML profile holding selection rules and output settings.

    [select]
    author = ["Jimmy Ba"]
    keyword = ["attention", "normaliz*"]

    [output]
    tz = "Europe/Berlin"
    alarm = "10m"

Options on the command line override the profile. An unknown key or a wrong type is an error
naming the key and its line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import OptionError

LISTS = ("keyword", "author", "track", "kind", "day", "between", "exclude-keyword",
         "exclude-author", "exclude-track")
SELECT_KEYS: dict[str, type | tuple[type, ...]] = {**{k: list for k in LISTS}, "regex": bool}
OUTPUT_KEYS: dict[str, type | tuple[type, ...]] = {
    "tz": str, "format": list, "calendar-name": str, "alarm": str, "free": bool, "utc": bool,
    "csv-style": str, "all": bool, "brief": bool,
}
_TYPE_NAMES = {list: "a list of strings", bool: "true or false", str: "a string"}


@dataclass(frozen=True, slots=True)
class Profile:
    path: str
    select: dict[str, Any] = field(default_factory=dict)
    output: dict[str, Any] = field(default_factory=dict)


def _line_of(text: str, key: str) -> int | None:
    m = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def parse_profile(text: str, path: str) -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        line = int(at.group(1)) if at else None
        raise OptionError(f"not valid TOML: {str(exc).split(' (at')[0]}", path, line) from None
    tables: dict[str, dict[str, Any]] = {"select": {}, "output": {}}
    for name, value in data.items():
        if name not in tables or not isinstance(value, dict):
            raise OptionError(f"unknown table or key {name!r}; a profile has [select] and "
                              "[output]", path, _line_of(text, name) or _table_line(text, name))
        known = SELECT_KEYS if name == "select" else OUTPUT_KEYS
        for key, item in value.items():
            line = _line_of(text, key)
            if key not in known:
                raise OptionError(f"unknown key {key!r} in [{name}]; known: "
                                  f"{', '.join(known)}", path, line)
            want = known[key]
            if not isinstance(item, want) or (isinstance(item, list) and
                                             not all(isinstance(v, str) for v in item)):
                raise OptionError(f"{key} must be {_TYPE_NAMES[want]}", path,  # type: ignore[index]
                                  line)
            tables[name][key] = item
    return Profile(path, tables["select"], tables["output"])


def _table_line(text: str, name: str) -> int | None:
    m = re.search(rf"^[ \t]*\[{re.escape(name)}\]", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_profile(path: str) -> Profile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OptionError("no such profile", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(f"cannot read the profile: {exc}", path) from None
    return parse_profile(text, path)
