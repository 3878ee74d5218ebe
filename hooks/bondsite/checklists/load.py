"""Loading and validation: a checklist definition (YAML) becomes a Checklist, or the build
fails with a SiteDataError that names the file, the line and the fix."""

# A definition lives in data/checklists/<lang>/<id>.yml (see the commented examples there).

from __future__ import annotations

import dataclasses
import difflib
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import SiteDataError
from ..yamldata import ID, LineDict, describe, load_yaml
from ..yamldata import FieldReader as _Reader
from . import model
from .model import Advice, Band, Checklist, Choice, Crisis, Flag, Group, Item, SafetyResult, Step, Weakest

# Reader-facing words that are not statements or results; all of them are required, so a
# translation cannot miss one. `{name}` marks a value the script fills in.
LABELS: dict[str, tuple[str, ...]] = {
    "safety_yes": (),
    "safety_no": (),
    "guidance_title": (),
    "guidance_intro": (),
    "result_title": (),
    "progress": ("answered", "total"),
    "result_status": ("band",),
    "not_answered": (),
    "answer_line": ("statement", "answer"),
    "copy_button": (),
    "print_button": (),
    "copied": (),
    "copy_failed": (),
    "talk_to_us": (),
    "clinic_call": (),
    "clinic_website": (),
    "clinic_booking": (),
}


def _choices(r: _Reader, data: LineDict) -> tuple[Choice, ...]:
    choices: list[Choice] = []
    for raw, line in r.entries(data, "choices", "the checklist"):
        block = r.block(raw, line, "an answer choice", ("label", "value"))
        choice = Choice(label=r.text(block, "label", "an answer choice"),
                        value=r.integer(block, "value", "an answer choice", minimum=0))
        if any(c.value == choice.value for c in choices):
            raise r.fail(block.line_of("value"),
                         f"two answer choices have the value {choice.value}.",
                         "give every choice its own value.")
        choices.append(choice)
    if len(choices) < 2:
        raise r.fail(data.line_of("choices"), "`choices` needs at least two answers.",
                     "add the answers a reader can pick, like Yes (1) and No (0).")
    return tuple(choices)


def _item(r: _Reader, raw: Any, line: int, values: tuple[int, ...]) -> Item:
    block = r.block(raw, line, "a statement", ("id", "text"),
                    ("weight", "reverse", "safety", "flag"))
    item_id = r.ident(block, "id", "a statement")
    what = f"statement `{item_id}`"
    safety = r.flag(block, "safety", what)
    if safety:
        for key in ("weight", "reverse", "flag"):
            if key in block:
                raise r.fail(block.line_of(key), f"the safety statement `{item_id}` has `{key}`,"
                             " but it is never scored.", f"remove `{key}:` from it.")
    flag = _item_flag(r, block, what, values) if "flag" in block else None
    return Item(id=item_id, text=r.text(block, "text", what),
                weight=0 if safety else r.integer(block, "weight", what, default=1, minimum=1),
                reverse=r.flag(block, "reverse", what), safety=safety, flag=flag,
                line=block.line)


def _item_flag(r: _Reader, block: LineDict, what: str, values: tuple[int, ...]) -> Flag:
    """`flag:` of a statement: the answer values that matter on their own, the bands they
    rule out and an optional note (band ids are checked once the bands are read)."""
    where = f"`flag` of {what}"
    f = r.block(block["flag"], block.line_of("flag"), where, ("answers",),
                ("rules_out", "note", "serious"))
    answers = []
    for value, value_line in r.entries(f, "answers", where):
        if isinstance(value, bool) or value not in values:
            raise r.fail(value_line, f"{where} lists the answer {value!r}, which is not the value"
                         " of any answer choice.",
                         f"use the `value` of a choice: {', '.join(map(str, values))}.")
        answers.append(value)
    if len(set(answers)) == len(values):
        raise r.fail(f.line_of("answers"), f"{where} names every answer, so it would always"
                     " apply.", "list only the answers that matter on their own.")
    rules_out: list[str] = []
    for raw, raw_line in (r.entries(f, "rules_out", where) if "rules_out" in f else []):
        if not isinstance(raw, str) or not ID.match(raw):
            raise r.fail(raw_line, f"`rules_out` in {where} must list band ids, not"
                         f" {describe(raw)}.", "write each band id on its own line, like `- strong`.")
        rules_out.append(raw)
    note = _step(r, f["note"], f.line_of("note"), f"the note of {where}") if "note" in f else None
    if not rules_out and note is None:
        raise r.fail(f.line, f"{where} neither rules out a band nor adds a note.",
                     "add `rules_out:` (band ids) or `note:` (with `text:`), or remove `flag`.")
    serious = r.flag(f, "serious", where)
    if serious and note is None:
        raise r.fail(f.line_of("serious"), f"{where} is `serious` but has no note to show first.",
                     "add `note:` with the text the reader needs first, or remove `serious`.")
    return Flag(answers=tuple(answers), rules_out=tuple(rules_out), note=note,
                line=f.line_of("rules_out"), serious=serious)


def _step(r: _Reader, raw: Any, line: int, what: str) -> Step:
    """A next step or note: `text`, and optionally `page` and `label` for a link."""
    s = r.block(raw, line, what, ("text",), ("page", "label"))
    if ("page" in s) != ("label" in s):
        missing = "label" if "page" in s else "page"
        raise r.fail(s.line, f"{what} has a link without `{missing}`.",
                     "give both `page:` (like trust.md) and `label:` (the link text), or neither.")
    step = Step(text=r.text(s, "text", what), page=r.text(s, "page", what, default=""),
                label=r.text(s, "label", what, default=""), line=s.line_of("page"))
    if step.label not in step.text:
        raise r.fail(s.line_of("label"), f"the link text `{step.label}` is not part of the"
                     f" `text` of {what}.", "copy the words to link from `text` into `label`.")
    return step


def _steps(r: _Reader, block: LineDict, what: str) -> tuple[Step, ...]:
    return tuple(_step(r, raw, line, f"a next step of {what}")
                 for raw, line in r.entries(block, "next_steps", what))


def _group(r: _Reader, raw: Any, line: int, values: tuple[int, ...]) -> Group:
    block = r.block(raw, line, "a group", ("id", "title", "items"), ("intro", "if_weakest"))
    group_id = r.ident(block, "id", "a group")
    what = f"group `{group_id}`"
    advice = None
    if "if_weakest" in block:
        a = r.block(block["if_weakest"], block.line_of("if_weakest"), f"`if_weakest` of {what}",
                    ("title", "text", "phrases"))
        phrases = tuple(_phrase(r, p, pl, what)
                        for p, pl in r.entries(a, "phrases", f"`if_weakest` of {what}"))
        advice = Advice(title=r.text(a, "title", what), text=r.text(a, "text", what),
                        phrases=phrases)
    return Group(id=group_id, title=r.text(block, "title", what),
                 intro=r.text(block, "intro", what, default=""),
                 items=tuple(_item(r, raw_item, item_line, values)
                             for raw_item, item_line in r.entries(block, "items", what)),
                 if_weakest=advice, line=block.line)


def _phrase(r: _Reader, value: Any, line: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise r.fail(line, f"a phrase of {what} must be text, not {describe(value)}.",
                     'write each phrase as `- "..."` in quotes.')
    return " ".join(value.split())


def _band(r: _Reader, raw: Any, line: int) -> Band:
    block = r.block(raw, line, "a band", ("id", "from", "to", "when", "title", "text",
                                          "next_steps"))
    band_id = r.ident(block, "id", "a band")
    what = f"band `{band_id}`"
    return Band(id=band_id, low=r.integer(block, "from", what),
                high=r.integer(block, "to", what), when=r.text(block, "when", what),
                title=r.text(block, "title", what), text=r.text(block, "text", what),
                next_steps=_steps(r, block, what), line=block.line)


def _safety_result(r: _Reader, data: LineDict) -> SafetyResult:
    what = "`safety_result`"
    s = r.block(data["safety_result"], data.line_of("safety_result"), what,
                ("when", "title", "text", "next_steps"))
    return SafetyResult(when=r.text(s, "when", what), title=r.text(s, "title", what),
                        text=r.text(s, "text", what), next_steps=_steps(r, s, what))


def _check_flags(r: _Reader, items: tuple[Item, ...], bands: tuple[Band, ...]) -> None:
    known = [band.id for band in bands]
    for item in items:
        if item.flag is None:
            continue
        for band_id in item.flag.rules_out:
            if band_id not in known:
                close = difflib.get_close_matches(band_id, known, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                raise r.fail(item.flag.line, f"`flag` of statement `{item.id}` rules out"
                             f" `{band_id}`, which is not a band.",
                             f"{hint}Use the id of a band: {', '.join(known)}.")
        if set(item.flag.rules_out) >= set(known):
            raise r.fail(item.flag.line, f"`flag` of statement `{item.id}` rules out every band.",
                         "leave at least one band the result can move to.")


def _check_ids(r: _Reader, things: Iterable[Item | Group | Band], what: str) -> None:
    seen: dict[str, int] = {}
    for thing in things:
        if thing.id in seen:
            raise r.fail(thing.line, f"the {what} id `{thing.id}` is used twice (first on line"
                         f" {seen[thing.id]}).", f"give each {what} its own id.")
        seen[thing.id] = thing.line


def _check_safety(r: _Reader, data: LineDict, items: tuple[Item, ...]) -> None:
    safety = [item for item in items if item.safety]
    if not safety:
        raise r.fail(data.line_of("groups"), "there is no safety statement.",
                     "add the statement about thoughts of harming yourself or ending your life,"
                     " with `safety: true`.")
    if len(safety) > 1:
        raise r.fail(safety[1].line, f"`{safety[1].id}` is a second safety statement (the first"
                     f" is `{safety[0].id}` on line {safety[0].line}).",
                     "keep `safety: true` on one statement only.")
    if len(items) == 1:
        raise r.fail(data.line_of("groups"), "the checklist has no scored statements.",
                     "add statements without `safety: true`.")
    if items[-1] is not safety[0]:
        raise r.fail(safety[0].line, f"the safety statement `{safety[0].id}` is not the last"
                     " statement: the crisis panel and the result follow it on the page.",
                     "move it to the end, in a group of its own at the bottom of the file.")


def _check_bands(r: _Reader, bands: tuple[Band, ...], low: int, high: int) -> None:
    for band in bands:
        if band.low > band.high:
            raise r.fail(band.line, f"band `{band.id}` runs from {band.low} down to {band.high}.",
                         "make `from` no larger than `to`.")
    ordered = sorted(bands, key=lambda b: (b.low, b.high))
    span = f"scores run from {low} to {high}"
    if ordered[0].low != low:
        first = ordered[0]
        problem = (f"no band covers scores {low} to {first.low - 1}" if first.low > low
                   else f"band `{first.id}` starts at {first.low}, below the lowest score")
        raise r.fail(ordered[0].line, f"{problem} ({span}).",
                     f"start the first band at `from: {low}`.")
    for before, after in itertools.pairwise(ordered):
        if after.low <= before.high:
            raise r.fail(after.line, f"bands `{before.id}` and `{after.id}` overlap: both cover"
                         f" scores {after.low} to {min(before.high, after.high)}.",
                         f"start `{after.id}` at `from: {before.high + 1}`.")
        if after.low > before.high + 1:
            raise r.fail(after.line, f"no band covers scores {before.high + 1} to {after.low - 1}"
                         f" (between `{before.id}` and `{after.id}`).",
                         f"start `{after.id}` at `from: {before.high + 1}`.")
    if ordered[-1].high != high:
        last = ordered[-1]
        problem = (f"no band covers scores {last.high + 1} to {high}" if last.high < high
                   else f"band `{last.id}` ends at {last.high}, above the highest score")
        raise r.fail(ordered[-1].line, f"{problem} ({span}).",
                     f"end the last band at `to: {high}`.")


def _check_weakest(r: _Reader, data: LineDict, groups: tuple[Group, ...],
                   weakest: Weakest | None) -> None:
    scored = [g for g in groups if g.scored]
    for group in groups:
        if group.if_weakest and not group.scored:
            raise r.fail(group.line, f"group `{group.id}` has `if_weakest` but no scored"
                         " statements.", "remove `if_weakest` from it.")
    if weakest is None:
        with_advice = [g for g in scored if g.if_weakest]
        if with_advice:
            raise r.fail(with_advice[0].line, f"group `{with_advice[0].id}` has `if_weakest`, but"
                         " the checklist has no `weakest` block.",
                         "add `weakest:` with `status`, `also`, `guide`, `say_intro` and `note`, or remove"
                         " `if_weakest`.")
        return
    if len(scored) < 2:
        raise r.fail(data.line_of("weakest"), "`weakest` compares groups, but there is only one"
                     " scored group.", "add groups, or remove the `weakest` block.")
    for group in scored:
        if group.if_weakest is None:
            raise r.fail(group.line, f"group `{group.id}` has no `if_weakest` advice.",
                         "add `if_weakest:` with `title`, `text` and `phrases`.")


def parse_checklist(data: Any, file: str, lang: str = "en") -> Checklist:
    """Validate parsed YAML (from yamldata) and build the Checklist, or raise SiteDataError."""
    r = _Reader(file)
    if not isinstance(data, LineDict):
        raise r.fail(None, "the file must be a block of fields (id, title, groups, bands ...).",
                     "start from one of the existing definitions in the same folder.")
    data = r.block(data, 1, "the checklist",
                   ("id", "title", "intro", "privacy", "not_diagnosis", "choices", "labels",
                    "crisis", "safety_result", "groups", "bands"), ("weakest", "summary"))
    raw_labels = r.block(data["labels"], data.line_of("labels"), "`labels`", LABELS)
    labels = {key: r.template(raw_labels, key, "`labels`", names) for key, names in LABELS.items()}
    c = r.block(data["crisis"], data.line_of("crisis"), "`crisis`", ("title", "text", "notice"))
    crisis = Crisis(title=r.text(c, "title", "`crisis`"), text=r.text(c, "text", "`crisis`"),
                    notice=r.text(c, "notice", "`crisis`"))
    weakest = None
    if "weakest" in data:
        w = r.block(data["weakest"], data.line_of("weakest"), "`weakest`",
                    ("status", "also", "guide", "say_intro", "note"))
        weakest = Weakest(status=r.template(w, "status", "`weakest`", ("group",)),
                          also=r.template(w, "also", "`weakest`", ("groups",)),
                          guide=r.text(w, "guide", "`weakest`"),
                          say_intro=r.text(w, "say_intro", "`weakest`"),
                          note=r.text(w, "note", "`weakest`"))
    choices = _choices(r, data)
    values = tuple(choice.value for choice in choices)
    groups = tuple(_group(r, raw, line, values)
                   for raw, line in r.entries(data, "groups", "the checklist"))
    items = tuple(item for group in groups for item in group.items)
    _check_ids(r, groups, "group")
    _check_ids(r, items, "statement")
    _check_safety(r, data, items)
    _check_weakest(r, data, groups, weakest)
    bands = tuple(_band(r, raw, line) for raw, line in r.entries(data, "bands", "the checklist"))
    _check_ids(r, bands, "band")
    _check_flags(r, items, bands)
    checklist = Checklist(
        id=r.ident(data, "id", "the checklist"), lang=lang, source=file,
        title=r.text(data, "title", "the checklist"), intro=r.text(data, "intro", "the checklist"),
        privacy=r.text(data, "privacy", "the checklist"),
        not_diagnosis=r.text(data, "not_diagnosis", "the checklist"),
        choices=choices, labels=labels, groups=groups, bands=bands, crisis=crisis,
        safety_result=_safety_result(r, data), weakest=weakest)
    _check_bands(r, bands, *checklist.score_range())
    if "summary" in data:
        if weakest is None:
            raise r.fail(data.line_of("summary"), "`summary` offers the phrases of the areas the"
                         " result names, but the checklist has no `weakest` block.",
                         "add `weakest:` (and `if_weakest` advice), or remove `summary`.")
        checklist = dataclasses.replace(checklist, summary=_summary(r, data))
    return checklist


SUMMARY_TEXTS = ("button", "title", "intro", "serious_intro", "blank_intro", "areas_title", "flagged",
                 "lowest_title", "notes_title", "phrases_title", "phrases_intro", "note_label",
                 "note_hint", "date_label", "made_with", "disclaimer", "none", "print_button",
                 "copy_button", "copied")


def _summary(r: _Reader, data: LineDict) -> model.SummaryTexts:
    """`summary:`, the words of the session summary (every one required)."""
    what = "`summary`"
    s = r.block(data["summary"], data.line_of("summary"), what, (*SUMMARY_TEXTS, "levels"))
    lv = r.block(s["levels"], s.line_of("levels"), "`levels` of `summary`",
                 ("high", "middle", "low"))
    levels = {key: r.text(lv, key, "`levels` of `summary`") for key in ("high", "middle", "low")}
    texts = {key: r.template(s, key, what, ("max",) if key == "note_hint" else ())
             for key in SUMMARY_TEXTS}
    return model.SummaryTexts(levels=levels, **texts)


def load_checklist(path: Path, display_name: str, lang: str = "en") -> Checklist:
    """Load one definition file."""
    return parse_checklist(load_yaml(path, display_name), display_name, lang)


def load_all(folder: Path, display_folder: str) -> dict[str, Checklist]:
    """Load every `*.yml` definition in `folder`; a missing folder means no checklists."""
    if not folder.is_dir():
        return {}
    found: dict[str, Checklist] = {}
    for path in sorted(folder.glob("*.yml")):
        name = f"{display_folder}/{path.name}"
        checklist = load_checklist(path, name, folder.name)
        if checklist.id != path.stem:
            raise SiteDataError(name, 1, f"the file is named `{path.stem}` but its id is"
                                f" `{checklist.id}`.", f"rename the file to `{checklist.id}.yml`"
                                f" or set `id: {path.stem}`.")
        found[checklist.id] = checklist
    return found


