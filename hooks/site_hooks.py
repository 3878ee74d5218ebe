"""MkDocs hooks: the thin adapter between MkDocs and the site's plain Python in `bondsite/`.

It loads the data once per build (crisis lines, checklist definitions), checks each page's
front matter and markers, and swaps the markers for rendered HTML. All the work happens in
`bondsite`; errors there are SiteDataError, which names the file, the line and the fix.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bondsite import checklists, pagemeta, security
from bondsite.crisis import CrisisData, load_crisis_data
from bondsite.errors import SiteDataError
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
CRISIS_FILE = "data/crisis-lines.yml"
CHECKLIST_FOLDER = "data/checklists"
CRISIS_MARKER = re.compile(r"<!--\s*crisis-lines\s*-->")


@dataclass
class _Build:
    """What one build loaded; replaced at the start of every build (including serve reloads)."""

    crisis: CrisisData
    region: str | None
    definitions: dict[str, checklists.Checklist]
    files: Files | None = None
    placed: dict[str, list[str]] = field(default_factory=dict)


_build: _Build | None = None


def _fail(error: SiteDataError) -> PluginError:
    return PluginError(str(error))


def _lang(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or "en")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    region = config.extra.get("region") or None
    try:
        crisis = load_crisis_data(ROOT / CRISIS_FILE, CRISIS_FILE, _lang(config))
        if region and region not in crisis.regions:
            raise SiteDataError(
                str(config.config_file_path), None, f"extra.region `{region}` has no crisis lines.",
                f"use one of {', '.join(crisis.order)}, or add the region to {CRISIS_FILE}.")
        definitions = checklists.load_all(ROOT / CHECKLIST_FOLDER / _lang(config),
                                          f"{CHECKLIST_FOLDER}/{_lang(config)}")
    except SiteDataError as error:
        raise _fail(error) from None
    _build = _Build(crisis=crisis, region=region, definitions=definitions)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None
    _build.files = files
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check front matter and checklist markers against the page's source file."""
    assert _build is not None
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8")
    try:
        review = pagemeta.check_front_matter(
            page.meta, source, name, author=config.extra.get("publisher", ""),
            reviewer=config.extra.get("reviewer", ""))
        placed = []
        for checklist_id, line in checklists.find_markers(source):
            if checklist_id not in _build.definitions:
                known = ", ".join(sorted(_build.definitions)) or "none"
                raise SiteDataError(name, line, f"there is no checklist `{checklist_id}`.",
                                    f"use one of: {known}; or add "
                                    f"{CHECKLIST_FOLDER}/{_lang(config)}/{checklist_id}.yml.")
            placed.append(checklist_id)
    except SiteDataError as error:
        raise _fail(error) from None
    _build.placed[page.file.src_uri] = placed
    page.meta["review"] = review
    page.meta["has_checklist"] = bool(placed)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap markers for rendered HTML, so the search index holds the checklists' text too."""
    assert _build is not None
    build = _build
    env = config.theme.get_env()
    regions = build.crisis.ordered(build.region)
    lang = _lang(config)

    def url_for(src_uri: str) -> str | None:
        target = files.get_file_from_path(src_uri)
        if target is None:
            return None
        here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
        relative = posixpath.relpath(target.url or ".", here or ".")
        return relative + "/" if target.url.endswith("/") and relative != "." else relative

    if CRISIS_MARKER.search(html):
        crisis_html = env.get_template("partials/crisis-lines.html").render(
            regions=regions, lang=lang, config=config)
        html = CRISIS_MARKER.sub(lambda _: crisis_html, html)
    try:
        return checklists.replace_markers(
            html, lambda checklist_id: checklists.render(
                build.definitions[checklist_id], env, regions=regions, url_for=url_for,
                clinic=config.extra.get("clinic")))
    except SiteDataError as error:
        raise _fail(error) from None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    review = page.meta.get("review")
    if isinstance(review, pagemeta.Review):
        lang = _lang(config)
        page.meta["json_ld"] = pagemeta.json_ld(
            page.meta, review, page.canonical_url or "", lang, config.site_name)
        page.meta["review_line"] = {
            "last": pagemeta.long_date(review.last_reviewed, lang),
            "next": pagemeta.long_date(review.next_review, lang),
            "last_iso": review.last_reviewed.isoformat(),
            "next_iso": review.next_review.isoformat(),
            "author": review.author,
            "reviewer": review.reviewer,
        }
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return security.add_security_meta(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """MkDocs renders 404.html as a static template, without on_post_page."""
    return security.add_security_meta(output) if template_name == "404.html" else output
