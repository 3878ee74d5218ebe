"""oEmbed for every page: a static JSON file per page, and the compact card it frames.

A clinic pastes one of our page addresses into WordPress, Ghost, Discourse or any oEmbed
consumer. The page's `<link type="application/json+oembed">` points at `oembed/<page>.json`
(oEmbed 1.0, type `rich`), whose `html` is a fallback blockquote and an iframe showing the
page's card twin, `card/<page>.html`: title, summary, a link to read the page (or start the
checklist), a link to crisis help and the credit line. The card speaks WordPress's embed
protocol (docs/assets/card-frame.js): WordPress sandboxes an unknown provider's iframe
(`allow-scripts` only), adds `#?secret=...` to its address and shows it once the card posts its
height with that secret; links travel as "link" messages, since the sandbox blocks `_top`.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Sequence
from pathlib import Path

import jinja2

from .context import PageRecord, SiteContext
from .pagemeta import long_date
from .security import add_security_meta
from .urls import relative

CARD_PREFIX = "card/"
JSON_PREFIX = "oembed/"
TEMPLATE = "card.html"
SCRIPT = "assets/card-frame.js"
STYLESHEET = "assets/card.css"
MIME = "application/json+oembed"
# The card's size in CSS pixels, for the oEmbed file: the width a host should give it at most,
# and the height it starts at. The card then posts the height of its content (it holds no
# answers, so its height reveals nothing), again whenever its width changes.
WIDTH, HEIGHT = 600, 260
LICENCE = "CC BY 4.0"


def _stem(page_url: str, lang: str) -> str:
    """`trust` for `trust/`, `es/trust` for `es/trust/`; home pages are `index`, `es/index`."""
    stem = page_url.rstrip("/")
    return posixpath.join(stem, "index") if stem in ("", lang) else stem


def json_path(page_url: str, lang: str) -> str:
    """The oEmbed file for a page's MkDocs `url` in language `lang`."""
    return JSON_PREFIX + _stem(page_url, lang) + ".json"


def card_path(page_url: str, lang: str) -> str:
    """The card of a page's MkDocs `url` in language `lang`, like `card/es/trust.html`."""
    return CARD_PREFIX + _stem(page_url, lang) + ".html"


def discovery(site_url: str, page_url: str, lang: str, title: str) -> dict[str, str]:
    """The values of a page's discovery link (absolute href, as consumers require)."""
    return {"href": site_url + json_path(page_url, lang), "title": title, "type": MIME}


def embed_html(card_url: str, page_url: str, title: str, site_name: str) -> str:
    """The oEmbed `html`: what WordPress keeps of it (a blockquote with a link, then an iframe
    with only src, width, height, title, frameborder, marginwidth, marginheight, scrolling).
    The iframe is as wide as the host's column (`width="100%"`, which WordPress keeps): a static
    file cannot honour a consumer's `maxwidth`, and a fixed width scrolls sideways on phones."""
    def e(value: object) -> str:
        return html.escape(str(value), quote=True)

    return (f'<blockquote><a href="{e(page_url)}">{e(title)}</a> ({e(site_name)})</blockquote>'
            f'<iframe src="{e(card_url)}" width="100%" height="{HEIGHT}" title="{e(title)}"'
            ' frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe>')


def document(record: PageRecord, *, site_url: str, site_name: str) -> dict[str, object]:
    """The oEmbed 1.0 response for a page's card (every required and a few optional fields)."""
    return {
        "version": "1.0",
        "type": "rich",
        "title": record.title,
        "provider_name": site_name,
        "provider_url": site_url,
        "width": WIDTH,
        "height": HEIGHT,
        "cache_age": 86400,
        "html": embed_html(site_url + card_path(record.page_url, record.lang),
                           site_url + record.page_url, record.title, site_name),
    }


def render_card(env: jinja2.Environment, context: SiteContext, record: PageRecord) -> str:
    """The page's card: its whole HTML document, with its security policy."""
    here = posixpath.dirname(card_path(record.page_url, record.lang))
    words = context.words
    page = env.get_template(TEMPLATE).render(
        card=record, site_name=context.site_name, words=words, licence=LICENCE,
        original=relative(record.page_url, here), help_url=relative(context.help_page, here),
        stylesheet=relative(STYLESHEET, here), script=relative(SCRIPT, here),
        action=words["card_start_checklist"] if record.has_checklist else words["card_read"],
        last_reviewed=long_date(record.last_reviewed, record.lang),
        last_reviewed_iso=record.last_reviewed.isoformat())
    return add_security_meta(page)


def write(site_dir: Path, env: jinja2.Environment, context: SiteContext,
          records: Sequence[PageRecord]) -> int:
    """Write each page's card and its oEmbed file; returns how many pages got them."""
    for record in records:
        path = site_dir / card_path(record.page_url, record.lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_card(env, context, record), encoding="utf-8")
        data = site_dir / json_path(record.page_url, record.lang)
        data.parent.mkdir(parents=True, exist_ok=True)
        data.write_text(json.dumps(document(record, site_url=context.site_url,
                                            site_name=context.site_name),
                                   ensure_ascii=False), encoding="utf-8")
    return len(records)
