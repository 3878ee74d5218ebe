"""Material's main stylesheet cut down to the rules an embed twin can use.

A twin is the article alone: no header, navigation, search, sidebars or footer, and no
Material JavaScript to add classes later. So a rule whose selectors all name a class that no
twin of the build contains can never match there, and is left out. Everything else (element
and attribute selectors, custom properties, the palette's variables, @keyframes, @font-face)
is kept as it is. The full stylesheet still serves the site; only twins link the subset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# Classes inside :not(), :is(), :where() or :has() need not all be present for a match, so
# they never rule a selector out (keeping one that cannot match only costs bytes).
_NOT = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_GROUPING = ("@media", "@supports", "@layer", "@container")


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.found.update(value.split())


def classes_in(documents: Iterable[str]) -> set[str]:
    """Every class name the HTML documents use."""
    parser = _Classes()
    for document in documents:
        parser.feed(document)
    parser.close()
    return parser.found


def _split(text: str, separator: str) -> list[str]:
    """Split at `separator` outside brackets and strings (selector lists, like a,b:is(c,d))."""
    parts, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements: (prelude, body) for blocks, (statement, None) for `@import ...;`."""
    index, size = 0, len(css)
    while index < size:
        end, quote = index, ""
        while end < size and (quote or css[end] not in "{;"):
            if quote:
                quote = "" if css[end] == quote else quote
            elif css[end] in "\"'":
                quote = css[end]
            end += 1
        if end >= size:
            return
        if css[end] == ";":
            yield css[index:end + 1], None
            index = end + 1
            continue
        depth, close = 1, end + 1
        while depth:
            char = css[close]
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            close += 1
        yield css[index:end], css[end + 1:close - 1]
        index = close


def subset(css: str, used: set[str]) -> str:
    """`css` without the selectors that need a class outside `used`, and without rules and
    groups left empty by that."""
    out = []
    for prelude, body in _blocks(css):
        head = prelude.strip()
        if body is None:
            out.append(head)
        elif head.startswith(_GROUPING):
            inner = subset(body, used)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            kept = [s for s in _split(head, ",")
                    if set(_CLASS.findall(_NOT.sub("", s))) <= used]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)
