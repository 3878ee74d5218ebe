"""Relative URLs between the site's files: the one helper every page, twin and card uses."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit


def folder_of(url: str) -> str:
    """The folder a page's URL is served from: `trust/` -> `trust`, `a/b.html` -> `a`,
    the home page (`""`) -> `""`."""
    return url.rstrip("/") if url.endswith("/") or not url else posixpath.dirname(url)


def relative(target: str, from_folder: str) -> str:
    """`target`, a path from the site root (a folder ends in `/`, `""` is the home page), as a
    relative URL from `from_folder`. A folder keeps its trailing slash, and the folder itself
    is `./`, never `.`, so a link to it always stays a link to a folder."""
    result = posixpath.relpath(target or ".", from_folder or ".")
    if target.endswith("/") or not target:
        return "./" if result == "." else result.rstrip("/") + "/"
    return result


def is_https(value: str) -> bool:
    """Whether `value` is a plain https address to a named host: no user part, no spaces,
    quotes or angle brackets that could break out of an attribute."""
    parts = urlsplit(value)
    return (parts.scheme == "https" and bool(parts.hostname) and "@" not in parts.netloc
            and not re.search(r"[\s\"'<>`\\]", value))
