"""Crisis and emergency numbers: one data file, validated, ordered by region, with each line's
hours and the date its region was last checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .review import CRISIS_MONTHS, add_months, check_due
from .yamldata import FieldReader, LineDict, LineList, load_yaml

REGION_CODE = re.compile(r"^[A-Z]{2}$")
# What a browser's language tag may name: a country (ISO 3166) or an area (UN M49, "419").
AREA_CODE = re.compile(r"^(?:[A-Z]{2}|[0-9]{3})$")
# A clinic's phone: digits and spaces, optionally with a leading +.
PHONE = re.compile(r"^\+?[0-9][0-9 ]{1,18}[0-9]$")
# A crisis number as people write it: "116 123", a star code "*4141", "(011) 5275-1135".
CRISIS_NUMBER = re.compile(r"^[*+]?(?:[0-9]+|\([0-9]+\))(?:[ -]?[0-9]+)*$")
_DIAL_SEPARATORS = re.compile(r"[ ()-]")
_DIALLABLE = re.compile(r"^[*+]?[0-9]{2,15}$")
# The script behind the crisis lines' country choice; pages and embed twins that show the
# choice load it (main.html, embed.py).
CHOICE_SCRIPT = "assets/country-choice.js"
CHOICE_MARK = "data-crisis-choice"


def _dialled(number: str) -> str | None:
    """The digits to dial (a leading + or * kept), or None if `number` is not a phone number."""
    number = number.strip()
    dialled = _DIAL_SEPARATORS.sub("", number)
    return dialled if CRISIS_NUMBER.match(number) and _DIALLABLE.match(dialled) else None


def tel_href(number: str) -> str:
    """The `tel:` link for a number as written ("116 123" -> "tel:116123", "*4141" ->
    "tel:*4141"): separators dropped, a leading + or * kept. The only place tel: links are made;
    raises ValueError for anything that is not a phone number."""
    dialled = _dialled(number)
    if dialled is None:
        raise ValueError(f"{number!r} cannot be dialled")
    return "tel:" + dialled


def has_country_choice(html: str) -> bool:
    """Whether rendered HTML holds the crisis lines' country choice (so needs CHOICE_SCRIPT)."""
    return CHOICE_MARK in html


def sms_href(number: str) -> str:
    """The `sms:` link of a number that takes text messages ("85258" -> "sms:85258"); the only
    place sms: links are made. Raises ValueError for anything that is not a phone number."""
    dialled = _dialled(number)
    if dialled is None or dialled.startswith("*"):
        raise ValueError(f"{number!r} cannot take text messages")
    return "sms:" + dialled


@dataclass(frozen=True)
class CrisisLine:
    """A line to call (`number`) and/or to text (`text`); `hours` is None when it answers at
    any time of day or night, else the hours as text for the reader."""

    name: str
    number: str | None
    text: str | None
    hours: str | None
    note: str

    @property
    def tel(self) -> str | None:
        return tel_href(self.number) if self.number else None

    @property
    def sms(self) -> str | None:
        return sms_href(self.text) if self.text else None

    @property
    def always(self) -> bool:
        """Whether the line answers 24 hours a day, every day."""
        return self.hours is None


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    name: str  # what the number is for ("ambulance"), or "" when it is the one number

    @property
    def tel(self) -> str:
        return tel_href(self.number)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: tuple[EmergencyNumber, ...]  # empty: no verified number, so readers call their local one
    lines: tuple[CrisisLine, ...]
    checked: dt.date  # when its numbers were last checked against their sources
    covers: tuple[str, ...] = ()  # other region codes (ISO 3166, UN M49) a reader's browser may give
    line: int = 0  # where the region starts in the data file

    @property
    def emergency_tels(self) -> tuple[tuple[str, str], ...]:
        return tuple((n.number, n.tel) for n in self.emergency)


def every_line_always(regions: Iterable[Region]) -> bool:
    """Whether every line of these regions answers at any time (what a panel may promise)."""
    return all(line.always for region in regions for line in region.lines)


@dataclass(frozen=True)
class CrisisData:
    order: tuple[str, ...]  # the language's own order (`order_by_language`, else `order`)
    regions: dict[str, Region]

    def ordered(self, first: str | None = None) -> list[Region]:
        """Regions in display order: a clinic's region first, then the language's order."""
        codes = list(self.order)
        if first:
            codes.remove(first)
            codes.insert(0, first)
        return [self.regions[code] for code in codes]

    def review_notices(self, file: str, today: dt.date) -> list[str]:
        """Notices for regions checked more than 5 months ago; SiteDataError for any checked
        more than 6 months ago (see bondsite.review)."""
        notices = []
        for region in self.regions.values():
            notice = check_due(
                add_months(region.checked, CRISIS_MONTHS), today, file=file, line=region.line,
                what=f"checking the numbers of region {region.code}",
                fix="check every number of the region against its official source again, then"
                    " set its `checked:` to today's date.")
            if notice:
                notices.append(notice)
        return notices


def _number(r: FieldReader, value: Any, line: int) -> str:
    if not isinstance(value, str) or _dialled(value) is None:
        raise r.fail(line, f"{value!r} is not a phone number.",
                     'write the number in quotes: digits and spaces like "116 123", a star'
                     ' code like "*4141", or "(011) 5275-1135".')
    return value.strip()


def _emergency(r: FieldReader, value: Any, line: int, lang: str) -> EmergencyNumber:
    """An emergency number: a number alone, or `{number: "131", name: {en: ambulance}}`."""
    if isinstance(value, LineDict):
        block = r.block(value, line, "an emergency number", ("number", "name"))
        return EmergencyNumber(_number(r, block.get("number"), block.line_of("number")),
                               r.translated(block, "name", "an emergency number", lang))
    return EmergencyNumber(_number(r, value, line), "")


def _hours(r: FieldReader, entry: LineDict, lang: str) -> str | None:
    if entry.get("hours") == "always":
        return None
    if "hours" not in entry:
        raise r.fail(entry.line, "a crisis line has no `hours`.",
                     "write `hours: always` if it answers 24 hours a day, every day (checked"
                     " against its source), or the hours as text: `hours: {en: 8 am to"
                     " midnight, es: de 8:00 a 24:00}`.")
    return r.translated(entry, "hours", "a crisis line", lang)


def _line(r: FieldReader, item: Any, item_line: int, lang: str) -> CrisisLine:
    entry = r.block(item, item_line, "a crisis line", ("name", "hours", "note"),
                    ("number", "text"))
    if "number" not in entry and "text" not in entry:
        raise r.fail(entry.line, "a crisis line has neither `number` (to call) nor `text` (to"
                     " send a text message to).", 'add `number: "..."`, `text: "..."` or both.')
    number = _number(r, entry["number"], entry.line_of("number")) if "number" in entry else None
    text = _number(r, entry["text"], entry.line_of("text")) if "text" in entry else None
    if text is not None and text.startswith("*"):
        raise r.fail(entry.line_of("text"), f"{text!r} is a star code, which takes no text"
                     " messages.", "give `text:` the number people send messages to.")
    return CrisisLine(name=r.translated(entry, "name", "a crisis line", lang), number=number,
                      text=text, hours=_hours(r, entry, lang),
                      note=r.translated(entry, "note", "a crisis line", lang))


def _codes(r: FieldReader, value: Any, line: int, what: str) -> tuple[str, ...]:
    if not isinstance(value, LineList) or not all(
            isinstance(code, str) and AREA_CODE.match(code) for code in value):
        raise r.fail(line, f"`covers` of {what} must list region codes.",
                     'write codes in quotes, like `covers: ["DE", "FR", "419"]`.')
    return tuple(value)


def _region(r: FieldReader, code: str, block: Any, line: int, lang: str) -> Region:
    if not REGION_CODE.match(code):
        raise r.fail(line, f"region code `{code}` is not two capital letters.",
                     "use an ISO 3166 code such as GB, or EU.")
    what = f"region {code}"
    if not isinstance(block, LineDict):
        raise r.fail(line, f"{what} must be a block with name, emergency and lines.",
                     "indent its fields under the code.")
    r.block(block, line, what, ("name", "checked"), ("emergency", "lines", "covers"))
    emergency = block.get("emergency")
    if not isinstance(emergency, LineList):
        raise r.fail(block.line_of("emergency"), f"{what} needs its emergency number(s).",
                     'add `emergency: ["112"]`, or `emergency: []` when no number is verified'
                     " (the page then says to call the local one).")
    if not isinstance(block.get("lines"), LineList) or not block["lines"]:
        raise r.fail(block.line_of("lines"), f"{what} has no lines.",
                     "add at least one crisis line under `lines:`.")
    checked = block["checked"]
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        raise r.fail(block.line_of("checked"), f"`checked` of {what} is not a date.",
                     "write the day you checked its numbers, like `checked: 2026-12-03`.")
    return Region(code=code, name=r.translated(block, "name", what, lang),
                  emergency=tuple(_emergency(r, n, n_line, lang) for n, n_line
                                  in zip(emergency, emergency.item_lines, strict=True)),
                  lines=tuple(_line(r, item, item_line, lang)
                              for item, item_line in r.entries(block, "lines", what)),
                  checked=checked, line=line,
                  covers=_codes(r, block["covers"], block.line_of("covers"), what)
                  if "covers" in block else ())


def _order(r: FieldReader, value: Any, line: int, regions: dict[str, Region], key: str) -> tuple[str, ...]:
    if not isinstance(value, LineList) or sorted(map(str, value)) != sorted(regions):
        raise r.fail(line, f"`{key}` must list every region exactly once.",
                     f"set it to [{', '.join(regions)}] in the order to show them.")
    return tuple(value)


def parse_crisis_data(data: Any, file: str, lang: str = "en") -> CrisisData:
    """Validate the crisis data and resolve its texts and order for `lang` (English texts
    where a language has none)."""
    r = FieldReader(file)
    if not isinstance(data, LineDict):
        raise r.fail(None, "the file must be a mapping with `order` and `regions`.",
                     "start from the example in CONTRIBUTING.md.")
    r.block(data, 1, "the crisis lines", ("order", "regions"), ("order_by_language",))
    regions_block = data["regions"]
    if not isinstance(regions_block, LineDict) or not regions_block:
        raise r.fail(data.line_of("regions"), "`regions` is missing or empty.",
                     "add at least one region under `regions:`.")
    regions = {code: _region(r, code, block, regions_block.line_of(code), lang)
               for code, block in regions_block.items()}
    order = _order(r, data["order"], data.line_of("order"), regions, "order")
    by_language = data.get("order_by_language", LineDict())
    if not isinstance(by_language, LineDict):
        raise r.fail(data.line_of("order_by_language"), "`order_by_language` must map languages"
                     " to an order.", "write it like `order_by_language: {es: [ES, MX, US]}`.")
    for language, value in by_language.items():
        own = _order(r, value, by_language.line_of(language), regions,
                     f"order_by_language.{language}")
        if language == lang:
            order = own
    return CrisisData(order=order, regions=regions)


def load_crisis_data(path: Path, display_name: str | None = None, lang: str = "en") -> CrisisData:
    name = display_name or str(path)
    return parse_crisis_data(load_yaml(path, name), name, lang)
