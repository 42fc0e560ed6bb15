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
from .options import Option, in_table

_TYPES = {"list": list, "flag": bool, "value": str}
SELECT_KEYS = {o.name: o for o in in_table("select")}
OUTPUT_KEYS = {o.name: o for o in in_table("output")}
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
            option = known[key]
            want = _TYPES[option.shape]
            if not isinstance(item, want) or (isinstance(item, list) and
                                             not all(isinstance(v, str) for v in item)):
                raise OptionError(f"{key} must be {_TYPE_NAMES[want]}", path, line)
            _check(option, item, path, line)
            tables[name][key] = item
    return Profile(path, tables["select"], tables["output"])


def _check(option: Option, item: Any, path: str, line: int | None) -> None:
    """Each value read as the option would read it, so a mistake is reported here, at the
    profile's line and key, not later as if it had been typed as an option."""
    for value in item if isinstance(item, list) else [item] if isinstance(item, str) else []:
        try:
            option.read(value, option.name)
        except OptionError as exc:
            raise OptionError(exc.message, path, line) from None


def _table_line(text: str, name: str) -> int | None:
    m = re.search(rf"^[ \t]*\[{re.escape(name)}\]", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def load_profile(path: str) -> Profile:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # a saved byte-order mark is fine
    except FileNotFoundError:
        raise OptionError("no such profile", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(f"cannot read the profile: {exc}", path) from None
    return parse_profile(text, path)
