"""Checklists without a browser: validation errors (file, line, fix), scoring edges, markers,
and the rendered HTML's structure and escaping."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from bondsite import checklists
from bondsite.checklists import Checklist
from bondsite.clinic import Clinic
from bondsite.crisis import load_crisis_data
from bondsite.errors import SiteDataError
from bs4 import BeautifulSoup
from helpers import answers_for

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "data" / "checklists" / "en"
NAME = "data/checklists/en/demo.yml"
HOSTILE = "<img src=x onerror=alert(1)>"

LABELS = """\
labels:
  safety_yes: "Yes"
  safety_no: "No"
  guidance_title: What answers suggest
  guidance_intro: Read on.
  result_title: Your result
  progress: "{answered} of {total} answered."
  result_status: "Result: {band}."
  not_answered: Not answered
  answer_line: "{statement} {answer}"
  copy_button: Copy
  print_button: Print
  copied: Copied.
  copy_failed: Copy failed.
  talk_to_us: Talk to us
  clinic_call: Call
  clinic_website: Website
  clinic_booking: Book
"""

MINIMAL = """\
# A small valid definition; tests change one thing at a time.
id: demo
title: Demo checklist
intro: Pick an answer.
privacy: Nothing leaves this page.
not_diagnosis: This is not a diagnosis.
choices:
  - label: "Yes"
    value: 1
  - label: "No"
    value: 0
""" + LABELS + """\
crisis:
  title: Get help now
  text: Call a line below.
  notice: Help is shown below.
safety_result:
  when: If you said Yes to the safety statement.
  title: Get help today
  text: Your safety comes first.
  next_steps:
    - text: Read the help page.
      page: trust.md
      label: help page
groups:
  - id: main
    title: Main things
    items:
      - id: one
        text: Statement one.
      - id: two
        text: Statement two.
        weight: 2
  - id: safety
    title: Safety
    items:
      - id: harm
        text: I have had thoughts of harming myself.
        safety: true
bands:
  - id: low
    from: 0
    to: 1
    when: Few yes answers.
    title: Low band
    text: Low text.
    next_steps:
      - text: Read the trust page.
        page: trust.md
        label: trust page
  - id: high
    from: 2
    to: 3
    when: Many yes answers.
    title: High band
    text: High text.
    next_steps:
      - text: Book a first session.
"""


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `snippet`."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if snippet in line]
    return hits[nth - 1]


def load(tmp_path: Path, text: str) -> Checklist:
    path = tmp_path / "demo.yml"
    path.write_text(text, encoding="utf-8")
    return checklists.load_checklist(path, NAME)


def error_of(tmp_path: Path, text: str) -> SiteDataError:
    with pytest.raises(SiteDataError) as caught:
        load(tmp_path, text)
    return caught.value


def url_for(path: str) -> str | None:
    """Like the hook's url_for: a file's URL relative to a page one folder deep, or None."""
    if not (ROOT / "docs" / path).is_file():
        return None
    return f"../{path.removesuffix('.md')}/" if path.endswith(".md") else f"../{path}"


@pytest.fixture(scope="module")
def regions() -> list:
    return load_crisis_data(ROOT / "data" / "crisis-lines.yml").ordered()


@pytest.fixture(scope="module")
def real() -> dict[str, Checklist]:
    return checklists.load_all(FOLDER, "data/checklists/en")


# --- The real definitions ---------------------------------------------------------------------

def test_the_two_checklists_load_and_fit_the_brief(real: dict[str, Checklist]) -> None:
    assert set(real) == {"is-therapy-right-for-me", "bond-check"}
    wonder = real["is-therapy-right-for-me"]
    assert 12 <= len(wonder.items) <= 16
    assert [c.label for c in wonder.choices] == ["Yes", "No"]
    assert len(wonder.groups) >= 6
    bond = real["bond-check"]
    rated = [item for item in bond.items if not item.safety]
    assert 9 <= len(rated) <= 12 and len(bond.choices) == 5
    assert [g.id for g in bond.scored_groups] == ["goals", "methods", "bond"]
    assert all(g.if_weakest and g.if_weakest.phrases for g in bond.scored_groups)
    for checklist in real.values():
        assert sum(item.safety for item in checklist.items) == 1
        assert "not a diagnosis" in checklist.not_diagnosis


def test_definitions_hold_no_phone_numbers() -> None:
    for path in FOLDER.glob("*.yml"):
        text = re.sub(r"^\s*#.*$", "", path.read_text(encoding="utf-8"), flags=re.M)
        assert not re.search(r"\b(988|911|999|112|111|024|116 ?123)\b", text), path.name


def test_a_missing_folder_means_no_checklists(tmp_path: Path) -> None:
    assert checklists.load_all(tmp_path / "nowhere", "data/checklists/xx") == {}


def test_the_minimal_definition_is_valid(tmp_path: Path) -> None:
    checklist = load(tmp_path, MINIMAL)
    assert checklist.id == "demo" and checklist.score_range() == (0, 3)
    assert checklist.safety_item.id == "harm" and checklist.source == NAME


# --- Validation errors name the file, the line and the fix -------------------------------------

def _change(old: str, new: str, count: int = 1) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, count)


CASES: list[tuple[str, str, Callable[[str], int], str]] = [
    ("yaml unclosed bracket", _change("title: Demo checklist", "title: [Demo"),
     lambda t: line_of(t, "title: [Demo"), "YAML syntax error"),
    ("yaml tab", _change("intro: Pick an answer.", "intro: Pick an answer.\n\tbad: tab"),
     lambda t: line_of(t, "\tbad"), "YAML syntax error"),
    ("missing field", _change("        text: Statement one.\n", ""),
     lambda t: line_of(t, "- id: one"), "has no `text`"),
    ("missing top-level field", _change("privacy: Nothing leaves this page.\n", ""),
     lambda t: line_of(t, "id: demo"), "has no `privacy`"),
    ("wrong type", _change("weight: 2", 'weight: "two"'),
     lambda t: line_of(t, "weight:"), "must be a whole number"),
    ("yes read as boolean", _change('safety_yes: "Yes"', "safety_yes: Yes"),
     lambda t: line_of(t, "safety_yes:"), "put the text in quotes"),
    ("list expected", _change('choices:\n  - label: "Yes"\n    value: 1\n  - label: "No"\n'
                              '    value: 0\n', "choices: yes or no\n"),
     lambda t: line_of(t, "choices:"), "must be a list"),
    ("unknown key", _change("        text: Statement one.", "        txet: Statement one."),
     lambda t: line_of(t, "txet:"), "did you mean `text`"),
    ("duplicate item id", _change("- id: two", "- id: one"),
     lambda t: line_of(t, "- id: one", 2), "`one` is used twice (first on line"),
    ("gap between bands", _change("from: 2", "from: 3"),
     lambda t: line_of(t, "- id: high"), "no band covers scores 2 to 2"),
    ("overlapping bands", _change("from: 2", "from: 1"),
     lambda t: line_of(t, "- id: high"), "overlap: both cover scores 1 to 1"),
    ("scores above the last band", _change("to: 3", "to: 2"),
     lambda t: line_of(t, "- id: high"), "no band covers scores 3 to 3"),
    ("first band starts late", _change("from: 0", "from: 1"),
     lambda t: line_of(t, "- id: low"), "no band covers scores 0 to 0"),
    ("band upside down", _change("    to: 1\n", "    to: -1\n"),
     lambda t: line_of(t, "- id: low"), "runs from 0 down to -1"),
    ("no safety statement", _change("        safety: true\n", ""),
     lambda t: line_of(t, "groups:"), "no safety statement"),
    ("second safety statement", _change("        weight: 2", "        safety: true"),
     lambda t: line_of(t, "- id: harm"), "second safety statement"),
    ("scored safety statement", _change("        safety: true", "        safety: true\n"
                                        "        weight: 3"),
     lambda t: line_of(t, "weight: 3"), "never scored"),
    ("unknown placeholder", _change('"{answered} of {total} answered."',
                                    '"{answerd} of {total} answered."'),
     lambda t: line_of(t, "progress:"), "uses `{answerd}`"),
    ("link text not in text", _change("label: trust page", "label: trust pages"),
     lambda t: line_of(t, "label: trust pages"),
     "is not part of the `text` of a next step of band `low`"),
    ("page without label", _change("        label: trust page\n", ""),
     lambda t: line_of(t, "- text: Read the trust page."), "without `label`"),
    ("bad id", _change("- id: one", "- id: Item One"),
     lambda t: line_of(t, "Item One"), "not a valid id"),
    ("if_weakest without weakest", _change("    title: Main things",
                                           "    title: Main things\n    if_weakest:\n"
                                           "      title: Low\n      text: Say so.\n"
                                           "      phrases: [Hello]"),
     lambda t: line_of(t, "- id: main"), "has no `weakest` block"),
]


@pytest.mark.parametrize(("text", "where", "problem"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_validation_errors_name_file_line_and_fix(tmp_path: Path, text: str,
                                                  where: Callable[[str], int],
                                                  problem: str) -> None:
    error = error_of(tmp_path, text)
    message = str(error)
    assert message.startswith(f"{NAME}:{where(text)}: "), message
    assert problem in message
    assert "Fix: " in message and error.fix


def test_a_file_whose_name_differs_from_its_id_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "other.yml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(SiteDataError, match=r"^data/checklists/en/other\.yml:1: .*rename"):
        checklists.load_all(folder, "data/checklists/en")


def test_weakest_needs_advice_for_every_scored_group(tmp_path: Path) -> None:
    text = _change("groups:", 'weakest:\n  status: "Lowest: {group}."\n  also: "Also: {groups}."\n'
                   '  guide: "If one is low:"\n'
                   '  say_intro: "You could say:"\n  note: Talking helps.\ngroups:')
    text = text.replace("  - id: safety\n", "  - id: other\n    title: Other\n    items:\n"
                        "      - id: three\n        text: Statement three.\n  - id: safety\n")
    error = error_of(tmp_path, text)
    assert str(error).startswith(f"{NAME}:{line_of(text, '- id: main')}: ")
    assert "no `if_weakest` advice" in str(error)


def test_a_next_step_linking_to_no_page_fails_at_render(tmp_path: Path,
                                                        env: jinja2.Environment,
                                                        regions: list) -> None:
    text = _change("page: trust.md", "page: trusst.md")
    checklist = load(tmp_path, text)
    with pytest.raises(SiteDataError) as caught:
        checklists.render(checklist, env, regions, url_for, None)
    assert str(caught.value).startswith(f"{NAME}:{line_of(text, 'page: trusst.md')}: ")
    assert "not a page of the site" in str(caught.value)


# --- Scoring --------------------------------------------------------------------------------

def test_every_band_edge_scores_into_its_band(real: dict[str, Checklist]) -> None:
    for checklist in real.values():
        for band in checklist.bands:
            for edge in (band.low, band.high):
                result = checklists.score(checklist, answers_for(checklist, edge))
                assert result.band == band, (checklist.id, edge)
                assert result.answered == result.total


def test_no_result_until_every_statement_is_answered(real: dict[str, Checklist]) -> None:
    checklist = real["is-therapy-right-for-me"]
    answers = answers_for(checklist, 5)
    answers.pop(next(iter(answers)))
    result = checklists.score(checklist, answers)
    assert result.band is None and result.score is None
    assert result.answered == result.total - 1


def test_safety_yes_is_flagged_whatever_else_is_answered(real: dict[str, Checklist]) -> None:
    for checklist in real.values():
        safety = checklist.safety_item.id
        assert checklists.score(checklist, {safety: 1}).safety
        assert not checklists.score(checklist, {safety: 0}).safety
        for band in checklist.bands:
            full = answers_for(checklist, band.high) | {safety: 1}
            result = checklists.score(checklist, full)
            # The safety result replaces every band: nothing else is named or noted.
            assert result.safety and result.band is None and result.score_band == band
            assert result.weakest is None and result.also == () and result.notes == ()


def test_reverse_statements_flip_and_the_weakest_group_is_named(
        real: dict[str, Checklist]) -> None:
    bond = real["bond-check"]
    top = {i.id: (0 if i.reverse else 4) for i in bond.items if not i.safety}
    assert checklists.score(bond, top).score == 40
    result = checklists.score(bond, top | {"methods-say": 1})
    assert result.weakest is not None and result.weakest.id == "methods"
    assert checklists.score(bond, top | {"bond-judged": 4}).weakest.id == "bond"
    # A tie keeps the first group in the definition's order.
    assert checklists.score(bond, top).weakest.id == "goals"


def test_scoring_refuses_unknown_statements_and_values(real: dict[str, Checklist]) -> None:
    bond = real["bond-check"]
    with pytest.raises(ValueError, match="no statement"):
        checklists.score(bond, {"nope": 1})
    with pytest.raises(ValueError, match="not an answer"):
        checklists.score(bond, {"goals-named": 9})
    with pytest.raises(ValueError, match="not an answer"):
        checklists.score(bond, {"harm-thoughts": 3})


# --- Rendering --------------------------------------------------------------------------------

def render(checklist: Checklist, env: jinja2.Environment, regions: list,
           clinic: dict | None = None) -> BeautifulSoup:
    return BeautifulSoup(checklists.render(checklist, env, regions, url_for, clinic),
                         "html.parser")


def test_rendered_structure_follows_the_public_contract(real: dict[str, Checklist],
                                                        env: jinja2.Environment,
                                                        regions: list) -> None:
    for checklist in real.values():
        doc = render(checklist, env, regions)
        root = doc.select_one(f'[data-checklist="{checklist.id}"]')
        assert root is not None and root.name == "section"
        groups = root.select("fieldset.checklist__group")
        assert [g.legend.get_text(strip=True) for g in groups] == [
            g.title for g in checklist.groups]
        items = root.select("fieldset[data-item]")
        assert [i.legend.get_text(strip=True) for i in items] == [
            i.text for i in checklist.items]
        for item in items:
            names = {r["name"] for r in item.select("input[type=radio]")}
            assert len(names) == 1
        live = root.select("[aria-live]")
        assert len(live) == 1 and live[0].find_parent(attrs={"data-checklist-result": True})
        crisis = root.select_one("[data-crisis]")
        assert crisis is not None and not crisis.has_attr("hidden")  # visible without JS
        tels = [a["href"] for a in crisis.select("a[href^='tel:']")]
        assert "tel:988" in tels and "tel:116123" in tels
        safety = root.select("input[data-safety]")
        assert len(safety) == 1 and safety[0]["value"] == "1"
        assert safety[0]["name"].endswith("--" + checklist.safety_item.id)
        guidance = root.select_one("details[data-checklist-guidance]")
        assert guidance is not None and guidance.has_attr("open")
        for band in checklist.bands:
            block = guidance.select_one(f'[data-band="{band.id}"]')
            assert block is not None and band.title in block.get_text()
            assert band.when in block.get_text()
        assert checklist.not_diagnosis in guidance.get_text()
        assert checklist.privacy in root.get_text()
        assert root.find("form") is None and not root.select("[style]")
        scripts = root.find_all("script")
        assert [(s.get("src"), s.string) for s in scripts] == [("../assets/modules.js", None),
                                                           ("../assets/checklist.js", None)]
        assert json.loads(root["data-checklist-data"]) == checklists.script_data(checklist)
        ids = [tag["id"] for tag in root.select("[id]")]
        assert len(ids) == len(set(ids))


def test_no_script_tag_when_the_site_has_no_script(real: dict[str, Checklist],
                                                   env: jinja2.Environment,
                                                   regions: list) -> None:
    html = checklists.render(real["bond-check"], env, regions,
                             lambda path: None if path.endswith(".js") else url_for(path), None)
    assert "<script" not in html


def test_next_step_links_are_resolved(real: dict[str, Checklist], env: jinja2.Environment,
                                      regions: list) -> None:
    doc = render(real["is-therapy-right-for-me"], env, regions)
    links = {a.get_text(): a["href"] for a in doc.select("[data-band] a")}
    assert links["what happens in your first sessions"] == "../your-first-sessions/"


def test_the_weakest_advice_is_rendered_for_each_area(real: dict[str, Checklist],
                                                      env: jinja2.Environment,
                                                      regions: list) -> None:
    doc = render(real["bond-check"], env, regions)
    for group in ("goals", "methods", "bond"):
        block = doc.select_one(f'[data-weakest="{group}"]')
        assert block is not None and len(block.select("q")) >= 2
    assert real["bond-check"].weakest.note in doc.select_one("[data-weakest-note]").get_text()


def test_script_data_matches_the_definition(real: dict[str, Checklist],
                                            env: jinja2.Environment, regions: list) -> None:
    checklist = real["bond-check"]
    doc = render(checklist, env, regions)
    data = json.loads(doc.select_one("[data-checklist]")["data-checklist-data"])
    assert data == checklists.script_data(checklist)
    assert data["safety"] == "harm-thoughts" and data["weakest"] is True
    assert [b["id"] for b in data["bands"]] == ["strained", "mixed", "strong"]


def test_hostile_text_is_shown_as_text(tmp_path: Path, env: jinja2.Environment,
                                       regions: list) -> None:
    text = MINIMAL
    for old in ("Demo checklist", "Statement one.", "Low text.", "Get help now", "Main things"):
        text = text.replace(old, f'"{old} {HOSTILE} </script><!--"')
    text = text.replace('label: "Yes"', f'label: "{HOSTILE}"')
    text = text.replace("Copy failed.", f'"{HOSTILE} \u2028 </script>"')
    checklist = load(tmp_path, text)
    # A clinic reaches the checklist only as a validated profile's view (clinic.from_config
    # refuses javascript: links; tests/test_profiles.py checks that).
    clinic = Clinic(name=HOSTILE, phone="+44 20 7946 0000",
                    booking="https://example.org/book?a=1&b=<2>").view()
    html = checklists.render(checklist, env, regions, url_for, clinic)
    assert "<img" not in html and "onerror=alert(1)>" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 7
    assert "javascript:" not in html
    doc = BeautifulSoup(html, "html.parser")
    # The script's data is one attribute value that no text can end early.
    assert html.count("</script>") == 2 and "\u2028" not in html  # modules.js, checklist.js
    data = doc.select_one("[data-checklist]")["data-checklist-data"]
    assert json.loads(data)["text"]["copy_failed"].startswith(HOSTILE)
    assert doc.select_one("[data-item=one] legend").get_text().endswith(f"{HOSTILE} </script><!--")
    clinic_line = doc.select_one("[data-clinic]")
    assert HOSTILE in clinic_line.get_text()
    assert [a["href"] for a in clinic_line.select("a")] == [
        "tel:+442079460000", "https://example.org/book?a=1&b=<2>"]


def test_no_clinic_means_no_talk_to_us_line(real: dict[str, Checklist],
                                            env: jinja2.Environment, regions: list) -> None:
    assert render(real["bond-check"], env, regions).select_one("[data-clinic]") is None
    doc = render(real["bond-check"], env, regions,
                 {"name": "Riverside Clinic", "website": "https://example.org"})
    line = doc.select_one("[data-clinic]")
    assert line is not None and "Talk to us" in line.get_text()
    assert "Riverside Clinic" in line.get_text()


# --- Flags: answers that matter on their own --------------------------------------------------

FLAGGED = _change("      - id: one\n        text: Statement one.\n",
                  "      - id: one\n        text: Statement one.\n        flag:\n"
                  "          answers: [1]\n          rules_out: [low]\n          note:\n"
                  "            text: A Yes to one matters.\n")

FLAG_CASES: list[tuple[str, str, str, str]] = [
    ("answer that is no choice", "answers: [1]", "answers: [7]", "not the value of any"),
    ("every answer named", "answers: [1]", "answers: [0, 1]", "names every answer"),
    ("unknown band", "rules_out: [low]", "rules_out: [lowe]", "did you mean `low`?"),
    ("every band ruled out", "rules_out: [low]", "rules_out: [low, high]", "rules out every"),
    ("neither rule nor note", "          rules_out: [low]\n          note:\n"
     "            text: A Yes to one matters.\n", "          note_typo: x\n", "unknown key"),
    ("band id not text", "rules_out: [low]", "rules_out: [3]", "must list band ids"),
    ("serious without a note", "          rules_out: [low]\n          note:\n"
     "            text: A Yes to one matters.\n", "          serious: true\n          rules_out: [low]\n",
     "has no note to show first"),
    ("serious not true or false", "rules_out: [low]", "serious: yes please\n          rules_out: [low]",
     "must be true or false"),
]


@pytest.mark.parametrize(("old", "new", "problem"), [c[1:] for c in FLAG_CASES],
                         ids=[c[0] for c in FLAG_CASES])
def test_flag_errors_name_file_line_and_fix(tmp_path: Path, old: str, new: str,
                                            problem: str) -> None:
    assert old in FLAGGED
    text = FLAGGED.replace(old, new, 1)
    message = str(error_of(tmp_path, text))
    anchor = new.strip().splitlines()[0]
    assert message.startswith(f"{NAME}:{line_of(text, anchor)}: "), message
    assert problem in message and "Fix: " in message


def test_a_flag_without_rule_or_note_is_refused(tmp_path: Path) -> None:
    text = FLAGGED.replace("          rules_out: [low]\n          note:\n"
                           "            text: A Yes to one matters.\n", "", 1)
    message = str(error_of(tmp_path, text))
    assert message.startswith(f"{NAME}:{line_of(text, 'answers: [1]')}: ")
    assert "neither rules out a band nor adds a note" in message


def test_the_safety_statement_cannot_have_a_flag(tmp_path: Path) -> None:
    text = _change("        safety: true\n", "        safety: true\n        flag:\n"
                   "          answers: [1]\n          rules_out: [low]\n")
    message = str(error_of(tmp_path, text))
    assert message.startswith(f"{NAME}:{line_of(text, 'flag:')}: ") and "never scored" in message


def test_a_flag_moves_the_result_to_the_nearest_allowed_band(tmp_path: Path) -> None:
    checklist = load(tmp_path, FLAGGED)
    low, high = checklist.bands
    plain = checklists.score(checklist, {"one": 0, "two": 0, "harm": 0})
    assert plain.band == low and plain.flagged == () and plain.notes == ()
    flagged = checklists.score(checklist, {"one": 1, "two": 0, "harm": 0})
    assert flagged.score == 1 and flagged.score_band == low and flagged.band == high
    assert [i.id for i in flagged.notes] == ["one"]
    assert checklists.score(checklist, {"one": 1, "two": 1, "harm": 0}).band == high


def test_the_nearest_band_breaks_ties_by_the_order_of_the_bands(real: dict[str, Checklist]) -> None:
    three = real["bond-check"]
    strained, mixed, strong = three.bands
    assert (strained.high, mixed.high) == (21, 31)
    assert checklists.band_for(three, 36, {"strong"}) == mixed
    assert checklists.band_for(three, 10, {"strained"}) == mixed
    assert checklists.band_for(three, 26, {"mixed"}) == strained  # 5 from strained, 6 from strong
    assert checklists.band_for(three, 27, {"mixed"}) == strong    # 6 from strained, 5 from strong
    # An exact tie goes to the band listed first.
    even = dataclasses.replace(three, bands=(strained, dataclasses.replace(mixed, high=30),
                                             dataclasses.replace(strong, low=31)))
    assert checklists.band_for(even, 26, {"mixed"}) == strained  # 5 from each


def _all_yes_no(checklist: Checklist) -> list[dict[str, int]]:
    scored = checklist.scored_items
    return [{item.id: (bits >> n) & 1 for n, item in enumerate(scored)} | {"harm-thoughts": 0}
            for bits in range(2 ** len(scored))]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_yes_that_matters_on_its_own_is_told_things_are_steady(lang: str) -> None:
    checklist = checklists.load_all(ROOT / "data" / "checklists" / lang,
                                    f"data/checklists/{lang}")["is-therapy-right-for-me"]
    alone = {"two-weeks", "getting-through", "others-worried", "keeping-up"}
    assert {item.id for item in checklist.flagged_items} == alone
    checked = 0
    for answers in _all_yes_no(checklist):  # every one of the 2^14 answer sets
        result = checklists.score(checklist, answers)
        if any(answers[i] for i in alone):
            checked += 1
            assert result.band is not None and result.band.id != "few-signs", answers
            assert {i.id for i in result.notes} == {i for i in alone if answers[i]}
        else:
            assert result.band == result.score_band
    assert checked == 2 ** 14 - 2 ** 10


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_bad_bond_answer_never_gives_the_top_band_and_is_named(lang: str) -> None:
    bond = checklists.load_all(ROOT / "data" / "checklists" / lang,
                               f"data/checklists/{lang}")["bond-check"]
    best = {i.id: (0 if i.reverse else 4) for i in bond.scored_items}
    # Not at all on any statement; Partly or lower on feeling safe; Mostly or Completely on
    # feeling judged; anything but Not at all on a therapist going beyond therapy.
    worst_of = {i.id: (0,) for i in bond.scored_items}
    worst_of |= {"bond-safe": (0, 1, 2), "bond-judged": (3, 4), "bond-lines": (1, 2, 3, 4)}
    checked = 0
    for item in bond.scored_items:
        for value in worst_of[item.id]:
            result = checklists.score(bond, best | {item.id: value})
            checked += 1
            assert result.score is not None and result.score >= bond.bands[-1].low  # alone: top
            assert result.band is not None and result.band.id == "mixed", (item.id, value)
            named = {g.id for g in (result.weakest, *result.also) if g}
            assert bond.group_of(item).id in named
            if item.id in ("bond-safe", "bond-judged", "bond-lines"):
                assert [i.id for i in result.notes] == [item.id] and result.serious
    assert checked == 7 + 3 + 2 + 4
    # And the top band is still reachable when nothing is flagged.
    assert checklists.score(bond, best).band == bond.bands[-1]


def test_the_spanish_definitions_score_exactly_like_the_english(real: dict[str, Checklist]) -> None:
    spanish = checklists.load_all(ROOT / "data" / "checklists" / "es", "data/checklists/es")
    assert set(spanish) == set(real)
    for checklist_id, english in real.items():
        es = spanish[checklist_id]
        assert checklists.script_data(es)["items"] == checklists.script_data(english)["items"]
        assert [(b.id, b.low, b.high) for b in es.bands] == [
            (b.id, b.low, b.high) for b in english.bands]
        assert [c.value for c in es.choices] == [c.value for c in english.choices]
        assert [g.id for g in es.groups] == [g.id for g in english.groups]
        assert es.safety_item.id == english.safety_item.id
        assert [bool(i.flag and i.flag.note) for i in es.items] == [
            bool(i.flag and i.flag.note) for i in english.items]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_safety_statement_has_one_time_frame_and_covers_passive_thoughts(lang: str) -> None:
    """Both checklists ask about the same two weeks, and about wishing you were not alive as
    well as thoughts of harming yourself; no panel promises help "at any time" by itself (the
    crisis list says so only when every line it shows answers day and night)."""
    frame, passive, any_time = {
        "en": ("In the last two weeks", "wished I was not alive", "any time"),
        "es": ("En las últimas dos semanas", "deseado no seguir viviendo", "cualquier hora"),
    }[lang]
    found = checklists.load_all(ROOT / "data" / "checklists" / lang, f"data/checklists/{lang}")
    assert len(found) == 2
    for checklist in found.values():
        assert checklist.safety_item.text.startswith(frame), checklist.id
        assert passive in checklist.safety_item.text, checklist.id
        assert any_time not in checklist.crisis.text and "day or night" not in checklist.crisis.text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_two_weeks_of_low_mood_is_never_told_it_is_only_a_little(lang: str) -> None:
    """A Yes to feelings lasting two weeks or more rules out the lowest band, and that band no
    longer speaks of "only a little strain": it says a doctor can still help."""
    checklist = checklists.load_all(ROOT / "data" / "checklists" / lang,
                                    f"data/checklists/{lang}")["is-therapy-right-for-me"]
    lowest = checklist.bands[0]
    nothing = {item.id: 0 for item in checklist.scored_items}
    assert checklists.score(checklist, nothing).band == lowest
    result = checklists.score(checklist, nothing | {"two-weeks": 1})
    assert result.band is not None and result.band != lowest and result.score == 1
    assert [item.id for item in result.notes] == ["two-weeks"]
    little, doctor = {"en": ("a little strain", "doctor"), "es": ("poca tensión", "médico")}[lang]
    assert little not in lowest.title and doctor in lowest.text
    assert "two weeks" in lowest.when or "dos semanas" in lowest.when


@pytest.mark.parametrize("lang", ["en", "es"])
def test_crossed_lines_rule_out_the_top_band_and_point_to_help(lang: str) -> None:
    """The statement about a therapist going beyond therapy (secrets, gifts, outside contact,
    touch, talk of sex or dating): any answer but Not at all rules out the top band, names the
    bond, and shows a note that comes first, links to "When something is not OK" and says the
    reader does not have to raise it first."""
    bond = checklists.load_all(ROOT / "data" / "checklists" / lang,
                               f"data/checklists/{lang}")["bond-check"]
    lines = next(item for item in bond.items if item.id == "bond-lines")
    assert lines.reverse and bond.group_of(lines).id == "bond"
    words = {"en": ("secrets", "gifts", "outside sessions", "touch", "sex or dating"),
             "es": ("secretos", "regalos", "fuera de las", "contacto físico", "sexo")}[lang]
    assert all(word in lines.text for word in words), lines.text
    assert lines.flag is not None and lines.flag.serious and set(lines.flag.answers) == {1, 2, 3, 4}
    note = lines.flag.note
    assert note is not None and note.page == "when-something-is-not-ok.md"
    assert ("do not have to raise it" if lang == "en" else "No tienes que hablarlo") in note.text
    best = {i.id: (0 if i.reverse else 4) for i in bond.scored_items}
    assert checklists.score(bond, best).band == bond.bands[-1]
    for value in (1, 2, 3, 4):
        result = checklists.score(bond, best | {"bond-lines": value})
        assert result.band is not None and result.band.id != "strong"
        assert "bond" in {g.id for g in (result.weakest, *result.also) if g}
        assert checklists.blocks(result)[0] == "note:bond-lines"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_feeling_safe_only_partly_rules_out_the_top_band(lang: str) -> None:
    bond = checklists.load_all(ROOT / "data" / "checklists" / lang,
                               f"data/checklists/{lang}")["bond-check"]
    best = {i.id: (0 if i.reverse else 4) for i in bond.scored_items}
    for value, top in [(4, True), (3, True), (2, False), (1, False), (0, False)]:
        result = checklists.score(bond, best | {"bond-safe": value})
        assert (result.band == bond.bands[-1]) == top, value


def test_serious_notes_come_first_and_drop_the_advice_to_raise_it(
        real: dict[str, Checklist]) -> None:
    """Rule 6: a note about safety, judgement or a crossed line leads the result, and the
    advice to raise things with the therapist (area advice, "worth a try") is not shown; any
    other result keeps its band first and its advice."""
    bond = real["bond-check"]
    best = {i.id: (0 if i.reverse else 4) for i in bond.scored_items}
    plain = checklists.score(bond, best | {"goals-named": 0})
    assert checklists.blocks(plain) == ("band:mixed", "advice:goals", "weakest-note")
    cases = {"bond-safe": 2, "bond-judged": 4, "bond-lines": 1}
    for item_id, value in cases.items():
        shown = checklists.blocks(checklists.score(bond, best | {item_id: value, "goals-named": 0}))
        assert shown == (f"note:{item_id}", "band:mixed"), shown
    both = checklists.score(bond, best | {"bond-safe": 0, "bond-lines": 3})
    assert checklists.blocks(both) == ("note:bond-safe", "note:bond-lines", "band:mixed")
    # A checklist without serious flags keeps its notes after the band.
    yes_no = real["is-therapy-right-for-me"]
    answers = {i.id: 0 for i in yes_no.scored_items} | {"keeping-up": 1}
    assert checklists.blocks(checklists.score(yes_no, answers)) == ("band:some-signs",
                                                                     "note:keeping-up")
    assert checklists.blocks(checklists.score(yes_no, {"harm-thoughts": 1} | answers)) == ()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_bond_checks_safety_result_points_to_the_therapist_and_a_safety_plan(
        lang: str) -> None:
    bond = checklists.load_all(ROOT / "data" / "checklists" / lang,
                               f"data/checklists/{lang}")["bond-check"]
    steps = " ".join(step.text for step in bond.safety_result.next_steps)
    plan, therapist = {"en": ("safety plan", "tell your therapist"),
                       "es": ("plan de seguridad", "cuéntale a tu terapeuta")}[lang]
    assert plan in steps and therapist in steps


def test_the_guidance_leads_with_the_safety_result(real: dict[str, Checklist],
                                                   env: jinja2.Environment,
                                                   regions: list) -> None:
    for checklist in real.values():
        guidance = render(checklist, env, regions).select_one("[data-checklist-guidance]")
        blocks = guidance.select("[data-safety-result], [data-band]")
        assert blocks[0].has_attr("data-safety-result") and len(blocks) == 1 + len(
            checklist.bands)
        assert checklist.safety_result.when in blocks[0].get_text()
        assert blocks[0].select_one("a")["href"] == "../get-help-now/"
        notes = guidance.select("[data-flag-note]")
        assert [n["data-flag-note"] for n in notes] == [
            i.id for i in checklist.flagged_items if i.flag and i.flag.note]


def test_the_safety_statement_must_come_last(tmp_path: Path) -> None:
    """The crisis panel and the result follow the safety statement on the page."""
    text = MINIMAL.replace('''  - id: safety
    title: Safety
    items:
      - id: harm
        text: I have had thoughts of harming myself.
        safety: true
''', "").replace('''groups:
''', '''groups:
  - id: safety
    title: Safety
    items:
      - id: harm
        text: I have had thoughts of harming myself.
        safety: true
''')
    message = str(error_of(tmp_path, text))
    assert message.startswith(f"{NAME}:{line_of(text, '- id: harm')}: ") and "not the last" in message


# --- The session summary's words (`summary`; its rules are in test_session_summary.py) ---------

WEAKEST = ('weakest:\n  status: "Lowest: {group}."\n  also: "Also: {groups}."\n'
           '  guide: "If one is low:"\n  say_intro: "You could say:"\n  note: Talking helps.\n')
ADVICE = "    if_weakest:\n      title: Low\n      text: Say so.\n      phrases: [Hello]\n"
SUMMARY = "summary:\n" + "".join(f"  {key}: Words for {key}.\n" for key in (
    "button", "title", "intro", "serious_intro", "blank_intro", "areas_title", "flagged",
    "lowest_title", "notes_title", "phrases_title", "phrases_intro", "note_label", "date_label",
    "made_with", "disclaimer", "none", "print_button", "copy_button", "copied")) + (
    '  note_hint: "Up to {max} characters."\n'
    "  levels:\n    high: Working\n    middle: Partly\n    low: Not working\n")
WITH_SUMMARY = _change("groups:", WEAKEST + SUMMARY + "groups:").replace(
    "    title: Main things\n", "    title: Main things\n" + ADVICE).replace(
    "  - id: safety\n", "  - id: other\n    title: Other\n" + ADVICE + "    items:\n"
    "      - id: three\n        text: Statement three.\n  - id: safety\n").replace(
    "    to: 3\n", "    to: 4\n")


def test_a_summary_block_loads(tmp_path: Path) -> None:
    checklist = load(tmp_path, WITH_SUMMARY)
    assert checklist.summary is not None
    assert checklist.summary.levels == {"high": "Working", "middle": "Partly", "low": "Not working"}
    assert checklist.summary.note_hint == "Up to {max} characters."


@pytest.mark.parametrize(("old", "new", "where", "problem"), [
    (WEAKEST, "", "summary:", "has no `weakest` block"),
    ("  copied: Words for copied.\n", "", "  button: Words", "has no `copied`"),  # its first line
    ("    low: Not working\n", "", "high: Working", "has no `low`"),
    ('"Up to {max} characters."', '"Up to {chars} characters."', "note_hint:", "uses `{chars}`"),
], ids=["no weakest", "missing text", "missing level", "unknown placeholder"])
def test_summary_errors_name_file_line_and_fix(tmp_path: Path, old: str, new: str, where: str,
                                              problem: str) -> None:
    assert old in WITH_SUMMARY
    text = WITH_SUMMARY.replace(old, new)
    if old == WEAKEST:  # advice needs `weakest` too: leave it out, so the summary is the problem
        text = text.replace(ADVICE, "")
    message = str(error_of(tmp_path, text))
    assert message.startswith(f"{NAME}:{line_of(text, where)}: "), message
    assert problem in message and "Fix: " in message
