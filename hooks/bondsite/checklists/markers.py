"""Where a page places a checklist: `<!-- checklist: id -->` on a line of its own."""

from __future__ import annotations

import re
from collections.abc import Callable

# A marker on its own line in the Markdown source, and the same comment in the rendered HTML
# (Python-Markdown passes comments through; a <p> around it is swallowed too).
MARKER_LINE = re.compile(r"^[ \t]*<!--\s*checklist:\s*(.*?)\s*-->[ \t]*$")
MARKER_HTML = re.compile(
    r"<p>\s*<!--\s*checklist:\s*(.*?)\s*-->\s*</p>|<!--\s*checklist:\s*(.*?)\s*-->")
FENCE = re.compile(r"^[ \t]*(```|~~~)")


def find_markers(source: str) -> list[tuple[str, int]]:
    """Each `<!-- checklist: id -->` on its own line, with its 1-based line; skips fenced code."""
    found: list[tuple[str, int]] = []
    fence: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        opening = FENCE.match(line)
        if opening:
            fence = None if fence == opening.group(1) else fence or opening.group(1)
            continue
        match = MARKER_LINE.match(line)
        if match and fence is None:
            found.append((match.group(1), number))
    return found


def replace_markers(html: str, render: Callable[[str], str]) -> str:
    """Replace each marker comment in rendered page HTML with `render(id)`."""
    return MARKER_HTML.sub(lambda m: render(m.group(1) or m.group(2)), html)
