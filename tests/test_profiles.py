"""White-label clinic profiles: the shipped example builds strictly from its own folder and shows
the clinic everywhere it should; broken profiles fail with the file, the line and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bondsite import clinic
from conftest import ROOT, build_site
from helpers import copy_project, copy_tiny_project, read_config, soup
from mkdocs.exceptions import Abort, PluginError

EXAMPLE = ROOT / "profiles" / "example" / "mkdocs.yml"
HOSTILE = '<script>alert(1)</script> & "Co"'


def _profile_values() -> dict:
    return read_config(EXAMPLE)["extra"]


def test_the_example_is_an_obviously_fictional_clinic() -> None:
    values = _profile_values()["clinic"]
    assert "(demo)" in values["name"] and values["website"].startswith("https://example.org/")
    assert values["phone"].replace(" ", "").startswith("+4420794")  # Ofcom's drama range
    assert re.search(r"^INHERIT: \.\./\.\./mkdocs\.yml$", EXAMPLE.read_text(), re.M)


def test_the_example_shows_the_clinic_in_the_footer_of_every_page(profile_site: Path) -> None:
    name = _profile_values()["clinic"]["name"]
    pages = ["index.html", "trust/index.html", "es/trust/index.html"]
    present = [page for page in pages if (profile_site / page).is_file()]
    # Every page, or all but the Spanish one when a profile switches the Spanish edition off.
    assert present == pages or present == pages[:2], present
    spanish_on = (profile_site / "es" / "index.html").is_file()
    assert len(present) == (3 if spanish_on else 2)
    for page in present:
        footer = soup(profile_site / page).select_one("footer [data-clinic-contact]")
        assert footer is not None and name in footer.get_text(), page
        hrefs = [a["href"] for a in footer.select("a")]
        assert hrefs == ["tel:+442079460991", "https://example.org/", "https://example.org/book/"]
        logo = footer.select_one("img")
        assert (profile_site / page).parent.joinpath(logo["src"]).resolve() == (
            profile_site / "assets/clinic-logo.svg").resolve()


def test_the_example_puts_its_regions_crisis_lines_first(profile_site: Path) -> None:
    regions = soup(profile_site / "get-help-now/index.html").select("article .crisis-region")
    assert [r["data-region"] for r in regions][:2] == ["GB", "US"]
    first_tel = regions[0].select_one("a[href^='tel:']")["href"]
    assert first_tel == "tel:999"
    panel = soup(profile_site / "bond-check/index.html").select_one("[data-crisis] .crisis-region")
    assert panel["data-region"] == "GB"


def test_the_example_names_the_clinic_in_checklist_results(profile_site: Path) -> None:
    for path in ["bond-check/index.html", "embed/bond-check/index.html"]:
        line = soup(profile_site / path).select_one("[data-clinic]")
        assert line is not None, path
        text = " ".join(line.get_text(" ").split())
        assert text.startswith("Talk to us: Example Clinic (demo)"), text


def test_the_brand_colour_is_a_generated_stylesheet_not_inline_style(profile_site: Path) -> None:
    css = (profile_site / clinic.STYLESHEET).read_text()
    assert "--md-primary-fg-color: #5b2c83;" in css
    for path in ["index.html", "embed/trust/index.html"]:
        doc = soup(profile_site / path)
        hrefs = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
        assert any(h.endswith(clinic.STYLESHEET) for h in hrefs), path
        assert not doc.select("[style]"), path


def test_the_example_site_has_its_feed_and_twins(profile_site: Path) -> None:
    assert (profile_site / "embed/bond-check/index.html").is_file()
    assert '"url": "https://example.org/therapy-guide/"' in (profile_site / "feed.json").read_text()


# --- Broken profiles ----------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway tiny project (real code, data and profiles, a few pages) to break on purpose."""
    return copy_tiny_project(tmp_path, "profiles")


def test_the_example_profile_builds_on_the_tiny_project(project: Path) -> None:
    """The failures below are the edits', not the fixture's."""
    site = build_site(project / "profiles" / "example" / "mkdocs.yml", project / "out")
    assert (site / "trust" / "index.html").is_file()


def _edit(project: Path, old: str, new: str) -> tuple[Path, int]:
    """Change one line of the example profile; returns the file and that line's number."""
    config = project / "profiles" / "example" / "mkdocs.yml"
    text = config.read_text()
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    config.write_text(text.replace(old, new, 1))
    return config, line


def _build_error(config: Path, caplog: pytest.LogCaptureFixture) -> str:
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config, config.parent / "site")
    return caplog.text + str(caught.value)


def test_a_clinic_without_a_name_fails_clearly(project: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    config, _ = _edit(project, "    name: Example Clinic (demo)", "")
    message = _build_error(config, caplog)
    clinic_line = config.read_text().splitlines().index("  clinic:") + 1
    assert f"profiles/example/mkdocs.yml:{clinic_line}: `extra.clinic` has no `name`" in message
    assert "Fix: add `name:" in message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("website: https://example.org/", "website: http://example.org/", "not an https address"),
    ("booking: https://example.org/book/", 'booking: "javascript:alert(1)"', "not an https address"),
    ('brand_colour: "#5b2c83"', 'brand_colour: "#80cbc4"', "contrast of 1.8"),
    ('brand_colour: "#5b2c83"', "brand_colour: #5b2c83", "YAML reads `#` as the start of a comment"),
    ('phone: "+44 20 7946 0991"', 'phone: "call us"', "not a phone number"),
    ("logo: logo.svg", "logo: no-such-logo.png", "does not exist"),
    ("    logo: logo.svg", "    colour: red", "unknown key `colour` in `extra.clinic`"),
])
def test_bad_clinic_fields_fail_with_file_line_and_fix(project: Path, old: str, new: str,
                                                       expected: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    config, line = _edit(project, old, new)
    message = _build_error(config, caplog)
    assert f"profiles/example/mkdocs.yml:{line}:" in message and expected in message
    assert "Fix:" in message


def test_an_unknown_region_in_a_profile_fails(project: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    config, _ = _edit(project, "region: GB", "region: XX")
    message = _build_error(config, caplog)
    assert "XX" in message and "Fix:" in message and "profiles/example/mkdocs.yml" in message


def test_hostile_clinic_text_is_shown_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path, "profiles")  # the whole site: its checklists show the name
    config, _ = _edit(project, "name: Example Clinic (demo)", f"name: '{HOSTILE}'")
    site = build_site(config, project / "out")
    for path in ["index.html", "bond-check/index.html", "embed/bond-check/index.html"]:
        html = (site / path).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html, path
    footer = soup(site / "index.html").select_one("[data-clinic-contact]")
    assert HOSTILE in footer.get_text()
