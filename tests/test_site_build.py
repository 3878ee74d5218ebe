"""The whole site: strict build, self-contained assets, 404 under a sub-path, workflows."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, build_site
from helpers import copy_tiny_project, html_pages, page_paths, read_config, soup, write_config
from mkdocs.exceptions import Abort, PluginError

EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
              "manifest", "prefetch", "mask-icon"}


def _asset_urls(page: Path) -> list[str]:
    doc = soup(page)
    urls = [el["src"] for el in doc.select("[src]")]
    urls += [el["href"] for el in doc.select("link[href]")
             if ASSET_RELS & set(el.get("rel") or [])]
    urls += [el["data"] for el in doc.select("object[data]")]
    for el in doc.select("[srcset]"):
        urls += [part.strip().split(" ")[0] for part in el["srcset"].split(",")]
    for el in doc.select("[style]"):
        urls += CSS_URL.findall(el["style"])
    for el in doc.select("style"):
        urls += CSS_URL.findall(el.get_text())
    for el in doc.select("svg image[href]"):
        urls.append(el["href"])
    return urls


def test_strict_build_produces_every_page(built_site: Path) -> None:
    pages = {p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    for expected in [".", "get-help-now", "what-is-the-bond", "is-therapy-right-for-me",
                     "bond-check", "about", "evidence", "glossary"]:
        assert expected in pages
    assert (built_site / "404.html").is_file()
    assert (built_site / "sitemap.xml").is_file()


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in sorted(built_site.rglob("*.html")):
        offenders += [f"{page.relative_to(built_site)}: {u}" for u in _asset_urls(page)
                      if EXTERNAL.match(u) or u.startswith("data:text/html")]
    for css in sorted(built_site.rglob("*.css")):
        offenders += [f"{css.relative_to(built_site)}: {u}" for u in
                      CSS_URL.findall(css.read_text(encoding="utf-8")) if EXTERNAL.match(u)]
    assert not offenders, "assets from other hosts:\n" + "\n".join(offenders)


def test_no_web_fonts_or_analytics_configured(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert "googletagmanager" not in html and "analytics" not in html.lower()


def test_404_page_works_under_the_project_sub_path(built_site: Path, site_prefix: str) -> None:
    """GitHub Pages serves 404.html at any depth, so its links must be absolute to the sub-path."""
    assert site_prefix != "/", "site_url should carry the Pages project sub-path"
    page = soup(built_site / "404.html")
    links = [el["href"] for el in page.select("link[rel=stylesheet][href]")]
    links += [el["src"] for el in page.select("script[src]")]
    links += [el["href"] for el in page.select("nav a[href]")]
    assert links
    for link in links:
        resolved = urlsplit(urljoin("https://host" + site_prefix + "a/b/c/missing", link))
        assert resolved.path.startswith(site_prefix), link
        target = resolved.path[len(site_prefix):].split("#")[0]
        local = built_site / target
        assert local.is_file() or (local / "index.html").is_file(), f"404 page links {link}"


def test_home_pages_are_titled_with_the_site_name_once(built_site: Path) -> None:
    config = read_config()
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    spanish = next(lang["site_name"] for lang in i18n["languages"] if lang["locale"] == "es")
    titles = {path: soup(built_site / path).title.get_text()
              for path in ["index.html", "es/index.html", "trust/index.html"]}
    assert titles == {"index.html": config["site_name"], "es/index.html": spanish,
                      "trust/index.html": f"Trust in therapy - {config['site_name']}"}


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    """English pages search an English-only index with English lunr alone; Spanish the reverse
    (their index sits under es/, where their Material config's base points)."""
    indexes = {lang: json.loads((built_site / folder / "search/search_index.json").read_text())
               for lang, folder in [("en", "."), ("es", "es")]}
    paths = page_paths(built_site)
    expected = {"en": {p for p in paths if not p.startswith("es/")},
                "es": {p.removeprefix("es/") for p in paths if p.startswith("es/")}}
    for lang, index in indexes.items():
        assert index["config"]["lang"] == [lang]
        assert {doc["location"].split("#")[0] for doc in index["docs"]} == expected[lang], lang
    assert len(expected["en"]) == len(expected["es"]) >= 16
    config = re.compile(r'<script id="__config" type="application/json">([^<]*)</script>')
    for page, base in [("trust", ".."), ("es/trust", "../../es/"), ("es", "../es/")]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert json.loads(config.search(html).group(1))["base"] == base, page


def test_footer_states_both_licences(built_site: Path) -> None:
    footer = soup(built_site / "index.html").select_one("footer").get_text(" ")
    assert "CC BY 4.0" in footer and "MIT" in footer


def test_workflows_validate_against_the_github_schema() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    assert workflows
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
         *map(str, workflows)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_publishing_waits_for_tests_and_never_runs_on_pull_requests() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "pull_request" in deploy["if"]
    assert "deploy-pages" in str(deploy["steps"])
    assert workflow["permissions"] == {"contents": "read"}
    test_steps = str(workflow["jobs"]["test"]["steps"])
    assert ".ci/run" in test_steps and "./dev build" in test_steps


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A throwaway tiny project (the real code and data, a few pages) to break on purpose."""
    return copy_tiny_project(tmp_path)


def test_the_tiny_project_builds_cleanly(site_copy: Path) -> None:
    """The failures below are the edits', not the fixture's."""
    site = build_site(site_copy / "mkdocs.yml", site_copy / "site")
    assert len(html_pages(site)) == 5


def _build_error(copy: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build the copy, expect it to fail, and return everything MkDocs said about why."""
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(copy / "mkdocs.yml", copy / "site")
    return caplog.text + str(caught.value)


def test_a_broken_link_fails_the_build(site_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = site_copy / "docs" / "trust.md"
    page.write_text(page.read_text() + "\nSee [nowhere](no-such-page.md).\n")
    message = _build_error(site_copy, caplog)
    assert "trust.md" in message and "no-such-page.md" in message


def test_a_page_without_a_description_fails_with_file_and_line(site_copy: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    page = site_copy / "docs" / "glossary.md"
    page.write_text(re.sub(r"(?m)^description:.*\n", "", page.read_text(), count=1))
    message = _build_error(site_copy, caplog)
    assert "docs/glossary.md:1" in message and "description" in message and "Fix:" in message


def test_an_unknown_checklist_id_names_the_page_and_line(site_copy: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    page = site_copy / "docs" / "about.md"
    text = page.read_text()
    page.write_text(text + "\n<!-- checklist: no-such-checklist -->\n")
    line = len((text + "\n").splitlines()) + 1
    message = _build_error(site_copy, caplog)
    assert f"docs/about.md:{line}" in message and "no-such-checklist" in message


def test_an_unknown_region_fails_the_build(site_copy: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    config = read_config(site_copy / "mkdocs.yml")
    config["extra"]["region"] = "XX"
    write_config(site_copy / "mkdocs.yml", config)
    message = _build_error(site_copy, caplog)
    assert "XX" in message and "Fix:" in message


def _days_from_today(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def test_a_page_past_its_review_date_fails_with_file_and_line(
        site_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = site_copy / "docs" / "trust.md"
    page.write_text(page.read_text().replace("last_reviewed: 2026-11-28", "last_reviewed: 2020-01-01")
                    .replace("next_review: 2027-11-28", f"next_review: {_days_from_today(-1)}"))
    message = _build_error(site_copy, caplog)
    assert "docs/trust.md:5: the page's review was due on" in message
    assert "Fix: review the page against its sources" in message


def test_a_review_due_within_30_days_is_a_notice_not_a_failure(
        site_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO")
    page = site_copy / "docs" / "trust.md"
    page.write_text(page.read_text().replace("last_reviewed: 2026-11-28", "last_reviewed: 2020-01-01")
                    .replace("next_review: 2027-11-28", f"next_review: {_days_from_today(10)}"))
    build_site(site_copy / "mkdocs.yml", site_copy / "site")  # strict, and it passes
    notices = [r for r in caplog.records if "review due soon" in r.getMessage()]
    assert len(notices) == 1 and notices[0].levelname == "INFO"
    assert "docs/trust.md:5:" in notices[0].getMessage()


def test_crisis_numbers_checked_over_six_months_ago_fail_the_build(
        site_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = site_copy / "data" / "crisis-lines.yml"
    text = data.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if "checked: " in line)
    data.write_text(text.replace("checked: 2026-12-03", "checked: 2025-01-01", 1), encoding="utf-8")
    region_line = next(n for n, line in enumerate(text.splitlines(), 1)
                       if line.startswith("  ") and not line.startswith("   ")
                       and line.strip().endswith(":") and n < first)
    message = _build_error(site_copy, caplog)
    assert f"data/crisis-lines.yml:{region_line}: checking the numbers of region" in message
    assert "set its `checked:` to today" in message
