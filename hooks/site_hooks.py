"""MkDocs hooks: the thin adapter between MkDocs and the site's plain Python in `bondsite/`.

Each hook turns MkDocs' objects into plain values, calls `bondsite.site.SiteBuild` (which does
the work, builder-free) and reports its SiteDataError (file, line, fix) as a PluginError, which
fails the build. The one SiteBuild of each build (each language, each `mkdocs serve` rebuild)
is made in on_config and replaced at the next build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from bondsite import clinic, security
from bondsite.crisis import has_country_choice
from bondsite.errors import SiteDataError
from bondsite.site import Language, SiteBuild, not_found_page
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.site_hooks")

_build: SiteBuild | None = None
_command: str | None = None  # what `mkdocs` was asked to do; None when a test calls build()


def _current() -> SiteBuild:
    assert _build is not None, "on_config has not run"
    return _build


def _log_notices() -> None:
    """What the build should tell a maintainer but does not fail on (review dates due soon,
    handouts skipped), logged once each as INFO: strict mode fails on any warning."""
    for notice in _current().notices:
        log.info(notice)
    _current().notices.clear()


def _lang(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or "en")


def _languages(config: MkDocsConfig) -> list[Language]:
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
    global _build
    try:
        _build = SiteBuild.load(
            ROOT, lang=_lang(config), languages=_languages(config), extra=dict(config.extra),
            config_file=Path(config.config_file_path), strict=bool(config.strict),
            serving=_command == "serve")
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    # Heading links' title in this language (i18n cannot override markdown_extensions).
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = _build.ui["permalink_title"]
    if _build.profile and _build.profile.brand_colour and clinic.STYLESHEET not in config.extra_css:
        config.extra_css.append(clinic.STYLESHEET)
    _log_notices()
    return config


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Page templates get this language's interface words and crisis page path."""
    return _current().prepare(env)


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check front matter and markers against the page's source file."""
    source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8")
    try:
        review, placed = _current().check_page(
            page.meta, source, f"docs/{page.file.src_uri}", page.url,
            author=config.extra.get("publisher", ""), reviewer=config.extra.get("reviewer", ""))
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    page.meta["review"] = review
    page.meta["has_checklist"] = placed
    _log_notices()
    return markdown


def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap markers for rendered HTML, so the search index holds the checklists' text too."""
    build = _current()

    def site_path(src_uri: str) -> str | None:
        """A page's (by its .md source) or a static file's path from the site root."""
        target = files.get_file_from_path(src_uri)
        if target is not None:
            return target.url
        if not src_uri.endswith(".md") and (Path(config.docs_dir) / src_uri).is_file():
            return src_uri  # shared assets are not in a translated build's files, but are copied
        return None

    try:
        html = build.render_markers(html, build.theme_env(config.theme.get_env), page.url,
                                    site_path)
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    page.meta["crisis_choice"] = has_country_choice(html)  # main.html then loads its script
    return html


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict:
    build, site_url = _current(), config.site_url or "/"
    title = str(page.meta.get("title") or page.title or config.site_name)
    pages = [(p.meta.get("title") or p.title or "", p.url, bool(p.meta.get("has_checklist")))
             for p in nav.pages]
    page.content, updates = build.page_context(
        page.content or "", build.theme_env(config.theme.get_env), page_url=page.url,
        dest_uri=page.file.dest_uri, canonical_url=page.canonical_url or "", title=title,
        meta=page.meta, nav_pages=pages, site_url=site_url, site_name=config.site_name)
    page.meta.update(updates)
    return context


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Add the security policy; keep what the page's embed twin and feed entry need."""
    _current().keep_twin(page_dest=page.file.dest_uri, page_url=page.url, meta=page.meta,
                         content=page.content or "", canonical_url=page.canonical_url or "")
    return security.add_security_meta(output)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the embed twins, cards and oEmbed files, the feed, handouts and clinic assets."""
    build = _current()
    env = build.theme_env(config.theme.get_env)
    assert env.loader is not None
    try:
        summary = build.write_outputs(
            Path(config.site_dir), env, site_name=config.site_name,
            site_url=config.site_url or "/", extra_css=config.extra_css,
            base_template=env.loader.get_source(env, "base.html")[0])
    except SiteDataError as error:
        raise PluginError(str(error)) from None
    if summary:
        log.info(summary)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    """MkDocs renders 404.html as a static template, without on_post_page."""
    if template_name != "404.html":
        return output
    build = _current()
    return not_found_page(security.add_security_meta(output), lang=build.lang,
                          default_lang=build.default_lang, site_dir=Path(config.site_dir))
