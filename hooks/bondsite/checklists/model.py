"""The checklist model: what a validated definition holds, as small frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The safety statement's two answers (the labels come from the definition's `labels`).
SAFETY_YES, SAFETY_NO = 1, 0


@dataclass(frozen=True)
class Choice:
    """One answer a reader can pick for an ordinary statement."""

    label: str
    value: int


@dataclass(frozen=True)
class Step:
    """One next step (or note) in a result, optionally linking to a page of the site."""

    text: str
    page: str
    label: str
    line: int

    @property
    def parts(self) -> tuple[str, str, str]:
        """The text before the link, the link text and the text after it."""
        return self.text.partition(self.label) if self.label else (self.text, "", "")


@dataclass(frozen=True)
class Flag:
    """An answer that matters on its own, whatever the total: it rules out some bands (the
    result moves to the nearest band still allowed), and may add a note to the result. A
    `serious` flag is an answer that may mean the reader is not safe with the therapist: its
    note comes first, and the result then gives no advice to raise things with the therapist."""

    answers: tuple[int, ...]
    rules_out: tuple[str, ...]
    note: Step | None
    line: int
    serious: bool = False


@dataclass(frozen=True)
class Item:
    """One statement; the safety statement has weight 0 and is never scored."""

    id: str
    text: str
    weight: int
    reverse: bool
    safety: bool
    flag: Flag | None
    line: int

    def flagged_by(self, value: int) -> bool:
        """Whether this answer to the statement is one its flag names."""
        return self.flag is not None and value in self.flag.answers


@dataclass(frozen=True)
class Advice:
    """What to say to a therapist when this group is named in the result."""

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
class SafetyResult:
    """The only result shown while the safety statement is answered Yes: it replaces every
    band, so no reassuring text can appear beside the crisis panel."""

    when: str
    title: str
    text: str
    next_steps: tuple[Step, ...]


@dataclass(frozen=True)
class Crisis:
    """Texts of the crisis panel and of the live announcement when safety is answered yes."""

    title: str
    text: str
    notice: str


@dataclass(frozen=True)
class Weakest:
    """Shared texts for checklists that name the weakest group (and flagged groups)."""

    status: str
    also: str
    guide: str
    say_intro: str
    note: str


@dataclass(frozen=True)
class SummaryTexts:
    """The words of the session summary: a page the reader can print or copy to bring to
    their next session (rules in score.py, rule 7)."""

    button: str
    title: str
    intro: str
    serious_intro: str  # instead of `intro` when a serious flag shows (rule 6)
    blank_intro: str
    areas_title: str
    levels: dict[str, str]  # "high", "middle", "low": how the answers in an area look
    flagged: str
    lowest_title: str
    notes_title: str
    phrases_title: str
    phrases_intro: str
    note_label: str
    note_hint: str
    date_label: str
    made_with: str
    disclaimer: str
    none: str
    print_button: str
    copy_button: str
    copied: str


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
    safety_result: SafetyResult
    weakest: Weakest | None
    summary: SummaryTexts | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        """Every statement, in page order."""
        return tuple(item for group in self.groups for item in group.items)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        """Every statement that counts towards the score, in page order."""
        return tuple(item for item in self.items if not item.safety)

    @property
    def scored_groups(self) -> tuple[Group, ...]:
        """Groups with at least one scored statement (the ones compared for `weakest`)."""
        return tuple(group for group in self.groups if group.scored)

    @property
    def safety_item(self) -> Item:
        """The one statement about thoughts of harming yourself."""
        return next(item for item in self.items if item.safety)

    @property
    def flagged_items(self) -> tuple[Item, ...]:
        """Scored statements with a `flag`."""
        return tuple(item for item in self.scored_items if item.flag)

    @property
    def low_value(self) -> int:
        """The smallest answer value."""
        return min(choice.value for choice in self.choices)

    @property
    def high_value(self) -> int:
        """The largest answer value."""
        return max(choice.value for choice in self.choices)

    def group_of(self, item: Item) -> Group:
        """The group a statement belongs to."""
        return next(group for group in self.groups if item in group.items)

    def score_range(self, items: Iterable[Item] | None = None) -> tuple[int, int]:
        """Lowest and highest possible score of the given statements (default: all scored)."""
        chosen = [i for i in (self.items if items is None else items) if not i.safety]
        return (sum(i.weight * self.low_value for i in chosen),
                sum(i.weight * self.high_value for i in chosen))


@dataclass(frozen=True)
class AreaSummary:
    """One area (scored group) on the session summary: how its answers look, and whether one
    of them matters on its own."""

    group: Group
    level: str  # "high", "middle" or "low"
    flagged: bool


@dataclass(frozen=True)
class Summary:
    """What the session summary shows for a set of answers (score.summary, rule 7)."""

    areas: tuple[AreaSummary, ...]
    lowest: tuple[tuple[Item, int], ...]  # (statement, answer value), at most three
    notes: tuple[Item, ...]
    phrases: tuple[str, ...]  # the phrases the reader may pick from


@dataclass(frozen=True)
class Result:
    """The outcome of `score`. `band` is None until every statement is answered, and is also
    None while `safety` is true: then the checklist's SafetyResult is the whole result.
    `score_band` is the band the total falls in before any flag moved it."""

    safety: bool
    answered: int
    total: int
    score: int | None
    score_band: Band | None
    band: Band | None
    weakest: Group | None
    also: tuple[Group, ...] = ()
    flagged: tuple[Item, ...] = ()

    @property
    def notes(self) -> tuple[Item, ...]:
        """Flagged statements whose flag adds a note to the result."""
        return tuple(item for item in self.flagged if item.flag and item.flag.note)

    @property
    def serious(self) -> bool:
        """Whether an answer may mean the reader is not safe with the therapist."""
        return any(item.flag and item.flag.serious for item in self.flagged)
