"""Our copies of Material's templates stay Material's outside our marked changes.

A fork keeps each change between `{# OUR CHANGE: why` ... `#}` (with Material's own lines
under `MATERIAL:`, when it replaces some) and `{# END OF OUR CHANGE #}`. Putting Material's
lines back in place of each change, and dropping each file's opening comment, must give the
installed Material's file (or block) exactly: when Material changes upstream, this test names
the fork to copy again."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
FORKS = ["partials/header.html", "partials/palette.html", "partials/search.html",
         "partials/copyright.html"]
CHANGE = re.compile(
    r"^[ \t]*\{#-? OUR CHANGE:(?:.*\n)*?(?:[ \t]*MATERIAL:\n(?P<original>(?:.*\n)*?))?"
    r"[ \t]*-?#\}\n(?:.*\n)*?[ \t]*\{#-? END OF OUR CHANGE -?#\}\n", re.M)
OPENING_COMMENT = re.compile(r"\A\{#-?.*?-?#\}\n", re.S)


def material_again(fork: str) -> tuple[str, int]:
    """The fork with Material's lines put back in place of each change, and how many changes."""
    changes = CHANGE.findall(fork)
    return CHANGE.sub(lambda m: m.group("original") or "", fork), len(changes)


def _block(template: str, name: str) -> str:
    found = re.search(rf"\{{% block {name} %\}}(.*?)\{{% endblock %\}}", template, re.S)
    assert found, name
    return found.group(1)


@pytest.mark.parametrize("name", FORKS)
def test_each_fork_is_material_outside_its_marked_changes(name: str) -> None:
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    restored, changes = material_again(OPENING_COMMENT.sub("", ours, count=1))
    assert changes >= 1, f"{name}: no marked change (is it still a fork?)"
    assert "OUR CHANGE" not in restored, f"{name}: a change marker is not closed"
    assert restored == OPENING_COMMENT.sub("", theirs, count=1), (
        f"overrides/{name} differs from Material's outside its marked changes: copy Material's"
        " new file and re-apply each OUR CHANGE.")


def test_main_html_config_block_is_materials_with_one_change() -> None:
    ours = _block((ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), "config")
    theirs = _block((MATERIAL / "base.html").read_text(encoding="utf-8"), "config")
    restored, changes = material_again(ours)
    assert changes == 1 and restored == theirs, (
        "the `config` block of overrides/main.html differs from Material's base.html outside"
        " its marked change: copy Material's block and re-apply the change.")


def test_the_check_notices_an_unmarked_change() -> None:
    fork = ("<div>\n  {# OUR CHANGE: a name.\n     MATERIAL:\n  <p>old</p>\n  #}\n  <p>new</p>\n"
            "  {# END OF OUR CHANGE #}\n  <p>kept</p>\n</div>\n")
    restored, changes = material_again(fork)
    assert changes == 1 and restored == "<div>\n  <p>old</p>\n  <p>kept</p>\n</div>\n"
    assert material_again(fork.replace("<p>kept</p>", "<p>edited</p>"))[0] != restored
