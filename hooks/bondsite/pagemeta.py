"""Page front matter: validation, the review line and JSON-LD for search engines."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import SiteDataError
from .yamldata import key_lines, parse_yaml

REQUIRED = ("title", "description", "last_reviewed", "next_review")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
DESCRIPTION_LENGTH = (50, 170)
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}


@dataclass(frozen=True)
class Change:
    """One dated change that matters to a reader (the page's corrections record)."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Review:
    last_reviewed: dt.date
    next_review: dt.date
    author: str
    reviewer: str
    changes: tuple[Change, ...] = ()


def _date(meta: Mapping[str, Any], key: str, file: str, line: int | None) -> dt.date:
    value = meta.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise SiteDataError(file, line, f"`{key}` is {value!r}, not a date.",
                        f"write `{key}: YYYY-MM-DD`, for example `{key}: 2026-11-28`.")


def front_matter_lines(source: str, name: str = "front matter") -> dict[str, int]:
    """Line number (1-based, in the file) of each top-level front matter key, read by the
    site's YAML loader (MkDocs has already parsed and checked the front matter itself)."""
    match = FRONT_MATTER.match(source)
    if match is None:
        return {}
    try:
        data = parse_yaml(match.group(1) or "", name)
    except SiteDataError:
        return {}
    return {key: line + 1 for key, line in key_lines(data).items() if "." not in key}


def check_front_matter(meta: Mapping[str, Any], source: str, file: str,
                       author: str, reviewer: str) -> Review:
    """Validate a page's front matter and return its review details, or raise SiteDataError."""
    lines = front_matter_lines(source)
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            raise SiteDataError(file, 1, f"the front matter has no `{key}`.",
                                f"add `{key}:` between the `---` lines at the top of the page.")
    for key in ("title", "description"):
        if not isinstance(meta[key], str):
            raise SiteDataError(file, lines.get(key), f"`{key}` must be text.",
                                f"write `{key}:` followed by plain text.")
    low, high = DESCRIPTION_LENGTH
    if not low <= len(meta["description"]) <= high:
        raise SiteDataError(file, lines.get("description"),
                            f"the description is {len(meta['description'])} characters long.",
                            f"write {low} to {high} characters: it is the snippet search engines show.")
    last = _date(meta, "last_reviewed", file, lines.get("last_reviewed"))
    due = _date(meta, "next_review", file, lines.get("next_review"))
    if due <= last:
        raise SiteDataError(file, lines.get("next_review"), "the next review is not after the last.",
                            "set `next_review` to a later date, usually a year after.")
    page_author = meta.get("author") or author
    if not isinstance(page_author, str):
        raise SiteDataError(file, lines.get("author"), "`author` must be text.",
                            "name the team or the person who wrote the page.")
    return Review(last_reviewed=last, next_review=due, author=page_author, reviewer=reviewer,
                  changes=_changes(meta.get("changes"), file, lines.get("changes"), last))


def _changes(value: Any, file: str, line: int | None, last: dt.date) -> tuple[Change, ...]:
    """`changes:`, the page's dated corrections record, newest first."""
    if value is None:
        return ()
    fix = ("write each change as `- date: YYYY-MM-DD` and `text: what changed`, in a list"
           " under `changes:`.")
    if not isinstance(value, list) or not value:
        raise SiteDataError(file, line, "`changes` must be a list of dated changes.", fix)
    changes = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"date", "text"}:
            raise SiteDataError(file, line, f"a change ({entry!r}) needs exactly `date` and"
                                " `text`.", fix)
        day = _date(entry, "date", file, line)
        text = entry["text"]
        if not isinstance(text, str) or not text.strip():
            raise SiteDataError(file, line, "a change has no text.", fix)
        if day > last:
            raise SiteDataError(file, line, f"a change is dated {day.isoformat()}, after the"
                                f" page's last review ({last.isoformat()}).",
                                "a change is part of a review: set `last_reviewed` to its date"
                                " or later.")
        changes.append(Change(day, " ".join(text.split())))
    return tuple(sorted(changes, key=lambda change: change.date, reverse=True))


def long_date(day: dt.date, lang: str) -> str:
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    return f"{day.day} {month} {day.year}" if lang == "en" else f"{day.day} de {month} de {day.year}"


def review_line(review: Review, lang: str) -> dict[str, Any]:
    """The "Last reviewed ... Next review due ... Written by" line's values, as text, and the
    page's dated changes under it."""
    return {"last": long_date(review.last_reviewed, lang),
            "next": long_date(review.next_review, lang),
            "last_iso": review.last_reviewed.isoformat(),
            "next_iso": review.next_review.isoformat(),
            "author": review.author, "reviewer": review.reviewer,
            "changes": [{"date": long_date(c.date, lang), "iso": c.date.isoformat(),
                         "text": c.text} for c in review.changes]}


def script_safe_json(data: Any) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the text holds."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def json_ld(meta: Mapping[str, Any], review: Review, url: str, lang: str, site_name: str) -> str:
    """schema.org description of the page, as escaped JSON for a ld+json script."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta["title"],
        "description": meta["description"],
        "url": url,
        "inLanguage": lang,
        "lastReviewed": review.last_reviewed.isoformat(),
        "about": {"@type": "Thing", "name": meta.get("about") or "Therapeutic alliance"},
        "audience": {"@type": "Audience", "audienceType": "Patients and the public"},
        "author": {"@type": "Organization", "name": review.author},
        "publisher": {"@type": "Organization", "name": site_name},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if review.reviewer:
        data["reviewedBy"] = {"@type": "Organization", "name": review.reviewer}
    return script_safe_json(data)
