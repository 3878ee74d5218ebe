"""Hostile input: the definition loader never crashes, and text from definitions, front matter
and a clinic profile is escaped everywhere it appears (HTML, attributes, JSON-LD), checked in
the built HTML and in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bondsite import checklists
from bondsite.errors import SiteDataError
from bondsite.yamldata import parse_yaml
from conftest import ROOT, build_site
from helpers import copy_project, html_pages, read_config, write_config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser
from serve_built import SiteServer

# --- The loader on arbitrary input -------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False), st.text(max_size=30))
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=12), inner, max_size=6)),
    max_leaves=40)
REAL = yaml.safe_load((ROOT / "data/checklists/en/bond-check.yml").read_text(encoding="utf-8"))


def _mutations() -> st.SearchStrategy[Any]:
    """The real definition with one field replaced by something arbitrary: near-misses."""
    def mutate(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        return {**data, key: value}
    return st.builds(mutate, st.just(REAL), st.sampled_from(sorted(REAL)), structures)


TEXT_FIELDS = {"title", "intro", "privacy", "not_diagnosis"}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _verdict(data: Any) -> str:
    """What the loader must say, worked out from the definition format (not from the loader):
    "valid", "invalid", or "unknown" where only the loader's detailed rules can tell. Any
    block or list that differs from the real one counts as invalid: arbitrary content cannot
    fill in its required fields by chance."""
    if not isinstance(data, dict) or not set(REAL) - {"weakest"} <= set(data) <= set(REAL):
        return "invalid"  # not a block, or a required key missing, or an unknown key
    if "weakest" not in data:
        return "unknown"  # optional, unless the groups give advice for the weakest area
    for key, real in REAL.items():
        value = data[key]
        if value == real and type(value) is type(real):
            continue
        if key == "id":
            return "valid" if isinstance(value, str) and ID.match(value) else "invalid"
        if key in TEXT_FIELDS:
            return "valid" if isinstance(value, str) and value.strip() else "invalid"
        return "invalid"
    return "valid"


def _assert_verdict(text: str) -> str:
    """Load the text as a definition; invalid input must be rejected with the file and a fix,
    valid input accepted. Returns the verdict, so callers can count what they exercised."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        verdict = "invalid"
    else:
        verdict = _verdict(data)
    try:
        checklists.parse_checklist(parse_yaml(text, "data/checklists/en/x.yml"),
                                   "data/checklists/en/x.yml")
    except SiteDataError as error:
        assert verdict != "valid", f"valid input rejected: {error}"
        assert str(error).startswith("data/checklists/en/x.yml")
        assert "Fix:" in str(error)
    else:
        assert verdict != "invalid", f"invalid input accepted: {text[:300]!r}"
    return verdict


def test_the_oracle_agrees_with_the_loader_on_known_cases() -> None:
    """The real definition is valid; a text field as a number, an id with capitals, a list as
    text, an empty group list and a missing key are not."""
    real_text = yaml.safe_dump(REAL, allow_unicode=True)
    assert _assert_verdict(real_text) == "valid"
    assert _assert_verdict(yaml.safe_dump({**REAL, "title": "Another title"})) == "valid"
    cases = [{**REAL, "title": 5}, {**REAL, "id": "Bond Check"}, {**REAL, "groups": "x"},
             {**REAL, "groups": []}, {k: v for k, v in REAL.items() if k != "bands"},
             {**REAL, "extra": 1}, [REAL]]
    assert [_assert_verdict(yaml.safe_dump(case)) for case in cases] == ["invalid"] * len(cases)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_arbitrary_yaml_structures_are_rejected_clearly(data: Any) -> None:
    assert _assert_verdict(yaml.safe_dump(data, allow_unicode=True)) == "invalid"


@pytest.mark.long
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_near_miss_definitions_are_rejected_clearly(data: Any) -> None:
    _assert_verdict(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_is_rejected_clearly(text: str) -> None:
    assert _assert_verdict(text) == "invalid"


def test_yaml_bombs_and_tags_are_refused() -> None:
    with pytest.raises(SiteDataError, match=r"^x\.yml"):
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yml")
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    assert _assert_verdict(bomb) == "invalid"


# --- Escaping, end to end ----------------------------------------------------------------------

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1">',
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<a href="javascript:window.__xss=1">tap</a>',
    '<details open ontoggle="window.__xss=1">',
    '<input autofocus onfocus="window.__xss=1">',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<!--<img src="--><img src=x onerror=window.__xss=1//">',
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '" onmouseover="window.__xss=1" x="',
    '<object data="javascript:window.__xss=1"></object>',
    '<video><source onerror="window.__xss=1"></video>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/"><button>Go</button></form>',
    "\u2028</script><script>window.__xss=1</script>",
    '<style>body{display:none}</style>',
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
]
TEMPLATE_PAYLOADS = ["{{ 7*7 }}", "{% if true %}WRONG{% endif %}", "${7*7}"]


def _put(text: str, payload: str) -> str:
    return f"{text} {payload}"


def _inject_checklist(path: Path, payloads: list[str]) -> list[str]:
    """Payloads into statement, intro (help), band (result) and advice texts; returns those used."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    used = iter(payloads)
    placed = []
    for group in data["groups"]:
        group["intro"] = _put(group.get("intro", "Read each one."), p := next(used))
        placed.append(p)
        for item in group["items"]:
            item["text"] = _put(item["text"], p := next(used))
            placed.append(p)
    for band in data["bands"]:
        band["text"] = _put(band["text"], p := next(used))
        band["when"] = _put(band["when"], p2 := next(used))
        placed += [p, p2]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return placed


def _inject_front_matter(page: Path, title: str, description: str) -> None:
    text = page.read_text(encoding="utf-8")
    # JSON strings are valid YAML double-quoted strings; a lambda keeps re.sub from reading
    # backslashes in the payload as group references.
    text = re.sub(r"(?m)^title: .*$", lambda _: "title: " + json.dumps(title), text, count=1)
    text = re.sub(r"(?m)^description: .*$", lambda _: "description: " + json.dumps(description),
                  text, count=1)
    page.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The real project with payloads in checklists, front matter and the clinic's name."""
    copy = copy_project(tmp_path_factory.mktemp("hostile"))
    config = read_config()
    config["site_url"] = "http://127.0.0.1/therapeutic-bond/"
    rotation = (PAYLOADS * 4)
    placed: list[str] = []
    placed += _inject_checklist(copy / "data/checklists/en/bond-check.yml", rotation)
    placed += _inject_checklist(copy / "data/checklists/en/is-therapy-right-for-me.yml",
                                rotation[7:])
    pages = sorted(p for p in (copy / "docs").glob("*.md") if not p.name.endswith(".es.md"))
    for index, page in enumerate(pages):
        payload = PAYLOADS[index % len(PAYLOADS)]
        other = PAYLOADS[(index + 11) % len(PAYLOADS)]
        title = f"{TEMPLATE_PAYLOADS[index % 3]} Page {payload}"
        description = (f"A plain description for this page, long enough {other}")[:170]
        _inject_front_matter(page, title, description.ljust(60, "."))
        placed += [payload]
    clinic_name = PAYLOADS[1] + " Clinic"
    config.setdefault("extra", {})["clinic"] = {"name": clinic_name,
                                                "website": "https://example.org/"}
    placed.append(clinic_name)
    write_config(copy / "mkdocs.yml", config)
    site = build_site(copy / "mkdocs.yml", copy / "site")
    return site, sorted(set(placed))


def _dangerous(payload: str) -> bool:
    """Payloads that change markup if left raw (the &lt; one is checked by its double escape)."""
    return any(ch in payload for ch in "<>\"'")


def test_every_payload_was_placed(hostile_site: tuple[Path, list[str]]) -> None:
    _site, placed = hostile_site
    assert {p for p in PAYLOADS if any(p in q for q in placed)} == set(PAYLOADS)


def test_no_payload_survives_unescaped_in_the_html(hostile_site: tuple[Path, list[str]]) -> None:
    site, placed = hostile_site
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for payload in placed:
            if _dangerous(payload):
                raw = payload.replace("\u2028", "")
                assert raw not in html, f"{page.relative_to(site)} carries {payload!r} unescaped"
        assert "49" not in re.findall(r"<title>(.*?)</title>", html, re.S)[0]
        # Each WRONG sits inside its unevaluated template, as text or URL-encoded (mailto links).
        assert html.count("WRONG") == html.count("{% if true %}WRONG{% endif %}") + html.count(
            "%7B%25%20if%20true%20%25%7DWRONG%7B%25%20endif%20%25%7D")


def test_text_that_looks_escaped_is_escaped_again(hostile_site: tuple[Path, list[str]]) -> None:
    site, _placed = hostile_site
    html = "".join(p.read_text(encoding="utf-8") for p in html_pages(site))
    assert "&amp;lt;script&amp;gt;window.__xss=1" in html
    # The clinic's name (a payload) reaches the pages, as text.
    assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt; Clinic" in html


def test_json_ld_keeps_payloads_as_text(hostile_site: tuple[Path, list[str]]) -> None:
    site, _placed = hostile_site
    english = [p for p in html_pages(site) if p.relative_to(site).parts[0] != "es"]
    sources = [p for p in (ROOT / "docs").glob("*.md") if not p.name.endswith(".es.md")]
    assert len(english) == len(sources)  # payloads went into every English page, and only those
    for page in english:
        html = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        data = json.loads(blocks[0])
        assert "<" not in blocks[0] and "Page" in data["name"]


@pytest.mark.browser
@pytest.mark.long
def test_no_payload_runs_in_chromium_even_without_the_csp(
        hostile_site: tuple[Path, list[str]], browser: Browser, tmp_path: Path) -> None:
    """With the Content-Security-Policy removed, only escaping stands between text and script."""
    site, _placed = hostile_site
    bare = tmp_path / "bare"
    shutil.copytree(site, bare)
    for page in bare.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html),
                        encoding="utf-8")
    context = browser.new_context()
    context.add_init_script("window.__xss = 0;")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # The English pages carry every payload (each its own title and description, the checklists
    # and the clinic's name); the Spanish ones share their templates and only the clinic's name.
    english = [p for p in html_pages(bare) if p.relative_to(bare).parts[0] != "es"]
    assert len(english) >= 20
    with SiteServer(bare, prefix="/therapeutic-bond/") as server:
        for path in english:
            rel = path.parent.relative_to(bare).as_posix().removeprefix(".")
            page.goto(server.url + (rel + "/" if rel else ""), wait_until="load")
            for root in page.locator("[data-checklist]").all():
                for radio in root.locator("input[type=radio]").all()[:40]:
                    radio.check()
            page.mouse.move(200, 300)
            assert page.evaluate("window.__xss") == 0, rel
            assert page.url.startswith(server.origin), f"{rel}: the page navigated away"
            assert not page.locator("form[action*='evil']").count()
    assert dialogs == []
    context.close()
