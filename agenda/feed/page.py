"""The page at `/`: what the server holds, and a form that builds a feed URL.

Plain HTML and CSS, no external assets and no JavaScript: the form submits to `/` with GET,
and the answer shows the feed URL with subscribe, Google Calendar and download links.

The form has one row of rules per interest (a blank row adds one; rows after the first are
joined by the feed's `or`). The answer lists the talks of the selection by day, each with a
pick and a hide checkbox: "Apply" keeps the rules and adds the picks and hides, "Only the ticked
talks" makes a feed of exactly the picked talks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from html import escape
from importlib.util import find_spec
from urllib.parse import parse_qsl, quote, urlencode, urlsplit
from zoneinfo import ZoneInfo

from ..changes import Change
from ..models import Kind, Talk
from ..options import INTEREST, OPTIONS
from ..pipeline import decide
from ..readers import LAYOUTS
from .app import BadRequest, parse_query, records
from .state import Loaded

CONFERENCE = {layout.NAME: getattr(layout, "CONFERENCE", "") for layout in LAYOUTS}
STYLE = """
body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
h1{margin:.2rem 0}table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;
border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}form{display:grid;
grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem;margin:1rem 0}
label{display:flex;flex-direction:column;font-size:.9rem}input,select{font:inherit;padding:.3rem}
button{font:inherit;padding:.4rem 1rem}.feed{background:#f3f6fa;border:1px solid #cbd6e2;
padding:1rem;border-radius:.4rem}.feed input{width:100%;box-sizing:border-box}.error{color:#a00;
font-weight:bold}ul.links{padding-left:1.2rem}.talks li{margin:.2rem 0}
fieldset{grid-column:1/-1;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));
gap:.6rem;border:1px solid #cbd6e2;border-radius:.4rem}label.row{display:inline-flex;
flex-direction:row;gap:.3rem;align-items:center}.feed input[type=checkbox]{width:auto}
.talks{list-style:none;padding:0}.talks .when{font-variant-numeric:
tabular-nums;margin-right:.4rem}.conf{color:#555;font-size:.85rem}form.ticks{display:block}
.warning{background:#fff4d6;border:1px solid #e0c060;padding:.5rem;border-radius:.3rem}
@media print{form,.links,button{display:none}body{max-width:none}}
"""
# the form's text fields are the options agenda.options puts on it: those of one interest are
# repeated on each row, the others (exclusions, the zone) asked once
FIELDS = [(o.name, *o.form) for o in OPTIONS if o.form is not None]
ROW_FIELDS = [f for f in FIELDS if f[0] in INTEREST]
ONCE_FIELDS = [f for f in FIELDS if f[0] not in INTEREST]
MAX_ROWS = 8  # interests the form shows (the feed takes more)
LISTED = 300  # talks listed with checkboxes; the count is always exact
PAGE_ONLY = "keep"  # the page's own parameter: keep=ticked makes a feed of the picks alone


def _conference(talk: Talk) -> str:
    return talk.conference or f"{CONFERENCE.get(talk.layout, '') or 'Conference'} " \
        f"{talk.start.year}"


def _conferences(loaded: Loaded) -> str:
    counts = Counter((_conference(t), t.track) for t in loaded.schedule.talks if t.is_talk)
    rows = "".join(f"<tr><td>{escape(conf)}</td><td>{escape(track)}</td><td class=n>{n}</td></tr>"
                   for (conf, track), n in sorted(counts.items()))
    return ("<table><thead><tr><th>Conference</th><th>Track</th><th class=n>Talks</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>")


def groups_of(pairs: list[tuple[str, str]]) -> tuple[list[dict[str, list[str]]],
                                                     dict[str, list[str]]]:
    """(the interests' values, row by row; everything else) of a query's pairs."""
    rows: list[dict[str, list[str]]] = [{}]
    rest: dict[str, list[str]] = {}
    for key, value in pairs:
        if key == "or":
            rows.append({})
        elif key in INTEREST:
            rows[-1].setdefault(key, []).append(value)
        else:
            rest.setdefault(key, []).append(value)
    return rows, rest


def _row(number: int, values: dict[str, list[str]], tracks: list[str]) -> str:
    def value(name: str) -> str:
        return escape("; ".join(values.get(name, [])) if name == "author"
                      else (values.get(name) or [""])[0])

    parts = ['<input type="hidden" name="or" value="">' if number > 1 else ""]
    for name, label, hint in ROW_FIELDS:
        parts.append(f'<label>{label}<input name="{name}" value="{value(name)}" '
                     f'placeholder="{escape(hint)}"></label>')
    track_options = "".join(f'<option{" selected" if t == value("track") else ""}>{escape(t)}'
                            "</option>" for t in tracks)
    parts.append(f'<label>Track<select name="track"><option value="">any</option>'
                 f"{track_options}</select></label>")
    kinds = "".join(f'<option{" selected" if k.value == value("kind") else ""}>{k.value}</option>'
                    for k in Kind if k.is_talk)
    parts.append(f'<label>Kind<select name="kind"><option value="">any</option>{kinds}'
                 "</select></label>")
    priorities = "".join(f'<option{" selected" if p == value("priority") else ""}>{p}</option>'
                         for p in ("must", "maybe"))
    parts.append(f'<label>Priority<select name="priority"><option value="">maybe</option>'
                 f"{priorities}</select></label>")
    legend = "Interest 1" if number == 1 else f"or interest {number}"
    return f'<fieldset class="interest"><legend>{legend}</legend>{"".join(parts)}</fieldset>'


def _form(pairs: list[tuple[str, str]], tracks: list[str]) -> str:
    rows, rest = groups_of(pairs)
    rows = [r for r in rows if r] or [{}]
    shown = rows[:MAX_ROWS] + ([{}] if len(rows) < MAX_ROWS else [])
    parts = [_row(n, r, tracks) for n, r in enumerate(shown, 1)]
    for name, label, hint in ONCE_FIELDS:
        value = escape((rest.get(name) or [""])[0])
        parts.append(f'<label>{label}<input name="{name}" value="{value}" '
                     f'placeholder="{escape(hint)}"></label>')
    checked = " checked" if (rest.get("plan") or [""])[0] in ("1", "true", "on") else ""
    parts.append(f'<label class="row"><input type="checkbox" name="plan" value="1"{checked}> '
                 "Plan without clashes</label>")
    kept = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                   for k, v in pairs if k in ("pick", "hide"))
    return (f'<form method="get" action="/">{"".join(parts)}{kept}<button>Build my feed'
            "</button></form>")


def _local(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a %Y-%m-%d %H:%M} {escape(local.tzname() or zone)}"


SEVERAL = ("author", "exclude-author")  # fields that take several names, split on ; or ,


def _pairs(query: str) -> list[tuple[str, str]]:
    """The query's non-empty values, several names in one author field given one by one, and
    an `or` only between two interests that have rules (a blank row of the form adds none)."""
    pairs: list[tuple[str, str]] = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key == "or":
            pairs.append((key, ""))
            continue
        parts = value.replace(";", ",").split(",") if key in SEVERAL else [value]
        pairs += [(key, part.strip()) for part in parts if part.strip()]
    rows, _ = groups_of(pairs)
    live = iter([bool(r) for r in rows])
    out: list[tuple[str, str]] = []
    started = next(live)
    for key, value in pairs:
        if key == "or":
            has = next(live)
            if has and started:
                out.append((key, ""))
            started = started or has
            continue
        out.append((key, value))
    return out


def _only_ticked(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """keep=ticked: the picks alone, with the settings that are not rules (zone, plan, ...)."""
    return [(k, v) for k, v in pairs if k not in INTEREST and k != "or" and k != "hide"
            and not k.startswith("exclude-") and k != PAGE_ONLY and k != "regex"]


def _loopback(base: str) -> bool:
    try:
        host = urlsplit(base).hostname or ""
    except ValueError:  # a --base-url that is no URL names no loopback host
        return False
    return host == "localhost" or host.startswith("127.") or host == "::1"


def _can_pdf() -> bool:
    try:
        return find_spec("weasyprint") is not None
    except ValueError:  # imported and then removed
        return False


# The page's notes of a selection: (latest changes, .ics bytes, .ics events), see FeedApp.
Notes = Callable[[Loaded, str], tuple[list[Change], int, int]]


def _notes(base: str, suffix: str, found: tuple[list[Change], int, int] | None,
           history: bool) -> str:
    """The size warning, and the latest changes with the Atom feed that tells them."""
    if found is None:
        return ""
    from ..changelist import LABEL, told
    from ..sizes import too_big, warning

    changes, size, events = found
    out = ""
    if too_big("-", size, events):
        out += f'<p class="warning">{escape(warning(size, events))}</p>'
    if history:
        atom = f"{base}/changes.atom{suffix}"
        items = "".join(f"<li>{escape(c.seen.strftime('%Y-%m-%d %H:%M UTC'))} · "
                        f"{escape(LABEL[c.kind])}: {escape(told(c))}</li>" for c in changes)
        out += (f'<h3>Latest changes</h3><ul class="changes">'
                f"{items or '<li>none recorded yet</li>'}</ul>"
                f'<p><a href="{escape(atom)}">Follow the changes (Atom feed)</a></p>')
    return out


def _feed(base: str, query: str, loaded: Loaded, notes: Notes | None = None,
          history: bool = False) -> str:
    query = urlencode(_pairs(query))
    given = parse_query(query)
    chosen, options = records(given, None)
    # exactly what the URL below serves: the feed's own choice
    talks = decide(loaded.schedule, chosen, options.include_all, loaded.index).talks
    clean = urlencode(_pairs(query))
    suffix = f"?{clean}" if clean else ""
    url = f"{base}/calendar.ics{suffix}"
    webcal = "webcal://" + url.split("://", 1)[1]
    google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
    picked = {p.value for p in chosen.picks}
    shown = _ticks(talks, options.tz, picked, parse_qsl(clean, keep_blank_values=True))
    pdf = f' (<a href="{escape(base)}/agenda.pdf{escape(suffix)}">PDF</a>)' if _can_pdf() else ""
    return (f'<section class="feed"><h2>Your feed: {len(talks)} talk{"s" * (len(talks) != 1)}'
            "</h2>"
            f'<p><input readonly id="feed-url" value="{escape(url)}"></p><ul class="links">'
            f'<li><a href="{escape(webcal)}">Subscribe (webcal)</a></li>'
            f'<li><a href="{escape(google)}">Add to Google Calendar by URL</a></li>'
            f'<li><a href="{escape(url)}">Download .ics</a></li>'
            f"{_csv_links(base, clean)}"
            f'<li><a href="{escape(base)}/agenda.md{escape(suffix)}">Markdown agenda</a></li>'
            f'<li><a href="{escape(base)}/agenda.html{escape(suffix)}">Print</a>{pdf}</li>'
            f'</ul>{_reach(base)}'
            f'{_notes(base, suffix, notes(loaded, query) if notes else None, history)}'
            f"{shown}</section>")


def _ticks(talks: list[Talk], tz: str | None, picked: set[str],
           pairs: list[tuple[str, str]]) -> str:
    """The selection's talks by day, each with a pick and a hide checkbox, in a form that
    carries the current query along."""
    kept = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                   for k, v in pairs if k not in ("pick", "hide"))
    days: list[str] = []
    current = None
    for talk in talks[:LISTED]:
        zone = ZoneInfo(tz or talk.zone)
        local = talk.start.astimezone(zone)
        if local.date() != current:
            if current is not None:
                days.append("</ul>")
            current = local.date()
            days.append(f"<h3>{local:%A}, {local.day} {local:%B %Y}</h3><ul class=talks>")
        uid = escape(talk.uid)
        tick = " checked" if talk.uid in picked else ""
        days.append(
            f'<li><label class=row><input type="checkbox" name="pick" value="{uid}"{tick}>'
            f"pick</label> <label class=row><input type=\"checkbox\" name=\"hide\" "
            f'value="{uid}">hide</label> <span class=when>{local:%H:%M} '
            f"{escape(local.tzname() or '')}</span>{escape(talk.title or talk.kind.value)} "
            f"<span class=conf>{escape(_conference(talk))}</span></li>")
    if current is not None:
        days.append("</ul>")
    more = f"<p>… and {len(talks) - LISTED} more: narrow the rules to tick them.</p>" \
        if len(talks) > LISTED else ""
    return (f'<form class="ticks" method="get" action="/">{kept}{"".join(days)}{more}'
            '<p><button name="keep" value="rules">Apply picks and hides</button> '
            '<button name="keep" value="ticked">Only the ticked talks</button></p></form>')


def _csv_links(base: str, clean: str) -> str:
    """CSV in each style: data for spreadsheets, Google's and Outlook's import layouts."""
    links = []
    for style, label in (("data", "CSV for spreadsheets"), ("google", "CSV for Google Calendar"),
                         ("outlook", "CSV for Outlook")):
        pairs = [(k, v) for k, v in parse_qsl(clean, keep_blank_values=True)
                 if k != "csv-style"]
        if style != "data":
            pairs.append(("csv-style", style))
        suffix = f"?{urlencode(pairs)}" if pairs else ""
        links.append(f'<li><a href="{escape(base)}/calendar.csv{escape(suffix)}">{label}</a>'
                     "</li>")
    return "".join(links)


def _reach(base: str) -> str:
    if not _loopback(base):
        return ""
    return ('<p class="error">These links point at this machine only '
            f"({escape(base)}): a phone or Google Calendar cannot reach them. Serve on an address "
            "others reach (<code>--host 0.0.0.0</code>) and name it with <code>--base-url "
            "https://your.host</code>.</p>")


def index(loaded: Loaded, query: str, profiles: list[str], base: str,
          notes: Notes | None = None, history: bool = False) -> tuple[str, str]:
    """(status, HTML) of the page; a bad query shows its error with status 400. `notes` gives
    a selection's latest changes and .ics size (see FeedApp.page_notes)."""
    pairs = _pairs(query)
    if (PAGE_ONLY, "ticked") in pairs:
        pairs = _only_ticked(pairs)
    pairs = [(k, v) for k, v in pairs if k != PAGE_ONLY]
    query = urlencode(pairs) if query.strip() else ""
    tracks = sorted({t.track for t in loaded.schedule.talks if t.track})
    status, result = "200 OK", ""
    if query.strip():
        try:
            result = _feed(base, query, loaded, notes, history)
        except BadRequest as exc:
            status, result = "400 Bad Request", f'<p class="error">{escape(str(exc))}</p>'
    named = "".join(f'<li><a href="/feeds/{escape(n)}.ics">{escape(n)}</a></li>' for n in profiles)
    saved = f"<h2>Saved feeds</h2><ul>{named}</ul>" if named else ""
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>agenda feeds</title>'
            f"<style>{STYLE}</style></head><body><h1>agenda</h1><p>"
            f"{sum(t.is_talk for t in loaded.schedule.talks)} talks. Choose what you care about; "
            "the feed stays up to date in your calendar.</p>"
            f"{_form(pairs, tracks)}{result}<h2>What is here</h2>{_conferences(loaded)}{saved}"
            "</body></html>")
    return status, html
