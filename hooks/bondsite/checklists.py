"""Self-check checklists: load and validate the YAML definitions, score answers, render HTML."""

# A definition lives in data/checklists/<lang>/<id>.yml (see the commented examples there).
# Loading turns it into a small frozen model or raises SiteDataError naming the file, the line
# and the fix. `score` is the one scoring rule; docs/assets/checklist.js mirrors it exactly.

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .crisis import PHONE, Region
from .errors import SiteDataError
from .pagemeta import script_safe_json
from .yamldata import LineDict, LineList, load_yaml

TEMPLATE = "partials/checklist.html"
SCRIPT = "assets/checklist.js"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A marker on its own line in the Markdown source, and the same comment in the rendered HTML
# (Python-Markdown passes comments through; a <p> around it is swallowed too).
MARKER_LINE = re.compile(r"^[ \t]*<!--\s*checklist:\s*(.*?)\s*-->[ \t]*$")
MARKER_HTML = re.compile(
    r"<p>\s*<!--\s*checklist:\s*(.*?)\s*-->\s*</p>|<!--\s*checklist:\s*(.*?)\s*-->")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
SAFETY_YES, SAFETY_NO = 1, 0

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


@dataclass(frozen=True)
class Choice:
    """One answer a reader can pick for an ordinary statement."""

    label: str
    value: int


@dataclass(frozen=True)
class Item:
    """One statement; the safety statement has weight 0 and is never scored."""

    id: str
    text: str
    weight: int
    reverse: bool
    safety: bool
    line: int


@dataclass(frozen=True)
class Advice:
    """What to say to a therapist when this group is the weakest of the groups."""

    title: str
    text: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """A theme of statements, shown as a fieldset with the title as its legend."""

    id: str
    title: str
    intro: str
    items: tuple[Item, ...]
    if_weakest: Advice | None
    line: int

    @property
    def scored(self) -> tuple[Item, ...]:
        """The statements of this group that count towards the score."""
        return tuple(item for item in self.items if not item.safety)


@dataclass(frozen=True)
class Step:
    """One next step in a result, optionally linking to a page of the site."""

    text: str
    page: str
    label: str
    line: int

    @property
    def parts(self) -> tuple[str, str, str]:
        """The text before the link, the link text and the text after it."""
        return self.text.partition(self.label) if self.label else (self.text, "", "")


@dataclass(frozen=True)
class Band:
    """A range of scores (inclusive) and what it suggests."""

    id: str
    low: int
    high: int
    when: str
    title: str
    text: str
    next_steps: tuple[Step, ...]
    line: int


@dataclass(frozen=True)
class Crisis:
    """Texts of the crisis panel and of the live announcement when safety is answered yes."""

    title: str
    text: str
    notice: str


@dataclass(frozen=True)
class Weakest:
    """Shared texts for checklists that name the weakest group."""

    status: str
    guide: str
    say_intro: str
    note: str


@dataclass(frozen=True)
class Checklist:
    """A validated checklist definition."""

    id: str
    lang: str
    source: str
    title: str
    intro: str
    privacy: str
    not_diagnosis: str
    choices: tuple[Choice, ...]
    labels: dict[str, str]
    groups: tuple[Group, ...]
    bands: tuple[Band, ...]
    crisis: Crisis
    weakest: Weakest | None

    @property
    def items(self) -> tuple[Item, ...]:
        """Every statement, in page order."""
        return tuple(item for group in self.groups for item in group.items)

    @property
    def scored_groups(self) -> tuple[Group, ...]:
        """Groups with at least one scored statement (the ones compared for `weakest`)."""
        return tuple(group for group in self.groups if group.scored)

    @property
    def safety_item(self) -> Item:
        """The one statement about thoughts of harming yourself."""
        return next(item for item in self.items if item.safety)

    @property
    def low_value(self) -> int:
        """The smallest answer value."""
        return min(choice.value for choice in self.choices)

    @property
    def high_value(self) -> int:
        """The largest answer value."""
        return max(choice.value for choice in self.choices)

    def score_range(self, items: Iterable[Item] | None = None) -> tuple[int, int]:
        """Lowest and highest possible score of the given statements (default: all scored)."""
        chosen = [i for i in (self.items if items is None else items) if not i.safety]
        return (sum(i.weight * self.low_value for i in chosen),
                sum(i.weight * self.high_value for i in chosen))


@dataclass(frozen=True)
class Result:
    """The outcome of `score`: band and weakest group are None until every statement is answered."""

    safety: bool
    answered: int
    total: int
    score: int | None
    band: Band | None
    weakest: Group | None


# --- Loading and validation -------------------------------------------------------------------

def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {value}"
    if isinstance(value, LineDict | dict):
        return "a block of fields"
    if isinstance(value, LineList | list):
        return "a list"
    if value is None:
        return "empty"
    return f"{type(value).__name__} {value!r}"


class _Reader:
    """Reads one definition file, raising SiteDataError with its name and a line."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, line: int | None, problem: str, fix: str) -> SiteDataError:
        return SiteDataError(self.file, line, problem, fix)

    def block(self, value: Any, line: int, what: str, required: Iterable[str],
              optional: Iterable[str] = ()) -> LineDict:
        """Check that `value` is a mapping with all required keys and no unknown ones."""
        required, optional = tuple(required), tuple(optional)
        if not isinstance(value, LineDict):
            raise self.fail(line, f"{what} must be a block of fields, not {_kind(value)}.",
                            f"write its fields ({', '.join(required)}) indented under it.")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                raise self.fail(value.line_of(key), f"unknown key `{key}` in {what}.",
                                f"{hint}Allowed keys: {', '.join(allowed)}.")
        for key in required:
            if key not in value:
                raise self.fail(value.line, f"{what} has no `{key}`.", f"add `{key}:` to it.")
        return value

    def text(self, block: LineDict, key: str, what: str, default: str | None = None) -> str:
        """A non-empty text field (or `default` when it is optional and absent)."""
        if key not in block and default is not None:
            return default
        value = block.get(key)
        if isinstance(value, bool):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be text, but YAML read"
                            f" it as the yes/no value {value}.",
                            f'put the text in quotes, like `{key}: "Yes"`.')
        if not isinstance(value, str) or not value.strip():
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be text, not"
                            f" {_kind(value)}.", f"write `{key}:` followed by the text.")
        return " ".join(value.split())

    def integer(self, block: LineDict, key: str, what: str, default: int | None = None,
                minimum: int | None = None) -> int:
        """A whole-number field, optionally with a default and a minimum."""
        if key not in block and default is not None:
            return default
        value = block.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be a whole number,"
                            f" not {_kind(value)}.",
                            f"write `{key}:` followed by a number, like 2.")
        if minimum is not None and value < minimum:
            raise self.fail(block.line_of(key), f"`{key}` in {what} is {value}.",
                            f"use a whole number of at least {minimum}.")
        return value

    def flag(self, block: LineDict, key: str, what: str) -> bool:
        """An optional true/false field."""
        value = block.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be true or false,"
                            f" not {_kind(value)}.", f"write `{key}: true` or leave it out.")
        return value

    def entries(self, block: LineDict, key: str, what: str) -> list[tuple[Any, int]]:
        """A non-empty list field, as (value, line) pairs."""
        value = block.get(key)
        if not isinstance(value, LineList) or not value:
            raise self.fail(block.line_of(key), f"`{key}` in {what} must be a list with at least"
                            f" one entry, not {_kind(value)}.",
                            f"write each entry of `{key}:` on its own line starting with `- `.")
        return list(zip(value, value.item_lines, strict=True))

    def ident(self, block: LineDict, key: str, what: str) -> str:
        """An id: lower-case words joined by hyphens."""
        value = self.text(block, key, what)
        if not ID.match(value):
            raise self.fail(block.line_of(key), f"`{key}: {value}` in {what} is not a valid id.",
                            "use lower-case letters, digits and single hyphens, like `goals-1`.")
        return value

    def template(self, block: LineDict, key: str, what: str, names: tuple[str, ...]) -> str:
        """A text whose `{placeholders}` must be exactly among `names`."""
        value = self.text(block, key, what)
        for name in PLACEHOLDER.findall(value):
            if name not in names:
                allowed = ", ".join(f"{{{n}}}" for n in names) or "none"
                raise self.fail(block.line_of(key), f"`{key}` in {what} uses `{{{name}}}`,"
                                " which the checklist cannot fill in.",
                                f"use only these placeholders: {allowed}.")
        return value


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


def _item(r: _Reader, raw: Any, line: int) -> Item:
    block = r.block(raw, line, "a statement", ("id", "text"), ("weight", "reverse", "safety"))
    item_id = r.ident(block, "id", "a statement")
    what = f"statement `{item_id}`"
    safety = r.flag(block, "safety", what)
    if safety:
        for key in ("weight", "reverse"):
            if key in block:
                raise r.fail(block.line_of(key), f"the safety statement `{item_id}` has `{key}`,"
                             " but it is never scored.", f"remove `{key}:` from it.")
    return Item(id=item_id, text=r.text(block, "text", what),
                weight=0 if safety else r.integer(block, "weight", what, default=1, minimum=1),
                reverse=r.flag(block, "reverse", what), safety=safety, line=block.line)


def _group(r: _Reader, raw: Any, line: int) -> Group:
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
                 items=tuple(_item(r, raw_item, item_line)
                             for raw_item, item_line in r.entries(block, "items", what)),
                 if_weakest=advice, line=block.line)


def _phrase(r: _Reader, value: Any, line: int, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise r.fail(line, f"a phrase of {what} must be text, not {_kind(value)}.",
                     'write each phrase as `- "..."` in quotes.')
    return " ".join(value.split())


def _band(r: _Reader, raw: Any, line: int) -> Band:
    block = r.block(raw, line, "a band", ("id", "from", "to", "when", "title", "text",
                                          "next_steps"))
    band_id = r.ident(block, "id", "a band")
    what = f"band `{band_id}`"
    steps = []
    for raw_step, step_line in r.entries(block, "next_steps", what):
        s = r.block(raw_step, step_line, f"a next step of {what}", ("text",), ("page", "label"))
        if ("page" in s) != ("label" in s):
            missing = "label" if "page" in s else "page"
            raise r.fail(s.line, f"a next step of {what} has a link without `{missing}`.",
                         "give both `page:` (like trust.md) and `label:` (the link text),"
                         " or neither.")
        step = Step(text=r.text(s, "text", what), page=r.text(s, "page", what, default=""),
                    label=r.text(s, "label", what, default=""), line=s.line_of("page"))
        if step.label not in step.text:
            raise r.fail(s.line_of("label"), f"the link text `{step.label}` is not part of the"
                         " step's `text`.", "copy the words to link from `text` into `label`.")
        steps.append(step)
    return Band(id=band_id, low=r.integer(block, "from", what),
                high=r.integer(block, "to", what), when=r.text(block, "when", what),
                title=r.text(block, "title", what), text=r.text(block, "text", what),
                next_steps=tuple(steps), line=block.line)


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
                         "add `weakest:` with `status`, `guide`, `say_intro` and `note`, or remove"
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
                    "crisis", "groups", "bands"), ("weakest",))
    raw_labels = r.block(data["labels"], data.line_of("labels"), "`labels`", LABELS)
    labels = {key: r.template(raw_labels, key, "`labels`", names) for key, names in LABELS.items()}
    c = r.block(data["crisis"], data.line_of("crisis"), "`crisis`", ("title", "text", "notice"))
    crisis = Crisis(title=r.text(c, "title", "`crisis`"), text=r.text(c, "text", "`crisis`"),
                    notice=r.text(c, "notice", "`crisis`"))
    weakest = None
    if "weakest" in data:
        w = r.block(data["weakest"], data.line_of("weakest"), "`weakest`",
                    ("status", "guide", "say_intro", "note"))
        weakest = Weakest(status=r.template(w, "status", "`weakest`", ("group",)),
                          guide=r.text(w, "guide", "`weakest`"),
                          say_intro=r.text(w, "say_intro", "`weakest`"),
                          note=r.text(w, "note", "`weakest`"))
    groups = tuple(_group(r, raw, line) for raw, line in r.entries(data, "groups", "the checklist"))
    items = tuple(item for group in groups for item in group.items)
    _check_ids(r, groups, "group")
    _check_ids(r, items, "statement")
    _check_safety(r, data, items)
    _check_weakest(r, data, groups, weakest)
    bands = tuple(_band(r, raw, line) for raw, line in r.entries(data, "bands", "the checklist"))
    _check_ids(r, bands, "band")
    checklist = Checklist(
        id=r.ident(data, "id", "the checklist"), lang=lang, source=file,
        title=r.text(data, "title", "the checklist"), intro=r.text(data, "intro", "the checklist"),
        privacy=r.text(data, "privacy", "the checklist"),
        not_diagnosis=r.text(data, "not_diagnosis", "the checklist"),
        choices=_choices(r, data), labels=labels, groups=groups, bands=bands, crisis=crisis,
        weakest=weakest)
    _check_bands(r, bands, *checklist.score_range())
    return checklist


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


# --- Markers ----------------------------------------------------------------------------------

def find_markers(source: str) -> list[tuple[str, int]]:
    """Each `<!-- checklist: id -->` on its own line, with its 1-based line; skips fenced code."""
    found: list[tuple[str, int]] = []
    fence: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        opening = FENCE.match(line)
        if opening:
            fence = None if fence == opening.group(1) else fence or opening.group(1)
            continue
        match = MARKER_LINE.match(line)
        if match and fence is None:
            found.append((match.group(1), number))
    return found


def replace_markers(html: str, render: Callable[[str], str]) -> str:
    """Replace each marker comment in rendered page HTML with `render(id)`."""
    return MARKER_HTML.sub(lambda m: render(m.group(1) or m.group(2)), html)


# --- Scoring ----------------------------------------------------------------------------------

def _points(checklist: Checklist, item: Item, value: int) -> int:
    if item.reverse:
        value = checklist.low_value + checklist.high_value - value
    return item.weight * value


def score(checklist: Checklist, answers: dict[str, int]) -> Result:
    """Score answers (statement id -> value; safety 1 yes, 0 no), exactly as checklist.js does."""
    known = {item.id: item for item in checklist.items}
    values = {choice.value for choice in checklist.choices}
    for item_id, value in answers.items():
        item = known.get(item_id)
        if item is None:
            raise ValueError(f"no statement `{item_id}` in checklist `{checklist.id}`")
        if value not in ({SAFETY_YES, SAFETY_NO} if item.safety else values):
            raise ValueError(f"{value!r} is not an answer to `{item_id}`")
    safety = answers.get(checklist.safety_item.id) == SAFETY_YES
    scored = [item for item in checklist.items if not item.safety]
    answered = [item for item in scored if item.id in answers]
    if len(answered) < len(scored):
        return Result(safety, len(answered), len(scored), None, None, None)
    total = sum(_points(checklist, item, answers[item.id]) for item in scored)
    band = next(b for b in checklist.bands if b.low <= total <= b.high)
    weakest = None
    if checklist.weakest is not None:
        best: tuple[int, int] | None = None  # (points above the group's lowest, its range)
        for group in checklist.scored_groups:
            low, high = checklist.score_range(group.items)
            above = sum(_points(checklist, i, answers[i.id]) for i in group.scored) - low
            # Compare fractions above/range by cross-multiplying: exact, and ties keep the first.
            if best is None or above * best[1] < best[0] * (high - low):
                best, weakest = (above, high - low), group
    return Result(safety, len(answered), len(scored), total, band, weakest)


# --- Rendering --------------------------------------------------------------------------------

def _href(checklist: Checklist, step: Step, url_for: Callable[[str], str | None]) -> str:
    path, _, anchor = step.page.partition("#")
    url = url_for(path)
    if url is None:
        raise SiteDataError(checklist.source, step.line, f"`page: {step.page}` is not a page of"
                            " the site.", "use the path of a Markdown file under docs/, like"
                            " `your-first-sessions.md`.")
    return f"{url}#{anchor}" if anchor else url


def _clinic(clinic: dict[str, Any] | None) -> dict[str, str] | None:
    if not clinic:
        return None
    view = {key: str(clinic.get(key) or "").strip()
            for key in ("name", "phone", "website", "booking")}
    for key in ("website", "booking"):
        if not re.match(r"^https?://", view[key]):
            view[key] = ""  # only web links become links; anything else could be a script URL
    view["tel"] = "tel:" + view["phone"].replace(" ", "") if PHONE.match(view["phone"]) else ""
    return view if any(view.values()) else None


def script_data(checklist: Checklist) -> dict[str, Any]:
    """What checklist.js needs: scoring rules and the texts it shows, from the definition."""
    groups = checklist.scored_groups
    return {
        "lo": checklist.low_value,
        "hi": checklist.high_value,
        "safety": checklist.safety_item.id,
        "items": [{"id": item.id, "g": index, "w": item.weight, "r": int(item.reverse)}
                  for index, group in enumerate(groups) for item in group.scored],
        "groups": [{"id": group.id, "title": group.title} for group in groups],
        "bands": [{"id": band.id, "low": band.low, "high": band.high, "title": band.title}
                  for band in checklist.bands],
        "weakest": checklist.weakest is not None,
        "text": {
            **{key: checklist.labels[key] for key in
               ("progress", "result_status", "not_answered", "answer_line", "copied",
                "copy_failed")},
            "crisis_notice": checklist.crisis.notice,
            "weakest_status": checklist.weakest.status if checklist.weakest else "",
        },
    }


def render(checklist: Checklist, env: jinja2.Environment, regions: list[Region],
           url_for: Callable[[str], str | None], clinic: dict[str, Any] | None) -> str:
    """The checklist's HTML; `url_for` resolves next-step pages and the script's URL."""
    hrefs = {band.id: [_href(checklist, step, url_for) if step.page else ""
                       for step in band.next_steps] for band in checklist.bands}
    return env.get_template(TEMPLATE).render(
        checklist=checklist, regions=regions, lang=checklist.lang, hrefs=hrefs,
        clinic=_clinic(clinic), data_json=script_safe_json(script_data(checklist)),
        script_url=url_for(SCRIPT),
        safety_choices=(Choice(checklist.labels["safety_yes"], SAFETY_YES),
                        Choice(checklist.labels["safety_no"], SAFETY_NO)))
