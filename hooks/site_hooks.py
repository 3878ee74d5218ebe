"""MkDocs hooks: the thin adapter between MkDocs and the site's plain Python in `bondsite/`.

Each hook turns MkDocs' objects into plain values, calls `bondsite.site` (which does the work,
builder-free) and reports its SiteDataError (file, line, fix) as a PluginError, which fails the
build. One SiteBuild is made per language in on_config; one SiteRun, made with the default
language's build, holds them all and gathers what spans languages.

mkdocs-static-i18n builds every other language inside the default language's on_post_build
(priority -100), reconfiguring the same config object for each. So each hook finds its
language's SiteBuild by the config's language, builds are counted in and out, and when the
outermost build reaches this module's on_post_build (priority -200, after i18n's) the run
writes every language's outputs and what spans them (feed, search indexes, 404 pages) once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bondsite import security
from bondsite.context import Language
from bondsite.crisis import has_country_choice
from bondsite.errors import SiteDataError
from bondsite.search import Index
from bondsite.site import SiteBuild, SiteRun
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
SEARCH = "material/search"
log = logging.getLogger("mkdocs.hooks.site_hooks")

_run: SiteRun | None = None
_command: str | None = None  # what `mkdocs` was asked to do; None when a test calls build()


def _current(config: MkDocsConfig) -> tuple[SiteBuild, SiteRun]:
    """The SiteBuild of the language the config is set to now, and the run."""
    assert _run is not None, "on_config has not run"
    return _run.builds[_lang(config)], _run


def _log_notices(build: SiteBuild) -> None:
    """What the build should tell a maintainer but does not fail on (review dates due soon,
    handouts skipped), logged once each as INFO: strict mode fails on any warning."""
    for notice in build.notices:
        log.info(notice)
    build.notices.clear()


def _lang(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or "en")


def languages(config: MkDocsConfig) -> list[Language]:
    """The languages this build makes: mkdocs-static-i18n's, or the theme's language alone."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [Language(_lang(config), "/", True)]
    return [Language(str(lang.locale), str(lang.link), bool(lang.default))
            for lang in i18n.config.languages if lang.build]


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the config's language
def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    global _run
    found = languages(config)
    lang = _lang(config)
    if _run is None or any(language.default and language.locale == lang for language in found):
        _run = SiteRun(found)  # the default language's build starts a new run
    try:
        build = SiteBuild.load(
            ROOT, lang=lang, languages=found, extra=dict(config.extra),
            config_file=Path(config.config_file_path), strict=bool(config.strict),
            serving=_command == "serve", site_name=config.site_name,
            site_url=config.site_url or "/", extra_css=list(config.extra_css))
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    _run.builds[lang] = build
    build.env = build.prepare(config.theme.get_env())
    config.extra_css = list(build.extra_css)  # a clinic's brand stylesheet, when it has one
    # Heading links' title in this language (i18n cannot override markdown_extensions).
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = build.ui["permalink_title"]
    search = config.plugins.get(SEARCH)
    if search is not None:
        _run.search_entries[lang] = Index(dict(search.config))
    _log_notices(build)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Count builds in: the i18n plugin nests each other language's build inside the first."""
    _current(config)[1].depth += 1


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Page templates get this language's interface words and crisis page path."""
    return _current(config)[0].prepare(env)


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check front matter and markers against the page's source file."""
    source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8")
    build, _ = _current(config)
    try:
        review, placed = build.check_page(
            page.meta, source, f"docs/{page.file.src_uri}", page.url,
            author=config.extra.get("publisher", ""), reviewer=config.extra.get("reviewer", ""))
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    page.meta["review"] = review
    page.meta["has_checklist"] = placed
    _log_notices(build)
    return markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap markers for rendered HTML, so the search index holds the checklists' text too."""
    build, _ = _current(config)

    def site_path(src_uri: str) -> str | None:
        """A page's (by its .md source) or a static file's path from the site root."""
        target = files.get_file_from_path(src_uri)
        if target is not None:
            return target.url
        if not src_uri.endswith(".md") and (Path(config.docs_dir) / src_uri).is_file():
            return src_uri  # shared assets are not in a translated build's files, but are copied
        return None

    assert build.env is not None
    try:
        html = build.render_markers(html, build.env, page.url, site_path)
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    page.meta["crisis_choice"] = has_country_choice(html)  # main.html then loads its script
    return html


def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    build, run = _current(config)
    index = run.search_entries.get(build.lang)
    if index is not None:  # Material's own indexer, on the page as Material's search saw it
        indexer = SearchIndex(**index.config)
        indexer.add_entry_from_context(page)
        index.entries.extend(indexer.entries)
    site_url = config.site_url or "/"
    title = str(page.meta.get("title") or page.title or config.site_name)
    pages = [(p.meta.get("title") or p.title or "", p.url, bool(p.meta.get("has_checklist")))
             for p in nav.pages]
    assert build.env is not None
    page.content, updates = build.page_context(
        page.content or "", build.env, page_url=page.url, dest_uri=page.file.dest_uri,
        canonical_url=page.canonical_url or "", title=title, meta=page.meta, nav_pages=pages,
        site_url=site_url, site_name=config.site_name)
    page.meta.update(updates)
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Add the security policy; keep what the page's twin, card and feed entry need."""
    _current(config)[0].keep_page(page_dest=page.file.dest_uri, page_url=page.url,
                                  meta=page.meta, content=page.content or "",
                                  canonical_url=page.canonical_url or "")
    return security.add_security_meta(output)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """MkDocs renders 404.html as a static template, without on_post_page."""
    if template_name != "404.html":
        return output
    build, run = _current(config)
    return run.not_found_page(build.lang, security.add_security_meta(output))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """When the outermost build ends: every language's twins, cards and oEmbed files,
    handouts and clinic assets, then the feed, search indexes and 404 pages."""
    _, run = _current(config)
    run.depth -= 1
    if run.depth:
        return  # a language built inside another: the outermost build writes its outputs
    try:
        summaries = run.write_outputs(Path(config.site_dir))
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    for summary in summaries:
        log.info(summary)
