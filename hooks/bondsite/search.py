"""One search index per language. mkdocs-static-i18n leaves a single index of every language
at search/search_index.json, set up for all their lunr languages, and Material fetches it from
`config.base`. This splits it: each language's pages go into the index under that language's
root (search/ for the default, es/search/ for Spanish), set up for that language only, and
each translated page's `config.base` points at its language's root. An English reader then
loads no Spanish search code and no Spanish entries, and the reverse."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"
# The base in Material's page configuration, JSON with "<" escaped: {"annotate": ..., "base": "../.."
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)(")')


@dataclass(frozen=True)
class Language:
    """A built language: its lunr code and the folder its pages live in ("" for the default)."""

    code: str
    prefix: str


def split_index(site_dir: Path, languages: list[Language]) -> dict[str, int]:
    """Write each language's index from the merged one; returns entries per language."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    translated = [lang for lang in languages if lang.prefix]
    counts = {}
    for lang in languages:
        if lang.prefix:
            docs = [_relocated(doc, lang.prefix) for doc in merged["docs"]
                    if doc["location"].startswith(lang.prefix)]
        else:
            docs = [doc for doc in merged["docs"]
                    if not any(doc["location"].startswith(t.prefix) for t in translated)]
        index = {"config": {**merged["config"], "lang": [lang.code]}, "docs": docs}
        target = site_dir / lang.prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        counts[lang.code] = len(docs)
        if lang.prefix:
            for page in sorted((site_dir / lang.prefix).rglob("*.html")):
                before = page.read_text(encoding="utf-8")
                after = point_at_language_root(before, lang.prefix)
                if after != before:  # twins and cards have no config; a second run no change
                    page.write_text(after, encoding="utf-8")
    return counts


def _relocated(doc: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {**doc, "location": doc["location"].removeprefix(prefix)}


def point_at_language_root(html: str, prefix: str) -> str:
    """Material's `config.base` of a page in `prefix` (like "es/"), moved to that folder.
    Idempotent: a base already ending in the prefix is left alone."""
    def move(match: re.Match[str]) -> str:
        base = match.group(2)
        if base.endswith("/" + prefix) or base == prefix:
            return match.group(0)
        return match.group(1) + base.rstrip("/") + "/" + prefix + match.group(3)
    return CONFIG_BASE.sub(move, html, count=1)
