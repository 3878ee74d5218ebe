"""Shared test helpers: the built site's pages, and axe-core in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    """Every content page of a built site (not the 404 page, not embed twins)."""
    return sorted(p for p in site.rglob("index.html") if "embed" not in p.relative_to(site).parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
