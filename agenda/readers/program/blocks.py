"""Any program page as one neutral sequence of blocks: headings, lines, list items, table rows.

HTML is parsed with lxml; Markdown (and plain text, which is Markdown without markup) is
rendered by markdown-it-py to HTML first, so both take one structural path. Template tags,
comments, scripts, styles, navigation and footers never become blocks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lxml import etree

# lxml and markdown-it are imported when a program page is read, never at start-up: the
# specialised layouts and every other command do not need them.

# Jinja/Liquid tags: replaced by nothing (their newlines kept, so line numbers hold).
_TEMPLATE_ENDS = {"{%": "%}", "{{": "}}", "{#": "#}"}
_TEMPLATE_MAX = 400  # template tags are short; a far-away "}}" closes something else
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?:[^\n]*\n){0,200}?---[ \t]*\n")
# Pelican-style metadata lines at the top ("Title: Schedule", "Date: 2018-08-01").
_METADATA = re.compile(r"\A(?:[A-Z][A-Za-z]{1,15}:[ \t][^\n]*\n){2,20}")
# Front matter and metadata keys whose values a reader sees on the page; "date" is when the
# page was written, never the program's day.
_SHOWN_KEYS = re.compile(r"^(?:title|subtitle|description|summary):[ \t]*(?P<value>\S.*)$",
                         re.IGNORECASE | re.MULTILINE)
# Kramdown attribute lines ("{: .desc}") are markup, not text.
_IAL = re.compile(r"^[ \t]*\{:[^\n{}]*\}[ \t]*$", re.MULTILINE)
# "10: 45- 11:15": a space typed inside a clock.
_LOOSE_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3]): ([0-5]\d)(?=\s*[-–—])")
# "9：30-10：00": a full-width colon (Chinese and Japanese pages) between a clock's digits.
_WIDE_COLON = re.compile(r"(?<=\d)\s?：\s?(?=\d)")
# reStructuredText links, "`Contributing to Sage <http://...>`_": their text is what shows.
_RST_LINK = re.compile(r"`([^`<>\n]{1,200})<[^`<>\s]{1,500}>`_{1,2}")
_HTML_DOC = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE | re.ASCII)
_INDENTED_TAG = re.compile(r"^[ \t]+<", re.MULTILINE)

_SKIP = frozenset(["script", "style", "nav", "footer", "noscript", "template", "svg", "head",
                   "select", "option", "form", "iframe", "canvas", "math", "object"])
_NOISE_CLASS = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|breadcrumbs?|"
                          r"cookie|skip-link|sr-only|visually-hidden|masthead)(?:$|[\s_-])",
                          re.IGNORECASE | re.ASCII)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements whose start or end ends a line of text.
_BREAKING = frozenset([
    "p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "ul", "ol",
    "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "hr", "figure",
    "figcaption", "details", "summary", "center", "address", "body", "html", *_HEADINGS])
_STRUCK = frozenset(["s", "del", "strike"])
# Inline elements a card layout uses as fields (<span class="time">, <span class="speaker">):
# each is a line of its own, as the page's style shows it.
_FIELD_TAGS = frozenset(["span", "a", "b", "strong", "em", "i", "small", "label"])
_FIELD_CLASS = re.compile(r"(?:^|[\s_-])(?:time|times|hour|hours|title|speakers?|presenters?|"
                          r"authors?|names?|room|location|venue|affiliation|duration|date)"
                          r"(?:$|[\s_-])", re.IGNORECASE | re.ASCII)
# Classes of a card's elements: who gives the item, or its title.
_NAME_CLASS = re.compile(r"(?:^|[\s_-])(?:speakers?|presenters?|authors?|names?|people|person)"
                         r"(?:$|[\s_-])", re.IGNORECASE | re.ASCII)
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|head|heading|subject|topic)(?:$|[\s_-])",
                          re.IGNORECASE | re.ASCII)
# The clock of a <time datetime="2018-03-26T14:30">, "December 07T08:00" or "09:00".
_DATETIME_CLOCK = re.compile(r"(?:^|[T\s])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?")
_DATETIME_DATE = re.compile(r"\s*((?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])", re.ASCII)
MAX_CELLS = 64
MAX_SPAN = 64
# Skipped page furniture that may still name the event's day (a header's "February 16th,
# 2018", the <title>, a description <meta>): kept aside as "aside" blocks, read only when
# the page's content names no day. Footers and cookie banners name other dates.
_ASIDE_META = frozenset(["description", "og:title", "og:description", "twitter:title",
                         "twitter:description"])
_NOT_ASIDE = re.compile(r"footer|cookie", re.IGNORECASE | re.ASCII)
MAX_ASIDE = 400


class Block(NamedTuple):
    """One unit of page structure. `kind` is heading, line, item or row; rows have cells."""

    kind: str
    line: int
    text: str
    level: int = 0  # heading level
    cells: tuple[str, ...] = ()
    header: bool = False  # a row of header cells
    spanned: tuple[bool, ...] = ()  # per cell: a copy of a cell spanning rows from above
    struck: bool = False  # the whole block is struck through
    table: int = 0  # rows of one table share this number
    # per cell: a copy of a cell of this row spanning columns (colspan), not rows from above
    across: tuple[bool, ...] = ()
    # what the element's class says the text is: "name" (speakers, or an item's name) or
    # "title" ('<div class="name">Ann Lee</div><div class="head">Bees</div>'); else ""
    role: str = ""


def is_html_document(text: str) -> bool:
    """A whole HTML document (a saved page), not Markdown with some HTML in it."""
    return _HTML_DOC.search(text[:4096]) is not None


def blocks_of(text: str) -> list[Block]:
    """The page's blocks in order."""
    text = _without_templates(text)
    if "：" in text:
        text = _WIDE_COLON.sub(":", text)
    if ": " in text and _LOOSE_CLOCK.search(text):
        text = _LOOSE_CLOCK.sub(r"\1:\2", text)
    if ">`_" in text:
        text = _RST_LINK.sub(lambda m: m.group(1).rstrip(), text)
    front = _FRONT_MATTER.match(text) or _METADATA.match(text)
    if front:
        text = _shown(front.group(0)) + text[front.end():]
    if "{:" in text:
        text = _IAL.sub("", text)
    if is_html_document(text):
        return _from_html(text, 0)
    # Markdown with HTML in it, or an HTML fragment: markdown-it passes the HTML through. HTML
    # lines are unindented first, so an indented '<td>' after a blank line is never read as an
    # indented code block.
    if "<" in text:
        text = _INDENTED_TAG.sub("<", text)
    return _from_markdown(text)


def _without_templates(text: str) -> str:
    """The text without Jinja/Liquid tags, scanned once with str.find (a regex would rescan
    the rest of the page from every unclosed '{%')."""
    if "{" not in text:
        return text
    out: list[str] = []
    pos = 0
    closed = {end: True for end in _TEMPLATE_ENDS.values()}
    while True:
        start = text.find("{", pos)
        if start < 0:
            break
        if text.startswith("{{{#!", start):
            # '{{{#!rst' opens a wiki's processed block, whose text is shown: not a tag
            out.append(text[pos:start + 5])
            pos = start + 5
            continue
        end_mark = _TEMPLATE_ENDS.get(text[start:start + 2])
        if end_mark is None or not closed[end_mark]:
            out.append(text[pos:start + 1])
            pos = start + 1
            continue
        end = text.find(end_mark, start + 2, start + 2 + _TEMPLATE_MAX)
        if end < 0:
            if text.find(end_mark, start + 2) < 0:
                closed[end_mark] = False  # no later tag of this kind can close either
            out.append(text[pos:start + 1])  # "{{" in TeX or prose, not a template tag
            pos = start + 1
            continue
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end + 2
    out.append(text[pos:])
    return "".join(out)


def _shown(header: str) -> str:
    """The front matter's values a reader sees (title, description), on the lines they hold, so
    a zone or day stated there counts while the rest of the header keeps out."""
    lines = ["" for _ in range(header.count("\n"))]
    for m in _SHOWN_KEYS.finditer(header):
        index = header.count("\n", 0, m.start())
        value = m.group("value").strip().strip("'\"")
        lines[index] = f"<p>{value.replace('<', '&lt;')}</p>" if value else ""
    return "\n".join(lines) + "\n" if lines else ""


def _from_markdown(text: str) -> list[Block]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable(
        ["table", "strikethrough"])
    tokens = md.parse(text)
    for token in tokens:
        if token.map and token.nesting == 1:
            token.attrSet("data-line", str(token.map[0] + 1))
        elif token.map and token.type == "html_block":
            token.content = f'<div data-line="{token.map[0] + 1}"></div>{token.content}'
    rendered = md.renderer.render(tokens, md.options, {})
    return _from_html(f"<html><body>{rendered}</body></html>", 0, markdown=True)


class _Walker:
    """Collects text runs in document order and flushes them as blocks at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[tuple[str, bool]] = []
        self.line = 1
        self.kind = "line"
        self.level = 0
        self.row: list[tuple[str, int, int, bool]] | None = None  # text, colspan, rowspan, th
        self.cell: list[str] | None = None
        self.row_line = 1
        self.table = 0
        self.made = 0  # tables opened so far: each has its own number
        self.role = ""  # the role the open element's class gives the text being collected
        self.spans: dict[int, tuple[int, str]] = {}  # column -> (rows left, text)
        self.in_thead = False
        self.after_time = False  # the last text added was a <time> element's clock
        # The row, cell and spans of tables a nested table sits in, back when it closes.
        self.outer: list[tuple[list[tuple[str, int, int, bool]] | None, list[str] | None, int,
                               int, dict[int, tuple[int, str]], bool]] = []

    def add(self, text: str | None, struck: bool) -> None:
        if not text:
            return
        if self.after_time and text.strip():
            self.after_time = False
        if self.cell is not None:
            self.cell.append(text if not struck else "")
            return
        self.buffer.append((text, struck))

    def clock(self, text: str) -> None:
        """A <time> element's clock; a second one right after the first ends its range."""
        self.add(f" – {text} " if self.after_time else f" {text} ", False)
        self.after_time = True

    def flush(self) -> None:
        self.after_time = False
        if self.cell is not None:
            self.cell.append("\n")
            return
        # Struck text is an old value beside its correction: dropped, unless it is all there is
        # (then the whole block is struck: a cancelled item).
        plain = "".join(t for t, s in self.buffer if not s)
        struck = not plain.strip() and any(t.strip() for t, _ in self.buffer)
        raw = "".join(t for t, _ in self.buffer) if struck else plain
        self.buffer = []
        text = " ".join(raw.split())
        if text:
            self.blocks.append(Block(self.kind, self.line, text, self.level, struck=struck,
                                     role=self.role))
        self.role = ""

    def end_cell(self, colspan: int, rowspan: int, th: bool) -> None:
        if self.cell is None or self.row is None:
            return
        lines = [" ".join(s.split()) for s in "".join(self.cell).split("\n")]
        self.row.append(("\n".join(s for s in lines if s), colspan, rowspan, th))
        self.cell = None

    def end_row(self) -> None:
        if self.row is None:
            return
        cells: list[str] = []
        spanned: list[bool] = []
        across: list[bool] = []
        given = list(self.row)
        column = 0
        while len(cells) < MAX_CELLS:
            if column not in self.spans and not given:
                if not any(c > column for c in self.spans):
                    break
                cells.append("")  # a gap before a cell still spanning from above
                spanned.append(False)
                across.append(False)
                column += 1
                continue
            if column in self.spans:
                left, text = self.spans[column]
                cells.append(text)
                spanned.append(True)
                across.append(False)
                if left <= 1:
                    del self.spans[column]
                else:
                    self.spans[column] = (left - 1, text)
                column += 1
                continue
            text, colspan, rowspan, _ = given.pop(0)
            for k in range(colspan):
                cells.append(text if k == 0 else "")
                spanned.append(k > 0)
                across.append(k > 0)
                if rowspan > 1:
                    self.spans[column] = (rowspan - 1, text if k == 0 else "")
                column += 1
        header = bool(self.row) and (self.in_thead or all(th for *_, th in self.row))
        # A row of only cells spanning from above ('<tr></tr>' under rowspans) says nothing new.
        if any(c and not sp for c, sp in zip(cells, spanned, strict=True)):
            self.blocks.append(Block("row", self.row_line, " | ".join(c for c in cells if c),
                                     cells=tuple(cells), header=header, spanned=tuple(spanned),
                                     table=self.table, across=tuple(across)))
        self.row = None


def _span(element: etree._Element, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(element.get(name, "1")).strip() or 1)))
    except ValueError:
        return 1


def _class_role(element: etree._Element) -> str:
    names = str(element.get("class", ""))
    if not names or len(names) > 200:
        return ""
    return "title" if _TITLE_CLASS.search(names) else "name" if _NAME_CLASS.search(names) \
        else ""


def _field(element: etree._Element, tag: str) -> bool:
    return tag in _FIELD_TAGS and _FIELD_CLASS.search(element.get("class", "")) is not None


def _noise(element: etree._Element) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag.lower() in _SKIP:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return names.strip() != "" and _NOISE_CLASS.search(names) is not None \
        and tag.lower() in ("div", "ul", "section", "aside", "header", "span", "p", "a", "ol")


def _from_html(text: str, offset: int, markdown: bool = False) -> list[Block]:
    from lxml import etree, html

    try:
        root = html.document_fromstring(text.encode("utf-8"),
                                        parser=html.HTMLParser(encoding="utf-8",
                                                               remove_comments=True,
                                                               remove_pis=True))
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker()
    asides: list[Block] = []
    struck = 0
    # A skipped element's end event comes right after its start (its subtree is skipped);
    # the element itself is held, never its id(), which lxml may reuse for another proxy.
    skipped: etree._Element | None = None
    events = etree.iterwalk(root, events=("start", "end"))
    for event, element in events:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if _noise(element):
                _aside(element, tag, asides)
                skipped = element
                events.skip_subtree()
                continue
            _start(walker, element, tag, markdown, offset)
            if tag == "time":
                _stamped_day(element, asides)
            if tag == "time" and (m := _DATETIME_CLOCK.search(element.get("datetime", ""))):
                walker.clock(f"{m.group(1)}:{m.group(2)}")  # "09<span>00</span>" means 09:00
                skipped = element
                events.skip_subtree()
                continue
            struck += tag in _STRUCK
            _add_text(walker, element.text, struck > 0, markdown)
            continue
        if element is skipped:
            skipped = None
        else:
            _end(walker, element, tag)
            struck -= tag in _STRUCK
        _add_text(walker, element.tail, struck > 0, markdown)
    walker.flush()
    return walker.blocks + asides


# A Markdown list item left as text inside a raw HTML block ('</ul>\n* 15:30 Session 3'):
# CommonMark keeps it raw, but the page's own renderer (kramdown) shows it as an item.
_RAW_ITEM = re.compile(r"\n(?=[ \t]{0,3}[*+-][ \t]+\S)")


# Inline Markdown such raw lines still hold ('[**Title**](#anchor)'), shown by that renderer
# as the words alone. Linear patterns: no mark nests a quantified mark.
_RAW_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,300}\)")
_RAW_STRONG = re.compile(r"(\*\*|__)([^*_\n]{1,300})\1")


def _raw_inline(text: str) -> str:
    """Text markdown-it passed through raw, as the page's renderer shows it."""
    if "](" in text:
        text = _RAW_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _RAW_STRONG.sub(r"\2", text)
    return text


def _add_text(walker: _Walker, text: str | None, struck: bool, markdown: bool) -> None:
    if markdown and text and ("](" in text or "**" in text or "__" in text):
        text = _raw_inline(text)
    if not markdown or not text or walker.cell is not None or "\n" not in text:
        walker.add(text, struck)
        return
    parts = _RAW_ITEM.split(text)
    for i, part in enumerate(parts):
        if i:
            walker.flush()
            walker.line += parts[i - 1].count("\n") + 1
        walker.add(part, struck)


def _stamped_day(element: etree._Element, asides: list[Block]) -> None:
    """The date of a <time datetime="2012-11-09T09:00">: the page's day in machine form, kept
    aside like a header's date (read only where the visible text names no day)."""
    m = _DATETIME_DATE.match(element.get("datetime", ""))
    if m is None or len(asides) >= 64 or any(b.text == m.group(1) for b in asides[-4:]):
        return
    asides.append(Block("aside", element.sourceline or 0, m.group(1)))


def _aside(element: etree._Element, tag: str, asides: list[Block]) -> None:
    """The short texts of skipped furniture that hold a digit (a date needs one)."""
    if tag in ("script", "style", "svg", "template", "math", "object", "canvas", "footer",
               "select", "option", "form", "iframe") or len(asides) >= 64:
        return
    names = f"{element.get('class', '')} {element.get('id', '')}"
    if _NOT_ASIDE.search(names):
        return
    texts: list[tuple[str, int]] = []
    if tag == "head":
        for child in element.iter("title", "meta"):
            key = f"{child.get('name', '')}{child.get('property', '')}".lower()
            if child.tag == "title":
                texts.append((child.text_content(), child.sourceline or 0))
            elif key in _ASIDE_META:
                texts.append((str(child.get("content", "")), child.sourceline or 0))
    else:
        for part in element.itertext():
            texts.append((part, element.sourceline or 0))
    for text, line in texts:
        text = " ".join(text.split())[:MAX_ASIDE]
        if any(c.isdigit() for c in text):
            asides.append(Block("aside", line, text))


def _in_table_section(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag in ("thead", "tbody", "tfoot", "table")


def _start(walker: _Walker, element: etree._Element, tag: str, markdown: bool,
           offset: int) -> None:
    if markdown:
        given = element.get("data-line")
        line = int(given) if given is not None and given.isdigit() else None
    else:
        line = element.sourceline + offset if element.sourceline else None
    if tag == "br":
        if walker.cell is not None:
            walker.add("\n", False)
            return
        walker.flush()
        walker.line = line if line is not None else walker.line + markdown
        return
    if tag == "table":
        if walker.cell is not None and len(walker.outer) < 8:
            # A table inside a cell: its rows are blocks of their own; the cell goes on after it
            walker.outer.append((walker.row, walker.cell, walker.row_line, walker.table,
                                 walker.spans, walker.in_thead))
            walker.row = walker.cell = None
            walker.in_thead = False
        walker.flush()
        walker.made += 1
        walker.table = walker.made
        walker.spans = {}
    elif tag == "thead":
        walker.in_thead = True
    elif tag == "tr":
        walker.end_row()  # a row left open by cells written without a <tr>
        walker.flush()
        walker.row, walker.row_line = [], line or walker.line
    elif tag in ("td", "th") and walker.row is None and walker.cell is None and \
            _in_table_section(element):
        # '<thead><th>BST</th><th>EDT</th></thead>': cells without a <tr> make a row, as a
        # browser shows them.
        walker.flush()
        walker.row, walker.row_line = [], line or walker.line
        walker.cell = []
    elif tag in ("td", "th") and walker.row is not None:
        walker.cell = []
    elif tag in _BREAKING or _field(element, tag):
        if walker.cell is not None:
            walker.add("\n", False)
            return
        walker.flush()
        walker.role = _class_role(element)
        if tag in _HEADINGS:
            walker.kind, walker.level = "heading", _HEADINGS[tag]
        elif tag == "li":
            walker.kind, walker.level = "item", 0
    if line is not None and walker.cell is None:
        walker.line = line


def _end(walker: _Walker, element: etree._Element, tag: str) -> None:
    if tag == "table":
        walker.end_row()  # cells written without a <tr> end with their table
    if tag == "table" and walker.outer:
        walker.flush()
        (walker.row, walker.cell, walker.row_line, walker.table, walker.spans,
         walker.in_thead) = walker.outer.pop()
        if walker.cell is not None:
            walker.cell.append("\n")  # the cell's text after the table is a line of its own
        return
    if tag in ("td", "th"):
        walker.end_cell(_span(element, "colspan"), _span(element, "rowspan"), tag == "th")
    elif tag == "tr":
        walker.end_row()
    elif tag in ("thead", "tbody", "tfoot"):
        walker.end_row()  # cells written without a <tr> end with their section
        walker.in_thead = False if tag == "thead" else walker.in_thead
    elif tag in _BREAKING:
        if walker.cell is not None:
            walker.add("\n", False)
        else:
            walker.flush()
            walker.kind, walker.level = "line", 0
    elif _field(element, tag):
        if walker.cell is not None:
            walker.add("\n", False)
        else:
            walker.flush()
