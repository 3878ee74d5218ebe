"""The plain values every output writer takes: the site's context for one language, and one
record per page. Each writer of the end of a build (twins, cards and oEmbed files, handouts,
the feed) has the same signature: `write(site_dir, env, context, records)`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .crisis import Region


@dataclass(frozen=True)
class Language:
    """A language the site is built in: `link` is its home from the site root (`/`, `/es/`)."""

    locale: str
    link: str
    default: bool

    @property
    def prefix(self) -> str:
        """The folder its pages live in, from the site root: "" for the default, "es/"."""
        return self.link.lstrip("/")


@dataclass(frozen=True)
class SiteContext:
    """What one language's build knows about the site as a whole."""

    site_name: str
    site_url: str  # ends with "/"
    lang: str
    words: Mapping[str, str]  # the interface words of data/ui.yml for this language
    help_page: str  # the crisis page's address from the site root, like "es/get-help-now/"
    stylesheets: tuple[str, ...] = ()  # what a twin links, from the site root, in order
    material_css: str = ""  # Material's main stylesheet, from the site root
    regions: tuple[Region, ...] = ()  # crisis regions in this build's order
    checklists: Mapping[str, Any] = field(default_factory=dict)  # id -> validated definition
    checklist_pages: Mapping[str, str] = field(default_factory=dict)  # id -> placing page's url
    clinic_name: str | None = None
    chromium: str | None = None  # None: no printable handouts in this build


@dataclass(frozen=True)
class PageRecord:
    """One page as the end of the build needs it (twin, card, oEmbed file, feed entry)."""

    page_dest: str  # the page's output file, like `trust/index.html`
    page_url: str  # the page's address from the site root, like `trust/` or `es/trust/`
    lang: str
    title: str
    description: str
    content: str  # the page's article HTML as the main site renders it
    canonical_url: str
    last_reviewed: dt.date
    next_review: dt.date
    has_checklist: bool
