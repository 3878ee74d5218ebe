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

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# Classes inside :not(), :is(), :where() or :has() need not all be present for a match, so
# they never rule a selector out (keeping one that cannot match only costs bytes).
_NOT = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_GROUPING = ("@media", "@supports", "@layer", "@container")


_CLASS_ATTRIBUTE = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def classes_in(documents: Iterable[str]) -> set[str]:
    """Every class name the HTML documents use (in class attributes; our templates and
    Python-Markdown write them quoted, and a regular expression is twenty times faster than
    an HTML parser here)."""
    found: set[str] = set()
    for document in documents:
        for match in _CLASS_ATTRIBUTE.finditer(document):
            found.update((match.group(1) or match.group(2) or match.group(3) or "").split())
    return found


def _split(text: str, separator: str) -> list[str]:
    """Split at `separator` outside brackets and strings (selector lists, like a,b:is(c,d))."""
    if not _NESTED.search(text):
        return text.split(separator)
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


_NESTED = re.compile(r"[(\[\"']")
_SPECIAL = re.compile(r"[{};\"']")


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements: (prelude, body) for blocks, (statement, None) for `@import ...;`."""
    index, depth, start, body = 0, 0, 0, 0
    size = len(css)
    while index < size:
        match = _SPECIAL.search(css, index)
        if match is None:
            return
        char, index = match.group(), match.end()
        if char in "\"'":
            index = css.index(char, index) + 1  # skip the string
        elif char == "{":
            if depth == 0:
                body = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:body - 1], css[body:index - 1]
                start = index
        elif depth == 0:  # ";" ends a statement such as @import or @charset
            yield css[start:index], None
            start = index


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
