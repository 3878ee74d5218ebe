"""Unit tests for the plain Python behind the hook: YAML, crisis data, front matter, policy."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from bondsite import pagemeta, security
from bondsite.crisis import load_crisis_data, parse_crisis_data
from bondsite.errors import SiteDataError
from bondsite.site import quick_exit_url
from bondsite.yamldata import parse_yaml
from bs4 import BeautifulSoup
from conftest import ROOT

GOOD_META = {"title": "Trust", "description": "A plain description that is long enough to pass the check.",
             "last_reviewed": dt.date(2026, 11, 28), "next_review": dt.date(2027, 11, 28)}
SOURCE = "---\ntitle: Trust\ndescription: x\nlast_reviewed: 2026-11-28\nnext_review: 2027-11-28\n---\n"


def _check(meta: dict, source: str = SOURCE) -> pagemeta.Review:
    return pagemeta.check_front_matter(meta, source, "docs/p.md", author="Team", reviewer="")


# YAML with lines -----------------------------------------------------------------------------

def test_yaml_syntax_errors_name_the_file_and_line() -> None:
    with pytest.raises(SiteDataError, match=r"^f\.yml:3: YAML syntax error.*Fix:"):
        parse_yaml("a: 1\nb: 2\nc: [1\n", "f.yml")


def test_yaml_duplicate_keys_are_rejected_with_their_line() -> None:
    with pytest.raises(SiteDataError, match=r"^f\.yml:2: the key `a` appears twice"):
        parse_yaml("a: 1\na: 2\n", "f.yml")


def test_yaml_remembers_lines() -> None:
    data = parse_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n", "f.yml")
    assert data.line_of("list") == 2 and data["list"].item_lines == [3, 4]


# Crisis data ---------------------------------------------------------------------------------

def test_the_real_crisis_data_loads_in_order() -> None:
    data = load_crisis_data(ROOT / "data/crisis-lines.yml")
    assert [r.code for r in data.ordered()] == ["US", "GB", "IE", "EU", "ES", "MX", "CO", "AR",
                                                "CL", "PE"]
    assert [r.code for r in data.ordered("ES")][:2] == ["ES", "US"]
    assert data.regions["GB"].lines[0].tel == "tel:116123"


def test_spanish_pages_list_spain_and_latin_america_first() -> None:
    data = load_crisis_data(ROOT / "data/crisis-lines.yml", lang="es")
    regions = data.ordered()
    assert [r.code for r in regions] == ["ES", "MX", "CO", "AR", "CL", "PE", "US", "GB", "IE",
                                         "EU"]
    assert regions[0].name == "España"
    assert regions[0].lines[0].number == "024" and regions[0].emergency_tels == (("112", "tel:112"),)
    assert data.ordered("GB")[0].code == "GB"  # a clinic's region still comes first


_ONE = ("order: [US]\nregions:\n  US:\n    name: U\n    checked: 2026-12-01\n"
        "    emergency: [\"911\"]\n    lines:\n")


@pytest.mark.parametrize(("yaml_text", "line", "words"), [
    (_ONE + "      - name: L\n        number: call me\n        hours: always\n        note: n\n",
     9, "not a phone number"),
    (_ONE.replace("    lines:\n", "    lines: []\n"), 7, "has no lines"),
    (_ONE.replace("[US]", "[US, GB]") + "      - {name: L, number: \"988\", hours: always, note: n}\n",
     1, "every region exactly once"),
    ("order: [us]\nregions:\n  us:\n    name: U\n", 3, "two capital letters"),
    (_ONE + "      - {name: L, number: \"988\", note: n}\n", 8, "has no `hours`"),
    (_ONE + "      - {name: L, hours: always, note: n}\n", 8, "neither `number`"),
    (_ONE + "      - {name: L, text: \"*4141\", hours: always, note: n}\n", 8, "star code"),
    (_ONE.replace("2026-12-01", "soon") + "      - {name: L, number: \"988\", hours: always,"
     " note: n}\n", 5, "not a date"),
    (_ONE.replace("    checked: 2026-12-01\n", "") + "      - {name: L, number: \"988\","
     " hours: always, note: n}\n", 4, "no `checked`"),
    (_ONE.replace("order: [US]\n", "order: [US]\norder_by_language: {es: [US, US]}\n")
     + "      - {name: L, number: \"988\", hours: always, note: n}\n", 2,
     "`order_by_language.es` must list every region"),
    (_ONE.replace("    emergency:", "    covers: [\"europe\"]\n    emergency:")
     + "      - {name: L, number: \"988\", hours: always, note: n}\n", 6, "must list region codes"),
])
def test_bad_crisis_data_names_line_and_fix(yaml_text: str, line: int, words: str) -> None:
    with pytest.raises(SiteDataError) as caught:
        parse_crisis_data(parse_yaml(yaml_text, "c.yml"), "c.yml")
    assert str(caught.value).startswith(f"c.yml:{line}: ") and words in str(caught.value)
    assert "Fix:" in str(caught.value)


# Front matter --------------------------------------------------------------------------------

def test_good_front_matter_passes() -> None:
    review = _check(dict(GOOD_META))
    assert review.author == "Team" and review.next_review.year == 2027


@pytest.mark.parametrize(("change", "line", "words"), [
    ({"description": None}, 1, "no `description`"),
    ({"description": "Too short."}, 3, "characters long"),
    ({"last_reviewed": "28/11/2026"}, 4, "not a date"),
    ({"next_review": dt.date(2026, 1, 1)}, 5, "not after the last"),
    ({"title": ["a"]}, 2, "must be text"),
])
def test_bad_front_matter_names_line_and_fix(change: dict, line: int, words: str) -> None:
    meta = {**GOOD_META, **change}
    with pytest.raises(SiteDataError) as caught:
        _check({k: v for k, v in meta.items() if v is not None})
    assert str(caught.value).startswith(f"docs/p.md:{line}: ") and words in str(caught.value)


def test_json_ld_cannot_close_its_script_element() -> None:
    hostile = 'x</script><script>alert(1)</script><!-- \u2028'
    review = _check(dict(GOOD_META))
    text = pagemeta.json_ld({**GOOD_META, "title": hostile, "description": hostile}, review,
                            "https://e.org/p/", "en", "Site")
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == hostile


def test_dates_read_naturally() -> None:
    assert pagemeta.long_date(dt.date(2026, 11, 28), "en") == "28 November 2026"
    assert pagemeta.long_date(dt.date(2026, 11, 28), "es") == "28 de noviembre de 2026"


# Security policy -----------------------------------------------------------------------------

PAGE = ('<html><head><meta charset="utf-8"><script>var a=1;</script>'
        '<script src="x.js"></script><script type="application/json">{"b":2}</script>'
        '<script type="module">import "./m.js"</script></head><body></body></html>')


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_executable_inline_scripts_are_hashed() -> None:
    assert security.inline_script_hashes(PAGE) == [_sha("var a=1;"), _sha('import "./m.js"')]


def test_policy_goes_before_the_first_script_and_is_strict() -> None:
    html = security.add_security_meta(PAGE)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and html.index("Content-Security-Policy") < html.index("<script")
    directives = dict(d.split(" ", 1) for d in policy.group(1).split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "unsafe" not in policy.group(1)
    assert _sha("var a=1;") in directives["script-src"]
    assert '<meta name="referrer" content="no-referrer">' in html


def test_a_page_without_charset_is_refused() -> None:
    with pytest.raises(ValueError, match="meta charset"):
        security.add_security_meta("<html><head></head></html>")


SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
EXECUTABLE_TYPES = {None, "", "text/javascript", "module"}


def _executable_inline_scripts(html: str) -> list[str]:
    """Inline scripts the browser would run, read with a regex (not with the code under test)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = re.search(r'\btype="([^"]*)"', attrs)
        if "src=" not in attrs and (kind.group(1) if kind else None) in EXECUTABLE_TYPES:
            found.append(match.group("body"))
    return found


def test_every_built_page_carries_the_policy(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    hashed = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, page
        script_src = dict(d.split(" ", 1) for d in policy.group(1).split("; "))["script-src"]
        expected = {_sha(body) for body in _executable_inline_scripts(html)}
        allowed = {s for s in script_src.split() if s.startswith("'sha256-")}
        assert expected == allowed, page  # each inline script allowed, and nothing else
        hashed += len(expected)
    assert len(pages) >= 40 and hashed >= len(pages)


# The corrections record ----------------------------------------------------------------------

CHANGES_SOURCE = SOURCE.replace("---\n", "---\nchanges:\n  - date: 2026-11-01\n    text: x\n", 1)


def test_changes_are_kept_newest_first() -> None:
    meta = {**GOOD_META, "changes": [{"date": dt.date(2026, 10, 1), "text": "Older.  Spaced."},
                                     {"date": dt.date(2026, 11, 20), "text": "Newer."}]}
    review = _check(meta, CHANGES_SOURCE)
    assert [(c.date.isoformat(), c.text) for c in review.changes] == [
        ("2026-11-20", "Newer."), ("2026-10-01", "Older. Spaced.")]
    line = pagemeta.review_line(review, "es")
    assert line["changes"][0] == {"date": "20 de noviembre de 2026", "iso": "2026-11-20",
                                  "text": "Newer."}


@pytest.mark.parametrize(("changes", "words"), [
    ("a list please", "must be a list"),
    ([], "must be a list"),
    ([{"date": dt.date(2026, 11, 1)}], "needs exactly `date` and `text`"),
    ([{"date": "yesterday", "text": "x"}], "not a date"),
    ([{"date": dt.date(2026, 11, 1), "text": " "}], "has no text"),
    ([{"date": dt.date(2026, 12, 25), "text": "x"}], "after the page's last review"),
])
def test_bad_changes_name_the_line_and_the_fix(changes: object, words: str) -> None:
    with pytest.raises(SiteDataError) as caught:
        _check({**GOOD_META, "changes": changes}, CHANGES_SOURCE)
    assert str(caught.value).startswith("docs/p.md:2: ") and words in str(caught.value)
    assert "Fix:" in str(caught.value)


def test_pages_show_their_changes_under_the_review_line(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "es" / "trust" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    record = page.select_one("[data-review-changes]")
    assert record is not None and record.find_previous_sibling("p")["class"] == ["review-line"]
    assert record.p.get_text(strip=True) == "Qué cambió en esta página:"
    assert record.select("li time")[0]["datetime"] == "2026-12-03"


# The quick exit's address ------------------------------------------------------------------

@pytest.mark.parametrize("value", ["http://www.bbc.co.uk/weather", "javascript:alert(1)",
                                   "https://", 'https://x.org/"onclick="y', None, 42])
def test_the_quick_exit_must_be_an_https_address_named_at_its_line(tmp_path: Path,
                                                                    value: object) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: S\nextra:\n  publisher: P\n  quick_exit: x\n", encoding="utf-8")
    with pytest.raises(SiteDataError) as caught:
        quick_exit_url(value, [config], tmp_path)
    assert str(caught.value).startswith("mkdocs.yml:4: `extra.quick_exit`")
    assert "https://www.bbc.co.uk/weather" in caught.value.fix
    assert quick_exit_url(" https://www.google.com/ ", [config], tmp_path) == "https://www.google.com/"
