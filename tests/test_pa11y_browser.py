"""A second accessibility engine beside axe: HTML_CodeSniffer (WCAG 2 AA), run by pa11y-ci
from .node/ (`./dev test` installs it with npm) on Debian's Chromium, on one page of each
template in each language (an article, a checklist, the crisis page, the 404 page, an embed
twin and an oEmbed card). axe runs on every page (test_site_browser.py); the templates are what
a second engine can find more in, and each page of a template shares its markup."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM, ROOT

pytestmark = pytest.mark.browser

PA11Y_CI = ROOT / ".node" / "node_modules" / ".bin" / "pa11y-ci"
# One page of each template, in each language: article (with a quick exit on the crisis page),
# both checklists, the crisis page, the 404 page, a checklist's embed twin and an oEmbed card.
TEMPLATES = ["", "trust/", "bond-check/", "is-therapy-right-for-me/", "get-help-now/",
             "es/", "es/trust/", "es/bond-check/", "es/get-help-now/", "no/such/page/",
             "embed/bond-check/", "embed/es/is-therapy-right-for-me/", "embed/trust/",
             "card/trust.html", "card/es/bond-check.html"]


def _config(urls: list[str]) -> dict[str, object]:
    return {"defaults": {
        "runners": ["htmlcs"], "standard": "WCAG2AA", "concurrency": 1, "timeout": 60_000,
        "chromeLaunchConfig": {"executablePath": CHROMIUM, "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"]},
    }, "urls": urls}


def run_pa11y(urls: list[str], folder: Path) -> dict[str, list[dict[str, str]]]:
    """HTML_CodeSniffer's errors for each URL (an empty list where it found none)."""
    if not PA11Y_CI.exists():
        pytest.fail(f"{PA11Y_CI} is missing: run the tests through `./dev test`, which installs"
                    " pa11y-ci from .node/package-lock.json with npm.")
    config = folder / "pa11y-ci.json"
    config.write_text(json.dumps(_config(urls)), encoding="utf-8")
    result = subprocess.run([str(PA11Y_CI), "--config", str(config), "--json"],
                            capture_output=True, text=True, timeout=60 * len(urls), check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pa11y-ci gave no report (exit {result.returncode}):\n"
                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    assert report["total"] == len(urls), report.get("results", {}).keys()
    return {url: [i for i in issues if i.get("type", "error") == "error"]
            for url, issues in report["results"].items()}


def _describe(errors: dict[str, list[dict[str, str]]], site_url: str) -> str:
    return "\n".join(f"{url.removeprefix(site_url) or 'home'}: {issue['code']} at "
                     f"{issue['selector']}: {issue['message']}"
                     for url, issues in errors.items() for issue in issues)


@pytest.mark.long
def test_html_codesniffer_finds_no_errors_on_each_template(site_url: str, built_site: Path,
                                                           tmp_path: Path) -> None:
    for path in TEMPLATES:  # every one exists (the 404 page is served for the missing one)
        assert path == "no/such/page/" or (built_site / path).is_file() or (
            built_site / path / "index.html").is_file(), path
    results = run_pa11y([site_url + path for path in TEMPLATES], tmp_path)
    failing = {url: issues for url, issues in results.items() if issues}
    assert not failing, "HTML_CodeSniffer errors:\n" + _describe(failing, site_url)


def test_html_codesniffer_catches_a_known_error(tmp_path: Path) -> None:
    """The engine runs and reports: a form with no submit button and an unnamed image link."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>'
                    '</head><body><main><a href="/"><img src="x.png" alt=""></a>'
                    '<form><input type="text" aria-label="Search"></form></main></body></html>',
                    encoding="utf-8")
    results = run_pa11y([page.as_uri()], tmp_path)
    codes = {".".join(issue["code"].split(".")[-2:]) for issue in results[page.as_uri()]}
    assert {"H30.2", "H32.2"} <= codes, codes
