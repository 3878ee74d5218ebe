"""Shared test helpers: the built site's pages, and axe-core in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Page

_AXE = Axe()


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core violations on the page as it is now (WCAG 2.x A and AA, and best practice)."""
    results = _AXE.run(page)
    return list(results.response["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
    )


def html_pages(site: Path) -> list[Path]:
    """Every content page of a built site (not the 404 page, not embed twins or oEmbed cards)."""
    return sorted(p for p in site.rglob("index.html")
                  if not {"embed", "card"} & set(p.relative_to(site).parts))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local_resources(site: Path, page: Path) -> list[Path]:
    """Files a built page loads on first view (stylesheets, icons, scripts, images), resolved
    in the site folder; fails on any that another host would serve."""
    doc = soup(page)
    urls = [el["href"] for el in doc.select('link[rel~="stylesheet"], link[rel~="icon"]')]
    urls += [el["src"] for el in doc.select("script[src], img[src]")]
    base = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
    files = []
    for url in urls:
        if url.startswith("data:"):
            continue  # inline, no request
        resolved = urlsplit(urljoin(base, url))
        assert resolved.netloc == "site", f"{page}: {url} is not on this site"
        files.append(site / resolved.path.lstrip("/"))
    return files
