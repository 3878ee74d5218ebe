"""The reference scorer: the one statement of how a checklist's answers become a result.

docs/assets/checklist.js must give the same result for every set of answers; the browser
tests compare the two at every band edge, at every flag and on random answers. The rules:

1. While the safety statement is answered Yes, the result is the checklist's safety result
   and nothing else: no band, no weakest group, no notes (the crisis panel shows too).
2. Otherwise there is no result until every scored statement is answered.
3. The score is the sum of weight x value (a `reverse` statement's value is flipped).
4. A statement answered with one of its flag's `answers` is flagged. The band is the one the
   score falls in unless a flagged statement rules it out; then it is the allowed band nearest
   to the score (distance to the band's nearer edge; a tie goes to the band listed first).
5. With a `weakest` block, the weakest group is the one with the smallest share of its
   possible points (ties: the first), and every other group with a flagged statement is
   named too (`also`), in page order. Flag notes are shown in page order.
6. What the result shows, in order (`blocks`): the notes of `serious` flags; the band; then,
   only when no serious flag shows, the advice of the weakest group and of each `also` group
   and the checklist's `weakest.note` (advice to raise things with the therapist, which a
   reader who may not be safe with them must not be given); then the other flag notes.
7. The session summary (`summary`), for a checklist with `summary`: nothing while the safety
   statement is Yes or before every statement is answered, so the safety answer never
   appears on it. Each scored group's level is "high" with at least 3/4 of its possible
   points above its lowest, "low" with less than half, "middle" between; a flagged statement
   caps it (a serious flag makes it "low", any other flag at most "middle"), so an area is
   never summed up as working when one answer in it matters on its own. The lowest statements
   are the three with the lowest answers on the scale (a `reverse` one flipped; ties in page
   order), leaving out any answered at the top. The notes are the result's, serious ones
   first (rule 6). The phrases offered are those of the areas the result names (weakest and
   also), in page order, and none when a serious flag shows (rule 6).
"""

from __future__ import annotations

from .model import (
    SAFETY_NO,
    SAFETY_YES,
    AreaSummary,
    Band,
    Checklist,
    Group,
    Item,
    Result,
    Summary,
)

HIGH, LOW = (3, 4), (1, 2)  # rule 7: shares of a group's possible points, as fractions


def points(checklist: Checklist, item: Item, value: int) -> int:
    """What one answer adds to the score."""
    if item.reverse:
        value = checklist.low_value + checklist.high_value - value
    return item.weight * value


def band_for(checklist: Checklist, total: int, ruled_out: set[str]) -> Band:
    """The band for a score, moved to the nearest allowed band when its own is ruled out."""
    allowed = [band for band in checklist.bands if band.id not in ruled_out]

    def distance(band: Band) -> int:
        return max(band.low - total, total - band.high, 0)

    return min(allowed, key=distance)  # min() keeps the first of equals: the band listed first


def weakest_group(checklist: Checklist, answers: dict[str, int]) -> Group | None:
    """The scored group with the smallest share of its possible points (ties: the first)."""
    weakest, best = None, None  # best: (points above the group's lowest, its range)
    for group in checklist.scored_groups:
        low, high = checklist.score_range(group.items)
        above = sum(points(checklist, i, answers[i.id]) for i in group.scored) - low
        # Compare fractions above/range by cross-multiplying: exact, and ties keep the first.
        if best is None or above * best[1] < best[0] * (high - low):
            best, weakest = (above, high - low), group
    return weakest


def blocks(result: Result) -> tuple[str, ...]:
    """Rule 6: the parts of a result in the order they are shown: "note:<statement>",
    "band:<band>", "advice:<group>" and "weakest-note" (empty without a band)."""
    if result.band is None:
        return ()

    def notes(serious: bool) -> list[str]:
        return [f"note:{item.id}" for item in result.notes
                if item.flag is not None and item.flag.serious == serious]

    shown = [*notes(True), f"band:{result.band.id}"]
    if not result.serious and result.weakest is not None:
        shown += [f"advice:{group.id}" for group in (result.weakest, *result.also)]
        shown.append("weakest-note")
    return (*shown, *notes(False))


def _check(checklist: Checklist, answers: dict[str, int]) -> None:
    known = {item.id: item for item in checklist.items}
    values = {choice.value for choice in checklist.choices}
    for item_id, value in answers.items():
        item = known.get(item_id)
        if item is None:
            raise ValueError(f"no statement `{item_id}` in checklist `{checklist.id}`")
        if value not in ({SAFETY_YES, SAFETY_NO} if item.safety else values):
            raise ValueError(f"{value!r} is not an answer to `{item_id}`")


def score(checklist: Checklist, answers: dict[str, int]) -> Result:
    """Score answers (statement id -> value; safety 1 yes, 0 no) by the rules above."""
    _check(checklist, answers)
    safety = answers.get(checklist.safety_item.id) == SAFETY_YES
    scored = checklist.scored_items
    answered = [item for item in scored if item.id in answers]
    if len(answered) < len(scored):
        return Result(safety, len(answered), len(scored), None, None, None, None)
    total = sum(points(checklist, item, answers[item.id]) for item in scored)
    score_band = band_for(checklist, total, set())
    if safety:
        return Result(True, len(answered), len(scored), total, score_band, None, None)
    flagged = tuple(item for item in scored if item.flagged_by(answers[item.id]))
    ruled_out = {band_id for item in flagged if item.flag for band_id in item.flag.rules_out}
    weakest = weakest_group(checklist, answers) if checklist.weakest else None
    also: tuple[Group, ...] = ()
    if checklist.weakest:
        named = {checklist.group_of(item).id for item in flagged}
        also = tuple(g for g in checklist.scored_groups if g.id in named and g is not weakest)
    return Result(False, len(answered), len(scored), total, score_band,
                  band_for(checklist, total, ruled_out), weakest, also, flagged)


LEVELS = ("high", "middle", "low")  # rule 7, best first


def _level(above: int, span: int, flags: list[bool]) -> str:
    """Rule 7: an area's level from its points above its lowest (exact fractions, by
    cross-multiplying), capped by its flags (True for a serious one)."""
    rank = 0 if above * HIGH[1] >= HIGH[0] * span else 2 if above * LOW[1] < LOW[0] * span else 1
    for serious in flags:
        rank = max(rank, 2 if serious else 1)
    return LEVELS[rank]


def summary(checklist: Checklist, answers: dict[str, int]) -> Summary | None:
    """Rule 7: what the session summary shows for these answers, or None."""
    result = score(checklist, answers)
    if checklist.summary is None or result.band is None:  # no band: safety Yes, or unanswered
        return None
    areas = []
    for group in checklist.scored_groups:
        low, high = checklist.score_range(group.items)
        above = sum(points(checklist, i, answers[i.id]) for i in group.scored) - low
        flags = [bool(i.flag and i.flag.serious) for i in result.flagged if i in group.scored]
        areas.append(AreaSummary(group, _level(above, high - low, flags), bool(flags)))
    top = checklist.high_value
    # (the answer on the scale, flipped when `reverse`; page order; the statement)
    ranked = sorted((points(checklist, item, answers[item.id]) // item.weight, index, item)
                    for index, item in enumerate(checklist.scored_items))
    lowest = tuple((item, answers[item.id]) for value, _, item in ranked if value < top)[:3]
    notes = tuple(item for key in blocks(result) if key.startswith("note:")
                  for item in result.notes if item.id == key[5:])
    named = () if result.serious or result.weakest is None else (result.weakest, *result.also)
    phrases = tuple(p for group in checklist.scored_groups if group in named and group.if_weakest
                    for p in group.if_weakest.phrases)
    return Summary(tuple(areas), lowest, notes, phrases)
