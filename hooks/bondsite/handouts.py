"""Printable handouts: a blank A4 PDF of each checklist, in each language, for clinics' desks,
and of each checklist's session summary (a form to fill in by hand, handout-summary.html).

Each handout is HTML rendered from overrides/handout.html (statements with answer boxes, the
privacy and not-a-diagnosis notes, short crisis help, the page's address and a QR code of it),
printed to PDF by headless Chromium. Everything is inline (styles, the QR code as a PNG data
URI), so printing needs no network. PDFs are cached by the hash of their HTML, so a rebuild that
changed nothing prints nothing.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import cache
from .context import PageRecord, SiteContext
from .crisis import Region
from .errors import SiteDataError
from .urls import folder_of, relative

TEMPLATE = "handout.html"
SUMMARY_TEMPLATE = "handout-summary.html"
FOLDER = "handouts/"
# Bump when the way a PDF is made changes without the HTML changing (flags, Chromium options).
RECIPE = "chromium-print-1"
REGIONS_SHOWN = 2  # crisis help on paper stays short; the address of the full list follows
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--no-default-browser-check",
                  "--no-pdf-header-footer", "--disable-extensions", "--mute-audio")
INSTALL_HINT = ("install Chromium (Debian or Ubuntu: `apt-get install chromium`), or set CHROMIUM "
                "to its path. `./dev test` and .ci/run install it for you.")


def dest(lang: str, name: str) -> str:
    """Where a handout is written, like `handouts/en/bond-check.pdf`; `name` is a checklist's
    id, or its summary_name."""
    return f"{FOLDER}{lang}/{name}.pdf"


def summary_name(checklist_id: str) -> str:
    """The name of a checklist's blank session summary, like `bond-check-summary`."""
    return f"{checklist_id}-summary"


def link_href(lang: str, name: str, page_url: str) -> str:
    """The handout's address relative to the page at `page_url` (like `bond-check/`)."""
    return relative(dest(lang, name), folder_of(page_url))


def link_html(href: str, words: Mapping[str, str]) -> str:
    """The "Print a blank copy" link placed after a checklist."""
    return (f'<p class="handout-link" data-handout-link><a href="{html.escape(href)}"'
            f' type="application/pdf">{html.escape(words["handout_link"])}</a>'
            f' ({html.escape(words["handout_kind"])})</p>')


LINK = re.compile(r'<p class="handout-link" data-handout-link>.*?</p>', re.S)


def without_link(html_text: str) -> str:
    """Page HTML without its "Print a blank copy" links: the embed twins leave them out, which
    keeps an embedded checklist within its byte budget."""
    return LINK.sub("", html_text)


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as a PNG data URI: 8 px per module with the standard quiet zone, so
    it prints sharp and a phone reads it from a sheet of paper."""
    import segno  # only when a PDF is printed: importing it costs 30 ms a build otherwise

    return segno.make(url, error="m", micro=False).png_data_uri(scale=8, border=4)


@dataclass(frozen=True)
class Document:
    """A handout's HTML with a stand-in for its QR code, which is drawn only when the PDF must
    be printed (drawing it costs more than the rest of the handout's work in a warm build)."""

    html: str
    qr_url: str

    def full(self) -> str:
        """The HTML to print, with the QR code in place."""
        return self.html.replace(QR_STAND_IN, qr_data_uri(self.qr_url))


QR_STAND_IN = "data:image/png;base64,QR-CODE"


def render(env: jinja2.Environment, checklist: Any, *, page_url: str, regions: Sequence[Region],
           help_url: str, words: Mapping[str, str], site_name: str,
           clinic_name: str | None, template: str = TEMPLATE) -> Document:
    """The handout for one checklist (`checklist` is a validated definition), or with
    SUMMARY_TEMPLATE its blank session summary; its QR code encodes `page_url`, which the
    handout also prints, so the HTML still identifies the PDF."""
    return Document(env.get_template(template).render(
        checklist=checklist, page_url=page_url, qr=QR_STAND_IN,
        regions=list(regions)[:REGIONS_SHOWN], help_url=help_url, words=words,
        site_name=site_name, clinic_name=clinic_name), page_url)


def documents(env: jinja2.Environment, context: SiteContext) -> list[tuple[str, Document]]:
    """(destination, handout) of each checklist a page of this language places, and of each
    one's blank session summary."""
    made = []
    for checklist_id, page_url in sorted(context.checklist_pages.items()):
        checklist = context.checklists[checklist_id]
        kinds = [(checklist_id, TEMPLATE)]
        if checklist.summary is not None:
            kinds.append((summary_name(checklist_id), SUMMARY_TEMPLATE))
        made += [(dest(context.lang, name), render(
            env, checklist, page_url=context.site_url + page_url, regions=context.regions,
            help_url=context.site_url + context.help_page, words=context.words,
            site_name=context.site_name, clinic_name=context.clinic_name, template=template))
            for name, template in kinds]
    return made


def chromium_or_notice(*, serving: bool, strict: bool) -> tuple[str | None, str | None]:
    """Chromium's path, or why there is none: (None, notice) when the build can go on without
    handouts (`mkdocs serve`, or a build that is not strict); SiteDataError otherwise."""
    found = find_chromium()
    if found:
        return found, None
    notice = "printable handouts skipped: Chromium is not installed (" + INSTALL_HINT + ")"
    if serving or not strict:
        return None, notice
    raise SiteDataError(f"overrides/{TEMPLATE}", None,
                        "the strict build makes the checklists' printable PDFs with Chromium, "
                        "which is not installed.", INSTALL_HINT)


def find_chromium() -> str | None:
    """Chromium's path: $CHROMIUM when it is set (and nothing else then), else Debian's
    /usr/bin/chromium, else one on PATH; None when there is none."""
    configured = os.environ.get("CHROMIUM")
    candidates = [configured] if configured else [
        "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


def print_pdf(chromium: str, document: str, out: Path) -> None:
    """Print one HTML document to a PDF with headless Chromium (a fresh profile each time, so
    parallel builds do not share one)."""
    with tempfile.TemporaryDirectory(prefix="handout-") as work:
        source = Path(work) / "handout.html"
        source.write_text(document, encoding="utf-8")
        target = Path(work) / "handout.pdf"
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work}/profile",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SiteDataError(TEMPLATE, None, f"Chromium could not print a handout: {error}.",
                                INSTALL_HINT) from None
        if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise SiteDataError(f"overrides/{TEMPLATE}", None,
                                f"Chromium did not print the handout (exit {done.returncode}):"
                                f" {done.stderr.strip()[-300:]}", INSTALL_HINT)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, out)


@dataclass
class Report:
    """What writing the handouts did, for the build log and the benchmark."""

    written: list[str] = field(default_factory=list)
    printed: int = 0  # PDFs Chromium made (the rest came from the cache)
    seconds: float = 0.0

    def summary(self) -> str:
        cached = len(self.written) - self.printed
        return (f"handouts: {len(self.written)} PDFs ({self.printed} printed, {cached} from the"
                f" cache) in {self.seconds:.3f} s")


def _print_to(chromium: str, document: Document, path: Path) -> None:
    print_pdf(chromium, document.full(), path)


def print_all(site_dir: Path, documents: Iterable[tuple[str, Document]], *, chromium: str,
              folder: Path | None = None) -> Report:
    """Write each (destination, handout) as a PDF, printing only what the cache does not hold
    (the key is the handout's HTML and the address its QR code encodes)."""
    started, report = time.perf_counter(), Report()
    for destination, document in documents:
        key = hashlib.sha256(f"{RECIPE}\n{document.qr_url}\n{document.html}".encode()).hexdigest()
        cached, printed = cache.fetch(
            f"{key}.pdf", functools.partial(_print_to, chromium, document), folder)
        report.printed += printed
        out = site_dir / destination
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, out)
        report.written.append(destination)
    report.seconds = time.perf_counter() - started
    return report


def write(site_dir: Path, env: jinja2.Environment, context: SiteContext,
          records: Sequence[PageRecord]) -> Report | None:
    """Print the handouts of the checklists this language's pages place (None: no Chromium in
    this build, so none; `mkdocs serve` says so once)."""
    if context.chromium is None:
        return None
    return print_all(site_dir, documents(env, context), chromium=context.chromium)
