"""Feedback without an account: a `mailto:` link on every page, with the page filled in.

The address is `extra.feedback_email` in mkdocs.yml (a clinic's profile may set its own). No form,
no tracking: the reader's own mail program opens with the page's title and address written in,
and nothing leaves their device until they send the message themselves.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from .errors import SiteDataError
from .yamldata import config_setting

KEY = "feedback_email"
# A deliberately plain address: local part, @, a domain with at least one dot; no spaces,
# commas or query characters, which would let one value smuggle more recipients or headers.
ADDRESS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                     r"[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def check_address(value: object, config_files: list[Path], root: Path) -> str:
    """`extra.feedback_email` as a valid address, or SiteDataError with the file and line
    (`config_files`: the config being built, then the one it inherits)."""
    if isinstance(value, str) and ADDRESS.match(value.strip()):
        return value.strip()
    file, line = config_setting(config_files, f"extra.{KEY}", root)
    problem = (f"`extra.{KEY}` is missing." if not value else
               f"`extra.{KEY}` ({value!r}) is not an email address.")
    raise SiteDataError(file, line, problem,
                        f"set `{KEY}: team@your-domain.org` under `extra:` to an inbox the "
                        "maintainers read (see README, 'Feedback').")


def mailto(address: str, *, subject: str, body: str) -> str:
    """A `mailto:` URL with the subject and body percent-encoded (spaces as %20, per RFC 6068)."""
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def page_link(address: str, words: dict[str, str], *, title: str, url: str) -> str:
    """The "Report a problem" link for one page, from this language's words."""
    return mailto(address, subject=words["feedback_subject"].format(title=title),
                  body=words["feedback_body"].format(url=url, title=title))
