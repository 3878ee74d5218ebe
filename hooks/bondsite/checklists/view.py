"""The view: a Checklist as HTML (through the theme's Jinja template) plus the data the
browser script needs. Builder-free: the caller passes a template environment and a URL
resolver, so any static-site builder can use it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2

from ..crisis import Region, every_line_always
from ..errors import SiteDataError
from ..pagemeta import script_safe_json
from ..templates import MODULES_SCRIPT
from .model import SAFETY_NO, SAFETY_YES, Checklist, Choice, Step

TEMPLATE = "partials/checklist.html"
SCRIPT = "assets/checklist.js"
NOTE_MAX = 500  # characters in the session summary's note: it still prints on one page


def _href(checklist: Checklist, step: Step, url_for: Callable[[str], str | None]) -> str:
    path, _, anchor = step.page.partition("#")
    url = url_for(path)
    if url is None:
        raise SiteDataError(checklist.source, step.line, f"`page: {step.page}` is not a page of"
                            " the site.", "use the path of a Markdown file under docs/, like"
                            " `your-first-sessions.md`.")
    return f"{url}#{anchor}" if anchor else url


def script_data(checklist: Checklist) -> dict[str, Any]:
    """What checklist.js needs: the scoring rules (see score.py) and the texts it fills in."""
    groups = checklist.scored_groups
    band_index = {band.id: index for index, band in enumerate(checklist.bands)}
    items = []
    for index, group in enumerate(groups):
        for item in group.scored:
            entry: dict[str, Any] = {"id": item.id, "g": index, "w": item.weight,
                                     "r": int(item.reverse)}
            if item.flag:
                entry["f"] = list(item.flag.answers)
                entry["x"] = [band_index[band_id] for band_id in item.flag.rules_out]
                entry["n"] = int(item.flag.note is not None)
                entry["s"] = int(item.flag.serious)
            items.append(entry)
    return {
        "lo": checklist.low_value,
        "hi": checklist.high_value,
        "safety": checklist.safety_item.id,
        "items": items,
        "groups": [{"id": group.id, "title": group.title} for group in groups],
        "bands": [{"id": band.id, "low": band.low, "high": band.high, "title": band.title}
                  for band in checklist.bands],
        "weakest": checklist.weakest is not None,
        "summary": checklist.summary is not None,
        "text": {
            **{key: checklist.labels[key] for key in
               ("progress", "result_status", "not_answered", "answer_line", "copied",
                "copy_failed")},
            "crisis_notice": checklist.crisis.notice,
            "safety_title": checklist.safety_result.title,
            "weakest_status": checklist.weakest.status if checklist.weakest else "",
            "weakest_also": checklist.weakest.also if checklist.weakest else "",
            "summary_none": checklist.summary.none if checklist.summary else "",
            "summary_copied": checklist.summary.copied if checklist.summary else "",
        },
    }


def render(checklist: Checklist, env: jinja2.Environment, regions: list[Region],
           url_for: Callable[[str], str | None], clinic: Mapping[str, str] | None, *,
           address: str = "", pdf_href: str = "", words: Mapping[str, str] | None = None) -> str:
    """The checklist's HTML. `url_for` resolves next-step pages and the script's URL; `clinic`
    is a validated clinic profile's view (bondsite.clinic.Clinic.view) or None. The session
    summary shows `address` (the page's public address) and links to its blank PDF at
    `pdf_href` (none when "") with `words` (data/ui.yml)."""

    def links(steps: tuple[Step, ...]) -> list[str]:
        return [_href(checklist, step, url_for) if step.page else "" for step in steps]

    hrefs = {band.id: links(band.next_steps) for band in checklist.bands}
    hrefs["safety"] = links(checklist.safety_result.next_steps)
    note_hrefs = {item.id: links((item.flag.note,))[0]
                  for item in checklist.flagged_items if item.flag and item.flag.note}
    return env.get_template(TEMPLATE).render(
        checklist=checklist, regions=regions, every_line_always=every_line_always(regions),
        lang=checklist.lang, hrefs=hrefs,
        note_hrefs=note_hrefs, clinic=clinic or None,
        data_json=script_safe_json(script_data(checklist)), script_url=url_for(SCRIPT),
        modules_url=url_for(MODULES_SCRIPT),
        safety_choices=(Choice(checklist.labels["safety_yes"], SAFETY_YES),
                        Choice(checklist.labels["safety_no"], SAFETY_NO)),
        address=address, note_max=NOTE_MAX, pdf_href=pdf_href, pdf_words=words or {})

