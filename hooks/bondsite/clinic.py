"""A clinic's white-label profile: `extra.clinic` validated, its brand stylesheet and its logo."""

# A profile is profiles/<name>/mkdocs.yml: `INHERIT:` the root config, then `extra.clinic` and
# `extra.region`. Everything here ends up in pages, so every field is checked before use:
# links must be https, the phone digits and spaces, the colour #rrggbb and dark enough for
# white text (the header) and as link text on white (4.5:1, WCAG AA).

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .crisis import PHONE, tel_href
from .errors import SiteDataError
from .urls import is_https
from .yamldata import FieldReader, LineDict, config_lines

FIELDS = ("name", "website", "phone", "booking", "logo", "brand_colour")
NAME_LENGTH = 80
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
LOGO_MAX_BYTES = 100_000
SVG_ACTIVE = re.compile(r"<script|javascript:|\son[a-z]+\s*=|<foreignObject", re.I)
STYLESHEET = "assets/clinic.css"
LOGO = "assets/clinic-logo"


@dataclass(frozen=True)
class Clinic:
    """A validated clinic: name, contact links and optional logo and brand colour."""

    name: str
    website: str = ""
    phone: str = ""
    booking: str = ""
    logo: Path | None = None
    brand_colour: str = ""

    @property
    def logo_path(self) -> str:
        """Where the logo is published, from the site root (empty without a logo)."""
        return LOGO + self.logo.suffix.lower() if self.logo else ""

    def view(self) -> dict[str, str]:
        """Plain texts for templates (they still escape every one)."""
        return {"name": self.name, "website": self.website, "phone": self.phone,
                "tel": tel_href(self.phone) if self.phone else "",
                "booking": self.booking, "logo": self.logo_path}


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio between white and a #rrggbb colour (1 to 21)."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def brand_stylesheet(colour: str) -> str:
    """The generated stylesheet that gives the header and links the clinic's colour."""
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    return ("/* Generated from the profile's extra.clinic.brand_colour. */\n"
            f":root {{\n  --md-primary-fg-color: {colour};\n"
            f"  --md-primary-fg-color--light: {colour};\n"
            f"  --md-primary-fg-color--dark: {colour};\n}}\n")


class _Fields:
    """`extra.clinic` read with the site's one field reader (yamldata.FieldReader), errors at
    the field's line in the profile, else at `clinic:`."""

    def __init__(self, raw: dict[str, Any], file: str, lines: dict[str, int]) -> None:
        self.reader = FieldReader(file)
        self.raw = LineDict(raw)
        self.raw.line = lines.get("extra.clinic") or 0
        self.raw.key_lines = {str(key): line for key in raw
                              if (line := lines.get(f"extra.clinic.{key}"))}

    def fail(self, key: str | None, problem: str, fix: str) -> SiteDataError:
        return self.reader.fail(self.raw.line_of(key) if key else self.raw.line or None,
                                problem, fix)

    def text(self, key: str) -> str:
        """An optional one-line text field ("" when absent)."""
        value = self.reader.text(self.raw, key, "`extra.clinic`", default="")
        if re.search(r"[\x00-\x1f\x7f]", str(self.raw.get(key, "")).strip()):
            raise self.fail(key, f"`extra.clinic.{key}` contains control characters.",
                            "write it on one line, as plain text.")
        return value

    def https(self, key: str) -> str:
        """An optional https address ("" when absent)."""
        value = self.text(key)
        if not value:
            return ""
        if not is_https(value):
            raise self.fail(key, f"`extra.clinic.{key}` is {value!r}, not an https address.",
                            f"write the full address, like `{key}: https://example.org/`.")
        return value


def parse_clinic(raw: Any, file: str, lines: dict[str, int], profile_dir: Path) -> Clinic | None:
    """Validate `extra.clinic` (None when the site has no clinic), or raise SiteDataError."""
    if raw is None or raw == {}:
        return None
    if not isinstance(raw, dict):
        raise SiteDataError(file, lines.get("extra.clinic"), "`extra.clinic` must be a block of"
                            f" fields, not {raw!r}.", "indent `name:`, `website:`, `phone:` ... under"
                            " `clinic:`.")
    fields = _Fields(raw, file, lines)
    fields.reader.block(fields.raw, fields.raw.line, "`extra.clinic`", (), FIELDS)
    name = fields.text("name")
    if not name:
        raise fields.fail(None, "`extra.clinic` has no `name`: pages would show contact details"
                          " without saying whose they are.",
                          'add `name: "Your clinic\'s name"` under `clinic:`.')
    if len(name) > NAME_LENGTH:
        raise fields.fail("name", f"the clinic's name is {len(name)} characters long.",
                          f"use at most {NAME_LENGTH}: it is shown in the footer and the checklists.")
    phone = fields.text("phone")
    if phone and not PHONE.match(phone):
        raise fields.fail("phone", f"`extra.clinic.phone` is {phone!r}, not a phone number.",
                          'write it in quotes, digits and spaces only, like "+44 20 7946 0000".')
    return Clinic(name=name, website=fields.https("website"), phone=phone,
                  booking=fields.https("booking"), logo=_logo(fields, profile_dir),
                  brand_colour=_colour(fields))


def _colour(fields: _Fields) -> str:
    """The brand colour, lower-case, if it is #rrggbb and dark enough for white text."""
    if "brand_colour" in fields.raw and fields.raw["brand_colour"] is None:
        raise fields.fail("brand_colour", "`extra.clinic.brand_colour` is empty.",
                          'put the colour in quotes, like `brand_colour: "#00695c"` (without quotes,'
                          " YAML reads `#` as the start of a comment).")
    colour = fields.text("brand_colour")
    if not colour:
        return ""
    if not HEX_COLOUR.match(colour):
        raise fields.fail("brand_colour", f"`extra.clinic.brand_colour` is {colour!r}, not a"
                          " #rrggbb colour.", 'write six hex digits in quotes, like "#00695c".')
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise fields.fail("brand_colour", f"white text on {colour} has a contrast of {ratio:.2f}:1,"
                          f" below the {MIN_CONTRAST}:1 that readers need (WCAG AA).",
                          "pick a darker shade of the colour (the header text is white, and links"
                          " use the colour on a white page).")
    return colour.lower()


def _logo(fields: _Fields, profile_dir: Path) -> Path | None:
    """The logo file, if it exists, is an accepted image type and small, and runs no script."""
    value = fields.text("logo")
    if not value:
        return None
    path = (profile_dir / value).resolve()
    if path.suffix.lower() not in LOGO_TYPES:
        raise fields.fail("logo", f"the logo {value!r} is not an image file the site accepts.",
                          f"use one of {', '.join(LOGO_TYPES)}.")
    if not path.is_file():
        raise fields.fail("logo", f"the logo file {path} does not exist.",
                          "give its path relative to the profile's folder, like `logo: logo.svg`.")
    data = path.read_bytes()
    if len(data) > LOGO_MAX_BYTES:
        raise fields.fail("logo", f"the logo is {len(data)} bytes.",
                          f"use a file under {LOGO_MAX_BYTES // 1000} KB.")
    if path.suffix.lower() == ".svg" and SVG_ACTIVE.search(data.decode("utf-8", "replace")):
        raise fields.fail("logo", "the SVG logo contains scripts, event handlers or embedded HTML.",
                          "export a plain SVG (shapes and text only) or use a PNG.")
    return path


def from_config(raw: Any, config_file: Path, root: Path) -> Clinic | None:
    """`extra.clinic` of the config in `config_file`, validated; errors name it from `root`."""
    if raw is None or raw == {}:
        return None  # the main site: no need to read the config for line numbers
    try:
        name = config_file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = str(config_file)
    return parse_clinic(raw, name, config_lines(config_file), config_file.parent)


def write_assets(site_dir: Path, clinic: Clinic) -> list[Path]:
    """Publish the clinic's brand stylesheet and logo into the built site."""
    written = []
    if clinic.brand_colour:
        path = site_dir / STYLESHEET
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(brand_stylesheet(clinic.brand_colour), encoding="utf-8")
        written.append(path)
    if clinic.logo:
        path = site_dir / clinic.logo_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(clinic.logo.read_bytes())
        written.append(path)
    return written
