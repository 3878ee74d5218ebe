"""Printable handouts: a blank A4 PDF of every checklist in every language, made by the strict
build (one or two pages, every statement and the page's address in its text, a QR code that
decodes to the page's address, crisis help for the build's region), linked from the checklist
pages, and a one-page blank session summary beside each checklist with one; cached by
content; skipped with a notice by `mkdocs serve` without Chromium, and a strict build without
Chromium fails saying what to install."""

from __future__ import annotations

import io
import re
import shutil
import stat
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pypdf
import pytest
import zxingcpp
from bondsite import handouts
from bondsite.checklists import load_all
from bondsite.errors import SiteDataError
from conftest import ROOT, build_site
from helpers import html_pages, soup
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from PIL import Image

LANGS = ("en", "es")
LINK_TEXT = {"en": "Print a blank copy", "es": "Imprime una copia en blanco"}
SUMMARY_LINK_TEXT = {"en": "Print a blank summary to fill in by hand",
                     "es": "Imprime un resumen en blanco para completar a mano"}
A4 = (595, 842)  # points


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _checklist_pages(site: Path) -> dict[tuple[str, str], Path]:
    """(language, checklist id) -> the built page that places it."""
    found = {}
    for page in html_pages(site):
        doc = soup(page)
        for root in doc.select("[data-checklist]"):
            found[doc.html["lang"], root["data-checklist"]] = page
    return found


def _qr_texts(pdf: pypdf.PdfReader) -> list[str]:
    """Every QR code in the PDF's images, decoded."""
    texts = []
    for page in pdf.pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            texts += [code.text for code in zxingcpp.read_barcodes(picture)]
    return texts


def _expected() -> list[tuple[str, str]]:
    pairs = [(lang, path.stem) for lang in LANGS
             for path in sorted((ROOT / "data" / "checklists" / lang).glob("*.yml"))]
    assert len(pairs) == 4
    return pairs


@pytest.mark.parametrize(("lang", "checklist_id"), _expected())
def test_each_checklist_has_a_blank_pdf_in_each_language(built_site: Path, lang: str,
                                                         checklist_id: str) -> None:
    definition = load_all(ROOT / "data" / "checklists" / lang, f"data/checklists/{lang}")[
        checklist_id]
    page = _checklist_pages(built_site)[lang, checklist_id]
    address = soup(page).select_one('link[rel="canonical"]')["href"]
    assert address.startswith("https://") and address.endswith(f"/{checklist_id}/")
    pdf_file = built_site / handouts.dest(lang, checklist_id)
    pdf = pypdf.PdfReader(pdf_file)
    assert 1 <= len(pdf.pages) <= 2, len(pdf.pages)
    assert all(tuple(round(float(v)) for v in p.mediabox[2:]) == A4 for p in pdf.pages)
    text = "\n".join(p.extract_text() for p in pdf.pages)
    statements = [item.text for item in definition.items]
    assert len(statements) >= 8
    missing = [s for s in statements if _spaced(s) not in _spaced(text)]
    assert missing == []
    for label in [c.label for c in definition.choices] + [definition.labels["safety_yes"]]:
        assert label in text
    for note in (definition.privacy, definition.not_diagnosis, definition.title):
        assert _spaced(note) in _spaced(text)
    assert address in _unspaced(text), "the page's address is not printed"
    assert _qr_texts(pdf) == [address]
    # Crisis help for the language's first region (Spain for Spanish; the US for English).
    first = {"en": "988", "es": "024"}[lang]
    assert first in text and ("emergency" in text.lower() or "emergencias" in text.lower())
    # The checklist page links it, in its language, by a relative address.
    link = soup(page).select_one("[data-handout-link] a")
    assert link.get_text() == LINK_TEXT[lang]
    base = "http://site/" + page.parent.relative_to(built_site).as_posix() + "/"
    assert urlsplit(urljoin(base, link["href"])).path == "/" + handouts.dest(lang, checklist_id)


@pytest.mark.parametrize("lang", LANGS)
def test_the_blank_session_summary_is_one_page_beside_the_handout(built_site: Path,
                                                                  lang: str) -> None:
    definition = load_all(ROOT / "data" / "checklists" / lang, f"data/checklists/{lang}")[
        "bond-check"]
    words = definition.summary
    assert words is not None
    page = _checklist_pages(built_site)[lang, "bond-check"]
    address = soup(page).select_one('link[rel="canonical"]')["href"]
    name = handouts.summary_name("bond-check")
    pdf = pypdf.PdfReader(built_site / handouts.dest(lang, name))
    assert len(pdf.pages) == 1
    assert tuple(round(float(v)) for v in pdf.pages[0].mediabox[2:]) == A4
    text = _spaced(pdf.pages[0].extract_text())
    groups = definition.scored_groups
    expected = [words.title, words.blank_intro, words.areas_title, *words.levels.values(),
                words.lowest_title, words.phrases_title, words.note_label, words.date_label,
                words.disclaimer, *(g.title for g in groups),
                *(p for g in groups if g.if_weakest for p in g.if_weakest.phrases)]
    assert [w for w in expected if _spaced(w) not in text] == []
    assert _spaced(definition.safety_item.text) not in text  # never the safety statement
    assert address in _unspaced(text) and _qr_texts(pdf) == [address]
    # The page's summary links it, in its language, by a relative address.
    link = soup(page).select_one("[data-session-summary] [data-handout-link] a")
    assert link.get_text() == SUMMARY_LINK_TEXT[lang]
    base = "http://site/" + page.parent.relative_to(built_site).as_posix() + "/"
    assert urlsplit(urljoin(base, link["href"])).path == "/" + handouts.dest(lang, name)
    others = load_all(ROOT / "data" / "checklists" / lang, f"data/checklists/{lang}")
    without = [c for c in others if others[c].summary is None]
    assert without and not [c for c in without if (
        built_site / handouts.dest(lang, handouts.summary_name(c))).exists()]


def test_only_checklist_pages_link_a_handout(built_site: Path) -> None:
    pages = html_pages(built_site)
    linked = [p for p in pages if soup(p).select("[data-handout-link]")]
    assert len(linked) == 4 and all(soup(p).select("[data-checklist]") for p in linked)
    # The embed twins leave the link out (an embedded checklist keeps to its byte budget).
    twins = sorted((built_site / "embed").rglob("index.html"))
    assert len(twins) == len(pages) and not [t for t in twins if "data-handout-link" in
                                               t.read_text(encoding="utf-8")]


# --- The cache and Chromium, without a whole build ----------------------------------------------

def _fake_chromium(tmp_path: Path) -> tuple[str, Path]:
    """A stand-in for Chromium that writes a tiny PDF and counts its runs."""
    counter = tmp_path / "runs"
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\necho run >> " + str(counter) + "\nfor a; do case $a in"
                      " --print-to-pdf=*) printf '%%PDF-1.4 fake' > \"${a#--print-to-pdf=}\";;"
                      " esac; done\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), counter


def test_pdfs_are_cached_by_content(tmp_path: Path) -> None:
    chromium, counter = _fake_chromium(tmp_path)
    cache, site = tmp_path / "cache", tmp_path / "site"
    documents = [("handouts/en/a.pdf", handouts.Document("<p>A</p>", "https://a.example/")),
                 ("handouts/es/a.pdf", handouts.Document("<p>B</p>", "https://a.example/"))]
    first = handouts.print_all(site, documents, chromium=chromium, folder=cache)
    assert first.printed == 2 and counter.read_text().count("run") == 2
    assert (site / "handouts/en/a.pdf").read_bytes().startswith(b"%PDF")
    again = handouts.print_all(site, documents, chromium=chromium, folder=cache)
    assert again.printed == 0 and counter.read_text().count("run") == 2
    assert "2 PDFs (0 printed, 2 from the cache)" in again.summary()
    changed = handouts.print_all(site, [("handouts/en/a.pdf", handouts.Document("<p>A, changed</p>",
                                                                           "https://a.example/")),
                                    ("handouts/es/a.pdf", handouts.Document("<p>B</p>",
                                                                           "https://b.example/"))],
                               chromium=chromium, folder=cache)
    assert changed.printed == 2, "a change of text or of the QR code's address prints again"


def test_a_chromium_that_fails_names_the_fix(tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'no display' >&2\nexit 3\n")
    broken.chmod(0o755)
    with pytest.raises(SiteDataError) as caught:
        handouts.print_all(tmp_path / "site", [("handouts/en/a.pdf",
                                                  handouts.Document("<p>A</p>", "x"))],
                           chromium=str(broken), folder=tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # nothing half-written is kept
    assert "exit 3" in str(caught.value) and "apt-get install chromium" in str(caught.value)


def test_without_chromium_serve_goes_on_and_a_strict_build_stops(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    assert handouts.find_chromium() is None
    path, notice = handouts.chromium_or_notice(serving=True, strict=True)
    assert path is None and notice and "apt-get install chromium" in notice
    assert handouts.chromium_or_notice(serving=False, strict=False)[0] is None
    with pytest.raises(SiteDataError, match="apt-get install chromium"):
        handouts.chromium_or_notice(serving=False, strict=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ["docs", "hooks", "overrides", "data", "profiles"]:
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "site"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_a_strict_build_without_chromium_fails_with_what_to_install(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(project / "mkdocs.yml", project / "site")
    message = caplog.text + str(caught.value)
    assert "apt-get install chromium" in message and "overrides/handout.html" in message


def test_serve_without_chromium_skips_handouts_with_a_notice(
        project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """What `mkdocs serve` does: the startup event says "serve", then the (strict) build runs."""
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("HANDOUTS_CACHE", str(project / "cache"))
    from mkdocs.commands.build import build

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    caplog.set_level("INFO")
    try:
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # later builds in this process
    notices = [r for r in caplog.records if "handouts skipped" in r.getMessage()]
    assert len(notices) == 1 and notices[0].levelname == "INFO"
    assert not (project / "site" / "handouts").exists()
    assert not soup(project / "site" / "bond-check" / "index.html").select("[data-handout-link]")


# --- A clinic's profile ----------------------------------------------------------------------

def test_a_clinics_handout_names_the_clinic_and_its_regions_lines(profile_site: Path) -> None:
    pdf = pypdf.PdfReader(profile_site / handouts.dest("en", "bond-check"))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Example Clinic (demo)" in text
    # The profile's region (GB) comes first: its emergency number before the US line.
    assert text.index("United Kingdom") < text.index("United States")
    assert "116 123" in text
    assert _qr_texts(pdf) == ["https://example.org/therapy-guide/bond-check/"]
    assert "https://example.org/therapy-guide/bond-check/" in _unspaced(text)
