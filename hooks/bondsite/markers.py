"""One marker grammar for everything a page places, and one dispatcher.

A marker is an HTML comment on a line of its own in a page's Markdown:

    <!-- checklist: bond-check -->     a name, a colon and an argument
    <!-- crisis-lines -->              a name alone

`find` reads the Markdown source and checks every marker against the known names (an unknown
name, a missing or an unexpected argument fails with the file and the line); `replace` swaps
the markers in the rendered HTML for what a handler returns, leaving the markers it has no
handler for to a later step. In the spirit of Material's `shortcodes.py`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import SiteDataError

# What each marker takes: True for one argument, False for none.
KNOWN: dict[str, bool] = {
    "checklist": True,       # a checklist by id (data/checklists/<lang>/<id>.yml)
    "crisis-lines": False,   # the crisis lines for the site's region (data/crisis-lines.yml)
    "embed-generator": False,  # the embed snippet generator (for clinics)
}
_BODY = r"<!--\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s*(?::\s*(.*?))?\s*-->"
LINE = re.compile(rf"^[ \t]*{_BODY}[ \t]*$")
# In rendered HTML, Python-Markdown passes the comment through, sometimes inside a <p>.
HTML = re.compile(rf"<p>\s*{_BODY}\s*</p>|{_BODY}")
FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class Marker:
    """One marker found in a page's source."""

    name: str
    arg: str
    line: int


def find(source: str, file: str, known: Mapping[str, bool] = KNOWN) -> list[Marker]:
    """Every marker on a line of its own (fenced code skipped), checked against `known`."""
    found: list[Marker] = []
    fence: str | None = None
    for number, text in enumerate(source.splitlines(), start=1):
        opening = FENCE.match(text)
        if opening:
            fence = None if fence == opening.group(1) else fence or opening.group(1)
            continue
        match = LINE.match(text)
        if match is None or fence is not None:
            continue
        name, arg = match.group(1), (match.group(2) or "").strip()
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise SiteDataError(file, number, f"`<!-- {name} -->` is not a marker this site"
                                " knows.", f"{hint}Use one of: {', '.join(sorted(known))}.")
        if known[name] and not arg:
            raise SiteDataError(file, number, f"the `{name}` marker needs an argument.",
                                f"write it like `<!-- {name}: some-id -->`.")
        if not known[name] and arg:
            raise SiteDataError(file, number, f"the `{name}` marker takes no argument.",
                                f"write it as `<!-- {name} -->`.")
        found.append(Marker(name, arg, number))
    return found


def replace(html: str, handlers: Mapping[str, Callable[[str], str]]) -> str:
    """Swap each marker in rendered HTML whose name has a handler for `handler(argument)`."""

    def swap(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        arg = (match.group(2) if match.group(1) else match.group(4)) or ""
        handler = handlers.get(name)
        return handler(arg.strip()) if handler else match.group(0)

    return HTML.sub(swap, html)

