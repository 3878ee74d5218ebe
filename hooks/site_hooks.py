"""MkDocs hooks: the thin adapter between MkDocs and the site's plain Python in `bondsite/`.

It loads the data once per build (crisis lines, checklist definitions, a clinic's profile),
checks each page's front matter and markers, and swaps the markers for rendered HTML. After the
build it writes each page's embeddable twin, the content feed and a clinic's assets. All the
work happens in `bondsite`; errors there are SiteDataError, which names the file, the line and
the fix.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bondsite import checklists, clinic, embed, feed, feedback, handouts, oembed, pagemeta, security
from bondsite.crisis import CrisisData, has_country_choice, load_crisis_data
from bondsite.errors import SiteDataError
from bondsite.yamldata import LineDict, load_yaml
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
CRISIS_FILE = "data/crisis-lines.yml"
UI_FILE = "data/ui.yml"
CHECKLIST_FOLDER = "data/checklists"
CRISIS_MARKER = re.compile(r"<!--\s*crisis-lines\s*-->")


@dataclass
class _Build:
    """What one build loaded; replaced at the start of every build (including serve reloads)."""

    crisis: CrisisData
    region: str | None
    definitions: dict[str, checklists.Checklist]
    template_globals: dict[str, object]
    profile: clinic.Clinic | None = None
    twins: list[embed.Twin] = field(default_factory=list)
    env: Environment | None = None
    feedback_email: str = ""
    chromium: str | None = None  # None: no printable handouts in this build (serve without it)
    checklist_pages: dict[str, str] = field(default_factory=dict)  # checklist id -> page url


_build: _Build | None = None
_command: str | None = None  # what `mkdocs` was asked to do; None when a test calls build()
log = logging.getLogger("mkdocs.hooks.site_hooks")


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory across the builds of one process (one per language,
    and every rebuild of `mkdocs serve`); keyed by Jinja on the template's name and source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def _theme_env(config: MkDocsConfig) -> Environment:
    """One template environment per build, with our globals: get_env() compiles anew each call."""
    assert _build is not None
    if _build.env is None:
        _build.env = config.theme.get_env()
        _build.env.bytecode_cache = _COMPILED
        _build.env.globals.update(_build.template_globals)
    return _build.env


def _fail(error: SiteDataError) -> PluginError:
    return PluginError(str(error))


def _lang(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or "en")


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the config's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    region = config.extra.get("region") or None
    try:
        crisis = load_crisis_data(ROOT / CRISIS_FILE, CRISIS_FILE, _lang(config))
        if region and region not in crisis.regions:
            raise SiteDataError(
                str(config.config_file_path), None, f"extra.region `{region}` has no crisis lines.",
                f"use one of {', '.join(crisis.order)}, or add the region to {CRISIS_FILE}.")
        lang = _lang(config)
        definitions = checklists.load_all(ROOT / CHECKLIST_FOLDER / lang,
                                          f"{CHECKLIST_FOLDER}/{lang}")
        prefix = "" if lang == _default_lang(config) else f"{lang}/"
        profile = clinic.from_config(config.extra.get("clinic"), Path(config.config_file_path), ROOT)
        ui = _load_ui_words(lang)
        template_globals = {"ui": ui, "help_now_path": prefix + "get-help-now/", "home_path": prefix,
                            "clinic": profile.view() if profile else None,
                            "crisis_region_fixed": bool(region),
                            "not_found_others": _other_languages_404(config, lang)}
    except SiteDataError as error:
        raise _fail(error) from None
    # Heading links' title in this language (i18n cannot override markdown_extensions).
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = ui["permalink_title"]
    if profile and profile.brand_colour and clinic.STYLESHEET not in config.extra_css:
        config.extra_css.append(clinic.STYLESHEET)
    _build = _Build(crisis=crisis, region=region, definitions=definitions,
                    template_globals=template_globals, profile=profile)
    try:
        _build.feedback_email = feedback.check_address(
            config.extra.get(feedback.KEY), [Path(config.config_file_path), ROOT / "mkdocs.yml"], ROOT)
        _build.chromium, notice = handouts.chromium_or_notice(serving=_command == "serve",
                                                              strict=bool(config.strict))
    except SiteDataError as error:
        raise _fail(error) from None
    if notice and lang == _default_lang(config):
        log.info(notice)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give page templates this language's interface words and crisis page path."""
    assert _build is not None
    env.globals.update(_build.template_globals)
    env.bytecode_cache = _COMPILED
    return env


def _load_ui_words(lang: str) -> dict[str, str]:
    words = load_yaml(ROOT / UI_FILE, UI_FILE)
    if not isinstance(words, LineDict) or not isinstance(words.get(lang), LineDict):
        raise SiteDataError(UI_FILE, None, f"there are no interface words for `{lang}`.",
                            f"add a `{lang}:` block with the same keys as `en:`.")
    missing = sorted(set(words["en"]) - set(words[lang]))
    if missing:
        raise SiteDataError(UI_FILE, words.line_of(lang), f"`{lang}` lacks {missing}.",
                            "add the missing keys.")
    return dict(words[lang])


def _other_languages_404(config: MkDocsConfig, lang: str) -> list[dict[str, object]]:
    """For the default language's 404 page (the one GitHub Pages serves everywhere): each other
    language's words and home and crisis paths, so the page can offer them too."""
    i18n = config.plugins.get("i18n")
    if i18n is None or lang != _default_lang(config):
        return []
    return [{"lang": str(language.locale), "ui": _load_ui_words(str(language.locale)),
             "home_path": language.link.lstrip("/"),
             "help_now_path": language.link.lstrip("/") + "get-help-now/"}
            for language in i18n.config.languages
            if language.build and not language.default and str(language.locale) != lang]


def _default_lang(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return _lang(config)
    return next((str(language.locale) for language in i18n.config.languages if language.default),
                "en")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check front matter and checklist markers against the page's source file."""
    assert _build is not None
    name = f"docs/{page.file.src_uri}"
    source = Path(page.file.abs_src_path or "").read_text(encoding="utf-8")
    try:
        review = pagemeta.check_front_matter(
            page.meta, source, name, author=config.extra.get("publisher", ""),
            reviewer=config.extra.get("reviewer", ""))
        placed = False
        for checklist_id, line in checklists.find_markers(source):
            if checklist_id not in _build.definitions:
                known = ", ".join(sorted(_build.definitions)) or "none"
                raise SiteDataError(name, line, f"there is no checklist `{checklist_id}`.",
                                    f"use one of: {known}; or add "
                                    f"{CHECKLIST_FOLDER}/{_lang(config)}/{checklist_id}.yml.")
            placed = True
            _build.checklist_pages.setdefault(checklist_id, page.url)
    except SiteDataError as error:
        raise _fail(error) from None
    page.meta["review"] = review
    page.meta["has_checklist"] = placed
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap markers for rendered HTML, so the search index holds the checklists' text too."""
    assert _build is not None
    build = _build
    env = _theme_env(config)
    regions = build.crisis.ordered(build.region)

    def url_for(src_uri: str) -> str | None:
        """Relative URL of a page (by its .md path) or a static file, or None if neither."""
        target = files.get_file_from_path(src_uri)
        if target is not None:
            url = target.url
        elif not src_uri.endswith(".md") and (Path(config.docs_dir) / src_uri).is_file():
            url = src_uri  # shared assets are not in a translated build's files, but are copied
        else:
            return None
        here = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
        relative = posixpath.relpath(url or ".", here or ".")
        return relative + "/" if url.endswith("/") and relative != "." else relative

    if CRISIS_MARKER.search(html):
        crisis_html = env.get_template("partials/crisis-lines.html").render(regions=regions)
        html = CRISIS_MARKER.sub(lambda _: crisis_html, html)
    try:
        html = checklists.replace_markers(
            html, lambda checklist_id: _handout_link(checklist_id, page, config) + checklists.render(
                build.definitions[checklist_id], env, regions=regions, url_for=url_for,
                clinic=build.template_globals["clinic"]))
    except SiteDataError as error:
        raise _fail(error) from None
    page.meta["crisis_choice"] = has_country_choice(html)  # main.html then loads its script
    return html


def _handout_link(checklist_id: str, page: Page, config: MkDocsConfig) -> str:
    """"Print a blank copy", above a checklist, when this build makes the handouts."""
    assert _build is not None
    if not _build.chromium:
        return ""
    href = handouts.link_href(_lang(config), checklist_id, page.url)
    return handouts.link_html(href, _build.template_globals["ui"])  # type: ignore[arg-type]


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    assert _build is not None
    build, site_url = _build, config.site_url or "/"

    def generator() -> str:
        """The snippet generator for this language's pages (all read by now, unlike earlier)."""
        pages = [(p.meta.get("title") or p.title or "", p.url, bool(p.meta.get("has_checklist")))
                 for p in nav.pages]
        return embed.render_generator(_theme_env(config), embed.choices(pages, site_url),
                                      site_url=site_url, page_dest=page.file.dest_uri,
                                      words=build.template_globals["ui"])

    page.content = embed.replace_generator_marker(page.content or "", generator)
    title = str(page.meta.get("title") or page.title or config.site_name)
    page.meta["oembed"] = oembed.discovery(site_url, page.url, _lang(config), title)
    page.meta["feedback_href"] = feedback.page_link(
        build.feedback_email, build.template_globals["ui"], title=title,
        url=page.canonical_url or site_url + page.url)
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
    """Add the security policy; keep what the page's embed twin and feed entry need."""
    assert _build is not None
    review = page.meta.get("review")
    if isinstance(review, pagemeta.Review):
        _build.twins.append(embed.Twin(
            page_dest=page.file.dest_uri, page_url=page.url, lang=_lang(config),
            title=page.meta["title"], description=page.meta["description"],
            content=handouts.without_link(page.content or ""), canonical_url=page.canonical_url or "",
            last_reviewed=review.last_reviewed, next_review=review.next_review,
            has_checklist=bool(page.meta.get("has_checklist"))))
    return security.add_security_meta(output)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the embed twins, merge this language into feed.json, publish a clinic's assets."""
    assert _build is not None
    site_dir, env = Path(config.site_dir), _theme_env(config)
    try:
        material_css = embed.material_stylesheets(env.loader.get_source(env, "base.html")[0])
    except SiteDataError as error:
        raise _fail(error) from None
    embed.write_twins(
        site_dir, env, _build.twins, site_name=config.site_name,
        words=_build.template_globals["ui"], help_page=_build.template_globals["help_now_path"],
        stylesheets=[*material_css, *config.extra_css, embed.EMBED_CSS])
    feed.write(site_dir, _build.twins, config.site_name, config.site_url or "/")
    site_url, words = config.site_url or "/", _build.template_globals["ui"]
    help_page = str(_build.template_globals["help_now_path"])
    oembed.write(site_dir, env, map(oembed.Card.of, _build.twins), site_url=site_url,
                 site_name=config.site_name, words=words, help_page=help_page)
    if _build.chromium:
        documents = handouts.documents(
            env, _build.definitions, _build.checklist_pages, lang=_lang(config), site_url=site_url,
            regions=_build.crisis.ordered(_build.region), help_page=help_page, words=words,
            site_name=config.site_name, clinic_name=_build.profile.name if _build.profile else None)
        try:
            log.info(handouts.write(site_dir, documents, chromium=_build.chromium,
                                    cache=handouts.default_cache()).summary())
        except SiteDataError as error:
            raise _fail(error) from None
    if _build.profile:
        clinic.write_assets(site_dir, _build.profile)


# The default language's 404 page. Each language's build renders 404.html into the same site
# root; GitHub Pages serves only that one, so it stays in the default language (its header
# offers the language switch) and other languages get theirs under <lang>/404.html.
_default_404: dict[str, str] = {}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """MkDocs renders 404.html as a static template, without on_post_page."""
    if template_name != "404.html":
        return output
    output = security.add_security_meta(output)
    lang, default = _lang(config), _default_lang(config)
    if lang == default:
        _default_404[config.site_dir] = output
        return output
    translated = Path(config.site_dir) / lang / "404.html"
    translated.parent.mkdir(parents=True, exist_ok=True)
    translated.write_text(output, encoding="utf-8")
    return _default_404.get(config.site_dir, output)
