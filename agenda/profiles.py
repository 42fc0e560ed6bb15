"""Saved choices: a TOML profile holding selection rules and output settings.

    pick = ["maybe:Neural Tangent Kernel"]   # keys above the tables: pick, hide
    hide = ["d81b5c2e1f0a9b7c6d5e4f3a@agenda"]

    [[select]]                                # one interest; several make a union
    author = ["Jimmy Ba"]
    priority = "must"

    [[select]]
    keyword = ["attention", "normaliz*"]

    [exclude]                                 # applies to every interest
    track = ["ICML"]

    [output]
    tz = "Europe/Berlin"
    alarm = "10m"

A single `[select]` table is one interest, as it always was. Options on the command line
override the profile. An unknown key or a wrong type is an error naming the key and its line.
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
TOP_KEYS = {o.name: o for o in in_table("top")}
# [exclude] names the rules it drops by: keyword = [...] is --exclude-keyword
EXCLUDE_KEYS = {o.name.removeprefix("exclude-"): o for o in in_table("select")
                if o.name.startswith("exclude-")}
TABLES = "[select] (or several [[select]] tables), [exclude], [output], and pick and hide"
_TYPE_NAMES = {list: "a list of strings", bool: "true or false", str: "a string"}


@dataclass(frozen=True, slots=True)
class Profile:
    path: str
    select: dict[str, Any] = field(default_factory=dict)  # the first interest
    output: dict[str, Any] = field(default_factory=dict)
    interests: tuple[dict[str, Any], ...] = ()  # every [select] / [[select]] table
    exclude: dict[str, Any] = field(default_factory=dict)  # keyed by exclude-* option names
    pick: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()


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
    interests: list[dict[str, Any]] = []
    output: dict[str, Any] = {}
    exclude: dict[str, Any] = {}
    top: dict[str, Any] = {}
    for name, value in data.items():
        if name in TOP_KEYS:
            top[name] = _checked(TOP_KEYS[name], name, value, text, path)
        elif name == "select" and isinstance(value, list) and \
                all(isinstance(v, dict) for v in value):
            interests += [_table(name, v, SELECT_KEYS, text, path) for v in value]
        elif name == "select" and isinstance(value, dict):
            interests.append(_table(name, value, SELECT_KEYS, text, path))
        elif name == "output" and isinstance(value, dict):
            output = _table(name, value, OUTPUT_KEYS, text, path)
        elif name == "exclude" and isinstance(value, dict):
            found = _table(name, value, EXCLUDE_KEYS, text, path)
            exclude = {EXCLUDE_KEYS[k].name: v for k, v in found.items()}
        else:
            raise OptionError(f"unknown table or key {name!r}; a profile has {TABLES}", path,
                              _line_of(text, name) or _table_line(text, name))
    return Profile(path, interests[0] if interests else {}, output, tuple(interests), exclude,
                   tuple(top.get("pick", ())), tuple(top.get("hide", ())))


def _table(name: str, value: dict[str, Any], known: dict[str, Option], text: str,
           path: str) -> dict[str, Any]:
    out = {}
    for key, item in value.items():
        if key not in known:
            raise OptionError(f"unknown key {key!r} in [{name}]; known: "
                              f"{', '.join(known)}", path, _line_of(text, key))
        out[key] = _checked(known[key], key, item, text, path)
    return out


def _checked(option: Option, key: str, item: Any, text: str, path: str) -> Any:
    line = _line_of(text, key)
    want = _TYPES[option.shape]
    if not isinstance(item, want) or (isinstance(item, list) and
                                     not all(isinstance(v, str) for v in item)):
        raise OptionError(f"{key} must be {_TYPE_NAMES[want]}", path, line)
    _check(option, item, path, line)
    return item


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
