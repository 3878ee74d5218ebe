"""Embeddable twins of the pages: links rewritten for the twin's address, the twin's HTML, the
snippet generator on the clinics page."""

# A page at `P` gets a twin at `embed/P` (Spanish pages are `es/P`, so theirs is `embed/es/P`):
# the page's article and nothing else of the site, plus an attribution line and the crisis link.
# Links to other pages lead to the main site in a new tab; `#anchor` links stay in the frame.

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from . import csssubset
from .context import PageRecord, SiteContext
from .crisis import CHOICE_SCRIPT, has_country_choice
from .errors import SiteDataError
from .pagemeta import long_date
from .security import add_security_meta
from .templates import MODULES_SCRIPT
from .urls import relative

PREFIX = "embed/"
TEMPLATE = "embed.html"
GENERATOR_TEMPLATE = "partials/embed-generator.html"
FRAME_SCRIPT = "assets/embed-frame.js"
EMBED_CSS = "assets/embed.css"
GENERATOR_SCRIPT = "assets/embed-generator.js"
HOST_SCRIPT = "embed.js"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Material links these two by hashed names in base.html; the twin links the same files.
MATERIAL_CSS = re.compile(r"assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
URL_ATTRIBUTES = {"href", "src", "poster", "data", "xlink:href"}
_REWRITTEN = URL_ATTRIBUTES | {"srcset"}
# The snippet a clinic pastes; `{url}`, `{title}` and `{script}` are filled in (escaped) by
# `snippet` here and by assets/embed-generator.js, so both always produce the same code.
SNIPPET = ('<iframe src="{url}" title="{title}" loading="lazy" referrerpolicy="no-referrer"'
           ' height="900" style="width: 100%; border: none;"></iframe>\n'
           '<script src="{script}"></script>')


def twin_dest(record: PageRecord) -> str:
    """A page's twin's output file, like `embed/trust/index.html`."""
    return PREFIX + record.page_dest


def twin_url(page_url: str) -> str:
    """The twin's address relative to the site root, for a page's MkDocs `url`."""
    return PREFIX + page_url


def rebase(url: str, page_dir: str, twin_dir: str) -> str | None:
    """A relative URL of a page in `page_dir`, made to work from `twin_dir` (None: no change)."""
    if not url or url.startswith(("#", "/")) or SCHEME.match(url):
        return None
    parts = urlsplit(url)
    target = posixpath.normpath(posixpath.join(page_dir, parts.path)) if parts.path else page_dir
    target = "" if target == "." else target
    if parts.path.endswith("/") and target:
        target += "/"
    rebased = relative(target, twin_dir)
    if parts.query:
        rebased += "?" + parts.query
    if parts.fragment:
        rebased += "#" + parts.fragment
    return rebased


def _leaves_frame(tag: str, url: str) -> bool:
    """Whether a link should open outside the frame: every link but anchors, tel: and mailto:."""
    return tag == "a" and bool(url) and not url.startswith("#") and not re.match(
        r"^(?:tel|mailto|sms):", url, re.I)


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    """A start tag written out again from its (escaped) attributes."""
    parts = [tag] + [name if value is None else f'{name}="{html.escape(value, quote=True)}"'
                     for name, value in attrs]
    return "<" + " ".join(parts) + (" />" if closed else ">")


class _LinkRewriter(HTMLParser):
    """Finds start tags whose URLs or link targets must change; records their replacements."""

    def __init__(self, page_dir: str, twin_dir: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_dir, self.twin_dir = page_dir, twin_dir
        self.changes: list[tuple[tuple[int, int], str, str]] = []

    def _url(self, url: str) -> str:
        """One URL attribute, rebased when it is relative."""
        return rebase(url, self.page_dir, self.twin_dir) or url

    def _rewrite(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        """The tag's attributes with URLs rebased and, on links, target and rel set."""
        out: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if value is not None and name in URL_ATTRIBUTES:
                value = self._url(value)
            elif value is not None and name == "srcset":  # "a.png 1x, b.png 2x"
                value = ", ".join(" ".join([self._url(url), *size]) for url, *size in
                                  (part.split() for part in value.split(",") if part.strip()))
            out.append((name, value))
        if _leaves_frame(tag, dict(attrs).get("href") or ""):
            rel = (dict(attrs).get("rel") or "").split()
            rel += [] if "noopener" in rel else ["noopener"]
            out = [(n, v) for n, v in out if n not in {"target", "rel"}]
            out += [("target", "_blank"), ("rel", " ".join(rel))]
        return out

    def _handle(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        """Record the tag's replacement when anything in it changed."""
        if not any(name in _REWRITTEN for name, _ in attrs):
            return  # most tags carry no URL: nothing to rebase and no link to open outside
        new = self._rewrite(tag, attrs)
        if new != attrs:
            original = self.get_starttag_text() or ""
            self.changes.append((self.getpos(), original, _start_tag(tag, new, closed)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._handle(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._handle(tag, attrs, closed=True)


def rewrite_links(content: str, page_dest: str, twin_dest: str) -> str:
    """Page HTML made to work from the twin: relative URLs rebased, links opened outside."""
    parser = _LinkRewriter(posixpath.dirname(page_dest), posixpath.dirname(twin_dest))
    parser.feed(content)
    parser.close()
    # HTMLParser counts lines by "\n" only, and columns from the last "\n".
    line_starts = [0] + [match.end() for match in re.finditer("\n", content)]
    out, done = [], 0
    for (line, column), original, replacement in parser.changes:
        start = line_starts[line - 1] + column
        if content[start:start + len(original)] != original:
            raise ValueError(f"could not find {original!r} at line {line}")  # a parser change
        out += [content[done:start], replacement]
        done = start + len(original)
    out.append(content[done:])
    return "".join(out)


def material_stylesheets(base_template_source: str) -> list[str]:
    """The stylesheets Material's base.html links (main, then palette), in its order."""
    found = list(dict.fromkeys(MATERIAL_CSS.findall(base_template_source)))
    if len(found) != 2:
        raise SiteDataError("overrides/embed.html", None, "Material's base.html no longer links"
                            f" one main and one palette stylesheet (found {found}).",
                            "update MATERIAL_CSS in hooks/bondsite/embed.py for the new Material.")
    return found


def licence_url(lang: str) -> str:
    """The CC BY 4.0 deed in the reader's language (the English deed has no suffix)."""
    return LICENCE_URL if lang == "en" else f"{LICENCE_URL}deed.{lang}"


def render_twin(env: jinja2.Environment, context: SiteContext, record: PageRecord) -> str:
    """The twin's whole HTML document (without the security meta tags; add them afterwards)."""
    dest = twin_dest(record)
    here = posixpath.dirname(dest)
    styles = list(context.stylesheets)
    if record.has_checklist:
        styles.append("assets/checklist.css")
    return env.get_template(TEMPLATE).render(
        twin=record, site_name=context.site_name, words=context.words, licence=LICENCE,
        licence_url=licence_url(record.lang),
        # The page as the main site rendered it: already HTML, so marked safe here.
        content=Markup(rewrite_links(record.content, record.page_dest, dest)),
        stylesheets=[relative(path, here) for path in styles],
        frame_script=relative(FRAME_SCRIPT, here),
        scripts=[relative(MODULES_SCRIPT, here), relative(CHOICE_SCRIPT, here)]
        if has_country_choice(record.content) else [],
        original=relative(record.page_url, here),
        last_reviewed=long_date(record.last_reviewed, record.lang),
        last_reviewed_iso=record.last_reviewed.isoformat(),
        help_url=relative(context.help_page, here))


def stylesheet(lang: str, material_css: str) -> str:
    """Where a language's twins find Material's stylesheet cut down to what twins use."""
    return f"{posixpath.dirname(material_css)}/embed-{lang}.css"


def write(site_dir: Path, env: jinja2.Environment, context: SiteContext,
          records: Sequence[PageRecord]) -> list[Path]:
    """Write each page's twin, with the security meta tags on_post_page would have added, and
    the language's cut-down Material stylesheet (only the classes the twins use)."""
    written = []
    for record in records:
        path = site_dir / twin_dest(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(add_security_meta(render_twin(env, context, record)), encoding="utf-8")
        written.append(path)
    used = csssubset.classes_in(path.read_text(encoding="utf-8") for path in written)
    material = (site_dir / context.material_css).read_text(encoding="utf-8")
    (site_dir / stylesheet(context.lang, context.material_css)).write_text(
        csssubset.subset(material, used), encoding="utf-8")
    return written


def snippet(url: str, title: str, script: str) -> str:
    """The code a clinic pastes to embed the page at `url` (the twin's absolute address)."""
    return SNIPPET.format(url=html.escape(url), title=html.escape(title), script=html.escape(script))


@dataclass(frozen=True)
class Choice:
    """One page a clinic can pick in the snippet generator."""

    title: str
    embed_url: str
    selected: bool


def choices(pages: Iterable[tuple[str, str, bool]], site_url: str) -> list[Choice]:
    """The generator's page list from (title, url, has_checklist); a checklist is preselected."""
    listed = [(title, site_url + twin_url(url), checklist) for title, url, checklist in pages]
    first = next((i for i, (_, _, checklist) in enumerate(listed) if checklist), 0)
    return [Choice(title, url, i == first) for i, (title, url, _) in enumerate(listed)]


def render_generator(env: jinja2.Environment, pages: list[Choice], *, site_url: str,
                     page_dest: str, words: Mapping[str, str]) -> str:
    """The snippet generator: a page list and the code, with a ready example without JS."""
    if not pages:
        raise ValueError("the snippet generator needs at least one page")
    chosen = next((c for c in pages if c.selected), pages[0])
    script_url = site_url + HOST_SCRIPT
    return env.get_template(GENERATOR_TEMPLATE).render(
        choices=pages, chosen=chosen, words=words, template=SNIPPET, script_url=script_url,
        example=snippet(chosen.embed_url, chosen.title, script_url),
        generator_script=relative(GENERATOR_SCRIPT, posixpath.dirname(page_dest)),
        modules_script=relative(MODULES_SCRIPT, posixpath.dirname(page_dest)))
