"""The content feed (feed.json): every page of every language, for clinics and other sites."""

# mkdocs-static-i18n builds one language after another into the same site folder, so each
# build merges its pages into the feed the earlier builds wrote, replacing entries with the same
# address (a `mkdocs serve --dirty` rebuild of a few pages keeps the others).

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .embed import HOST_SCRIPT, LICENCE, LICENCE_URL, Twin, twin_url

FILE = "feed.json"
SCHEMA = "feed.schema.json"
VERSION = 1


def entry(twin: Twin, site_url: str) -> dict[str, str]:
    """One page's entry (see docs/feed.schema.json); `site_url` ends with a slash."""
    return {"title": twin.title, "description": twin.description, "url": twin.canonical_url,
            "embed_url": site_url + twin_url(twin.page_url), "language": twin.lang,
            "last_reviewed": twin.last_reviewed.isoformat(),
            "next_review": twin.next_review.isoformat(),
            "licence": LICENCE, "licence_url": LICENCE_URL}


def merge(existing: dict[str, Any] | None, entries: list[dict[str, str]], site_name: str,
          site_url: str) -> dict[str, Any]:
    """The feed with `entries` added, replacing earlier entries for the same page address."""
    pages = {page.get("url"): page for page in (existing or {}).get("pages", [])}
    pages.update((page["url"], page) for page in sorted(entries, key=lambda page: page["url"]))
    site = (existing or {}).get("site") or {
        "name": site_name, "url": site_url, "licence": LICENCE, "licence_url": LICENCE_URL,
        "embed_script": site_url + HOST_SCRIPT}
    return {"$schema": site_url + SCHEMA, "version": VERSION, "site": site,
            "pages": list(pages.values())}


def write(site_dir: Path, twins: Iterable[Twin], site_name: str, site_url: str) -> Path:
    """Merge this language's pages into site_dir/feed.json and return its path."""
    path = site_dir / FILE
    existing = None
    if path.is_file():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            existing = None  # a half-written feed from an interrupted build: start again
    entries = [entry(twin, site_url) for twin in twins]
    feed = merge(existing if isinstance(existing, dict) else None, entries, site_name, site_url)
    path.write_text(json.dumps(feed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
