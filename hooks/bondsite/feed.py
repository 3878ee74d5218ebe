"""The content feed (feed.json): every page of every language, for clinics and other sites.
Written once, at the end of the build, from the records every language's build gathered."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2

from .context import PageRecord, SiteContext
from .embed import HOST_SCRIPT, LICENCE, LICENCE_URL, twin_url

FILE = "feed.json"
SCHEMA = "feed.schema.json"
VERSION = 1


def entry(record: PageRecord, site_url: str) -> dict[str, str]:
    """One page's entry (see docs/feed.schema.json); `site_url` ends with a slash."""
    return {"title": record.title, "description": record.description,
            "url": record.canonical_url, "embed_url": site_url + twin_url(record.page_url),
            "language": record.lang, "last_reviewed": record.last_reviewed.isoformat(),
            "next_review": record.next_review.isoformat(),
            "licence": LICENCE, "licence_url": LICENCE_URL}


def feed(records: Sequence[PageRecord], site_name: str, site_url: str) -> dict[str, Any]:
    """The feed of these pages: each language's in the order the languages were built, by
    address within a language."""
    languages = dict.fromkeys(record.lang for record in records)
    pages = [page for lang in languages for page in sorted(
        (entry(record, site_url) for record in records if record.lang == lang),
        key=lambda page: page["url"])]
    site = {"name": site_name, "url": site_url, "licence": LICENCE, "licence_url": LICENCE_URL,
            "embed_script": site_url + HOST_SCRIPT}
    return {"$schema": site_url + SCHEMA, "version": VERSION, "site": site, "pages": pages}


def write(site_dir: Path, env: jinja2.Environment, context: SiteContext,
          records: Sequence[PageRecord]) -> Path:
    """Write feed.json (the site named as in `context`, the default language's)."""
    path = site_dir / FILE
    path.write_text(json.dumps(feed(records, context.site_name, context.site_url),
                               ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
