"""Crisis and emergency numbers: one data file, validated, ordered by region."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .yamldata import FieldReader, LineDict, LineList, load_yaml

REGION_CODE = re.compile(r"^[A-Z]{2}$")
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


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    note: str

    @property
    def tel(self) -> str:
        return tel_href(self.number)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: tuple[str, ...]  # empty: no verified number, so readers call their local one
    lines: tuple[CrisisLine, ...]

    @property
    def emergency_tels(self) -> tuple[tuple[str, str], ...]:
        return tuple((n, tel_href(n)) for n in self.emergency)


@dataclass(frozen=True)
class CrisisData:
    order: tuple[str, ...]
    regions: dict[str, Region]
    first: str | None = None  # the region a language puts first (Spain for Spanish)

    def ordered(self, first: str | None = None) -> list[Region]:
        """Regions in display order: a clinic's region first, else the language's, else `order`."""
        codes = list(self.order)
        first = first or self.first
        if first:
            codes.remove(first)
            codes.insert(0, first)
        return [self.regions[code] for code in codes]


def _number(r: FieldReader, value: Any, line: int) -> str:
    if not isinstance(value, str) or _dialled(value) is None:
        raise r.fail(line, f"{value!r} is not a phone number.",
                     'write the number in quotes: digits and spaces like "116 123", a star'
                     ' code like "*4141", or "(011) 5275-1135".')
    return value.strip()


def _region(r: FieldReader, code: str, block: Any, line: int, lang: str) -> Region:
    if not REGION_CODE.match(code):
        raise r.fail(line, f"region code `{code}` is not two capital letters.",
                     "use an ISO 3166 code such as GB, or EU.")
    what = f"region {code}"
    if not isinstance(block, LineDict):
        raise r.fail(line, f"{what} must be a block with name, emergency and lines.",
                     "indent its fields under the code.")
    r.block(block, line, what, ("name",), ("emergency", "lines"))
    emergency = block.get("emergency")
    if not isinstance(emergency, LineList):
        raise r.fail(block.line_of("emergency"), f"{what} needs its emergency number(s).",
                     'add `emergency: ["112"]`, or `emergency: []` when no number is verified'
                     " (the page then says to call the local one).")
    if not isinstance(block.get("lines"), LineList) or not block["lines"]:
        raise r.fail(block.line_of("lines"), f"{what} has no lines.",
                     "add at least one crisis line under `lines:`.")
    lines = []
    for item, item_line in r.entries(block, "lines", what):
        entry = r.block(item, item_line, "a crisis line", ("name", "number", "note"))
        lines.append(CrisisLine(name=r.translated(entry, "name", "a crisis line", lang),
                                number=_number(r, entry.get("number"), entry.line_of("number")),
                                note=r.translated(entry, "note", "a crisis line", lang)))
    return Region(code=code, name=r.translated(block, "name", what, lang),
                  emergency=tuple(_number(r, n, n_line) for n, n_line
                                  in zip(emergency, emergency.item_lines, strict=True)),
                  lines=tuple(lines))


def parse_crisis_data(data: Any, file: str, lang: str = "en") -> CrisisData:
    """Validate the crisis data and resolve its texts for `lang` (English where missing)."""
    r = FieldReader(file)
    if not isinstance(data, LineDict):
        raise r.fail(None, "the file must be a mapping with `order` and `regions`.",
                     "start from the example in CONTRIBUTING.md.")
    r.block(data, 1, "the crisis lines", ("order", "regions"), ("checked", "first_by_language"))
    regions_block = data["regions"]
    if not isinstance(regions_block, LineDict) or not regions_block:
        raise r.fail(data.line_of("regions"), "`regions` is missing or empty.",
                     "add at least one region under `regions:`.")
    regions = {code: _region(r, code, block, regions_block.line_of(code), lang)
               for code, block in regions_block.items()}
    order = data["order"]
    if not isinstance(order, LineList) or sorted(map(str, order)) != sorted(regions):
        raise r.fail(data.line_of("order"), "`order` must list every region exactly once.",
                     f"set `order: [{', '.join(regions)}]` in the order to show them.")
    first = data.get("first_by_language", LineDict())
    if not isinstance(first, LineDict) or any(code not in regions for code in first.values()):
        raise r.fail(data.line_of("first_by_language"),
                     "`first_by_language` must map languages to known region codes.",
                     "write it like `first_by_language: {es: ES}`.")
    return CrisisData(order=tuple(order), regions=regions, first=first.get(lang))


def load_crisis_data(path: Path, display_name: str | None = None, lang: str = "en") -> CrisisData:
    name = display_name or str(path)
    return parse_crisis_data(load_yaml(path, name), name, lang)
