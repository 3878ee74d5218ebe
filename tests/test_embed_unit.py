"""Embedding, the feed and clinic profiles without a build: link rewriting, the twin and the
snippet, the feed of every language, and every check on `extra.clinic` (file, line, fix)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
import pytest
from bondsite import clinic, embed, feed
from bondsite.context import PageRecord, SiteContext
from bondsite.errors import SiteDataError
from bondsite.yamldata import key_lines, parse_config
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<img src=x onerror=alert(1)> & "quotes"'
WORDS = {"help_in_crisis": "Get help now if you are in crisis", "embed_from": "From",
         "last_reviewed": "Last reviewed", "embed_choose_page": "Page to embed",
         "embed_copy": "Copy the code", "embed_copied": "Copied.", "embed_copy_failed": "Failed."}
SITE = "https://example.org/bond/"


def twin(**changes: object) -> PageRecord:
    values: dict[str, object] = {
        "page_dest": "trust/index.html", "page_url": "trust/", "lang": "en", "title": "Trust",
        "description": "A description of the page that is long enough for the feed's schema.",
        "content": '<h1 id="trust">Trust</h1><p>See <a href="../bond-check/">the check</a>.</p>',
        "canonical_url": SITE + "trust/", "last_reviewed": dt.date(2026, 11, 28),
        "next_review": dt.date(2027, 11, 28), "has_checklist": False}
    values.update(changes)
    return PageRecord(**values)  # type: ignore[arg-type]


def context(**changes: object) -> SiteContext:
    values: dict[str, object] = {"site_name": "The Bond", "site_url": SITE, "lang": "en",
                                 "words": WORDS, "help_page": "get-help-now/"}
    values.update(changes)
    return SiteContext(**values)  # type: ignore[arg-type]


# --- Links from the twin's address ------------------------------------------------------------

@pytest.mark.parametrize(("url", "expected"), [
    ("../bond-check/", "../../bond-check/"),
    ("../bond-check/#result", "../../bond-check/#result"),
    ("../", "../../"),
    ("../assets/diagram.svg", "../../assets/diagram.svg"),
    ("./", "../../trust/"),
    ("#anchor", None),
    ("", None),
    ("https://doi.org/10.1037/pst0000172", None),
    ("tel:116123", None),
    ("/root-relative/", None),
])
def test_relative_urls_are_rebased_for_the_twin(url: str, expected: str | None) -> None:
    assert embed.rebase(url, "trust", "embed/trust") == expected


def test_spanish_and_home_pages_rebase_from_their_own_depth() -> None:
    assert embed.rebase("../trust/", "es/bond-check", "embed/es/bond-check") == "../../../es/trust/"
    assert embed.rebase("trust/", "", "embed") == "../trust/"
    assert embed.rebase("assets/logo.svg", "es", "embed/es") == "../../es/assets/logo.svg"


def test_links_leave_the_frame_and_point_at_the_main_site() -> None:
    content = ('<p><a href="../bond-check/">check</a> <a href="#top">top</a>'
               ' <a href="https://doi.org/10.1/x" rel="nofollow">doi</a>'
               ' <a href="tel:116123">call</a> <img src="../assets/x.png" alt="">'
               ' <script src="../assets/checklist.js"></script></p>')
    doc = BeautifulSoup(embed.rewrite_links(content, "trust/index.html", "embed/trust/index.html"),
                        "html.parser")
    check, top, doi, call = doc.select("a")
    assert check["href"] == "../../bond-check/" and check["target"] == "_blank"
    assert check["rel"] == ["noopener"]
    assert top.attrs == {"href": "#top"}
    assert doi["target"] == "_blank" and doi["rel"] == ["nofollow", "noopener"]
    assert call.attrs == {"href": "tel:116123"}
    assert doc.select_one("img")["src"] == "../../assets/x.png"
    assert doc.select_one("script")["src"] == "../../assets/checklist.js"


def test_rewriting_keeps_everything_else_byte_for_byte() -> None:
    content = ('<h2 id="a">A &amp; B<a class="headerlink" href="#a">&para;</a></h2>\n'
               '<section data-checklist-data="{&#34;a&#34;: &#34;&lt;/script&gt;&#34;}">\n'
               '<svg viewBox="0 0 10 10"><title>T</title></svg>\n<p>x &gt; y</p></section>')
    assert embed.rewrite_links(content, "trust/index.html", "embed/trust/index.html") == content


def test_image_sets_and_unusual_line_breaks_are_handled() -> None:
    content = ('<p>a\u2028b\x0cc\r\n</p>\n<img alt="" src="../a.png"\n'
               '  srcset="../a.png 1x, ../b.png 2x"><a href="../x/">x</a>')
    out = embed.rewrite_links(content, "trust/index.html", "embed/trust/index.html")
    doc = BeautifulSoup(out, "html.parser")
    assert doc.img["srcset"] == "../../a.png 1x, ../../b.png 2x" and doc.a["href"] == "../../x/"
    assert out.startswith('<p>a\u2028b\x0cc\r\n</p>\n<img alt="" src="../../a.png" ')


def test_rewritten_attributes_stay_escaped() -> None:
    content = '<a href="../x/?a=1&amp;b=%22" title="&quot;q&quot; &lt;b&gt;">x</a>'
    out = embed.rewrite_links(content, "trust/index.html", "embed/trust/index.html")
    link = BeautifulSoup(out, "html.parser").a
    assert link["href"] == "../../x/?a=1&b=%22" and link["title"] == '"q" <b>'
    assert '"q"' not in out and "<b>" not in out


# --- The twin ---------------------------------------------------------------------------------

def test_the_twin_has_the_article_credit_and_crisis_link_and_nothing_else(
        env: jinja2.Environment) -> None:
    document = embed.render_twin(env, context(stylesheets=("assets/stylesheets/main.1.min.css",
                                                           "assets/site.css")),
                                 twin(has_checklist=True))
    doc = BeautifulSoup(document, "html.parser")
    assert doc.html["lang"] == "en"
    assert doc.select_one('meta[name="robots"]')["content"] == "noindex"
    assert doc.select_one('link[rel="canonical"]')["href"] == SITE + "trust/"
    assert [link["href"] for link in doc.select('link[rel="stylesheet"]')] == [
        "../../assets/stylesheets/main.1.min.css", "../../assets/site.css",
        "../../assets/checklist.css"]
    assert [s["src"] for s in doc.select("script")] == ["../../assets/embed-frame.js"]
    assert not doc.select("header, nav, footer, form, .md-header, .md-sidebar, .md-search")
    help_link = doc.select_one(".embed__help a")
    assert help_link["href"] == "../../get-help-now/" and help_link["target"] == "_blank"
    credit = doc.select_one("[data-embed-attribution]")
    assert "From The Bond" in credit.get_text(" ") and "CC BY 4.0" in credit.get_text()
    assert credit.select_one("time")["datetime"] == "2026-11-28"
    assert credit.select("a")[0]["href"] == "../../trust/"
    assert doc.select_one("article a")["href"] == "../../bond-check/"


def test_the_twin_escapes_page_texts(env: jinja2.Environment) -> None:
    document = embed.render_twin(env, context(site_name=HOSTILE),
                                 twin(title=HOSTILE, description=HOSTILE, content="<p>x</p>"))
    assert "<img src=x" not in document
    doc = BeautifulSoup(document, "html.parser")
    assert doc.title.get_text() == f"{HOSTILE} - {HOSTILE}"
    assert doc.select_one("h1").get_text() == HOSTILE  # the content had no h1 of its own


def test_the_twins_are_written_with_the_security_policy(env: jinja2.Environment,
                                                        tmp_path: Path) -> None:
    spanish = twin(page_dest="es/trust/index.html", page_url="es/trust/", lang="es")
    material = tmp_path / "assets/stylesheets/main.1.min.css"
    material.parent.mkdir(parents=True)
    material.write_text(".embed__main{color:red}.md-header{color:blue}", encoding="utf-8")
    written = embed.write(tmp_path, env, context(site_name="S", help_page="es/get-help-now/",
                                                 lang="es", material_css=material.relative_to(
                                                     tmp_path).as_posix()), [twin(), spanish])
    assert written == [tmp_path / "embed/trust/index.html", tmp_path / "embed/es/trust/index.html"]
    # The twins' cut of Material's stylesheet keeps only the classes they use.
    assert (tmp_path / "assets/stylesheets/embed-es.css").read_text() == ".embed__main{color:red}"
    text = written[1].read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in text and "no-referrer" in text
    assert '<html lang="es"' in text and 'href="../../../es/get-help-now/"' in text


def test_material_stylesheets_come_from_its_base_template() -> None:
    base = (Path(jinja2.__file__).parents[1] / "material/templates/base.html").read_text()
    found = embed.material_stylesheets(base)
    assert [name.split(".")[0] for name in found] == ["assets/stylesheets/main",
                                                      "assets/stylesheets/palette"]
    with pytest.raises(SiteDataError, match="Fix: update MATERIAL_CSS"):
        embed.material_stylesheets("<link href='assets/stylesheets/main.css'>")


# --- The snippet and its generator ------------------------------------------------------------

def test_the_snippet_has_what_the_issue_asks_for_and_escapes_the_title() -> None:
    code = embed.snippet(SITE + "embed/trust/", HOSTILE, SITE + "embed.js")
    frame = BeautifulSoup(code, "html.parser").iframe
    assert frame["src"] == SITE + "embed/trust/" and frame["title"] == HOSTILE
    assert frame["loading"] == "lazy" and frame["referrerpolicy"] == "no-referrer"
    assert "width: 100%" in frame["style"] and "border: none" in frame["style"]
    assert BeautifulSoup(code, "html.parser").script["src"] == SITE + "embed.js"
    assert "<img" not in code


def test_the_generator_lists_pages_and_preselects_a_checklist(env: jinja2.Environment) -> None:
    pages = embed.choices([("Home", "", False), ("Check", "bond-check/", True),
                           (HOSTILE, "trust/", False)], SITE)
    assert [c.embed_url for c in pages] == [SITE + "embed/", SITE + "embed/bond-check/",
                                            SITE + "embed/trust/"]
    assert [c.selected for c in pages] == [False, True, False]
    out = embed.render_generator(env, pages, site_url=SITE, page_dest="embed-our-pages/index.html",
                                 words=WORDS)
    doc = BeautifulSoup(out, "html.parser")
    root = doc.select_one("[data-embed-generator]")
    assert doc.select_one("[data-embed-controls]").has_attr("hidden")  # until the script runs
    assert [o["value"] for o in doc.select("option")] == [c.embed_url for c in pages]
    assert doc.select_one("option[selected]")["value"] == SITE + "embed/bond-check/"
    assert doc.select_one("[data-embed-code]").get_text() == embed.snippet(
        SITE + "embed/bond-check/", "Check", SITE + "embed.js")
    assert root["data-embed-template"] == embed.SNIPPET
    assert root["data-embed-script"] == SITE + "embed.js"
    assert [s["src"] for s in doc.select("script")] == ["../assets/modules.js",
                                                       "../assets/embed-generator.js"]
    assert doc.select("option")[2]["data-title"] == HOSTILE and "<img" not in out


# --- The feed ---------------------------------------------------------------------------------

def test_feed_entries_carry_everything_a_clinic_needs() -> None:
    entry = feed.entry(twin(), SITE)
    assert entry == {"title": "Trust", "description": twin().description, "url": SITE + "trust/",
                     "embed_url": SITE + "embed/trust/", "language": "en",
                     "last_reviewed": "2026-11-28", "next_review": "2027-11-28",
                     "licence": "CC BY 4.0",
                     "licence_url": "https://creativecommons.org/licenses/by/4.0/"}


def test_the_feed_lists_every_language_written_once(env: jinja2.Environment,
                                                     tmp_path: Path) -> None:
    spanish = twin(page_dest="es/trust/index.html", page_url="es/trust/", lang="es",
                   canonical_url=SITE + "es/trust/")
    about = twin(page_dest="about/index.html", page_url="about/", canonical_url=SITE + "about/")
    feed.write(tmp_path, env, context(), [twin(), spanish, about])
    data = json.loads((tmp_path / "feed.json").read_text(encoding="utf-8"))
    # Each language in build order, by address within it; the site named as the context says.
    assert [(p["language"], p["url"]) for p in data["pages"]] == [
        ("en", SITE + "about/"), ("en", SITE + "trust/"), ("es", SITE + "es/trust/")]
    assert data["site"]["name"] == "The Bond"


def test_the_schema_is_a_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "docs" / feed.SCHEMA).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    data = feed.feed([twin()], "S", SITE)
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    data["pages"][0]["last_reviewed"] = "28 November 2026"
    assert list(Draft202012Validator(schema).iter_errors(data))


# --- Clinic profiles --------------------------------------------------------------------------

PROFILE = """\
INHERIT: ../../mkdocs.yml
site_url: !ENV [SITE_URL, "https://example.org/"]
extra:
  region: GB
  clinic:
    name: Example Clinic (demo)
    website: https://example.org/
    phone: "+44 20 7946 0991"
    booking: https://example.org/book/
    brand_colour: "#5b2c83"
"""
# Read as the build reads a profile: MkDocs' own tags (!ENV) do not stop the line numbers.
PROFILE_LINES = key_lines(parse_config(PROFILE, "profiles/demo/mkdocs.yml"))


def parse(raw: object, tmp_path: Path | None = None) -> clinic.Clinic | None:
    return clinic.parse_clinic(raw, "profiles/demo/mkdocs.yml", PROFILE_LINES,
                               tmp_path or ROOT / "profiles" / "example")


GOOD = {"name": "Example Clinic (demo)", "website": "https://example.org/",
        "phone": "+44 20 7946 0991", "booking": "https://example.org/book/",
        "brand_colour": "#5B2C83"}


def test_a_valid_clinic_is_read_and_normalised() -> None:
    found = parse(GOOD)
    assert found is not None and found.brand_colour == "#5b2c83"
    assert found.view() == {"name": "Example Clinic (demo)", "website": "https://example.org/",
                            "phone": "+44 20 7946 0991", "tel": "tel:+442079460991",
                            "booking": "https://example.org/book/", "logo": ""}
    assert parse(None) is None and parse({}) is None


def test_config_lines_are_found_even_with_mkdocs_tags() -> None:
    lines = PROFILE_LINES
    assert lines["extra.clinic"] == 5 and lines["extra.clinic.phone"] == 8
    assert lines["extra.region"] == 4


@pytest.mark.parametrize(("change", "line", "message"), [
    ({"name": None}, 5, r"`extra\.clinic` has no `name`.*Fix: add `name:"),
    ({"name": ""}, 6, r"must be text"),
    ({"name": 42}, 6, r"`name` in `extra\.clinic` must be text, not int 42"),
    ({"website": "http://example.org/"}, 7, r"not an https address.*Fix: write the full address"),
    ({"booking": "javascript:alert(1)"}, 9, r"not an https address"),
    ({"website": 'https://example.org/"onmouseover="x'}, 7, r"not an https address"),
    ({"phone": "call us"}, 8, r"not a phone number"),
    ({"phone": 2079460991}, 8, r"must be text"),
    ({"brand_colour": "purple"}, 10, r"not a #rrggbb colour"),
    ({"brand_colour": "#fff"}, 10, r"not a #rrggbb colour"),
    ({"brand_colour": None}, 10, r"is empty.*in quotes"),
    ({"brand_colour": "#4db6ac"}, 10, r"contrast of 2\.\d\d:1.*Fix: pick a darker shade"),
    ({"brand_color": "#5b2c83"}, 5,
     r"unknown key `brand_color` in `extra\.clinic`.*did you mean `brand_colour`"),
])
def test_bad_clinic_fields_name_the_file_line_and_fix(change: dict, line: int, message: str) -> None:
    raw = {key: value for key, value in (GOOD | change).items()
           if not (key == "name" and value is None)}  # brand_colour: None is YAML's `#...` case
    with pytest.raises(SiteDataError, match=message) as caught:
        parse(raw)
    assert caught.value.file == "profiles/demo/mkdocs.yml"
    assert caught.value.line == line and caught.value.fix


def test_a_clinic_that_is_not_a_block_is_refused() -> None:
    with pytest.raises(SiteDataError, match="must be a block of fields"):
        parse("Example Clinic")


def test_contrast_follows_wcag() -> None:
    assert clinic.contrast_with_white("#000000") == pytest.approx(21)
    assert clinic.contrast_with_white("#ffffff") == pytest.approx(1)
    assert clinic.contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)
    assert clinic.contrast_with_white("#00695c") >= clinic.MIN_CONTRAST  # the site's own teal


def test_the_brand_stylesheet_only_takes_a_checked_colour() -> None:
    assert "--md-primary-fg-color: #5b2c83;" in clinic.brand_stylesheet("#5b2c83")
    with pytest.raises(ValueError):
        clinic.brand_stylesheet("red;} body{display:none")


def test_logos_are_checked(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (tmp_path / "bad.svg").write_text('<svg onload="alert(1)"/>')
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    found = parse(GOOD | {"logo": "logo.svg"}, tmp_path)
    assert found is not None and found.logo_path == "assets/clinic-logo.svg"
    for name, message in [("bad.svg", "scripts, event handlers"), ("logo.gif", "not an image"),
                          ("missing.png", "does not exist")]:
        with pytest.raises(SiteDataError, match=message):
            parse(GOOD | {"logo": name}, tmp_path)


def test_clinic_assets_are_published(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    found = parse(GOOD | {"logo": "logo.png"}, tmp_path)
    assert found is not None
    site = tmp_path / "site"
    assert clinic.write_assets(site, found) == [site / clinic.STYLESHEET,
                                                site / "assets/clinic-logo.png"]
    assert (site / "assets/clinic-logo.png").read_bytes() == b"\x89PNG"
