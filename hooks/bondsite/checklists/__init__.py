"""The checklist component, read in one direction: a YAML definition (data/checklists/) is
loaded and validated (`load`) into a frozen model (`model`), placed on pages by the site's
`<!-- checklist: id -->` marker (bondsite.markers), rendered to HTML through
overrides/partials/checklist.html (`view`), and scored by the reference scorer (`score`) that
docs/assets/checklist.js mirrors in the browser. Its styles are docs/assets/checklist.css; its
tests are tests/test_checklists_unit.py and tests/test_checklists_browser.py."""

from .load import LABELS, load_all, load_checklist, parse_checklist
from .model import (
    SAFETY_NO,
    SAFETY_YES,
    Advice,
    Band,
    Checklist,
    Choice,
    Crisis,
    Flag,
    Group,
    Item,
    Result,
    SafetyResult,
    Step,
    Weakest,
)
from .score import band_for, blocks, points, score, summary
from .view import SCRIPT, TEMPLATE, render, script_data

__all__ = [
    "LABELS", "SAFETY_NO", "SAFETY_YES", "SCRIPT", "TEMPLATE", "Advice", "Band", "Checklist",
    "Choice", "Crisis", "Flag", "Group", "Item", "Result", "SafetyResult", "Step", "Weakest",
    "band_for", "blocks", "load_all", "load_checklist", "parse_checklist", "points",
    "render", "score", "script_data", "summary",
]
