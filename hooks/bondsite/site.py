"""The site's build, without MkDocs: one SiteBuild per language, one SiteRun for them all.

`hooks/site_hooks.py` is the adapter: it turns MkDocs' objects into the plain values these
functions take (paths, URLs, dicts, a Jinja environment) and reports SiteDataError through
MkDocs. Everything else happens here, in the order a build runs:

1. `SiteBuild.load` reads the data once (crisis lines, checklists, interface words, a clinic's
   profile, the feedback and quick-exit addresses) and checks it;
2. `check_page` checks a page's front matter and markers against its source file;
3. `render_markers` swaps the markers in a page's HTML for checklists and crisis lines;
4. `page_context` places the embed generator and computes the page's metadata;
5. `keep_page` keeps the page's record (PageRecord) for the end of the build;
6. `write_outputs` writes this language's twins, cards and oEmbed files, handouts and clinic
   assets, each writer taking (site_dir, env, context, records).

mkdocs-static-i18n builds the default language, then each other language inside it: one
SiteRun, made with the default language's build, gathers what spans languages (every page's
record, each language's search entries and 404 page) and `finish` writes the feed, the search
indexes and the other languages' 404 pages once, after the last language. Nothing reads back a
file an earlier language's build wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import (
    checklists,
    clinic,
    embed,
    feed,
    feedback,
    handouts,
    markers,
    oembed,
    pagemeta,
    search,
    templates,
)
from .context import Language, PageRecord, SiteContext
from .crisis import CrisisData, every_line_always, load_crisis_data
from .errors import SiteDataError
from .review import check_due
from .uiwords import load_ui_words
from .urls import folder_of, is_https, relative
from .yamldata import config_setting

CRISIS_FILE = "data/crisis-lines.yml"
UI_FILE = "data/ui.yml"
CHECKLIST_FOLDER = "data/checklists"
CRISIS_TEMPLATE = "partials/crisis-lines.html"


@dataclass
class SiteBuild:
    """What one build loaded, and what its pages leave for the end of the build."""

    root: Path
    lang: str
    default_lang: str
    crisis: CrisisData
    region: str | None
    definitions: dict[str, checklists.Checklist]
    ui: dict[str, str]
    profile: clinic.Clinic | None
    feedback_email: str
    chromium: str | None  # None: no printable handouts in this build (serve without Chromium)
    template_globals: dict[str, object]
    clinic_view: dict[str, str] | None = None  # the profile's view, for templates and checklists
    notices: list[str] = field(default_factory=list)  # for the build log, once per build
    today: dt.date = field(default_factory=dt.date.today)
    records: list[PageRecord] = field(default_factory=list)
    checklist_pages: dict[str, str] = field(default_factory=dict)  # checklist id -> page url
    env: jinja2.Environment | None = None  # the theme's templates, for what the hooks render
    site_name: str = ""
    site_url: str = "/"
    extra_css: tuple[str, ...] = ()  # the config's, and a clinic's brand stylesheet

    @classmethod
    def load(cls, root: Path, *, lang: str, languages: Iterable[Language], extra: dict[str, Any],
             config_file: Path, strict: bool, serving: bool, site_name: str, site_url: str,
             extra_css: Iterable[str] = (), today: dt.date | None = None) -> SiteBuild:
        """Read and check everything a build needs, or raise SiteDataError."""
        languages = list(languages)
        default_lang = next((lang_.locale for lang_ in languages if lang_.default), lang)
        region = extra.get("region") or None
        crisis = load_crisis_data(root / CRISIS_FILE, CRISIS_FILE, lang)
        if region and region not in crisis.regions:
            raise SiteDataError(str(config_file), None, f"extra.region `{region}` has no crisis"
                                " lines.", f"use one of {', '.join(crisis.order)}, or add the"
                                f" region to {CRISIS_FILE}.")
        definitions = checklists.load_all(root / CHECKLIST_FOLDER / lang,
                                          f"{CHECKLIST_FOLDER}/{lang}")
        profile = clinic.from_config(extra.get("clinic"), config_file, root)
        ui = load_ui_words(root / UI_FILE, UI_FILE, lang)
        clinic_view = profile.view() if profile else None
        prefix = next((lang_.prefix for lang_ in languages if lang_.locale == lang), "")
        others = [] if lang != default_lang else [
            {"lang": other.locale, "ui": load_ui_words(root / UI_FILE, UI_FILE, other.locale),
             "home_path": other.link.lstrip("/"),
             "help_now_path": other.link.lstrip("/") + "get-help-now/"}
            for other in languages if not other.default and other.locale != lang]
        template_globals: dict[str, object] = {
            "ui": ui, "help_now_path": prefix + "get-help-now/", "home_path": prefix,
            # Material's search looks for the index under this language's root (main.html).
            "language_prefix": prefix,
            "clinic": clinic_view, "crisis_region_fixed": bool(region),
            # The default language's 404 page (the one GitHub Pages serves for every missing
            # address) offers each other language too.
            "not_found_others": others}
        config_files = [config_file, root / "mkdocs.yml"]
        feedback_email = feedback.check_address(extra.get(feedback.KEY), config_files, root)
        template_globals["quick_exit_url"] = quick_exit_url(extra.get("quick_exit"),
                                                            config_files, root)
        chromium, notice = handouts.chromium_or_notice(serving=serving, strict=strict)
        today = today or dt.date.today()
        notices = crisis.review_notices(CRISIS_FILE, today) + ([notice] if notice else [])
        extra_css = list(extra_css)
        if profile and profile.brand_colour and clinic.STYLESHEET not in extra_css:
            extra_css.append(clinic.STYLESHEET)
        return cls(root=root, lang=lang, default_lang=default_lang, crisis=crisis, region=region,
                   definitions=definitions, ui=ui, profile=profile, feedback_email=feedback_email,
                   chromium=chromium, template_globals=template_globals, clinic_view=clinic_view,
                   notices=notices if lang == default_lang else [], today=today,
                   site_name=site_name, site_url=site_url, extra_css=tuple(extra_css))

    @property
    def help_page(self) -> str:
        return str(self.template_globals["help_now_path"])

    def prepare(self, env: jinja2.Environment) -> jinja2.Environment:
        """Give a template environment this build's globals, and autoescaping for the project's
        own templates (bondsite.templates)."""
        env.globals.update(self.template_globals)
        env.autoescape = templates.autoescape
        return env

    # --- pages ----------------------------------------------------------------------------

    def check_page(self, meta: Mapping[str, Any], source: str, name: str, page_url: str, *,
                   author: str, reviewer: str) -> tuple[pagemeta.Review, bool]:
        """Check front matter and markers; return the review dates and whether the page places
        a checklist."""
        review = pagemeta.check_front_matter(meta, source, name, author=author,
                                             reviewer=reviewer)
        due = check_due(review.next_review, self.today, file=name,
                        line=pagemeta.front_matter_lines(source).get("next_review"),
                        what="the page's review",
                        fix="review the page against its sources, then set `last_reviewed` to"
                            " today and `next_review` to a date within a year.")
        if due:
            self.notices.append(due)
        placed = False
        for marker in markers.find(source, name):
            if marker.name != "checklist":
                continue
            if marker.arg not in self.definitions:
                known = ", ".join(sorted(self.definitions)) or "none"
                raise SiteDataError(name, marker.line, f"there is no checklist `{marker.arg}`.",
                                    f"use one of: {known}; or add"
                                    f" {CHECKLIST_FOLDER}/{self.lang}/{marker.arg}.yml.")
            placed = True
            self.checklist_pages.setdefault(marker.arg, page_url)
        return review, placed

    def render_markers(self, html: str, env: jinja2.Environment, page_url: str,
                       site_path: Callable[[str], str | None]) -> str:
        """Swap checklist and crisis-lines markers for their HTML. `site_path` gives the path
        from the site root of a page (by its .md source) or a static file, or None."""
        here = folder_of(page_url)
        regions = self.crisis.ordered(self.region)

        def url_for(src_uri: str) -> str | None:
            target = site_path(src_uri)
            return None if target is None else relative(target, here)

        def checklist(checklist_id: str) -> str:
            link = summary_pdf = ""
            if self.chromium:  # "Print a blank copy", above a checklist, when handouts are made
                link = handouts.link_html(handouts.link_href(self.lang, checklist_id, page_url),
                                          self.ui)
                summary_pdf = handouts.link_href(self.lang, handouts.summary_name(checklist_id),
                                                 page_url)
            return link + checklists.render(self.definitions[checklist_id], env, regions=regions,
                                            url_for=url_for, clinic=self.clinic_view,
                                            address=self.site_url + page_url,
                                            pdf_href=summary_pdf, words=self.ui)

        return markers.replace(html, {
            "checklist": checklist,
            "crisis-lines": lambda _: env.get_template(CRISIS_TEMPLATE).render(
                regions=regions, every_line_always=every_line_always(regions)),
        })

    def page_context(self, content: str, env: jinja2.Environment, *, page_url: str,
                     dest_uri: str, canonical_url: str, title: str, meta: Mapping[str, Any],
                     nav_pages: Iterable[tuple[str, str, bool]], site_url: str,
                     site_name: str) -> tuple[str, dict[str, Any]]:
        """Place the embed generator (every page is read by now); return the content and the
        metadata the templates show: oEmbed discovery, feedback link, JSON-LD, review line."""
        pages = list(nav_pages)
        content = markers.replace(content, {"embed-generator": lambda _: embed.render_generator(
            env, embed.choices(pages, site_url), site_url=site_url, page_dest=dest_uri,
            words=self.ui)})
        updates: dict[str, Any] = {
            "oembed": oembed.discovery(site_url, page_url, self.lang, title),
            "feedback_href": feedback.page_link(self.feedback_email, self.ui, title=title,
                                                url=canonical_url or site_url + page_url),
        }
        review = meta.get("review")
        if isinstance(review, pagemeta.Review):
            updates["json_ld"] = pagemeta.json_ld(meta, review, canonical_url, self.lang,
                                                  site_name)
            updates["review_line"] = pagemeta.review_line(review, self.lang)
        return content, updates

    def keep_page(self, *, page_dest: str, page_url: str, meta: Mapping[str, Any], content: str,
                  canonical_url: str) -> PageRecord | None:
        """Keep the record of a page (one with front matter) for the end of the build."""
        review = meta.get("review")
        if not isinstance(review, pagemeta.Review):
            return None
        record = PageRecord(
            page_dest=page_dest, page_url=page_url, lang=self.lang, title=meta["title"],
            description=meta["description"], content=handouts.without_link(content),
            canonical_url=canonical_url, last_reviewed=review.last_reviewed,
            next_review=review.next_review, has_checklist=bool(meta.get("has_checklist")))
        self.records.append(record)
        return record

    # --- the end of the build -------------------------------------------------------------

    def context(self) -> SiteContext:
        """What every output writer needs to know about this language's site."""
        assert self.env is not None and self.env.loader is not None
        base_template = self.env.loader.get_source(self.env, "base.html")[0]
        main_css, palette_css = embed.material_stylesheets(base_template)
        return SiteContext(
            site_name=self.site_name, site_url=self.site_url, lang=self.lang, words=self.ui,
            help_page=self.help_page, material_css=main_css,
            # Twins link Material's main stylesheet cut down to the classes twins use.
            stylesheets=(embed.stylesheet(self.lang, main_css), palette_css, *self.extra_css,
                         embed.EMBED_CSS),
            regions=tuple(self.crisis.ordered(self.region)), checklists=self.definitions,
            checklist_pages=self.checklist_pages,
            clinic_name=self.profile.name if self.profile else None, chromium=self.chromium)

    def write_outputs(self, site_dir: Path, context: SiteContext) -> str | None:
        """Write this language's twins, cards and oEmbed files, handouts and a clinic's assets;
        return the handouts' one-line report, if any were made."""
        env = self.env
        assert env is not None
        embed.write(site_dir, env, context, self.records)
        oembed.write(site_dir, env, context, self.records)
        report = handouts.write(site_dir, env, context, self.records)
        if self.profile:
            clinic.write_assets(site_dir, self.profile)
        return report.summary() if report else None


@dataclass
class SiteRun:
    """Every language's build of one `mkdocs build`, and what spans them: each language's
    search entries (Material's own, gathered per page) and 404 page."""

    languages: list[Language]
    builds: dict[str, SiteBuild] = field(default_factory=dict)  # by language, in build order
    search_entries: dict[str, search.Index] = field(default_factory=dict)
    not_found: dict[str, str] = field(default_factory=dict)
    depth: int = 0  # builds begun and not yet ended (i18n nests them)

    @property
    def default(self) -> Language:
        return next((lang for lang in self.languages if lang.default), self.languages[0])

    def not_found_page(self, lang: str, output: str) -> str:
        """What to write as the root 404.html for this language's build. Every language renders
        404.html into the site root, but GitHub Pages serves only that one file for every
        missing address: it stays the default language's (bilingual) page, rendered first, and
        the other languages' pages are written under <lang>/404.html at the end."""
        self.not_found[lang] = output
        return self.not_found.get(self.default.locale, output)

    def write_outputs(self, site_dir: Path) -> list[str]:
        """After the last language: each language's outputs, then the feed (every language's
        pages), one search index per language (Material's own serves a single language) and
        the other languages' 404 pages. Returns the handouts' report lines."""
        summaries = []
        for build in self.builds.values():
            summary = build.write_outputs(site_dir, build.context())
            if summary:
                summaries.append(summary)
        first = self.builds[self.default.locale]
        assert first.env is not None
        feed.write(site_dir, first.env, first.context(),
                   [record for build in self.builds.values() for record in build.records])
        if len(self.languages) > 1:
            search.write_indexes(site_dir, self.languages, self.search_entries)
        for lang in self.languages:
            if not lang.default and lang.locale in self.not_found:
                page = site_dir / lang.prefix / "404.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(self.not_found[lang.locale], encoding="utf-8")
        return summaries


def quick_exit_url(value: object, config_files: list[Path], root: Path) -> str:
    """`extra.quick_exit`: where "Exit this page" goes, an https address of an everyday site."""
    if isinstance(value, str) and is_https(value.strip()):
        return value.strip()
    file, line = config_setting(config_files, "extra.quick_exit", root)
    raise SiteDataError(file, line, f"`extra.quick_exit` ({value!r}) is not an https address.",
                        "set `quick_exit:` under `extra:` to the full address of an everyday site"
                        " that draws no attention, like `https://www.bbc.co.uk/weather`.")


