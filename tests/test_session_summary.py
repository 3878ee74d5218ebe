"""Rule 7 of the reference scorer (hooks/bondsite/checklists/score.py): what the session
summary shows for a set of answers, on the real bond check in both languages. The page's script
is compared with it in test_session_summary_browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from bondsite import checklists
from bondsite.checklists import Checklist

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=["en", "es"])
def bond(request: pytest.FixtureRequest) -> Checklist:
    folder = ROOT / "data" / "checklists" / str(request.param)
    return checklists.load_all(folder, f"data/checklists/{request.param}")["bond-check"]


def answers(bond: Checklist, **changes: int) -> dict[str, int]:
    """Every statement at its best answer (safety No), then `changes` (ids with _ for -)."""
    best = {i.id: (0 if i.reverse else 4) for i in bond.scored_items}
    return best | {bond.safety_item.id: 0} | {k.replace("_", "-"): v for k, v in changes.items()}


def levels(bond: Checklist, given: dict[str, int]) -> dict[str, str]:
    summary = checklists.summary(bond, given)
    assert summary is not None
    return {area.group.id: area.level for area in summary.areas}


def test_no_summary_while_the_safety_answer_is_yes_or_anything_is_unanswered(
        bond: Checklist) -> None:
    assert checklists.summary(bond, answers(bond)) is not None
    assert checklists.summary(bond, answers(bond, harm_thoughts=1)) is None
    incomplete = answers(bond)
    del incomplete["goals-named"]
    assert checklists.summary(bond, incomplete) is None


def test_a_checklist_without_summary_words_has_no_summary() -> None:
    folder = ROOT / "data" / "checklists" / "en"
    other = checklists.load_all(folder, "data/checklists/en")["is-therapy-right-for-me"]
    assert other.summary is None
    given = {i.id: 1 for i in other.scored_items} | {other.safety_item.id: 0}
    assert checklists.summary(other, given) is None


@pytest.mark.parametrize(("goals", "level"), [
    ((3, 3, 3), "high"),    # 9 of 12 points above the lowest: exactly 3/4
    ((3, 3, 2), "middle"),  # 8 of 12
    ((2, 2, 2), "middle"),  # 6 of 12: exactly half
    ((2, 2, 1), "low"),     # 5 of 12
])
def test_an_areas_level_follows_its_share_of_points(bond: Checklist, goals: tuple[int, ...],
                                                   level: str) -> None:
    given = answers(bond, goals_named=goals[0], goals_progress=goals[1], goals_focus=goals[2])
    assert levels(bond, given)["goals"] == level


def test_a_flag_caps_its_area_so_it_never_reads_as_working(bond: Checklist) -> None:
    # Not at all to being taken seriously: 12 of 16, "high" by points, "middle" by its flag.
    assert levels(bond, answers(bond, bond_serious=0))["bond"] == "middle"
    # A little to crossed lines (reversed: 3 points): 15 of 16, "low" by its serious flag.
    crossed = checklists.summary(bond, answers(bond, bond_lines=1))
    assert crossed is not None
    bond_area = next(a for a in crossed.areas if a.group.id == "bond")
    assert bond_area.level == "low" and bond_area.flagged
    assert [a.flagged for a in crossed.areas if a.group.id != "bond"] == [False, False]


def test_the_lowest_are_the_three_lowest_answers_in_page_order(bond: Checklist) -> None:
    given = answers(bond, goals_focus=2, methods_why=2, methods_say=3, bond_judged=2,
                    bond_serious=3)
    summary = checklists.summary(bond, given)
    assert summary is not None
    # On the scale: goals-focus 2, methods-why 2, bond-judged (reversed) 2, then 3s.
    assert [(item.id, value) for item, value in summary.lowest] == [
        ("goals-focus", 2), ("methods-why", 2), ("bond-judged", 2)]
    top = checklists.summary(bond, answers(bond))
    assert top is not None and top.lowest == ()  # every answer at the top: none
    one = checklists.summary(bond, answers(bond, methods_adjust=3))
    assert one is not None and [i.id for i, _ in one.lowest] == ["methods-adjust"]


def test_serious_answers_bring_their_notes_first_and_no_phrases(bond: Checklist) -> None:
    given = answers(bond, goals_named=1, bond_lines=2, bond_safe=1)
    summary = checklists.summary(bond, given)
    assert summary is not None
    assert [item.id for item in summary.notes] == ["bond-safe", "bond-lines"]
    assert summary.phrases == ()


def test_the_phrases_are_those_of_the_areas_the_result_names(bond: Checklist) -> None:
    groups = {g.id: g for g in bond.scored_groups}
    # Methods lowest, and a Not at all in goals names goals too (weakest, then also).
    given = answers(bond, methods_why=1, methods_adjust=1, methods_say=1, goals_named=0)
    summary = checklists.summary(bond, given)
    assert summary is not None
    result = checklists.score(bond, given)
    assert result.weakest is groups["methods"] and result.also == (groups["goals"],)
    methods, goals = (groups[g].if_weakest for g in ("methods", "goals"))
    assert methods is not None and goals is not None
    assert summary.phrases == goals.phrases + methods.phrases  # in page order
    assert summary.notes == ()  # a Not at all in goals has no note of its own


def test_the_button_says_summary_or_session(bond: Checklist) -> None:
    """Clinics' readers and tests find the control by its words (issue: "summary" or "session";
    Spanish "resumen" or "sesión")."""
    words = {"en": ("summary", "session"), "es": ("resumen", "sesión")}[bond.lang]
    assert bond.summary is not None
    assert any(word in bond.summary.button.lower() for word in words)
